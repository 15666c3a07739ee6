"""The patterns compiled quickly in place of reportlab's and PyYAML's must match exactly
what theirs do: character by character, and on whole web addresses."""
from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from booklet.quickre import PIECES, QUICK, URI, cased

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def _atoms(text: str) -> list[str]:
    """A pattern piece as its single-character atoms: classes, escapes and letters."""
    return re.findall(r"\[[^\]]*\]|\\.|.", text)


def test_each_spelled_out_piece_matches_the_same_characters_as_the_caseless_one():
    for caseless, spelled in PIECES.items():
        for a, b in zip(_atoms(caseless), _atoms(spelled), strict=True):
            with_case = set(re.findall(a, EVERY_CHARACTER, re.IGNORECASE))
            assert with_case == set(re.findall(b, EVERY_CHARACTER)), (caseless, a, b)


def test_the_one_character_patterns_match_the_same_characters():
    for (theirs, flags), ours in QUICK.items():
        if theirs != URI:
            assert set(re.findall(theirs, EVERY_CHARACTER, flags)) == set(re.findall(ours, EVERY_CHARACTER)), theirs


def test_the_address_pattern_is_reportlabs_with_only_the_cases_spelled_out():
    spelled = cased(URI)
    assert spelled != URI
    for caseless in PIECES:
        assert caseless in URI and caseless not in spelled


def test_reportlab_and_yaml_get_the_quick_patterns_in_a_new_process():
    code = ("import sys; from booklet.quickre import QUICK, import_platypus; import booklet.yamlfile; "
            "import_platypus(); import yaml.reader, reportlab.lib.textsplit as t, reportlab.platypus.paragraph as p; "
            "quick = set(QUICK.values()); "
            "print([x.pattern in quick for x in (p.uri_pat, t.rx, yaml.reader.Reader.NON_PRINTABLE)])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # a False: that library's pattern changed, and its own is compiled (slowly); QUICK wants updating
    assert out.strip() == "[True, True, True]"


ADDRESSES = ["https://example.com/a/b", "HTTP://EXAMPLE.COM/", "ftp://user:pw@host.org:21/x", "mailto://a",
             "www.example.co.uk/path?q=1#f", "LOCALHOST", "loca\u017fhost", "localhost:8080/x",
             "xn--bcher-kva.example", "XN--BCHER-KVA.EXAMPLE", "\u212aelvin.example/x", "ex\u0131mple.com",
             "192.168.0.1/index", "[2001:DB8::1]/x", "[2001:db8::1]", "-bad.example", "bad-.example",
             "example", "example.", "example.c", "a.bc", "été.fr/ça", "例え.テスト/パス", "straße.de",
             "https://Ünïcödé.example/ÄÖ", "word", "hyphen-ated", "C:\\path\\to\\file", "\u0130stanbul.tr"]


def test_the_same_matches_on_web_addresses_and_words():
    reportlab, quick = re.compile(URI, re.IGNORECASE), re.compile(cased(URI))
    for text in ADDRESSES:
        a, b = reportlab.match(text), quick.match(text)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text


@given(st.lists(st.sampled_from(list("aAzZkKsSiIxXnN019-.:/?#@[]_ \u0130\u0131\u017f\u212a\xe9\xc9\u00df")
                                + ["://", "xn--", "localhost", "LOCALHOST", ".com", "https", "255", "2001:db8"]),
                max_size=14).map("".join))
def test_the_same_matches_on_any_text(text):
    reportlab, quick = re.compile(URI, re.IGNORECASE), re.compile(cased(URI))
    a, b = reportlab.match(text), quick.match(text)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
