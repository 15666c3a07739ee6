"""Render stage: flowables and the theme in, a PDF file out.

Page templates: the cover (one full-page frame), plain pages (the dedication), and body
pages whose frame is mirrored on left and right pages (inner margin at the fold). Running
heads and folios are drawn when a page ends, once its sections are known. The PDF is
written to a temporary file beside the target and renamed over it only when complete.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from copy import copy
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, ListFlowable, PageBreak, PageTemplate,
                                Paragraph)
from reportlab.platypus.doctemplate import LayoutError, _FrameBreak

from .balance import BELOW, balanced_frames, height_of
from .compose import BODY, COVER, PLAIN, columns_template, space_above_section
from .errors import BookletError, Problem, printable
from .fit import Trim
from .flowables import (Contents, HeadingGroup, PhotoCanvas, PhotoRun, SectionStart, Stanza, StoryPhoto,
                        Together, ends_section)
from .model import Booklet, Span
from .progress import step
from .styles import Styles, color, unstacked
from .theme import in_margins, text_area
from .words import capitals


MARK_GAP = 2 * 72 / 25.4


def _draw_para_noting_overflow(self, debug=0):
    """reportlab's Paragraph.drawPara, noting for the preflight each line that is wider
    than its paragraph's room: a word or web address reportlab could not break runs into
    the margin, the next column or off the page, and what is off the page is lost."""
    canv = self.canv
    if isinstance(canv, PhotoCanvas):
        for line in self.blPara.lines:
            room = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
            # (a justified line may be a little wider, its spaces narrowed: up to 5% of each)
            if -room > 1.5 + 0.02 * self.width:
                words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in line.words]
                canv.overflowing.append((canv.getPageNumber(), -room, " ".join(map(str, words)).strip()))
    return _draw_para(self, debug)


_draw_para = Paragraph.drawPara
Paragraph.drawPara = _draw_para_noting_overflow


def _passes(flowables: list) -> bool:
    """Whether this may be set before a story's photo put off to the next page: a paragraph
    (or a poem's stanza) or a heading within the story (the photo still opens the next
    page, at most a page after the words it was put between; a heading it did not pass left
    the rest of its page empty, seen in a memorial booklet). Not a list or a quote, nor a
    section's start (another photo waits with it: BookletDoc.handle_flowable)."""
    if isinstance(flowables[0], _FrameBreak):
        return True               # (a heading's group moved on: the photo opens the next page)
    if isinstance(flowables[0], HeadingGroup):
        flowables = flowables[0]._content
    for f in flowables:           # a heading, and what platypus will group with it
        if isinstance(f, Stanza):
            return True
        if not isinstance(f, Paragraph):
            return False
        if not f.getKeepWithNext():
            return True
    return True


class PlacedTemplate(PageTemplate):
    """A page template drawn in trimmed-page coordinates, whatever bleed and marks surround
    it; on a left-hand page a mirrored template also shifts so the inner margin stays at the fold.
    A booklet written right to left is bound on the right: its odd pages are the left-hand ones."""

    def __init__(self, id, frames, trim: Trim, shift: float = 0.0, rtl: bool = False, **hooks):
        self.trim, self.shift, self.rtl = trim, shift, rtl
        super().__init__(id, frames, **hooks)
        self.own_frames = self.frames       # (what a page begun with it has: see BookletDoc.handle_pageBegin)

    def page_shift(self, page: int) -> float:
        return self.shift if left_hand(page, self.rtl) else 0.0

    def beforeDrawPage(self, canv, doc):
        canv.translate(self.trim.offset + self.page_shift(doc.page), self.trim.offset)


def left_hand(page: int, rtl: bool) -> bool:
    """Whether a page is on the left of its spread: the even pages, or in a booklet written
    right to left (bound on the right, opened from the left), the odd ones."""
    return page % 2 == (1 if rtl else 0)


