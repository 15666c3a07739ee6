"""Photos: a user's image file in, a print-ready JPEG (or PNG) at the placed size out.

Each photo is fully decoded by Pillow (so a broken file fails here, with its name, not
half-way through the PDF), turned upright by its EXIF orientation, its colours converted
to sRGB when it carries a colour profile, flattened onto white, and resampled to the
theme's resolution at the size it is placed.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import BookletError, Problem, printable
from .memo import cache_root, recall, remembered

MAX_PIXELS = 120_000_000   # a 100-megapixel photo is fine; a decompression bomb is not
MAX_BYTES = 200_000_000


@dataclass(frozen=True)
class Prepared:
    path: Path
    width: int      # pixels
    height: int
    dpi: float      # the original's effective resolution at the placed size


def image_size(path: Path) -> tuple[int, int]:
    """Width and height as it will appear (EXIF orientation applied), reading only the header."""

    with _open(path) as im:
        w, h = im.size
        orientation = im.getexif().get(0x0112, 1)
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def first_page_only(path: Path) -> str | None:
    """What is left out when a picture holds more than one: a scanned TIFF's pages, an
    animation's frames (only the first is printed). A camera's JPEG holding a preview too
    (MPO) is one picture."""
    if path.suffix.lower() in (".jpg", ".jpeg"):
        return None                     # (a camera's photo: not opened again, 40 of them 10 ms)
    with _open(path) as im:
        count = getattr(im, "n_frames", 1) if im.format in ("TIFF", "GIF", "WEBP", "PNG") else 1
        if count < 2:
            return None
        what = "pages" if im.format == "TIFF" else "frames (it moves)"
    return (f"{printable(path.name)} has {count} {what}; only the first is printed: to print another, "
            "save it as a picture of its own and name that too")


VERSION = 6          # bump when the processing changes, so cached photos are made again
SHARP_DPI = 300      # at its placed size, a photo this sharp prints sharply


def dpi_text(dpi: float) -> str:
    """A photo's resolution as said: '72', or 'less than 1' (a 1-pixel picture was '0 dpi')."""
    return f"{dpi:.0f}" if dpi >= 0.5 else "less than 1"


def sharp(dpi: float) -> bool:
    """Whether a photo is SHARP_DPI at its placed size, to within 1%: a 1,200-pixel photo
    across a 4-inch column is 299.2 dpi, and was warned of (a wall of warnings for a
    folder of such photos) though it prints as a 300-dpi one does."""
    return dpi >= SHARP_DPI * 0.99


def unsharp(images, least: float = 0.0, under: float | None = None) -> tuple[list[tuple[str, float]], int]:
    """The photos placed under SHARP_DPI (or `under` dpi) and at `least` dpi or more, each
    once for each resolution it is placed at, as (name, dpi), and how many they are: all of
    them, in their order, when they are FEW or fewer; else the FEW least sharp (three
    hundred phone photos were three hundred warnings and three hundred preflight lines)."""
    from .errors import printable

    found = {(printable(path.name), dpi_text(dpi)): dpi for path, dpi in images
             if least <= dpi and (dpi < under if under else not sharp(dpi))}
    named = [(name, dpi) for (name, _), dpi in found.items()]
    if len(named) <= FEW:
        return named, len(named)
    lowest: dict[str, float] = {}            # (many: each photo once, at its least)
    for name, dpi in named:
        lowest[name] = min(dpi, lowest.get(name, dpi))
    return sorted(lowest.items(), key=lambda item: item[1])[:FEW], len(lowest)


def least_sharp(named: list[tuple[str, float]], count: int) -> str:
    """'the least sharp a.jpg (122 dpi), b.jpg (150 dpi) and 40 more' (or, all of them named,
    'a.jpg (122 dpi), b.jpg (150 dpi)'), for a message about many photos."""
    listed = ", ".join(f"{name} ({dpi_text(dpi)} dpi)" for name, dpi in sorted(named, key=lambda item: item[1]))
    return f"the least sharp {listed} and {count - len(named)} more" if count > len(named) else listed


FEW = 4      # photos named one by one in a warning; of more, the least sharp and how many


GALLERY_MAX_HEIGHT = 0.3   # a gallery photo's greatest height, as a share of the text area's, at most
GALLERY_ROWS = 3           # rows of a gallery to a page, upright photos and all
GALLERY_LEAST = 0.15       # and its height is never set lower than this


