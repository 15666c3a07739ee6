"""The story's Markdown, turned into our own blocks and spans (model.py).

In: Markdown text and its path. Out: a list of blocks. markdown-it-py parses (CommonMark,
raw HTML off: `<b>` typed in a story is text, read for its bold in _inline); we keep only
what we know how to set: headings, paragraphs, emphasis, lists, block quotes, rules,
tables typed with pipes, links (printed with their address) and pictures from inside the
content folder.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from mdit_py_plugins.footnote import footnote_plugin

from .errors import Problems, printable, some
from .model import BlockQuote, Heading, ListBlock, Paragraph, Picture, Rule, Span, TableBlock
from .schema import resolve_inside, similar_file

# markdown-it leaves out, without a word, whatever is nested deeper than maxNesting (its
# default, 20 tokens, is about nine lists deep): we let it read far deeper and refuse, with
# the line, what is deeper than a page has room to indent
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                "maxNesting": 200}).enable("table")      # tables typed with pipes
_md.use(footnote_plugin)        # notes: 'in 1930.[^1]' and '[^1]: In Leeds.'; set after the story
MAX_DEPTH = 10          # lists and block quotes inside each other


def parse(text: str, path: Path, problems: Problems, warnings: list[str] | None = None) -> list:
    said: list[str] = []
    if path.suffix.lower() == ".txt" and Path(path.stem).suffix.lower() not in (".md", ".markdown"):
        text = _plain_headings(text)      # (story.md.txt: Markdown, saved by Notepad)
    text = _unspaced_headings(_spaced_addresses(_indented_prose(_without_comments(text))), path, said)
    env: dict = {}
    try:
        tokens = _md.parse(text, env)
        mended = _kept_definitions(_widened_tables(text, tokens, path, said), tokens, env)
        if mended is not text:
            text, env = mended, {}
            tokens = _md.parse(text, env)
    except RecursionError:
        tokens = None
    deepest = _too_deep(tokens) if tokens is not None else 0
    if tokens is None or deepest:
        problems.add(f"lists and quotes are nested more than {MAX_DEPTH} deep here; a page has no room to "
                     "indent them further", file=path, line=deepest or None,
                     hint="flatten the list: fewer levels of indentation or of '>'")
        return []
    blocks, _ = _blocks(tokens, 0, None, path, problems)
    if warnings is not None:
        warnings += said + _note_warnings(text, tokens, env, path) + _tag_warnings(tokens, path)
    return blocks


YEARS = (1000, 2999)   # a one-item list numbered so is a paragraph that starts with a year

TITLE_LIKE = 80          # characters: a paragraph typed as a heading is no longer
_MARKED = re.compile(r"^(?:[ \t]|[#>*+|`=~_<-]|\d+[.)])")        # a line Markdown reads as more than text


def link_note(shown: str, tip: str, address: str) -> str:
    """What is printed after a link's words: ' (tip: address)'. Its tip (a Markdown link's
    title, a Word link's screen tip: the words a screen shows over it, which were left out)
    unless its words say it already; its address when given."""
    tip = " ".join(tip.split())
    said = [tip] if tip and tip not in " ".join(shown.split()) else []
    said += [address] if address else []
    return f" ({': '.join(said)})" if said else ""


def _title_like(line: str) -> bool:
    """A short line that is not a sentence (it ends in no full stop, comma, colon...)."""
    words = line.rstrip(" \t\r").rstrip("\"'\u201d\u2019)]*_")
    return 0 < len(line.strip()) <= TITLE_LIKE and words[-1:] not in tuple(".,;:!?\u2026")


def _heading_like(line: str) -> bool:
    """A title-like line that means nothing else to Markdown."""
    return _title_like(line) and not _MARKED.match(line)


def _plain_headings(text: str) -> str:
    """A story saved as plain text (Word's 'Plain Text', Notepad) has no Markdown: its title
    is its first line on its own, short and not a sentence ('Grandad'), and a line of
    capitals on its own ('EARLY YEARS') is a heading inside it. Read as '# ' and '## '
    lines (it was a plain paragraph, the story titled 'The Story'); lines keep their numbers."""
    lines = _lines(text)
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not any(line.strip() for line in lines[first + 1:]):
        return text

    def alone(n: int) -> bool:
        return (n == 0 or not lines[n - 1].strip()) and (n + 1 == len(lines) or not lines[n + 1].strip())

    if alone(first) and _heading_like(lines[first]):
        lines[first] = "# " + lines[first]
    for n in range(first + 1, len(lines)):
        line = lines[n]
        if (alone(n) and _heading_like(line) and len(line.strip()) <= 60 and line.upper() == line != line.lower()
                and sum(ch.isalpha() for ch in line) >= 2):       # (capitals: not a line of Chinese)
            lines[n] = "## " + line
    return "\n".join(lines)


_UNSPACED = re.compile(r"^(#{1,6})(?=[^\W\d_])", re.MULTILINE)      # '#The Race': no space, then a letter


def _unspaced_headings(text: str, path: Path, said: list[str]) -> str:
    """'#The Race', a line of its own, as people type a heading: Markdown wants a space
    after the '#' and printed '#The Race' as a paragraph. Read as the heading it is meant
    to be, and said (a hashtag meant as typed is written '\\#JimRedmond')."""
    if not _UNSPACED.search(text):
        return text
    lines = _lines(text)
    tokens = _md.parse("\n".join(lines), {})
    for t, inline in zip(tokens, tokens[1:]):
        if (t.type == "paragraph_open" and t.level == 0 and t.map and t.map[1] - t.map[0] == 1
                and _UNSPACED.match(lines[t.map[0]]) and "\n" not in inline.content):
            n = t.map[0]
            typed = lines[n].strip()
            lines[n] = _UNSPACED.sub(r"\1 ", lines[n], count=1)
            said.append(f"{path.name}, line {n + 1}: '{printable(typed, 40)}' is read as a heading (Markdown wants "
                        f"a space after '#': '{printable(lines[n].strip(), 40)}'; to print it as typed, write "
                        f"'\\{printable(typed, 40)}')")
    return "\n".join(lines)


_TAG = re.compile(r"</?(?:a|h[1-6]|ul|ol|li|img|sup|sub|table|tr|td|th|blockquote)\b[^<>\n]{0,200}>", re.IGNORECASE)
# HTML a story may be pasted with, read for what Markdown has: bold, italic, a line break
# ('<b>', '<em>', '<br>'); the tags of a paragraph, a box, centring or a font are left out,
# their words kept (the layout sets them). Nothing else becomes anything: '<a href=...>' and
# the rest are printed as typed (and said, see _tag_warnings).
_READ_TAG = re.compile(r"(</?(?:b|strong|i|em|br|p|div|span|center|font|u)\b[^<>\n]{0,200}>)", re.IGNORECASE)


def _tag_warnings(tokens, path: Path) -> list[str]:
    """HTML typed or pasted into a story ('<b>', '<br>') is printed as typed (nothing in a
    story becomes markup): said once, with the Markdown for it."""
    found = [(m.group(0), _line(t)) for t in tokens if t.type == "inline"
             for c in t.children or [] if c.type == "text" for m in _TAG.finditer(c.content)]
    if not found:
        return []
    (tag, line), more = found[0], len(found) - 1
    return [f"{path.name}, line {line}: '{printable(tag, 40)}'{f' and {more} more HTML tags' if more else ''} "
            f"{'are' if more else 'is'} printed as typed (a story is Markdown: **bold**, *italic*, and a "
            "backslash at the end of a line breaks it)"]


_NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _note_warnings(text: str, tokens, env: dict, path: Path) -> list[str]:
    """A note written and never referred to is not printed; a reference to no note is
    printed as typed. Both are said, at their lines."""
    out = []
    lines = _lines(text)
    for key, number in env.get("footnotes", {}).get("refs", {}).items():
        if number == -1:
            label = key[1:]
            at = next((f", line {n}" for n, line in enumerate(lines, 1) if f"[^{label}]:" in line), "")
            out.append(f"{path.name}{at}: the note [^{printable(label)}] is not referred to in the text, "
                       f"so it is not printed; put [^{printable(label)}] where it belongs")
    out += _twice_written(lines, tokens, path)
    for t in tokens:
        if t.type != "inline":
            continue
        for c in t.children or []:
            if c.type == "text":
                for m in _NOTE_MARK.finditer(c.content):
                    out.append(f"{path.name}, line {_line(t)}: [^{printable(m.group(1))}] refers to no note and is "
                               f"printed as typed; write the note on a line of its own: '[^{printable(m.group(1))}]: ...'")
    return out


_NOTE_LINE = re.compile(r" {0,3}\[\^([^\]\s]+)\]:")


def _twice_written(lines: list[str], tokens, path: Path) -> list[str]:
    """A note label written twice ('[^3]: ...' on two lines): markdown-it prints the last
    and drops the other without a word. Said, with the lines."""
    written: dict[str, list[int]] = {}
    for number, line in enumerate(lines, 1):
        if m := _NOTE_LINE.match(line):
            written.setdefault(m.group(1), []).append(number)
    printed = {}          # label -> the line its printed note begins on
    for i, t in enumerate(tokens):
        if t.type == "footnote_open":
            printed[t.meta.get("label")] = next((_line(u) for u in tokens[i + 1:] if u.map), 0)
    out = []
    for label, numbers in written.items():
        if len(numbers) > 1 and label in printed:
            kept = max((n for n in numbers if n <= printed[label]), default=numbers[-1])
            label = printable(label)
            times = "twice" if len(numbers) == 2 else f"{len(numbers)} times"
            out.append(f"{path.name}, lines {some([str(n) for n in numbers], sep=', ')}: the note [^{label}] is "
                       f"written {times}, and only the one at line {kept} is printed; give each note a label of "
                       f"its own ([^{label}], [^{label}b]...)")
    return out


def _lines(text: str) -> list[str]:
    """The text's lines as markdown-it counts them, for passes that mend lines by its
    tokens' line numbers (str.splitlines also splits at form feeds and U+2028, and the
    numbers would then point at other lines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _without_comments(text: str) -> str:
    """The text with its HTML comments on lines of their own ('<!-- check the date -->', a
    note to oneself, hidden by every Markdown reader) made blank lines, so that they are not
    printed and every line keeps its number. Only whole comments, outside lists and quotes:
    one never closed would hide the rest of the story, and is printed as typed."""
    if "<!--" not in text:
        return text
    lines = _lines(text)
    for t in _md_html.parse("\n".join(lines)):
        if (t.type == "html_block" and t.level == 0 and t.map and t.content.lstrip().startswith("<!--")
                and t.content.rstrip().endswith("-->")):
            for n in range(*t.map):
                lines[n] = ""
    return "\n".join(lines)


_INDENTED = re.compile(r"^(?:\t| {4})", re.MULTILINE)


def _indented_prose(text: str) -> str:
    """Paragraphs typed with a tab or four spaces before them, as people indent a first
    line (Word's Plain Text keeps the tab and writes a paragraph as one line), are
    paragraphs: Markdown reads such a line as code, and they were set in the code face,
    flush left, unhyphenated. A part of an indented block between blank lines that is one
    line, and a paragraph when read on its own (not '# x', '- x', '> x'), loses its indent.
    Indented lines together are printed as typed (a poem with long lines keeps its shape
    so, content/README.md), as is fenced code (```). Lines keep their numbers."""
    if not _INDENTED.search(text):
        return text
    lines = _lines(text)
    for t in _md.parse("\n".join(lines), {}):
        if t.type != "code_block" or t.level or not t.map:
            continue
        part: list[int] = []
        for n in range(t.map[0], t.map[1] + 1):
            if n < t.map[1] and lines[n].strip():
                part.append(n)
                continue
            if len(part) == 1 and _md.parse(lines[part[0]].lstrip(" \t"))[0].type == "paragraph_open":
                lines[part[0]] = lines[part[0]].lstrip(" \t")
            part = []
    return "\n".join(lines)


_CELL_BAR = re.compile(r"(?<!\\)\|")          # a bar between cells ('\\|' is one in a cell's text)
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)*")     # a block quote's marks before a line of it


