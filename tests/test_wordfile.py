"""A story written in Word (.docx): read as the blocks a Markdown story makes, printed as
written, with what cannot be printed named in a warning."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import TINY, body_text, count_pixels, rasterise, write_booklet

from booklet.build import build
from booklet.cli import app
from booklet.errors import BookletError, Problems
from booklet.load import load_booklet
from booklet.model import BlockQuote, Heading, ListBlock, Paragraph, Picture, Rule, TableBlock
from booklet.wordfile import read
from typer.testing import CliRunner

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
KIND = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DATA = Path(__file__).parent / "data"


def docx(path: Path, body: str, *, styles: str = "", numbering: str = "", footnotes: str = "",
         rels: dict[str, tuple[str, str]] | None = None, parts: dict[str, bytes] | None = None,
         header: str = "", document: str = "") -> Path:
    """A .docx as Word lays one out: the package's relationships, word/document.xml with
    `body` (WordprocessingML, prefix w), and the parts it refers to."""
    rels = dict(rels or {})
    files = {"[Content_Types].xml": b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
             "_rels/.rels": f"<Relationships xmlns='{PKG}'><Relationship Id='rId1' Type='{KIND}officeDocument' "
                            f"Target='word/document.xml'/></Relationships>".encode()}
    for name, xml, root in (("styles", styles, "styles"), ("numbering", numbering, "numbering"),
                            ("footnotes", footnotes, "footnotes"), ("header", header, "hdr")):
        if xml:
            files[f"word/{name}.xml"] = f"<w:{root} xmlns:w='{W}' xmlns:r='{R}'>{xml}</w:{root}>".encode()
            rels[f"rId{name}"] = (name, f"{name}.xml")
    for name, data in (parts or {}).items():
        files[name] = data
    files["word/_rels/document.xml.rels"] = (
        f"<Relationships xmlns='{PKG}'>" + "".join(
            f"<Relationship Id='{rid}' Type='{KIND}{kind}' Target='{target}'"
            + (" TargetMode='External'" if "://" in target else "") + "/>"
            for rid, (kind, target) in rels.items()) + "</Relationships>").encode()
    files["word/document.xml"] = document.encode() if document else (f"<w:document xmlns:w='{W}' xmlns:r='{R}' "
                                  "xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'>"
                                  f"<w:body>{body}</w:body></w:document>").encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def p(text: str, style: str = "", runs: str = "", num: tuple[int, int] | None = None) -> str:
    """A paragraph: its style, its numbering (numId, level) and a plain run of text."""
    props = (f"<w:pStyle w:val='{style}'/>" if style else "") + (
        f"<w:numPr><w:ilvl w:val='{num[1]}'/><w:numId w:val='{num[0]}'/></w:numPr>" if num else "")
    text_run = f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{text_run}{runs}</w:p>"


def blocks_of(path: Path) -> tuple[list, list[str], Problems]:
    problems, warnings = Problems(), []
    blocks = read(path, problems, warnings)
    return blocks, warnings, problems


def text(blocks) -> list:
    """Blocks as plain data to compare: ('h1', text), ('p', text), ('list', ordered, start, items)..."""
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append((f"h{b.level}", "".join(s.text for s in b.spans)))
        elif isinstance(b, Paragraph):
            out.append(("p", "".join(s.text for s in b.spans)))
        elif isinstance(b, ListBlock):
            out.append(("list" if not b.notes else "notes", b.ordered, b.start, [text(item) for item in b.items]))
        elif isinstance(b, BlockQuote):
            out.append(("quote", text(b.blocks)))
        elif isinstance(b, TableBlock):
            out.append(("table", [["".join(s.text for s in cell) for cell in row] for row in b.rows]))
        elif isinstance(b, Picture):
            out.append(("picture", b.path.name, b.caption))
        elif isinstance(b, Rule):
            out.append(("rule",))
    return out


STYLES = """
  <w:style w:type='paragraph' w:styleId='Normal'><w:name w:val='Normal'/></w:style>
  <w:style w:type='paragraph' w:styleId='berschrift1'><w:name w:val='heading 1'/><w:basedOn w:val='Normal'/>
    <w:pPr><w:outlineLvl w:val='0'/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
  <w:style w:type='paragraph' w:styleId='Heading2'><w:name w:val='heading 2'/></w:style>
  <w:style w:type='paragraph' w:styleId='MyChapter'><w:name w:val='My chapter'/><w:basedOn w:val='berschrift1'/></w:style>
  <w:style w:type='paragraph' w:styleId='Quote'><w:name w:val='Quote'/><w:rPr><w:i/></w:rPr></w:style>
  <w:style w:type='paragraph' w:styleId='Caption'><w:name w:val='caption'/></w:style>
  <w:style w:type='paragraph' w:styleId='ListBullet'><w:name w:val='List Bullet'/>
    <w:pPr><w:numPr><w:numId w:val='7'/></w:numPr></w:pPr></w:style>
  <w:style w:type='paragraph' w:styleId='ListBullet2'><w:name w:val='List Bullet 2'/>
    <w:pPr><w:numPr><w:numId w:val='8'/></w:numPr></w:pPr></w:style>
  <w:style w:type='character' w:styleId='Strong'><w:name w:val='Strong'/><w:rPr><w:b/></w:rPr></w:style>