def placed_width(theme, column_w: float, w: int, h: int, max_height: float | None = None,
                 pair: bool = False) -> float:
    """A w x h photo's width on the page: the column's, or less to stay under `max_height`
    (a share of the text area's height; by default the theme's photos.max_height).

    With `pair` (a photos section), a photo a little taller than half a page is made half
    a page tall, captions and all, so that two share a page: a phone's 4:3 photo at the
    width of an A5 page's column was alone on its page, the lower half of it left empty."""
    from .theme import text_area

    text_h = text_area(theme)[1]
    max_h = text_h * (max_height or theme["photos"]["max_height"])
    if pair:
        caption = theme.style("caption")
        line = caption["leading"] + caption["space_before"] + caption["leading"]   # its caption, the gap above
        half = (text_h - 2 * line) / 2
        if half < min(max_h, column_w * h / w) <= half / PAIR_SHRINK:
            max_h = half
    return min(column_w, max_h * w / h)


PAIR_SHRINK = 0.8     # made at most this much smaller (in height) to share a page


UPRIGHT = 1.2       # a photo this many times as tall as it is wide is upright
SIDE_LEAST = 0.65   # two upright photos share a row when each is at least this share of its size alone


def photo_rows(theme, column_w: float, sizes: list[tuple[int, int]], columns: int = 1) -> list[list[tuple[int, float]]]:
    """A photos section's rows, each a list of (the photo's index, its width): two upright
    photos one after the other side by side, as tall as each other and the column's width
    together (at most max_height tall), when that leaves each at least SIDE_LEAST of its
    size alone and a third of the column wide (a caption under a photo as narrow as a strip
    was a word a line). At the column's width, a phone's upright photo stood alone over the
    empty lower half of its page, eight photos eight pages. Any other photo has a row of its
    own, at placed_width's size; so has every photo in a section set in columns."""
    from .theme import text_area

    gap = theme["page"]["column_gap"]
    max_h = text_area(theme)[1] * theme["photos"]["max_height"]
    alone = [placed_width(theme, column_w, w, h, pair=True) for w, h in sizes]

    def upright(i: int) -> bool:
        w, h = sizes[i]
        return columns == 1 and h >= UPRIGHT * w

    rows, i = [], 0
    while i < len(sizes):
        if i + 1 < len(sizes) and upright(i) and upright(i + 1):
            shapes = [w / h for w, h in sizes[i:i + 2]]
            tall = min(max_h, (column_w - gap) / sum(shapes))
            widths = [tall * shape for shape in shapes]
            if all(width >= max(SIDE_LEAST * alone[i + k], column_w / 3) for k, width in enumerate(widths)):
                rows.append([(i, widths[0]), (i + 1, widths[1])])
                i += 2
                continue
        rows.append([(i, alone[i])])
        i += 1
    return rows


def story_pairs(theme, column_w: float, blocks: list, columns: int = 1) -> dict[int, tuple]:
    """The pictures of a story's blocks (not those in its lists and quotes) that stand side
    by side: two upright ones one after the other, nothing between them, paired as a photos
    section pairs them (photo_rows), from the first: id(the first of two) -> (the second,
    the first's width, the second's)."""
    from .model import Picture

    out: dict[int, tuple] = {}
    taken: set[int] = set()
    for first, second in zip(blocks, blocks[1:]):
        if isinstance(first, Picture) and isinstance(second, Picture) and id(first) not in taken:
            row = photo_rows(theme, column_w, [image_size(first.path), image_size(second.path)], columns)[0]
            if len(row) == 2:
                out[id(first)] = (second, row[0][1], row[1][1])
                taken |= {id(first), id(second)}
    return out


def cover_width(theme, bleed: float, w: int, h: int) -> float:
    """The cover photo's width: it covers the page and its bleed (cropped to their shape)."""
    page_w, page_h = theme["page"]["size"]
    return w * max((page_w + 2 * bleed) / w, (page_h + 2 * bleed) / h)


