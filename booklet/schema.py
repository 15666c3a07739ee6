"""Typed, documented fields for YAML files: checks a `Node` tree and returns plain values.

In: a Node tree (see yamlfile) and a schema made of the types below. Out: dicts, lists,
strings and numbers, with every problem collected (file, line, field, expected, found,
hint) instead of stopping at the first. Each field carries a one-line description, so
reference documentation is generated from the same schema that checks the files.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problems, printable
from .yamlfile import Node

REQUIRED = object()
INVALID = object()


class Ctx:
    """Where we are while checking: the problems so far and the dotted field name."""

    def __init__(self, problems: Problems, field: str = ""):
        self.problems = problems
        self.field = field

    def at(self, name: str | int) -> "Ctx":
        if isinstance(name, int):
            return Ctx(self.problems, f"{self.field}[{name + 1}]")
        return Ctx(self.problems, f"{self.field}.{name}" if self.field else name)

    def fail(self, node: Node, expected: str, hint: str | None = None, found: str | None = None) -> object:
        self.problems.add(f"expected {expected}, found {found or node.describe()}",
                          file=node.file, line=node.line, field=self.field or None, hint=hint)
        return INVALID


class Type:
    name = "value"

    def check(self, node: Node, ctx: Ctx) -> Any:
        raise NotImplementedError


class Text(Type):
    """Any scalar, taken as its literal text: `no` stays "no", `1992` stays "1992"."""

    name = "text"

    def __init__(self, nonempty: bool = False):
        self.nonempty = nonempty

    def check(self, node, ctx):
        if node.kind in ("map", "seq"):
            return ctx.fail(node, "text", hint="put the text on the same line as the key, in quotes if it contains ': '")
        text = "" if node.kind == "null" else str(node.value)
        if self.nonempty and not text.strip():
            return ctx.fail(node, "some text", found="nothing")
        return text


class Bool(Type):
    name = "true or false"

    def check(self, node, ctx):
        if node.kind != "bool":
            return ctx.fail(node, "true or false")
        return node.value.lower() in ("true", "yes", "on", "y")


class Number(Type):
    def __init__(self, low: float | None = None, high: float | None = None, integer: bool = False):
        self.low, self.high, self.integer = low, high, integer
        kind = "a whole number" if integer else "a number"
        rng = ""
        if low is not None and high is not None:
            rng = f" from {low:g} to {high:g}"
        elif low is not None:
            rng = f" of at least {low:g}"
        self.name = kind + rng

    def check(self, node, ctx):
        ok = ("int",) if self.integer else ("int", "float")
        if node.kind not in ok:
            return ctx.fail(node, self.name)
        value = int(node.value.replace("_", ""), 0) if node.kind == "int" else float(node.value)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return ctx.fail(node, self.name)
        return value


class LanguageTag(Type):
    """A language tag such as en, en-GB or pt-BR: it goes into the PDF (screen readers read
    the booklet in that language) and picks the hyphenation patterns."""

    name = "a language tag such as en-GB, fr or de-CH"
    _TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")

    def check(self, node, ctx):
        text = str(node.value).strip() if node.kind not in ("map", "seq", "null") else ""
        if text.lower() in LANGUAGE_NAMES:        # 'English', 'Deutsch'
            return LANGUAGE_NAMES[text.lower()]
        if not self._TAG.match(text):
            return ctx.fail(node, self.name, hint="the language of the text: en for English, de for German, "
                                                  "or with a region, en-GB")
        return text


# languages written by name, in English or their own, for the tag they stand for
LANGUAGE_NAMES = {
    "english": "en", "british english": "en-GB", "american english": "en-US", "french": "fr",
    "français": "fr", "francais": "fr", "german": "de", "deutsch": "de", "spanish": "es", "español": "es",
    "espanol": "es", "italian": "it", "italiano": "it", "portuguese": "pt", "português": "pt",
    "dutch": "nl", "nederlands": "nl", "polish": "pl", "polski": "pl", "swedish": "sv", "svenska": "sv",
    "danish": "da", "dansk": "da", "norwegian": "nb", "norsk": "nb", "finnish": "fi", "suomi": "fi",
    "czech": "cs", "slovak": "sk", "hungarian": "hu", "magyar": "hu", "romanian": "ro", "greek": "el",
    "russian": "ru", "ukrainian": "uk", "turkish": "tr", "türkçe": "tr", "croatian": "hr",
    "serbian": "sr", "slovenian": "sl", "lithuanian": "lt", "latvian": "lv", "estonian": "et",
    "irish": "ga", "welsh": "cy", "cymraeg": "cy", "catalan": "ca", "català": "ca", "basque": "eu",
    "galician": "gl", "icelandic": "is", "afrikaans": "af", "hebrew": "he", "arabic": "ar", "hindi": "hi",
    "chinese": "zh", "japanese": "ja", "korean": "ko", "thai": "th", "vietnamese": "vi",
    "indonesian": "id", "malay": "ms", "tamil": "ta", "bengali": "bn", "swahili": "sw", "tagalog": "tl",
    "中文": "zh", "简体中文": "zh-Hans", "繁體中文": "zh-Hant", "日本語": "ja", "한국어": "ko",
}


class Choice(Type):
    def __init__(self, *options: str):
        self.options = options
        self.name = "one of " + ", ".join(options)

    def check(self, node, ctx):
        text = str(node.value) if node.kind not in ("map", "seq", "null") else None
        if text not in self.options:      # 'Story', 'Large Print': the option meant, if only one is
            if text is not None and (option := meant(text, self.options)):
                return option
            return ctx.fail(node, self.name, hint=did_you_mean(text, self.options) if text else None)
        return text


def squeezed(name: str) -> str:
    """A name without its case, spaces, hyphens and underscores: 'Large Print' is large-print."""
    return re.sub(r"[\s_-]+", "", name).lower()


def meant(text: str, options) -> str | None:
    """The one option that `text` names, its case, spaces, hyphens and underscores aside;
    None when none does, or several."""
    same = [option for option in options if squeezed(option) == squeezed(text)]
    return same[0] if len(same) == 1 else None


UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")


def parse_length(text: str) -> float | None:
    """'18mm' -> points; a bare number is points. None when it is not a length."""
    m = _LENGTH.match(text)
    if not m:
        return None
    return float(m.group(1)) * UNITS[m.group(2) or "pt"]


class Points(Number):
    """A number of points, also written with its unit as a word processor shows it: '12pt'."""

    def check(self, node, ctx):
        m = _POINTS.match(str(node.value)) if node.kind == "str" else None
        if m:
            node = Node(m.group(1), "float", node.file, node.line)
        return super().check(node, ctx)


_POINTS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*pt\s*$")


def points(text) -> float:
    """A size or leading as written ('12', '12pt') in points; ValueError if it is neither."""
    m = _POINTS.match(str(text))
    return float(m.group(1) if m else text)


class Length(Type):
    name = "a length such as 18mm, 0.5in or 12pt"

    def __init__(self, low: float = 0.0):
        self.low = low

    def check(self, node, ctx):
        value = parse_length(str(node.value)) if node.kind in ("int", "float", "str") else None
        if value is None or value < self.low:
            return ctx.fail(node, self.name)
        return value


COLOR_NAMES = {
    "black": "#000000", "white": "#ffffff", "gray": "#808080", "grey": "#808080",
    "darkgray": "#404040", "darkgrey": "#404040", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3",
    "red": "#ff0000", "darkred": "#8b0000", "maroon": "#800000", "navy": "#000080",
    "blue": "#0000ff", "darkblue": "#00008b", "teal": "#008080", "green": "#008000",
    "darkgreen": "#006400", "olive": "#808000", "purple": "#800080", "brown": "#8b4513",
    "orange": "#ffa500", "gold": "#ffd700", "ivory": "#fffff0", "cream": "#fffdd0",
}
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_CMYK = re.compile(r"^cmyk\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$")
_RGB = re.compile(r"^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$")      # as CSS writes it, 0-255


def parse_color(text: str) -> tuple | None:
    """'#7a4b2a' -> ('rgb', r, g, b); 'cmyk(0, .5, 1, .2)' -> ('cmyk', c, m, y, k); names too."""
    text = COLOR_NAMES.get(text.strip().lower(), text.strip())
    if _HEX.match(text):
        h = text[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return ("rgb",) + tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    m = _CMYK.match(text)
    if m:
        values = tuple(float(v) for v in m.groups())
        if all(0 <= v <= 1 for v in values):
            return ("cmyk",) + values
    m = _RGB.match(text)
    if m and all(int(v) <= 255 for v in m.groups()):
        return ("rgb",) + tuple(int(v) / 255 for v in m.groups())
    return None


class Color(Type):
    name = "a colour: a name (black, navy...), #rrggbb, rgb(r, g, b) with values 0-255, or cmyk(c, m, y, k) with values 0-1"

    def check(self, node, ctx):
        value = parse_color(str(node.value)) if node.kind == "str" else None
        if value is None:
            return ctx.fail(node, self.name)
        return value


class FilePath(Type):
    """A file named relative to the YAML file's folder, which it may not leave."""

    name = "a file name, relative to this file's folder"

    def __init__(self, suffixes: tuple[str, ...] = (), folders: bool = False):
        self.suffixes, self.folders = suffixes, folders      # folders: a folder may be named too

    def check(self, node, ctx):
        if node.kind in ("map", "seq", "null") or not str(node.value).strip():
            return ctx.fail(node, self.name)
        problem = None
        try:
            path = resolve_inside(node.file.parent, str(node.value))
        except ValueError as e:
            problem, path = str(e), None
        if path is not None and self.folders and path.is_dir():
            return path
        if path is not None and not path.is_file():
            written = str(node.value)
            if not path.exists():
                problem = "that file does not exist"
                hint = similar_file(path, written) or "file names are relative to the folder of " + node.file.name
            elif path.is_dir():
                # an example of the kind wanted (a font's field was offered 'photo.jpg')
                inside = next((p.name for p in sorted(path.iterdir())
                               if p.is_file() and (not self.suffixes or p.suffix.lower() in self.suffixes)), None)
                problem, hint = "that is a folder, not a file", "name a file in it"
                folder = written.rstrip("/\\")
                if inside:
                    hint += f", e.g. '{printable(folder + '/' + inside)}'"
                elif len(self.suffixes) == 1:
                    hint += " ending in " + self.suffixes[0]
            else:
                problem = "that is not a regular file (a pipe or a device)"
                hint = "copy the file itself into the folder"
            ctx.problems.add(f"{problem}: '{printable(str(node.value))}'", file=node.file, line=node.line,
                             field=ctx.field or None, hint=hint)
            return INVALID
        if problem:
            return ctx.fail(node, self.name, hint=problem)
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            return ctx.fail(node, "a file ending in " + ", ".join(self.suffixes[:-1]) + " or " + self.suffixes[-1]
                            if len(self.suffixes) > 1 else "a file ending in " + self.suffixes[0],
                            hint="open it in a photo program and save it as JPEG or PNG"
                            if ".jpg" in self.suffixes else None)
        return path