"""
NUMBERING = """
  <w:abstractNum w:abstractNumId='0'>
    <w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/></w:lvl>
    <w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/></w:lvl></w:abstractNum>
  <w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:numFmt w:val='bullet'/></w:lvl></w:abstractNum>
  <w:num w:numId='3'><w:abstractNumId w:val='0'/></w:num>
  <w:num w:numId='4'><w:abstractNumId w:val='0'/><w:lvlOverride w:ilvl='0'><w:startOverride w:val='5'/></w:lvlOverride></w:num>
  <w:num w:numId='7'><w:abstractNumId w:val='1'/></w:num>
  <w:num w:numId='8'><w:abstractNumId w:val='1'/></w:num>
"""


@pytest.mark.parametrize("name", ["story.docx", "story.odt", "story.rtf"])
def test_the_example_story_saved_as_word_makes_the_same_booklet_as_its_markdown(tmp_path, name):
    """tests/data/story.docx and story.odt are the example's story.md converted by pandoc
    (real Word and Writer XML: their styles, numbering and settings parts), story.rtf the
    .docx converted by LibreOffice (Rich Text as a word processor writes it). Built in its
    place, the booklet is the same, byte for byte: every heading, paragraph, italic and
    quotation mark read as written. (The .odt's footer, a page number alone, is not said.)"""
    import shutil
    example = Path(__file__).parent.parent / "content" / "redmond-1992"
    ours = tmp_path / "redmond"
    shutil.copytree(example, ours)
    (ours / "story.md").unlink()
    shutil.copy(DATA / name, ours / name)
    yaml = ours / "booklet.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("file: story.md", f"file: {name}"), encoding="utf-8")
    build(example, output=tmp_path / "md.pdf")
    result = build(ours, output=tmp_path / "word.pdf")
    assert (tmp_path / "word.pdf").read_bytes() == (tmp_path / "md.pdf").read_bytes()
    assert not [w for w in result.warnings if name in w]


def test_headings_paragraphs_emphasis_and_breaks_as_word_writes_them(tmp_path):
    """Headings by Word's own style names (a German Word's ids are 'berschrift1'), by a
    style based on one, or by an outline level; bold and italic as set on a run or by a
    character style, not a heading style's own; tabs, line breaks, no-break hyphens; hidden
    text left hidden; a deleted change left out, an inserted one printed."""
    body = (p("The Title", "MyChapter") + p("Second level", "Heading2")
            + "<w:p><w:pPr><w:outlineLvl w:val='2'/></w:pPr><w:r><w:t>By outline</w:t></w:r></w:p>"
            + p("", runs="<w:r><w:t xml:space='preserve'>Plain </w:t></w:r>"
                         "<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>"
                         "<w:r><w:rPr><w:b w:val='0'/><w:i/></w:rPr><w:t xml:space='preserve'> italic</w:t></w:r>"
                         "<w:r><w:rPr><w:rStyle w:val='Strong'/></w:rPr><w:t xml:space='preserve'> strong</w:t></w:r>"
                         "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>"
                         "<w:r><w:tab/><w:t>after a tab</w:t><w:br/><w:t>next line, Smith</w:t><w:noBreakHyphen/>"
                         "<w:t>Jones</w:t></w:r>"
                         "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
                         "<w:ins><w:r><w:t xml:space='preserve'> added</w:t></w:r></w:ins>")
            + p("   ") + p("Last.") + "<w:sectPr/>")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "a.docx", body, styles=STYLES))
    assert not problems
    assert text(blocks) == [("h1", "The Title"), ("h2", "Second level"), ("h3", "By outline"),
                            ("p", "Plain bold italic strong after a tab\nnext line, Smith\u2011Jones added"),
                            ("p", "Last.")]
    spans = blocks[3].spans
    assert [(s.text, s.bold, s.italic) for s in spans[:4]] == [
        ("Plain ", False, False), ("bold", True, False), (" italic", False, True), (" strong", True, False)]
    assert not any(s.bold or s.italic for s in blocks[0].spans)          # (the heading style's own b and i)
    assert warnings == ["a.docx has tracked changes: it is printed as if they were accepted (deleted words left "
                        "out); accept or reject them in your word processor to be sure"]


def test_lists_nest_number_on_and_start_where_word_says(tmp_path):
    """Numbered and bulleted lists by their numbering (numbering.xml), by a list style
    ('List Bullet 2' is a list inside a list), a numbered list going on after a paragraph
    between, a level starting again under each item above it, and a list started at 5."""
    body = (p("One", num=(3, 0)) + p("One a", num=(3, 1)) + p("One b", num=(3, 1)) + p("Two", num=(3, 0))
            + p("Two a", num=(3, 1)) + p("Between.") + p("Three", num=(3, 0))
            + p("Bullet", "ListBullet") + p("Inner bullet", "ListBullet2") + p("Five", num=(4, 0)))
    blocks, warnings, problems = blocks_of(docx(tmp_path / "l.docx", body, styles=STYLES, numbering=NUMBERING))
    assert text(blocks) == [
        ("list", True, 1, [[("p", "One"), ("list", True, 1, [[("p", "One a")], [("p", "One b")]])],
                           [("p", "Two"), ("list", True, 1, [[("p", "Two a")]])]]),
        ("p", "Between."),
        ("list", True, 3, [[("p", "Three")]]),
        ("list", False, 1, [[("p", "Bullet"), ("list", False, 1, [[("p", "Inner bullet")]])]]),
        ("list", True, 5, [[("p", "Five")]])]
    assert warnings == [] and not problems


