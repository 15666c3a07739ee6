"""Load stage: a content folder in, a `Booklet` (model.py) out.

Reads `booklet.yaml` and every section file it names, checks each against its schema
and collects every problem in every file before raising them together.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path

from . import markdown, yamlfile
from .errors import BookletError, Problem, Problems, printable, shown, some, typed
from .model import (Booklet, Comment, CommentRules, Cover, Event, Photo, Question, Quote,
                    ScheduleItem, Section, Tribute)
from .schema import (INVALID, Bool, Choice, Ctx, Field, FilePath, LanguageTag, ListOf, Number, Record, Text,
                     HIDDEN_TXT, did_you_mean)
from .theme import SECTION_KINDS
from .words import word

WORD_PROCESSED = {".docx": "wordfile", ".docm": "wordfile", ".odt": "odtfile", ".rtf": "rtffile"}   # and its reader
STORY_FILES = (".md", ".markdown", ".txt", *WORD_PROCESSED)
DOCUMENTS = (".doc", ".pages", ".pdf", ".wpd", ".rtfd")     # a word processor's files we do not read
PHOTO_FILES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".gif", ".bmp",
               ".jfif", ".jpe", ".avif")    # .heic: an iPhone's; .jfif: a JPEG saved from a web page on Windows
# files a folder of photos holds beside them and no one means to print: a phone's and a
# camera's notes on a photo (an iPhone's edits, .aae), Windows' thumbnails and settings
NOT_PICTURES = (".aae", ".xmp", ".thm", ".ini", ".db")

COMMENT_RULES = Record({
    "pick": Field(ListOf(Text(nonempty=True), single=True), "only these comments, by name or id, in this order", []),
    "exclude": Field(ListOf(Text(nonempty=True), single=True), "leave out these comments, by name or id", []),
    "drop_duplicates": Field(Bool(), "leave out a comment whose text repeats an earlier one", True),
    "near_duplicates": Field(Bool(), "also when it differs only slightly (case, punctuation, a word)", True),
    "min_words": Field(Number(0, integer=True), "leave out comments shorter than this", 0),
    "max_words": Field(Number(1, integer=True), "comments longer than this are left out, or shortened", None),
    "long": Field(Choice("leave-out", "shorten"),
                  "a comment over max_words: leave it out, or shorten it at a sentence end, marked […]",
                  "leave-out"),
    "max": Field(Number(1, integer=True), "at most this many comments", None),
    "order": Field(Choice("given", "shortest", "shuffle"),
                   "as in the file, shortest first, or shuffled (the same way each time)", "given"),
    "seed": Field(Number(integer=True), "with order: shuffle, a number choosing the shuffle", 1),
})


class ByFile(Record):
    """A section, or only its file where the file's name says what it holds ('- story.md',
    '- tributes.yaml'); a file named otherwise is told the form to write."""

    def check(self, node, ctx):
        if node.kind == "str":
            kind, named = section_kind(node.value), _kind_named(node.value)
            if kind is None and named:          # '- story': the folder's story.md, if it has one
                file = _file_for(named, node.file.parent)
                if file is None:
                    ending = ".md" if named == "story" else ".yaml"
                    return ctx.fail(node, self.expected(), hint=f"name its file: '- type: {named}' with '  file: "
                                    f"{named}{ending}' on the line under it, or '- {named}{ending}'")
                kind, node = named, yamlfile.Node(file, "str", node.file, node.line)
            if kind is None and Path(str(node.value)).suffix:    # 'story.docx': told what a story file is
                path = Path(str(node.value))
                kind = _kind_named(path.stem) or ("story" if path.suffix.lower() in DOCUMENTS + STORY_FILES else None)
            if kind is None:
                return ctx.fail(node, self.expected(),
                                hint=f"say what it holds: '- type: comments' (or tributes, quotes, photos...) "
                                     f"with '  file: {printable(node.value, 60)}' on the line under it")
            node = yamlfile.Node({"type": yamlfile.Node(kind, "str", node.file, node.line), "file": node}, "map",
                                 node.file, node.line, {"type": node.line, "file": node.line})
        return super().check(node, ctx)


def read_document(file: Path, problems: Problems, warnings: list[str], kind: str = "") -> list:
    """A story a word processor saved (WORD_PROCESSED) as blocks, by its format's reader
    (zip and XML readers: imported only for one); `kind` the format when its name does not
    say it ('.rtf' for a story.md TextEdit saved as Rich Text)."""
    reader = importlib.import_module(f".{WORD_PROCESSED[kind or file.suffix.lower()]}", __package__)
    return reader.read(file, problems, warnings)


def _rich_text(file: Path) -> bool:
    """Whether a file begins as Rich Text does ('{\\rtf'), whatever its name."""
    try:
        with open(file, "rb") as f:
            return yamlfile.saved_as(f.read(16)) == b"{\\rtf"
    except OSError:
        return False


def _sections_as_a_list(root: yamlfile.Node) -> None:
    """'sections:' written as a mapping of kinds to files ('story: story.md' on each line),
    the order kept, read as the list it means (it was 'expected a list, found a mapping')."""
    sections = root.value.get("sections") if root.kind == "map" else None
    if sections is None or sections.kind != "map" or not sections.value or \
            not all(_kind_named(key) and value.kind == "str" for key, value in sections.value.items()):
        return
    lines = sections.key_lines or {}
    root.value["sections"] = yamlfile.Node(
        [yamlfile.Node({"type": yamlfile.Node(_kind_named(key), "str", value.file, lines.get(key, value.line)),
                        "file": value}, "map", value.file, lines.get(key, value.line),
                       {"type": lines.get(key, value.line), "file": value.line})
         for key, value in sections.value.items()], "seq", sections.file, sections.line)


def _kind_named(text: str) -> str | None:
    """The kind of section a word names: 'story', 'Tributes', 'photo'."""
    word = str(text).strip().lower()
    return next((kind for kind in SECTION_KINDS if word in (kind, kind.rstrip("s"))), None)


def _file_for(kind: str, folder: Path) -> str | None:
    """The one file in the folder named for a kind of section (story.md, tributes.yaml), or None."""
    found = [p.name for p in sorted(folder.iterdir()) if p.is_file() and section_kind(p.name) == kind
             and (kind != "story" or p.stem.lower() in ("story", "stories"))]
    if not found and kind in ("photos", "gallery"):          # a folder of photos of that name
        found = [p.name for p in sorted(folder.iterdir()) if p.is_dir() and _kind_named(p.name) == kind]
    return found[0] if len(found) == 1 else None


def booklet_file(folder: Path, names: list[str] | None = None) -> str | None:
    """The name of a folder's booklet.yaml, or of that file under another name: Booklet.YAML,
    booklet.yml, booklet.yaml.txt as Notepad saves it (its '.txt' hidden by Windows),
    booklet.json (JSON is YAML). (`names`: the folder's, when they are read already.)"""
    try:
        names = sorted(p.name for p in folder.iterdir()) if names is None else sorted(names)
    except OSError:
        return None
    return "booklet.yaml" if "booklet.yaml" in names else \
        next((name for name in names if re.fullmatch(r"booklet\.(?:ya?ml|json)(?:\.txt)?", name, re.IGNORECASE)), None)


def holds_a_booklet(folder: Path) -> bool:
    """Whether a folder holds a booklet's files, booklet.yaml or not: that file (or it under
    another name), or a file named for the section it makes (story.md, tributes.yaml; not
    any notes.md)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return bool(booklet_file(folder, [p.name for p in entries])) or any(
        p.is_file() and section_kind(p.name) and _kind_named(Path(p.name).stem) == section_kind(p.name)
        for p in entries)


def booklet_files(folder: Path) -> list[str]:
    """The files in a folder whose names say what section they make (story.md, tributes.yaml),
    and a folder of photos ('photos', 'gallery'), in a reading order, as booklet.yaml would
    list them (not printable: a message shows them through printable)."""
    found = []
    for p in folder.iterdir():
        if p.is_file() and section_kind(p.name) and p.stem.lower() != "readme":
            found.append((section_kind(p.name), p.name))
        elif p.is_dir() and _kind_named(p.name) in ("photos", "gallery"):
            found.append((_kind_named(p.name), p.name))
    return [name for kind, name in sorted(found, key=lambda item: (SECTION_KINDS.index(item[0]), item[1]))]


def _sections_hint(folder: Path) -> str:
    """booklet.yaml has no sections: the ones the folder's files would make, to copy."""
    files = [printable(name, 60) for name in booklet_files(folder)] or ["story.md", "tributes.yaml"]
    return f"add the sections in reading order, e.g. sections: [{', '.join(files)}]"


def section_kind(name: str) -> str | None:
    """The kind of section a file's name says it holds: story.md, tributes.yaml, photo.yml."""
    path = Path(name.strip())
    if path.suffix.lower() in (".md", ".markdown", *WORD_PROCESSED):
        return "story"
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    return _kind_named(path.stem)


SECTION = ByFile({
    "type": Field(Choice(*SECTION_KINDS), "what the section holds"),
    "file": Field(FilePath(folders=True), "the section's file, relative to the content folder (for photos "
                  "and a gallery, a folder: every picture in it, by name)"),
    "title": Field(Text(), "heading of the section (each type has a default)", ""),
    "intro": Field(Text(), "a short paragraph under the heading", ""),
    "select": Field(COMMENT_RULES, "comments only: which comments to print", None),
}, also={"kind": "type", "path": "file", "filename": "file", "heading": "title"})

BOOKLET = Record({
    "title": Field(Text(nonempty=True), "the booklet's title, on the cover and in the PDF"),
    "subtitle": Field(Text(), "a line under the title", ""),
    "dedication": Field(Text(), "a dedication, on its own page after the cover", ""),
    "closing": Field(Text(), "a few closing words, on the last page", ""),
    "smart_typography": Field(Bool(), "curly quotes, dashes and ellipses from what was typed", True),
    "author": Field(Text(), "who made the booklet (PDF metadata)", ""),
    "language": Field(LanguageTag(), "language of the text, e.g. en-GB", "en"),
    "layout": Field(Text(), "the layout to use unless --layout says otherwise", ""),
    "cover": Field(Record({
        # (a double rule by default: the lanes of a running track are the example's, not every booklet's)
        "art": Field(Choice("track", "frame", "none"),
                     "art drawn on the cover: track (running-track lanes), frame (a double rule) or none", "frame"),
        "image": Field(FilePath(PHOTO_FILES), "a photo for the cover", None),
        "note": Field(Text(), "a line at the foot of the cover, e.g. dates or an occasion", ""),
    }), "the front cover", None),
    "sections": Field(ListOf(SECTION, nonempty=True), "the sections, in reading order"),
}, also={"name": "title", "lang": "language", "locale": "language", "theme": "layout", "template": "layout",
         "contents": "sections", "chapters": "sections", "parts": "sections"})

ITEM_SCHEMAS = {
    "quotes": Record({
        "text": Field(Text(nonempty=True), "the words quoted, exactly"),
        "who": Field(Text(nonempty=True), "who said or wrote them"),
        "source": Field(Text(), "where they were said or reported", ""),
    }, also={"author": "who", "by": "who", "name": "who", "speaker": "who", "attribution": "who",
             "quote": "text", "words": "text"}),
    "tributes": Record({
        "from": Field(Text(nonempty=True), "who the tribute is from"),
        "role": Field(Text(), "who they are, e.g. a friend, a teammate", ""),
        "text": Field(Text(nonempty=True), "the tribute, exactly"),
    }, also={"name": "from", "author": "from", "by": "from", "who": "from", "tribute": "text",
             "message": "text", "relation": "role", "relationship": "role"}),
    "comments": Record({
        "name": Field(Text(), "the name as published (none: Anonymous)", ""),
        "text": Field(Text(), "the comment, exactly as written"),
        "date": Field(Text(), "when it was posted", ""),
        "source": Field(Text(), "where it was posted", ""),
        "id": Field(Text(), "an identifier, for pick and exclude", ""),
    }),
    "photos": Record({
        "file": Field(FilePath(PHOTO_FILES), "the image file"),
        "caption": Field(Text(), "a caption under the photo", ""),
        "credit": Field(Text(), "who took it or owns it", ""),
    }, also={"photo": "file", "image": "file", "path": "file", "filename": "file", "src": "file",
             "title": "caption", "description": "caption", "photographer": "credit", "copyright": "credit"}),
    "timeline": Record({
        "date": Field(Text(nonempty=True), "when, as it should be printed: 1992, 3 August 1992..."),
        "event": Field(Text(nonempty=True), "what happened"),
    }, also={"year": "date", "when": "date", "text": "event", "what": "event", "description": "event"}),
    "questions": Record({
        "question": Field(Text(nonempty=True), "a question to think or talk about"),
    }, also={"text": "question", "q": "question"}),
    "schedule": Record({
        "time": Field(Text(), "when, as it should be printed: 11.00, 2 pm...", ""),
        "item": Field(Text(nonempty=True), "what happens: a reading, a hymn, a tribute"),
        "who": Field(Text(), "who leads it", ""),
    }, also={"when": "time", "what": "item", "event": "item", "title": "item", "by": "who", "leader": "who"}),
}
ITEM_SCHEMAS["gallery"] = ITEM_SCHEMAS["photos"]
# entries that need one field only may be written as it alone: '- Why did he run?' is
# '- question: Why did he run?', '- wedding.jpg' is '- file: wedding.jpg'
SHORT_FORM = {"questions": "question", "photos": "file", "gallery": "file", "comments": "text"}


WHERE = ("title", "subtitle", "dedication", "closing", "cover.note", "cover.image", "layout")   # lines kept


def load_booklet(folder: Path) -> Booklet:
    folder = Path(folder)
    if folder.is_file():
        raise BookletError(Problem("this is a file; booklet make wants the folder that holds booklet.yaml",
                                   file=folder, hint=f"try: booklet make {typed(folder.parent)}"))
    if not folder.is_dir():
        raise BookletError(Problem("content folder not found", file=folder,
                                   hint="give the folder that holds booklet.yaml (or run 'booklet make' inside it)"))
    path = folder / "booklet.yaml"
    if path.is_symlink() and folder.resolve() not in path.resolve().parents:
        raise BookletError(Problem("booklet.yaml is a link to a file outside the folder", file=path,
                                   hint="copy the file into the folder instead"))
    if not path.is_file():
        other = booklet_file(folder)
        found = [printable(name, 60) for name in booklet_files(folder)]
        if other:
            why = HIDDEN_TXT if other.lower().endswith(".txt") else \
                " (JSON is read as YAML)" if other.lower().endswith(".json") else ""
            hint = f"rename {printable(other)} to booklet.yaml{why}"
        elif found:
            hint = (f"make a booklet.yaml in it of two lines: 'title: ...' and 'sections: [{', '.join(found)}]' "
                    f"(booklet init {typed(shown(folder))} writes one)")
        else:
            hint = "a content folder needs a booklet.yaml (start one with: booklet init FOLDER); see content/README.md"
        raise BookletError(Problem("this folder has no booklet.yaml", file=folder, hint=hint))
    problems, warnings = Problems(), []
    root = yamlfile.load(path, windows=warnings, hashtags=_booklet_hashtags)
    _sections_as_a_list(root)
    data = BOOKLET.check(root, Ctx(problems))
    if data is INVALID:                 # not keys and values at all (a list, a line of text)
        problems.check()
    if root.kind == "map" and "sections" not in root.value:
        problems.items = [replace(p, hint=_sections_hint(folder)) if p.field == "sections" else p
                          for p in problems.items]
    cover = data["cover"] or {"art": "frame", "image": None, "note": ""}
    sections = []
    for i, entry in enumerate(data["sections"] if data["sections"] is not INVALID else []):
        if entry is INVALID or INVALID in (entry["type"], entry["file"]):
            continue
        sections.append(_load_section(entry, problems, root, i, data["language"]))
    problems.check()
    return Booklet(
        root=folder.resolve(), title=data["title"], subtitle=data["subtitle"],
        dedication=data["dedication"], closing=data["closing"], smart_typography=data["smart_typography"],
        author=data["author"], language=data["language"],
        layout=data["layout"], cover=Cover(cover["art"], cover["image"], cover["note"]),
        sections=sections, where={key: root.where(*key.split(".")) for key in WHERE}, warnings=warnings,
    )


def _load_section(entry: dict, problems: Problems, root: yamlfile.Node, index: int, language: str) -> Section:
    """Section `index` (from 0) of booklet.yaml, whose YAML is `root`."""
    kind, file = entry["type"], entry["file"]
    section = Section(kind, entry["title"] or word(kind, language if language is not INVALID else "en"), file,
                      intro=entry["intro"])
    if entry["select"] is not None and kind != "comments":
        problems.add("'select' is only for comments sections", **root.where("sections", index, "select"))
    if file.is_dir():
        if kind in ("photos", "gallery"):          # every picture in the folder, in the order of their names
            unprinted = []
            # ('file: .', the content folder itself: its booklet.yaml, story and PDF are no photos to be told of)
            own = file.resolve() == root.file.parent.resolve()
            for p in sorted(file.iterdir(), key=by_name):
                if not p.is_file() or p.name.startswith((".", "~$")) or p.suffix.lower() in NOT_PICTURES:
                    continue
                if p.suffix.lower() not in PHOTO_FILES:
                    if not own:
                        unprinted.append(printable(p.name))
                    continue
                if root.file.parent.resolve() not in p.resolve().parents:     # a link out of the folder
                    problems.add("the path leaves the folder; keep files inside it", file=p,
                                 hint="copy the photo into the folder instead of linking to it")
                    continue
                section.items.append(Photo(p))
            printed = "JPEG, PNG, HEIC, TIFF, WebP, AVIF, GIF or BMP"
            if unprinted and not section.items:
                problems.add(f"this folder has no photos a booklet prints ({printed}), only {some(unprinted)}",
                             file=file, hint="open them in a picture program and save or export them as JPEG or PNG")
            elif unprinted:       # (a school's crest as .svg, the order of service as .pdf)
                one = len(unprinted) == 1
                section.warnings.append(
                    f"{some(unprinted)} in the folder {printable(file.name)} {'is not a photo' if one else 'are not'}"
                    f"{'' if one else ' photos'} a booklet prints ({printed}) and {'is' if one else 'are'} left out: "
                    "a picture in another format prints once it is saved or exported as JPEG or PNG; move anything "
                    "else out of the folder")
        else:
            wanted = STORY_FILES if kind == "story" else (".yaml", ".yml", ".json")
            # an example of its kind: 'quotes.yaml' for quotes (never the booklet's own settings)
            found = [p for p in sorted(file.iterdir()) if p.suffix.lower() in wanted and p.name != "booklet.yaml"]
            inside = next((p for p in found if p.stem.lower() == kind), found[0] if found else None)
            written = inside and inside.relative_to(root.file.parent.resolve()).as_posix()
            problems.add(f"a {kind} section names a file; '{printable(file.name)}' is a folder",
                         **root.where("sections", index, "file"),
                         hint=f"name a file in it, e.g. '{printable(written)}'" if inside else None)
        return section
    if kind == "story":
        if file.suffix.lower() not in STORY_FILES:
            document = file.suffix.lower() in DOCUMENTS
            problems.add(f"a story is a Markdown file ending in .md (or a Word document: .docx, .odt or .rtf), "
                         f"found '{printable(file.name)}'", **root.where("sections", index, "file"),
                         hint=f"save it from your word processor as a Word document ('Save as' > Word "
                              f"Document, .docx) and name that file here, or paste its text into a new file "
                              f"{file.stem}.md" if document else None)
            return section
        if file.suffix.lower() in WORD_PROCESSED:
            section.blocks = read_document(file, problems, section.warnings)
            return section
        if _rich_text(file):        # (TextEdit saves Rich Text unless told otherwise, under any name)
            section.warnings.append(f"{printable(file.name)} is Rich Text (RTF), as TextEdit saves it: read as "
                                    f"such (a name ending in .rtf says so)")
            section.blocks = read_document(file, problems, section.warnings, ".rtf")
            return section
        try:
            text = yamlfile.read_text(file, what="story file", windows=section.warnings)
        except BookletError as e:
            problems.items.extend(e.problems)
            return section
        settings = _front_matter(text)
        if settings:          # (blank lines in its place: the story's lines keep their numbers)
            text = "\n" * settings + text.split("\n", settings)[-1]
            section.warnings.append(
                f"{file.name}, lines 1-{settings}: the settings between '---' lines at the top (front matter, "
                "as blogs and note apps write it) are not printed; a booklet's title and settings go in booklet.yaml")
        section.blocks = markdown.parse(text, file, problems, section.warnings)
        return section
    if file.suffix.lower() not in (".yaml", ".yml", ".json"):       # (JSON, as a website exports it, is YAML)
        suffix, yaml_name = file.suffix.lower(), printable(file.stem) + ".yaml"
        hint = None
        if suffix == ".txt" and _listed(file):      # (YAML saved under another name)
            hint = f"it is written as a {kind} file: rename it {yaml_name}, and name that here"
        elif kind == "comments" and suffix in (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods"):
            made = file.with_suffix(".yaml")
            command = f"booklet import-comments {typed(shown(file))} -o {typed(shown(made))}"
            hint = f"make a comments file from it: {printable(command, 200)}, then name {yaml_name} here"
            if suffix == ".xls":      # (Excel 97-2003's own format is not read)
                hint = "save the sheet as .xlsx (or CSV) from your spreadsheet program, then " + hint
        problems.add(f"a {kind} file is a YAML file ending in .yaml (or JSON), found '{printable(file.name)}'",
                     **root.where("sections", index, "file"), hint=hint)
        return section
    try:
        node = yamlfile.load(file, windows=section.warnings, hashtags=_hashtags(kind))
    except BookletError as e:
        problems.items.extend(e.problems)
        return section
    if node.kind == "map" and len(node.value) == 1 and next(iter(node.value.values())).kind == "seq":
        node = next(iter(node.value.values()))      # 'comments:' over the list: the list is meant
    elif node.kind == "map":
        node = _headed(node, entry, section, problems)
    if node.kind == "seq" and kind in (*PERSON, "questions"):
        _said_with_a_colon(node, kind, problems)
    if kind in PAIRED:
        node = _paired(node, kind)
    if node.kind == "seq" and kind in LINE_READERS:      # ('- 12.00 Committal', '- beach.jpg Cornwall')
        read = LINE_READERS[kind]
        node.value = [read(n, kind) if n.kind not in ("map", "seq", "null") else n for n in node.value]
    if node.kind == "seq" and kind in SHORT_FORM:
        key = SHORT_FORM[kind]
        node.value = [yamlfile.Node({key: n}, "map", n.file, n.line, {key: n.line})
                      if n.kind not in ("map", "seq", "null") else n for n in node.value]
    if node.kind == "map":            # 'Ann: We miss him.', one entry a line, as a list is not
        fields = list(ITEM_SCHEMAS[kind].fields)
        if len(fields) > 1:
            hint = f"write each entry as '- {fields[0]}: ...' with '  {fields[1]}: ...' on the line under it"
        else:                         # (a question is its one field: '{}' crashed the build)
            hint = f"write each {fields[0]} on a line of its own after '- ', e.g. '- Why did he go on?'"
        problems.add(f"expected a list of entries, each starting with '- ', found {node.describe()}",
                     file=node.file, line=node.line, hint=hint)
        return section
    if kind == "comments" and node.kind == "seq":
        section.warnings += _as_exported(node, file.name)
    items = ListOf(ITEM_SCHEMAS[kind]).check(node, Ctx(problems))
    if items is INVALID:
        return section
    lines = [child.line for child in node.value] if node.kind == "seq" else []
    section.items = [_item(kind, d, line) for d, line in zip(items, lines)
                     if d is not INVALID and INVALID not in d.values()]
    if kind == "questions":
        _unnumbered(section.items)
    if kind == "comments":
        rules = entry["select"] or {key: f.default for key, f in COMMENT_RULES.fields.items()}
        if rules is INVALID or INVALID in rules.values():
            return section                          # (what is wrong with it is reported already)
        rules["max_count"] = rules.pop("max")
        where = {"select": root.where("sections", index, "select")}
        for key in ("pick", "exclude"):
            where.update({f"{key}[{i}]": root.where("sections", index, "select", key, i)
                          for i in range(len(rules[key]))})
        section.rules = CommentRules(**rules, where=where)
    return section


_HEADINGS = {"title": "title", "heading": "title", "intro": "intro", "introduction": "intro"}


def _headed(node: yamlfile.Node, entry: dict, section: Section, problems: Problems) -> yamlfile.Node:
    """'title: Photos' (or 'intro: ...') over 'photos:' and its list, as many YAML files begin,
    or a website's export with its list under one key and counts beside it ('count: 50',
    'paging: ...'): the list is meant. A title and intro are the section's, unless
    booklet.yaml gives it its own (then this file's are said not to be printed); any other
    key is said not to be read. A mapping with no list, or more than one, is returned as it
    is, to be told the form to write."""
    lists = [key for key, value in node.value.items() if value.kind == "seq"]
    if len(lists) != 1:
        return node
    lines = node.key_lines or {}
    for key, value in node.value.items():
        line = lines.get(key, value.line)
        if key == lists[0]:
            continue
        if str(key).lower() not in _HEADINGS:
            section.warnings.append(
                f"{printable(node.file.name)}, line {line}: '{printable(str(key), 40)}' is not read: the file's "
                f"list (under '{printable(str(lists[0]), 40)}:') is, and a title and intro over it")
            continue
        name = _HEADINGS[str(key).lower()]
        text = Text().check(value, Ctx(problems, str(key)))
        if text is INVALID or not text.strip():
            continue
        given = entry[name]
        if not given:
            setattr(section, name, text)
        elif given.strip() != text.strip():
            section.warnings.append(
                f"{printable(node.file.name)}, line {line}: the {name} '{printable(text, 60)}' is not printed: "
                f"booklet.yaml gives the section the {name} '{printable(given, 60)}' (keep one of them)")
    return node.value[lists[0]]


_OWN_NUMBER = re.compile(r"(?:q(?:uestion)?\s*)?(\d{1,3})\s*[.):]\s+", re.IGNORECASE)     # '1. ', '2) ', 'Q3: '


def _unnumbered(questions: list[Question]) -> None:
    """'- 1. Why did he keep going?': the booklet numbers its questions, and one typed with
    its own number was printed '1. 1. Why did he keep going?'. A number that is the
    question's own place is left off; any other (a question that starts with a year) stays."""
    for place, q in enumerate(questions, 1):
        m = _OWN_NUMBER.match(q.question)
        if m and int(m.group(1)) == place and q.question[m.end():].strip():
            q.question = q.question[m.end():]


def by_name(path: Path) -> list:
    """A file's place among its folder's as a file browser shows them: 'IMG_2' before
    'IMG_10', capitals aside."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name.casefold())]


PERSON = {"comments": "name", "tributes": "from", "quotes": "who"}    # whose words an entry's text is


# a timeline or an order of service written as one says it, 'when: what' ('- 1988: Seoul
# Olympics', or '1988: Seoul Olympics' a line each without the dashes): each read as its
# two keys (it was 'unknown key 1988', or 'expected a list of entries')
PAIRED = {"timeline": ("date", "event"), "schedule": ("time", "item"),
          "photos": ("file", "caption"), "gallery": ("file", "caption")}   # ('- wedding.jpg: Our wedding')


def _paired(node: yamlfile.Node, kind: str) -> yamlfile.Node:
    when, what = PAIRED[kind]
    schema = ITEM_SCHEMAS[kind]

    def said(key: str, value: yamlfile.Node) -> bool:
        return _one_line(schema, key, value) and (when != "file" or Path(key).suffix.lower() in PHOTO_FILES)

    def entry(key: str, value: yamlfile.Node, line: int) -> yamlfile.Node:
        return yamlfile.Node({when: yamlfile.Node(key, "str", value.file, line), what: value}, "map", value.file,
                             line, {when: line, what: value.line})

    if node.kind == "map" and node.value and all(said(str(k), v) for k, v in node.value.items()):
        return yamlfile.Node([entry(str(k), v, (node.key_lines or {}).get(k, v.line)) for k, v in node.value.items()],
                             "seq", node.file, node.line)
    if node.kind == "seq":
        for i, n in enumerate(node.value):
            if n.kind == "map" and len(n.value) == 1:
                key, value = next(iter(n.value.items()))
                if said(str(key), value):
                    node.value[i] = entry(str(key), value, n.line)
    return node


# an order of service or a timeline typed a line an entry, the time or the year first
# ('- 12.00 Committal', '- 1992 Barcelona Olympics', as a printed programme reads): each
# read as its two keys (it was 'expected a mapping'); a line of an order of service with
# no time first is its item alone
WHEN_FIRST = {"schedule": re.compile(r"(\d{1,2}(?:[.:h]\d{2}(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?))\s*[-–—:]?\s+(\S.*)",
                                     re.I),                  # (minutes or am/pm: '1 Corinthians 13' is an item)
              "timeline": re.compile(r"((?:c\.\s*)?\d{4}s?)\s*[-–—:,]?\s+(\S.*)")}


def _when_first(node: yamlfile.Node, kind: str) -> yamlfile.Node:
    when, what = PAIRED[kind]
    m = WHEN_FIRST[kind].fullmatch(str(node.value).strip())
    parts = {when: m[1], what: m[2]} if m else {what: str(node.value)} if kind == "schedule" else None
    return node if parts is None else _entry_of(node, parts)


def _entry_of(node: yamlfile.Node, parts: dict[str, str]) -> yamlfile.Node:
    """A line of text read as an entry's keys, each on the line's line."""
    return yamlfile.Node({key: yamlfile.Node(text, "str", node.file, node.line) for key, text in parts.items()},
                         "map", node.file, node.line, {key: node.line for key in parts}, one_line=True)


# a photo and its caption on a line, as a list of photos is typed ('- beach.jpg Cornwall,
# every August'): the file's name was the whole line ('that file does not exist')
_FILE_FIRST = re.compile(r"(.+?(?:" + "|".join(re.escape(e) for e in PHOTO_FILES) + r"))\s+[-–—:]?\s*(\S.*)", re.I)


def _file_first(node: yamlfile.Node, kind: str) -> yamlfile.Node:
    m = _FILE_FIRST.fullmatch(str(node.value).strip())
    return _entry_of(node, {"file": m[1], "caption": m[2]}) if m else node


# a quotation or a tribute typed on a line as it is printed, the words, a dash and who
# said them ('- I finished the race. — Derek Redmond'): it was 'expected a mapping', and
# so was the line after our own hint's quotes; the last spaced dash divides them
_SAID_BY = re.compile(r"(.*\S)\s+(?:—|–|―|--?)\s+(\S[^—–―]*)")
_QUOTED = re.compile(r"([\"“”'‘’])(.*)[\"“”'‘’]", re.S)


def _said_by(node: yamlfile.Node, kind: str) -> yamlfile.Node:
    """A quotation's or tribute's line read as its words and who said them (the words'
    own quote marks aside: they are printed with the layout's); a line with no dash is
    its words alone, and 'who' is then said to be missing."""
    text = str(node.value).strip()
    m = _SAID_BY.fullmatch(text)
    # (the words end a sentence or a quotation, or the rest is a name: 'He ran - and won' is words)
    if m and not (m[1][-1] in ".!?…\"”'’)" or (m[2][:1].isupper() and len(m[2].split()) <= 6)):
        m = None
    words, who = (m[1], m[2].strip()) if m else (text, None)
    if (q := _QUOTED.fullmatch(words)) and not re.search(r"[\"“”]", q[2]):
        words = q[2]
    return _entry_of(node, {"text": words} | ({PERSON[kind]: who} if who else {}))


# how a line of text alone is read as an entry, in the files that are lists of entries
LINE_READERS = {"schedule": _when_first, "timeline": _when_first, "photos": _file_first, "gallery": _file_first,
                "quotes": _said_by, "tributes": _said_by}


def _one_line(schema: Record, key: str, value: yamlfile.Node) -> bool:
    """Whether an entry's one 'key: value' is two things said on a line ('Ann: We miss
    him.', '1988: Seoul Olympics'), not one of the entry's keys (or an export's) and its value."""
    return (key not in schema.fields and key.lower() not in schema.also and key.lower() not in EXPORTED
            and value.kind not in ("map", "seq", "null"))


# booklet.yaml's texts, and their other names: 'title: Race #1 of 1992' printed 'Race'
_BOOKLET_TEXTS = {"title", "subtitle", "dedication", "closing", "author", "note", "intro", "name", "heading"}


def _booklet_hashtags(key: str | None) -> bool:
    """Which of booklet.yaml's texts may end with '#1' or '#RIP' (see _hashtags): its
    words, not its file names, layout or language."""
    return key is not None and key.lower() in _BOOKLET_TEXTS


def _hashtags(kind: str):
    """Which of a section file's texts may end with hashtags ('#RIP', see yamlfile's
    _hashtags), by the key each is under: all but a photo's file name ('file: a.jpg #best',
    or a photos list's '- a.jpg #best', a name alone: the hashtag is a note)."""
    files = {"file", *(k for k, ours in ITEM_SCHEMAS["photos"].also.items() if ours == "file")}
    alone = kind not in ("photos", "gallery")           # (a list's item alone: its file's name)
    return lambda key: key.lower() not in files if key is not None else alone


def _said_with_a_colon(node: yamlfile.Node, kind: str, problems: Problems) -> None:
    """'- Ann: We miss him.' is YAML for a key 'Ann': the name and the words, written as one
    says them. Reported with the form to write, not as 'the key text is missing'. A
    question with a colon in it ('- Think: was it right?') is read as the question typed."""
    schema = ITEM_SCHEMAS[kind]
    for entry in node.value:
        if entry.kind != "map" or len(entry.value) != 1:
            continue
        key, value = next(iter(entry.value.items()))
        if not _one_line(schema, str(key), value):
            continue
        if kind == "questions":             # a question has nothing else to say: it is read whole
            entry.value = {"question": yamlfile.Node(f"{key}: {value.value}", "str", entry.file, entry.line)}
            continue
        who, words = printable(str(key), 40), printable(str(value.value), 40)
        problems.add(f"'{who}: {words}' is read as a key '{who}', because of the colon after it",
                     file=entry.file, line=entry.line,
                     hint=f"write '- {PERSON[kind]}: {who}' with '  text: {words}' on the line under it"
                          + (" (or put the whole line in quotes)" if kind in SHORT_FORM else ""))
        # (as it was meant, so that it is not also 'the key text is missing')
        entry.value = {PERSON[kind]: yamlfile.Node(str(key), "str", entry.file, entry.line), "text": value}


def _listed(file: Path) -> bool:
    """Whether a file's first line of text starts a YAML list ('- name: Ann')."""
    try:
        with open(file, encoding="utf-8", errors="replace") as f:
            lines = f.read(65536).splitlines()         # (its start is enough, whatever its size)
        first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    except OSError:
        return False
    return first.lstrip("\ufeff").startswith(("- ", "[")) or first.strip() == "-"


# a website's export names a comment's parts its own way
EXPORTED = {"author": "name", "user": "name", "username": "name", "by": "name", "body": "text",
            "message": "text", "comment": "text", "content": "text", "created_at": "date", "created": "date",
            "timestamp": "date", "time": "date", "posted": "date", "url": "source", "link": "source"}


def _as_exported(node: yamlfile.Node, name: str) -> list[str]:
    """Comments as a website exports them ('author', 'body', 'created_at', 'likes'): the
    parts it names its own way are read as ours, and those we have no use for (likes, an
    avatar) are left out, each said once; a key like one of ours ('nmae') stays an error."""
    read, unused = {}, {}
    known = ITEM_SCHEMAS["comments"].fields
    for entry in node.value:
        if entry.kind != "map":
            continue
        lines = entry.key_lines if entry.key_lines is not None else {}
        for key in list(entry.value):
            ours = EXPORTED.get(str(key).lower())
            if key in known or str(key).lower() in known or not ours and did_you_mean(str(key), known):
                continue                    # ours ('Text' too), or a typo of ours ('nmae'): checked as ours are
            if ours and ours not in entry.value:
                entry.value[ours] = entry.value.pop(key)
                lines[ours] = lines.get(key, entry.line)
                read[key] = ours
            else:
                unused.setdefault(key, lines.get(key, entry.line))
                del entry.value[key]
    out = []
    if read:
        out.append(f"{name}: read " + ", ".join(f"'{printable(str(k))}' as {v}" for k, v in read.items())
                   + " (the names a website's export gives them)")
    if unused:
        out.append(f"{name}: " + ", ".join(f"'{printable(str(k))}'" for k in unused)
                   + f" {'is' if len(unused) == 1 else 'are'} not printed (a comment has "
                   + ", ".join(known) + f"); first at line {min(unused.values())}")
    return out


_SETTING = re.compile(r"[A-Za-z_][\w -]*:")


def _front_matter(text: str) -> int:
    """How many lines a block of settings at the top of a Markdown file takes ('---',
    'title: ...' and other 'key: value' lines, '---'), or 0 when there is none. (Read line
    by line: a pattern for the whole block backtracked for seconds over indented blank
    lines when its closing '---' was missing.)"""
    lines = text.lstrip("\ufeff").split("\n")
    if len(lines) < 3 or lines[0].rstrip() != "---" or not _SETTING.match(lines[1]):
        return 0
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() in ("---", "..."):
            return number
        if not (_SETTING.match(line) or line[:1] in (" ", "\t") or line.startswith("- ") or not line.strip()):
            return 0
    return 0


def _item(kind: str, d: dict, line: int):
    if kind == "quotes":
        return Quote(d["text"], d["who"], d["source"], line)
    if kind == "tributes":
        return Tribute(d["from"], d["text"], d["role"], line)
    if kind == "comments":
        return Comment(d["name"], d["text"], d["date"], d["source"], d["id"], line)
    if kind in ("photos", "gallery"):
        return Photo(d["file"], d["caption"], d["credit"], line)
    if kind == "schedule":
        return ScheduleItem(d["time"], d["item"], d["who"], line)
    if kind == "questions":
        return Question(d["question"], line)
    return Event(d["date"], d["event"], line)
