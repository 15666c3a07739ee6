"""Read a YAML file into a tree of `Node`s that remember their file and line.

In: a path. Out: a `Node` tree, or a BookletError naming file and line. Loading is safe
(no Python tags), duplicate keys are errors, and alias expansion and nesting are bounded,
so a hand-written or hostile file can neither run code nor blow up memory. Scalars keep
their raw text: the schema decides whether `no` is the word "no" or false.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import BookletError, Problem, printable, some
from .quickre import quick_patterns

with quick_patterns():
    import yaml

MAX_BYTES = 5_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML has it (every wheel does): 2,000 comments parse in 0.1 s, not 1.5 s
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PROPERTIES = re.compile(r"([&!]\S*)(?:\s+([&!]\S*))?")     # a value's label and type, as typed
# types a person who knows YAML may write on purpose, and which change nothing we read
_OWN_TAGS = {yaml.ScalarNode: ("!!str", "!!int", "!!float", "!!bool", "!!null"),
             yaml.SequenceNode: ("!!seq",), yaml.MappingNode: ("!!map",)}


@dataclass
class Node:
    """A YAML value with where it came from. `value` is the raw text of a scalar,
    a list of Nodes, or a dict of key -> Node. `kind` is 'map', 'seq' or the scalar's
    YAML type ('str', 'int', 'float', 'bool', 'null', 'timestamp')."""

    value: Any
    kind: str
    file: Path
    line: int
    key_lines: dict | None = None  # for maps: key -> line of the key
    one_line: bool = False         # a map read from a line of text ('- I finished. — Derek Redmond')

    def describe(self) -> str:
        """How this value reads in an error message: 'a list', 'the number 12', "'no'"."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        if self.kind == "null":
            return "nothing"
        return f"'{printable(str(self.value), 60)}'"

    def where(self, *keys: str | int) -> dict:
        """file, line and field of the value at these keys and list indexes (from 0), or of
        the deepest of them that is there, for a Problem: where("sections", 2, "select")
        is field 'sections[3].select'."""
        found, line, field, lost = self, self.line, "", False
        for key in keys:
            field += f"[{key + 1}]" if isinstance(key, int) else f".{key}" if field else key
            if isinstance(key, int):
                child = found.value[key] if found.kind == "seq" and 0 <= key < len(found.value) else None
            else:
                child = found.value.get(key) if found.kind == "map" else None
            lost = lost or child is None
            if not lost:          # a key's line, where its value may start on the next
                line = (found.key_lines or {}).get(key, child.line) if found.kind == "map" else child.line
                found = child
        return dict(file=found.file, line=line, field=field)


def read_text(path: Path, limit: int = MAX_BYTES, what: str = "file", windows: list | None = None) -> str:
    """Read a user's text file as UTF-8, with clear errors for the usual mistakes (and, with
    `windows`, as Windows-1252 when it is not UTF-8: see decode)."""
    try:
        if not path.is_file():
            hint = None if path.exists() else "check the spelling and that the file is in the folder"
            raise BookletError(Problem(f"{what} not found" if not path.exists() else f"{what} is not a regular file",
                                       file=path, hint=hint))
        size = path.stat().st_size
        if size > limit:
            raise BookletError(Problem(
                f"{what} is {size:,} bytes; the limit is {limit:,} (about a thousand printed pages)", file=path,
                hint="keep what the booklet prints in a smaller file: a hundred pages hold about 0.5 MB of text"))
        data = path.read_bytes()
    except OSError as e:
        raise BookletError(Problem(f"cannot read {what}: {e.strerror}", file=path)) from None
    if found := saved_as(data):        # (a file saved by a word processor under a text file's name)
        raise BookletError(Problem(f"is {_NOT_PLAIN[found][0]}, not plain text", file=path, hint=_NOT_PLAIN[found][1]))
    return decode(data, path, hint="save the file as UTF-8 in your editor (\"Save as\" > encoding UTF-8)",
                  windows=windows)


