"""Hyphenation patterns for reportlab, read faster than pyphen reads them.

reportlab hyphenates with pyphen, which parses a language's whole pattern file (hyph_*.dic,
11,000 patterns for English) the first time it is asked: 0.12 s, a tenth of a small
booklet's first build. A booklet hyphenates a few hundred words, which look up a few
thousand of those patterns; so here each pattern is only filed under its letters, and
parsed into what pyphen makes of it the first time a word looks it up. Lookups give the
same answers as pyphen's own table (tested on every file pyphen has). Files using
pyphen's extensions (hex escapes, other spellings at a break) are left to pyphen.
"""
from __future__ import annotations

import re
from pathlib import Path

_IGNORED = ('%', '#', 'LEFTHYPHENMIN', 'RIGHTHYPHENMIN', 'COMPOUNDLEFTHYPHENMIN', 'COMPOUNDRIGHTHYPHENMIN')
_VALUED = re.compile("^.*[1-9].*$", re.MULTILINE)       # a pattern with a digit other than 0


def hyph_dict(path: Path):
    """A pyphen.HyphDict for this file that hyphenates as pyphen's own does."""
    import pyphen

    raw = path.read_bytes()
    # as pyphen reads it: the first line (with its newline) names the encoding, the rest
    # is read as text, with universal newlines
    encoding = raw[:raw.find(b"\n") + 1 or len(raw)].decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    found = filed(text.split("\n")[1:])
    if found is None:
        return pyphen.HyphDict(path)
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns = found
    hd.cache = {}
    hd.maxlen = max(len(key) for key in found)
    return hd


class Patterns(dict):
    """letters -> pattern as written ("a1b2c"), turned into pyphen's (offset, values) when
    first looked up with get(), the one way pyphen looks patterns up."""

    def get(self, key, default=None):
        value = dict.get(self, key, default)
        if type(value) is str:
            value = self[key] = parsed(value)
        return value


def filed(lines: list[str]) -> Patterns | None:
    """The patterns with a value other than 0, filed under their letters; None for files
    written with more than this reads (digits other than 0-9, pyphen's extensions)."""
    kept = [line for line in map(str.strip, lines) if line and not line.startswith(_IGNORED)]
    text = "\n".join(kept)
    if "^^" in text or ("/" in text and "=" in text) or any(
            ch.isdecimal() and not ch.isascii() for ch in set(text)):
        return None
    # pyphen keeps a pattern only if some digit in it is not 0; its letters are the
    # pattern without digits, here taken from all patterns at once (a str.translate for
    # each pattern was 6 of a cold build's 9 ms here)
    valued = _VALUED.findall(text)
    letters = "\n".join(valued)
    for digit in "0123456789":
        letters = letters.replace(digit, "")
    # (a later pattern of the same letters replaces an earlier one, as in pyphen)
    return Patterns(zip(letters.split("\n"), valued))


def parsed(line: str) -> tuple[int, tuple[int, ...]]:
    """pyphen's reading of one pattern, as the offset of its first value that is not 0 and
    the values from there to the last that is not. pyphen cuts a pattern into pairs of a
    digit (or none) and the letter after it (or none), and a last empty pair; a pair's
    value is its digit, 0 if none. "a1b" is a, 1b, and the end: 0 1 0; "ab11c" (German
    marks compounds so) is a, b, 1, 1c, end: 0 0 1 1 0."""
    values, digit = [], None
    for ch in line:
        if ch.isdecimal():
            if digit is not None:
                values.append(digit)        # a digit after a digit: a pair with no letter
            digit = int(ch)
        else:
            values.append(digit or 0)
            digit = None
    if digit is not None:
        values.append(digit)
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])
