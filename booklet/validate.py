"""Validate stage: a loaded Booklet in, warnings out; problems that make a booklet
impossible (a section with nothing in it) are raised together as one BookletError."""
from __future__ import annotations

from .errors import Problems
from .model import Booklet, Heading


def validate(booklet: Booklet) -> list[str]:
    problems = Problems()
    warnings: list[str] = []
    for section in booklet.sections:
        if section.kind == "story":
            if not section.blocks:
                problems.add("the story is empty", file=section.file, hint="write the story in Markdown")
            elif isinstance(section.blocks[0], Heading) and section.blocks[0].level == 1:
                # a story that opens with '# Title' names its own section
                section.title = "".join(s.text for s in section.blocks[0].spans).strip() or section.title
                section.blocks = section.blocks[1:]
        elif not section.items:
            problems.add(f"this {section.kind} file has no entries", file=section.file,
                         hint="add entries, or remove the section from booklet.yaml")
    problems.check()
    return warnings