def test_quotes_tables_notes_links_and_pictures(tmp_path):
    """Quote-styled paragraphs together are one quote; a table's rows and cells (a cell's
    paragraphs as lines, merged cells empty), a table of one column as its paragraphs;
    footnotes numbered in the order they are referred to and set after the story; a
    link's address printed after its words; a picture after its paragraph, with the
    Caption-styled line under it as its caption, kept as a file of its own."""
    from PIL import Image
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo, "JPEG")
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    body = (p("Said once.", "Quote") + p("Said twice.", "Quote")
            + "<w:tbl>" + "<w:tr>" + cell.format("Year") + cell.format("What") + "</w:tr>"
            + "<w:tr>" + cell.format("1992") + "<w:tc><w:p><w:r><w:t>Barcelona</w:t></w:r></w:p>"
                                               "<w:p><w:r><w:t>semifinal</w:t></w:r></w:p></w:tc></w:tr>"
            + "<w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p><w:r><w:t>Both</w:t></w:r></w:p></w:tc></w:tr>"
            + "</w:tbl>"
            + "<w:tbl><w:tr>" + cell.format("In a box") + "</w:tr></w:tbl>"
            + p("He finished.", runs="<w:r><w:footnoteReference w:id='2'/></w:r><w:r><w:t xml:space='preserve'> "
                                     "See </w:t></w:r><w:hyperlink r:id='rIdLink'><w:r><w:t>the BBC</w:t></w:r>"
                                     "</w:hyperlink><w:r><w:footnoteReference w:id='1'/></w:r>")
            + p("", runs="<w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed='rIdPic'/></a:graphicData>"
                         "</a:graphic></w:drawing></w:r>")
            + p("The track, 1992", "Caption"))
    notes = ("<w:footnote w:type='separator' w:id='0'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
             "<w:footnote w:id='1'><w:p><w:r><w:t>The second note.</w:t></w:r></w:p></w:footnote>"
             "<w:footnote w:id='2'><w:p><w:r><w:t>The first note.</w:t></w:r></w:p></w:footnote>")
    path = docx(tmp_path / "eulogy.docx", body, styles=STYLES, footnotes=notes,
                rels={"rIdLink": ("hyperlink", "https://www.bbc.co.uk/sport"), "rIdPic": ("image", "media/image1.jpeg")},
                parts={"word/media/image1.jpeg": photo.getvalue()})
    blocks, warnings, problems = blocks_of(path)
    assert text(blocks) == [
        ("quote", [("p", "Said once."), ("p", "Said twice.")]),
        ("table", [["Year", "What"], ["1992", "Barcelona\nsemifinal"], ["Both", ""]]),
        ("p", "In a box"),
        ("p", "He finished.¹ See the BBC (https://www.bbc.co.uk/sport)²"),
        ("picture", "eulogy.docx picture 1.jpeg", "The track, 1992"),
        ("rule",), ("notes", True, 1, [[("p", "The first note.")], [("p", "The second note.")]])]
    assert blocks[4].path.read_bytes() == photo.getvalue()
    assert warnings == [] and not problems


def test_what_a_booklet_cannot_print_is_named_not_dropped(tmp_path):
    """A picture in a drawing format, a linked picture, a chart, a symbol-font character,
    the header and review comments: each named in a warning, with where it is (Word numbers
    no paragraphs: their words say where)."""
    body = (p("First.") + p("", runs="<w:r><w:drawing><a:blip r:embed='rIdEmf'/></w:drawing></w:r>")
            + p("Third.", runs="<w:r><w:sym w:font='Wingdings' w:char='F04A'/></w:r>"
                               "<w:r><w:drawing><a:blip r:link='rIdFar'/></w:drawing></w:r>"))
    logo = ("<w:r><w:drawing><a:blip xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' r:embed='{}'/>"
            "</w:drawing></w:r>")
    path = docx(tmp_path / "d.docx", body, header="<w:p><w:r><w:t>In loving memory</w:t></w:r>"
                + logo.format("rId1") + logo.format("rId2") + "</w:p>",
                rels={"rIdEmf": ("image", "media/image1.emf"), "rIdFar": ("image", "file:///C:/photo.jpg")},
                parts={"word/media/image1.emf": b"\x01\x00\x00\x00"})
    blocks, warnings, problems = blocks_of(path)
    assert text(blocks) == [("p", "First."), ("p", "Third.")]
    assert warnings == [
        "d.docx: a picture in a drawing format (.emf, not a photo) is not printed (in paragraph 2, after 'First.')",
        "d.docx: a symbol from the Wingdings font (code F04A) is not printed (in paragraph 3, 'Third.')",
        "d.docx: a picture linked from another file (not saved in the document) is not printed (in paragraph 3, "
        "'Third.')",
        "d.docx: its header ('In loving memory') is not printed; a booklet's running heads and page numbers are "
        "set by its layout",
        "d.docx: the 2 pictures in its header are not printed (to print a logo or a crest, put it in the document's "
        "text, or make it the cover's image in booklet.yaml)"]


def test_the_document_is_data_its_text_never_markup(tmp_path):
    """Text that looks like reportlab's markup, or Markdown, is printed as typed."""
    typed = "&lt;font color=red size=40&gt;big&lt;/font&gt; &lt;img src=\"/etc/passwd\"/&gt; **not bold** # no heading"
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: T\nsmart_typography: false\n"
                                                            "sections:\n  - story.docx\n"})
    docx(folder / "story.docx", p(typed))
    build(folder, output=tmp_path / "out.pdf")
    assert '<font color=red size=40>big</font> <img src="/etc/passwd"/> **not bold** # no heading' \
        in body_text(tmp_path / "out.pdf")


