"""Load stage: content folders in, Booklet out, or every problem named with file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.build import build
from booklet.errors import BookletError
from booklet.load import load_booklet
from booklet.model import Heading, ListBlock, Paragraph, BlockQuote, TableBlock
from booklet.resources import example_content

from conftest import TINY, pdf_text, write_booklet


def problems_of(folder) -> list[str]:
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    return [str(p) for p in info.value.problems]


def test_example_loads_with_every_section_kind():
    b = load_booklet(example_content())
    assert b.title == "Derek & Jim Redmond"
    kinds = [s.kind for s in b.sections]
    assert kinds == ["story", "quotes", "timeline", "tributes", "comments", "questions"]
    story = b.sections[0]
    assert any(isinstance(x, Heading) for x in story.blocks)
    comments = b.sections[4]
    assert len(comments.items) == 51          # every comment on the page, as written
    assert comments.rules.exclude and comments.rules.drop_duplicates


def test_markdown_blocks_and_emphasis(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": """
        Plain *italic* and **bold** text.

        - one
        - two

        > quoted words
        """})
    blocks = load_booklet(folder).sections[0].blocks
    assert isinstance(blocks[0], Paragraph)
    assert [(s.text, s.italic, s.bold) for s in blocks[0].spans] == [
        ("Plain ", False, False), ("italic", True, False), (" and ", False, False),
        ("bold", False, True), (" text.", False, False)]
    assert isinstance(blocks[1], ListBlock) and len(blocks[1].items) == 2
    assert isinstance(blocks[2], BlockQuote)


def test_a_paragraph_that_starts_with_a_year_is_a_paragraph_not_a_list(tmp_path):
    """'1992. It was the summer...' is Markdown for a list numbered from 1992: it was set as
    one, a hanging indent under '1992.'. A one-item list numbered with a year is read as the
    paragraph typed; lists numbered 1, 2, and years listed one under the other, stay lists."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "1992. It was the summer of Barcelona.\n\n2012) London, where Jim carried the torch.\n\n"
        "1. a real list\n2. second\n\nThen:\n\n1988. Seoul\n1992. Barcelona\n")})
    blocks = load_booklet(folder).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "ListBlock", "Paragraph", "ListBlock"]
    assert "".join(s.text for s in blocks[0].spans) == "1992. It was the summer of Barcelona."
    assert "".join(s.text for s in blocks[1].spans) == "2012) London, where Jim carried the torch."
    assert (blocks[2].start, len(blocks[2].items), blocks[4].start, len(blocks[4].items)) == (1, 2, 1988, 2)

def test_a_numbered_list_keeps_the_numbers_typed_when_they_are_not_counted(tmp_path):
    """'1962. Married', '1965. Moved to Cornwall', '1970. Opened the shop' is a list
    numbered from 1962 in Markdown, and was printed 1962, 1963, 1964: two years changed
    without a word. Numbers typed that do not count on from the first are printed as
    typed; '1. 1. 1.' and '3. 4.' are counted, as Markdown means them."""
    from booklet.build import build

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "1962. Married Tom.\n1965. Moved to Cornwall.\n1970. Opened the shop.\n\nThen:\n\n"
        "1. one\n1. two\n1. three\n\nAnd:\n\n3. three\n4. four\n")})
    lists = [b for b in load_booklet(folder).sections[0].blocks if isinstance(b, ListBlock)]
    assert [(b.start, b.numbers) for b in lists] == [(1962, [1962, 1965, 1970]), (1, None), (3, None)]
    text = pdf_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert all(line in text for line in ("1962. Married Tom.", "1965. Moved to Cornwall.", "1970. Opened the shop.",
                                          "2. two", "3. three", "4. four")), text

def test_a_paragraph_with_a_line_of_dashes_under_it_is_a_paragraph_and_a_rule(tmp_path):
    """A line of dashes typed under a paragraph to end it is Markdown for a heading: the
    whole paragraph was set as a heading. A short title-like line over one is still one."""
    from booklet.model import Heading, Rule

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "Thank you all for coming today, it means so much to the family that you could be here\n---\n\n"
        "We will always remember.\n===\n\nEarly years\n---\n\nText.\n\n*Later years*\n---\n")})
    blocks = load_booklet(folder).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Rule", "Paragraph", "Rule", "Heading", "Paragraph",
                                                  "Heading"]
    assert isinstance(blocks[1], Rule) and isinstance(blocks[4], Heading)
    assert "".join(s.text for s in blocks[0].spans).startswith("Thank you all for coming today")

def test_a_list_ten_deep_is_kept_whole_and_deeper_is_refused(tmp_path):
    ten = "".join("  " * i + f"- level {i}\n" for i in range(10))
    blocks = load_booklet(write_booklet(tmp_path / "a", {**TINY, "story.md": ten})).sections[0].blocks
    depth, block = 0, blocks[0]
    while isinstance(block, ListBlock):          # (before: markdown-it left out all below level 8)
        depth += 1
        assert block.items[0][0].spans[0].text == f"level {depth - 1}"
        block = block.items[0][-1]
    assert depth == 10
    eleven = write_booklet(tmp_path / "b", {**TINY, "story.md": "Opening.\n\n" + ten + "  " * 10 + "- level 10\n"})
    assert problems_of(eleven) == [
        f"{eleven / 'story.md'}, line 13: lists and quotes are nested more than 10 deep here; a page has no room "
        "to indent them further\n  hint: flatten the list: fewer levels of indentation or of '>'"]
    quotes = write_booklet(tmp_path / "c", {**TINY, "story.md": "> " * 3000 + "deep\n"})
    assert "nested more than 10 deep" in problems_of(quotes)[0]


def test_raw_html_in_markdown_stays_text(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": 'Hello <img src="/etc/passwd"> <b>x</b>\n'})
    para = load_booklet(folder).sections[0].blocks[0]
    assert "".join(s.text for s in para.spans) == 'Hello <img src="/etc/passwd"> x'
    assert [s.text for s in para.spans if s.bold] == ["x"]


def test_html_bold_italic_and_line_breaks_in_a_story_are_read_as_markdowns(tmp_path):
    """A story pasted from a web page or an old programme has '<b>', '<em>', '<br>' and
    '<p>': they were printed as typed. They are read as Markdown's bold, italic and line
    break; a paragraph's, a box's and centring's tags are left out, their words kept.
    Other tags are printed as typed and said; nothing in code, nothing else."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "Plain.\n\nA <B>bold</b> word, an <em>italic <strong>one</strong></em>,<br>\na new line<br/>\n\n"
        "<center><p>Rest in peace</p></center>\n\n<p>One</p>\n<p>Two</p>\n\n`<b>code</b>` and <bold>\n\n"
        "See <a href='https://example.org'>this</a> and <b>unclosed\n")})
    section = load_booklet(folder).sections[0]
    looks = [[(s.text, s.bold, s.italic, s.code) for s in block.spans] for block in section.blocks[1:]]
    assert looks[0] == [("A ", False, False, False), ("bold", True, False, False), (" word, an ", False, False, False),
                        ("italic ", False, True, False), ("one", True, True, False), (",", False, False, False),
                        ("\n", False, False, False), ("a new line", False, False, False)]
    assert looks[1] == [("Rest in peace", False, False, False)]
    assert looks[2:4] == [[("One", False, False, False)], [("Two", False, False, False)]]     # two paragraphs
    assert looks[4] == [("<b>code</b>", False, False, True), (" and <bold>", False, False, False)]
    assert "".join(text for text, *_ in looks[5]) == "See <a href='https://example.org'>this</a> and unclosed"
    assert [text for text, bold, *_ in looks[5] if bold] == ["unclosed"]
    assert section.warnings == [
        "story.md, line 13: '<a href='https://example.org'>' and 1 more HTML tags are printed as typed (a story is "
        "Markdown: **bold**, *italic*, and a backslash at the end of a line breaks it)"]
    (folder / "story.md").write_text("Plain, and `<a>` in code.\n")
    assert load_booklet(folder).sections[0].warnings == []


def test_a_heading_typed_without_a_space_is_read_as_one_and_said(tmp_path):
    """'#The Race', as people type a heading, was printed as a paragraph '#The Race'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "Opening.\n\n#The Race\n\nText.\n\n##Later on\n\n#1 fan, and\n#JimRedmond in a paragraph.\n\n"
        "\\#Hashtag\n\n- #In a list\n")})
    section = load_booklet(folder).sections[0]
    shown = [(type(b).__name__, getattr(b, "level", None), "".join(s.text for s in b.spans))
             for b in section.blocks if not isinstance(b, ListBlock)]
    assert shown == [("Paragraph", None, "Opening."), ("Heading", 1, "The Race"), ("Paragraph", None, "Text."),
                     ("Heading", 2, "Later on"), ("Paragraph", None, "#1 fan, and\n#JimRedmond in a paragraph."),
                     ("Paragraph", None, "#Hashtag")]
    assert section.warnings == [
        "story.md, line 3: '#The Race' is read as a heading (Markdown wants a space after '#': '# The Race'; "
        "to print it as typed, write '\\#The Race')",
        "story.md, line 7: '##Later on' is read as a heading (Markdown wants a space after '#': '## Later on'; "
        "to print it as typed, write '\\##Later on')"]
    assert section.blocks[1].line == 3


def test_html_comments_on_their_own_lines_are_not_printed(tmp_path):
    """'<!-- check the date -->', a note to oneself that every Markdown reader hides, was
    printed in the booklet. One never closed, or inside a sentence, is still printed."""
    story = ("First.\n\n<!-- check the date\nwith Ann -->\n\nSecond, *on line 6*.\n\n"
             "In a <!-- sentence --> stays.\n\n```\n<!-- code -->\n```\n\n<!-- never closed\n\nLast.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    blocks = load_booklet(folder).sections[0].blocks
    texts = ["".join(s.text for s in b.spans) for b in blocks]
    assert texts == ["First.", "Second, on line 6.", "In a <!-- sentence --> stays.", "<!-- code -->",
                     "<!-- never closed", "Last."]
    assert blocks[1].line == 6
    # lines counted as markdown-it counts them: a form feed or U+2028 is not a line break
    (folder / "story.md").write_text("Page\x0cbreak and\u2028more.\n\n<!-- hide -->\n\nKept.\n", encoding="utf-8")
    blocks = load_booklet(folder).sections[0].blocks
    assert ["".join(s.text for s in b.spans) for b in blocks][-1] == "Kept."
    assert "hide" not in str(blocks)


def test_a_note_written_twice_is_said(tmp_path):
    """Two '[^3]:' lines: the first was dropped without a word."""
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "Born[^3] here.\n\n[^3]: In Leeds.\n\nMore.\n\n"
                                                                "[^3]: In York.\n"})
    section = load_booklet(folder).sections[0]
    assert section.warnings == ["story.md, lines 3, 7: the note [^3] is written twice, and only the one at line 7 "
                                "is printed; give each note a label of its own ([^3], [^3b]...)"]
    notes = [b for b in section.blocks if isinstance(b, ListBlock)]
    assert "".join(s.text for s in notes[0].items[0][0].spans) == "In York."