# why a file is named 'story.md.txt': said after a hint to rename it
HIDDEN_TXT = (" (Notepad added '.txt', which Windows hides: File Explorer shows it with View > Show > File name "
              "extensions)")


def similar_file(path: Path, written: str) -> str | None:
    """'did you mean ...?' for a file that is not there, from the names in its folder (a
    capital letter, .jpeg for .jpg)."""
    names = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
    by_letters = {n.casefold(): n for n in sorted(names, reverse=True)}     # ('Photo.JPEG' is near photo.jpg)
    close = difflib.get_close_matches(Path(written).name.casefold(), list(by_letters), n=1, cutoff=0.6)
    if close and close[0] == Path(written).name.casefold() + ".txt":        # (Notepad's, its ending hidden)
        return f"the file is named '{by_letters[close[0]]}': rename it '{Path(written).name}'" + HIDDEN_TXT
    if close and close[0] == Path(written).name.casefold() + ".rtf":        # (TextEdit's, saved as Rich Text)
        return (f"the file is named '{by_letters[close[0]]}', saved as Rich Text (TextEdit's default): open it, "
                f"choose Format > Make Plain Text, and save it as '{Path(written).name}'")
    return f"did you mean '{by_letters[close[0]]}'?" if close else None


def resolve_inside(base: Path, name: str) -> Path:
    """`base/name`, refusing absolute paths and anything (.. or a symlink) that leaves `base`."""
    if "\x00" in name:
        raise ValueError("a file name cannot contain a NUL character")
    name = name.replace("\\", "/")          # written on Windows: 'Photos\beach.jpg'
    if Path(name).is_absolute() or re.match(r"^[A-Za-z]:/", name):
        raise ValueError(f"use a path relative to the folder, not an absolute one (copy the file into the "
                         f"folder and write its name from there, e.g. '{printable(name.rsplit('/', 1)[-1])}')")
    base = base.resolve()
    try:
        path = (base / name).resolve()
        path.exists()                 # (a name longer than the system takes fails here)
    except OSError as e:
        raise ValueError(f"this file name cannot be used ({e.strerror or e})") from None
    if not path.exists():
        path = _other_form(base, path)
    if path != base and base not in path.parents:
        raise ValueError("the path leaves the folder; keep files inside it")
    return path


