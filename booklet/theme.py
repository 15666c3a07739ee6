"""Theme stage: a layout name or YAML file in, a checked `Theme` (plain dicts) out.

A theme may say `extends: classic` and change only what differs: the parent's mapping is
deep-merged under it. Every key is typed and described in `THEME` below; `booklet
layouts` and layouts/README.md are generated from that one schema.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import yamlfile
from .errors import BookletError, Problem, Problems, printable
from .resources import bundled_names, data_dir
from .schema import (INVALID, UNITS, Bool, Choice, Color, Ctx, Field, FilePath, Length, ListOf, Number, Points, Record,
                     Text, did_you_mean, meant, parse_color, points, resolve_inside, squeezed)
from .yamlfile import Node


# the kinds of section a booklet has (booklet.yaml's sections[].type), each laid out here
SECTION_KINDS = ("story", "quotes", "tributes", "comments", "photos", "gallery", "timeline", "schedule",
                 "questions")

PAGE_SIZES = {  # width x height in mm
    "A4": (210, 297), "A5": (148, 210), "A6": (105, 148),
    "Letter": (215.9, 279.4), "half-letter": (139.7, 215.9),
}

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_SIZE_ALIASES = {"usletter": "letter", "statement": "halfletter"}
_LANDSCAPE = re.compile(r"^\s*(?:(.+?)[\s,]+landscape|landscape\s+(.+?))\s*$", re.I)


class AllSides(Record):
    """The page's margins, each by name, or one length for all four ('margins: 2cm')."""

    def check(self, node, ctx):
        if node.kind in ("int", "float", "str"):
            value = Length().check(node, ctx)
            return value if value is INVALID else {side: value for side in self.fields}
        return super().check(node, ctx)


class PageSize(Text):
    name = "a page size: A4, A5, A6, Letter, half-letter, or width x height such as 148mm x 210mm"

    def check(self, node, ctx):
        text = super().check(node, ctx)
        if text is INVALID:
            return text
        m = _LANDSCAPE.match(text)
        if m:                                         # 'A5 landscape'
            size = self.check(Node(m.group(1) or m.group(2), "str", node.file, node.line), ctx)
            return size if size is INVALID else (max(size), min(size))
        key = meant(_SIZE_ALIASES.get(squeezed(text), text), PAGE_SIZES)     # 'Half Letter', 'US Letter', 'a 5'
        if key:
            w, h = PAGE_SIZES[key]
            return (w * UNITS["mm"], h * UNITS["mm"])
        m = _SIZE.match(text)
        if m and (m.group(2) or m.group(4)):     # '148mm x 210mm', or one unit for both: '5.5 x 8.5 in'
            w = float(m.group(1)) * UNITS[m.group(2) or m.group(4)]
            h = float(m.group(3)) * UNITS[m.group(4) or m.group(2)]
            if 72 <= w <= 72 * 40 and 72 <= h <= 72 * 40:
                return (w, h)
        if m and not (m.group(2) or m.group(4)):       # (small numbers are most likely inches)
            unit = "in" if max(float(m.group(1)), float(m.group(3))) < 30 else "mm"
            return ctx.fail(node, self.name, hint=f"give a unit: {m.group(1)}{unit} x {m.group(3)}{unit}")
        return ctx.fail(node, self.name, hint=did_you_mean(text, PAGE_SIZES))


class FontRef(Text):
    """A family name from fonts/, or a .ttf file relative to the theme's folder."""

    name = "a font family in fonts/ (e.g. Gentium Book Plus) or a .ttf file"

    def check(self, node, ctx):
        from . import fonts

        text = super().check(node, ctx)
        if text is INVALID:
            return text
        if text.lower().endswith((".ttf", ".otf")):
            path = FilePath((".ttf",)).check(node, ctx)
            kind = _font_kind(path) if path is not INVALID else "TrueType"
            if kind != "TrueType":
                return ctx.fail(node, "a TrueType font file", found=f"{kind} ('{printable(text, 60)}')",
                                hint="use the font's .ttf file (a font with PostScript outlines, or a web "
                                "font, cannot be embedded here)")
            return path
        if not fonts.is_bundled(text):
            return ctx.fail(node, self.name, hint=fonts.unknown_hint(text))
        return text