def test_notes_are_numbered_marks_and_set_after_the_story(tmp_path):
    """'born in 1930.[^1]' printed '[^1]', and the note '[^1]: In Leeds.' was printed
    where it was written, as a paragraph '[^1]: In Leeds.'."""
    from booklet.build import build
    from booklet.model import Rule

    story = ("He was born in 1930[^leeds] and raced[^2] and again^[An inline note.].\n\n"
             "Then more[^nope].\n\n[^leeds]: In *Leeds*,\n    by the river.\n\n[^2]: Twice.\n\n"
             "[^unused]: Never referred to.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    section = load_booklet(folder).sections[0]
    first, then, rule, notes = section.blocks
    assert "".join(s.text for s in first.spans) == "He was born in 1930¹ and raced² and again³."
    assert isinstance(rule, Rule) and notes.ordered and notes.start == 1 and notes.notes
    assert [["".join(s.text for s in b.spans) for b in item] for item in notes.items] == [
        ["In Leeds,\nby the river."], ["Twice."], ["An inline note."]]
    assert section.warnings == [
        "story.md, line 10: the note [^unused] is not referred to in the text, so it is not printed; "
        "put [^unused] where it belongs",
        "story.md, line 3: [^nope] refers to no note and is printed as typed; write the note on a line "
        "of its own: '[^nope]: ...'"]
    result = build(folder, output=tmp_path / "b.pdf")
    text = pdf_text(result.pdf)
    assert "born in 1930¹ and raced²" in text and "1. In Leeds, by the river. 2. Twice. 3. An inline note." in text
    assert any("[^unused]" in w for w in result.warnings)


def test_paragraphs_indented_with_a_tab_or_spaces_are_paragraphs_not_code(tmp_path):
    """People indent a paragraph's first line with a tab (Word's Plain Text keeps it), or
    four spaces: Markdown reads that as code, and the story was set in the code face,
    flush left, without its opening. Indented lines together (a poem) keep their lines and
    indents; a line that would read as something else on its own ('- x', '# x') and fenced
    code stay as typed."""
    story = ("# Dad\n\n\tHe was born in 1941 by the sea, the youngest of five, and *never* stopped talking about it.\n"
             "\n\tWhen he was twelve he ran his first race.\n\n"
             "    Four spaces before this one, which goes on long enough to wrap onto a second line of the page.\n\n"
             "    Indented lines together keep their shape, a poem with lines longer than verse has them,\n"
             "    as the guide for writing a story says, however long they are.\n\n"
             "    Do not stand at my grave and weep,\n        I am not there; I do not sleep.\n\n"
             "    - not a list\n\n```\nfenced code\n```\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    blocks = load_booklet(folder).sections[0].blocks
    seen = [("".join(s.text for s in b.spans), b.preformatted, any(s.code for s in b.spans), b.line) for b in blocks[1:]]
    assert seen == [
        ("He was born in 1941 by the sea, the youngest of five, and never stopped talking about it.", False, False, 3),
        ("When he was twelve he ran his first race.", False, False, 5),
        ("Four spaces before this one, which goes on long enough to wrap onto a second line of the page.",
         False, False, 7),
        ("Indented lines together keep their shape, a poem with lines longer than verse has them,\nas the guide for "
         "writing a story says, however long they are.\n\nDo not stand at my grave and weep,\n    I am not there; "
         "I do not sleep.\n\n- not a list", True, True, 9),
        ("fenced code", True, True, 17)]
    assert blocks[1].spans[1].italic                    # its Markdown is read


def test_a_picture_named_with_spaces_is_placed(tmp_path):
    """'![Grandma](my photo.jpg)', the file's name as the computer shows it, was printed as
    typed and the photo left out (CommonMark wants <my photo.jpg>)."""
    from PIL import Image

    from booklet.model import Picture

    story = ("Before.\n\n![Grandma at the beach](my photo.jpg)\n\nSee [the letter](our letter.txt) and "
             "[a site](https://example.org \"Title\").\n\n```\n![code](stays as typed.jpg)\n```\n\n"
             "In `![code](also as typed.jpg)` too.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    Image.new("RGB", (300, 200), "teal").save(folder / "my photo.jpg")
    blocks = load_booklet(folder).sections[0].blocks
    pictures = [b for b in blocks if isinstance(b, Picture)]
    assert [(p.path.name, p.caption, p.line) for p in pictures] == [("my photo.jpg", "Grandma at the beach", 3)]
    texts = ["".join(s.text for s in b.spans) for b in blocks if not isinstance(b, Picture)]
    assert texts == ["Before.", "See the letter (our letter.txt) and a site (Title: https://example.org).",
                     "![code](stays as typed.jpg)", "In ![code](also as typed.jpg) too."]
    (folder / "story.md").write_text("![Gone](no such photo.jpg)\n")
    assert problems_of(folder)[0].startswith(f"{folder / 'story.md'}, line 1: picture 'no such photo.jpg': "
                                             "that file does not exist")


def test_file_names_written_on_windows_or_a_mac_are_found(tmp_path):
    """'Photos\\Beach.jpg' (Windows' separator) and 'photos/beach.jpg' for Photos/Beach.jpg
    (Macs and Windows ignore case) were 'that file does not exist' here."""
    from PIL import Image

    folder = write_booklet(tmp_path / "b", {
        **TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n",
        "photos.yaml": "- file: Photos\\Beach.jpg\n- file: photos/beach.JPG\n- PHOTOS/café.jpg\n",
        "story.md": "Text.\n\n![Again](photos\\BEACH.jpg)\n"})
    (folder / "Photos").mkdir()
    Image.new("RGB", (300, 200), "teal").save(folder / "Photos" / "Beach.jpg")
    Image.new("RGB", (300, 200), "red").save(folder / "Photos" / "cafe\u0301.jpg")     # (as a Mac writes é)
    booklet = load_booklet(folder)
    photos = next(s for s in booklet.sections if s.kind == "photos").items
    assert [p.path for p in photos] == [folder / "Photos" / "Beach.jpg"] * 2 + [folder / "Photos" / "cafe\u0301.jpg"]
    assert booklet.sections[0].blocks[1].path == folder / "Photos" / "Beach.jpg"
    Image.new("RGB", (300, 200), "blue").save(folder / "Photos" / "BEACH.JPG")   # two that match: none chosen
    (folder / "photos.yaml").write_text("- file: photos/beach.jpg\n")
    assert any(p.startswith(f"{folder / 'photos.yaml'}, line 1, field '[1].file': that file does not exist: "
                            "'photos/beach.jpg'") for p in problems_of(folder))


def test_comments_as_a_website_exports_them(tmp_path):
    """A JSON export ('author', 'body', 'created_at', 'likes') was three errors a comment:
    2,100 lines for 300 comments. Its names are read as ours, what we have no use for is
    left out, each said once; a key like one of ours ('nmae') is still an error."""
    import json

    exported = [{"author": f"Reader {i}", "body": f"Comment {i}.", "created_at": "2022-10-01", "likes": i}
                for i in range(3)]
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": json.dumps(exported, indent=1)})
    booklet = load_booklet(folder)
    section = next(s for s in booklet.sections if s.kind == "comments")
    assert [(c.name, c.text, c.date) for c in section.items] == [
        (f"Reader {i}", f"Comment {i}.", "2022-10-01") for i in range(3)]
    assert section.warnings == [
        "comments.yaml: read 'author' as name, 'body' as text, 'created_at' as date (the names a website's "
        "export gives them)",
        "comments.yaml: 'likes' is not printed (a comment has name, text, date, source, id); first at line 6"]
    (folder / "comments.yaml").write_text(json.dumps([{"username": "ann", "message": "Hi.", "user_id": 3}]))
    section = next(s for s in load_booklet(folder).sections if s.kind == "comments")    # ('username' is like 'name')
    assert [(c.name, c.text) for c in section.items] == [("ann", "Hi.")]
    typos = [{"nmae": f"R{i}", "txt": "x"} for i in range(300)]
    (folder / "comments.yaml").write_text(json.dumps(typos, indent=1))
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    message = str(info.value)
    assert message.startswith("600 problems:\n- ") and message.count("\n- ") == 2
    assert (f"{folder / 'comments.yaml'}, line 3, field '[1].nmae': unknown key 'nmae'\n    hint: did you mean "
            "'name'?\n    the same in 299 more entries: lines 7, 11, 15, 19, 23, 27, 31, 35 and 291 more") in message


@pytest.mark.parametrize("language, headings", [("en", ["Photographs", "Photo Album"]),
                                                ("de", ["Fotos", "Fotoalbum"]),
                                                ("ja", ["写真", "アルバム"]), ("ko", ["사진", "앨범"]),
                                                ("zh-CN", ["照片", "相册"]), ("zh-Hant-TW", ["照片", "相簿"]),
                                                ("日本語", ["写真", "アルバム"]), ("繁體中文", ["照片", "相簿"])])
def test_a_photos_section_and_a_gallery_are_not_both_headed_photographs(tmp_path, language, headings):
    """With no titles given, a booklet with both printed 'Photographs' twice, and its
    contents page listed 'Photographs' twice."""
    yaml = f"language: {language}\ntitle: T\nsections:\n  - type: photos\n    file: photos.yaml\n" \
           "  - type: gallery\n    file: photos.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "photos.yaml": "- file: a.jpg\n"})
    from PIL import Image
    Image.new("RGB", (60, 40)).save(folder / "a.jpg")
    assert [s.title for s in load_booklet(folder).sections] == headings

def test_the_words_booklet_prints_itself_follow_the_booklets_language(tmp_path):
    """A German booklet with no section titles had English headings ('Messages',
    'Timeline'), an English contents page and 'Anonymous' over a nameless comment."""
    from booklet.build import build

    yaml = "language: de\ntitle: Für Oma\nsections:\n  - type: story\n    file: story.md\n" \
           "  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "comments.yaml": "- Wir vermissen dich.\n"})
    assert [s.title for s in load_booklet(folder).sections] == ["Die Geschichte", "Botschaften"]
    (tmp_path / "l.yaml").write_text("extends: modern\nnotes: {pages: 1}\n")
    text = pdf_text(build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf").pdf)
    assert all(w in text for w in ("Inhalt", "Botschaften", "Anonym Wir vermissen dich.", "Notizen"))
    assert not any(w in text for w in ("Contents", "Messages", "Anonymous", "Notes"))
    (tmp_path / "own.yaml").write_text("extends: modern\ntoc: {title: Übersicht}\n")       # a layout's own word
    assert "Übersicht" in pdf_text(build(folder, str(tmp_path / "own.yaml"), tmp_path / "c.pdf").pdf)
    english = write_booklet(tmp_path / "e", {**TINY, "booklet.yaml": yaml.replace("de", "en-GB")})
    assert [s.title for s in load_booklet(english).sections] == ["The Story", "Messages"]


@pytest.mark.parametrize("language, words", [
    ("he", ("תוכן העניינים", "הודעות", "אנונימי", "הערות")),
    ("ar", ("المحتويات", "رسائل", "مجهول", "ملاحظات")),
    ("fa", ("فهرست", "پیام‌ها", "ناشناس", "یادداشت‌ها")),
    ("ur", ("فہرست", "پیغامات", "گمنام", "یادداشتیں")),
])
def test_a_booklet_written_right_to_left_prints_its_own_headings(tmp_path, language, words):
    """Hebrew, Arabic, Persian and Urdu booklets, laid out and bound right to left, had
    English headings ('Contents', 'Messages'), set on the left, and 'Anonymous'."""
    from booklet.build import build

    yaml = f"language: {language}\ntitle: {words[1]}\nsections:\n  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml,
                                            "comments.yaml": "- \u05e9\u05dc\u05d5\u05dd\n"})
    (tmp_path / "l.yaml").write_text("extends: modern\nnotes: {pages: 1}\n")
    result = build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf")
    # (read by pdfium, as poppler reads it: pypdf reads a joined lam-alef, 'لا', backwards)
    import pypdfium2

    pdf = pypdfium2.PdfDocument(result.pdf)
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    assert all(w.replace("\u200c", " ") in text for w in words), text      # (pdfium reads a non-joiner as a space)
    assert not any(w in text for w in ("Contents", "Messages", "Anonymous", "Notes"))
    assert not [w for w in result.warnings if "font" in w or "glyph" in w], result.warnings


def test_a_japanese_booklet_prints_its_own_headings(tmp_path):
    """Chinese, Japanese and Korean booklets had English headings, contents page and
    'Anonymous'."""
    from booklet.build import build

    yaml = "language: ja\ntitle: 祖母へ\nsections:\n  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "comments.yaml": "- ありがとう。\n"})
    (tmp_path / "l.yaml").write_text("extends: modern\nnotes: {pages: 1}\n")
    result = build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf")
    text = pdf_text(result.pdf)
    assert all(w in text for w in ("目次", "メッセージ", "匿名", "メモ")), text
    assert not any(w in text for w in ("Contents", "Messages", "Anonymous", "Notes"))
    assert not [w for w in result.warnings if "font" in w or "glyph" in w], result.warnings


@pytest.mark.parametrize("language, story, comments", [
    ("pl", "Historia", "Wiadomości"), ("Polski", "Historia", "Wiadomości"), ("cs", "Příběh", "Vzkazy"),
    ("sk", "Príbeh", "Odkazy"), ("da", "Historien", "Hilsner"), ("sv-SE", "Berättelsen", "Hälsningar"),
    ("no", "Historien", "Hilsener"), ("fi", "Tarina", "Viestit"), ("ru", "История", "Сообщения"),
    ("uk", "Історія", "Повідомлення"), ("hu", "A történet", "Üzenetek"), ("ro", "Povestea", "Mesaje"),
    ("tr", "Hikâye", "Mesajlar"), ("el", "Η ιστορία", "Μηνύματα"), ("hi", "कहानी", "संदेश")])
def test_booklets_in_the_languages_whose_quotation_marks_we_set_have_their_own_headings(
        tmp_path, language, story, comments):
    """A Polish booklet's quotations were set „like this”, and its headings were English
    ('The Story', 'Messages'), as were those of Czech, Scandinavian, Finnish, Russian,
    Ukrainian, Hungarian, Romanian, Turkish, Greek and Hindi ones."""
    yaml = f"language: {language}\ntitle: T\nsections:\n  - type: story\n    file: story.md\n" \
           "  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml})
    assert [s.title for s in load_booklet(folder).sections] == [story, comments]


@pytest.mark.parametrize("language, words", [("ru", ("Содержание", "Сообщения", "Аноним", "Заметки")),
                                             ("el", ("Περιεχόμενα", "Μηνύματα", "Ανώνυμος", "Σημειώσεις")),
                                             ("hi", ("विषय-सूची", "संदेश", "अनाम", "टिप्पणियाँ"))])
def test_a_russian_greek_or_hindi_booklet_prints_its_own_words(tmp_path, language, words):
    """The contents page, the notes pages and a nameless comment's 'Anonymous' too, with
    every character in a bundled font."""
    import pypdfium2

    from booklet.build import build

    yaml = f"language: {language}\ntitle: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "comments.yaml": "- Спасибо.\n"})
    (tmp_path / "l.yaml").write_text("extends: modern\nnotes: {pages: 1}\n")
    result = build(folder, str(tmp_path / "l.yaml"), tmp_path / "b.pdf")
    pdf = pypdfium2.PdfDocument(result.pdf)
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    assert all(w in text for w in words), text
    assert not any(w in text for w in ("Contents", "Messages", "Anonymous", "Notes"))
    assert not [w for w in result.warnings if "font" in w or "glyph" in w], result.warnings


def test_broken_yaml_names_file_and_line(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": """
        title: A title
        subtitle: He said: yes
        sections: []
        """})
    [message] = problems_of(folder)
    assert message == (f"{folder / 'booklet.yaml'}, line 2: not valid YAML: mapping values are not allowed here\n"
                       "  hint: text containing ': ' must be put in quotes, e.g. text: \"He said: yes\"")


@pytest.mark.parametrize("line, hint", [
    ('- from: Seb Coe\n  text: "He was a legend," said Seb.', """quotes: text: '"He was a legend," said Seb.'"""),
    ("- from: Ann\n  text: \"Don't stop\" he said", """(and write each single quote in it twice): text: '"Don''t stop" he said'"""),
    ('- from: Ann\n  text: "We started together" — Jim', """text: '"We started together" — Jim'"""),
])
def test_a_text_that_starts_with_a_quotation_and_goes_on_says_so_and_the_line_to_write(tmp_path, line, hint):
    """A tribute that opens with a quotation ('text: "He was a legend," said Seb.') is not
    YAML: the error said the line did not 'line up with the lines before it'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n"
                                            "    file: tributes.yaml\n", "tributes.yaml": line + "\n"})
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'tributes.yaml'}, line 2: not valid YAML: the text starts with a "
                              "quotation in \" quote marks, so YAML takes it to end where the quotation does")
    assert "line up" not in message and message.endswith(hint), message


