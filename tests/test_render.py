"""Render stage, read back as a reader would: text, page sizes, fonts, pixels, metadata."""
from __future__ import annotations

import itertools
import os
import re
import unicodedata

import pytest
from PIL import Image
from pypdf import PdfReader

from booklet.build import build
from booklet.errors import BookletError
from booklet.load import load_booklet
from booklet.resources import example_content
from booklet.select import select_comments
from booklet.typography import smarten

from conftest import (TINY, body_text, count_pixels, fold, ink_box, page_texts, pdf_text, rasterise,
                      write_booklet)

A5 = (419.53, 595.28)


@pytest.fixture(scope="module")
def example():
    return select_comments(load_booklet(example_content()))


def section(booklet, kind):
    return next(s for s in booklet.sections if s.kind == kind)


def test_every_page_is_a5(example_pdf):
    reader = PdfReader(str(example_pdf))
    assert len(reader.pages) >= 8
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A5


def test_text_has_title_quotes_tributes_and_selected_comments(example_pdf, example):
    text = body_text(example_pdf)

    def printed(s):  # as the example prints it: with smart typography, spaces folded
        return fold(smarten(s, "en-GB"))

    assert "Derek & Jim Redmond" in text
    for q in section(example, "quotes").items:
        assert printed(q.text) in text
    for t in section(example, "tributes").items:
        assert printed(t.text) in text
        assert t.author in text
    comments = section(example, "comments")
    for c in comments.items:
        for para in c.text.split("\n\n"):
            assert printed(para) in text, c.name
        assert printed(c.name) in text
    for c, why in comments.dropped:
        if c.text.strip() and why == "excluded by name":
            assert printed(c.text)[:60] not in text, c.name
    for e in section(example, "timeline").items:
        assert printed(e.event) in text


def test_all_fonts_embedded(example_pdf):
    reader = PdfReader(str(example_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # composite fonts keep it on the descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            seen.add(font["/BaseFont"])
    assert any("GentiumBookPlus" in name for name in seen)
    assert not any("Helvetica" in name or "Times" in name for name in seen)


def test_every_font_subset_has_a_tag_of_its_own(tmp_path):
    # more than 256 distinct characters: a font in two subsets, beside the others
    story = "# Many letters\n\n" + " ".join(chr(c) * 2 for c in range(0x100, 0x250)) + "\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    names = {font.get_object()["/BaseFont"] for page in PdfReader(str(out)).pages
             for font in page["/Resources"]["/Font"].values()}
    tags = [name.lstrip("/").split("+")[0] for name in names]
    assert len(names) >= 4 and len({name.split("+")[1] for name in names}) < len(names)   # a font twice
    assert all(len(tag) == 6 and tag.isalpha() and tag.isupper() for tag in tags)
    assert len(set(tags)) == len(tags), sorted(names)


def test_metadata_and_outline(example_pdf):
    reader = PdfReader(str(example_pdf))
    meta = reader.metadata
    assert meta.title == "Derek & Jim Redmond"
    assert meta.author == "The booklet project"
    assert meta.subject.startswith("Barcelona, 1992")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [item.title for item in reader.outline]
    assert titles == ["The Race", "Timeline", "Tributes to Jim Redmond", "What Readers Wrote", "Questions to Talk About"]


def test_two_builds_are_byte_identical(tmp_path, example_pdf):
    again = tmp_path / "again.pdf"
    build(output=again)
    assert again.read_bytes() == example_pdf.read_bytes()


def test_story_pages_carry_running_heads_and_folios(example_pdf):
    texts = page_texts(example_pdf)
    story_start = next(i for i, t in enumerate(texts) if t.startswith("The Race"))
    assert story_start + 1 == 3                       # the story opens on a right-hand page
    assert texts[story_start].endswith("3")           # folio, and no running head on an opening page
    following = texts[story_start + 1]
    assert "DEREK & JIM REDMOND" in following
    assert following.endswith("4")
    assert "DEREK & JIM REDMOND" not in texts[story_start]


@pytest.mark.parametrize("title", ["中文的故事", "Ελληνικά και 中文"])
def test_a_running_head_in_a_script_the_heading_font_lacks_is_printed(tmp_path, title):
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "A long story. " * 600,
                                            "booklet.yaml": TINY["booklet.yaml"].replace("A Small Booklet", title)})
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert not result.warnings
    heads = [i for i, text in enumerate(page_texts(out)) if f"{title.upper()} {i + 1}" in text]
    assert heads == [3, 5]             # on the left-hand story pages (before: nothing was drawn there)


