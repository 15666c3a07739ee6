"""Laying out, and fitting to a page count: the booklet and theme in, a PDF of the wanted
number of pages out, with a list of what was changed to get there.

A saddle-stitched booklet has a multiple of four pages. `--fit` gets there by changing
what is flexible, in the order the theme gives (`fit:`): how many comments are shown,
how tall photos are, how many notes pages follow; then blank pages.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from .errors import BookletError, Problem, printable, some
from .model import Booklet, pictures
from .theme import Theme

PHOTO_STEPS = (0.85, 0.7, 0.55)


@dataclass(frozen=True)
class Trim:
    """Print-shop geometry: bleed around the trimmed page, and room for crop marks."""
    bleed: float = 0.0
    crop_marks: bool = False

    @property
    def offset(self) -> float:
        """How far the trimmed page sits from the sheet's edge."""
        return self.bleed + (MARK_ROOM if self.crop_marks else 0.0)


MARK_ROOM = 10 * 72 / 25.4     # beyond the bleed: a gap, then the mark


@dataclass(frozen=True)
class Adjustments:
    comments: float = 1.0        # the share of the selected comments shown
    photos: float = 1.0          # photo heights, as a share of the theme's
    notes: int = 0               # notes pages added
    blanks: int = 0              # blank pages added (before a closing page)


def lay_out(booklet: Booklet, theme: Theme, workdir: Path, trim, output: Path, adjust: Adjustments, options):
    """Compose and render once with these adjustments; return (pages, composer)."""
    try:
        return _lay_out(booklet, theme, workdir, trim, output, adjust, options)
    except BookletError as e:
        problems = e.problems
        named = where_named(booklet)
        every = list(named) + in_folders(booklet)
        if any(p.file in every for p in problems):       # and any other picture that cannot be read
            seen = {p.file for p in problems}
            problems = problems + [p for p in unreadable(every) if p.file not in seen]
        raise BookletError(at_naming_lines(problems, named)) from e.__cause__    # (for --debug: what went wrong below)


def _lay_out(booklet: Booklet, theme: Theme, workdir: Path, trim, output: Path, adjust: Adjustments, options):
    from . import photos

    booklet, theme = _adjusted(booklet, theme, adjust)
    # the photos are started first, on all cores, and prepared while the fonts are read
    # and the text is set; nothing waits for them until the PDF writer draws them
    t = theme["photos"]
    jobs = photos.wanted(booklet, theme, trim.bleed)
    batch = photos.Batch(jobs, t["dpi"], t["quality"], workdir, t["grayscale"]) if jobs else None
    try:
        from .quickre import import_platypus

        import_platypus()
        from .compose import compose
        from .render import render
        from .styles import Styles

        composer = compose(booklet, Styles(theme, booklet.language), workdir, trim.bleed, adjust.blanks, batch)
        check_images(composer.images, booklet, print_shop=bool(trim.bleed or trim.crop_marks),
                     allow_low_res=options.allow_low_res)
        pages = render(composer.flowables, booklet, composer.styles, output, trim)
    finally:
        if batch is not None:
            batch.close()           # the workers stop: after the PDF is written, or when it failed
    return pages, composer


def _adjusted(booklet: Booklet, theme: Theme, adjust: Adjustments):
    if adjust.comments < 1.0:
        booklet = copy.deepcopy(booklet)
        for section in booklet.sections:
            if section.kind == "comments":
                keep = max(1, round(len(section.items) * adjust.comments))
                section.items = section.items[:keep]
    if adjust.photos != 1.0 or adjust.notes:
        theme = Theme(theme.name, theme.file, copy.deepcopy(theme.data))
        theme.data["photos"]["max_height"] *= adjust.photos
        theme.data["notes"]["pages"] += adjust.notes
    return booklet, theme


