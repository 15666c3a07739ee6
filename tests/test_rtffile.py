"""A story in Rich Text (.rtf), as TextEdit, WordPad, Word and Writer save it: read as the
blocks a Word story makes (test_wordfile.py builds the example from an .rtf too)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_wordfile import text

from booklet.errors import Problems
from booklet.rtffile import read


def blocks_of(tmp_path: Path, rtf: str | bytes, name: str = "s.rtf"):
    path = tmp_path / name
    path.write_bytes(rtf.encode("latin-1") if isinstance(rtf, str) else rtf)
    problems, warnings = Problems(), []
    return read(path, problems, warnings), warnings, problems


def test_a_links_screen_tip_is_printed_before_its_address(tmp_path):
    """A link's screen tip in its field code (HYPERLINK "..." \\o "tip", as Word saves a link
    with a ScreenTip as Rich Text) was left out: printed before the address."""
    rtf = ("{\\rtf1\\ansi\\pard See {\\field{\\*\\fldinst{HYPERLINK \"https://www.bbc.co.uk/sport\" \\\\o "
           "\"BBC Sport\"}}{\\fldrslt{the BBC}}}.\\par}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [("p", "See the BBC (BBC Sport: https://www.bbc.co.uk/sport).")]


def test_a_story_saved_by_textedit(tmp_path):
    """TextEdit ends a paragraph with a backslash; its accents are \\'e9 in the Mac's or
    Windows's code page, its curly quotes \\u8217; a list's bullets and numbers are written
    out before each item (\\listtext), and numbered as they show."""
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
           "{\\colortbl;\\red255\\green255\\blue255;}\n\\pard\\tx560\\pardirnatural\\partightenfactor0\n\n"
           "\\f0\\fs24 \\cf0 He came to Barcelona in the summer of 1992, \\b fit\\b0  and \\i ready\\i0 , with "
           "caf\\'e9 friends \\uc0\\u8217 til the end.\\\nA second paragraph, long enough to be prose and not a line "
           "of a poem, as it goes on.\\\n\\pard\\tx220\\tx720\\li720\\fi-720\\ls1\\ilvl0\\cf0 "
           "{\\listtext\t\\uc0\\u8226 \t}Hope\\\n{\\listtext\t\\uc0\\u8226 \t}Courage\\\n"
           "\\pard\\ls2\\ilvl0{\\listtext\t4.\t}Four\\\n{\\listtext\t5.\t}Five}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [
        ("p", "He came to Barcelona in the summer of 1992, fit and ready, with café friends ’til the end."),
        ("p", "A second paragraph, long enough to be prose and not a line of a poem, as it goes on."),
        ("list", False, 1, [[("p", "Hope")], [("p", "Courage")]]), ("list", True, 4, [[("p", "Four")], [("p", "Five")]])]
    assert [(s.text, s.bold, s.italic) for s in blocks[0].spans[1:4]] == [
        ("fit", True, False), (" and ", False, False), ("ready", False, True)]
    assert warnings == [] and not problems


def test_a_story_saved_by_word_as_rich_text(tmp_path):
    """Headings by the stylesheet's names (whose own bold is the layout's), a footnote
    numbered and set after the story, a link's address after its words, a table, an emoji
    written as two halves (\\u-10179\\u-8704), hidden text, a Wingdings smile, the header
    and a reviewer's comment: said, not printed."""
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}"
           "{\\f1\\fnil\\fcharset2 Wingdings;}}{\\stylesheet{\\s0 Normal;}{\\s1\\sbasedon0\\b\\f0 heading 1;}"
           "{\\*\\cs10 Default Paragraph Font;}}{\\header \\pard\\plain In memory\\par}"
           "\\pard\\plain\\s1\\b Early years\\par"
           "\\pard\\plain He finished the race{\\super\\chftn}{\\footnote\\pard\\plain{\\super\\chftn} With his father."
           "}. See {\\field{\\*\\fldinst{HYPERLINK \"https://www.bbc.co.uk/sport\"}}{\\fldrslt{the BBC}}}. "
           "Cheers \\u-10179\\'3f\\u-8704\\'3f{\\v secret}{\\f1 J}{\\*\\atnid A}\\chatn{\\*\\annotation note} ok.\\par"
           "\\trowd\\cellx2000\\cellx4000\\pard\\intbl Year\\cell When\\cell\\row"
           "\\trowd\\cellx2000\\cellx4000\\pard\\intbl 1992\\cell Barcelona\\cell\\row"
           "\\pard After the table, the story goes on for a while longer than a verse line.\\par}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [
        ("h1", "Early years"),
        ("p", "He finished the race¹. See the BBC (https://www.bbc.co.uk/sport). Cheers 😀 ok."),
        ("table", [["Year", "When"], ["1992", "Barcelona"]]),
        ("p", "After the table, the story goes on for a while longer than a verse line."),
        ("rule",), ("notes", True, 1, [[("p", "With his father.")]])]
    assert not any(s.bold for s in blocks[0].spans)
    assert warnings == [
        "s.rtf: text in a symbol font ('J', pictures of its own, not letters) is not printed (in paragraph 2, after "
        "'Early years')",
        "s.rtf: its header ('In memory') is not printed; a booklet's running heads and page numbers are set by its "
        "layout",
        "s.rtf: its 1 review comment (in the margin) is not printed"]


