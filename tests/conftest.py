"""Shared helpers: tiny booklets written into tmp_path, and ways to read back a PDF."""
from __future__ import annotations

import os
import re
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# Prepared photos are cached between builds; the tests keep their cache to themselves,
# in a folder removed when the run ends (each run used to leave one behind in /tmp).
if "BOOKLET_CACHE_DIR" not in os.environ:
    _cache = tempfile.TemporaryDirectory(prefix="booklet-test-cache-")
    os.environ["BOOKLET_CACHE_DIR"] = _cache.name

# The suite is deterministic by default; HYPOTHESIS_PROFILE=explore searches widely.
settings.register_profile("default", derandomize=True, database=None, max_examples=15)
settings.register_profile("explore", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

from booklet.build import build


def write_booklet(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a content folder from {relative path: text}; text is dedented."""
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


TINY = {
    "booklet.yaml": """
        title: A Small Booklet
        subtitle: For the tests
        smart_typography: false
        sections:
          - type: story
            file: story.md
          - type: comments
            file: comments.yaml
        """,
    "story.md": """
        # Story

        The first paragraph of the story.

        A second paragraph, with *emphasis* and **strength**.
        """,
    "comments.yaml": """
        - name: Ann
          text: A first comment.
        - name: Bob
          text: A second comment.
        """,
}


TINY = {name: textwrap.dedent(text).lstrip("\n") for name, text in TINY.items()}


@pytest.fixture
def tiny(tmp_path) -> Path:
    return write_booklet(tmp_path / "tiny", TINY)


def pdf_text(path: Path, margin: float = 0.0) -> str:
    """All text of a PDF, whitespace folded, as a reader would copy it. With `margin`
    (points), text in the top and bottom margins (running heads, folios) is left out."""
    return " ".join(page_texts(path, margin))


def body_text(path: Path) -> str:
    """The text inside the text area: what was written, without running heads and folios."""
    return pdf_text(path, margin=15 * 72 / 25.4)


def page_texts(path: Path, margin: float = 0.0) -> list[str]:
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(path)).pages:
        if not margin:
            out.append(fold(page.extract_text()))
            continue
        height = float(page.mediabox.height)
        parts: list[str] = []

        def keep(text, cm, tm, font, size):
            y = tm[5] * cm[3] + cm[5]
            if margin <= y <= height - margin or not text.strip():
                parts.append(text)

        page.extract_text(visitor_text=keep)
        out.append(fold("".join(parts)))
    return out


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count_pixels(image, test) -> int:
    """How many pixels of an RGB image satisfy test(r, g, b)."""
    return sum(1 for px in image.get_flattened_data() if test(*px))


def ink_box(image, threshold: int = 200):
    """The bounding box (left, top, right, bottom) of everything darker than threshold."""
    mask = image.convert("L").point(lambda v: 255 if v < threshold else 0)
    return mask.getbbox()


def rasterise(path: Path, page: int, scale: float = 1.0):
    """A page as a Pillow image (pdfium), 72 dpi times scale."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[page].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "booklet.pdf"
    build(output=out)
    return out