@pytest.mark.parametrize("comments, line", [
    ("- name: Ann\n  text: First line of my message\nand the second line\n- name: Bo\n  text: ok\n", 3),
    ("- name: Ann\n  text: First paragraph.\n\n  Second paragraph.\n- name: Bo\n  text: ok\n", 4),
])
def test_a_texts_next_line_not_indented_under_it_is_named(tmp_path, comments, line):
    """A message pasted with its second line (or paragraph) at the left edge: the error was
    at the next entry, 'this line does not line up with the lines before it'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    [message] = problems_of(folder)
    assert message == (f"{folder / 'comments.yaml'}, line {line}: not valid YAML: this line goes on from 'text:' on "
                       "line 2 but is not indented under it, so YAML reads it as no part of that text\n"
                       "  hint: indent the text's other lines further than 'text:' (a blank line between them starts "
                       "a new paragraph), or write the text on one line")
    # indented, both are read: the paragraphs as paragraphs
    (folder / "comments.yaml").write_text(comments.replace("\nand", "\n    and").replace("\n  Second", "\n    Second"))
    [ann, bo] = next(s for s in load_booklet(folder).sections if s.kind == "comments").items
    assert ann.text in ("First line of my message and the second line", "First paragraph.\nSecond paragraph.")


def test_a_question_with_a_quotation_after_its_colon_is_given_quoted_whole(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "  - type: questions\n"
                                            "    file: q.yaml\n", "q.yaml": '- What did he mean by: "together"?\n'})
    [message] = problems_of(folder)
    assert message.endswith("""hint: put the whole text in single quotes: - 'What did he mean by: "together"?'""")


def test_a_text_that_starts_with_a_dash_says_to_quote_it(tmp_path):
    """'text: - a list I typed' had no hint: 'sequence entries are not allowed here'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- name: Ann\n  text: - thank you\n"})
    [message] = problems_of(folder)
    assert message.endswith("""hint: text that starts with '- ' must be put in quotes, e.g. text: "- ..." """.strip())


def test_a_bracket_left_open_at_the_end_of_a_file_is_found_where_it_was_opened(tmp_path):
    """'subtitle: [' on the last line: the error was at the line past the end, no hint."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "subtitle: [\n\n"})
    [message] = problems_of(folder)
    last = len(TINY["booklet.yaml"].splitlines()) + 1
    assert message.startswith(f"{folder / 'booklet.yaml'}, line {last}: not valid YAML: ")
    assert message.endswith('hint: text that starts with [ must be put in quotes, e.g. subtitle: "[..." (a list in '
                            "[ ] or a mapping in { } needs its closing ])")


def test_a_second_yaml_document_says_which_line_starts_it(tmp_path):
    """Two lists pasted into one file with '---' between them: PyYAML's 'expected a single
    document in the stream but found another document' said nothing a person could act on."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- name: A\n  text: one\n---\n- text: two\n"})
    [message] = problems_of(folder)
    assert message == (f"{folder / 'comments.yaml'}, line 3: not valid YAML: the '---' line here starts a second "
                       "part (a second document); a booklet's file is one\n"
                       "  hint: remove the '---' line (a blank line is enough to set entries apart)")


def test_all_problems_are_reported_together(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": """
        titel: A title
        sections:
          - type: stroy
            file: story.md
          - type: comments
            file: missing.yaml
        """})
    messages = problems_of(folder)
    path = folder / "booklet.yaml"
    assert messages == [
        f"{path}, line 1, field 'titel': unknown key 'titel'\n  hint: did you mean 'title'?",
        f"{path}, line 3, field 'sections[1].type': expected one of story, quotes, tributes, comments, "
        "photos, gallery, timeline, schedule, questions, found 'stroy'\n  hint: did you mean 'story'?",
        f"{path}, line 6, field 'sections[2].file': that file does not exist: 'missing.yaml'\n"
        "  hint: file names are relative to the folder of booklet.yaml",
    ]


def test_a_key_by_another_name_says_which_key_is_meant(tmp_path):
    # 'by' for a quote's 'who', 'name' for a tribute's 'from', 'image' for a photo's 'file':
    # one problem each, naming our key (not also 'the key who is missing')
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": """
        title: Names
        theme: classic
        sections:
          - type: quotes
            file: quotes.yaml
          - type: tributes
            file: tributes.yaml
          - type: photos
            file: photos.yaml
            heading: Photos
        """, "quotes.yaml": """
        - text: Go on.
          by: Jim
        - quote: Finish it.
          who: Derek
          colour: red
        """, "tributes.yaml": """
        - name: Ann
          text: A good man.
        """, "photos.yaml": "- image: a.jpg\n"})
    messages = problems_of(folder)
    quotes, tributes, photos = (folder / name for name in ("quotes.yaml", "tributes.yaml", "photos.yaml"))
    assert messages == [
        f"{folder / 'booklet.yaml'}, line 2, field 'theme': unknown key 'theme'\n  hint: here it is called "
        "'layout': write 'layout: ...' instead of 'theme: ...'",
        f"{folder / 'booklet.yaml'}, line 10, field 'sections[3].heading': unknown key 'heading'\n  hint: here "
        "it is called 'title': write 'title: ...' instead of 'heading: ...'",
        f"{quotes}, line 2, field '[1].by': unknown key 'by'\n  hint: here it is called 'who': "
        "write 'who: ...' instead of 'by: ...'",
        f"{quotes}, line 3, field '[2].quote': unknown key 'quote'\n  hint: here it is called 'text': "
        "write 'text: ...' instead of 'quote: ...'",
        f"{quotes}, line 5, field '[2].colour': unknown key 'colour'\n  hint: known keys: text, who, source",
        f"{tributes}, line 1, field '[1].name': unknown key 'name'\n  hint: here it is called 'from': "
        "write 'from: ...' instead of 'name: ...'",
        f"{photos}, line 1, field '[1].image': unknown key 'image'\n  hint: here it is called 'file': "
        "write 'file: ...' instead of 'image: ...'",
    ]


def test_duplicate_keys_are_errors(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": """
        title: One
        title: Two
        sections:
          - type: story
            file: story.md
        """})
    assert problems_of(folder) == [
        f"{folder / 'booklet.yaml'}, line 2: the key 'title' appears twice (first on line 1)\n"
        "  hint: remove one of them or merge them"]


def test_yes_no_and_numbers_stay_text(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": """
        - name: no
          text: yes
        - name: 1992
          text: 3.10
        - name: On
          text: 2022-10-05
        """})
    items = load_booklet(folder).sections[1].items
    assert [(c.name, c.text) for c in items] == [("no", "yes"), ("1992", "3.10"), ("On", "2022-10-05")]


def test_wrong_type_names_the_field(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": """
        - name: Ann
          text:
            - a list, not text
        """})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 3, field '[1].text': expected text, found a list\n"
        "  hint: put the text on the same line as the key, in quotes if it contains ': '"]


@pytest.mark.parametrize("tag, ok", [("en-GB", True), ("no", True), ("pt_BR", True), ("sr-Latn-RS", True),
                                     ("12", False), ("englsh", False), ("en-GB; x", False)])
def test_the_language_is_a_language_tag(tmp_path, tag, ok):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": f"language: {tag}\n" + TINY["booklet.yaml"]})
    if ok:
        assert load_booklet(folder).language == tag
    else:
        assert problems_of(folder) == [
            f"{folder / 'booklet.yaml'}, line 1, field 'language': expected a language tag such as en-GB, fr "
            f"or de-CH, found '{tag}'\n"
            "  hint: the language of the text: en for English, de for German, or with a region, en-GB"]


def test_names_written_loosely_are_understood(tmp_path):
    """'language: English', 'type: Story', 'layout: Large Print', 'art: Track' were errors
    that could only be fixed one way; they now mean what they say."""
    from booklet.build import build

    yaml = TINY["booklet.yaml"].replace("type: story", "type: Story").replace("type: comments", "type: COMMENTS")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": "language: English\nlayout: Large Print\n"
                                            "cover: {art: Track}\n" + yaml})
    booklet = load_booklet(folder)
    assert booklet.language == "en" and [s.kind for s in booklet.sections] == ["story", "comments"]
    assert booklet.cover.art == "track"
    assert build(folder, output=tmp_path / "b.pdf").layout == "large-print"
    assert b"/Lang (en)" in (tmp_path / "b.pdf").read_bytes()


def test_comments_as_bare_texts_and_as_a_mapping(tmp_path):
    """'- We miss him.' was 'expected a mapping with keys such as name, text...' for each
    line; 'Ann: We miss him.' said only 'expected a list'."""
    from booklet.build import build

    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- We miss him.\n- name: Bob\n  text: So do I.\n"})
    comments = next(s for s in load_booklet(folder).sections if s.kind == "comments").items
    assert [(c.name, c.text) for c in comments] == [("", "We miss him."), ("Bob", "So do I.")]
    text = pdf_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert "Anonymous We miss him. Bob So do I." in text
    (folder / "comments.yaml").write_text("Ann: We miss him.\nBob: So do I.\n")
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 1: expected a list of entries, each starting with '- ', found a "
        "mapping\n  hint: write each entry as '- name: ...' with '  text: ...' on the line under it"]


@pytest.mark.parametrize("typed", ["{}\n", "1: Why did he go on?\n2: Would you have?\n"])
def test_questions_as_a_mapping_get_the_form_to_write(tmp_path, typed):
    """A questions file of '{}' (or numbered 'key: value' lines) stopped the build with a
    traceback: the hint wanted a second field, and a question has one."""
    yaml = TINY["booklet.yaml"] + "  - type: questions\n    file: questions.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "questions.yaml": typed})
    assert problems_of(folder) == [
        f"{folder / 'questions.yaml'}, line 1: expected a list of entries, each starting with '- ', found a "
        "mapping\n  hint: write each question on a line of its own after '- ', e.g. '- Why did he go on?'"]


def test_a_name_and_its_words_written_with_a_colon_get_the_form_to_write(tmp_path):
    """'- Ann: We miss him.' was 'the key text is missing' (and 'Ann' left out unsaid)."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- Ann: We miss him.\n- name: Bob\n  txt: x\n",
                                            "tributes.yaml": "- Jim's mate: A good man.\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n"
                                            "    file: tributes.yaml\n"})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 1: 'Ann: We miss him.' is read as a key 'Ann', because of the colon "
        "after it\n  hint: write '- name: Ann' with '  text: We miss him.' on the line under it (or put the whole "
        "line in quotes)",
        f"{folder / 'comments.yaml'}, line 3, field '[2].txt': unknown key 'txt'\n  hint: did you mean 'text'?",
        f"{folder / 'tributes.yaml'}, line 1: 'Jim's mate: A good man.' is read as a key 'Jim's mate', because of "
        "the colon after it\n  hint: write '- from: Jim's mate' with '  text: A good man.' on the line under it"]