@pytest.mark.parametrize("rtf, said", [
    ("Dear friends, this is not Rich Text.", "it is not Rich Text (an .rtf file begins with '{\\rtf')"),
    ("{\\rtf1 " + "{" * 1500 + "deep" + "}" * 1500 + "}", "its groups are nested more than a thousand deep"),
])
def test_a_file_that_is_not_rich_text_or_is_hostile_is_said_to_be_so(tmp_path, rtf, said):
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert blocks == [] and [str(p) for p in problems.items] == [
        f"{tmp_path / 's.rtf'}: this Rich Text file cannot be read: {said}\n  hint: open it in your word processor "
        "and save it again, or save it as a Word document (.docx)"]


def test_binary_data_numbers_out_of_range_and_half_an_emoji_are_no_traceback(tmp_path):
    """\\bin's bytes may hold braces; \\u past Unicode, and half an emoji alone, are a stand-in."""
    rtf = ("{\\rtf1 Before {\\*\\blipuid \\bin6 }}{{{x}after \\u99999999? and \\u-10179\\'3f alone."
           "{\\pict\\pngblip }\\par}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [("p", "Before after \ufffd and \ufffd alone.")] and not problems     # (6 bytes: '}}{{{x')
    assert warnings == ["s.rtf: a picture with nothing in it is not printed (in paragraph 1)"]


def test_a_drop_cap_made_in_word_is_the_first_letter_of_its_word(tmp_path):
    rtf = ("{\\rtf1\\ansi\\pard\\plain\\dropcapli3\\dropcapt1\\absw0 {I}\\par\\pard\\plain n the summer of 1992 "
           "Derek Redmond came to Barcelona, one of the favourites.\\par}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [("p", "In the summer of 1992 Derek Redmond came to Barcelona, one of the favourites.")]


def test_a_list_saved_by_wordpad(tmp_path):
    """WordPad writes its lists as Word 6 did: {\\*\\pn\\pnlvlblt ...} on the first item (a
    bullet) or \\pnlvlbody\\pndec\\pnstart1 (numbers), the items after it only their
    {\\pntext ...}. Its items were paragraphs, their bullets and numbers gone."""
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}{\\f1\\fnil\\fcharset2 Symbol;}}\n"
           "\\viewkind4\\uc1\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang9 He loved three things, in this order and "
           "no other, all his life:\\par\n"
           "\\pard{\\pntext\\f1\\'B7\\tab}{\\*\\pn\\pnlvlblt\\pnf1\\pnindent0{\\pntxtb\\'B7}}\\fi-360\\li720\\sa200 "
           "His family\\par\n{\\pntext\\f1\\'B7\\tab}Running\\par\n"
           "\\pard{\\pntext\\f0 1.\\tab}{\\*\\pn\\pnlvlbody\\pnf0\\pnindent0\\pnstart1\\pndec{\\pntxta.}}\\fi-360\\li720 "
           "First\\par\n{\\pntext\\f0 2.\\tab}Second\\par\n\\pard\\sa200 The end of a paragraph long enough to be "
           "prose, not a line of verse at all.\\par\n}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [
        ("p", "He loved three things, in this order and no other, all his life:"),
        ("list", False, 1, [[("p", "His family")], [("p", "Running")]]),
        ("list", True, 1, [[("p", "First")], [("p", "Second")]]),
        ("p", "The end of a paragraph long enough to be prose, not a line of verse at all.")]
    assert warnings == []


