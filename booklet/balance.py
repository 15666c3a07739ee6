"""Balanced columns: on the last page of a section set in columns (the readers' comments,
or a story, a timeline, questions in a layout that sets them in columns), the columns end at
the same height instead of the first full and the last short.

When a columns page begins (or the columns begin under a section heading), the section's
remaining items are measured; if they all fit on this page, the columns are made just tall
enough to hold them, filled in order as platypus fills them. Comments are measured once
(`WholeParagraph` remembers its wrap, so platypus does not measure them again) and shared
out by arithmetic, split at a column's foot as `lines_here` splits them; anything else is
split between lines or rows as platypus splits it, so the height is found by laying out
trial pages (tried_height).
"""
from __future__ import annotations

from collections import deque

FUZZ = 1e-6
SLACK = 1.0        # points added to the balanced height, for rounding in platypus
HEAD = 3           # lines: a comment split at a column's foot leaves its name and two lines there


def lines_here(lines: int, leading: float, room: float) -> int:
    """How many of a comment's `lines` end a column with `room` points left, when it does
    not fit there whole: 0 when it goes on to the next column whole. It is split only where
    its name and two lines stay here and two lines at least go on (a short comment stays
    whole, and a column's foot is then at most a few lines short); kept whole, a long one
    left a column's foot up to a third empty. The lines are counted as reportlab's
    Paragraph.split counts them, which gives no line alone at a column's top."""
    here = lines_fitting(lines, leading, room)
    return here if here >= HEAD and lines - here >= 2 else 0


def lines_fitting(lines: int, leading: float, room: float) -> int:
    """How many of a paragraph's `lines` reportlab's split leaves in `room` points: as many
    as fit, but one fewer where a line would go on alone (no widow)."""
    if leading <= 0:
        return 0
    here = int(room / leading)
    return here - 1 if lines - here == 1 else here


def remaining_items(queue, width: float, height: float, columns: int, canv, skip=None) -> list | None:
    """(height, space before, space after, lines, leading, parts) of each item left in this
    section, or None when they are more than the page can hold (or something else is in
    the way). `parts`: the paragraphs of a comment of several (flowables.CommentTogether),
    each as an item, or None; lines and leading are 0 for an item not split between lines."""
    items, total = [], 0.0
    for flowable in queue:
        if flowable is skip:
            continue
        if not getattr(flowable, "_column_item", False):
            break
        content = getattr(flowable, "_content", None)
        if content:
            items.append(together([_item(part, width, height, canv) for part in content]))
        else:
            items.append(_item(flowable, width, height, canv))
        total += items[-1][0]
        if total > columns * height:
            return None
    return items


def _item(flowable, width: float, height: float, canv) -> tuple:
    h = height_of(flowable, width, height, canv)
    lines = getattr(flowable, "blPara", None)
    split = (len(lines.lines), flowable.style.leading) if lines is not None else (0, 0.0)
    return (h, flowable.getSpaceBefore(), flowable.getSpaceAfter(), *split, None)


def fits(items, columns: int, height: float) -> bool:
    """Whether the items, placed in order as a platypus frame places them (space before is
    dropped at a column's top, and overlaps the space after the item above; a comment that
    does not fit whole at a column's foot split there as `lines_here` says; a comment of
    several paragraphs as flowables.CommentTogether goes on: `_at_foot`), fill no more than
    `columns` columns of this height."""
    column, used, at_top, space_after = 0, 0.0, True, 0.0
    queue = deque(items)
    while queue:
        h, before, after, lines, leading, parts = queue.popleft()
        gap = 0.0 if at_top else max(before - space_after, 0.0)
        if parts:
            if h > height + FUZZ:                   # taller than a column: its paragraphs flow on
                queue.extendleft(reversed(parts))   # one by one, as comments of one paragraph
                continue
            if used + gap + h > height + FUZZ:      # (at a column's top it fits: it is no taller)
                rest = _at_foot(parts, height - used - gap)
                column += 1
                if column == columns:
                    return False
                used, at_top, space_after = 0.0, True, 0.0
                # the rest of it goes on as a comment of its own; or, moved on whole, its
                # paragraphs one by one (platypus's KeepTogether: a frame break, then them)
                queue.extendleft(reversed(parts) if rest is None else [together(rest)])
                continue
        while used + gap + h > height + FUZZ:
            # (a comment taller than a column goes on over as many as it needs: one alone in
            # a section was never balanced, a column of it and the next of its last lines)
            here = lines_here(lines, leading, height - used - gap)
            if at_top and not here:
                return False                        # (taller than a column, and kept whole)
            column += 1
            if column == columns:
                return False
            used, gap, at_top, h, lines = 0.0, 0.0, True, h - here * leading, lines - here
        used += gap + h + after
        space_after, at_top = after, False
    return True


