"""Regenerate the pictures in the README: python docs/pictures.py  (needs the test extras)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from booklet.build import build

HERE = Path(__file__).parent


def contact_sheet(pdf: Path, out: Path, pages: int = 6, height: int = 300, columns: int = 6) -> None:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        thumbs = []
        for i in range(min(pages, len(doc))):
            page = doc[i]
            scale = height / page.get_height()
            thumbs.append(page.render(scale=scale).to_pil().convert("RGB"))
    finally:
        doc.close()
    gap = 12
    w = max(t.width for t in thumbs)
    rows = (len(thumbs) + columns - 1) // columns
    cols = min(columns, len(thumbs))
    sheet = Image.new("RGB", (cols * (w + gap) + gap, rows * (height + gap) + gap), (225, 222, 216))
    for i, t in enumerate(thumbs):
        sheet.paste(t, (gap + (i % columns) * (w + gap), gap + (i // columns) * (height + gap)))
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("classic", "classroom", "large-print", "modern"):
            pdf = Path(tmp) / f"{layout}.pdf"
            build(layout=layout, output=pdf)
            contact_sheet(pdf, HERE / f"{layout}.png", height=240 if layout != "large-print" else 200)
            print("wrote", HERE / f"{layout}.png")
