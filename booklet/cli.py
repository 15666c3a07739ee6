"""The command line: options in, a call to the pipeline, a message and an exit code out.

Exit codes: 0 done, 1 a problem with the content or layout, 2 a usage error.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import BookletError, Problem, printable, some, typed

# what people call our commands, from other tools ('booklet build')
OTHER_NAMES = {"build": "make", "render": "make", "generate": "make", "create": "make", "pdf": "make",
               "run": "make", "new": "init", "start": "init", "validate": "check", "lint": "check",
               "list": "layouts", "themes": "layouts", "layout": "layouts", "import": "import-comments",
               "show": "preview", "view": "preview", "comment": "comments"}


class _Commands(typer.core.TyperGroup):
    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except Exception as e:        # click's 'No such command': say ours, when it is another's name
            meant = OTHER_NAMES.get(args[0].lower()) if args else None
            if meant and isinstance(getattr(e, "message", None), str) and "Did you mean" not in e.message:
                e.message = f"{e.message.rstrip('.')}. Did you mean '{meant}'?"
            raise


app = typer.Typer(
    cls=_Commands,
    add_completion=True, no_args_is_help=True, rich_markup_mode=None,
    help="Turn a folder of words and pictures into a print-ready booklet (PDF).\n\n"
         "Start with 'booklet make': it builds the bundled example into booklet.pdf.",
    epilog="Examples:\n\n  booklet make\n\n  booklet make my-booklet/ -o program.pdf",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool):
    if value:
        typer.echo(f"booklet {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
):
    pass


def _known_layout(value: Optional[str]) -> Optional[str]:
    """A bundled layout's name misspelt on the command line is a mistake on the command
    line (exit 2, as a value of --impose or --sheet that is not one of theirs; it was 1, a
    problem in the files). A layout file that is not there, or is wrong inside, is a
    problem with a file (exit 1), as a content folder that is not there is."""
    if value is None:
        return value
    from .theme import find_theme, names_a_file

    if not names_a_file(value):
        try:
            find_theme(value)
        except BookletError as e:
            problem = e.problems[0]
            raise typer.BadParameter(_plain(problem.message + (f" ({problem.hint})" if problem.hint else "")))
    return value


def _output_named(output: Path) -> None:
    """`-o` naming a folder, a file whose name does not end in .pdf, or someone's file that
    is not a PDF is a mistake on the command line (exit 2, as other values of options); the
    PDF is never written over it (output.check_output, which build() checks again)."""
    from .output import check_output

    try:
        check_output(Path(output))
    except BookletError as e:
        problem = e.problems[0]
        raise typer.BadParameter(_plain(f"{problem.file}: {problem.message}" + (
            f" ({problem.hint})" if problem.hint else "")), param_hint="--output") from None
    except OSError:
        pass                                # (a name too long, say: the build says so, as for any file)


def _length(value: Optional[str], option: str, most_mm: float | None = None, advice: str = "") -> float:
    """A length option in points; with `most_mm`, from 0 to that many millimetres."""
    from .schema import UNITS, parse_length

    if value is None:
        return 0.0
    points = parse_length(value)
    if points is None:
        raise typer.BadParameter(f"expected a length such as 3mm or 0.1mm, found '{value}'", param_hint=option)
    if points and parse_length(value.strip() + "pt") is not None:
        # a bare number: millimetres to a print shop in Europe, inches in America, points
        # to reportlab ('--bleed 3' was a bleed of 1.06 mm)
        raise typer.BadParameter(f"'{value}' has no unit: write {value.strip()}mm (or in for inches, pt for points)",
                                 param_hint=option)
    if most_mm is not None and not 0 <= points <= most_mm * UNITS["mm"]:
        raise typer.BadParameter(f"expected a length from 0 to {most_mm:g}mm{advice}, found '{value}'",
                                 param_hint=option)
    return points


MAX_PAGES = 1000      # --fit N: a booklet, not a phone book (a stapled one holds about 100)


def _bleed(value: Optional[str]) -> float:
    return _length(value, "--bleed", most_mm=20, advice=" (print shops ask for 3mm or 5mm)")


def _fit(value: Optional[str]):
    if value in (None, "auto"):
        return value
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGES:
        raise typer.BadParameter(f"expected a number of pages from 1 to {MAX_PAGES}, such as 12, found '{value}'",
                                 param_hint="--fit")
    return int(value)


FOLDER_HELP = ("Folder with booklet.yaml. Default: the folder you are in, if it holds one; "
               "else the bundled Redmond example.")


@app.command(epilog="Examples:\n\n  booklet make\n\n  booklet make my-booklet/ --layout classic -o program.pdf\n\n"
                    "  booklet make --layout classroom --impose saddle      (to print and fold at school)\n\n"
                    "  booklet make --bleed 3mm --crop-marks --fit          (for a print shop)")
def make(
    content_dir: Optional[Path] = typer.Argument(
        None, help=FOLDER_HELP, show_default=False),
    layout: Optional[str] = typer.Option(
        None, "--layout", "-l", callback=_known_layout,
        help="A bundled layout name or a layout .yaml file. Default: the booklet's own, else classic."),
    output: Path = typer.Option(Path("booklet.pdf"), "--output", "-o", help="Where to write the PDF."),
    impose: Optional[str] = typer.Option(None, "--impose", help="saddle (or --impose alone): also write "
                                         "NAME-print.pdf, pages in order to print two-up on both sides, fold and "
                                         "staple."),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="Paper for --impose: a4, letter, a3 or tabloid. "
                                        "Default: from the page size (A5 on A4, A4 on A3, half-letter on "
                                        "Letter, Letter on Tabloid)."),
    creep: Optional[str] = typer.Option(None, "--creep", help="With --impose: move inner pages outward by this "
                                        "much per sheet, e.g. 0.1mm (negative: inward)."),
    bleed: Optional[str] = typer.Option(None, "--bleed", help="Extend each page by this much for a print shop, "
                                        "e.g. 3mm; sets TrimBox and BleedBox."),
    crop_marks: bool = typer.Option(False, "--crop-marks", help="Draw crop marks outside the bleed."),
    fit: Optional[str] = typer.Option(None, "--fit", help="Land on a multiple of 4 pages (--fit auto, or "
                                      "--fit alone) or on exactly N pages (--fit 12)."),
    allow_low_res: bool = typer.Option(False, "--allow-low-res", help="With --bleed: build even with photos "
                                       "under 150 dpi."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when a preflight check fails."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object, for scripts."),
    watch: bool = typer.Option(False, "--watch", "-w", help="Keep running: build again whenever a content "
                               "or layout file changes (Ctrl-C to stop)."),
    each: Optional[Path] = typer.Option(None, "--each", help="A .csv file with a header row: one personalised "
                                        "copy per row, its {column}s filled in the content."),
    combine: bool = typer.Option(False, "--combine", help="With --each: all the copies in one PDF, to print "
                                 "in one go."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Build a booklet PDF from a content folder."""
    from .build import Options, build

    impose = impose and impose.strip().lower()
    if impose not in (None, "saddle"):
        raise typer.BadParameter(f"the only imposition is 'saddle', found '{impose}'", param_hint="--impose")
    if sheet is not None:             # 'A4', 'Letter', 'US Letter', 'Ledger', '11x17' as well
        from .schema import meant, squeezed

        asked = squeezed(sheet).removeprefix("us")
        written, sheet = sheet, meant({"ledger": "tabloid", "11x17": "tabloid"}.get(asked, asked),
                                      ("a4", "letter", "a3", "tabloid"))
        if sheet is None:
            raise typer.BadParameter(f"expected a4, letter, a3 or tabloid, found '{written}'", param_hint="--sheet")
    if combine and not each:
        raise typer.BadParameter("--combine joins the copies made with --each; add --each names.csv",
                                 param_hint="--combine")
    if creep is not None and not impose:
        raise typer.BadParameter("--creep adjusts the pages of --impose saddle; add --impose saddle",
                                 param_hint="--creep")
    if watch and each:
        raise typer.BadParameter("--watch rebuilds one booklet; make the copies once you are happy with it",
                                 param_hint="--watch")
    options = Options(bleed=_bleed(bleed), crop_marks=crop_marks, allow_low_res=allow_low_res,
                      impose=impose, sheet=sheet, creep=_length(creep, "--creep"), fit=_fit(fit))
    _output_named(output)
    if impose and (options.bleed or crop_marks):
        raise typer.BadParameter("--impose is for printing it yourself, --bleed and --crop-marks are for a print "
                                 "shop (which imposes the pages itself); choose one", param_hint="--impose")
    show = dict(quiet=quiet, as_json=as_json)
    if each:
        _make_copies(content_dir, layout, output, options, each, combine, strict, debug, **show)
        return
    if watch:
        _watch(content_dir, layout, output, options, debug, **show)
        return
    new_folder = not Path(output).parent.exists()
    with _progress(quiet or as_json):
        result = _run(lambda: build(content_dir, layout, output, options), debug)
    failed = _show(result, **show)
    if new_folder and not (quiet or as_json):       # (a mistyped folder is then not a mystery)
        typer.echo(f"(The folder {Path(output).parent} was not there: it was made.)", err=True)
    if not (quiet or as_json) and _is_example(content_dir):
        typer.echo(f"(This is the bundled example. To start your own: {_start_here()}, "
                   "then booklet make my-booklet)", err=True)
    if failed and strict:
        if not as_json and not quiet:
            typer.echo(_styled("error:", "red") + " a preflight check did not pass (--strict)", err=True)
        raise typer.Exit(1)


