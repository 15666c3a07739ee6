"""Fonts: a family name from fonts/ (or a .ttf path) in, reportlab font names out.

Each family lives in fonts/<Family>/<Family>-<Style>.ttf with its licence beside it.
Fonts are TrueType (glyf outlines), embedded and subset in every PDF by reportlab.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import BookletError, Problem, printable
from .resources import data_dir
from .schema import did_you_mean

STYLES = ("regular", "bold", "italic", "bolditalic")
_SUFFIX = {"regular": "regular", "book": "regular", "roman": "regular", "italic": "italic",
           "oblique": "italic", "bold": "bold", "bolditalic": "bolditalic", "boldoblique": "bolditalic"}


def _norm(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


@dataclass(frozen=True)
class Family:
    """The reportlab names of a family's four faces (a missing face uses the regular one)."""
    name: str
    regular: str
    bold: str
    italic: str
    bolditalic: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        return (self.bolditalic if bold and italic else self.bold if bold
                else self.italic if italic else self.regular)


def _faces(files) -> dict[str, Path]:
    faces = {}
    for f in files:
        stem = f.stem.split("-")[-1] if "-" in f.stem else "regular"
        style = _SUFFIX.get(stem.lower())
        if style:
            faces[style] = f
    return faces


@cache
def bundled() -> dict[str, tuple[str, dict[str, Path]]]:
    """normalised family name -> (folder name, {style: file})"""
    out = {}
    for folder in sorted(data_dir("fonts").iterdir()):
        faces = _faces(sorted(folder.glob("*.ttf"))) if folder.is_dir() else {}
        if "regular" in faces:
            out[_norm(folder.name)] = (folder.name, faces)
    return out


def family_names() -> list[str]:
    return [name for name, _ in bundled().values()]


def _find(ref: str | Path) -> tuple[str, dict[str, Path]]:
    if isinstance(ref, Path):
        stem = ref.stem.rsplit("-", 1)[0]
        faces = _faces(sorted(ref.parent.glob(f"{stem}-*.ttf")))
        faces.setdefault("regular", ref)
        return stem, faces
    found = bundled().get(_norm(ref))
    if found is None:
        names = family_names()
        raise BookletError(Problem(
            f"no font family named '{printable(ref)}' in fonts/",
            hint=did_you_mean(ref, names) or "bundled families: " + ", ".join(names) + "; or give a .ttf file"))
    return found


@cache
def register(ref: str | Path) -> Family:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name, faces = _find(ref)
    names = {}
    for style in STYLES:
        path = faces.get(style, faces["regular"])
        font_name = f"{name}-{style}" if style in faces else f"{name}-regular"
        if font_name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(font_name, str(path)))
            except (TTFError, OSError) as e:
                raise BookletError(Problem(f"cannot use this font: {e}", file=path,
                                           hint="use a TrueType .ttf font with glyf outlines (not a CFF .otf)")) from None
        names[style] = font_name
    pdfmetrics.registerFontFamily(names["regular"], normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bolditalic"])
    return Family(name, **names)


def covers(font_name: str, ch: str) -> bool:
    """Whether the registered font has a glyph for this character."""
    from reportlab.pdfbase import pdfmetrics
    return ord(ch) in pdfmetrics.getFont(font_name).face.charToGlyph