def gallery_max_height(theme, rows: int, title: float, words: float) -> float:
    """A gallery photo's greatest height, as a share of the text area's: three rows to a
    page, each with `words` under its photos (their height in points, words_space), the
    first page's under the section's `title` (its height in points, title_space). At 0.3
    of the page, a row with an upright photo in it was so tall that two rows filled an A5
    page, its lower third empty. A gallery of `rows` rows that would end with one row alone
    on a page (7 photos: six, then one at the top of an empty page) is set four rows to a
    page instead, if its photos are then still GALLERY_LEAST high; else four rows are two
    pages of two rows, their photos as tall as that allows (sized for three rows, each
    page's lower third was empty)."""
    from .theme import text_area

    text_h = text_area(theme)[1]
    spare = theme.style("caption")["leading"]   # (measured to the point, three rows of captions did not fit)

    def row(per_page: int) -> float:
        return (text_h - title - spare - per_page * (words + theme["page"]["column_gap"])) / per_page / text_h

    if rows > GALLERY_ROWS and rows % GALLERY_ROWS == 1:
        if row(GALLERY_ROWS + 1) >= GALLERY_LEAST:
            return min(GALLERY_MAX_HEIGHT, row(GALLERY_ROWS + 1))
        if rows == GALLERY_ROWS + 1:
            return min(GALLERY_MAX_HEIGHT, row(2))
    return min(GALLERY_MAX_HEIGHT, max(GALLERY_LEAST, row(GALLERY_ROWS)))


def gallery_rows(sizes: list[tuple[int, int]]) -> int:
    """The rows a gallery of photos of these sizes (width, height) makes: two to a row, a
    panorama in a row of its own (and a photo left alone before it in one of its own)."""
    rows, alone = 0, False
    for w, h in sizes:
        if panorama(w, h):
            rows, alone = rows + 1 + alone, False
        elif alone:
            rows, alone = rows + 1, False
        else:
            alone = True
    return rows + alone


def title_space(theme, title: str, intro: str | None, column_w: float) -> float:
    """About how high a section's heading and intro stand (points), before anything is set."""
    return _words(theme, ((title, "heading"), (intro, "intro")), column_w)


def words_space(theme, items, cell_w: float) -> float:
    """About how high the tallest caption and credit under a gallery's photos stand (points)."""
    return max((_words(theme, ((p.caption, "caption"), (p.credit, "credit")), cell_w) for p in items), default=0.0)


