"""Clean-up: line wraps, hyphenation and Markdown undone, with a map back to the original."""

from __future__ import annotations

import pytest
from claimcite.extractors.reading.cleanup import clean, keep_line_break_hyphen
from hypothesis import given, settings
from hypothesis import strategies as st

CASES = [
    # (original, clean text)
    ("One line.", "One line."),
    ("A hard\nwrapped line.", "A hard wrapped line."),
    ("damage was irrevo-\ncable here.", "damage was irrevocable here."),
    ("in the post-\nSoviet space.", "in the post-Soviet space."),
    ("a self-\ndefence clause.", "a self-defence clause."),
    ("wars in 1990-\n1995 ended.", "wars in 1990-1995 ended."),
    ("First para.\n\nSecond para.", "First para.\n\nSecond para."),
    ("# A heading\nBody text.", "A heading\n\nBody text."),
    ("**Bold pull quote here.**", "Bold pull quote here."),
    ("Text with a note.<sup>1</sup> More.", "Text with a note. More."),
    ("Spaces   and\ttabs  fold.", "Spaces and tabs fold."),
    # a space next to dropped markup is not doubled, nor left at the start
    ("a <b>bold</b> word", "a bold word"),
    ("a <br> b", "a b"),
    ("word <sup>1</sup> next", "word next"),
    ("word<sup>1</sup> next", "word next"),
    ("a ** b", "a b"),
    ("a **  b", "a b"),
    ("** lead", "lead"),
    ("non\xa0breaking space", "non breaking space"),
    ("A [linked text](https://example.org/x) here.", "A linked text here."),
    ("Some *emphasis* and `code`.", "Some emphasis and code."),
    ("See <https://example.org/a_b> now.", "See https://example.org/a_b now."),
    ("Before\n\n---\n\nAfter.", "Before\n\nAfter."),
    ("- a list item\n- another", "a list item\n\nanother"),
    (
        "Body.\nRelated article: A Title That\nWraps\n\nNext.",
        "Body.\n\nRelated article: A Title That Wraps\n\nNext.",
    ),
    ("Caption here.\nSource: Jane Doe / AP", "Caption here.\n\nSource: Jane Doe / AP"),
    ("Body.\n\nhttps://example.org/a-b\n", "Body."),
    ("TheCSTO met. The CSTO agreed.", "The CSTO met. The CSTO agreed."),
    ("Theory of everything.", "Theory of everything."),
    (
        "Body.\n\nOriginal url:\nhttps://example.org/2023/09/21/a-very-long-slug-that-is-\nwrapped-a1\n",
        "Body.",
    ),
]


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_clean_text(original: str, expected: str) -> None:
    assert clean(original).text == expected


FARES = "The council raised bus fares by a fifth last year, the third rise since 2021."
RIDERS = "Riders left the buses in their thousands."
STEPS = "The plan of the council has two steps, both of them costly:"

BLOCK_CASES = [
    ("# Title\n\nBody text here.", ["heading", "paragraph"]),
    ("**A pull quote that is long enough to be one.**\n\nBody.", ["pullquote", "paragraph"]),
    ("Caption.\n\nPhoto: John Smith / Reuters", ["paragraph", "credit"]),
    ("Body.\n\n<sup>1</sup> The note text.", ["paragraph", "footnote"]),
    ("Body.\n\n[1] The note text.", ["paragraph", "footnote"]),
    ("Body.\n\nRelated article: Something Happened", ["paragraph", "related"]),
    ("Body.\n\nhttps://example.org/one\nhttps://example.org/two", ["paragraph", "url", "url"]),
    ("Body.\n\nOriginal url: https://example.org/x", ["paragraph", "trailer"]),
    ("A SHORT TITLE\n\nThe body starts here and goes on.", ["heading", "paragraph"]),
    (
        "Body.\n\n- [A linked title](https://example.org/a)\n- <https://example.org/b>",
        ["paragraph", "reference", "reference"],
    ),
    ("Body.\n\n- A point with [a link](https://example.org/a) inside.", ["paragraph", "list"]),
    # a numbered "Notes" list after the markers it answers is the footnotes
    (
        f"{FARES}<sup>1</sup> {RIDERS}<sup>2</sup>\n\n1. Council budget.\n2. Observatory.",
        ["paragraph", "footnote", "footnote"],
    ),
    (f"{FARES}[1]\n\n1) Council budget, 2024.", ["paragraph", "footnote"]),
    # a numbered list before the last marker, a number no marker uses, or no marker at all
    (f"{STEPS}\n\n1. Cut fares.\n\n{FARES}<sup>1</sup>", ["paragraph", "list", "paragraph"]),
    (f"{FARES}<sup>1</sup>\n\n7. Council budget.", ["paragraph", "list"]),
    (f"{STEPS}\n\n1. Cut fares.\n2. Add buses.", ["paragraph", "list", "list"]),
]


