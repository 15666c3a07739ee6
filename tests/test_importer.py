"""Importing comments: each format keeps every non-empty comment, name and text exactly."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from booklet.cli import app
from booklet.errors import BookletError
from booklet.build import build
from booklet.importer import import_comments, to_yaml

from conftest import TINY, pdf_text, write_booklet

FIXTURES = Path(__file__).parent / "fixtures"


def test_pasted_page():
    imported = import_comments(FIXTURES / "page.txt")
    assert imported.comments == [
        {"name": "Ana Lúcia", "text": "He taught me to swim in the sea at Porto."},
        {"name": "O'Brien, Pat", "text": 'First paragraph: "quoted", with a colon.\n\nSecond paragraph — after a blank line.'},
        {"name": "李小龍", "text": "He always had time for us.   Always."},
        {"name": "Ana Lúcia", "text": "He taught me to swim in the sea at Porto."},
    ]
    assert imported.skipped == [
        "2 lines before the first comment (a bullet and a name) were not comments",
        "line 9: 'Tomás' has no comment text",
        "line 25: 'Share this page on social media and tell your fri…' is too long for a name; "
        "it looks like part of the page, not a comment",
    ]


def test_youtube_comments_copied_from_the_page(tmp_path):
    """YouTube's comments selected on the video's page and pasted: there are no bullets, so
    nothing was imported ('16 lines before the first comment'). Each writer's name, and when
    (left out), begin a comment; its likes, 'Reply' and the count of replies end it."""
    source = tmp_path / "yt.txt"
    source.write_text("Derek Redmond - Barcelona 1992\n12M views  10 years ago\n1,234 Comments\nSort by\n\n"
                      "@johnsmith4521 3 years ago\nWhat a moment. Never give up.\nRead more\n1.2K\nReply\n12 replies\n\n"
                      "John Smith\n10 years ago (edited)\nWatched this 100 times.\n\nMy dad showed me this.\n45\nReply\n\n"
                      "@nolikes\n5 days ago\n100\nReply\n\n@silent\n1 day ago\nReply\n")
    imported = import_comments(source)
    assert imported.comments == [
        {"name": "@johnsmith4521", "text": "What a moment. Never give up."},
        {"name": "John Smith", "text": "Watched this 100 times.\n\nMy dad showed me this."},
        {"name": "@nolikes", "text": "100"}]                 # (a comment is never empty: its number is it)
    assert imported.skipped == ["4 lines before the first comment were not comments",
                                "line 26: '@silent' has no comment text"]
    assert imported.notes == ["line 6: the comment by '@johnsmith4521' was copied cut short ('Read more'): click "
                              "'Read more' on the page before copying to get all of it"]
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and result.stderr.startswith("3 comments imported")


def test_facebook_and_instagram_comments_copied_from_the_page(tmp_path):
    """A memorial post's comments selected on Facebook (or Instagram) and pasted: no bullets
    and no YouTube times, so nothing was imported. A name on a line, the comment below it,
    then the page's own words ('2w', 'Like', 'Reply', ' · Reply · 3d', likes, badges,
    buttons), which are left out; a comment of hearts only is a comment, a sticker's
    name alone is said, and a comment cut short ('See more') is said."""
    facebook = tmp_path / "facebook.txt"
    facebook.write_text("Most relevant\n\nSarah Johnson \u00b7 Follow\nAuthor\nSo sorry for your loss. Jim was a wonderful man\n"
                        "and a true gentleman.\n\n2w\nLike\nReply\nShare\nTop fan\nPeter Brown\nRest in peace, "
                        "Jim \u2764\ufe0f\n \u00b7 Reply \u00b7 3d\nView all 3 replies\nAnne O'Neill\nI watched "
                        "that race with my dad. We both\u2026 See more\n1y\nLike\nReply\n12\nTom Baker\n2w\n"
                        "Like\nReply\nWrite a comment\u2026\n", encoding="utf-8")
    imported = import_comments(facebook)
    assert imported.comments == [
        {"name": "Sarah Johnson", "text": "So sorry for your loss. Jim was a wonderful man\nand a true gentleman."},
        {"name": "Peter Brown", "text": "Rest in peace, Jim \u2764\ufe0f"},
        {"name": "Anne O'Neill", "text": "I watched that race with my dad. We both\u2026"}]
    assert imported.skipped == ["line 23: 'Tom Baker' has no comment text (a sticker or a photo?)"]
    assert imported.notes[1:] == ["line 17: the comment by 'Anne O'Neill' was copied cut short ('See more'): "
                                  "click 'See more' on the page before copying to get all of it"]
    instagram = tmp_path / "instagram.txt"
    instagram.write_text("jane_doe\nRest in peace \U0001F64F\n2w\n5 likes\nReply\nView replies (2)\nmike.r\n"
                         "\u2764\ufe0f\u2764\ufe0f\n2w\nReply\nsam_k\nWhat a man.\n1w\n1 like\nReply\n"
                         "\U0001F44D\u2764\ufe0f 24\n", encoding="utf-8")
    assert import_comments(instagram).comments == [
        {"name": "jane_doe", "text": "Rest in peace \U0001F64F"}, {"name": "mike.r", "text": "\u2764\ufe0f\u2764\ufe0f"},
        {"name": "sam_k", "text": "What a man."}]
    result = CliRunner().invoke(app, ["import-comments", str(facebook), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and result.stderr.startswith("3 comments imported")
    assert "read as comments copied from Facebook or Instagram" in result.stderr


def test_a_facebook_post_copied_with_its_comments_is_not_one_of_them(tmp_path):
    """The post itself, selected with its comments, came in as comments: its writer's name
    alone ('no comment text') and its words taken for a name ('too long for a name'). It
    ends at its own bar ('Like', 'Comment', 'Share', counts), and is said, not imported.
    Comments with no post above them are read as before, from the first line."""
    page = tmp_path / "post.txt"
    page.write_text("Derek Redmond\nOctober 4, 2022 \u00b7 \nIt is with great sadness that I am writing this post.\n"
                    "All reactions:\n12K\n2.3K comments\n845 shares\nLike\nComment\nShare\nMost relevant\n\n"
                    "Sarah Johnson\nSo sorry for your loss.\n2w\nLike\nReply\nPeter Brown\nRest in peace\n"
                    " \u00b7 Reply \u00b7 3d\n", encoding="utf-8")
    imported = import_comments(page)
    assert imported.comments == [{"name": "Sarah Johnson", "text": "So sorry for your loss."},
                                 {"name": "Peter Brown", "text": "Rest in peace"}]
    assert imported.skipped == []
    assert imported.notes[1:] == ["lines 1-12: the post itself (by 'Derek Redmond') is not one of its comments, "
                                  "and is not imported"]
    page.write_text("Sarah Johnson\nShare the video, please.\n2w\nLike\nReply\n", encoding="utf-8")
    assert import_comments(page).comments == [{"name": "Sarah Johnson", "text": "Share the video, please."}]


def test_a_whatsapp_chats_small_talk_is_imported_and_how_to_leave_it_out_is_said(tmp_path):
    """A group's 'ok', 'Thanks x' and '👍' came in with its memories, unsaid, to be found in
    print. They are imported (all that was written is), and the note gives the select
    line that leaves them out; a chat of a few short messages is not told."""
    chat = tmp_path / "chat.txt"
    small = ["ok", "\U0001F44D", "Thanks x", "See you", "yes"]
    chat.write_text("".join(f"12/03/2022, 14:2{i} - Ann: {text}\n" for i, text in enumerate(small))
                    + "12/03/2022, 14:30 - Ed: He was the kindest man I ever knew.\n", encoding="utf-8")
    imported = import_comments(chat)
    assert len(imported.comments) == 6
    assert imported.notes[1:] == ["5 of the messages are shorter than 3 words (such as 'ok'): to leave them out "
                                  "of the booklet, write 'select: {min_words: 3}' under the comments section in "
                                  "booklet.yaml"]
    folder = write_booklet(tmp_path / "b", {**TINY, "comments.yaml": to_yaml(imported, chat)})
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text().replace(
        "file: comments.yaml", "file: comments.yaml\n    select: {min_words: 3}"))
    text = pdf_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert "kindest man" in text and "Thanks x" not in text
    chat.write_text("12/03/2022, 14:20 - Ann: ok\n12/03/2022, 14:21 - Ed: He was kind.\n", encoding="utf-8")
    assert import_comments(chat).notes[1:] == []


def test_a_whatsapp_chat_exported(tmp_path):
    """Families gather memories in a WhatsApp group; 'Export chat' writes a .txt of lines
    that begin with when each message was sent. It was read as a pasted page: nothing
    imported. Each message is a comment by its sender, dated by its day, its later lines
    and paragraphs kept; WhatsApp's own lines, photos left out of the export and deleted
    messages are counted, not imported. Android's and an iPhone's ways of writing it."""
    android = tmp_path / "WhatsApp Chat with Memories of Jim.txt"
    android.write_text(
        "12/03/2022, 14:20 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
        "12/03/2022, 14:21 - Sarah created group \"Memories of Jim\"\n"
        "12/03/2022, 14:31 - Peter: He taught me to ride a bike.\nHe never gave up on me.\n\nNot once.\n"
        "12/03/2022, 14:32 - Peter: <Media omitted>\n"
        "12/03/2022, 14:40 - +44 7700 900123: Thinking of you all \u2764\ufe0f <This message was edited>\n"
        "13/03/2022, 09:02 - Anne: This message was deleted\n"
        "13/03/2022, 09:05 - Anne: Time: 10:30 at St Mary's.\n", encoding="utf-8")
    imported = import_comments(android)
    assert imported.comments == [
        {"name": "Peter", "text": "He taught me to ride a bike.\nHe never gave up on me.\n\nNot once.",
         "date": "12/03/2022"},
        {"name": "+44 7700 900123", "text": "Thinking of you all \u2764\ufe0f", "date": "12/03/2022"},
        {"name": "Anne", "text": "Time: 10:30 at St Mary's.", "date": "13/03/2022"}]
    assert imported.skipped == [
        "2 messages of a photo, a sticker or another file, or deleted, with no words to print",
        "2 lines of WhatsApp's own (who joined or left, the encryption notice)"]
    iphone = tmp_path / "_chat.txt"
    iphone.write_text("\u200e[12/03/2022, 14:20:11] Memories of Jim: \u200eMessages and calls are end-to-end "
                      "encrypted.\n\u200e[12/03/2022, 14:21:02] Sarah: \u200eimage omitted\n"
                      "[3/12/22, 2:31:05\u202fPM] Peter: He taught me to ride a bike.\nAlways patient.\n",
                      encoding="utf-8")
    imported = import_comments(iphone)
    assert imported.comments == [{"name": "Peter", "text": "He taught me to ride a bike.\nAlways patient.",
                                  "date": "3/12/22"}]
    assert len(imported.skipped) == 2
    result = CliRunner().invoke(app, ["import-comments", str(android), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and result.stderr.startswith("3 comments imported")
    assert "read as a chat exported from WhatsApp" in result.stderr


def test_a_whatsapp_chat_in_hebrew_exported(tmp_path):
    """A phone set to Hebrew or Arabic writes direction marks at a line's start, around a
    sender's name and a phone number: the chat was not recognised ('found no comments to
    import'), and the names kept the invisible marks. Its note for a photo left out, in the
    phone's language ('<המדיה הושמטה>'), is a photo's note, not a comment."""
    chat = tmp_path / "chat.txt"
    chat.write_text("\u200f27.11.2026, 10:15 - \u200f\u05d3\u05e0\u05d4\u200f: \u05e9\u05dc\u05d5\u05dd\n"
                    "27.11.2026, 10:16 - \u202a+972 50-123-4567\u202c: \u05ea\u05d5\u05d3\u05d4\n"
                    "27.11.2026, 10:17 - \u05de\u05e9\u05d4: <\u05d4\u05de\u05d3\u05d9\u05d4 "
                    "\u05d4\u05d5\u05e9\u05de\u05d8\u05d4>\n", encoding="utf-8")
    imported = import_comments(chat)
    assert imported.comments == [
        {"name": "\u05d3\u05e0\u05d4", "text": "\u05e9\u05dc\u05d5\u05dd", "date": "27.11.2026"},
        {"name": "+972 50-123-4567", "text": "\u05ea\u05d5\u05d3\u05d4", "date": "27.11.2026"}]
    assert imported.skipped == ["1 message of a photo, a sticker or another file, or deleted, with no words to print"]


def test_csv():
    imported = import_comments(FIXTURES / "comments.csv")
    assert imported.comments == [
        {"name": "Ana Lúcia", "text": "He taught me to swim in the sea at Porto.", "date": "2024-05-01"},
        {"name": "O'Brien, Pat", "text": "First line, with a comma\nand a second line", "date": "2024-05-02",
         "source": "https://example.org/c/2"},
        {"name": "李小龍", "text": "He always had time for us."},
    ]
    assert imported.skipped == ["line 5: 'Tomás' has no comment text"]


def test_json():
    imported = import_comments(FIXTURES / "comments.json")
    assert imported.comments == [
        {"name": "Ana Lúcia", "text": "He taught me to swim in the sea at Porto.", "id": "17"},
        {"name": "O'Brien, Pat", "text": 'Tabs\tand "quotes" stay.', "date": "2024-05-02T10:00:00Z"},
        {"name": "李小龍", "text": "He always had time for us."},
    ]
    assert imported.skipped == ["entry 2: 'Tomás' has no comment text",
                                "entry 4: not an object with name and text"]


@pytest.mark.parametrize("fixture", ["page.txt", "comments.csv", "comments.json"])
def test_yaml_round_trips_exactly(fixture):
    imported = import_comments(FIXTURES / fixture)
    assert yaml.safe_load(to_yaml(imported, FIXTURES / fixture)) == imported.comments


def test_exact_duplicates_dropped_only_when_asked(tmp_path):
    runner = CliRunner()
    out = tmp_path / "c.yaml"
    result = runner.invoke(app, ["import-comments", str(FIXTURES / "page.txt"), "-o", str(out)])
    assert result.exit_code == 0
    assert len(yaml.safe_load(out.read_text())) == 4
    assert result.stderr.startswith(f"4 comments imported into {out}\n  not imported: 2 lines before")
    result = runner.invoke(app, ["import-comments", str(FIXTURES / "page.txt"), "-o", str(out), "--drop-duplicates"])
    assert [c["name"] for c in yaml.safe_load(out.read_text())] == ["Ana Lúcia", "O'Brien, Pat", "李小龍"]
    assert "  not imported: Ana Lúcia: an exact repeat, left out (--drop-duplicates)" in result.stderr


def test_imported_file_builds_a_booklet(tmp_path, tiny):
    runner = CliRunner()
    result = runner.invoke(app, ["import-comments", str(FIXTURES / "page.txt"), "-o", str(tiny / "comments.yaml")])
    assert result.exit_code == 0
    result = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output


def test_csv_without_a_header_row(tmp_path):
    bad = tmp_path / "c.csv"
    bad.write_text("Ana,Hello\nBob,Hi\n")
    with pytest.raises(BookletError) as info:
        import_comments(bad)
    assert str(info.value) == (f"{bad}, line 1: the first row should name the columns; found Ana, Hello\n"
                               "  hint: call the columns name and text (and date, source, id if you have them)")


def test_broken_json(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text('[{"name": "x",}]')
    with pytest.raises(BookletError) as info:
        import_comments(bad)
    # (Python's own words for the fault, which change between versions, follow)
    message = str(info.value)
    assert message.startswith(f"{bad}, line 1: is not valid JSON: ") and "\n" not in message
    assert message.split(": ")[-1] in ("Expecting property name enclosed in double quotes",   # Python 3.11, 3.12
                                       "Illegal trailing comma before end of object")          # 3.13


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", "", "the file is empty, so nothing was written"),
    ("odd.json", '[{"name": "x"}, 5]', "found no comments to import, so nothing was written"),
    ("deep.json", "[" * 100_000 + "]" * 100_000,
     "is not a list of comments: its lists or objects are nested thousands deep"),
])
def test_nothing_to_import_is_an_error_and_writes_nothing(tmp_path, name, content, message):
    source, out = tmp_path / name, tmp_path / "c.yaml"
    source.write_text(content)
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert f"error: {source}: {message}" in result.stderr
    assert not out.exists()


def test_one_comment_is_one_comment(tmp_path):
    source = tmp_path / "c.json"
    source.write_text('[{"name": "Ann", "text": "Hello"}]')
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(tmp_path / "c.yaml")])
    assert result.stderr == f"1 comment imported into {tmp_path / 'c.yaml'}\n"


def test_the_output_is_a_yaml_file(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("# My story\n")
    result = CliRunner().invoke(app, ["import-comments", str(FIXTURES / "comments.json"), "-o", str(story)])
    assert result.exit_code == 1
    assert f"error: {story}: a comments file's name ends in .yaml" in result.stderr
    assert story.read_text() == "# My story\n"


def test_the_output_may_go_into_a_new_folder_but_not_onto_a_folder(tmp_path):
    made = tmp_path / "new" / "comments.yaml"                   # (before: FileNotFoundError traceback)
    result = CliRunner().invoke(app, ["import-comments", str(FIXTURES / "comments.json"), "-o", str(made)])
    assert result.exit_code == 0 and made.is_file()
    folder = tmp_path / "taken.yaml"
    folder.mkdir()
    result = CliRunner().invoke(app, ["import-comments", str(FIXTURES / "comments.json"), "-o", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {folder}: cannot write here: Is a directory")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_csv_from_a_european_spreadsheet(tmp_path, delimiter):
    """Where the decimal point is a comma, spreadsheets save CSV with ';' between columns:
    the whole header was taken for one column ('the first row should name the columns')."""
    source = tmp_path / "export.csv"
    source.write_text(delimiter.join(["Name", "Comment Text", "Likes"]) + "\n"
                      + delimiter.join(["Ann", '"So moving, truly; yes"', "5"]) + "\n", encoding="utf-8")
    assert import_comments(source).comments == [{"name": "Ann", "text": "So moving, truly; yes"}]


def test_column_names_as_exports_write_them(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("authorDisplayName,textOriginal,publishedAt\nAnn,Great race,2020-01-01\n")
    assert import_comments(source).comments == [{"name": "Ann", "text": "Great race", "date": "2020-01-01"}]


def test_a_forms_columns_named_by_its_questions(tmp_path):
    """A Google or Microsoft form saves its answers with its questions as the columns'
    names: 'the first row should name the columns', though every part was there."""
    source = tmp_path / "Form responses 1.csv"
    source.write_text("Timestamp,Email address,Your name,Your message for the family,May we print your comment?\n"
                      '2022/10/05 10:00:00,ann@example.org,Ann,"We miss him, and always will.",Yes\n')
    imported = import_comments(source)
    assert imported.comments == [{"name": "Ann", "text": "We miss him, and always will.",
                                  "date": "2022/10/05 10:00:00"}]
    assert imported.notes == [
        "read the column 'Your name' as name, 'Your message for the family' as text, 'Timestamp' as date",
        "left out the columns 'Email address', 'May we print your comment?'"]
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and "  left out the columns 'Email address'" in result.stderr
    # a column of ours by name is read as before, and said nothing of
    source.write_text("name,text\nAnn,Hi\n")
    assert import_comments(source).notes == []


def test_a_csv_saved_by_excel_on_windows_is_read_as_windows_1252(tmp_path):
    """Excel's 'CSV (Comma delimited)' on Windows is Windows-1252: a form's answers with
    'Zoë' or a curly apostrophe in them were 'is not UTF-8 text'."""
    source = tmp_path / "answers.csv"
    source.write_bytes("name,text\nAnn,Fine\nZo\u00eb,He\u2019s missed \u2013 caf\u00e9 mornings\n".encode("cp1252"))
    imported = import_comments(source)
    assert imported.comments[1] == {"name": "Zo\u00eb", "text": "He\u2019s missed \u2013 caf\u00e9 mornings"}
    assert imported.notes == ["answers.csv is not UTF-8 (line 3 first): it was read as Windows-1252, as Word, "
                              "Excel and older Notepad save text by default; if a letter looks wrong, save it as UTF-8"]
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and "  answers.csv is not UTF-8 (line 3 first)" in result.stderr
    assert yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))[1]["name"] == "Zo\u00eb"


@pytest.mark.parametrize("name", ["answers.txt", "answers.tsv"])
def test_excels_unicode_text_is_a_table(tmp_path, name):
    """Excel's 'Unicode Text (*.txt)' saves a sheet as UTF-16 with tabs between columns: it
    was read as a pasted page ('found no comments to import'). A text file whose first line
    names a name and a comment column, split by tabs, is a table; a page is still a page."""
    source = tmp_path / name
    source.write_bytes("Name\tComment\tLikes\r\nAnn\tLovely man, always smiling.\t3\r\nBob\tHe taught me "
                       "to fish.\t1\r\n".encode("utf-16"))
    assert import_comments(source).comments == [{"name": "Ann", "text": "Lovely man, always smiling."},
                                                {"name": "Bob", "text": "He taught me to fish."}]
    page = tmp_path / "page.txt"
    page.write_text("Ann\tHe was kind\nA line of a page with a tab in it.\n\nBob\nGreat race\n", encoding="utf-8")
    assert all(c["name"] != "Name" for c in import_comments(page).comments)


def test_youtubes_textdisplay_is_read_as_the_text_it_shows(tmp_path):
    """YouTube's textDisplay is HTML: an export with only that column printed 'I&#39;m'
    and '<br>' as typed. It is read as the words it shows; markup in them stays data."""
    source = tmp_path / "yt.csv"
    source.write_text('authorDisplayName,textDisplay\n'
                      'Ann,"I&#39;m in tears.<br>Watch at <a href=""https://www.youtube.com/watch?v=x&amp;t=45"">0:45</a>"\n'
                      'Bo,"He wrote &lt;b&gt;never&lt;/b&gt; &amp; meant it"\n'
                      'Cy,Plain words\n')
    imported = import_comments(source)
    assert [c["text"] for c in imported.comments] == ["I'm in tears.\nWatch at 0:45", "He wrote <b>never</b> & meant it",
                                                       "Plain words"]
    assert imported.notes[-1].startswith("read 'textDisplay' as YouTube writes it, as HTML")
    source.write_text("authorDisplayName,textOriginal\nAnn,I&#39;m as typed\n")     # not HTML: as it is
    assert import_comments(source).comments[0]["text"] == "I&#39;m as typed"


def test_a_comments_section_naming_a_csv_says_how_to_make_a_comments_file(tmp_path, tiny, monkeypatch):
    (tiny / "booklet.yaml").write_text((tiny / "booklet.yaml").read_text().replace("comments.yaml", "form.csv"))
    (tiny / "form.csv").write_text("name,text\nAnn,Hi\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["make", "tiny"])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "found 'form.csv'\n  hint: make a comments file from it: booklet import-comments tiny/form.csv "
        "-o tiny/form.yaml, then name form.yaml here\n")
    result = CliRunner().invoke(app, ["import-comments", "tiny/form.csv", "-o", "tiny/form.yaml"])
    (tiny / "booklet.yaml").write_text((tiny / "booklet.yaml").read_text().replace("form.csv", "form.yaml"))
    assert CliRunner().invoke(app, ["make", "tiny"]).exit_code == 0


def test_json_values_that_are_not_text(tmp_path):
    source = tmp_path / "export.json"
    source.write_text('[{"user": {"name": "Ann"}, "body": "Nice"}, {"name": 5, "text": true}]')
    imported = import_comments(source)
    assert imported.comments == [{"name": "5", "text": "true"}]       # as the file writes them
    assert imported.skipped == ["entry 1: its 'user' is a list or an object, not text"]


def test_one_line_before_the_first_comment_is_said_in_the_singular(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Comments on the race\n\n  • Ann\n\n    What a race.\n")
    assert import_comments(page).skipped == ["1 line before the first comment (a bullet and a name) was not a comment"]


def test_direction_overrides_are_written_as_escapes(tmp_path):
    # a comment from the web with U+202E in it, written raw, turns the line around in an
    # editor or a terminal (and the text after it, the next key's too); an escape reads back
    # the same. A file name with a line break ended the header's comment line.
    source = tmp_path / "from\nthe web.csv"
    text = "\u202eHello\u2066 there\u2069, \u05e9\u05dc\u05d5\u05dd\u200f and more"
    source.write_text(f'name,text\n"Ann\u202d","{text}"\nBob,"two\nlines\u202e"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["import-comments", str(source)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not set(out) & {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
    assert "\\u202E" in out and "\u05e9\u05dc\u05d5\u05dd\u200f" in out        # Hebrew itself stays readable
    assert yaml.safe_load(out) == [{"name": "Ann\u202d", "text": text}, {"name": "Bob", "text": "two\nlines\u202e"}]


def _xlsx(path: Path, sheet: str, strings: list[str], styles: str = "") -> Path:
    """An .xlsx as Excel lays one out: the workbook, its first sheet (`sheet`: the rows'
    XML), shared strings and the cell styles (numFmt 22 is Excel's date and time)."""
    import zipfile
    from xml.sax.saxutils import escape
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    kind = rel + "/"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", f"<Relationships xmlns='{pkg}'><Relationship Id='r1' Type='{kind}officeDocument' "
                                  "Target='xl/workbook.xml'/></Relationships>")
        z.writestr("xl/workbook.xml", f"<workbook xmlns='{main}' xmlns:r='{rel}'><sheets><sheet name='Form1' "
                                      "sheetId='1' r:id='rS'/></sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", f"<Relationships xmlns='{pkg}'>"
                   f"<Relationship Id='rS' Type='{kind}worksheet' Target='worksheets/sheet1.xml'/>"
                   f"<Relationship Id='rT' Type='{kind}sharedStrings' Target='sharedStrings.xml'/>"
                   f"<Relationship Id='rY' Type='{kind}styles' Target='styles.xml'/></Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet xmlns='{main}'><sheetData>{sheet}</sheetData></worksheet>")
        z.writestr("xl/sharedStrings.xml", f"<sst xmlns='{main}'>" + "".join(
            f"<si><t xml:space='preserve'>{escape(s)}</t></si>" for s in strings) + "</sst>")
        styles = styles or "<cellXfs><xf numFmtId='0'/><xf numFmtId='22'/></cellXfs>"
        z.writestr("xl/styles.xml", f"<styleSheet xmlns='{main}'>{styles}</styleSheet>")
    return path


