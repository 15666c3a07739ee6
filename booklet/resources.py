"""Where the bundled layouts, fonts and example content are, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`layouts`, `fonts` or `content`: inside the installed package, else the checkout's top."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


EXAMPLE = "redmond-1992"


def example_content() -> Path:
    return data_dir("content") / EXAMPLE