def test_a_list_under_one_key_is_read_as_the_list(tmp_path):
    """'comments:' over the list, as one writes a heading: 'expected a list ... found a mapping'."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "comments:\n  - name: Ann\n    text: Hi.\n"})
    comments = next(s for s in load_booklet(folder).sections if s.kind == "comments").items
    assert [(c.name, c.text) for c in comments] == [("Ann", "Hi.")]


def test_a_title_over_the_list_is_the_sections_title(tmp_path):
    """'title: Memories' and 'intro: ...' over 'comments:' and its list, as many YAML files
    begin: 'expected a list of entries ... found a mapping', the hint to write the entries
    the user had written. The title and intro are printed; booklet.yaml's own title wins,
    said in a warning; a key that is neither is still an error."""
    text = "title: Memories\nintro: From the book at the door.\ncomments:\n  - name: Ann\n    text: Hi.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": text})
    [section] = [s for s in load_booklet(folder).sections if s.kind == "comments"]
    assert (section.title, section.intro, [c.name for c in section.items]) == (
        "Memories", "From the book at the door.", ["Ann"])
    assert not section.warnings
    out = build(folder, output=tmp_path / "b.pdf").pdf
    assert "Memories" in pdf_text(out) and "From the book at the door." in pdf_text(out)
    (folder / "booklet.yaml").write_text(TINY["booklet.yaml"].replace(
        "file: comments.yaml", "file: comments.yaml\n    title: Messages"))
    [section] = [s for s in load_booklet(folder).sections if s.kind == "comments"]
    assert (section.title, section.intro) == ("Messages", "From the book at the door.")
    assert section.warnings == ["comments.yaml, line 1: the title 'Memories' is not printed: booklet.yaml gives "
                                "the section the title 'Messages' (keep one of them)"]
    # a website's export, its list under one key and a count beside it: the list, the count said not read
    (folder / "comments.yaml").write_text('{"count": 1, "comments": [{"name": "Ann", "text": "Hi."}]}\n')
    [section] = [s for s in load_booklet(folder).sections if s.kind == "comments"]
    assert [c.name for c in section.items] == ["Ann"] and section.warnings == [
        "comments.yaml, line 1: 'count' is not read: the file's list (under 'comments:') is, and a title and intro "
        "over it"]
    (folder / "comments.yaml").write_text("title: Memories\nsort: newest\n")            # (no list)
    assert problems_of(folder)[0].startswith(
        f"{folder / 'comments.yaml'}, line 1: expected a list of entries, each starting with '- ', found a mapping")


def test_keys_over_a_list_with_no_key_of_its_own_say_the_key_to_write(tmp_path):
    """'title: Our Summer' at the top of photos.yaml, the list under it: 'this line does not
    line up with the lines before it', about indentation, where a key is what is missing.
    Written as the hint says, the file is read, its title the section's."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "title: Memories\n# from the book\n"
                                                                       "- name: Ann\n  text: Hi.\n"})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 3: not valid YAML: this list comes after 'title: Memories' with no key "
        "of its own\n  hint: write 'comments:' on a line of its own before the list"]
    (folder / "comments.yaml").write_text("title: Memories\ncomments:\n- name: Ann\n  text: Hi.\n")
    [section] = [s for s in load_booklet(folder).sections if s.kind == "comments"]
    assert (section.title, [c.name for c in section.items]) == ("Memories", ["Ann"])
    (folder / "booklet.yaml").write_text("title: T\n- story.md\n")
    assert problems_of(folder) == [
        f"{folder / 'booklet.yaml'}, line 2: not valid YAML: this list comes after 'title: T' with no key of its own"
        "\n  hint: write 'sections:' on a line of its own before the list"]


def test_sections_named_by_their_files_alone(tmp_path):
    """'sections: [story.md, tributes.yaml]' was 'expected a mapping with keys such as type,
    file...' for each: a file named for its kind says what it is; another gets the form."""
    files = {**TINY, "tributes.yaml": "- from: Ann\n  text: Kind.\n", "Memories.YAML": "- We miss him.\n",
             "booklet.yaml": "title: T\nsections:\n  - story.md\n  - tributes.yaml\n  - comments.yaml\n"}
    folder = write_booklet(tmp_path / "b", files)
    assert [(s.kind, s.file.name) for s in load_booklet(folder).sections] == [
        ("story", "story.md"), ("tributes", "tributes.yaml"), ("comments", "comments.yaml")]
    (folder / "booklet.yaml").write_text("title: T\nsections:\n  - story.md\n  - Memories.YAML\n")
    assert problems_of(folder) == [
        f"{folder / 'booklet.yaml'}, line 4, field 'sections[2]': expected a mapping with keys such as type, file, "
        "title, intro, select, found 'Memories.YAML'\n  hint: say what it holds: '- type: comments' (or tributes, "
        "quotes, photos...) with '  file: Memories.YAML' on the line under it"]


def _sections_of(folder, booklet_yaml: str):
    """The sections a booklet.yaml makes in the folder, as (kind, file name), or its problems."""
    (folder / "booklet.yaml").write_text(booklet_yaml)
    try:
        return [(s.kind, s.file.name) for s in load_booklet(folder).sections]
    except BookletError as e:
        return [str(p) for p in e.problems]


def test_sections_named_by_their_kind_alone_or_as_a_mapping_of_kinds_to_files(tmp_path):
    """'sections: [story, comments]' and 'sections:' over 'story: story.md' lines, as people
    write a list of what goes in: each was an error ('expected a list, found a mapping';
    for '- story', the hint to write '  file: story'). A kind names the folder's one file
    of that kind (a folder of photos too); with none, the hint names the file to write. A
    file named for its kind in another form ('story.docx'), or a text file, is a story."""
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": "- from: Ann\n  text: Kind.\n"})
    (folder / "photos").mkdir()
    at = folder / "booklet.yaml"
    assert _sections_of(folder, "title: T\nsections:\n  - Story\n  - tributes\n  - comments\n  - photos\n") == [
        ("story", "story.md"), ("tributes", "tributes.yaml"), ("comments", "comments.yaml"), ("photos", "photos")]
    assert _sections_of(folder, "title: T\nsections:\n  story: story.md\n  comments: comments.yaml\n") == [
        ("story", "story.md"), ("comments", "comments.yaml")]
    assert _sections_of(folder, "title: T\nsections:\n  story: story.md\n  tributes: kind words.yaml\n") == [
        f"{at}, line 4, field 'sections[2].file': that file does not exist: 'kind words.yaml'"
        "\n  hint: file names are relative to the folder of booklet.yaml"]
    (folder / "eulogy.txt").write_text("# Eulogy\n\nWords.\n")
    (folder / "story.pages").write_bytes(b"PK")
    assert _sections_of(folder, "title: T\nsections:\n  - eulogy.txt\n  - story.pages\n") == [
        f"{at}, line 4, field 'sections[2].file': a story is a Markdown file ending in .md (or a Word document: "
        ".docx, .odt or .rtf), found 'story.pages'\n  hint: save it from your word processor as a Word document ('Save as' > Word "
        "Document, .docx) and name that file here, or paste its text into a new file story.md"]
    assert _sections_of(folder, "title: T\nsections:\n  - eulogy.txt\n") == [("story", "eulogy.txt")]
    assert _sections_of(folder, "title: T\nsections:\n  - story\n  - quotes\n") == [
        f"{at}, line 4, field 'sections[2]': expected a mapping with keys such as type, file, title, intro, select, "
        "found 'quotes'\n  hint: name its file: '- type: quotes' with '  file: quotes.yaml' on the line under it, "
        "or '- quotes.yaml'"]


def test_keys_written_with_a_capital_are_read(tmp_path):
    """A phone or a word processor capitalises the first word of a line: 'Title:', 'Name:'
    were unknown keys. A key of ours in other capitals is that key, unless both are there."""
    folder = write_booklet(tmp_path / "b", {
        **TINY, "booklet.yaml": "Title: T\nSections:\n  - Type: story\n    File: story.md\n  - comments.yaml\n",
        "comments.yaml": "- Name: Ann\n  TEXT: We miss him.\n"})
    booklet = load_booklet(folder)
    assert booklet.title == "T" and [s.kind for s in booklet.sections] == ["story", "comments"]
    assert (booklet.sections[1].items[0].name, booklet.sections[1].items[0].text) == ("Ann", "We miss him.")
    (folder / "comments.yaml").write_text("- name: Ann\n  Name: Bo\n  text: Hi\n")
    assert problems_of(folder) == [f"{folder / 'comments.yaml'}, line 2, field '[1].Name': unknown key 'Name'\n"
                                   "  hint: did you mean 'name'?"]


def test_a_booklet_with_no_sections_is_shown_the_ones_its_files_make(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": "- from: Ann\n  text: Kind.\n",
                                            "README.md": "Notes to self\n", "booklet.yaml": "title: T\n"})
    assert problems_of(folder) == [
        f"{folder / 'booklet.yaml'}, line 1, field 'sections': the key 'sections' is missing (the sections, in "
        "reading order)\n  hint: add the sections in reading order, e.g. sections: [story.md, tributes.yaml, "
        "comments.yaml]"]
    (folder / "booklet.yaml").unlink()
    assert problems_of(folder) == [
        f"{folder}: this folder has no booklet.yaml\n  hint: make a booklet.yaml in it of two lines: 'title: ...' "
        f"and 'sections: [story.md, tributes.yaml, comments.yaml]' (booklet init {folder} writes one)"]


def test_tab_indentation_is_explained(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- name: Ann\n\ttext: hi\n"})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 2: a tab is used for indentation; YAML needs spaces\n"
        "  hint: replace the tab at the start of the line with spaces"]


