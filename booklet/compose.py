"""Compose stage: the booklet's content and the theme's styles in, platypus flowables out.

Nothing here reads a user's file except photos, which are prepared (photos.py) at the
size they are placed. Page templates are named here and built by render.py.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (CondPageBreak, Indenter, KeepInFrame, ListFlowable, ListItem,
                                NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import defaultTableStyle

from . import fastparse, photos, typography  # noqa: F401 - fastparse: paragraph markup parsed once per shape
from .errors import BookletError, Problem, printable
from .flowables import (BelowColumns, ColumnsBelow, CommentTogether, Contents, CoverPage, DatedTable,
                        DropCapParagraph, Ornament, PhotoImage, PhotoPair, PhotoRun, RowSplitTable, RuledLines,
                        SectionStart, Stanza, StoryPhoto, ToRightPage, Together, TogetherIfShort, reuse)
from .markdown import VERSE_LINE, columns, is_verse, joined
from .model import (BlockQuote, Booklet, Heading, ListBlock, Paragraph as Para, Picture, Quote,
                    Rule, Section, Span, TableBlock)
from .styles import ALIGN, Styles, color, color_attr, shrinkage
from .theme import SECTION_STYLES, column_width, text_area
from .words import capitals, is_english, word

COVER, PLAIN, BODY = "cover", "plain", "body"


def space_above_section(styles: Styles) -> float:
    """The space above a section's heading that goes on on the last one's page."""
    return max(styles["heading"].spaceBefore, 2 * styles["body"].leading)


def columns_template(n: int) -> str:
    return f"columns-{n}"


def paragraphs(text: str) -> list[str]:
    """A comment or tribute's paragraphs: split at blank lines (a comment's line breaks are
    kept as its writer typed them; a tribute's go through prose())."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


_BLANK_LINES = re.compile(r"(\n[ \t]*\n\s*)")


def prose(text: str) -> str:
    """Text typed across several lines of a YAML file (a tribute, a quotation, the
    dedication, a caption): a line longer than a line of verse (VERSE_LINE) was wrapped by
    an editor, or typed so under 'text: |', and runs on into the next (each typed line
    ended a set line a few words short of the column's edge); a shorter one ends where it
    was typed: a poem's lines, 'Dear Jim,' over a letter, and a short last line after a
    sentence ('Love, Ann'). Blank lines between paragraphs are kept."""
    if "\n" not in text:
        return text
    return "".join(part if i % 2 else _run_on(part) for i, part in enumerate(_BLANK_LINES.split(text)))


# what a sentence ends with, in the scripts booklets are written in (and the marks that close a
# quotation after it: « ... » in French, ‹ › inside it)
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "’", "'", ")", "»", "›", "。", "！", "？", "؟", "۔", "।")


def _run_on(paragraph: str) -> str:
    lines = paragraph.split("\n")
    out = lines[0]
    for i in range(1, len(lines)):
        before, line = lines[i - 1], lines[i]
        signature = (i == len(lines) - 1 and columns(line.strip()) <= VERSE_LINE
                     and before.rstrip().endswith(_SENTENCE_ENDS))
        if columns(before.strip()) > VERSE_LINE and not signature:
            out = out.rstrip() + joined(out.rstrip(), line.lstrip()) + line.lstrip()
        else:
            out += "\n" + line
    return out


MIN_COVER_TYPE = 6.0   # points: the title block is not shrunk to type smaller than this
TITLE_RISES_TO = 0.3   # cover.title_at: how high a title block too long for its place may rise
# characters (about 3,300 words, nine A5 pages): a longer paragraph is set as several, split
# between sentences. Platypus re-wraps what is left of a paragraph at every page, so time grows
# with a piece's length times its pages: a 250 kB paragraph took 60 s in one piece, 2 s in
# pieces of 6,000 and 4 s in pieces of 20,000. A line ends where two pieces meet, which in
# pieces of 6,000 cut an eulogy of 1,500 words pasted as one paragraph as if in two.
CHUNK = 20000
CHUNK_LINES = 80   # a poem's or a code block's lines: a longer one is set in pieces of this many
STANZA = 16        # lines: a stanza this short (a sonnet, the Lord's Prayer) or code block is never split over a page
# characters: text with a run this long without a space is set in pieces of at most this
# many (reportlab measures every way to break such a run at every line it fills: 10,000
# characters of '-a-a' took 5 s in pieces of 6,000, 40,000 took 12 s)
RUN = 1000


def _cut(text: str) -> int:
    """Where to end a piece of text: after its last line break (a poem's, a code block's
    line stays whole), else its last sentence, else its last word."""
    for pattern in (r"\n", r"[.!?…]['’\"”)]*\s+", r"\s+"):
        ends = [m.end() for m in re.finditer(pattern, text)]
        if ends and ends[-1] > len(text) // 3:
            return ends[-1]
    return len(text)


def chunks(spans: list[Span], limit: int = CHUNK, lines: int = CHUNK_LINES) -> list[list[Span]]:
    """A very long paragraph as several shorter ones, split after a sentence where possible;
    one of many lines (verse, code) after its `lines`th line. Platypus re-wraps the rest of
    a paragraph each time it splits one across pages, so a 200 kB comment in one piece
    costs minutes; in pieces, what its length does (30,000 short lines in 6,000-character
    pieces, 57 pages each, took 26 s). Nothing is dropped: the pieces hold every character
    but a line break where two meet (they are set as paragraphs: the break is there)."""
    out, current, size, count = [], [], 0, 0
    for span in spans:
        text = span.text
        room = RUN if len(text) > RUN and any(_long_run(run) for run in text.split()) else limit
        while True:
            full = _after_line(text, lines - count)       # where this piece would have its lines
            if size + len(text) <= room and full is None:
                break
            if full is not None and size + full <= room:
                cut = full
            else:
                cut = _cut(text[: room - size]) if room > size else 0
            if cut:
                current.append(replace(span, text=text[:cut]))
                text = text[cut:]
            if current and current[-1].text.endswith("\n"):
                current[-1] = replace(current[-1], text=current[-1].text[:-1])
            out.append(current)
            current, size, count = [], 0, 0
        if text:
            current.append(replace(span, text=text))
            size += len(text)
            count += text.count("\n")
    if current or not out:
        out.append(current)
    return out


def _long_run(run: str) -> bool:
    """A run of RUN characters or more without a space, mostly ASCII: pasted dashes, an
    address, base64. (Chinese and Japanese are written without spaces: a long paragraph
    of them breaks between letters cheaply and keeps its long pieces.)"""
    return len(run) >= RUN and sum(ch.isascii() for ch in run[:200]) > 150


def _after_line(text: str, n: int) -> int | None:
    """Where the nth line break of text ends (n from 1), or None if it has fewer."""
    at = -1
    for _ in range(n):
        at = text.find("\n", at + 1)
        if at < 0:
            return None
    return at + 1


def _cut_spans(spans: list[Span], at: int) -> tuple[list[Span], list[Span]]:
    """The spans' text cut `at` characters in, each side keeping its bold, italic and links."""
    head, tail = [], []
    for span in spans:
        if at >= len(span.text):
            head.append(span)
        elif at <= 0:
            tail.append(span)
        else:
            head.append(replace(span, text=span.text[:at]))
            tail.append(replace(span, text=span.text[at:]))
        at -= len(span.text)
    return head, tail


