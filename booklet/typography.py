"""Smart typography: text as typed on a keyboard in, text as a typesetter would set it out.

Straight quotes become curly, -- and --- become en and em dashes, ... an ellipsis, and a
non-breaking space keeps initials with the name after them and a number with its unit.
Web addresses are left exactly as they are; code spans never reach this module.
"""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import cache

from .model import Booklet, Span
from .words import for_language

NBSP = "\u00a0"
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_UNITS = r"(?:km|m|cm|mm|kg|g|mg|l|ml|s|min|h|mph|km/h|°C|°F|%|kHz|Hz|MB|GB|kB)"
# (what the text must contain for the rule to apply, the rule, its replacement)
_RULES = [
    ("---", re.compile(r"---"), "—"),
    ("--", re.compile(r"(?<![-<!])--(?![->])"), "–"),
    ("...", re.compile(r"\.\.\."), "…"),
    # feet and inches (5'10", 6'2) in primes, not quotes: '5’10”' read as a quotation
    ("'", re.compile(r"(?<=\d)'(\d{1,2}(?:\.\d+)?)\""), r"′\1″"),
    ("'", re.compile(r"(?<=\b\d)'(?=(?:1[01]|\d)\b)"), "′"),
    # apostrophes inside words and in '90s, then quotes by what stands before them
    ("'", re.compile(r"(?<=\w)'(?=\w)"), "’"),
    ("'", re.compile(r"'(?=\d\d(?!\d))"), "’"),           # '92, '90s, die '90er: a year cut short
    # (the single quotes left, then the double ones: as the language sets them, see _rules)
    # J. R. Smith: initials stay with what follows; 400 m: a number stays with its unit
    (". ", re.compile(r"\b([A-Z]\.) (?=[A-Z])"), r"\1" + NBSP),
    (" ", re.compile(r"(\d) (?=" + _UNITS + r"(?!\w))"), r"\1" + NBSP),
]
_FRENCH = [(" ", re.compile(r" ([;:!?»])"), NBSP + r"\1"), ("« ", re.compile(r"(«) "), r"\1" + NBSP),
           ("«", re.compile(r"«(?=[^\s\u00a0])"), "«" + NBSP), ("»", re.compile(r"(?<=[^\s\u00a0])»"), NBSP + "»"),
           ("‹", re.compile(r"‹(?=[^\s\u00a0])"), "‹" + NBSP), ("›", re.compile(r"(?<=[^\s\u00a0])›"), NBSP + "›")]
# double quotes as each language prints them: "Danke" is „Danke“ in German, « Merci » in French
_QUOTES = {"de": ("„", "“"), "de-ch": ("«", "»"), "fr": ("«", "»"), "nl": ("“", "”"), "pl": ("„", "”"),
           "cs": ("„", "“"), "sk": ("„", "“"), "da": ("»", "«"), "sv": ("”", "”"), "fi": ("”", "”"),
           "nb": ("«", "»"), "no": ("«", "»"), "it": ("«", "»"), "es": ("«", "»"), "pt": ("«", "»"),
           "pt-br": ("“", "”"), "ru": ("«", "»"), "uk": ("«", "»"), "hu": ("„", "”"), "ro": ("„", "”"), "hr": ("„", "“"),
           "sl": ("„", "“"), "lt": ("„", "“"), "et": ("„", "“"), "lv": ("«", "»"), "tr": ("“", "”"),
           "el": ("«", "»"), "ja": ("「", "」"), "zh-hant": ("「", "」"), "zh-tw": ("「", "」"),
           "zh-hk": ("「", "」"), "zh-mo": ("「", "」"), "he": ("”", "”"), "ar": ("”", "“"), "fa": ("«", "»")}


# single quotes, where a language's are not English's ‘ ’: 'Geduld' is ‚Geduld‘ in German
_SINGLES = {"de": ("‚", "‘"), "de-ch": ("‹", "›"), "fr": ("‹", "›"), "cs": ("‚", "‘"), "sk": ("‚", "‘"),
            "sl": ("‚", "‘"), "hr": ("‚", "‘"), "lt": ("‚", "‘"), "et": ("‚", "‘"), "pl": ("‚", "’"),
            "da": ("›", "‹"), "ja": ("『", "』"), "zh-hant": ("『", "』"), "zh-tw": ("『", "』"),
            "zh-hk": ("『", "』"), "zh-mo": ("『", "』"), "he": ("’", "’"), "ar": ("’", "‘")}


