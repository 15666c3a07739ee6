"""Select stage: the comments sections of a Booklet in, the same sections holding only the
comments to print out, with every comment left out recorded in `section.dropped` with why.

A comment goes in whole, exactly as written, or not at all; the one exception is the
explicit rule `long: shorten`, which cuts a long comment after a sentence and marks the
cut with […].
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher

from .errors import BookletError, Problem, printable
from .model import Booklet, Comment, CommentRules, Section

MARKER = " […]"
_NOT_LETTER = re.compile(r"[^\w ]|_")     # what str.isalnum() is not, spaces apart: near repeats
                                          # are compared by their letters and digits only
NEAR_MIN = 60   # characters: shorter comments are near repeats only when equal but for punctuation


def select_comments(booklet: Booklet) -> Booklet:
    for section in booklet.sections:
        if section.kind == "comments":
            _select(section)
    return booklet


def _key(text: str) -> str:
    """Text compared for exact duplicates: case, Unicode forms and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _near(key: str) -> str:
    """A text's letters and digits, compared for near repeats; a text with none (emoji alone,
    '!!!') as it is: every such comment was a near repeat of the first."""
    near = " ".join(_NOT_LETTER.sub("", key).split())     # ('RIP ❤️' is 'rip', as 'Rip!' is)
    return near or key


def words(text: str) -> int:
    return len(text.split())


def _matches(comment: Comment, wanted: str) -> bool:
    return bool(wanted.strip()) and _key(wanted) in (_key(comment.name), _key(comment.id))


class _Seen:
    """Comments kept so far, for finding repeats; near repeats are compared only with
    comments of about the same length that start with the same word."""

    def __init__(self):
        self.exact: dict[str, Comment] = {}
        self.same: dict[str, Comment] = {}      # equal but for case, punctuation and spacing
        self.near: dict[tuple, list[tuple[str, Comment]]] = {}

    def _bucket(self, near: str) -> tuple:
        first = near.split(" ", 1)[0]
        return first, len(near) // 40

    def find(self, c: Comment, near_too: bool) -> tuple[Comment, str] | None:
        key = _key(c.text)
        if key in self.exact:
            return self.exact[key], "repeats"
        if not near_too:
            return None
        near = _near(key)
        if near in self.same:
            return self.same[near], "nearly repeats"
        if len(near) < NEAR_MIN:
            return None
        first, size = self._bucket(near)
        mine = Counter(near.split())
        for bucket in ((first, size - 1), (first, size), (first, size + 1)):
            for other_near, other_words, other in self.near.get(bucket, [])[-50:]:
                # a near repeat (90% of the letters in order) shares most of its words; counting
                # shared words is 50x cheaper than the letter-by-letter comparison it spares
                shared = sum((mine & other_words).values())
                if 2 * shared < 0.6 * (mine.total() + other_words.total()):
                    continue
                if SequenceMatcher(None, near, other_near).ratio() >= 0.9:
                    return other, "nearly repeats"
        return None

    def add(self, c: Comment, near_too: bool) -> None:
        key = _key(c.text)
        self.exact[key] = c
        if not near_too:
            return
        near = _near(key)
        self.same.setdefault(near, c)
        if len(near) >= NEAR_MIN:
            self.near.setdefault(self._bucket(near), []).append((near, Counter(near.split()), c))


def shorten(text: str, max_words: int) -> str | None:
    """The text cut after the last sentence that ends within max_words, marked […]; None if
    no sentence ends in time."""
    best = None
    for m in re.finditer(r"[.!?…]+['\"’”)]*(?=\s|$)", text):
        if words(text[: m.end()]) > max_words:
            break
        best = m.end()
    if best is None:
        return None
    return text[:best].rstrip() + MARKER