def body_template(id, theme, trim: Trim, columns: int = 1, rtl: bool = False, **hooks) -> PlacedTemplate:
    """Body pages: frames laid out for a right-hand page, in columns if asked: filled from
    the left, or from the right in a booklet in a language written right to left (Hebrew,
    Arabic), whose reader begins a page at its right-hand column and which is bound on
    the right."""
    m = theme["page"]["margins"]
    w, h = text_area(theme)
    gap = theme["page"]["column_gap"]
    col_w = (w - gap * (columns - 1)) / columns
    frames = [Frame(m["inner"] + (columns - 1 - i if rtl else i) * (col_w + gap), m["bottom"], col_w, h,
                    id=f"{id}-{i}", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
              for i in range(columns)]
    return PlacedTemplate(id, frames, trim, shift=m["outer"] - m["inner"], rtl=rtl, **hooks)


class Grouping:
    """How a heading keeps with what follows it, in the booklet and in a trial page
    (balance.py)."""

    def handle_keepWithNext(self, flowables):
        """platypus groups a heading with what follows it; when what follows cannot be grouped
        (a drop-cap paragraph, columns), the heading is grouped alone and keeps its
        keep-with-next, and a heading taller than the page was grouped again forever: so the
        last of a group keeps with nothing."""
        first = flowables[0]
        super().handle_keepWithNext(flowables)
        if flowables[0] is first:
            return                                  # nothing was grouped
        last = flowables[0]._content[-1]
        if last.getKeepWithNext():
            undo = getattr(self, "_multiBuildEdits", None)     # (a trial page's changes are undone)
            if undo:
                undo((setattr, last, "keepWithNext", last.__dict__["keepWithNext"]) if "keepWithNext" in last.__dict__
                     else (delattr, last, "keepWithNext"))
            last.__dict__["keepWithNext"] = 0
            if len(flowables) > 1 and isinstance(flowables[1], (Together, ListFlowable)):
                flowables[0].then = flowables[1]    # (a photo, a quote, a list: kept with, not grouped)


class TrialDoc(Grouping, BaseDocTemplate):
    """One page of the given frames, laid out on a canvas that is never saved: whether
    flowables fit on it (balanced columns try heights with it)."""

    def __init__(self, frames: list):
        super().__init__(io.BytesIO(), pagesize=(1e4, 1e4), keepTogetherClass=HeadingGroup,
                         pageTemplates=[PageTemplate("trial", frames)])
        self.queue: list = []

    def handle_flowable(self, flowables):
        if flowables is not self._hanging:
            self.queue = flowables
        super().handle_flowable(flowables)

    def handle_deferPhoto(self, photo):
        photo.stay = True                   # (in columns, as BookletDoc.handle_deferPhoto does)
        self.queue.insert(0, photo)


class TrialFrame(Frame):
    """A frame that places flowables without drawing them (a trial page is never seen)."""

    def _add(self, flowable, canv, trySplit=0):
        flowable.drawOn = _not_drawn
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    add = _add


def _not_drawn(*args, **kwargs):
    pass


def fits_on_one_page(flowables: list, frames: list) -> bool:
    """Whether copies of the flowables all go into these frames, laid out as a page is."""
    frames = [copy(frame) for frame in frames]
    for frame in frames:
        frame.__class__ = TrialFrame
    doc = TrialDoc(frames)
    edits: list = []                # what platypus changes on the flowables, to be undone: the
    doc._multiBuildEdits = edits.append     # parts of a list or a table are not copies
    try:
        queue = [copy(f) for f in flowables]   # (what a layout changes on a flowable, it changes
                                                # on these: their keep-with-next, a photo's stay)
        doc._calc()
        doc.canv = Canvas(io.BytesIO(), pagesize=doc.pagesize)
        doc.canv._doctemplate = doc
        doc.handle_documentBegin()
        for _ in range(10 * len(queue) + 100):          # (each step places or splits one)
            doc.clean_hanging()
            if not queue or doc.page > 1:
                break
            doc.handle_flowable(queue)
        return not queue and doc.page == 1
    except Exception:               # a flowable that cannot be tried: not balanced
        return False
    finally:
        for undo, *args in reversed(edits):
            try:
                undo(*args)
            except AttributeError:          # (already undone)
                pass


class BookletDoc(Grouping, BaseDocTemplate):

    def __init__(self, filename, booklet: Booklet, styles: Styles, trim: Trim = Trim()):
        theme = styles.theme
        self.booklet, self.styles, self.theme, self.trim = booklet, styles, theme, trim
        self.full_width, self.full_height = text_area(theme)    # a body frame's (a whole column's height)
        self.below_gap = space_above_section(styles)        # (balanced columns with a section below them)
        page_w, page_h = theme["page"]["size"]
        self.trim_size = (page_w, page_h)
        o, b = trim.offset, trim.bleed
        boxes = {}
        if o:
            boxes = dict(trimBox=(o, o, o + page_w, o + page_h),
                         bleedBox=(o - b, o - b, o + page_w + b, o + page_h + b))
        super().__init__(
            filename, pagesize=(page_w + 2 * o, page_h + 2 * o), title=booklet.title,
            author=booklet.author or "", subject=booklet.subtitle or "", creator="booklet",   # (not reportlab's "(anonymous)")
            lang=booklet.language, invariant=1, pageCompression=1,
            initialFontName=styles["body"].fontName, displayDocTitle=1, **boxes,
            keepTogetherClass=HeadingGroup,   # (reportlab sets its own KeepTogether here, over the class's)
        )
        self.rtl = styles.leftward
        cover_frame = Frame(0, 0, page_w, page_h, id="cover", leftPadding=0, rightPadding=0,
                            topPadding=0, bottomPadding=0)
        plain = dict(onPage=self.paper, onPageEnd=self.marks)
        body = dict(onPage=self.paper, onPageEnd=self.decorate)
        self.addPageTemplates([
            PlacedTemplate(COVER, [cover_frame], trim, **plain),
            body_template(PLAIN, theme, trim, rtl=self.rtl, **plain),
            body_template(BODY, theme, trim, rtl=self.rtl, **body),
            *(body_template(columns_template(n), theme, trim, n, self.rtl, **body) for n in (2, 3)),
        ])
        self.beforeDocument()

    def beforeDocument(self):
        self.section = ""                 # the section the current page belongs to
        self.deferred: list = []          # story photos put off to the next page's top
        self.opening_pages: set[int] = set()
        self.blank_pages: set[int] = set()

    def contents(self, flowables: list):
        """Give each section an outline key and the contents page its entries (its page
        numbers are filled in as the PDF is written; see flowables.Contents). The title is
        markup there, escaped, with fallback fonts, like every other text."""
        sections = [f for f in flowables if isinstance(f, SectionStart)]
        for i, section in enumerate(sections):
            section.key = f"section-{i}"
        for f in flowables:
            if isinstance(f, Contents):
                f.entries = [(s.level, self._entry(s.title, f), s.key) for s in sections]

    def _entry(self, title: str, contents: Contents) -> str:
        """A title's markup on the contents page: one that reads right to left broken into
        lines here, each in drawing order (as compose sets such paragraphs)."""
        if not (contents.leftward and self.styles.reads_right_to_left(title)):
            return self.styles.markup(title, "body", "contents")
        lines = self.styles.right_to_left_lines([Span(title)], "body", contents.title_width - 1, "contents")
        return self.styles.markup(lines, "body", "contents", ordered=True)

    def handle_belowColumns(self):
        """The next section goes on below the columns, where their page has room for it
        (balance.balanced_frames), else on the next page."""
        frames = self.pageTemplate.frames
        below = [i for i, frame in enumerate(frames) if frame.id == BELOW]
        if below:
            self.handle_currentFrame(below[0])
        else:
            self.handle_pageBreak()

    def handle_toRightPage(self):
        if self.page % 2 == 0:
            self.blank_pages.add(self.page)
            self.handle_pageBreak()

    def handle_flowable(self, flowables):
        frame = getattr(self, "frame", None)
        if flowables is not self._hanging:    # (page-begin actions pass through here too)
            self.queue = flowables            # what is left to place, for balancing columns
            if self.deferred and flowables and not frame._atTop and isinstance(flowables[0], StoryPhoto):
                # the next photo waits with them, in its turn (the page's foot was left empty
                # under two photos in a row, the first too tall for it)
                flowables[0].stay = True
                self.deferred.append(flowables.pop(0))
                if flowables:
                    return
            if self.deferred and (not flowables or frame._atTop or not _passes(flowables)):
                if flowables:     # (what had been moved on to this page for want of room may
                    flowables[0].__dict__.pop("_postponed", None)      # now go on once more)
                flowables[0:0] = self._waiting(flowables)
        if flowables and frame is not None and frame._height < self.full_height - 1:
            # platypus refuses what did not fit in one frame and then not in the next; in
            # the short columns under a heading (a photo taller than them), it may yet fit
            # on the next page's
            flowables[0].__dict__.pop("_postponed", None)
        first = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError as e:
            # the part of a paragraph before a page break, set again from its pieces, came
            # out taller than the room it was split for (a long compound cut there, in large
            # print): it goes whole to the next frame, once, rather than stopping the build
            if not str(e).startswith("Splitting error") or first is None or first.__dict__.get("_moved_on"):
                raise
            first.__dict__["_moved_on"] = True
            flowables.insert(0, first)
            self.handle_frameEnd()
        if not flowables and self.deferred and flowables is not self._hanging:    # the story ended
            flowables[0:0] = self._waiting(flowables)

    def _waiting(self, flowables: list) -> list:
        """The photos that waited, to be set now. Where the story ends with them, they are
        set as a photos section's are: on a page of their own, if they must go on to one
        before the next section's, in its middle (one sat at the top of an empty page)."""
        waiting, self.deferred = self.deferred, []
        if flowables and not ends_section(flowables[0]):
            # the last of them, if it does not fit under the ones before it, may wait once more,
            # for the next page's top, while the words after it fill this page's foot; once:
            # photos that came after it would wait behind it, page after page, the words
            # running ahead of them (the photos of a story full of them set after its end)
            last = waiting[-1]
            if len(waiting) > 1 and not last.waited_again:
                last.stay, last.waited_again = False, True
            return waiting
        new_page = True                 # (the story ends the booklet, or the next section opens a page)
        for f in flowables:
            if isinstance(f, (PageBreak, CondPageBreak, SectionStart)):
                new_page = isinstance(f, PageBreak)
                break
        return [PhotoRun([photo._content for photo in waiting], fill_last=new_page)]

    def handle_deferPhoto(self, photo):
        """A story's photo that did not fit in what was left of the page (flowables.StoryPhoto)
        waits for the top of the next one while the paragraphs and headings after it fill this
        page; the photos right after it wait with it (handle_flowable). It does not wait past
        a quote, a list or the story's end, nor in columns."""
        photo.stay = True
        photos = 0
        while photos < len(self.queue) and isinstance(self.queue[photos], StoryPhoto):
            photos += 1
        if (photos < len(self.queue) and _passes(self.queue[photos:]) and self.frame._width > self.full_width - 1
                and not self._ends_here(self.queue[photos:])):
            self.deferred.append(photo)
        else:
            self.queue.insert(0, photo)

    def _ends_here(self, flowables: list, above: float = 0.0) -> bool:
        """Whether these words are the story's last and all fit in what is left of the page
        (less `above`): a photo that waited for the next page's top was then set after the
        story's last line (a story that ends 'He is missed.' ended on a photo); it goes on
        before them."""
        room = self.frame._y - self.frame._y1p - above
        used = 0.0
        for f in flowables:
            if ends_section(f):
                return True
            if not isinstance(f, (Paragraph, HeadingGroup, Stanza)):
                return False
            used += f.getSpaceBefore() + height_of(f, self.frame._width, room, self.canv)
            if used > room:
                return False
        return True

    def handle_pageBegin(self):
        """A columns page on which its section ends gets columns of balanced height. A
        template's own frames are the ones balanced: columns begun below a heading
        (flowables.ColumnsBelow, reportlab's FrameSplitter) change the frames of the page
        they are on until that template begins a page again, and a page begun with the one
        frame of body pages was set in columns (photos overlapping, a heading cut to 'Ph-')."""
        self.unbalanced = None
        template = self.pageTemplate
        own = getattr(template, "own_frames", template.frames)
        if len(own) > 1 and getattr(self, "queue", None):
            frames = balanced_frames(own, self.queue, self.canv, gap=self.below_gap)
            if frames:
                self.unbalanced, self.pageTemplate = template, copy(template)
                self.pageTemplate.frames = frames
        super().handle_pageBegin()

    def handle_pageEnd(self):
        if getattr(self, "unbalanced", None) is not None:
            self.pageTemplate, self.unbalanced = self.unbalanced, None
        super().handle_pageEnd()

    def afterPage(self):
        step("Laying out pages", self.page)

    def afterFlowable(self, flowable):
        if isinstance(flowable, SectionStart):
            self.section = flowable.title
            self.opening_pages.add(self.page)
            key = flowable.key or f"unlisted-{len(self.canv.section_pages)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.title, key, level=flowable.level)
            self.canv.section_pages[key] = self.page

    def _unshift(self, canv):
        """Undo a left-hand page's shift, to draw at trimmed-page coordinates."""
        canv.translate(-self.pageTemplate.page_shift(self.page), 0)

    def paper(self, canv, doc):
        """A coloured paper, where the theme asks for one (white prints no ink), into the bleed."""
        paper = self.theme["colors"]["paper"]
        if paper[1:] not in ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0)):
            canv.saveState()
            self._unshift(canv)
            canv.setFillColor(color(paper))
            b = self.trim.bleed
            canv.rect(-b, -b, self.trim_size[0] + 2 * b, self.trim_size[1] + 2 * b, stroke=0, fill=1)
            canv.restoreState()

    def marks(self, canv, doc):
        """Crop marks at the corners of the trimmed page, outside the bleed."""
        if not self.trim.crop_marks:
            return
        canv.saveState()
        self._unshift(canv)
        canv.setStrokeColor(Color(0, 0, 0))   # registration-style black; never in the bleed
        canv.setLineWidth(0.25)
        w, h = self.trim_size
        start = self.trim.bleed + MARK_GAP
        end = self.trim.offset
        for x, y, dx, dy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
            canv.line(x + dx * start, y, x + dx * end, y)
            canv.line(x, y + dy * start, x, y + dy * end)
        canv.restoreState()

    def decorate(self, canv, doc):
        """Running head and folio, drawn as the page ends."""
        self.marks(canv, doc)
        page = doc.page
        if page in self.blank_pages:
            return
        w, h = self.trim_size
        m = self.theme["page"]["margins"]
        right_page = not left_hand(page, self.rtl)
        outer_x = w - m["outer"] if right_page else m["outer"]
        canv.saveState()
        self._unshift(canv)
        down, y = in_margins(self.theme)
        if self.theme["running_head"] and page not in self.opening_pages:
            text = self.section if page % 2 else self.booklet.title     # (the section's on a recto)
            self._text(canv, "running_head", text, outer_x, h - down, right_page)
        position = self.theme["folio"]
        if position != "none":
            if position == "center":
                self._text(canv, "folio", str(page), w / 2 + (m["inner"] - m["outer"]) / 2 * (1 if right_page else -1), y, None)
            else:
                self._text(canv, "folio", str(page), outer_x, y, right_page)
        canv.restoreState()

    def _text(self, canv, style_name, text, x, y, right_aligned):
        """One line of decoration (a running head, a folio), shortened with … to fit. Text
        the style's font has is drawn at once; any other (a title in Chinese or Arabic) is
        set as a paragraph, with the fallback fonts, joining and order of any text."""
        style = self.styles[style_name]
        text = unstacked(" ".join(text.split()))
        shown = capitals(text, self.styles.language) if self.theme.style(style_name)["uppercase"] else text
        plain = self.styles.plain(shown, style_name)
        if plain:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            def width(t: str) -> float:
                return stringWidth(t, style.fontName, style.fontSize)
        else:
            def width(t: str) -> float:
                return self.styles.width(t, style_name, "running head")
        room = self.trim_size[0] * 0.6
        full = width(shown)
        if full > room:
            shown = shown[:int(len(shown) * room / full) + 1]       # about what fits, then to the letter
            while shown and width(shown + "…") > room:
                shown = shown[:-1]
            shown = shown.rstrip() + "…"
        w = width(shown)
        left = x - w / 2 if right_aligned is None else x - w if right_aligned else x
        if plain:
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawString(left, y, shown)
            return
        line = Paragraph(self.styles.markup(shown, style_name, "running head"), style)
        _, h = line.wrap(w + 1, style.leading * 4)
        line.drawOn(canv, left, y - h + style.fontSize + (style.leading - style.fontSize) / 2)


