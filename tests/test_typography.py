"""Smart typography: what a keyboard types in, what a typesetter sets out."""
from __future__ import annotations

import re

import pytest

from booklet.build import build
from booklet.typography import NBSP, smarten

from conftest import TINY, body_text, write_booklet


@pytest.mark.parametrize("typed, set_", [
    ('He said "yes".', "He said “yes”."),
    ("Don't stop, it's the '90s.", "Don’t stop, it’s the ’90s."),
    ("'Single' quotes", "‘Single’ quotes"),
    ("1988--1992", "1988–1992"),
    ("and then --- nothing", "and then — nothing"),
    ("Wait...", "Wait…"),
    ("J. R. Smith", f"J.{NBSP}R.{NBSP}Smith"),
    ("the 400 m and 4 x 400 m", f"the 400{NBSP}m and 4 x 400{NBSP}m"),
    ("up 5 % on 2 kg", f"up 5{NBSP}% on 2{NBSP}kg"),
    ("see https://example.org/a--b...\"c\" and www.x.org/'y'", "see https://example.org/a--b...\"c\" and www.x.org/'y'"),
    ("write to me@example.org -- soon", "write to me@example.org – soon"),
    ('("Inner")', "(“Inner”)"),
    # feet and inches are primes; a quotation ending in a number still closes with a quote
    ("He was 5'10\" tall, a 6'2 man; 12'6\" by 10'", "He was 5′10″ tall, a 6′2 man; 12′6″ by 10’"),
    ("she said 'in 1992' and \"I ran 400\"; the 1990's", "she said ‘in 1992’ and “I ran 400”; the 1990’s"),
])
def test_rules(typed, set_):
    assert smarten(typed) == set_


@pytest.mark.parametrize("language, text, expected", [
    ("de", 'Er sagte "Danke" und ging.', "Er sagte „Danke“ und ging."),
    ("de-CH", 'Er sagte "Danke".', "Er sagte «Danke»."),
    ("fr", 'Il a dit "merci" puis " au revoir ! "', f"Il a dit «{NBSP}merci{NBSP}» puis «{NBSP}au revoir{NBSP}!{NBSP}»"),
    ("pl", '"Tak"', "„Tak”"),
    ("en-GB", 'He said " no " twice.', "He said “ no ” twice."),
    ("en", '"Go on," he said.', "“Go on,” he said."),
    # no spaces between words: both marks were closing ones, in every language
    ("ja", '彼は"ありがとう"と言った。', "彼は「ありがとう」と言った。"),
    ("zh", '他说："谢谢"。', "他说：“谢谢”。"),
    ("zh-Hant-TW", '他說："謝謝"。', "他說：「謝謝」。"),
    ("en", 'Nan wrote 谢谢"谢谢"谢谢 twice', "Nan wrote 谢谢“谢谢”谢谢 twice"),
    ("en", 'A 5"x7" print', "A 5”x7” print"),                      # (after a figure: as before)
    ("he", 'הוא אמר "תודה" והלך.', "הוא אמר ”תודה” והלך."),           # (CLDR's marks for Hebrew and Arabic)
    ("ar", 'قال "شكرا" ومشى.', "قال ”شكرا“ ومشى."),
    ("fa", 'گفت "ممنون" و رفت.', "گفت «ممنون» و رفت."),
])
def test_double_quotes_as_each_language_prints_them(language, text, expected):
    """'"Danke"' in a German booklet was set “Danke”, as in English; a quote typed with
    spaces inside it (' " au revoir ! " ', as French is typed) closed with an opening mark;
    a quote between Chinese or Japanese letters was set with two closing marks."""
    assert smarten(text, language) == expected