def test_a_forms_answers_downloaded_as_an_excel_workbook(tmp_path):
    """Microsoft Forms downloads its answers only as .xlsx (they were refused: 'save the sheet
    as CSV'). The first sheet's first row names the columns; strings shared or in the cell,
    a date kept as a number of days (shown as Excel shows it), cells left out of a row. Its
    'Name' column says 'anonymous' when the form asks no one's name: the form's own question
    for a name is read instead, and that is said."""
    strings = ["ID", "Completion time", "Name", "Your name", "Your message for the family", "anonymous",
               "Zoë Müller", "I watched it live.\nI still remember.", "<b>not bold</b> & more"]
    sheet = ("<row r='1'>" + "".join(f"<c r='{c}1' t='s'><v>{k}</v></c>" for k, c in enumerate("ABCDE")) + "</row>"
             "<row r='2'><c r='A2'><v>1</v></c><c r='B2' s='1'><v>45356.6006944444</v></c>"
             "<c r='C2' t='s'><v>5</v></c><c r='D2' t='s'><v>6</v></c><c r='E2' t='s'><v>7</v></c></row>"
             "<row r='5'><c r='A5'><v>2.0</v></c><c r='C5' t='s'><v>5</v></c>"
             "<c r='D5' t='inlineStr'><is><t>Ann</t></is></c><c r='E5' t='s'><v>8</v></c>"
             "<c r='G5' t='inlineStr'><is><t>and one more thing</t></is></c></row>")
    imported = import_comments(_xlsx(tmp_path / "form.xlsx", sheet, strings))
    assert imported.comments == [
        {"name": "Zoë Müller", "text": "I watched it live.\nI still remember.", "date": "2024-03-05 14:25", "id": "1"},
        {"name": "Ann", "text": "<b>not bold</b> & more", "id": "2"}]
    assert imported.notes[:2] == ["the column 'Name' holds no names (only 'anonymous')",
                                  "read the column 'Your name' as name, 'Your message for the family' as text, "
                                  "'Completion time' as date, 'ID' as id"]
    assert any(n.startswith("row 5: 1 more cell than the first row names ('and one more thing'), left out")
               for n in imported.notes), imported.notes


