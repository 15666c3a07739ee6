"""Select stage: the comments sections of a Booklet in, the same sections holding only the
comments to print out, with every comment left out recorded in `section.dropped` with why.

Comments are never altered here: a comment goes in whole, exactly as written, or not at all.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import BookletError, Problem, printable
from .model import Booklet, Comment, CommentRules, Section


def select_comments(booklet: Booklet) -> Booklet:
    for section in booklet.sections:
        if section.kind == "comments":
            _select(section, booklet.root / "booklet.yaml")
    return booklet


def _key(text: str) -> str:
    """Text compared for duplicates: case, accents' forms and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _matches(comment: Comment, wanted: str) -> bool:
    return _key(wanted) in (_key(comment.name), _key(comment.id)) and bool(wanted.strip())


def _select(section: Section, rules_file) -> None:
    rules = section.rules or CommentRules()
    kept: list[Comment] = []
    dropped: list[tuple[Comment, str]] = []
    seen: dict[str, Comment] = {}
    _check_names(section, rules, rules_file)
    for c in section.items:
        if not c.text.strip():
            dropped.append((c, "empty"))
        elif any(_matches(c, w) for w in rules.exclude):
            dropped.append((c, "excluded by name"))
        elif rules.pick and not any(_matches(c, w) for w in rules.pick):
            dropped.append((c, "not in 'pick'"))
        elif rules.drop_duplicates and _key(c.text) in seen:
            first = seen[_key(c.text)]
            dropped.append((c, f"repeats the comment by {first.name} (line {first.line})"))
        else:
            seen[_key(c.text)] = c
            kept.append(c)
    if rules.pick:  # in the order the person picked them
        order = {_key(w): i for i, w in enumerate(rules.pick)}
        kept.sort(key=lambda c: min(order.get(_key(c.name), 1e9), order.get(_key(c.id), 1e9)))
    if rules.max_count is not None and len(kept) > rules.max_count:
        dropped += [(c, f"over the maximum of {rules.max_count}") for c in kept[rules.max_count:]]
        kept = kept[: rules.max_count]
    section.items, section.dropped = kept, dropped
    if not kept:
        raise BookletError(Problem(f"no comments are left in {section.file.name} after selection",
                                   file=rules_file, field="select",
                                   hint="loosen the rules, or remove the comments section"))


def _check_names(section: Section, rules: CommentRules, rules_file) -> None:
    """A name in pick or exclude that matches no comment is almost always a typo."""
    problems = []
    for rule, names in (("pick", rules.pick), ("exclude", rules.exclude)):
        for name in names:
            if not any(_matches(c, name) for c in section.items):
                problems.append(Problem(
                    f"'{printable(name)}' in '{rule}' matches no comment in {section.file.name}",
                    file=rules_file, field=f"select.{rule}",
                    hint="names and ids are matched whole, ignoring case"))
    if problems:
        raise BookletError(problems)