def where_named(booklet: Booklet) -> dict:
    """Each picture's path: the file, line and field that name it (photos.yaml, gallery.yaml,
    the story, booklet.yaml's cover)."""
    named: dict = {}
    if booklet.cover.image is not None:
        named[booklet.cover.image] = booklet.where.get("cover.image", {})
    for section in booklet.sections:
        if section.file.is_dir():
            continue            # a folder of photos: each is reported by its own name
        for i, item in enumerate(section.items if section.kind in ("photos", "gallery") else (), 1):
            named.setdefault(item.path, dict(file=section.file, line=item.line or None, field=f"[{i}].file"))
        for picture in pictures(section.blocks):
            named.setdefault(picture.path, dict(file=section.file, line=picture.line or None))
    return named


def in_folders(booklet: Booklet) -> list[Path]:
    """The pictures of photos and gallery sections that name a folder (each reported by its own name)."""
    return [item.path for section in booklet.sections if section.file.is_dir()
            for item in section.items if section.kind in ("photos", "gallery")]


def at_naming_lines(problems: list[Problem], named: dict) -> list[Problem]:
    """A picture that cannot be read ('odd.jpg: this image cannot be read') is reported at
    the line that names it (`named`: where_named's), so that a person knows which entry to
    mend or remove."""
    out = []
    for p in problems:
        where = named.get(p.file) if isinstance(p.file, Path) and p.line is None else None
        out.append(Problem(f"{p.file.name}: {p.message}", **where, hint=p.hint) if where else p)
    return out


def unreadable(named) -> list[Problem]:
    """The problems of each picture named (where_named's, or paths) that does not open as an image
    (its header is read, not its pixels: a broken photo's are found when it is prepared)."""
    from .photos import image_size

    problems = []
    for path in named:
        try:
            image_size(path)
        except BookletError as e:
            problems += e.problems
    return problems


def readable_pictures(booklet: Booklet) -> None:
    named = where_named(booklet)
    if problems := unreadable(list(named) + in_folders(booklet)):
        raise BookletError(at_naming_lines(problems, named))


def check_images(images, booklet: Booklet, print_shop: bool, allow_low_res: bool) -> None:
    """For a print shop, a photo under 150 dpi at its placed size is refused, at the line
    of the file that names it (photos.yaml, gallery.yaml, the story, booklet.yaml's cover)."""
    if not print_shop or allow_low_res:
        return
    from .photos import dpi_text

    named = where_named(booklet)
    low, seen = [], set()
    for path, dpi in images:
        if dpi < 150 and path not in seen:         # (a photo placed twice: once)
            seen.add(path)
            where = named.get(path)
            message = f"{printable(path.name) if where else 'this photo'} is {dpi_text(dpi)} dpi"
            low.append(Problem(f"{message} at the size it is placed; a print shop needs 300 (150 at the very least)",
                               **(where or {"file": path}),
                               hint="use a larger original, or build anyway with --allow-low-res"))
    if low:
        raise BookletError(low)


def fit_pages(booklet, theme, workdir: Path, trim, output: Path, options):
    """Lay out to the page count asked for; return (pages, composer, what was changed)."""
    trial = workdir / "trial.pdf"

    def pages(adjust: Adjustments) -> int:
        return lay_out(booklet, theme, workdir, trim, trial, adjust, options)[0]

    from .flowables import reuse

    with reuse.keeping():                  # each pass breaks only the comments not set before
        return _fit(booklet, theme, workdir, trim, output, options, pages)


def _fit(booklet, theme, workdir: Path, trim, output: Path, options, pages):
    natural = pages(Adjustments())
    if options.fit == "auto":
        goals = [natural] if natural % 4 == 0 else [natural - natural % 4, natural - natural % 4 + 4]
        goals = [g for g in goals if g > 0]
        limits = (0.75, PHOTO_STEPS[1])      # for a lower goal: keep most comments, photos near full size
    else:
        goals, limits = [int(options.fit)], (0.0, PHOTO_STEPS[-1])
    order = theme["fit"]
    comments = [len(s.items) for s in booklet.sections if s.kind == "comments"]
    if all(max(1, round(count * limits[0])) == count for count in comments):
        order = [lever for lever in order if lever != "comments"]    # (too few to leave any out)
    for goal in goals:
        adjust = _reach(goal, natural, pages, order, limits if goal < natural else (1.0, 1.0))
        if adjust is not None:
            final, composer = lay_out(booklet, theme, workdir, trim, output, adjust, options)
            return final, composer, _describe(adjust, booklet, natural)
    raise BookletError(Problem(
        f"cannot fit the booklet on {' or '.join(map(str, goals))} pages; it has {natural}",
        hint="allow more changes with the layout's 'fit' list, or cut some content"))


