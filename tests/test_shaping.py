"""Shaping (HarfBuzz through reportlab): kerning, ligatures and joined Arabic letters, with
the text layer still giving back exactly what was written."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from booklet.build import build

from conftest import TINY, ink_box, page_texts, rasterise, write_booklet


def booklet_with(tmp_path, story: str, shaping: bool, comments: str | None = None, base: str = "classic"):
    files = {**TINY, "story.md": story,
             "plain.yaml": f"extends: {base}\ntypography:\n  opening: none\n  shaping: {str(shaping).lower()}\n"}
    if comments is not None:
        files["comments.yaml"] = comments
    folder = write_booklet(tmp_path / f"b-{shaping}", files)
    out = tmp_path / f"shaped-{shaping}.pdf"
    result = build(folder, str(folder / "plain.yaml"), out)
    return out, result


def to_unicode_maps(pdf) -> str:
    """Every font's ToUnicode map in the PDF, as one text."""
    maps = []
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" in font:
                maps.append(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
    return "\n".join(maps)


def top_half(image):
    """The top of a page: the heading and the text under it, without the page number."""
    return image.crop((0, 0, image.width, image.height // 2))


@pytest.mark.parametrize("base", ["classic", "modern"])
def test_ligatures_are_used_and_copy_out_as_the_letters_typed(tmp_path, base):
    """In the modern layout (Noto Sans, whose 'fi' glyph is also the character U+FB01),
    poppler read 'ﬁnish': a search for 'finish' did not find it."""
    pdf, _ = booklet_with(tmp_path, "# Story\n\nThe first office affirms the final fluffy waffle.\n", True, base=base)
    maps = to_unicode_maps(pdf)
    assert re.search(r"<[0-9A-F]{2}> <00660069>", maps)          # a glyph that reads back as "fi"
    assert "E000" not in maps and "<E0" not in maps               # no private-use code leaks out
    text = " ".join(page_texts(pdf))
    assert "The first office affirms the final fluffy waffle." in text
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "The first office affirms the final fluffy waffle." in " ".join(out.split())


def test_kerning_closes_up_pairs_such_as_AV(tmp_path):
    words = "# K\n\nAVAVAVAVAV WAWAWAWA To To To Ty Ty\n"
    widths = {}
    for shaping in (False, True):
        pdf, _ = booklet_with(tmp_path, words, shaping)
        page = next(i for i, t in enumerate(page_texts(pdf)) if "AVAV" in t)
        widths[shaping] = ink_box(top_half(rasterise(pdf, page, 2)))[2]      # the line's right end
    assert widths[True] < widths[False] - 4                       # the same line, set tighter


@pytest.mark.parametrize("arabic", ["مرحبا بالعالم", "(مرحبا) «بالعالم»"])
def test_arabic_letters_are_joined_and_read_back_as_typed(tmp_path, arabic):
    boxes, texts = {}, {}
    for shaping in (False, True):
        pdf, result = booklet_with(tmp_path, f"# S\n\n{arabic}\n", shaping)
        page = next(i for i, t in enumerate(page_texts(pdf)) if t.startswith("S "))
        texts[shaping] = page_texts(pdf)[page]
        image = top_half(rasterise(pdf, page, 3))
        _, top, _, bottom = ink_box(image)
        band = image.crop((0, top + (bottom - top) // 2, image.width, bottom))          # the text line
        boxes[shaping] = band.crop(ink_box(band))
        assert not any("no bundled font" in w for w in result.warnings)
    for shaping in (False, True):
        assert "مرحبا" in texts[shaping] and "بالعالم" in texts[shaping]
    # joined letters are drawn with other glyphs (initial, medial and final forms), and the
    # joined words are narrower than their letters set apart
    assert boxes[True].tobytes() != boxes[False].tobytes()
    assert boxes[True].width < boxes[False].width - 10


def test_words_mixing_fonts_keep_every_character(tmp_path):
    comments = "- name: Ann\n  text: Go🏃go abc★def office→affirm\n"
    pdf, result = booklet_with(tmp_path, "# S\n\nWords.\n", True, comments)
    text = " ".join(page_texts(pdf))
    assert "Go🏃go abc★def office→affirm" in text
    assert not any("no bundled font" in w for w in result.warnings)


def test_private_use_characters_are_reported_not_drawn_as_ligatures(tmp_path):
    pdf, result = booklet_with(tmp_path, "# S\n\nThe first \ue000 office.\n", True)
    assert any("U+E000 (a private-use character)" in w and "it is left out" in w for w in result.warnings)
    assert "The first office." in " ".join(page_texts(pdf))
    assert any(c.name == "characters" and c.status == "fail" for c in result.preflight)


def test_right_to_left_lines_measure_each_word_once(monkeypatch):
    """Breaking a right-to-left text into lines measured the line so far again for each word
    (HarfBuzz on the whole line): 2,000 Hebrew comments took 16 s to set, against 2 s for
    English. Each distinct word (and the space) is measured once; the lines are the same."""
    from booklet.model import Span
    from booklet.styles import Styles
    from booklet.theme import load_theme

    styles = Styles(load_theme("classic"), "he")
    words = "אבא ובן רצו יחד עד הסוף של המרוץ בברצלונה".split()
    text = " ".join(words[i % len(words)] + ("" if i % 7 else "ה") for i in range(400))
    from booklet import shaping

    measured = []
    real = shaping.shaped_width
    monkeypatch.setattr(shaping, "shaped_width", lambda text, *a: measured.append(text) or real(text, *a))
    lines = styles.right_to_left_lines([Span(text)], "comment", 150.0)
    assert len(measured) == len(set(measured)) <= 2 * len(words) + 1, len(measured)
    breaks = [span.text for span in lines if span.text == "\n"]
    assert 40 < len(breaks) < 120                                  # (a few words a line)
    for line in "".join(span.text for span in lines).split("\n"):
        assert styles.width(line, "comment") <= 150.0 + 1e-6, line


def test_a_word_beside_a_contents_mark_is_shaped(tmp_path):
    """The contents page marks where a title ends (reportlab's leader) or, right to left,
    where its last line starts; reportlab puts such a mark into the word it touches, and a
    word with a mark was drawn as it stood: a Persian or Arabic title's letters unjoined,
    an English one's last word unkerned ('Wrote'). The word is shaped, the marks kept."""
    from reportlab.platypus import Paragraph
    from reportlab.pdfbase.ttfonts import ShapedStr

    from booklet.styles import Styles
    from booklet.theme import load_theme

    styles = Styles(load_theme("modern"), "fa")
    for word in ("\u067e\u06cc\u0627\u0645\u0647\u0627", "Wrote"):
        markup = styles.markup(word, "body", "test")
        para = Paragraph(f'<onDraw name="a" label="x"/>{markup}<onDraw name="b" label="y"/>', styles["body"])
        para.wrap(300, 100)
        parts = [(hasattr(frag, "cbDefn"), frag.text) for line in para.blPara.lines for frag in line.words]
        assert [mark for mark, _ in parts] == [True, False, True], parts
        assert isinstance(parts[1][1], ShapedStr), parts


def test_a_zero_width_non_joiner_keeps_letters_apart(tmp_path):
    """Persian writes 'می‌خواهم' and 'پیام‌ها' with a zero-width non-joiner between letters
    that must not join: python-bidi dropped it with the embedding marks, and the letters
    either side were drawn joined, as 'میخواهم'. It is kept, where it was typed."""
    from booklet.styles import visual_order

    assert visual_order("\u067e\u06cc\u0627\u0645\u200c\u0647\u0627") == (
        "\u0627\u0647\u200c\u0645\u0627\u06cc\u067e")
    kept = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    joined = kept.replace("\u200c", "")
    yaml = "title: T\nlanguage: fa\nsections:\n  - type: comments\n    file: comments.yaml\n" \
           "    select: {near_duplicates: false}\n"
    comments = f"- name: A\n  text: {kept}\n- name: B\n  text: {joined}\n"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "comments.yaml": comments})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    import pypdfium2

    pdf = pypdfium2.PdfDocument(out)
    index = next(i for i in range(len(pdf)) if "\u0645" in pdf[i].get_textpage().get_text_range())
    text, height = pdf[index].get_textpage(), pdf[index].get_height()
    y = min(text.get_charbox(k)[1] for k in range(text.count_chars()) if text.get_text_range(k, 1) == "\u0645")
    pdf.close()
    page = rasterise(out, index, 4)                 # the two comments side by side, the first on the right
    band = int((height - y - 12) * 4), int((height - y + 3) * 4)
    widths = []
    for left, right in ((page.width // 2, page.width), (0, page.width // 2)):
        box = ink_box(page.crop((left, band[0], right, band[1])))
        widths.append(box[2] - box[0])
    assert widths[0] > widths[1] + 4, widths        # (apart: wider than joined)


def test_a_right_to_left_comment_of_several_lines_reads_top_line_first(tmp_path):
    from test_typesetting import lines_by_page

    hebrew = "שלום עולם. אבא ובן יחד עד קו הסיום. זה היה רגע בלתי נשכח בהיסטוריה של המשחקים האולימפיים"
    comments = f"- name: David\n  text: {hebrew}\n"
    pdf, result = booklet_with(tmp_path, "# S\n\nWords.\n", True, comments)
    page = lines_by_page(pdf)[-1]
    lines = [text for _, text in page if any("\u0590" <= ch <= "\u05ff" for ch in text)]
    assert len(lines) >= 3                                          # it runs over several lines
    assert "שלום" in lines[0] and "האולימפיים" in lines[-1]        # top line first, as it was written
    text = " ".join(page_texts(pdf))
    assert all(word in text for word in hebrew.split())           # every word, as typed
    # set flush right: every line ends at the column's right edge
    image = rasterise(pdf, len(page_texts(pdf)) - 1, 2)
    assert ink_box(image.crop((0, 0, image.width // 2 + 20, image.height)))[2] > image.width // 2 - 40


def test_right_to_left_lines_the_writer_broke_stay_whole_and_in_order(tmp_path):
    """A Hebrew poem in a comment had its second line broken in two ('... של' / 'השיר'):
    its line break was measured as part of one long line. A line ended with Shift+Enter in a
    word processor (a vertical tab) was drawn below the line after it, and warned of as a
    character no font has."""
    import pypdfium2 as pdfium

    poem = "שורה ראשונה של השיר\nשורה שנייה של השיר"
    comments = "- name: David\n  text: |\n" + "".join(f"    {line}\n" for line in poem.split("\n"))
    story = "# S\n\nשלום לכולם\x0bזה היה מרוץ\n"
    pdf, result = booklet_with(tmp_path, story, True, comments)
    assert not [w for w in result.warnings if "U+000B" in w]
    read = [pdfium.PdfDocument(str(pdf))[i].get_textpage().get_text_range().splitlines()
            for i in range(len(page_texts(pdf)))]
    story_page = next(lines for lines in read if "S" in lines)
    assert story_page[story_page.index("S") + 1:][:2] == ["שלום לכולם", "זה היה מרוץ"]
    comments_page = next(lines for lines in read if "David" in lines or "דוד" in lines)
    assert poem.split("\n") == [line for line in comments_page if "השיר" in line]


def test_a_long_right_to_left_paragraph_goes_on_over_the_page_and_its_last_line_is_not_alone(tmp_path):
    """A justified Hebrew paragraph longer than the rest of its page went whole to the next
    page (its lines were kept with its last line), leaving the page empty under the heading;
    a story of two such paragraphs took nine pages for five pages of text."""
    from test_typesetting import lines_by_page

    words = "שלום עולם זה טקסט ארוך בעברית "
    story = "# S\n\nIntro.\n\n" + "".join(f"{words * 60}סוף{i}\n\n" for i in range(3))
    pdf, _ = booklet_with(tmp_path, story, True)
    pages = lines_by_page(pdf)
    first = next(i for i, page in enumerate(pages) if any("Intro." in text for _, text in page))
    last = max(i for i, page in enumerate(pages) if any("\u0590" <= ch <= "\u05ff" for _, text in page for ch in text))
    for page in range(first, last):                   # every page of the story but its last is full
        assert min(y for y, _ in pages[page] if y > 45) < 51 + 3 * 13, page       # (not its folio)
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    read = [document[i].get_textpage().get_text_range().splitlines() for i in range(len(pages))]
    for n in range(3):
        lines = next(lines for lines in read if any(f"סוף{n}" in line for line in lines))
        at = next(k for k, line in enumerate(lines) if f"סוף{n}" in line)
        assert "שלום" in lines[at - 1], n                # a paragraph's last line has one above it
    document.close()


def _same_word(a, b) -> bool:
    """Two frag words alike to the last bit: class, width, fragments, glyphs, positions."""
    if type(a) is not type(b) or len(a) != len(b) or a[0] != b[0] or type(a[0]) is not type(b[0]):
        return False
    for (fa, ta), (fb, tb) in zip(a[1:], b[1:]):
        da, db = getattr(ta, "__shapeData__", None), getattr(tb, "__shapeData__", None)
        if fa is not fb or str(ta) != str(tb) or type(ta) is not type(tb) or da != db:
            return False
        if da is not None and [type(v) for d in da for v in d] != [type(v) for d in db for v in d]:
            return False
    return True


@pytest.mark.parametrize("family", ["Gentium Book Plus", "DejaVu Sans", "Noto Sans Devanagari", "Noto Sans Thai"])
def test_shaping_a_word_gives_what_reportlab_gives(family):
    """shaping._shape_one is reportlab's shapeFragWord for one-font words, made faster: the
    same words, widths, glyphs and positions (DejaVu's 2048-unit em is scaled; Devanagari
    draws glyphs of no character of their own; Thai and Arabic marks sit at offsets)."""
    from hypothesis import given, settings, strategies as st
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus.paragraph import _HSFrag
    from reportlab.platypus.paraparser import ParaFrag

    from booklet import shaping
    from booklet.fonts import register

    name = register(family).regular
    letters = "fiflffiAVTaWost.,’ 1" + "बस्तकि्ष" + "กิ่น้ำ" + "سلام" + "e\u0301"

    @settings(max_examples=80)
    @given(st.text(alphabet=letters, min_size=1, max_size=12), st.sampled_from([7.5, 9, 10.5]),
           st.sampled_from([list, _HSFrag]))
    def check(text, size, kind):
        frag = ParaFrag(fontName=name, fontSize=size)
        word = kind([pdfmetrics.stringWidth(text, name, size), (frag, text)])
        ours = shaping._shape_one(word, frag, text)
        theirs = shaping._reportlab_shape(word)
        assert _same_word(ours, theirs), (text, ours, theirs)

    check()


def test_no_discretionary_ligatures_only_the_standard_ones(tmp_path):
    """reportlab turns on a font's discretionary ligatures: in DejaVu Sans (the fallback
    font, and a family a layout may name) every 'st' of 'story' was the old 'ﬆ'. Only the
    standard ones are set, as word processors and browsers set them ('fi' stays one)."""
    import pypdfium2

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# Story\n\nThe story of a fine race.\n",
                                            "layout.yaml": "fonts:\n  serif: DejaVu Sans\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "layout: layout.yaml\n"})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    pdf = pypdfium2.PdfDocument(out)
    page = next(text for text in (pdf[i].get_textpage() for i in range(len(pdf)))
                if "fine race" in text.get_text_range())
    text = page.get_text_range()
    boxes = [page.get_charbox(i) for i in range(len(text))]
    s, t = boxes[text.index("story")], boxes[text.index("story") + 1]
    f, i = boxes[text.index("fine")], boxes[text.index("fine") + 1]
    assert t[0] >= s[2] - 0.5, (s, t)             # two glyphs: the t after the s
    assert f == i                                 # one glyph for both letters: the fi ligature
    pdf.close()


def test_a_word_with_a_ligature_broken_over_lines_keeps_its_letters(tmp_path):
    """A word too long for its room is split into pieces, and reportlab shaped a piece
    again: the 'fi' ligature's private code went to HarfBuzz, which has no glyph for it,
    and was drawn as an empty box (copied out as U+FFFD). Here, in a table of eleven
    narrow columns, 'fifteen' no longer fits its column."""
    cells = ["averyveryveryverylongwordindeed", "two", "three", "four", "five", "six", "seven", "eight",
             "fifteen", "fifty", "fifth"]
    story = ("# S\n\nFirst.\n\n| " + " | ".join("abcdefghijk") + " |\n|" + "---|" * 11 + "\n| "
             + " | ".join(cells) + " |\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    result = build(folder, output=tmp_path / "b.pdf")
    text = page_texts(tmp_path / "b.pdf")[2]
    assert "\ufffd" not in text
    assert "fifteen" in re.sub(r"\s+", "", text)
    assert [c.status for c in result.preflight if c.name == "characters"] == ["ok"]


def test_soft_hyphens_in_a_comment_do_not_stop_the_build(tmp_path):
    """Text pasted from a web page or Word can hold soft hyphens (U+00AD). reportlab keeps
    such a word as its own kind of string, which HarfBuzz refused: 'unexpected failure
    (TypeError: ... _SHYIndexedStr)'. The word is set as typed, and may break at them."""
    word = "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesell\u00adschafts\u00adkapitän"
    text = f"Ein {word} und noch einer: {word} {word} {word}."
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f'- name: Ann\n  text: "{text}"\n'})
    build(folder, output=tmp_path / "b.pdf")
    printed = re.sub(r"\s+", "", "".join(page_texts(tmp_path / "b.pdf")))
    assert "\ufffd" not in printed
    assert "Donaudampfschifffahrtsgesellschaftskapitän" in printed.replace("-", "").replace("\u00ad", "")


def test_a_run_starting_with_a_combining_accent_does_not_stop_the_build(tmp_path):
    """'ﬁ`́`': inline code holding only a combining accent, in the large-print layout
    (whose code font is its text font). HarfBuzz raises the accent, and reportlab's setRise
    looked at the last operator of a text run that had none yet: 'unexpected failure
    (IndexError: list index out of range)'. Found by a fuzz of every section with junk."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nFirst.\n\n\ufb01`\u0301` and after.\n"})
    build(folder, "large-print", output=tmp_path / "b.pdf")
    assert "and after" in page_texts(tmp_path / "b.pdf")[2]


def test_right_to_left_text_with_emphasis_keeps_its_spaces_order_and_emphasis(tmp_path):
    """'מה שלום **כולם** היום' was put in drawing order piece by piece and set flush left:
    'היוםכולםמה שלום', its spaces lost; then it was set plain, its bold word lost (with a
    warning). It is now set flush right, in order, 'כולם' in bold and '1992' in italic. An
    English line with an Arabic word after an italic one ('word *it* مرحبا a') printed
    'word ita مرحبا': each piece is now ordered in the paragraph's direction."""
    story = "# S\n\nFirst.\n\nמה שלום **כולם** היום, *1992*\n\nword *it* مرحبا a\n"
    import pypdfium2 as pdfium

    pdf, result = booklet_with(tmp_path, story, True)
    page = next(t for t in page_texts(pdf) if t.startswith("S "))
    index = page_texts(pdf).index(page)
    lines = pdfium.PdfDocument(str(pdf))[index].get_textpage().get_text_range().splitlines()
    assert "מה שלום כולם היום, 1992" in lines and "word it مرحبا a" in lines      # (pdfium reads as typed)
    assert not any("right-to-left" in w for w in result.warnings)
    fonts = {}
    PdfReader(str(pdf)).pages[index].extract_text(
        visitor_text=lambda text, cm, tm, font, size: font and fonts.setdefault(text.strip(), font["/BaseFont"]))
    assert fonts["כולם"].endswith("-Bold") and fonts["1992"].endswith("-Italic")
    assert not fonts["שלום"].endswith("-Bold") and not fonts["היום"].endswith("-Bold")
    image = rasterise(pdf, index, 2)
    hebrew = image.crop((0, 0, image.width, image.height // 3))
    assert ink_box(hebrew)[2] > image.width * 0.8                  # flush right: out to the right margin


def test_a_right_to_left_line_that_starts_in_english_is_ordered_right_to_left(tmp_path):
    """Each line of a Hebrew paragraph was put in drawing order by its own first letter: a
    line after a line break that began with an English name was set left to right, the
    name at its left edge and the Hebrew after it at its right, read last."""
    story = "# S\n\nFirst.\n\nשלום עולם אבא ובן\\\nDerek Redmond רץ בברצלונה\n"
    import pypdfium2 as pdfium

    pdf, _ = booklet_with(tmp_path, story, True)
    text = pdfium.PdfDocument(str(pdf))[2].get_textpage()

    def left(word):
        at = text.search(word).get_next()
        return min(text.get_charbox(i)[0] for i in range(at[0], at[0] + at[1]))

    xs = {word: left(word) for word in ("Derek", "רץ", "בברצלונה")}
    assert xs["Derek"] > xs["רץ"] > xs["בברצלונה"]       # the name read first: at the right


def test_a_right_to_left_heading_of_two_lines_reads_top_line_first(tmp_path):
    """A Hebrew section title too long for a line was put in drawing order whole, and broken
    by reportlab from its last words: its first words were on its second line."""
    import pypdfium2 as pdfium

    title = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח בהיסטוריה"
    pdf, _ = booklet_with(tmp_path, f"# {title}\n\nFirst.\n", True)
    lines = pdfium.PdfDocument(str(pdf))[2].get_textpage().get_text_range().splitlines()
    top, second = lines[0].split(), lines[1].split()
    assert top[:2] == ["שלום", "עולם"] and second[-1] == "בהיסטוריה" and top + second == title.split()


def test_right_to_left_timeline_events_and_captions_read_top_line_first(tmp_path):
    """A Hebrew timeline event was broken into lines for the whole column, then again by
    its narrower cell: its lines came out of order. A Hebrew caption was broken by
    reportlab from its last words. Both are now broken for the room they have."""
    import pypdfium2 as pdfium
    from PIL import Image

    text = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח בהיסטוריה של המשחקים האולימפיים"
    files = {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n"
             "  - type: photos\n    file: photos.yaml\n",
             "timeline.yaml": f"- date: '1992'\n  event: {text}\n", "photos.yaml": f"- file: p.png\n  caption: {text}\n"}
    folder = write_booklet(tmp_path / "b", files)
    Image.new("RGB", (1200, 900), "teal").save(folder / "p.png")
    build(folder, output=tmp_path / "b.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    blocks = []
    for page in pdf:
        lines = [line.split() for line in page.get_textpage().get_text_range().splitlines()]
        hebrew = [words for words in lines if words and "\u0590" <= words[0][0] <= "\u05ff"]
        if hebrew:
            blocks.append(hebrew)
    assert len(blocks) == 2                                          # the timeline's page, the photo's
    for lines in blocks:
        words = [w for line in lines for w in line if w != "1992"]     # (the date stands on the first line)
        assert len(lines) >= 2 and words == text.split()                # top line first


def test_a_right_to_left_title_on_the_cover_reads_top_line_first(tmp_path):
    import pypdfium2 as pdfium

    title = "לזכרו של אבינו היקר דוד בן משה רדמונד איש טוב ואב אוהב"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "title: A Small Booklet", f"title: {title}")})
    build(folder, output=tmp_path / "b.pdf")
    lines = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[0].get_textpage().get_text_range().splitlines()
    hebrew = [line.split() for line in lines if line and "\u0590" <= line[0] <= "\u05ff"]
    assert len(hebrew) >= 2 and [w for line in hebrew for w in line] == title.split()


TYPED = {
    "Hindi": "किताब में पिता स्थिति शर्मा विद्यार्थी प्रिय क्रिया बेटे की",
    "Bengali": "স্মৃতি কিছু বেশি কোথায় বৌদি",
    "Tamil": "கொடு பெயர் கை கோவில் கௌரவம்",
    "Malayalam": "കൊടുക്കുക പെണ്ണ് കേരളം കൈ",
    "Kannada": "ಕೊಡು ರೋಗ ಕನ್ನಡ",
    "Telugu": "కొడుకు తెలుగు",
    "Sinhala": "කොළඹ මෙය කේ",
    "Gujarati": "કિતાબ પિતા",
    "Gurmukhi": "ਕਿਤਾਬ ਪਿਤਾ",
    "Myanmar": "မေမေ ကျေးဇူး",
    "Khmer": "ពេល ព្រះ ស្ត្រី ខ្មែរ",
}


def test_words_drawn_out_of_typed_order_copy_out_as_typed(tmp_path):
    """A vowel sign typed after its letter and drawn before it ('कि': ि, then क), a reph
    drawn after the letter it is typed before ('शर्मा'), a vowel drawn in two parts around
    its letter (Tamil 'கொ': ெ, க, ா): text extractors read glyphs in the order they are
    drawn, and 'किताब' was copied out, and searched for, as 'िकताब' (34 of these 46 words
    were not found by pypdf). Read back by pypdf, poppler and pdfium, each word is the word
    typed (a vowel in parts may come back in its parts, the same text in canonical order);
    pdfium still puts Khmer's zero-width subscript letters out of place."""
    import unicodedata

    import pypdfium2 as pdfium

    comments = "".join(f"- name: {name}\n  text: {text}\n" for name, text in TYPED.items())
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    read = {"pypdf": " ".join(page_texts(out)),
            "pdfium": " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(out)))}
    if shutil.which("pdftotext"):
        read["poppler"] = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    for tool, text in read.items():
        words = set(unicodedata.normalize("NFC", text).split())
        for script, typed in TYPED.items():
            if tool == "pdfium" and script == "Khmer":
                continue
            # (each a word of its own: a space drawn in the main font between two words in
            # a fallback font, pdfium left out after a word ending with a mark: 'मेंपिता')
            missing = [w for w in typed.split() if w not in words]
            assert not missing, (tool, script, missing)


def test_an_arabic_lam_alef_ligature_is_read_back_as_typed(tmp_path):
    """'الأب' (the father) is drawn with a lam-alef ligature, one glyph for two letters.
    pdfium and poppler read a right-to-left run back letter by letter, reversed; the
    ligature's two letters, given in typed order, came back swapped: 'األب'."""
    import pypdfium2 as pdfium

    pdf, _ = booklet_with(tmp_path, "# S\n\nالأب والابن معا\n\nword الأب word\n", True)
    text = pdfium.PdfDocument(str(pdf))[2].get_textpage().get_text_range()
    assert "الأب والابن معا" in text and "word الأب word" in text


def test_chinese_and_japanese_lines_follow_the_line_breaking_rules(tmp_path):
    """Text without spaces was split wherever the line was full: lines began with ，。」
    or ー and ended with 「（ (kinsoku). And 中, which Symbola (the first last resort) has,
    was drawn in Symbola's style among Droid Sans Fallback's ideographs."""
    import random

    import pypdfium2 as pdfium
    from pypdf import PdfReader

    rng = random.Random(7)
    letters, closing, opening = "一九二年巴塞罗那奥运会上德里克中在四百米半决赛のでがはをにとしたてるいうスペース", "，。、：；！？）」』ー", "（「『"
    text = "".join(rng.choice(closing) if rng.random() < 0.15 else rng.choice(opening) if rng.random() < 0.05
                   else rng.choice(letters) for _ in range(900))
    text = "中" + text + "中"
    comments = "".join(f"- name: 小明{i}\n  text: 中{text[i * 150:(i + 1) * 150]}中\n" for i in range(6))
    pdf, result = booklet_with(tmp_path, f"# 故事\n\n{text}\n", True, comments)
    assert not any("no bundled font" in w for w in result.warnings)
    lines = [line for page in pdfium.PdfDocument(str(pdf)) for line in page.get_textpage().get_text_range().splitlines()]
    assert len(lines) > 40
    assert not [line for line in lines if line[:1] in closing or line[-1:] in opening]
    fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(str(pdf)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("DroidSansFallback" in f for f in fonts) and not any("Symbola" in f for f in fonts)


def test_a_right_to_left_tribute_signature_of_two_lines_reads_top_line_first(tmp_path):
    import pypdfium2 as pdfium

    role = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח בהיסטוריה של המשחקים האולימפיים"
    files = {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n",
             "tributes.yaml": f"- from: דוד רדמונד\n  role: {role}\n  text: Kind words.\n"}
    build(write_booklet(tmp_path / "b", files), output=tmp_path / "b.pdf")
    page = next(p for p in pdfium.PdfDocument(str(tmp_path / "b.pdf")) if "Kind words" in p.get_textpage().get_text_range())
    lines = [line.split() for line in page.get_textpage().get_text_range().splitlines()
             if any("\u0590" <= ch <= "\u05ff" for ch in line)]
    words = [w for line in lines for w in line if w != "—"]
    assert len(lines) >= 2 and words == ("דוד רדמונד, " + role).split()


def test_a_right_to_left_table_cell_of_two_lines_reads_top_line_first(tmp_path):
    import pypdfium2 as pdfium

    text = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח בהיסטוריה של המשחקים האולימפיים"
    story = f"# S\n\nFirst.\n\n| Year | What | Where |\n|---|---|---|\n| 1992 | {text} | Barcelona, Spain |\n"
    pdf, result = booklet_with(tmp_path, story, True)
    lines = pdfium.PdfDocument(str(pdf))[2].get_textpage().get_text_range().splitlines()
    hebrew = [[w for w in line.split() if "\u0590" <= w[0] <= "\u05ff"] for line in lines]
    hebrew = [words for words in hebrew if words]
    assert len(hebrew) >= 2 and [w for line in hebrew for w in line] == text.split()
    assert not any("right-to-left" in w for w in result.warnings)         # (the bold header is left as it is)


def test_a_right_to_left_table_has_its_first_column_on_the_right(tmp_path):
    """A Hebrew table was set left to right: its first column ('שנה', the year) on the left,
    its cells flush left. Now as a Hebrew reader reads it; an English table as it was."""
    import pypdfium2 as pdfium

    story = ("# S\n\nFirst.\n\n| שנה | אירוע |\n|---|---|\n| 1992 | הריצה של דרק ואביו |\n\n"
             "| Year | Event |\n|---|---|\n| 1992 | The race |\n")
    pdf, _ = booklet_with(tmp_path, story, True)
    text = pdfium.PdfDocument(str(pdf))[2].get_textpage()
    found = {}
    for i in range(text.count_chars()):
        found.setdefault(text.get_text_range(i, 1), []).append(text.get_charbox(i)[0])
    x = {word: text.get_charbox(text.get_text_range().index(word))[0] for word in ("Year", "Event")}
    year, event = found["נ"][0], found["ע"][0]                 # (letters of 'שנה' and of 'אירוע' only)
    assert year > event                                             # the first column on the right
    assert x["Year"] < x["Event"]                                   # and an English table as it was


def test_a_right_to_left_question_has_its_number_on_the_right(tmp_path):
    """A Hebrew question was set flush right with its number far off on the left."""
    import pypdfium2 as pdfium

    question = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח בהיסטוריה של המשחקים האולימפיים?"
    files = {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: questions\n    file: questions.yaml\n",
             "questions.yaml": f"- question: {question}\n- question: An English one?\n"}
    build(write_booklet(tmp_path / "b", files), layout="classroom", output=tmp_path / "b.pdf")
    page = next(p for p in pdfium.PdfDocument(str(tmp_path / "b.pdf")) if "English" in p.get_textpage().get_text_range())
    text = page.get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    hebrew_right = max(box[2] for ch, box in chars if "\u0590" <= ch <= "\u05ff")
    one = next(box for ch, box in chars if ch == "1")
    two = next(box for ch, box in chars if ch == "2")
    english_left = next(box for ch, box in chars if ch == "A")[0]
    assert one[0] > hebrew_right                    # right of the question it numbers
    assert two[2] < english_left                    # an English question's number stays on the left


def test_copying_out_in_typed_order_draws_the_same_glyphs(tmp_path, monkeypatch):
    """Copying out in typed order gives glyphs codes of their own, not other glyphs: the
    pages look exactly as they do when words copy out in drawing order."""
    from PIL import ImageChops

    from booklet import shaping

    comments = "".join(f"- name: {name}\n  text: {text}\n" for name, text in TYPED.items())
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    pictures = []
    for typed_order in (True, False):
        shaping._SHAPED.clear()                   # (words are shaped once a process)
        if not typed_order:
            monkeypatch.setattr(shaping, "_in_typed_order", lambda shaped, frag, text: shaped)
        out = tmp_path / f"{typed_order}.pdf"
        result = build(folder, output=out)
        pictures.append([rasterise(out, page, 2) for page in range(result.pages)])
    shaping._SHAPED.clear()
    monkeypatch.undo()
    assert len(pictures[0]) == len(pictures[1])
    for a, b in zip(*pictures):
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_copies_in_typed_order_stop_short_of_the_fonts_private_codes(tmp_path, monkeypatch):
    """reportlab gives a face 6,144 private-use codes and stops the build past them
    (an assertion): codes for copying out in typed order stop at COPIED_MOST, and words
    after that copy out in drawing order, drawn the same."""
    from booklet import shaping

    def made() -> int:                                 # (the codes other tests made stay: counted from here)
        return sum(len(codes) for face, codes in shaping._DRAWN.items() if "Devanagari" in face)

    before = made()
    monkeypatch.setattr(shaping, "COPIED_MOST", before + 3)
    shaping._SHAPED.clear()
    comments = "- name: A\n  text: निर्मल दिल्ली स्त्री मित्र गिरि किरण शिखर तिथि\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    build(folder, output=tmp_path / "b.pdf")
    shaping._SHAPED.clear()
    assert before + 3 <= made() <= before + 3 + 8    # (a word is copied in typed order whole, or not)
    assert "निर्मल" in " ".join(page_texts(tmp_path / "b.pdf"))     # the first words, copied as typed


@given(st.lists(st.tuples(st.text(alphabet=list("שלוםעבא ") + [" ", "\n", "1", "a"], max_size=12),
                          st.booleans(), st.booleans()), min_size=1, max_size=6),
       st.sampled_from([40.0, 80.0, 300.0]))
@settings(max_examples=150, deadline=None)
def test_right_to_left_lines_keep_every_letter(pieces, width):
    """Right-to-left text broken into lines span by span: a text that began with a space
    (or a line that did) lost as many letters at its end as it had spaces at its start
    (' שלום' printed 'לש'). Every letter is kept, in its own bold or italic."""
    from booklet.model import Span

    styles = _styles()
    spans = [Span(text, bold, italic) for text, bold, italic in pieces]
    out = styles.right_to_left_lines(spans, "body", width)
    letters = sorted((ch, s.bold, s.italic) for s in spans for ch in s.text if not ch.isspace())
    assert sorted((ch, s.bold, s.italic) for s in out for ch in s.text if not ch.isspace()) == letters


_STYLES = []


def _styles():
    if not _STYLES:
        from booklet.styles import Styles
        from booklet.theme import load_theme

        _STYLES.append(Styles(load_theme("classic"), "en-GB"))
    return _STYLES[0]


def test_right_to_left_paragraphs_are_set_apart(tmp_path):
    """Classic marks a new paragraph by indenting its first line, which right-to-left text,
    set flush right, cannot have: two Hebrew paragraphs ran on as one, nothing between
    them. They are now half a line further apart than two lines of one paragraph."""
    first = "שלום עולם אבא ובן יחד עד קו הסיום זה היה רגע בלתי נשכח " * 2
    story = f"# S\n\nFirst.\n\n{first}\n\nאבא ובן יחד עד קו הסיום\n"
    pdf, _ = booklet_with(tmp_path, story, True, base="classic")
    baselines = set()

    def keep(text, cm, tm, font, size):
        if any("\u05d0" <= ch <= "\u05ea" for ch in text):
            baselines.add(round(tm[5] * cm[3] + cm[5], 1))

    PdfReader(str(pdf)).pages[2].extract_text(visitor_text=keep)
    lines = sorted(baselines, reverse=True)
    steps = [a - b for a, b in zip(lines, lines[1:])]
    assert len(steps) >= 2 and steps[-1] > steps[0] + 5, steps     # the last line: a new paragraph


def test_an_adlam_word_is_drawn_right_to_left_with_its_letters_joined(tmp_path):
    """Adlam, right to left like Arabic but beyond the first plane, was shaped as it is
    drawn rather than as typed: the word came out reversed, its first letter in its final
    form at the left. Drawn from the left, the word's last letter comes first, in its final
    form, and its first letter last, in its initial form."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus.paraparser import ParaFrag

    from booklet import fonts, shaping
    from booklet.styles import visual_order

    name = fonts.register("NotoSansAdlam").face()
    frag = ParaFrag()
    frag.fontName, frag.fontSize, frag.text = name, 10, ""
    typed = "\U0001e900\U0001e923\U0001e924\U0001e922\U0001e925"
    shaped = shaping.shape_word([0, (frag, visual_order(typed))])
    font = pdfmetrics.getFont(name)
    names = [font.hbFont(10).glyph_to_string(font.face.charToGlyph[ord(g)]) for g in shaped[1][1]]
    assert names[0] == "u1E925.fina" and names[-1] == "u1E900.init", names


def test_right_to_left_text_in_a_justified_style_is_justified(tmp_path):
    """Hebrew and Arabic were set flush right in classic, whose text is justified: every
    line but a paragraph's last now runs from margin to margin, its last flush right, and it
    still reads top line first, right to left. A line the writer broke is not stretched."""
    import pypdfium2 as pdfium

    sentence = "דרק רדמונד נולד בשנת 1965 בבדפורד שבאנגליה והיה אחד הרצים הטובים ביותר של בריטניה. "
    story = f"# S\n\n{sentence * 4}\n\nשורה ראשונה\x0bשורה שנייה ארוכה יותר\n"
    pdf, _ = booklet_with(tmp_path, story, True)
    page = next(p for p in pdfium.PdfDocument(str(pdf)) if "רדמונד" in p.get_textpage().get_text_range())
    text = page.get_textpage()
    boxes = sorted((text.get_charbox(i, loose=True) for i in range(text.count_chars())
                    if not text.get_text_range(i, 1).isspace()), key=lambda box: -box[1])
    lines: list = []                  # (a digit in another font sits a little lower: 5 pt apart is a new line)
    for left, bottom, right, _ in boxes:
        if not lines or lines[-1][0] - bottom > 5:
            lines.append([bottom])
        lines[-1].append((left, right))
    edges = [(min(l for l, _ in line[1:]), max(r for _, r in line[1:])) for line in lines][1:-1]   # (heading, folio)
    paragraph, broken = edges[:-2], edges[-2:]                  # (the heading left out)
    assert len(paragraph) >= 4
    rights = [r for _, r in paragraph]
    lefts = [l for l, _ in paragraph[:-1]]
    assert max(rights) - min(rights) < 1 and max(lefts) - min(lefts) < 1     # both margins
    assert paragraph[-1][0] > min(lefts) + 20                                # the last: flush right
    assert abs(broken[0][1] - broken[1][1]) < 1 and broken[0][0] > broken[1][0] + 10   # not stretched
    read = text.get_text_range().splitlines()
    assert read[read.index("S") + 1].startswith("דרק רדמונד נולד")


@pytest.mark.parametrize("language, word", [("ar", "\u0645\u0639\u064b\u0627"), ("hi", "\u0928\u092e\u0938\u094d\u0924\u0947")])
def test_a_word_in_emphasis_before_punctuation_outside_it_is_shaped(language, word):
    """'*معًا*.' or '**नमस्ते**.': the full stop, outside the emphasis, is in the text's own
    font and the word in another, and a word of two fonts was drawn unshaped: the Arabic in
    letters set apart, the Hindi with its conjunct and vowel sign broken. Each piece is now
    shaped on its own. (A right-to-left word of two pieces in one font was shaped in the
    order it is drawn, its letters joined backwards.)"""
    from reportlab.pdfbase.ttfonts import ShapedStr
    from reportlab.platypus import Paragraph

    from booklet.model import Span
    from booklet.styles import Styles
    from booklet.theme import load_theme

    styles = Styles(load_theme("classic"), language)
    for spans in ([Span(word, italic=True), Span(".")], [Span(word, bold=True), Span("!")],
                  [Span(word[:2], italic=True), Span(word[2:] + ".")]):
        if language == "ar":
            spans = styles.right_to_left_lines(spans, "body", 300.0)
        para = Paragraph(styles.markup(spans, "body", "test", ordered=language == "ar"), styles["body"])
        para.wrap(300, 100)
        (line,) = para.blPara.lines
        pieces = [frag.text for frag in line.words if any(ch in frag.text for ch in word) or
                  isinstance(frag.text, ShapedStr)]
        assert pieces and all(isinstance(text, ShapedStr) for text in pieces), (spans, pieces)


def test_words_with_marks_copy_out_whole(tmp_path):
    """A Thai word with a vowel and a tone mark on one letter ('ผู้ชาย'), or a Khmer one
    with a subscript and two marks ('ខ្ញុំ'), was copied out by poppler (pdftotext, Evince) in
    pieces on two lines, the marks away from their letters ('ผช' / 'ู้ าย'), and by pdfium
    with a line break inside 'ខ្ញុំ'. Such a word is marked with the text it stands for (an
    ActualText), which both read (Thai 'ำ' as itself, not as the two glyphs the font draws
    it with); a line's Latin and a right-to-left word's glyphs are
    not marked (pdfium reads Hebrew's glyphs right, and an ActualText there in another
    order than poppler)."""
    import pypdfium2

    thai, khmer, hindi = "ผู้ชาย สำหรับ พ่อที่ดีที่สุด", "ខ្ញុំស្រឡាញ់ ព្រះ", "किताब शर्मा में हिंदी"     # (a line each)
    comments = "".join(f"- name: N{i}\n  text: {t}\n" for i, t in enumerate([thai, khmer, hindi, "Plain words"]))
    comments += "- name: H\n  text: \u05d1\u05b0\u05bc\u05e8\u05b5\u05d0\u05e9\u05b4\u05c1\u05d9\u05ea\n"
    pdf, _ = booklet_with(tmp_path, "# S\n\nWords.\n", True, comments)
    document = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    document.close()
    for written in (thai, khmer, hindi):
        assert written in text, (written, text)
    content = b"".join(page.get_contents().get_data() for page in PdfReader(str(pdf)).pages)
    marked = re.findall(rb"/ActualText <FEFF([0-9A-F]+)>", content)
    words = {bytes.fromhex(m.decode()).decode("utf-16-be").strip() for m in marked}
    assert any("ผู้" in w for w in words) and any("ខ្ញុំ" in w for w in words), words
    assert not any(ch.isascii() and ch.isalpha() or "\u0590" <= ch <= "\u05ff" for w in words for ch in w), words
    if shutil.which("pdftotext"):
        out = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
        for written in (thai, khmer, hindi):
            assert written in out, (written, out)


@pytest.mark.parametrize("language", ["ur", "en-GB"])
def test_urdu_prints_every_letter_joined(tmp_path, language):
    """The fallback font (DejaVu Sans) has no ہ, ے or ۃ, nor Urdu's full stop ۔: an Urdu
    comment printed empty boxes in nearly every sentence ('ہے', 'is'). They come from Noto
    Naskh Arabic; a word with one of them is set in it whole, its letters joined across,
    and an Urdu booklet, or a text with one of them in any booklet, sets all its Arabic
    letters in it (not one word in each face)."""
    import pypdfium2
    from reportlab.platypus import Paragraph

    from booklet.model import Span
    from booklet.styles import Styles
    from booklet.theme import load_theme

    urdu = "ایک باپ کی محبت ایسی ہوتی ہے، وہ اپنے بیٹے کو کبھی اکیلا نہیں چھوڑتا۔"
    yaml = f"title: T\nlanguage: {language}\nsections:\n  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "comments.yaml": f"- name: علی\n  text: {urdu}\n"})
    result = build(folder, output=tmp_path / "b.pdf")
    assert not [w for w in result.warnings if "font" in w], result.warnings
    assert all(c.status == "ok" for c in result.preflight if c.name == "characters")
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(str(result.pdf)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert not [f for f in fonts if "DejaVu" in f], fonts    # (the name علی too, in the comment's face)
    pdf = pypdfium2.PdfDocument(str(result.pdf))
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    pdf.close()
    assert urdu in text, text
    styles = Styles(load_theme("classic"), language)
    spans = styles.right_to_left_lines([Span("کہانی ہے")], "comment", 300.0)
    para = Paragraph(styles.markup(spans, "comment", "test", ordered=True), styles["comment"])
    para.wrap(300, 100)
    fonts = {frag.fontName for line in para.blPara.lines for frag in line.words if frag.text.strip()}
    assert fonts == {"NotoNaskhArabic-regular"}, fonts        # (each word in one font, shaped)
    other = styles.markup(styles.right_to_left_lines([Span("محبت")], "comment", 300.0), "comment", "test",
                          ordered=True)
    assert ("NotoNaskhArabic" in other) == (language == "ur"), other     # (a word DejaVu Sans has)
    whole = styles.markup(styles.right_to_left_lines([Span(urdu)], "comment", 150.0), "comment", "test", ordered=True)
    assert "DejaVu" not in whole, whole          # (each word of an Urdu sentence in Naskh, not some in DejaVu)


def test_the_space_after_a_word_ending_in_a_mark_before_an_emoji_is_read(tmp_path):
    """pdfium read 'शांति दे 🙏' as 'दे🙏' and Thai 'สุคติ 🙏' as 'สุคติ🙏': a space after a word
    that ends with a mark, drawn in the text's own font before a word in another (the emoji
    font), was left out, as one between two such words was. It is set in the word's font."""
    import pypdfium2

    comments = "- name: A\n  text: भगवान शांति दे 🙏 ओम शांति\n- name: B\n  text: ขอให้ไปสู่สุคติ 🙏 สาธุ\n"
    pdf, _ = booklet_with(tmp_path, "# S\n\nWords.\n", True, comments)
    document = pypdfium2.PdfDocument(str(pdf))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "शांति दे 🙏 ओम शांति" in text and "สุคติ 🙏 สาธุ" in text, text


def test_a_layouts_own_fallback_font_is_used_for_urdu_as_it_asks(tmp_path):
    """An Urdu booklet sets its Arabic letters in Noto Naskh Arabic rather than the bundled
    fallback font; a layout that names a fallback font of its own (an Urdu one, say) has it
    used as it asks, Naskh only for a letter that font lacks."""
    from booklet.model import Span
    from booklet.resources import data_dir
    from booklet.styles import Styles
    from booklet.theme import load_theme

    (tmp_path / "Mine.ttf").write_bytes((data_dir("fonts") / "DejaVuSans" / "DejaVuSans.ttf").read_bytes())
    (tmp_path / "mine.yaml").write_text("extends: classic\nfonts:\n  fallback: Mine.ttf\n")
    for layout, face in (("classic", "NotoNaskhArabic"), (str(tmp_path / "mine.yaml"), "Mine")):
        styles = Styles(load_theme(layout), "ur")
        markup = styles.markup(styles.right_to_left_lines([Span("محبت ہے")], "comment", 300.0), "comment", "test",
                               ordered=True)
        fonts = dict((text, font) for font, text in re.findall(r'name="([^"]+)">([^<]+)<', markup))
        assert fonts["\u062a\u0628\u062d\u0645"].startswith(face), (layout, markup)   # (محبت, drawn right to left)
        assert fonts["\u06d2\u06c1"].startswith("NotoNaskhArabic"), markup           # (ہے, which only Naskh has)
