"""booklet init: a new content folder, either the bundled example or a commented skeleton,
that builds at once."""
from __future__ import annotations

import shutil
from pathlib import Path

from .errors import BookletError, Problem
from .resources import example_content

BLANK = {
    "booklet.yaml": """\
# Your booklet. Change the words, keep the layout of the lines (two spaces before each
# '-' in the list of sections). Every key is explained in the booklet project's
# content/README.md. Build it with:  booklet make THIS-FOLDER
title: In Loving Memory
subtitle: A name, and the dates of a life
dedication: For everyone who knew and loved them.
#   (one copy per person: write {name} here and run  booklet make THIS-FOLDER --each names.csv)
language: en-GB          # the language of the text, for hyphenation
layout: classic          # or classroom, large-print, modern (see: booklet layouts)
cover:
  art: frame             # a double rule around the cover; or track (running-track lanes), or none
  note: A line under the title, such as the date of the service
sections:
  - type: story
    file: story.md       # or a Word document: put it in this folder and write its name here
  - type: tributes
    file: tributes.yaml
  - type: comments
    file: comments.yaml
    title: Messages
#  - type: gallery        # photos: make a folder 'photos' here, put them in it, and take
#    file: photos         #   the '#' off these two lines (or list them with captions in a .yaml file)
""",
    "story.md": """\
# Their Story

Write the story here. Leave an empty line between paragraphs.

## A heading inside the story

Words in *stars* are set in italics, words in **double stars** in bold.

## A poem

A poem or a hymn typed line by line
keeps its lines, as you typed them.
""",
    "tributes.yaml": """\
# One entry per tribute: who it is from, who they are (optional), and what they said.
- from: A friend
  role: a friend since school
  text: Replace this with the tribute, exactly as it was given.
""",
    "comments.yaml": """\
# Messages, exactly as they were written. To bring in a page of comments copied from a
# web page, run:  booklet import-comments page.txt -o comments.yaml
- name: A name
  text: A message.
""",
}


def create(folder: Path, start: str = "blank") -> None:
    if start not in ("blank", "redmond"):
        raise BookletError(Problem(f"unknown starting point '{start}'", hint="use --from blank or --from redmond"))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BookletError(Problem("this folder already exists and is not empty" if folder.is_dir()
                                   else "this is a file, not a folder", file=folder,
                                   hint="choose a new folder name; nothing was changed"))
    try:
        if start == "redmond":
            shutil.copytree(example_content(), folder, dirs_exist_ok=True)
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in BLANK.items():
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as e:
        raise BookletError(Problem(f"cannot make the folder here: {e.strerror or e}", file=folder,
                                   hint="choose a folder you can write to, e.g. in your home folder")) from None
