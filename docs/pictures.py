"""Regenerate the pictures in the README: python docs/pictures.py  (needs the test extras)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from booklet.build import build
from booklet.preview import contact_sheet as sheet

HERE = Path(__file__).parent


def contact_sheet(pdf: Path, out: Path, pages: int = 6, height: int = 300) -> None:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        images = [doc[i].render(scale=height / doc[i].get_height()).to_pil().convert("RGB")
                  for i in range(min(pages, len(doc)))]
    finally:
        doc.close()
    sheet(images, out, height=height)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("classic", "classroom", "large-print", "modern"):
            pdf = Path(tmp) / f"{layout}.pdf"
            build(layout=layout, output=pdf)
            contact_sheet(pdf, HERE / f"{layout}.png", height=240 if layout != "large-print" else 200)
            print("wrote", HERE / f"{layout}.png")