@pytest.mark.parametrize("data, said", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "it is an older Word document (.doc), or one protected by a password"),
    (b"Dear friends,", "it is not a Word document (.docx): that is a zip file, and this one is not"),
])
def test_a_file_that_is_not_a_word_document_is_said_to_be_so(tmp_path, data, said):
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": "title: T\nsections:\n  - story.docx\n"})
    (folder / "story.docx").write_bytes(data)
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    assert str(info.value) == (f"{folder / 'story.docx'}: this Word document cannot be read: {said}\n"
                               "  hint: open it in Word (or LibreOffice) and save it again as a Word document (.docx)")


def test_hostile_documents_are_refused_not_expanded(tmp_path):
    """A document type declaration (entities that expand a billion times, or name a file
    on this computer) and a part that unpacks to more than a story can be: refused."""
    laughs = ("<?xml version='1.0'?><!DOCTYPE w [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
              f"<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    path = docx(tmp_path / "x.docx", "", document=laughs)
    blocks, warnings, problems = blocks_of(path)
    assert blocks == [] and [str(x) for x in problems.items] == [
        f"{path}: this Word document cannot be read: its part word/document.xml declares a document type, "
        "which word processors never write\n  hint: open it in Word (or LibreOffice) and save it again as a Word document (.docx)"]
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(docx(tmp_path / "plain.docx", p("x"))) as plain, \
            zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in plain.namelist():
            z.writestr(name, plain.read(name) if name != "word/document.xml" else b" " * (65 * 2**20))
    blocks, warnings, problems = blocks_of(bomb)
    assert blocks == [] and "its part word/document.xml is 65 MB unpacked, more than the 64 MB" in str(problems.items[0])


def test_a_word_story_builds_from_the_command_line_with_its_picture(tmp_path, monkeypatch):
    """`booklet make` in a folder whose booklet.yaml names eulogy.docx: the text and the
    picture in it are printed (red pixels on the page), the picture's warning names it by
    the document."""
    from PIL import Image
    photo = io.BytesIO()
    Image.new("RGB", (600, 400), (220, 20, 20)).save(photo, "PNG")
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: In Memory\nsections:\n  - eulogy.docx\n"})
    docx(folder / "eulogy.docx", p("Words for Jim.") + p("", runs="<w:r><w:drawing><a:blip r:embed='rIdPic'/>"
                                                                "</w:drawing></w:r>"),
         rels={"rIdPic": ("image", "media/image1.png")}, parts={"word/media/image1.png": photo.getvalue()})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["make", "b", "-o", "out.pdf"])
    assert result.exit_code == 0, result.output
    assert "ords for Jim." in body_text(tmp_path / "out.pdf")           # (its W a drop capital)
    assert "eulogy.docx picture 1.png" in result.output          # (600 px: under 300 dpi, said)
    page = rasterise(tmp_path / "out.pdf", 2, scale=0.5)
    assert count_pixels(page, lambda r, g, b: r > 180 and g < 60 and b < 60) > 2000


def test_a_word_document_is_a_story_by_its_name_and_is_not_forgotten(tmp_path):
    """'- story' names the folder's story.docx; another Word document in the content folder
    that no section names is said at the build, as a Markdown file is (Word's lock file,
    '~$story.docx', while the document is open, is not)."""
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: T\nsections:\n  - story\n"})
    docx(folder / "story.docx", p("The story."))
    docx(folder / "second draft.docx", p("Another."))
    (folder / "~$story.docx").write_bytes(b"\x04Ann")
    booklet = load_booklet(folder)
    assert [(s.kind, s.file.name) for s in booklet.sections] == [("story", "story.docx")]
    result = build(folder, output=tmp_path / "out.pdf")
    assert [w for w in result.warnings if "docx" in w] == [
        "second draft.docx is in the content folder but not in the booklet (to print it, add it to booklet.yaml's "
        "sections as a story)"]


def test_a_poem_typed_a_line_to_a_paragraph_keeps_its_lines(tmp_path):
    """Three or more short paragraphs one after another (a hymn typed with Enter after each
    line) are one paragraph of lines, set as a Markdown story's verse is; a stanza ends at
    an empty paragraph; two short paragraphs are paragraphs; lines broken with Shift+Enter
    are verse too, prose with a break in it is not."""
    body = (p("Abide with me;") + p("fast falls the eventide;") + p("the darkness deepens;") + p("")
            + p("Lord with me abide.") + p("Amen.") + p("A long paragraph of prose that goes on well past the "
                                                        "length of any line of verse a person would type.")
            + p("", runs="<w:r><w:t>One line</w:t><w:br/><w:t>and another</w:t></w:r>")
            + p("", runs="<w:r><w:t>" + "Prose " * 12 + "</w:t><w:br/><w:t>and more.</w:t></w:r>"))
    blocks, warnings, problems = blocks_of(docx(tmp_path / "v.docx", body))
    assert text(blocks) == [("p", "Abide with me;\nfast falls the eventide;\nthe darkness deepens;"),
                            ("p", "Lord with me abide."), ("p", "Amen."), ("p", text(blocks)[3][1]),
                            ("p", "One line\nand another"), ("p", "Prose " * 12 + "\nand more.")]
    assert [b.preformatted for b in blocks] == [True, False, False, False, True, False]