def _font_kind(path: Path) -> str:
    """What a font file holds, from its first four bytes: 'TrueType' or what else it is."""
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError:
        return "TrueType"         # (a file that cannot be read is reported when it is used)
    if magic in (b"\x00\x01\x00\x00", b"true"):
        return "TrueType"
    return {b"OTTO": "a font with PostScript (CFF) outlines", b"ttcf": "a font collection (.ttc)",
            b"wOFF": "a web font (WOFF)", b"wOF2": "a web font (WOFF2)"}.get(magic, "a file that is not a font")


ALIGN = Choice("left", "right", "center", "justify")

LEADING = (4, 200)          # points: the range a style's leading may take

STYLE = Record({
    "font": Field(Text(nonempty=True), "a font from `fonts` (serif, sans) or a family name in fonts/", "serif"),
    "bold": Field(Bool(), "set in the bold face", False),
    "italic": Field(Bool(), "set in the italic face", False),
    "size": Field(Points(4, 144), "type size in points", 10.0),
    "leading": Field(Points(*LEADING), "distance between baselines in points (default 1.3 x size; a size "
                     "changed in a layout that extends another keeps that one's proportion of leading to size)",
                     None),
    "color": Field(Text(nonempty=True), "a colour from `colors`, or a colour value", "text"),
    "align": Field(ALIGN, "left, right, center or justify", "left"),
    "space_before": Field(Length(), "space above", 0.0),
    "space_after": Field(Length(), "space below", 0.0),
    "indent_first": Field(Length(-200), "indent of a paragraph's first line", 0.0),
    "indent_left": Field(Length(), "indent of the left edge", 0.0),
    "indent_right": Field(Length(), "indent of the right edge", 0.0),
    "uppercase": Field(Bool(), "set in capitals", False),
}, doc="how one kind of text is set",
   also={"font_size": "size", "fontsize": "size", "font-size": "size", "line_height": "leading",
         "line-height": "leading", "line_spacing": "leading", "alignment": "align", "text_align": "align",
         "text-align": "align", "caps": "uppercase", "capitals": "uppercase", "indent": "indent_first",
         "font-family": "font", "font_family": "font", "family": "font", "typeface": "font"})

STYLE_NAMES = {
    "body": "the story's paragraphs",
    "heading": "section headings",
    "subheading": "headings inside the story (## in Markdown)",
    "title": "the title on the cover",
    "subtitle": "the subtitle on the cover",
    "cover_note": "the line set apart under the title on the cover",
    "dedication": "the dedication page",
    "intro": "a section's introductory paragraph",
    "blockquote": "block quotes in the story (> in Markdown)",
    "list": "list items in the story",
    "note": "the story's notes, numbered after it ([^1] in Markdown)",
    "quote": "quotations set as pull-quotes",
    "attribution": "who said a quotation, and where",
    "tribute": "the text of a tribute",
    "tribute_from": "who a tribute is from",
    "comment": "the text of a reader's comment",
    "comment_name": "the name above a comment",
    "caption": "photo captions",
    "credit": "photo credits",
    "timeline_date": "dates in the timeline, times in a schedule",
    "timeline_event": "events in the timeline, items in a schedule",
    "running_head": "the line at the top of each page",
    "folio": "page numbers",
}

SECTION_LAYOUT = Record({
    "start": Field(Choice("new-page", "right-page", "continue"),
                   "where the section begins: a new page, a right-hand page (an odd page: on the left "
                   "in a booklet written right to left), or straight on (a new page when less than a "
                   "quarter of the page is left; after a section in columns, below them)", "new-page"),
    "columns": Field(Number(1, 3, integer=True), "number of text columns (a warning says when they hold fewer "
                     "than about 25 letters a line)", 1),
})

