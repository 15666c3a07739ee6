"""A story in Rich Text (.rtf): what TextEdit on a Mac and WordPad save unless told
otherwise, and Word and Writer can. Read as the blocks a Word story makes (wordfile.py).

RTF is text: groups in braces, control words (\\b, \\par, \\u8217), text between them. We
keep what a booklet prints: paragraphs, bold, italic, capitals, line breaks, headings (by
their style's name or outline level), lists (numbered as each item's own number shows),
quotes and captions by style, tables, footnotes, links and pictures (PNG and JPEG; a
Windows drawing is named as left out). Fonts, colours and Word's settings are skipped, and
so is any destination marked as one a reader may skip ({\\*\\...}), as the format asks.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import Problems, printable
from .markdown import is_verse
from .model import Heading, ListBlock, Paragraph, Picture, Rule, Span
from .wordfile import (HEADING, LIST_STYLE, TABLE_OF_CONTENTS, Reading, Unreadable, _kept, _trimmed, _verse,
                       headings_typed, hyperlink_field, linked, read_story)

LARGEST = 200 * 1024 * 1024          # bytes of an .rtf (its pictures are written out in hex)
DEEPEST = 1000                        # groups inside groups (Word's files go a dozen deep)
SAVE_AGAIN = "open it in your word processor and save it again, or save it as a Word document (.docx)"
TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                   re.DOTALL)
CHARSETS = {77: "mac_roman", 128: "cp932", 129: "cp949", 134: "gbk", 136: "cp950", 161: "cp1253", 162: "cp1254",
            163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250"}
CHARACTERS = {"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
              "bullet": "•", "tab": " ", "line": "\n", "emspace": " ", "enspace": " ", "qmspace": " "}
# destinations whose words are kept somewhere other than the text
KEPT = {"fonttbl", "stylesheet", "fldinst", "fldrslt", "footnote", "listtext", "pict", "pn", "header", "headerl",
        "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "annotation"}
# destinations skipped even when not marked {\*...}: not the document's words
SKIPPED = {"colortbl", "info", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata",
           "colorschememapping", "datastore", "latentstyles", "pgdsctbl", "nonshppict", "object", "filetbl",
           "revtbl", "pnseclvl", "pntext", "pntxta", "pntxtb", "bkmkstart", "bkmkend", "atnid", "atnauthor",
           "atndate", "xe", "tc", "template", "docvar", "userprops", "expandedcolortbl", "ftnsep", "ftnsepc",
           "aftnsep", "aftnsepc", "shpinst", "sp", "fldtype", "datafield", "formfield"}
# what a paragraph's settings are: kept until \pard
PARAGRAPH = {"s": "style", "outlinelevel": "outline", "ls": "list", "ilvl": "level"}
LIST_MARK = re.compile(r"^\s*(\d{1,9}|[a-zA-Z]{1,4})[.)]")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SURROGATE = re.compile("[\ud800-\udfff]")


class State:
    """What a group sets: emphasis, the font, where its text goes."""
    __slots__ = ("bold", "italic", "caps", "hidden", "font", "uc", "dest", "size", "furniture")

    def __init__(self):
        self.bold = self.italic = self.caps = self.hidden = False
        self.font, self.uc, self.dest, self.size = -1, 1, "text", 12.0
        self.furniture = ""                    # inside the header or the footer (its pictures too)

    def copy(self) -> "State":
        other = State.__new__(State)
        for name in State.__slots__:
            setattr(other, name, getattr(self, name))
        return other


class Context:
    """The paragraph being read and where its blocks go: the story's, or a note's."""

    def __init__(self):
        self.spans: list[Span] = []
        self.after: list = []              # pictures, placed after the paragraph
        self.para: dict = {}               # its settings: style, outline, list, level, table
        self.mark = ""                     # the number or bullet its list shows (\listtext)
        self.initial: list[Span] = []      # a drop cap's letter, for the paragraph after it
        self.sizes: list[float] = []       # the type sizes of its words
        self.out: list = []
        self.lines: list = []              # short paragraphs, gathered as verse
        self.cell: list = []               # a table's cell being read, its row, the table
        self.cells: list = []
        self.rows: list = []


class RtfReader(Reading):
    def __init__(self, path: Path, data: str, problems: Problems, warnings: list[str]):
        super().__init__(_Named(path), problems, warnings)
        self.data = data
        self.codepage = "cp1252"
        self.fonts: dict[int, str] = {}            # font number -> the codec of its charset, or 'symbol'
        self.styles: dict[int, str] = {}           # paragraph style number -> its name, in lower case
        self.based: dict[int, int] = {}            # and the style it is based on
        self.entry: dict = {}                      # a font's or a style's being read
        self.here = Context()
        self.contexts: list[tuple] = []            # the story's (and where it was), while a note is read
        self.fields: list[list] = []               # [instruction, where its result starts, in the furniture]
        self.furniture_text: dict[str, list[str]] = {"header": [], "footer": []}
        self.comments = 0
        self.lists_begun = 0                       # WordPad's lists ({\*\pn ...}), one from each \pard
        self.picture_hex: list[str] = []
        self.picture_kind = ""
        self.picture_in = ""                       # the header or the footer the picture is in
        self.furniture_pictures = {"header": 0, "footer": 0}

    def read(self) -> list:
        if not self.data.lstrip().startswith("{\\rtf"):
            raise Unreadable("it is not Rich Text (an .rtf file begins with '{\\rtf')")
        self.parse()
        self.finish(self.here)
        self.here.out = headings_typed(self.here.out, self.sizes)
        if self.notes:
            self.here.out += [Rule(), ListBlock(True, 1, self.notes, notes=True)]
        return self.here.out

    def furniture(self) -> None:
        self.report({kind: " ".join(" ".join(words).split()) for kind, words in self.furniture_text.items()},
                    self.comments, self.furniture_pictures)

    # --- tokens --------------------------------------------------------------------------

    def parse(self) -> None:
        data, pos, state, stack = self.data, 0, State(), []
        skip = 0                                   # characters to skip after \uN (its stand-in)
        pending = bytearray()                      # \'hh bytes, decoded together (two-byte codes)
        while pos < len(data):
            m = TOKEN.match(data, pos)
            pos = m.end() if m else pos + 1
            if m is None:
                continue
            word, param, hexa, symbol, brace, text = m.groups()
            if pending and hexa is None:
                self.text(state, _decoded(bytes(pending), self.codec(state)))
                pending.clear()
            if brace:
                skip = 0
                if brace == "{":
                    if len(stack) >= DEEPEST:
                        raise Unreadable("its groups are nested more than a thousand deep")
                    stack.append(state)
                    state = state.copy()
                elif stack:
                    ending, state = state.dest, stack.pop()
                    if ending != state.dest:
                        self.close(ending)
                continue
            if skip:
                if text is not None and len(text) > skip:
                    text, skip = text[skip:], 0
                elif text is not None:
                    skip -= len(text)
                    continue
                else:
                    skip -= 1
                    continue
            if hexa is not None:
                if state.dest == "pict":
                    self.picture_hex.append(hexa)
                else:
                    pending.append(int(hexa, 16))
            elif text is not None:
                if state.dest == "pict":
                    self.picture_hex.append(text)
                elif state.dest != "skip":         # (8-bit characters typed into the file itself)
                    self.text(state, _decoded(text.encode("latin-1"), self.codec(state)) if not text.isascii()
                              else text)
            elif symbol is not None:
                if symbol == "*":
                    state.dest = "optional" if state.dest != "skip" else "skip"
                elif symbol in "\r\n":             # (TextEdit ends a paragraph with a backslash)
                    self.control(state, "par", None)
                else:
                    self.text(state, {"~": "\u00a0", "-": "\u00ad", "_": "\u2011"}.get(symbol, symbol)
                              if symbol in "\\{}~-_" else "")
            elif word == "bin" and param:
                pos += max(0, int(param))          # (binary data, which may hold any byte)
            elif word == "u" and param is not None:
                code = int(param) % 65536 if int(param) < 0 else int(param)
                self.text(state, chr(code) if code <= 0x10FFFF else "\ufffd")
                skip = state.uc
            elif word is not None:
                self.control(state, word, int(param) if param is not None else None)
        if pending:
            self.text(state, _decoded(bytes(pending), self.codec(state)))

    def codec(self, state: State) -> str:
        return self.fonts.get(state.font, self.codepage)

    def text(self, state: State, text: str) -> None:
        dest = state.dest
        if not text or dest in ("skip", "optional"):
            return
        if dest in ("fonttbl", "stylesheet"):
            self.entry.setdefault("name", []).append(text)
            if ";" in text:
                self.table_entry(dest)
        elif dest == "fldinst" and self.fields:
            self.fields[-1][0] += text
        elif dest == "listtext":
            self.here.mark += text
        elif dest[:6] in self.furniture_text or state.furniture:     # (a field's result in it too)
            self.furniture_text[state.furniture or dest[:6]].append(text)
        elif dest in ("text", "fldrslt", "footnote") and not state.hidden:
            if self.fonts.get(state.font) == "symbol" and text.strip():
                self.leave_out(f"text in a symbol font ('{printable(text, 20)}', pictures of its own, not letters) is")
                return
            spans = self.here.spans
            if spans and "\ud800" <= spans[-1].text[-1:] <= "\udbff" and "\udc00" <= text[:1] <= "\udfff":
                text = (spans.pop().text + text).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            spans.append(Span(text.upper() if state.caps else text, state.bold, state.italic))
            if text.strip():
                self.here.sizes.append(state.size)

    def control(self, state: State, word: str, number: int | None) -> None:
        dest, on = state.dest, number != 0
        if dest == "skip":
            return
        if dest == "optional":                     # {\*\word ...}: read if known, else skipped
            state.dest = "text" if word == "shppict" else "skip"
            if word not in KEPT:
                return
        if word in SKIPPED:
            state.dest = "skip"
            return
        if word in KEPT:
            self.open(state, word)
            return
        if dest in ("fonttbl", "stylesheet"):
            if word in ("f", "s", "cs", "ds", "ts") and number is not None and "kind" not in self.entry:
                self.entry.update(kind=word, number=number)      # (a style's \f4 is its font, not it)
            elif word == "fcharset" and number is not None:
                self.entry["charset"] = number
            elif word == "sbasedon" and number is not None:
                self.entry["based"] = number
            return
        if dest == "pict":
            if word in ("pngblip", "jpegblip", "emfblip", "wmetafile", "macpict", "dibitmap", "wbitmap"):
                self.picture_kind = word
            return
        if dest == "pn":                   # (WordPad's lists, as Word 6 wrote them: {\*\pn\pnlvlblt ...})
            para = self.here.para          # (kept till \pard: the items after it have no \pn of their own)
            if word in ("pnlvlblt", "pnlvlbody", "pnlvl", "pnlvlcont"):
                if "list" not in para:         # (a list of its own from each \pard)
                    self.lists_begun += 1
                para.update(list=f"pn {self.lists_begun}", mark="1." if word == "pnlvlbody" else "•")
            elif word in ("pndec", "pnucltr", "pnlcltr", "pnucrm", "pnlcrm") and "list" in para:
                para["mark"] = "1."
            elif word == "pnstart" and number is not None and para.get("mark") == "1.":
                para["mark"] = f"{max(0, number)}."
            return
        if word == "b":
            state.bold = on
        elif word == "i":
            state.italic = on
        elif word in ("caps", "scaps"):
            state.caps = on and word == "caps"
        elif word == "v":
            state.hidden = on
        elif word == "uc" and number is not None:
            state.uc = max(0, min(number, 10))
        elif word == "f" and number is not None:
            state.font = number
        elif word == "fs" and number:
            state.size = max(1, min(number, 3000)) / 2
        elif word == "plain":
            state.bold = state.italic = state.caps = state.hidden = False
            state.size = 12.0
        elif word == "ansicpg" and number:
            self.codepage = _codec(f"cp{number}")
        elif word == "mac":
            self.codepage = "mac_roman"
        elif word == "chatn":
            self.comments += 1
        elif dest not in ("text", "fldrslt", "footnote"):
            return
        elif word in CHARACTERS:
            self.text(state, CHARACTERS[word])
        elif word in ("par", "sect", "page") and not state.hidden:
            self.end_paragraph(self.here)
        elif word == "pard":
            self.here.para = {}
        elif word in PARAGRAPH and number is not None:
            self.here.para[PARAGRAPH[word]] = number
        elif word == "intbl":
            self.here.para["table"] = True
        elif word == "dropcapt":           # (Word's drop cap: a paragraph of its own holding the letter)
            self.here.para["initial"] = True
        elif word in ("cell", "nestcell"):
            self.end_paragraph(self.here, cell=True)
            self.here.cells.append(self.here.cell)
            self.here.cell = []
        elif word in ("row", "nestrow") and self.here.cells:
            self.here.rows.append(self.here.cells)
            self.here.cells = []

    def open(self, state: State, word: str) -> None:
        """A destination whose words go somewhere of their own begins."""
        state.dest = word
        if word[:6] in self.furniture_text:
            state.furniture = word[:6]
        if word == "fldinst":
            self.fields.append(["", 0, state.furniture])
        elif word == "fldrslt" and self.fields:
            self.fields[-1][1] = len(self.here.spans)
        elif word == "footnote":          # its number here; its words in a context of their own
            self.here.spans.append(Span(str(len(self.notes) + len(self.contexts) + 1).translate(SUPERSCRIPT),
                                        state.bold, state.italic))
            self.contexts.append((self.here, self.paragraph, self.before))
            self.here = Context()
        elif word == "pict":
            self.picture_hex, self.picture_kind, self.picture_in = [], "", state.furniture
        elif word == "annotation":
            state.dest = "skip"
        elif word in ("fonttbl", "stylesheet"):
            self.entry = {}

    def close(self, ending: str) -> None:
        """A destination's group has ended: its words go where they belong."""
        if ending == "fldrslt" and self.fields:
            instruction, start, furniture = self.fields.pop()
            if furniture:                 # (a page number or a link in the footer: not the story's)
                return
            linked(self.here.spans, start, *hyperlink_field(instruction))
        elif ending == "footnote" and self.contexts:
            note = self.here
            self.finish(note)
            self.notes.append(note.out or [Paragraph([Span(" ")])])
            self.here, self.paragraph, self.before = self.contexts.pop()    # (a note's are not the story's)
        elif ending == "pict":
            self.picture()
        elif ending in ("fonttbl", "stylesheet") and self.entry.get("name"):
            self.table_entry(ending)

    def table_entry(self, dest: str) -> None:
        """A font's or a paragraph style's entry, read: its number and its name."""
        entry, self.entry = self.entry, {}
        name = "".join(entry.get("name", [])).split(";")[0].strip()
        number = entry.get("number")
        if number is None:
            return
        if dest == "fonttbl":
            charset = entry.get("charset", 0)
            symbolic = charset == 2 or name.lower() in ("symbol", "wingdings", "wingdings 2", "wingdings 3",
                                                        "webdings", "zapf dingbats")
            self.fonts[number] = "symbol" if symbolic else CHARSETS.get(charset, self.codepage) \
                if charset in CHARSETS else self.codepage
        elif entry.get("kind") == "s":
            self.styles[number] = name.lower()
            if "based" in entry:
                self.based[number] = entry["based"]

    # --- blocks --------------------------------------------------------------------------

    def end_paragraph(self, here: Context, cell: bool = False) -> None:
        # (a surrogate \u with no partner, from a damaged file, is a stand-in character)
        spans = [Span(_SURROGATE.sub("\ufffd", s.text), s.bold, s.italic) if _SURROGATE.search(s.text) else s
                 for s in here.spans]
        spans, here.spans = _trimmed(spans), []
        if here.para.get("initial") and spans and not cell:
            here.initial = spans               # ('I', then 'n the summer': the word is one)
            return
        spans, here.initial = _trimmed(here.initial + spans), []
        made, kind = self.made(here, spans)
        if made and isinstance(made[0], Paragraph) and here.sizes:
            self.sizes[id(made[0])] = max(here.sizes)
        here.sizes = []
        made += here.after
        here.after, here.mark = [], ""
        if here.para.get("table") or cell:
            here.cell.extend(made)
            return
        self.end_table(here)
        self.paragraph += 1
        self.before = " ".join(s.text for s in spans)[:60] or self.before
        self.take(here.out, here.lines, kind, made)

    def made(self, here: Context, spans: list[Span]) -> tuple[list, object]:
        """A paragraph's blocks, and its kind (a list item, a quote, a caption), by its style."""
        names = self.names(here.para.get("style", -1))
        name = names[0]
        if TABLE_OF_CONTENTS.match(name):
            if spans:
                self.leave_out("the table of contents (with the word processor's page numbers; a layout with a "
                               "contents page makes its own) is")
            return [], None
        level, kind = None, None
        m, outline = HEADING.match(name), here.para.get("outline", 9)
        if m:
            level = min(max(int(m.group(1)), 1), 6)
        elif name in ("title", "subtitle"):
            level = 1 if name == "title" else 2
        elif 0 <= outline < 9:
            level = min(outline + 1, 6)
        if level is None and "list" in here.para:
            mark = LIST_MARK.match(here.mark or here.para.get("mark", ""))
            ordered, number, ilvl = mark is not None, here.para["list"], max(0, min(here.para.get("level", 0), 8))
            levels = self.numbering.setdefault(number, (f"list {number}", {}, set()))[1]
            if ilvl not in levels:            # (numbered from the number its first item shows)
                levels[ilvl] = (ordered, int(mark.group(1)) if mark and mark.group(1).isdigit() else 1)
            # ('List Bullet 2': a list inside a list, whatever its numbering)
            deeper = next((int(m.group(1)) - 1 for m in map(LIST_STYLE.match, names) if m), 0)
            kind = ("item", number, ilvl, max(ilvl, deeper), ordered)
        elif any(n in ("quote", "intense quote", "block text", "quotations") for n in names):
            kind = "quote"
        elif "caption" in names:
            kind = "caption"
        if not spans:
            return [], None if isinstance(kind, tuple) else kind
        if level or kind in ("quote", "caption"):
            spans = _unstyled(spans)
        if level:
            return [Heading(level, spans)], kind
        return [Paragraph(spans, preformatted=is_verse("".join(s.text for s in spans)))], kind

    def names(self, style: int) -> list[str]:
        """A paragraph style's name and those of the styles it is based on."""
        out: list[str] = []
        while style in self.styles and len(out) < 20:
            out.append(self.styles[style])
            style = self.based.get(style, -1)
        return out or [""]

    def end_table(self, here: Context) -> None:
        if here.cells:
            here.rows.append(here.cells)
            here.cells = []
        if here.rows:
            rows, here.rows = here.rows, []
            _verse(here.lines, here.out)
            self.tabulate(here.out, rows, f"paragraph {self.paragraph}", False, [], "your word processor")

    def finish(self, here: Context) -> None:
        if here.spans or here.after:
            self.end_paragraph(here)
        if here.cell:
            here.cells.append(here.cell)
            here.cell = []
        self.end_table(here)
        _verse(here.lines, here.out)

    def picture(self) -> None:
        if self.picture_in:               # (a logo in the header: said, not set in the story)
            self.furniture_pictures[self.picture_in] += 1
            self.picture_hex = []
            return
        kind, hexa = self.picture_kind, re.sub(r"[^0-9a-fA-F]", "", "".join(self.picture_hex))
        self.picture_hex = []
        if kind not in ("pngblip", "jpegblip"):
            self.leave_out("a picture in a drawing format (a Windows or Mac drawing, not a photo) is")
            return
        data = bytes.fromhex(hexa[: len(hexa) // 2 * 2])
        if not data:
            self.leave_out("a picture with nothing in it is")
            return
        ending = ".png" if kind == "pngblip" else ".jpg"
        number = len(self.kept) + 1
        path = _kept(data, f"{self.file.name} picture {number}{ending}")
        self.kept[str(number)] = path
        self.here.after.append(Picture(path, ""))

    def where_now(self) -> str:
        """The paragraph being read (its words are not all read yet): by the words before it."""
        return f"paragraph {self.paragraph + 1}" + (f", after '{printable(self.before, 40)}'" if self.before else "")


def _unstyled(spans: list[Span]) -> list[Span]:
    """A heading's or a quote's spans without the bold or italic its style gave all of them:
    RTF writes a style's look again on its text (\\s1\\b), and the layout sets a heading's
    own; a word set apart in it stays set apart."""
    words = [s for s in spans if s.text.strip()]
    bold, italic = all(s.bold for s in words), all(s.italic for s in words)
    return [Span(s.text, s.bold and not bold, s.italic and not italic, s.code, s.link) for s in spans]


class _Named:
    """What Reading needs of a package: the file's path."""

    def __init__(self, path: Path):
        self.path = path


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def _decoded(data: bytes, codec: str) -> str:
    if codec == "symbol":
        codec = "latin-1"             # (named as left out where it is printed)
    try:
        return data.decode(codec, "replace")
    except LookupError:
        return data.decode("cp1252", "replace")


def read(path: Path, problems: Problems, warnings: list[str]) -> list:
    """The story in an .rtf file as blocks; what is wrong with the file is a problem, what
    is left out a warning."""
    def reader() -> RtfReader:
        with open(path, "rb") as f:
            raw = f.read(LARGEST + 1)
        if len(raw) > LARGEST:
            raise Unreadable(f"it is more than {LARGEST // 2**20} MB")
        return RtfReader(path, raw.decode("latin-1"), problems, warnings)
    return read_story(path, problems, warnings, reader, "Rich Text file", SAVE_AGAIN)