def _cells(line: str) -> int:
    """How many cells a table's line has, counted as markdown-it splits it."""
    cells = _CELL_BAR.split(_QUOTE_MARKS.sub("", line).strip())
    return len(cells) - (cells[0] == "") - (len(cells) > 1 and cells[-1] == "")


def _widened_tables(text: str, tokens, path: Path, said: list[str]) -> str:
    """'| 1992 | Barcelona | semifinal |' under '| Year | Where |': Markdown sets a table as
    many cells wide as its header, and the third cell was left out, unsaid. The header and
    the line of dashes under it are given empty cells up to the widest row's, and it is
    said. The text as it was when no row is wider."""
    lines, wider = None, False
    for k, t in enumerate(tokens):
        if t.type != "table_open" or not t.map:
            continue
        lines = lines or _lines(text)          # (split only for a story with a table)
        head, columns, rows = t.map[0], 0, []
        for u in tokens[k + 1:]:
            if u.type == "table_close":
                break
            columns += u.type == "th_open"
            if u.type == "tr_open" and u.map and u.map[0] > head:
                rows.append(u.map[0])
        widest = max(rows, key=lambda n: _cells(lines[n]), default=head)
        cells = _cells(lines[widest])
        if cells <= columns:
            continue
        extra, wider = cells - columns, True
        header, dashes = lines[head].rstrip(), lines[head + 1].rstrip()
        closed = header.endswith("|") and not header.endswith("\\|")
        lines[head] = header + " |" * (extra + (not closed))
        lines[head + 1] = dashes + ("" if dashes.endswith("|") else "|") + "---|" * extra
        last, them = ("the last column", "it") if extra == 1 else (f"the last {extra} columns", "them")
        said.append(f"{path.name}, line {widest + 1}: this row has {cells} cells and the table's header {columns}: "
                    f"the table is set {cells} columns wide, {last} with no heading (to head {them}, add to the "
                    f"header on line {head + 1}, and '---|' to the line under it)")
    return "\n".join(lines) if wider else text