THEME = Record({
    "description": Field(Text(), "one line shown by `booklet layouts`", ""),
    "extends": Field(Text(), "the layout to start from: a name such as modern, or a file "
                     "(a layout of your own that names none starts from classic)", None),
    "page": Field(Record({
        "size": Field(PageSize(), "the trimmed page size ('A5 landscape': on its side)", (148 * UNITS["mm"], 210 * UNITS["mm"])),
        "margins": Field(AllSides({
            "top": Field(Length(), "top margin", 15 * UNITS["mm"]),
            "bottom": Field(Length(), "bottom margin", 18 * UNITS["mm"]),
            "inner": Field(Length(), "margin at the fold (left on right-hand pages)", 18 * UNITS["mm"]),
            "outer": Field(Length(), "margin at the outside edge", 15 * UNITS["mm"]),
        }, also={"left": "inner", "right": "outer"}), "page margins (or one length for all four: 'margins: 2cm'); inner and outer are mirrored on facing pages",
            None),
        "column_gap": Field(Length(), "space between columns", 6 * UNITS["mm"]),
    }, also={"paper": "size", "format": "size", "margin": "margins", "gutter": "column_gap"}),
        "page size and margins", None),
    "fonts": Field(Record({
        "serif": Field(FontRef(nonempty=True), "the text face: a family in fonts/ or a .ttf file", "Gentium Book Plus"),
        "sans": Field(FontRef(nonempty=True), "the second face, for labels and headings", "Noto Sans"),
        "fallback": Field(FontRef(nonempty=True), "used for characters the others lack", "DejaVu Sans"),
    }), "font families by role", None),
    "colors": Field(Record({
        "text": Field(Color(), "body text", ("rgb", 0.1, 0.1, 0.1)),
        "accent": Field(Color(), "headings, rules and cover art", ("rgb", 0.3, 0.2, 0.1)),
        "muted": Field(Color(), "running heads, folios, attributions", ("rgb", 0.35, 0.35, 0.35)),
        "rule": Field(Color(), "thin rules", ("rgb", 0.6, 0.6, 0.6)),
        "paper": Field(Color(), "the page background (white prints no ink)", ("rgb", 1.0, 1.0, 1.0)),
    }), "colours by role", None),
    "styles": Field(Record({name: Field(STYLE, doc, None) for name, doc in STYLE_NAMES.items()}),
                    "text styles", None),
    "sections": Field(Record({kind: Field(SECTION_LAYOUT, f"layout of {kind} sections", None)
                              for kind in SECTION_KINDS}),
                      "how each kind of section is laid out", None),
    "quotes": Field(Record({
        "placement": Field(Choice("in-story", "section"),
                           "set quotes as pull-quotes between the story's paragraphs, or as a section of their own",
                           "in-story"),
        "every": Field(Number(1, 50, integer=True), "in-story: a quote after every N paragraphs", 4),
    }), "where quotations go", None),
    "cover": Field(Record({
        "art": Field(Bool(), "draw the cover art the booklet asks for", True),
        "tint": Field(Bool(), "fill the cover art with a light tint of the accent colour (off saves toner)", True),
        "title_at": Field(Number(0.1, 0.9), "height of the title block, as a fraction of the page from the top", 0.3),
    }), "the front cover", None),
    "toc": Field(Record({
        "show": Field(Bool(), "a contents page after the dedication, listing the sections", False),
        "title": Field(Text(nonempty=True), "its heading", "Contents"),
    }), "table of contents", None),
    "questions": Field(Record({
        "answer_lines": Field(Number(0, 30, integer=True), "ruled lines under each question for a written answer", 0),
    }), "discussion questions", None),
    "notes": Field(Record({
        "pages": Field(Number(0, 20, integer=True), "ruled pages for notes at the end of the booklet", 0),
        "title": Field(Text(nonempty=True), "heading of the notes pages", "Notes"),
        "line_spacing": Field(Length(), "distance between the ruled lines", 9 * UNITS["mm"]),
    }), "lined pages for notes", None),
    "typography": Field(Record({
        "hyphenate": Field(Bool(), "hyphenate justified text in the booklet's language (and, in text set "
                                   "ragged, a word wider than its line)", True),
        "shaping": Field(Bool(), "kerning, ligatures and joined Arabic letters (HarfBuzz); off: about "
                                 "a third faster on long booklets", True),
        "opening": Field(Choice("none", "drop-cap", "small-caps"),
                         "how the story's first paragraph opens", "none"),
    }), "fine typography", None),
    "fit": Field(ListOf(Choice("comments", "photos", "notes")),
                 "what --fit may change to land on a page count, in this order (then blank pages)",
                 ["comments", "photos"]),
    "running_head": Field(Bool(), "booklet title on left pages, section title on right pages", True),
    "folio": Field(Choice("outer", "center", "none"), "where page numbers go", "outer"),
    "photos": Field(Record({
        "dpi": Field(Number(72, 1200, integer=True), "resolution photos are prepared at", 300),
        "quality": Field(Number(30, 100, integer=True), "JPEG quality of prepared photos", 75),
        "max_height": Field(Number(0.2, 1.0), "tallest photo, as a fraction of the text area", 0.6),
        "grayscale": Field(Bool(), "print photos in black and white (for a copier)", False),
    }), "how photos are prepared and placed", None),
})