def test_a_calc_spreadsheet_and_an_old_excel_file(tmp_path):
    """LibreOffice Calc's .ods: cells repeated (its empty cells repeat to the sheet's edge,
    16,384 of them), text:s spaces; an Excel 97-2003 .xls is refused with what to do."""
    import zipfile
    ns = ("xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' "
          "xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0' "
          "xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'")
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    rows = ("<table:table-row>" + cell.format("name") + cell.format("text")
            + "<table:table-cell table:number-columns-repeated='16382'/></table:table-row>"
            + "<table:table-row table:number-rows-repeated='3'><table:table-cell "
              "table:number-columns-repeated='16384'/></table:table-row>"
            + "<table:table-row>" + cell.format("Ann") + cell.format("Two<text:s text:c='2'/>spaces") + "</table:table-row>"
            + "<table:table-row table:number-rows-repeated='1048570'><table:table-cell "
              "table:number-columns-repeated='16384'/></table:table-row>")
    path = tmp_path / "form.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", f"<office:document-content {ns}><office:body><office:spreadsheet><table:table>"
                                  f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>")
    imported = import_comments(path)
    assert imported.comments == [{"name": "Ann", "text": "Two  spaces"}] and imported.skipped == []
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(BookletError) as info:
        import_comments(tmp_path / "old.xls")
    assert str(info.value) == (f"{tmp_path / 'old.xls'}: an Excel 97-2003 workbook (.xls) cannot be read\n  hint: "
                               "open it in Excel and save it as an Excel workbook (.xlsx), or as CSV")


