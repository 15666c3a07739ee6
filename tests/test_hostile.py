"""Bad input and untrusted text: each attempt ends in a correct booklet or a clear message."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from pypdf import PdfReader

from typer.testing import CliRunner

from booklet.build import build
from booklet.cli import app
from booklet.errors import BookletError

from conftest import TINY, body_text, fold, page_texts, pdf_text, write_booklet


def booklet_with(tmp_path, **files):
    return write_booklet(tmp_path / "b", {**TINY, **files})


def error_of(folder, tmp_path) -> str:
    with pytest.raises(BookletError) as info:
        build(folder, output=tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
    return str(info.value)


# --- text is data ------------------------------------------------------------------------

MARKUP = [
    '<font color="red">red</font>',
    '<img src="/etc/passwd" width="10" height="10"/>',
    '<a href="javascript:alert(1)">x</a>',
    '<para><span color="[[[getattr(pow, Word(\'__globals__\'))]]]">x</span></para>',
    "&amp; &lt; &#65; &nbsp; &unknown;",
    "<b><i>unclosed",
    "<![CDATA[x]]> <!-- c --> <?php ?>",
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_comments_and_tributes_is_printed_as_typed(tmp_path, text):
    quoted = text.replace("'", "''")
    folder = booklet_with(tmp_path, **{
        "comments.yaml": f"- name: '{quoted}'\n  text: '{quoted}'\n",
        "tributes.yaml": f"- from: '{quoted}'\n  text: '{quoted}'\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: tributes\n    file: tributes.yaml\n"})
    out = tmp_path / "out.pdf"
    build(folder, output=out)
    # name and text of the comment and of the tribute; a long "word" may wrap in a column
    assert body_text(out).replace(" ", "").count(text.replace(" ", "")) == 4


def test_markdown_links_are_text_and_html_is_literal(tmp_path):
    folder = booklet_with(tmp_path, **{"story.md": (
        "The opening paragraph (set with a drop cap).\n\nSee [the race](https://example.org/race) and [x](javascript:alert(1)).\n\n"
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "See [the page](https://fr.wikipedia.org/wiki/Café) and <https://de.wikipedia.org/wiki/Straße>.\n\n"
        "Write to [the family](mailto:family@example.org), <ann@example.org> or [bo@example.org](mailto:bo@example.org).\n")})
    out = tmp_path / "out.pdf"
    build(folder, output=out)
    text = body_text(out)
    # markdown-it refuses javascript: links, so that one stays exactly as typed
    assert "See the race (https://example.org/race) and [x](javascript:alert(1))." in text
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    # an address is printed as written: markdown-it percent-encodes it ('Caf%C3%A9'), and
    # the autolink's words then no longer matched its address and it was printed twice
    joined = re.sub(r"(?<=/) ", "", text)               # (an address may break after a slash at a line's end)
    assert "See the page (https://fr.wikipedia.org/wiki/Café) and https://de.wikipedia.org/wiki/Straße." in joined
    # an e-mail link's address was dropped: 'Write to the family,'
    assert "Write to the family (family@example.org), ann@example.org or bo@example.org." in text


@pytest.mark.parametrize("src, message", [
    ("/etc/passwd", "picture '/etc/passwd': use a path relative to the folder, not an absolute one (copy the "
                    "file into the folder and write its name from there, e.g. 'passwd')"),
    ("..\\outside.png", "picture '..\\outside.png': the path leaves the folder; keep files inside it"),
    ("../outside.png", "picture '../outside.png': the path leaves the folder; keep files inside it"),
    ("https://example.org/x.png", "picture 'https://example.org/x.png': pictures must be files in the "
                                  "content folder, not web addresses"),
    ("missing.png", "picture 'missing.png': that file does not exist"),
])
def test_markdown_pictures_only_from_the_folder(tmp_path, src, message):
    Image.new("RGB", (10, 10)).save(tmp_path / "outside.png")
    folder = booklet_with(tmp_path, **{"story.md": f"Text.\n\n![caption]({src})\n"})
    assert error_of(folder, tmp_path) == (
        f"{folder / 'story.md'}, line 3: {message}\n"
        "  hint: put the picture in the content folder and name it relative to the story file")


def test_control_characters_are_escaped_in_messages(tmp_path):
    folder = booklet_with(tmp_path, **{"booklet.yaml": TINY["booklet.yaml"] + (
        '    select:\n      exclude: ["\\e[31mred\\u0007"]\n')})
    message = error_of(folder, tmp_path)
    assert "'\\x1b[31mred\\x07' in 'exclude' matches no comment" in message
    assert "\x1b" not in message and "\x07" not in message


# --- paths -------------------------------------------------------------------------------

def test_booklet_yaml_linked_from_outside_is_refused(tmp_path):
    folder = booklet_with(tmp_path)
    (tmp_path / "elsewhere.yaml").write_text((folder / "booklet.yaml").read_text())
    (folder / "booklet.yaml").unlink()
    (folder / "booklet.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert "booklet.yaml is a link to a file outside the folder" in error_of(folder, tmp_path)


def test_a_file_name_longer_than_the_system_takes_is_reported_at_its_line(tmp_path):
    long = "x" * 5000
    folder = booklet_with(tmp_path, **{"story.md": f"Text.\n\n![caption]({long}.png)\n",
                                       "booklet.yaml": TINY["booklet.yaml"].replace("comments.yaml", long)})
    message = error_of(folder, tmp_path)
    assert f"{folder / 'story.md'}, line 3: picture 'xxx" in message
    assert f"{folder / 'booklet.yaml'}, line 8, field 'sections[2].file': expected a file name" in message
    assert message.count("this file name cannot be used (File name too long)") == 2


def test_a_command_given_a_name_too_long_says_so(tmp_path, tiny):
    from typer.testing import CliRunner

    from booklet.cli import app

    for args in (["make", "y" * 300], ["make", str(tiny), "-o", "y" * 300 + ".pdf"],
                 ["make", str(tiny), "--layout", "y" * 300 + ".yaml"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("error: yyyy") and "...yyy" in result.stderr, result.stderr
        assert "File name too long" in result.stderr and "unexpected" not in result.stderr


def test_a_folder_or_device_where_a_file_should_be(tmp_path):
    folder = booklet_with(tmp_path)
    (folder / "story.md").unlink()
    (folder / "story.md").mkdir()
    (folder / "story.md" / "draft.md").write_text("# Draft\n")
    assert "a story section names a file; 'story.md' is a folder\n  hint: name a file in it, e.g. " \
           "'story.md/draft.md'" in error_of(folder, tmp_path)
    if hasattr(os, "mkfifo"):          # a pipe read would wait for ever: refused, and not 'did you mean story.md?'
        shutil.rmtree(folder / "story.md")
        os.mkfifo(folder / "story.md")
        assert "that is not a regular file (a pipe or a device): 'story.md'\n  hint: copy the file itself into " \
               "the folder" in error_of(folder, tmp_path)


def test_a_folder_named_as_a_sections_file_is_told_a_file_of_its_kind(tmp_path):
    folder = booklet_with(tmp_path)
    (folder / "quotes").mkdir()        # the example is of the section's kind, never booklet.yaml
    for name in ("a.yaml", "booklet.yaml", "quotes.yaml"):
        (folder / "quotes" / name).write_text("[]\n")
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text() + "  - type: quotes\n    file: quotes\n")
    assert "hint: name a file in it, e.g. 'quotes/quotes.yaml'" in error_of(folder, tmp_path)
    (folder / "quotes" / "quotes.yaml").unlink()
    assert "hint: name a file in it, e.g. 'quotes/a.yaml'" in error_of(folder, tmp_path)


def test_layout_extends_may_not_leave_its_folder(tmp_path):
    (tmp_path / "themes").mkdir()
    (tmp_path / "secret.yaml").write_text("description: x\n")
    (tmp_path / "themes" / "mine.yaml").write_text("extends: ../secret.yaml\n")
    with pytest.raises(BookletError) as info:
        build(booklet_with(tmp_path), layout=str(tmp_path / "themes" / "mine.yaml"), output=tmp_path / "o.pdf")
    assert "cannot use '../secret.yaml': the path leaves the folder" in str(info.value)


# --- output ------------------------------------------------------------------------------

def test_output_is_a_folder(tmp_path, tiny):
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(BookletError, match="the output is a folder"):
        build(tiny, output=tmp_path / "dir.pdf")


def test_ctrl_c_during_render_keeps_the_previous_pdf(tmp_path, tiny, monkeypatch):
    out = tmp_path / "out" / "b.pdf"
    build(tiny, output=out)
    before = out.read_bytes()

    def interrupted(self, flowables, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("booklet.render.BookletDoc.build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(tiny, output=out)
    assert out.read_bytes() == before
    assert os.listdir(out.parent) == ["b.pdf"]


# --- large inputs ------------------------------------------------------------------------

def test_a_200_kb_comment_is_printed_whole(tmp_path):
    words = ["grief", "love", "finish", "line", "father", "son."]
    text = " ".join(words[i % 6] for i in range(34_000))
    folder = booklet_with(tmp_path, **{"comments.yaml": f"- name: Long\n  text: {text}\n"})
    out = tmp_path / "out.pdf"
    result = build(folder, output=out)
    assert result.pages > 20
    assert fold(text) in body_text(out)


def make_within(folder, out, seconds: int = 120) -> None:
    """booklet make in a process of its own, stopped if it runs on: a hang (or minutes of
    work that should take seconds) fails the test instead of stalling the run."""
    subprocess.run([sys.executable, "-m", "booklet", "make", str(folder), "-o", str(out), "--quiet"],
                   check=True, timeout=seconds)


def test_a_250_kb_opening_paragraph_is_printed_whole(tmp_path):
    words = ["Grit", "and", "love", "won", "the", "day."]          # too short to hyphenate
    text = " ".join(words[i % 6] for i in range(60_000))           # 5 s; before: minutes
    folder = booklet_with(tmp_path, **{"story.md": text + "\n"})      # its first letter a drop cap
    out = tmp_path / "out.pdf"
    make_within(folder, out)
    assert len(PdfReader(out).pages) > 20
    assert fold(text[1:]) in body_text(out)


@pytest.mark.parametrize("words, after, seen", [(120, "The first paragraph.", "first paragraph."),
                                                (400, "The first paragraph.", "first paragraph."),
                                                (400, "- a list\n- of two", "of two")])
def test_a_heading_taller_than_a_page_goes_on_to_the_next(tmp_path, words, after, seen):
    # (before: an error, a hang, a hang)
    heading = " ".join(["Word"] * words)
    folder = booklet_with(tmp_path, **{"story.md": f"# {heading}\n\n{after}\n"})
    out = tmp_path / "out.pdf"
    make_within(folder, out)
    text = body_text(out)
    assert heading in text and seen in text


def test_a_10000_character_word_breaks_instead_of_overflowing(tmp_path):
    """It breaks where each line is full, with a hyphen at each break (cut bare, its pieces
    read as words of their own: 'Sup' / 'erca' / 'lifra' in a table's narrow column)."""
    from conftest import ink_box, rasterise
    folder = booklet_with(tmp_path, **{"comments.yaml": f"- name: Word\n  text: {'w' * 10_000}\n"})
    out = tmp_path / "out.pdf"
    result = build(folder, output=out)
    text = body_text(out)
    assert ("w" * 10_000) in text.replace("- ", "").replace(" ", "")
    assert text.count("w- w") >= 10_000 // 60            # (some 40 to a line)
    for page in range(2, result.pages):
        left, _, right, _ = ink_box(rasterise(out, page))
        assert left >= 14 * 72 / 25.4 - 1 and right <= (148 - 14) * 72 / 25.4 + 1


def test_5000_comments(tmp_path):
    lines = "".join(f"- name: N{i}\n  text: Comment number {i} about the race.\n" for i in range(5000))
    folder = booklet_with(tmp_path, **{"comments.yaml": lines})
    out = tmp_path / "out.pdf"
    build(folder, output=out)
    text = body_text(out)
    assert "Comment number 0 about" in text and "Comment number 4999 about" in text


def test_a_huge_timeline_entry_splits_across_pages(tmp_path):
    folder = booklet_with(tmp_path, **{
        "timeline.yaml": f"- date: '1992'\n  event: {'word ' * 3000}\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: timeline\n    file: timeline.yaml\n"})
    out = tmp_path / "out.pdf"
    result = build(folder, output=out)
    assert result.pages > 6
    # each page it goes on to has its date beside it (its lines stood under no date)
    pages = [text for text in page_texts(out) if "word word" in text]
    assert len(pages) > 5 and all(text.split()[0] == "1992" or "1992 word" in text for text in pages), pages[1][:60]


def test_a_long_cover_note_is_shrunk_with_a_warning_but_never_past_reading(tmp_path):
    note = "cover:\n  note: " + "Word " * 420 + "\n"
    folder = booklet_with(tmp_path, **{"booklet.yaml": TINY["booklet.yaml"].replace("sections:", note + "sections:")})
    result = build(folder, output=tmp_path / "out.pdf")
    assert result.warnings and result.warnings[0].startswith("the title block is too long for the cover; "
                                                             "it is set at 8")
    assert page_texts(tmp_path / "out.pdf")[0].count("WORD") == 420          # all there, in capitals
    # a 3,000-word note came out at 14% of its size: all there, and too small to read
    folder = booklet_with(tmp_path / "huge", **{"booklet.yaml": TINY["booklet.yaml"].replace(
        "sections:", note.replace("Word " * 420, "Word " * 3000) + "sections:")})
    (tmp_path / "huge.pdf").write_bytes(b"%PDF- the last good one")
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "huge.pdf")
    assert str(e.value).startswith(f"{folder / 'booklet.yaml'}, line 5, field 'cover.note': the cover note is "
                                   "too long: on the cover, the title block would be set at ")
    assert "'dedication'" in str(e.value)
    assert (tmp_path / "huge.pdf").read_bytes() == b"%PDF- the last good one"


