"""A story written in LibreOffice Writer (.odt): read as the blocks a Markdown story makes,
as a Word story is (test_wordfile.py, which builds the example from an .odt too)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import write_booklet
from test_wordfile import text

from booklet.errors import Problems
from booklet.load import load_booklet
from booklet.model import TableBlock
from booklet.odtfile import read

NAMESPACES = " ".join(f"xmlns:{k}='urn:oasis:names:tc:opendocument:xmlns:{v}'" for k, v in {
    "office": "office:1.0", "style": "style:1.0", "text": "text:1.0", "table": "table:1.0",
    "draw": "drawing:1.0", "fo": "xsl-fo-compatible:1.0"}.items()) + " xmlns:xlink='http://www.w3.org/1999/xlink'"
STYLES = """
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
      style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Quotations" style:family="paragraph"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="Title" style:family="paragraph"/>
  <style:style style:name="Illustration" style:family="paragraph"/>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">
    <style:text-properties fo:font-weight="bold"/></style:style>
  <text:list-style style:name="Numbering_20_123">
    <text:list-level-style-number text:level="1" style:num-format="1"/>
    <text:list-level-style-number text:level="2" style:num-format="a"/></text:list-style>
"""
AUTOMATIC = """
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
    <style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Quotations"/>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties text:display="none"/></style:style>
  <style:style style:name="T3" style:family="text"><style:text-properties fo:text-transform="uppercase"/></style:style>
  <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
    <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
"""


def odt(path: Path, body: str, *, automatic: str = AUTOMATIC, styles: str = STYLES, master: str = "",
        parts: dict[str, bytes] | None = None, mimetype: str = "application/vnd.oasis.opendocument.text") -> Path:
    """An .odt as Writer lays one out: mimetype first, content.xml with `body` (prefix text),
    styles.xml with the named styles and the master page's header and footer."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", mimetype)
        if "META-INF/manifest.xml" not in (parts or {}):
            z.writestr("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest='urn:oasis:names:tc:opendocument:"
                                                "xmlns:manifest:1.0'/>")
        z.writestr("content.xml", f"<office:document-content {NAMESPACES}><office:automatic-styles>{automatic}"
                                  f"</office:automatic-styles><office:body><office:text>{body}</office:text>"
                                  "</office:body></office:document-content>")
        z.writestr("styles.xml", f"<office:document-styles {NAMESPACES}><office:styles>{styles}</office:styles>"
                                 f"<office:master-styles><style:master-page style:name='Standard'>{master}"
                                 "</style:master-page></office:master-styles></office:document-styles>")
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return path


def blocks_of(path: Path):
    problems, warnings = Problems(), []
    return read(path, problems, warnings), warnings, problems