# what a file begins with, after a byte-order mark and blank lines -> what it is, and how to save it plain
_NOT_PLAIN = {
    b"{\\rtf": ("Rich Text (RTF), as TextEdit and WordPad save", "in TextEdit, choose Format > Make Plain Text "
                "and save it again (in WordPad: Save as > Plain text document)"),
    b"PK\x03\x04": ("a Word document (or another zipped file)", "open it in its program and save it as plain "
                    "text (Save as > Plain Text), under this name"),
    b"%PDF": ("a PDF", "copy its text into a plain text file (Notepad, TextEdit) and save that under this name"),
}
_SAVED_AS = re.compile(b"[\xef\xbb\xbf \r\n]*(" + b"|".join(map(re.escape, _NOT_PLAIN)) + b")")


def saved_as(data: bytes) -> bytes | None:
    """How a file that is no plain text begins ('{\\rtf', Rich Text), if it is one of _NOT_PLAIN."""
    m = _SAVED_AS.match(data)
    return m.group(1) if m else None


def decode(data: bytes, path: Path, hint: str, windows: list | None = None) -> str:
    """A user's file as text: UTF-8, or UTF-16 when a byte-order mark says so (Notepad's
    'Unicode', Excel's 'Unicode Text'); a UTF-8 byte-order mark, as Windows editors write
    it, is dropped. With `windows` (a list the warning goes to), text that is not UTF-8 is
    read as Windows-1252, what Word's 'Plain Text', Excel's 'CSV' and Notepad before 2019
    save by default, and said. Anything else is refused, naming the line of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_unmarked(data)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            raise BookletError(Problem("is not UTF-8 text, nor the UTF-16 it looks like", file=path, hint=hint)) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BookletError(Problem("is not text (it has NUL bytes)", file=path, line=line, hint=hint))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        if windows is not None:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                pass                      # (five bytes Windows-1252 leaves unused: not that either)
            else:
                windows.append(f"{path.name} is not UTF-8 (line {line} first): it was read as Windows-1252, as Word, "
                               "Excel and older Notepad save text by default; if a letter looks wrong, save it "
                               "as UTF-8")
                return text
        raise BookletError(Problem(
            f"is not UTF-8 text (byte 0x{data[e.start]:02x} is not valid UTF-8)", file=path, line=line,
            hint=hint)) from None


def _utf16_unmarked(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text written without a byte-order mark
    (Latin letters then have a zero byte after or before each), else None: decoded as
    UTF-8 it came out as letters with NUL characters between them."""
    head = data[:4096]
    if len(head) < 2 or b"\x00" not in head:
        return None
    half = len(head) // 2
    if head[1::2].count(0) > 0.4 * half and head[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if head[0::2].count(0) > 0.4 * half and head[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def load(path: Path, windows: list | None = None, hashtags=None) -> Node:
    """A user's YAML file (or JSON) as nodes; with `windows`, read as Windows-1252 when it
    is not UTF-8 (Notepad before 2019 saved so), with a warning appended (see decode); with
    `hashtags(key)` true for the key a text is under (None: a list's item), '#RIP' ending
    the text is part of it (_Converter._hashtags)."""
    text = read_text(path, what="YAML file", windows=windows)
    if path.suffix.lower() == ".json":
        # JSON is YAML, but for tabs, which JSON allows between its values (and never
        # inside a string, where a tab is written \t) and YAML does not allow to indent
        text = text.replace("\t", " ")
    if not text.isascii():          # (what a word processor or a web page puts in: none of it is ASCII)
        text = _as_typed(text, path, windows)
    return parse(text, path, hashtags)


def _as_typed(text: str, path: Path, windows: list | None) -> str:
    """A file's text with the wide spaces, bullets and curly-quoted values a word processor or
    a web page puts in read as what YAML means by them (_plain_spaces, _dashed, _CURLY_VALUE),
    the first two said with their lines."""
    said = []
    text, widened = _plain_spaces(text)
    if widened:
        said.append((widened, "no-break (or other wide) spaces where YAML reads ordinary ones, as a web page or a "
                              "word processor copies them: read as ordinary spaces"))
    text, bullets = _dashed(text)
    if bullets:
        said.append((bullets, "a list's entries begin with '–' or '•', as a word processor turns '- ' into a "
                              "bullet: read as YAML's '-'"))
    for numbers, what in said if windows is not None else []:
        lines = [str(n) for n in numbers]
        windows.append(f"{printable(path.name)}, line{'s' * (len(lines) > 1)} {some(lines, 6)}: {what}")
    return _CURLY_VALUE.sub(lambda m: f"{m.group(1)}'{m.group(2).replace(chr(39), chr(39) * 2)}'"
                            if ": " in m.group(2) else m.group(), text)


# 'text: “He said: yes”', typed where quotes curl as they are typed (TextEdit, Word): curly
# marks are text to YAML, and its ': ' was 'mapping values are not allowed here' (and put
# in straight quotes, curled again). A key's value wholly between curly marks, with ': ' in
# it, is read whole, marks and all, as if in straight quotes (a key at an entry's depth, not
# a line of a longer text, which is indented further)
_CURLY_VALUE = re.compile("^((?:- +| {0,2}(?:- +)?)[A-Za-z_]+: +)([“„«‘][^\n]*[”“»’]) *(?=\r?$)", re.MULTILINE)


_BULLETS = "–•◦▪‣●"         # what a word processor makes of '- ' typed at the start of a line


def _dashed(text: str) -> tuple[str, list[int]]:
    """Entries begun with a word processor's bullet or en dash for the '- ' typed, read with
    YAML's '-', and their lines: where a line is a list's entry, never a text's next line.
    That is at the left edge of the file; or under a key with nothing after its colon
    ('sections:'); or level with an entry, after its keys ('    file: story.md')."""
    if not any(bullet in text for bullet in _BULLETS):
        return text, []
    lines, changed = text.split("\n"), []
    items: set[int] = set()                  # the indentations of the entries open here
    bare_key, key_indent = False, -1         # the line before: 'key:' alone, and its indentation
    for number, line in enumerate(lines):
        body = line.lstrip(" ")
        if not body.strip() or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        entry = body.startswith(("- ", "-\t")) or body.rstrip() == "-"
        if body[0] in _BULLETS and body[1:2] in (" ", "\t", "\u00a0") and (
                indent == 0 or indent in items or (bare_key and indent > key_indent)):
            lines[number] = line[:indent] + "-" + body[1:]
            changed.append(number + 1)
            entry = True
        items = {i for i in items if i < indent} | ({indent} if entry else set())
        bare_key = bool(_BARE_KEY.fullmatch(body.rstrip()))
        key_indent = indent
    return "\n".join(lines), changed


_BARE_KEY = re.compile(r"(?:- +)?[^:#'\"\s-][^:#]*:(?:\s+#.*)?")


_WIDE = "\u00a0\u2000-\u200a\u202f\u205f\u3000"      # no-break, en, em, thin... and ideographic spaces
_WIDE_LEAD = re.compile(f"^(?= *[{_WIDE}])[ {_WIDE}]+(?=\\S|\\r?$)", re.MULTILINE)
_WIDE_AFTER_KEY = re.compile(f"^( *(?:- +)?[^\\s:#'\"{_WIDE}-][^:#\\n]*):[{_WIDE}]", re.MULTILINE)


def _plain_spaces(text: str) -> tuple[str, list[int]]:
    """A file copied from a web page or a word processor indented with no-break spaces
    ('\\u00a0 text: ...'), or with one after a key ('from:\\u00a0Ann'), or a line of them
    alone: YAML takes none of them for a space, and said 'this line does not line up'. Each
    is read as an ordinary space; the lines where they were are returned."""
    if not re.search(f"[{_WIDE}]", text):
        return text, []
    lines: set[int] = set()
    for pattern, plain in ((_WIDE_LEAD, lambda m: " " * len(m.group())),
                           (_WIDE_AFTER_KEY, lambda m: m.group(1) + ": ")):
        lines.update(text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text))
        text = pattern.sub(plain, text)          # (the same length: the lines keep their numbers)
    return text, sorted(lines)


# Characters an editor does not show that YAML refuses ('unacceptable character #x000b',
# with no line) or takes for the end of a line (U+2028, NEL: the lines of its errors were
# then not the editor's). Text pasted from a word processor or a web page has them: Shift+
# Enter in Word is a vertical tab. Each is read as a private-use stand-in and given back in
# the values, a line break as a line break; the others then meet the check for characters
# no font has, with their line, as in a story.
_UNSEEN = {*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF}
_HIDDEN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_UNSEEN)) + "]")
_STAND_IN = 0x100000                        # + the character's code: Supplementary Private Use Area-B
_GIVE_BACK = {_STAND_IN + code: "\n" if chr(code) in "\x0b\x0c\x85\u2028\u2029" else chr(code)
              for code in _UNSEEN}


