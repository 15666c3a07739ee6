"""Select stage: which comments go in, and why the others stay out."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.load import load_booklet
from booklet.model import Booklet, Comment, CommentRules, Section
from booklet.resources import example_content
from booklet.select import select_comments


def run(comments, **rules):
    section = Section("comments", "Messages", Path("comments.yaml"),
                      items=[Comment(n, t, line=i + 1) for i, (n, t) in enumerate(comments)],
                      rules=CommentRules(**rules))
    select_comments(Booklet(Path("/b"), "T", sections=[section]))
    return [c.name for c in section.items], [(c.name, why) for c, why in section.dropped]


COMMENTS = [("Ann", "Lovely."), ("Bob", "   "), ("Cy", "lovely. "), ("Di", "Brave."), ("Ed", "Kind.")]


@pytest.mark.parametrize("rules, kept, dropped", [
    ({}, ["Ann", "Di", "Ed"], [("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)")]),
    ({"drop_duplicates": False}, ["Ann", "Cy", "Di", "Ed"], [("Bob", "empty")]),
    ({"exclude": ["di"]}, ["Ann", "Ed"], [("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)"),
                                          ("Di", "excluded by name")]),
    ({"pick": ["Ed", "Ann"]}, ["Ed", "Ann"], [("Bob", "empty"), ("Cy", "not in 'pick'"), ("Di", "not in 'pick'")]),
    ({"max_count": 2}, ["Ann", "Di"], [("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)"),
                                       ("Ed", "over the maximum of 2")]),
])
def test_rules(rules, kept, dropped):
    assert run(COMMENTS, **rules) == (kept, dropped)


def test_comments_are_never_altered():
    kept, _ = run([("Ann", "  Spaces  and\nnewlines stay.  ")])
    assert kept == ["Ann"]


def test_unknown_name_in_rules_is_an_error():
    with pytest.raises(BookletError) as info:
        run(COMMENTS, exclude=["Zed"])
    assert str(info.value) == ("/b/booklet.yaml, field 'select.exclude': 'Zed' in 'exclude' matches no "
                               "comment in comments.yaml\n  hint: names and ids are matched whole, ignoring case")


def test_nothing_left_is_an_error():
    with pytest.raises(BookletError, match="no comments are left in comments.yaml after selection"):
        run([("Ann", "")])


def test_example_selection_leaves_out_empty_duplicate_and_off_topic():
    booklet = select_comments(load_booklet(example_content()))
    section = next(s for s in booklet.sections if s.kind == "comments")
    reasons = {c.name: why for c, why in section.dropped}
    assert reasons["Ravindran"] == "empty"
    assert reasons["I'cent"].startswith("repeats the comment by I'cent")
    assert reasons["Molly"] == "excluded by name"
    names = [c.name for c in section.items]
    assert names.count("I'cent") == 1 and "Molly" not in names
    assert len(names) == 51 - 1 - 1 - 12