def test_a_workbook_from_the_command_line_and_in_booklet_yaml(tmp_path, monkeypatch):
    """`booklet import-comments form.xlsx -o comments.yaml` writes what a booklet prints; a
    booklet.yaml naming the workbook itself is told that command (not to save it as CSV)."""
    _xlsx(tmp_path / "form.xlsx", "<row><c t='s'><v>0</v></c><c t='s'><v>1</v></c></row>"
          "<row><c t='s'><v>2</v></c><c t='s'><v>3</v></c></row>", ["Name", "Message", "Ann", "We miss him."])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["import-comments", "form.xlsx", "-o", "comments.yaml"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((tmp_path / "comments.yaml").read_text()) == [{"name": "Ann", "text": "We miss him."}]
    (tmp_path / "booklet.yaml").write_text("title: T\nsections:\n  - type: comments\n    file: form.xlsx\n")
    result = CliRunner().invoke(app, ["make", "."])
    assert result.exit_code == 1
    assert "hint: make a comments file from it: booklet import-comments form.xlsx -o form.yaml" in result.output


@pytest.mark.parametrize("page", [
    # WordPress: 'Ann says:', the date, the comment, 'Reply'
    "Mary Smith says:\nMarch 3, 2022 at 4:15 pm\nIt still makes me cry.\n\nWhat a dad.\nReply\n"
    "John Brown says:\nMarch 4, 2022 at 9:02 am\nBest moment ever.\nReply\n",
    # Blogger: 'Ann said...', the comment, the date under it
    "Leave a comment\nMary Smith said...\nIt still makes me cry.\n\nWhat a dad.\n3 March 2022 at 16:15\n"
    "John Brown said...\nBest moment ever.\n4 March 2022 at 09:02\n",
    # the name alone, the date under it, the comment
    "Leave a comment\n\nMary Smith\nMarch 3, 2022 at 4:15 pm\nIt still makes me cry.\n\nWhat a dad.\nReply\n"
    "John Brown\n4 March 2022\nBest moment ever.\nReply\n",
    # the name alone, the comment, the date under it
    "Mary Smith\nIt still makes me cry.\n\nWhat a dad.\n2022-03-03 16:15\nReply\nJohn Brown\nBest moment ever.\n"
    "04/03/2022\n",
])
def test_a_blogs_comments_copied_from_the_page(tmp_path, page):
    """A blog's comments pasted (WordPress's 'Ann says:', a date on its own line, 'Reply'):
    each line was taken for a name with no comment, or nothing was imported at all
    ('found no comments to import'). The name, then the comment; dates and 'Reply' left out."""
    source = tmp_path / "blog.txt"
    source.write_text(page)
    imported = import_comments(source)
    assert imported.comments == [{"name": "Mary Smith", "text": "It still makes me cry.\n\nWhat a dad."},
                                 {"name": "John Brown", "text": "Best moment ever."}]
    assert imported.skipped == (["1 line before the first comment was not a comment"]
                                if page.startswith("Leave") else [])


def test_a_blogs_foot_after_the_last_comments_reply_is_not_part_of_it(tmp_path):
    """'© 2022 Blog' and 'Leave a comment' under the last comment were read as its last
    words. When every comment ends with the page's 'Reply', what follows the last one's is
    the page's, and said."""
    source = tmp_path / "blog.txt"
    source.write_text("Ann says:\nMarch 3, 2022\nWe miss him.\nReply\nBob says:\nMarch 4, 2022\nLegend.\nReply\n"
                      "Leave a comment\n© 2022 Blog\n")
    imported = import_comments(source)
    assert imported.comments == [{"name": "Ann", "text": "We miss him."}, {"name": "Bob", "text": "Legend."}]
    assert imported.skipped == ["2 lines after the last comment's 'Reply' were not comments"]


BLOG_PAGE = """<!DOCTYPE html>
<html><head><title>Remembering Jim</title><style>p { color: red }</style>
<script>var x = "<p>not a comment</p>";</script></head>
<body><header><nav><a href="/">Home</a></nav></header><article><h1>Remembering Jim</h1><p>A post.</p></article>
<section id="comments"><h2>2 Comments</h2><ol>
<li><article><footer><div class="comment-author"><b class="fn">Ann Smith</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#c1"><time>March 3, 2022 at 9:14 am</time></a></div></footer>
<div class="comment-content"><p>We miss him &amp; we   love
him.</p><p>A second <em>paragraph</em>.</p></div><div class="reply"><a href="#">Reply</a></div></article></li>
<li><article><footer><div class="comment-author"><b class="fn">Bob</b> <span class="says">says:</span></div>
<div class="comment-metadata"><time>March 4, 2022</time></div></footer>
<div class="comment-content"><p>I&#39;ll never forget it.</p></div><div class="reply"><a href="#">Reply</a></div>
</article></li>
</ol></section><footer>© 2022 Blog</footer></body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_a_blog_page_saved_from_the_browser(tmp_path, name):
    """A web page saved as it is (File, Save Page As: .html) was read as text, tags and all,
    and nothing imported. Read as its words, as copying it from the browser gives them: a
    line a block, what the page does not show (scripts, styles) left out, '&amp;' an '&'."""
    source = tmp_path / name
    source.write_text(BLOG_PAGE)
    imported = import_comments(source)
    assert imported.comments == [{"name": "Ann Smith", "text": "We miss him & we love him.\n\nA second paragraph."},
                                 {"name": "Bob", "text": "I'll never forget it."}]
    assert imported.notes[0] == "read as a web page saved from a browser: its words, as copying the page gives them"
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><div id='comments'></div><script>load()</script></body></html>")
    result = CliRunner().invoke(app, ["import-comments", str(empty), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 1 and not (tmp_path / "c.yaml").exists()
    assert ("hint: open the page in your browser, select its comments, copy them and paste them into a text file, "
            "then import that") in result.output


def test_a_comment_that_says_someone_said_is_not_a_blogs_name(tmp_path):
    """A Facebook comment's own 'and then Dad said:' did not make the page a blog's."""
    source = tmp_path / "fb.txt"
    source.write_text("Ann Lee\nI asked him why, and then Dad said:\nBecause he is my son.\n2w\nLike\nReply\n"
                      "Tom\nWhat a race.\n3d\nLike\nReply\n")
    assert import_comments(source).comments == [
        {"name": "Ann Lee", "text": "I asked him why, and then Dad said:\nBecause he is my son."},
        {"name": "Tom", "text": "What a race."}]


def test_a_csv_row_with_more_cells_than_its_header_is_said(tmp_path):
    """A ';' typed in a comment in a file saved with ';' between columns split the comment:
    its second half became the date and the date was dropped, without a word. The row
    is still read, and the note names the cells left out and the comment to check. A
    cell's lines, ended as Excel ends them (CR LF), are plain line breaks."""
    source = tmp_path / "c.csv"
    source.write_bytes("Name;Comment;Date\r\nJosé;Très émouvant; quel père !;12/08/2016\r\n"
                       "Ann;\"Line one\r\nline two\";01/01/2020\r\n".encode())
    imported = import_comments(source)
    assert [c["text"] for c in imported.comments] == ["Très émouvant", "Line one\nline two"]
    assert any(n.startswith("line 2: 1 more cell than the first row names ('12/08/2016'), left out (in a CSV ")
               and n.endswith("check the comment by 'José'") for n in imported.notes), imported.notes


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n  \r\n"])
def test_an_empty_file_is_said_to_be_empty(tmp_path, content):
    # it was 'found no comments to import' with a hint on how to paste a page's names
    source = tmp_path / "page.txt"
    source.write_bytes(content)
    result = CliRunner().invoke(app, ["import-comments", str(source), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 1 and not (tmp_path / "c.yaml").exists()
    assert result.stderr == (f"error: {source}: the file is empty, so nothing was written\n  hint: paste the comments "
                             "into it (or save the page into it), save it, and import it again\n")
