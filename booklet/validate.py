"""Validate stage: a loaded Booklet in, warnings out; problems that make a booklet
impossible (a section with nothing in it) are raised together as one BookletError."""
from __future__ import annotations

from pathlib import Path

from .errors import Problems, printable, some
from .model import Booklet, Heading, pictures


def validate(booklet: Booklet) -> list[str]:
    problems = Problems()
    warnings: list[str] = list(booklet.warnings)
    for section in booklet.sections:
        warnings += section.warnings
        if section.kind == "story":
            if not section.blocks:
                problems.add("the story is empty", file=section.file, hint="write the story in Markdown")
            elif isinstance(section.blocks[0], Heading) and section.blocks[0].level == 1:
                # a story that opens with '# Title' names its own section
                section.title = "".join(s.text for s in section.blocks[0].spans).strip() or section.title
                section.blocks = section.blocks[1:]
        elif not section.items and section.file.is_dir():
            problems.add("this folder has no pictures", file=section.file,
                         hint="put the photos in it (JPEG, PNG, HEIC...), or remove the section from booklet.yaml")
        elif not section.items:
            problems.add(f"this {section.kind} file has no entries", file=section.file,
                         hint="add entries, or remove the section from booklet.yaml")
    warnings += _twice(booklet) + _stand_ins(booklet)
    if problems:                 # and any picture that will not open, so that all is said at once
        from .fit import at_naming_lines, unreadable, where_named
        named = where_named(booklet)
        problems.items += at_naming_lines(unreadable(named), named)
    problems.check()
    return warnings + left_out(booklet)


def _twice(booklet: Booklet) -> list[str]:
    """A section copied in booklet.yaml and not changed: its file printed twice. (The same
    comments file chosen from in two ways, 'select' apart, is meant.) One warning a file: a
    file in 120 sections gave 119 warnings."""
    seen: dict = {}
    for number, section in enumerate(booklet.sections, 1):
        rules = section.rules and {k: v for k, v in vars(section.rules).items() if k != "where"}
        seen.setdefault((section.kind, section.file, repr(rules)), []).append(number)
    out = []
    for (kind, file, _), numbers in seen.items():
        if len(numbers) < 2:
            continue
        fix = "remove one" if len(numbers) == 2 else "keep one"
        fix += ", or give them different 'select' rules" if kind == "comments" else ""
        listed = [str(n) for n in numbers] if len(numbers) <= 6 else [*map(str, numbers[:5]),
                                                                      f"{len(numbers) - 5} more"]
        both, times = ("both", "twice") if len(numbers) == 2 else ("all", f"{len(numbers)} times")
        out.append(f"booklet.yaml: sections {', '.join(listed[:-1])} and {listed[-1]} {both} print "
                   f"{printable(file.name)}, so it is printed {times}; {fix}")
    return out


def _stand_ins(booklet: Booklet) -> list[str]:
    """The words `booklet init` put in its new folder to be replaced ('A name, and the dates
    of a life' under the title), where they still stand: the folder builds at once, and a
    booklet printed from it before every line was changed had them on its cover, unsaid."""
    from .model import Paragraph
    from .starter import STAND_INS

    places = [f"line {booklet.where[key]['line']} (the {key.replace('cover.', 'cover ')})"
              for key, value in (("subtitle", booklet.subtitle), ("dedication", booklet.dedication),
                                 ("cover.note", booklet.cover.note)) if value.strip() == STAND_INS[key]]
    places = [f"booklet.yaml {', '.join(places)}"] if places else []
    for section in booklet.sections:
        if section.kind == "story":
            lines = [b.line for b in section.blocks if isinstance(b, Paragraph)
                     and "".join(s.text for s in b.spans).strip() == STAND_INS["story"]]
        else:
            lines = [item.line for item in section.items if section.kind in STAND_INS
                     and item.text.strip() == STAND_INS[section.kind]]
        places += [f"{printable(section.file.name)} line {line}" for line in lines[:1]]
    if not places:
        return []
    return [f"the words 'booklet init' put in to be replaced are still in {'; '.join(places)}: write your "
            "own, or delete them"]


def left_out(booklet: Booklet, most: int = 8) -> list[str]:
    """Photos, Markdown files and YAML lists (tributes, comments...) in the content folder
    that the booklet does not name: a person who put twelve photos in the folder and named
    eleven in photos.yaml, or wrote tributes.yaml and no section for it, is told what is
    missing from the booklet, not left to find out from the printed copy. Looked for beside
    booklet.yaml and in the folders its photos are in (not in others, such as preview/,
    where booklet preview puts its pictures)."""
    from .load import PHOTO_FILES, WORD_PROCESSED, by_name
    from .resources import BOOKLET_FILES

    root = booklet.root
    named = [booklet.cover.image] if booklet.cover.image is not None else []
    for section in booklet.sections:
        named += [item.path for item in section.items if section.kind in ("photos", "gallery")]
        named += [picture.path for picture in pictures(section.blocks)]
    used = {Path(p).resolve() for p in named}
    stories = {section.file.resolve() for section in booklet.sections}
    folders = sorted({root} | {p.parent for p in used if root in p.parents})
    photos, texts = [], []
    for folder in folders:
        try:
            entries = sorted(folder.iterdir(), key=by_name)      # (IMG_2 before IMG_10, as a file browser)
        except OSError:
            continue
        for path in entries:
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix.lower() in PHOTO_FILES and path.resolve() not in used:
                photos.append(path.relative_to(root).as_posix())
            elif folder != root or path.resolve() in stories or path.name.lower() in BOOKLET_FILES:
                continue
            elif path.suffix.lower() in (".md", *WORD_PROCESSED) and not path.name.startswith("~$"):
                # (~$story.docx: Word's lock file, while the document is open)
                texts.append((path.name, "add it to booklet.yaml's sections as a story"))
            elif path.suffix.lower() in (".yaml", ".yml", ".json") and _a_list(path):   # (a layout is not)
                texts.append((path.name, "add a section for it to booklet.yaml"))
    out = []
    if photos:
        where = next((s.file.name for s in booklet.sections if s.kind == "photos"), None) \
            or next((s.file.name for s in booklet.sections if s.kind == "gallery"), None)
        them = "it" if len(photos) == 1 else "them"
        add = f"name {them} in {where}" if where else "add a photos section to booklet.yaml naming " + them
        one = len(photos) == 1
        out.append(f"{len(photos)} picture{'s' * (not one)} in the content folder {'is' if one else 'are'} not "
                   f"in the booklet: {some(photos, most)} ({add}, or move {them} out of the folder)")
    for how in dict.fromkeys(how for _, how in texts):      # (ten drafts were ten warnings: one line)
        names = [name for name, said in texts if said == how]
        if len(names) == 1:
            out.append(f"{names[0]} is in the content folder but not in the booklet (to print it, {how})")
        else:
            out.append(f"{len(names)} files in the content folder are not in the booklet: {some(names, most)} "
                       f"(to print one, {how})")
    return out


def _a_list(path: Path) -> bool:
    """Whether a YAML or JSON file holds a list, as section files do, by its first line."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return False
    for line in head.splitlines():
        line = line.strip().lstrip("\ufeff")
        if line and not line.startswith("#") and line != "---":
            return line.startswith(("- ", "[")) or line == "-"
    return False