def _start_here() -> str:
    """The command that starts a booklet: of the Word document (or Writer, Rich Text) in the
    folder the person is in, if there is one (a eulogy beside which they ran the example)."""
    from .load import WORD_PROCESSED

    try:
        found = sorted(p.name for p in Path.cwd().iterdir() if p.suffix.lower() in WORD_PROCESSED and p.is_file()
                       and not p.name.startswith(("~$", ".")))
    except OSError:
        found = []
    return f"booklet init my-booklet --from {typed(found[0])}" if found else "booklet init my-booklet"


def _is_example(content_dir) -> bool:
    """Whether the command, given no folder, builds the bundled example."""
    from .resources import content_folder, example_content

    return content_dir is None and content_folder(None) == example_content()


def _show(result, quiet: bool, as_json: bool) -> bool:
    """Print what a build made; True when a preflight check failed."""
    failed = _failed(result.preflight)
    if as_json:
        import json
        typer.echo(json.dumps(_summary(result)))
    if quiet or as_json:
        return failed
    for w in result.warnings:
        typer.echo(_styled("warning:", "yellow") + f" {_plain(w)}", err=True)
    typer.echo(f"Wrote {result.pdf}: {result.pages} pages, {_size(result.bytes)} (layout: {result.layout})")
    for line in result.selected:
        typer.echo(f"  {_plain(line)}")
    for change in result.fitted:
        typer.echo(f"  to fit: {_plain(change)}")
    if result.print_pdf:
        typer.echo(f"Wrote {result.print_pdf}: {result.sheets} sheet{'s' * (result.sheets != 1)} to print "
                   f"on both sides; how to print it is in {result.print_pdf.with_suffix('.txt').name}\n")
        typer.echo(result.guide)
    typer.echo("Preflight:")
    for check in result.preflight:
        typer.echo(_plain(str(check)))
    return failed


