"""Property tests over what reads text: decoding, clean-up, the HTML reader, the offset map
and whole records. Any Unicode (control and zero-width characters, right-to-left text,
combining marks), invalid UTF-8, very long words, no line breaks at all: no exception
escapes, every offset is in bounds and points at the characters it stands for, and every
record validates against the schema.

A few dozen examples per target run in ``make test``; ``make fuzz`` runs 10,000 each
(``CLAIMCITE_FUZZ_EXAMPLES``), and a tenth of that for whole records, which each cost a
spaCy parse.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from typing import Any

import jsonschema
import pytest
from claimcite.extractors.pipeline import ExtractOptions, extract_text
from claimcite.extractors.reading.cleanup import CleanText, clean
from claimcite.extractors.reading.html_input import read_page
from claimcite.extractors.reading.offsets import OffsetMap
from claimcite.extractors.reading.sources import InputError, decode
from claimcite.extractors.schema import CLAIM_SCHEMA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

RECORD = jsonschema.Draft202012Validator(CLAIM_SCHEMA)  # built once: validate() rebuilds it

EXAMPLES = int(os.environ.get("CLAIMCITE_FUZZ_EXAMPLES", "0"))
SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
if EXAMPLES:  # make fuzz
    fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW_IS_FINE)
    # a record costs a spaCy parse (30–100 ms): a tenth as many examples
    fuzz_records = settings(fuzz, max_examples=max(1, EXAMPLES // 10))
else:  # make test: a few dozen examples, the same on every run
    fuzz = settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=SLOW_IS_FINE,
        derandomize=True,
        database=None,
    )
    fuzz_records = settings(fuzz, max_examples=20)

# Characters that break naive text handling.
ODD = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u00ad",  # soft hyphen
    "\u202e", "\u202b", "\u200f", "\u2066", "\u2069",  # bidirectional controls
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\t",  # controls
    "\u2028", "\u2029",  # line and paragraph separators
    "\u0301", "\u0308", "\u20dd", "e\u0301", "\U0001f44d\U0001f3fd", "\U0001f1fa\U0001f1e6",
    "مرحبا بالعالم", "שלום עולם.", "\u05d0\u05b8", "नमस्ते", "ﬁ", "Å", "ß", "İ", "ǅ",
    "\xa0", "\u3000", "\u2009",  # other spaces
    "\U0001d400", "\U00010348",  # outside the basic plane
]  # fmt: skip
MARKUP = [
    "# ", "## ", "**", "*", "_", "`", "<sup>1</sup>", "[1]", "[^1]", "^2", "[^1]: Note.",
    "[a link](https://example.org/a-b)", "<https://example.org/x>", "https://example.org/2023/09/21/slug-a1",
    "---", "- ", "1. ", "> ", "Source: ", "Photo: ", "Related article: ", "Original url:",
    "-\n", "- \n", "irrevo-\ncable", "post-\nSoviet", "TheCSTO", "“", "”", "«", "»", "\"", "'",
    "...", "?", "!", ".", ",", ";", ":", "(", ")", "—", "–",
]  # fmt: skip
TAGS = [
    "<p>", "</p>", "<article>", "</article>", "<main>", "<div>", "</div>", "<h1>", "</h1>",
    "<h2 class='x'>", "<li>", "<ul>", "</ul>", "<blockquote>", "<figcaption>", "<td>", "<br>",
    "<br/>", "<hr>", "<sup>1</sup>", "<sup>", "</sup>", "<a href='https://example.org/a-b'>",
    "<a href=\"/rel\">", "</a>", "<b>", "</b>", "<em>", "<script>var x = '<p>';</script>",
    "<style>p{}</style>", "<nav>menu</nav>", "<aside>side</aside>", "<footer>f</footer>",
    "<!-- comment -->", "<!DOCTYPE html>", "<html>", "<head>", "</head>", "<body>",
    "<title>T</title>", "<meta charset='utf-8'>", "<meta property='og:url' content='https://x.example/a'>",
    "<link rel='canonical' href='https://x.example/c'>", "<time datetime='2024-01-02'>",
    "</time>", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#233;", "&#x27;", "&#0;", "&#xD800;",
    "&#99999999;", "&bogus;", "&amp", "<", ">", "</", "<p", "<a href='", "<![CDATA[x]]>",
    "<?xml?>", "<svg><text>s</text></svg>", "<pre>  a\n  b</pre>", "<table><tr><td>c</td></tr></table>",
]  # fmt: skip

ANY_CHAR = st.characters(codec="utf-8")  # no lone surrogates: decoding never gives them
WORD = st.text(st.characters(categories=("L", "M", "N")), min_size=1, max_size=12)
LONG_WORD = st.builds(lambda word, times: word * times, WORD, st.integers(100, 600))
PIECE = st.one_of(
    WORD,
    WORD,
    st.sampled_from([" ", " ", "\n", "\n\n", "  "]),
    st.sampled_from(ODD),
    st.sampled_from(MARKUP),
    st.text(ANY_CHAR, max_size=6),
)
TEXT = st.one_of(
    st.lists(st.one_of(PIECE, LONG_WORD) if EXAMPLES else PIECE, max_size=60).map("".join),
    st.text(ANY_CHAR, max_size=400),
)
ONE_LINE = TEXT.map(lambda text: re.sub(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text))
PAGE = st.lists(st.one_of(PIECE, st.sampled_from(TAGS), st.sampled_from(TAGS)), max_size=60).map(
    "".join
)
BAD_BYTES = [
    b"\xff", b"\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
    b"\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00",
]  # fmt: skip
BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(
        st.one_of(
            TEXT.map(lambda text: text.encode("utf-8")),
            st.sampled_from(BAD_BYTES),
            TEXT.map(lambda text: text.encode("cp1252", errors="ignore")),
            TEXT.map(lambda text: text.encode("utf-16")),
        ),
        max_size=8,
    ).map(b"".join),
)
ERROR_CODES = {"binary", "encoding"}


def check_map(original: str, cleaned: CleanText, page: bool = False) -> None:
    """Every clean character maps in bounds, in order, onto the character it stands for (a
    space may stand for any white space or markup, an entity's character for the ``&``
    that starts it), and every block's span lies in the original."""
    size = len(original)
    previous = 0
    for i, char in enumerate(cleaned.text):
        j = cleaned.offsets.to_original(i)
        assert 0 <= j < size, (i, j)
        assert j >= previous, "the map goes backwards"
        previous = j
        if not char.isspace():
            assert original[j] == char or (page and original[j] == "&"), (i, char, original[j])
    for block in cleaned.blocks:
        assert 0 <= block.orig_start <= block.orig_end <= size
        if block.clean_start is not None and block.clean_end is not None:
            start, end = cleaned.original_span(block.clean_start, block.clean_end)
            assert 0 <= start <= end <= size
    step = max(1, len(cleaned.text) // 200)  # spans starting anywhere, without O(n²) checks
    for start in range(0, len(cleaned.text) + 1, step):
        first, last = cleaned.original_span(start, min(start + 7 * step, len(cleaned.text)))
        assert 0 <= first <= last <= size


@fuzz
@given(TEXT)
def test_clean_up(original: str) -> None:
    check_map(original, clean(original))


@fuzz
@given(ONE_LINE)
def test_clean_up_without_line_breaks(original: str) -> None:
    cleaned = clean(original)
    check_map(original, cleaned)
    assert len(cleaned.blocks) <= 1 or any(b.kind != "paragraph" for b in cleaned.blocks)


@fuzz
@given(PAGE)
def test_html_reader(page: str) -> None:
    cleaned, _ = read_page(page)
    check_map(page, cleaned, page=True)


def test_a_span_ending_in_an_entity_reference_covers_it() -> None:
    page = "<p>Caf&#233; &amp; bar&eacute;</p>"
    cleaned, _ = read_page(page)
    assert cleaned.text == "Café & baré"
    start, end = cleaned.original_span(0, len(cleaned.text))
    assert page[start:end] == "Caf&#233; &amp; bar&eacute;"
    assert page.__getitem__(slice(*cleaned.original_span(0, 4))) == "Caf&#233;"


@fuzz
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 40), st.integers(0, 5)), max_size=40))
def test_offset_map(steps: list[tuple[bool, int, int]]) -> None:
    """Copies and insertions (of characters that stand for an original one, such as a space
    for a line break) in any mix: the map is monotonic and in bounds, and each copied
    character maps onto itself."""
    offsets = OffsetMap()
    position = size = 0
    copied_at: dict[int, int] = {}
    for copied, length, gap in steps:
        position += gap
        if copied:
            for k in range(length):
                copied_at[offsets.clean_length + k] = position + k
            offsets.copy(position, position + length)
            position += length
            size = max(size, position)
        elif length:
            offsets.insert(length, position)
            size = max(size, position + 1)
    mapped = [offsets.to_original(i) for i in range(offsets.clean_length + 1)]
    assert mapped == sorted(mapped)
    assert all(0 <= j <= size for j in mapped)
    assert all(mapped[i] == j for i, j in copied_at.items())
    for start in range(offsets.clean_length + 1):
        first, last = offsets.span(start, offsets.clean_length)
        assert 0 <= first <= last <= size


