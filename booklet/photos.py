"""Photos: a user's image file in, a print-ready JPEG (or PNG) at the placed size out.

Each photo is fully decoded by Pillow (so a broken file fails here, with its name, not
half-way through the PDF), turned upright by its EXIF orientation, flattened onto white,
and resampled to the theme's resolution at the size it is placed.
"""
from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import BookletError, Problem

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
    from PIL import Image

    with _open(path) as im:
        w, h = im.size
        orientation = im.getexif().get(0x0112, 1)
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def prepare(path: Path, width_pt: float, dpi: int, quality: int, workdir: Path,
            grayscale: bool = False) -> Prepared:
    from PIL import Image, ImageOps

    target_w = max(1, round(width_pt / 72 * dpi))
    key = hashlib.sha256(f"{path.resolve()}|{path.stat().st_mtime_ns}|{target_w}|{quality}|{grayscale}".encode()).hexdigest()[:16]
    try:
        with _open(path) as im:
            lossless = im.format != "JPEG"
            rotated = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            shown_w = im.height if rotated else im.width     # the side that becomes the width
            effective = shown_w / (width_pt / 72)
            if im.mode in ("P", "PA"):
                im = im.convert("RGBA")                       # palette colours, not indices, are resampled
            elif im.mode.startswith("I;16"):
                im = im.convert("I")
            if shown_w > target_w:
                # draft decoding for JPEG, then reduce() and LANCZOS: memory and time follow the
                # target size, not the camera's
                scale = target_w / shown_w
                im.thumbnail((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                             Image.LANCZOS, reducing_gap=2.0)
            else:
                im.load()
            im = ImageOps.exif_transpose(im)
            im = _flatten(im, grayscale)
            if lossless and im.width * im.height > 2_000_000:
                lossless = False  # a big PNG is a photo saved as PNG: JPEG keeps the PDF small
            out = workdir / f"{key}.{'png' if lossless else 'jpg'}"
            if lossless:
                im.save(out, "PNG", optimize=False)
            else:
                im.save(out, "JPEG", quality=quality, optimize=False, dpi=(dpi, dpi))
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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BookletError(Problem(f"this image has more than {MAX_PIXELS // 1_000_000} million pixels",
                                   file=path, hint="make it smaller in an image program first")) from None
    except (OSError, ValueError, SyntaxError) as e:
        raise BookletError(Problem(f"this is not an image that can be read ({e})", file=path,
                                   hint="use a JPEG or PNG file")) from None


def _flatten(im, grayscale: bool):
    """RGB (or L) with no transparency: transparent parts become white paper, never black."""
    from PIL import Image

    if im.mode in ("I", "F"):                      # 16-bit and float greys, scaled to 8 bits
        im = im.point(lambda v: v / 256).convert("L")
    if im.mode in ("P", "PA"):
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "La", "RGBa"):
        background = Image.new("RGBA", im.size, (255, 255, 255, 255))
        background.alpha_composite(im.convert("RGBA"))
        im = background
    if grayscale:
        return im if im.mode == "L" else im.convert("L")
    return im if im.mode in ("RGB", "L") else im.convert("RGB")