def together(parts) -> tuple:
    """A comment of several paragraphs as one item: its height as platypus's KeepTogether
    measures it (each paragraph's space before overlapping the space after the one above)."""
    h = sum(part[0] for part in parts) + sum(max(b[1] - a[2], 0.0) + a[2] for a, b in zip(parts, parts[1:]))
    return (h, parts[0][1], parts[-1][2], 0, 0.0, list(parts))


def _at_foot(parts, room: float) -> list | None:
    """What of a comment of several paragraphs goes on to the next column when it does not
    fit whole in the `room` points left in this one, as CommentTogether._at_foot splits it:
    the paragraphs (and lines of one) that fit stay, its name and two lines at least, and two
    lines at least go on. None: it goes on whole."""
    used, placed = 0.0, 0
    for i, (h, before, after, lines, leading, _) in enumerate(parts):
        space = before if i else 0.0
        if used + space + h <= room + FUZZ:
            used, placed = used + space + h + after, placed + lines
            continue
        later = len(parts) - i - 1
        here = split_lines(lines, leading, room - used - space)
        if here and placed + here >= HEAD and lines - here + later >= 2:
            return [((lines - here) * leading, 0.0, after, lines - here, leading, None), *parts[i + 1:]]
        if i and placed >= HEAD and lines + later >= 2:
            return list(parts[i:])
        return None
    return None


def split_lines(lines: int, leading: float, room: float) -> int:
    """How many of a paragraph's `lines` reportlab's Paragraph.split leaves in `room` points,
    0 when it does not split it there: no line alone at the foot (an orphan) nor at the top
    (a widow, which takes a line from here, unless that leaves too few)."""
    if leading <= 0 or not lines:
        return 0
    here = int(room / leading)
    if here <= 1:
        return 0
    if lines == here + 1:
        return here - 1 if lines > 3 else 0
    return min(here, lines)


def balanced_height(items, columns: int, height: float) -> float | None:
    """The least column height that holds the items in `columns` columns, or None if they
    do not fit on this page at all (or there is nothing to balance)."""
    if not items or columns < 2 or not fits(items, columns, height):
        return None
    whole = [h for h, _, _, lines, _, parts in items if not lines and not parts]    # (the others may be split)
    whole += [part[0] for *_, parts in items if parts for part in parts if not part[3]]
    low = max(max(whole, default=0.0), sum(h for h, *_ in items) / columns)
    if fits(items, columns, low):
        return min(low + SLACK, height)
    high = height
    for _ in range(24):                       # to a hundredth of a point on an A4 page
        middle = (low + high) / 2
        if fits(items, columns, middle):
            high = middle
        else:
            low = middle
    return min(high + SLACK, height)


def balanced_frames(frames: list, queue, canv, skip=None, gap: float | None = None) -> list | None:
    """Copies of a page's column frames, shortened from below to balance the items left
    in the section, or None when there is nothing to balance on this page. Where the next
    section goes on below the columns (flowables.BelowColumns), a frame across the page
    below them is added, `gap` points under them, for it alone: the last column ends the page."""
    if len(frames) < 2:
        return None
    width, height = frames[0]._getAvailableWidth(), frames[0]._aH
    items = remaining_items(queue, width, height, len(frames), canv, skip)
    if items is None:
        return None                             # (comments that go on past this page)
    if items:
        target = balanced_height(items, len(frames), height)
    else:
        target = tried_height(queue, frames, canv, skip)
    if target is None or target >= height - FUZZ:
        return None
    out = _shortened(frames, height - target)
    if gap is not None and height - target > 2 * gap and _goes_on_below(queue, skip):
        out[-1].lastFrame = True
        out.append(_below(frames, height - target, gap))
    return out


BELOW = "below-columns"


def _goes_on_below(queue, skip=None) -> bool:
    """Whether the section ends with the next one going on below its columns."""
    from reportlab.platypus import NextPageTemplate

    from .flowables import BelowColumns, ends_section

    rest = (f for f in queue if f is not skip)
    following = next((f for f in rest if ends_section(f)), None)
    while isinstance(following, NextPageTemplate):     # (the next section's pages' template)
        following = next(rest, None)
    return isinstance(following, BelowColumns)


