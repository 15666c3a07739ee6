"""Theme stage: layouts load, inherit, and explain their mistakes."""
from __future__ import annotations

import textwrap

import pytest

from booklet.errors import BookletError
from booklet.theme import bundled_names, load_theme

MM = 72 / 25.4


def write(path, text):
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_classic_is_a5_with_mirrored_margins():
    t = load_theme("classic")
    w, h = t["page"]["size"]
    assert (round(w / MM), round(h / MM)) == (148, 210)
    m = t["page"]["margins"]
    assert m["inner"] > m["outer"]
    assert t["sections"]["comments"]["columns"] == 2
    assert t.style("body")["align"] == "justify"


def test_every_bundled_layout_loads():
    for name in bundled_names():
        assert load_theme(name).name == name


def test_extends_changes_only_what_differs(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        page:
          size: 6in x 9in
        styles:
          body: {size: 12}
        """)
    mine, classic = load_theme(str(path)), load_theme("classic")
    assert mine["page"]["size"] == (432.0, 648.0)
    assert mine.style("body")["size"] == 12
    assert mine.style("body")["font"] == classic.style("body")["font"]
    assert mine.style("body")["align"] == classic.style("body")["align"]
    # its leading follows the new size, in the parent's proportion (14.6 on 10.5 pt)
    assert mine.style("body")["leading"] == pytest.approx(12 * 14.6 / 10.5, abs=0.01)
    assert mine["page"]["margins"] == classic["page"]["margins"]


def test_unknown_key_and_wrong_value_reported_together(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        extends: classic
        page:
          size: A7
        stlyes:
          body: {size: 12}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert [str(p) for p in info.value.problems] == [
        f"{path}, line 4, field 'stlyes': unknown key 'stlyes'\n  hint: did you mean 'styles'?",
        f"{path}, line 3, field 'page.size': expected a page size: A4, A5, A6, Letter, half-letter, "
        "or width x height such as 148mm x 210mm, found 'A7'",
    ]


def test_a_layout_key_by_the_name_word_processors_give_it_says_ours(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        page:
          paper: A5
        styles:
          body: {font-size: 11, line_height: 15, alignment: justify}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert [str(p) for p in info.value.problems] == [
        f"{path}, line 2, field 'page.paper': unknown key 'paper'\n  hint: here it is called 'size': "
        "write 'size: ...' instead of 'paper: ...'",
    ] + [f"{path}, line 4, field 'styles.body.{theirs}': unknown key '{theirs}'\n  hint: here it is called "
         f"'{ours}': write '{ours}: ...' instead of '{theirs}: ...'"
         for theirs, ours in (("font-size", "size"), ("line_height", "leading"), ("alignment", "align"))]


@pytest.mark.parametrize("written, size_mm", [
    ("Half Letter", (139.7, 215.9)), ("half_letter", (139.7, 215.9)), ("Statement", (139.7, 215.9)),
    ("US Letter", (215.9, 279.4)), ("a 5", (148, 210)), ("5.5 x 8.5 in", (139.7, 215.9)),
    ("148 x 210 mm", (148, 210)), ("148mm x 8.5in", (148, 215.9)),
])
def test_page_sizes_as_people_write_them(tmp_path, written, size_mm):
    path = write(tmp_path / "mine.yaml", f'page: {{size: "{written}"}}\n')
    assert load_theme(str(path))["page"]["size"] == pytest.approx(tuple(v * 72 / 25.4 for v in size_mm))


@pytest.mark.parametrize("written, hint", [("148 x 210", "148mm x 210mm"), ("5.5 x 8.5", "5.5in x 8.5in")])
def test_a_page_size_without_a_unit_asks_for_one(tmp_path, written, hint):
    path = write(tmp_path / "mine.yaml", f"page: {{size: {written}}}\n")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value).endswith(f"found '{written}'\n  hint: give a unit: {hint}")


def test_unknown_colour_reference(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        extends: classic
        styles:
          body: {color: acent}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value) == (
        f"{path}, line 3, field 'styles.body.color': expected a colour from colors (text, accent, muted, "
        "rule, paper) or a colour value, found 'acent'\n  hint: did you mean 'accent'?")


def test_circular_extends(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(BookletError, match="layouts extend each other in a circle: a -> b -> a"):
        load_theme(str(tmp_path / "a.yaml"))


def test_unknown_layout_name():
    with pytest.raises(BookletError) as info:
        load_theme("clasic")
    assert str(info.value) == "no layout named 'clasic'\n  hint: did you mean 'classic'?"


def test_a_bundled_layout_named_as_a_file_says_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)            # (no modern.yaml here)
    with pytest.raises(BookletError) as info:
        load_theme("Modern.yaml")
    assert str(info.value) == ("layout file not found: Modern.yaml\n"
                               "  hint: the bundled layout is named without .yaml: modern")
    with pytest.raises(BookletError) as info:
        load_theme("mine.yaml")
    assert "hint: give a bundled layout name (see 'booklet layouts') or a .yaml file" in str(info.value)


@pytest.mark.parametrize("page, message", [
    ("  margins: {inner: 80mm, outer: 80mm}\n",
     "line 3, field 'page.margins': the margins leave -12 mm of the page's 148 mm width for text; it needs at least 30 mm"),
    ("  margins: {top: 100mm, bottom: 90mm}\n",
     "line 3, field 'page.margins': the margins leave 20 mm of the page's 210 mm height for text; it needs at least 30 mm"),
    ("  column_gap: 60mm\nsections:\n  comments: {columns: 3}\n",
     "line 5, field 'sections.comments.columns': 3 columns 60 mm apart would each be -2 mm wide; a column needs at least 12 mm"),
])
def test_margins_and_gaps_leave_room_for_text(tmp_path, page, message):
    # (before: a division by zero, or reportlab's 'Flowable ... too large' about a Spacer)
    path = write(tmp_path / "mine.yaml", "extends: classic\npage:\n" + page)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert f"{path}, {message}" in str(info.value)


@pytest.mark.parametrize("style, message", [
    ("  body: {indent_right: 110.2mm}\n",
     "line 4, field 'styles.body.indent_right': its indents (115 mm in all) leave 0 mm of a 114 mm column"),
    ("  comment: {indent_right: 50mm}\n",       # (in the comments' two columns)
     "line 4, field 'styles.comment.indent_right': its indents (50 mm in all) leave 4 mm of a 54 mm column"),
    ("  caption: {indent_left: 1000}\n",
     "line 4, field 'styles.caption.indent_left': its indents (353 mm in all) leave 0 mm of a 114 mm column"),
])
def test_indents_leave_room_for_a_line(tmp_path, style, message):
    # (before: built, each letter of the body on a line of its own, past the page's edge)
    path = write(tmp_path / "mine.yaml", "extends: classic\nstyles:\n" + style.replace(": {", ":\n    ").rstrip("}\n")
                 .replace(", ", "\n    ") + "\n")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert f"{path}, {message} for text; a line needs at least 12 mm" in str(info.value)


def test_a_problem_a_small_page_makes_in_a_bundled_layout_says_where_to_mend_it(tmp_path):
    """'page: {size: 60mm x 80mm}' over classic: the margins too wide for it were reported
    at classic.yaml's line, with 'make inner and outer smaller': in a file installed with
    booklet, which a person should not edit. The hint says to set them in their own file."""
    path = write(tmp_path / "card.yaml", "extends: classic\npage: {size: 60mm x 80mm}\n")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    message = str(info.value)
    assert "classic.yaml, line 7, field 'page.margins': the margins leave 26 mm of the page's 60 mm width" in message
    assert ("hint: make inner (19 mm) and outer (15 mm) smaller; classic.yaml is a bundled layout: "
            "set page.margins in card.yaml, which extends it") in message


def test_indents_squeezed_by_columns_are_said_at_the_columns(tmp_path):
    """Three columns of the story made classic's quote indents too wide for them: three
    problems at classic.yaml's lines said to make the indents smaller; it is the columns.
    Only the styles set in a section's columns count: three columns of comments, which
    have no block quotes, were refused for the block quotes' indents."""
    path = write(tmp_path / "mine.yaml", "extends: classic\npage: {column_gap: 24mm}\n"
                 "sections:\n  story: {columns: 3}\n")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value) == (
        f"{path}, line 4, field 'sections.story.columns': 3 columns 24 mm apart would each be 22 mm wide: "
        "too narrow for the indents of blockquote, quote, attribution (a line needs at least 12 mm)\n"
        "  hint: use fewer columns, or a smaller page.column_gap")
    path.write_text("extends: classic\npage: {column_gap: 24mm}\nsections:\n  comments: {columns: 3}\n")
    assert load_theme(str(path))["sections"]["comments"]["columns"] == 3


