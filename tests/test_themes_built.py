"""Every shipped layout, built on the example and looked at as pixels."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from booklet.build import build
from booklet.theme import bundled_names, load_theme

from conftest import count_pixels, ink_box, page_texts, rasterise

MM = 72 / 25.4
SIZES = {"classic": (148, 210), "classroom": (148, 210), "large-print": (210, 297), "modern": (148, 210)}


def test_the_four_layouts_are_shipped():
    assert set(SIZES) <= set(bundled_names())


@pytest.fixture(scope="module", params=sorted(SIZES))
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param) / "b.pdf"
    result = build(layout=request.param, output=out)
    assert result.warnings == []
    # a print shop's checks pass (modern's contents page named Helvetica without embedding it)
    assert [c.detail for c in result.preflight if c.status == "fail"] == []
    return request.param, out, load_theme(request.param)


def test_page_size_is_what_the_layout_says(built):
    name, pdf, _ = built
    for page in PdfReader(str(pdf)).pages:
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == SIZES[name]


def body_pages(pdf, count=None):
    """(index, right-hand?) of pages with body text: not the cover, dedication or blank pages."""
    texts = page_texts(pdf)
    return [(i, (i + 1) % 2 == 1) for i, t in enumerate(texts) if i >= 2 and len(t) > 40][:count]


def test_margins_mirror_and_nothing_is_drawn_outside_them(built):
    name, pdf, theme = built
    m = theme["page"]["margins"]
    for index, right in body_pages(pdf):
        image = rasterise(pdf, index)
        left, top, right_edge, bottom = ink_box(image)
        inside, outside = (m["inner"], m["outer"]) if right else (m["outer"], m["inner"])
        # glyphs such as an italic J hang a point or two past their origin: allow 3 pt
        assert left >= inside - 3, (name, index + 1)
        assert image.width - right_edge >= outside - 3, (name, index + 1)
        assert top >= m["top"] * 0.3 and image.height - bottom >= m["bottom"] * 0.3, (name, index + 1)


def test_text_starts_at_the_inner_margin_on_both_sides(built):
    name, pdf, theme = built
    m = theme["page"]["margins"]
    seen = set()
    for index, right in body_pages(pdf):
        image = rasterise(pdf, index)
        box = ink_box(image.crop((0, int(m["top"] + 20), image.width, int(image.height - m["bottom"] - 20))))
        expected = m["inner"] if right else m["outer"]
        if box and abs(box[0] - expected) < 2.5:
            seen.add(right)
    assert seen == {True, False}, name


def test_classroom_prints_in_black_and_grey_only(tmp_path):
    pdf = tmp_path / "c.pdf"
    result = build(layout="classroom", output=pdf)
    for index in range(result.pages):
        image = rasterise(pdf, index, scale=0.5)
        coloured = count_pixels(image, lambda r, g, b: max(r, g, b) - min(r, g, b) > 12)
        assert coloured == 0, f"page {index + 1} has colour"


def test_classroom_text_is_dark_enough_to_photocopy():
    theme = load_theme("classroom")
    for name, style in theme["styles"].items():
        kind, *values = style["color"]
        assert kind == "rgb" and max(values) - min(values) < 0.01, name
        assert max(values) <= 0.35, f"{name} is too pale for a copier"
    assert theme.style("body")["size"] >= 12


def test_large_print_follows_the_guidance():
    theme = load_theme("large-print")
    for name, style in theme["styles"].items():
        if name not in ("running_head", "credit"):
            assert style["size"] >= 16, name
        assert not style["italic"] or name == "dedication", name
        assert style["align"] != "justify", name
        assert style["leading"] >= 1.3 * style["size"] or name in ("title", "heading", "running_head", "folio"), name
    assert "RNIB" in theme["description"]


def test_classroom_has_questions_with_room_to_write_and_notes_pages(tmp_path):
    pdf = tmp_path / "c.pdf"
    build(layout="classroom", output=pdf)
    texts = page_texts(pdf)
    assert any("Questions to Talk About" in t and "Why do you think he still wanted" in t for t in texts)
    assert sum(1 for t in texts if t.startswith("Notes")) == 2


def test_modern_has_a_contents_page_with_page_numbers(tmp_path):
    pdf = tmp_path / "m.pdf"
    build(layout="modern", output=pdf)
    texts = page_texts(pdf)
    contents = next(t for t in texts if t.startswith("Contents"))
    titles = ["The Race", "Timeline", "Tributes to Jim Redmond", "What Readers Wrote", "Questions to Talk About"]
    starts = [next(i + 1 for i, t in enumerate(texts) if t.startswith(title)) for title in titles]
    assert all(title in contents for title in titles)
    assert [int(n) for n in re.findall(r"\b\d+\b", contents)] == starts


def test_a_contents_number_after_a_title_that_fills_its_line_is_full_size(tmp_path):
    """A section title that ran to the end of the contents' line had its page number
    squeezed in after it at a fraction of its size ('who knew him best22'). The titles'
    lines end short of the numbers' room now: every number is the entry's size."""
    import pypdfium2 as pdfium

    from conftest import write_booklet

    sections = "".join(f"  - type: tributes\n    file: t.yaml\n    title: From the {'very ' * (k % 7)}dear friends "
                       f"of group number {k}, who knew him best\n" for k in range(12, 24))   # (16 and 23 ran long)
    folder = write_booklet(tmp_path / "b", {"t.yaml": "- from: Ann\n  text: Kind words.\n",
                                            "booklet.yaml": f"title: T\nlayout: modern\nsections:\n{sections}"})
    build(folder, output=tmp_path / "b.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    try:
        sizes, seen = set(), ""
        for page in pdf:                        # (the contents' pages: those with dot leaders)
            text = page.get_textpage()
            words = text.get_text_range()
            if ". . ." in words:
                seen += words
                sizes |= {round(pdfium.raw.FPDFText_GetFontSize(text.raw, i), 1) for i, ch in enumerate(words)
                          if ch.isalnum() and not (words.startswith("Contents") and i < len("Contents"))}
    finally:
        pdf.close()
    assert "group number 16" in seen and "group number 23" in seen
    assert len(sizes) == 1, sizes


def test_a_five_line_theme_of_ones_own(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("extends: classic\npage:\n  size: half-letter\ncolors:\n  accent: navy\n")
    pdf = tmp_path / "b.pdf"
    build(layout=str(mine), output=pdf)
    page = PdfReader(str(pdf)).pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (396.0, 612.0)
    navy = count_pixels(rasterise(pdf, 0), lambda r, g, b: b > 100 and r < 40 and g < 40)
    assert navy > 100


def test_large_print_on_a6_pages(tmp_path):
    """Type this large on pages this small: comments taller than a column and a timeline
    whose years only just fit (before: a crash; years broken as '198' and '8')."""
    mine = tmp_path / "a6.yaml"
    mine.write_text("extends: large-print\npage:\n  size: A6\n")
    pdf = tmp_path / "b.pdf"
    build(layout=str(mine), output=pdf)
    text = " ".join(page_texts(pdf))
    for year in ("1988", "1991", "1992", "2012", "2016", "2022"):
        assert re.search(rf"(^|\s){year}\s", text), year


def drawn_lines(pdf) -> int:
    """How many straight lines the pages draw (reportlab's canvas.line: 'x y m x y l S')."""
    return sum(len(re.findall(rb" l S", page.get_contents().get_data())) for page in PdfReader(str(pdf)).pages)


def test_more_answer_lines_than_a_page_holds_go_on_over_the_page(tmp_path):
    pdfs = {}
    for n in (0, 30):                                             # 30: about 1.3 pages each
        mine = tmp_path / f"lines{n}.yaml"
        mine.write_text(f"extends: classroom\nquestions:\n  answer_lines: {n}\n")
        pdfs[n] = tmp_path / f"b{n}.pdf"
        build(layout=str(mine), output=pdfs[n])                 # (before: 'RuledLines too large')
    assert drawn_lines(pdfs[30]) - drawn_lines(pdfs[0]) == 5 * 30    # five questions, every line
    bodies = page_texts(pdfs[30], margin=20 * MM)
    opening = next(text for text in bodies if "Questions to Talk About" in text)
    assert "Why do you think he still wanted to reach the finish line?" in opening   # not alone