def test_a_document_nested_thousands_deep_or_a_note_in_itself_is_no_traceback(tmp_path):
    deep = "<w:smartTag>" * 5000 + "<w:r><w:t>deep</w:t></w:r>" + "</w:smartTag>" * 5000
    blocks, warnings, problems = blocks_of(docx(tmp_path / "deep.docx", p("", runs=deep)))
    assert [str(x) for x in problems.items] == [
        f"{tmp_path / 'deep.docx'}: this Word document cannot be read: its parts are nested thousands deep\n"
        "  hint: open it in Word (or LibreOffice) and save it again as a Word document (.docx)"]
    notes = "<w:footnote w:id='1'><w:p><w:r><w:t>Note</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r></w:p></w:footnote>"
    blocks, warnings, problems = blocks_of(docx(tmp_path / "n.docx", p("Text", runs="<w:r><w:footnoteReference "
                                                                                  "w:id='1'/></w:r>"), footnotes=notes))
    assert text(blocks) == [("p", "Text¹"), ("rule",), ("notes", True, 1, [[("p", "Note")]])]


def test_numbers_out_of_any_range_in_a_document_are_no_traceback(tmp_path):
    """Found by a fuzz of random documents: a symbol code past Unicode stopped the build
    (OverflowError); a cell spanning 99,999,999 columns would have made as many; a list
    numbered from 10^20 or 'x'."""
    body = (p("A", runs="<w:r><w:sym w:font='Symbol' w:char='FFFFFFFF'/></w:r>") + p("Item", num=(9, 0))
            + "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='99999999'/></w:tcPr>" + p("wide") + "</w:tc>"
            + "<w:tc>" + p("x") + "</w:tc></w:tr></w:tbl>")
    numbering = ("<w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='x'><w:start w:val='x'/></w:lvl>"
                 "<w:lvl w:ilvl='0'><w:start w:val='100000000000000000000'/></w:lvl></w:abstractNum>"
                 "<w:num w:numId='9'><w:abstractNumId w:val='0'/></w:num>")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "n.docx", body, numbering=numbering))
    assert text(blocks) == [("p", "A"), ("list", True, 999_999_999, [[("p", "Item")]])]
    assert warnings == ["n.docx: a symbol from the Symbol font (code FFFFFFFF) is not printed (in paragraph 1, 'A')"]
    assert [str(x).split(": ", 1)[1] for x in problems.items] == [
        "a table of 14 columns (at paragraph 3, 'wide x'); a booklet's page has room for 12 at most"
        "\n  hint: split it into narrower tables in Word, or make it a list"]


def test_words_table_of_contents_is_not_printed_and_said_so(tmp_path):
    """Word's contents (TOC 1 and TOC Heading styles) lists Word's own page numbers: left
    out, with a warning naming it once for all its lines."""
    styles = STYLES + ("<w:style w:type='paragraph' w:styleId='TOC1'><w:name w:val='toc 1'/></w:style>"
                       "<w:style w:type='paragraph' w:styleId='TOCHeading'><w:name w:val='TOC Heading'/>"
                       "<w:basedOn w:val='berschrift1'/></w:style>")
    body = (p("Contents", "TOCHeading") + p("Early years\t2", "TOC1") + p("Barcelona\t3", "TOC1")
            + p("Early years", "berschrift1") + p("Born in 1941."))
    blocks, warnings, problems = blocks_of(docx(tmp_path / "t.docx", body, styles=styles))
    assert text(blocks) == [("h1", "Early years"), ("p", "Born in 1941.")]
    assert warnings == ["t.docx: Word's table of contents (with Word's page numbers; a layout with a contents page "
                        "makes its own) is not printed (in paragraph 1, 'Contents'; paragraph 2, 'Early years 2'; "
                        "paragraph 3, 'Barcelona 3')"]


def test_a_text_box_is_printed_once_after_its_paragraph(tmp_path):
    """Word saves a text box twice (its own drawing, then an older one for older readers,
    in mc:AlternateContent): its words are printed once, after the paragraph it is in."""
    box = "<w:txbxContent>" + p("In the box.") + "</w:txbxContent>"
    body = p("Before.", runs="<w:r><mc:AlternateContent xmlns:mc='http://schemas.openxmlformats.org/"
                             "markup-compatibility/2006'><mc:Choice Requires='wps'><w:drawing>" + box
                             + "</w:drawing></mc:Choice><mc:Fallback><w:pict>" + box
                             + "</w:pict></mc:Fallback></mc:AlternateContent></w:r>") + p("After.")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "b.docx", body))
    assert text(blocks) == [("p", "Before."), ("p", "In the box."), ("p", "After.")]


def test_every_text_box_of_a_group_and_a_picture_in_a_box_are_printed_once(tmp_path):
    """Two text boxes grouped in one drawing (Word's Group): only the first one's words were
    printed, the second's left out unsaid. A box in a box, and a photo in a box, once each."""
    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(photo, "JPEG")
    box = "<w:txbxContent>{}</w:txbxContent>".format
    group = ("<w:r><w:drawing><wpg:wgp xmlns:wpg='g'><wps:wsp xmlns:wps='s'><wps:txbx>" + box(p("First box."))
             + "</wps:txbx></wps:wsp><wps:wsp xmlns:wps='s'><wps:txbx>" + box(p("Second box."))
             + "</wps:txbx></wps:wsp></wpg:wgp></w:drawing></w:r>")
    inner = "<w:r><w:drawing>" + box(p("Inner.")) + "</w:drawing></w:r>"
    pictured = ("<w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed='rIdPic'/></a:graphicData></a:graphic>"
                "</w:drawing></w:r>")
    nested = "<w:r><w:drawing>" + box(p("Outer.", runs=inner) + p("", runs=pictured)) + "</w:drawing></w:r>"
    body = p("Before.", runs=group) + p("Middle.", runs=nested) + p("After.")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "b.docx", body, rels={"rIdPic": ("image", "media/i.jpeg")},
                                                parts={"word/media/i.jpeg": photo.getvalue()}))
    assert text(blocks) == [("p", "Before."), ("p", "First box."), ("p", "Second box."), ("p", "Middle."),
                            ("p", "Outer."), ("p", "Inner."), ("picture", "b.docx picture 1.jpeg", ""),
                            ("p", "After.")]
    assert warnings == [] and not problems