def parse(text: str, path: Path, hashtags=None) -> Node:
    hidden = bool(_HIDDEN.search(text))
    if hidden:
        text = _HIDDEN.sub(lambda m: chr(_STAND_IN + ord(m.group())), text)
    try:
        return _parse(text, path, hidden, hashtags)
    except RecursionError:
        raise BookletError(Problem(
            "is nested too deeply to read (lists or mappings inside each other, far more than 64 levels)",
            file=path, line=_deepest_line(text), hint="a booklet's files nest a few levels at most: look for "
            "a long run of [ or {, or of indented dashes, from here")) from None


def _deepest_line(text: str) -> int | None:
    """The first line indented 128 columns or more, or where brackets are open 64 deep (a
    rough count: quotes are not followed), or None."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) - len(line.lstrip(" -")) >= 128:
            return number
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > 64:
                return number
    return None


def _parse(text: str, path: Path, hidden: bool = False, hashtags=None) -> Node:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError:
        try:        # pure-Python PyYAML words its errors better; read the broken file again with it
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as e:
            raise BookletError(_unseen(_syntax_problem(e, text, path), text)) from None
    except yaml.YAMLError as e:  # pragma: no cover - pyyaml raises marked errors for text input
        raise BookletError(Problem(f"not valid YAML: {e}", file=path)) from None
    if root is None:
        return Node(None, "null", path, 1)
    converter = _Converter(path, text, _GIVE_BACK if hidden else None, hashtags)
    tree = converter.convert(root, 0)
    if converter.problems:
        raise BookletError(converter.problems)
    return tree


def _unseen(problem: Problem, text: str) -> Problem:
    """A syntax error on a line with a character an editor does not show (a control
    character, in a key or the indentation): the line looked right, and the error could
    not be understood. Says which and where."""
    lines = text.split("\n")
    for number in (problem.line, (problem.line or 0) - 1):        # (an error is often seen a line late)
        line = lines[number - 1] if number and number <= len(lines) else ""
        found = [(column, ord(ch) - _STAND_IN) for column, ch in enumerate(line, 1) if ord(ch) - _STAND_IN in _UNSEEN]
        if found:
            column, code = found[0]
            return replace(problem, line=number, message=problem.message + " (the line has a character your "
                           f"editor may not show, U+{code:04X}, at column {column})",
                           hint=f"delete the invisible character{'s' if len(found) > 1 else ''} on this line "
                                "(retype the line if you cannot find them)"
                                + (f"; else: {problem.hint}" if problem.hint else ""))
    return problem


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, path: Path) -> Problem:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    bad = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and not bad.strip() and ("<stream end>" in str(e.problem) or "simple key" in str(e.context)):
        # the file ended inside something left open ('title: [' on its last line), or a
        # last line that is not the key it looks like ('-comments.yaml'): the line past the
        # end (or a blank one) told nothing; the last line written is where it went wrong
        last = next((n for n in range(min(mark.line, len(lines)) - 1, -1, -1) if lines[n].strip()), None)
        if last is not None:
            line, bad = last + 1, lines[last]
    if mark is not None:
        if "\t" in bad[: len(bad) - len(bad.lstrip())] or "'\\t'" in str(e.problem):
            return Problem("a tab is used for indentation; YAML needs spaces", file=path, line=line,
                           hint="replace the tab at the start of the line with spaces")
    what = " ".join(s for s in (e.context, e.problem) if s)
    if "quoted scalar" in what and "end of stream" in what and e.context_mark is not None:
        opened = e.context_mark.line + 1
        return Problem("not valid YAML: the quote mark that opens this text is never closed", file=path, line=opened,
                       hint="end the text with the same quote mark it starts with")
    if re.match(r"\s*-[^\s-]", bad):
        return Problem("not valid YAML: a list item starts with a dash and a space ('- name: ...'), here "
                       "there is no space", file=path, line=line, hint="put a space after the dash")
    value = re.match(r"\s*(?:-\s+)?[^:'\"]+:\s+(['\"])(.*)$", bad)
    if value and value.group(2).count(value.group(1)) >= 2:
        quote = value.group(1)
        other = '"' if quote == "'" else "'"
        return Problem(f"not valid YAML: the text in {quote} quote marks ends at the next {quote}, which is inside it",
                       file=path, line=line, hint=f"put the text in double quotes instead: {other}...{other}"
                       if quote == "'" else "write \\\" for a \" inside it, or put the text in single quotes")
    if after := _after_quote(bad):
        return Problem(after[0], file=path, line=line, hint=after[1])
    if line and ("could not find expected ':'" in what or "expected <block end>" in what) \
            and (stray := _stray_line(lines, line, path)):
        return stray
    if line and "expected <block end>" in what and (over := _keys_over_a_list(lines, line)):
        return Problem(f"not valid YAML: this list comes after '{printable(over, 40)}' with no key of its own",
                       file=path, line=line, hint=f"write '{_list_key(path)}:' on a line of its own before the list")
    hint = None
    opened = lines[e.context_mark.line] if e.context_mark is not None and e.context_mark.line < len(lines) else ""
    starts = next(filter(None, (re.match(r"\s*(?:-\s+)?([^:'\"#\s][^:'\"#]*):\s+([&*!|>%@`?\[\]{},])", text)
                                for text in (bad, opened))), None)     # (an unclosed [ is found lines later)
    if "expected a single document" in what:
        return Problem("not valid YAML: the '---' line here starts a second part (a second document); a booklet's "
                       "file is one", file=path, line=line,
                       hint="remove the '---' line (a blank line is enough to set entries apart)")
    dash = re.match(r"\s*(?:-\s+)?([^:'\"#\s-][^:'\"#]*):\s+-\s", bad)
    if "sequence entries are not allowed" in what and dash:
        hint = f"text that starts with '- ' must be put in quotes, e.g. {dash.group(1)}: \"- ...\""
    elif "mapping values are not allowed" in what:
        hint = "text containing ': ' must be put in quotes, e.g. text: \"He said: yes\""
        if aligned := _misaligned_key(lines, line):
            hint = aligned
        curly = re.match(r"\s*(?:-\s+)?([^:'\"#\s][^:'\"#]*):\s+([“‘„«].*)$", bad)
        if curly:           # ('text: “He said: yes”', the quotes a word processor types: no quotes to YAML)
            key, value = curly.group(1), curly.group(2).rstrip()
            hint = (f"curly quote marks are text to YAML, not quotes: put the text in straight ones as well, "
                    f"e.g. {key}: '{printable(value.replace(chr(39), chr(39) * 2), 50)}'")
    elif starts:
        if starts.string is opened and opened is not bad:
            line = e.context_mark.line + 1         # where the [ or { was opened
        key, first = starts.groups()
        hint = f"text that starts with {first} must be put in quotes, e.g. {key}: \"{first}...\""
        if first in "[{":
            hint += f" (a list in [ ] or a mapping in {{ }} needs its closing {']' if first == '[' else '}'})"
    elif "found character '@'" in what or "found character '`'" in what:
        hint = "text that starts with @ or ` must be put in quotes"
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        hint = "check the indentation of this line and the one before it"
        if path.suffix.lower() != ".json":      # (PyYAML's words: 'while parsing a block mapping ...')
            what = ("this line does not line up with the lines before it (YAML reads which entry and "
                    "key each line belongs to from its indentation)")
    if path.suffix.lower() == ".json":
        comma = "expected ',' or" in what
        return Problem(f"not valid JSON: {what}", file=path, line=line,
                       hint="a comma is needed between two items, and none after the last" if comma else None)
    return Problem(f"not valid YAML: {what}", file=path, line=line, hint=hint)


_QUOTED_FIRST = re.compile(r"(\s*(?:-\s+)?)(?:([^:'\"#\s][^:'\"#]*):\s+)?((['\"]).*?)\s*$")


def _after_quote(line: str) -> tuple[str, str] | None:
    """A text that starts with a quotation and goes on after it ('text: "Hello," she said',
    '- "Run!" he shouted'): YAML takes the text to end where the quote does, and what
    follows made its error about indentation. Says so, and the line as it should be: (the
    message, the hint), or None when the line is not one of these."""
    found = _QUOTED_FIRST.match(line)
    if not found:
        return None
    lead, key, text, quote = found.groups()
    pattern = r'"(?:[^"\\]|\\.)*"' if quote == '"' else r"'(?:[^']|'')*'"
    closed = re.match(pattern, text)
    rest = text[closed.end():].strip() if closed else ""
    if not rest or rest.startswith("#"):
        return None
    if key and " " in key.strip():          # '- What did he mean: "yes"?': the colon is in the text
        text, key = f"{key}: {text}", None
    whole = "'" + text.replace("'", "''") + "'"
    line = f"{lead}{key + ': ' if key else ''}{whole}".strip()
    twice = " (and write each single quote in it twice)" if "'" in text else ""
    return (f"not valid YAML: the text starts with a quotation in {quote} quote marks, so YAML takes it to end "
            f"where the quotation does, and cannot read what follows it ({printable(rest, 30)})",
            f"put the whole text in single quotes{twice}: {line}")


_KEY_AND_TEXT = re.compile(r"(\s*(?:-\s+)?)([^:'\"#\s\-][^:#]*?):\s+[^\s|>'\"\[{&*!%@`#]")
_KEY_OR_ITEM = re.compile(r"\s*(?:-(?:\s|$)|#|---|\.\.\.|[^:'\"#\s][^:#]*:(?:\s|$))")


def _misaligned_key(lines: list[str], error_line: int) -> str | None:
    """'- from: Ann' and '   text: ...' under it, a space too many (or too few): YAML reads
    the second line as more of Ann's name, and its ': ' is 'mapping values are not allowed
    here'. How to line it up, or None."""
    if not 1 < error_line <= len(lines):
        return None
    here = re.match(r"( +)([^\s:#'\"-][^:#]*):\s", lines[error_line - 1])
    before = next((text for text in reversed(lines[:error_line - 1]) if text.strip()), "")
    above = re.match(r"(\s*(?:-\s+)?)([^\s:#'\"-][^:#]*):(?:\s|$)", before)
    if not here or not above or len(here.group(1)) == len(above.group(1)):
        return None
    return (f"line up '{here.group(2)}:' with '{above.group(2)}:' on the line above: {len(above.group(1))} spaces "
            f"before it, not {len(here.group(1))}")


