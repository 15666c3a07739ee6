"""Print production: imposition, bleed and crop marks, fitting to a page count, preflight."""
from __future__ import annotations

import re

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from booklet.build import Options, build
from booklet.cli import app
from booklet.errors import BookletError
from booklet.impose import padded, saddle_order
from booklet.resources import example_content

from conftest import TINY, count_pixels, ink_box, pdf_text, rasterise, write_booklet

MM = 72 / 25.4


@pytest.mark.parametrize("pages, sheets", [
    (1, [((None, 1), (None, None))]),
    (4, [((4, 1), (2, 3))]),
    (8, [((8, 1), (2, 7)), ((6, 3), (4, 5))]),
    (12, [((12, 1), (2, 11)), ((10, 3), (4, 9)), ((8, 5), (6, 7))]),
    (13, [((None, 1), (2, None)), ((None, 3), (4, 13)), ((12, 5), (6, 11)), ((10, 7), (8, 9))]),
    (16, [((16, 1), (2, 15)), ((14, 3), (4, 13)), ((12, 5), (6, 11)), ((10, 7), (8, 9))]),
])
def test_saddle_order(pages, sheets):
    assert saddle_order(padded(pages)) == sheets


def test_saddle_order_32_pages_pairs_add_up():
    sheets = saddle_order(padded(32))
    assert len(sheets) == 8
    for (fl, fr), (bl, br) in sheets:
        assert fl + fr == 33 and bl + br == 33        # facing halves always sum to n + 1
    assert sorted(p for s in sheets for side in s for p in side) == list(range(1, 33))


def test_blanks_go_before_a_back_cover():
    assert padded(6, back_cover=True) == [1, 2, 3, 4, 5, None, None, 6]
    assert padded(6) == [1, 2, 3, 4, 5, 6, None, None]


def halves(pdf, index):
    """The folios printed on the left and right halves of one side of a sheet."""
    page = PdfReader(str(pdf)).pages[index]
    mid = float(page.mediabox.width) / 2
    found = {"left": [], "right": []}

    def visit(text, cm, tm, font, size):
        if re.fullmatch(r"\d+", text.strip()):
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            if y < 20 * MM:                       # folios sit at the foot of the page
                found["left" if x < mid else "right"].append(int(text.strip()))

    page.extract_text(visitor_text=visit)
    return found["left"], found["right"]


def test_printer_pdf_puts_pages_in_folding_order(tmp_path):
    out = tmp_path / "b.pdf"
    result = build(layout="classroom", output=out, options=Options(impose="saddle"))
    printer = PdfReader(str(result.print_pdf))
    n = result.pages + (-result.pages % 4)
    assert len(printer.pages) == n // 2 == 2 * result.sheets
    for page in printer.pages:   # A4 landscape
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    order = saddle_order(padded(result.pages))
    found = 0
    for s, (front, back) in enumerate(order):
        for side, (left, right) in enumerate((front, back)):
            got_left, got_right = halves(result.print_pdf, 2 * s + side)
            # each half shows its own folio, or none (the cover, the dedication, blanks)
            assert got_left in ([left], []) and got_right in ([right], []), (s, side)
            found += len(got_left) + len(got_right)
    assert found >= result.pages - 3          # all but the cover, dedication and its blank back
    guide = (tmp_path / "b-print.txt").read_text()
    assert "flip on the SHORT edge" in guide and "actual size (100%)" in guide


def folio_sides(pdf) -> dict[int, str]:
    """Each page's folio: on the left or the right of the page."""
    sides = {}
    for page in PdfReader(str(pdf)).pages:
        mid = float(page.mediabox.width) / 2

        def visit(text, cm, tm, font, size):
            y = tm[5] * cm[3] + cm[5]
            if re.fullmatch(r"\d+", text.strip()) and y < 20 * MM:
                sides[int(text.strip())] = "left" if tm[4] * cm[0] + cm[4] < mid else "right"

        page.extract_text(visitor_text=visit)
    return sides


