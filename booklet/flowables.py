"""The few flowables platypus does not have: a section marker, the cover, drawn art.

Everything else in the booklet is a stock platypus flowable (Paragraph, KeepTogether,
Table, Image, BalancedColumns).
"""
from __future__ import annotations

import copy
import math
from ast import literal_eval
from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table
from reportlab.platypus import flowables as _platypus_flowables
from reportlab.platypus.flowables import FrameSplitter, KeepTogether
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from .balance import balanced_frames
from reportlab.platypus.doctemplate import ActionFlowable, NullActionFlowable, _FrameBreak


_reportlab_li_split = _platypus_flowables.LIIndenter.split


def _li_split(self, aW, aH):
    """A list item's piece split as reportlab splits it, except that an action among the
    pieces (KeepTogether's FrameBreak, when a picture and its caption in a list do not fit
    at a page's foot) is done, not indented: indented, the frame asked it for its size and
    the build stopped ('_FrameBreak.wrap should never be called')."""
    pieces = _reportlab_li_split(self, aW, aH)
    out = [s._flowable if isinstance(s._flowable, ActionFlowable) else s for s in pieces]
    drawn = [s for s in out if isinstance(s, _platypus_flowables.LIIndenter)]
    if drawn:
        if self._bullet and out[0] is not pieces[0]:       # (its bullet goes with what is drawn)
            drawn[0]._bullet = self._bullet
        # the item's own spaces, which the frame had measured it with, stay with its
        # first and last pieces: the pieces took their contents' ('solo' photo's line
        # above it), and a photo that fitted with its caption left the caption no room
        for piece, space in ((drawn[0], "spaceBefore"), (drawn[-1], "spaceAfter")):
            if space in self.__dict__:
                setattr(piece, space, self.__dict__[space])
    return out


_platypus_flowables.LIIndenter.split = _li_split


class SectionStart(Flowable):
    """Takes no space; tells the document a section begins here (outline, running heads)."""

    def __init__(self, title: str, level: int = 0):
        super().__init__()
        self.title, self.level = title, level
        self.key = ""                 # its outline key (render.py)
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


def ends_section(flowable) -> bool:
    """Whether a section's run of flowables ends here: the next section's start (its
    template, page break or SectionStart), or a page's break or the columns' switch."""
    return isinstance(flowable, (ActionFlowable, PageBreak, CondPageBreak, FrameSplitter, SectionStart))