def test_a_running_head_with_hebrew_after_an_english_word_is_drawn_right_to_left(tmp_path):
    """In a heading font with Hebrew letters (DejaVu Sans), 'Derek שלום עולם' was drawn as
    typed, its Hebrew read backwards: the Hebrew words are drawn right to left, after Derek."""
    import pypdfium2

    folder = write_booklet(tmp_path / "b", {
        **TINY, "story.md": "A long story. " * 600, "layout.yaml": "fonts:\n  sans: DejaVu Sans\n",
        "booklet.yaml": TINY["booklet.yaml"].replace("A Small Booklet", "Derek \u05e9\u05dc\u05d5\u05dd") + (
            "layout: layout.yaml\n")})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    page = pypdfium2.PdfDocument(out)[3].get_textpage()
    height = page.page.get_height()
    head = sorted((page.get_charbox(i)[0], page.get_text_range(i, 1)) for i in range(page.count_chars())
                  if page.get_charbox(i)[1] > height - 35 and not page.get_text_range(i, 1).isspace())
    assert "".join(ch for _, ch in head) == "DEREK\u05dd\u05d5\u05dc\u05e9"


def test_margins_are_mirrored_on_facing_pages(example_pdf):
    mm = 72 / 25.4
    right = rasterise(example_pdf, 2)   # page 3, a right-hand page
    left = rasterise(example_pdf, 3)    # page 4, a left-hand page
    band = (0, int(40 * mm), right.width, int(180 * mm))   # below the heads, above the folios
    r0, _, r1, _ = ink_box(right.crop(band))
    l0, _, l1, _ = ink_box(left.crop(band))
    assert abs(r0 - 19 * mm) < 2.5 and abs(l0 - 15 * mm) < 2.5    # the inner margin is at the fold
    assert abs((right.width - r1) - 15 * mm) < 2.5 and abs((left.width - l1) - 19 * mm) < 2.5


def test_markup_typed_by_a_user_is_printed_literally(tmp_path):
    hostile = '<font color="red">red</font> <img src="/etc/passwd"/> &amp; <a href="x">link</a>'
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"""
        - name: "<b>Eve</b>"
          text: '{hostile}'
        """})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    text = pdf_text(out)
    assert hostile in text
    assert "<b>Eve</b>" in text


def test_section_titles_on_the_contents_page_are_text_too(tmp_path):
    hostile = '<font size="40">big</font> & <img src="/etc/passwd"/>'
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "file: comments.yaml", f"file: comments.yaml\n    title: '{hostile}'") + "layout: modern\n"})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    contents = next(text for text in page_texts(out) if text.startswith("Contents"))
    assert hostile in contents                     # (before: read as markup, or left blank)


@pytest.mark.parametrize("text", ["مرحبا بالعالم", "שלום עולם", "Привет мир", "Γειά σου", "你好世界", "नमस्ते"])
def test_bold_and_italic_text_in_other_scripts_gets_a_face_that_has_its_letters(text):
    """DejaVu Sans has Arabic; its oblique does not: italic Arabic printed as empty boxes
    while the check said every character had a font."""
    import re as regex

    from reportlab.pdfbase import pdfmetrics

    from booklet.model import Span
    from booklet.styles import Styles
    from booklet.theme import load_theme

    styles = Styles(load_theme("classic"))
    for bold, italic in [(False, False), (True, False), (False, True), (True, True)]:
        markup = styles.markup([Span(text, bold=bold, italic=italic)], "body")
        main = regex.match(r'<font name="([^"]+)">', markup)
        main = main.group(1) if main else styles["body"].fontName
        for font, run in regex.findall(r'<font name="([^"]+)">([^<]*)</font>', markup):
            face = pdfmetrics.getFont(font).face.charToGlyph
            assert all(ord(ch) in face for ch in run if not ch.isspace()), (font, run, bold, italic)