@dataclass
class Theme:
    name: str
    file: Path
    data: dict
    fields: dict = field(default_factory=dict)   # 'fonts.serif' -> its file, line and field
    warnings: list[str] = field(default_factory=list)     # (a layout file read as Windows-1252)

    def where(self, name: str) -> dict:
        """Where a field was written, for an error found after loading (a font file that
        cannot be read): its file and line, or this layout's file."""
        return self.fields.get(name) or dict(file=self.file, field=name)

    def __getitem__(self, key):
        return self.data[key]

    def style(self, name: str) -> dict:
        return self.data["styles"][name]


def names_a_file(name_or_path: str) -> bool:
    """Whether a layout is given as a file (a .yaml name, or a path), not a bundled one's name."""
    return Path(name_or_path).suffix.lower() in (".yaml", ".yml") or "/" in name_or_path or "\\" in name_or_path


def find_theme(name_or_path: str, relative_to: Path | None = None, where: dict | None = None) -> Path:
    """A bundled layout by name, or a YAML file by path. A path written in a file (in
    booklet.yaml, or a layout's `extends`) is `relative_to` that file's folder and may not
    leave it; `where` (file, line, field) is where it was written, for an error."""
    where = where or {}
    candidate = Path(name_or_path)
    if names_a_file(name_or_path):
        path = candidate
        if relative_to is not None:
            try:
                path = resolve_inside(relative_to, name_or_path)
            except ValueError as e:
                raise BookletError(Problem(f"cannot use '{printable(name_or_path)}': {e}", **where)) from None
        if not path.is_file():
            beside = f" beside {where['file'].name}" if isinstance(where.get("file"), Path) else ""
            bundled = meant(candidate.stem, bundled_names())       # 'modern.yaml' for the bundled modern
            hint = (f"the bundled layout is named without .yaml: {bundled}" if bundled else
                    "give a bundled layout name (see 'booklet layouts') or a .yaml file")
            raise BookletError(Problem(f"layout file not found{beside}: {printable(name_or_path)}", **where,
                                       hint=hint))
        return path
    names = bundled_names()
    path = data_dir("layouts") / f"{meant(name_or_path, names) or name_or_path}.yaml"     # 'Large Print'
    if not path.is_file():
        hint = did_you_mean(name_or_path, names) or "the bundled layouts are " + ", ".join(names)
        raise BookletError(Problem(f"no layout named '{printable(name_or_path)}'", **where, hint=hint))
    return path