def test_a_word_with_its_reading_over_it_keeps_both(tmp_path):
    """Japanese furigana (Word's Phonetic Guide, w:ruby): the word under its reading was
    left out, unsaid ('名前はです。'). The word is printed, its reading after it in brackets."""
    ruby = ("<w:ruby><w:rubyPr><w:rubyAlign w:val='distributeSpace'/></w:rubyPr><w:rt><w:r><w:t>れいもん</w:t></w:r>"
            "</w:rt><w:rubyBase><w:r><w:t>礼門</w:t></w:r></w:rubyBase></w:ruby>")
    latin = ("<w:ruby><w:rt><w:r><w:t>JIM</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>James</w:t></w:r></w:rubyBase>"
             "</w:ruby>")
    body = p("名前は", runs=ruby + "<w:r><w:t>です。</w:t></w:r>") + p("Called ", runs=latin)
    blocks, warnings, problems = blocks_of(docx(tmp_path / "r.docx", body))
    assert text(blocks) == [("p", "名前は礼門（れいもん）です。"), ("p", "Called James (JIM)")]


def test_a_document_of_many_large_pictures_is_refused_before_a_gigabyte(tmp_path, monkeypatch):
    """Each part is held to 64 MB, and all the parts read to 1 GB: a small file that unpacks
    to pictures of many gigabytes would fill the disk with them (here the limit is made
    small, to be quick)."""
    import booklet.wordfile as wordfile
    monkeypatch.setattr(wordfile, "LARGEST_DOCUMENT", 2**20)
    body = "".join(p(f"Photo {k}.", runs=f"<w:r><w:drawing><a:blip r:embed='rId{k}'/></w:drawing></w:r>")
                   for k in range(5))
    path = docx(tmp_path / "many.docx", body, rels={f"rId{k}": ("image", f"media/image{k}.jpeg") for k in range(5)},
                parts={f"word/media/image{k}.jpeg": b"\xff\xd8" + bytes(300_000) for k in range(5)})
    blocks, warnings, problems = blocks_of(path)
    assert blocks == [] and str(problems.items[0]).startswith(
        f"{path}: this Word document cannot be read: it unpacks to more than 1 MB")


def test_a_tables_header_and_alignment_are_worded_as_word_has_them(tmp_path):
    """The first row is a header (bold, a rule under it, repeated on a new page) when Word
    repeats it ('Repeat as header row', as pandoc and Google Docs write it) or its words
    are bold; a table laid out with no header (a time and what happens) has none. A
    column is aligned as its first row under the header is (times and sums on the right)."""
    def cell(words, jc="", bold=False):
        return (f"<w:tc><w:p><w:pPr>{f'<w:jc w:val={chr(39)}{jc}{chr(39)}/>' if jc else ''}</w:pPr><w:r><w:rPr>"
                f"{'<w:b/>' if bold else ''}</w:rPr><w:t>{words}</w:t></w:r></w:p></w:tc>")
    repeated = ("<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("Runner") + cell("Time") + "</w:tr>"
                "<w:tr>" + cell("Redmond") + cell("45.02", "right") + "</w:tr></w:tbl>")
    bolded = "<w:tbl><w:tr>" + cell("Hymn", bold=True) + cell("Page", bold=True) + "</w:tr><w:tr>" + \
        cell("Abide with Me") + cell("3", "end") + "</w:tr></w:tbl>"
    plain = "<w:tbl><w:tr>" + cell("11:00") + cell("Welcome", "center") + "</w:tr><w:tr>" + cell("11:10") + \
        cell("Hymn") + "</w:tr></w:tbl>"
    blocks, warnings, problems = blocks_of(docx(tmp_path / "t.docx", repeated + p("Between.") + bolded
                                                + p("And.") + plain))
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert [(t.header, t.align) for t in tables] == [
        (True, ["left", "right"]), (True, ["left", "right"]), (False, ["left", "left"])]
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: T\nsections:\n  - story.docx\n"})
    docx(folder / "story.docx", plain)
    build(folder, output=tmp_path / "out.pdf")
    from pypdf import PdfReader
    fonts = {f["/BaseFont"] for page in PdfReader(tmp_path / "out.pdf").pages[2:]
             for f in page["/Resources"]["/Font"].values()}
    assert not any("Bold" in str(f) for f in fonts)         # (no header: nothing set bold)


