"""The conveniences of issue 8: personalised copies (--each, --combine), --watch, progress, colour."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from booklet.cli import app
from booklet.progress import TerminalProgress, listening, step

from conftest import page_texts, pdf_text


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def personal(tiny):
    yaml = (tiny / "booklet.yaml").read_text().replace("subtitle: For the tests",
                                                       "subtitle: For the tests\ndedication: Presented to {name}, {class}")
    (tiny / "booklet.yaml").write_text(yaml)
    return tiny


def test_each_makes_one_pdf_per_row_with_its_own_name(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text('name,class\nAda Lovelace,6B\n"Brontë, Emily",6C\n\n<b>Zoë</b> O\'Brien,6A\n', encoding="utf-8")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "out" / "b.pdf")])
    assert result.exit_code == 0, result.output
    made = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in made] == ["b-1-ada-lovelace.pdf", "b-2-brontë-emily.pdf", "b-3-b-zoë-b-o-brien.pdf"]
    texts = [pdf_text(p) for p in made]
    assert "Presented to Ada Lovelace, 6B" in texts[0] and "Emily" not in texts[0]
    assert "Presented to Brontë, Emily, 6C" in texts[1]
    assert "Presented to <b>Zoë</b> O'Brien, 6A" in texts[2]          # data, printed literally
    assert "Wrote 3 copies" in result.stdout


def test_each_lists_four_copies_and_elides_only_beyond(runner, personal, tmp_path):
    """Four copies were listed as three names and '... the fourth', as if some were left out."""
    names = tmp_path / "names.csv"
    for rows, listed in ((4, [1, 2, 3, 4]), (6, [1, 2, 3])):
        names.write_text("name,class\n" + "".join(f"P{i},6B\n" for i in range(1, rows + 1)), encoding="utf-8")
        out = tmp_path / f"o{rows}"
        result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(out / "b.pdf")])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(f"Wrote {rows} copies"))
        shown = [f"  {out / f'b-{i}-p{i}.pdf'}" for i in listed]
        if rows > 4:
            shown.append(f"  ... {rows - 4} more, the last {out / f'b-{rows}-p{rows}.pdf'}")
        assert lines[start + 1:start + 1 + len(shown) + 1] == shown


def test_a_warning_about_some_copies_says_which(runner, personal, tmp_path):
    """A name too long for the cover in one row was warned about once, with no word of
    whose copy it was."""
    yaml = (personal / "booklet.yaml").read_text().replace("title: A Small Booklet", "title: For {name}")
    (personal / "booklet.yaml").write_text(yaml)
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAda,6B\n" + "Bartholomew " * 18 + ",6C\nCy,6A\n", encoding="utf-8")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "o" / "b.pdf")])
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "too long for the cover" in line]
    assert warning.endswith("(in the copy for names.csv line 3: Bartholomew Bartholomew Barth…)")
    names.write_text("name,class\nAda,6B\n" + ("Bartholomew " * 18 + ",6C\n") * 2 + "Cy,6A\n", encoding="utf-8")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "p" / "b.pdf")])
    [warning] = [line for line in result.stderr.splitlines() if "too long for the cover" in line]
    assert warning.endswith("(in the copies for names.csv lines 3, 4)")


def test_each_output_pattern_and_semicolons(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    # (Excel: a BOM, ';'; and Con, a pupil's name that is a device's on Windows, where no file can be 'con.pdf')
    names.write_bytes("\ufeffname;class\nJosé;5A\n../../etc/passwd;5B\nCon;5C\n".encode("utf-8"))
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "{name}.pdf")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["con-3.pdf", "etc-passwd.pdf", "josé.pdf"]
    assert "Presented to José, 5A" in pdf_text(tmp_path / "josé.pdf")


def test_combine_makes_one_print_file_each_copy_on_fresh_sheets(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAnn,1\nBob,2\nCyd,3\n")
    out = tmp_path / "all.pdf"
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "--combine", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    per_copy = summary["copies"][0]["pages"]
    pages = page_texts(out)
    padded = per_copy + per_copy % 2
    assert len(pages) == 3 * padded
    for i, name in enumerate(["Ann", "Bob", "Cyd"]):
        copy = " ".join(pages[i * padded:(i + 1) * padded])
        assert f"Presented to {name}, {i + 1}" in copy
    assert list(tmp_path.glob("all-*.pdf")) == []                        # no loose copies beside it


def test_combine_with_impose_joins_the_print_files(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAnn,1\nBob,2\n")
    out = tmp_path / "all.pdf"
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "--combine", "--impose", "saddle",
                                 "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    sheets = -(-json.loads(result.stdout)["copies"][0]["pages"] // 4)
    printer = PdfReader(str(tmp_path / "all-print.pdf"))
    assert len(printer.pages) == 2 * 2 * sheets                         # two sides a sheet, two copies
    assert float(printer.pages[0].mediabox.width) > float(printer.pages[0].mediabox.height)
    # how to print them, as for one booklet, and that the copies follow one another (there was no guide)
    guide = (tmp_path / "all-print.txt").read_text()
    assert guide.startswith("How to print all-print.pdf\n==========================\n")
    assert "1. Open all-print.pdf and choose Print." in guide and "flip on the SHORT edge" in guide
    assert (f"The 2 copies follow one another in all-print.pdf, {sheets} sheet{'s' * (sheets > 1)} each "
            f"({2 * sheets} in all)") in guide


def test_combined_copies_go_into_a_new_folder_and_never_over_other_work(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAnn,1\nBob,2\n")
    out = tmp_path / "new" / "all.pdf"                          # (before: FileNotFoundError)
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "--combine", "--impose", "saddle",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "all.pdf").is_file() and (tmp_path / "new" / "all-print.pdf").is_file()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "--combine", "-o", str(notes)])
    assert result.exit_code == 2 and "the output's name should end in .pdf" in result.stderr
    assert notes.read_text() == "mine"                          # (before: the copies were written over it)


def test_a_mistyped_placeholder_names_file_and_line(runner, personal, tmp_path):
    (personal / "story.md").write_text("# Story\n\nWelcome, {nmae}.\n")
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAnn,1\n")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: story.md, line 3: {nmae} is not a column of names.csv; "
                                    "did you mean 'name'?")
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize("data, message", [
    (b"", "the recipients file is empty"),
    (b"name,class\n", "there is a header row but no rows under it"),
    (b"name,,class\nAnn,1,2\n", "line 1: column 2 has no name"),
    (b"name\nAnn\nBob,Smith\n", "line 3: this row has 2 cells but the header names 1 columns"),
    (b"name\nZo\x81\n", "line 2: is not UTF-8 text (byte 0x81 is not valid UTF-8)"),     # (nor Windows-1252)
])
def test_bad_recipients_files_are_explained(runner, personal, tmp_path, data, message):
    names = tmp_path / "names.csv"
    names.write_bytes(data)
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 1, result.output
    assert message in result.stderr and str(names) in result.stderr
    assert "Traceback" not in result.output


def test_recipients_saved_as_excel_csv_on_windows_are_read(runner, personal, tmp_path):
    """Excel's 'CSV (Comma delimited)' on Windows is Windows-1252: 'Zoë' was 'is not UTF-8
    text'. Read so, and said."""
    names = tmp_path / "names.csv"
    names.write_bytes("name,class\nZoë,6B\n".encode("cp1252"))
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert "names.csv is not UTF-8 (line 2 first): it was read as Windows-1252" in result.stderr
    assert "Presented to Zoë, 6B" in pdf_text(tmp_path / "b-1-zoë.pdf")