_BRACKETED = re.compile(r"\[((?:[^\[\]\\]|\\.)+)\]")                            # '[label]'
_DEFINITION = re.compile(r"^((?:[ \t]*>)*[ \t]*)" + _BRACKETED.pattern + ":")      # '[label]: ...' (in a quote too)


def _kept_definitions(text: str, tokens, env: dict) -> str:
    """'[Sources]: BBC' or '[1]: https://www.bbc.co.uk/sport/...' on a line of its own is
    Markdown's definition of a link's address, for a link written '[the BBC][1]' elsewhere.
    It is not printed itself, and one that no link used was left out of the booklet,
    unsaid (a list of sources pasted under an article). A definition no link uses, or one
    of a label defined before (Markdown takes the first), is printed as typed."""
    if not env.get("references"):
        return text
    lines, covered, used, kept = _lines(text), set(), set(), set()
    for t in tokens:
        if t.map and t.type in ("inline", "code_block", "fence", "html_block"):
            covered.update(range(*t.map))
        if t.type == "inline":
            used.update(normalizeReference(m.group(1)) for m in _BRACKETED.finditer(t.content))
    printed = False
    for n, line in enumerate(lines):
        m = _DEFINITION.match(line) if n not in covered else None
        label = normalizeReference(m.group(2)) if m else None
        if label not in env["references"]:
            continue
        if label in used and label not in kept:
            kept.add(label)
            continue
        lines[n], printed = line[:m.end(1)] + "\\" + line[m.end(1):], True
    return "\n".join(lines) if printed else text