def test_no_break_spaces_copied_from_a_web_page_are_read_as_spaces(tmp_path):
    """Tributes copied from a web page or a word processor, indented with no-break spaces,
    one after a key, a line of em spaces between entries: 'this line does not line up with
    the lines before it', though the file looked right. Read as spaces, said once; the
    no-break spaces inside a text (French « oui ») are kept."""
    text = ("- from: Ann\n\u00a0 text: We miss him.\n- from: Bob\n\u00a0\u00a0text: Kind man.\n\u2003\n"
            "- from:\u00a0Cy\n  text: \u00ab\u00a0oui\u00a0\u00bb, she said.\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": text, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - tributes.yaml\n"})
    [section] = [s for s in load_booklet(folder).sections if s.kind == "tributes"]
    assert [(t.author, t.text) for t in section.items] == [
        ("Ann", "We miss him."), ("Bob", "Kind man."), ("Cy", "\u00ab\u00a0oui\u00a0\u00bb, she said.")]
    assert section.warnings == ["tributes.yaml, lines 2, 4, 5, 6: no-break (or other wide) spaces where YAML reads "
                                "ordinary ones, as a web page or a word processor copies them: read as ordinary spaces"]
    (folder / "tributes.yaml").write_bytes(text.replace("\n", "\r\n").encode())       # (as Windows ends its lines)
    [section] = [s for s in load_booklet(folder).sections if s.kind == "tributes"]
    assert len(section.items) == 3 and section.warnings[0].startswith("tributes.yaml, lines 2, 4, 5, 6: ")


def test_a_text_in_curly_quotes_with_a_colon_is_read_whole(tmp_path):
    """'text: “He said: yes”', typed where quotes curl as they are typed (TextEdit, Word):
    'mapping values are not allowed here', and 'must be put in quotes' to a person who had
    (straight quotes typed there curl again). A key's value wholly in curly marks is read
    whole, marks and all (a tribute's own marks then give way to the booklet's); deeper in,
    where a line may be a longer text's, the hint says curly marks are no quotes to YAML."""
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": "- from: Ann\n  text: “He said: it’s time”\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - tributes.yaml\n"})
    text = pdf_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert "“He said: it’s time”" in text and "‘He said" not in text
    (folder / "tributes.yaml").write_bytes("- from: Ann\r\n  text: “He said: it’s time”\r\n".encode())   # (Windows)
    [section] = [s for s in load_booklet(folder).sections if s.kind == "tributes"]
    assert section.items[0].text == "“He said: it’s time”"
    (folder / "booklet.yaml").write_text(TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n"
                                         "    title: “Friends: near and far”\n")
    [problem] = problems_of(folder)
    assert problem.endswith("line 11: not valid YAML: mapping values are not allowed here\n  hint: curly quote "
                            "marks are text to YAML, not quotes: put the text in straight ones as well, e.g. title: "
                            "'“Friends: near and far”'")


def test_entries_begun_with_a_word_processors_bullet_are_read_as_a_list(tmp_path):
    """Word turns '- ' at the start of a line into '– ' (or a bullet): tributes.yaml typed
    there was 'mapping values are not allowed here', or one text of all its lines. At the
    left edge, where a line is an entry or a key, '–' and '•' are read as YAML's '-', said
    once; a dash inside a text stays."""
    text = "– from: Ann\n  text: We miss him – all of us.\n• from: Bob\n  text: |\n    Kind.\n    – Bob's son\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": text, "quotes.yaml": "– He ran. — Derek\n",
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - tributes.yaml\n  - quotes.yaml\n"})
    [tributes, quotes] = [s for s in load_booklet(folder).sections if s.kind in ("tributes", "quotes")]
    assert [(t.author, t.text) for t in tributes.items] == [("Ann", "We miss him – all of us."),
                                                              ("Bob", "Kind.\n– Bob's son\n")]
    assert tributes.warnings == ["tributes.yaml, lines 1, 3: a list's entries begin with '–' or '•', as a word "
                                 "processor turns '- ' into a bullet: read as YAML's '-'"]
    assert [(q.text, q.who) for q in quotes.items] == [("He ran.", "Derek")]
    # booklet.yaml's sections, typed in Word: indented under 'sections:', each entry's keys under it
    (folder / "booklet.yaml").write_text("title: T\nsections:\n  – type: story\n    file: story.md\n"
                                         "  • tributes.yaml\ndedication: |\n  – for Jim\n")
    booklet = load_booklet(folder)
    assert [s.kind for s in booklet.sections] == ["story", "tributes"] and booklet.dedication == "– for Jim\n"


def test_a_list_saved_as_rich_text_or_a_word_document_is_told_how_to_save_it_plain(tmp_path):
    """TextEdit saves Rich Text unless told otherwise: tributes.yaml holding RTF was 'while
    parsing a flow mapping expected ',' or '}'', and tributes.yaml.rtf beside a booklet.yaml
    naming tributes.yaml was 'did you mean tributes.yaml.rtf?', which then failed so."""
    rtf = "{\\rtf1\\ansi\\cocoartf2639\n\\f0\\fs24 - from: Ann\\\n  text: Hi.}\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": rtf,
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - tributes.yaml\n"})
    assert problems_of(folder) == [
        f"{folder / 'tributes.yaml'}: is Rich Text (RTF), as TextEdit and WordPad save, not plain text\n  hint: in "
        "TextEdit, choose Format > Make Plain Text and save it again (in WordPad: Save as > Plain text document)"]
    (folder / "tributes.yaml").rename(folder / "tributes.yaml.rtf")
    assert problems_of(folder)[0].endswith(
        "that file does not exist: 'tributes.yaml'\n  hint: the file is named 'tributes.yaml.rtf', saved as Rich Text "
        "(TextEdit's default): open it, choose Format > Make Plain Text, and save it as 'tributes.yaml'")
    (folder / "tributes.yaml").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(40))
    assert problems_of(folder)[0] == (
        f"{folder / 'tributes.yaml'}: is a Word document (or another zipped file), not plain text\n  hint: open it in "
        "its program and save it as plain text (Save as > Plain Text), under this name")


@pytest.mark.parametrize("text, problem", [
    ("- from: Ann\n   text: We miss him.\n", "line 2: not valid YAML: mapping values are not allowed here\n  hint: "
     "line up 'text:' with 'from:' on the line above: 2 spaces before it, not 3"),
    ("- from: Ann\n  role: a friend\n    text: We miss him.\n", "line 3: not valid YAML: mapping values are not "
     "allowed here\n  hint: line up 'text:' with 'role:' on the line above: 2 spaces before it, not 4"),
    ("- from:Ann\n  text:We miss him.\n", "line 1, field '[1].from': the key 'from' is missing (who the tribute is "
     "from)\n  hint: put a space after each key's colon, 'from: ...': without one, YAML reads 'from:Ann text:We "
     "miss him.' as text"),
])
def test_a_key_out_of_line_or_without_its_space_is_told_so(tmp_path, text, problem):
    # (they were 'text containing ': ' must be put in quotes', and 'write the entry on two lines')
    folder = write_booklet(tmp_path / "b", {**TINY, "tributes.yaml": text,
                                            "booklet.yaml": TINY["booklet.yaml"] + "  - tributes.yaml\n"})
    assert problems_of(folder) == [f"{folder / 'tributes.yaml'}, {problem}"]


def test_a_file_neither_utf8_nor_windows_1252_is_explained(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": b"- name: Zo\x81\n  text: hi\n"})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 1: is not UTF-8 text (byte 0x81 is not valid UTF-8)\n"
        "  hint: save the file as UTF-8 in your editor (\"Save as\" > encoding UTF-8)"]


def test_a_story_saved_by_word_as_plain_text_is_read(tmp_path):
    """Word's 'Plain Text' (which the hint for a .docx story asks for) is Windows-1252 by
    default: 'is not UTF-8 text'. A story is read so, with a warning."""
    from booklet.build import build

    story = "# Story\n\nHe said \u201cI\u2019ll finish\u201d \u2013 and he did. Caf\u00e9.\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story.encode("cp1252")})
    result = build(folder, output=tmp_path / "b.pdf")
    assert "story.md is not UTF-8 (line 3 first): it was read as Windows-1252, as Word, Excel and older Notepad " \
           "save text by default; if a letter looks wrong, save it as UTF-8" in result.warnings
    assert "said \u201cI\u2019ll finish\u201d \u2013 and he did. Caf\u00e9." in pdf_text(result.pdf)   # ('H e': a drop cap)


def test_yaml_files_saved_by_notepad_as_ansi_are_read(tmp_path):
    """Notepad before 2019 saved 'ANSI', Windows-1252 here: booklet.yaml or comments.yaml
    with 'Zoë' in it was 'is not UTF-8 text', the fix a setting in a dialog. Each is read
    so, with a warning naming it and its first such line."""
    from booklet.build import build

    folder = write_booklet(tmp_path / "b", {
        **TINY, "booklet.yaml": TINY["booklet.yaml"].replace("title: A Small Booklet", "title: Caf\u00e9 \u2013 a night").encode("cp1252"),
        "comments.yaml": "- name: Ann\n  text: hi\n- name: Zo\u00eb\n  text: Tr\u00e8s bien \u2014 \u201cthanks\u201d\n".encode("cp1252")})
    result = build(folder, output=tmp_path / "b.pdf")
    assert [w for w in result.warnings if "Windows-1252" in w] == [
        f"{name} is not UTF-8 (line {line} first): it was read as Windows-1252, as Word, Excel and older Notepad "
        "save text by default; if a letter looks wrong, save it as UTF-8"
        for name, line in (("booklet.yaml", 1), ("comments.yaml", 3))]
    text = pdf_text(result.pdf)
    assert "Caf\u00e9 \u2013 a night" in text and "Tr\u00e8s bien \u2014 \u201cthanks\u201d" in text and "Zo\u00eb" in text


def test_byte_order_mark_is_accepted(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "\ufeff- name: Ann\n  text: hi\n".encode()})
    assert load_booklet(folder).sections[1].items[0].name == "Ann"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_text_is_read(tmp_path, codec):
    """Notepad's 'Unicode' and Excel's 'Unicode Text' are UTF-16 with a byte-order mark:
    such a file was refused as 'byte 0xff is not valid UTF-8'. Without the mark, a story
    was read as letters with NUL characters between them."""
    text = "- name: Zoë\r\n  text: Très bien, 谢谢\r\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": text.encode(codec),
                                            "story.md": "# Story\n\nSaved as Unicode.\n".encode(codec)})
    booklet = load_booklet(folder)
    assert booklet.sections[1].items[0].name == "Zoë" and booklet.sections[1].items[0].text == "Très bien, 谢谢"
    assert "Saved as Unicode" in repr(booklet.sections[0].blocks)


@pytest.mark.parametrize("name", ["../outside.md", "/etc/passwd"])
def test_paths_may_not_leave_the_folder(tmp_path, name):
    (tmp_path / "outside.md").write_text("secret")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": f"""
        title: T
        sections:
          - type: story
            file: {name}
        """})
    [message] = problems_of(folder)
    assert "field 'sections[1].file'" in message
    assert ("leaves the folder" in message) or ("not an absolute one" in message)


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "secret.md").write_text("secret")
    folder = write_booklet(tmp_path / "b", TINY)
    (folder / "story.md").unlink()
    (folder / "story.md").symlink_to(tmp_path / "secret.md")
    [message] = problems_of(folder)
    assert "the path leaves the folder" in message


def test_alias_bomb_is_bounded(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": bomb})
    [message] = problems_of(folder)
    assert "has more than 200,000 values (after expanding aliases)" in message


@pytest.mark.parametrize("nested", [
    "- name: A\n  text: " + "[" * 3000 + "]" * 3000 + "\n",
    "- name: A\n  text: B\n" + "".join(" " * i + "- \n" for i in range(1500)),
])
def test_brackets_or_dashes_nested_past_pythons_limit_are_an_error_at_their_line(tmp_path, nested):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": nested})
    [message] = problems_of(folder)
    assert "comments.yaml, line " in message and "is nested too deeply to read" in message
    line = int(message.split("comments.yaml, line ")[1].split(":")[0])
    assert line in (2, 129)      # 126 spaces and "- ": 128 columns in


def test_missing_folder_and_missing_booklet_yaml(tmp_path):
    assert problems_of(tmp_path / "nope")[0].endswith("content folder not found\n  hint: give the folder that holds "
                                                       "booklet.yaml (or run 'booklet make' inside it)")
    [message] = problems_of(tmp_path)
    assert "this folder has no booklet.yaml" in message and "booklet init" in message
    (tmp_path / "booklet.yml").write_text("title: T\nsections: []\n")
    [message] = problems_of(tmp_path)
    assert message.endswith("this folder has no booklet.yaml\n  hint: rename booklet.yml to booklet.yaml")
    (tmp_path / "booklet.yml").rename(tmp_path / "booklet.json")        # (it was 'make a booklet.yaml')
    [message] = problems_of(tmp_path)
    assert message.endswith("hint: rename booklet.json to booklet.yaml (JSON is read as YAML)")


def test_a_section_file_of_the_wrong_kind_is_reported_where_booklet_yaml_names_it(tmp_path):
    folder = write_booklet(tmp_path, {
        "booklet.yaml": "title: T\nsections:\n  - type: story\n    file: story.pages\n"
                        "  - type: comments\n    file: comments.txt\n",
        "story.pages": "Words.", "comments.txt": "- name: A\n  text: B\n"})
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    yaml = folder / "booklet.yaml"
    assert str(info.value) == (
        f"2 problems:\n- {yaml}, line 4, field 'sections[1].file': a story is a Markdown file ending in .md (or a "
        f"Word document: .docx, .odt or .rtf), found 'story.pages'\n    hint: save it from your word processor as a Word document "
        f"('Save as' > Word Document, .docx) and name that file here, or paste its text into a new file story.md\n- {yaml}, line 6, field 'sections[2].file': a comments file is a YAML file ending "
        "in .yaml (or JSON), found 'comments.txt'\n    hint: it is written as a comments file: rename it "
        "comments.yaml, and name that here")
    (folder / "comments.txt").write_text("Ann\nWe miss him.\n")      # (a page of comments, pasted)
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    assert str(info.value).endswith(
        "hint: make a comments file from it: booklet import-comments "
        f"{folder / 'comments.txt'} -o {folder / 'comments.yaml'}, then name comments.yaml here")


def test_a_binary_file_is_not_read_as_text(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": b"# Story\n\nText\x00\x01\x02\xff\x00 and more\n"})
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'story.md'}, line 3: is not text (it has NUL bytes)")


def test_a_text_starting_with_a_hashtag_is_not_lost_as_a_yaml_comment(tmp_path):
    """'text: #1 fan of yours' is a YAML comment after an empty value: the comment was
    left out as empty, without a word, with every other comment printed."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": (
        "- name: Ann\n  text: A first comment.\n- name: Bob\n  text: #1 fan of yours, #RIP\n"
        "- name: Cy\n  text: ok  # a note to myself, after the text\n")})
    assert problems_of(folder) == [
        f"{folder / 'comments.yaml'}, line 4: what follows 'text:' starts with #, which YAML takes for "
        "a comment and skips, so 'text' is empty\n"
        "  hint: put it in quotes: text: \"#1 fan of yours, #RIP\""]