class Composer:
    def __init__(self, booklet: Booklet, styles: Styles, workdir: Path, bleed: float = 0.0, blanks: int = 0):
        self.booklet, self.styles, self.workdir, self.bleed = booklet, styles, workdir, bleed
        self.blanks = blanks                          # blank pages to add before the closing page
        self.images: list[tuple[Path, float]] = []   # every photo placed, with its effective dpi
        self.batch: photos.Batch | None = None        # the photos being prepared meanwhile
        self._files: dict = {}                        # (path, width) -> function giving its file
        self._unindented: dict[str, ParagraphStyle] = {}
        self._pieces: dict[tuple, tuple] = {}      # the styles of a long paragraph's pieces (_piece)
        self._flush_right: dict = {}      # styles for right-to-left text: by name, or (name, how)
        self.theme = styles.theme
        self.width, self.height = text_area(self.theme)
        placement = self.theme["quotes"]["placement"]
        has_story = any(s.kind == "story" for s in booklet.sections)
        self.pull_quotes: list[Quote] = []
        self._quotes_used = 0
        self._opened = False          # the story's first paragraph is set as the theme's opening
        self.column_width = self.width
        self.indent = 0.0             # how far quotes and lists in the story have narrowed the column here
        self.warnings: list[str] = []
        self._crowded: set[str] = set()      # sections whose columns were said to be too narrow
        comment, name = self.styles["comment"], self.styles["comment_name"]
        self._comment_style = ParagraphStyle("comment-with-name", parent=comment,
                                             spaceBefore=name.spaceBefore)
        self.where = ""
        self.quotes_where = next((s.file.name for s in booklet.sections if s.kind == "quotes"), "quotes")
        if placement == "in-story" and has_story:
            self.pull_quotes = [q for s in booklet.sections if s.kind == "quotes" for q in s.items]

    # --- the whole booklet ---------------------------------------------------------------

    def compose(self) -> list:
        out = self.cover()
        if self.booklet.dedication:
            out += [NextPageTemplate(PLAIN), PageBreak(), Spacer(1, self.height * 0.3),
                    *self.paras(self.booklet.dedication, "dedication", "dedication")]
        if self.theme["toc"]["show"]:
            out += self.contents()
        first, columns = True, 1
        for section in self.booklet.sections:
            if section.kind == "quotes" and self.pull_quotes:
                continue  # set between the story's paragraphs instead
            start = self.section_start(section, first, after_columns=columns > 1)
            columns = self.theme["sections"][section.kind]["columns"]
            self.where = section.file.name          # for reports of characters no font has
            self.column_width = column_width(self.theme, section.kind)
            above = sum(f.wrap(self.width, self.height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                        for f in start if isinstance(f, Paragraph))        # its heading and intro
            body = self.in_columns(section.kind, getattr(self, section.kind)(section), above)
            breaks = [f for f in start if isinstance(f, CondPageBreak)]
            if body and isinstance(body[0], ColumnsBelow) and breaks:
                # a heading low on a page goes on to the next with its columns' beginning
                breaks[0].height = max(breaks[0].height, above + body[0].gap + body[0].required)
            out += start + body
            first = False
        out += self.notes()
        for _ in range(self.blanks):
            out += [NextPageTemplate(PLAIN), PageBreak(), Spacer(1, 1)]
        if self.booklet.closing:
            out += [NextPageTemplate(PLAIN), PageBreak(), Spacer(1, self.height * 0.3),
                    *self.paras(self.booklet.closing, "dedication", "closing")]
        return out

    def contents(self) -> list:
        """A contents page; render.py gives it its entries, and the PDF its page numbers."""
        style = self._toc_style()
        # the contents are a table: its font is the text's own, not Helvetica, which would be
        # named in the PDF without being embedded (a print shop's preflight fails on it)
        table = TableStyle([*defaultTableStyle.getCommands(), ("FONT", (0, 0), (-1, -1), style.fontName)])
        toc = Contents(dotsMinLevel=0, levelStyles=[style], tableStyle=table, leftward=self.styles.leftward)
        toc.title_width = self.width - style.leftIndent - style.rightIndent
        heading = self.heading(self._own_word("contents", self.theme["toc"]["title"]), "heading", "toc")
        return [NextPageTemplate(PLAIN), PageBreak(), heading, toc]

    def _toc_style(self) -> ParagraphStyle:
        body = self.styles["body"]
        # shaped as all text is (shaping.shape_word leaves the word with the dot leader's
        # callback as it is: reportlab's shaping would drop the callback)
        # its lines end short of the page number's room: a title that ran to the line's end
        # had its number squeezed in after it, a third of its size ('best22')
        room = pdfmetrics.stringWidth("0000", body.fontName, body.fontSize)
        # (mirrored right to left: flush right, the page numbers' room on the left)
        name, align, left, right = ("toc-rtl", TA_RIGHT, room, 0) if self.styles.leftward else ("toc", 0, 0, room)
        return ParagraphStyle(name, parent=body, firstLineIndent=0, alignment=align, spaceShrinkage=0,
                              leftIndent=left, rightIndent=right, spaceBefore=body.fontSize * 0.4)

    def notes(self) -> list:
        spec = self.theme["notes"]
        out = []
        for page in range(spec["pages"]):
            out += [NextPageTemplate(BODY), PageBreak()]
            title = self._own_word("notes", spec["title"])
            if page == 0:
                out.append(SectionStart(title))
            out += [self.heading(title, "heading", "notes"),
                    RuledLines(spec["line_spacing"], color(self.theme["colors"]["rule"]))]
        return out

    def _own_word(self, key: str, heading: str) -> str:
        """A layout's heading in the booklet's language when the layout left it at its
        English default ('Contents' in a German booklet is 'Inhalt')."""
        return word(key, self.booklet.language) if is_english(key, heading) else heading

    def para(self, text, style: str, where: str, prefix: str = "", suffix: str = "",
             pstyle: ParagraphStyle | None = None) -> Paragraph:
        spans = [Span(text)] if isinstance(text, str) else text
        if prefix:
            spans = [Span(prefix)] + spans
        if suffix:
            spans = spans + [Span(suffix)]
        return Paragraph(self.styles.markup(spans, style, where), pstyle or self.styles[style])

    def heading(self, text, style: str, where: str, width: float | None = None) -> Paragraph:
        """A heading, a section's intro or a line of the cover (`width` wide, by default the
        column's): right-to-left text is broken into lines here, as a paragraph of it is
        (else its first words were on its last line)."""
        spans = [Span(prose(text))] if isinstance(text, str) else text
        rtl = self.right_to_left(spans, style, self.styles[style], where, width, justify=False)
        return Paragraph(*rtl[0]) if rtl else self.para(spans, style, where)

    def paras(self, text, style: str, where: str, prefix: str = "", suffix: str = "",
              pstyle: ParagraphStyle | None = None, dress=None, rest: ParagraphStyle | None = None,
              width: float | None = None) -> list[Paragraph]:
        """Like para(), for text that may be long: one Paragraph per piece (see chunks).
        `dress(piece, style)` makes the first piece's paragraph (the story's opening); the
        pieces after the first are set in `rest` (by default the style, unindented).
        `width`: the room it is set in, when not the column's (a timeline's events). Text
        given as a string is typed text (see prose); spans are the story's, read already."""
        spans = [Span(prose(text))] if isinstance(text, str) else text
        pieces = chunks([Span(prefix)] + spans + [Span(suffix)])
        rest = rest or self._first(style)
        out = []
        for i, piece in enumerate(pieces):
            pstyle_here = self._piece((pstyle or self.styles[style]) if i == 0 else rest, i == 0, i == len(pieces) - 1)
            rtl = self.right_to_left(piece, style, pstyle_here, where, width)
            if rtl:
                out += [Paragraph(markup, rtl_style) for markup, rtl_style in rtl]
            elif i == 0 and dress is not None:
                out.append(dress(piece, pstyle_here))
            else:
                out.append(Paragraph(self.styles.markup(piece, style, where), pstyle_here))
        return out

    def right_to_left(self, piece: list[Span], style: str, pstyle: ParagraphStyle, where: str,
                      width: float | None = None, justify: bool = True, naskh: bool | None = None):
        """[(markup, style)] for text that reads right to left: broken into lines here, each
        in drawing order with its bold, italic and code, set flush right, or justified where
        the style is (all but the line that ends the paragraph, or a line the text breaks);
        None for anything else. `naskh`: as Styles.wants_naskh decides (of this text, when
        not given: a comment gives its own, for all its paragraphs and its name)."""
        if not self.styles.reads_right_to_left("".join(s.text for s in piece)):
            return None
        room = (self.column_width - self.indent if width is None else width) - pstyle.leftIndent - pstyle.rightIndent
        ends: list[bool] = []
        if naskh is None:                          # (the same for all its lines)
            naskh = self.styles.wants_naskh("".join(s.text for s in piece))
        lines = self.styles.right_to_left_lines(piece, style, room - 1, where, ends, naskh)
        flush = self._flush_right_style(pstyle)
        if pstyle.alignment != TA_JUSTIFY or all(ends) or not justify:
            return [(self.styles.markup(lines, style, where, ordered=True, naskh=naskh), flush)]
        # (right_to_left_lines puts a line-break span between lines: they are cut there)
        each, line = [], []
        for span in lines + [Span("\n")]:
            if span.text == "\n" and not span.code:
                each.append(line)
                line = []
            else:
                line.append(span)
        out, run = [], []
        for line, end in zip(each, ends):
            run.append(line)
            if end:                   # a run of full lines, justified, then its last, flush right
                first, last = not out, line is each[-1]
                if len(run) > 2:      # (kept whole with the line after it, a long run went on
                    out.append((self._joined(run[:-2], style, where, naskh),    # to the next page whole)
                                self._justified_style(pstyle, first, keep=False)))
                    first = False
                if len(run) > 1:
                    out.append((self._joined(run[-2:-1], style, where, naskh), self._justified_style(pstyle, first)))
                out.append((self._joined(run[-1:], style, where, naskh),
                            self._last_line_style(pstyle, flush, first and len(run) == 1, last)))
                run = []
        return out

    def _joined(self, lines: list[list[Span]], style: str, where: str, naskh: bool) -> str:
        spans = [s for n, line in enumerate(lines) for s in ([Span("\n")] if n else []) + line]
        return self.styles.markup(spans, style, where, ordered=True, naskh=naskh)

    def _justified_style(self, pstyle: ParagraphStyle, first: bool, keep: bool = True) -> ParagraphStyle:
        """Right-to-left lines justified: each line ends in a break (justifyBreaks), the
        last of them too (justifyLastLine); kept with the line after them (`keep`: the run's
        last line is; the lines before it split between pages as a paragraph does)."""
        key = (pstyle.name, "justified", first, keep)
        if key not in self._flush_right:
            flush = self._flush_right_style(pstyle)
            self._flush_right[key] = ParagraphStyle(
                pstyle.name + "-rtl-justified" + ("-first" if first else "") + ("" if keep else "-run"), parent=flush,
                alignment=TA_JUSTIFY, spaceShrinkage=shrinkage(TA_JUSTIFY), justifyBreaks=1, justifyLastLine=1,
                spaceAfter=0, keepWithNext=int(keep),
                spaceBefore=flush.spaceBefore if first else 0)
        return self._flush_right[key]

    def _last_line_style(self, pstyle: ParagraphStyle, flush: ParagraphStyle, first: bool, last: bool):
        """The line that ends a paragraph (or a line the text breaks), flush right, with the
        paragraph's space before it only if it is its first line, and after only if its last."""
        if first and last:
            return flush
        key = (pstyle.name, "last", first, last)
        if key not in self._flush_right:
            self._flush_right[key] = ParagraphStyle(
                f"{pstyle.name}-rtl-line-{int(first)}{int(last)}", parent=flush,
                spaceBefore=flush.spaceBefore if first else 0, spaceAfter=flush.spaceAfter if last else 0)
        return self._flush_right[key]

    def _flush_right_style(self, pstyle: ParagraphStyle) -> ParagraphStyle:
        if pstyle.name not in self._flush_right:
            align = TA_CENTER if pstyle.alignment == TA_CENTER else TA_RIGHT      # (a centred style stays so)
            # a style that marks a new paragraph by indenting its first line (classic's body)
            # cannot here, set flush right: such paragraphs ran on, one into the next, with
            # nothing between them; half a line apart, they read as paragraphs
            apart = pstyle.leading / 2 if pstyle.firstLineIndent > 0 and not pstyle.spaceAfter else 0
            self._flush_right[pstyle.name] = ParagraphStyle(pstyle.name + "-rtl", parent=pstyle,
                                                            alignment=align, spaceShrinkage=shrinkage(align),
                                                            firstLineIndent=0,
                                                            spaceBefore=max(pstyle.spaceBefore, apart))
        return self._flush_right[pstyle.name]

    def cover(self) -> list:
        b, t = self.booklet, self.theme
        page_w, page_h = t["page"]["size"]
        margin = t["page"]["margins"]["outer"]
        width, title_at = page_w - 2 * margin, t["cover"]["title_at"]
        height = page_h * (1 - min(title_at, TITLE_RISES_TO)) - margin
        block, parts, needed = [], [], 0.0
        for field, text, style, gap in (("title", b.title, "title", 0), ("subtitle", b.subtitle, "subtitle", 8),
                                        ("cover.note", b.cover.note, "cover_note", 14)):
            if text:
                para = self.heading(text, style, field, width)
                block += [Spacer(1, gap), para] if gap else [para]
                parts.append((para.wrap(width, height)[1], field, para.style.fontSize))
                needed += gap + parts[-1][0]
        if needed > height:
            self._shrink_title_block(height / needed, parts)
        # a block set low (title_at 0.9) that does not fit under its place rises, as far as
        # classic's place for it, before it is made smaller
        title_at = min(title_at, max(TITLE_RISES_TO, 1 - (needed + margin) / page_h))
        height = page_h * (1 - title_at) - margin
        image = None
        if b.cover.image is not None:
            w, h = photos.image_size(b.cover.image)
            image = (self.prepared(b.cover.image, photos.cover_width(t, self.bleed, w, h), w), w, h)
            self._cover_crop(b.cover.image, w, h)
        art = b.cover.art if t["cover"]["art"] else "none"
        accent = color(t["colors"]["accent"])
        tint = None
        if t["cover"]["tint"] and t["colors"]["accent"][0] == "rgb":
            tint = _mix(t["colors"]["accent"], t["colors"]["paper"], 0.12)
        title_block = KeepInFrame(width, height, block, mode="shrink")
        return [CoverPage((page_w, page_h), title_block, title_at, art, (accent, tint),
                          margin, image, self.bleed, paper=color(t["colors"]["paper"]), leftward=self.styles.leftward)]

    def _cover_crop(self, path: Path, w: int, h: int) -> None:
        """The cover photo fills the page and is cut to its shape: a landscape group photo
        loses the people at its sides. Cutting away more than a third of it is said."""
        page_w, page_h = (side + 2 * self.bleed for side in self.theme["page"]["size"])
        shown = min((page_w / page_h) / (w / h), (w / h) / (page_w / page_h))
        if shown < 2 / 3:
            cut = "sides" if w / h > page_w / page_h else "top and bottom"
            self.warnings.append(
                f"the cover photo {path.name} is cut to the page's shape: only {100 * shown:.0f}% of it is shown "
                f"(its {cut} are cut off); a photo of the page's shape ({'upright' if page_h > page_w else 'wide'}) "
                "shows whole")

    def _shrink_title_block(self, scale: float, parts: list[tuple[float, str, float]]) -> None:
        """A title block too tall for the cover is set smaller, with a warning; not so
        small that it cannot be read: then the field taking most room is refused."""
        smallest = min(size for _, _, size in parts) * scale
        if smallest >= MIN_COVER_TYPE:
            self.warnings.append(f"the title block is too long for the cover; it is set at {100 * scale:.0f}% "
                                 "of its size")
            return
        _, field, _ = max(parts)
        raise BookletError(Problem(
            f"the {field.replace('cover.', 'cover ')} is too long: on the cover, the title block would be set at "
            f"{100 * scale:.0f}% of its size (its smallest type at {smallest:.1f} pt)",
            **self.booklet.where.get(field, dict(field=field)),
            hint="shorten it; a longer text fits as the 'dedication', which has a page of its own"))

    def section_start(self, section: Section, first: bool, after_columns: bool = False) -> list:
        """A section's page break, heading and intro. 'start: continue' goes on on the last
        section's page; after one in columns, below them, where they end balanced with room
        left below (flowables.BelowColumns), never in what is left of the last column (photos
        over each other, a heading cut to 'Ph-', captions set at a width below nothing, in
        which reportlab's line breaking never ends)."""
        layout = self.theme["sections"][section.kind]
        out: list = [NextPageTemplate(BODY)]
        goes_on = layout["start"] == "continue" and not first
        if goes_on:
            if after_columns:
                out.append(BelowColumns())
            out.append(CondPageBreak(self.height * 0.25))
        else:
            out.append(PageBreak())
            if layout["start"] == "right-page":
                out.append(ToRightPage())
        # the heading keeps with what follows, except before columns: platypus would wrap it
        # and the column switch together, and the switch must stand alone
        keep = int(layout["columns"] == 1)
        heading = self.heading(section.title, "heading", f"{section.kind} title")
        heading.keepWithNext = keep
        if goes_on:                     # (a heading at a page's top has no space above it)
            style = heading.style
            heading.style = ParagraphStyle(f"{style.name}-after", parent=style,
                                           spaceBefore=space_above_section(self.styles))
        out += [SectionStart(section.title), heading]
        if section.intro:
            intro = self.heading(section.intro, "intro", f"{section.kind} intro")
            intro.keepWithNext = keep
            out.append(intro)
        return out

    # --- sections ------------------------------------------------------------------------

    def story(self, section: Section) -> list:
        where = section.file.name
        out = self.blocks(section.blocks, "body", where)
        out += [self.quote(q) for q in self.pull_quotes[self._quotes_used:]]
        return out

    def blocks(self, blocks: list, style: str, where: str, top: bool = True, quoted: int = 0,
               listed: bool = False) -> list:
        """`quoted`: how many block quotes these blocks are in; `listed`: whether in a list."""
        out: list = []
        count = 0
        after_heading = True
        every = self.theme["quotes"]["every"]
        story = where
        pairs = photos.story_pairs(self.theme, self.column_width, blocks,
                                   self.theme["sections"]["story"]["columns"]) if top else {}
        seconds = {id(second) for second, _, _ in pairs.values()}
        for at, block in enumerate(blocks):
            where = self._at(block, story)
            if id(block) in seconds:
                continue                    # (set beside the picture before it)
            if isinstance(block, Heading):
                p = self.heading(block.spans, "subheading" if block.level > 1 or not top else "heading", where)
                p.keepWithNext = 1
                out.append(p)
                after_heading = True
                continue
            # the story's opening (a drop cap) is its first paragraph's, or no one's: a poem,
            # a list or a table first, it went to a paragraph far down, after a table
            opening = top and not self._opened and style == "body" and not isinstance(block, Picture)
            self._opened = self._opened or opening
            if isinstance(block, Para) and block.preformatted:
                preformatted = self._preformatted(style)
                flow = self.paras(_kept_indents(block.spans), style, where, pstyle=preformatted, rest=preformatted)
                if not listed and "".join(s.text for s in block.spans).count("\n") < STANZA:
                    # (a hymn's verse was split two lines and two over a page; in a list, whose
                    # items platypus splits as a whole, a group is not kept: it is split there)
                    flow = [Stanza(flow)]
                out += flow
            elif isinstance(block, Para):
                pstyle = self._first(style) if after_heading else None
                if opening:
                    out += self.opening(block.spans, where)
                else:
                    out += self.paras(block.spans, style, where, pstyle=pstyle)
                count += 1
                if top and count % every == 0 and self._quotes_used < len(self.pull_quotes):
                    out.append(self.quote(self.pull_quotes[self._quotes_used]))
                    self._quotes_used += 1
                    after_heading = True
                    continue
                if not (opening or listed) and _introduces(block, blocks[at + 1] if at + 1 < len(blocks) else None):
                    out[-1].keepWithNext = 1    # ('The order of service:' was left at a page's foot)
            elif isinstance(block, ListBlock):
                quote = self.styles["blockquote"]
                left, right = (quote.leftIndent, quote.rightIndent) if quoted and not listed else (0, 0)
                with self._narrowed(left + right):      # a list in a quote is indented with it
                    listing = self.listing(block, where, quoted)
                out += [Indenter(left, right), listing, Indenter(-left, -right)] if left or right else [listing]
            elif isinstance(block, BlockQuote):
                # a quote in a quote: a step further in, up to a third of the column (in a
                # list, the list's own indents show the nesting: platypus cannot indent there)
                step = self.styles["blockquote"].leftIndent or self.styles["blockquote"].fontSize * 1.6
                step = step if quoted and not listed and step * quoted <= self.column_width / 3 else 0
                with self._narrowed(step):
                    inner = self.blocks(block.blocks, "blockquote", where, top=False, quoted=quoted + 1,
                                        listed=listed)
                out += [Indenter(left=step), *inner, Indenter(left=-step)] if step else inner
            elif isinstance(block, Rule):
                out.append(Ornament(color(self.theme["colors"]["rule"])))
            elif isinstance(block, TableBlock):
                out.append(self.table(block, style, where))
            elif isinstance(block, Picture) and id(block) in pairs:
                out += self.photo_pair(block, *pairs[id(block)], story)
            elif isinstance(block, Picture):
                out.append(self.photo(block.path, block.caption, block.credit, where, flows=top))
            after_heading = False
        return out

    def opening(self, spans: list[Span], where: str) -> list:
        """The story's first paragraph: plain, with a drop cap, or with its first words in
        small capitals, as the theme says; bold, italic and links kept. Only the first piece
        of a very long paragraph (see chunks) is dressed; text read right to left, that
        opens with a quote mark, a digit or code, or that is one letter, is not, nor a drop
        cap given to a word or two (a big initial beside 'hort') or to a paragraph of one line
        (the letter two lines deep beside one)."""
        kind = self.theme["typography"]["opening"]
        first = self._first("body")
        text = "".join(s.text for s in spans)
        heading = self.styles["heading"]
        gap = first.fontSize * 0.35
        capless = kind == "drop-cap" and (len(text.split()) < 3 or
                                          ord(text[0]) not in pdfmetrics.getFont(heading.fontName).face.charToGlyph)
        if kind == "drop-cap" and not capless:
            indent = DropCapParagraph.measure(text[0], heading.fontName, first, gap)[1]
            room = self.column_width - self.indent - first.leftIndent - first.rightIndent
            capless = pdfmetrics.stringWidth(text[1:], first.fontName, first.fontSize) + indent < room
        if (kind == "none" or not text[:1].isalpha() or not text[1:].strip() or self.styles.reads_right_to_left(text)
                or next(s for s in spans if s.text).code or capless):
            return self.paras(spans, "body", where, pstyle=first)

        def dressed(piece: list[Span], style: ParagraphStyle) -> Paragraph:
            if kind == "small-caps":
                words = "".join(s.text for s in piece).split(" ")
                head, rest = _cut_spans(piece, len(" ".join(words[:3])))
                small = self.styles.markup([replace(s, text=capitals(s.text, self.styles.language)) for s in head],
                                           "body", where)
                size = style.fontSize * 0.82
                return Paragraph(f'<font size="{size:.2f}">{small}</font>' + self.styles.markup(rest, "body", where),
                                 style)
            rest = _cut_spans(piece, 1)[1]
            return DropCapParagraph(self.styles.markup(rest, "body", where), style, letter=text[0],
                                    font=heading.fontName, color=heading.textColor, gap=gap)

        return self.paras(spans, "body", where, pstyle=first, dress=dressed)

    @contextmanager
    def _narrowed(self, points: float):
        """What is composed inside is set that much narrower (in a list, or a quote in a quote)."""
        self.indent += points
        try:
            yield
        finally:
            self.indent -= points

    def _first(self, style: str) -> ParagraphStyle:
        """The first paragraph after a heading is not indented, as in a book. (Made once per
        style: paras() asks for it for every paragraph.)"""
        if style not in self._unindented:
            base = self.styles[style]
            self._unindented[style] = ParagraphStyle(base.name + "-first", parent=base, firstLineIndent=0)
        return self._unindented[style]

    def _piece(self, pstyle: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
        """The style of one piece of a paragraph set in several (see chunks): the space above
        only before the first, the space below only after the last. (A pull-quote's 14 pt
        above every piece opened a gap inside one paragraph; a poem's half line too.)"""
        if first and last:
            return pstyle
        key = (id(pstyle), first, last)        # (styles of one name differ: a caption's indents)
        if key not in self._pieces:
            self._pieces[key] = (pstyle, ParagraphStyle(           # (kept with it: its id stays its own)
                f"{pstyle.name}-{'first' if first else 'last' if last else 'middle'}-piece", parent=pstyle,
                spaceBefore=pstyle.spaceBefore * first,
                spaceAfter=pstyle.spaceAfter * last))
        return self._pieces[key][1]

    def table(self, block: TableBlock, style: str, where: str) -> Table:
        """A table typed in the story: the header row bold over a rule, the columns as wide
        as their text needs (_column_widths), the header set again at the top of a page the
        table runs on to. A table whose longest words do not fit side by side is set smaller,
        as a typesetter would (down to TABLE_SMALLEST); only past that are words broken."""
        base = self.styles[style]
        room = self.column_width - self.indent
        columns = max(len(row) for row in block.rows)
        align = block.align + ["left"] * (columns - len(block.align))
        rows = [row + [[]] * (columns - len(row)) for row in block.rows]
        # a table whose header reads right to left (Hebrew, Arabic) has its first column on
        # the right, and 'left' (Markdown's default) is the side its lines start from: it
        # was set left to right, its first column on the left
        leftward = self.styles.reads_right_to_left("".join(sp.text for spans in rows[0] for sp in spans))
        if leftward:
            rows = [row[::-1] for row in rows]
            align = [{"left": "right", "right": "left"}.get(a, a) for a in align[::-1]]
        if block.header:
            rows[0] = [[Span(sp.text, True, sp.italic, sp.code, sp.link) for sp in spans] for spans in rows[0]]
        pad = base.fontSize * 0.4
        widest = [[2 * pad + base.fontSize] * columns for _ in range(2)]     # [longest word, whole text]
        for r, row in enumerate(rows):
            font = self.styles.family(self.theme.style(style)["font"], "").face(r == 0 and block.header)
            for c, spans in enumerate(row):
                text = "".join(sp.text for sp in spans)
                for k, piece in enumerate((max(text.split() or [""], key=len), text)):
                    width = pdfmetrics.stringWidth(piece, font, base.fontSize) + 2 * pad + 1
                    widest[k][c] = max(widest[k][c], width)
        scale = 1.0
        if sum(widest[0]) > room:       # (every width above grows with the type size)
            # no smaller than the smallest text the layout sets to be read (a photo's credit:
            # 6.5 pt in classic, 14 pt in large print)
            smallest = self.styles["credit"].fontSize
            scale = min(1.0, max(room / sum(widest[0]), TABLE_SMALLEST, smallest / base.fontSize))
        size, pad = base.fontSize * scale, pad * scale
        cell = [ParagraphStyle(f"{base.name}-cell-{a}", parent=base, alignment=ALIGN[a],
                               spaceShrinkage=shrinkage(ALIGN[a]), firstLineIndent=0,
                               leftIndent=0, rightIndent=0, spaceBefore=0, spaceAfter=0,
                               fontSize=size, leading=base.leading * scale) for a in align]
        widths = _column_widths(*([w * scale for w in ws] for ws in widest), room=room)

        def cell_para(spans, c, header: bool) -> Paragraph:
            # right-to-left text broken into lines for its cell (measured at the text's
            # size, so the room is given at that size too); not the bold header's words
            room = (widths[c] - 2 * min(pad, widths[c] / 4)) / scale
            rtl = None if header else self.right_to_left(spans, style, cell[c], where, room, justify=False)
            return Paragraph(*rtl[0]) if rtl else Paragraph(self.styles.markup(spans, style, where), cell[c])

        cells = [[cell_para(spans, c, r == 0 and block.header) for c, spans in enumerate(row)]
                 for r, row in enumerate(rows)]
        rule = color(self.theme["colors"]["rule"])
        # a row taller than a page is split across pages (the layout could not be completed);
        # the header is repeated on each page unless it is itself tall
        header = max(p.wrap(w - 2 * min(pad, w / 4), self.height)[1] for p, w in zip(cells[0], widths)) + pad
        repeat = 1 if block.header and header < self.height / 4 else 0
        table = RowSplitTable(cells, colWidths=widths, repeatRows=repeat, splitInRow=1,
                      hAlign="RIGHT" if leftward else "LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), base.fontName, size),    # (not Helvetica, named in the PDF unembedded)
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # (a column squeezed narrower than its padding, deep in a list, keeps room for text)
            *(("LEFTPADDING", (c, 0), (c, -1), min(pad, w / 4)) for c, w in enumerate(widths)),
            *(("RIGHTPADDING", (c, 0), (c, -1), min(pad, w / 4)) for c, w in enumerate(widths)),
            ("TOPPADDING", (0, 0), (-1, -1), pad / 2), ("BOTTOMPADDING", (0, 0), (-1, -1), pad / 2),
            ("LINEBELOW" if block.header else "LINEABOVE", (0, 0), (-1, 0), 0.6, rule),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, rule),
        ]))
        table.spaceBefore = table.spaceAfter = base.leading / 2
        return table

    def _preformatted(self, style: str) -> ParagraphStyle:
        """A code block, or verse (a poem written line by line, or pasted with an indent,
        which Markdown takes for code): its lines as written, flush left, neither stretched
        nor hyphenated."""
        name = style + "-preformatted"
        if name not in self._unindented:
            base = self.styles[style]
            self._unindented[name] = ParagraphStyle(
                base.name + "-preformatted", parent=base, firstLineIndent=0, alignment=TA_LEFT, spaceShrinkage=0,
                hyphenationLang="", embeddedHyphenation=0, spaceBefore=max(base.spaceBefore, base.leading / 2),
                spaceAfter=max(base.spaceAfter, base.leading / 2))
        return self._unindented[name]

    def listing(self, block: ListBlock, where: str, quoted: int = 0):
        style = "note" if block.notes else "list"
        body = self.styles[style]
        rtl = all(self.styles.reads_right_to_left(_first_words(item)) for item in block.items)    # bullets on the right
        if block.ordered:                 # 1. 2. 3. (read right to left, the full stop is on the left)
            form = ".%s" if rtl else "%s."
            kind = dict(bulletType="1", start=block.start, bulletFormat=form)
            widest = form % (max(block.numbers) if block.numbers else block.start + len(block.items) - 1)
        else:
            kind = dict(bulletType="bullet", start="•")
            widest = "•"
        # room for the widest number and a space after it (10. and 100. overlapped the text);
        # past half the column, lists in lists step in by only that (ten levels ran off a page)
        label = pdfmetrics.stringWidth(widest, body.fontName, body.fontSize) + body.fontSize * 0.6
        indent = max(label, min(body.fontSize * 1.6, self.column_width / 2 - self.indent))
        with self._narrowed(indent):
            numbers = block.numbers or [None] * len(block.items)        # (as typed: years)
            items = [ListItem(self.blocks(item, style, where, top=False, quoted=quoted, listed=True)
                              or [Spacer(1, 0)], **({"value": n} if n is not None else {}))
                     for item, n in zip(block.items, numbers)]
        kind.update(dict(bulletDir="rtl", leftIndent=0, rightIndent=indent) if rtl else dict(leftIndent=indent))
        # split over a page, a list of one-paragraph items (an order of service) keeps two at
        # least on each side: its first with its second, its last with the one before (its
        # last went over alone). Not an item of several paragraphs: kept with the next, the
        # first item's poem went on with the second, its first line left alone at the foot.
        for keep in {0, len(items) - 2} if len(items) > 1 else ():
            if len(items[keep]._flowables) == 1 and isinstance(items[keep]._flowables[0], Paragraph):
                items[keep]._flowables[0].keepWithNext = 1
        # the list's space above it stands for its first item's: a picture first in the list
        # lost its own (the line above every photo) and touched a picture just before the list
        first = items[0]._flowables[0].getSpaceBefore() if items and items[0]._flowables else 0
        return ListFlowable(items, bulletFontName=body.fontName, bulletFontSize=body.fontSize,
                            bulletColor=body.textColor,
                            spaceBefore=max(body.spaceBefore, first), spaceAfter=body.spaceAfter, **kind)

    def _at(self, item, file: str = "") -> str:
        """Where an item of a section or a block of the story is, for reports: 'tributes.yaml
        line 7' (the file alone for what keeps no line)."""
        file = file or self.where
        line = getattr(item, "line", 0)
        return f"{file} line {line}" if line else file

    def quote(self, q: Quote, keep: type = Together) -> Together:
        """A quotation and who said it: kept together (`keep`: in the quotes section, a
        long one may go on over a page's foot, as a tribute does)."""
        text = q.text.strip()
        own = text[:1] in typography.QUOTE_PAIRS      # (a quotation that begins with a mark keeps its own)
        opens, closes = ("", "") if own else typography.quote_marks(self.booklet.language)
        text = typography.nested(text, self.booklet.language) if opens else text
        who = q.who + (f", {q.source}" if q.source else "")
        where = self._at(q, self.quotes_where)
        return keep([
            *self.paras(text, "quote", where, prefix=opens, suffix=closes),
            *self.paras(who, "attribution", where, prefix="— "),    # (right-to-left: by lines)
        ])

    def quotes(self, section: Section) -> list:
        return [self.quote(q, TogetherIfShort) for q in section.items]

    def tributes(self, section: Section) -> list:
        out: list = []
        rule = color(self.theme["colors"]["rule"])
        opens, closes = typography.quote_marks(self.booklet.language)
        for i, t in enumerate(section.items):
            paras = [typography.nested(p, self.booklet.language) for p in paragraphs(typography.unquoted(t.text))]
            where = self._at(t)
            flow = []
            for j, p in enumerate(paras):
                pieces = self.paras(p, "tribute", where, prefix=opens if j == 0 else "",
                                    suffix=closes if j == len(paras) - 1 else "")
                # a poem's stanza is not split: a long tribute goes on over a page between them (a
                # letter's long paragraph with its signature under it is no stanza)
                kept = prose(p).strip()
                if is_verse(kept) and kept.count("\n") < STANZA:
                    for piece in pieces:
                        piece.stanza = True
                flow += pieces
            who = t.author + (f", {t.role}" if t.role else "")
            flow += self.paras(who, "tribute_from", where, prefix="— ")
            # (the rule that parts it from the one before goes with it, never left at a page's foot)
            out.append(TogetherIfShort([Ornament(rule, between=True), *flow] if i else flow))
        return out

    def comments(self, section: Section) -> list:
        # One paragraph per comment, name first: platypus then never leaves a name alone at
        # the foot of a column (no orphans), and a long comment still splits between lines.
        name_style = self.styles["comment_name"]
        items = []
        for c in section.items:
            head = c.name.strip() or word("anonymous", self.booklet.language)
            extra = " · ".join(x for x in (c.date, c.source) if x)
            where = self._at(c)
            naskh = self.styles.wants_naskh(f"{head} {c.text}")     # (its name and its words in one face)
            name = self.styles.markup(head + (f" · {extra}" if extra else ""), "comment_name", where, naskh=naskh)
            name = (f'<font name="{name_style.fontName}" size="{name_style.fontSize}" '
                    f'color="{color_attr(self.theme.style("comment_name")["color"])}">{name}</font>')
            pieces = []        # (its text, whether it begins a paragraph, whether it ends one)
            for p in paragraphs(c.text):
                parts = chunks([Span(p)])
                pieces += [(part, j == 0, j == len(parts) - 1) for j, part in enumerate(parts)]
            first, style = self._comment_piece(pieces[0][0], self._comment_style, where, naskh)
            if len(pieces) == 1:             # split only when longer than a column
                items.append(reuse.paragraph(f"{name}<br/>{first}", style))
                continue
            # a paragraph's pieces read as one: space between paragraphs, none inside one
            flow = [Paragraph(f"{name}<br/>{first}", self._piece(style, True, pieces[0][2]))]
            for part, begins, ends in pieces[1:]:
                text, pstyle = self._comment_piece(part, self.styles["comment"], where, naskh)
                flow.append(Paragraph(text, self._piece(pstyle, begins, ends)))
            items.append(CommentTogether(flow))
        return items

    def _comment_piece(self, piece: list[Span], pstyle: ParagraphStyle, where: str, naskh: bool):
        rtl = self.right_to_left(piece, "comment", pstyle, where, justify=False, naskh=naskh)  # (a paragraph a piece)
        return rtl[0] if rtl else (self.styles.markup(piece, "comment", where, naskh=naskh), pstyle)

    def in_columns(self, kind: str, flowables: list, above: float = 0.0) -> list:
        """Below the heading (`above`: how tall it is), the rest of the page and the pages
        after it in columns."""
        n = self.theme["sections"][kind]["columns"]
        if n == 1:
            return flowables
        self._few_letters(kind, n)
        name = columns_template(n)
        frames = [f"{name}-{i}" for i in range(n)]
        # the columns begin under the heading if there is room for a few lines, or for the
        # first photo: else the heading stood alone at the foot of its page
        gap = self.styles["heading"].spaceAfter * 0.3
        first = flowables[0] if flowables else None
        required = max(72, min(self._unbroken(first, column_width(self.theme, kind)),
                                self.height - above - gap))       # (never the heading alone on a page)
        return [ColumnsBelow(name, frames, gap=gap, required=required), *flowables]

    def _few_letters(self, kind: str, n: int) -> None:
        """A warning when a section's columns hold so few letters a line that its text is a
        word or two a line (large print in three columns on a small page: 13 letters)."""
        if kind not in TEXT_KINDS or kind in self._crowded:
            return
        style = SECTION_STYLES[kind][0]
        em = self.styles[style].fontSize

        def letters(columns: int) -> float:        # (half an em a letter)
            return column_width(self.theme, kind, columns) / (em * 0.5)

        if letters(n) >= FEW_LETTERS:
            return
        self._crowded.add(kind)
        fewer = next((k for k in range(n - 1, 0, -1) if letters(k) >= FEW_LETTERS), 1)
        self.warnings.append(
            f"the {kind} section's {n} columns hold about {int(letters(n))} letters a line in "
            f"{self.styles[style].fontSize:g} pt type (a line reads well with 35 or more); set "
            f"sections.{kind}.columns to {fewer} in your layout, or its text smaller")

    def _unbroken(self, flowable, width: float) -> float:
        """How tall the start of a section is that cannot be split: its first photo and a line
        of its caption, or a gallery's first row."""
        if isinstance(flowable, PhotoRun):
            return flowable.groups[0][0].drawHeight + self.styles["caption"].leading
        if isinstance(flowable, Table):
            flowable.wrap(width, self.height)
            return flowable._rowHeights[0]
        return 0.0

    def photos(self, section: Section) -> list:
        """Photos one under the other, as many to a page as fit; two upright ones side by side
        (photos.photo_rows): one under the other, as wide as in the pair, should their words
        make the pair taller than a page."""
        columns = self.theme["sections"]["photos"]["columns"]
        sizes = [photos.image_size(p.path) for p in section.items]
        groups = []
        for row in photos.photo_rows(self.theme, self.column_width, sizes, columns):
            flows = []
            for i, width in row:
                p = section.items[i]
                flows.append(self.photo_group(p.path, p.caption, p.credit, self._at(p), width=width,
                                              cell=len(row) == 2, size=sizes[i]))
            pair = self._side_by_side(flows) if len(flows) == 2 else None
            groups += [[pair]] if pair is not None else flows
        return [PhotoRun(groups, fill_last=self._next_starts_a_page(section), spread=columns == 1, headed=True)]

    def _next_starts_a_page(self, section: Section) -> bool:
        """Whether what follows this section begins on a page of its own."""
        shown = [s for s in self.booklet.sections if not (s.kind == "quotes" and self.pull_quotes)]
        later = shown[[s is section for s in shown].index(True) + 1:]
        return not later or self.theme["sections"][later[0].kind]["start"] != "continue"

    def gallery(self, section: Section) -> list:
        """Photos in a grid, two to a row, each with its caption and credit; a panorama
        across a row of its own. A row whose words make it taller than a page (a long
        caption on a small page, in large print) is set one photo after the other, as the
        photos section sets them: a table's row cannot go on over a page. Each row is a
        table of its own."""
        gap = self.theme["page"]["column_gap"]
        cell_w = photos.gallery_cell(self.theme, self.column_width)
        sizes = [photos.image_size(p.path) for p in section.items]
        tallest = photos.gallery_tallest(self.theme, section, sizes, self.column_width)
        out, pair = [], []

        def alone(flow: list) -> None:
            flow[0].spaceBefore = gap if out else 0          # as a row's from the row above it
            out.append(Together(flow))

        def row() -> None:
            # the two photos' feet on one line, and so their captions: under a landscape photo
            # beside an upright one, its caption stood half a photo higher than the other's
            feet = max(flow[0].drawHeight for flow in pair)
            cells = [[Spacer(0, feet - flow[0].drawHeight), *flow] if flow[0].drawHeight < feet - 0.5 else flow
                     for flow in pair] + [[]] * (2 - len(pair))
            if self.styles.leftward:        # a row is read from the right in a booklet bound there
                cells.reverse()
            if self._grid([cells], cell_w, gap).wrap(self.column_width, self.height)[1] > self.height:
                for flow in pair:           # (its words then take the column's width)
                    alone(flow)
            elif len(pair) == 1:            # a photo alone in its row (before a panorama, or the
                                            # last) is centred: at the left, half the row was empty
                out.append(self._grid([[pair[0]]], cell_w, gap, after=bool(out)))
            else:
                out.append(self._grid([cells], cell_w, gap, after=bool(out)))
            pair.clear()

        for p, size in zip(section.items, sizes):
            if photos.panorama(*size):
                if pair:
                    row()
                alone(self.photo_flow(p.path, p.caption, p.credit, self._at(p), max_height=tallest, size=size))
                continue
            saved, self.column_width = self.column_width, cell_w
            pair.append(self.photo_flow(p.path, p.caption, p.credit, self._at(p), max_height=tallest, cell=True,
                                        size=size))
            self.column_width = saved
            if len(pair) == 2:
                row()
        if pair:
            row()
        if len(out) > 1:        # the last row keeps with the one before it: not alone on a page
            out[-2:] = [Together(out[-2:])]     # (7 captioned photos: six on a page, then one)
        return out

    def _grid(self, rows: list, cell_w: float, gap: float, after: bool = False) -> Table:
        """Rows of two photos; a row of one, a table one cell wide in the column's middle."""
        style = [("FONT", (0, 0), (-1, -1), self.styles["caption"].fontName),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("ALIGN", (0, 0), (-1, -1), "CENTER")]    # a portrait photo over its caption, not at the left
        if len(rows[0]) == 1:
            table = Table(rows, colWidths=[cell_w], hAlign="CENTER", spaceBefore=gap if after else 0)
            table.setStyle(TableStyle(style + [(side, (0, 0), (-1, -1), 0) for side in PADDINGS]))
            return table
        table = Table(rows, colWidths=[cell_w + gap / 2] * 2, hAlign="LEFT", spaceBefore=gap if after else 0)
        table.setStyle(TableStyle(style + [
            ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
            ("LEFTPADDING", (1, 0), (1, -1), gap / 2), ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -2), gap),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 0),
        ]))
        return table

    def schedule(self, section: Section) -> list:
        """An order of service: time, what happens, and who leads it."""
        date_w = self._date_width([s.time for s in section.items], "the order of service's times")
        room = self.column_width - date_w - EVENT_PAD
        rows = []
        for s in section.items:
            where = self._at(s)
            what = self.paras(s.item, "timeline_event", where, width=room)
            if s.who:
                what += self.paras(s.who, "attribution", where, pstyle=self._left("attribution"), width=room)
            rows.append([self.para(s.time, "timeline_date", where), what])
        return [self._two_columns(rows, date_w)]

    def _left(self, style: str) -> ParagraphStyle:
        base = self.styles[style]
        return ParagraphStyle(base.name + "-left", parent=base, alignment=0, spaceShrinkage=0, leftIndent=0,
                              rightIndent=0,
                              spaceBefore=1, spaceAfter=0)

    def questions(self, section: Section) -> list:
        lines = self.theme["questions"]["answer_lines"]
        rule = color(self.theme["colors"]["rule"])
        body = self.styles["list"]
        hang = body.fontSize * 1.8
        style = ParagraphStyle("question", parent=body, leftIndent=body.leftIndent + hang,
                               bulletIndent=body.leftIndent, bulletFontName=body.fontName)
        spacing = body.leading * 1.6
        out = []
        for number, q in enumerate(section.items, 1):
            if self.styles.reads_right_to_left(q.question):    # its number on the right, as a right-to-left list has
                with self._narrowed(hang):
                    item = ListItem(self.paras(q.question, "list", self._at(q), pstyle=body))
                flow = [ListFlowable([item], bulletType="1", start=number, bulletFormat=".%s", bulletDir="rtl",
                                     leftIndent=0, rightIndent=hang, bulletFontName=body.fontName,
                                     bulletFontSize=body.fontSize, bulletColor=body.textColor)]
                side = "right"
            else:
                flow = self.paras(q.question, "list", self._at(q), pstyle=style)
                flow[0].bulletText = f"{number}."
                side = "left"
            if lines:          # (more lines than a page holds go on over it: see RuledLines, Together)
                flow += [Indenter(**{side: hang}), RuledLines(spacing, rule, count=lines), Indenter(**{side: -hang})]
            out.append(Together(flow))
        return out

    def timeline(self, section: Section) -> list:
        date_w = self._date_width([e.date for e in section.items])
        rows = [[self.para(e.date, "timeline_date", self._at(e)),
                 self.paras(e.event, "timeline_event", self._at(e), width=self.column_width - date_w - EVENT_PAD)]
                for e in section.items]
        return [self._two_columns(rows, date_w)]

    def _date_width(self, dates: list[str], what: str = "the timeline's dates") -> float:
        """The dates' (or times') column: a quarter of the width, or wider (up to nearly
        half) so that no word of a date is broken: '1992' split over two lines reads as
        two numbers. Its style's indents are room the dates do not have; when the widest
        date cannot fit even so, the layout is told which settings make it fit."""
        spec = self.theme.style("timeline_date")
        upper = spec["uppercase"]
        words = [capitals(word, self.styles.language) if upper else word for date in dates for word in date.split()]
        widths = [self.styles.width(word, "timeline_date", self.where) for word in words]
        widest = max(widths, default=0.0)
        indents = spec["indent_left"] + spec["indent_right"] + max(spec["indent_first"], 0.0)
        need, most = widest + indents + 8 + 1, self.column_width * 0.45
        if need > most + 0.5:
            word = words[widths.index(widest)]
            mm = 72 / 25.4
            self.warnings.append(
                f"{what} are wider than their column: '{printable(word, 30)}' needs {need / mm:.0f} mm with "
                f"styles.timeline_date's size and indents, and the column is {most / mm:.0f} mm (nearly half the "
                "section's width), so it is broken; set timeline_date smaller or with smaller indents, or give "
                "the section one column, in your layout")
        return min(max(self.column_width * 0.24, need), most)

    def _two_columns(self, rows, date_w: float) -> Table:
        """A narrow column of dates or times, a rule, and what happened; in a booklet written
        right to left, read from the right: the dates on the right, set against the rule."""
        widths = [date_w, self.column_width - date_w]
        date, event, line = 0, 1, "LINEAFTER"
        date_in, event_in = "RIGHTPADDING", "LEFTPADDING"          # (each one's side at the rule)
        if self.styles.leftward:
            for row in rows:
                row[0].style = self._mirrored(row[0].style)
            rows, widths = [row[::-1] for row in rows], widths[::-1]
            date, event, line = 1, 0, "LINEBEFORE"
            date_in, event_in = event_in, date_in
        table = DatedTable(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.date_column = date
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.styles["timeline_event"].fontName),  # else Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            (event_in, (date, 0), (date, -1), 0),
            (date_in, (date, 0), (date, -1), 8),
            (event_in, (event, 0), (event, -1), EVENT_PAD),
            (date_in, (event, 0), (event, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            (line, (date, 0), (date, -1), 0.75, color(self.theme["colors"]["accent"])),
        ]))
        return table

    def _mirrored(self, style: ParagraphStyle) -> ParagraphStyle:
        """A style set flush the other way (a date flush right against the rule on its right,
        flush left against the rule on its left), made once for all the dates."""
        swap = {TA_LEFT: TA_RIGHT, TA_RIGHT: TA_LEFT}
        if style.alignment not in swap:
            return style
        key = (style.name, "mirrored")
        if key not in self._flush_right:
            self._flush_right[key] = ParagraphStyle(style.name + "-mirrored", parent=style,
                                                    alignment=swap[style.alignment],
                                                    leftIndent=style.rightIndent, rightIndent=style.leftIndent)
        return self._flush_right[key]

    def prepared(self, path: Path, width: float, shown_width: int):
        """A photo placed at `width`: a function that gives its prepared file when the page
        is drawn. The photos are being prepared meanwhile in worker processes (photos.wanted
        found them); one it did not foresee is prepared now."""
        job = (path, round(width, 3))
        self.images.append((path, shown_width / (job[1] / 72)))     # its resolution as placed
        if job not in self._files:        # one function a photo: a photo placed twice is one image
            if self.batch is not None and job in self.batch:
                self._files[job] = lambda: self.batch.get(job).path
            else:
                t = self.theme["photos"]
                prepared = photos.prepare(path, job[1], t["dpi"], t["quality"], self.workdir, t["grayscale"])
                self._files[job] = lambda: prepared.path
        return self._files[job]

    def photo(self, path: Path, caption: str, credit: str, where: str, flows: bool = False) -> Together:
        """A story's photo: a line's space above it and below its caption (the paragraph
        after it began right under the caption, as if the caption were its heading).
        `flows`: one between the story's paragraphs, which may be made smaller or wait for
        the next page (StoryPhoto), not one in a list or a quote."""
        group = self.photo_group(path, caption, credit, where)
        group[-1].spaceAfter = self.styles["caption"].leading
        return StoryPhoto(group) if flows else Together(group)

    def photo_pair(self, first: Picture, second: Picture, first_w: float, second_w: float, story: str) -> list:
        """Two upright pictures of a story side by side (photos.story_pairs), as a story's
        photo is set (StoryPhoto); one under the other, as wide, should their captions make
        them taller than a page."""
        flows = [self.photo_group(p.path, p.caption, p.credit, self._at(p, story), width=w, cell=True)
                 for p, w in ((first, first_w), (second, second_w))]
        pair = self._side_by_side(flows)
        groups = [[pair]] if pair is not None else flows
        for group in groups:
            group[-1].spaceAfter = self.styles["caption"].leading
        return [StoryPhoto(group) for group in groups]

    def _side_by_side(self, flows: list) -> PhotoPair | None:
        """Two photos' groups side by side, or None when their words make them taller than a
        page (a table's row cannot go on over a page: they are set one under the other)."""
        pair = PhotoPair(*flows, gap=self.theme["page"]["column_gap"])
        return pair if pair.wrap(self.column_width, self.height)[1] <= self.height else None

    def photo_group(self, path: Path, caption: str, credit: str, where: str, pair: bool = False, **placed) -> list:
        flow = self.photo_flow(path, caption, credit, where, pair=pair, **placed)
        # a line's space above each photo (none at the top of a page): a caption is then
        # nearer its own photo than the next one, which it touched
        flow[0].spaceBefore = self.styles["caption"].leading
        return flow

    def photo_flow(self, path: Path, caption: str, credit: str, where: str, max_height: float | None = None,
                   pair: bool = False, cell: bool = False, size: tuple[int, int] | None = None,
                   width: float | None = None) -> list:
        """A photo at the column's width (or less, to stay under max_height; or at `width`),
        then its words (`where` they are written, for reports). `cell`: a gallery's or one of a
        pair's, whose words take the width they are set in (under an upright photo, half a
        cell was two words a line). `size`: its pixels, when they are read already (else its
        header is read here)."""
        w, h = size or photos.image_size(path)
        if left_out := photos.first_page_only(path):
            self.warnings.append(left_out)
        width = width or photos.placed_width(self.theme, self.column_width, w, h, max_height, pair)
        shown = min(width, self.column_width - self.indent)      # narrower in a list or a quote in a quote
        flow = [PhotoImage(self.prepared(path, width, w), shown, shown * h / w)]
        room = self.column_width - self.indent
        # the photo is centred, its words under it and not wider (a caption set flush left
        # starts at its edge), but never narrower than half the column: under a photo as
        # narrow as a rule, a caption was set a letter a line
        side = 0.0 if cell else (room - max(shown, room / 2)) / 2
        for text, style in ((caption, "caption"), (credit, "credit")):
            if text:
                base = self.styles[style]
                pstyle = base if side < 0.5 else ParagraphStyle(
                    f"{base.name}-under", parent=base, leftIndent=base.leftIndent + side,
                    rightIndent=base.rightIndent + side)
                flow += self.paras(text, style, where, pstyle=pstyle, rest=pstyle)
        return flow