def _mended_in(problem: Problem, path: Path) -> Problem:
    """A problem at a line of a bundled layout, which the layout at `path` extends (its own
    small page made classic's margins too wide): the change goes in that layout, not in a
    file installed with booklet."""
    where = Path(problem.file) if problem.file else None
    if where is None or where.parent != data_dir("layouts") or where == path or not problem.field:
        return problem
    mend = f"{where.name} is a bundled layout: set {problem.field} in {path.name}, which extends it"
    return replace(problem, hint=f"{problem.hint}; {mend}" if problem.hint else mend)


def load_theme(name_or_path: str, relative_to: Path | None = None, where: dict | None = None) -> Theme:
    path = find_theme(name_or_path, relative_to, where)
    said: list[str] = []
    node = _merged(path, [], said)
    problems = Problems()
    data = THEME.check(node, Ctx(problems))
    if not problems:
        _fill_defaults(data)
        _check_colors(data, node, problems)
        _check_style_fonts(data, node, problems)
        _check_room(data, node, problems)
        _check_leading(data, node, problems)
    elif isinstance(data, dict):        # the styles' colours and fonts too, all said at once
        _check_colors(data, node, problems)
        _check_style_fonts(data, node, problems)
    problems.items = [_mended_in(p, path) for p in problems.items]
    problems.check()
    fields = {f"fonts.{role}": node.where("fonts", role) for role in data["fonts"]}
    fields.update((f"styles.{name}.font", node.where("styles", name, "font")) for name in data["styles"])
    return Theme(path.stem, path, data, fields, said)


def _merged(path: Path, chain: list[Path], said: list[str]) -> Node:
    """The theme's node tree with its `extends` parents merged underneath (a file that is
    not UTF-8, as Notepad saved text before 2019, is read as Windows-1252 and `said`)."""
    if path.resolve() in chain:
        names = " -> ".join(p.stem for p in chain + [path.resolve()])
        raise BookletError(Problem(f"layouts extend each other in a circle: {names}", file=path, field="extends"))
    node = yamlfile.load(path, windows=said)
    if node.kind == "null":
        node = Node({}, "map", path, 1, {})
    if node.kind != "map":
        raise BookletError(Problem(f"a layout file is a mapping of keys, found {node.describe()}", file=path, line=node.line))
    parent = node.value.get("extends")
    root = data_dir("layouts") / "classic.yaml"
    if parent is None or parent.kind == "null":
        if path.resolve() == root.resolve():
            return node
        # a layout of one's own that names no parent starts from classic: with only the
        # schema's defaults, every style was 10 pt plain, a heading no larger than the text
        return deep_merge(_merged(root, chain + [path.resolve()], said), node)
    try:
        parent_path = find_theme(str(parent.value), relative_to=path.parent)
    except BookletError as e:
        p = e.problems[0]
        raise BookletError(Problem(p.message, file=path, line=parent.line, field="extends", hint=p.hint)) from None
    return deep_merge(_merged(parent_path, chain + [path.resolve()], said), node)


def deep_merge(base: Node, top: Node) -> Node:
    if base.kind != "map" or top.kind != "map":
        return top
    value = dict(base.value)
    key_lines = dict(base.key_lines or {})
    for key, child in top.value.items():
        value[key] = deep_merge(base.value[key], child) if key in base.value else child
        key_lines[key] = top.key_lines.get(key, child.line)
    leading = _scaled_leading(base, top)
    if leading is not None:
        value["leading"] = leading
    # the merged mapping reports problems in the file that says the most about it
    return Node(value, "map", top.file, top.line, key_lines)


