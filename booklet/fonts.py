"""Fonts: a family name from fonts/ (or a .ttf path) in, reportlab font names out.

Each family lives in fonts/<Family>/<Family>-<Style>.ttf with its licence beside it.
Fonts are TrueType (glyf outlines), embedded and subset in every PDF by reportlab.
"""
from __future__ import annotations

import difflib
import re
import struct
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import BookletError, Problem, printable
from .resources import data_dir
from .schema import squeezed

STYLES = ("regular", "bold", "italic", "bolditalic")
_SUFFIX = {"regular": "regular", "book": "regular", "roman": "regular", "italic": "italic",
           "oblique": "italic", "bold": "bold", "bolditalic": "bolditalic", "boldoblique": "bolditalic"}


@dataclass(frozen=True)
class Family:
    """A family's four faces by reportlab name (a missing face uses the regular one). A face's
    file is read only when the face is first asked for: parsing a TrueType font is most of
    what starting a build costs, and most booklets use few faces."""
    name: str
    files: dict        # reportlab name -> path
    styles: dict       # style -> reportlab name

    @property
    def regular(self) -> str:
        return self.face()

    def face(self, bold: bool = False, italic: bool = False) -> str:
        font_name = self.styles[_style(bold, italic)]
        _load(font_name, self.files[font_name])
        return font_name

    def lacks(self, bold: bool, italic: bool) -> bool:
        """This weight is not a face of the family's own: its regular face stands in."""
        return (bold or italic) and self.styles[_style(bold, italic)] == self.styles["regular"]


def _style(bold: bool, italic: bool) -> str:
    return "bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


def _load(font_name: str, path: Path) -> None:
    if font_name in _loaded:              # (first: a face is asked for once a character placed)
        return
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFError

    from .shaping import to_unicode_cmap

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    try:
        import reportlab

        from .memo import remembered

        state = remembered("font", path, reportlab.Version, lambda: _parse(path))
        pdfmetrics.registerFont(_font(font_name, path, state))
    except (TTFError, OSError, struct.error, IndexError, KeyError, ValueError) as e:
        # (a cut-off file fails inside reportlab's reader as 'unpack requires a buffer of 2 bytes')
        if isinstance(e, (TTFError, OSError)):
            raise BookletError(Problem(f"cannot use this font: {e}", file=path,
                                       hint="use a TrueType .ttf font with glyf outlines (not a CFF .otf)")) from None
        raise BookletError(Problem("cannot use this font: the file is damaged or cut off", file=path,
                                   hint="copy or download the .ttf file again")) from None
    _loaded.add(font_name)


_loaded: set[str] = set()
_UNSAVED = ("_pdfScale", "_ttf_data")      # a function, and the file itself (read afresh)