EVENT_PAD = 10               # between a timeline's rule and its events
FEW_LETTERS = 25            # letters a line in columns, about: fewer is a warning
# the sections whose columns are read as running text, warned of when they hold few letters
TEXT_KINDS = ("story", "comments", "tributes", "questions", "quotes")
TABLE_SMALLEST = 0.7        # a table too wide for its words is set smaller, to 70% of the text at least


PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


def _column_widths(least: list[float], most: list[float], room: float) -> list[float]:
    """A table's column widths: each as wide as its text if all fit; else each as wide as
    its longest word, and the room left shared out in proportion to what each column
    still wants; only when even the longest words do not fit are words broken."""
    if sum(most) <= room:
        return most
    if sum(least) >= room:
        # as wide as its longest word, up to one level for all, as high as the room allows:
        # short columns keep their words whole, only the widest are broken
        level, left, count = max(least), room, len(least)
        for w in sorted(least):
            if w * count > left:
                level = left / count
                break
            left, count = left - w, count - 1
        return [min(w, level) for w in least]
    wants = [m - w for w, m in zip(least, most)]
    spare = room - sum(least)
    return [w + spare * want / sum(wants) for w, want in zip(least, wants)]


INTRO = 160     # characters: a paragraph this short ending in a colon introduces what follows