@pytest.mark.parametrize("language, text, expected", [
    ("de", "Er sagte 'Geduld' und 'Freundlichkeit'; Hans' Haus, geht's, die '90er.",
     "Er sagte ‚Geduld‘ und ‚Freundlichkeit‘; Hans’ Haus, geht’s, die ’90er."),
    ("de-AT", "'Servus'", "‚Servus‘"),
    ("de-CH", "'Grüezi'", "‹Grüezi›"),
    ("fr", "et 'courage'", f"et ‹{NBSP}courage{NBSP}›"),          # (with its spaces, as « » have them)
    ("pl", "'Tak'", "‚Tak’"),
    ("en", "in '92 she said '1992 was good'", "in ’92 she said ‘1992 was good’"),
])
def test_single_quotes_as_each_language_prints_them(language, text, expected):
    """'Geduld' in a German booklet was set ‘Geduld’, as in English: German opens low, ‚Geduld‘.
    An apostrophe stays one (Hans' Haus), as does a year cut short ('92, '90er: it opened)."""
    assert smarten(text, language) == expected


@pytest.mark.parametrize("language, tribute, quote, expected_tribute, expected_quote", [
    ("en", 'He said "go on" to me.', 'I said "never".', "“He said ‘go on’ to me.”", "“I said ‘never’.”"),
    ("de", 'Er sagte "Danke" jeden Tag.', 'Ich sagte "nie".', "„Er sagte ‚Danke‘ jeden Tag.“", "„Ich sagte ‚nie‘.“"),
    ("fr", "Il disait merci.", "Jamais.", "« Il disait merci. »", "« Jamais. »"),     # (its spaces unbreakable)
])
def test_tributes_and_quotations_are_set_in_the_languages_marks(tmp_path, language, tribute, quote,
                                                                 expected_tribute, expected_quote):
    """A tribute in a German booklet was set between English marks (“…”), and a quotation
    inside it kept the same marks as the ones around it (“He said “go on” to me.”): the
    booklet's marks are the language's now, and a quotation inside is set in single ones."""
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"].replace("smart_typography: false", f"language: {language}")
        + "  - type: tributes\n    file: t.yaml\n  - type: quotes\n    file: q.yaml\n",
        "t.yaml": f"- from: Ann\n  text: '{tribute}'\n", "q.yaml": f"- text: '{quote}'\n  who: Derek\n"})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    text = body_text(out)
    assert expected_tribute in text and expected_quote in text, text


def test_a_quotation_that_brings_its_own_marks_keeps_them(tmp_path):
    """A quotation typed with its own marks is set with them alone, whichever language's
    they are (one opening with 『 was set between a pair of the booklet's marks as well)."""
    quotes = ("- text: '『さようなら』'\n  who: A\n- text: '”Hej då.”'\n  who: B\n- text: '“Goodbye.”'\n  who: C\n"
              "- text: Plain words.\n  who: D\n")
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": TINY["booklet.yaml"]
                                            + "  - type: quotes\n    file: q.yaml\n", "q.yaml": quotes})
    text = body_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert "『さようなら』 —" in text and "”Hej då.” —" in text and "“Goodbye.” —" in text, text
    assert "“Plain words.”" in text and "“『" not in text and "““" not in text, text


def test_a_quotation_inside_is_turned_single_by_pairs():
    from booklet.typography import nested

    assert nested("Er sagte „Danke“ und “Hello”.", "de") == "Er sagte ‚Danke‘ und “Hello”."     # (English ones stay)
    assert nested("He said “go on”, “twice”; an “open one", "en") == "He said ‘go on’, ‘twice’; an “open one"
    assert nested("彼は「ありがとう」と言った。", "ja") == "彼は『ありがとう』と言った。"      # (inside 「…」)


def test_a_tribute_typed_between_its_own_marks_is_set_in_one_pair(tmp_path):
    """Tributes copied from a news story come between their own marks: the booklet's marks
    around them and theirs turned single gave “‘We will miss him.’”."""
    from booklet.typography import unquoted

    assert unquoted("“We will miss him.”") == "We will miss him."
    assert unquoted("“We will miss him”.") == "We will miss him."           # (the stop after the marks)
    assert unquoted('"A friend."') == "A friend." and unquoted("„Danke.“") == "Danke."
    assert unquoted("“He said “go” and went.”") == "He said “go” and went."
    assert unquoted("”Vi saknar honom.”") == "Vi saknar honom." and unquoted("»Tak.«") == "Tak."   # (Swedish, Danish)
    for kept in ("“Kind” he was, and “generous”", "“Kind” and “good”", '"A" and "B"', "“", "“”", "Plain."):
        assert unquoted(kept) == kept.strip()
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"].replace("smart_typography: false", "language: en-GB")
        + "  - type: tributes\n    file: t.yaml\n",
        "t.yaml": "- from: Ann\n  text: '\"We will miss him.\"'\n- from: Bob\n  text: “Kind” he was, and “good”\n"})
    text = body_text(build(folder, output=tmp_path / "b.pdf").pdf)
    assert "“We will miss him.”" in text and "“‘Kind’ he was, and ‘good’”" in text, text


