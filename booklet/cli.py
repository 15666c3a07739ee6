"""The command line: options in, a call to the pipeline, a message and an exit code out.

Exit codes: 0 done, 1 a problem with the content or layout, 2 a usage error.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .errors import BookletError

app = typer.Typer(
    add_completion=True, no_args_is_help=False, rich_markup_mode=None,
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


@app.command(epilog="Examples:\n\n  booklet make\n\n  booklet make my-booklet/ --layout classic -o program.pdf")
def make(
    content_dir: Optional[Path] = typer.Argument(
        None, help="Folder with booklet.yaml. Default: the bundled Redmond example.", show_default=False),
    layout: Optional[str] = typer.Option(
        None, "--layout", "-l", help="A bundled layout name or a layout .yaml file. Default: the booklet's own, else classic."),
    output: Path = typer.Option(Path("booklet.pdf"), "--output", "-o", help="Where to write the PDF."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Build a booklet PDF from a content folder."""
    from .build import build

    try:
        result = build(content_dir, layout, output)
    except BookletError as e:
        _fail(e, debug)
    except KeyboardInterrupt:
        typer.echo("Stopped; the previous PDF, if any, is unchanged.", err=True)
        raise typer.Exit(130) from None
    except Exception as e:  # a bug of ours: say so plainly, keep the traceback for --debug
        if debug:
            raise
        typer.echo(f"error: unexpected failure ({type(e).__name__}: {e}). "
                   "Run again with --debug and report the traceback.", err=True)
        raise typer.Exit(1) from None
    for w in result.warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo(f"Wrote {result.pdf}: {result.pages} pages, {_size(result.bytes)} (layout: {result.layout})")


@app.command(epilog="Examples:\n\n  booklet layouts\n\n  booklet layouts large-print\n\n"
                    "  booklet layouts my-layout.yaml > resolved.yaml")
def layouts(
    name: Optional[str] = typer.Argument(None, help="A layout name or .yaml file: print it in full, "
                                                    "after inheritance.", show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """List the bundled layouts, or show one in full."""
    from .theme import bundled_names, describe, dump, load_theme

    try:
        if name is None:
            for layout in bundled_names():
                typer.echo(describe(load_theme(layout)))
            typer.echo("\nUse one with: booklet make --layout NAME   (see one in full: booklet layouts NAME)")
        else:
            typer.echo(dump(load_theme(name)), nl=False)
    except BookletError as e:
        _fail(e, debug)


@app.command(epilog="Examples:\n\n  booklet check\n\n  booklet check my-booklet/ --layout classroom")
def check(
    content_dir: Optional[Path] = typer.Argument(None, help="Folder with booklet.yaml. Default: the example.",
                                                 show_default=False),
    layout: Optional[str] = typer.Option(None, "--layout", "-l", help="A layout name or .yaml file."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Check the content and the layout without building (exit 0 when all is well)."""
    from .build import prepare

    try:
        booklet, theme, warnings = prepare(content_dir, layout)
    except BookletError as e:
        _fail(e, debug)
    for w in warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo(f"OK: {booklet.title!s}: {len(booklet.sections)} sections, layout {theme.name}")


@app.command(epilog="Examples:\n\n  booklet comments\n\n  booklet comments my-booklet/")
def comments(
    content_dir: Optional[Path] = typer.Argument(None, help="Folder with booklet.yaml. Default: the example.",
                                                 show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Show which comments go in, which are left out, and why: one line each."""
    from .build import prepare
    from .errors import printable

    try:
        booklet, _, _ = prepare(content_dir, None, typography=False)   # as written
    except BookletError as e:
        _fail(e, debug)
    for section in booklet.sections:
        if section.kind != "comments":
            continue
        rows = [(c.line, "in ", c, "shortened from %d words" % c.shortened_from if c.shortened_from else "")
                for c in section.items]
        rows += [(c.line, "out", c, why) for c, why in section.dropped]
        typer.echo(f"{section.file.name}: {len(section.items)} in, {len(section.dropped)} out")
        for line, status, c, why in sorted(rows, key=lambda r: r[0]):
            words = " ".join(c.text.split())
            preview = printable(words, 40) if words else "(empty)"
            typer.echo(f"  line {line:<4} {status}  {printable(c.name, 24):<24} {preview:<40}  {why}".rstrip())


@app.command("import-comments", epilog="Examples:\n\n  booklet import-comments page.txt -o comments.yaml\n\n"
                                       "  booklet import-comments export.csv --drop-duplicates -o comments.yaml")
def import_comments(
    source: Path = typer.Argument(..., help="A pasted web page (.txt), a .csv or a .json file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The comments YAML to write. "
                                          "Default: print it."),
    drop_duplicates: bool = typer.Option(False, "--drop-duplicates", help="Leave out exact repeats."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
):
    """Turn a page of comments into a comments file, names and text exactly as written."""
    from .importer import import_comments as read, to_yaml

    try:
        imported = read(source)
    except BookletError as e:
        _fail(e, debug)
    if drop_duplicates:
        imported.drop_duplicates()
    text = to_yaml(imported, source)
    if output is None:
        typer.echo(text, nl=False)
    else:
        if output.exists() and output.resolve() == source.resolve():
            _fail(BookletError("the output would overwrite the source; choose another name with -o"), debug)
        output.write_text(text, encoding="utf-8")
    typer.echo(f"{len(imported.comments)} comments imported" + (f" into {output}" if output else ""), err=True)
    for s in imported.skipped:
        typer.echo(f"  not imported: {s}", err=True)


def _fail(e: BookletError, debug: bool):
    if debug:
        raise e
    typer.echo(f"error: {e}", err=True)
    raise typer.Exit(1) from None


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def main():
    try:
        app()
    except SystemExit as e:
        # click reports usage errors with exit code 2; keep codes as they are
        sys.exit(e.code)


if __name__ == "__main__":
    main()