def _introduces(block: Para, after) -> bool:
    """Whether a paragraph is a short one ending in a colon ('The order of service:',
    'Hymn: Abide with Me' is not) right before a list or a poem: kept with their beginning,
    as a heading is."""
    text = "".join(s.text for s in block.spans).rstrip()
    return (len(text) <= INTRO and text.endswith(":")
            and (isinstance(after, ListBlock) or (isinstance(after, Para) and after.preformatted)))


def _kept_indents(spans: list[Span]) -> list[Span]:
    """Spans with each line's leading spaces (a tab as four) made no-break spaces, which
    are not collapsed: a code block's (or a poem's) indents stay where they were written."""

    def kept(m):
        return m.group().replace("\t", "    ").replace(" ", "\u00a0")

    return [Span(re.sub(r"(?m)^[ \t]+", kept, s.text), s.bold, s.italic, s.code, s.link) for s in spans]


def _first_words(blocks: list) -> str:
    """The text of the first paragraph among these blocks (a list item's), or nothing."""
    para = next((b for b in blocks if isinstance(b, Para)), None)
    return "".join(s.text for s in para.spans) if para else ""


def _mix(a: tuple, b: tuple, amount: float):
    """`amount` of colour a over colour b (both rgb), as a reportlab colour."""
    from reportlab.lib.colors import Color
    if b[0] != "rgb":
        b = ("rgb", 1.0, 1.0, 1.0)
    return Color(*(amount * x + (1 - amount) * y for x, y in zip(a[1:], b[1:])))


def compose(booklet: Booklet, styles: Styles, workdir: Path, bleed: float = 0.0, blanks: int = 0,
            batch: photos.Batch | None = None) -> Composer:
    """The composer, having composed: its flowables, warnings, and the photos it placed.
    `batch`: the photos being prepared meanwhile (see photos.wanted)."""
    composer = Composer(booklet, styles, workdir, bleed, blanks)
    composer.batch = batch
    reuse.begin()
    composer.flowables = composer.compose()
    reuse.end()
    return composer