def _scaled_leading(base: Node, top: Node) -> Node | None:
    """A style given a new size and no leading keeps its parent's proportion of leading to
    size: 'body: {size: 16}' over classic's 10.5 on 14.6 pt was set on 14.6 pt, its lines
    overlapping. None when there is nothing to scale."""
    size, old_size, old_leading = top.value.get("size"), base.value.get("size"), base.value.get("leading")
    if size is None or "leading" in top.value or old_size is None or old_leading is None:
        return None
    try:
        ratio = points(old_leading.value) / points(old_size.value)
        leading = min(LEADING[1], max(LEADING[0], round(points(size.value) * ratio, 2)))   # (not the writer's)
        return Node(f"{leading:g}", "float", size.file, size.line)
    except (TypeError, ValueError, ZeroDivisionError):
        return None          # (a size or leading that is not a number is reported as such)


def _fill_defaults(data: dict) -> None:
    """Sub-records the file left out get their schema defaults, so later stages need no checks."""
    def fill(record: Record, value):
        if value is None:
            value = {k: f.default for k, f in record.fields.items()}
        for k, f in record.fields.items():
            if isinstance(f.type, Record):
                value[k] = fill(f.type, value[k])
        return value

    filled = fill(THEME, data)
    for style in filled["styles"].values():
        if style["leading"] is None:
            style["leading"] = round(style["size"] * 1.3, 2)


def text_area(theme) -> tuple[float, float]:
    """Width and height inside the margins (`theme`: a Theme or its checked data)."""
    w, h = theme["page"]["size"]
    m = theme["page"]["margins"]
    return w - m["inner"] - m["outer"], h - m["top"] - m["bottom"]


SAFE = 3 * UNITS["mm"]      # text this close to the trimmed edge risks being cut


DESCENT = 0.3         # of a running head's size: below its baseline, kept above the text


def in_margins(theme) -> tuple[float, float]:
    """Where the running head and the page number sit: the head's baseline this far below
    the top edge, the number's this far above the bottom edge. About half-way into their
    margins, but 3 mm from the edge at least where the margin has room for that above the
    text: half-way into a 9 mm top margin set a running head 2.1 mm from the edge."""
    m, styles = theme["page"]["margins"], theme["styles"]
    head, folio = styles["running_head"]["size"], styles["folio"]["size"]
    down = min(max(m["top"] * 0.55, SAFE + head), m["top"] - DESCENT * head)
    up = min(max(m["bottom"] * 0.45, SAFE), m["bottom"] - folio)
    return down, up


def least_margins(theme) -> tuple[float, float]:
    """The top and bottom margins in which in_margins can keep the running head and the
    page number 3 mm from the edge."""
    styles = theme["styles"]
    return SAFE + (1 + DESCENT) * styles["running_head"]["size"], SAFE + styles["folio"]["size"]


def column_width(theme, kind: str, columns: int | None = None) -> float:
    """The width of one column of a section of this kind (or were it set in `columns`)."""
    n = columns or theme["sections"][kind]["columns"]
    return (text_area(theme)[0] - theme["page"]["column_gap"] * (n - 1)) / n


# the styles set in each kind of section's columns, its text's first (the others, headings
# and covers and running heads, are as wide as the text)
SECTION_STYLES = {
    "story": ("body", "heading", "subheading", "blockquote", "list", "note", "quote", "attribution", "caption",
              "credit"),
    "quotes": ("quote", "attribution"), "tributes": ("tribute", "tribute_from"),
    "comments": ("comment", "comment_name"),
    "photos": ("caption", "credit"), "gallery": ("caption", "credit"), "questions": ("list",),
    "timeline": ("timeline_date", "timeline_event"), "schedule": ("timeline_date", "timeline_event", "attribution"),
}
MIN_TEXT = 30 * UNITS["mm"]       # the smallest text area a booklet can be set in, either way
MIN_COLUMN = 12 * UNITS["mm"]      # a long word to a line