def _words(theme, texts, width: float) -> float:
    """About how high these (text, style name) stand, one paragraph after another, before
    anything is set: their lines counted at half an em a letter (an upper bound for most
    text: Gentium's and Noto Sans's letters average 0.45-0.5 em)."""
    height = 0.0
    for text, name in texts:
        if text:
            style = theme.style(name)
            lines = max(1, -(-len(text) * style["size"] * 0.5 // width))
            height += style["space_before"] + lines * style["leading"] + style["space_after"]
    return height


def gallery_cell(theme, column_w: float) -> float:
    """The width of a gallery's cell: two photos to a row, a column gap between them."""
    return (column_w - theme["page"]["column_gap"]) / 2


PANORAMA = 2.0      # a photo this many times as wide as it is tall has a gallery's row to itself


def panorama(w: int, h: int) -> bool:
    return w >= PANORAMA * h


def gallery_width(theme, column_w: float, w: int, h: int, tallest: float) -> float:
    """A w x h gallery photo's width: in its cell, or across the row for a panorama (in a
    cell, a phone's 4:1 panorama was a strip 15 mm high on an A5 page), at most `tallest`
    high (gallery_tallest)."""
    room = column_w if panorama(w, h) else gallery_cell(theme, column_w)
    return placed_width(theme, room, w, h, tallest)


def gallery_tallest(theme, section, sizes: list[tuple[int, int]], column_w: float) -> float:
    """The greatest height of a gallery section's photos (a share of the text area's)."""
    return gallery_max_height(theme, gallery_rows(sizes), title_space(theme, section.title, section.intro, column_w),
                              words_space(theme, section.items, gallery_cell(theme, column_w)))


def wanted(booklet, theme, bleed: float) -> list[tuple[Path, float]]:
    """Each photo and the width it is placed at, found from the theme and the photos'
    headers alone, so that they are prepared on all cores while the rest is read and set
    (the layout needs only their shapes)."""
    from .model import pictures
    from .theme import column_width

    jobs: dict = {}

    def add(path: Path, width_of, size: tuple[int, int] | None = None) -> None:
        w, h = size or image_size(path)
        jobs[(path, round(width_of(w, h), 3))] = None

    if booklet.cover.image is not None:
        add(booklet.cover.image, lambda w, h: cover_width(theme, bleed, w, h))
    for section in booklet.sections:
        column = column_width(theme, section.kind)
        if section.kind == "gallery":
            sizes = [image_size(p.path) for p in section.items]
            tallest = gallery_tallest(theme, section, sizes, column)
            for p, size in zip(section.items, sizes):
                add(p.path, lambda w, h: gallery_width(theme, column, w, h, tallest), size)
        elif section.kind == "photos":
            sizes = [image_size(p.path) for p in section.items]
            for row in photo_rows(theme, column, sizes, theme["sections"]["photos"]["columns"]):
                for i, width in row:
                    jobs[(section.items[i].path, round(width, 3))] = None
        paired = {}                 # id(picture) -> its width beside another
        if section.kind == "story":
            pairs = story_pairs(theme, column, section.blocks, theme["sections"]["story"]["columns"])
            for first, (second, first_w, second_w) in pairs.items():
                paired[first], paired[id(second)] = first_w, second_w
        for picture in pictures(section.blocks):
            if id(picture) in paired:
                jobs[(picture.path, round(paired[id(picture)], 3))] = None
            else:
                add(picture.path, lambda w, h: placed_width(theme, column, w, h))
    return list(jobs)


def cache_dir() -> Path:
    """Where prepared photos are kept between builds: in $BOOKLET_CACHE_DIR, or the user's cache."""
    return cache_root() / "photos"


def _digest(path: Path) -> str:
    """The file's content hash; read whole once, then remembered while the file is unchanged
    (40 camera photos are 120 MB to read on every rebuild)."""
    return remembered("digest", path, "sha256", lambda: _read_digest(path))


def _read_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _key(path: Path, width_pt: float, dpi: int, quality: int, grayscale: bool) -> tuple[str, int]:
    return _key_for(_digest(path), width_pt, dpi, quality, grayscale)


def _key_for(digest: str, width_pt: float, dpi: int, quality: int, grayscale: bool) -> tuple[str, int]:
    target_w = max(1, round(width_pt / 72 * dpi))
    return f"{digest[:32]}-{target_w}-{quality}-{int(grayscale)}-v{VERSION}", target_w


def _lookup(key: str) -> Prepared | None:
    folder = cache_dir()
    for suffix in ("jpg", "png"):
        made, meta = folder / f"{key}.{suffix}", folder / f"{key}.txt"
        if made.is_file() and meta.is_file():
            try:
                w, h, effective = meta.read_text().split()
                return Prepared(made, int(w), int(h), float(effective))
            except ValueError:
                return None                 # a damaged entry: make it again
    return None


def prepare(path: Path, width_pt: float, dpi: int, quality: int, workdir: Path,
            grayscale: bool = False) -> Prepared:
    """The photo prepared for its place: from the cache, or made now and kept in the cache."""
    key, target_w = _key(path, width_pt, dpi, quality, grayscale)     # reads the whole file: once
    hit = _lookup(key)
    if hit is not None:
        return hit
    prepared = _process(path, width_pt, target_w, dpi, quality, workdir, grayscale, key)
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{key}{prepared.path.suffix}"
        tmp = folder / f".{final.name}.{os.getpid()}"
        shutil.copyfile(prepared.path, tmp)
        os.replace(tmp, final)
        (folder / f"{key}.txt").write_text(f"{prepared.width} {prepared.height} {prepared.dpi}")
        return Prepared(final, prepared.width, prepared.height, prepared.dpi)
    except OSError:
        return prepared                     # no cache (read-only home): still a good build


class Batch:
    """Photos prepared in worker processes while the text is read and laid out: layout
    needs only a photo's shape, and the PDF writer asks for each file when it draws it
    (`get`). A photo prepared before comes straight from the cache, with no worker; one
    whose content hash is not known yet goes to a worker, which reads and hashes it there
    (40 camera photos are 0.5 s of hashing that would otherwise hold up the first)."""

    def __init__(self, jobs: list[tuple], dpi: int, quality: int, workdir: Path, grayscale: bool):
        from .progress import step

        self.ready: dict[tuple, Prepared] = {}
        self.futures: dict = {}
        self.pool = None
        misses = []
        for job in jobs:
            digest = recall("digest", job[0], "sha256")
            hit = digest and _lookup(_key_for(digest, job[1], dpi, quality, grayscale)[0])
            if hit:
                self.ready[job] = hit
            else:
                misses.append(job)
        total, done = len(jobs), [len(self.ready)]
        if self.ready:
            step("Preparing photos", len(self.ready), total)
        if not misses:
            return
        workers = min(os.cpu_count() or 1, len(misses))
        if (os.cpu_count() or 1) == 1:        # one core: a worker would only take turns with us
            for job in misses:
                self.ready[job] = prepare(job[0], job[1], dpi, quality, workdir, grayscale)
            step("Preparing photos", total, total)
            return
        def finished(_):
            done[0] += 1
            step("Preparing photos", done[0], total)

        # the workers give way to this process, which lays the text out meanwhile: on two
        # cores a small booklet's cold build is 3-8% sooner (benchmarks/RESULTS.md)
        polite = dict(initializer=os.nice, initargs=(5,)) if hasattr(os, "nice") else {}
        self.pool = worker_pool(workers, **polite)
        for job in misses:
            self.futures[job] = self.pool.submit(prepare, job[0], job[1], dpi, quality, workdir, grayscale)
            self.futures[job].add_done_callback(finished)

    def __contains__(self, job) -> bool:
        return job in self.ready or job in self.futures

    def get(self, job) -> Prepared:
        """The prepared photo, waiting for its worker if need be (its errors are raised here)."""
        if job not in self.ready:
            self.ready[job] = self.futures[job].result()
        return self.ready[job]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def worker_pool(workers: int, **options):
    """Worker processes started by forking this one, where that is safe (Linux; no other
    thread is running when they start): they begin with everything imported. Python 3.14
    starts them from a fresh server process by default, which made a small booklet's cold
    build 0.07 s slower (0.44 -> 0.51 s, measured with Python 3.11 told to do the same)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, **options)


def _process(path: Path, width_pt: float, target_w: int, dpi: int, quality: int, workdir: Path, grayscale: bool,
             key: str) -> Prepared:
    from PIL import Image, ImageOps

    try:
        with _open(path) as im:
            lossless = im.format not in ("JPEG", "HEIF")       # (a HEIC photo is already lossy)
            profile = im.info.get("icc_profile")
            rotated = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            shown_w = im.height if rotated else im.width     # the side that becomes the width
            effective = shown_w / (width_pt / 72)
            if im.mode in ("P", "PA"):
                im = im.convert("RGBA")                       # palette colours, not indices, are resampled
            elif im.mode.startswith("I;16"):
                im = im.convert("I")
            if shown_w > target_w:
                # a JPEG is decoded straight at the smallest DCT scale (1/2, 1/4, 1/8) still at
                # least the target size, then LANCZOS: memory and time follow the target size,
                # not the camera's (reducing_gap 2 would decode a 12 MP photo whole: 2.4x slower)
                scale = target_w / shown_w
                im.thumbnail((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                             Image.LANCZOS, reducing_gap=1.0)
            else:
                im.load()
            im = ImageOps.exif_transpose(im)
            im = _in_srgb(im, profile)
            im = _flatten(im, grayscale)
            if lossless and im.width * im.height > 2_000_000:
                lossless = False  # a big PNG is a photo saved as PNG: JPEG keeps the PDF small
            # a working file of this job's own: two photos with the same picture have the
            # same key, and their workers, running at once, wrote through one file (one
            # copied the other's half-written JPEG into the cache)
            fd, name = tempfile.mkstemp(prefix=f"{key}.", suffix=".png" if lossless else ".jpg", dir=workdir)
            os.close(fd)
            out = Path(name)
            if lossless:
                im.save(out, "PNG", optimize=False)
            else:
                # baseline, with optimised Huffman tables (3% smaller, the same pixels): the
                # JPEG every printer's PDF interpreter reads (PostScript level 2 reads no
                # progressive one); progressive scans were 4% smaller still, but 10-20 ms a photo
                im.save(out, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
            return Prepared(out, im.width, im.height, effective)
    except (OSError, ValueError, SyntaxError) as e:
        raise BookletError(Problem(f"this image cannot be read: {e}", file=path,
                                   hint="open it in an image program and save it again as JPEG or PNG")) from None


def _open(path: Path):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BookletError(Problem(f"this image file is {size:,} bytes; the limit is {MAX_BYTES:,}", file=path,
                                   hint="make it smaller in an image program first"))
    heif = _is_heif(path)
    if heif:
        _read_heif(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BookletError(Problem(f"this image has more than {MAX_PIXELS // 1_000_000} million pixels",
                                   file=path, hint="make it smaller in an image program first")) from None
    except (OSError, ValueError, SyntaxError) as e:
        if size == 0:
            raise BookletError(Problem("this picture's file is empty (0 bytes)", file=path,
                                       hint="copy the photo into the folder again")) from None
        known = _not_a_picture(path)
        if known:
            raise BookletError(Problem(known[0], file=path, hint=known[1])) from None
        why = "" if "cannot identify image file" in str(e) else f" ({e})"     # (Pillow's words name the path)
        raise BookletError(Problem(f"this is not an image that can be read{why}", file=path,
                                   hint="save it as JPEG in your photo program" if heif else "use a JPEG or PNG file")) from None


def _not_a_picture(path: Path) -> tuple[str, str] | None:
    """What a file given as a picture is instead, and what to do, for the files people
    most often give: a PDF, a drawing (SVG), a Word document. None for anything else."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"%PDF-"):
        return ("this is a PDF, not a picture",
                "export the page as a PNG or JPEG picture (most PDF viewers can), and name that file here")
    if b"<svg" in head.lower():
        return ("this is a drawing (SVG), not a photo",
                "save it as a PNG picture (a web browser, Inkscape or your drawing program can), "
                "and name that file here")
    if head.startswith(b"PK") and (b"word/" in head or b"[Content_Types].xml" in head):
        return ("this is a Word document, not a picture",
                "in Word, right-click the picture, 'Save as Picture', and name that file here")
    return None


_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


def _is_heif(path: Path) -> bool:
    """Whether the file is a HEIF/HEIC photo (as an iPhone saves them), whatever its name."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _read_heif(path: Path) -> None:
    """Teach Pillow to read HEIC (pi-heif: libheif, decoding only), the first time one is
    met: importing it takes 40 ms that most booklets need not spend."""
    try:
        import pi_heif
    except ImportError:
        raise BookletError(Problem("this is a HEIC photo, and the pi-heif package that reads them is not "
                                   "installed", file=path, hint="install booklet again (pip install .), or save "
                                   "the photo as JPEG in your photo program")) from None
    pi_heif.register_heif_opener()


def _in_srgb(im, profile: bytes | None):
    """The colours its profile says the photo has, in sRGB. A PDF's photos are plain RGB,
    which printers and screens read as sRGB: a phone's Display P3 photo, or a CMYK one,
    would otherwise print with the wrong colours. A damaged profile is ignored."""
    if not profile or im.mode not in ("RGB", "RGBA", "CMYK"):
        return im
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if ImageCms.getProfileDescription(source).strip().lower().startswith("srgb"):
            return im                               # already: no work, no rounding
        mode = "RGBA" if im.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return im


def _flatten(im, grayscale: bool):
    """RGB (or L) with no transparency: transparent parts become white paper, never black."""
    from PIL import Image

    if im.mode == "I":                             # 16-bit greys, scaled to 8 bits
        im = im.point(lambda v: v / 256).convert("L")
    elif im.mode == "F":
        # float greys (a scientific or HDR TIFF) have no fixed range: 0 to 1 is the usual
        # one (it printed black, scaled as 16 bits), else 0 to 255 or 0 to 65535
        top = im.getextrema()[1]
        factor = 255 if top <= 1 else 1 if top <= 255 else 1 / 256
        im = im.point(lambda v: v * factor).convert("L")
    if im.mode in ("P", "PA"):
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "La", "RGBa"):
        background = Image.new("RGBA", im.size, (255, 255, 255, 255))
        background.alpha_composite(im.convert("RGBA"))
        im = background
    if grayscale:
        return im if im.mode == "L" else im.convert("L")
    return im if im.mode in ("RGB", "L") else im.convert("RGB")