@pytest.mark.parametrize("language, bound", [("he", "right"), ("ar", "right"), ("en-GB", "left")])
def test_a_booklet_written_right_to_left_is_bound_on_the_right(tmp_path, language, bound):
    """A Hebrew or Arabic booklet opens the other way: its spine on the right, its odd pages
    on the left of each spread (their folios and inner margins mirrored), and the sheets
    printed with page 1 on the left half, so that the fold is on its right. (Not marked for
    viewers to show its spreads right to left: pdfium then read 'Writer0z' as 'z0Writer'.)"""
    story = "# סיפור\n\n" + "\n\n".join("אבא ובן רצו יחד עד הסוף של המרוץ " * 12 for _ in range(14))
    yaml = TINY["booklet.yaml"].replace("sections:", f"language: {language}\nsections:")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "story.md": story})
    result = build(folder, layout="classic", output=tmp_path / "b.pdf", options=Options(impose="saddle"))
    sides = folio_sides(result.pdf)
    assert len(sides) >= 4
    outer = {1: "left", 0: "right"} if bound == "right" else {1: "right", 0: "left"}
    assert all(side == outer[page % 2] for page, side in sides.items()), sides
    first_body = min(p for p in sides if p % 2)              # a recto: its inner margin at the spine
    image = rasterise(result.pdf, first_body - 1, 1)
    box, width = ink_box(image), image.width
    inner, outer_margin = (width - box[2], box[0]) if bound == "right" else (box[0], width - box[2])
    assert inner > outer_margin, (inner, outer_margin)
    for s, (front, back) in enumerate(saddle_order(padded(result.pages))):
        for side, (left, right) in enumerate((front, back)):
            if bound == "right":
                left, right = right, left
            got_left, got_right = halves(result.print_pdf, 2 * s + side)
            assert got_left in ([left], []) and got_right in ([right], []), (s, side, got_left, got_right)


@pytest.mark.parametrize("language", ["he", "en-GB"])
def test_a_timeline_written_right_to_left_has_its_dates_on_the_right(tmp_path, language):
    """In a Hebrew booklet the timeline is read from the right: its dates on the right of
    the rule, set against it, the events on its left; an entry that goes on over a page
    has its date again there (it was looked for in the first column)."""
    import pypdfium2 as pdfium

    event = "אבא ובן רצו יחד עד הסוף של המרוץ " * 160
    timeline = f"- date: '1992'\n  event: {event}\n- date: '2022'\n  event: קצר\n"
    yaml = TINY["booklet.yaml"].replace("sections:", f"language: {language}\nsections:") \
        + "  - type: timeline\n    file: timeline.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "timeline.yaml": timeline})
    out = build(folder, layout="classic", output=tmp_path / "b.pdf").pdf
    pdf = pdfium.PdfDocument(str(out))
    pages = [i for i in range(len(pdf)) if "אבא" in pdf[i].get_textpage().get_text_range()]
    assert len(pages) >= 3
    for i in pages:
        text = pdf[i].get_textpage()
        whole = text.get_text_range()
        date = text.get_charbox(whole.index("1992" if "1992" in whole else "2022"))
        words = [text.get_charbox(k) for k in range(len(whole)) if whole[k] in "אבוןרציחדעהסףשלמ"
                 and text.get_charbox(k)[1] < date[3]]        # (not the heading's, above the entries)
        if language == "he":
            assert date[0] > max(box[2] for box in words), i     # the date right of every word
        else:
            assert date[2] < min(box[0] for box in words), i
        if i != pages[-1]:
            assert "1992" in whole, i                            # its date again on each page it goes on to
    pdf.close()


