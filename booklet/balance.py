"""Balanced columns: on the last page of a section set in columns (the readers' comments),
the columns end at the same height instead of the first full and the last short.

When a columns page begins (or the columns begin under a section heading), the section's
remaining items are measured; if they all fit on this page, the columns are made just tall
enough to hold them, filled in order as platypus fills them. Items are measured once:
`WholeParagraph` remembers its wrap, so platypus does not measure them again.
"""
from __future__ import annotations

FUZZ = 1e-6
SLACK = 1.0        # points added to the balanced height, for rounding in platypus


def remaining_items(queue, width: float, height: float, columns: int, canv, skip=None) -> list | None:
    """(height, space before, space after) of each item left in this section, or None when
    they are more than the page can hold (or something else is in the way)."""
    items, total = [], 0.0
    for flowable in queue:
        if flowable is skip:
            continue
        if not getattr(flowable, "_column_item", False):
            break
        flowable.canv = canv                  # as a frame would give it (KeepTogether needs it)
        try:
            _, h = flowable.wrap(width, height)
        finally:
            del flowable.canv
        items.append((h, flowable.getSpaceBefore(), flowable.getSpaceAfter()))
        total += h
        if total > columns * height:
            return None
    return items


def fits(items, columns: int, height: float) -> bool:
    """Whether the items, placed in order as a platypus frame places them (space before is
    dropped at a column's top, and overlaps the space after the item above), fill no more
    than `columns` columns of this height."""
    column, used, at_top, space_after = 0, 0.0, True, 0.0
    for h, before, after in items:
        gap = 0.0 if at_top else max(before - space_after, 0.0)
        if used + gap + h > height + FUZZ:
            column += 1
            if column == columns or h > height + FUZZ:
                return False
            used, gap = 0.0, 0.0
        used += gap + h + after
        space_after, at_top = after, False
    return True


def balanced_height(items, columns: int, height: float) -> float | None:
    """The least column height that holds the items in `columns` columns, or None if they
    do not fit on this page at all (or there is nothing to balance)."""
    if not items or columns < 2 or not fits(items, columns, height):
        return None
    low = max(max(h for h, _, _ in items), sum(h for h, _, _ in items) / columns)
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


def balanced_frames(frames: list, queue, canv, skip=None) -> list | None:
    """Copies of a page's column frames, shortened from below to balance the items left
    in the section, or None when there is nothing to balance on this page."""
    from copy import copy

    if len(frames) < 2:
        return None
    width, height = frames[0]._getAvailableWidth(), frames[0]._aH
    items = remaining_items(queue, width, height, len(frames), canv, skip)
    target = balanced_height(items, len(frames), height) if items else None
    if target is None or target >= height - FUZZ:
        return None
    out = []
    for frame in frames:
        frame = copy(frame)
        frame.y1 = frame.y1 + (height - target)
        frame.height = frame.height - (height - target)
        frame._reset()
        out.append(frame)
    return out