def test_failed_build_leaves_previous_pdf_untouched(tmp_path, tiny):
    out = tmp_path / "booklet.pdf"
    build(tiny, output=out)
    before = out.read_bytes()
    (tiny / "comments.yaml").write_text("- name: [broken\n")
    with pytest.raises(BookletError):
        build(tiny, output=out)
    assert out.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["booklet.pdf", "tiny"]


def test_characters_no_font_has_are_reported(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": """
        - name: Ann
          text: "A hieroglyph: \\U00013000"
        """})
    result = build(folder, output=tmp_path / "b.pdf")
    assert result.warnings == [
        "no bundled font has the character U+13000 EGYPTIAN HIEROGLYPH A001 '𓀀', used in comments.yaml "
        "line 1; it prints as an empty box"]


def test_a_script_no_font_has_is_one_warning_naming_file_and_line(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": """
        - name: Ann
          text: Hello.
        - name: Tenzin
          text: 𑀓𑀔𑀕𑀖 𑀗𑀘𑀙𑀚 𑀛𑀜𑀝𑀞
        """})
    result = build(folder, output=tmp_path / "b.pdf")
    assert result.warnings == [
        "no bundled font has 12 Brahmi characters (𑀓 𑀔 𑀕 𑀖 𑀗 𑀘 𑀙 𑀚 𑀛 𑀜 …; U+11013 to U+1101E), used in "
        "comments.yaml line 3; they print as empty boxes"]
    assert [c.detail for c in result.preflight if c.name == "characters"] == ["no font for 12 Brahmi characters"]


def test_characters_no_font_has_are_reported_at_their_story_lines_in_order(tmp_path):
    """A story's missing characters were 'used in story.md', no line to look at (an invisible
    control character cannot be searched for by eye); a story of two paragraphs in a script no font has was
    two warnings; a character in ten comments was listed 'line 1, line 11, line 13, ...,
    line 3', ten times over with the file's name."""
    comments = "".join(f"- name: N{i}\n  text: Hello \ue000 {i}\n" for i in range(10)) + '- text: "A \\0 NUL."\n'
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments,
                                            "story.md": "# S\n\n𑀓𑀔𑀕𑀖 𑀗𑀘𑀙𑀚\n\n𑀛𑀜𑀝𑀞\n\nFirst \x01 line.\n"})
    result = build(folder, output=tmp_path / "b.pdf")
    assert sorted(result.warnings) == [
        "no bundled font has 12 Brahmi characters (𑀓 𑀔 𑀕 𑀖 𑀗 𑀘 𑀙 𑀚 𑀛 𑀜 …; U+11013 to U+1101E), used in "
        "story.md lines 3, 5; they print as empty boxes",
        "no bundled font has the character U+0000 (a control or unassigned character), used in comments.yaml "
        "line 21; it is left out",          # (Gentium maps it to an empty glyph: it vanished unsaid)
        "no bundled font has the character U+0001 (a control or unassigned character), used in story.md "
        "line 7; it is left out",
        "no bundled font has the character U+E000 (a private-use character), used in comments.yaml "
        "lines 1, 3, 5, 7, 9, 11, 13, 15, and 2 more; it is left out"]


def test_many_characters_left_out_in_one_place_are_one_warning(tmp_path):
    """Fifty private-use characters in a comment (an icon font's, pasted) were fifty warnings,
    and 300 CJK Extension G characters 'Cjk': one warning each kind, in the preflight too."""
    text = "".join(chr(0xE000 + i) for i in range(50)) + " " + "".join(chr(0x30000 + i) for i in range(12))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f'- name: Ann\n  text: "{text}"\n'})
    result = build(folder, output=tmp_path / "b.pdf")
    assert sorted(w for w in result.warnings if w.startswith("no bundled font")) == [
        "no bundled font has 12 CJK characters (\U00030000 \U00030001 \U00030002 \U00030003 \U00030004 "
        "\U00030005 \U00030006 \U00030007 \U00030008 \U00030009 …; U+30000 to U+3000B), used in comments.yaml "
        "line 1; they print as empty boxes",
        "no bundled font has 50 private-use characters (U+E000 to U+E031), used in comments.yaml line 1; "
        "they are left out"]
    (check,) = [c for c in result.preflight if c.name == "characters"]
    assert check.detail == "no font for 12 CJK characters, 50 private-use characters"


def test_characters_no_font_has_are_reported_at_the_lines_of_every_kind_of_item(tmp_path):
    """Tributes, quotes, timeline events, order of service, questions and photo captions
    were reported by file alone ('used in tributes.yaml'), a caption by its photo's name."""
    from PIL import Image

    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "".join(
        f"  - type: {kind}\n    file: {kind}.yaml\n" for kind in ("tributes", "timeline", "schedule", "questions",
                                                                    "photos", "quotes")),
        "tributes.yaml": "- from: Ann\n  text: Fine.\n- from: Bo\n  text: A \x01 tribute.\n",
        "timeline.yaml": "- date: '1992'\n  event: The race.\n- date: '2022'\n  event: An \x02 event.\n",
        "schedule.yaml": "- time: '10:00'\n  item: Welcome\n- time: '10:10'\n  item: A \x03 hymn\n",
        "questions.yaml": "- Why?\n- What \x04 then?\n",
        "photos.yaml": "- file: p.jpg\n  caption: A \x05 caption\n",
        "quotes.yaml": "- text: Fine.\n  who: Ann\n- text: A \x06 quote.\n  who: Bo\n"})
    Image.new("RGB", (60, 40), "gray").save(folder / "p.jpg")
    result = build(folder, output=tmp_path / "b.pdf")
    found = {w.split("(a control")[0][-7:-1]: w.split("used in ")[1].split(";")[0] for w in result.warnings
             if w.startswith("no bundled font")}
    assert found == {"U+0001": "tributes.yaml line 3", "U+0002": "timeline.yaml line 3",
                     "U+0003": "schedule.yaml line 3", "U+0004": "questions.yaml line 2",
                     "U+0005": "photos.yaml line 1", "U+0006": "quotes.yaml line 3"}