@pytest.mark.parametrize("language", ["he", "en-GB"])
def test_the_contents_of_a_booklet_written_right_to_left_read_from_the_right(tmp_path, language):
    """A Hebrew booklet's contents page had its titles on the left and their page numbers on
    the right, and its heading on the left: now the titles are flush right, the leaders run
    left to the numbers, and a title of two lines has its number on its last line."""
    import pypdfium2 as pdfium

    long_title = "דברי הוקרה שנכתבו על ידי חברים ובני משפחה רבים מכל רחבי העולם אחרי שהאב נפטר"
    yaml = (f"title: אבא ובן\nlanguage: {language}\nsections:\n  - type: story\n    file: story.md\n"
            f"  - type: comments\n    file: comments.yaml\n    title: {long_title}\n")
    story = "# סיפור\n\n" + "\n\n".join("אבא ובן רצו יחד עד הסוף של המרוץ " * 12 for _ in range(4))
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "story.md": story})
    out = build(folder, layout="modern", output=tmp_path / "b.pdf").pdf
    pdf = pdfium.PdfDocument(str(out))
    page = pdf[1].get_textpage()
    whole = page.get_text_range()
    boxes = [page.get_charbox(k) for k in range(len(whole))]
    width = pdf[1].get_width()
    hebrew = [box for ch, box in zip(whole, boxes) if "\u05d0" <= ch <= "\u05ea"]
    numbers = [box for ch, box in zip(whole, boxes) if ch.isdigit()]
    dots = [box for ch, box in zip(whole, boxes) if ch == "."]
    assert len(numbers) == 2 and len(dots) > 40
    lines = []                                # each line's letters (the heading's first when Hebrew)
    for box in sorted(hebrew, key=lambda box: -box[1]):
        if lines and lines[-1][-1][1] - box[1] < 5:
            lines[-1].append(box)
        else:
            lines.append([box])
    assert len(lines) == (4 if language == "he" else 3), len(lines)     # (the long title on two lines)
    if language == "he":
        assert min(box[0] for box in hebrew) > max(box[2] for box in numbers)       # numbers left of all
        assert all(box[0] < width / 4 for box in numbers)
        assert max(box[2] for box in hebrew) > width * 0.75                         # titles flush right
        assert min(box[0] for box in lines[0]) > width / 2                          # and the heading
        assert abs(numbers[1][1] - lines[-1][0][1]) < 5                  # on the long title's last line
    else:
        assert max(box[2] for box in hebrew) < min(box[0] for box in numbers)
        assert min(box[0] for box in hebrew) < width / 4
    pdf.close()


