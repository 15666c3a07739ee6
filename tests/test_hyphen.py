"""hyphen.py reads pyphen's pattern files into the table pyphen makes of them."""
from __future__ import annotations

import pyphen
import pytest

from booklet.hyphen import Patterns, hyph_dict, parsed

WORDS = ["hyphenation", "Olympics", "semifinal", "hamstring", "Barcelona", "extraordinary",
         "Leichtathletikweltmeisterschaft", "Geschwindigkeitsbegrenzung", "aktionärsausschüsse",
         "достопримечательность", "Weltmeister", "a", "", "café-restaurant", "père"]


@pytest.mark.parametrize("lang", ["en_US", "de_DE", "ru_RU", "af_ZA", "fr"])
def test_same_table_as_pyphen(lang):
    path = pyphen.LANGUAGES[lang]
    ours, theirs = hyph_dict(path), pyphen.HyphDict(path)
    assert set(ours.patterns) == set(theirs.patterns)
    assert all(ours.patterns.get(k) == v for k, v in theirs.patterns.items())
    assert ours.maxlen == theirs.maxlen
    assert [ours.positions(w) for w in WORDS] == [theirs.positions(w) for w in WORDS]


def test_files_with_pyphens_extensions_are_read_by_pyphen(tmp_path):
    # another spelling at a break (Hungarian "ssz" is "sz-sz"), a character in hex
    for extension in ("1ssz/sz=sz,1,3", "^^e9t1a"):
        dic = tmp_path / "hyph_xx.dic"
        dic.write_text(f"UTF-8\na1b\n{extension}\n", encoding="utf-8")
        assert type(hyph_dict(dic).patterns) is dict
        assert hyph_dict(dic).patterns == pyphen.HyphDict(dic).patterns
    assert type(hyph_dict(pyphen.LANGUAGES["en_US"]).patterns) is Patterns


@pytest.mark.parametrize("line, expected", [
    ("a1b", (1, (1,))),
    (".ab4", (3, (4,))),
    ("2a1b0c", (0, (2, 1))),
    ("ab11c", (2, (1, 1))),         # German marks compounds with two digits
    ("1ä2ö", (0, (1, 2))),
])
def test_one_pattern_as_pyphen_reads_it(line, expected, tmp_path):
    assert parsed(line) == expected
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text(f"UTF-8\n{line}\n", encoding="utf-8")
    theirs = pyphen.HyphDict(dic).patterns
    assert theirs == {k: parsed(line) for k in theirs}


def test_booklet_hyphenates_with_it(tmp_path):
    from booklet.styles import load_hyphenation

    pyphen.hdcache.pop(pyphen.LANGUAGES["en_US"], None)
    load_hyphenation("en_US")
    assert pyphen.Pyphen(lang="en_US").inserted("hyphenation") == "hy-phen-ation"


def test_patterns_of_zeros_dropped_and_later_ones_kept_as_pyphen_does(tmp_path):
    # a pattern with no value but 0 is not kept (German has 11,000: 'her', 'mit0'); of two
    # of the same letters the later one stands; the letters are the pattern less its digits
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text("UTF-8\nher\nmi0t\na1b\nab2\n  c3d0e  \nhe1r\nzz\n% a note 1\n", encoding="utf-8")
    ours, theirs = hyph_dict(dic), pyphen.HyphDict(dic)
    assert type(ours.patterns) is Patterns
    assert set(ours.patterns) == set(theirs.patterns) == {"ab", "cde", "her"}
    assert all(ours.patterns.get(k) == v for k, v in theirs.patterns.items())