def test_hashtags_that_end_a_text_are_printed_not_lost_as_a_yaml_comment(tmp_path):
    """'text: I love him so much #RIP #legend' printed 'I love him so much': YAML takes
    ' #' for the start of a comment. A '#' with a letter or digit after it ends the text as
    typed, in a section's files; '# a note' after a text, with its space, is still a note,
    and so is one in booklet.yaml or a layout ('layout: classic #or modern' is classic)."""
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": (
        "- name: Ann  # my aunt\n  text: I love him so much #RIP #legend   \n"
        "- name: Cy\n  text: ok  # a note to myself, after the text\n"
        "- name: Di\n  text: Two lines, the second\n    with a tag #JimRedmond\n- Thank you #1 dad\n")})
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text() + "layout: classic #or modern\n")
    booklet = load_booklet(folder)
    assert [(c.name, c.text) for c in booklet.sections[1].items] == [
        ("Ann", "I love him so much #RIP #legend"), ("Cy", "ok"),
        ("Di", "Two lines, the second with a tag #JimRedmond"), ("", "Thank you #1 dad")]
    assert booklet.layout == "classic"


def test_hashtags_in_the_booklets_own_texts_are_printed(tmp_path):
    """'title: Race #1 of 1992' printed the title 'Race', without a word: booklet.yaml's
    texts (title, subtitle, a section's title and intro, the cover's note) keep a '#1' or
    '#RIP' as typed; its file names and layout still take one for a note."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": (
        "title: Race #1 of 1992\nsubtitle: For Jim #RIP\nlayout: classic #or modern\n"
        "cover:\n  note: Barcelona #1992\nsections:\n"
        "  - type: story\n    file: story.md #the main one\n    title: Our #1 Dad\n    intro: The race #neverforget\n")})
    booklet = load_booklet(folder)
    assert (booklet.title, booklet.subtitle, booklet.cover.note) == ("Race #1 of 1992", "For Jim #RIP", "Barcelona #1992")
    assert (booklet.sections[0].title, booklet.sections[0].intro) == ("Our #1 Dad", "The race #neverforget")
    assert booklet.layout == "classic" and booklet.sections[0].file.name == "story.md"

@pytest.mark.parametrize("text, line, words", [
    # an apostrophe inside single quotes ends the text early
    ("- name: Ann\n  text: 'it's broken'\n", 2, "in double quotes"),
    # a quote opened and never closed: the line it was opened on, not the end of the file
    ("- name: Ann\n  text: \"unclosed quote\n- name: Bob\n  text: ok\n", 2, "never closed"),
    # a dash with no space after it
    ("- name: Ann\n  text: hi\n-name: Bob\n  text: there\n", 3, "a dash and a space"),
    # ... on the last line, a name alone: PyYAML marks the line past the end
    ("- name: Ann\n  text: hi\n-Bob\n\n", 3, "a dash and a space"),
])
def test_the_usual_yaml_slips_are_explained_where_they_are(tmp_path, text, line, words):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": text})
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'comments.yaml'}, line {line}: "), message
    assert words in message, message


def test_a_table_too_wide_for_a_page_is_refused_where_it_is(tmp_path):
    story = "# S\n\nText.\n\n| " + " | ".join("x" * 40) + " |\n|" + "---|" * 40 + "\n| " + " | ".join("y" * 40) + " |\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    assert problems_of(folder) == [
        f"{folder / 'story.md'}, line 5: this table has 40 columns; a booklet's page has room for 12 at most\n"
        "  hint: split it into narrower tables, or make it a list"]


def test_a_table_row_with_more_cells_than_its_header_keeps_them_all(tmp_path):
    """'| 1992 | Barcelona | semifinal |' under '| Year | Where |': Markdown sets a table as
    wide as its header and the third cell was left out, unsaid. The table is set as wide
    as its widest row, the new columns' headings empty, and it is said where. In a quote
    and without outer pipes too; an escaped pipe is a cell's text, not a new cell."""
    story = ("# S\n\n| Year | Where |\n|---|:--|\n| 1992 | Barcelona | semifinal |\n| 2012 | London |\n\n"
             "> Year | Where\n> ---|---\n> 1991 | Tokyo | relay | gold\n\n"
             "| A | B |\n|---|---|\n| a \\| b | c |\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    section = load_booklet(folder).sections[0]
    tables = [b for b in section.blocks if isinstance(b, TableBlock)]
    tables += [b for q in section.blocks if isinstance(q, BlockQuote) for b in q.blocks if isinstance(b, TableBlock)]

    def cells(table):
        return [["".join(s.text for s in cell) for cell in row] for row in table.rows]

    assert [cells(t) for t in tables] == [
        [["Year", "Where", ""], ["1992", "Barcelona", "semifinal"], ["2012", "London", ""]],
        [["A", "B"], ["a | b", "c"]],
        [["Year", "Where", "", ""], ["1991", "Tokyo", "relay", "gold"]]]
    assert tables[0].align == ["left", "left", "left"]
    assert section.warnings == [
        "story.md, line 5: this row has 3 cells and the table's header 2: the table is set 3 columns wide, the last "
        "column with no heading (to head it, add to the header on line 3, and '---|' to the line under it)",
        "story.md, line 10: this row has 4 cells and the table's header 2: the table is set 4 columns wide, the last "
        "2 columns with no heading (to head them, add to the header on line 8, and '---|' to the line under it)"]
    build(folder, output=tmp_path / "b.pdf")
    assert "semifinal" in pdf_text(tmp_path / "b.pdf") and "gold" in pdf_text(tmp_path / "b.pdf")


def test_a_link_definition_no_link_uses_is_printed_as_typed(tmp_path):
    """'[Sources]: BBC' and '[1]: https://...' on lines of their own are Markdown's link
    definitions, never printed: with no link using them (a list of sources pasted under an
    article) they were left out of the booklet, unsaid. Printed as typed now; one a link
    uses gives the link its address, as before, and a label defined again is printed."""
    story = ("# S\n\nHe ran.\n\n[Sources]: BBC\n\n[1]: https://www.bbc.co.uk/sport/1\n\n"
             "As [the BBC][bbc] said, and [again][BBC].\n\n[bbc]: https://bbc.co.uk/a\n[BBC]: https://bbc.co.uk/b\n\n"
             "> [q]: in a quote\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    blocks = load_booklet(folder).sections[0].blocks

    def texts(blocks):
        return [t for b in blocks for t in (texts(b.blocks) if isinstance(b, BlockQuote) else
                                            ["".join(s.text for s in b.spans)])]

    assert texts(blocks) == [
        "S", "He ran.", "[Sources]: BBC", "[1]: https://www.bbc.co.uk/sport/1",
        "As the BBC (https://bbc.co.uk/a) said, and again (https://bbc.co.uk/a).", "[BBC]: https://bbc.co.uk/b",
        "[q]: in a quote"]
    assert blocks[2].line == 5


def test_a_links_title_is_printed_before_its_address(tmp_path):
    """'[the BBC](https://... "BBC Sport, 1992")': the title, the words a screen shows over the
    link, was left out of the booklet, unsaid; on paper it goes before the address, or alone
    where the words are the address (and not twice where the words say it already)."""
    story = ('# S\n\nSee [the BBC](https://www.bbc.co.uk/sport "BBC Sport,  1992") and [https://a.org](https://a.org '
             '"A.org home") and [x][1] and [BBC Sport](https://b.org "BBC Sport").\n\n[1]: https://x.org "X title"\n')
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    [_, paragraph] = load_booklet(folder).sections[0].blocks
    assert "".join(s.text for s in paragraph.spans) == (
        "See the BBC (BBC Sport, 1992: https://www.bbc.co.uk/sport) and https://a.org (A.org home) and x (X title: "
        "https://x.org) and BBC Sport (https://b.org).")


def test_questions_typed_with_their_numbers_are_not_numbered_twice(tmp_path):
    """The booklet numbers its questions: one typed '1. Why...' was printed '1. 1. Why...'.
    A number that is the question's own place is left off; a year opening one stays."""
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: questions\n    file: questions.yaml\n",
        "questions.yaml": "- 1. Why did he go on?\n- 2) And you?\n- Q3: Is it brave?\n- '4. Why?'\n"
                          "- 1992: a good year?\n- 7. Not seventh.\n"})
    [questions] = [s for s in load_booklet(folder).sections if s.kind == "questions"]
    assert [q.question for q in questions.items] == ["Why did he go on?", "And you?", "Is it brave?", "Why?",
                                                     "1992: a good year?", "7. Not seventh."]


def test_a_pictures_title_in_markdown_is_its_credit(tmp_path):
    """![Us](us.jpg "Photo: Ann Lee"): Markdown's title for a picture (a tooltip on a web page)
    was left out; it is printed under the caption, as a photo's credit is."""
    from PIL import Image

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": 'Words.\n\n![Us at the beach](us.jpg "Photo: Ann Lee")\n'})
    Image.new("RGB", (800, 600), "teal").save(folder / "us.jpg")
    [picture] = [b for b in load_booklet(folder).sections[0].blocks if type(b).__name__ == "Picture"]
    assert (picture.caption, picture.credit) == ("Us at the beach", "Photo: Ann Lee")
    build(folder, output=tmp_path / "b.pdf")
    assert "Us at the beach Photo: Ann Lee" in pdf_text(tmp_path / "b.pdf")


def test_comments_exported_as_json_are_read_tabs_and_all(tmp_path):
    json = '[\n\t{\n\t\t"name": "Ann",\n\t\t"text": "A tab\\there, and: a colon"\n\t},\n\t{"name": "Bo", "text": "Hi"}\n]\n'
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.json": json,
                                            "booklet.yaml": TINY["booklet.yaml"].replace("comments.yaml", "comments.json")})
    comments = [s for s in load_booklet(folder).sections if s.kind == "comments"][0].items
    assert [(c.name, c.text, c.line) for c in comments] == [("Ann", "A tab\there, and: a colon", 2), ("Bo", "Hi", 6)]


def test_a_broken_json_file_names_its_line(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.json": '[\n\t{"name": "Ann", "text": "Hi"}\n\t{"name": "Bo"}\n]\n',
                                            "booklet.yaml": TINY["booklet.yaml"].replace("comments.yaml", "comments.json")})
    with pytest.raises(BookletError) as e:
        load_booklet(folder)
    assert str(e.value).startswith(f"{folder / 'comments.json'}, line 3: not valid JSON: ")
    assert "hint: a comma is needed between two items" in str(e.value)


@pytest.mark.parametrize("select, message", [
    ("    select:\n      - Sherri\n", "field 'sections[2].select': expected a mapping of keys and values, found a list"),
    ("    select:\n      exclude: {Sherri: 5}\n", "field 'sections[2].select.exclude': expected a list"),
])
def test_a_wrong_select_is_reported_with_the_other_problems(tmp_path, select, message):
    """A select that is not a mapping (the line 'exclude:' deleted above its names) was
    'unexpected failure (AttributeError)' when another problem was in booklet.yaml too."""
    yaml = TINY["booklet.yaml"].replace("    file: story.md\n", "") + select
    problems = problems_of(write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml}))
    assert any("the key 'file' is missing" in p for p in problems)
    assert any(message in p for p in problems), problems


def test_a_line_out_of_place_is_explained_in_plain_words(tmp_path):
    """PyYAML's 'while parsing a block mapping expected <block end>, but found <scalar>' was
    printed as it is: a line of text whose 'event:' was deleted above it."""
    timeline = '- date: "1992"\n  event: Barcelona.\n- date: "2012"\n    London, as a torch bearer.\n'
    yaml = TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n"
    [message] = problems_of(write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "timeline.yaml": timeline}))
    assert message.endswith("timeline.yaml, line 4: not valid YAML: this line does not line up with the lines before "
                            "it (YAML reads which entry and key each line belongs to from its indentation)\n"
                            "  hint: check the indentation of this line and the one before it")


@pytest.mark.parametrize("timeline", [
    "1988: Seoul Olympics.\n'1992': Barcelona.\n2022-10-04: Jim dies.\nSummer 2012: London.\n",
    "- 1988: Seoul Olympics.\n- date: '1992'\n  event: Barcelona.\n- 2022-10-04: Jim dies.\n- Summer 2012: London.\n"])
