"""Our one error type: problems found in a user's files, each naming file, line, field and a hint.

Every stage collects the problems it finds and raises them together, so a person fixes
everything in one go instead of one error per run.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


def printable(text: str, limit: int = 80) -> str:
    """User text for an error message: control characters escaped, long text shortened."""
    out = "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )
    return out if len(out) <= limit else out[: limit - 1] + "…"


def typed(path: Path | str) -> str:
    """A path as it is typed in a command a message gives to copy: quoted when it has a
    space or another character the shell reads ('booklet make my booklet' builds a folder
    'my'); in double quotes on Windows, whose shells do not read single ones."""
    if os.name == "nt":
        return f'"{path}"' if re.search(r"[\s&|<>^%]", str(path)) else str(path)
    import shlex

    return shlex.quote(str(path))


def shown(path: Path | str) -> str:
    """A file's name for a message: from the current folder when it is inside it
    ('my-booklet/quotes.yaml', as the person typed the folder), else in full."""
    path = Path(path)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except (ValueError, OSError):      # (outside it; or the current folder was deleted)
            pass
    return str(path)


def some(names: list[str], most: int = 8, sep: str = ", ") -> str:
    """A few names for a message, then how many more: 'a.jpg, b.jpg and 3 more'."""
    more = len(names) - most
    return sep.join(names[:most]) + (f"{sep.rstrip()} and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class Problem:
    message: str
    file: Path | str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(printable(shown(self.file), 1000))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:         # (a key's own text: 'cover.a\u202ert' turned the terminal's line around)
            where.append(f"field '{printable(self.field, 200)}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class BookletError(Exception):
    """One or more problems with the user's input; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = Problem(problems)
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        for first, more in _alike(self.problems):
            text = f"- {first}".replace("\n", "\n  ")
            if more:          # (300 exported comments were 2,100 lines of the same three problems)
                places = ", ".join(str(p.line) for p in more[:8]) + (f" and {len(more) - 8} more" if len(more) > 8 else "")
                text += (f"\n    the same in 1 more entry: line {places}" if len(more) == 1 else
                         f"\n    the same in {len(more)} more entries: lines {places}")
            lines.append(text)
        return "\n".join(lines)


_ENTRY = re.compile(r"^\[\d+\]")


def _alike(problems: list[Problem]) -> list[tuple[Problem, list[Problem]]]:
    """Problems grouped where only the entry of a list differs ('[1].body', '[2].body': the
    same message, in the same file): the first of each, and the others."""
    groups: dict = {}
    for p in problems:
        field = _ENTRY.sub("[]", p.field) if p.field and _ENTRY.match(p.field) and p.line else None
        key = (str(p.file), field, p.message, p.hint) if field else id(p)
        groups.setdefault(key, []).append(p)
    return [(group[0], group[1:]) for group in groups.values()]


class Problems:
    """Collects problems through a stage; `check()` raises them all at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, message: str, **where) -> None:
        self.items.append(Problem(message, **where))

    def __bool__(self) -> bool:
        return bool(self.items)

    def check(self) -> None:
        if self.items:
            raise BookletError(self.items)


def places_text(where, shown: int = 8) -> str:
    """Places in the content ('story.md line 12', 'comments.yaml line 3', 'running head') as
    one text, by file, lines in order: 'story.md lines 3, 12; comments.yaml lines 1, 3, ...
    and 22 more' (sorted as text, 'line 10' came before 'line 9', and a character used
    in thirty comments was listed thirty times with the file's name)."""
    lines: dict[str, list[int]] = {}
    for w in where:
        if w:
            name, _, number = w.rpartition(" line ")
            name, number = (name, int(number)) if name and number.isdigit() else (w, 0)
            lines.setdefault(name, []).append(number)
    out = []
    for name in sorted(lines):
        numbers = sorted(n for n in set(lines[name]) if n)
        if not numbers:
            out.append(name)
            continue
        out.append(f"{name} line{'s' if len(numbers) > 1 else ''} {some([str(n) for n in numbers], shown)}")
    return "; ".join(out)