def test_a_templates_empty_form_fields_are_not_printed(tmp_path):
    """A funeral programme made from a Word template: its form fields still showing their
    prompt ('Click or tap here to enter text.') are left out, and said; a field filled in
    is printed."""
    prompt = ("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter "
              "text.</w:t></w:r></w:sdtContent></w:sdt>")
    filled = "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Jim Redmond</w:t></w:r></w:sdtContent></w:sdt>"
    block = ("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + p("[Type the eulogy here]")
             + "</w:sdtContent></w:sdt>")
    body = p("In memory of ", runs=filled) + p("Born in ", runs=prompt) + block + p("The end.")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "f.docx", body))
    assert text(blocks) == [("p", "In memory of Jim Redmond"), ("p", "Born in"), ("p", "The end.")]
    assert warnings == [
        "f.docx: an empty form field's prompt ('Click or tap here to enter text.') is not printed (in paragraph 2, "
        "'Born in Click or tap here to enter text.')",
        "f.docx: an empty form field's prompt ('[Type the eulogy here]') is not printed (in paragraph 3, "
        "'[Type the eulogy here]')"]


def test_text_in_a_symbol_font_is_named_and_all_capitals_are_capitals(tmp_path):
    """'J' set in Wingdings is Outlook's smiling face: printed, it would be a J. It is left
    out, and said. Words set in All Caps are printed as Word shows them."""
    body = p("Thank you ", runs="<w:r><w:rPr><w:rFonts w:ascii='Wingdings' w:hAnsi='Wingdings'/></w:rPr>"
                                "<w:t>J</w:t></w:r><w:r><w:rPr><w:caps/></w:rPr><w:t xml:space='preserve'> "
                                "in loving memory</w:t></w:r>")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "s.docx", body))
    assert text(blocks) == [("p", "Thank you  IN LOVING MEMORY")]
    assert warnings == ["s.docx: text in the Wingdings font ('J', pictures of its own, not letters) is not printed "
                        "(in paragraph 1, 'Thank you J in loving memory')"]


def test_two_numberings_of_one_list_are_one_list_as_libreoffice_saves_them(tmp_path):
    """Word numbers a list by its abstractNum: LibreOffice saves a Markdown list as one
    numId for its first item (starting it again at 1, or at 4) and another of the same
    abstractNum for the rest. They were printed as two lists, '1.' and '1. 2.'."""
    numbering = ("<w:abstractNum w:abstractNumId='3'><w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt "
                 "w:val='decimal'/></w:lvl></w:abstractNum>"
                 "<w:num w:numId='3'><w:abstractNumId w:val='3'/></w:num>"
                 "<w:num w:numId='8'><w:abstractNumId w:val='3'/><w:lvlOverride w:ilvl='0'><w:startOverride "
                 "w:val='1'/></w:lvlOverride></w:num>"
                 "<w:num w:numId='9'><w:abstractNumId w:val='3'/><w:lvlOverride w:ilvl='0'><w:startOverride "
                 "w:val='4'/></w:lvlOverride></w:num>")
    body = (p("One", num=(8, 0)) + p("Two", num=(3, 0)) + p("Three", num=(3, 0)) + p("Between.")
            + p("Four", num=(9, 0)) + p("Five", num=(3, 0)))
    blocks, warnings, problems = blocks_of(docx(tmp_path / "lo.docx", body, numbering=numbering))
    assert text(blocks) == [("list", True, 1, [[("p", "One")], [("p", "Two")], [("p", "Three")]]), ("p", "Between."),
                            ("list", True, 4, [[("p", "Four")], [("p", "Five")]])]


def test_a_numbering_with_no_number_is_a_paragraph(tmp_path):
    """Found by mutating real documents: <w:numPr> with no <w:numId> in it stopped the build
    (AttributeError)."""
    body = "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/></w:numPr></w:pPr><w:r><w:t>Still a paragraph.</w:t></w:r></w:p>"
    blocks, warnings, problems = blocks_of(docx(tmp_path / "n.docx", body))
    assert text(blocks) == [("p", "Still a paragraph.")] and not problems


