"""The content of a booklet as plain data: what the person wrote, nothing about layout.

Made by `load`, narrowed by `select`, turned into flowables by `compose`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


# --- Inline text of the story: runs of text with emphasis -------------------------------

@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


# --- Blocks of the story ----------------------------------------------------------------

@dataclass
class Heading:
    level: int
    spans: list[Span]
    line: int = 0                   # its first line in the story file, for reports


@dataclass
class Paragraph:
    spans: list[Span]
    preformatted: bool = False      # a code block or verse: its lines (and a code block's indents) as written
    line: int = 0                   # its first line in the story file, for reports


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[list["Block"]]
    notes: bool = False             # the story's notes ([^1]), set after it in smaller type
    numbers: list[int] | None = None    # each item's number as typed, when not counted on from the first


@dataclass
class BlockQuote:
    blocks: list["Block"]


@dataclass
class Rule:
    pass


@dataclass
class TableBlock:
    """A table typed with pipes (GitHub's Markdown): a header row, then the body rows."""
    rows: list[list[list[Span]]]         # rows of cells of spans; the first row the header, if it has one
    align: list[str]                     # per column: left, center or right
    line: int = 0                        # its first line in the story file, for reports
    header: bool = True                  # whether the first row is a header (Markdown's always is)


@dataclass
class Picture:
    """An image placed in the story with Markdown's ![caption](file)."""
    path: Path
    caption: str
    line: int = 0        # its line in the story file, for reports
    credit: str = ""     # who took it: Markdown's title, ![caption](file "Photo: Ann Lee")


Block = Heading | Paragraph | ListBlock | BlockQuote | Rule | Picture | TableBlock


def pictures(blocks: list[Block]):
    """The pictures among these blocks, in quotes and lists too."""
    for b in blocks:
        if isinstance(b, Picture):
            yield b
        elif isinstance(b, BlockQuote):
            yield from pictures(b.blocks)
        elif isinstance(b, ListBlock):
            for item in b.items:
                yield from pictures(item)


# --- Items of the other sections ---------------------------------------------------------

@dataclass
class Quote:
    text: str
    who: str
    source: str = ""
    line: int = 0        # where it stands in its file, for reports


@dataclass
class Tribute:
    author: str          # `from:` in the YAML file
    text: str
    role: str = ""
    line: int = 0


@dataclass
class Comment:
    name: str
    text: str
    date: str = ""
    source: str = ""
    id: str = ""
    line: int = 0        # where it stands in its file, for reports
    shortened_from: int = 0  # words before `long: shorten` cut it


@dataclass
class Photo:
    path: Path
    caption: str = ""
    credit: str = ""
    line: int = 0        # where it is named in its file, for reports


@dataclass
class Event:
    date: str
    event: str
    line: int = 0


@dataclass
class Question:
    question: str
    line: int = 0


@dataclass
class ScheduleItem:
    time: str
    item: str
    who: str = ""
    line: int = 0


@dataclass
class CommentRules:
    """How to choose the comments that go in; see content/README.md. `where`: the file,
    line and field of each rule and of each name in pick and exclude ('exclude[2]'), for
    messages."""
    pick: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    drop_duplicates: bool = True
    near_duplicates: bool = True
    min_words: int = 0
    max_words: int | None = None
    long: str = "leave-out"          # or "shorten": cut at a sentence end, marked […]
    max_count: int | None = None
    order: str = "given"             # given, shortest, shuffle
    seed: int = 1
    where: dict = field(default_factory=dict)


@dataclass
class Section:
    kind: str                 # story, quotes, tributes, comments, photos, timeline, questions
    title: str
    file: Path
    intro: str = ""
    blocks: list[Block] = field(default_factory=list)       # story
    items: list = field(default_factory=list)               # the other kinds
    rules: CommentRules | None = None                       # comments
    dropped: list[tuple[Comment, str]] = field(default_factory=list)  # comments left out, and why
    warnings: list[str] = field(default_factory=list)       # found while reading it


@dataclass
class Cover:
    art: str = "frame"       # drawn art: frame, track or none
    image: Path | None = None
    note: str = ""


@dataclass
class Booklet:
    root: Path
    title: str
    subtitle: str = ""
    dedication: str = ""
    closing: str = ""
    author: str = ""
    smart_typography: bool = True
    language: str = "en"
    layout: str = ""
    cover: Cover = field(default_factory=Cover)
    sections: list[Section] = field(default_factory=list)
    where: dict = field(default_factory=dict)   # title, subtitle, cover.note: file, line, field
    warnings: list[str] = field(default_factory=list)       # found while reading booklet.yaml