_SPACED = re.compile(r"(!?\[[^\]\n]*\]\()([^()<>\"'\n]*)(\))")       # (no nested quantifiers: linear)


def _spaced(m: re.Match) -> bool:
    """An address with a space inside it (not only around it)."""
    return " " in m.group(2).strip() or "\t" in m.group(2).strip()


def _spaced_addresses(text: str) -> str:
    """'![Grandma](my photo.jpg)', as a file is named on a computer, in <> as CommonMark
    wants an address with spaces written: it was printed as typed, the photo left out.
    Only in paragraphs and headings, not in code."""
    if "](" not in text or not any(_spaced(m) for m in _SPACED.finditer(text)):
        return text
    lines = _lines(text)
    for t in _md.parse("\n".join(lines), {}):
        if t.type == "inline" and t.map and any(_spaced(m) for m in _SPACED.finditer(t.content)):
            for n in range(*t.map):
                if "`" not in lines[n]:         # (code is printed as typed)
                    lines[n] = _SPACED.sub(lambda m: f"{m.group(1)}<{m.group(2).strip()}>{m.group(3)}"
                                           if _spaced(m) else m.group(0), lines[n])
    return "\n".join(lines)


_md_html = MarkdownIt("commonmark", {"html": True, "maxNesting": 200}).enable("table")   # (to find comments)


