"""booklet init: a new content folder, either the bundled example or a commented skeleton,
that builds at once."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from .errors import BookletError, Problem, printable, typed
from .resources import example_content

SECTIONS = """\
  - type: story
    file: story.md       # or a Word document: put it in this folder and write its name here
  - type: tributes
    file: tributes.yaml
  - type: comments
    file: comments.yaml
    title: Messages
"""
# the skeleton's words that stand for a person's own, said at each build until they are changed
STAND_INS = {"subtitle": "A name, and the dates of a life", "dedication": "For everyone who knew and loved them.",
             "cover.note": "A line under the title, such as the date of the service",
             "story": "Write the story here. Leave an empty line between paragraphs.",
             "tributes": "Replace this with the tribute, exactly as it was given.", "comments": "A message."}
BLANK = {
    "booklet.yaml": f"""\
# Your booklet. Change the words, keep the layout of the lines (two spaces before each
# '-' in the list of sections). Every key is explained in the booklet project's
# content/README.md. Build it with:  booklet make THIS-FOLDER
title: In Loving Memory
subtitle: {STAND_INS['subtitle']}
dedication: {STAND_INS['dedication']}
#   (one copy per person: write {{name}} here and run  booklet make THIS-FOLDER --each names.csv)
language: en-GB          # the language of the text, for hyphenation
layout: classic          # or classroom, large-print, modern (see: booklet layouts)
cover:
  art: frame             # a double rule around the cover; or track (running-track lanes), or none
  note: {STAND_INS['cover.note']}
sections:
""" + SECTIONS + """#  - type: gallery        # photos: make a folder 'photos' here, put them in it, and take
#    file: photos         #   the '#' off these two lines (or list them with captions in a .yaml file)
""",
    "story.md": f"""\
# Their Story

{STAND_INS['story']}

## A heading inside the story

Words in *stars* are set in italics, words in **double stars** in bold.

## A poem

A poem or a hymn typed line by line
keeps its lines, as you typed them.
""",
    "tributes.yaml": f"""\
# One entry per tribute: who it is from, who they are (optional), and what they said.
- from: A friend
  role: a friend since school
  text: {STAND_INS['tributes']}
""",
    "comments.yaml": f"""\
# Messages, exactly as they were written. To bring in a page of comments copied from a
# web page, run:  booklet import-comments page.txt -o comments.yaml
- name: A name
  text: {STAND_INS['comments']}