def _other_form(base: Path, path: Path) -> Path:
    """The file a name means whose letters differ only in their Unicode form (a Mac writes
    'é' in a file name as e and an accent, a person types one letter) or in case (a booklet
    made on a Mac or on Windows, whose disks ignore case, names Photos/Beach.jpg
    'photos/beach.jpg'): each part of the path that is not there is looked for so, when one
    entry alone matches. Else `path`."""
    try:
        parts = path.relative_to(base).parts
    except ValueError:
        return path
    here = base
    for part in parts:
        if not (here / part).exists():
            try:
                entries = list(here.iterdir())
            except OSError:
                return path
            for key in (_nfc, lambda name: _nfc(name).casefold()):
                same = [p for p in entries if key(p.name) == key(part)]
                if len(same) == 1:
                    part = same[0].name
                    break
            else:
                return path
        here = here / part
    return here.resolve()


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


@dataclass
class Field:
    type: Type
    doc: str
    default: Any = REQUIRED

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass
class Record(Type):
    """A mapping with known keys; an unknown key is an error with a suggestion."""

    fields: dict[str, Field]
    doc: str = ""
    # the names people give a key of ours ('author' for a quote's 'who'): the error for one
    # says which key is meant, and the key it stands for is not also reported missing
    also: dict[str, str] = field(default_factory=dict)
    name: str = field(default="a mapping of keys and values", init=False)

    def expected(self) -> str:
        """What a value that is not a mapping is told it should be."""
        keys = ", ".join(self.fields)
        return f"a mapping with keys such as {keys}" if len(keys) < 60 else "a mapping of keys and values"

    def check(self, node, ctx):
        if node.kind == "null":
            node = Node({}, "map", node.file, node.line, {})
        if node.kind != "map":
            return ctx.fail(node, self.expected())
        out: dict[str, Any] = {}
        meant = set()
        values = dict(node.value)
        for key in node.value:      # 'Title:' as a phone capitalises it: the key 'title', unless both are there
            lower = str(key).lower()
            if key not in self.fields and lower in self.fields and lower not in values:
                values[lower] = values.pop(key)
        for key, child in values.items():
            if key not in self.fields:
                ours = self.also.get(str(key).lower())
                if ours:
                    if ours not in values:
                        meant.add(ours)
                    hint = f"here it is called '{ours}': write '{ours}: ...' instead of '{printable(key)}: ...'"
                else:
                    close = _closest(str(key), self.fields)
                    if close and close not in values:
                        meant.add(close)            # ('txt' for 'text': one problem, not two)
                    hint = f"did you mean '{close}'?" if close else "known keys: " + ", ".join(self.fields)
                ctx.problems.add(f"unknown key '{printable(key)}'", file=node.file,
                                 line=node.key_lines.get(key, child.line), field=ctx.at(key).field, hint=hint)
        for key, spec in self.fields.items():
            child = values.get(key)
            if child is None or (child.kind == "null" and not spec.required):
                if key in meant:
                    out[key] = INVALID
                elif spec.required:
                    ctx.problems.add(f"the key '{key}' is missing ({spec.doc})", file=node.file, line=node.line,
                                     field=ctx.at(key).field, hint=self._missing(node, key, ctx))
                    out[key] = INVALID
                else:
                    out[key] = spec.default
                continue
            out[key] = spec.type.check(child, ctx.at(key))
        return out

    def _missing(self, node, key: str, ctx) -> str:
        """How to add a missing key: a line of its own; an entry read from a line of text
        ('- I finished.', a quotation without who said it) is written out on two lines."""
        if node.one_line:
            typed = " ".join(str(value.value) for value in node.value.values())
            glued = re.match(r"\s*([A-Za-z_]+):(?=[^\s/])", typed)      # ('from:Ann': text to YAML, not a key)
            if glued and (glued.group(1).lower() in self.fields or glued.group(1).lower() in self.also):
                return (f"put a space after each key's colon, '{glued.group(1)}: ...': without one, YAML reads "
                        f"'{printable(typed, 30)}' as text")
            first = next(iter(node.value), next(iter(self.fields)))
            return f"write the entry on two lines: '- {first}: ...' and '  {key}: ...' under it"
        return f"add a line '{key}: ...'" + (" to this entry" if ctx.field.endswith("]") else "")