def _progress(silent: bool):
    """A progress line on standard error, for a person at a terminal only."""
    import contextlib

    from .progress import TerminalProgress, listening

    if silent or not sys.stderr.isatty():
        return contextlib.nullcontext()
    return listening(TerminalProgress(sys.stderr))


def _watch(content_dir, layout, output: Path, options, debug: bool, quiet: bool, as_json: bool):
    """Build, then build again after each change; an error is shown and the last good PDF kept."""
    from .build import build
    from .flowables import reuse
    from .resources import content_folder
    from .watch import watch, watched_paths

    folder = content_folder(content_dir)
    if not folder.is_dir():
        _fail(BookletError(f"{folder} is not a folder"), debug)
    output = Path(output)
    outputs = [output, output.with_name(output.stem + "-print.pdf"), output.with_name(output.stem + "-print.txt")]

    def once(changed=()):
        if changed and not (quiet or as_json):
            names = ", ".join(_relative(p, folder) for p in changed[:5]) + (" ..." if len(changed) > 5 else "")
            typer.echo(f"\nChanged: {names}")
        try:
            with _progress(quiet or as_json):
                _show(_run(lambda: build(content_dir, layout, output, options), debug), quiet, as_json)
        except typer.Exit as e:   # the error is printed; the last good PDF stays as it was
            if e.exit_code == 130:
                raise             # Ctrl-C during a build stops watching
            if not as_json:
                typer.echo(f"The last good {output.name}, if any, is unchanged. Fix the file and save it again.",
                           err=True)
        if not as_json:
            typer.echo(f"Watching {folder} for changes (Ctrl-C to stop)...", err=True)

    with reuse.keeping():       # a rebuild breaks into lines only the comments that changed
        once()
        watch(watched_paths(folder, layout), outputs, once)
    if not as_json:
        typer.echo("Stopped watching.", err=True)


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(path)


