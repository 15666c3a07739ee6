"""The pipeline, stage by stage: content folder and layout in, PDF booklet out."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .load import load_booklet
from .resources import example_content
from .select import select_comments
from .theme import load_theme
from .typography import smarten_booklet
from .validate import validate


@dataclass
class Result:
    pdf: Path
    pages: int
    bytes: int
    layout: str
    warnings: list[str] = field(default_factory=list)


def prepare(content_dir: Path | None = None, layout: str | None = None, typography: bool = True):
    """Everything short of layout: the content loaded, checked and selected, and the theme."""
    content_dir = Path(content_dir) if content_dir else example_content()
    booklet = load_booklet(content_dir)
    warnings = validate(booklet)
    booklet = select_comments(booklet)
    if booklet.smart_typography and typography:
        booklet = smarten_booklet(booklet)
    theme = load_theme(layout or booklet.layout or "classic")
    return booklet, theme, warnings


def build(content_dir: Path | None = None, layout: str | None = None,
          output: Path = Path("booklet.pdf")) -> Result:
    booklet, theme, warnings = prepare(content_dir, layout)

    from .compose import compose           # reportlab is imported only when we render
    from .render import render
    from .styles import Styles

    styles = Styles(theme)
    with tempfile.TemporaryDirectory(prefix="booklet-") as workdir:
        flowables, adjusted = compose(booklet, styles, Path(workdir))
        pages = render(flowables, booklet, styles, Path(output))
    warnings += adjusted + missing_glyphs(styles)
    return Result(Path(output), pages, Path(output).stat().st_size, theme.name, warnings)


def missing_glyphs(styles) -> list[str]:
    return [f"no bundled font has the character {ch}, used in {', '.join(sorted(w for w in where if w))};"
            " it prints as an empty box" for ch, where in sorted(styles.missing.items())]