def _too_deep(tokens) -> int:
    """The line where lists and block quotes first nest more than MAX_DEPTH deep, or 0."""
    depth = 0
    for t in tokens:
        if t.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
            if depth > MAX_DEPTH:
                return t.map[0] + 1 if t.map else 1
        elif t.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
    return 0


def _typed_numbers(typed: list[str], start: int) -> list[int] | None:
    """A numbered list's numbers as typed, when they are not counted on from the first:
    '1962. Married', '1965. Moved to Cornwall' was printed 1962, 1963, as Markdown counts
    (a year changed without a word). '1. 1. 1.' is counted, as Markdown means it."""
    numbers = [int(n) for n in typed if n.isdigit()]
    if len(numbers) != len(typed) or len(set(numbers)) < 2 or numbers == list(range(start, start + len(numbers))):
        return None
    return numbers


def _blocks(tokens, i, until, path, problems):
    """Read block tokens from i until a closing token of type `until`; return (blocks, next i)."""
    out = []
    while i < len(tokens):
        t = tokens[i]
        if t.type == until:
            return out, i + 1
        # a picture inside a paragraph or a heading is placed after it (it was placed
        # before: 'Text before ![](p.jpg) text after.' printed the picture, then the text)
        if t.type == "heading_open":
            pictures: list = []
            spans = _inline(tokens[i + 1], path, problems, pictures)
            if t.markup in ("-", "=") and not _title_like(tokens[i + 1].content.replace("\n", " ")):
                # a paragraph with a line of dashes typed under it to end it is Markdown for a
                # heading: the whole paragraph was set as one; it is the paragraph and a rule
                out += [Paragraph(spans, line=_line(t)), *pictures, Rule()]
            else:
                out += [Heading(int(t.tag[1]), spans, _line(t)), *pictures]
            i += 3
        elif t.type == "paragraph_open":
            verse = is_verse(tokens[i + 1].content)
            pictures = []
            spans = _inline(tokens[i + 1], path, problems, pictures, verse, paragraphs=True)
            pieces = [[]]
            for span in spans:              # (split where a '<p>' was pasted inside it)
                if span is _PARAGRAPH:
                    pieces.append([])
                else:
                    pieces[-1].append(span)
            for piece in map(_trimmed, pieces) if len(pieces) > 1 else pieces:
                if piece:  # verse is set line by line, flush left, as a code block is
                    out.append(Paragraph(piece, preformatted=verse, line=_line(t)))
            out += pictures
            i += 3
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            ordered = t.type == "ordered_list_open"
            start = int(t.attrGet("start") or 1)
            close = t.type.replace("_open", "_close")
            items, i, mark, typed = [], i + 1, tokens[i + 1].markup, []
            while tokens[i].type != close:
                typed.append(tokens[i].info)
                item, i = _blocks(tokens, i + 1, "list_item_close", path, problems)
                items.append(item)
            if ordered and len(items) == 1 and YEARS[0] <= start <= YEARS[1] and items[0] \
                    and isinstance(items[0][0], Paragraph) and not items[0][0].preformatted:
                # '1992. It was the summer...' is a paragraph that starts with a year, not a
                # list numbered from 1992 (it was set as one, with a hanging indent)
                items[0][0].spans.insert(0, Span(f"{start}{mark} "))
                out += items[0]
            else:
                out.append(ListBlock(ordered, start, items, numbers=_typed_numbers(typed, start) if ordered else None))
            i += 1
        elif t.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", path, problems)
            out.append(BlockQuote(inner))
        elif t.type == "hr":
            out.append(Rule())
            i += 1
        elif t.type == "table_open":
            i = _table(tokens, i + 1, path, problems, out, line=_line(t) or None)
        elif t.type in ("code_block", "fence"):
            out.append(Paragraph([Span(t.content.rstrip("\n"), code=True)], preformatted=True, line=_line(t)))
            i += 1
        elif t.type == "footnote_block_open":     # the notes, numbered as their marks, after a rule
            notes, i = [], i + 1
            while tokens[i].type == "footnote_open":
                note, i = _blocks(tokens, i + 1, "footnote_close", path, problems)
                notes.append(note)
            out += [Rule(), ListBlock(True, 1, notes, notes=True)]
            i += 1
        else:  # tokens that carry nothing we print (e.g. an unmatched close)
            i += 1
    return out, i