def _keys_over_a_list(lines: list[str], error_line: int) -> str | None:
    """'title: Our Summer' over the list's '- file: ...' lines, both at the left edge, as one
    writes a heading over a list: the first such key line, if every line before the
    error's is one (or blank, or a comment) and the error's line starts the list."""
    if not re.match(r"-(?:\s|$)", lines[error_line - 1]):
        return None
    written = [text for text in lines[:error_line - 1] if text.strip() and not text.lstrip().startswith("#")]
    if written and all(_KEY_AND_TEXT.match(text) and not text[0].isspace() for text in written):
        return written[0].strip()
    return None


def _list_key(path: Path) -> str:
    """A key for a file's list: 'sections' in booklet.yaml, else the file's name ('photos'
    for photos.yaml: any one key over a list is read as the list) if it is a word."""
    if path.name.lower() == "booklet.yaml":
        return "sections"
    return path.stem.lower() if re.fullmatch(r"[a-z]+", path.stem.lower()) else "items"


def _stray_line(lines: list[str], error_line: int, path: Path) -> Problem | None:
    """A text's second line (a comment's next line, its next paragraph) written at the left
    edge or under its key rather than indented under it: YAML reads it as no part of the
    text, and its error came at a line after it, about 'indentation'. The problem for the
    first such line up to the error's, or None."""
    key, column, start = None, 0, 0
    for number, text in enumerate(lines[:error_line], 1):
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip(" "))
        found = _KEY_AND_TEXT.match(text)
        if found:
            key, column, start = found.group(2).strip(), len(found.group(1)), number
        elif key and indent <= column and not _KEY_OR_ITEM.match(text):
            return Problem(
                f"not valid YAML: this line goes on from '{printable(key, 30)}:' on line {start} but is not "
                f"indented under it, so YAML reads it as no part of that text",
                file=path, line=number,
                hint=f"indent the text's other lines further than '{printable(key, 30)}:' (a blank line between "
                     "them starts a new paragraph), or write the text on one line")
        elif indent <= column:
            key = None                          # (a new key or item: the text has ended)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Converter:
    def __init__(self, path: Path, text: str, give_back: dict | None = None, hashtags=None):
        self.hashtags = hashtags                # (a section's entries: text people type hashtags in)
        self.path = path
        self.give_back = give_back              # (stand-ins, when the text has any)
        self.text = text
        self.lines = text.splitlines()
        self.count = 0
        self.problems: list[Problem] = []

    def _hashtag(self, key: str, value: yaml.Node) -> None:
        """'text: #1 fan of yours' is an empty value and a YAML comment: the words were lost
        without a word. A '#' with a letter or digit straight after it is taken for text
        typed without quotes ('# like this' can be a note of the file's writer)."""
        mark = value.start_mark
        if not (isinstance(value, yaml.ScalarNode) and value.tag == _TAG + "null" and value.value == ""
                and mark.line < len(self.lines)):
            return
        rest = self.lines[mark.line][mark.column:].strip()
        if rest.startswith("#") and len(rest) > 1 and not rest[1].isspace() and rest[1] != "#":
            self.problems.append(Problem(
                f"what follows '{printable(key)}:' starts with #, which YAML takes for a comment and skips, "
                f"so '{printable(key)}' is empty", file=self.path, line=mark.line + 1,
                hint=f"put it in quotes: {printable(key)}: \"{printable(rest.replace(chr(34), chr(39)), 60)}\""))

    def _hashtags(self, node: yaml.ScalarNode) -> str:
        """'text: I love him so much #RIP #legend' printed 'I love him so much': YAML takes a
        '#' after a space for the start of a note to the file's reader and leaves the rest
        of the line out. A '#' with a letter or digit straight after it ends a text as it
        was typed (a hashtag); '# like this' is a note (see _hashtag for a text that starts
        with one). The line's rest, as typed, or ''."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return ""
        text = self.lines[end.line]
        rest = text[end.column:]
        if "[" in text[:end.column] or "{" in text[:end.column]:
            return ""                               # (in brackets, the rest may close them)
        m = re.fullmatch(r"(\s+#[^\s#].*?)\s*", rest)
        return m.group(1) if m else ""

    def _properties(self, node: yaml.Node) -> None:
        """'text: &wow great race' and 'text: !wow what a race' printed 'great race' and
        'what a race': YAML takes a word after & for a label to reuse the value by, and one
        after ! for a type, and leaves both out of the text. Such a word is an error here
        (put the text in quotes), unless it is YAML used on purpose: a label that a '*' uses
        again, or one of YAML's own types ('!!str 5')."""
        mark = node.start_mark
        if mark.line >= len(self.lines) or self.lines[mark.line][mark.column:mark.column + 1] not in ("&", "!"):
            return                # (most values: the line is not copied to look)
        typed = _PROPERTIES.match(self.lines[mark.line], mark.column)
        for word in filter(None, typed.groups()):
            if word.startswith("&"):
                if not isinstance(node, yaml.ScalarNode) or node.style or \
                        re.search(r"\*" + re.escape(word[1:]) + r"(?![\w-])", self.text):   # (used again)
                    continue
                why = "YAML takes for a label (to repeat the value elsewhere) and leaves out"
            elif word in _OWN_TAGS.get(type(node), ()):
                continue
            elif isinstance(node, yaml.ScalarNode):
                why = "YAML takes for a type and leaves out"
            else:
                self.problems.append(Problem(
                    f"'{printable(word, 60)}' is a YAML type tag, which a booklet does not read",
                    file=self.path, line=mark.line + 1, hint="remove it"))
                return
            self.problems.append(Problem(
                f"the text starts with '{printable(word, 60)}', which {why}", file=self.path, line=mark.line + 1,
                hint=f"put the whole text in quotes: \"{printable(word, 30)} ...\""))
            return

    def _paired(self, value: str, line: int) -> str:
        """Text copied from JSON writes an emoji as two escapes, its UTF-16 halves
        ("\\ud83c\\udfc3" for 🏃): YAML reads each half as a character of its own, which
        no font has and which stopped the build in the PDF's title. The halves are put
        together; a half alone is an error."""
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        alone = _SURROGATE.search(value)
        if alone:
            self.problems.append(Problem(
                f"'\\u{ord(alone.group()):04x}' is half of a character written as two escapes, and "
                "its other half is missing", file=self.path, line=line,
                hint="write the character itself, or both escapes (an emoji is \\ud83c\\udfc3, for example)"))
        return value

    def convert(self, node: yaml.Node, depth: int, key: str | None = None) -> Node:
        """The node as ours; `key`: the key it is the value of (None: a list's item, the top)."""
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise BookletError(Problem(f"has more than {MAX_NODES:,} values (after expanding aliases)",
                                       file=self.path, line=line,
                                       hint="a file this large is almost certainly a mistake or an alias bomb"))
        if depth > MAX_DEPTH:
            raise BookletError(Problem(f"is nested more than {MAX_DEPTH} levels deep", file=self.path, line=line))
        self._properties(node)
        if isinstance(node, yaml.ScalarNode):
            kind = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else "str"
            if node.style in ("'", '"', "|", ">"):
                kind = "str"  # quoted or block text is text, whatever it looks like
            value = node.value.translate(self.give_back) if self.give_back else node.value
            if node.style == '"' and _SURROGATE.search(value):
                value = self._paired(value, line)
            # (a plain text: libyaml says so with a style "", PyYAML with None)
            if self.hashtags and self.hashtags(key) and not node.style and value:
                tags = self._hashtags(node)
                if tags:
                    value, kind = value + (tags.translate(self.give_back) if self.give_back else tags), "str"
            return Node(value, kind, self.path, line)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(n, depth + 1) for n in node.value], "seq", self.path, line)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Node] = {}
            key_lines: dict[str, int] = {}
            for knode, vnode in node.value:
                kline = knode.start_mark.line + 1
                if not isinstance(knode, yaml.ScalarNode) or knode.tag == _TAG + "null":
                    self.problems.append(Problem("a key must be a plain word", file=self.path, line=kline))
                    continue
                key = knode.value.translate(self.give_back) if self.give_back else knode.value
                if knode.style == '"' and _SURROGATE.search(key):
                    key = self._paired(key, kline)
                if key in out:
                    self.problems.append(Problem(
                        f"the key '{printable(key)}' appears twice (first on line {key_lines[key]})",
                        file=self.path, line=kline, hint="remove one of them or merge them"))
                    continue
                self._hashtag(key, vnode)
                out[key] = self.convert(vnode, depth + 1, key)
                key_lines[key] = kline
            return Node(out, "map", self.path, line, key_lines)
        raise BookletError(Problem("unsupported YAML value", file=self.path, line=line))  # pragma: no cover
