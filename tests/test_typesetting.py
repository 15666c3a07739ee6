"""Typesetting: every script comes back out of the PDF, and pages break like a book's."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListFlowable, Paragraph

from booklet.build import build
from booklet.compose import Composer
from booklet.flowables import DropCapParagraph
from booklet.load import load_booklet
from booklet.styles import Styles
from booklet.theme import load_theme, text_area

from conftest import TINY, ink_box, page_texts, rasterise, write_booklet

SCRIPTS = {
    "Zoë": "Café naïve façade",
    "Ελένη": "Καλημέρα κόσμε",
    "Дмитрий": "Привет мир",
    "דוד": "שלום עולם",
    "سارة": "مرحبا بالعالم",
    "王小明": "你好世界",
    "さくら": "こんにちは",
    "민준": "안녕하세요",
    "Emoji": "🏃 🏁 😀 ❤ ★",
}


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scripts")
    comments = "".join(f"- name: {name}\n  text: {text}\n" for name, text in SCRIPTS.items())
    folder = write_booklet(tmp / "b", {**TINY, "comments.yaml": comments})
    out = tmp / "b.pdf"
    result = build(folder, output=out)
    return out, result


def test_every_script_is_set_without_a_missing_glyph(scripts_pdf):
    _, result = scripts_pdf
    assert not any("no bundled font" in w for w in result.warnings)


def test_every_word_comes_back_out_with_pypdf(scripts_pdf):
    pdf, _ = scripts_pdf
    text = " ".join(page_texts(pdf))
    for name, words in SCRIPTS.items():
        for word in [name, *words.split()]:
            assert word in text, word


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_every_word_comes_back_out_with_pdftotext(scripts_pdf):
    pdf, _ = scripts_pdf
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = re.sub(r"[\u202a-\u202e]", "", text)       # poppler marks right-to-left runs
    for name, words in SCRIPTS.items():
        for word in [name, *words.split()]:
            assert word in text, word


def test_a_character_in_code_is_looked_for_in_the_code_font(tmp_path):
    """Code is set in the sans font, but which characters needed a fallback font was
    decided by the text font: '∑', which Gentium has and Noto Sans has not, printed as a
    box in classic while the preflight said every character had a font."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nFirst.\n\nThe sum `a ∑ b` in code.\n"})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    fonts = {}

    def keep(text, cm, tm, font, size):
        for ch in text:
            if font:
                fonts.setdefault(ch, font["/BaseFont"])

    PdfReader(str(out)).pages[2].extract_text(visitor_text=keep)
    assert fonts["a"].endswith("NotoSans-Regular")            # code, in the sans font
    assert not fonts["∑"].endswith("NotoSans-Regular")        # which has no ∑: a fallback has


