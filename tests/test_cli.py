"""The command line: what a person types, what they read back, and the exit code."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from booklet import __version__
from booklet.cli import app

from conftest import pdf_text


@pytest.fixture
def runner():
    return CliRunner()


def test_booklet_alone_shows_the_commands_not_an_error(runner):
    """'booklet' typed alone answered 'Error: Missing command.': the help is what a person
    who typed it wants."""
    result = runner.invoke(app, [])
    assert "Missing command" not in result.output
    assert "Commands:" in result.output and "Build a booklet PDF from a content folder." in result.output


def test_make_with_no_arguments_builds_the_example(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["make"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "booklet.pdf"
    assert pdf.is_file()
    pages = len(__import__("pypdf").PdfReader(str(pdf)).pages)
    size_kb = round(pdf.stat().st_size / 1000)
    # what the comment selection left out is said, not left to be noticed in print
    from booklet.build import prepare

    [comments] = [s for s in prepare()[0].sections if s.kind == "comments"]
    total = len(comments.items) + len(comments.dropped)
    assert result.stdout.startswith(f"Wrote booklet.pdf: {pages} pages, {size_kb} kB (layout: classic)\n"
                                    f"  comments.yaml: {len(comments.items)} of {total} comments printed; ")
    assert "excluded by name" in result.stdout.splitlines()[1] and "\nPreflight:\n" in result.stdout
    assert "Derek & Jim Redmond" in pdf_text(pdf)


def test_make_with_no_arguments_in_a_booklet_folder_builds_that_folder(runner, tiny, monkeypatch):
    """A person who has gone into their own folder gets their own booklet, not the example."""
    monkeypatch.chdir(tiny)
    result = runner.invoke(app, ["make"])
    assert result.exit_code == 0, result.output
    assert "A Small Booklet" in pdf_text(tiny / "booklet.pdf")
    assert "Redmond" not in pdf_text(tiny / "booklet.pdf")
    assert "bundled example" not in result.stderr
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "OK: A Small Booklet" in result.stdout


def test_the_example_says_it_is_the_example_and_how_to_start_ones_own(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["make", "-o", "example.pdf"])
    assert result.exit_code == 0, result.output
    assert "This is the bundled example. To start your own: booklet init my-booklet" in result.stderr
    assert "bundled example" not in runner.invoke(app, ["make", "-o", "example.pdf", "--quiet"]).output
    # beside a eulogy written in Word: how to start a booklet of it
    (tmp_path / "Eulogy for Mum.docx").write_bytes(b"")
    result = runner.invoke(app, ["make", "-o", "example.pdf"])
    assert ("To start your own: booklet init my-booklet --from 'Eulogy for Mum.docx', then booklet make "
            "my-booklet)") in result.stderr


def test_make_a_folder_with_output_and_layout(runner, tiny, tmp_path):
    out = tmp_path / "out" / "mine.pdf"
    result = runner.invoke(app, ["make", str(tiny), "--layout", "classic", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "A Small Booklet" in pdf_text(out)
    assert f"The folder {out.parent} was not there: it was made." in result.stderr      # (a typo, perhaps)
    again = runner.invoke(app, ["make", str(tiny), "--layout", "classic", "-o", str(out)])
    assert again.exit_code == 0 and "was not there" not in again.stderr


def test_fit_and_impose_on_their_own_take_their_one_meaning(tmp_path):
    """'--impose -o x.pdf' said 'Got unexpected extra argument(s) (x.pdf)' ('-o' was taken
    for the imposition); '--impose my-booklet' said the only imposition is 'saddle'."""
    from booklet.cli import with_values

    assert with_values(["make", "--impose", "-o", "x.pdf"]) == ["make", "--impose", "saddle", "-o", "x.pdf"]
    assert with_values(["make", "--fit"]) == ["make", "--fit", "auto"]
    assert with_values(["make", "--impose", "saddle", "--fit", "12"]) == ["make", "--impose", "saddle", "--fit", "12"]
    assert with_values(["make", "--fit", str(tmp_path)]) == ["make", "--fit", "auto", str(tmp_path)]
    assert with_values(["make", "--impose", "fold"]) == ["make", "--impose", "fold"]         # (said to be wrong)
    assert with_values(["make", "--bleed", "3", "mm", "x"]) == ["make", "--bleed", "3mm", "x"]   # (a space typed)
    assert with_values(["make", "--layout", "Large", "print"]) == ["make", "--layout", "large-print"]
    assert with_values(["make", "--layout", "classic", "print"]) == ["make", "--layout", "classic", "print"]
    assert with_values(["make", "--impose", "--creep", "-0.1", "mm"]) == ["make", "--impose", "saddle", "--creep",
                                                                            "-0.1mm"]
    folder = tmp_path / "b"
    runner = CliRunner()
    runner.invoke(app, ["init", str(folder)])
    made = subprocess.run([sys.executable, "-m", "booklet", "make", "--impose", str(folder),
                           "-o", str(tmp_path / "x.pdf"), "--quiet"], capture_output=True, text=True, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "x-print.pdf").exists()


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"booklet {__version__}\n"


def test_help_shows_examples(runner):
    result = runner.invoke(app, ["make", "--help"])
    assert result.exit_code == 0
    assert "booklet make my-booklet/ --layout classic -o program.pdf" in result.stdout
    top = runner.invoke(app, ["--help"])
    assert "booklet make" in top.stdout


def test_broken_booklet_yaml_exits_1_with_file_line_and_field(runner, tiny, tmp_path):
    (tiny / "booklet.yaml").write_text("title: T\nsections:\n  - type: story\n    fiel: story.md\n")
    result = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    path = tiny / "booklet.yaml"
    assert result.stderr == (        # (and not also 'the key file is missing': it is the same mistake)
        f"error: {path}, line 4, field 'sections[1].fiel': unknown key 'fiel'\n  hint: did you mean 'file'?\n")
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("typed, meant", [("build", "make"), ("Render", "make"), ("new", "init"),
                                           ("validate", "check")])
def test_another_tools_command_name_says_ours(runner, typed, meant):
    result = runner.invoke(app, [typed])
    assert result.exit_code == 2
    assert f"Error: No such command '{typed}'. Did you mean '{meant}'?" in result.output


def test_debug_shows_the_traceback(runner, tiny, tmp_path):
    (tiny / "booklet.yaml").write_text("title: [\n")
    result = runner.invoke(app, ["make", str(tiny), "--debug", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.exc_info is not None and result.exc_info[0].__name__ == "BookletError"


def test_failed_make_keeps_the_previous_pdf(runner, tiny, tmp_path):
    out = tmp_path / "b.pdf"
    assert runner.invoke(app, ["make", str(tiny), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    (tiny / "story.md").unlink()
    result = runner.invoke(app, ["make", str(tiny), "-o", str(out)])
    assert result.exit_code == 1
    assert "story.md" in result.stderr
    assert out.read_bytes() == before


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(app, ["make", "--colour", "red"])
    assert result.exit_code == 2


@pytest.mark.parametrize("bleed", ["-3mm", "100mm", "3 furlongs"])
def test_a_bleed_no_print_shop_would_ask_for_is_a_usage_error(runner, bleed, tmp_path):
    result = runner.invoke(app, ["make", "--bleed", bleed, "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert "Invalid value for --bleed" in result.stderr and f"found '{bleed}'" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("bleed", ["3", "0.125"])
def test_a_bleed_without_a_unit_is_asked_for_one(runner, bleed, tmp_path):
    """'--bleed 3' was read as 3 points, a bleed of 1.06 mm, which a print shop would
    send back: a person means millimetres (or, with 0.125, inches)."""
    result = runner.invoke(app, ["make", "--bleed", bleed, "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert f"Invalid value for --bleed: '{bleed}' has no unit: write {bleed}mm (or in for inches" in result.stderr
    assert not (tmp_path / "out.pdf").exists()
    assert runner.invoke(app, ["make", "--bleed", "0", "-q", "-o", str(tmp_path / "out.pdf")]).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["--fit", "99999999"], "Invalid value for --fit: expected a number of pages from 1 to 1000"),   # (before: hours)
    (["--fit", "0"], "Invalid value for --fit: expected a number of pages from 1 to 1000"),
    (["--creep", "0.1mm"], "Invalid value for --creep: --creep adjusts the pages of --impose saddle"),  # (ignored)
])
def test_options_that_cannot_do_what_they_say_are_usage_errors(runner, tmp_path, args, message):
    result = runner.invoke(app, ["make", *args, "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_layouts_lists_every_layout_with_size_and_description(runner):
    result = runner.invoke(app, ["layouts"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "classic      A5           A5 serif memorial booklet, quiet and traditional"
    assert any(line.startswith("large-print  A4 ") for line in lines)


def test_layouts_name_prints_the_resolved_layout_which_loads_back(runner, tmp_path):
    from booklet.theme import load_theme

    result = runner.invoke(app, ["layouts", "classroom"])
    assert result.exit_code == 0
    assert "size: A5" in result.stdout and "answer_lines: 4" in result.stdout
    saved = tmp_path / "resolved.yaml"
    saved.write_text(result.stdout)
    again, original = load_theme(str(saved)), load_theme("classroom")
    assert again["notes"] == original["notes"]
    assert again.style("body")["size"] == original.style("body")["size"]


@pytest.mark.parametrize("args", [["layouts", "modren"], ["make", "--layout", "modren"], ["check", "-l", "modren"],
                                  ["preview", "--layout", "modren"]])
def test_an_unknown_layout_on_the_command_line_is_a_command_line_mistake(runner, args, tmp_path):
    """A misspelt layout name given on the command line exited 1, 'a problem in your
    files': it is a mistake on the command line (exit 2), as a misspelt option value is,
    and says what was meant. A layout file that is not there, or is wrong inside, is still
    a problem with a file (exit 1, with its line)."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "no layout named 'modren' (did you mean 'modern'?)" in result.stderr
    (tmp_path / "bad.yaml").write_text("extends: classic\npage: [\n")
    result = runner.invoke(app, [args[0], str(tmp_path / "bad.yaml")] if args[0] == "layouts"
                           else [*args[:-1], str(tmp_path / "bad.yaml")])
    assert result.exit_code == 1 and "bad.yaml, line 2" in result.stderr
    result = runner.invoke(app, [args[0], "gone.yaml"] if args[0] == "layouts" else [*args[:-1], "gone.yaml"])
    assert result.exit_code == 1 and "layout file not found: gone.yaml" in result.stderr