def test_layout_values_as_people_write_them_from_css_and_word_processors(tmp_path):
    """'margins: 2cm', 'size: 12pt', 'rgb(74, 51, 26)' and 'A5 landscape' were each an
    error, though each says plainly what it means. ('font-family:' says to write 'font:',
    as other keys by CSS's names do.)"""
    mm = 72 / 25.4
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        page:
          size: A5 landscape
          margins: 2cm
        colors:
          accent: rgb(74, 51, 26)
        styles:
          body: {size: 12pt, leading: 16 pt}
        """)
    theme = load_theme(str(path))
    assert theme["page"]["size"] == pytest.approx((210 * mm, 148 * mm))
    assert theme["page"]["margins"] == pytest.approx({side: 20 * mm for side in ("top", "bottom", "inner", "outer")})
    assert theme["colors"]["accent"] == pytest.approx(("rgb", 74 / 255, 51 / 255, 26 / 255))
    assert (theme["styles"]["body"]["size"], theme["styles"]["body"]["leading"]) == (12, 16)
    scaled = write(tmp_path / "scaled.yaml", "extends: classic\nstyles:\n  body: {size: 21pt}\n")
    assert load_theme(str(scaled))["styles"]["body"]["leading"] == pytest.approx(2 * 14.6, abs=0.01)
    bad = write(tmp_path / "bad.yaml", "extends: classic\ncolors: {accent: 'rgb(300, 0, 0)'}\n")
    with pytest.raises(BookletError, match="field 'colors.accent': expected a colour"):
        load_theme(str(bad))


def test_unknown_fonts_are_reported_at_their_line_with_the_nearest_name(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        fonts:
          serif: Gentium
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value) == (f"{path}, line 3, field 'fonts.serif': expected a font family in fonts/ (e.g. "
                               "Gentium Book Plus) or a .ttf file, found 'Gentium'\n  hint: did you mean "
                               "'GentiumBookPlus'?")
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        styles:
          body: {font: sams}
          caption: {font: Comic Sans}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    message = str(info.value)
    assert (f"{path}, line 3, field 'styles.body.font': expected one of this layout's fonts (serif, sans, "
            "fallback) or a font family in fonts/, found 'sams'\n    hint: did you mean 'sans'?") in message
    assert f"{path}, line 4, field 'styles.caption.font'" in message
    assert ("bundled families for text: DejaVuSans, DroidSansFallback, GentiumBookPlus, NotoSans, Symbola (and a "
            "Noto font for each other script, in fonts/); or give a .ttf file") in message


def test_every_problem_of_a_layout_is_said_at_once_and_a_misspelt_font_is_recognised(tmp_path):
    """A layout's wrong colour or font was reported only once its other problems (an
    unknown key, a page size) were mended; 'Gentum' got a list of 55 families."""
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        stlyes: {}
        page: {size: A7}
        styles:
          body: {color: purplish, font: Gentum}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    fields = [p.field for p in info.value.problems]
    assert fields == ["stlyes", "page.size", "styles.body.color", "styles.body.font"]
    assert info.value.problems[-1].hint == "did you mean 'GentiumBookPlus'?"


@pytest.mark.parametrize("content, found", [
    (b"wOF2\x00\x01" + b"\x00" * 40, "a web font (WOFF2)"),
    (b"OTTO\x00\x0b" + b"\x00" * 40, "a font with PostScript (CFF) outlines"),
    (b"<html>not found</html>", "a file that is not a font"),
])
def test_a_font_file_that_is_not_truetype_is_reported_at_its_line(tmp_path, content, found):
    (tmp_path / "mine.ttf").write_bytes(content)
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        fonts:
          serif: mine.ttf
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value).startswith(
        f"{path}, line 3, field 'fonts.serif': expected a TrueType font file, found {found} ('mine.ttf')")


def test_a_cut_off_font_file_is_an_error_at_its_line_not_a_crash(tmp_path):
    from typer.testing import CliRunner

    from booklet.cli import app
    from booklet.resources import data_dir

    whole = (data_dir("fonts") / "DejaVuSans" / "DejaVuSans.ttf").read_bytes()
    (tmp_path / "cut.ttf").write_bytes(whole[:5000])
    layout = write(tmp_path / "mine.yaml", "extends: classic\nfonts:\n  serif: cut.ttf\n")
    for command in ("make", "check"):
        result = CliRunner().invoke(app, [command, "--layout", str(layout)] + (
            ["-o", str(tmp_path / "out.pdf")] if command == "make" else []))
        assert result.exit_code == 1, result.output
        assert (f"error: {layout}, line 3, field 'fonts.serif': cut.ttf: cannot use this font: the file is damaged or "
                "cut off\n  hint: copy or download the .ttf file again") in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_a_font_file_without_its_bold_and_italic_says_what_prints_upright(tmp_path):
    """A layout's own font file alone in its folder: the story's bold and the layout's
    italic styles printed in the regular face, and nothing said so."""
    from typer.testing import CliRunner

    from booklet.build import build
    from booklet.cli import app
    from booklet.fonts import register
    from booklet.resources import data_dir

    faces = data_dir("fonts") / "DejaVuSans"
    (tmp_path / "Mine.ttf").write_bytes((faces / "DejaVuSans.ttf").read_bytes())
    layout = write(tmp_path / "mine.yaml", "extends: classic\nfonts:\n  serif: Mine.ttf\n")
    result = build(layout=str(layout), output=tmp_path / "a.pdf")
    warned = [w for w in result.warnings if w.startswith("Mine.ttf")]
    assert warned == ["Mine.ttf has no bold or italic face beside it: bold and italic text prints in its "
                      f"regular face; to have them, put Mine-Bold.ttf and Mine-Italic.ttf in the folder {tmp_path}"]
    (tmp_path / "Mine-Bold.ttf").write_bytes((faces / "DejaVuSans-Bold.ttf").read_bytes())
    register.cache_clear()          # (a family's faces are looked for once a process)
    checked = CliRunner().invoke(app, ["check", "--layout", str(layout)])     # (classic's italic styles)
    assert checked.exit_code == 0, checked.output
    assert "warning: Mine.ttf has no italic face beside it: italic text prints in its regular face; " \
           f"to have it, put Mine-Italic.ttf in the folder {tmp_path}" in checked.stderr
    (tmp_path / "Mine-Italic.ttf").write_bytes((faces / "DejaVuSans-Oblique.ttf").read_bytes())
    register.cache_clear()
    assert not [w for w in build(layout=str(layout), output=tmp_path / "b.pdf").warnings if "face" in w]
    assert not [w for w in build(output=tmp_path / "b.pdf").warnings if "face" in w]      # the bundled fonts


def test_a_layout_that_names_no_parent_starts_from_classic(tmp_path):
    """A layout file of just 'page: {size: Letter}' set every style at the schema's
    defaults: 10 pt plain, headings no larger than the text, the cover title too."""
    classic = load_theme("classic")
    path = write(tmp_path / "mine.yaml", """
        page: {size: Letter}
        styles:
          body: {size: 12}
        """)
    mine = load_theme(str(path))
    assert mine["page"]["size"] == pytest.approx((612, 792))
    assert mine["styles"]["heading"] == classic["styles"]["heading"]
    assert mine["styles"]["title"]["size"] == 30 and mine["fonts"] == classic["fonts"]
    assert mine["styles"]["body"]["size"] == 12 and mine["styles"]["body"]["leading"] > 14.6
    empty = write(tmp_path / "empty.yaml", "# nothing yet\n")
    assert load_theme(str(empty)).data == classic.data


def test_a_new_size_without_a_leading_keeps_the_parents_proportion(tmp_path):
    """'body: {size: 16}' over classic (10.5 pt on 14.6) was set on 14.6 pt: the lines of
    a layout made for larger print ran into each other."""
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        styles:
          body: {size: 16}
          heading: {size: 24, leading: 30}
        """)
    styles = load_theme(str(path))["styles"]
    assert styles["body"]["leading"] == pytest.approx(16 * 14.6 / 10.5, abs=0.01)
    assert styles["heading"]["leading"] == 30                      # as given
    assert styles["comment"]["leading"] == load_theme("classic")["styles"]["comment"]["leading"]