def test_an_emojis_skin_tone_is_left_off_not_drawn_as_a_grey_square(tmp_path):
    """Web comments are full of '👏🏽': the black-and-white emoji font set the tone beside
    the hands as a grey square, in print a fault. The tone is left off an emoji (and
    said, with its code); one standing alone or after a letter, a swatch, is kept."""
    comments = ("- name: Ann\n  text: So moving \U0001F44F\U0001F3FD\U0001F44F\U0001F3FD RIP\n"
                "- name: Bo\n  text: Plain words, and x\U0001F3FE after a letter\n"
                "- name: Cy\n  text: swatch \U0001F3FF alone, thumbs \U0001F44D\U0001F3FB\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    result = build(folder, output=tmp_path / "b.pdf")
    text = "".join(page_texts(tmp_path / "b.pdf"))
    assert "\U0001F44F\U0001F44F" in text and "\U0001F44D" in text
    assert "\U0001F3FD" not in text and "\U0001F3FB" not in text and "swatch \U0001F3FF" in text
    assert "x\U0001F3FE" in text                        # (after a letter, not an emoji: as typed)
    assert "emoji with a skin tone (U+1F3FB, U+1F3FD) print without it, in black and white (used in " \
           "comments.yaml lines 1, 5)" in result.warnings
    assert not any("no bundled font" in w for w in result.warnings)
    assert [c.status for c in result.preflight if c.name == "characters"] == ["ok"]


def test_flags_and_joined_emoji_are_said_to_print_as_their_parts(tmp_path):
    """A phone draws '🇬🇧', '👨‍👩‍👧' and Scotland's flag as one picture each; the
    black-and-white emoji font draws two boxed letters, three people, and a black flag
    whose invisible tag letters no font has. Each is said once, where it was written; the
    tag letters are not six 'missing characters' failing the preflight."""
    scotland = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    comments = ("- name: Ann\n  text: Go \U0001F1EC\U0001F1E7 and \U0001F1EB\U0001F1F7!\n"
                "- name: Bo\n  text: From all of us \U0001F468\u200D\U0001F469\u200D\U0001F467 x\u200Dy\n"
                f"- name: Cy\n  text: Proud {scotland} and \U0001F3F4 alone\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    result = build(folder, output=tmp_path / "b.pdf")
    text = "".join(page_texts(tmp_path / "b.pdf"))
    assert "Go \U0001F1EC\U0001F1E7 and" in text and "\U0001F468" in text and "Proud \U0001F3F4 and" in text
    assert "flags print as their two letters, each in a box, as the black-and-white emoji font has no flags " \
           "(\U0001F1EB\U0001F1F7 as F R, \U0001F1EC\U0001F1E7 as G B; used in comments.yaml line 1)" in result.warnings
    assert "the flag of Scotland prints as a black flag, as the black-and-white emoji font has no such flag " \
           "(used in comments.yaml line 5)" in result.warnings
    assert "emoji joined into one picture on a phone (\U0001F468\u200D\U0001F469\u200D\U0001F467) print as " \
           "their parts, side by side (used in comments.yaml line 3)" in result.warnings     # (not x‍y)
    assert not any("no bundled font" in w for w in result.warnings), result.warnings
    assert [c.status for c in result.preflight if c.name == "characters"] == ["ok"]


def test_a_keycap_emojis_box_leaves_the_spaces_beside_it(tmp_path):
    """The emoji font draws a keycap's box (1️⃣) a fifth of an em wider than its digit on
    each side, over the spaces: 'Top 3️⃣ moments' printed as 'Top③moments'."""
    import pypdfium2 as pdfium

    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- name: Ann\n  text: Top 3\ufe0f\u20e3 moments\n"})
    build(folder, output=tmp_path / "b.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    text = pdf[len(pdf) - 1].get_textpage()
    boxes = {text.get_text_range(i, 1): text.get_charbox(i) for i in range(text.count_chars())}
    pdf.close()
    assert boxes["\u20e3"][0] - boxes["p"][2] > 1.5 and boxes["m"][0] - boxes["\u20e3"][2] > 1.5   # (it was 0.4 pt)
    assert "Top" in page_texts(tmp_path / "b.pdf")[-1] and "3\ufe0f\u20e3" in page_texts(tmp_path / "b.pdf")[-1]


ODD = "∑ ≠ Ω ₹ ⅓ № ‽ Ǻ șț ﬀ Ελένη Дмитрий 漢字 かな 한국 नमस्ते ไทย 🏃 ❤ ★ ☃ 𝄞 ✓"


def boxes_drawn(monkeypatch) -> set:
    """(face, character) for each character the PDF's fonts are given that the font has no
    glyph for (drawn as its box), filled in as PDFs are written."""
    from reportlab.pdfbase import ttfonts

    boxes = set()
    add = ttfonts.TTFont.addObjects

    def look(font, doc):
        cmap = font.face.charToGlyph
        for subset in font.state[doc].subsets:
            boxes.update((font.face.name, chr(code)) for code in subset
                         if isinstance(code, int) and code >= 128 and not cmap.get(code))
        return add(font, doc)

    monkeypatch.setattr(ttfonts.TTFont, "addObjects", look)
    return boxes


def test_the_scripts_of_many_more_readers_have_a_font(tmp_path, monkeypatch):
    """Odia (40 million readers), Santali's Ol Chiki, Syriac (Assyrian churches' memorial
    programmes), Dhivehi's Thaana, Tibetan, Cherokee, Mongolian, Adlam, Javanese and Lepcha
    printed as empty boxes, with a warning: each has a Noto font now, read when needed."""
    texts = {"Odia": "ଓଡ଼ିଆ ଭାଷା", "Santali": "ᱥᱟᱱᱛᱟᱲᱤ", "Syriac": "ܫܠܡܐ ܥܠܡܐ", "Dhivehi": "ދިވެހި",
             "Tibetan": "བཀྲ་ཤིས་བདེ་ལེགས", "Cherokee": "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ", "Mongolian": "ᠮᠣᠩᠭᠣᠯ",
             "Adlam": "𞤀𞤣𞤤𞤢𞤥", "Javanese": "ꦧꦱꦗꦮ", "Lepcha": "ᰛᰩᰵ"}
    result = _built_without_boxes(texts, tmp_path, monkeypatch)
    assert [c.status for c in result.preflight if c.name == "characters"] == ["ok"]


def _built_without_boxes(texts: dict, tmp_path, monkeypatch):
    """A booklet of one comment a script, built: no character warned of, none drawn as a box."""
    boxes = boxes_drawn(monkeypatch)
    comments = "".join(f"- name: {name}\n  text: {text}\n" for name, text in texts.items())
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    result = build(folder, output=tmp_path / "b.pdf")
    assert not [w for w in result.warnings if "no bundled font" in w]
    assert boxes == set()
    return result


@pytest.mark.parametrize("layout", ["classic", "modern", "classroom", "large-print"])
def test_no_field_draws_a_character_as_a_box(tmp_path, monkeypatch, layout):
    """Every character in every field, plain, bold, italic and code, in a face that has it:
    each character the PDF's fonts are given is in the font (or, shaped, is not glyph 0,
    the box). A character in code was looked up in the text font and drawn in the sans."""
    import json

    from PIL import Image

    boxes = boxes_drawn(monkeypatch)
    q = json.dumps
    odd = q(ODD, ensure_ascii=False)[1:-1]
    booklet_yaml = (f'title: "T {odd}"\nsubtitle: "S {odd}"\ndedication: "D {odd}"\nclosing: "C {odd}"\n'
                    f'cover:\n  note: "N {odd}"\nsections:\n'
                    + "".join(f"  - type: {kind}\n    file: {kind}.yaml\n    title: \"{kind} {odd}\"\n"
                              for kind in ("timeline", "photos", "tributes", "quotes", "questions", "schedule",
                                           "comments"))
                    + "  - type: story\n    file: story.md\n")
    files = {
        "booklet.yaml": booklet_yaml,
        "story.md": f"# Story {ODD}\n\nFirst {ODD} **{ODD}** *{ODD}* `{ODD}`.\n\n## H {ODD}\n\n> Q {ODD}\n\n"
                    f"- item {ODD}\n\n| A {ODD} | B |\n|---|---|\n| c {ODD} | d |\n\n    pre {ODD}\n",
        "timeline.yaml": f'- date: "1992 {odd}"\n  event: "E {odd}"\n',
        "photos.yaml": f'- file: p.png\n  caption: "C {odd}"\n  credit: "R {odd}"\n',
        "tributes.yaml": f'- from: "F {odd}"\n  role: "R {odd}"\n  text: "T {odd}"\n',
        "quotes.yaml": f'- text: "Q {odd}"\n  who: "W {odd}"\n  source: "S {odd}"\n',
        "questions.yaml": f'- "Q {odd}"\n',
        "schedule.yaml": f'- time: "10:00 {odd}"\n  item: "I {odd}"\n  who: "W {odd}"\n',
        "comments.yaml": f'- name: "N {odd}"\n  text: "C {odd}"\n',
    }
    folder = write_booklet(tmp_path / "b", files)
    Image.new("RGB", (1200, 900), "teal").save(folder / "p.png")
    result = build(folder, layout=layout, output=tmp_path / "b.pdf")
    assert boxes == set()
    assert not any("no bundled font" in w for w in result.warnings)


def lines_by_page(pdf):
    """For each page, its text lines from top to bottom: (y, text)."""
    out = []
    for page in PdfReader(str(pdf)).pages:
        rows = defaultdict(str)

        def visit(text, cm, tm, font, size):
            if text.strip():
                rows[round(tm[5] * cm[3] + cm[5])] += text

        page.extract_text(visitor_text=visit)
        out.append([(y, rows[y]) for y in sorted(rows, reverse=True)])
    return out


def test_no_widows_orphans_or_stranded_headings(tmp_path):
    # paragraphs of many lengths, each word naming its paragraph; headings now and then
    story, n = [], 0
    for length in [12 + (k * 37) % 140 for k in range(70)]:
            n += 1
            if n % 7 == 0:
                story.append(f"## Heading{n}\n")
            story.append(" ".join(f"p{n}x" for _ in range(length)) + "\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "\n".join(story)})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    seen = 0
    for page in lines_by_page(out):
        body = [(y, t) for y, t in page if 45 < y < 560]      # between the folio and the running head
        ids = [re.findall(r"p(\d+)x", t) for _, t in body]
        if not body:
            continue
        first, last = ids[0], ids[-1]
        # a paragraph running over a page break has at least two lines on either side of it
        if first:
            top_para = first[0]
            lines_here = [i for i in ids if i and i[0] == top_para]
            assert len(lines_here) >= 2 or len(ids) == 1, f"widow: paragraph {top_para}"
        if last:
            bottom_para = last[-1]
            lines_here = [i for i in ids if i and bottom_para in i]
            assert len(lines_here) >= 2, f"orphan: paragraph {bottom_para}"
        assert not body[-1][1].startswith("Heading"), "a heading at the foot of a page"
        seen += 1
    assert seen >= 12


def composer_for(layout, tmp_path, story="In the beginning there was a race, and a father who came down from the "
                                          "stands to see his son to the end of it.\n"):
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    booklet = load_booklet(folder)
    return Composer(booklet, Styles(load_theme(layout)), tmp_path)


def test_openings(tmp_path):
    flowables = composer_for("classic", tmp_path).compose()
    assert any(isinstance(f, DropCapParagraph) for f in flowables)      # a drop cap
    modern = composer_for("modern", tmp_path).compose()
    texts = [getattr(f, "text", "") for f in modern]
    assert any("IN THE BEGINNING" in t for t in texts)                  # small capitals
    plain = composer_for("large-print", tmp_path).compose()
    assert not any(isinstance(f, DropCapParagraph) for f in plain)
    quoted = composer_for("classic", tmp_path, story="“A quote” opens this story, a paragraph long enough "
                                                              "to take two lines beside a drop cap.\n").compose()
    assert not any(isinstance(f, DropCapParagraph) for f in quoted)    # no drop cap for a quote mark


@pytest.mark.parametrize("first", ["A poem typed\nline by line\nends here.", "- a list\n- of two", "| a |\n|---|\n| 1 |"])
def test_the_opening_is_the_first_paragraphs_or_no_ones(tmp_path, first):
    """A story opening with a poem, a list or a table had its drop cap given to a
    paragraph further down, after the table."""
    story = f"{first}\n\nThen came a paragraph of prose, far down the page.\n"
    flowables = composer_for("classic", tmp_path, story=story).compose()
    assert not any(isinstance(f, DropCapParagraph) for f in flowables)
    from PIL import Image

    (tmp_path / "b").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 900), "teal").save(tmp_path / "b" / "p.jpg")
    pictured = composer_for("classic", tmp_path, story="![A photo](p.jpg)\n\nIn the beginning, a race, and "
                                                       "a father who came down from the stands to see his son to the end of it.\n")
    assert any(isinstance(f, DropCapParagraph) for f in pictured.compose())      # (a photo first: still)


@pytest.mark.parametrize("layout", ["classic", "modern", "classroom", "large-print"])
def test_notes_are_set_in_the_layouts_note_style(tmp_path, layout):
    from reportlab.platypus import ListFlowable

    flowables = composer_for(layout, tmp_path, story="Born in 1938.[^1]\n\n- a list\n\n[^1]: In Leeds.\n").compose()
    lists = [f for f in flowables if isinstance(f, ListFlowable)]
    styles = Styles(load_theme(layout))
    assert [f._bulletFontSize for f in lists] == [styles["list"].fontSize, styles["note"].fontSize]
    if layout != "large-print":       # (large print sets nothing under 16 pt)
        assert styles["note"].fontSize < styles["body"].fontSize


def test_the_opening_keeps_bold_italic_and_links(tmp_path):
    story = "**In** the *summer* of 1992 [we](http://example.org) ran, and ran on to the end of the road.\n"
    capped = composer_for("classic", tmp_path, story=story).compose()
    cap = next(f for f in capped if isinstance(f, DropCapParagraph))
    assert cap.letter == "I"
    assert [(f.fontName, f.text) for f in cap.frags] == [
        ("GentiumBookPlus-bold", "n"), ("GentiumBookPlus-regular", " the "),
        ("GentiumBookPlus-italic", "summer"), ("GentiumBookPlus-regular", " of 1992 we (http://example.org) ran, and ran on to the end of the road.")]
    small = composer_for("modern", tmp_path, story=story).compose()
    opening = next(f for f in small if "1992" in getattr(f, "text", ""))
    assert [(f.fontName, f.text) for f in opening.frags][:3] == [
        ("NotoSans-bold", "IN"), ("NotoSans-regular", " THE "), ("NotoSans-italic", "SUMMER")]


def test_contents_entries_are_shaped_like_any_text(tmp_path):
    """Joined Arabic is narrower than its letters set one by one (the contents page was
    set unshaped: its letters were not joined)."""
    composer = composer_for("modern", tmp_path)
    style = composer._toc_style()
    markup = composer.styles.markup("تعليقات القراء", "body") + '<onDraw name="x" label="4"/>'
    widths = []
    for shaping in (style.shaping, 0):
        line = Paragraph(markup, ParagraphStyle("t", parent=style, shaping=shaping))
        line.wrap(400, 100)
        widths.append(400 - line.blPara.lines[0].extraSpace)
    assert widths[0] < 0.95 * widths[1]


@pytest.mark.parametrize("story, kept", [("中文的故事。", "故事"), ("A", "A"), ("Short", "Short"), ("Two words", "Two words"),
                                         ("A few words, on one line.", "A few words")])
def test_no_drop_cap_in_a_letter_the_heading_font_lacks_or_with_nothing_beside_it(tmp_path, story, kept):
    # (a paragraph of one line had the letter two lines deep beside it, the second line empty)
    flowables = composer_for("classic", tmp_path, story=story + "\n\nNext.\n").compose()
    assert not any(isinstance(f, DropCapParagraph) for f in flowables)
    texts = [getattr(f, "text", "") for f in flowables]
    assert kept in texts[texts.index("Next.") - 1]          # the opening, set as it is


@pytest.mark.parametrize("words", [9, 12, 30])
def test_an_opening_of_two_lines_or_more_has_its_drop_cap(tmp_path, words):
    story = " ".join(["Another"] * words) + "."
    [cap] = [f for f in composer_for("classic", tmp_path, story=story + "\n\nNext.\n").compose()
             if isinstance(f, DropCapParagraph)]
    cap.wrap(text_area(load_theme("classic"))[0], 1000)
    assert len(cap.blPara.lines) >= 2


def column_bottoms(pdf, page: int, middle: float):
    """The lowest text baseline in the left and the right column of a page (in points)."""
    lows = {0: None, 1: None}

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if 45 < y < 560:                                      # not the folio or running head
            side = int(x > middle)
            lows[side] = y if lows[side] is None else min(lows[side], y)

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return lows[0], lows[1]


def random_comments(tmp_path, seed: int, least: int) -> tuple:
    """A booklet of `least` to 89 comments ('PersonN', 3 to 69 words 'wNx'), built: its
    comments file, the PDF, its pages' texts."""
    import random

    rnd = random.Random(seed)
    count = rnd.randrange(least, 90)
    comments = "".join(f"- name: Person{i}\n  text: {' '.join(f'w{i}x' for _ in range(rnd.randrange(3, 70)))}\n"
                       for i in range(count))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    return comments, out, page_texts(out)


@pytest.mark.parametrize("seed", range(10))
def test_comment_columns_end_level_on_their_last_page(tmp_path, seed):
    comments, out, texts = random_comments(tmp_path, seed, 3)
    count = comments.count("- name:")
    assert all(f"Person{i}" in " ".join(texts) for i in range(count))     # nothing lost or left over
    last = max(i for i, t in enumerate(texts) if "Person" in t)
    assert last == len(texts) - 1 or "Person" not in texts[last + 1]
    middle = 148 * 72 / 25.4 / 2
    left, right = column_bottoms(out, last, middle)
    if right is None:                                           # one comment cannot be shared out
        assert texts[last].count("Person") == 1
        return
    # level to within one comment (kept whole): the tallest on the page
    assert abs(left - right) <= tallest_comment(out, last, middle), (left, right)


def column_lines(pdf, page: int, middle: float) -> tuple[list, list]:
    """The baselines and texts of the lines in the left and the right column, top first."""
    lines = {0: [], 1: []}

    def visit(text, cm, tm, font, size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip() and 45 < y < 560:
            lines[int(x > middle)].append((y, text.strip()))

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return sorted(lines[0], reverse=True), sorted(lines[1], reverse=True)


@pytest.mark.parametrize("seed", range(4))
def test_long_comments_go_on_over_a_columns_foot_and_the_columns_end_level(tmp_path, seed):
    """Comments were kept whole: a column ended up to a third of its height short where
    the next comment did not fit below it (33 mm on the large workload). A long comment
    now goes on over the column's foot: its name and two lines at least there, two lines
    at least at the next column's top, so every full page's columns end within a few
    lines of each other."""
    comments, out, texts = random_comments(tmp_path, seed, 40)
    count = comments.count("- name:")
    words = " ".join(texts).split()
    assert all(words.count(f"w{i}x") == comments.count(f"w{i}x ") + comments.count(f"w{i}x\n")
               for i in range(count))                                      # every word, once
    pages = [i for i, t in enumerate(texts) if "Person" in t]
    middle, leading = 148 * 72 / 25.4 / 2, 13.0
    columns = []
    for page in pages:
        left, right = column_lines(out, page, middle)
        columns += [[text for _, text in left], [text for _, text in right]]
        if page != pages[-1]:                               # a full page: level within four lines
            assert abs(left[-1][0] - right[-1][0]) <= 4 * leading + 6, (page, left[-1], right[-1])
    split = 0
    for column, after in zip(columns, columns[1:]):
        if after and not after[0].startswith("Person"):     # a comment going on from this column
            split += 1
            name = max(k for k, text in enumerate(column) if text.startswith("Person"))
            assert len(column) - name >= 3, column[name:]   # its name and two lines at least here
            going_on = next((k for k, text in enumerate(after) if text.startswith("Person")), len(after))
            assert going_on >= 2, after[:3]                 # and two lines at least there
    assert split


@pytest.mark.parametrize("words", [260, 12])
def test_a_comment_taller_than_a_column_alone_in_its_section_ends_level(tmp_path, words):
    """One long comment, alone in its section, filled the first column and left its last
    lines at the top of the next (the balancing took a comment at a column's top as one
    that could not be split). Its columns now end level; one too short to split (its name
    and two lines here, two there) stays whole."""
    text = " ".join(f"w{i}x" for i in range(words))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: Person0\n  text: {text}\n"})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    page = next(i for i, t in enumerate(page_texts(out)) if "Person0" in t)
    left, right = column_lines(out, page, 148 * 72 / 25.4 / 2)
    printed = " ".join(t for _, t in left + right).split()
    assert printed[printed.index("Person0") + 1:] == text.split()                   # every word, in order
    if words > 100:
        assert right and abs(left[-1][0] - right[-1][0]) <= 13.0 + 0.5, (len(left), len(right))
    else:
        assert not right


@pytest.mark.parametrize("seed", range(3))
def test_comments_of_several_paragraphs_go_on_over_a_columns_foot_too(tmp_path, seed):
    """A comment of several paragraphs was kept whole, and moved on to the next column when
    it did not fit, leaving up to its height empty at a column's foot. It now goes on over
    the foot as a comment of one paragraph does (its name and two lines here, two there),
    between its paragraphs or inside one: full pages' columns end within a few lines (they
    were up to 13 lines apart)."""
    import random

    rnd = random.Random(seed)
    comments = "".join(
        f"- name: Person{i}\n  text: |\n" + "\n\n".join(
            "    " + " ".join(f"w{i}x" for _ in range(rnd.randrange(4, 40))) for _ in range(rnd.randrange(2, 4))) + "\n"
        for i in range(rnd.randrange(40, 70)))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    texts = page_texts(out)
    words = " ".join(texts).split()
    assert all(words.count(f"w{i}x") == comments.count(f"w{i}x") for i in range(comments.count("- name:")))
    pages = [i for i, t in enumerate(texts) if "Person" in t]
    for page in pages[:-1]:
        left, right = column_lines(out, page, 148 * 72 / 25.4 / 2)
        # (within five lines: a comment of a line and a name, then two, goes on whole)
        assert abs(left[-1][0] - right[-1][0]) <= 5 * 13.0 + 6, (page, left[-1], right[-1])
    if seed == 1:
        # the last page, balanced: one of several paragraphs is counted going on between
        # them (it was counted whole, and its columns ended 59 pt apart)
        left, right = column_lines(out, pages[-1], 148 * 72 / 25.4 / 2)
        assert abs(left[-1][0] - right[-1][0]) <= 13.0, (left[-1], right[-1])


def test_a_comment_split_across_columns_keeps_its_lines_and_can_be_used_again(monkeypatch):
    """Its two pieces are set in its own lines, not broken again (three times the breaking
    for each comment split); and its lines stay as they were (reportlab's split adds a space
    to each line's last word), so `make --watch` and --fit's next layout use it again."""
    from booklet.flowables import WholeParagraph

    styles = Styles(load_theme("classic"), "en-GB")
    text = "Ann<br/>" + " ".join(f"word{i} and the race" for i in range(40))
    para = WholeParagraph(styles.markup(text, "comment").replace("&lt;br/&gt;", "<br/>"), styles["comment"])
    para.wrap(150, 1e4)
    before = [[str(w.text) for w in line.words] for line in para.blPara.lines]
    leading = styles["comment"].leading
    monkeypatch.setattr(WholeParagraph, "breakLines", lambda *a: pytest.fail("broken into lines again"))
    first, rest = para.split(150, 6.5 * leading)
    assert first.wrap(150, 1e4)[1] == 6 * leading
    assert rest.wrap(150, 1e4)[1] == (len(before) - 6) * leading
    assert [[str(w.text) for w in line.words] for piece in (first, rest) for line in piece.blPara.lines] == before
    assert [[str(w.text) for w in line.words] for line in para.blPara.lines] == before
    assert not getattr(para, "_was_split", False)
    monkeypatch.undo()                  # split again (a third column), it is its own lines first
    again = rest.split(150, 3.5 * leading)
    for piece in again:                 # (set again from their own words, at another width)
        piece.wrap(151, 1e4)
    assert " ".join(str(w.text).strip() for piece in again for line in piece.blPara.lines for w in line.words) \
        == " ".join(" ".join(words) for words in before[6:])


def tallest_comment(pdf, page: int, middle: float, leading: float = 13.0) -> float:
    """The height of the tallest comment ('PersonN' and its lines) on a page of two columns."""
    tallest = 0.0
    for column in column_lines(pdf, page, middle):
        top = bottom = None
        for y, text in column + [(None, "Person")]:
            if text.startswith("Person"):
                if top is not None:
                    tallest = max(tallest, top - bottom + leading)
                top = y
            bottom = y
    return tallest


@pytest.mark.parametrize("seed", range(6))
def test_comments_of_several_paragraphs_still_end_level(tmp_path, seed):
    """A comment of two paragraphs (kept together, as one of one paragraph is kept whole)
    measured as 0xffffff, KeepTogether's way of asking to be split: a last page holding one
    was never balanced, its first column full and the second short."""
    import random

    rnd = random.Random(seed)
    count = rnd.randrange(8, 40)
    two = {count - 2, *rnd.sample(range(count), 2)}         # (one among the last)

    def text(i):
        words = " ".join(f"w{i}x" for _ in range(rnd.randrange(3, 40)))
        return f'"{words}\\n\\nAnd w{i}y w{i}y w{i}y."' if i in two else words

    comments = "".join(f"- name: Person{i}\n  text: {text(i)}\n" for i in range(count))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    texts = page_texts(out)
    assert all(f"Person{i}" in " ".join(texts) for i in range(count))
    last = max(i for i, t in enumerate(texts) if "Person" in t)
    assert f"w{count - 2}y" in texts[last]
    middle = 148 * 72 / 25.4 / 2
    left, right = column_bottoms(out, last, middle)
    assert right is not None
    assert abs(left - right) <= tallest_comment(out, last, middle), (left, right)


@pytest.mark.parametrize("kind", ["story", "timeline", "questions"])
@pytest.mark.parametrize("seed", range(3))
def test_a_story_timeline_or_questions_in_columns_end_level_on_their_last_page(tmp_path, kind, seed):
    """Only comments had balanced columns: a story, a timeline or questions set in two
    columns filled the first column of their last page and left the second short or empty.
    They are split between lines and rows as they would be, to columns of equal height."""
    import random

    rnd = random.Random(seed)
    count = rnd.randrange(6, 30)
    words = [" ".join(f"w{i}x" for _ in range(rnd.randrange(4, 60))) for i in range(count)]
    items = "".join(f"Item{i} {w}\n\n" for i, w in enumerate(words))
    files = {"story": ("story.md", "# Story\n\nOpening words.\n\n" + items),
             "timeline": ("timeline.yaml", "".join(f"- date: '{1900 + i}'\n  event: Item{i} {w}\n"
                                                   for i, w in enumerate(words))),
             "questions": ("questions.yaml", "".join(f"- Item{i} {w}?\n" for i, w in enumerate(words)))}
    name, text = files[kind]
    yaml = TINY["booklet.yaml"] + ("" if kind == "story" else f"  - type: {kind}\n    file: {name}\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, name: text,
                                            "two.yaml": f"extends: classic\nsections:\n  {kind}: {{columns: 2}}\n"})
    out = tmp_path / "b.pdf"
    build(folder, layout=str(folder / "two.yaml"), output=out)
    texts = page_texts(out)
    assert all(f"Item{i}" in " ".join(texts) for i in range(count))
    last = max(i for i, t in enumerate(texts) if "Item" in t)
    middle = 148 * 72 / 25.4 / 2
    left, right = column_bottoms(out, last, middle)
    assert left is not None and right is not None, texts[last][:200]
    top = max(column_tops(out, last, middle))
    # level to within three lines (a paragraph's first and last two lines are kept together),
    # or, where an entry or question is not split, within a quarter of the columns' height
    assert abs(left - right) <= 3 * 13 + 1 or min(top - left, top - right) >= 0.75 * max(top - left, top - right)


def column_tops(pdf, page: int, middle: float):
    """The highest text baseline in the left and the right column of a page (in points)."""
    highs = {0: 0.0, 1: 0.0}

    def visit(text, cm, tm, font, size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip() and 45 < y < 560:
            highs[int(x > middle)] = max(highs[int(x > middle)], y)

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return highs[0], highs[1]


def line_starts(path) -> dict[str, float]:
    """The x at which each line of text starts (its first word as key), on every page."""
    starts: dict[str, float] = {}

    def keep(text, cm, tm, font, size):
        if text.strip():
            starts.setdefault(text.split()[0], tm[4] * cm[0] + cm[4])

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=keep)
    return starts


@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_a_quote_in_a_quote_is_indented_further(tmp_path, layout):
    story = ("# Story\n\nFirst words.\n\n> Outer words of the quote.\n>\n> > Inner words, quoted in it.\n>\n"
             "> > > Innermost words, deeper still.\n>\n> Outerafter words, back out.\n>\n> - Listed words\n\n"
             "- Unquoted list\n\n## Next\n\nPlain words.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, layout=layout, output=tmp_path / "b.pdf")
    x = line_starts(tmp_path / "b.pdf")
    assert x["Plain"] < x["Outer"] == x["Outerafter"]          # (Plain follows a heading: not indented)
    assert x["Outer"] + 5 < x["Inner"] and x["Inner"] + 5 < x["Innermost"]
    assert x["Unquoted"] + 5 < x["Listed"]                   # a list in a quote is indented with it


HEBREW = "שלום עולם זה טקסט ארוך בעברית שנכתב כדי לבדוק את השבירה של השורות בתוך ציטוט מקונן " * 3


@pytest.mark.parametrize("story", [
    f"# S\n\nFirst words.\n\n- {HEBREW}\n\nAfter.\n",                                   # in a list
    f"# S\n\nFirst words.\n\n> Outer words.\n>\n> > {HEBREW}\n\nAfter.\n",               # in a quote in a quote
])
def test_right_to_left_lines_fit_where_they_are_indented(tmp_path, story):
    # right-to-left text is broken into lines by us, for the column less its style's
    # indents; in a list or a nested quote the room is narrower, and platypus broke each
    # of our lines again: stray words on lines of their own, out of reading order
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    text = PdfReader(str(tmp_path / "b.pdf")).pages[2].extract_text()
    hebrew = [line for line in text.splitlines() if any("\u0590" <= ch <= "\u05ff" for ch in line)]
    assert len(hebrew) >= 4
    assert all(len(line.split()) >= 4 for line in hebrew[:-1]), hebrew


def test_a_right_to_left_list_has_its_bullets_on_the_right(tmp_path):
    story = f"# S\n\nFirst words.\n\n- {HEBREW}\n- פריט שני\n\nMiddle words.\n\n- English item\n- another\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    runs = []

    def keep(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(str(tmp_path / "b.pdf")).pages[2].extract_text(visitor_text=keep)
    middle = next(y for text, x, y in runs if text.startswith("Middle"))
    hebrew_x = [x for text, x, y in runs if "\u05d0" <= text[0] <= "\u05ea"]
    bullets = {y > middle: x for text, x, y in runs if text == "•"}       # above Middle: the Hebrew list
    english = next(x for text, x, y in runs if text.startswith("English"))
    assert bullets[True] > max(hebrew_x) and bullets[False] < english


def test_numbered_lists_have_full_stops_and_room_for_their_numbers(tmp_path):
    story = "# S\n\nFirst words.\n\n98. Ninety\n99. Nines\n100. Hundred\n101. Onehundred\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    words = _word_spans(tmp_path / "b.pdf", page=2)
    for label, text in (("98.", "Ninety"), ("100.", "Hundred"), ("101.", "Onehundred")):
        assert words[label][1] + 3 < words[text][0], (label, words[label], words[text])   # a space between
    assert len({round(words[text][0]) for text in ("Ninety", "Nines", "Hundred", "Onehundred")}) == 1



def test_an_indented_poem_keeps_its_lines_and_indents_set_flush_left(tmp_path):
    """Four spaces before each line make a Markdown code block: a poem pasted indented
    was set justified, stretched across the column, its own indents lost."""
    import pypdfium2 as pdfium

    poem = ["Do not stand at my grave and weep,", "    I am not there; I do not sleep.",
            "I am a thousand winds that blow,", "\tI am the diamond glints on snow."]     # a tab: four spaces
    story = "# S\n\nFirst words.\n\n" + "".join(f"    {line}\n" for line in poem) + "\nLast words.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    text = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[2].get_textpage()
    lines = {}                                      # line -> its left and right edges, as printed
    for line in map(str.strip, poem):
        at = text.search(line).get_next()
        assert at is not None, f"not printed as one line: {line}"
        boxes = [text.get_charbox(i) for i in range(at[0], at[0] + at[1])]
        lines[line] = (boxes[0][0], boxes[-1][2])
    (a, a_end), (b, _), (c, c_end), (d, _) = (lines[line.strip()] for line in poem)
    assert a == pytest.approx(c, abs=1.5)                       # flush left, as written (glyph edges)
    assert 8 < b - a < 20 and 8 < d - c < 20                    # the poem's own indents, four spaces
    assert abs(a_end - c_end) > 5                               # not stretched to one width



def test_a_poem_typed_line_by_line_keeps_its_lines_and_wrapped_prose_does_not(tmp_path):
    """Markdown joins the lines of a paragraph: a poem typed line by line (as a family types
    'Do not stand at my grave and weep') was printed as prose, its lines run together. Its
    lines are kept, set flush left; prose wrapped by an editor is still one paragraph."""
    import pypdfium2 as pdfium

    poem = ["Do not stand at my grave and weep,", "I am not there; I do not sleep.",
            "I am a thousand winds that blow,", "I am the diamond glints on snow."]
    prose = ("Prose typed in an editor that wraps its lines at about eighty characters, as\n"
             "the example's story is, is one paragraph: its line breaks are the editor's.\n")
    quoted = ["Because I could not stop for Death –", "He kindly stopped for me –"]
    story = ("# S\n\nFirst words.\n\n" + "\n".join(poem) + "\n\n" + prose + "\n"
             + "".join(f"> {line}\n" for line in quoted))
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    text = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[2].get_textpage()
    lefts = []
    for line in poem + quoted:
        at = text.search(line).get_next()
        assert at is not None, f"not printed as one line: {line}"
        lefts.append(text.get_charbox(at[0])[0])
        after = text.get_text_range(at[0] + at[1], 3)
        assert after.startswith(("\r\n", "\n")) or not after.strip(), f"more on the line of: {line}"
    assert max(lefts[:4]) - min(lefts[:4]) < 1.5 and lefts[4] > lefts[0] + 8   # flush left; the quote indented
    printed = " ".join(text.get_text_range().split())
    assert "as the example's story is" in printed.replace("\ufffe", "")      # the editor's break is gone


def test_a_markdown_table_is_set_as_a_table(tmp_path):
    """A table typed in the story (GitHub's pipes) was printed as one line of text:
    '| Runner | Time | |---|---:| | Derek Redmond | 45.02 | ...'."""
    import pypdfium2 as pdfium

    story = ("# S\n\nFirst words.\n\n| Runner | Round | Time |\n|---|---|---:|\n"
             "| Derek Redmond | first round | 45.02 |\n| Derek Redmond | quarterfinal | 45.03 |\n"
             "| Steve **Lewis** | semifinal | 44.50 |\n\nLast words.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    result = build(folder, output=tmp_path / "b.pdf")
    assert [c.status for c in result.preflight if c.name in ("fonts", "safe area")] == ["ok", "ok"]
    text = page_texts(tmp_path / "b.pdf")[2]
    assert "|" not in text and "---" not in text
    page = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[2].get_textpage()

    def box(word):
        at = page.search(word).get_next()
        assert at is not None, word
        return page.get_charbox(at[0])[0], page.get_charbox(at[0] + at[1] - 1)

    # a row's cells on one line, a column's cells under each other, the time column set right
    runner, rnd, time = box("Runner"), box("Round"), box("Time")
    assert abs(runner[1][1] - rnd[1][1]) < 1 and runner[0] < rnd[0] < time[0]
    first, quarter = box("first round"), box("quarterfinal")
    assert abs(first[0] - rnd[0]) < 1 and abs(quarter[0] - rnd[0]) < 1 and quarter[1][1] < first[1][1]
    assert abs(box("45.02")[1][2] - box("44.50")[1][2]) < 1         # right edges level
    assert "Lewis" in text and text.index("Runner") < text.index("45.02") < text.index("Last words")



@pytest.mark.parametrize("layout, smaller", [("classic", True), ("large-print", False)])
def test_a_table_too_wide_for_its_words_is_set_smaller_not_broken(tmp_path, layout, smaller):
    """A results table of ten columns broke 'Country' into 'Coun-try' and 'Redmond' into
    'Dere / k Re / dmo / nd'. Set smaller (to 70% of the text at most, never under the
    layout's smallest text), each word is whole; large print keeps its size and breaks."""
    import pypdfium2 as pdfium

    head = "| Year | Athlete | Country | Event | Heat | Quarter | Semi | Final | Medal | Notes |\n" + "|---" * 10 + "|\n"
    rows = ("| 1992 | Derek Redmond | Britain | 400 metres | 45.03 | 45.02 | DNF | — | — | Hamstring |\n"
            "| 1992 | Quincy Watts | United States | 400 metres | 45.97 | 44.97 | 44.06 | 43.50 | Gold | Olympic record |\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "# S\n\nFirst words.\n\n" + head + rows})
    build(folder, layout=layout, output=tmp_path / "b.pdf")
    page = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[2].get_textpage()
    words = "Athlete Country Quarter Hamstring Redmond Britain metres Olympic".split()
    whole = [w for w in words if page.search(w).get_next() is not None]
    first = page.search("First").get_next()[0]
    body, cell = (page.get_charbox(i)[3] - page.get_charbox(i)[1] for i in (first, page.search("1992").get_next()[0]))
    if smaller:
        assert whole == words and 0.65 < cell / body < 0.8
    else:
        assert len(whole) < len(words) and cell / body > 0.85     # 14 pt at least: words broken


@pytest.mark.parametrize("least, most, room, expected", [
    ([20, 30], [40, 60], 200, [40, 60]),                     # all fit: as wide as their text
    ([20, 30], [40, 160], 150, [20 + 100 * 20 / 150, 30 + 100 * 130 / 150]),   # the room left shared
    ([50, 50, 100], [60, 60, 200], 200, [50, 50, 100]),      # exactly their longest words
    ([30, 20, 60, 25, 300], [30, 20, 60, 25, 300], 200, [30, 20, 60, 25, 65]),  # only the widest broken
    ([30, 30, 30], [90, 90, 90], 60, [20, 20, 20]),           # none fits: one width for all
])
def test_table_column_widths(least, most, room, expected):
    from booklet.compose import _column_widths

    widths = _column_widths(least, most, room)
    assert widths == pytest.approx(expected) and sum(widths) <= room + 1e-9



def test_a_long_code_block_keeps_every_line_whole_and_flush_left(tmp_path):
    """A block longer than a paragraph is set in pieces; a piece ended in the middle of a
    line ('line 360' and 'of a very long code block' on two lines), and the pieces after
    the first were set justified like body text."""
    import pypdfium2 as pdfium

    lines = [f"line {i} of a long block" for i in range(400)]
    story = "# S\n\nFirst.\n\n" + "".join(f"    {line}\n" for line in lines) + "\nLast.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    printed, lefts = [], set()
    for page in pdfium.PdfDocument(str(tmp_path / "b.pdf")):
        text = page.get_textpage()
        for found in text.get_text_range().splitlines():
            if found.startswith("line "):
                printed.append(found.strip())
                at = text.search(found.strip()).get_next()
                lefts.add(round(text.get_charbox(at[0])[0]))
    assert printed == lines
    assert len(lefts) <= 2                 # flush left (left and right pages)


def _word_spans(pdf, page: int) -> dict[str, tuple[float, float]]:
    """word -> (left, right) on a page, from pdfium's character boxes (poppler need not be there)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    text = doc[page].get_textpage()
    words, word, left, right = {}, "", 0.0, 0.0
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        x0, _, x1, _ = text.get_charbox(i)
        if ch.isspace() or not ch:
            if word:
                words[word] = (left, right)
            word = ""
            continue
        left, word = (x0 if not word else left), word + ch
        right = x1
    if word:
        words[word] = (left, right)
    doc.close()
    return words



def test_a_very_long_paragraph_is_set_in_pieces_without_gaps_between_them(tmp_path):
    """A paragraph over 20,000 characters is set as several (platypus re-wraps what is left
    of a paragraph at every page it splits); a pull-quote's 14 pt above each piece opened a
    gap in the middle of one paragraph, every 2,500 characters."""
    composer = composer_for("modern", tmp_path)
    sentence = "Derek ran on towards the line with his father beside him. "
    pieces = composer.paras(sentence * 700, "quote", "quotes.yaml")
    assert len(pieces) == 3                                   # 41,300 characters
    assert pieces[0].style.spaceBefore == composer.styles["quote"].spaceBefore > 0
    assert [p.style.spaceBefore for p in pieces[1:]] == [0, 0]
    assert " ".join(p.text for p in pieces).split() == (sentence * 700).split()


def test_a_eulogy_of_two_thousand_words_in_one_paragraph_is_set_as_one(tmp_path):
    """Set in pieces of 6,000 characters, a eulogy pasted as one paragraph had a line end
    in its middle where two pieces met, read as a new paragraph; every line of it but the
    last now runs to the right margin."""
    import pypdfium2 as pdfium

    sentence = "He was a kind and generous man who always had time for his family and friends. "
    eulogy = sentence * 150                                      # 12,150 characters, 2,250 words
    composer = composer_for("classic", tmp_path)
    assert len(composer.paras(eulogy, "body", "story.md")) == 1
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": f"# A life\n\n{eulogy}\n\nThe end.\n"})
    build(folder, output=tmp_path / "b.pdf")
    doc = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    lines, short = 0, []                    # the eulogy's lines that end short of the right margin
    for number, page in enumerate(doc):
        text = page.get_textpage()
        ends, words = {}, {}
        for i in range(text.count_chars()):
            x0, y0, x1, y1 = text.get_charbox(i, loose=True)
            if 100 < y0 < page.get_height() - 60:
                ends[round(y0)] = max(ends.get(round(y0), 0), x1)
                words[round(y0)] = words.get(round(y0), "") + text.get_text_range(i, 1)
        ours = [y for y in ends if len(words[y].strip()) > 1 and words[y].strip().rstrip("-") in eulogy]
        lines += len(ours)
        short += [(number, words[y]) for y in ours if ends[y] < max(ends[y] for y in ours) - 3]
    doc.close()
    assert lines > 100 and len(short) == 1, short            # its last line


def test_a_very_long_poem_is_set_in_pieces_of_80_lines_that_read_as_one(tmp_path):
    """30,000 short lines were set in pieces of 6,000 characters, 57 pages each, which
    platypus re-wrapped at every page: 26 s. A piece of a poem or a code block now ends
    after 80 lines, and only the first has space above, only the last space below."""
    poem = "\n".join(f"Line {i} of the hymn" for i in range(1, 201))
    composer = composer_for("classic", tmp_path, story=f"Opening words.\n\n{poem}\n\nClosing words.\n")
    pieces = [f for f in composer.compose() if isinstance(f, Paragraph) and "of the hymn" in f.text]
    assert [f.text.count("<br/>") for f in pieces] == [79, 79, 39]       # 80, 80 and 40 lines
    assert pieces[0].style.spaceBefore > 0 and pieces[-1].style.spaceAfter > 0
    assert [f.style.spaceAfter for f in pieces[:-1]] == [0, 0] and [f.style.spaceBefore for f in pieces[1:]] == [0, 0]


def test_a_long_run_without_spaces_is_set_in_short_pieces_and_kept_whole(tmp_path):
    """10,000 characters of '-a-a-a' in one piece of 6,000 took 5 s (reportlab measures
    every way to break the run at every line): pasted runs are set in pieces of 1,000.
    Chinese, written without spaces, keeps its long pieces; every character is printed."""
    from booklet.compose import chunks
    from booklet.model import Span

    def sizes(text):
        return [sum(len(s.text) for s in piece) for piece in chunks([Span(text)])]

    assert sizes("-a" * 5000) == [1000] * 10
    assert sizes("父亲和儿子一起跑到终点线" * 2000) == [20000, 4000]
    assert sizes("words and more " * 1600) == [19995, 4005]
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "Opening words.\n\n" + "-a" * 5000 + "\n"})
    build(folder, output=tmp_path / "b.pdf")
    printed = "".join("".join(page.extract_text().split()) for page in PdfReader(str(tmp_path / "b.pdf")).pages)
    assert printed.count("-") == 5000      # (a page's head and number fall between some "-" and "a")


COMPOUNDS = "well-known father-and-son twenty-six one-legged never-ending long-standing 400-metre self-belief".split()
PLAIN = "the race was over for him but he got up and ran again towards the line while his father came".split()


def _story_words(rng, n, share=0.15):
    return " ".join(rng.choice(COMPOUNDS) if rng.random() < share else rng.choice(PLAIN) for _ in range(n))


def test_a_paragraph_split_between_pages_keeps_the_hyphens_of_its_words(tmp_path):
    """reportlab put a word broken at its hyphen ('well-' / 'known') back together as
    'wellknown' when it split the paragraph between pages: the first part no longer fitted
    the lines it was measured on, and the build stopped with 'Splitting error' (28 of 30
    stories with hyphenated words, in every layout)."""
    import random

    rng = random.Random(1)
    style = Styles(load_theme("classic"), "en-GB")
    body = style.paragraph["body"]
    checked = 0
    for _ in range(40):
        text = _story_words(rng, 150)
        para = Paragraph(style.markup(text, "body", "story.md"), body)
        para.wrap(330, 10_000)
        for lines in range(2, len(para.blPara.lines) - 1):
            parts = para.split(330, lines * body.leading + 0.1)
            if len(parts) == 2:
                first = parts[0]
                assert first.wrap(330, 10_000)[1] <= lines * body.leading + 0.1
                printed = " ".join("".join(f.text for f in line.words) for line in first.blPara.lines)
                assert [w for w in printed.split() if "-" in w and not w.endswith("-") and w not in text] == []
                assert not [c for c in COMPOUNDS if c.replace("-", "") in printed]
                checked += 1
    assert checked > 100
    story = "Opening words.\n\n" + "\n\n".join(_story_words(rng, 300) for _ in range(12)) + "\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")        # (it stopped with a LayoutError)


def test_a_hyphenated_word_breaks_after_its_own_hyphen_not_before_it(tmp_path):
    """pyphen offers 'father' / '-and-son' and reportlab added a hyphen to the first part:
    'father-' ended a line and '-and-son' began the next (10 times in a story of
    compounds)."""
    from booklet.styles import hyphenator

    assert hyphenator("en_GB")("father-and-son") == [("father-and-", "son"), ("father-", "and-son")]
    assert hyphenator("en_GB")("well-known") == [("well-", "known")]
    rng = __import__("random").Random(2)
    story = "Opening words.\n\n" + "\n\n".join(_story_words(rng, 200, share=0.3) for _ in range(8)) + "\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    lines = [line for page in PdfReader(str(tmp_path / "b.pdf")).pages for line in page.extract_text().splitlines()]
    assert [line for line in lines if line.startswith("-")] == []
    assert sum(line.endswith("-") for line in lines) > 10           # (words do break at their hyphens)


def test_a_long_compound_with_digits_breaks_after_its_hyphens(tmp_path):
    """reportlab does not hyphenate 'Barcelona-1992-semi-final' (digits), so a compound
    longer than the room was cut where the line was full: lines began '-semi-final'."""
    style = Styles(load_theme("classic"), "en-GB")
    body = style.paragraph["body"]
    word = "Barcelona-1992-semi-final-400-metres-relay-heat-two-lane-five"
    para = Paragraph(style.markup(" ".join([word] * 6), "body", "story.md"), body)
    para.wrap(150, 10_000)
    lines = ["".join(f.text for f in line.words) for line in para.blPara.lines]
    assert len(lines) > 6
    assert [line for line in lines if line.startswith("-")] == []
    assert sum(line.endswith("-") for line in lines) >= len(lines) // 2
    for width in range(120, 260, 3):       # wherever the line is full, even right after 'Olympic'
        para = Paragraph(style.markup("The race at the Olympic-Games-Barcelona-1992-semi-final-400-metres heat",
                                      "body", "story.md"), body)
        para.wrap(width, 10_000)
        lines = ["".join(f.text for f in line.words) for line in para.blPara.lines]
        assert [line for line in lines if line.startswith("-")] == [], width


def test_a_soft_hyphen_after_a_hyphen_keeps_both_when_the_paragraph_is_split(tmp_path):
    """'ex-' followed by a soft hyphen lost its hyphen when a split paragraph was put back
    together ('ex--' became 'ex'), and the build stopped with 'Splitting error' (a story
    from a typography fuzz, cut down to the paragraphs that still failed)."""
    import random
    from pathlib import Path

    story = (Path(__file__).parent / "data" / "soft-hyphens-story.md").read_text(encoding="utf-8")
    folder = write_booklet(tmp_path / "s", {**TINY, "story.md": story,
                                            "booklet.yaml": "title: T\nsections:\n  - type: story\n    file: story.md\n"})
    build(folder, layout="large-print", output=tmp_path / "s.pdf")         # (a LayoutError before)

    rng = random.Random(4)
    style = Styles(load_theme("large-print"), "en-GB")
    body = style.paragraph["body"]
    words = PLAIN + ["ex-\u00adwife", "a\u00adnother", "well-known"]
    checked = 0
    for _ in range(30):
        text = " ".join(rng.choice(words) for _ in range(120))
        para = Paragraph(style.markup(text, "body", "story.md"), body)
        para.wrap(260, 10_000)
        for lines in range(2, len(para.blPara.lines) - 1):
            parts = para.split(260, lines * body.leading + 0.1)
            if len(parts) == 2:
                assert parts[0].wrap(260, 10_000)[1] <= lines * body.leading + 0.1
                printed = " ".join("".join(f.text for f in line.words) for line in parts[0].blPara.lines)
                assert "exwife" not in printed.replace("\u00ad", "")
                checked += 1
    assert checked > 50


def test_a_heading_stays_with_the_first_lines_of_a_long_paragraph_not_alone_or_moved(tmp_path):
    """A heading keeps with what follows it. reportlab's own KeepTogether was grouping them
    (the doc template set it over ours), and moved a heading and a long paragraph to the
    next page when the paragraph did not fit whole: most of a page left empty (a rule
    alone on it). The heading now stays with the paragraph's first lines where they fit;
    where they do not, both go on, the heading never alone at a page's foot."""
    rng = __import__("random").Random(5)
    opening, long_one = _story_words(rng, 100, share=0), _story_words(rng, 330, share=0)  # a page less a little
    story = f"{opening} Endword.\n\n---\n\n## The Heading Here\n\nStartword {long_one}.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    pages = [page.extract_text() for page in PdfReader(str(tmp_path / "b.pdf")).pages]
    [at] = [i for i, text in enumerate(pages) if "The Heading Here" in text]
    assert "Startword" in pages[at]                     # its paragraph begins on its page
    assert "Endword" in pages[at]                       # and that is the page the story began on
    for text in pages:                                  # no heading as a page's last line
        assert not text.rstrip().rsplit("\n", 2)[-2:][0].endswith("The Heading Here")


def test_a_comment_of_a_long_poem_reads_as_one(tmp_path):
    """A comment set in pieces (a pasted poem of 100 lines: 80 lines a piece) had the
    comment style's space between its pieces and an empty line where they met."""
    from booklet.flowables import Together

    poem = "\n".join(f"    Line {i} of the poem" for i in range(1, 101))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: Ann\n  text: |\n{poem}\n"})
    composer = Composer(load_booklet(folder), Styles(load_theme("classic")), tmp_path)
    [group] = [f for f in composer.compose() if isinstance(f, Together) and getattr(f, "_column_item", False)]
    first, second = group._content
    assert first.style.spaceAfter == 0 and second.style.spaceBefore == 0
    assert second.style.spaceAfter == composer.styles["comment"].spaceAfter
    assert not first.text.endswith("<br/>") and first.text.count("<br/>") == 80    # the name's, and 79
    assert "Line 100 of the poem" in second.text


def test_a_table_row_taller_than_a_page_is_split_across_pages(tmp_path):
    """A table cell of 600 words stopped the build: 'the layout could not be completed:
    Flowable <Table@0x7F...> with cell(0,0) ... too large on page 4'. Its row is now
    split across pages, the header repeated above each part; a header that is itself tall
    is not repeated (it could not be), and is split too."""
    words = " ".join(f"cell{i}" for i in range(600))
    story = f"# S\n\nFirst.\n\n| Name | Words |\n|---|---|\n| x | {words} |\n| y | after |\n\nEnd.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "b.pdf")
    texts = page_texts(tmp_path / "b.pdf")
    printed = " ".join(texts).split()
    assert all(f"cell{i}" in printed for i in range(600)) and "after" in printed
    assert sum("Words" in t for t in texts) >= 3                      # the header on each page of it
    head = " ".join(f"head{i}" for i in range(400))
    story = f"# S\n\nFirst.\n\n| {head} | B |\n|---|---|\n| x | {words} |\n\nEnd.\n"
    folder = write_booklet(tmp_path / "c", {**TINY, "story.md": story})
    build(folder, output=tmp_path / "c.pdf")
    printed = " ".join(page_texts(tmp_path / "c.pdf")).split()
    assert all(f"head{i}" in printed for i in range(400)) and all(f"cell{i}" in printed for i in range(600))


def _lines(paragraph) -> list[str]:
    from booklet.shaping import stands_for

    return ["".join(stands_for(f.fontName, c) or c if "\ue000" <= c <= "\uf8ff" else c
                    for f in line.words for c in str(getattr(f, "text", "")))
            for line in paragraph.blPara.lines]


def test_a_word_with_a_ligature_is_hyphenated_like_any_other():
    """Shaped, 'scaffolding' has its 'ff' as one glyph, and reportlab never hyphenated a
    word with a ligature: a justified line of classic's was left 47 pt loose."""
    styles = Styles(load_theme("classic"), "en-GB")
    text = ("The official difference between the affectionate fluffy sufficient scaffolding and the "
            "magnificent unofficial flourishing effortlessly finished the reflection.")
    para = Paragraph(styles.markup(text, "body"), styles["body"])
    para.wrap(170, 1000)
    lines = _lines(para)
    assert "scaffold-" in [line.split()[-1] for line in lines]
    assert " ".join(lines).replace("- ", "") == text
    assert max(line.extraSpace for line in para.blPara.lines[:-1]) < 25


@pytest.mark.parametrize("layout", ["classic", "classroom", "large-print", "modern"])
def test_a_line_not_justified_is_never_wider_than_its_column(tmp_path, layout):
    """reportlab lets a line take 5% of each of its spaces to fit a last word: a justified
    line is drawn with its spaces narrowed so, but a ragged, centred or contents line is
    drawn as it is, and its last word ran up to a point past the column (a comment's into
    the gutter). Justified lines may still be so fitted; no other may."""
    import random

    composer = composer_for(layout, tmp_path)
    styles = composer.styles
    plain = [styles[name] for name in styles.paragraph if styles[name].alignment != TA_JUSTIFY]
    derived = [composer._left("body"), composer._toc_style(), composer._flush_right_style(styles["body"])]
    rnd = random.Random(layout)
    words = "they who to office shuffleboard affluent sufficient officially coffee the of stiffly".split()
    fitted = 0
    for style in plain + derived:
        for _ in range(60):
            text = " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 30)))
            para = Paragraph(styles.markup(text, "body"), style)
            para.wrap(rnd.randint(90, 300), 10000)
            lines = para.blPara.lines
            assert all(line.extraSpace > -1e-6 for line in lines if len(line.words) > 1), (style.name, text)
    for _ in range(100):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 30)))
        para = Paragraph(styles.markup(text, "body"), styles["body"])
        para.wrap(rnd.randint(90, 300), 10000)
        fitted += any(line.extraSpace < -1e-6 for line in para.blPara.lines) * (styles["body"].alignment == TA_JUSTIFY)
    assert fitted or styles["body"].alignment != TA_JUSTIFY       # (justified lines still fitted so)


def test_the_rest_of_a_word_broken_at_its_own_hyphen_is_still_kerned(tmp_path):
    """'not-to-' / 'encouraging': reportlab cut a shaped word at its own hyphen as plain
    text, and the lines either side of the break were drawn unshaped, their kerning lost.
    The rest of the word is now drawn as the same letters alone on a line are."""
    from reportlab.pdfgen.canvas import Canvas

    styles = Styles(load_theme("classic"), "en-GB")
    style = styles["comment"]                   # (ragged: hyphenated only where a word is longer than a line)

    def set_at(text, width):
        para = Paragraph(styles.markup(text, "comment"), style)
        para.wrap(width, 1000)
        return para

    inks = []
    for text in ("Yes indeed so To-WAWAWAWAWA", "WAWAWAWAWA"):
        # the widest line at which it breaks at its hyphen, the compound narrower than a line
        width = next(w for w in range(200, 40, -1) if _lines(set_at(text, w))[-1:] == ["WAWAWAWAWA"])
        para = set_at(text, width)
        pdf = tmp_path / f"{len(text)}.pdf"
        canvas = Canvas(str(pdf), pagesize=(width + 20, 100))
        para.drawOn(canvas, 10, 10)
        canvas.save()
        line = rasterise(pdf, 0, 4).crop((0, 300, 4 * (width + 20), 400))      # the last line
        box = ink_box(line)
        inks.append(box[2] - box[0])
    assert abs(inks[0] - inks[1]) <= 1, inks


def test_a_word_is_hyphenated_inside_its_ligature_and_set_unjoined_there():
    """'dif-ferent', 'of-fice', 'Gif-fords': where the patterns break a word inside a
    ligature ('ff', 'ffi' one glyph), it was not broken at all, and its line was left
    loose (a justified column of 'Huffington and' with a gap of half the line). The
    ligature's letters are now set apart on either side of the break. Every width of a
    column keeps the text whole; in some the words break inside a ligature."""
    import pyphen

    styles = Styles(load_theme("classic"), "en-GB")
    text = ("Huffington and Giffords shuffled the offerings to the different offices, where the officers "
            "suffered the affluent effects of the coffee, unaffected and effortless.")
    patterns = pyphen.Pyphen(lang="en_GB")
    inside = 0
    for width in range(90, 200, 4):
        para = Paragraph(styles.markup(text, "body"), styles["body"])
        para.wrap(width, 1000)
        lines = _lines(para)
        assert " ".join(lines).replace("- ", "") == text, width
        for line, after in zip(lines, lines[1:]):
            if line.endswith("-") and line[-2:-1].isalpha():
                head, tail = line.split()[-1][:-1], after.split()[0]
                word = head + tail.rstrip(",.")
                assert len(head) in patterns.positions(word), (width, word)          # at a syllable
                inside += head[-1] == "f" and tail[0] in "fil"                      # in ff, fi, fl
    assert inside


@pytest.mark.parametrize("layout, style", [("classroom", "comment"), ("classic", "body"), ("large-print", "body")])
def test_a_word_longer_than_a_line_breaks_at_a_syllable_and_survives_a_page_break(layout, style):
    """A German compound wider than a column was cut where the line was full, no hyphen:
    '...aufgabenübe' / 'rtragungsgesetz'. Text set ragged now hyphenates such a word (and
    only such a word) at a syllable. And a paragraph split at any line keeps its lines:
    what was left of a word broken at a page's end, needing a second hyphen, ran past the
    column (in justified text too)."""
    styles = Styles(load_theme(layout), "de")
    word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
    text = f"Die Geschwindigkeitsbegrenzung lag auf dem {word}, und alle Kapitänsmützen waren da."
    width = 150 if layout != "large-print" else 260
    para = Paragraph(styles.markup(text, style), styles[style])
    para.wrap(width, 1000)
    whole = _lines(para)
    assert " ".join(whole).replace("- ", "") == text
    import pyphen

    marked = " ".join(whole).replace("- ", "|")          # where each hyphenated word was broken
    breaks = [w.strip(",.") for w in marked.split() if "|" in w]
    assert word in [b.replace("|", "") for b in breaks], whole
    patterns = pyphen.Pyphen(lang="de")
    for broken in breaks:                                  # at syllables, as the patterns have them
        at = [i - n for n, i in enumerate(m.start() for m in re.finditer(r"\|", broken))]
        assert set(at) <= set(patterns.positions(broken.replace("|", ""))), broken
    if style == "comment":            # ragged: only the word wider than a line is hyphenated
        assert all(b.replace("|", "") == word for b in breaks), whole
    for cut in range(2, len(whole)):
        fresh = Paragraph(styles.markup(text, style), styles[style])
        fresh.wrap(width, 1000)
        first, rest = fresh.split(width, styles[style].leading * cut + 0.5)
        first.wrap(width, 1000)
        rest.wrap(width, 1000)
        assert _lines(first) + _lines(rest) == whole, cut
        assert all(line.extraSpace >= -0.01 for part in (first, rest) for line in part.blPara.lines)


@pytest.mark.parametrize("shaping", [True, False])
@pytest.mark.parametrize("text", ["the crowd standing", "THE STADIUM IN THE EVENING, THE CROWD STANDING"])
def test_a_word_longer_than_a_line_after_others_begins_the_next_line(text, shaping, tmp_path):
    """In a narrow gallery cell in large type, 'standing' after 'crowd' was cut where the
    line was full, no hyphen ('crowd s' / 'tanding'; 'EVENIN' / 'G,'): a word wider than a
    line is hyphenated at the start of one, and was cut when it came after other words.
    It begins the next line now, and is hyphenated there at a syllable."""
    import pyphen

    from reportlab.lib.styles import ParagraphStyle

    (tmp_path / "plain.yaml").write_text("extends: classic\ntypography: {shaping: false}\n")
    styles = Styles(load_theme("classic" if shaping else str(tmp_path / "plain.yaml")))
    para = Paragraph(styles.markup(text, "caption"), ParagraphStyle("big", parent=styles["caption"], fontSize=36,
                                                                      leading=40))
    para.wrap(110, 1000)
    lines = [line.strip() for line in _lines(para)] if shaping else [" ".join(line[1]) for line in para.blPara.lines]
    assert " ".join(lines).replace("- ", "") == text, lines      # no word cut without a hyphen
    patterns = pyphen.Pyphen(lang="en")
    for line, after in zip(lines, lines[1:]):
        if line.endswith("-"):                          # and each hyphen at a syllable
            word = line.split()[-1] + after.split()[0]
            assert len(line.split()[-1]) - 1 in patterns.positions(word.replace("-", "").lower()), lines
    assert "STAND-" in lines or "stand-" in lines


@pytest.mark.parametrize("shaping", [True, False])
@pytest.mark.parametrize("width", [215, 230, 260, 300, 340])
def test_a_hyphenated_name_breaks_at_its_own_hyphen_not_inside_a_part(width, shaping, tmp_path):
    """A long title on the cover of the modern layout: 'Montgomery-Fitzwilli-' / 'am', and
    'Elizabeth Mont-' / 'gomery-Fitzwilliam': a compound was hyphenated inside a name while
    its own hyphen was the place to break it. Its own hyphen comes first, on its line or,
    when that is too full, on the next (a syllable only where no part fits a line)."""
    from reportlab.lib.styles import ParagraphStyle

    text = "In Loving Memory of Margaret Elizabeth Montgomery-Fitzwilliam, Beloved Mother"
    (tmp_path / "plain.yaml").write_text("extends: modern\ntypography: {shaping: false}\n")
    styles = Styles(load_theme("modern" if shaping else str(tmp_path / "plain.yaml")))
    para = Paragraph(styles.markup(text, "title"), ParagraphStyle("t", parent=styles["title"], alignment=0))
    para.wrap(width, 1000)
    lines = [line.strip() for line in _lines(para)] if shaping else [" ".join(line[1]).strip() for line in para.blPara.lines]
    assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", "").replace("-", ""), lines
    assert any(line.endswith("Montgomery-") for line in lines), lines
    assert not any(line.endswith(("Mont-", "Fitzwilli-", "Fitzwil-")) for line in lines), lines


def test_columns_too_narrow_for_their_type_are_said_with_the_setting_to_change(tmp_path):
    """Large print in three columns on a half-letter page set its story a word or two a
    line, with no word said. The bundled layouts' columns are not warned about."""
    folder = write_booklet(tmp_path / "b", TINY)
    (tmp_path / "narrow.yaml").write_text("extends: large-print\npage: {size: half-letter}\n"
                                          "sections:\n  story: {columns: 3}\n  comments: {columns: 2}\n")
    result = build(folder, layout=str(tmp_path / "narrow.yaml"), output=tmp_path / "a.pdf")
    said = [w for w in result.warnings if "letters a line" in w]
    assert len(said) == 2 and said[0].startswith("the story section's 3 columns hold about "), said
    assert "set sections.story.columns to 1 in your layout, or its text smaller" in said[0]
    assert said[1].startswith("the comments section's 2 columns hold about ")
    for layout in ("classic", "modern", "classroom", "large-print"):
        result = build(folder, layout=layout, output=tmp_path / f"{layout}.pdf")
        assert not [w for w in result.warnings if "letters a line" in w], layout

def test_a_timelines_dates_have_room_for_their_indents_or_the_layout_is_told(tmp_path):
    """A layout with indented dates: the date column was sized by the widest date alone,
    so an indent broke '1992' into '19' / '92'. Indents now widen the column; past nearly
    half the timeline (36 pt dates, a 17.6 mm indent, two columns, from the layout fuzz,
    one digit a line and 2 mm past the column) a warning names the settings to change."""
    files = {**TINY, "timeline.yaml": "- date: '1988'\n  event: Seoul.\n- date: '1992'\n  event: Barcelona.\n",
             "booklet.yaml": TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n"}
    folder = write_booklet(tmp_path / "b", files)
    (tmp_path / "indented.yaml").write_text("extends: classic\nstyles:\n  timeline_date: {size: 18, indent_left: 12mm}\n")
    result = build(folder, layout=str(tmp_path / "indented.yaml"), output=tmp_path / "a.pdf")
    text = "".join(page_texts(tmp_path / "a.pdf"))
    assert "1988" in text and "1992" in text, text
    assert not any("wider than their column" in w for w in result.warnings)
    (tmp_path / "huge.yaml").write_text("extends: modern\nstyles:\n  timeline_date: {size: 36, indent_right: 17.6mm}\n"
                                        "sections:\n  timeline: {columns: 2}\n")
    result = build(folder, layout=str(tmp_path / "huge.yaml"), output=tmp_path / "b.pdf")
    assert any(w.startswith("the timeline's dates are wider than their column: '1988' needs ") and
               "set timeline_date smaller or with smaller indents, or give the section one column" in w
               for w in result.warnings), result.warnings


def test_the_scripts_of_smaller_communities_have_a_font_too(tmp_path, monkeypatch):
    """Yi (8 million Nuosu), Manipuri's Meetei Mayek, Chakma, Hanifi Rohingya, Balinese,
    Sundanese, the Tai scripts, Cham, Batak, Buginese, Vai, Bamum, Limbu, Kayah Li, Osage,
    Saurashtra, Baybayin, Samaritan, Mandaic, Warang Citi (and runes, Gothic, Glagolitic)
    printed as empty boxes, with a warning: each has its Noto font now, read when needed."""
    texts = {"Yi": "ꆈꌠꁱꂷ", "Meetei": "ꯃꯤꯇꯩ ꯃꯌꯦꯛ", "Chakma": "𑄌𑄋𑄴𑄟𑄳𑄦", "Rohingya": "𐴌𐴟𐴇𐴥𐴝𐴚𐴒𐴙𐴝",
             "Balinese": "ᬅᬓ᭄ᬱᬭ", "Sundanese": "ᮃᮊ᮪ᮞᮛ ᮞᮥᮔ᮪ᮓ", "Tai Tham": "ᨲᩫ᩠ᩅᨾᩮᩬᩥᨦ", "Tai Le": "ᥖᥭᥰ ᥘᥫᥴ",
             "New Tai Lue": "ᦑᦲᧂᦟᦹ", "Cham": "ꨌꩌ", "Batak": "ᯘᯮᯒᯖ᯲ ᯅᯖᯂ᯲", "Buginese": "ᨒᨚᨈᨑ",
             "Vai": "ꕙꔤ", "Bamum": "ꚠꛉꚶꛀ", "Limbu": "ᤕᤠᤰᤌᤢᤱ", "Kayah Li": "ꤊꤢ꤬ꤛꤢ꤭", "Osage": "𐓏𐓘𐓻𐓘𐓻𐓟",
             "Tai Viet": "ꪼꪕꪒꪾ", "Saurashtra": "ꢱꣃꢬꢵꢯ꣄ꢡ꣄ꢬ", "Baybayin": "ᜊᜌ᜔ᜊᜌᜒᜈ᜔", "Runic": "ᚠᚢᚦᚨᚱᚲ",
             "Gothic": "𐌲𐌿𐍄𐌹𐍃𐌺", "Glagolitic": "ⰃⰾⰀⰳⱁⰾⰹⱌⰰ", "Samaritan": "ࠔࠌࠓࠉ", "Mandaic": "ࡌࡀࡍࡃࡀࡉࡀ",
             "Warang Citi": "𑢹𑣁𑣂"}
    result = _built_without_boxes(texts, tmp_path, monkeypatch)
    # copied out in the order typed (pypdf puts a space in a word of some of them where a
    # glyph stands apart: the letters are looked for, not the spaces)
    text = "".join(" ".join(page_texts(result.pdf)).split())
    right_to_left = [texts[name] for name in ("Rohingya", "Samaritan", "Mandaic")]
    assert [name for name, words in texts.items()
            if words not in right_to_left and "".join(words.split()) not in text] == []


def test_a_drop_caps_word_is_copied_and_read_whole(tmp_path):
    """The story's big initial was text of its own, below the first line: a PDF reader's
    copy, search and read-aloud had 'I' and then 'n the summer of 1992'. It is drawn as
    its glyph's outline (the same shape: pixels within antialiasing of the letter as text)
    and written again invisibly just before the rest of its word."""
    import pypdfium2 as pdfium

    from booklet.build import build
    out = tmp_path / "b.pdf"
    build(output=out)
    pdf = pdfium.PdfDocument(str(out))
    try:
        text = pdf[2].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "In the summer of 1992 Derek Redmond" in text and "\nn the summer" not in text
    page = rasterise(out, 2, scale=3).convert("L")
    box = ink_box(page.crop((150, 330, 195, 450)), threshold=150)     # the big I beside the first two lines
    assert box is not None and box[3] - box[1] > 45                    # two lines deep (3 px a point)


def test_a_short_timeline_entry_is_not_split_between_balanced_columns(tmp_path):
    """The last entry of a timeline in two columns, four lines long, was set two lines in
    each balanced column, the second pair under no date. A row of fewer than six lines
    goes on whole; a long one may still be split (each part two lines at least)."""
    import pypdfium2 as pdfium

    event = "Derek Redmond tears a hamstring in the semifinal; his father helps him to the finish line."
    files = {**TINY, "timeline.yaml": f"- date: '1992'\n  event: {event}\n",
             "booklet.yaml": TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n"}
    folder = write_booklet(tmp_path / "b", files)
    (tmp_path / "cols.yaml").write_text("extends: classic\nsections:\n  timeline: {columns: 2}\n")
    build(folder, layout=str(tmp_path / "cols.yaml"), output=tmp_path / "a.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "a.pdf"))
    try:
        page = next(p for p in pdf if "1992" in p.get_textpage().get_text_range())
        width, height = page.get_size()
        text = page.get_textpage()
        left = " ".join(text.get_text_bounded(0, 0, width / 2, height).split())
        right = " ".join(text.get_text_bounded(width / 2, height * 0.1, width, height * 0.9).split())  # (no folio)
    finally:
        pdf.close()
    assert "Derek Redmond" in left and "finish line." in left, (left, right)
    assert not right.strip(), right


@pytest.mark.parametrize("kind, lines", [("timeline", "- date: '{y}'\n  event: {text}\n"),
                                         ("schedule", "- time: '{y}'\n  item: {text}\n")])
def test_a_long_timeline_that_goes_on_from_the_last_page_begins_there(tmp_path, kind, lines):
    """With 'start: continue', a timeline (or an order of service) too long for what was
    left under the story went to a new page, heading and all, the story's page left mostly
    empty: platypus kept the heading with the whole table. Its first rows now stay."""
    text = "Something happened that year, and it is told here in a few words."
    files = {"story.md": "A short story.\n", f"{kind}.yaml": "".join(lines.format(y=1950 + i, text=text)
                                                                     for i in range(30)),
             "booklet.yaml": f"title: T\nsections:\n  - type: story\n    file: story.md\n"
                             f"  - type: {kind}\n    file: {kind}.yaml\n"}
    folder = write_booklet(tmp_path / "b", files)
    (tmp_path / "l.yaml").write_text(f"extends: classic\nsections:\n  {kind}: {{start: continue}}\n")
    pages = page_texts(build(folder, layout=str(tmp_path / "l.yaml"), output=tmp_path / "a.pdf").pdf)
    story = next(i for i, t in enumerate(pages) if "A short story." in t)
    assert "1950" in pages[story] and "1953" in pages[story], pages[story]


def _char_boxes(pdf_path, page_number: int, words: list[str]) -> dict:
    """Each word's first letter's box (left, bottom, right, top) on a page, and the page's
    letters' boxes under the key None."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        text = pdf[page_number].get_textpage()
        whole = text.get_text_range()
        found = {w: text.get_charbox(whole.index(w)) for w in words if w in whole}
        found[None] = [text.get_charbox(i) for i in range(text.count_chars()) if not whole[i].isspace()]
        return found
    finally:
        pdf.close()


@pytest.mark.parametrize("columns", [2, 3])
def test_a_section_set_to_go_on_after_one_in_columns_goes_on_below_them(tmp_path, columns):
    """'start: continue' after comments in columns began a new page, the columns' page left
    half empty (before that, it set the next section in what was left of the last column:
    photos over each other, a heading cut to 'Ph-', a build that hung). Where the columns
    end balanced, the next section goes on below them, across the page; where they fill
    their page, on the next."""
    comments = "".join(f"- name: Writer{i}\n  text: A few words from writer number {i} about the race.\n"
                       for i in range(6))
    yaml = TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n    title: Tributes\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "comments.yaml": comments,
                                            "tributes.yaml": "- from: Cy Oakes\n  text: A friend to all.\n"})
    (tmp_path / "l.yaml").write_text(f"extends: classic\nsections:\n  comments: {{columns: {columns}}}\n"
                                     "  tributes: {start: continue}\n")
    out = build(folder, layout=str(tmp_path / "l.yaml"), output=tmp_path / "a.pdf").pdf
    pages = page_texts(out)
    [here] = [i for i, t in enumerate(pages) if "Writer0" in t]
    assert "Writer5" in pages[here] and "Tributes" in pages[here] and "A friend to all." in pages[here], pages
    boxes = _char_boxes(out, here, ["Writer0", "Tributes", "Cy Oakes"] + [f"Writer{i}" for i in range(6)])
    lefts = sorted({round(boxes[f"Writer{i}"][0]) for i in range(6)})
    assert len(lefts) == columns, lefts                          # (set in the columns)
    above = [box for box in boxes[None] if box[1] > boxes["Tributes"][3]]       # (the columns' letters)
    assert min(box[1] for box in above) > boxes["Tributes"][3] + 10, "the heading below the columns, a gap between"
    assert abs(boxes["Tributes"][0] - boxes["Writer0"][0]) < 1, "across the page, at its left"

    # the columns filled to their page's foot: the section after them begins the next page
    many = "".join(f"- name: Writer{i}\n  text: {f'A few words from writer {i} about the race. ' * 6}\n"
                   for i in range(40))
    (folder / "comments.yaml").write_text(many)
    out = build(folder, layout=str(tmp_path / "l.yaml"), output=tmp_path / "b.pdf").pdf
    pages = page_texts(out)
    last = max(i for i, t in enumerate(pages) if "Writer39" in t)
    [tributes] = [i for i, t in enumerate(pages) if "A friend to all." in t]
    assert tributes in (last, last + 1)
    boxes = _char_boxes(out, tributes, ["Tributes"])
    above = [box for box in boxes[None] if box[1] > boxes["Tributes"][3]]
    if tributes == last:      # below columns that ended balanced, never inside the last one
        assert min(box[1] for box in above) > boxes["Tributes"][3] + 10


@pytest.mark.parametrize("language, first", [("he", "right"), ("ar-EG", "right"), ("en-GB", "left")])
def test_columns_are_read_from_the_right_in_a_booklet_written_right_to_left(tmp_path, language, first):
    """A Hebrew or Arabic reader begins a page at its right-hand column: the comments of a
    Hebrew booklet filled the left column first, and were read out of order. The frame
    for a section going on below the columns still spans them all."""
    words = "אבא ובן רצו יחד עד הסוף של המרוץ".split()
    comments = "".join(f"- name: Writer{i}z\n  text: {' '.join(words[(i * k) % 8] for k in range(40 + 5 * i))}\n"
                       for i in range(12))
    yaml = (TINY["booklet.yaml"].replace("sections:", f"language: {language}\nsections:")
            + "  - type: tributes\n    file: tributes.yaml\n    title: Tributes\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "comments.yaml": comments,
                                            "tributes.yaml": "- from: Cy Oakes\n  text: A friend to all.\n"})
    (tmp_path / "l.yaml").write_text("extends: classic\nsections:\n  comments: {columns: 2}\n"
                                     "  tributes: {start: continue}\n")
    out = build(folder, layout=str(tmp_path / "l.yaml"), output=tmp_path / "a.pdf").pdf
    pages = page_texts(out)
    seen = [i for i, t in enumerate(pages) if "Writer" in t]
    order = []
    for page in seen:
        boxes = _char_boxes(out, page, [f"Writer{i}z" for i in range(12)])
        sides = {i: boxes[f"Writer{i}z"][0] for i in range(12) if f"Writer{i}z" in boxes}
        middle = (min(sides.values()) + max(sides.values())) / 2
        reading = sorted(sides, key=lambda i: (sides[i] < middle if first == "right" else sides[i] > middle,
                                               -boxes[f"Writer{i}z"][1]))
        order += reading
    assert order == list(range(12)), order
    [last] = [i for i, t in enumerate(pages) if "Writer11z" in t]
    assert "A friend to all." in pages[last]                # below the balanced columns, across the page
    boxes = _char_boxes(out, last, ["Tributes", "Writer11z"])
    assert boxes["Tributes"][1] < min(box[1] for box in boxes[None] if box[1] > boxes["Tributes"][3])


def test_a_paragraph_narrower_than_a_letter_is_set_not_broken_forever(tmp_path):
    """A caption measured in a frame narrower than one of its letters (photos that went on
    in what was left of another section's column) hung the build: the letter, wider than
    the line and cut as a long word, came back whole and was cut again, forever. It now
    stands out of the line. (In a child process, so that a hang fails the test.)"""
    import sys

    code = ("from booklet.styles import Styles\nfrom booklet.theme import load_theme\n"
            "from reportlab.platypus import Paragraph\nstyles = Styles(load_theme('classic'))\n"
            "for style in ('caption', 'body', 'comment'):\n"
            "    p = Paragraph(styles.markup('ZqC59x Relay son track.', style, 'x'), styles[style])\n"
            "    print(p.wrap(1, 1000)[1] > 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True"] * 3, done.stderr[-2000:]


def test_a_long_tribute_goes_on_over_the_pages_foot_and_a_short_one_is_kept_whole(tmp_path):
    """A tribute of half a page that did not fit below the ones before it went to the next
    page whole, leaving half a page empty. A long one (over a quarter of a page) now goes on
    over the page's foot, split between lines, who it is from kept with its last lines; a
    short one is still kept whole. Nothing is lost, wherever the split falls."""
    words = "he was kind and generous and always ready with a joke or a cup of tea for anyone "
    split = 0
    for n in range(0, 12):
        def tributes(k: str) -> str:
            return "".join(f"- from: Writer{k}{i}x\n  text: {k}begin{i}x {words * 2}{k}end{i}x\n" for i in range(n))

        tribute = f"- from: Longwriter\n  text: Firstwords {words * 14}Lastwords\n"
        folder = write_booklet(tmp_path / f"b{n}", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                                     + "  - type: tributes\n    file: t.yaml\n",
                                                     "t.yaml": tributes("S") + tribute + tributes("A")})
        pages = [t.split() for t in page_texts(build(folder, output=tmp_path / f"b{n}.pdf").pdf)]

        def page(start: str) -> int:
            return next(i for i, t in enumerate(pages) if any(start in x for x in t))

        assert page("Lastwords") == page("Longwriter"), n                  # who it is from, with its end
        if page("Firstwords") != page("Lastwords"):
            split += 1
            after = pages[page("Lastwords")]
            assert next(i for i, x in enumerate(after) if "Longwriter" in x) > 10, n     # (two lines go on)
        for k in "SA":
            for i in range(n):                                             # short ones kept whole
                assert page(f"{k}begin{i}x") == page(f"{k}end{i}x") == page(f"Writer{k}{i}x"), (n, k, i)
    assert split


def test_a_tribute_longer_than_a_page_keeps_who_it_is_from_with_its_last_lines(tmp_path):
    """A tribute longer than a page flowed on paragraph by paragraph, and who it was from
    could stand alone at the top of a page, its last lines on the page before (on A6, after
    one short tribute, a tribute of 26 or 47 lines' worth, after three 38 or 59)."""
    words = "he was kind and generous and always ready with a joke or a cup of tea for anyone "
    (tmp_path / "l.yaml").write_text("extends: classic\npage: {size: A6}\n")
    apart = []
    for before in (1, 3):
        for n in range(20, 60, 3):
            short = "".join(f"- from: S{i}\n  text: {words * 3}\n" for i in range(before))
            folder = write_booklet(tmp_path / f"b{before}-{n}", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                   + "  - type: tributes\n    file: t.yaml\n",
                                   "t.yaml": short + f"- from: Longwriter\n  text: {words * n}Lastwords\n"})
            pages = page_texts(build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf").pdf)
            last = next(i for i, t in enumerate(pages) if "Lastwords" in t)
            if "Longwriter" not in pages[last]:
                apart.append((before, n))
    assert not apart


def test_a_long_quotation_in_the_quotes_section_goes_on_over_the_pages_foot(tmp_path):
    """As a long tribute does (a poem of half a page, quoted, left half a page empty before
    it); who said it stays with its last lines. (Quotations set between a story's paragraphs
    are still kept whole.)"""
    words = "the sea was calm and the light came over the hill as it always had "
    split = 0
    for n in range(0, 10):
        quotes = "".join(f"- text: Said{i}x {words * 2}\n  who: Sayer{i}x\n" for i in range(n))
        quotes += f"- text: Firstwords {words * 14}Lastwords\n  who: Longsayer\n"
        folder = write_booklet(tmp_path / f"b{n}", {"booklet.yaml": "title: T\nsections:\n  - type: quotes\n"
                                                                     "    file: q.yaml\n", "q.yaml": quotes})
        pages = page_texts(build(folder, output=tmp_path / f"b{n}.pdf").pdf)

        def page(word: str) -> int:
            return next(i for i, t in enumerate(pages) if word in t)

        assert page("Lastwords") == page("Longsayer"), n
        split += page("Firstwords") != page("Lastwords")
        assert all(page(f"Said{i}x") == page(f"Sayer{i}x") for i in range(n)), n     # short ones whole
    assert split


def test_the_rule_between_tributes_never_begins_or_ends_a_page(tmp_path):
    """The short rule that parts two tributes began pages (over a tribute that had gone on
    to the next one) and could end them: it goes with the tribute after it, and is not drawn
    at a page's top."""
    import pypdfium2 as pdfium

    MM = 72 / 25.4

    words = "he was kind and generous and always ready with a joke or a cup of tea for anyone "
    tributes = "".join(f"- from: Friend{i}x\n  text: {words * (1 + i % 4)}\n" for i in range(30))
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                             + "  - type: tributes\n    file: t.yaml\n", "t.yaml": tributes})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    pdf = pdfium.PdfDocument(str(out))
    rules = 0
    try:
        for page in pdf:
            text = page.get_textpage()
            chars = text.get_text_range()
            if "Friend" not in chars:
                continue
            boxes = [text.get_charbox(i) for i in range(len(chars)) if chars[i].strip()]
            body = [b for b in boxes if 20 * MM < b[1] < 190 * MM]         # (not the running head, the folio)
            top, foot = max(b[3] for b in body), min(b[1] for b in body)
            for obj in page.get_objects():
                if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
                    left, bottom, right, high = obj.get_bounds()
                    if 30 < right - left < 40 and high - bottom < 2:        # (the 36-point rule)
                        rules += 1
                        assert foot < bottom < top, (bottom, foot, top)     # between words, not above or below
    finally:
        pdf.close()
    assert rules >= 20


@pytest.mark.parametrize("seed, columns", [(122, 2), (156, 3)])
def test_the_last_page_is_balanced_with_a_comment_of_several_paragraphs_split_inside_one(
        tmp_path, seed, columns):
    """The balanced last page counted a comment of several paragraphs going on over a
    column's foot between its paragraphs only, while it also goes on inside one: the
    columns were made taller than they need be, and the last ended up to 11 lines short of
    the others. It is now counted as CommentTogether goes on."""
    import json
    import random

    import pypdfium2

    rnd = random.Random(seed)
    words = "the race father son finish line Barcelona together courage never gave up inspiring".split()
    multi = rnd.random() < 0.7
    comments = [{"name": f"Name{i}", "text": "\n\n".join(
        " ".join(rnd.choice(words) for _ in range(rnd.choice([rnd.randint(3, 20), rnd.randint(15, 90)])))
        for _ in range(rnd.choice([1, 2, 3] if multi else [1])))} for i in range(rnd.randint(5, 60))]
    yaml = ("title: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
            "    select: {near_duplicates: false}\n")
    layout = f"extends: classic\nsections:\n  comments: {{columns: {columns}}}\n"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": yaml, "l.yaml": layout,
                                            "comments.yaml": json.dumps(comments)})
    out = build(folder, str(folder / "l.yaml"), tmp_path / "b.pdf").pdf
    pdf = pypdfium2.PdfDocument(str(out))
    page = pdf[len(pdf) - 1]
    text, width, height = page.get_textpage(), page.get_width(), page.get_height()
    feet: dict = {}
    for i in range(text.count_chars()):
        left, bottom, _, top = text.get_charbox(i)
        if text.get_text_range(i, 1).strip() and 60 < bottom and top < height - 50:    # (not the folio, the head)
            column = int(left // (width / columns))
            feet[column] = min(feet.get(column, bottom), bottom)
    pdf.close()
    leading = 12.0
    assert len(feet) == columns and max(feet.values()) - min(feet.values()) <= 2 * leading, feet


WRAPPED = ("Mum was the most practical person I ever knew, and the kindest: if you were sad she\n"
           "fed you, if you were ill she nursed you, and if you were wrong she told you so, gently\n"
           "but plainly, and then she put the kettle on and asked what you were going to do now.\n")
VERSE = "Abide with me; fast falls the eventide;\nThe darkness deepens; Lord, with me abide.\n"
LETTER = ("Dear Maggie,\nThank you for everything you did for our Gareth in 1979 when he was so very ill;\n"
          "we have never forgotten it and we never will, not as long as we live.\nLove, Pat\n")
FRENCH = ("Mamie m'a appris à lire, à tricoter et à ne jamais laisser passer une faute d'orthographe\n"
          "dans une lettre d'amour. Elle disait : « L'orthographe, c'est la politesse du cœur. »\n"
          "Je t'aime, Mamie.\n")


def _typed_lines_booklet(tmp_path):
    def block(text):
        return "".join(f"    {line}\n" if line else "\n" for line in text.split("\n")[:-1])

    files = dict(TINY)
    files["booklet.yaml"] = TINY["booklet.yaml"].replace(
        "sections:\n", "dedication: |\n  For Mum,\n  who always knew.\nsections:\n") + (
        "  - type: tributes\n    file: tributes.yaml\n  - type: quotes\n    file: quotes.yaml\n")
    files["tributes.yaml"] = (f"- from: Ann\n  text: |\n{block(WRAPPED + chr(10) + VERSE)}"
                              f"- from: Pat\n  text: |\n{block(LETTER)}"
                              f"- from: Camille\n  text: |\n{block(FRENCH)}")
    files["quotes.yaml"] = f"- who: Ann\n  text: |\n{block(WRAPPED)}"
    files["comments.yaml"] = ("- name: Bob\n  text: |\n    I watched this race live in 1992 with my father, "
                              "and we both cried.\n    He died last spring.\n")
    pdf = tmp_path / "typed.pdf"
    build(write_booklet(tmp_path / "typed", files), output=pdf)
    return [text.strip() for page in lines_by_page(pdf) for _, text in page]


def test_prose_typed_across_lines_is_one_paragraph_verse_and_comments_keep_their_lines(tmp_path):
    """A tribute or quotation typed under 'text: |' with its lines wrapped by an editor
    (longer than a column's line) was set with a break at each typed line's end: a full
    line, then a few words alone, then a full line. Its long lines now run on; a poem's
    short lines (and a dedication's, a letter's greeting and signature) are kept, and a
    comment keeps the line breaks its writer typed."""
    lines = _typed_lines_booklet(tmp_path)
    starts = [i for i, line in enumerate(lines) if line.startswith("“Mum was")]
    assert len(starts) == 2                 # the tribute, and the quotation (set in the story)
    for start in starts:
        end = next(i for i in range(start, len(lines)) if lines[i].rstrip("”").endswith("do now."))
        paragraph = lines[start:end + 1]
        widest = max(len(line) for line in paragraph)
        assert all(len(line) > 0.75 * widest for line in paragraph[:-1]), paragraph
    assert any(line.endswith("Abide with me; fast falls the eventide;") for line in lines), lines
    # a letter's greeting and its signature keep their lines, its body runs on
    assert "“Dear Maggie," in lines and "Love, Pat”" in lines, lines
    body = lines[lines.index("“Dear Maggie,") + 1:lines.index("Love, Pat”")]
    assert len(body) >= 2 and all(len(line) > 0.75 * max(map(len, body)) for line in body[:-1]), body
    assert "Je t'aime, Mamie.”" in lines, lines         # (after a quotation's closing mark too)
    assert any(line.startswith("The darkness deepens") for line in lines), lines
    assert "For Mum," in lines and "who always knew." in lines
    assert any(line.startswith("He died last spring.") for line in lines), lines


@pytest.mark.parametrize("before", range(9, 16))      # (at 12, the code before split it 2 + 2)
def test_a_hymns_verse_is_never_split_over_a_page(tmp_path, before):
    """A four-line stanza low on a page went two lines here and two over the page (widow
    and orphan rules allow it); a stanza, like a short code block, is now kept whole."""
    filler = "\n\n".join(f"Paragraph {i} of the story goes on for a line or two, long enough to be set as prose "
                         "and not taken for verse." for i in range(before))
    stanza = ["Abide with me; fast falls the eventide;", "The darkness deepens; Lord, with me abide.",
              "When other helpers fail and comforts flee,", "Help of the helpless, O abide with me."]
    files = dict(TINY, **{"story.md": f"# Story\n\n{filler}\n\n## Abide with Me\n\n" + "\n".join(stanza) + "\n"})
    pdf = tmp_path / "hymn.pdf"
    build(write_booklet(tmp_path / "hymn", files), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    holding = [i for i, page in enumerate(pages) for line in stanza if line in page]
    assert len(holding) == 4 and len(set(holding)) == 1, holding
    assert pages[holding[0]].index(stanza[0]) == pages[holding[0]].index("Abide with Me") + 1


@pytest.mark.parametrize("before", range(9, 16))
def test_a_list_split_over_a_page_keeps_two_items_on_each_side_and_its_heading(tmp_path, before):
    """An order of service low on a page: its last item went over alone (platypus splits a
    list between any two items), or its first stayed alone at the page's foot. Now two
    items at least go on each side of the page's edge, and the heading stays with the first
    (the heading was left alone at the foot when the first item had to go on with the
    second)."""
    filler = "\n\n".join(f"Paragraph {i} of the story goes on for a line or two, long enough to be set as prose "
                         "and not taken for verse." for i in range(before))
    items = [f"Item {k}: a reading by someone of the family" for k in range(1, 7)]
    files = dict(TINY, **{"story.md": f"# Story\n\n{filler}\n\n## Order of Service\n\n"
                          + "\n".join(f"{k}. {item}" for k, item in enumerate(items, 1)) + "\n\nAfter the list.\n"})
    pdf = tmp_path / "list.pdf"
    build(write_booklet(tmp_path / "list", files), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    where = [next(i for i, page in enumerate(pages) for line in page if item in line) for item in items]
    assert all(where.count(page) >= 2 for page in where), where
    assert "Order of Service" in pages[where[0]]


def test_only_a_lists_items_of_one_paragraph_are_kept_with_the_next(tmp_path):
    """The rule above holds items of one paragraph together; an item of several (its words
    and a poem) is left to flow: kept with the next item as a whole, its first line stayed
    alone at a page's foot, its poem gone on with the next item."""
    story = ("# S\n\n- First, with a poem:\n\n  A line of it,\n  another line.\n\n- Second\n- Third\n- Fourth\n\n"
             "1. One\n2. Two\n3. Three\n")
    composer = composer_for("classic", tmp_path, story)
    lists = [f for f in composer.story(composer.booklet.sections[0]) if isinstance(f, ListFlowable)]
    kept = [[bool(getattr(f, "keepWithNext", 0)) for f in item._flowables] for item in lists[0]._flowables]
    assert kept == [[False, False], [False], [True], [False]]
    # (and a poem in a list is not grouped: platypus splits a list's groups wrongly, 8 lines + 2)
    assert all(isinstance(f, Paragraph) for item in lists[0]._flowables for f in item._flowables)
    assert [[bool(getattr(f, "keepWithNext", 0)) for f in item._flowables] for item in lists[1]._flowables] == [
        [True], [True], [False]]


@pytest.mark.parametrize("before", range(10, 14))      # (the photo does not fit under these words)
def test_a_stanza_after_a_photo_that_waits_fills_the_page_as_words_do(tmp_path, before):
    """A story's photo that does not fit at a page's foot waits for the next page's top
    while the words after it fill this page. A stanza after it (kept whole since
    9e4468b) stopped that: the photo was set before it, on the next page, and this page's
    foot was left empty. A stanza passes as a paragraph does."""
    from PIL import Image

    def paragraphs(word, count):
        return "\n\n".join(f"{word} {i} of the story goes on for a line or two, long enough to be set as prose "
                             "and not taken for verse." for i in range(count))

    story = (f"# Story\n\n{paragraphs('Paragraph', before)}\n\n![The wedding](w.jpg)\n\n"
             "Abide with me; fast falls the eventide;\nThe darkness deepens; Lord, with me abide.\n\n"
             f"{paragraphs('After', 8)}\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    Image.new("RGB", (1600, 1200), (150, 90, 120)).save(folder / "w.jpg")
    pdf = tmp_path / "p.pdf"
    build(folder, output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    photo = next(i for i, page in enumerate(pages) if "The wedding" in page)
    stanza = next(i for i, page in enumerate(pages) if "Abide with me; fast falls the eventide;" in page)
    words = next(i for i, page in enumerate(pages) for line in page if f"Paragraph {before - 1}" in line)
    assert photo == words + 1 and stanza == words, (words, stanza, photo)   # it waited; the stanza did not


HYMN = ["Abide with me; fast falls the eventide;", "The darkness deepens; Lord, with me abide.",
        "When other helpers fail and comforts flee,", "Help of the helpless, O abide with me."]


@pytest.mark.parametrize("before", range(12, 16))
@pytest.mark.parametrize("what", ["list", "hymn"])
def test_a_short_paragraph_ending_in_a_colon_stays_with_the_list_or_poem_it_introduces(tmp_path, before, what):
    """'The order of service was:' (a paragraph, not a heading, as people type it) was left
    as a page's last line, its list on the next page; so was 'The hymn we sang was this:'
    over its verse. It goes on with them, as a heading does."""
    filler = "\n\n".join(f"Paragraph {i} of the story goes on for a line or two, long enough to be set as prose "
                         "and not taken for verse." for i in range(before))
    lines = ([f"{k}. Item {k}: a reading by someone of the family" for k in range(1, 7)] if what == "list"
             else HYMN)
    story = (f"# Story\n\n{filler}\n\nWhat came next was this:\n\n" + "\n".join(lines)
             + "\n\nThen we all went home, and the story goes on with more words to read here.\n")
    pdf = tmp_path / "intro.pdf"
    build(write_booklet(tmp_path / "b", {**TINY, "story.md": story}), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    intro = next(i for i, page in enumerate(pages) if "What came next was this:" in page)
    first = next(i for i, page in enumerate(pages) for line in page if lines[0].split(". ", 1)[-1] in line)
    assert intro == first, (intro, first)


@pytest.mark.parametrize("before", [9, 11, 13])
def test_a_stanza_moved_on_under_a_photo_that_waited_is_still_kept_whole(tmp_path, before):
    """A stanza that did not fit at a page's foot went on as its bare paragraph; the
    upright photo waiting for that page's top was set first, and the stanza split below
    it, eight lines and four (seen in a random story: a twelve-line stanza)."""
    from PIL import Image

    filler = "\n\n".join(f"Paragraph {i} of the story goes on for a line or two, long enough to be set as prose "
                         "and not taken for verse." for i in range(before))
    after = "\n\n".join(f"After {i}, the story goes on for a line or two." for i in range(8))
    stanza = [f"Line {k} of the hymn we sang that day," for k in range(12)]
    story = f"# Story\n\n{filler}\n\n![The wedding](w.jpg)\n\n" + "\n".join(stanza) + f"\n\n{after}\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    Image.new("RGB", (1200, 1500), (150, 90, 120)).save(folder / "w.jpg")
    pdf = tmp_path / "p.pdf"
    build(folder, output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    assert len({next(i for i, page in enumerate(pages) if line in page) for line in stanza}) == 1


LORDS_PRAYER = ["Our Father, who art in heaven,", "hallowed be thy name;", "thy kingdom come;", "thy will be done;",
                "on earth as it is in heaven.", "Give us this day our daily bread.", "And forgive us our trespasses,",
                "as we forgive those who trespass against us.", "And lead us not into temptation;",
                "but deliver us from evil.", "For thine is the kingdom,", "the power and the glory,",
                "for ever and ever.", "Amen."]


@pytest.mark.parametrize("before", range(6, 14))
def test_the_lords_prayer_is_kept_on_one_page(tmp_path, before):
    """A stanza of up to 16 lines is kept whole: the Lord's Prayer (14 lines), printed in
    nearly every order of service, and a sonnet were split as prose at 12."""
    filler = "\n\n".join(f"Paragraph {i} of the story goes on for a line or two, long enough to be set as prose "
                         "and not taken for verse." for i in range(before))
    story = f"# Story\n\n{filler}\n\n## The Lord's Prayer\n\n" + "\n".join(LORDS_PRAYER) + "\n\nAfter it.\n"
    pdf = tmp_path / "p.pdf"
    build(write_booklet(tmp_path / "b", {**TINY, "story.md": story}), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    holding = {next(i for i, page in enumerate(pages) if line in page) for line in LORDS_PRAYER}
    assert len(holding) == 1, holding


@pytest.mark.parametrize("before", range(12))
def test_a_poem_given_as_a_tribute_goes_on_over_a_page_between_its_stanzas(tmp_path, before):
    """A long tribute goes on over a page's foot between lines; a poem given as a tribute
    went on inside a stanza. Its stanzas are kept whole (the tribute still goes on)."""
    stanzas = [[f"Stanza {s} line {k} of the poem she loved," for k in range(4)] for s in range(4)]
    poem = "\n\n".join("\n".join(stanza) for stanza in stanzas)
    others = "".join(f"- from: Friend {i}\n  text: A short tribute from a friend of the family, number {i}, with a "
                     "few words about her kindness and her laugh.\n" for i in range(before))
    block = "".join(f"    {line}\n" if line else "\n" for line in poem.split("\n"))
    files = {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n",
             "tributes.yaml": others + f"- from: Ann\n  text: |\n{block}"}
    pdf = tmp_path / "p.pdf"
    build(write_booklet(tmp_path / "b", files), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]

    def page_of(words):
        return next(i for i, page in enumerate(pages) for line in page if words in line)

    assert all(page_of(stanza[0]) == page_of(stanza[-1]) for stanza in stanzas)


def test_a_letters_long_paragraph_in_a_tribute_still_goes_on_over_a_page(tmp_path):
    """A stanza in a tribute is kept whole; a letter's long paragraph with its signature on
    a line of its own under it is no stanza: it goes on over a page's foot between lines,
    as it did (kept whole, it left most of a page empty)."""
    body = " ".join(f"Sentence {k} of a long letter to her, about the years on the ward and after." for k in range(40))
    tributes = "".join(f"- from: Friend {i}\n  text: A short tribute from a friend of the family, number {i}.\n"
                       for i in range(6))
    tributes += f"- from: Pat\n  text: |\n    Dear Maggie,\n    {body}\n    Love, Pat\n"
    files = {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n",
             "tributes.yaml": tributes}
    pdf = tmp_path / "p.pdf"
    build(write_booklet(tmp_path / "b", files), output=pdf)
    pages = [[text.strip() for _, text in page] for page in lines_by_page(pdf)]
    first = next(i for i, page in enumerate(pages) for line in page if "Sentence 0 " in line)
    last = next(i for i, page in enumerate(pages) for line in page if "Sentence 39 " in line)
    friend = next(i for i, page in enumerate(pages) for line in page if "number 5." in line)
    assert first == friend and last > first      # it begins under the tribute before it