def _parse(path: Path) -> dict:
    """A TrueType face's parsed tables (metrics, character map), as data to keep."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    class Face(TTFontFace):
        extractInfo = _extract_info

    face = Face(str(path))
    return {k: v for k, v in vars(face).items() if k not in _UNSAVED}


def _extract_info(self, charInfo=1) -> None:
    """reportlab's TTFontFile.extractInfo, the same attributes to the same values, with its
    character map (formats 4 and 12, which every bundled face has) and its metrics and glyph
    positions read a table at a time, not a number at a time: 2-3 ms a face instead of 4-9
    (a cold build reads five). Any other character map is read by reportlab."""
    from array import array

    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    data = self._ttf_data
    longs = "L" if array("L").itemsize == 4 else "I"

    def numbers(code: str, at: int, count: int) -> array:
        numbers = array(code, data[at:at + count * array(code).itemsize])
        if len(numbers) != count:
            raise struct.error("the table is cut off")
        if sys.byteorder == "little":
            numbers.byteswap()
        return numbers

    TTFontFile.extractInfo(self, 0)             # names, head, OS/2, post, hhea, maxp
    if not charInfo:
        return
    head, hhea = self.table["head"]["offset"], self.table["hhea"]["offset"]
    to_loca, glyph_format = struct.unpack_from(">hh", data, head + 50)
    if glyph_format != 0:
        raise TTFError(f"Unknown glyph data format ({glyph_format})")
    metrics, = struct.unpack_from(">H", data, hhea + 34)
    glyphs = self.numGlyphs
    cmap = self.table["cmap"]["offset"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):                      # reportlab's choice of subtable
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, enc = offset, 1
        elif platform == 1 and encoding == 0 and enc != 1:
            chosen, enc = offset, 2
    if chosen is None:
        raise TTFError("could not find a suitable cmap encoding")
    at = cmap + chosen
    fmt, = struct.unpack_from(">H", data, at)
    if fmt not in (4, 12):
        return TTFontFile.extractInfo(self, charInfo)
    to_glyph, to_chars = self.charToGlyph, self.glyphToChar = {}, {}

    def map_to(char: int, glyph: int) -> None:
        to_glyph[char] = glyph
        if glyph in to_chars:
            to_chars[glyph].append(char)
        else:
            to_chars[glyph] = [char]

    if fmt == 4:
        length, half = struct.unpack_from(">H", data, at + 2)[0], struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = numbers("H", at + 14, half)
        starts = numbers("H", at + 16 + 2 * half, half)
        deltas = numbers("H", at + 16 + 4 * half, half)
        ranges_at = at + 16 + 6 * half
        ranges = numbers("H", ranges_at, half)
        for n in range(half):
            first, delta, offset = starts[n], deltas[n], ranges[n]
            for char in range(first, ends[n] + 1):
                if offset == 0:
                    glyph = (char + delta) & 0xFFFF
                else:
                    where = ranges_at + 2 * n + offset + 2 * (char - first)
                    if where >= at + length:        # (reportlab's way with broken fonts)
                        glyph = 0
                    else:
                        glyph, = struct.unpack_from(">H", data, where)
                        if glyph:
                            glyph = (glyph + delta) & 0xFFFF
                map_to(char, glyph)
    else:
        groups = numbers(longs, at + 16, 3 * struct.unpack_from(">L", data, at + 12)[0])
        for n in range(0, len(groups), 3):
            first, step = groups[n], groups[n + 2] - groups[n]
            for char in range(first, groups[n + 1] + 1):
                map_to(char, char + step)
    scale = self._pdfScale
    pairs = numbers("H", self.table["hmtx"]["offset"], 2 * metrics)
    advances = pairs[0::2]
    lsbs = numbers("H", self.table["hmtx"]["offset"] + 4 * metrics, max(0, glyphs - metrics))
    last = scale(advances[-1])                  # (reportlab pairs the rest with it scaled)
    self.hmetrics = list(zip(advances, pairs[1::2])) + [(last, lsb) for lsb in lsbs]
    self.defaultWidth = scale(advances[0])
    widths = self.charWidths = {}
    for glyph in sorted(to_chars):
        if glyph < metrics:
            width = scale(advances[glyph])
        elif glyph < glyphs:
            width = last
        else:
            continue
        for char in to_chars[glyph]:
            widths[char] = width
    if "loca" not in self.table:
        raise TTFError("missing location table")
    loca = self.table["loca"]["offset"]
    if to_loca == 0:
        self.glyphPos = [x << 1 for x in numbers("H", loca, glyphs + 1)]
    elif to_loca == 1:
        self.glyphPos = list(numbers(longs, loca, glyphs + 1))
    else:
        raise TTFError(f"Unknown location table format ({to_loca})")
    self._pos = loca + (glyphs + 1) * (2 if to_loca == 0 else 4)
    if 0x20 in to_glyph:
        to_glyph[0xa0] = to_glyph[0x20]
        widths[0xa0] = widths[0x20]
    elif 0xa0 in to_glyph:
        to_glyph[0x20] = to_glyph[0xa0]
        widths[0x20] = widths[0xa0]


def _font(font_name: str, path: Path, state: dict):
    """reportlab's TTFont for a face parsed before: TTFont builds its face from our state
    instead of parsing the file again."""
    from reportlab.pdfbase import ttfonts

    from .shaping import ShapedTTFont

    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    face._ttf_data = path.read_bytes()
    scale = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
    parse = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *args, **kwargs: face
    try:
        return ShapedTTFont(font_name, str(path))
    finally:
        ttfonts.TTFontFace = parse


def _faces(files) -> dict[str, Path]:
    faces = {}
    for f in files:
        stem = f.stem.split("-")[-1] if "-" in f.stem else "regular"
        style = _SUFFIX.get(stem.lower())
        if style:
            faces[style] = f
    return faces


@cache
def bundled() -> dict[str, str]:
    """normalised family name -> folder name (its faces are looked for when it is used:
    looking in 55 folders cost `booklet layouts` 6 ms)"""
    return {squeezed(folder.name): folder.name for folder in sorted(data_dir("fonts").iterdir()) if folder.is_dir()}


@cache
def _bundled_faces(name: str) -> dict[str, Path]:
    return _faces(sorted((data_dir("fonts") / name).glob("*.ttf")))


def family_names() -> list[str]:
    return list(bundled().values())


def _find(ref: str | Path) -> tuple[str, dict[str, Path]]:
    if isinstance(ref, Path):
        stem = ref.stem.rsplit("-", 1)[0]
        faces = _faces(sorted(ref.parent.glob(f"{stem}-*.ttf")))
        faces.setdefault("regular", ref)
        return stem, faces
    name = bundled().get(squeezed(ref))
    faces = _bundled_faces(name) if name else {}
    if "regular" not in faces:
        raise BookletError(Problem(f"no font family named '{printable(ref)}' in fonts/", hint=unknown_hint(ref)))
    return name, faces


def is_bundled(name: str) -> bool:
    return squeezed(name) in bundled()


def unknown_hint(ref: str, also: list[str] = ()) -> str:
    """Advice for a font name that is not a bundled family (nor one of `also`): the one
    meant, compared without case or spaces and by its first word too ('Gentum' is
    GentiumBookPlus); else the families for text (not the fifty for other scripts)."""
    names = [*also, *family_names()]
    keys: dict[str, str | None] = {squeezed(n): n for n in names}
    for n in names:                    # a family's first word, when no other family shares it
        first = squeezed(re.match(r".[a-z]*", n).group())
        keys[first] = None if first in keys and keys[first] != n else n
    close = difflib.get_close_matches(squeezed(ref), [k for k, n in keys.items() if n], n=1, cutoff=0.7)
    if close:
        return f"did you mean '{keys[close[0]]}'?"
    text = [n for n in family_names() if not n.startswith("Noto") or n == "NotoSans"]
    return ("bundled families for text: " + ", ".join(text) + " (and a Noto font for each other script, in "
            "fonts/); or give a .ttf file")


@cache
def register(ref: str | Path) -> Family:
    """The family for a name or file. A file's regular face is checked at once (a broken or
    CFF font is reported here); the bundled families, and the other faces, are read when
    first used (the fallback font, 30 ms to parse, is needed only for a rare character)."""
    name, faces = _find(ref)
    files, styles = {}, {}
    for style in STYLES:
        font_name = f"{name}-{style}" if style in faces else f"{name}-regular"
        files[font_name] = faces.get(style, faces["regular"])
        styles[style] = font_name
    family = Family(name, files, styles)
    if isinstance(ref, Path):
        family.face()         # a font of the user's: a broken or CFF file is reported now
    return family