def test_comments_shows_in_and_out_with_reasons(runner):
    result = runner.invoke(app, ["comments"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "comments.yaml: 37 in, 14 out"
    assert "  line 12   out  Ravindran                (empty)                                   empty" in lines
    assert any(l.startswith("  line 56   out  I'cent") and l.endswith("repeats the comment by I'cent (line 54)")
               for l in lines)
    assert any(l.startswith("  line 4    in   theresa Goodman") for l in lines)
    assert len(lines) == 1 + 51


def test_comments_says_how_an_export_was_read_and_which_have_no_name(runner, tiny):
    (tiny / "comments.yaml").write_text('[{"author": "Ann", "body": "Hello."}, {"body": "No name here."}]\n')
    result = runner.invoke(app, ["comments", str(tiny)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("warning: comments.yaml: read 'author' as name, 'body' as text (the names a "
                             "website's export gives them)\n")
    assert "  line 1    in   (no name)                No name here." in result.stdout.splitlines()


def test_comments_of_a_booklet_without_comments_says_so(runner, tiny):
    (tiny / "booklet.yaml").write_text("title: One\nsections:\n  - story.md\n")      # (it printed nothing)
    result = runner.invoke(app, ["comments", str(tiny)])
    assert result.exit_code == 0 and result.stdout == (
        "This booklet has no comments section: booklet.yaml's sections name no comments file (add one with a line "
        "'  - comments.yaml').\n")


def test_check_validates_without_building(runner, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(tiny)])
    assert result.exit_code == 0
    assert result.stdout == "OK: A Small Booklet: 2 sections, layout classic\n"
    yaml = (tiny / "booklet.yaml").read_text()
    (tiny / "booklet.yaml").write_text("title: One\nsections:\n  - story.md\n")
    assert runner.invoke(app, ["check", str(tiny)]).stdout == "OK: One: 1 section, layout classic\n"   # (not '1 sections')
    (tiny / "booklet.yaml").write_text(yaml)
    assert list(tmp_path.glob("*.pdf")) == []
    (tiny / "comments.yaml").write_text("- name: Ann\n  txt: hello\n")
    result = runner.invoke(app, ["check", str(tiny), "--layout", "classroom"])
    assert result.exit_code == 1
    path = tiny.relative_to(tmp_path) / "comments.yaml"      # (from the current folder, as typed)
    assert result.stderr == (         # (a typo of a key is not also reported as that key missing)
        f"error: {path}, line 2, field '[1].txt': unknown key 'txt'\n  hint: did you mean 'text'?\n")


def test_a_wrong_selection_rule_is_explained(runner, tiny):
    (tiny / "booklet.yaml").write_text(
        "title: T\nsections:\n  - type: comments\n    file: comments.yaml\n    select:\n      order: random\n")
    result = runner.invoke(app, ["check", str(tiny)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tiny / 'booklet.yaml'}, line 6, field 'sections[1].select.order': expected one of given, "
        "shortest, shuffle, found 'random'\n")


@pytest.mark.parametrize("start", ["blank", "redmond"])
def test_init_makes_a_folder_that_builds_at_once(runner, tmp_path, start):
    folder = tmp_path / "new"
    result = runner.invoke(app, ["init", str(folder), "--from", start])
    assert result.exit_code == 0, result.output
    assert (folder / "booklet.yaml").read_text().lstrip().startswith("#")   # commented
    made = runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf"), "--json"])
    assert made.exit_code == 0, made.output
    summary = json.loads(made.stdout)
    assert summary["pages"] >= 3 and summary["pdf"] == str(tmp_path / "b.pdf")
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 1 and again.stderr == (f"error: {folder}: this folder already has a booklet.yaml\n"
                                                     f"  hint: build it with: booklet make {folder}\n")
    (folder / "booklet.yaml").rename(folder / "booklet.yml")
    again = runner.invoke(app, ["init", str(folder)])              # (nothing written beside it)
    assert again.exit_code == 1 and "hint: rename booklet.yml to booklet.yaml" in again.stderr
    assert not (folder / "booklet.yaml").exists()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("")                  # a folder of other things
    again = runner.invoke(app, ["init", str(tmp_path / "other")])
    assert again.exit_code == 1 and "already exists and is not empty" in again.stderr
    spaced = runner.invoke(app, ["init", str(tmp_path / "my booklet")])           # the command to copy
    assert spaced.stdout.rstrip().endswith(f"booklet make '{tmp_path / 'my booklet'}'")   # works as typed
    onto_a_file = runner.invoke(app, ["init", str(tmp_path / "b.pdf")])
    assert onto_a_file.exit_code == 1 and f"{tmp_path / 'b.pdf'}: this is a file, not a folder" in onto_a_file.stderr


def test_make_in_a_folder_of_a_booklets_files_without_booklet_yaml_says_so(runner, tmp_path, monkeypatch):
    """'booklet make' in a folder holding story.md and tributes.yaml but no booklet.yaml built
    the bundled example into its booklet.pdf, the person's own files passed over: it says
    what the folder lacks, and 'booklet init .' writes a booklet.yaml naming its files."""
    folder = tmp_path / "mum"
    folder.mkdir()
    (folder / "story.md").write_text("# Margaret Lee\n\nShe was kind to everyone she met.\n")
    (folder / "tributes.yaml").write_text("- from: Ann\n  text: We miss her.\n")
    (folder / "photos").mkdir()
    from test_photos import card, image_boxes

    card().save(folder / "photos" / "garden.jpg")
    monkeypatch.chdir(folder)
    made = runner.invoke(app, ["make"])
    assert made.exit_code == 1 and not (folder / "booklet.pdf").exists()
    assert made.stderr == ("error: .: this folder has no booklet.yaml\n  hint: make a booklet.yaml in it of two "
                           "lines: 'title: ...' and 'sections: [story.md, tributes.yaml, photos]' "
                           "(booklet init . writes one)\n")
    made = runner.invoke(app, ["init", "."])
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith("Wrote booklet.yaml for the files in ./: story.md, tributes.yaml, photos.")
    assert sorted(p.name for p in folder.iterdir()) == ["booklet.yaml", "photos", "story.md", "tributes.yaml"]
    made = runner.invoke(app, ["make", "--json"])
    assert made.exit_code == 0, made.output
    text = pdf_text(folder / "booklet.pdf")
    assert text.count("Margaret Lee") >= 2 and "We miss her." in text          # (the title, and the story's)
    assert sum(map(len, image_boxes(folder / "booklet.pdf"))) == 1               # the photos folder
    again = runner.invoke(app, ["init", "."])                                  # it has one now
    assert again.exit_code == 1 and "this folder already has a booklet.yaml" in again.stderr
    # a story named at length is written whole (messages shorten names to 60 characters)
    long = "Margaret's story, as her grandchildren told it at the service in June 2026.md"
    (folder / "story.md").rename(folder / long)
    (folder / "booklet.yaml").unlink()
    assert runner.invoke(app, ["init", "."]).exit_code == 0
    assert json.dumps(long, ensure_ascii=False) in (folder / "booklet.yaml").read_text()
    assert runner.invoke(app, ["make", "--quiet"]).exit_code == 0
    # a booklet.yaml saved by Notepad as booklet.yaml.txt: told to rename it, not the example
    (folder / "booklet.yaml").rename(folder / "booklet.yaml.txt")
    made = runner.invoke(app, ["make"])
    assert made.exit_code == 1 and "rename booklet.yaml.txt to booklet.yaml" in made.stderr
    # a folder of other things (notes.md is no story by its name): the example, as before
    other = tmp_path / "notes"
    other.mkdir()
    (other / "notes.md").write_text("# Notes\n")
    monkeypatch.chdir(other)
    made = runner.invoke(app, ["make", "--quiet"])
    assert made.exit_code == 0 and "Derek Redmond" in pdf_text(other / "booklet.pdf")


@pytest.mark.parametrize("count, kind", [(3, "photos"), (14, "gallery")])
def test_init_in_a_folder_of_pictures_makes_a_booklet_of_them(runner, tmp_path, count, kind):
    """A folder of photos and 'booklet init .': 'this folder already exists and is not
    empty'. It is given a booklet.yaml of a photos section of every picture in it (a gallery,
    two to a row, when they are many), after any story beside them; nothing else changes."""
    from test_photos import card, image_boxes

    folder = tmp_path / "grandma"
    folder.mkdir()
    for i in range(count):
        card(600, 450).save(folder / f"IMG_{i}.jpg")
    made = runner.invoke(app, ["init", str(folder)])
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith(f"Wrote {folder / 'booklet.yaml'} for the files in {folder}/: the {count} pictures")
    assert f"  - type: {kind} " in (folder / "booklet.yaml").read_text()
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("IMG_")) == ["booklet.yaml"]
    made = runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert made.exit_code == 0, made.output
    assert sum(map(len, image_boxes(tmp_path / "b.pdf"))) == count and "not in the booklet" not in made.stderr
    assert "Grandma" in pdf_text(tmp_path / "b.pdf")                       # (the title, from the folder)


def test_a_new_booklets_stand_in_words_are_said_until_they_are_replaced(runner, tmp_path):
    """'booklet init' fills its folder with words to be replaced, so that it builds at once;
    a booklet made before every one was changed had 'A name, and the dates of a life' on its
    cover, unsaid. Where they still stand is said at each build; none, once they are gone."""
    folder = tmp_path / "new"
    runner.invoke(app, ["init", str(folder)])
    made = runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert made.exit_code == 0, made.output
    assert ("warning: the words 'booklet init' put in to be replaced are still in booklet.yaml line 5 (the "
            "subtitle), line 6 (the dedication), line 12 (the cover note); story.md line 3; tributes.yaml line 2; "
            "comments.yaml line 3: write your own, or delete them\n") in made.stderr
    yaml = (folder / "booklet.yaml").read_text()
    (folder / "booklet.yaml").write_text(yaml.replace("A name, and the dates of a life", "Jim Redmond, 1941-2022")
                                         .replace("For everyone who knew and loved them.", "For Derek.")
                                         .replace("such as the date of the service", "the service"))
    (folder / "story.md").write_text("# Jim\n\nHe came down from the stands.\n")
    (folder / "tributes.yaml").write_text("- from: Derek\n  text: My hero.\n")
    made = runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert "comments.yaml line 3" in made.stderr and "booklet.yaml" not in made.stderr
    (folder / "comments.yaml").write_text("- name: Ann\n  text: A message from Ann.\n")
    made = runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert made.exit_code == 0 and "warning" not in made.stderr, made.stderr


def test_a_new_booklet_has_a_frame_on_its_cover_not_a_running_track(runner, tmp_path):
    """Every new memorial began with the lanes of a running track on its cover (the
    example's art); it now has a double rule around the cover, in the layout's accent."""
    from conftest import rasterise

    runner.invoke(app, ["init", str(tmp_path / "new")])
    for art in ("frame", "track", None):      # None: no art named, the default (it was the track)
        yaml = (tmp_path / "new" / "booklet.yaml").read_text()
        yaml = re.sub(r"  art: \w+", f"  art: {art}", yaml) if art else re.sub(r"  art: \w+[^\n]*\n", "", yaml)
        (tmp_path / "new" / "booklet.yaml").write_text(yaml)
        art = art or "frame"
        made = runner.invoke(app, ["make", str(tmp_path / "new"), "-o", str(tmp_path / f"{art}.pdf")])
        assert made.exit_code == 0, made.output
        page = rasterise(tmp_path / f"{art}.pdf", 0, scale=2).convert("L")
        w, h = page.size
        inset = round(0.55 * 15 * 72 / 25.4 * 2)          # classic's outer margin, 15 mm
        # each side's frame line, looked for in a band about where it should be
        sides = [[page.getpixel((x, h // 2)) for x in range(inset - 3, inset + 4)],
                 [page.getpixel((w - 1 - x, h // 2)) for x in range(inset - 3, inset + 4)],
                 [page.getpixel((w // 2, y)) for y in range(inset - 3, inset + 4)],
                 [page.getpixel((w // 2, h - 1 - y)) for y in range(inset - 3, inset + 4)]]
        if art == "frame":
            assert all(min(side) < 160 for side in sides), sides
            assert page.getpixel((w // 4, round(h * 0.8))) == 255      # (no lanes)
        else:
            assert not all(min(side) < 160 for side in sides)


@pytest.mark.parametrize("start", ["blank", "redmond"])
def test_init_where_no_folder_can_be_made(runner, tmp_path, start):
    (tmp_path / "a-file").write_text("not a folder")
    folder = tmp_path / "a-file" / "new"
    result = runner.invoke(app, ["init", str(folder), "--from", start])      # (before: a traceback)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {folder}: cannot make the folder here: Not a directory")


def test_preview_pictures_have_the_page_shape_and_ink(runner, tmp_path):
    from PIL import Image

    out = tmp_path / "pictures"
    result = runner.invoke(app, ["preview", "--pages", "1-3", "--out", str(out), "--dpi", "40"])
    assert result.exit_code == 0, result.output
    pages = sorted(out.glob("page-*.png"))
    assert [p.name for p in pages] == ["page-001.png", "page-002.png", "page-003.png"]
    for p in pages:
        image = Image.open(p)
        assert abs(image.width / image.height - 148 / 210) < 0.01
        assert image.convert("L").point(lambda v: 255 if v < 128 else 0).getbbox() is not None
    assert (out / "contact-sheet.png").is_file()
    bad = runner.invoke(app, ["preview", "--pages", "40-50", "--out", str(out)])
    assert bad.exit_code == 2 and "outside them" in bad.output
    # -o, as for `make` (it was 'No such option: -o')
    short = runner.invoke(app, ["preview", "--pages", "2", "-o", str(tmp_path / "short"), "--dpi", "20"])
    assert short.exit_code == 0, short.output
    assert [p.name for p in (tmp_path / "short").glob("page-*.png")] == ["page-002.png"]
    # pictures of the last preview's pages stayed beside the new ones: a booklet made
    # shorter still showed its old last pages in the folder
    again = runner.invoke(app, ["preview", "--pages", "1", "--out", str(out), "--dpi", "20"])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.iterdir()) == ["contact-sheet.png", "page-001.png"]


@pytest.mark.parametrize("dpi", ["0", "-5", "5000"])       # (before: a traceback; gigapixel pictures)
def test_preview_resolution_is_within_reason(runner, tmp_path, dpi):
    result = runner.invoke(app, ["preview", "--pages", "1", "--out", str(tmp_path), "--dpi", dpi])
    assert result.exit_code == 2
    assert f"Invalid value for '--dpi': {dpi} is not in the range 10<=x<=600" in result.stderr


def test_quiet_prints_nothing(runner, tiny, tmp_path):
    result = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "b.pdf"), "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_a_layout_named_in_booklet_yaml_is_found_beside_it_from_anywhere(runner, tiny, tmp_path, monkeypatch):
    (tiny / "mine.yaml").write_text("extends: classic\npage:\n  size: A4\n")
    (tiny / "booklet.yaml").write_text("layout: mine.yaml\n" + (tiny / "booklet.yaml").read_text())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)           # the layout is not where the command runs
    result = runner.invoke(app, ["make", str(tiny), "-o", "out.pdf"])
    assert result.exit_code == 0, result.output
    assert "(layout: mine)" in result.stdout
    box = __import__("pypdf").PdfReader(str(elsewhere / "out.pdf")).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)


@pytest.mark.parametrize("layout, message", [
    ("clasic", "no layout named 'clasic'\n  hint: did you mean 'classic'?"),
    ("gone.yaml", "layout file not found beside booklet.yaml: gone.yaml"),
    ("../outside.yaml", "cannot use '../outside.yaml': the path leaves the folder"),
])
def test_a_wrong_layout_in_booklet_yaml_names_its_line(runner, tiny, tmp_path, layout, message):
    (tmp_path / "outside.yaml").write_text("extends: classic\n")
    (tiny / "booklet.yaml").write_text((tiny / "booklet.yaml").read_text() + f"layout: {layout}\n")
    line = (tiny / "booklet.yaml").read_text().count("\n")
    result = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tiny / 'booklet.yaml'}, line {line}, field 'layout': {message}")


def test_make_given_the_booklet_yaml_builds_its_folder(runner, tiny, tmp_path):
    result = runner.invoke(app, ["make", str(tiny / "booklet.yaml"), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.output
    assert "A Small Booklet" in pdf_text(tmp_path / "x.pdf")


def test_make_given_another_file_says_to_give_its_folder(runner, tiny, tmp_path):
    result = runner.invoke(app, ["make", str(tiny / "story.md"), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tiny / 'story.md'}: this is a file; booklet make wants the folder "
                             f"that holds booklet.yaml\n  hint: try: booklet make {tiny}\n")


@pytest.mark.skipif(sys.platform == "win32", reason="a folder in use cannot be removed there")
def test_a_folder_removed_under_the_command_is_an_error_not_a_traceback(tmp_path):
    """Run in a folder that was deleted meanwhile, `make --watch` printed a traceback from
    reportlab's import (which looks where it is run)."""
    import subprocess

    gone = tmp_path / "gone"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m booklet make --watch'
    run = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr == ("error: the folder this command runs in no longer exists\n"
                          "  hint: go to another folder (cd) and run it again\n")


def test_what_people_wrote_reaches_the_terminal_as_text_not_as_escape_sequences(runner, tmp_path):
    """A title 'Memory<ESC>[2J' cleared the screen in 'booklet check'; a commenter named
    'Evil<ESC>[31m...' coloured 'booklet comments', and U+202E turned its line around."""
    import yaml

    from conftest import TINY, write_booklet

    evil = "Evil\x1b[31mRED\u202e"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"].replace(
        "title: A Small Booklet", 'title: "Memory\\e[2J"'),
        "comments.yaml": yaml.safe_dump([{"name": evil, "text": "the same words"}] * 2)})
    outputs = [runner.invoke(app, [command, str(folder)]).output for command in ("check", "comments")]
    outputs.append(runner.invoke(app, ["make", str(folder), "-o", str(tmp_path / "b.pdf")]).output)
    for out in outputs:
        assert "\x1b" not in out and "\u202e" not in out, out
    assert "OK: Memory\\x1b[2J:" in outputs[0]
    assert "repeats the comment by Evil\\x1b[31mRED\\u202e (line 1)" in outputs[1]