def test_headings_paragraphs_emphasis_and_spaces_as_writer_writes_them(tmp_path):
    """Headings by outline level and the Title style; bold set on a whole paragraph by hand
    (an automatic style), italic on words, Strong Emphasis; a heading style's own bold left
    to the layout; runs of spaces one space, text:s as many as it says; line breaks; hidden
    words left hidden; capitals as shown."""
    body = ("<text:p text:style-name='Title'>Jim Redmond</text:p>"
            "<text:h text:style-name='Heading_20_1' text:outline-level='2'>Early   years</text:h>"
            "<text:p text:style-name='P1'>All bold.</text:p>"
            "<text:p text:style-name='Standard'>Plain <text:span text:style-name='T1'>italic</text:span> "
            "<text:span text:style-name='Strong_20_Emphasis'>strong</text:span><text:span text:style-name='T2'>"
            "HIDDEN</text:span> two<text:s text:c='2'/>spaces<text:tab/>tab<text:line-break/>"
            "<text:span text:style-name='T3'>in capitals</text:span></text:p>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "a.odt", body))
    assert text(blocks) == [("h1", "Jim Redmond"), ("h2", "Early years"), ("p", "All bold."),
                            ("p", "Plain italic strong two  spaces tab\nIN CAPITALS")]
    assert [(s.text, s.bold, s.italic) for s in blocks[3].spans[:4]] == [
        ("Plain ", False, False), ("italic", False, True), (" ", False, False), ("strong", True, False)]
    assert not any(s.bold for s in blocks[1].spans) and all(s.bold for s in blocks[2].spans)
    assert warnings == [] and not problems


def test_lists_nest_and_number_as_writer_says(tmp_path):
    """Nested lists take their style from the outermost; a numbered list restarts unless
    it continues the one before (text:continue-numbering); a start value is kept."""
    item = "<text:list-item><text:p>{}</text:p>{}</text:list-item>"
    body = ("<text:list text:style-name='L1'>" + item.format("Bullet", "<text:list>" + item.format("Inner", "")
                                                             + "</text:list>") + "</text:list>"
            + "<text:list text:style-name='Numbering_20_123'>" + item.format("One", "") + item.format("Two", "")
            + "</text:list><text:p>Between.</text:p>"
            + "<text:list text:style-name='Numbering_20_123' text:continue-numbering='true'>" + item.format("Three", "")
            + "</text:list>"
            + "<text:list text:style-name='Numbering_20_123'><text:list-item text:start-value='7'><text:p>Seven"
              "</text:p></text:list-item></text:list>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "l.odt", body))
    assert text(blocks) == [
        ("list", False, 1, [[("p", "Bullet"), ("list", False, 1, [[("p", "Inner")]])]]),
        ("list", True, 1, [[("p", "One")], [("p", "Two")]]), ("p", "Between."),
        ("list", True, 3, [[("p", "Three")]]), ("list", True, 7, [[("p", "Seven")]])]


def test_quotes_tables_notes_links_and_a_captioned_picture(tmp_path):
    """Writer's Quotations paragraphs are one quote; a table with its header rows (and a
    merged cell's covered neighbour) is a table with a header; a note is numbered and set
    after the story; a link prints its address; a picture captioned in Writer (the picture
    in its caption's paragraph, inside a frame) is the picture with that caption."""
    from PIL import Image
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo, "PNG")
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    body = ("<text:p text:style-name='P2'>Said once.</text:p><text:p text:style-name='P2'>Said twice.</text:p>"
            "<table:table><table:table-header-rows><table:table-row>" + cell.format("Year") + cell.format("What")
            + "</table:table-row></table:table-header-rows><table:table-row><table:table-cell "
              "table:number-columns-spanned='2'><text:p>Both</text:p></table:table-cell><table:covered-table-cell/>"
              "</table:table-row></table:table>"
            + "<text:p>He finished.<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation>"
              "<text:note-body><text:p>With his father.</text:p></text:note-body></text:note> See <text:a "
              "xlink:href='https://www.bbc.co.uk/sport'>the BBC</text:a>.</text:p>"
            + "<text:p><draw:frame><draw:text-box><text:p text:style-name='Illustration'><draw:frame><draw:image "
              "xlink:href='Pictures/sun.png'/></draw:frame>The finish line</text:p></draw:text-box></draw:frame>"
              "</text:p>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "e.odt", body, parts={"Pictures/sun.png": photo.getvalue()}))
    assert text(blocks) == [
        ("quote", [("p", "Said once."), ("p", "Said twice.")]),
        ("table", [["Year", "What"], ["Both", ""]]),
        ("p", "He finished.¹ See the BBC (https://www.bbc.co.uk/sport)."),
        ("picture", "e.odt picture 1.png", "The finish line"),
        ("rule",), ("notes", True, 1, [[("p", "With his father.")]])]
    assert [b.header for b in blocks if isinstance(b, TableBlock)] == [True]
    assert blocks[3].path.read_bytes() == photo.getvalue()
    assert warnings == [] and not problems


def test_a_links_title_is_printed_before_its_address(tmp_path):
    """A link's title (office:title, the words a screen shows over it) was left out: printed
    before the address, as a Markdown link's title is."""
    body = ("<text:p>See <text:a xlink:href='https://www.bbc.co.uk/sport' office:title='BBC Sport'>the BBC</text:a>."
            "</text:p>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "t.odt", body))
    assert text(blocks) == [("p", "See the BBC (BBC Sport: https://www.bbc.co.uk/sport).")]


def test_what_writer_has_that_a_booklet_cannot_print_is_named(tmp_path):
    """Comments, deleted changes, the contents, a linked picture, a chart, the header:
    named; a comment's and a deletion's words never printed."""
    body = ("<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted words.</text:p>"
            "</text:deletion></text:changed-region></text:tracked-changes>"
            "<text:table-of-content><text:index-body><text:p>Early years 2</text:p></text:index-body>"
            "</text:table-of-content>"
            "<text:p>Kept.<office:annotation><text:p>A reviewer's note.</text:p></office:annotation></text:p>"
            "<text:p>Linked<draw:frame><draw:image xlink:href='../photos/far.jpg'/></draw:frame></text:p>"
            "<text:p>Chart<draw:frame><draw:object xlink:href='./Object 1'/></draw:frame></text:p>")
    crest = "<draw:frame><draw:image xlink:href='Pictures/crest.png'/></draw:frame>"
    blocks, warnings, problems = blocks_of(odt(tmp_path / "w.odt", body, master=(
        f"<style:header><text:p>In memory{crest}</text:p></style:header>"
        f"<style:header-first><text:p>{crest}</text:p></style:header-first>")))
    assert text(blocks) == [("p", "Kept.\nLinked\nChart")]        # (three short paragraphs: lines of verse)
    assert warnings == [
        "w.odt: Writer's table of contents or index (with Writer's page numbers; a layout with a contents page makes "
        "its own) is not printed (in paragraph 1, 'Early years 2')",
        "w.odt: a picture linked from another file (not saved in the document) is not printed (in paragraph 3, "
        "'Linked')",
        "w.odt: a chart, formula or embedded object is not printed (in paragraph 4, 'Chart')",
        "w.odt has tracked changes: it is printed as if they were accepted (deleted words left out); accept or reject "
        "them in your word processor to be sure",
        "w.odt: its header ('In memory') is not printed; a booklet's running heads and page numbers are set by its "
        "layout",
        "w.odt: the picture in its header is not printed (to print a logo or a crest, put it in the document's text, "
        "or make it the cover's image in booklet.yaml)",
        "w.odt: its 1 review comment (in the margin) is not printed"]


def test_a_spreadsheet_or_a_locked_document_is_said_to_be_so(tmp_path):
    folder = write_booklet(tmp_path / "b", {"booklet.yaml": "title: T\nsections:\n  - story.odt\n"})
    odt(folder / "story.odt", "<text:p>x</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    [problem] = blocks_of(folder / "story.odt")[2].items
    assert str(problem) == (f"{folder / 'story.odt'}: this OpenDocument text cannot be read: it is not a text "
                            "document: it is a spreadsheet\n  hint: open it in LibreOffice Writer and save it again "
                            "(.odt), or save it as a Word document (.docx)")
    odt(folder / "story.odt", "<text:p>x</text:p>", parts={"META-INF/manifest.xml": b"<manifest><encryption-data/>"
                                                                                    b"</manifest>"})
    [problem] = blocks_of(folder / "story.odt")[2].items
    assert "cannot be read: it is protected by a password" in str(problem)
    odt(folder / "story.odt", "<text:p>The story.</text:p>")
    assert [(s.kind, s.file.name) for s in load_booklet(folder).sections] == [("story", "story.odt")]


def test_a_list_bullet_2_list_from_word_is_set_inside_the_list_before_it(tmp_path):
    """Writer opens Word's 'List Bullet 2' paragraphs as a list of their own after the list
    they belong in: it is set inside that list's last item, as in Word."""
    styles = STYLES + ("<style:style style:name='List_20_Bullet_20_2' style:display-name='List Bullet 2' "
                       "style:family='paragraph'/>")
    automatic = AUTOMATIC + ("<style:style style:name='P9' style:family='paragraph' "
                             "style:parent-style-name='List_20_Bullet_20_2'/>")
    body = ("<text:list text:style-name='L1'><text:list-item><text:p>Outer</text:p></text:list-item></text:list>"
            "<text:list text:style-name='L1'><text:list-item><text:p text:style-name='P9'>Inner</text:p>"
            "</text:list-item></text:list>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "n.odt", body, styles=styles, automatic=automatic))
    assert text(blocks) == [("list", False, 1, [[("p", "Outer"), ("list", False, 1, [[("p", "Inner")]])]])]


def test_a_title_typed_bold_and_large_in_writer_is_a_heading(tmp_path):
    """With no heading in the document, a short line set bold and large by hand (Writer's
    automatic style) is a heading, as in Word and TextEdit."""
    automatic = AUTOMATIC + ("<style:style style:name='P7' style:family='paragraph'><style:text-properties "
                             "fo:font-weight='bold' fo:font-size='18pt'/></style:style>"
                             "<style:style style:name='P8' style:family='paragraph'><style:text-properties "
                             "fo:font-size='12pt'/></style:style>")
    body = ("<text:p text:style-name='P7'>In Loving Memory</text:p><text:p text:style-name='P8'>He ran a machine "
            "shop in Northampton for forty years, and ran it well.</text:p>")
    blocks, warnings, problems = blocks_of(odt(tmp_path / "t.odt", body, automatic=automatic))
    assert text(blocks) == [("h1", "In Loving Memory"),
                            ("p", "He ran a machine shop in Northampton for forty years, and ran it well.")]


def test_a_word_with_its_reading_over_it_is_printed_before_the_reading(tmp_path):
    """Writer's ruby (Asian Phonetic Guide): the word and its reading ran together, as one
    word ('礼門れいもん'). The reading is printed after the word, in brackets."""
    body = ("<text:p>名前は<text:ruby><text:ruby-base>礼門</text:ruby-base><text:ruby-text>れいもん</text:ruby-text>"
            "</text:ruby>です。</text:p>")
    assert text(read(odt(tmp_path / "r.odt", body), Problems(), [])) == [("p", "名前は礼門（れいもん）です。")]
