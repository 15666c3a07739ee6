"""Preview: a PDF in, PNG pictures of its pages and one contact sheet out (pdfium, no
external program needed)."""
from __future__ import annotations

from pathlib import Path


def page_range(spec: str | None, count: int) -> list[int]:
    """'1-4,7' -> [1, 2, 3, 4, 7]; None -> every page. Pages are numbered from 1."""
    if not spec:
        return list(range(1, count + 1))
    pages: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValueError(f"expected pages such as 1-4 or 2,5, found '{spec}'")
        lo, hi = int(first), int(last or first)
        if not 1 <= lo <= hi <= count:
            raise ValueError(f"the booklet has pages 1 to {count}; '{part}' is outside them")
        pages += range(lo, hi + 1)
    return pages


def pictures(pdf: Path, pages: list[int], out: Path, dpi: int = 80) -> tuple[list[Path], Path]:
    import pypdfium2 as pdfium

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("page-[0-9][0-9][0-9]*.png"):
        old.unlink()      # the last preview's pictures: pages this booklet may no longer have
    doc = pdfium.PdfDocument(str(pdf))
    files, thumbs = [], []
    try:
        for n in pages:
            image = doc[n - 1].render(scale=dpi / 72).to_pil().convert("RGB")
            path = out / f"page-{n:03d}.png"
            image.save(path)
            files.append(path)
            thumbs.append(image)
    finally:
        doc.close()
    sheet = out / "contact-sheet.png"
    contact_sheet(thumbs, sheet)
    return files, sheet


def contact_sheet(images, path: Path, height: int = 260, columns: int = 6) -> None:
    from PIL import Image

    thumbs = [im.resize((max(1, round(im.width * height / im.height)), height)) for im in images]
    gap = 12
    w = max(t.width for t in thumbs)
    cols = min(columns, len(thumbs))
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (cols * (w + gap) + gap, rows * (height + gap) + gap), (225, 222, 216))
    for i, t in enumerate(thumbs):
        sheet.paste(t, (gap + (i % columns) * (w + gap), gap + (i // columns) * (height + gap)))
    sheet.save(path)