@pytest.mark.parametrize("language", ["he", "en-GB"])
def test_the_cover_track_runs_off_the_outer_edge_of_a_booklet_bound_on_the_right(tmp_path, language):
    """The lanes of the cover's track run off its outer edge, away from the spine: the right
    of a booklet bound on the left, the left of a Hebrew one (they ran off its spine's side)."""
    yaml = f"title: אבא ובן\nlanguage: {language}\ncover:\n  art: track\nsections:\n  - story.md\n"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "story.md": "# סיפור\n\nאבא ובן\n"})
    out = build(folder, layout="classic", output=tmp_path / "b.pdf").pdf
    cover = rasterise(out, 0)
    w, h = cover.size
    lanes = {side: ink_box(cover.crop((x, h // 2, x + 3, h))) for side, x in (("left", 0), ("right", w - 3))}
    outer, spine = ("left", "right") if language == "he" else ("right", "left")
    assert lanes[outer] is not None and lanes[spine] is None, lanes


@pytest.mark.parametrize("language", ["he", "en-GB"])
def test_a_gallery_row_is_read_from_the_right_in_a_booklet_bound_on_the_right(tmp_path, language):
    """A Hebrew booklet's gallery set a row's first photo on the left, read last there."""
    from PIL import Image

    yaml = f"title: אבא ובן\nlanguage: {language}\nsections:\n  - gallery.yaml\n"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "gallery.yaml": "- red.jpg: א\n- blue.jpg: ב\n"})
    for name, colour in (("red", (220, 0, 0)), ("blue", (0, 0, 220))):
        Image.new("RGB", (1200, 900), colour).save(folder / f"{name}.jpg")
    result = build(folder, layout="classic", output=tmp_path / "b.pdf")
    red = [0, 0]                                      # the first photo's pixels on the left, on the right
    for i in range(result.pages):
        page = rasterise(result.pdf, i)
        w, h = page.size
        for side, half in enumerate((page.crop((0, 0, w // 2, h)), page.crop((w // 2, 0, w, h)))):
            red[side] += count_pixels(half, lambda r, g, b: r > 180 and g < 60 and b < 60)
    first = 1 if language == "he" else 0
    assert red[first] > 1000 and red[1 - first] == 0, red


def test_an_attribution_with_hebrew_in_a_booklet_written_right_to_left_is_set_from_the_right(tmp_path):
    """'Sebastian Coe, שחקן' under a Hebrew tribute was set as an English line (its first
    letter's), on the left with its dash; in a Hebrew booklet it starts at the right."""
    import pypdfium2 as pdfium

    yaml = "title: אבא ובן\nlanguage: he\nsections:\n  - type: tributes\n    file: tributes.yaml\n"
    tributes = ("- from: Sebastian Coe\n  role: \u05e9\u05d7\u05e7\u05df\n"
                "  text: \u05e8\u05d2\u05e2 \u05e9\u05dc\u05d0\n")
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "tributes.yaml": tributes})
    out = build(folder, layout="classic", output=tmp_path / "b.pdf").pdf
    pdf = pdfium.PdfDocument(str(out))
    page = next(p for p in pdf if "Sebastian" in p.get_textpage().get_text_range()
                or "SEBASTIAN" in p.get_textpage().get_text_range()).get_textpage()
    whole = page.get_text_range()
    line = [(page.get_charbox(k), whole[k]) for k in range(len(whole)) if whole[k].strip()]
    y = page.get_charbox(whole.upper().index("SEBASTIAN"))[1]
    line = sorted((box[0], ch) for box, ch in line if abs(box[1] - y) < 3)
    assert line[-1][1] == "\u2014" and "".join(ch for _, ch in line).startswith("\u05df"), line
    pdf.close()


def test_half_letter_goes_on_letter_and_big_pages_are_scaled(tmp_path, tiny):
    layout = tmp_path / "hl.yaml"
    layout.write_text("extends: classic\npage:\n  size: half-letter\n")
    result = build(tiny, layout=str(layout), output=tmp_path / "b.pdf", options=Options(impose="saddle"))
    page = PdfReader(str(result.print_pdf)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (792.0, 612.0)
    result = build(tiny, layout="large-print", output=tmp_path / "a4.pdf", options=Options(impose="saddle", sheet="a4"))
    assert "Pages are scaled to 71% to fit two on a sheet (a layout's 'page: {size: A5}' fills" in result.guide
    # (and the paper that takes them at full size is named: A4 pages on A3, A5 landscape ones too)
    assert "at full size; or --sheet a3 prints them at full size, on A3).\n" in result.guide
    layout.write_text("extends: classic\npage:\n  size: A5 landscape\n")
    result = build(tiny, layout=str(layout), output=tmp_path / "l.pdf", options=Options(impose="saddle"))
    assert "scaled to 71%" in result.guide and "or --sheet a3 prints them at full size, on A3)" in result.guide
    result = build(tiny, layout=str(layout), output=tmp_path / "l.pdf", options=Options(impose="saddle", sheet="a3"))
    assert "Pages are scaled" not in result.guide
    result = build(tiny, layout="classic", output=tmp_path / "l.pdf", options=Options(impose="saddle", sheet="letter"))
    assert "or --sheet tabloid prints them at full size, on Tabloid (11 x 17 in))" in result.guide


@pytest.mark.parametrize("size, sheet, paper, smaller", [
    ("A4", (1190.55, 841.89), "A3", "No A3 paper? Build it with --sheet a4: the pages are then scaled to 71% to fit A4"),
    ("letter", (1224.0, 792.0), "Tabloid (11 x 17 in)",
     "No Tabloid paper? Build it with --sheet letter: the pages are then scaled to 65% to fit Letter")])
def test_a4_pages_go_on_a3_and_letter_pages_on_tabloid_at_full_size(tmp_path, tiny, size, sheet, paper, smaller):
    """An A4 booklet was imposed on A4 at 71%, a Letter one on Letter at 65%: the sheet
    that takes two pages at full size is the default, and the guide says what to do
    without it."""
    layout = tmp_path / "big.yaml"
    layout.write_text(f"extends: classic\npage:\n  size: {size}\n")
    result = build(tiny, layout=str(layout), output=tmp_path / "b.pdf", options=Options(impose="saddle"))
    pages = PdfReader(str(result.print_pdf)).pages
    assert [round(float(v), 2) for v in (pages[0].mediabox.width, pages[0].mediabox.height)] == list(sheet)
    assert f"of {paper} paper per copy" in result.guide and f"2. Paper: {paper}, landscape" in result.guide
    assert smaller in result.guide and "scaled to" not in result.guide.split(smaller)[0]
    page_w = float(PdfReader(str(result.pdf)).pages[0].mediabox.width)
    front = rasterise(result.print_pdf, 0)                  # the cover, right of the fold, at full size
    ink = ink_box(front.crop((front.width // 2, 0, front.width, front.height)))
    assert 0.8 * page_w < ink[2] - ink[0] < page_w


def test_creep_moves_inner_sheets_outward(tmp_path):
    plain = build(output=tmp_path / "a.pdf", options=Options(impose="saddle"))
    crept = build(output=tmp_path / "b.pdf", options=Options(impose="saddle", creep=2 * MM))
    inner = plain.sheets - 1                       # the innermost sheet moves most
    a = ink_box(rasterise(plain.print_pdf, 2 * inner))
    b = ink_box(rasterise(crept.print_pdf, 2 * inner))
    assert a[0] - b[0] == pytest.approx(2 * MM * inner, abs=1.5)


def test_bleed_sets_the_boxes_and_carries_the_cover_art(tmp_path):
    out = tmp_path / "b.pdf"
    build(output=out, options=Options(bleed=3 * MM, crop_marks=True))
    page = PdfReader(str(out)).pages[0]
    o = 13 * MM                                    # 3 mm bleed + 10 mm for the marks
    assert [round(float(v), 2) for v in page.trimbox] == [round(o, 2), round(o, 2), round(o + 148 * MM, 2), round(o + 210 * MM, 2)]
    assert [round(float(v), 2) for v in page.bleedbox] == [round(10 * MM, 2), round(10 * MM, 2),
                                                           round(o + 148 * MM + 3 * MM, 2), round(o + 210 * MM + 3 * MM, 2)]
    cover = rasterise(out, 0, scale=2)
    # the track art reaches past the trimmed bottom edge into the bleed
    bleed_band = cover.crop((int(2 * o), int(2 * (o + 210 * MM)), int(2 * (o + 148 * MM)), int(2 * (o + 211.5 * MM))))
    assert ink_box(bleed_band) is not None


def test_crop_marks_only_outside_the_bleed(tmp_path):
    out = tmp_path / "b.pdf"
    build(output=out, options=Options(bleed=3 * MM, crop_marks=True))
    page = rasterise(out, 4, scale=2)              # a body page: no background
    o, b = 13 * MM, 3 * MM
    w, h = 148 * MM, 210 * MM
    px = lambda v: int(round(2 * v))               # noqa: E731
    # nothing between the trimmed edge and the end of the bleed
    for box in ((px(o - b), px(o - b), px(o + w + b), px(o)), (px(o - b), px(o + h), px(o + w + b), px(o + h + b)),
                (px(o - b), px(o), px(o), px(o + h)), (px(o + w), px(o), px(o + w + b), px(o + h))):
        assert ink_box(page.crop(box)) is None, box
    # marks outside the bleed, on the lines of the trimmed edges, in all four corners
    slug = px(o - b)
    for y in (px(o), px(o + h)):                   # left and right of the top and bottom edges
        assert ink_box(page.crop((0, y - 2, slug, y + 2))) is not None
        assert ink_box(page.crop((page.width - slug, y - 2, page.width, y + 2))) is not None
    for x in (px(o), px(o + w)):                   # above and below the left and right edges
        assert ink_box(page.crop((x - 2, 0, x + 2, slug))) is not None
        assert ink_box(page.crop((x - 2, page.height - slug, x + 2, page.height))) is not None


@pytest.mark.parametrize("layout", ["classic", "classroom", "large-print", "modern"])
def test_fit_lands_on_a_multiple_of_four_in_every_layout(tmp_path, layout):
    result = build(layout=layout, output=tmp_path / "b.pdf", options=Options(fit="auto"))
    assert result.pages % 4 == 0
    assert len(PdfReader(str(tmp_path / "b.pdf")).pages) == result.pages
    assert result.fitted or result.pages % 4 == 0


def test_fit_to_an_exact_count_by_dropping_comments(tmp_path):
    natural = build(output=tmp_path / "a.pdf").pages
    result = build(output=tmp_path / "b.pdf", options=Options(fit=natural - 2))
    assert result.pages == natural - 2
    [report] = [f for f in result.fitted if f.startswith("showed ")]
    # whose words were left out is said, by name and line, and how to keep them
    shown, total = map(int, re.match(r"showed (\d+) of (\d+) comments in comments.yaml; left out", report).groups())
    text = pdf_text(tmp_path / "b.pdf")
    with open(example_content() / "comments.yaml", encoding="utf-8") as f:
        lines = f.read().splitlines()
    listed = report.split(f"left out the last {total - shown}: ")[1].split(". To keep")[0]
    left_out = re.findall(r"(?:^|; )(.+?) \(line (\d+)\)", listed)
    assert len(left_out) == min(total - shown, 8) and report.endswith(f"To keep them: --fit {natural + -natural % 4}")
    for name, line in left_out:
        assert lines[int(line) - 1].endswith(f"name: {name}") and name not in text


def test_fit_fails_clearly_when_impossible(tmp_path):
    with pytest.raises(BookletError) as info:
        build(output=tmp_path / "b.pdf", options=Options(fit=3))
    assert str(info.value).startswith("cannot fit the booklet on 3 pages; it has ")


def test_preflight_flags_a_72_dpi_photo_and_print_shop_refuses_it(tmp_path):
    Image.new("RGB", (323, 200), "red").save(tmp_path / "small.jpg")    # 72 dpi across 114 mm
    folder = write_booklet(tmp_path / "b", {**TINY, "photos.yaml": "- file: small.jpg\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
    (tmp_path / "small.jpg").rename(folder / "small.jpg")
    result = build(folder, output=tmp_path / "b.pdf")
    images = [c for c in result.preflight if c.name == "images"]
    assert images[0].status == "fail" and images[0].detail == "small.jpg: 72 dpi at its placed size (300 wanted)"
    assert "small.jpg is 72 dpi at its placed size; 300 dpi prints sharply" in result.warnings
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "c.pdf", options=Options(bleed=3 * MM))
    assert str(info.value).startswith(           # where it is named, as every content error says
        f"{folder / 'photos.yaml'}, line 1, field '[1].file': small.jpg is 72 dpi at the size it is placed")
    (folder / "story.md").write_text((folder / "story.md").read_text() + "\n![It again](small.jpg)\n")
    (folder / "photos.yaml").write_text("- file: big.jpg\n")
    Image.new("RGB", (4000, 3000), "red").save(folder / "big.jpg")
    line = (folder / "story.md").read_text().count("\n")
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "c.pdf", options=Options(bleed=3 * MM))
    assert str(info.value).startswith(f"{folder / 'story.md'}, line {line}: small.jpg is 72 dpi")
    build(folder, output=tmp_path / "c.pdf", options=Options(bleed=3 * MM, allow_low_res=True))


def test_sheet_and_imposition_as_people_type_them(tmp_path, monkeypatch):
    """'--sheet Letter' and '--sheet A4' were refused ('expected a4 or letter')."""
    from pypdf import PdfReader

    monkeypatch.chdir(tmp_path)
    for written, width in (("Letter", 792), ("US Letter", 792), ("A4", 842)):
        result = CliRunner().invoke(app, ["make", "--impose", "Saddle", "--sheet", written, "-q"])
        assert result.exit_code == 0, result.output
        assert round(float(PdfReader("booklet-print.pdf").pages[0].mediabox.width)) == width
    for written, width in (("A3", 1191), ("Ledger", 1224), ("11 x 17", 1224)):
        result = CliRunner().invoke(app, ["make", "--impose", "saddle", "--sheet", written, "-q"])
        assert result.exit_code == 0, result.output
        assert round(float(PdfReader("booklet-print.pdf").pages[0].mediabox.width)) == width
    wrong = CliRunner().invoke(app, ["make", "--impose", "saddle", "--sheet", "A2"])
    assert wrong.exit_code == 2 and "expected a4, letter, a3 or tabloid, found 'A2'" in wrong.output


def test_cli_print_options_and_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["make", "--layout", "classroom", "--impose", "saddle"])
    assert result.exit_code == 0, result.output
    assert "Wrote booklet-print.pdf: 5 sheets to print on both sides" in result.stdout
    assert "  warn  pages       17 pages: a folded booklet needs a multiple of 4" in result.stdout
    shop = runner.invoke(app, ["make", "--layout", "classroom", "--bleed", "3mm", "-o", "shop.pdf"])
    assert "  warn  pages       17 pages: a print shop folds a multiple of 4, and will add 3 blank pages " \
           "or ask you to; --fit lands on a multiple of 4 itself" in shop.stdout
    marks = runner.invoke(app, ["make", "--layout", "classroom", "--crop-marks", "-o", "marks.pdf"])
    assert "17 pages: a print shop folds a multiple of 4, and will add 3 blank pages" in marks.stdout
    assert "  ok    trim        trim 148 x 210 mm, crop marks, no bleed (a print shop wants --bleed 3mm" in marks.stdout
    strict = runner.invoke(app, ["make", "--strict"])
    assert strict.exit_code == 1 and "a preflight check did not pass (--strict)" in strict.stderr
    fitted = runner.invoke(app, ["make", "--strict", "--fit", "auto", "--bleed", "3mm", "--crop-marks"])
    assert fitted.exit_code == 0, fitted.output
    assert "  ok    trim        trim 148 x 210 mm, bleed 3 mm, crop marks" in fitted.stdout
    bad = runner.invoke(app, ["make", "--bleed", "3 furlongs"])
    assert bad.exit_code == 2
    both = runner.invoke(app, ["make", "--impose", "saddle", "--bleed", "3mm"])
    assert both.exit_code == 2 and "choose one" in both.stderr          # (a mistake on the command line)


def test_check_print_builds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "--print"])
    assert result.exit_code == 0
    assert "Preflight:" in result.stdout and list(tmp_path.iterdir()) == []


def test_imposing_replaces_its_own_print_files_and_nothing_else(tmp_path, tiny):
    out = tmp_path / "b.pdf"
    for _ in range(2):                                       # the second time over the first's files
        build(tiny, output=out, options=Options(impose="saddle"))
    assert (tmp_path / "b-print.txt").read_text().startswith("How to print b-print.pdf")
    mine = tmp_path / "c-print.txt"
    mine.write_text("My own notes for the printer.\n")
    with pytest.raises(BookletError, match="not a printing guide of ours; it is left as it is"):
        build(tiny, output=tmp_path / "c.pdf", options=Options(impose="saddle"))
    assert mine.read_text() == "My own notes for the printer.\n"     # (before: replaced by the guide)
    assert not (tmp_path / "c.pdf").exists()


def test_fit_keeps_photos_as_large_as_the_page_count_allows_and_reports_only_real_changes(tmp_path, monkeypatch):
    """Nine (square) photos on 13 pages: at 85% they still took 13 pages, at 70% two fit on a page
    and the booklet fell to 9, and --fit then added 3 blank pages, with photos smaller than
    needed; it also searched in eight layouts for comments to leave out of a booklet with
    two, and reported 'showed 2 of 2 comments'. (Upright photos in modern now: square ones
    share a page without --fit.)"""
    from booklet import fit

    from test_photos import card

    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + (
        "  - type: photos\n    file: photos.yaml\nlayout: modern\n"),
        "photos.yaml": "".join(f"- file: p{i}.jpg\n  caption: Photo {i}\n" for i in range(9))})
    for i in range(9):
        card(600, 800).save(folder / f"p{i}.jpg")        # upright: too tall to share a page unshrunk
    layouts = []
    lay_out = fit.lay_out
    monkeypatch.setattr(fit, "lay_out", lambda *args: layouts.append(args[5]) or lay_out(*args))
    result = build(folder, output=tmp_path / "b.pdf", options=Options(fit="auto"))
    assert result.pages % 4 == 0
    assert not any(f.startswith("showed") for f in result.fitted)
    assert all(a.comments == 1.0 for a in layouts)                  # two comments: none to leave out
    [photos] = [f for f in result.fitted if f.startswith("set photos at")]
    assert int(photos.split()[3].rstrip("%")) > 70                  # larger than the step that overshot


def test_preflight_after_fit_n_does_not_send_one_back_to_fit(tmp_path, tiny):
    """After '--fit 5' the pages check said '--fit avoids it', as it had before."""
    result = build(tiny, output=tmp_path / "b.pdf", options=Options(fit=5))
    [pages] = [c for c in result.preflight if c.name == "pages"]
    assert result.pages == 5 and pages.status == "warn"
    assert pages.detail.endswith("3 blank pages will be added (2 sheets per copy); --fit 8 (or --fit alone) avoids it")
    result = build(tiny, output=tmp_path / "b.pdf", options=Options(fit="auto"))
    assert result.pages == 4
    from booklet.preflight import _pages
    assert _pages(5).detail.endswith("; --fit avoids it")          # (--fit not given)


def test_preflight_counts_fonts_in_words():
    """A booklet in one font said '1 fonts, all embedded and subset'."""
    from booklet import fonts
    from booklet.preflight import _fonts

    one = fonts.register("DejaVuSans").face()
    two = fonts.register("NotoSans").face()
    assert _fonts([one]).detail == "1 font, embedded and subset"
    assert _fonts([one, two]).detail == "2 fonts, all embedded and subset"


def test_running_heads_and_folios_keep_off_the_edge_in_narrow_margins(tmp_path):
    """A layout with a 9 mm top margin set its running heads 2.1 mm from the trimmed
    edge (half the margin down), and the preflight failed it: they sit lower now, 3 mm in
    at least, still above the text. The same for page numbers in a 6 mm bottom margin."""
    import pypdfium2 as pdfium

    from conftest import TINY, write_booklet

    folder = write_booklet(tmp_path / "b", {
        **TINY, "story.md": "# Story\n\n" + "Words of the story go on. " * 400 + "\n",
        "tight.yaml": "extends: classic\npage: {margins: {top: 9mm, bottom: 7mm}}\n"
                      "styles: {running_head: {size: 9}, folio: {size: 9}}\n",
        "booklet.yaml": TINY["booklet.yaml"] + "layout: tight.yaml\n"})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert [c.status for c in result.preflight if c.name == "safe area"] == ["ok"]
    pdf = pdfium.PdfDocument(str(out))
    page = pdf[3]                                  # a page with its running head and folio
    text = page.get_textpage()
    height = page.get_height()
    boxes = [text.get_charbox(i) for i in range(text.count_chars()) if text.get_text_range(i, 1).strip()]
    pdf.close()
    mm = 72 / 25.4
    assert max(b[3] for b in boxes) <= height - 3 * mm + 0.1        # the head's letters
    assert min(b[1] for b in boxes) >= 3 * mm - 0.1                  # the folio's
    body_top = height - 9 * mm
    head = [b for b in boxes if b[1] > body_top - 1]
    assert head and min(b[1] for b in head) > body_top                # above the text, not in it


def test_a_margin_too_narrow_for_the_running_heads_is_said_with_the_width_that_mends_it(tmp_path):
    from conftest import TINY, write_booklet

    folder = write_booklet(tmp_path / "b", {
        **TINY, "tight.yaml": "extends: classroom\npage: {margins: {top: 6.4mm, bottom: 5mm}}\n",
        "booklet.yaml": TINY["booklet.yaml"] + "layout: tight.yaml\n"})
    result = build(folder, output=tmp_path / "b.pdf")
    [area] = [c for c in result.preflight if c.name == "safe area"]
    assert (area.status, area.detail) == ("fail", "running heads 2.5 mm from the edge (a top margin of at least "
                                          "7 mm mends it); page numbers 1.1 mm from the edge (a bottom margin of "
                                          "at least 7 mm mends it)")


def test_a_picture_of_a_pixel_or_two_is_said_to_be_under_1_dpi(tmp_path):
    """A 1x1 picture (a tracking pixel saved from a web page) was '0 dpi at its placed size'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "photos.yaml": "- file: dot.jpg\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
    Image.new("RGB", (1, 1), "red").save(folder / "dot.jpg")
    result = build(folder, output=tmp_path / "b.pdf")
    images = [c for c in result.preflight if c.name == "images"]
    assert images[0].detail == "dot.jpg: less than 1 dpi at its placed size (300 wanted)"
    assert "dot.jpg is less than 1 dpi at its placed size; 300 dpi prints sharply" in result.warnings
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "c.pdf", options=Options(bleed=3 * MM))
    assert "dot.jpg is less than 1 dpi at the size it is placed" in str(info.value)