def _below(frames: list, room: float, gap: float):
    """A frame across the columns, in the `room` points left below them."""
    from reportlab.platypus import Frame

    left = min(frame._x1 for frame in frames)           # (the first column is the right one in
    right = max(frame._x1 + frame._width for frame in frames)       # a right-to-left booklet)
    return Frame(left, frames[0]._y1, right - left, room, id=BELOW,
                 leftPadding=0, rightPadding=0, topPadding=gap, bottomPadding=0)


def _shortened(frames: list, by: float) -> list:
    """Copies of the frames, their tops where they were and their feet `by` points higher."""
    from copy import copy

    out = []
    for frame in frames:
        frame = copy(frame)
        frame.y1 = frame.y1 + by
        frame.height = frame.height - by
        frame._reset()
        out.append(frame)
    return out


def rest_of_section(queue, width: float, height: float, columns: int, canv, skip=None) -> tuple[list, float] | None:
    """The flowables left in this section and their heights' sum, or None when they are more
    than this page's columns hold."""
    least = 0.0
    for flowable in _in_section(queue, skip):   # first, without measuring: a long story's pages
        least += _least_height(flowable, width)  # are not each measured twice
        if least > columns * height:
            return None
    rest, total = [], 0.0
    for flowable in _in_section(queue, skip):
        total += height_of(flowable, width, height, canv)
        if total > columns * height:
            return None
        rest.append(flowable)
    return (rest, total) if rest else None


def height_of(flowable, width: float, height: float, canv) -> float:
    """A flowable's height at this width, measured as a frame would (with its canvas); a
    group's (KeepTogether) that of what it keeps together (its wrap says 0xffffff)."""
    from reportlab.platypus import KeepTogether

    flowable.canv = canv
    try:
        _, h = flowable.wrap(width, height)
    finally:
        del flowable.canv
    return flowable._H if isinstance(flowable, KeepTogether) else h


def _in_section(queue, skip=None):
    """The flowables left in this section, but `skip`."""
    from .flowables import ends_section

    for flowable in queue:
        if flowable is skip:
            continue
        if ends_section(flowable):
            return
        yield flowable


LEAST_ROW = 6.0        # points: no row of a table or item of a list is lower


def _least_height(flowable, width: float) -> float:
    """Less than a flowable's height, found without measuring it: a paragraph's from its
    letters alone (few are narrower than a fifth of an em; where marks that take no room
    are many, it is too high, and that page is not balanced), a table's or a list's from
    its rows or items; 0 for anything else."""
    from reportlab.platypus import KeepTogether, ListFlowable, Paragraph, Table

    if isinstance(flowable, Paragraph):
        letters = sum(len(getattr(frag, "text", "")) for frag in flowable.frags)
        style = flowable.style              # (a line at least, if it has a letter)
        return max(letters * 0.2 * style.fontSize // max(width, 1.0), min(letters, 1)) * style.leading
    if isinstance(flowable, Table):               # (a timeline, an order of service)
        return len(flowable._cellvalues) * LEAST_ROW
    if isinstance(flowable, ListFlowable):        # (questions)
        return len(flowable._content) * LEAST_ROW
    if isinstance(flowable, KeepTogether):
        return sum(_least_height(f, width) for f in flowable._content)
    return 0.0


def tried_height(queue, frames: list, canv, skip=None) -> float | None:
    """The least column height that holds the rest of a section of paragraphs, headings,
    tables and photos (a story, a timeline, questions in columns), each split between lines
    or rows as platypus splits it: found by laying out trial pages (render.fits_on_one_page).
    None when the rest does not end on this page."""
    from .render import fits_on_one_page

    width, height = frames[0]._getAvailableWidth(), frames[0]._aH
    found = rest_of_section(queue, width, height, len(frames), canv, skip)
    if found is None:
        return None
    rest, total = found
    if not fits_on_one_page(rest, _shortened(frames, 0.0)):
        return None
    low, high = total / len(frames), height
    while high - low > 0.5:
        middle = (low + high) / 2
        if fits_on_one_page(rest, _shortened(frames, height - middle)):
            high = middle
        else:
            low = middle
    return min(high + SLACK, height)
