"""Impose stage: the reader PDF in, a printer PDF out: pages two-up on landscape sheets in
saddle-stitch order, to print duplex (flip on the short edge), fold and staple.

The page order is a pure function (`saddle_order`); pypdf places the pages.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BookletError, Problem
from .output import write_file
from .schema import UNITS

MM = UNITS["mm"]
# each sheet, landscape: (width, height); its name as printed; the page it takes at full size
SHEETS = {"a4": (297 * MM, 210 * MM), "letter": (11 * 72.0, 8.5 * 72.0),
          "a3": (420 * MM, 297 * MM), "tabloid": (17 * 72.0, 11 * 72.0)}
PAPER = {"a4": "A4", "letter": "Letter", "a3": "A3", "tabloid": "Tabloid (11 x 17 in)"}
HALF = {"a4": "A5", "letter": "half-letter", "a3": "A4", "tabloid": "letter"}
SMALLER = {"a3": "a4", "tabloid": "letter"}     # the office paper to print on instead, scaled


def padded(pages: int, back_cover: bool = False) -> list[int | None]:
    """Page numbers (1-based) padded with blanks (None) to a multiple of four. Blanks go at
    the end, or just before the last page when it is a back cover."""
    blanks = -pages % 4
    numbers: list[int | None] = list(range(1, pages + 1))
    if back_cover and pages > 1:
        return numbers[:-1] + [None] * blanks + numbers[-1:]
    return numbers + [None] * blanks


def saddle_order(pages: list[int | None]) -> list[tuple[tuple, tuple]]:
    """For each sheet, (front left, front right), (back left, back right): sheet 1's front
    carries the last page and the first, its back the second and the second-to-last."""
    n = len(pages)
    if n % 4:
        raise ValueError("pad the pages to a multiple of four first")
    sheets = []
    for i in range(n // 4):
        front = (pages[n - 1 - 2 * i], pages[2 * i])
        back = (pages[2 * i + 1], pages[n - 2 - 2 * i])
        sheets.append((front, back))
    return sheets


@dataclass
class Imposed:
    path: Path
    sheets: int
    sheet: str
    scale: float
    blanks: int
    full_size: str | None = None        # a sheet that would take the pages unscaled, if one would


def _full_size(page_w: float, page_h: float, sheet: str) -> str | None:
    """The larger paper of the sheet's kind (A3 for A4, Tabloid for Letter), if it takes two
    of these pages at full size (A5 landscape, on A3)."""
    larger = {small: large for large, small in SMALLER.items()}.get(sheet)
    return larger if larger and SHEETS[larger][0] / 2 >= page_w - 1 and SHEETS[larger][1] >= page_h - 1 else None


def default_sheet(page_w: float, page_h: float) -> str:
    """The sheet that takes two pages at full size: A5 on A4, A4 on A3, half-letter on
    Letter, Letter on Tabloid; other pages on the office paper (A4 or Letter) that wastes
    least, scaled to fit."""
    for name, (sw, sh) in SHEETS.items():
        if abs(sw / 2 - page_w) < 2 and abs(sh - page_h) < 2:
            return name
    def fit(name):
        sw, sh = SHEETS[name]
        return min(sw / 2 / page_w, sh / page_h)
    return max(("a4", "letter"), key=lambda name: (min(fit(name), 1.0), name == "a4"))


def impose(reader_pdf: Path, target: Path, sheet: str | None = None, creep: float = 0.0,
           back_cover: bool = False, rtl: bool = False) -> Imposed:
    """The printer's PDF; `rtl`: a booklet bound on the right (written right to left), each
    side's two pages the other way round, so that it folds with the fold on the right."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(str(reader_pdf))
    first = reader.pages[0]
    page_w, page_h = float(first.mediabox.width), float(first.mediabox.height)
    sheet = sheet or default_sheet(page_w, page_h)
    sheet_w, sheet_h = SHEETS[sheet]
    scale = min(1.0, sheet_w / 2 / page_w, sheet_h / page_h)
    w, h = page_w * scale, page_h * scale
    y = (sheet_h - h) / 2
    order = padded(len(reader.pages), back_cover)
    sheets = saddle_order(order)
    if creep and abs(creep) * len(sheets) > (sheet_w / 2 - w) + 0.25 * w:
        raise BookletError(Problem("the creep is larger than the page can take",
                                   hint="creep is the paper's thickness, e.g. --creep 0.1mm"))
    writer = PdfWriter()
    for index, sides in enumerate(sheets):
        shift = index * creep                              # inner sheets move outward (negative: inward)
        for left, right in sides:
            if rtl:
                left, right = right, left
            side = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
            for number, x in ((left, sheet_w / 2 - w - shift), (right, sheet_w / 2 + shift)):
                if number is not None:
                    side.merge_transformed_page(reader.pages[number - 1],
                                                Transformation().scale(scale).translate(x, y))
            writer.add_page(side)
    writer.add_metadata({"/Title": (reader.metadata or {}).get("/Title", "booklet") + " (for printing)",
                         "/Creator": "booklet"})
    write_file(target, writer.write)
    return Imposed(target, len(sheets), sheet, scale, order.count(None), _full_size(page_w, page_h, sheet))


GUIDE = """How to print {name}
{rule}
{pages} pages on {sheets} sheet{s} of {paper} paper per copy{blanks}.

1. Open {name} and choose Print.
2. Paper: {paper}, landscape. Scale: actual size (100%), not "fit to page".
3. Two-sided (duplex): flip on the SHORT edge.
4. Print. Keep the sheets in the order they come out.
5. Fold the stack in half, the crease from the top edge to the bottom edge, page 1 outside.
6. Staple twice along the fold (a long-reach stapler), or sew it. Done.
{copies}
Test with one copy first: page 2 should be on the back of page 1.
"""


def guide(imposed: Imposed, pages: int, copies: list[int] | None = None) -> str:
    """How to print an imposed file; with `copies` (each copy's sheets), of copies one after another."""
    paper = PAPER[imposed.sheet]
    blanks = f" ({imposed.blanks} blank page{'s' if imposed.blanks != 1 else ''} added to make a multiple of 4)" \
        if imposed.blanks else ""
    if imposed.scale < 0.999:
        larger = f"; or --sheet {imposed.full_size} prints them at full size, on {PAPER[imposed.full_size]}" \
            if imposed.full_size else ""
        blanks += (f".\nPages are scaled to {imposed.scale:.0%} to fit two on a sheet (a layout's"
                   f" 'page: {{size: {HALF[imposed.sheet]}}}' fills the sheet at full size{larger})")   # (GUIDE ends it)
    elif imposed.sheet in SMALLER:
        smaller = SMALLER[imposed.sheet]
        blanks += (f".\nNo {paper.split()[0]} paper? Build it with --sheet {smaller}: the pages are then "
                   f"scaled to {SHEETS[smaller][0] / SHEETS[imposed.sheet][0]:.0%} to fit {PAPER[smaller]}")
    name = imposed.path.name
    together = ""
    if copies and len(copies) > 1:
        least, most = min(copies), max(copies)
        sheets = f"{least} sheet{'s' if most != 1 else ''}" if least == most else f"{least} to {most} sheets"
        together = (f"\nThe {len(copies)} copies follow one another in {name}, {sheets} each ({sum(copies)} in "
                    "all): take each copy's sheets from the tray together, and fold and staple them on their own.\n")
    return GUIDE.format(name=name, rule="=" * (13 + len(name)), pages=pages + imposed.blanks, copies=together,
                        sheets=imposed.sheets, s="s" if imposed.sheets != 1 else "", paper=paper, blanks=blanks)