class ListOf(Type):
    """A list of items; with `single`, one item written alone is a list of one
    ('pick: Gail' for 'pick: [Gail]')."""

    def __init__(self, item: Type, nonempty: bool = False, single: bool = False):
        self.item, self.nonempty, self.single = item, nonempty, single
        self.name = f"a list of {item.name}"

    def check(self, node, ctx):
        if node.kind == "null":
            node = Node([], "seq", node.file, node.line)
        if self.single and node.kind not in ("seq", "map"):
            node = Node([node], "seq", node.file, node.line)
        if node.kind != "seq":
            parts = [part.strip() for part in str(node.value).split(",")] if node.kind == "str" else []
            hint = None
            if len(parts) > 1 and all(parts):           # ('sections: story.md, tributes.yaml', as a list is written)
                key = ctx.field.rsplit(".", 1)[-1]
                hint = f"write each on a line of its own under '{key}:', after two spaces and '- ': " + ", ".join(
                    f"'  - {printable(part, 40)}'" for part in parts[:3]) + (", ..." if len(parts) > 3 else "")
            return ctx.fail(node, "a list (lines starting with '- ')", hint=hint)
        if self.nonempty and not node.value:
            return ctx.fail(node, "a list with at least one entry", found="an empty list")
        return [self.item.check(child, ctx.at(i)) for i, child in enumerate(node.value)]


class OneOf(Type):
    """Either a short form (e.g. a bare file name) or the full mapping."""

    def __init__(self, *types: Type):
        self.types = types
        self.name = " or ".join(t.name for t in types)

    def check(self, node, ctx):
        for t in self.types:
            if (node.kind == "map") == isinstance(t, Record):
                return t.check(node, ctx)
        return ctx.fail(node, self.name)


def _closest(word: str, options) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, options) -> str | None:
    close = _closest(word, options)
    return f"did you mean '{close}'?" if close else None