def _make_copies(content_dir, layout, output: Path, options, each: Path, combine: bool, strict: bool,
                 debug: bool, quiet: bool, as_json: bool):
    """One personalised PDF per row of a CSV file, or one PDF of them all with --combine."""
    from .copies import build_copies, check_placeholders, read_recipients
    from .progress import step
    from .resources import content_folder

    folder = content_folder(content_dir)
    recipients = _run(lambda: read_recipients(each), debug)
    warnings = _run(lambda: check_placeholders(folder, recipients), debug)
    with _progress(quiet or as_json):
        results, notes = _run(lambda: build_copies(content_dir, layout, output, options, recipients, combine,
                                                   progress=lambda done, total: step("Building copies", done,
                                                                                     total)), debug)
    failed = any(_failed(r.preflight) for r in results)
    warnings += _copy_warnings(results, recipients)
    if as_json:
        import json
        typer.echo(json.dumps({"copies": [_summary(r) for r in results], "combined": str(output) if combine
                               else None, "warnings": warnings + notes}))
    elif not quiet:
        for w in warnings:
            typer.echo(_styled("warning:", "yellow") + f" {_plain(w)}", err=True)
        if combine:
            typer.echo(f"Wrote {output}: {_copies(len(results))}, {_size(output.stat().st_size)}")
            if options.impose:
                typer.echo(f"Wrote {output.with_name(output.stem + '-print.pdf')}: the copies imposed, to print "
                           f"on both sides (each copy's sheets one after another); how to print it is in "
                           f"{output.with_name(output.stem + '-print.txt').name}")
            for note in notes:
                typer.echo(f"  {_plain(note)}")
        else:
            pages = sorted({r.pages for r in results})
            each = " each" if len(results) > 1 else ""
            typer.echo(f"Wrote {_copies(len(results))}, {'/'.join(map(str, pages))} pages{each}:")
            for r in results if len(results) <= 4 else results[:3]:
                typer.echo(f"  {r.pdf}")
            if len(results) > 4:        # (four were three names and '... the fourth')
                typer.echo(f"  ... {len(results) - 4} more, the last {results[-1].pdf}")
    if strict and failed:
        raise typer.Exit(1)