def render(flowables: list, booklet: Booklet, styles: Styles, target: Path, trim: Trim = Trim()) -> int:
    """Write the PDF to `target` atomically; return the number of pages."""
    rl_config.useA85 = 0          # reportlab's pure-Python ASCII85 was most of a build's time
    target = Path(target)
    if target.is_dir():
        raise BookletError(Problem("the output is a folder; give a file name such as booklet.pdf", file=target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise BookletError(Problem(f"cannot write here: {e.strerror}", file=target,
                                   hint="choose another place with --output")) from None
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private; a PDF is an ordinary file
    try:
        doc = BookletDoc(tmp, booklet, styles, trim)
        doc.contents(flowables)
        try:
            doc.build(flowables, canvasmaker=PhotoCanvas)
        except LayoutError as e:
            # (reportlab's words name its own objects: 'Flowable <Table@0x7F...> with cell(0,0)')
            page = re.search(r"too large on page (\d+)", str(e))
            words = re.search(r"<[A-Za-z]\w* at 0x[0-9a-fA-F]+>(.+?)(?:'|\s+too large on page)", str(e), re.S)
            begins = f" (its words begin '{printable(' '.join(words.group(1).split()), 40)}')" if words else ""
            what = f"something on page {page.group(1)}{begins} is taller than a page" if page else str(e)
            raise BookletError(Problem(f"the layout could not be completed: {what}",
                                       hint="something is too large for a page; try a smaller photo or shorter "
                                            "text (--debug shows reportlab's own words)")) from e
        except OSError as e:
            raise BookletError(Problem(f"cannot write the PDF: {e.strerror or e}", file=target)) from None
        try:
            os.replace(tmp, target)
        except OSError as e:
            raise BookletError(Problem(f"cannot write the PDF: {e.strerror}", file=target,
                                       hint="is it open in another program, or is the folder read-only?")) from None
        styles.fonts_used = sorted(doc.canv._doc.fontMapping)      # for the preflight
        styles.overflowing = doc.canv.overflowing
        return doc.page
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
