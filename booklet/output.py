"""Writing what a build makes without ever losing work: never over a file that is not ours,
and through a file beside the target, renamed over it when whole."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import BookletError, Problem, typed


def check_output(output: Path) -> None:
    """The PDF is never written over someone's work: its name ends in .pdf, and a file
    already there is a PDF (an earlier build). `-o story.md` wrote the PDF over the story."""
    if output.is_dir():
        raise BookletError(Problem("the output is a folder; give a file name such as booklet.pdf", file=output))
    if output.suffix.lower() != ".pdf":
        raise BookletError(Problem("the output's name should end in .pdf", file=output,
                                   hint=f"for example -o {typed(output.with_suffix('.pdf').name)}"))
    head = _first_bytes(output, 5)          # b"": not there yet, or empty
    if head and head != b"%PDF-":
        raise BookletError(Problem("there is a file here that is not a PDF; it is left as it is", file=output,
                                   hint="choose another name with -o"))


def check_print_files(output: Path) -> None:
    """--impose writes NAME-print.pdf and its guide NAME-print.txt beside the PDF: over
    earlier ones, never over anything else."""
    check_output(output.with_name(output.stem + "-print.pdf"))
    guide = output.with_name(output.stem + "-print.txt")
    head = _first_bytes(guide, 12)
    if head and head != b"How to print":            # how impose.GUIDE begins
        raise BookletError(Problem("there is a file here that is not a printing guide of ours; it is left as it "
                                   "is", file=guide, hint="choose another name with -o"))


def _first_bytes(path: Path, n: int) -> bytes:
    """The file's first n bytes; b"" when it is not there (a folder is said when writing)."""
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError:
        return b""


def write_file(target: Path, write, option: str = "--output") -> None:
    """`write(f)` into a binary file beside `target`, renamed over it when done: a failure
    half-way leaves the previous file whole. The folder is made if need be."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise BookletError(Problem(f"cannot write here: {e.strerror}", file=target,
                                   hint=f"choose another place with {option}")) from None