def test_a_huge_title_is_refused_with_its_line(tmp_path):
    folder = booklet_with(tmp_path, **{"booklet.yaml": TINY["booklet.yaml"].replace(
        "A Small Booklet", "Title " * 400)})
    with pytest.raises(BookletError, match=r"booklet.yaml, line 1, field 'title': the title is too long"):
        build(folder, output=tmp_path / "out.pdf")


def test_decompression_bomb_and_broken_images(tmp_path):
    bomb = Image.new("1", (12_000, 12_000))
    bomb.save(tmp_path / "bomb.png")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (tmp_path / "text.png").write_text("hello")
    Image.new("RGB", (800, 600), "red").save(tmp_path / "ok.jpg")
    data = (tmp_path / "ok.jpg").read_bytes()
    (tmp_path / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (tmp_path / "empty.jpg").write_bytes(b"")
    for name, message in [("bomb.png", "this image has more than 120 million pixels"),
                          ("broken.jpg", "this is not an image that can be read"),
                          ("text.png", "this is not an image that can be read"),
                          ("empty.jpg", "this picture's file is empty (0 bytes)"),
                          ("truncated.jpg", "this image cannot be read")]:
        folder = booklet_with(tmp_path / f"case-{name}", **{
            "photos.yaml": f"- file: ok.jpg\n- file: {name}\n  caption: Us\n",
            "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
        shutil.copy(tmp_path / name, folder / name)
        shutil.copy(tmp_path / "ok.jpg", folder / "ok.jpg")
        # reported where it is named, so that a person knows which entry to mend
        assert f"{folder / 'photos.yaml'}, line 2, field '[2].file': {name}: {message}" in error_of(folder, tmp_path)
        if name != "truncated.jpg":      # (its header reads well: its pixels are found broken when prepared)
            result = CliRunner().invoke(app, ["check", str(folder)])
            assert result.exit_code == 1 and f"photos.yaml, line 2, field '[2].file': {name}: {message}" in result.output


def test_a_broken_story_picture_or_cover_is_reported_where_it_is_named(tmp_path):
    folder = booklet_with(tmp_path, **{
        "story.md": TINY["story.md"] + "\n![Us](us.jpg)\n",
        "booklet.yaml": TINY["booklet.yaml"].replace("sections:", "cover:\n  image: cover.png\nsections:")})
    (folder / "us.jpg").write_text("not a picture")
    (folder / "cover.png").write_bytes(b"")
    message = error_of(folder, tmp_path)
    lines = (folder / "story.md").read_text().splitlines()
    assert f"{folder / 'story.md'}, line {lines.index('![Us](us.jpg)') + 1}: us.jpg: this is not an image" in message
    assert f"{folder / 'booklet.yaml'}, line 5, field 'cover.image': cover.png: this picture's file is empty" in message


def test_an_empty_section_and_a_broken_photo_are_said_at_once(tmp_path):
    folder = booklet_with(tmp_path, **{
        "story.md": "", "photos.yaml": "- file: us.jpg\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n"})
    (folder / "us.jpg").write_text("not a picture")
    message = error_of(folder, tmp_path)
    assert message.startswith("2 problems:")
    assert f"{folder / 'story.md'}: the story is empty" in message
    assert f"{folder / 'photos.yaml'}, line 1, field '[1].file': us.jpg: this is not an image" in message


@pytest.mark.parametrize("top, found", [("- title: T\n- sections: []\n", "found a list"),
                                        ("A Small Booklet\n", "found 'A Small Booklet'")])
def test_booklet_yaml_that_is_not_keys_and_values(tmp_path, top, found):
    folder = booklet_with(tmp_path, **{"booklet.yaml": top})
    message = error_of(folder, tmp_path)
    assert f"{folder / 'booklet.yaml'}, line 1: expected a mapping of keys and values, {found}" in message


def test_nothing_to_print_is_an_error(tmp_path):
    folder = booklet_with(tmp_path, **{"booklet.yaml": "title: T\nsections: []\n"})
    assert "expected a list with at least one entry, found an empty list" in error_of(folder, tmp_path)


# --- any text at all ---------------------------------------------------------------------

COVERED = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                        exclude_characters="\u00a0\u2007\u202f\u3000\u1680",
                        max_codepoint=0x4FF)     # Latin, Greek, Cyrillic: what our fonts hold
TEXT = st.text(COVERED, min_size=1, max_size=60).filter(lambda s: s.strip())


def _yaml(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


FIELDS = ("title", "subtitle", "dedication", "note", "story_title", "intro", "story", "quote", "who",
          "source", "from", "role", "tribute", "name", "comment", "date", "event")


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({f: TEXT for f in FIELDS}))
def test_arbitrary_text_in_every_field_round_trips(tmp_path_factory, t):
    y = {k: _yaml(v) for k, v in t.items()}
    tmp = tmp_path_factory.mktemp("h")
    folder = write_booklet(tmp / "b", {
        "booklet.yaml": f"title: {y['title']}\nsubtitle: {y['subtitle']}\ndedication: {y['dedication']}\n"
                        "smart_typography: false\n"
                        f"cover:\n  note: {y['note']}\nsections:\n"
                        f"  - type: story\n    file: story.md\n    title: {y['story_title']}\n    intro: {y['intro']}\n"
                        "  - type: quotes\n    file: quotes.yaml\n  - type: tributes\n    file: tributes.yaml\n"
                        "  - type: comments\n    file: comments.yaml\n  - type: timeline\n    file: timeline.yaml\n",
        # the story is Markdown: escape its punctuation so it stays text
        "story.md": "".join("\\" + c if c in "\\`*_{}[]()#+-.!<>&|~" else c for c in t["story"]) + "\n",
        "quotes.yaml": f"- text: {y['quote']}\n  who: {y['who']}\n  source: {y['source']}\n",
        "tributes.yaml": f"- from: {y['from']}\n  role: {y['role']}\n  text: {y['tribute']}\n",
        "comments.yaml": f"- name: {y['name']}\n  text: {y['comment']}\n",
        "timeline.yaml": f"- date: {y['date']}\n  event: {y['event']}\n"})
    out = tmp / "out.pdf"
    result = build(folder, output=out)
    # (a date with no space in it wider than the dates' column is broken, and said)
    assert all(w.startswith(("the title block", "the timeline's dates are wider")) for w in result.warnings), \
        result.warnings
    PdfReader(str(out), strict=True)
    text = pdf_text(out).replace(" ", "").casefold()     # the cover note is set in capitals
    for field, value in t.items():
        printed = value.upper() if field == "note" else value        # (ı is I in capitals: i, folded)
        assert fold(printed).replace(" ", "").casefold() in text, field


ANY = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=ANY)
def test_any_unicode_builds_or_is_reported(tmp_path_factory, comment):
    tmp = tmp_path_factory.mktemp("h")
    folder = write_booklet(tmp / "b", {**TINY, "comments.yaml": f"- name: Ann\n  text: {_yaml(comment)}\n"})
    out = tmp / "out.pdf"
    try:
        result = build(folder, output=out)
    except BookletError as e:                      # e.g. YAML refuses some control characters
        assert str(e) and not out.exists()
        return
    PdfReader(str(out), strict=True)
    text = pdf_text(out)
    for ch in set(comment):
        if ch.isspace() or not ch.isprintable():
            continue
        assert ch in text or any(f"U+{ord(ch):04X}" in w for w in result.warnings), repr(ch)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_problems(example_pdf):
    result = subprocess.run(["qpdf", "--check", str(example_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.parametrize("before, on_heading_page", [
    ("", "word word"),                  # (before: the heading alone on its page)
    # the photos section's pages are planned; a photo and caption taller than a page have
    # no plan, and the first photo, which fits, was moved off the heading's page with it
    ("- file: a.jpg\n  caption: First photo\n", "First photo"),
])
def test_a_photo_with_a_caption_longer_than_a_page_stays_under_its_heading(tmp_path, before, on_heading_page):
    Image.new("RGB", (1600, 1200), (90, 120, 150)).save(tmp_path / "a.jpg")
    caption = " ".join(["word"] * 3000)
    folder = booklet_with(tmp_path, **{
        "photos.yaml": f"{before}- file: a.jpg\n  caption: {caption}\n",
        "booklet.yaml": TINY["booklet.yaml"] + "  - type: photos\n    file: photos.yaml\n    title: Pictures\n"})
    shutil.copy(tmp_path / "a.jpg", folder / "a.jpg")
    out = tmp_path / "out.pdf"
    build(folder, output=out)
    pages = page_texts(out)
    heading = next(i for i, text in enumerate(pages) if "Pictures" in text)
    assert on_heading_page in pages[heading]
    assert fold(caption) in body_text(out)


def test_a_picture_in_a_list_with_a_caption_longer_than_a_page(tmp_path):
    # the picture and its caption, kept together until they are taller than a page, then
    # flowing on: inside a list item that first step crashed ('NullActionFlowable' has no 'draw')
    folder = booklet_with(tmp_path, **{"story.md": "# S\n\nText.\n\n- ![" + "caption words " * 600 + "](a.jpg)\n"})
    Image.new("RGB", (1600, 900), (90, 120, 150)).save(folder / "a.jpg")
    build(folder, output=tmp_path / "out.pdf")
    assert body_text(tmp_path / "out.pdf").count("caption words") == 600


def test_ten_lists_deep_on_a_small_page(tmp_path):
    # each list stepped in by 1.6 em: ten levels in large print on A6 left no width at all
    # ('the layout could not be completed: ... too large'); past half the column a list
    # steps in only by its bullet's width
    story = "# S\n\nText.\n\n" + "".join("  " * d + f"- words at level {d} of the lists\n" for d in range(10))
    folder = booklet_with(tmp_path, **{"story.md": story})
    (folder / "a6.yaml").write_text("extends: large-print\npage:\n  size: A6\n"
                                    "  margins: {top: 10mm, bottom: 10mm, inner: 8mm, outer: 8mm}\n")
    build(folder, layout=str(folder / "a6.yaml"), output=tmp_path / "out.pdf")
    text = body_text(tmp_path / "out.pdf")
    assert all(f"level {d} of the lists" in text for d in range(10))


@pytest.mark.parametrize("name, message", [
    ("story.md", "the output's name should end in .pdf"),
    ("booklet.yaml", "the output's name should end in .pdf"),
    ("notes.pdf", "there is a file here that is not a PDF; it is left as it is"),
])
def test_the_pdf_is_never_written_over_other_work(tmp_path, tiny, name, message):
    target = tiny / name
    if not target.exists():
        target.write_text("My notes, not a PDF.\n")
    before = target.read_bytes()
    with pytest.raises(BookletError, match=message):
        build(tiny, output=target)               # (before: -o story.md replaced the story)
    assert target.read_bytes() == before


@pytest.mark.parametrize("name", ["story.md", "notes.pdf", "."])
def test_an_output_that_is_not_a_pdf_is_a_mistake_on_the_command_line(tmp_path, tiny, name):
    """`booklet make -o story.md` stopped with exit 1, a problem in the files; the README
    gives exit 2 for a mistake on the command line, as other options' wrong values have."""
    from typer.testing import CliRunner

    from booklet.cli import app

    (tiny / "notes.pdf").write_text("My notes, not a PDF.\n")
    before = {p.name: p.read_bytes() for p in tiny.iterdir() if p.is_file()}
    result = CliRunner().invoke(app, ["make", str(tiny), "-o", str(tiny / name)])
    assert result.exit_code == 2 and "Invalid value for --output" in result.stderr, result.output
    assert {p.name: p.read_bytes() for p in tiny.iterdir() if p.is_file()} == before


def test_an_earlier_pdf_or_an_empty_file_is_replaced(tmp_path, tiny):
    for name in ("Booklet.PDF", "empty.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4 an earlier build" if name != "empty.pdf" else b"")
        build(tiny, output=tmp_path / name)
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-1.4\n")


def test_a_web_address_longer_than_a_line_stays_inside_the_page(tmp_path):
    """reportlab broke a long address at a slash and then could not break what was left,
    which ran past the margin and off the page ('x=18' printed as 'x=1')."""
    import pypdfium2 as pdfium

    tail = "very/long/path/uniform/somewhere/and/further/on/down/the/road/to/the/very/end/of/it/all?q=ŝtrāße&x=18"
    texts = [f"november juliet whiskey sierra xray bravo https://www.oscar-18.org/lima/{tail} tango echo delta 18",
             "see www.example.org/" + "/".join(["averyveryverylongpathpart", "another", "andonemore"] * 3) + " end",
             "alpha http://192.168.3.1/xray/index.html delta"]
    comments = "".join(f'- name: Web {i}\n  text: "{t}"\n' for i, t in enumerate(texts))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    build(folder, "classroom", output=tmp_path / "b.pdf")          # comments in one column
    doc = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    for page in doc:
        text = page.get_textpage()
        rights = [text.get_charbox(i)[2] for i in range(text.count_chars()) if not text.get_text_range(i, 1).isspace()]
        assert max(rights, default=0) < page.get_width() - 20, "text runs into the outer margin or off the page"
    words = fold(pdf_text(tmp_path / "b.pdf")).replace(" ", "")
    for t in texts:
        assert fold(t).replace(" ", "") in words


def test_a_long_web_address_breaks_after_a_slash_or_before_a_dot(tmp_path):
    # it was broken where the line was full, between any two letters ('...full-rac' / 'e-with')
    import pypdfium2 as pdfium

    url = ("https://www.example.com/videos/olympics/barcelona-1992/derek-redmond-400m-semifinal-full-race"
           "-with-his-father-jim?utm_source=share&t=120")
    comments = f'- name: Web\n  text: "Watch it again at {url} it still makes me cry."\n'
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    build(folder, output=tmp_path / "b.pdf")                        # classic: comments in two columns
    doc = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    lines = [line.strip() for page in doc for line in page.get_textpage().get_text_range().splitlines()]
    doc.close()
    first = next(i for i, line in enumerate(lines) if "https" in line)
    last = next(i for i, line in enumerate(lines) if "t=120" in line)
    pieces = [line.split(" ")[-1] if i == first else line.split(" ")[0] for i, line in enumerate(lines)
              if first <= i <= last]
    assert "".join(pieces) == url and len(pieces) >= 3, pieces
    for before, after in zip(pieces, pieces[1:]):
        assert before.endswith("/") or after[0] in ".?&=#_-~", (before, after)


@pytest.mark.parametrize("layout", ["classic", "large-print"])
def test_a_web_address_that_fits_a_line_breaks_at_a_slash_rather_than_leave_a_gappy_line(tmp_path, layout):
    """An address that fitted a line, but not what was left of one, moved to the next line
    whole: a justified line half full was spread over the column with gaps of a word's
    width ('He    said:    See    the    video'). It breaks after a slash, where what goes
    on fits the next line; an address wider than a line never inside its 'https://' (a line
    ended '(h', the next began 'ttps://'). In justified text a line three quarters full
    still had gaps of half a word: it is broken when the line would be under 85% full."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from booklet.styles import Styles
    from booklet.theme import load_theme
    from reportlab.platypus import Paragraph

    styles = Styles(load_theme(layout))
    # (85% full in justified text, whose gaps the rest is shared out into: 'the    school's    history')
    waste = 0.15 if styles["body"].alignment == TA_JUSTIFY else 0.3
    body = styles["body"]
    least = stringWidth(" (https://", body.fontName, body.fontSize)
    urls = ["https://youtu.be/t2G8KVzTwfw", "https://www.bbc.co.uk/sport/olympics/61234567",
            "https://example.org/a/b/c/d/e/f/g/h"]
    for width in range(150, 340, 7):
        for url in urls:
            for words in ("He said: never give up. See the video", "See", "In short, the whole race is online at"):
                text = f"{words} ({url}) or more words after it to round out the line."
                p = Paragraph(styles.markup(text, "body"), styles["body"])
                p.wrap(width, 10_000)
                lines = ["".join(str(f.text) for f in line.words) if hasattr(line, "words") else " ".join(line[1])
                         for line in p.blPara.lines]
                assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", ""), lines
                at = next(i for i, line in enumerate(lines) if "(h" in line)
                if url not in lines[at]:                                         # broken: at a slash
                    assert lines[at].endswith("/") or lines[at + 1][0] in ".?&=#_-~", lines
                    assert not lines[at].endswith(("(h", "(https", "(https:", "(https:/")), lines
                elif lines[at].startswith(f"({url})") and at:       # moved whole: the line before 70% full
                    room = p.blPara.lines[at - 1].extraSpace          # (or no first part would fit in it,
                    wide = stringWidth(f"({url})", body.fontName, body.fontSize)   # or it is wider than
                    narrower = at == 1 and wide > width - body.firstLineIndent    # the indented first line)
                    assert room <= waste * width or room < least or narrower, (width, lines)


def test_a_word_with_soft_hyphens_longer_than_a_line_stays_inside_the_page(tmp_path):
    """reportlab counts a soft-hyphened word followed by a space as already split, so one
    longer than a line (or what was left of it after a break at a soft hyphen) was never
    split again and ran off the page. Found by a fuzz of long web addresses."""
    import pypdfium2 as pdfium

    long_first = "a" * 60 + "\u00ad" + "b" * 60                     # neither half fits a column
    long_rest = "c" * 6 + "\u00ad" + "d" * 110                      # the rest after the break does not
    url = "https://www.example.com/aaaaaaaaaa/bbbbbbbbbbbbbbbbbb/ccc\u00adccc/dddddddddddddddddddd/eeeeeeeeeeeeee"
    word = "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesell\u00adschafts\u00adkapitän"   # breaks as before
    texts = [f"see {long_first} end", f"see {long_rest} end", f"see {url} end", f"ein {word} {word} {word}"]
    comments = "".join(f'- name: W{i}\n  text: "{t}"\n' for i, t in enumerate(texts))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": comments})
    result = build(folder, output=tmp_path / "b.pdf")
    assert [c.status for c in result.preflight if c.name == "safe area"] == ["ok"]
    doc = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    lines = []
    for page in doc:
        text = page.get_textpage()
        rights = [text.get_charbox(i)[2] for i in range(text.count_chars()) if not text.get_text_range(i, 1).isspace()]
        assert max(rights, default=0) < page.get_width() - 20, "text runs into the outer margin or off the page"
        # (pdfium gives a hyphen that ends a line as U+FFFE)
        lines += [line.strip().replace("\ufffe", "-") for line in text.get_text_range().splitlines()]
    doc.close()
    printed = fold(" ".join(lines)).replace(" ", "").replace("-", "").replace("\u00ad", "")
    for t in texts:
        assert fold(t).replace(" ", "").replace("-", "").replace("\u00ad", "") in printed
    # a word whose parts fit a line still breaks at its soft hyphens, shown as hyphens
    assert any(part + "-" in line for line in lines for part in ("Donau", "dampf", "schiff", "fahrts", "gesell"))


def test_a_long_word_is_split_into_pieces_built_as_reportlab_builds_them(monkeypatch):
    """Where no better place is found, the pieces of a long web address are reportlab's own:
    the same classes, widths, texts and fragments."""
    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    from booklet import styles

    def frag(size, name="Helvetica"):
        f = ParaFrag()
        f.fontName, f.fontSize, f.text = name, size, ""
        return f

    plain, other = frag(9), frag(9)                # two fragments in one style (an &amp; splits them)
    bold = frag(9, "Helvetica-Bold")
    words = [paragraph._HSFrag([0, (plain, "https://www.example.com/some/long/path/here")]),
             paragraph._HSFrag([0, (plain, "https://www.example.com/a?b="), (other, "&"), (plain, "c=1/long/tail")]),
             [0, (plain, "see/"), (bold, "this/very/long/bold/part"), (plain, "/and/more/of/it")]]
    monkeypatch.setattr(styles, "_BREAK_AFTER", "")
    monkeypatch.setattr(styles, "_BREAK_BEFORE", "")

    def shape(pieces):
        return [(type(p).__name__, round(p[0], 6), [(getattr(f, "text", None), f.fontName, t) for f, t in p[1:]])
                for p in pieces]

    for w in words:
        text = "".join(t for _, t in w[1:])
        for room, widths in ((40.0, [60.0]), (5.0, [50.0, 70.0]), (0.5, [30.0])):
            ours, theirs = (shape(split(w, room, widths, 0))
                            for split in (styles.split_long_word, styles._reportlab_split_frag_word))
            head = "".join(t for *_, t in theirs[0][2])
            if "www." in text and 0 < len(head) < text.find("www.") + 4:
                # except that a web address is not cut before its 'www.' ends ('https://w'):
                # it begins the next line, as reportlab begins a word with no room for a letter
                assert ours == shape(styles._reportlab_split_frag_word(w, 0.0, widths, 0)), (w, room)
            else:
                assert ours == theirs, (w, room)


def test_the_preflight_fails_a_line_that_runs_past_its_column(tmp_path, monkeypatch):
    """The safe-area check looked at the margins only, and said all text was inside while
    a web address ran off the page: it now hears of every line drawn wider than its room."""
    from reportlab.platypus import paragraph

    from booklet import styles

    text = "bravo https://www.oscar-18.org/lima/" + "/".join(["verylongpathpart"] * 8) + "?x=18 tango"
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f'- name: Web\n  text: "{text}"\n'})
    result = build(folder, output=tmp_path / "ok.pdf")
    assert [c.status for c in result.preflight if c.name == "safe area"] == ["ok"]
    # reportlab's own address splitting and hyphenating, which left the rest of an address unbroken
    monkeypatch.setattr(paragraph, "_uri_split_pairs", styles._reportlab_uri_split_pairs)
    monkeypatch.setattr(paragraph, "_hyphenateFragWord", styles._reportlab_hyphenate_frag_word)
    result = build(folder, output=tmp_path / "b.pdf")
    (check,) = [c for c in result.preflight if c.name == "safe area"]
    assert check.status == "fail" and "a line on page 4 runs" in check.detail and "verylongpathpart" in check.detail


def test_a_file_too_large_to_be_a_booklet_says_what_to_do(tmp_path):
    folder = booklet_with(tmp_path, **{"comments.yaml": "- name: A\n  text: " + "word " * 1_100_000 + "\n"})
    message = error_of(folder, tmp_path)
    assert f"{folder / 'comments.yaml'}: YAML file is 5,500,019 bytes; the limit is 5,000,000" in message
    assert "hint: keep what the booklet prints in a smaller file" in message


def test_isolate_marks_around_a_name_in_right_to_left_text(tmp_path):
    """Web pages wrap names in isolate marks (U+2068 ... U+2069): in a Hebrew comment the
    build stopped with 'unexpected failure (AssertionError: LRI not allowed here)'."""
    folder = booklet_with(tmp_path, **{"comments.yaml": (
        '- name: "\\u2068Ann\\u2069"\n  text: "שלום \\u2068Ann\\u2069 עולם \\u2066Bob\\u2069 and \\u2067Cy\\u2069"\n')})
    build(folder, output=tmp_path / "out.pdf")
    text = pdf_text(tmp_path / "out.pdf")
    assert "Ann" in text and "Bob" in text and "Cy" in text and "שלום" in text


def test_a_character_newer_than_pythons_unicode_in_right_to_left_text(tmp_path):
    """An emoji of Unicode 15 (U+1FAE8, a shaking face) has no direction in Python 3.11's
    tables: in a Hebrew comment the build stopped with 'unexpected failure (AssertionError:
    not allowed here)'. It is a symbol between two Hebrew words, and the words keep their order."""
    from booklet import styles

    assert styles.visual_order("\u05e9\u05dc\u05d5\u05dd \U0001fae8 \u05e2\u05d5\u05dc\u05dd") == (
        "\u05dd\u05dc\u05d5\u05e2 \U0001fae8 \u05dd\u05d5\u05dc\u05e9")
    folder = booklet_with(tmp_path, **{"comments.yaml": (
        '- name: Ann\n  text: "\u05e9\u05dc\u05d5\u05dd \\U0001fae8 \u05e2\u05d5\u05dc\u05dd \\U0010ffff"\n')})
    result = build(folder, output=tmp_path / "out.pdf")
    text = pdf_text(tmp_path / "out.pdf")
    assert "\u05e9\u05dc\u05d5\u05dd" in text and "\u05e2\u05d5\u05dc\u05dd" in text
    assert [w for w in result.warnings if "U+10FFFF" in w]


def test_a_direction_override_is_printed_as_a_screen_shows_it_with_or_without_hebrew(tmp_path):
    """'abc \\u202egnp.exe\\u202c' (a right-to-left override: a screen shows 'abc exe.png')
    was printed 'abc gnp.exe' and copied out of the PDF with the marks in it, where the same
    marks in a comment with a Hebrew word were applied: applied in both now, as a screen
    shows them, and left out of the text."""
    folder = booklet_with(tmp_path, **{"comments.yaml": (
        '- name: Ann\n  text: "abc \\u202egnp.exe\\u202c done"\n'
        '- name: Bob\n  text: "abc \\u202egnp.exe\\u202c done \\u05e9\\u05dc\\u05d5\\u05dd"\n'
        '- name: Cy\n  text: "x \\u2066left\\u2069 and \\u202alower\\u202c y"\n')})
    build(folder, output=tmp_path / "out.pdf")
    text = pdf_text(tmp_path / "out.pdf")
    assert text.count("abc exe.png done") == 2 and "gnp" not in text, text
    assert "x left and lower y" in text
    assert not any(0x202a <= ord(ch) <= 0x202e or 0x2066 <= ord(ch) <= 0x2069 for ch in text), text


def test_a_word_processors_line_and_page_breaks_are_line_breaks(tmp_path):
    """Shift+Enter in Word is a vertical tab, a page break a form feed: pasted into a
    comment they had no glyph, were left out with a warning, and failed the preflight."""
    folder = booklet_with(tmp_path, **{"comments.yaml": (
        '- name: Ann\n  text: "First line\\vsecond line\\fthird line\\u2028fourth line"\n')})
    result = build(folder, output=tmp_path / "out.pdf")
    assert not [w for w in result.warnings if "no bundled font" in w]
    lines = [line.strip() for page in PdfReader(str(tmp_path / "out.pdf")).pages for line in page.extract_text().splitlines()]
    for line in ("First line", "second line", "third line", "fourth line"):
        assert line in lines


def test_a_layout_that_cannot_be_completed_is_said_in_our_words(tmp_path, monkeypatch):
    """Something taller than a page, which no content should make any more: the message
    was reportlab's ('Flowable <Spacer at 0x7f...> ... too large on page 3 in frame
    'body-0'(323.1 x 493.2*) of template 'body'')."""
    from reportlab.platypus import Spacer

    from booklet.compose import Composer
    from booklet.errors import BookletError

    compose = Composer.compose
    monkeypatch.setattr(Composer, "compose", lambda self: [*compose(self), Spacer(10, 5000)])
    folder = booklet_with(tmp_path)
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "out.pdf")
    message = str(e.value)
    assert "the layout could not be completed: something on page" in message and "is taller than a page" in message
    assert "0x" not in message and "Flowable" not in message
    assert "Flowable <Spacer" in str(e.value.__cause__)        # for --debug, which the hint names

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Table

    cell = [Paragraph("Words in a <b>cell</b> of a table", getSampleStyleSheet()["Normal"]), Spacer(10, 5000)]
    monkeypatch.setattr(Composer, "compose", lambda self: [*compose(self), Table([[cell]])])
    with pytest.raises(BookletError) as e:
        build(folder, output=tmp_path / "out.pdf")
    assert "(its words begin 'Words in a cell of a table') is taller than a page" in str(e.value)


def test_a_long_word_with_an_empty_fragment_and_an_accent_is_split():
    """A long word of junk with an empty italic fragment in it (markup around nothing) and
    a combining accent stopped the build: 'combining() argument must be a unicode
    character, not str', when a break was looked for beside the empty fragment. Found by
    a fuzz of junk input."""
    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    from booklet import styles

    def frag(name):
        f = ParaFrag()
        f.fontName, f.fontSize, f.text = name, 9, ""
        return f

    plain, italic = frag("Helvetica"), frag("Helvetica-Oblique")
    word = [0, (plain, "e\u0301" + "a" * 40), (italic, ""), (plain, "b" * 40)]
    for room in range(20, 240, 3):               # (some line fills up at the empty fragment)
        pieces = styles.split_long_word(word, float(room), [float(room)], 0)
        assert "".join(t for piece in pieces for _, t in piece[1:]) == "e\u0301" + "a" * 40 + "b" * 40
        assert len(pieces) > 1 and all(isinstance(p, paragraph._SplitFrag) for p in pieces)


@pytest.mark.parametrize("layout", ["classic", "modern", "unshaped.yaml"])
def test_a_word_too_long_for_a_line_after_its_hyphen_is_cut_not_run_off_the_page(tmp_path, layout):
    """'x-aaaa...' in a comment: hyphenated at its '-', what was left, still wider than the
    column, was never cut (reportlab cuts no word it has cut before) and ran 96 mm past
    the column, off the page. Found by a fuzz of junk input. (Unshaped, a paragraph in one
    font goes another way through reportlab: mended there too.)"""
    word = "x-" + "a" * 100
    folder = booklet_with(tmp_path, **{
        "comments.yaml": f'- name: Ann\n  text: "Hello {word} and more."\n',
        "story.md": f"# Story\n\nIn the story too, justified: {word.replace('x', 'y')} and on.\n",
        "unshaped.yaml": "extends: classic\ntypography:\n  shaping: false\n",
        "booklet.yaml": TINY["booklet.yaml"] + f"layout: {layout}\n"})
    result = build(folder, output=tmp_path / "out.pdf")
    [area] = [c for c in result.preflight if c.name == "safe area"]
    assert area.status == "ok", area.detail
    text = pdf_text(tmp_path / "out.pdf").replace(" ", "")
    assert text.count("a" * 20) >= 4 and "andmore." in text and "andon." in text
    assert sum(len(run) for run in re.findall("a{5,}", text)) >= 200        # every letter, in pieces


def test_a_title_block_set_low_on_the_cover_rises_before_it_is_made_smaller(tmp_path):
    """A layout with 'cover: {title_at: 0.9}' refused the example's own title ('the title
    is too long: ... set at 20% of its size'): the block had a tenth of the page under its
    place. It rises until it fits (as far as classic's place), at its full size."""
    import pypdfium2 as pdfium

    folder = booklet_with(tmp_path, **{
        "low.yaml": "extends: large-print\ncover: {title_at: 0.9}\n",
        "booklet.yaml": TINY["booklet.yaml"].replace("subtitle: For the tests", "subtitle: For the tests\n"
                                                     "cover:\n  art: track\n  note: Barcelona, 1992; London, 2022")
        + "layout: low.yaml\n"})
    result = build(folder, output=tmp_path / "out.pdf")
    assert not [w for w in result.warnings if "title block" in w]
    pdf = pdfium.PdfDocument(str(tmp_path / "out.pdf"))
    text = pdf[0].get_textpage()
    words = text.get_text_range()
    height = pdf[0].get_height()
    tops = {w: text.get_charbox(words.index(w))[3] for w in ("A Small", "Barcelona")}
    pdf.close()
    assert tops["A Small"] < height * 0.5                  # low on the cover, as the layout asks
    assert tops["Barcelona"] > 15 * 72 / 25.4             # and all of it above the margin
    # the running track's lanes, stepped down under the block, would show as a sliver at
    # the page's foot: none is drawn
    from conftest import ink_box, rasterise

    cover = rasterise(tmp_path / "out.pdf", 0)
    w, h = cover.size
    foot = cover.crop((0, int(h - 13 * 72 / 25.4), w, h))       # under the text, in the margin
    assert ink_box(foot, 250) is None


def test_a_table_row_a_hair_taller_than_the_page_is_split():
    """A timeline entry whose row was 0.1 pt taller than the page stopped the build
    ('something on page 15 ... is taller than a page'; found by the story fuzz, modern
    layout): reportlab splits a row only if 1 pt of it is left for the next page, counting
    the row's padding, not its lines."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table

    from booklet.flowables import RowSplitTable

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=14)

    def table(kind):
        t = kind([[Paragraph("1904", style), Paragraph("word " * 400, style)]], colWidths=[40, 250], splitInRow=1)
        t.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 9)])
        return t

    height = table(Table).wrap(290, 10_000)[1]
    assert table(Table).split(290, height - 0.1) == []          # reportlab's own
    parts = table(RowSplitTable).split(290, height - 0.1)
    assert len(parts) == 2 and parts[0].wrap(290, 10_000)[1] <= height - 0.1
    words = [w for part in parts for para in part._cellvalues[0][1] for line in para.blPara.lines
             for w in line[1]]
    assert words.count("word") == 400                          # every word, once


def test_a_paragraph_whose_first_part_comes_out_taller_than_its_split_goes_to_the_next_page(tmp_path, monkeypatch):
    """reportlab sets the part of a paragraph before a page break again, from its pieces,
    and in rare cases (a 60-letter German compound cut at the foot of a page, in large
    print: found by the long-words fuzz) the part came out a line taller than the room it
    was split for: 'Splitting error(n==2) on page 18' and no booklet. The paragraph now
    goes whole to the next page, and is split there if it must be."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Spacer

    from booklet.compose import Composer

    class Fibber(Paragraph):
        told = False

        def split(self, aw, ah):
            parts = super().split(aw, ah)
            if parts and not Fibber.told:
                Fibber.told = True
                parts[0] = Spacer(aw, ah + 30)          # a first part that does not fit after all
            return parts

    words = " ".join(f"word{i}" for i in range(900))
    compose = Composer.compose
    monkeypatch.setattr(Composer, "compose", lambda self: [*compose(self), Fibber(words, getSampleStyleSheet()["Normal"])])
    folder = booklet_with(tmp_path)
    build(folder, output=tmp_path / "out.pdf")
    text = pdf_text(tmp_path / "out.pdf")
    assert Fibber.told and "word0 " in text and "word899" in text


def _every_split_fits(styles, name: str, text: str, width: float) -> None:
    """The paragraph split after each of its lines: every line of each part in its room."""
    from reportlab.platypus import Paragraph

    style = styles[name]
    room = width - style.leftIndent - style.rightIndent
    _, height = Paragraph(styles.markup(text, name), style).wrap(width, 1e6)
    for lines in range(2, round(height / style.leading)):
        for part in Paragraph(styles.markup(text, name), style).split(width, lines * style.leading + 0.5):
            part.wrap(width, 1e6)
            for line in part.blPara.lines:
                drawn = sum(pdfmetrics.stringWidth(str(f.text), f.fontName, f.fontSize) for f in line.words)
                assert drawn <= room + 1, (width, lines, "".join(str(f.text) for f in line.words))


@pytest.mark.parametrize("layout", ["modern", "classic"])
def test_a_paragraph_split_inside_a_word_three_lines_long_keeps_its_lines_in_the_column(layout):
    """A comment in German with an 80-letter compound (a ligature in it) hyphenated over
    three lines, split at a page's foot after the second: reportlab joined the word's two
    pieces in the first part into one word, which it never breaks, and the last line ran
    44 mm past the column and off the page (found by the long-words fuzz). The same word
    starting its line in large print's block quotes: shaped, reportlab's joined word is of
    a class made for it, not known for one, and ran 160 pt past (a fuzz of splits)."""
    from booklet.styles import Styles
    from booklet.theme import load_theme

    text = ("Entscheidungenhaftdampf Gesetzversicherungsverfassungsfleisch Gesetzübertragungsversicherungs "
            "Fleischverfassungsversicherungsflugverfassungsversicherungsflugüberwachungsrind Verfassungsgesellschafts"
            "bundesversicherungsmützenflussbundesgesellschaftsgerichts und so weiter")
    styles = Styles(load_theme(layout), "de")
    for width in (150, 163, 180):
        _every_split_fits(styles, "comment", text, width)
    large = Styles(load_theme("large-print"), "de")
    text = ("Baum affeflugaffe, Gesetzpflichteffektdonaugesetzgesetzfahrtzeugschiffüberdonauaffefahrtver Baum die "
            "Fleischgesetzüberüberübergesetzfleischfahrtfinanz Donaugesetz und so weiter")
    for width in (110, 120, 140):
        _every_split_fits(large, "blockquote", text, width)


def test_a_story_of_nothing_but_a_note_nobody_refers_to_builds(tmp_path):
    """A story whose only block is a note no text refers to makes no flowables: composing
    looked at the first of them (an IndexError, found by the Markdown fuzz)."""
    folder = booklet_with(tmp_path, **{"story.md": "# Story\n\n[^x]: - list in note\n    > quote\n"})
    result = build(folder, output=tmp_path / "out.pdf")
    assert any("[^x] is not referred to" in w for w in result.warnings)
    assert "A first comment." in pdf_text(tmp_path / "out.pdf")


def _zalgo(marks_per_letter: tuple[int, int]) -> str:
    """'He was the best' with random accents stacked on each letter, as Zalgo text is made."""
    import random

    pick = random.Random(1)
    return "".join(ch + "".join(chr(pick.randint(0x300, 0x36F)) for _ in range(pick.randint(*marks_per_letter)))
                   for ch in "He was the best")


def _baselines(path, page: int, after: str) -> set[float]:
    """The heights at which pdfium finds the letters after `after` (not the accents) drawn."""
    import ctypes
    import unicodedata

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page].get_textpage()
        chars = [chr(raw.FPDFText_GetUnicode(text, i)) for i in range(text.count_chars())]
        start = "".join(chars).index(after) + len(after)
        found = set()
        for i in range(start, len(chars)):
            if chars[i].isalpha() and not unicodedata.combining(chars[i]):
                x, y = ctypes.c_double(), ctypes.c_double()
                raw.FPDFText_GetCharOrigin(text, i, x, y)
                found.add(round(y.value, 1))
        return found
    finally:
        pdf.close()


def test_letters_after_accents_at_two_heights_stay_on_the_line(tmp_path):
    """A letter after two accents HarfBuzz moves to different heights was drawn raised or
    lowered (reportlab's setRise merged the two rises and kept the first in mind): 'e', 'w',
    's' of a comment stood above the line its 'H' and 'a' were on."""
    comment = _zalgo((3, 3))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f'- name: Zed\n  text: "{comment}"\n'})
    result = build(folder, output=tmp_path / "b.pdf")
    assert not any("accents" in w for w in result.warnings)           # (three are kept)
    assert len(_baselines(result.pdf, result.pages - 1, "Zed")) == 1


def test_zalgo_text_keeps_three_accents_on_a_letter_and_says_so(tmp_path):
    """Zalgo text, dozens of accents stacked on each letter, printed over the lines above
    and below it. Three are kept on a letter (no language writes more of these), the rest
    left out, and that is said at the comment's line."""
    import unicodedata

    comment = _zalgo((8, 25))
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": f'- name: Ann\n  text: Hello\n'
                                                                    f'- name: Zed\n  text: "{comment}"\n'})
    result = build(folder, output=tmp_path / "b.pdf")
    assert [w for w in result.warnings if "accents" in w] == [
        "accents stacked more than 3 on one letter (as 'Zalgo' text is written) would print over the lines around "
        "them: only the first 3 are kept (in comments.yaml line 3)"]
    text = pdf_text(result.pdf)
    shown = text[text.index("Zed"):]
    letters = [ch for ch in shown if not unicodedata.combining(ch)]
    assert "".join(letters).replace(" ", "").startswith("ZedHewasthebest")
    assert max(len(run) for run in re.findall(r"[\u0300-\u036f]+", shown)) == 3