def _check_room(data: dict, node: Node, problems: Problems) -> None:
    """The margins leave room for text, the column gaps room for columns, and each style's
    indents room for a line in the narrowest column."""
    def mm(points: float) -> str:
        return f"{points / UNITS['mm']:.0f} mm"

    (w, h), m = data["page"]["size"], data["page"]["margins"]
    text_w, text_h = text_area(data)
    if text_w < MIN_TEXT:
        problems.add(f"the margins leave {mm(text_w)} of the page's {mm(w)} width for text; "
                     f"it needs at least {mm(MIN_TEXT)}", **node.where("page", "margins"),
                     hint=f"make inner ({mm(m['inner'])}) and outer ({mm(m['outer'])}) smaller")
    if text_h < MIN_TEXT:
        problems.add(f"the margins leave {mm(text_h)} of the page's {mm(h)} height for text; "
                     f"it needs at least {mm(MIN_TEXT)}", **node.where("page", "margins"),
                     hint=f"make top ({mm(m['top'])}) and bottom ({mm(m['bottom'])}) smaller")
    if text_w < MIN_TEXT or text_h < MIN_TEXT:
        return
    gap = data["page"]["column_gap"]
    for kind, layout in data["sections"].items():
        n, column = layout["columns"], column_width(data, kind)
        if n > 1 and column < MIN_COLUMN:
            problems.add(f"{n} columns {mm(gap)} apart would each be {mm(column)} wide; a column needs at "
                         f"least {mm(MIN_COLUMN)}", **node.where("sections", kind, "columns"),
                         hint="use fewer columns, or a smaller page.column_gap")
    if problems:
        return
    crowded: dict[str, list[str]] = {}
    for name, style in data["styles"].items():
        indents = style["indent_left"] + style["indent_right"] + max(style["indent_first"], 0)
        # the narrowest column it is set in (a comment's style in the comments' columns; a
        # quote's in the story's too): three columns of comments were refused for the
        # indents of block quotes, which comments never have
        kinds = [kind for kind in data["sections"] if name in SECTION_STYLES.get(kind, ())]
        squeezed = min(kinds, key=lambda kind: column_width(data, kind), default=None)
        narrowest = column_width(data, squeezed) if squeezed else text_w
        if narrowest - indents >= MIN_COLUMN:
            continue
        where = node.where("styles", name, "indent_left" if style["indent_left"] >= style["indent_right"]
                           else "indent_right")
        if squeezed and text_w - indents >= MIN_COLUMN and where["file"] != node.file:
            crowded.setdefault(squeezed, []).append(name)   # indents that fit one column, not written here
            continue
        problems.add(f"its indents ({mm(indents)} in all) leave {mm(max(narrowest - indents, 0))} of a "
                     f"{mm(narrowest)} column for text; a line needs at least {mm(MIN_COLUMN)}", **where,
                     hint="make indent_left, indent_right and indent_first smaller")
    for kind, names in crowded.items():
        n = data["sections"][kind]["columns"]
        problems.add(f"{n} columns {mm(gap)} apart would each be {mm(column_width(data, kind))} wide: too narrow "
                     f"for the indents of {', '.join(names)} (a line needs at least {mm(MIN_COLUMN)})",
                     **node.where("sections", kind, "columns"),
                     hint="use fewer columns, or a smaller page.column_gap")


def _check_style_fonts(data: dict, node: Node, problems: Problems) -> None:
    """A style's font is one of the layout's fonts (serif, sans) or a bundled family."""
    from . import fonts

    roles = list(data["fonts"]) if isinstance(data["fonts"], dict) else []
    for name, style in _valid_styles(data, "font"):
        ref = style["font"]
        if ref not in roles and not fonts.is_bundled(ref):
            problems.add(f"expected one of this layout's fonts ({', '.join(roles)}) or a font family in fonts/, "
                         f"found '{printable(ref)}'", **node.where("styles", name, "font"),
                         hint=fonts.unknown_hint(ref, also=roles))