def _reach(goal: int, natural: int, pages, order, limits) -> Adjustments | None:
    adjust, n = Adjustments(), natural
    min_comments, min_photos = limits
    if n > goal:
        for lever in order:
            if lever == "comments":
                adjust, n = _fewer_comments(adjust, goal, pages, min_comments)
            elif lever == "photos":
                above = adjust.photos              # the largest share known to land past the goal
                for step in PHOTO_STEPS:
                    if step < min_photos - 1e-9 or n <= goal:
                        break
                    trial = Adjustments(adjust.comments, step, adjust.notes, adjust.blanks)
                    if (m := pages(trial)) < n:
                        adjust, n = trial, m
                    if n > goal:
                        above = step
                if n < goal and adjust.photos < above:
                    # a step that took two pages' photos onto one overshot the goal: larger
                    # photos, between the two steps, rather than smaller ones and blank pages
                    adjust, n = _larger_photos(adjust, n, above, goal, pages)
            if n <= goal:
                break
        if n > goal:
            return None
    if n < goal:
        extra = goal - n
        adjust = (Adjustments(adjust.comments, adjust.photos, adjust.notes + extra, adjust.blanks)
                  if "notes" in order else
                  Adjustments(adjust.comments, adjust.photos, adjust.notes, adjust.blanks + extra))
        n = pages(adjust)
    return adjust if n == goal else None


def _larger_photos(adjust: Adjustments, n: int, above: float, goal: int, pages):
    """The largest photo share between adjust's (n pages, under the goal) and `above` (past
    it) that still lands at or under the goal."""
    low, high, best = adjust.photos, above, (adjust, n)
    for _ in range(5):
        mid = (low + high) / 2
        trial = Adjustments(adjust.comments, mid, adjust.notes, adjust.blanks)
        if (m := pages(trial)) <= goal:
            best, low = (trial, m), mid
        else:
            high = mid
    return best


def _fewer_comments(adjust: Adjustments, goal: int, pages, minimum: float):
    """The largest share of comments (not under minimum) that lands at or under the goal."""
    low, high, best = minimum, 1.0, None
    for _ in range(7):
        mid = (low + high) / 2
        trial = Adjustments(mid, adjust.photos, adjust.notes, adjust.blanks)
        if (n := pages(trial)) <= goal:
            best, low = (trial, n), mid
        else:
            high = mid
    if best is None:
        trial = Adjustments(minimum, adjust.photos, adjust.notes, adjust.blanks)
        return trial, pages(trial)
    return best


def _describe(adjust: Adjustments, booklet, natural: int) -> list[str]:
    """What --fit changed, for the person who asked; `natural`: the pages without it."""
    out = []
    if adjust.comments < 1.0:
        for s in booklet.sections:
            if s.kind == "comments":
                shown = max(1, round(len(s.items) * adjust.comments))
                if shown < len(s.items):
                    # (by name and line, as a person looks for them; a name may hold a comma)
                    left = [f"{c.name} (line {c.line})" if c.line else c.name for c in s.items[shown:]]
                    out.append(f"showed {shown} of {len(s.items)} comments in {s.file.name}; left out the last "
                               f"{len(left)}: {some(left, sep='; ')}. To keep them: --fit {natural + -natural % 4}")
    if adjust.photos != 1.0:
        out.append(f"set photos at {adjust.photos:.0%} of their height")
    if adjust.notes:
        out.append(f"added {adjust.notes} notes page{'s' if adjust.notes > 1 else ''}")
    if adjust.blanks:
        out.append(f"added {adjust.blanks} blank page{'s' if adjust.blanks > 1 else ''}")
    return out