@pytest.mark.parametrize(("original", "kinds"), BLOCK_CASES)
def test_block_kinds(original: str, kinds: list[str]) -> None:
    assert [b.kind for b in clean(original).blocks] == kinds


URL_CASES = [
    (
        "Original url:\nhttps://example.org/2023/09/21/long-slug-as-a\n-regional-thing-a1\n",
        "https://example.org/2023/09/21/long-slug-as-a-regional-thing-a1",
    ),
    ("Original url: https://example.org/a\n", "https://example.org/a"),
    (
        "Original URL:\nhttps://example.org/part-one-\npart-two\n",
        "https://example.org/part-one-part-two",
    ),
]


@pytest.mark.parametrize(("original", "url"), URL_CASES)
def test_trailer_url_rejoined(original: str, url: str) -> None:
    trailer = [b for b in clean(original).blocks if b.kind == "trailer"]
    assert [b.text for b in trailer] == [url]


HYPHEN_CASES = [
    ("post", "Soviet", frozenset(), True),
    ("irrevo", "cable", frozenset(), False),
    ("self", "defence", frozenset(), True),
    ("anti", "terrorism", frozenset(), True),
    ("organi", "zation", frozenset(), False),
    ("cease", "fire", frozenset({"cease-fire"}), True),
    ("well", "being", frozenset({"wellbeing"}), False),
]


@pytest.mark.parametrize(("left", "right", "words", "keep"), HYPHEN_CASES)
def test_keep_line_break_hyphen(left: str, right: str, words: frozenset[str], keep: bool) -> None:
    assert keep_line_break_hyphen(left, right, words) is keep


def test_numbered_notes_carry_their_number_as_label() -> None:
    cleaned = clean(f"{FARES}<sup>2</sup>\n\n2. Observatory, quarterly report.")
    note = cleaned.blocks[-1]
    assert (note.kind, note.label, note.text) == ("footnote", "2", "Observatory, quarterly report.")
    # a list item that is no note keeps no label
    assert clean(f"{STEPS}\n\n1. Cut fares.").blocks[-1].label is None


def test_footnote_marker_is_recorded_where_it_stood() -> None:
    cleaned = clean("Russia is a member.<sup>1</sup> Next.\n\n<sup>1</sup> The note.")
    assert [m.label for m in cleaned.markers] == ["1"]
    assert cleaned.text[: cleaned.markers[0].clean_pos] == "Russia is a member."
    footnote = next(b for b in cleaned.blocks if b.kind == "footnote")
    assert (footnote.label, footnote.text) == ("1", "The note.")


def test_front_matter_is_skipped() -> None:
    original = "---\ntitle: X\n---\n\nBody text.\n"
    assert clean(original, body_start=original.index("Body")).text == "Body text."


# Pieces that exercise every rule: wraps, hyphens, markup, markers, URLs, trailers.
_PIECES = st.one_of(
    st.text(alphabet=st.sampled_from(list('ab C-\n *#<>_`:.?"”\tTé')), max_size=40),
    st.sampled_from(
        [
            "<sup>1</sup>",
            "**",
            "---\n",
            "http://x.y/z-",
            "\nOriginal url:\n",
            "[1]",
            "^2",
            "\n\n",
            "-\n",
            "\nSource: A / B\n",
            "TheCSTO",
            "[t](http://u.v)",
            "\n# ",
            "\n- ",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_offset_map_round_trips(original: str) -> None:
    """For any text the map is monotonic, in bounds, and points at the same characters."""
    cleaned = clean(original)
    mapping = [cleaned.offsets.to_original(i) for i in range(len(cleaned.text))]
    assert mapping == sorted(mapping)
    assert all(0 <= j < len(original) for j in mapping)
    for i, char in enumerate(cleaned.text):
        assert char.isspace() or original[mapping[i]] == char
    for block in cleaned.blocks:
        if block.clean_start is None or block.clean_end is None:
            continue
        start, end = cleaned.original_span(block.clean_start, block.clean_end)
        assert 0 <= start <= end <= len(original)
        assert original[start] == cleaned.text[block.clean_start]
        assert original[end - 1] == cleaned.text[block.clean_end - 1]