def _copy_warnings(results, recipients) -> list[str]:
    """Each copy's warnings, once, naming the rows whose copies they are about when not all
    of them, as a copy's errors do (a name too long for the cover was said once, with no
    word of whose)."""
    copies: dict[str, list[int]] = {}
    for n, result in enumerate(results):
        for w in result.warnings:
            copies.setdefault(w, []).append(n)
    out = []
    for w in sorted(copies):
        which = copies[w]
        if len(which) < len(results):
            lines = [recipients.rows[n][0] for n in which]
            if len(lines) == 1:
                name = printable(recipients.rows[which[0]][1][recipients.columns[0]], 30)
                w += f" (in the copy for {recipients.path.name} line {lines[0]}: {name})"
            else:
                shown = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
                w += f" (in the copies for {recipients.path.name} lines {shown})"
        out.append(w)
    return out


def _copies(n: int) -> str:
    return f"{n} cop{'ies' if n != 1 else 'y'}"


def _summary(result) -> dict:
    return {"pdf": str(result.pdf), "pages": result.pages, "bytes": result.bytes, "layout": result.layout,
            "sheets": -(-result.pages // 4), "warnings": result.warnings, "fitted": result.fitted,
            "selected": result.selected,
            "print_pdf": str(result.print_pdf) if result.print_pdf else None,
            "preflight": [{"check": c.name, "status": c.status, "detail": c.detail} for c in result.preflight]}


def _failed(checks) -> bool:
    from .preflight import failed
    return failed(checks)


def _run(job, debug: bool):
    """Run a build, turning our errors, Ctrl-C and our own bugs into a message and an exit code."""
    try:
        return job()
    except BookletError as e:
        _fail(e, debug)
    except KeyboardInterrupt:
        typer.echo("Stopped; the previous PDF, if any, is unchanged.", err=True)
        raise typer.Exit(130) from None
    except OSError as e:    # the system refused a file: a name too long, a full disk, no permission
        if debug:
            raise
        name = str(e.filename or "")
        name = name if len(name) <= 80 else name[:60] + "..." + name[-17:]
        typer.echo(_styled("error:", "red") + f" {printable(name) + ': ' if name else ''}{e.strerror or e}", err=True)
        raise typer.Exit(1) from None
    except Exception as e:  # a bug of ours: say so plainly, keep the traceback for --debug
        if debug:
            raise
        typer.echo(_styled("error:", "red") + f" unexpected failure ({type(e).__name__}: {e}). "
                   "Run again with --debug and report the traceback.", err=True)
        raise typer.Exit(1) from None


def _report(checks, strict: bool) -> None:
    from .preflight import failed

    typer.echo("Preflight:")
    for check in checks:
        typer.echo(_plain(str(check)))
    if strict and failed(checks):
        typer.echo(_styled("error:", "red") + " a preflight check did not pass (--strict)", err=True)
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  booklet layouts\n\n  booklet layouts large-print\n\n"
                    "  booklet layouts my-layout.yaml > resolved.yaml")