def _select(section: Section) -> None:
    rules = section.rules or CommentRules()
    _check_names(section, rules)
    kept: list[Comment] = []
    dropped: list[tuple[Comment, str]] = []
    seen = _Seen()
    for c in section.items:
        reason = None
        if not c.text.strip():
            reason = "empty"
        elif any(_matches(c, w) for w in rules.exclude):
            reason = "excluded by name"
        elif rules.pick and not any(_matches(c, w) for w in rules.pick):
            reason = "not in 'pick'"
        elif words(c.text) < rules.min_words:
            reason = f"fewer than {rules.min_words} words"
        elif rules.drop_duplicates and (found := seen.find(c, rules.near_duplicates)):
            other, how = found
            reason = f"{how} the comment by {other.name} (line {other.line})"
        elif rules.max_words and words(c.text) > rules.max_words:
            short = shorten(c.text, rules.max_words) if rules.long == "shorten" else None
            if short is None:
                reason = f"more than {rules.max_words} words" + (
                    ", and no sentence ends within them" if rules.long == "shorten" else "")
            else:
                c = replace(c, text=short, shortened_from=words(c.text))
        if reason:
            dropped.append((c, reason))
        else:
            if rules.drop_duplicates:
                seen.add(c, rules.near_duplicates)
            kept.append(c)
    kept = _order(kept, rules)
    if rules.max_count is not None and len(kept) > rules.max_count:
        dropped += [(c, f"over the maximum of {rules.max_count}") for c in kept[rules.max_count:]]
        kept = kept[: rules.max_count]
    section.items, section.dropped = kept, dropped
    if not kept:        # (why, in numbers: a name both picked and excluded, min_words over max_words)
        why = ", ".join(_reasons(section))
        raise BookletError(Problem(f"no comments are left in {section.file.name} after selection"
                                   + (f" ({why})" if why else ""), **rules.where.get("select", {}),
                                   hint="loosen the rules, or remove the comments section; 'booklet comments' "
                                        "lists each comment and why it is left out"))


_KINDS = (("empty", "empty"), ("excluded by name", "excluded by name"), ("not in 'pick'", "not picked"),
          ("fewer than", "too short"), ("repeats", "repeats"), ("nearly repeats", "near repeats"),
          ("more than", "too long"), ("over the maximum", "over select.max"))


def _reasons(section: Section) -> list[str]:
    """How many comments were left out for each reason, and shortened: '12 excluded by name'."""
    counts: dict[str, int] = {}
    for _, why in section.dropped:
        kind = next((name for start, name in _KINDS if why.startswith(start)), why)
        counts[kind] = counts.get(kind, 0) + 1
    shortened = sum(1 for c in section.items if c.shortened_from)
    return [f"{n} {kind}" for kind, n in counts.items()] + ([f"{shortened} shortened"] if shortened else [])


def tally(section: Section) -> str | None:
    """One line on what the selection did to a comments file, for the build's summary: a
    comment left out is then never a surprise (booklet comments lists each, and why)."""
    parts = _reasons(section)
    if not parts:
        return None
    total = len(section.items) + len(section.dropped)
    return (f"{section.file.name}: {len(section.items)} of {total} comments printed; "
            f"{', '.join(parts)} (booklet comments lists each, and why)")


def _order(kept: list[Comment], rules: CommentRules) -> list[Comment]:
    if rules.pick:  # in the order the person picked them
        order = {_key(w): i for i, w in enumerate(rules.pick)}
        return sorted(kept, key=lambda c: min(order.get(_key(c.name), 1e9), order.get(_key(c.id), 1e9)))
    if rules.order == "shortest":
        return sorted(kept, key=lambda c: len(c.text))
    if rules.order == "shuffle":
        kept = list(kept)
        random.Random(rules.seed).shuffle(kept)
    return kept


def _name_hint(name: str, comments: list[Comment]) -> str:
    """How names are matched, and the nearest name or id there is, if one is near (compared
    as they are matched, ignoring case: schema.did_you_mean minds it)."""
    from difflib import get_close_matches

    hint = "names and ids are matched whole, ignoring case"
    known = {_key(x): x for c in comments for x in (c.name, c.id) if x}
    near = get_close_matches(_key(name), list(known), n=1, cutoff=0.75)
    return f"did you mean '{printable(known[near[0]])}'? ({hint})" if near else hint


def _check_names(section: Section, rules: CommentRules) -> None:
    """A name in pick or exclude that matches no comment is almost always a typo."""
    problems = []
    for rule, names in (("pick", rules.pick), ("exclude", rules.exclude)):
        for i, name in enumerate(names):
            if not any(_matches(c, name) for c in section.items):
                parts = [part.strip() for part in name.split(",")]
                several = len(parts) > 1 and all(any(_matches(c, part) for c in section.items) for part in parts)
                # ('exclude: Ann, Bob' is one name, 'Ann, Bob', as 'Brontë, Emily' is)
                hint = (f"to name several, put them in brackets: {rule}: [{printable(name)}]" if several
                        else _name_hint(name, section.items))
                problems.append(Problem(f"'{printable(name)}' in '{rule}' matches no comment in {section.file.name}",
                                        **rules.where.get(f"{rule}[{i}]", {}), hint=hint))
    if problems:
        raise BookletError(problems)