def _marks(language: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """A language's double and single quotation marks, opening and closing (English's where
    the tables have none)."""
    return for_language(_QUOTES, language, ("“", "”")), for_language(_SINGLES, language, ("‘", "’"))


@cache
def _rules(language: str) -> list:
    doubles, singles = _marks(language)
    at = next(i for i, rule in enumerate(_RULES) if rule[0] == ". ")
    rules = [*_RULES[:at], ("'", lambda text: _singles(text, singles), None),
             ('"', _DOUBLE, lambda m: _double(m, doubles)), *_RULES[at:]]
    if language.lower().startswith("fr"):
        rules += _FRENCH
    return rules


_OPENS_QUOTE = re.compile(r"[\s(\[{—–/]")         # what a single quote opens after


def _singles(text: str, marks: tuple[str, str]) -> str:
    """The straight single quotes left when apostrophes and primes are set: one after a space
    (or first) opens a quotation and the next one after a letter closes it, in the language's
    marks; one that closes none is an apostrophe (Hans' Haus). ‚Geduld‘ in German, ‘Geduld’
    in English (whose closing mark is its apostrophe)."""
    out, opened, last = [], 0, 0
    for m in re.finditer("'", text):
        i = m.start()
        if i == 0 or _OPENS_QUOTE.match(text, i - 1):
            mark, opened = marks[0], opened + 1
        elif opened:
            mark, opened = marks[1], opened - 1
        else:
            mark = "’"
        out += [text[last:i], mark]
        last = i + 1
    return "".join(out) + text[last:]


_DOUBLE = re.compile(r'(?s)(?<=(.))?"(?=(.))?')
_OPENS_AFTER = set(" \t\n\u00a0([{—–/")


def _double(m: re.Match, marks: tuple[str, str]) -> str:
    """A straight double quote as an opening or a closing mark, by what is either side of
    it: after a space and before a letter it opens; after a letter and before a space it
    closes, as after a figure (5"x7"). With a space on both sides (' " Merci ! " ', as
    French is typed), or a letter on both (彼は"はい"と: Chinese and Japanese put no spaces
    between words; all were closing marks), it closes a quote when an odd number of quote
    marks come before it in the text, else opens one."""
    before, after = m.group(1) or " ", m.group(2) or " "
    if (before in _OPENS_AFTER) != (after in _OPENS_AFTER):
        return marks[0] if before in _OPENS_AFTER else marks[1]
    if before.isdecimal():
        return marks[1]
    return marks[1] if m.string.count('"', 0, m.start()) % 2 else marks[0]


def quote_marks(language: str) -> tuple[str, str]:
    """The marks the booklet sets a quotation or a tribute between, as the language prints
    them: “…” in English, „…“ in German, « … » in French."""
    opening, closing = _marks(language)[0]
    if language.lower().startswith("fr"):
        opening, closing = opening + NBSP, NBSP + closing
    return opening, closing


# an opening quote mark and the one that closes it (Danish »…«, Swedish ”…”): a tribute
# typed between them is unquoted, and a quotation that begins with one keeps its own marks
QUOTE_PAIRS = {"“": "”", "\"": "\"", "„": "“", "«": "»", "»": "«", "”": "”", "‘": "’", "'": "'", "‚": "‘",
               "‹": "›", "「": "」", "『": "』"}


def unquoted(text: str) -> str:
    """A tribute typed between its own quote marks, as copied from a news story ('“We will
    miss him.”', or with its full stop after the marks): the text inside them, to be set
    between the booklet's marks, not in two pairs (“‘We will miss him.’”). Marks that do
    not enclose it all (“Kind” he was, and “generous”) are kept."""
    text = text.strip()
    opening = text[:1]
    closing = QUOTE_PAIRS.get(opening)
    if closing is None or len(text) < 3:
        return text
    body, after = (text[1:-1], "") if text[-1] == closing else \
        (text[1:-2], text[-1]) if text[-2:-1] == closing and text[-1] in ".!?…" else (None, "")
    if body is None:
        return text
    depth = 0
    for ch in body:                        # (the marks it opens with close only at its end)
        if ch == closing and opening != closing:
            depth -= 1
            if depth < 0:
                return text
        elif ch == opening:
            if opening == closing:
                return text
            depth += 1
    return body.strip() + after if depth == 0 and body.strip() else text


def nested(text: str, language: str) -> str:
    """A text set between the booklet's quote marks with the quotation marks inside it, a
    quotation in the quotation, turned to the language's single ones: “I said ‘go’” (two
    pairs of the same marks, “I said “go””, read as two quotations)."""
    (opening, closing), inner = _marks(language)
    if opening == closing or opening not in text:
        return text
    # (by pairs: an English “…” typed in a German text, whose closing mark is German's opening, stays)
    return re.sub(f"{re.escape(opening)}([^{re.escape(opening + closing)}]*){re.escape(closing)}",
                  lambda m: inner[0] + m.group(1) + inner[1], text)


def smarten(text: str, language: str = "en") -> str:
    """Typographer's punctuation for `text`, leaving web and e-mail addresses untouched."""
    rules = _rules(language)
    if "://" not in text and "www." not in text and "@" not in text:
        return _apply(text, rules)                # no address to leave alone
    out, last = [], 0
    for m in _URL.finditer(text):
        out.append(_apply(text[last:m.start()], rules))
        out.append(m.group())
        last = m.end()
    out.append(_apply(text[last:], rules))
    return "".join(out)


def _apply(text: str, rules) -> str:
    for needs, pattern, replacement in rules:
        if needs in text:          # (a rule with no replacement is a function of the whole text)
            text = pattern(text) if replacement is None else pattern.sub(replacement, text)
    return text


def smarten_booklet(booklet: Booklet) -> Booklet:
    """Every text a reader sees, smartened in place: titles, the story, every item."""
    return map_text(booklet, lambda text: smarten(text, booklet.language))


def map_text(booklet: Booklet, change) -> Booklet:
    """Every text a reader sees passed through `change`, in place: titles, the story, every
    item. Code spans and comment ids are left as they are."""
    for name in ("title", "subtitle", "dedication", "closing"):
        setattr(booklet, name, change(getattr(booklet, name)))
    booklet.cover.note = change(booklet.cover.note)
    for section in booklet.sections:
        section.title = change(section.title)
        section.intro = change(section.intro)
        section.blocks = [_walk(b, change) for b in section.blocks]
        section.items = [_walk(item, change) for item in section.items]
    return booklet


def _walk(obj, change):
    """A copy of a block or item with its text fields changed (code spans excepted)."""
    if isinstance(obj, Span):
        return obj if obj.code else replace(obj, text=change(obj.text))
    if isinstance(obj, list):
        return [_walk(x, change) for x in obj]
    if not is_dataclass(obj):
        return obj
    changes = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and f.name != "id":
            changes[f.name] = change(value)
        elif isinstance(value, list) or is_dataclass(value):
            changes[f.name] = _walk(value, change)
    return replace(obj, **changes)