def test_french_spaces():
    assert smarten("Il a dit : « oui » !", "fr") == f"Il a dit{NBSP}: «{NBSP}oui{NBSP}»{NBSP}!"
    assert smarten("He said: yes!", "en") == "He said: yes!"


def test_round_trip_through_the_pdf_and_code_is_untouched(tmp_path):
    folder = write_booklet(tmp_path / "b", {**TINY,
        "booklet.yaml": TINY["booklet.yaml"].replace("smart_typography: false", "smart_typography: true"),
        "story.md": 'Opening.\n\nHe said "yes" -- twice... `keep "this" -- as typed` and https://example.org/a--b\n',
        "comments.yaml": "- name: O'Brien\n  text: \"It's 'ours' --- all of it.\"\n"})
    out = tmp_path / "b.pdf"
    build(folder, output=out)
    text = body_text(out)
    assert "He said “yes” – twice…" in text
    assert 'keep "this" -- as typed' in text
    assert "https://example.org/a--b" in re.sub(r"(?<=/) ", "", text)     # (it may break after a slash)
    assert "O’Brien" in text and "It’s ‘ours’ — all of it." in text


def test_off_per_booklet(tmp_path, tiny):
    (tiny / "story.md").write_text('Opening.\n\nHe said "yes" -- twice...\n')
    out = tmp_path / "b.pdf"
    build(tiny, output=out)
    assert 'He said "yes" -- twice...' in body_text(out)


@pytest.mark.parametrize("text, language, capitals", [
    ("Bizim için İzmir", "tr", "BİZİM İÇİN İZMİR"), ("Bizim için", "az-Latn", "BİZİM İÇİN"),
    ("Η ιστορία, Μάιος, ρολόι, είναι, προϊόν, ΐ", "el", "Η ΙΣΤΟΡΙΑ, ΜΑΪΟΣ, ΡΟΛΟΪ, ΕΙΝΑΙ, ΠΡΟΪΟΝ, Ϊ"),
    ("Bizim için, Ιστορία", "en-GB", "BIZIM IÇIN, ΙΣΤΟΡΊΑ")])
def test_capitals_are_the_languages_own(text, language, capitals):
    from booklet.words import capitals as upper

    assert upper(text, language) == capitals


@pytest.mark.parametrize("language, note, printed", [("tr", "Bizim için, 1941–2022", "BİZİM İÇİN, 1941–2022"),
                                                     ("el", "Η ιστορία του, Μάιος 2022", "Η ΙΣΤΟΡΙΑ ΤΟΥ, ΜΑΪΟΣ 2022")])
def test_a_cover_note_in_capitals_is_spelt_as_its_language_spells_them(tmp_path, language, note, printed):
    """A Turkish cover note 'Bizim için' (classic sets it in capitals) was printed 'BIZIM
    IÇIN', which a Turkish reader reads as other words: its capital i is İ. Greek capitals
    kept their accents ('ΙΣΤΟΡΊΑ'), which Greek drops (and 'Μάιος' then needs 'ΜΑΪΟΣ')."""
    yaml = f"language: {language}\ntitle: T\ncover:\n  note: {note}\nsections:\n  - type: story\n    file: story.md\n"
    folder = write_booklet(tmp_path / "b", {**TINY, "booklet.yaml": yaml})
    out = build(folder, output=tmp_path / "b.pdf").pdf
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    cover = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert printed in cover, cover