def _line(token) -> int:
    """A block's first line in the file (1-based), or 0 when markdown-it does not say."""
    return token.map[0] + 1 if token.map else 0


MAX_COLUMNS = 12        # a table's columns: more cannot be read on a booklet's page


def _table(tokens, i, path, problems, out, line=None) -> int:
    """A table's rows and cells, from the token after table_open; return the index after
    table_close. Pictures in cells are placed after the table."""
    rows, align, pictures = [], [], []
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "tr_open":
            rows.append([])
        elif t.type in ("th_open", "td_open"):
            if t.type == "th_open":
                style = t.attrGet("style") or ""
                align.append(style.split(":", 1)[1] if style.startswith("text-align:") else "left")
            rows[-1].append(_inline(tokens[i + 1], path, problems, pictures))
        i += 1
    columns = max(len(row) for row in rows)
    if columns > MAX_COLUMNS:
        problems.add(f"this table has {columns} columns; a booklet's page has room for {MAX_COLUMNS} at most",
                     file=path, line=line, hint="split it into narrower tables, or make it a list")
    else:
        out.append(TableBlock(rows, align, line or 0))
    out.extend(pictures)
    return i + 1


VERSE_LINE = 55          # a paragraph whose lines are all this short (but its last) is verse


def is_verse(text: str) -> bool:
    """A poem, a hymn or an address written line by line, as a person types it: its line
    breaks are kept. Prose wrapped by an editor has longer lines (the example's are 80-88
    characters), and is one paragraph, as Markdown has it."""
    lines = text.strip().split("\n")
    return len(lines) >= 2 and all(columns(line.strip()) <= VERSE_LINE for line in lines[:-1])


def columns(text: str) -> int:
    """How wide a line of plain text is, as an editor wraps it: a Chinese or Japanese
    character (East Asian wide) as two. (A Chinese line wrapped at 40 characters, 80
    columns, was taken for a line of verse.)"""
    return len(text) + sum(1 for ch in text if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF")


def joined(before: str, after: str) -> str:
    """What a line break read as a space becomes between these texts: nothing between two
    Chinese or Japanese characters, which are written without spaces (Korean has them)."""
    return "" if before and after and _unspaced(before[-1]) and _unspaced(after[0]) else " "


def _unspaced(ch: str) -> bool:
    return (ch >= "\u2e80" and unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch) != "So"
            and not ("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"))


_PARAGRAPH = Span("\n\n")        # where a '<p>' pasted inside a paragraph begins another


def _trimmed(spans: list[Span]) -> list[Span]:
    """A paragraph cut from a longer one at a '<p>': without the spaces at its ends."""
    if not spans:
        return spans
    spans = [replace(spans[0], text=spans[0].text.lstrip()), *spans[1:]]
    spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return [s for s in spans if s.text]