class Contents(TableOfContents):
    """A contents page laid out in the same pass as the booklet. Its entries (each section's
    level, title markup and outline key) are known before the layout; their pages only
    later. So each entry's dot leader and page number is a PDF form, drawn where the entry
    ends and filled in when the PDF is written (as reportlab's 'page N of M' is done). The
    leader is reportlab's own, drawn in the form (in a booklet written right to left, ours,
    mirrored: from the number on the left to where the title's last line starts). With a second pass instead, every
    paragraph of the booklet was laid out twice and kept in memory between the passes."""

    entries: list[tuple[int, str, str]] = []

    def __init__(self, *args, leftward: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # in a booklet written right to left, the titles are set flush right and the
        # leaders run from their start to the page numbers on the left
        self.leftward = leftward

    def wrap(self, availWidth, availHeight):
        if not self.entries:
            return 0, 0
        self._lastEntries = [(level, self._marked(text, level, key), 0, key) for level, text, key in self.entries]
        size = super().wrap(availWidth, availHeight)
        self.canv.setNamedCB("drawTOCEntryEnd", self._entry_end if not self.leftward else lambda *_: None)
        self.canv.setNamedCB("contentsEntryStart", self._entry_end)
        self._room = availWidth
        return size

    def _marked(self, text: str, level: int, key: str) -> str:
        """A right-to-left entry's markup with a mark where its last line starts (reportlab
        marks where an entry ends, which is where a left-to-right leader starts)."""
        if not self.leftward:
            return text
        lines = text.split("<br/>")
        label = f"0,{level},{key!r}"          # (as reportlab's own: page, level, key; keys have no commas)
        return "<br/>".join(lines[:-1] + [f'<onDraw name="contentsEntryStart" label="{label}"/>{lines[-1]}'])

    def drawOn(self, canvas, x, y, _sW=0):
        if self.entries:
            super().drawOn(canvas, x, y, _sW)

    def _entry_end(self, canvas, kind, label):
        key = literal_eval(label.split(",")[2])
        style = self.getLevelStyle(int(label.split(",")[1]))
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        name = f"contents-{key}"
        # the form is drawn after the entry's own text, and in the page's own coordinates
        # (the paragraph's are shifted): text extractors then read title and number as one
        # line, in that order (pdfium compares a form's text with the page's unshifted)
        a, b, c, d, e, f = canvas._currentMatrix
        canvas.after_text.append(name)
        # the leader's room: from the title's end to the right, or from the left to its start
        start, end = (0, x) if self.leftward else (x, self._room)
        canvas.leaders[name] = (key, style, a * start + c * y + e, b * x + d * y + f, a * end + c * y + e,
                                self.leftward)
        canvas.linkRect("", key, (start, y, end, y + style.leading), relative=1)


def draw_leaders(canvas, pages: dict[str, int]):
    """Fill in the forms of the contents' page numbers, now that every section is placed."""
    for name, (key, style, x, y, right, leftward) in canvas.leaders.items():
        canvas.beginForm(name, x - 1, y - style.leading, right + 1, y + style.leading)
        if key in pages and leftward:
            number = str(pages[key])
            dots = int((right - x - stringWidth(number, style.fontName, style.fontSize))
                       / stringWidth(" . ", style.fontName, style.fontSize))
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawString(x, y, number + " . " * max(dots, 0))
        elif key in pages:
            canvas._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(canvas, style, [(pages[key], None)], right, 0, " . ")
        canvas.endForm()


class ToRightPage(ActionFlowable):
    """After a page break: if we landed on an even page (a verso: on the left, or on the
    right in a booklet bound on the right), leave it blank."""

    def __init__(self):
        super().__init__(("toRightPage",))


class BelowColumns(ActionFlowable):
    """The start of a section set to go on after one in columns: on below the columns, where
    their page was given room below them (balance.py, when the columns end on it, balanced),
    else on a new page."""

    def __init__(self):
        super().__init__(("belowColumns",))


class Ornament(Flowable):
    """A short centred rule: a story's scene break, or (`between`) what parts two tributes,
    which is not drawn at the top of a page or column, where it parts nothing (it began
    pages, over the tribute that had gone on to them)."""

    def __init__(self, color, width: float = 36, space: float = 10, between: bool = False):
        super().__init__()
        self.color, self.rule_width, self.space, self.between = color, width, space, between
        self.drawn = True

    def wrap(self, aw, ah):
        self.aw = aw
        frame = getattr(self, "_frame", None)         # (set while a frame places it)
        self.drawn = not (self.between and frame is not None and frame._atTop)
        return aw, 2 * self.space if self.drawn else 0.0

    def draw(self):
        if not self.drawn:
            return
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(0.5)
        x = (self.aw - self.rule_width) / 2
        c.line(x, self.space, x + self.rule_width, self.space)


class DropCapParagraph(Paragraph):
    """The story's opening paragraph with a large initial letter two lines deep: its top at
    the first line's capitals, its baseline on the second line's baseline. The two lines
    beside it are broken narrower and drawn further in (reportlab's per-line widths and
    offsets), so a page break anywhere leaves an ordinary paragraph behind, however long."""

    CAP = 0.66       # capital height as a share of the type size (Gentium, Noto: about two thirds)
    LINES = 2

    def __init__(self, text, style=None, *, letter: str = "", font: str = "", color=None, gap: float = 0.0,
                 **kw):
        super().__init__(text, style, **kw)
        self.letter = letter             # "" in the pieces after a page break: no letter there
        if letter:
            self.font, self.color = font, color
            self.cap_size, self.indent = self.measure(letter, font, self.style, gap)
            self.baseline = self.style.fontSize * 0.8 + self.style.leading      # from the top of the paragraph

    @classmethod
    def measure(cls, letter: str, font: str, style, gap: float) -> tuple[float, float]:
        """The letter's type size, and how far in it sets the lines beside it."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        cap_size = (style.leading + style.fontSize * cls.CAP) / cls.CAP
        return cap_size, stringWidth(letter, font, cap_size) + gap

    def breakLines(self, width):
        if self.letter:                  # [first, later] from wrap: the first lines go narrower
            width = [width[0] - self.indent] + [width[1] - self.indent] * (self.LINES - 1) + [width[1]]
        return super().breakLines(width)

    def wrap(self, availWidth, availHeight):
        w, h = super().wrap(availWidth, availHeight)
        if self.letter:
            self.height = h = max(h, self.LINES * self.style.leading)
        return w, h

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if len(pieces) == 2 and self.letter:      # the letter stays with the first piece
            first = pieces[0]
            first.letter, first.font, first.color = self.letter, self.font, self.color
            first.cap_size, first.baseline, first.indent = self.cap_size, self.baseline, self.indent
        return pieces

    def draw(self):
        if not self.letter:
            return super().draw()
        c = self.canv
        c.saveState()
        c.setFillColor(self.color)
        if _draw_outline(c, self.font, self.letter, self.cap_size, self.style.leftIndent, self.height - self.baseline):
            # The letter drawn as a shape is no text: the first word is copied, searched and
            # read aloud whole ('In the summer', not 'I' and 'n the summer'), from the letter
            # written again, invisible, in the text's own size just before the rest of its word.
            text = c.beginText()
            text.setTextRenderMode(3)
            text.setFont(self.style.fontName, self.style.fontSize)
            width = c.stringWidth(self.letter, self.style.fontName, self.style.fontSize)
            text.setTextOrigin(self.style.leftIndent + self.indent - width, self.height - self.style.fontSize)
            text.textOut(self.letter)
            c.drawText(text)
        else:
            c.setFont(self.font, self.cap_size)
            c.drawString(self.style.leftIndent, self.height - self.baseline, self.letter)
        c.restoreState()
        self._offsets = [self.indent] * self.LINES + [0]
        try:
            super().draw()
        finally:
            del self._offsets


def _draw_outline(c, font_name: str, letter: str, size: float, x: float, y: float) -> bool:
    """Draw a letter as the outline of its glyph in the font (HarfBuzz reads it), filled, its
    baseline's left end at (x, y); False if the font gives no outline for it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import FILL_NON_ZERO

    font = pdfmetrics.getFont(font_name)
    try:
        import uharfbuzz
        hb = uharfbuzz.Font(font.hbFace)
        glyph = hb.get_nominal_glyph(ord(letter))
    except (AttributeError, ImportError, TypeError, ValueError):
        return False
    if not glyph:
        return False
    scale = size / font.hbFace.upem
    path, at = c.beginPath(), [0.0, 0.0]

    def point(p):
        return x + p[0] * scale, y + p[1] * scale

    class Pen:                  # (fontTools' pen: TrueType's quadratic curves made cubic)
        def moveTo(self, p):
            path.moveTo(*point(p))
            at[:] = p

        def lineTo(self, p):
            path.lineTo(*point(p))
            at[:] = p

        def curveTo(self, a, b, p):
            path.curveTo(*point(a), *point(b), *point(p))
            at[:] = p

        def qCurveTo(self, q, p):
            a = (at[0] + 2 / 3 * (q[0] - at[0]), at[1] + 2 / 3 * (q[1] - at[1]))
            b = (p[0] + 2 / 3 * (q[0] - p[0]), p[1] + 2 / 3 * (q[1] - p[1]))
            self.curveTo(a, b, p)

        def closePath(self):
            path.close()

    hb.draw_glyph_with_pen(glyph, Pen())
    c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    return True


class RuledLines(Flowable):
    """Ruled lines to write on: `count` of them, or as many as fill the rest of the frame."""

    def __init__(self, spacing: float, color, count: int | None = None):
        super().__init__()
        self.spacing, self.color, self.count = spacing, color, count

    def wrap(self, aw, ah):
        n = self.count if self.count is not None else max(1, int(ah // self.spacing) - 1)
        self.aw, self.n = aw, n
        return aw, n * self.spacing

    def split(self, aw, ah):
        """More lines than the page has room for go on over the page."""
        fit = int(ah // self.spacing)
        if self.count is None or not 1 <= fit < self.count:
            return []
        return [RuledLines(self.spacing, self.color, fit), RuledLines(self.spacing, self.color, self.count - fit)]

    def draw(self):
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(0.5)
        # a third of a line's space under the lowest line, two thirds over the highest: the
        # lowest was the flowable's foot, and the next question sat on it as if underlined
        lift = self.spacing / 3
        for i in range(self.n):
            c.line(0, i * self.spacing + lift, self.aw, i * self.spacing + lift)


class CoverPage(Flowable):
    """The front cover, filling a full-page frame: art, then the title block over it."""

    def __init__(self, page_size, block, title_at: float, art: str, colors, margin: float, image=None,
                 bleed: float = 0.0, paper=None, leftward: bool = False):
        super().__init__()
        self.leftward = leftward          # bound on the right: the track runs off the left edge
        self.page_w, self.page_h = page_size
        self.bleed = bleed                # art and photo run this far past the trimmed edge
        self.block = block                # the title block: one flowable, placed at title_at
        self.title_at, self.art, self.colors, self.margin = title_at, art, colors, margin
        self.image = image                # (file, width, height) for a full-page photo; file() gives its path
        self.paper = paper                # the colour of the band under the title on a photo

    def wrap(self, aw, ah):
        return aw, ah

    def draw(self):
        c = self.canv
        top = self.page_h * (1 - self.title_at)
        _, h = self.block.wrapOn(c, self.page_w - 2 * self.margin, top - self.margin)
        if self.image is not None:
            self._draw_photo(c)
            # the title over a photo could not be read (brown letters over trees): it sits
            # on a band of the paper's colour, across the page
            pad = 0.6 * self.margin
            c.saveState()
            c.setFillColor(self.paper)
            c.rect(-self.bleed, top - h - pad, self.page_w + 2 * self.bleed, h + 2 * pad, stroke=0, fill=1)
            c.restoreState()
        elif self.art == "track":
            # a long title block (a memorial's five-line title) had its subtitle and note
            # drawn across the lanes: the track steps down to clear it, by a lane
            # (a block set low on the page, by the layout's title_at, would leave a sliver of
            # lanes under it, as if cut off in printing: then there is no track)
            clear = top - h - track_top(self.page_w, self.page_h) - TRACK_LANE * self.page_w
            if -clear < track_top(self.page_w, self.page_h) / 2:
                draw_track(c, self.page_w, self.page_h, self.colors, self.bleed, lowered=max(0.0, -clear),
                           mirrored=self.leftward)
        elif self.art == "frame":
            draw_frame(c, self.page_w, self.page_h, self.colors[0], self.margin)
        self.block.drawOn(c, self.margin, top - h)

    def _draw_photo(self, c):
        file, iw, ih = self.image
        b = self.bleed
        bw, bh = self.page_w + 2 * b, self.page_h + 2 * b
        scale = max(bw / iw, bh / ih)   # fill the page and its bleed, centred, cropped at the edges
        w, h = iw * scale, ih * scale
        c.saveState()
        p = c.beginPath()
        p.rect(-b, -b, bw, bh)
        c.clipPath(p, stroke=0, fill=0)
        draw_photo(c, file, (self.page_w - w) / 2, (self.page_h - h) / 2, w, h)
        c.restoreState()


TRACK_LANE = 0.042          # a lane's width, as a share of the page's


def _track_centre(page_w: float, page_h: float, lowered: float = 0.0) -> tuple[float, float]:
    return page_w * 0.98, -page_h * 0.02 - lowered     # the centre of the bend, at the lower right


def track_top(page_w: float, page_h: float) -> float:
    """The height of the outer lane's highest point, from the bottom of the page."""
    return _track_centre(page_w, page_h)[1] + page_w * (0.48 + 8 * TRACK_LANE)


def draw_track(c, page_w: float, page_h: float, colors, bleed: float = 0.0, lowered: float = 0.0,
               mirrored: bool = False) -> None:
    """The bend of a running track, eight lanes, sweeping across the lower half of the page
    (lowered by this much, under a long title block) and on into the bleed at the cover's
    outer edge: the right, or `mirrored`, the left (a booklet bound on the right)."""
    accent, tint = colors
    cx, cy = _track_centre(page_w, page_h, lowered)
    lane = page_w * TRACK_LANE
    r0 = page_w * 0.48
    c.saveState()
    if mirrored:
        c.transform(-1, 0, 0, 1, page_w, 0)
    p = c.beginPath()
    p.rect(-bleed, -bleed, page_w + 2 * bleed, page_h + 2 * bleed)
    c.clipPath(p, stroke=0, fill=0)
    if tint is not None:                            # the track surface, a light band
        c.setFillColor(tint)
        c.setStrokeColor(tint)
        band = c.beginPath()
        steps = 64
        outer = [(cx + (r0 + 8 * lane) * math.cos(a), cy + (r0 + 8 * lane) * math.sin(a))
                 for a in (math.pi / 2 + i * (math.pi / 2) / steps for i in range(steps + 1))]
        inner = [(cx + r0 * math.cos(a), cy + r0 * math.sin(a))
                 for a in (math.pi - i * (math.pi / 2) / steps for i in range(steps + 1))]
        band.moveTo(*outer[0])
        for pt in outer[1:] + inner:
            band.lineTo(*pt)
        band.close()
        c.drawPath(band, stroke=0, fill=1)
    c.setStrokeColor(accent)
    for i in range(9):
        c.setLineWidth(1.2 if i in (0, 8) else 0.6)
        c.circle(cx, cy, r0 + i * lane, stroke=1, fill=0)
    c.restoreState()


def draw_frame(c, page_w: float, page_h: float, accent, margin: float) -> None:
    """A double rule around the cover, as on a printed order of service: a firm line and a
    fine one inside it, set in from the trimmed edge by half the page's margin."""
    inset = 0.55 * margin
    c.saveState()
    c.setStrokeColor(accent)
    for step, width in ((0.0, 1.2), (3.0, 0.45)):
        c.setLineWidth(width)
        d = inset + step
        c.rect(d, d, page_w - 2 * d, page_h - 2 * d, stroke=1, fill=0)
    c.restoreState()


class _Nothing(NullActionFlowable):
    """Nothing: the first piece of a split that must not be placed (platypus places a
    split's first piece at once, except an action). In a list item, where pieces are drawn
    rather than done, it draws nothing (an action there failed: it cannot be drawn)."""

    def draw(self):
        pass


class RowSplitTable(Table):
    """reportlab's Table, whose rows may go on over a page (splitInRow), except that a row a
    hair taller than the room is split too: reportlab wants 1 pt of it left for the next
    page, counting the row's padding, not its lines, and refused a timeline entry 0.1 pt
    taller than a page, at the top of a page (the build stopped). Then it is split a
    little higher up. A row of fewer than KEEP_LINES lines is not split: it goes on whole
    (a timeline's last entry of four lines was set two lines in each balanced column, the
    second pair under no date)."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if not parts and self.splitInRow and availHeight > 2 * self.splitInRow:
            parts = super().split(availWidth, availHeight - 2 * self.splitInRow)
        return parts

    def _splitRows(self, availHeight, doInRowSplit=0):
        if doInRowSplit:
            n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=True)
            if n < len(self._rowHeights) and self._rowHeights[n] < KEEP_LINES * self._leading(n):
                return []
        return super()._splitRows(availHeight, doInRowSplit)

    def _leading(self, row: int) -> float:
        """The greatest line height of the paragraphs in a row (0 when it has none)."""
        cells = [c if isinstance(c, (list, tuple)) else [c] for c in self._cellvalues[row]]
        return max((f.style.leading for cell in cells for f in cell if isinstance(f, Paragraph)), default=0.0)


KEEP_LINES = 6      # a table's row of fewer lines is not split between pages or columns


class DatedTable(RowSplitTable):
    """A timeline's or an order of service's rows: a date (or a time) and what happened. An
    entry that goes on over a page has its date again beside what goes on: its lines at the
    next page's top stood under no date, as if they were the entry before's. The dates are
    the first column, or the second (`date_column`) in a booklet written right to left."""

    date_column = 0

    def _splitRows(self, availHeight, doInRowSplit=0):
        parts = super()._splitRows(availHeight, doInRowSplit)
        at = self.date_column
        for part in parts:
            part.date_column = at
        if doInRowSplit and len(parts) == 2 and parts[1]._cellvalues and not parts[1]._cellvalues[0][at]:
            date = parts[0]._cellvalues[-1][at]            # (the row split in two: the first part's last)
            parts[1]._cellvalues[0][at] = [copy.copy(f) for f in (date if isinstance(date, (list, tuple)) else [date])]
        return parts


class Together(KeepTogether):
    """KeepTogether, except that what is taller than a whole page (or column) is not first
    moved on to the next one, where it could not be kept together either: it flows on from
    where it is. (platypus would leave the rest of the page empty, and a heading before it
    alone on its page.)"""

    def fits(self, canv, aW: float, room: float, whole: float) -> bool:
        """Whether it can begin in `room` (points) of a frame `whole` high: all of it, or,
        taller than the frame, its first part."""
        self.wrapOn(canv, aW, room)
        return self._H <= room or self._H > whole

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._aH:       # (platypus places the first piece of
            return [_Nothing()] + self._content       # a split at once: an action)
        return super().split(aW, aH)


class CommentTogether(Together):
    """A comment of several paragraphs (or of one too long for a paragraph of its own:
    compose.chunks): kept together, except at a column's foot, where it goes on over it
    as a comment of one paragraph does (WholeParagraph): its name and two lines at least
    here, two lines at least on. Moved on whole, one of twenty lines left up to twenty
    lines empty at the foot of a column. (balance.fits goes on with it as this does.)"""

    _column_item = True

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop or self._H > frame._aH or self._H <= aH:
            return super().split(aW, aH)                # (here whole; or, taller than a column, flowing on)
        return self._at_foot(aW, aH) or super().split(aW, aH)     # (else on to the next column, whole)

    def _at_foot(self, aW: float, aH: float) -> list | None:
        """The paragraphs (and lines of one) that fit here, and the rest as a comment of its
        own; None when fewer than its name and two lines fit, or fewer than two would go on."""
        from .balance import HEAD, lines_fitting

        used, placed = 0.0, 0
        for i, f in enumerate(self._content):
            space = f.getSpaceBefore() if i else 0.0
            h = f.wrapOn(self.canv, aW, aH)[1]
            count = len(f.blPara.lines) if getattr(f, "blPara", None) is not None else 0
            if used + space + h <= aH + 1e-6:
                used, placed = used + space + h + f.getSpaceAfter(), placed + count
                continue
            later = len(self._content) - i - 1             # (each a line at least)
            here = lines_fitting(count, f.style.leading, aH - used - space) if count else 0
            if here > 0 and placed + here >= HEAD and count - here + later >= 2:
                pieces = f.splitOn(self.canv, aW, aH - used - space)
                if len(pieces) == 2:
                    return [*self._content[:i], pieces[0], CommentTogether([pieces[1], *self._content[i + 1:]])]
            if i and placed >= HEAD and count + later >= 2:
                return [*self._content[:i], CommentTogether(self._content[i:])]
            return None
        return None


class Stanza(Together):
    """A poem's stanza or a short code block (compose.STANZA lines at most): kept on one
    page, and otherwise set as the paragraph it is: the words after a story's photo that
    waits for the next page fill this one past it, as a paragraph's do."""

    def split(self, aW, aH):
        parts = super().split(aW, aH)
        if parts and isinstance(parts[0], _FrameBreak):
            # moved on whole, still a stanza: a photo that waited for the next page's top is
            # set before it there, and it was split below the photo as a paragraph
            return [parts[0], self]
        return parts


class TogetherIfShort(Together):
    """A tribute (or a quotation in the quotes section): kept together when short; a long
    one that does not fit in what is left of the page goes on over its foot, split between
    lines as a paragraph is, its last lines kept with who it is from. Moved on whole, a
    tribute of half a page left half a page empty before it; one longer than a page flowed
    on, who it was from sometimes alone at the top of a page."""

    LONG = 0.25         # of the frame's height: longer than this, it may be split

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is None or self._H <= aH or self._H < self.LONG * frame._aH:
            return super().split(aW, aH)
        parts = self._lines_here(aW, aH)
        if parts or frame._atTop:
            return parts or super().split(aW, aH)
        # moved on whole, still one: split there, its last lines kept with who it is from
        # (platypus's KeepTogether moves on its paragraphs one by one, who it is from alone)
        return [self.FrameBreak(), self]

    def _lines_here(self, aW, aH) -> list | None:
        """What fits here (whole paragraphs, and the first lines of the next) and the rest,
        for the next page; None when no paragraph can be split here."""
        *words, who = self._content
        if not words:
            return None
        used = 0.0
        for i, f in enumerate(words):
            space = f.getSpaceBefore() if i else 0.0
            h = f.wrapOn(self.canv, aW, aH - used - space)[1]
            if used + space + h <= aH:
                used += space + h + f.getSpaceAfter()
                continue
            splits = isinstance(f, Paragraph) and not getattr(f, "stanza", False)     # (a poem's stanza does not)
            pieces = f.splitOn(self.canv, aW, aH - used - space) if splits else []
            if len(pieces) == 2:
                return [*self._content[:i], pieces[0], TogetherIfShort([pieces[1], *self._content[i + 1:]])]
            here = self._content[:i]         # (whole paragraphs; never the rule before it alone)
            return [*here, TogetherIfShort(self._content[i:])] if any(not isinstance(x, Ornament) for x in here) \
                else None
        # all its words fit, and who it is from does not: the last lines go on with it
        below = max(words[-1].getSpaceAfter(), who.getSpaceBefore()) + who.wrapOn(self.canv, aW, aH)[1]
        return self._lines_here(aW, aH - below) if aH - below > 0 else None


STORY_SHRINK = 0.6      # a story's photo is made at most this much smaller to stay on its page


class StoryPhoto(Together):
    """A story's photo and its caption. One that does not fit in what is left of its page is
    made smaller to fit there, to STORY_SHRINK of its size at the least (an upright photo
    at the foot of a page went on to the next, the lower half of this one left empty);
    else it goes on, and the paragraphs after it, up to the next heading, fill the page
    (render.BookletDoc.handle_deferPhoto). `stay`: it is no longer put off."""

    stay = False
    waited_again = False        # it may wait a second time, not a third (render.BookletDoc._waiting)

    def split(self, aW, aH):            # (KeepTogether is always split: this is where it is placed)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop or self._H <= aH:
            return super().split(aW, aH)
        shrunk = _shrunk([self._content], aW, aH, {}, least=STORY_SHRINK)
        if shrunk:
            return shrunk[0]
        return super().split(aW, aH) if self.stay else [ActionFlowable(("deferPhoto", self))]

    def fits(self, canv, aW: float, room: float, whole: float) -> bool:
        return super().fits(canv, aW, room, whole) or (room > 0 and bool(_shrunk([self._content], aW, room, {},
                                                                            least=STORY_SHRINK)))


class HeadingGroup(KeepTogether):
    """A heading (or two) and what follows it, as platypus groups them for keepWithNext:
    kept together as platypus keeps them, except a heading and a paragraph (below)."""

    then = None     # a photo, a quote or a list after the heading, which platypus does not group with it

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if self.then is not None and frame is not None and not frame._atTop:
            room = aH - self._H - max(self._content[-1].getSpaceAfter(), self.then.getSpaceBefore())
            if not _begins(self.then, self.canv, aW, room, frame._aH):  # (the heading was left alone at the
                return self._words_first(aW, aH) or [self.FrameBreak(), self]   # page's foot, its photo on the next)
        parts = self._heading_here(aW, aH) or super().split(aW, aH)
        if parts and isinstance(parts[0], _FrameBreak):
            # moved on whole, still a group: a photo that waited for the next page's top goes
            # before it there, not between the heading and its words (the heading was left
            # alone under the photos)
            return [parts[0], self]
        return parts

    def _words_first(self, aW, aH):
        """A story's heading over a photo that does not fit below it, and then words: the
        heading stays here with the first lines of the words, and the photo waits for the
        next page's top (render.BookletDoc.handle_deferPhoto), as a photo between paragraphs
        does; the heading and its photo went on, this page's lower part left empty. None when
        the words' first lines do not fit here either, or what follows is not words."""
        queue = self._doctemplateAttr("queue") or []
        if not (queue and queue[0] is self.then and isinstance(self.then, StoryPhoto) and not self.then.stay):
            return None
        if aW < (self._doctemplateAttr("full_width") or 1e9) - 1:
            return None             # (in columns a photo does not wait: the heading was left at a column's foot)
        at = next((i for i, f in enumerate(queue) if not isinstance(f, StoryPhoto)), len(queue))
        words = queue[at] if at < len(queue) else None
        if not isinstance(words, Paragraph) or words.getKeepWithNext():
            return None
        ends_here = self._doctemplateAttr("_ends_here")
        if ends_here is not None and ends_here(queue[at:], above=self._H):
            return None             # (the story's last words: the photo goes on before them, and the heading with it)
        room = aH - self._H - max(self._content[-1].getSpaceAfter(), words.getSpaceBefore())
        if room <= 0:
            return None
        if words.wrap(aW, room)[1] > room:
            parts = words.split(aW, room)
            if len(parts) != 2 or parts[0].wrap(aW, room)[1] > room:
                return None
        return list(self._content)

    def _heading_here(self, aW, aH):
        """A heading and a long paragraph that does not fit below it whole: the heading stays
        here with the paragraph's first lines when they fit (its own rules for a page's
        first and last lines), the rest flowing on. KeepTogether moved both to the next
        page, leaving most of this one empty (a rule alone on a page, seen in a fuzz of
        headings). The same for a photos section's photos and a timeline's or an order of
        service's rows, the first of them here (a section set to go on from the last's page
        went to a new one). None when they cannot stay here, or the group is not headings
        and one of those: then platypus moves it on whole (a heading never alone at a page's
        foot)."""
        *heads, last = self._content
        frame = getattr(self, "_frame", None)
        if isinstance(last, (PhotoRun, Table)) and (frame is None or frame._atTop):
            return None          # (at a page's top platypus sets them one by one: they split there)
        if not heads or not isinstance(last, (Paragraph, PhotoRun, Table)):
            return None
        used = 0.0
        for f in heads:          # (spaces counted in full, not overlapped: never more than there is)
            used += f.getSpaceBefore() + f.wrap(aW, aH)[1] + f.getSpaceAfter()
        room = aH - used - last.getSpaceBefore()
        if isinstance(last, PhotoRun):
            last._frame = frame           # (as the frame sets it, to place it)
        parts = last.split(aW, room) if room > 0 else []
        if len(parts) != 2 or parts[0].wrap(aW, room)[1] > room:
            return None
        return [*heads, *parts]


def _begins(flowable, canv, aW: float, room: float, whole: float) -> bool:
    """Whether a photo, a quote or a list can begin in `room` (points) of a frame `whole`
    high: all of it, or its first part (a list's first item, a photo made smaller)."""
    if isinstance(flowable, Together):
        return flowable.fits(canv, aW, room, whole)
    if room <= 0:
        return False
    if flowable.wrapOn(canv, aW, room)[1] <= room:
        return True
    parts = [part for part in flowable.splitOn(canv, aW, room) if not isinstance(part, ActionFlowable)]
    if not parts:
        return False
    # (a list's first item goes on with its second: both must fit, or the heading was left alone)
    together = parts[:2] if len(parts) > 1 and parts[0].getKeepWithNext() else parts[:1]
    need = sum(part.wrapOn(canv, aW, room)[1] for part in together)
    need += sum(max(a.getSpaceAfter(), b.getSpaceBefore()) for a, b in zip(together, together[1:]))
    return need <= room


def _height(group: list, aw: float, memo: dict) -> float:
    """A group's height (a photo, its caption, its credit, and the spaces between them), its
    flowables wrapped at this width; measured once for each width."""
    key = (id(group), round(aw, 3))
    if key not in memo:
        total, after = 0.0, None
        for f in group:
            total += f.wrap(aw, 1e9)[1] + (0 if after is None else max(after, f.getSpaceBefore()))
            after = f.getSpaceAfter()
        memo[key] = total
    return memo[key]


def _gap(groups: list[list], i: int) -> float:
    """The space between group i-1 and group i (platypus's rule: the larger of the two)."""
    return max(groups[i - 1][-1].getSpaceAfter(), groups[i][0].getSpaceBefore())


def _fitting(groups: list[list], aw: float, ah: float, memo: dict) -> tuple[int, float]:
    """How many of the groups, from the first, fit one under the other in ah; their height."""
    total = 0.0
    for i, group in enumerate(groups):
        more = _height(group, aw, memo) + (_gap(groups, i) if i else 0.0)
        if total + more > ah + 1e-6:
            return i, total
        total += more
    return len(groups), total


SHRINK = 2 / 3   # photos are made at most this much smaller to take one more onto a page


def _plan(groups: list[list], aw: float, room: float, whole: float, least: float, fill_last: bool,
          spread: bool, memo: dict) -> int:
    """How many of the groups, in their order, to set in `room` (this page's; each later
    page's is `whole`): the fewest pages, and of those plans the least bad, where a page is
    bad for photos made smaller, for room left on this page when it is not `spread` from its
    top (under a heading: a hole, even shared out around its photos), and for a page spread
    from its top less than half full (a panorama alone, a strip across its middle; one photo
    alone in the middle of a page looks meant). Only the pages' heights are summed here:
    _shrunk checks the plan's first page when it is laid out. Taking as many as fit on each
    page in turn left a panorama alone on the section's last page where one photo fewer on
    the page before set it with the photo before it; the plan never uses more pages than
    that. At least one on this page (a section's heading is not left alone); 0 when there
    is no plan (a photo and its caption taller than a page, which flows on from where it
    is)."""
    n = len(groups)
    heights = [_height(g, aw, memo) for g in groups]
    photos = [g[0].drawHeight if _shrinkable(g) else 0.0 for g in groups]

    def cost(i: int, j: int, page: float, hole: bool) -> float | None:
        """Groups i..j-1 on a page `page` high: their badness, or None when they do not fit."""
        natural = sum(heights[i:j]) + sum(_gap(groups, k) for k in range(i + 1, j))
        if natural > page + 1e-6:
            shown = sum(photos[i:j])
            scale = 1 - (natural - page) / shown if shown else 0.0
            if scale < least or not _shrinks(groups[i:j], aw, page, least, memo):
                return None
            return 2 * (1 - scale) ** 2
        if j == n and not fill_last:
            return 0.0                      # (what follows fills the page)
        full = natural / page
        return (1 - full) ** 2 if hole else max(0.0, 0.5 - full) ** 2

    def options(i: int, page: float, hole: bool = False):
        for j in range(i + 1, n + 1):
            c = cost(i, j, page, hole)
            if c is None:
                break
            yield j, c

    best: list[tuple[int, float] | None] = [None] * n + [(0, 0.0)]     # (pages, badness) from group i on
    for i in range(n - 1, -1, -1):
        for j, c in options(i, whole):
            if best[j] is not None and (best[i] is None or (best[j][0] + 1, best[j][1] + c) < best[i]):
                best[i] = (best[j][0] + 1, best[j][1] + c)
    chosen, score = 0, None
    for j, c in options(0, room, hole=not spread):
        if best[j] is not None and (score is None or (best[j][0], best[j][1] + c) < score):
            chosen, score = j, (best[j][0], best[j][1] + c)
    return chosen


def _shrinks(groups: list[list], aw: float, ah: float, least: float, memo: dict) -> bool:
    """Whether the groups made smaller fit in ah (_shrunk), remembered: a plan that counted
    on it where a caption under a narrower photo took a line more set that page's first
    photo alone, and the plan before it had chosen it over one that worked (six squares in
    modern, five pages where four would do)."""
    key = ("shrinks", id(groups[0]), len(groups), round(aw, 3), round(ah, 3), least)
    if key not in memo:
        memo[key] = _shrunk(groups, aw, ah, memo, least) is not None
    return memo[key]


def _shrunk(groups: list[list], aw: float, ah: float, memo: dict, least: float = SHRINK) -> list[list] | None:
    """The groups with their photos made smaller, by the same share and no more than to
    `least` of their size, so that all of them fit in ah; None when that is not enough.
    Two photos made to share a page did not, under the section's heading: the first was
    alone over an empty half page, the second alone on the next."""
    natural = _fitting(groups, aw, 1e12, memo)[1]
    photos = sum(group[0].drawHeight for group in groups if _shrinkable(group))
    scale = 1 - (natural - ah) / photos if photos else 0.0
    for _ in range(3):      # (a caption under a narrower photo may take a line more: a little smaller again)
        if scale < least:
            return None
        out = [_smaller(g, scale, aw) if _shrinkable(g) else g for g in groups]
        over = _fitting(out, aw, 1e12, {})[1] - ah
        if over <= 1e-6:
            return out
        scale -= over / photos
    return None


def _shrinkable(group: list) -> bool:
    """Whether a group begins with a photo (or two side by side) that can be made smaller."""
    return isinstance(group[0], (PhotoImage, PhotoPair))


def _smaller(group: list, scale: float, aw: float) -> list:
    """A group with its photo made smaller, its words as much narrower as they were set to
    stand under it (compose.photo_flow: not wider than the photo, nor narrower than half
    the column); a pair's words stand under their photos at the photos' width."""
    photo = group[0]
    if isinstance(photo, PhotoPair):
        return [PhotoPair(*([PhotoImage(side[0].file, side[0].drawWidth * scale, side[0].drawHeight * scale,
                                        side[0].spaceBefore), *side[1:]] for side in photo.sides), gap=photo.gap)]
    w = photo.drawWidth * scale
    side = ((aw - max(w, aw / 2)) - (aw - max(photo.drawWidth, aw / 2))) / 2
    words = [Inset(f, side) for f in group[1:]] if side > 0.5 else group[1:]
    return [PhotoImage(photo.file, w, photo.drawHeight * scale, photo.spaceBefore), *words]


class Inset(Flowable):
    """A flowable set `side` narrower at each side."""

    def __init__(self, inner, side: float):
        super().__init__()
        self.inner, self.side = inner, side

    def wrap(self, aw, ah):
        self.width, self.height = aw, self.inner.wrap(aw - 2 * self.side, ah)[1]
        return self.width, self.height

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def draw(self):
        self.inner.drawOn(self.canv, self.side, 0)


class PhotoRun(Flowable):
    """A photos section's photos (each a group: the photo, its caption, its credit), set page
    by page: as many as fit on each page, in their order. On a page they begin at its top,
    the room they leave is spread evenly above, between and below them, so that a photo
    alone on its page sits in its middle rather than over an empty half page. `headed`:
    under the section's heading too (a landscape photo sat under it over an empty lower
    half, the next page's photo in that page's middle); a story's photos that waited for
    the story's end follow its last words, as before. `fill_last`: the section's last page
    is spread too (the next section starts on a new page). `spread` False: never (in
    columns, where photos side by side are set from the same top)."""

    def __init__(self, groups: list[list], fill_last: bool = False, spread: bool = True, memo: dict | None = None,
                 headed: bool = False):
        super().__init__()
        self.groups, self.fill_last, self.spread, self.headed = groups, fill_last, spread, headed
        self.memo = {} if memo is None else memo          # the groups' heights, shared with the rest
        self.spaceBefore = groups[0][0].getSpaceBefore()

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return self.spread and (frame is None or frame._atTop)

    def _spreads(self) -> bool:
        """Whether this page's photos may be spread: at a page's top, or under the heading."""
        return self._at_top() or (self.spread and self.headed)

    def _rest(self, n: int) -> list:
        return [PhotoRun(self.groups[n:], self.fill_last, self.spread, self.memo)] if n < len(self.groups) else []

    def wrap(self, aw, ah):
        n, natural = _fitting(self.groups, aw, 1e12, self.memo)
        # spread over what is left of the page only when set there: measured with its heading
        # (platypus offers a group of flowables all the height there is), it claimed all of
        # that, and a section that goes on from the last's page was put on a page of its own
        frame = getattr(self, "_frame", None)
        placed = frame is not None and ah <= frame._aH + 1e-6
        self._spread = self.fill_last and placed and natural <= ah + 1e-6 and self._spreads()
        self._width, self.height = aw, (ah if self._spread else natural)
        return aw, self.height

    def split(self, aw, ah):
        n, natural = _fitting(self.groups, aw, ah, self.memo)
        frame = getattr(self, "_frame", None)
        # (none fits below what is above it: the first made a little smaller may; it went on,
        # and a section that goes on from the last's page left that page's lower part empty)
        mid_page = frame is not None and not frame._atTop
        if mid_page and any(_shrinkable(g) and g[0].drawWidth > aw + 1 for g in self.groups):
            return []           # (a narrower frame than the photos were made for: another section's column)
        if 0 < n < len(self.groups) or (n == 0 and mid_page):
            whole = frame._aH if frame is not None else ah
            least = SHRINK if self.spread else 1.0
            here = _plan(self.groups, aw, ah, whole, least, self.fill_last, self._spreads(), self.memo) or n
            if here > n:
                shrunk = _shrunk(self.groups[:here], aw, ah, self.memo, least)
                if shrunk:              # more on this page, a little smaller
                    # (measured apart: the memo knows groups by id, and these new ones may be
                    # gone, their ids given to others, while the section's are still in use)
                    return [PhotoPage(shrunk, ah, True, {}), *self._rest(here)]
            elif here < n:                  # fewer here, for a better page later
                n, natural = here, _fitting(self.groups[:here], aw, ah, self.memo)[1]
        if n == 0:
            if mid_page and _height(self.groups[0], aw, self.memo) <= frame._aH:
                return []                        # on to the next page, whole
            # taller than a whole page (a caption of many paragraphs): it flows on from here
            return [_Nothing(), *self.groups[0], *self._rest(1)]
        spread = self._spreads() and (n < len(self.groups) or self.fill_last)
        return [PhotoPage(self.groups[:n], ah if spread else natural, spread, self.memo), *self._rest(n)]

    def draw(self):
        _draw_groups(self.canv, self.groups, self._width, self.height, self._spread, self.memo)


class PhotoPage(Flowable):
    """A page's share of a PhotoRun: its groups in a box of the given height."""

    def __init__(self, groups: list[list], height: float, spread: bool, memo: dict):
        super().__init__()
        self.groups, self.height, self.spread, self.memo = groups, height, spread, memo
        self.spaceBefore = groups[0][0].getSpaceBefore()

    def wrap(self, aw, ah):
        self._width = aw
        return aw, self.height

    def draw(self):
        _draw_groups(self.canv, self.groups, self._width, self.height, self.spread, self.memo)


class PhotoPair(Flowable):
    """Two upright photos side by side (photos.photo_rows, photos.story_pairs), each with
    its words under it at its width, the two a column's gap apart in the column's middle:
    one group of a PhotoRun, or a story's photo."""

    def __init__(self, left: list, right: list, gap: float):
        super().__init__()
        self.sides, self.gap, self.memo = (left, right), gap, {}
        self.drawWidth = left[0].drawWidth + gap + right[0].drawWidth
        self.drawHeight = max(left[0].drawHeight, right[0].drawHeight)
        self.spaceBefore = left[0].getSpaceBefore()
        self.hAlign = "CENTER"

    def wrap(self, aw, ah):
        self.height = max(_height(side, side[0].drawWidth, self.memo) for side in self.sides)
        return self.drawWidth, self.height

    def draw(self):
        x = 0.0
        for side in self.sides:
            self.canv.saveState()
            self.canv.translate(x, 0)
            _draw_groups(self.canv, [side], side[0].drawWidth, self.height, False, self.memo)
            self.canv.restoreState()
            x += side[0].drawWidth + self.gap


def _draw_groups(canv, groups: list[list], width: float, height: float, spread: bool, memo: dict) -> None:
    """The groups one under the other from the top of the box; spread: the room left over
    shared out evenly above, between and below them."""
    spare = height - _fitting(groups, width, 1e12, memo)[1]
    extra = spare / (len(groups) + 1) if spread and spare > 0 else 0.0
    y = height - extra
    for i, group in enumerate(groups):
        if i:
            y -= _gap(groups, i) + extra
        after = None
        for f in group:
            w, h = f.wrap(width, 1e9)
            if after is not None:
                y -= max(after, f.getSpaceBefore())
            y -= h
            f.drawOn(canv, 0, y, _sW=width - w)        # (a photo narrower than the column: centred)
            after = f.getSpaceAfter()


class WholeParagraph(Paragraph):
    """A comment: moved on to the next column or page whole rather than split, unless it is
    taller than a whole column, or long enough to leave its name and two lines at a
    column's foot and two at the next one's top (balance.lines_here). KeepTogether's rule
    for one paragraph, without KeepTogether measuring it a second time (a third of the time
    to set 2,000 comments). Its lines are broken once for each width (balance.py measures
    it ahead of platypus)."""

    _column_item = True

    def wrap(self, availWidth, availHeight):
        # (columns' widths differ in the last bits of a float: the same width for us)
        if abs(getattr(self, "_wrapped_at", -1.0) - availWidth) > 1e-6:
            self._wrapped = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
            self.__dict__.pop("_borrowed", None)
        return self._wrapped

    def split(self, availWidth, availHeight):
        from .balance import lines_here

        if self.__dict__.pop("_borrowed", False):
            # a piece of a split, set in its paragraph's lines, which count that paragraph's
            # words, not its own: broken into its own lines before it is split again
            self._wrapped_at = -1.0
            self.wrap(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        lines = getattr(self, "blPara", None)
        if frame is not None and not frame._atTop and self.height <= frame._aH and not (
                lines is not None and lines_here(len(lines.lines), self.style.leading, availHeight)):
            return []                 # to the top of the next frame, whole
        if lines is not None and lines.kind == 1:
            return self._split_lines(lines, availWidth, availHeight)
        pieces = super().split(availWidth, availHeight)
        if not pieces and lines is not None:
            self.blPara = lines       # reportlab drops them when not even two lines fit: still good
        if len(pieces) > 1:
            self._was_split = True    # reportlab changed its fragments: not to be used again
        return pieces

    def _split_lines(self, lines, availWidth, availHeight) -> list:
        """reportlab's split, with the pieces set in this paragraph's own lines rather than
        broken again (a comment split across columns was broken into lines three times,
        a tenth of a large booklet's warm rebuild); and, as reportlab's split adds a space to
        the last word of each line (the words of the pieces, for breaking them again at
        another width), it is given copies: these lines stay as they were, and the next
        layout (Reuse) uses this paragraph again."""
        from copy import copy

        from reportlab.platypus.paragraph import ParaLines

        def copied(line):
            line = copy(line)
            line.words = [copy(word) for word in line.words]
            return line

        self.blPara = ParaLines(kind=1, lines=[copied(line) for line in lines.lines])
        try:
            pieces = super().split(availWidth, availHeight)
        finally:
            self.blPara = lines
        if len(pieces) == 2:
            here = len(pieces[0].blPara.lines)
            for piece, own in zip(pieces, (lines.lines[:here], lines.lines[here:])):
                piece.blPara = ParaLines(kind=1, lines=own)
                piece.width, piece.height = availWidth, len(own) * self.style.leading
                piece._wrapped_at, piece._wrapped = availWidth, (availWidth, piece.height)
                piece._borrowed = True
        return pieces


class Reuse:
    """Comment paragraphs from the last layout in this process, used again for the same
    markup in the same style: a rebuild in `make --watch` after one comment was edited,
    or the next pass of `--fit`, breaks only the changed comments into lines (their lines
    are kept in the paragraph, as WholeParagraph keeps them). platypus lays the same
    flowables out again in its own passes (a contents page); a paragraph that was split
    across columns keeps its lines (WholeParagraph._split_lines) and is used again, unless
    reportlab split it (one in one font, whose words it changed); each is used once in a layout."""

    def __init__(self):
        self.enabled = False          # only when another layout will follow: they cost memory
        self.previous: dict = {}
        self.current: dict = {}
        self.signatures: dict = {}

    @contextmanager
    def keeping(self):
        """Paragraphs kept for the layouts inside (the passes of --fit)."""
        was, self.enabled = self.enabled, True
        try:
            yield
        finally:
            self.enabled = was
            if not was:
                self.previous, self.current, self.signatures = {}, {}, {}

    def begin(self) -> None:
        """A new layout: what the last one made becomes what can be used again."""
        self.previous, self.current, self.signatures = self.current, {}, {}

    def end(self) -> None:
        """The layout's flowables are made: what it did not use again goes."""
        self.previous = {}

    def paragraph(self, markup: str, style) -> WholeParagraph:
        if not self.enabled:
            return WholeParagraph(markup, style)
        known = self.signatures.get(id(style))
        if known is None or known[0] is not style:
            attrs = sorted((k, repr(v)) for k, v in vars(style).items() if k != "parent")
            known = self.signatures[id(style)] = (style, repr(attrs))
        key = (markup, known[1])
        para = self.previous.pop(key, None)
        if para is None or getattr(para, "_was_split", False):
            para = WholeParagraph(markup, style)
        else:
            para.__dict__.pop("_postponed", None)     # platypus's mark from the last layout
        self.current.setdefault(key, para)
        return para


reuse = Reuse()


class PhotoImage(Flowable):
    """A photo at a set size. Its file is asked for only when it is drawn, so the photo can
    still be being prepared, in another process, while the pages are laid out."""

    def __init__(self, file, width: float, height: float, space_before: float = 0.0):
        super().__init__()
        self.file, self.drawWidth, self.drawHeight = file, width, height
        self.hAlign = "CENTER"
        self.spaceBefore = space_before

    def wrap(self, aw, ah):
        return self.drawWidth, self.drawHeight

    def draw(self):
        draw_photo(self.canv, self.file, 0, 0, self.drawWidth, self.drawHeight)


def draw_photo(c, file, x: float, y: float, w: float, h: float) -> None:
    """A prepared photo (file() gives its path) drawn at x, y, w by h. It is read when the
    PDF is written, not now: the pages are laid out and drawn while worker processes still
    prepare the photos, and only writing the file waits for them (drawing a photos section
    waited for each photo in turn, with the layout standing still). Photos are named in
    the PDF in the order they are first drawn, so the PDF is the same whatever folder the
    cache, or a temporary folder, is in."""
    photos = c.__dict__.setdefault("_booklet_photos", {})     # file -> its image object
    image = photos.get(file)
    if image is None:
        image = photos[file] = _LaterPhoto(f"Photo{len(photos) + 1}", file)
        c._setXObjects(image)
        c._doc.Reference(image, c._doc.getXObjectName(image.name))
        c._doc.addForm(image.name, image)
    name = image.name
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c._code.append(f"/{c._doc.getXObjectName(name)} Do")
    c.restoreState()
    c._formsinuse.append(name)                     # in this page's resources


class _LaterPhoto(PDFImageXObject):
    """An image object whose file is read when the PDF is written."""

    def __init__(self, name: str, file):
        super().__init__(name)                     # (reportlab's placeholder, until then)
        self._file = file

    def load(self) -> None:
        """Wait for the photo, if need be, and read it (once)."""
        if self._file is not None:
            path, self._file = self._file(), None
            super().__init__(self.name, str(path))  # prepared photos are opaque: no mask

    def format(self, document):
        self.load()
        return super().format(document)


class PhotoCanvas(Canvas):
    """A canvas that has every photo drawn on it ready before it opens the PDF file to
    write it: a photo that could not be prepared is reported with nothing left open. It
    fills in the contents' page numbers (`Contents`) before it writes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.overflowing: list[tuple[int, float, str]] = []   # (page, points too wide, the line)
        self.leaders: dict[str, tuple] = {}                   # contents entries' forms to fill in
        self.section_pages: dict[str, int] = {}               # outline key: page
        self.after_text: list[str] = []                       # forms to draw after this text

    def drawText(self, text):
        super().drawText(text)
        if self.after_text:
            a, b, c, d, e, f = self._currentMatrix       # back to the page's own coordinates
            det = a * d - b * c
            self.saveState()
            self.transform(d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)
            for name in self.after_text:
                self.doForm(name)
            self.restoreState()
            self.after_text.clear()

    def save(self):
        for photo in self.__dict__.get("_booklet_photos", {}).values():
            photo.load()
        draw_leaders(self, self.section_pages)
        super().save()


class ColumnsBelow(FrameSplitter):
    """The rest of the page below a heading, in columns (reportlab's FrameSplitter), with the
    columns balanced when the whole section ends on this page."""

    def wrap(self, aW, aH):
        result = super().wrap(aW, aH)
        template = self._doctemplateAttr("pageTemplate")
        queue = self._doctemplateAttr("queue")
        if template is not None and queue and aH >= self.gap + self.required:
            frames = balanced_frames(template.frames, queue, self._doctemplateAttr("canv"), skip=self,
                                     gap=self._doctemplateAttr("below_gap"))
            if frames:
                template.frames[:] = frames
        return result