def test_a_placeholder_cut_into_runs_by_word_is_filled_in_each_copy(tmp_path):
    """Word cuts a paragraph's runs anywhere (a spell check, an edit on another day):
    'Dear {name},' saved as 'Dear {', 'name', '},' was printed as typed in every copy
    made with --each. Runs set alike are joined first."""
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: T\nsections:\n  - story.docx\n"})
    docx(folder / "story.docx", p("Dear {", runs="<w:proofErr w:type='spellStart'/><w:r><w:t>name</w:t></w:r>"
                                                 "<w:proofErr w:type='spellEnd'/><w:r><w:t>}, thank you.</w:t></w:r>"))
    names = tmp_path / "names.csv"
    names.write_text("name\nAda\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["make", str(folder), "--each", str(names), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 0, result.output
    [made] = (tmp_path).glob("out*.pdf")
    assert "ear Ada, thank you." in body_text(made)          # (its D a drop capital)


def test_init_from_a_word_document_makes_a_booklet_of_it(tmp_path, monkeypatch):
    """`booklet init grandad --from eulogy.docx`: the document copied in, booklet.yaml
    titled by its first heading and naming it (the other sections shown commented out),
    and it builds at once. A story that is not there, or a file that is no story, is said."""
    monkeypatch.chdir(tmp_path)
    docx(tmp_path / "eulogy.docx", p("Jim Redmond, 1941–2022", "Heading1") + p("He ran a machine shop."),
         styles="<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/></w:style>")
    runner = CliRunner()
    result = runner.invoke(app, ["init", "grandad", "--from", "eulogy.docx"])
    assert result.exit_code == 0, result.output
    assert sorted(f.name for f in (tmp_path / "grandad").iterdir()) == ["booklet.yaml", "eulogy.docx"]
    booklet = load_booklet(tmp_path / "grandad")
    assert booklet.title == "Jim Redmond, 1941–2022"
    assert [(s.kind, s.file.name) for s in booklet.sections] == [("story", "eulogy.docx")]
    made = runner.invoke(app, ["make", "grandad", "-o", "b.pdf"])
    assert made.exit_code == 0, made.output
    assert "e ran a machine shop." in body_text(tmp_path / "b.pdf")          # (its H a drop capital)
    missing = runner.invoke(app, ["init", "other", "--from", "tribute.docx"])
    assert missing.exit_code == 1 and "tribute.docx: that story file does not exist" in missing.output
    unknown = runner.invoke(app, ["init", "other", "--from", "photo.jpg"])
    assert unknown.exit_code == 1 and "unknown starting point 'photo.jpg'" in unknown.output
    assert not (tmp_path / "other").exists()


def test_a_drop_cap_made_in_word_is_the_first_letter_of_its_word(tmp_path):
    """Word makes a drop cap a paragraph of its own (in a frame) holding the letter: it was
    printed as a paragraph 'I', then 'n the summer of 1992'."""
    body = ("<w:p><w:pPr><w:framePr w:dropCap='drop' w:lines='3' w:wrap='around' w:vAnchor='text' "
            "w:hAnchor='text'/></w:pPr><w:r><w:t>I</w:t></w:r></w:p>"
            + p("n the summer of 1992 Derek Redmond came to Barcelona.") + p("Next."))
    blocks, warnings, problems = blocks_of(docx(tmp_path / "d.docx", body))
    assert text(blocks)[0] == ("p", "In the summer of 1992 Derek Redmond came to Barcelona.")


def test_a_link_typed_as_a_field_code_prints_its_address(tmp_path):
    """Word writes a link made with Insert > Field (or pasted from some programs) as a field
    code, { HYPERLINK "https://..." }, then the words it shows: they printed without it."""
    runs = ("<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText xml:space='preserve'> HYPERLINK "
            "\"https://www.bbc.co.uk/sport\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
            "<w:r><w:t>the BBC</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r>"
            "<w:r><w:t xml:space='preserve'> and a page number </w:t></w:r><w:r><w:fldChar w:fldCharType='begin'/>"
            "</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
            "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r>")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "f.docx", p("See ", runs=runs)))
    assert text(blocks) == [("p", "See the BBC (https://www.bbc.co.uk/sport) and a page number 3")]


def test_a_links_screen_tip_is_printed_before_its_address(tmp_path):
    """Word's screen tip (Insert > Link > ScreenTip: the words a screen shows over a link),
    on a link and in a link's field code, was left out: it is printed before the address, as
    a Markdown link's title is; a tip that says what the link's words say is not repeated,
    nor an address the words show."""
    field = ("<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText xml:space='preserve'> HYPERLINK "
             "\"https://olympics.com\" \\o \"The Olympic Games\" </w:instrText></w:r><w:r><w:fldChar "
             "w:fldCharType='separate'/></w:r><w:r><w:t>the Games</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/>"
             "</w:r>")
    runs = ("<w:hyperlink r:id='rIdLink' w:tooltip='BBC Sport, 6 August 1992'><w:r><w:t>the BBC</w:t></w:r>"
            "</w:hyperlink><w:r><w:t xml:space='preserve'> and </w:t></w:r>" + field
            + "<w:r><w:t xml:space='preserve'> and </w:t></w:r><w:hyperlink r:id='rIdLink' w:tooltip='the BBC'>"
              "<w:r><w:t>the BBC</w:t></w:r></w:hyperlink><w:r><w:t xml:space='preserve'> and </w:t></w:r>"
              "<w:hyperlink r:id='rIdLink' w:tooltip='Sport'><w:r><w:t>https://www.bbc.co.uk/sport</w:t></w:r>"
              "</w:hyperlink>")
    path = docx(tmp_path / "t.docx", p("See ", runs=runs), rels={"rIdLink": ("hyperlink", "https://www.bbc.co.uk/sport")})
    blocks, warnings, problems = blocks_of(path)
    assert text(blocks) == [("p", "See the BBC (BBC Sport, 6 August 1992: https://www.bbc.co.uk/sport) and the Games "
                                  "(The Olympic Games: https://olympics.com) and the BBC (https://www.bbc.co.uk/sport) "
                                  "and https://www.bbc.co.uk/sport (Sport)")]


def test_a_title_typed_bold_in_word_is_a_heading_unless_the_document_has_heading_styles(tmp_path):
    """Many a Word user makes a title bold and large rather than choosing Heading 1: with no
    heading styles in the document, it is a heading. Where the document has headings, a
    bold line is only bold."""
    title = p("", runs="<w:r><w:rPr><w:b/><w:sz w:val='36'/></w:rPr><w:t>In Loving Memory</w:t></w:r>")
    prose = p("", runs="<w:r><w:rPr><w:sz w:val='24'/></w:rPr><w:t>He ran a machine shop in Northampton for "
                       "forty years, and he ran it well.</w:t></w:r>")
    bold = p("", runs="<w:r><w:rPr><w:b/></w:rPr><w:t>A word from his son</w:t></w:r>")
    blocks, warnings, problems = blocks_of(docx(tmp_path / "a.docx", title + prose + bold + prose))
    assert [t[0] for t in text(blocks)] == ["h1", "p", "h2", "p"]
    blocks, warnings, problems = blocks_of(docx(tmp_path / "b.docx", p("Chapter", "Heading2") + prose + bold + prose,
                                                styles=STYLES))
    assert [t[0] for t in text(blocks)] == ["h2", "p", "p", "p"]