def _valid_styles(data: dict, key: str):
    """(name, style) for each style whose `key` was read (after a first stage with problems,
    a style or its value may be INVALID, or the styles not given at all)."""
    styles = data["styles"] if isinstance(data["styles"], dict) else {}
    return [(name, style) for name, style in styles.items()
            if isinstance(style, dict) and style.get(key) not in (INVALID, None)]


def _check_leading(data: dict, node: Node, problems: Problems) -> None:
    """A style's lines do not overlap: its leading (baseline to baseline) is at least 0.8
    times its size (tight display type is about 0.9)."""
    for name, style in data["styles"].items():
        if style["leading"] < 0.8 * style["size"]:
            problems.add(f"a leading of {style['leading']:g} pt under type of {style['size']:g} pt sets its lines "
                         "on top of each other", **node.where("styles", name, "leading"),
                         hint=f"leave leading out (it then follows the size), or make it at least "
                         f"{style['size'] * 1.2:g}")


def _check_colors(data: dict, node: Node, problems: Problems) -> None:
    """A style's colour names a colour of the theme, or is a colour itself."""
    styles_node = node.value.get("styles")
    colors = data["colors"] if isinstance(data["colors"], dict) else {}
    for name, style in _valid_styles(data, "color"):
        ref = style["color"]
        if ref in colors:
            style["color"] = colors[ref]
            continue
        value = parse_color(ref)
        if value is None:
            where = styles_node.value.get(name) if styles_node and styles_node.kind == "map" else None
            where = where.value.get("color", where) if where is not None and where.kind == "map" else where
            problems.add(f"expected a colour from colors ({', '.join(colors)}) or a colour value, found '{printable(ref)}'",
                         file=where.file if where else node.file, line=where.line if where else None,
                         field=f"styles.{name}.color", hint=did_you_mean(ref, colors))
        else:
            style["color"] = value


def listing() -> list[str]:
    """The bundled layouts' describe() lines, as `booklet layouts` prints them."""
    return [describe(load_theme(name)) for name in bundled_names()]


def describe(theme: Theme) -> str:
    """One line for `booklet layouts`: name, page size, description."""
    w, h = theme["page"]["size"]
    size = page_size_name(w, h)
    return f"{theme.name:<12} {size:<12} {theme['description']}"


def page_size_name(w: float, h: float) -> str:
    mm = UNITS["mm"]
    for name, (pw, ph) in PAGE_SIZES.items():
        if abs(w / mm - pw) < 0.5 and abs(h / mm - ph) < 0.5:
            return name
    return f"{w / mm:g}mm x {h / mm:g}mm"


def dump(theme: Theme) -> str:
    """The resolved theme (after `extends`) as YAML that loads back to the same theme."""
    def plain(key, value):
        if isinstance(value, dict):
            return {k: plain(k, v) for k, v in value.items()}
        if isinstance(value, tuple) and value and value[0] == "rgb":
            return "#" + "".join(f"{round(v * 255):02x}" for v in value[1:])
        if isinstance(value, tuple) and value and value[0] == "cmyk":
            return "cmyk({:g}, {:g}, {:g}, {:g})".format(*value[1:])
        if key == "size" and isinstance(value, tuple):
            return page_size_name(*value)
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, float) and key in _LENGTH_KEYS:
            return f"{value / UNITS['mm']:.4g}mm"
        return value

    data = {k: plain(k, v) for k, v in theme.data.items() if k != "extends"}
    header = f"# layout '{theme.name}' from {theme.file}, with everything it inherits\n"
    return header + yamlfile.yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


_LENGTH_KEYS = {"top", "bottom", "inner", "outer", "column_gap", "space_before", "space_after",
                "indent_first", "indent_left", "indent_right", "line_spacing"}