def test_a_timeline_and_an_order_of_service_written_when_colon_what(tmp_path, timeline):
    """'1988: Seoul Olympics', a line each (or each after a dash), is how a timeline is
    written by a person: it was 'expected a list of entries' or 'unknown key 1988'. Each
    is read as its date and event, the date as typed; the same for an order of service's
    time and item. An entry with its keys is read as before, and a key the entries have
    but misspelt is still said."""
    yaml = TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n  - type: schedule\n    file: order.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "timeline.yaml": timeline,
                                            "order.yaml": "'11.00': Welcome\n11.05: The Lord's My Shepherd\n"})
    sections = load_booklet(folder).sections
    assert [(e.date, e.event, e.line) for e in sections[2].items] == [
        ("1988", "Seoul Olympics.", 1), ("1992", "Barcelona.", 2), ("2022-10-04", "Jim dies.", 3 + ("- " in timeline)),
        ("Summer 2012", "London.", 4 + ("- " in timeline))]
    assert [(s.time, s.item) for s in sections[3].items] == [("11.00", "Welcome"), ("11.05", "The Lord's My Shepherd")]
    (folder / "timeline.yaml").write_text("- date: 1988\n  evnt: Seoul.\n")
    assert "unknown key 'evnt'" in problems_of(folder)[0]


def test_a_timeline_and_an_order_of_service_written_a_line_an_entry_when_first(tmp_path):
    """'- 12.00 Committal' and '- 1992 Barcelona Olympics', as a printed programme reads,
    were 'expected a mapping with keys such as time, item, who'. Each is read as its two
    keys, the time or year as typed; a line of an order of service with no time first is
    its item alone; a timeline's line with no year first is still said."""
    yaml = TINY["booklet.yaml"] + ("  - type: timeline\n    file: timeline.yaml\n"
                                   "  - type: schedule\n    file: order.yaml\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml,
        "timeline.yaml": "- 1988 Seoul Olympics.\n- 1992 – Barcelona.\n- 1990s A decade of racing.\n",
        "order.yaml": ("- 11.00 Welcome\n- 11am Welcome again\n- '11:05 - Hymn'\n- 2.30 pm Tea\n"
                       "- A minute of silence\n- 1 Corinthians 13\n")})
    sections = load_booklet(folder).sections
    assert [(e.date, e.event) for e in sections[2].items] == [
        ("1988", "Seoul Olympics."), ("1992", "Barcelona."), ("1990s", "A decade of racing.")]
    assert [(s.time, s.item) for s in sections[3].items] == [
        ("11.00", "Welcome"), ("11am", "Welcome again"), ("11:05", "Hymn"), ("2.30 pm", "Tea"),
        ("", "A minute of silence"), ("", "1 Corinthians 13")]
    (folder / "timeline.yaml").write_text("- Seoul Olympics.\n")
    assert "expected a mapping with keys such as date, event, found 'Seoul Olympics.'" in problems_of(folder)[0]

def test_a_quotation_or_tribute_written_on_one_line_as_it_is_printed(tmp_path):
    """'- I finished the race. — Derek Redmond' (and a line our own hint had put in
    quotes) was 'expected a mapping with keys such as text, who, source'. It is read as
    the words and who said them, the words' own quote marks aside; words with a dash in
    them and no name after it stay words, and the missing 'who' is said."""
    yaml = TINY["booklet.yaml"] + "  - type: quotes\n    file: quotes.yaml\n  - type: tributes\n    file: t.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "quotes.yaml": (
        "- I didn't come first, but I finished the race. — Derek Redmond\n"
        "- '\"Everything I''d worked for was gone.\" - Derek Redmond, 2012'\n- He was a legend — Carl Lewis\n"),
        "t.yaml": "- Rest in peace, Jim. – Sebastian Coe\n"})
    quotes, tributes = load_booklet(folder).sections[2:4]
    assert [(q.text, q.who) for q in quotes.items] == [
        ("I didn't come first, but I finished the race.", "Derek Redmond"),
        ("Everything I'd worked for was gone.", "Derek Redmond, 2012"), ("He was a legend", "Carl Lewis")]
    assert [(t.text, t.author) for t in tributes.items] == [("Rest in peace, Jim.", "Sebastian Coe")]
    (folder / "quotes.yaml").write_text("- He ran - and he finished\n")
    assert problems_of(folder)[0].endswith(
        "line 1, field '[1].who': the key 'who' is missing (who said or wrote them)\n"
        "  hint: write the entry on two lines: '- text: ...' and '  who: ...' under it")
    (folder / "quotes.yaml").write_text("- text: He ran.\n  source: BBC\n")       # (where, not who)
    assert problems_of(folder)[0].endswith(
        "line 1, field '[1].who': the key 'who' is missing (who said or wrote them)\n"
        "  hint: add a line 'who: ...' to this entry")

def test_a_photo_and_its_caption_on_a_line_without_a_colon(tmp_path):
    """'- beach.jpg Cornwall, every August' was 'that file does not exist: beach.jpg Cornwall,
    every August'. A line that starts with a picture's name is its file and caption (a
    name with spaces in it, alone on its line, is still a name)."""
    from PIL import Image

    yaml = TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "photos.yaml": (
        "- beach.jpg Cornwall, every August\n- IMG 2.JPG - The kitchen table\n- our wedding.png\n")})
    for name in ("beach.jpg", "IMG 2.JPG", "our wedding.png"):
        Image.new("RGB", (60, 40), "red").save(folder / name, format="PNG" if name.endswith("png") else "JPEG")
    photos = load_booklet(folder).sections[2].items
    assert [(p.path.name, p.caption) for p in photos] == [
        ("beach.jpg", "Cornwall, every August"), ("IMG 2.JPG", "The kitchen table"), ("our wedding.png", "")]

def test_a_photo_written_file_colon_caption_and_a_question_with_a_colon(tmp_path):
    """'- wedding.jpg: Our wedding' is a photo and its caption (a key that is not a picture's
    name is not); a question with a colon in it was 'unknown key' and 'the key question
    is missing', then one problem asking for quotes: it is read as the question typed."""
    from PIL import Image

    yaml = TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n  - type: questions\n    file: q.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml, "q.yaml": "- Why?\n",
                                            "photos.yaml": "- wedding.jpg: Our wedding, June 1963\n"})
    Image.new("RGB", (60, 40), "red").save(folder / "wedding.jpg")
    [photo] = load_booklet(folder).sections[2].items
    assert (photo.path.name, photo.caption) == ("wedding.jpg", "Our wedding, June 1963")
    (folder / "photos.yaml").write_text("- Our wedding: wedding.jpg\n")
    assert "unknown key 'Our wedding'" in problems_of(folder)[0]
    (folder / "photos.yaml").write_text("- wedding.jpg\n")
    (folder / "q.yaml").write_text("- Why did he run?\n- He said \"no\": was he right?\n- Think: was it right?\n")
    questions = load_booklet(folder).sections[3].items
    assert [q.question for q in questions] == ["Why did he run?", 'He said "no": was he right?', "Think: was it right?"]
    assert [q.line for q in questions] == [1, 2, 3]
    (folder / "q.yaml").write_text("- Question: Why?\n- Qestion: x\n  text: y\n")     # (keys are keys)
    assert "unknown key 'Qestion'" in problems_of(folder)[0]


@pytest.mark.parametrize("typed, word", [("&wow great race", "&wow"), ("!wow what a race", "!wow"),
                                         ("! what a race", "!")])
def test_text_starting_with_an_anchor_or_tag_word_is_an_error_not_left_out(tmp_path, typed, word):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: A\n  text: B\n- name: C\n  text: {typed}\n"})
    [message] = problems_of(folder)
    assert f"comments.yaml, line 4: the text starts with '{word}', which YAML takes for a " in message
    assert f'hint: put the whole text in quotes: "{word} ..."' in message


def test_yaml_used_on_purpose_is_read(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": (
        "- name: &who Ann\n  text: !!str 5\n- name: *who\n  text: !!str And again\n")})
    comments = load_booklet(folder).sections[1]
    assert [(c.name, c.text) for c in comments.items] == [("Ann", "5"), ("Ann", "And again")]


def test_a_python_tag_is_refused(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": (
        "- name: A\n  text: !!python/object/apply:os.system [\"touch pwned\"]\n")})
    [message] = problems_of(folder)
    assert "line 2: '!!python/object/apply:os.system' is a YAML type tag, which a booklet does not read" in message
    assert not (folder / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("first", list("&*!|>%@`?]},"))
def test_text_starting_with_a_yaml_sign_is_told_to_be_quoted(tmp_path, first):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f"- name: A\n  text: {first} great race\n"})
    [message] = problems_of(folder)
    assert "comments.yaml, line 2" in message
    assert (f'hint: text that starts with {first} must be put in quotes, e.g. text: "{first}..."' in message
            or "hint: put the whole text in quotes" in message)


def test_a_question_or_a_photo_may_be_written_alone(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: questions\n    file: questions.yaml\n"
                        "  - type: photos\n    file: photos.yaml\n",
        "questions.yaml": "- Why did he keep going?\n- question: What would you have done?\n",
        "photos.yaml": "- us.jpg\n- file: them.jpg\n  caption: Them\n"})
    (folder / "us.jpg").write_bytes(b"")
    (folder / "them.jpg").write_bytes(b"")
    booklet = load_booklet(folder)
    questions, photos = booklet.sections[2], booklet.sections[3]
    assert [q.question for q in questions.items] == ["Why did he keep going?", "What would you have done?"]
    assert [(p.path.name, p.caption, p.line) for p in photos.items] == [("us.jpg", "", 1), ("them.jpg", "Them", 2)]


def test_quotes_need_their_who_even_when_written_alone(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: quotes\n    file: quotes.yaml\n",
        "quotes.yaml": "- I finished the race.\n"})
    [message] = problems_of(folder)
    assert "quotes.yaml, line 1, field '[1].who': the key 'who' is missing (who said or wrote them)" in message


def test_front_matter_at_the_top_of_a_story_is_not_printed_and_is_said(tmp_path):
    from booklet.build import prepare

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": (
        "---\ntitle: My notes\ntags:\n  - race\n---\n\nThe words.\n\n![Missing](gone.jpg)\n")})
    with pytest.raises(BookletError) as info:        # lines keep their numbers
        load_booklet(folder)
    assert "story.md, line 9: picture 'gone.jpg'" in str(info.value)
    (folder / "story.md").write_text("---\ntitle: My notes\n---\nThe words.\n\n---\n\nMore words.\n")
    booklet, _, warnings = prepare(folder)
    assert [b.spans[0].text for b in booklet.sections[0].blocks if isinstance(b, Paragraph)] == [
        "The words.", "More words."]
    assert "story.md, lines 1-3: the settings between '---' lines at the top (front matter" in warnings[0]


def test_a_story_opening_with_a_rule_keeps_what_follows(tmp_path):
    from booklet.build import prepare

    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": "---\n\nThe words: all of them.\n\n---\n"})
    booklet, _, warnings = prepare(folder)
    assert "The words: all of them." in [b.spans[0].text for b in booklet.sections[0].blocks
                                        if isinstance(b, Paragraph)]
    assert not warnings