def layouts(
    name: Optional[str] = typer.Argument(None, callback=_known_layout, show_default=False,
                                         help="A layout name or .yaml file: print it in full, after inheritance."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """List the bundled layouts, or show one in full."""
    try:
        if name is None:
            typer.echo("\n".join(_listing()))
            typer.echo("\nUse one with: booklet make --layout NAME   (see one in full: booklet layouts NAME)")
        else:
            from .theme import dump, load_theme
            typer.echo(dump(load_theme(name)), nl=False)
    except BookletError as e:
        _fail(e, debug)


def _listing() -> list[str]:
    """The bundled layouts' lines, from the list written beside them (tests/test_docs.py
    keeps it true): reading and checking the four layouts, and importing the code and
    PyYAML to do it, was a quarter of the command's 0.1 s. Worked out when the list does
    not name the layouts there are."""
    from .resources import LAYOUT_LIST, bundled_names, data_dir

    try:
        lines = (data_dir("layouts") / LAYOUT_LIST).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    if sorted(line.split(" ", 1)[0] for line in lines) == bundled_names():
        return lines
    from .theme import listing
    return listing()


@app.command(epilog="Examples:\n\n  booklet check\n\n  booklet check my-booklet/ --layout classroom")
def check(
    content_dir: Optional[Path] = typer.Argument(None, help=FOLDER_HELP,
                                                 show_default=False),
    layout: Optional[str] = typer.Option(None, "--layout", "-l", callback=_known_layout,
                                         help="A layout name or .yaml file."),
    for_print: bool = typer.Option(False, "--print", help="Also lay the booklet out (writing nothing) and "
                                   "run the print preflight."),
    bleed: Optional[str] = typer.Option(None, "--bleed", help="With --print: the bleed to check for, e.g. 3mm."),
    strict: bool = typer.Option(False, "--strict", help="With --print: exit 1 when a preflight check fails."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Check the content and the layout without building (exit 0 when all is well)."""
    import tempfile

    from .build import Options, build, prepare

    booklet, theme, warnings = _run(lambda: prepare(content_dir, layout), debug)
    from .fit import readable_pictures

    _run(lambda: readable_pictures(booklet), debug)
    styles = _run(lambda: _fonts_readable(theme, booklet.language), debug)
    from .build import stand_in_faces

    warnings = warnings + stand_in_faces(styles)      # (the layout's own bold and italic styles)
    if for_print:
        with tempfile.TemporaryDirectory() as tmp:
            options = Options(bleed=_bleed(bleed), allow_low_res=True)
            result = _run(lambda: build(content_dir, layout, Path(tmp) / "check.pdf", options), debug)
        warnings = result.warnings
    for w in warnings:
        typer.echo(f"warning: {_plain(w)}", err=True)
    count = len(booklet.sections)
    typer.echo(f"OK: {_plain(booklet.title)}: {count} section{'s' * (count != 1)}, layout {_plain(theme.name)}")
    if for_print:
        _report(result.preflight, strict)


def _fonts_readable(theme, language: str) -> None:
    """The layout's own font files open (the bundled ones are read when first used)."""
    from .quickre import import_platypus

    import_platypus()
    from .styles import Styles

    return Styles(theme, language)


@app.command(epilog="Examples:\n\n  booklet comments\n\n  booklet comments my-booklet/")
def comments(
    content_dir: Optional[Path] = typer.Argument(None, help=FOLDER_HELP,
                                                 show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Show which comments go in, which are left out, and why: one line each."""
    from .build import prepare

    booklet, _, _ = _run(lambda: prepare(content_dir, None, typography=False), debug)   # as written
    if not any(section.kind == "comments" for section in booklet.sections):        # (it said nothing at all)
        typer.echo("This booklet has no comments section: booklet.yaml's sections name no comments file "
                   "(add one with a line '  - comments.yaml').")
    for section in booklet.sections:
        if section.kind != "comments":
            continue
        rows = [(c.line, "in ", c, "shortened from %d words" % c.shortened_from if c.shortened_from else "")
                for c in section.items]
        rows += [(c.line, "out", c, why) for c, why in section.dropped]
        for w in section.warnings:        # (how an export's keys were read, say)
            typer.echo(f"warning: {_plain(w)}", err=True)
        typer.echo(_plain(f"{section.file.name}: {len(section.items)} in, {len(section.dropped)} out"))
        for line, status, c, why in sorted(rows, key=lambda r: r[0]):
            words = " ".join(c.text.split())
            preview = printable(words, 40) if words else "(empty)"
            name = printable(c.name, 24) if c.name.strip() else "(no name)"
            typer.echo(f"  line {line:<4} {status}  {name:<24} {preview:<40}  {_plain(why)}".rstrip())


@app.command("import-comments", epilog="Examples:\n\n  booklet import-comments page.txt -o comments.yaml\n\n"
                                       "  booklet import-comments export.csv --drop-duplicates -o comments.yaml")
def import_comments(
    source: Path = typer.Argument(..., help="A pasted web page or a WhatsApp chat export (.txt), a spreadsheet "
                                  "(.xlsx, .ods), a .csv or a .json file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The comments YAML to write. "
                                          "Default: print it."),
    drop_duplicates: bool = typer.Option(False, "--drop-duplicates", help="Leave out exact repeats."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Turn a page of comments into a comments file, names and text exactly as written."""
    from .importer import import_comments as read, to_yaml

    imported = _run(lambda: read(source), debug)
    if drop_duplicates:
        imported.drop_duplicates()
    if not imported.comments:
        for s in imported.skipped:
            typer.echo(f"  not imported: {_plain(s)}", err=True)
        hint = {".csv": "the first row names the columns: name and text",
                ".xlsx": "the first sheet's first row names the columns: name and text",
                ".ods": "the first sheet's first row names the columns: name and text",
                ".json": "the file is a list of objects, each with a name and a text"}.get(
            source.suffix.lower(), "paste the page with each name on a line of its own above the comment")
        if source.suffix.lower() in (".html", ".htm", ".xhtml"):     # (a page that shows its comments with a script)
            hint = ("open the page in your browser, select its comments, copy them and paste them into a text "
                    "file, then import that")
        blank = b" \t\r\n\x00\xef\xbb\xbf"           # (and a UTF-8 mark, as Notepad begins a file)
        if source.is_file() and source.stat().st_size < 1 << 20 and not source.read_bytes().strip(blank):
            _fail(BookletError(Problem("the file is empty, so nothing was written", file=source,
                                       hint="paste the comments into it (or save the page into it), save it, and "
                                            "import it again")), debug)
        _fail(BookletError(Problem("found no comments to import, so nothing was written", file=source, hint=hint)),
              debug)
    text = to_yaml(imported, source)
    if output is None:
        typer.echo(text, nl=False)
    else:
        if output.exists() and output.resolve() == source.resolve():
            _fail(BookletError("the output would overwrite the source; choose another name with -o"), debug)
        if output.suffix.lower() not in (".yaml", ".yml"):
            _fail(BookletError(Problem("a comments file's name ends in .yaml", file=output,
                                       hint=f"for example -o {typed(output.with_suffix('.yaml').name)}")), debug)
        from .output import write_file
        _run(lambda: write_file(output, lambda f: f.write(text.encode("utf-8")), option="-o"), debug)
    count = len(imported.comments)
    typer.echo(f"{count} comment{'s' * (count != 1)} imported" + (f" into {output}" if output else ""), err=True)
    for note in imported.notes:
        typer.echo(f"  {_plain(note)}", err=True)
    for s in imported.skipped:
        typer.echo(f"  not imported: {_plain(s)}", err=True)


@app.command(epilog="Examples:\n\n  booklet init my-booklet\n\n  booklet init grandad --from eulogy.docx")
def init(
    folder: Path = typer.Argument(..., help="The new booklet's folder (it must not exist yet, or be empty; or "
                                  "hold a booklet's files, story.md and the like, to be given a booklet.yaml)."),
    start: str = typer.Option("blank", "--from", help="blank: a commented skeleton to fill in; "
                              "redmond: a copy of the bundled example; or a story (a Word document, .odt, "
                              ".rtf or .md): a booklet of it, the file copied in."),
):
    """Start a new booklet folder that builds at once."""
    from .starter import create

    files = _run(lambda: create(folder, start), False)
    if files:
        named = some([printable(name, 60) for name in files])
        typer.echo(f"Wrote {folder / 'booklet.yaml'} for the files in {folder}/: {named}. Next: check its title "
                   f"and the sections' order, then run:  booklet make {typed(folder)}")
        return
    typer.echo(f"Made {folder}/. Next: edit {folder}/booklet.yaml, then run:  booklet make {typed(folder)}")


@app.command(epilog="Examples:\n\n  booklet preview\n\n  booklet preview my-booklet --pages 1-4 --out pictures/")
def preview(
    content_dir: Optional[Path] = typer.Argument(None, help=FOLDER_HELP,
                                                 show_default=False),
    layout: Optional[str] = typer.Option(None, "--layout", "-l", callback=_known_layout,
                                         help="A layout name or .yaml file."),
    pages: Optional[str] = typer.Option(None, "--pages", help="Which pages, e.g. 1-4 or 2,5. Default: all."),
    out: Path = typer.Option(Path("preview"), "--out", "-o", help="Folder for the pictures."),
    dpi: int = typer.Option(80, "--dpi", min=10, max=600, help="Resolution of the page pictures (10 to 600)."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Pictures of the pages (PNG), and one contact sheet of them all, to look at before printing."""
    import tempfile

    from .build import build
    from .preview import page_range, pictures

    with tempfile.TemporaryDirectory() as tmp:
        result = _run(lambda: build(content_dir, layout, Path(tmp) / "booklet.pdf"), debug)
        try:
            wanted = page_range(pages, result.pages)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--pages") from None
        files, sheet = pictures(result.pdf, wanted, out, dpi)
    typer.echo(f"Wrote {len(files)} page picture{'s' * (len(files) != 1)} and a contact sheet, {sheet}, in {out}/")


def _fail(e: BookletError, debug: bool):
    if debug:
        raise e
    typer.echo(_styled("error:", "red") + f" {_plain(str(e))}", err=True)
    raise typer.Exit(1) from None


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """A message with what people wrote in it, for the terminal: control characters (an
    escape sequence colours or moves the terminal's text) and direction overrides (they turn
    the line around) shown as escapes; line breaks and tabs kept."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _styled(text: str, colour: str) -> str:
    """Coloured on a terminal: click drops the colour codes when output is not one."""
    import os

    return text if os.environ.get("NO_COLOR") else typer.style(text, fg=colour, bold=True)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


ALONE = {"--fit": "auto", "--impose": "saddle"}      # an option given on its own, and what it means


def with_values(argv: list[str]) -> list[str]:
    """The command line with the value of `--fit` or `--impose` written in where it was left
    out (click options cannot take an optional value): '--impose -o x.pdf' took '-o' for
    the imposition, and '--fit my-booklet' the folder for a number of pages."""
    out = []
    argv = _units_joined(argv)
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg in ALONE:
            after = argv[i + 1] if i + 1 < len(argv) else None
            if after is None or after.startswith("-") or (after != ALONE[arg] and Path(after).is_dir()):
                out.append(ALONE[arg])
    return out


def _units_joined(argv: list[str]) -> list[str]:
    """'--bleed 3 mm' read as '--bleed 3mm' (it said 'Got unexpected extra argument(s) (mm)'),
    and '--layout large print' as '--layout large-print' (unless 'print' is a folder)."""
    from .resources import bundled_names

    out = list(argv)
    for i in range(len(out) - 2, 0, -1):
        if (out[i - 1] in ("--bleed", "--creep") and re.fullmatch(r"-?[0-9.]+", out[i])
                and out[i + 1].lower() in ("mm", "cm", "in", "pt")):
            out[i:i + 2] = [out[i] + out[i + 1]]
        elif (out[i - 1] == "--layout" and f"{out[i]}-{out[i + 1]}".lower() in bundled_names()
              and not Path(out[i + 1]).exists()):
            out[i:i + 2] = [f"{out[i]}-{out[i + 1]}".lower()]
    return out


def main():
    argv = with_values(sys.argv[1:])
    try:
        os.getcwd()
    except FileNotFoundError:       # (reportlab, importing, looks where it is run, and fails)
        typer.echo("error: the folder this command runs in no longer exists\n"
                   "  hint: go to another folder (cd) and run it again", err=True)
        sys.exit(1)
    try:
        app(argv)
    except SystemExit as e:
        # click reports usage errors with exit code 2; keep codes as they are
        sys.exit(e.code)


if __name__ == "__main__":
    main()
