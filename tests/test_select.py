"""Select stage: which comments go in, and why the others stay out."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import BookletError
from booklet.load import load_booklet
from booklet.model import Booklet, Comment, CommentRules, Section
from booklet.resources import example_content
from booklet.select import select_comments

from conftest import write_booklet


def run(comments, **rules):
    section = Section("comments", "Messages", Path("comments.yaml"),
                      items=[Comment(n, t, line=i + 1) for i, (n, t) in enumerate(comments)],
                      rules=CommentRules(**rules))
    select_comments(Booklet(Path("/b"), "T", sections=[section]))
    return [c.name for c in section.items], [(c.name, why) for c, why in section.dropped]


COMMENTS = [("Ann", "Lovely."), ("Bob", "   "), ("Cy", "lovely. "), ("Di", "Brave."), ("Ed", "Kind.")]
LONG = "He ran on. The crowd stood up. His father came down from the stands to help him."
MORE = [("Fay", "Lovely!!"), ("Gus", LONG), ("Hal", "What a father, what a son. A lesson for all of us, always."),
        ("Ivy", "He ran on. The crowd stood up! His father came down from the stands to help him.")]


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


@pytest.mark.parametrize("rules, kept, dropped", [
    ({}, ["Ann", "Di", "Ed", "Gus", "Hal"], [
        ("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)"),
        ("Fay", "nearly repeats the comment by Ann (line 1)"), ("Ivy", "nearly repeats the comment by Gus (line 7)")]),
    ({"near_duplicates": False}, ["Ann", "Di", "Ed", "Fay", "Gus", "Hal", "Ivy"], [
        ("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)")]),
    ({"min_words": 2, "near_duplicates": False}, ["Gus", "Hal", "Ivy"], [
        ("Ann", "fewer than 2 words"), ("Bob", "empty"), ("Cy", "fewer than 2 words"), ("Di", "fewer than 2 words"),
        ("Ed", "fewer than 2 words"), ("Fay", "fewer than 2 words")]),
    ({"max_words": 8}, ["Ann", "Di", "Ed"], [
        ("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)"),
        ("Fay", "nearly repeats the comment by Ann (line 1)"), ("Gus", "more than 8 words"),
        ("Hal", "more than 8 words"), ("Ivy", "more than 8 words")]),
    ({"order": "shortest", "max_count": 3}, ["Ed", "Di", "Ann"], [
        ("Bob", "empty"), ("Cy", "repeats the comment by Ann (line 1)"),
        ("Fay", "nearly repeats the comment by Ann (line 1)"), ("Ivy", "nearly repeats the comment by Gus (line 7)"),
        ("Hal", "over the maximum of 3"), ("Gus", "over the maximum of 3")]),
])
def test_more_rules(rules, kept, dropped):
    assert run(COMMENTS + MORE, **rules) == (kept, dropped)


def test_comments_of_emoji_alone_are_not_near_repeats_of_each_other():
    """With no letter in them, every emoji-only comment 'nearly repeated' the first: of
    5,000 hearts, prayers and tears, one was printed. Repeated exactly, they still are."""
    kept, dropped = run([("A", "❤️"), ("B", "🙏"), ("C", "😢😢"), ("D", "🙏"),
                         ("E", "!!!"), ("F", "RIP ❤️"), ("G", "RIP 🙏"), ("H", "Rip!")])
    assert kept == ["A", "B", "C", "E", "F"]
    assert dropped == [("D", "repeats the comment by B (line 2)"), ("G", "nearly repeats the comment by F (line 6)"),
                       ("H", "nearly repeats the comment by F (line 6)")]


def test_shuffle_is_stable_for_a_seed():
    names = [n for n, _ in COMMENTS + MORE]
    first, _ = run(COMMENTS + MORE, order="shuffle", seed=7, drop_duplicates=False)
    again, _ = run(COMMENTS + MORE, order="shuffle", seed=7, drop_duplicates=False)
    other, _ = run(COMMENTS + MORE, order="shuffle", seed=8, drop_duplicates=False)
    assert first == again and sorted(first) == sorted(n for n in names if n != "Bob") and first != other


def test_long_comments_shortened_at_a_sentence_with_a_marker():
    section = Section("comments", "M", Path("c.yaml"), items=[Comment("Gus", LONG, line=1), Comment("Kit", "x " * 20, line=2)],
                      rules=CommentRules(max_words=8, long="shorten"))
    select_comments(Booklet(Path("/b"), "T", sections=[section]))
    [gus] = section.items
    assert gus.text == "He ran on. The crowd stood up. […]" and gus.shortened_from == 17
    assert section.dropped[0][1] == "more than 8 words, and no sentence ends within them"


def test_comments_are_never_altered():
    kept, _ = run([("Ann", "  Spaces  and\nnewlines stay.  ")])
    assert kept == ["Ann"]


def test_unknown_name_in_rules_is_an_error_with_its_line_and_the_nearest_name(tmp_path):
    folder = write_booklet(tmp_path, {
        "booklet.yaml": """
            title: T
            sections:
              - type: comments
                file: comments.yaml
                select:
                  exclude:
                    - Ann
                    - Zed
                    - Quentin Blake
            """,
        "comments.yaml": "".join(f"- name: {n}\n  text: {t!r}\n" for n, t in COMMENTS)})
    with pytest.raises(BookletError) as info:
        select_comments(load_booklet(folder))
    yaml = folder / "booklet.yaml"
    assert str(info.value) == (
        f"2 problems:\n- {yaml}, line 8, field 'sections[1].select.exclude[2]': 'Zed' in 'exclude' matches no "
        "comment in comments.yaml\n    hint: did you mean 'Ed'? (names and ids are matched whole, ignoring case)\n"
        f"- {yaml}, line 9, field 'sections[1].select.exclude[3]': 'Quentin Blake' in 'exclude' matches no "
        "comment in comments.yaml\n    hint: names and ids are matched whole, ignoring case")


def test_nothing_left_is_an_error_that_says_why_in_numbers():
    """Nothing left said only 'loosen the rules': a name both picked and excluded, or
    min_words over max_words, left the writer to find which rule it was."""
    with pytest.raises(BookletError, match="no comments are left in comments.yaml after selection"):
        run([("Ann", "")])
    with pytest.raises(BookletError) as info:
        run(COMMENTS + MORE, min_words=10, max_words=5)
    assert str(info.value).startswith("no comments are left in comments.yaml after selection (5 too short, 1 empty, "
                                      "3 too long)\n  hint: loosen the rules, or remove the comments section; "
                                      "'booklet comments' lists each comment and why it is left out"), str(info.value)


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


def test_rules_that_cannot_apply_are_reported_at_their_line(tmp_path):
    folder = write_booklet(tmp_path, {
        "booklet.yaml": """
            title: T
            sections:
              - type: story
                file: story.md
                select:
                  max: 3
              - type: comments
                file: comments.yaml
                select:
                  min_words: 50
            """,
        "story.md": "Words.\n",
        "comments.yaml": "- name: Ann\n  text: Short.\n"})
    with pytest.raises(BookletError) as info:
        load_booklet(folder)
    assert str(info.value) == (f"{folder / 'booklet.yaml'}, line 5, field 'sections[1].select': 'select' is only "
                               "for comments sections")
    (folder / "booklet.yaml").write_text((folder / "booklet.yaml").read_text().replace("    select:\n      max: 3\n", ""))
    with pytest.raises(BookletError) as info:
        select_comments(load_booklet(folder))
    assert str(info.value).startswith(f"{folder / 'booklet.yaml'}, line 7, field 'sections[2].select': no comments "
                                      "are left in comments.yaml after selection")


@pytest.mark.parametrize("rules, line", [
    ({"drop_duplicates": False}, "comments.yaml: 4 of 5 comments printed; 1 empty (booklet comments lists each, and why)"),
    ({}, "comments.yaml: 3 of 5 comments printed; 1 empty, 1 repeats (booklet comments lists each, and why)"),
    ({"exclude": ["di"], "max_count": 1}, "comments.yaml: 1 of 5 comments printed; 1 empty, 1 repeats, "
                                          "1 excluded by name, 1 over select.max (booklet comments lists each, and why)"),
])
def test_the_build_says_what_the_selection_left_out(rules, line):
    from booklet.select import tally

    def selected(comments, **rules):
        section = Section("comments", "Messages", Path("comments.yaml"),
                          items=[Comment(n, t, line=i + 1) for i, (n, t) in enumerate(comments)],
                          rules=CommentRules(**rules))
        select_comments(Booklet(Path("/b"), "T", sections=[section]))
        return section

    assert tally(selected(COMMENTS, **rules)) == line
    assert tally(selected([("Gus", LONG)], max_words=6, long="shorten")) == (
        "comments.yaml: 1 of 1 comments printed; 1 shortened (booklet comments lists each, and why)")
    assert tally(selected([("Ann", "Lovely."), ("Di", "Brave.")])) is None        # all printed: nothing to say


def test_one_name_to_pick_or_exclude_may_be_written_alone(tmp_path):
    comments = "- name: Ann\n  text: One.\n- name: Bob\n  text: Two.\n- name: Cy\n  text: Three.\n"
    for select, names in (("pick: Bob", ["Bob"]), ("exclude: Bob", ["Ann", "Cy"])):
        folder = write_booklet(tmp_path / select.split(":")[0], {
            "booklet.yaml": "title: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
                            f"    select:\n      {select}\n",
            "comments.yaml": comments})
        booklet = load_booklet(folder)
        select_comments(booklet)
        assert [c.name for c in booklet.sections[0].items] == names


def test_names_or_sections_written_on_one_line_with_commas_say_how_to_list_them(tmp_path):
    """'exclude: Ann, Bob' is one name, 'Ann, Bob' (as 'Brontë, Emily' is), and it matched no
    comment: 'names are matched whole' did not say what to write. Nor did 'sections:
    story.md, tributes.yaml' get more than 'expected a list'."""
    from booklet.errors import BookletError

    comments = "- name: Ann\n  text: One.\n- name: Bob\n  text: Two.\n- name: Brontë, Emily\n  text: Three.\n"
    folder = write_booklet(tmp_path / "b", {
        "booklet.yaml": "title: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
                        "    select:\n      exclude: Ann, Bob\n",
        "comments.yaml": comments})
    booklet = load_booklet(folder)
    with pytest.raises(BookletError) as e:
        select_comments(booklet)
    assert str(e.value.problems[0]).endswith("hint: to name several, put them in brackets: exclude: [Ann, Bob]")
    (folder / "booklet.yaml").write_text("title: T\nsections:\n  - type: comments\n    file: comments.yaml\n"
                                         "    select:\n      exclude: Brontë, Emily\n")
    booklet = load_booklet(folder)
    select_comments(booklet)
    assert [c.name for c in booklet.sections[0].items] == ["Ann", "Bob"]      # a name with a comma, whole
    (folder / "booklet.yaml").write_text("title: T\nsections: comments.yaml, story.md\n")
    with pytest.raises(BookletError) as e:
        load_booklet(folder)
    assert str(e.value.problems[0]).endswith(
        "hint: write each on a line of its own under 'sections:', after two spaces and '- ': '  - comments.yaml', "
        "'  - story.md'")