def test_recipients_saved_as_excel_unicode_text_are_read(runner, personal, tmp_path):
    """Excel's 'Unicode Text' is tab-separated UTF-16 with a byte-order mark."""
    names = tmp_path / "names.txt"
    names.write_bytes("name\tclass\r\nZoë\t4B\r\nBjörn\t4C\r\n".encode("utf-16"))
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("b*.pdf"))) == 2


def test_each_without_placeholders_warns_that_copies_are_the_same(runner, tiny, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name\nAnn\nBob\n")
    result = runner.invoke(app, ["make", str(tiny), "--each", str(names), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0
    assert "no {column} of names.csv is used in the content" in result.stderr


def test_a_copy_that_cannot_be_made_names_its_row_and_the_others_are_made(runner, personal, tmp_path):
    """A name of 300 letters made its copy's cover too full: the error named booklet.yaml's
    title and not the row, and the copies after it were never made."""
    (personal / "booklet.yaml").write_text((personal / "booklet.yaml").read_text().replace(
        "title: A Small Booklet", "title: For {name}"))
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAda,6B\n" + "A" * 600 + ",6C\nBob,6D\n")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "out" / "b.pdf")])
    assert result.exit_code == 1
    assert "the title is too long" in result.stderr
    assert "(in the copy for names.csv line 3: AAAAAAAAAAAAAAAAAAAAAAAAAAAAA…)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["b-1-ada.pdf", "b-3-bob.pdf"]
    assert "the other 2 copies were made" in result.stderr


def test_placeholders_made_without_each_are_said_to_print_as_typed(runner, personal, tmp_path):
    result = runner.invoke(app, ["make", str(personal), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert "Presented to {name}, {class}" in pdf_text(tmp_path / "b.pdf")     # as typed, and said:
    assert ("booklet.yaml line 3: {name} and {class} are filled in only for copies made with --each "
            "(booklet make FOLDER --each names.csv); without that, they are printed as typed") in result.stderr
    (tmp_path / "n.csv").write_text("name,class\nAnn,6B\n")
    each = runner.invoke(app, ["make", str(personal), "-o", str(tmp_path / "c.pdf"), "--each", str(tmp_path / "n.csv")])
    assert each.exit_code == 0 and "printed as typed" not in each.output
    (personal / "booklet.yaml").write_text((personal / "booklet.yaml").read_text().replace("{name}, {class}", "{1992}"))
    quiet = runner.invoke(app, ["make", str(personal), "-o", str(tmp_path / "d.pdf")])
    assert "--each" not in quiet.stderr                # braces around a number, or prose, are not placeholders


@pytest.mark.parametrize("args, message", [
    (["--combine"], "--combine joins the copies made with --each"),
    (["--watch", "--each", "x.csv"], "--watch rebuilds one booklet"),
])
def test_option_combinations_that_make_no_sense_are_usage_errors(runner, tiny, args, message):
    result = runner.invoke(app, ["make", str(tiny), *args])
    assert result.exit_code == 2 and message in result.output


def _wait_for(condition, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _text_or_empty(pdf: Path) -> str:
    try:
        return pdf_text(pdf)
    except Exception:
        return ""


def test_watch_rebuilds_after_a_change_keeps_the_last_good_pdf_and_stops_on_ctrl_c(tiny, tmp_path):
    out = tmp_path / "w.pdf"
    # (Ctrl-C as a terminal sends it: a shell starts a job run in the background, as the tests
    # may be, with Ctrl-C ignored, which the child would inherit and never stop)
    proc = subprocess.Popen([sys.executable, "-m", "booklet", "make", str(tiny), "-o", str(out), "--watch"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert _wait_for(lambda: "first paragraph of the story" in _text_or_empty(out))
        time.sleep(0.5)                                  # the watcher is set up after the first build
        with open(tiny / "story.md", "a") as f:
            f.write("\nA sentence added while watching.\n")
        assert _wait_for(lambda: "added while watching" in _text_or_empty(out))
        good = out.read_bytes()
        (tiny / "comments.yaml").write_text("- name: [unclosed\n")
        time.sleep(3)
        assert out.read_bytes() == good                  # the error does not touch the last good PDF
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=20)
    finally:
        proc.kill() if proc.poll() is None else None
    assert proc.returncode == 0, stderr
    assert "Changed: story.md" in stdout and "Changed: comments.yaml" in stdout
    assert "comments.yaml, line 1: not valid YAML" in stderr and "The last good w.pdf, if any, is unchanged" in stderr
    assert stderr.rstrip().endswith("Stopped watching.") and "Traceback" not in stderr


def test_watch_through_clirunner_rebuilds_and_stops(runner, tiny, tmp_path):
    """The same through Typer's CliRunner: a thread edits a file, then interrupts, as Ctrl-C would."""
    out = tmp_path / "w.pdf"

    def edit_then_interrupt():
        _wait_for(lambda: "first paragraph of the story" in _text_or_empty(out))
        time.sleep(0.5)
        (tiny / "story.md").write_text("# Story\n\nOnly this now.\n")
        _wait_for(lambda: "this now" in _text_or_empty(out))
        os.kill(os.getpid(), signal.SIGINT)

    helper = threading.Thread(target=edit_then_interrupt)
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)   # (as above: a background job's)
    try:
        helper.start()
        result = runner.invoke(app, ["make", str(tiny), "-o", str(out), "--watch", "--quiet"])
        helper.join(timeout=60)
    finally:
        signal.signal(signal.SIGINT, ignored)
    assert result.exit_code == 0, result.output
    assert "this now" in pdf_text(out)
    assert "Stopped watching." in result.stderr


def test_watch_ignores_what_the_build_writes(tiny):
    from watchfiles import Change

    from booklet.watch import make_filter

    interesting = make_filter([tiny / "booklet.pdf"])
    assert interesting(Change.modified, str(tiny / "story.md"))
    assert not interesting(Change.modified, str(tiny / "booklet.pdf"))
    assert not interesting(Change.added, str(tiny / ".booklet.pdf.x1y2.tmp"))
    assert not interesting(Change.modified, str(tiny / "story.md~"))
    assert not interesting(Change.added, str(tiny / "preview" / "page-001.png"))
    assert not interesting(Change.added, str(tiny / "~$story.docx"))          # (Word, opening the story)
    assert interesting(Change.modified, str(tiny / "story.docx"))


def test_watch_does_not_name_a_file_made_and_removed_in_one_save(tiny):
    from watchfiles import Change

    from booklet.watch import settled

    temporary, story = str(tiny / "sedX1y2Z3"), str(tiny / "story.md")     # sed -i, or an editor
    burst = {(Change.added, temporary), (Change.modified, temporary), (Change.deleted, temporary),
             (Change.added, story)}
    assert settled(burst) == [tiny / "story.md"]                    # (before: 'Changed: story.md, sedX1y2Z3')
    assert settled({(Change.added, temporary), (Change.deleted, temporary)}) == []   # no rebuild
    assert settled({(Change.deleted, story)}) == [tiny / "story.md"]  # a file removed is a change


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_a_bar_once_a_build_takes_a_moment_and_clears_it():
    stream = FakeTerminal()
    bar = TerminalProgress(stream, delay=0.0)
    with listening(bar):
        step("Preparing photos", 10, 40)
        time.sleep(0.06)
        step("Preparing photos", 40, 40)
    drawn = stream.getvalue()
    assert "\rPreparing photos   [######------------------] 10/40" in drawn
    assert "[########################] 40/40" in drawn
    assert drawn.endswith("\r" + " " * 79 + "\r")                      # the line is cleared at the end
    quick = FakeTerminal()
    with listening(TerminalProgress(quick, delay=5.0)):
        step("Laying out pages", 3)
    assert quick.getvalue() == ""                                       # a quick build shows no bar
    step("Laying out pages", 4)                                         # no one listening: nothing happens


def test_a_build_reports_its_photos_and_pages(tmp_path):
    from booklet.build import build
    from test_photos import card, photo_booklet

    folder = photo_booklet(tmp_path, {"a.png": card(), "b.png": card(500, 300), "c.png": card(300, 300)})
    seen = []
    with listening(lambda what, done, total: seen.append((what, done, total))):
        result = build(folder, output=tmp_path / "b.pdf")
    pages = [done for what, done, _ in seen if what == "Laying out pages"]
    assert pages and pages[-1] == result.pages
    photos = [(done, total) for what, done, total in seen if what == "Preparing photos"]
    assert [done for done, _ in photos] == [1, 2, 3] and {total for _, total in photos} == {3}


def test_no_progress_or_colour_codes_when_not_on_a_terminal(runner, tiny, tmp_path):
    result = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "b.pdf")])
    assert "\r" not in result.output and "\x1b[" not in result.output
    (tiny / "booklet.yaml").write_text("title: [\n")
    bad = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "b.pdf")])
    assert bad.stderr.startswith("error: ") and "\x1b[" not in bad.stderr
    coloured = runner.invoke(app, ["make", str(tiny), "-o", str(tmp_path / "b.pdf")], color=True)
    assert coloured.stderr.startswith("\x1b[31m\x1b[1merror:\x1b[0m ")


def test_shell_completion_is_offered(runner):
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.output and "--show-completion" in result.output


def test_one_copy_is_one_copy(runner, personal, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,class\nAda Lovelace,6B\n", encoding="utf-8")
    result = runner.invoke(app, ["make", str(personal), "--each", str(names), "-o", str(tmp_path / "{name}.pdf")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote 1 copy, ") and " pages:\n" in result.stdout     # not '1 copies ... each'