def test_a_title_typed_bold_and_large_in_textedit_is_a_heading(tmp_path):
    """TextEdit and WordPad have no heading styles: a title is typed bold and larger. It
    was printed as a bold paragraph, with the story's drop cap on its first letter. A short
    line not ending as a sentence does, all bold or larger than the text, is a heading (the
    first at the top of level 1, names the section); a bold 'Thank you.' stays a paragraph."""
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
           "\\pard\\f0\\b\\fs32 Jim Redmond, 1941\\uc0\\u8211 2022\\\n\\b0\\fs24 \\\n"
           "He ran a machine shop in Northampton for forty years, and he ran it well.\\\n\\\n"
           "\\b Early years\\b0 \\\nHe was born in 1941 in Northampton, the youngest of four.\\\n\\\n"
           "\\b Thank you.\\b0 \\\nFor coming today, all of you, from near and far away.\\\n}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [
        ("h1", "Jim Redmond, 1941–2022"),
        ("p", "He ran a machine shop in Northampton for forty years, and he ran it well."),
        ("h2", "Early years"), ("p", "He was born in 1941 in Northampton, the youngest of four."),
        ("p", "Thank you."), ("p", "For coming today, all of you, from near and far away.")]
    assert not any(s.bold for s in blocks[0].spans)


def test_the_header_and_footers_page_number_link_and_logo_stay_out_of_the_story(tmp_path):
    """The footer's page number (a field, {\\fldrslt 1}), a link in the header and the
    header's logo were set in the story: '1x.org (http://x.org)Hello world.', the logo as
    a picture at the top of it. Each is the header's or the footer's, and said."""
    png = "89504e470d0a1a0a"          # (the logo's bytes need not be read: it is not printed)
    rtf = ("{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}{\\footer\\pard\\plain Page {\\field{\\*\\fldinst PAGE}"
           "{\\fldrslt 1}}\\par}{\\header\\pard Memorial {\\field{\\*\\fldinst HYPERLINK \"http://x.org\"}"
           f"{{\\fldrslt x.org}}}}{{\\*\\shppict{{\\pict\\pngblip {png}}}}}\\par}}\\pard Hello world.\\par}}")
    blocks, warnings, problems = blocks_of(tmp_path, rtf)
    assert text(blocks) == [("p", "Hello world.")]
    assert warnings == [
        "s.rtf: its header ('Memorial x.org') is not printed; a booklet's running heads and page numbers are set by "
        "its layout",
        "s.rtf: its footer ('Page 1') is not printed; a booklet's running heads and page numbers are set by its layout",
        "s.rtf: the picture in its header is not printed (to print a logo or a crest, put it in the document's text, "
        "or make it the cover's image in booklet.yaml)"]


def test_a_story_md_textedit_saved_as_rich_text_is_read_as_such(tmp_path):
    """TextEdit saves Rich Text unless told otherwise, under the name it is given: a
    story.md of RTF was 'is Rich Text (RTF), not plain text' (the last round), and before
    that printed its '{\\rtf1\\ansi...' codes. Read as the .rtf it is, said in a warning."""
    from booklet.build import build

    from conftest import TINY, pdf_text, write_booklet

    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
           "\\pard\\f0\\fs24 \\cf0 He came to Barcelona in 1992, \\b fit\\b0  and ready.\\\n"
           "A second paragraph that goes on long enough to be prose.}\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "story.md": rtf})
    result = build(folder, output=tmp_path / "b.pdf")
    text = pdf_text(result.pdf)
    assert "He came to Barcelona in 1992, fit and ready." in text and "rtf1" not in text and "cocoa" not in text
    assert "story.md is Rich Text (RTF), as TextEdit saves it: read as such (a name ending in .rtf says so)" in \
        result.warnings