@fuzz
@given(BYTES)
def test_decoding(data: bytes) -> None:
    """Any bytes: a document whose recorded encoding gives back its text, or an error with
    a reason and a code — never another exception."""
    try:
        document = decode("fuzz.txt", data)
    except InputError as err:
        assert err.code in ERROR_CODES and err.reason
        return
    assert document.encoding is not None
    assert data.decode(document.encoding) == document.text
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _holds(original: str, start: int, end: int, words: str, page: bool) -> None:
    """``original[start:end]`` is in bounds and holds the letters and digits of ``words``,
    in order (markup, line breaks and hyphens at a line break may stand between them)."""
    assert 0 <= start <= end <= len(original), (start, end, len(original))
    piece = original[start:end]
    readings = [piece]
    if page:  # tags dropped, and entity references decoded or as written
        untagged = re.sub(r"</?[A-Za-z!?][^>]*>", "", piece)
        readings += [untagged, html.unescape(untagged)]
    assert any(_in_order(_alnum(words), _alnum(r)) for r in readings), (words, piece)


def _in_order(wanted: str, text: str) -> bool:
    letters = iter(text)
    return all(any(c == found for found in letters) for c in wanted)


def _check_records(original: str, rows: list[dict[str, Any]], page: bool) -> None:
    for row in rows:
        RECORD.validate(row)
        span = row["span"]
        _holds(original, span["start"], span["end"], row["text"], page)
        for actor in row["actors"]:
            _holds(original, actor["start"], actor["end"], actor["text"], page)
        for date in row["dates"]:
            _holds(original, date["start"], date["end"], date["text"], page)
        for attribution in row["attributions"]:
            _holds(original, attribution["cue_start"], attribution["cue_end"], attribution["cue"], page)


@pytest.fixture(scope="module")
def options() -> ExtractOptions:
    return ExtractOptions(include_all=True)


@fuzz_records
@given(TEXT)
def test_records_of_any_text(nlp: Any, options: ExtractOptions, original: str) -> None:
    sha = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()
    claims = extract_text("fuzz.md", original, sha, options, nlp)
    _check_records(original, [c.as_dict() for c in claims], page=False)


@fuzz_records
@given(PAGE)
@example("&#100;")  # a sentence that ends in an entity reference ends after its ";"
@example("&A²")  # an unknown reference without ";" is kept as written, once
@example("0&#1:")  # a reference to a forbidden character is dropped
@example("<0>&#100:")  # "<0>" is text, not a tag
def test_records_of_any_page(nlp: Any, options: ExtractOptions, page: str) -> None:
    sha = hashlib.sha256(page.encode("utf-8", "surrogatepass")).hexdigest()
    claims = extract_text("fuzz.html", page, sha, options, nlp)
    _check_records(page, [c.as_dict() for c in claims], page=True)