def _inline(token, path, problems, out, verse: bool = False, paragraphs: bool = False) -> list[Span]:
    """`verse`: the paragraph's line breaks are kept (else they are spaces, as Markdown has it);
    `paragraphs`: a '<p>' inside it is _PARAGRAPH, where the caller splits it (else a line break)."""
    spans: list[Span] = []
    bold = italic = 0
    link, opened = None, 0
    line = _line(token) or None
    softbreak = "\n" if verse else " "
    breaks: list[int] = []        # where a soft line break is a space (see joined)
    for c in token.children or []:
        if c.type == "text" and "<" in c.content:
            for piece in filter(None, _READ_TAG.split(c.content)):     # HTML's bold and italic, as Markdown's
                tag = piece.lower() if piece.startswith("<") and _READ_TAG.fullmatch(piece) else ""
                name = tag.strip("</>").split()[0].rstrip("/") if tag else ""
                if not tag:
                    spans.append(Span(piece, bold > 0, italic > 0, link=link))
                elif name in ("b", "strong", "i", "em"):
                    step = -1 if tag.startswith("</") else 1
                    bold, italic = (max(bold + step, 0), italic) if name in ("b", "strong") else \
                        (bold, max(italic + step, 0))
                elif name == "br":
                    spans.append(Span("\n", bold > 0, italic > 0, link=link))
                elif name == "p" and tag[1] != "/" and spans:      # another paragraph begins
                    if paragraphs:
                        while spans and not spans[-1].text.strip():      # (the line's end before it)
                            spans.pop()
                        if spans and spans[-1] is not _PARAGRAPH:
                            spans.append(_PARAGRAPH)
                    elif not spans[-1].text.endswith("\n"):        # (in a heading or a cell: a line)
                        spans.append(Span("\n", bold > 0, italic > 0, link=link))
        elif c.type == "text":
            spans.append(Span(c.content, bold > 0, italic > 0, link=link))
        elif c.type == "code_inline":
            spans.append(Span(c.content, bold > 0, italic > 0, code=True, link=link))
        elif c.type == "softbreak":
            if not (spans and spans[-1].text.endswith("\n")):        # (after a '<br>' ending the line)
                spans.append(Span(softbreak, bold > 0, italic > 0, link=link))
                breaks.append(len(spans) - 1)
        elif c.type == "hardbreak":
            spans.append(Span("\n", bold > 0, italic > 0, link=link))
        elif c.type == "strong_open":
            bold += 1
        elif c.type == "strong_close":
            bold -= 1
        elif c.type == "em_open":
            italic += 1
        elif c.type == "em_close":
            italic -= 1
        elif c.type == "link_open":
            link, opened, title = c.attrGet("href") or "", len(spans), str(c.attrGet("title") or "")
        elif c.type == "link_close":
            # print the address after the words, unless the words are the address (the
            # link's own spans: a paragraph of 10,000 links took 5 s to look through)
            shown = "".join(s.text for s in spans[opened:] if s.link == link)
            # (markdown-it percent-encodes the address: 'Café' is 'Caf%C3%A9' in the link,
            # and is printed as written)
            address = _md.normalizeLinkText(link)
            if address.startswith("mailto:"):
                address = address[len("mailto:"):]     # on paper, the address itself
            note = link_note(shown, title, address if link and shown.strip() != address.strip() else "")
            if note:
                spans.append(Span(note, bold > 0, italic > 0))
            link = None
        elif c.type == "image":
            _picture(c, path, problems, line, out)
        elif c.type == "footnote_ref":
            spans.append(Span(str(c.meta["id"] + 1).translate(SUPERSCRIPT), bold > 0, italic > 0))
        elif c.type == "footnote_anchor":
            pass                        # (a link back from the note, on a screen)
        else:
            spans.append(Span(c.content, bold > 0, italic > 0))
    for k in breaks if softbreak == " " else ():
        before = next((s.text for s in reversed(spans[:k]) if s.text), "")
        after = next((s.text for s in spans[k + 1:] if s.text), "")
        if not joined(before, after):
            spans[k] = replace(spans[k], text="")
    spans = [s for s in spans if s.text]
    while spans and spans[-1].text in ("\n", "\n\n"):    # (a '<br>' that ends the paragraph, or begins it)
        spans.pop()
    while spans and spans[0].text in ("\n", "\n\n"):
        spans.pop(0)
    return spans


def _picture(token, path, problems, line, out):
    src = unquote(token.attrGet("src") or "")      # (markdown-it wrote 'café.jpg' as 'caf%C3%A9.jpg')
    caption = "".join(ch.content for ch in token.children or [])
    hint = "put the picture in the content folder and name it relative to the story file"
    try:
        if "://" in src or src.startswith("data:"):
            raise ValueError("pictures must be files in the content folder, not web addresses")
        file = resolve_inside(path.parent, src)
        if not file.is_file():
            hint = similar_file(file, src) or hint
            raise ValueError("that file does not exist")
    except ValueError as e:
        problems.add(f"picture '{printable(src)}': {e}", file=path, line=line, hint=hint)
        return
    out.append(Picture(file, caption, line or 0, credit=token.attrGet("title") or ""))