def test_an_unclosed_bracket_is_shown_where_it_opens(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": "- name: A\n  text: {B is great\n- name: C\n  text: D\n"})
    [message] = problems_of(folder)
    assert "comments.yaml, line 2: not valid YAML" in message
    assert ('hint: text that starts with { must be put in quotes, e.g. text: "{..." (a list in [ ] or a mapping in '
            '{ } needs its closing })') in message


def test_front_matter_without_its_closing_line_is_read_at_once(tmp_path):
    """A pattern for the whole block backtracked over indented blank lines when the
    closing '---' was missing: 15 such lines took 4.5 s, 30 would take hours."""
    import subprocess
    import sys

    story = "---\ntitle: x\n" + "  \n" * 60 + "The words, with no closing line.\n"
    code = f"from booklet.load import _front_matter; print(_front_matter({story!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "0", done.stderr


@pytest.mark.parametrize("line", ["- text: “" + "a: " * 150_000 + "x", "\u00a0" * 300_000 + "\tx",
                                  " " * 300_000 + "\u00a0" * 100_000 + "\t"])
def test_a_long_line_of_colons_or_wide_spaces_is_read_at_once(tmp_path, line):
    """The pattern for a value in curly quotes backtracked over every ': ' in a line that
    did not close: 20,000 of them took 6 s, 150,000 would take minutes (and so a line of
    no-break spaces before a tab)."""
    import subprocess
    import sys

    path = tmp_path / "comments.yaml"
    path.write_text(line + "\n")
    code = ("from pathlib import Path; from booklet import yamlfile, errors\n"
            f"try: yamlfile.load(Path({str(path)!r}))\nexcept errors.BookletError: pass\nprint('read')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.stdout.strip() == "read", done.stderr


def test_characters_pasted_from_a_word_processor_or_a_web_page_are_read_where_the_editor_shows_them(tmp_path):
    """A vertical tab (Shift+Enter in Word) in comments.yaml was 'not valid YAML: unacceptable
    character #x000b ... position 24', with no line; a line separator (U+2028) or NEL, which
    YAML takes for the end of a line, was 'line 4: does not line up' in a file of two lines."""
    comments = ("- name: Bo\n  text: one\u2028two\n"
                "- name: Cy\n  text: |\n    one\x85two\n    three\n"
                "- name: Di\n  text: \"Line\x0bone and\x0ctwo\"\n"
                "- name: Ed\n  text: one\x01two\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments.encode()})
    items = [s for s in load_booklet(folder).sections if s.kind == "comments"][0].items
    assert [(c.name, c.text, c.line) for c in items] == [
        ("Bo", "one\ntwo", 1), ("Cy", "one\ntwo\nthree\n", 3), ("Di", "Line\none and\ntwo", 7), ("Ed", "one\x01two", 9)]
    broken = comments.replace("- name: Ed", "- name: Ed\n  text: He said: yes")
    write_booklet(folder, {"comments.yaml": broken.encode()})
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'comments.yaml'}, line 10: not valid YAML: mapping values")


def test_a_yaml_error_on_a_line_with_an_invisible_character_names_it(tmp_path):
    """'  -\\x08 type: story' looks like '  - type: story' in an editor; YAML's error ('a list
    item starts with a dash and a space ... here there is no space') could not be understood.
    A key with such a character was printed raw in the field's name: a right-to-left override
    (U+202E) turned the terminal's line around."""
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "  - type: story", "  -\x08 type: story").encode()})
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'booklet.yaml'}, line 5: not valid YAML: ")
    assert "(the line has a character your editor may not show, U+0008, at column 4)" in message
    assert "hint: delete the invisible character on this line" in message
    write_booklet(folder, {"booklet.yaml": TINY["booklet.yaml"] + "cover:\n  a\u202ert: track\n"})
    [message] = problems_of(folder)
    assert "field 'cover.a\\u202ert': unknown key 'a\\u202ert'" in message and "\u202e" not in message


def test_an_emoji_written_as_two_json_escapes_is_one_character(tmp_path):
    """Text copied from JSON writes 🏃 as "\\ud83c\\udfc3", its two UTF-16 halves. YAML
    read them as two characters no font has: left out of a comment with a warning, and in
    the title the build stopped ('surrogates not allowed'). The halves are put together;
    a half alone is an error at its line."""
    from pypdf import PdfReader

    from booklet.build import build

    yaml_text = TINY["booklet.yaml"].replace("title: A Small Booklet", 'title: "Run \\ud83c\\udfc3 on"')
    comments = '- name: "Ann \\uD83C\\uDFC3"\n  text: "A pair: \\ud83c\\udfc3."\n'
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml_text, "comments.yaml": comments})
    booklet = load_booklet(folder)
    assert booklet.title == "Run \U0001f3c3 on"
    out = tmp_path / "b.pdf"
    result = build(folder, output=out)
    assert not [w for w in result.warnings if "U+D83C" in w]
    assert PdfReader(str(out)).metadata.title == "Run \U0001f3c3 on"
    lone = write_booklet(tmp_path / "c", {**TINY, "comments.yaml": '- name: Ann\n  text: "half \\ud83c here"\n'})
    [message] = problems_of(lone)
    assert "comments.yaml, line 2: '\\ud83c' is half of a character written as two escapes" in message


def test_a_section_copied_and_left_unchanged_is_said(tmp_path):
    """A section pasted twice into booklet.yaml printed its file twice, without a word."""
    from booklet.build import build

    twice = TINY["booklet.yaml"] + "  - type: story\n    file: story.md\n    title: Again\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": twice})
    result = build(folder, output=tmp_path / "b.pdf")
    assert "booklet.yaml: sections 1 and 3 both print story.md, so it is printed twice; remove one" in result.warnings
    # the same comments chosen from two ways is meant
    chosen = TINY["booklet.yaml"] + "  - type: comments\n    file: comments.yaml\n    select: {max: 1}\n"
    (folder / "booklet.yaml").write_text(chosen)
    assert not [w for w in build(folder, output=tmp_path / "b.pdf").warnings if "printed twice" in w]
    # one warning a file: a file in eight sections gave seven
    many = TINY["booklet.yaml"] + "  - type: story\n    file: story.md\n" * 7
    (folder / "booklet.yaml").write_text(many)
    said = [w for w in build(folder, output=tmp_path / "b.pdf").warnings if "print story.md" in w]
    assert said == ["booklet.yaml: sections 1, 3, 4, 5, 6 and 3 more all print story.md, so it is printed 8 times; "
                    "keep one"]


def test_a_layout_file_saved_by_notepad_as_ansi_is_read(tmp_path):
    """A layout of one's own with a French comment, saved by Notepad as 'ANSI', was refused
    ('is not UTF-8 text'), though every other file is read so: read, with the warning, from
    make and from check (and from a parent layout it extends)."""
    from typer.testing import CliRunner

    from booklet.build import build
    from booklet.cli import app

    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"] + "layout: mine.yaml\n"})
    (folder / "base.yaml").write_bytes("extends: classic\n# pour l\u2019\u00e9cole\n".encode("cp1252"))
    (folder / "mine.yaml").write_bytes("extends: base.yaml\n# mise en page \u00e0 moi\ncolors:\n"
                                       "  accent: '#336699'\n".encode("cp1252"))
    result = build(folder, output=tmp_path / "b.pdf")
    assert [w for w in result.warnings if "Windows-1252" in w] == [
        f"{name} is not UTF-8 (line 2 first): it was read as Windows-1252, as Word, Excel and older Notepad "
        "save text by default; if a letter looks wrong, save it as UTF-8" for name in ("mine.yaml", "base.yaml")]
    checked = CliRunner().invoke(app, ["check", str(folder)])
    assert checked.exit_code == 0 and "mine.yaml is not UTF-8 (line 2 first)" in checked.output


def test_a_plain_text_storys_title_and_headings_in_capitals(tmp_path):
    """A story saved as plain text (Word's 'Plain Text', as our hint for a .doc asks) has no
    Markdown: its title line was a paragraph like any other, under 'The Story', and `init
    --from` titled the booklet 'In Loving Memory'. A short first line on its own that is
    not a sentence is the title; a line of capitals on its own a heading; a sentence, a
    shout ending in '!' and a hymn's short lines stay as they were."""
    from typer.testing import CliRunner

    from booklet.cli import app

    text = ("Grandad\r\n\r\nHe was born in Leeds in 1931.\r\n\r\nEARLY YEARS\r\n\r\nHe loved the sea.\r\n\r\n"
            "I LOVE YOU DAD!\r\n\r\nAbide with me\r\nfast falls the eventide\r\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.txt": text.encode("utf-8"),
                                            "booklet.yaml": TINY["booklet.yaml"].replace("story.md", "story.txt")})
    story = load_booklet(folder).sections[0]
    assert [(type(b).__name__, getattr(b, "level", None), "".join(s.text for s in b.spans)) for b in story.blocks] == [
        ("Heading", 1, "Grandad"), ("Paragraph", None, "He was born in Leeds in 1931."),
        ("Heading", 2, "EARLY YEARS"), ("Paragraph", None, "He loved the sea."),
        ("Paragraph", None, "I LOVE YOU DAD!"), ("Paragraph", None, "Abide with me\nfast falls the eventide")]
    (tmp_path / "eulogy.txt").write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(app, ["init", str(tmp_path / "new"), "--from", str(tmp_path / "eulogy.txt")])
    assert result.exit_code == 0
    assert 'title: "Grandad"' in (tmp_path / "new" / "booklet.yaml").read_text(encoding="utf-8")
    # a short line of a script without capitals is not a heading; a story of one line, or
    # one in Markdown, is read as before
    (folder / "story.txt").write_text("\u7eaa\u5ff5\n\n\u4ed6\u662f\u597d\u4eba\u3002\n\n\u6c38\u8fdc\n\n"
                                      "\u518d\u89c1\u3002\n", encoding="utf-8")
    assert [type(b).__name__ for b in load_booklet(folder).sections[0].blocks] == [
        "Heading", "Paragraph", "Paragraph", "Paragraph"]
    (folder / "story.txt").write_text("Grandad\n")
    assert type(load_booklet(folder).sections[0].blocks[0]).__name__ == "Paragraph"
    (folder / "story.txt").write_text("Grandad\n=======\n\nHe was born in Leeds.\n")
    assert [type(b).__name__ for b in load_booklet(folder).sections[0].blocks] == ["Heading", "Paragraph"]


def test_a_file_notepad_saved_with_txt_after_its_name(tmp_path):
    """Notepad saves 'booklet.yaml' as 'booklet.yaml.txt' and Windows hides the '.txt':
    the folder 'has no booklet.yaml' and a 'story.md' named in it 'does not exist', with no
    word of why. Both hints name the file and say where Windows shows its ending; a story
    named 'story.md.txt' is read as the Markdown it is (not as plain text)."""
    folder = write_booklet(tmp_path / "b", TINY)
    (folder / "booklet.yaml").rename(folder / "booklet.yaml.txt")
    assert problems_of(folder) == [
        f"{folder}: this folder has no booklet.yaml\n  hint: rename booklet.yaml.txt to booklet.yaml (Notepad added "
        "'.txt', which Windows hides: File Explorer shows it with View > Show > File name extensions)"]
    (folder / "booklet.yaml.txt").rename(folder / "booklet.yaml")
    (folder / "story.md").write_text("# Grandad\n\nWords.\n\nIN CAPITALS\n")
    (folder / "story.md").rename(folder / "story.md.txt")
    [message] = problems_of(folder)
    assert message.endswith("that file does not exist: 'story.md'\n  hint: the file is named 'story.md.txt': rename "
                            "it 'story.md' (Notepad added '.txt', which Windows hides: File Explorer shows it with "
                            "View > Show > File name extensions)")
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text().replace("story.md", "story.md.txt"))
    blocks = load_booklet(folder).sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Heading", "Paragraph", "Paragraph"]   # ('IN CAPITALS': no heading)


def test_a_hashtag_after_a_photos_file_name_is_a_note(tmp_path):
    """'file: a.jpg #my favourite' names a.jpg: a file's name takes no hashtags; its
    caption does ('caption: Us #family')."""
    from PIL import Image

    yaml = TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml,
                                            "photos.yaml": "- file: a.jpg #mine\n  caption: Us #family\n"
                                                           "- a.jpg #again\n"})
    Image.new("RGB", (40, 30), "red").save(folder / "a.jpg")
    first, again = load_booklet(folder).sections[2].items
    assert (first.path.name, first.caption) == ("a.jpg", "Us #family")
    assert (again.path.name, again.caption) == ("a.jpg", "")


def test_chinese_wrapped_by_an_editor_is_one_paragraph_without_spaces_where_lines_met(tmp_path):
    """Chinese is written without spaces, and an editor wraps it at about 40 characters
    (80 columns): such lines were taken for verse (at most 55 characters) and kept, and a
    line break read as a space put a space between two characters. Now a Chinese or
    Japanese character counts as two columns, and a line break between two of them is
    nothing. A short-lined Chinese poem keeps its lines; Korean, which has spaces, and
    English join with a space."""
    from booklet.compose import prose

    prose_zh = ["我的父亲一九四一年出生在上海，他一生勤劳善良，总是帮助身边需要帮助的每一个人，邻居们",
                "都非常尊敬他。他退休以后每天早上在公园里打太极拳，下午和朋友们一起下棋喝茶，日子过得",
                "简单而快乐。"]
    poem = ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]
    korean = ["우리 아버지는 1941년 서울에서 태어나셨고 평생 성실하고 착하게 사셨으며 언제나 주변의",
              "어려운 사람들을 도우셨습니다."]
    story = "# 父亲\n\n" + "\n".join(prose_zh) + "\n\n" + "\n".join(poem) + "\n\n" + "\n".join(korean) + "\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": story})
    blocks = load_booklet(folder).sections[0].blocks
    seen = [("".join(s.text for s in b.spans), b.preformatted) for b in blocks[1:]]
    assert seen == [("".join(prose_zh), False), ("\n".join(poem), True), (" ".join(korean), False)]
    # the same in a tribute or any text typed in a YAML file
    assert prose("\n".join(prose_zh)) == "".join(prose_zh)
    assert prose("\n".join(poem)) == "\n".join(poem)
    assert prose("\n".join(korean)) == " ".join(korean)