def test_the_largest_size_keeps_a_leading_it_did_not_write_inside_the_range(tmp_path):
    """'blockquote: {size: 144}' over classic's 1.4 proportion was 'leading: expected a
    number from 4 to 200, found 201.6': a leading the layout never wrote."""
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        styles:
          blockquote: {size: 144}
        """)
    assert load_theme(str(path))["styles"]["blockquote"]["leading"] == 200


def test_lines_set_on_top_of_each_other_are_an_error(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        extends: classic
        styles:
          body: {size: 20, leading: 5}
        """)
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert str(info.value) == (f"{path}, line 3, field 'styles.body.leading': a leading of 5 pt under type of 20 pt "
                               "sets its lines on top of each other\n  hint: leave leading out (it then follows the "
                               "size), or make it at least 24")


def test_a_layout_of_its_own_has_its_problems_said_with_the_contents(tmp_path):
    """A mistake in booklet.yaml and two in the --layout file took three runs to find: the
    layout was read only once the content was right."""
    from booklet.build import prepare
    from conftest import TINY, write_booklet

    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace("type: story",
                                                                                                    "type: stroy")})
    (tmp_path / "l.yaml").write_text("extends: classic\npage: {size: A7}\nfonts: {serif: Gentum}\n")
    with pytest.raises(BookletError) as e:
        prepare(folder, str(tmp_path / "l.yaml"))
    said = str(e.value)
    assert said.startswith("3 problems:")
    assert "found 'stroy'" in said and "found 'A7'" in said and "found 'Gentum'" in said