def test_thai_without_spaces_breaks_between_syllables(tmp_path):
    """Thai has no spaces between words and there is no dictionary here: it was broken
    wherever the line was full, inside syllables ('...และวั' / 'ฒนธรรม', a line ending with
    the vowel แ written before its consonant). Lines now end where a syllable surely ends
    when that leaves them three quarters full, and never inside one."""
    import pypdfium2 as pdfium

    thai = ("ประเทศไทยมีประวัติศาสตร์อันยาวนานและวัฒนธรรมที่หลากหลายซึ่งได้รับอิทธิพลจากหลายแหล่ง"
            "ที่มาทั้งจากอินเดียและจีนนักวิ่งคนนี้ไม่ยอมแพ้แม้จะได้รับบาดเจ็บที่กล้ามเนื้อต้นขาด้านหลัง") * 2
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: Somchai\n  text: {thai}\n"})
    build(folder, output=tmp_path / "b.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    text = pdf[len(pdf) - 1].get_textpage().get_text_range().splitlines()
    lines = [line for line in text if "\u0e00" <= line[:1] <= "\u0e7f"]
    assert "".join(lines) == thai and len(lines) >= 6
    pairs = list(zip(lines, lines[1:]))
    for line, after in pairs:
        assert line[-1] not in "เแโใไั็" and after[0] not in "ะาำๆ", (line, after)
    sure = [after[0] in "เแโใไ" or line[-1] in "ะำๆ" for line, after in pairs]   # where a syllable surely ends
    assert sum(sure) >= 0.6 * len(pairs), pairs


@pytest.mark.parametrize("repeats", [29, 68])
def test_a_thai_paragraph_split_between_pages_is_set_again_the_same(tmp_path, repeats):
    """A long Thai word with a '-' after the page break was broken one way whole (as a
    compound) and another way in the part before the break (by syllables), which then did
    not fit its page: 'Splitting error' (16 of 20 such paragraphs, found by a fuzz)."""
    thai = "ประเทศไทยมีประวัติศาสตร์อันยาวนานและวัฒนธรรมที่หลากหลายซึ่งได้รับอิทธิพลจากหลายแหล่ง"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": f"# S\n\n{thai * repeats}-{thai * 3}\n"})
    result = build(folder, output=tmp_path / "b.pdf")
    assert result.pages > 4
    assert "".join(body_text(tmp_path / "b.pdf").split()).count(thai) >= repeats    # (pages' heads aside)


def test_khmer_without_spaces_is_not_broken_inside_a_letter_cluster(tmp_path):
    """A long Khmer comment was broken wherever the line was full: a line began with a
    subscript letter cut from the letter it sits under ('្ប', after the coeng), and one
    ended with the subscript ro that is drawn before its letter. (Read as glyphs, in the
    order they are drawn: copied out of the PDF, Khmer comes in drawing order.)"""
    from reportlab.platypus import Paragraph

    from reportlab.pdfbase import pdfmetrics

    from booklet import shaping
    from booklet.styles import Styles
    from booklet.theme import load_theme

    khmer = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រវត្តិសាស្ត្រដ៏យូរលង់និងវប្បធម៌ដ៏សម្បូរបែបអ្នករត់ម្នាក់នេះមិនបោះបង់ចោលទេ" * 4
    styles = Styles(load_theme("classic"), "en-GB")
    for width in range(120, 200, 7):
        para = Paragraph(styles.markup(khmer, "comment", "comments.yaml"), styles["comment"])
        para.wrap(width, 10_000)
        lines = ["".join(w.text for w in line.words) for line in para.blPara.lines]
        assert len(lines) > 4
        for line, after in zip(lines, lines[1:]):
            face = pdfmetrics.getFont(para.blPara.lines[0].words[0].fontName).face
            known = shaping._STANDS_FOR.get(shaping._face_key(face), {})

            def means(glyph):                   # what a glyph with no character of its own stands for
                glyph = shaping.drawn(para.blPara.lines[0].words[0].fontName, glyph)   # (itself, however copied out)
                return known.get(ord(glyph), "") if "\ue000" <= glyph <= "\uf8ff" else glyph

            first = means(after[0])
            assert "\u17d2\u179a" in first or not (unicodedata.category(first[:1] or "x")[0] == "M"
                                                    and first[:1] not in "េែៃ"), (width, line, after)
            assert not (means(line[-1]).endswith("\u17d2") or "\u17d2\u179a" in means(line[-1])
                        or line[-1] in "េែៃ"), (width, line, after)                   # drawn before the next


@pytest.mark.parametrize("text, killer", [
    ("မြန်မာနိုင်ငံသည်ရှည်လျားသောသမိုင်းနှင့်ယဉ်ကျေးမှုရှိသည်။ဖခင်နှင့်သားတို့သည်အတူတကွပြေးခဲ့ကြသည်။", "\u103a"),
    ("អ្នករត់ម្នាក់នេះមិនបោះបង់ចោលទេឪពុកនិងកូនប្រុសបានរត់ជាមួយគ្នាដល់ទីបញ្ចប់", "\u17cb"),
])
def test_a_letter_silenced_by_a_sign_stays_on_the_line_of_its_syllable(text, killer):
    """Myanmar 'သည်' was broken 'သ' / 'ည်', Khmer 'រត់' 'រ' / 'ត់': a letter under an asat or
    bantoc ends the syllable before it, and a line began with it."""
    from reportlab.platypus import Paragraph

    from booklet.styles import Styles
    from booklet.theme import load_theme

    styles = Styles(load_theme("classic"), "en-GB")
    starts = 0
    for width in range(110, 220, 3):
        para = Paragraph(styles.markup(text * 4, "comment", "comments.yaml"), styles["comment"])
        para.wrap(width, 10_000)
        lines = ["".join(w.text for w in line.words) for line in para.blPara.lines]
        for line in lines[1:]:
            starts += 1
            marks = itertools.takewhile(lambda ch: unicodedata.category(ch)[0] == "M", line[1:3])
            assert killer not in marks, (width, line)                 # its first letter is not silenced
    assert starts > 100


def test_khmer_copies_out_with_the_letters_typed(tmp_path):
    """Khmer's subscript ro, met first in 'ស្ត្រ', was copied out as '្ត្រ' everywhere ('ព្រះ'
    came out '្ត្រពះ', with a ta that is not there). Letters come out in the order they are
    drawn (a vowel written before its letter first; ោ as its two halves), but all of them
    and no others."""
    import collections

    import pypdfium2 as pdfium

    khmer = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រវត្តិសាស្ត្រដ៏យូរលង់និងវប្បធម៌ដ៏សម្បូរបែបអ្នករត់ម្នាក់នេះមិនបោះបង់ចោលទេ" * 4
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: Sokha\n  text: {khmer}\n"})
    build(folder, output=tmp_path / "b.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    read = collections.Counter(ch for ch in pdf[len(pdf) - 1].get_textpage().get_text_range() if "\u1780" <= ch <= "\u17ff")
    typed = collections.Counter(khmer)
    assert typed - read == collections.Counter()
    assert set(read - typed) <= {"េ"}                                # (the first half of ោ)


def test_indic_and_thai_scripts_have_fonts(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": """
        - name: Priya
          text: नमस्ते दुनिया
        - name: Somchai
          text: สวัสดีชาวโลก
        - name: Arun
          text: வணக்கம் உலகம்
        """})
    result = build(folder, output=tmp_path / "b.pdf")
    assert not any("no bundled font" in w for w in result.warnings)
    text = pdf_text(tmp_path / "b.pdf")
    assert "สวัสดีชาวโลก" in text and "नमस्ते" in text            # conjuncts read back as typed


def test_photos_are_placed_with_caption_and_credit(tmp_path):
    from PIL import Image

    Image.new("RGB", (1200, 800), (200, 30, 30)).save(tmp_path / "red.jpg")
    folder = write_booklet(tmp_path / "b", {**TINY, "photos.yaml": """
        - file: red.jpg
          caption: A red square
          credit: Photo by the tests
        """, "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
    (tmp_path / "red.jpg").rename(folder / "red.jpg")
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    text = page_texts(out)[-1]
    assert "A red square" in text and "Photo by the tests" in text
    img = rasterise(out, result.pages - 1)
    reds = count_pixels(img, lambda r, g, b: r > 150 and g < 80 and b < 80)
    assert reds > 0.15 * img.width * img.height


def test_gallery_schedule_and_closing_page(tmp_path):
    from PIL import Image

    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"].replace("smart_typography: false", "closing: Thank you for coming.")
        + "  - type: schedule\n    file: schedule.yaml\n  - type: gallery\n    file: gallery.yaml\n",
        "schedule.yaml": "- time: '11.00'\n  item: Welcome\n  who: Revd A. Jones\n- time: '11.10'\n  item: A reading\n",
        "gallery.yaml": "".join(f"- file: p{i}.jpg\n  caption: Picture {i}\n" for i in range(3))})
    for i, colour in enumerate(["red", "green", "blue"]):
        Image.new("RGB", (600, 400), colour).save(folder / f"p{i}.jpg")
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    texts = page_texts(out)
    schedule = next(t for t in texts if t.startswith("Order of Service"))
    assert "11.00 Welcome Revd A. Jones 11.10 A reading" in schedule
    gallery_index = next(i for i, t in enumerate(texts) if t.startswith("Photo Album"))
    assert all(f"Picture {i}" in texts[gallery_index] for i in range(3))
    image = rasterise(out, gallery_index)
    w = image.width
    red = count_pixels(image.crop((0, 0, w // 2, image.height)), lambda r, g, b: r > 200 and g < 60)
    green = count_pixels(image.crop((w // 2, 0, w, image.height)), lambda r, g, b: g > 100 and r < 60)
    assert red > 1000 and green > 1000            # two to a row
    assert texts[-1] == "Thank you for coming."


LONG_COVER = {"title": "In Loving Memory of Margaret Elizabeth Thompson-Whitfield, Beloved Mother, Grandmother and Friend",
              "subtitle": "A celebration of her life, with words from her family, her friends and the people of "
                          "Little Hadham who knew her best",
              "note": "14 March 1938 – 2 November 2026 · St Cecilia’s Church · Friday 20 November 2026 at 11 o’clock"}


def _long_cover(tmp_path, image=None):
    """The example with a memorial program's long title block (and a photo on the cover)."""
    import shutil

    folder = tmp_path / "b"
    shutil.copytree(example_content(), folder)
    text = (folder / "booklet.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Derek & Jim Redmond", f"title: {LONG_COVER['title']}")
    text = text.replace("subtitle: Barcelona, 1992 — a father, a son and the finish line", f"subtitle: {LONG_COVER['subtitle']}")
    text = text.replace("  note: Jim Redmond, 1941–2022", f"  note: {LONG_COVER['note']}")
    if image is not None:
        image.save(folder / "cover.jpg", quality=92)
        text = text.replace("  art: track\n", "  image: cover.jpg\n")
    (folder / "booklet.yaml").write_text(text, encoding="utf-8")
    return folder


def _ink_among_title_lines(pdf, scale: int = 2) -> int:
    """Pixels that are not the paper's white between the cover's first and last lines of
    text, the letters themselves (and a hair around them) left out."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    page = pdfium.PdfDocument(str(pdf))[0]
    height = page.get_height()
    chars = page.get_textpage()
    boxes = [chars.get_charbox(i) for i in range(chars.count_chars()) if chars.get_text_range(i, 1).strip()]
    assert "Hadham" in chars.get_text_range()                  # the whole block is there
    image = rasterise(pdf, 0, scale)
    draw = ImageDraw.Draw(image)
    for left, bottom, right, top in boxes:                        # the letters, blanked out
        draw.rectangle((scale * left - 3, scale * (height - top) - 3, scale * right + 3, scale * (height - bottom) + 3),
                       fill="white")
    band = (0, int(scale * (height - max(t for *_, t in boxes))), image.width,
            int(scale * (height - min(b for _, b, *_ in boxes))) + 6)
    return count_pixels(image.crop(band), lambda r, g, b: min(r, g, b) < 235)


@pytest.mark.parametrize("layout", ["classic", "classroom", "modern", "large-print"])
def test_a_long_title_block_is_not_drawn_over_the_cover_art(tmp_path, layout):
    """A memorial program's title runs to five lines; its subtitle and note were drawn
    across the lanes of the track art. The art now steps down below the title block."""
    build(_long_cover(tmp_path), layout, output=tmp_path / "b.pdf")
    art = _ink_among_title_lines(tmp_path / "b.pdf")
    assert art == 0, f"{art} pixels of the cover art among the title block's lines"


@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_the_title_on_a_cover_photo_sits_on_a_band_of_paper(tmp_path, layout):
    """The title block was drawn straight over a cover photo: brown or teal letters over
    dark trees and sky, unreadable."""
    from PIL import ImageDraw

    photo = Image.new("RGB", (1200, 1700), (120, 170, 235))
    draw = ImageDraw.Draw(photo)
    for i in range(400):                                          # busy: leaves and shadows
        x, y = (i * 397) % 1200, (i * 211) % 1700
        draw.ellipse((x - 60, y - 90, x + 60, y + 90), fill=(20 + i % 60, 60 + i % 90, 30))
    build(_long_cover(tmp_path, photo), layout, output=tmp_path / "b.pdf")
    photo_showing = _ink_among_title_lines(tmp_path / "b.pdf")
    assert photo_showing == 0, f"{photo_showing} pixels of the photo among the title block's lines"


def test_a_contents_page_is_laid_out_with_the_booklet_in_one_pass(tmp_path, monkeypatch):
    """Its page numbers are filled in as the PDF is written. (A second layout pass laid the
    whole booklet out again and kept every paragraph in memory between the passes.)"""
    from booklet import flowables, render

    canvases = []

    class Counted(flowables.PhotoCanvas):
        def __init__(self, *args, **kwargs):
            canvases.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(render, "PhotoCanvas", Counted)
    build(layout="modern", output=tmp_path / "b.pdf")
    assert len(canvases) == 1
    reader = PdfReader(str(tmp_path / "b.pdf"))
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    contents = next(p for p in reader.pages if p.extract_text().lstrip().startswith("Contents"))
    numbers = [int(n) for n in re.findall(r"(\d+)\s*$", contents.extract_text(), re.M)]
    # each entry, title and leader, links to its section's page: the page the number says
    targets = [pages[a.get_object()["/Dest"][0].idnum] for a in contents["/Annots"]]
    assert len(numbers) == 5 and targets == [n for n in numbers for _ in ("title", "leader")]
    assert all("Contents" not in reader.pages[n - 1].extract_text() for n in numbers)
    # an entry reads as one line, title then page (pdfium took the form's number for a new line)
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[reader.pages.index(contents)]
    lines = [line.strip() for line in page.get_textpage().get_text_range().splitlines() if line.strip()]
    assert lines[1].startswith("The Race . . .") and lines[1].endswith(f" {numbers[0]}"), lines[:3]


def test_contents_numbers_are_the_pages_the_outline_gives(tmp_path):
    """The page numbers drawn on the contents page and the PDF's bookmarks agree, in a
    booklet long enough for three-digit numbers."""
    folder = write_booklet(tmp_path / "long", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "layout: modern\n",
                                               "story.md": ("A paragraph of the story. " * 40 + "\n\n") * 300})
    build(folder, output=tmp_path / "b.pdf")
    reader = PdfReader(str(tmp_path / "b.pdf"))
    outline = [reader.get_destination_page_number(d) + 1 for d in reader.outline]
    contents = next(p for p in reader.pages if p.extract_text().lstrip().startswith("Contents")).extract_text()
    numbers = [int(n) for n in re.findall(r"(\d+)\s*$", contents, re.M)]
    assert numbers == outline and numbers[-1] > 100


def test_a_booklet_without_author_or_subtitle_says_nothing_of_them(tmp_path):
    """The PDF's properties said 'Author: (anonymous)' and 'Subject: (unspecified)' for a
    memorial booklet that named no author (reportlab's words for none)."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "subtitle: For the tests\n", "")})
    build(folder, output=tmp_path / "b.pdf")
    meta = PdfReader(str(tmp_path / "b.pdf")).metadata
    assert meta.title == "A Small Booklet" and not meta.author and not meta.subject


@pytest.mark.parametrize("layout", ["classic", "large-print"])
def test_question_numbers_are_set_in_the_questions_own_size(tmp_path, layout):
    """In large print the questions' numbers were 10 pt beside 16 pt text (reportlab's
    bullet size), too small for the readers the layout is for."""
    import pypdfium2 as pdfium

    from booklet.theme import load_theme

    out = tmp_path / "b.pdf"
    build(layout=layout, output=out)
    pdf = pdfium.PdfDocument(str(out))
    [page] = [p for p in pdf if "Questions to Talk About" in p.get_textpage().get_text_range()]
    text = page.get_textpage()
    words = text.get_text_range()
    size = lambda i: pdfium.raw.FPDFText_GetFontSize(text.raw, i)       # noqa: E731
    number, first = words.index("1."), words.index("The other runners")
    sizes = size(number), size(first)
    pdf.close()
    assert sizes[0] == pytest.approx(sizes[1]) == load_theme(layout)["styles"]["list"]["size"]


def test_a_questions_answer_lines_leave_room_before_the_next_question(tmp_path):
    """In the classroom layout the last ruled line under a question sat 5.5 pt over the
    next question, as if it underlined it: the lines now keep a third of a line under the
    lowest."""
    import pypdfium2 as pdfium

    from booklet.theme import load_theme

    out = tmp_path / "b.pdf"
    build(layout="classroom", output=out)
    spacing = load_theme("classroom")["styles"]["list"]["leading"] * 1.6
    pdf = pdfium.PdfDocument(str(out))
    [page] = [p for p in pdf if "Questions to Talk About" in p.get_textpage().get_text_range()]
    text = page.get_textpage()
    top = text.get_charbox(text.get_text_range().index("2."))[3]
    rules = [o.get_bounds() for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
    pdf.close()
    assert min(b[1] for b in rules if b[1] > top) - top >= spacing / 3
