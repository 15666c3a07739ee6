"""Where the bundled layouts, fonts and example content are, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`layouts`, `fonts` or `content`: inside the installed package, else the checkout's top."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


LAYOUT_LIST = "list.txt"     # beside the bundled layouts: `booklet layouts`' lines (tests/test_docs.py)


def bundled_names() -> list[str]:
    """The bundled layouts' names, from their files."""
    return sorted(p.stem for p in data_dir("layouts").glob("*.yaml"))


EXAMPLE = "redmond-1992"
BOOKLET_FILES = ("booklet.yaml", "booklet.yml")   # .yml only to be told to rename it


def example_content() -> Path:
    return data_dir("content") / EXAMPLE


def content_folder(content_dir) -> Path:
    """The folder a command was given; given none, the folder it runs in when that holds a
    booklet's files (a person who has gone into their booklet's folder: a story.md and a
    tributes.yaml without a booklet.yaml were passed over for the example, unsaid), else the
    bundled example. Given the folder's booklet.yaml itself (as a person might, having just
    edited it): its folder."""
    if not content_dir:
        from .load import holds_a_booklet

        here = Path.cwd()
        return here if holds_a_booklet(here) else example_content()
    path = Path(content_dir)
    if path.name.lower() in BOOKLET_FILES and path.is_file():
        return path.parent
    return path