def test_booklet_yamls_layout_has_its_problems_said_with_the_contents(tmp_path):
    """The same for the layout booklet.yaml names: a mistyped name was said only once the
    content's problems were mended."""
    from booklet.build import prepare
    from conftest import TINY, write_booklet

    yaml = "layout: clasic\n" + TINY["booklet.yaml"].replace("type: story", "type: stroy")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml})
    with pytest.raises(BookletError) as e:
        prepare(folder)
    said = str(e.value)
    assert said.startswith("2 problems:") and "found 'stroy'" in said
    assert f"{folder / 'booklet.yaml'}, line 1, field 'layout': no layout named 'clasic'" in said
    (folder / "booklet.yaml").write_text(yaml.replace("clasic", "mine.yaml"))
    (folder / "mine.yaml").write_text("extends: classic\npage: {size: A7}\n")
    with pytest.raises(BookletError) as e:
        prepare(folder)
    assert "found 'stroy'" in str(e.value) and "found 'A7'" in str(e.value)
    with pytest.raises(BookletError) as e:          # --layout's instead: booklet.yaml's is not used
        prepare(folder, "modern")
    assert str(e.value).count("\n- ") == 0 and "found 'stroy'" in str(e.value)


def test_a_folder_named_as_a_font_file_is_told_to_name_a_font_in_it(tmp_path):
    (tmp_path / "Lora.ttf").mkdir()            # (a font's zip file, unpacked)
    (tmp_path / "Lora.ttf" / "cover.jpg").write_bytes(b"x")    # (it was offered as the example)
    path = write(tmp_path / "mine.yaml", "extends: classic\nfonts:\n  serif: Lora.ttf\n")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert info.value.problems[0].hint == "name a file in it ending in .ttf"
    (tmp_path / "Lora.ttf" / "Lora-Regular.ttf").write_bytes(b"x")
    with pytest.raises(BookletError) as info:
        load_theme(str(path))
    assert info.value.problems[0].hint == "name a file in it, e.g. 'Lora.ttf/Lora-Regular.ttf'"