""",
}


def create(folder: Path, start: str = "blank") -> list[str] | None:
    """A new content folder: the skeleton, the example, or (`start` naming a story file, a
    Word document say) a booklet of that story, the file copied in. A folder of a booklet's
    files (story.md, tributes.yaml) or of photos, without a booklet.yaml, is given one that
    names them, and nothing else: what it names is returned, to be said."""
    from .load import STORY_FILES, booklet_file, booklet_files, holds_a_booklet

    story = Path(start).expanduser()
    if start not in ("blank", "redmond") and story.suffix.lower() not in STORY_FILES:
        raise BookletError(Problem(f"unknown starting point '{printable(start)}'",
                                   hint="use --from blank, --from redmond, or a story to start from "
                                        "(--from eulogy.docx: a Word document, .odt, .rtf or .md)"))
    if start not in ("blank", "redmond") and not story.is_file():
        raise BookletError(Problem("that story file does not exist", file=story,
                                   hint="give the path of the document to start from"))
    if folder.is_dir() and (name := booklet_file(folder)):
        raise BookletError(Problem(f"this folder already has {'a booklet.yaml' if name == 'booklet.yaml' else name}",
                                   file=folder, hint=f"build it with: booklet make {typed(folder)}"
                                   if name == "booklet.yaml" else f"rename {printable(name)} to booklet.yaml"))
    pictures = _pictures(folder) if start == "blank" and folder.is_dir() else 0
    files = booklet_files(folder) if start == "blank" and folder.is_dir() and holds_a_booklet(folder) else []
    if files or pictures:
        try:
            (folder / "booklet.yaml").write_text(_for_files(folder, files, pictures), encoding="utf-8")
        except OSError as e:
            raise BookletError(Problem(f"cannot write booklet.yaml here: {e.strerror or e}", file=folder)) from None
        return files + ([f"the {pictures} picture{'s' * (pictures > 1)} in it"] if pictures else [])
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BookletError(Problem("this folder already exists and is not empty" if folder.is_dir()
                                   else "this is a file, not a folder", file=folder,
                                   hint="choose a new folder name; nothing was changed"))
    try:
        if start == "redmond":
            shutil.copytree(example_content(), folder, dirs_exist_ok=True)
            return
        folder.mkdir(parents=True, exist_ok=True)
        if start != "blank":
            shutil.copyfile(story, folder / story.name)
            (folder / "booklet.yaml").write_text(_for_story(folder / story.name), encoding="utf-8")
            return
        for name, text in BLANK.items():
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as e:
        raise BookletError(Problem(f"cannot make the folder here: {e.strerror or e}", file=folder,
                                   hint="choose a folder you can write to, e.g. in your home folder")) from None


def _title(story: Path, title: str = "In Loving Memory") -> str:
    """A booklet's title from its story's first heading, if it opens with one."""
    from .errors import Problems
    from .load import WORD_PROCESSED, read_document
    from .model import Heading

    try:
        if story.suffix.lower() in WORD_PROCESSED:
            blocks = read_document(story, Problems(), [])
        else:
            from . import markdown, yamlfile
            blocks = markdown.parse(yamlfile.read_text(story, what="story file", windows=[]), story, Problems())
    except BookletError:
        blocks = []                         # (the build says what is wrong with it)
    heading = next((b for b in blocks[:3] if isinstance(b, Heading)), None)
    if heading is not None:
        title = " ".join("".join(s.text for s in heading.spans).split())[:80] or title
    return title


GALLERY_FROM = 13      # a folder of this many pictures or more is given a gallery, fewer a photos section


def _pictures(folder: Path) -> int:
    """How many pictures a booklet prints are in the folder itself (not in its folders)."""
    from .load import PHOTO_FILES

    try:
        return sum(1 for p in folder.iterdir() if p.suffix.lower() in PHOTO_FILES and p.is_file()
                   and not p.name.startswith("."))
    except OSError:
        return 0


def _for_files(folder: Path, files: list[str], pictures: int = 0) -> str:
    """booklet.yaml for a folder of a booklet's files: titled by its story's first heading
    (or by the folder's name), its sections the files in a reading order, then the pictures
    beside them, if any (one or two to a page; in a gallery, two to a row, when they are
    many)."""
    from .load import section_kind

    stories = [name for name in files if section_kind(name) == "story"]
    title = _title(folder / stories[0], "") if stories else ""
    name = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    title = title or name[:1].upper() + name[1:] or "Our booklet"
    return f"""\
# Your booklet, for the files in this folder. Change the words, keep the layout of the
# lines (two spaces before each '-' in the list of sections). Every key is explained in the
# booklet project's content/README.md. Build it with:  booklet make THIS-FOLDER
title: {json.dumps(title, ensure_ascii=False)}
# subtitle: a line under the title, e.g. a name and the dates of a life
# dedication: a few words on a page of their own after the cover
language: en-GB          # the language of the text, for hyphenation
layout: classic          # or classroom, large-print, modern (see: booklet layouts)
sections:                # in reading order
""" + "".join(f"  - {json.dumps(name, ensure_ascii=False)}\n" for name in files) + (_PICTURES[pictures >= GALLERY_FROM]
                                                                            if pictures else "")


_PICTURES = {False: "  - type: photos         # or gallery: two to a row\n"
                    "    file: .              # the pictures in this folder, in the order of their names\n",
             True: "  - type: gallery        # or photos: one or two to a page\n"
                   "    file: .              # the pictures in this folder, in the order of their names\n"}


def _for_story(story: Path) -> str:
    """The skeleton's booklet.yaml for a folder of one story: titled by the story's first
    heading (or the skeleton's title), its other sections shown commented out."""
    title = _title(story)
    text = BLANK["booklet.yaml"].replace("title: In Loving Memory", f"title: {json.dumps(title, ensure_ascii=False)}")
    return text.replace(SECTIONS, f"""  - type: story
    file: {json.dumps(story.name, ensure_ascii=False)}
#  - type: tributes       # tributes: write them in a file tributes.yaml (see the project's
#    file: tributes.yaml  #   content/README.md) and take the '#' off these two lines
#  - type: comments       # messages: booklet import-comments turns a page or a form's
#    file: comments.yaml  #   answers into comments.yaml; then take the '#' off these lines
""")
