"""Long inputs: cut at block boundaries, parsed in parts, offsets still into the file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.chunking import cut_points, inside_block_cut, part_of, parts_of
from claimcite.extractors.pipeline import DocumentResult, ExtractOptions, extract_batch, numbered
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.reading.sources import read_input
from claimcite.extractors.records import Claim

from .conftest import REPO

ARTICLE = (
    "# The Harbour Report\n\n"
    "The port handled 4.2 million tonnes in 2023.<sup>1</sup>\n\n"
    "Dock workers\nwent on strike in May. The strike ended in June.\n\n"
    "A third paragraph closes the piece.\n\n"
    "<sup>1</sup> Port authority, annual report.\n"
)


def _starts(text: str) -> list[int]:
    cleaned = clean(text)
    return [b.clean_start for b in cleaned.blocks if b.clean_start is not None]


CUT_CASES = [
    # (text, limit, expected cut points as block numbers (int) or offsets (str "@n"))
    ("One.\n\nTwo.\n\nThree.", 100, [0]),
    ("One.\n\nTwo.\n\nThree.", 12, [0, 2]),  # "One.\n\nTwo.\n\n" fits in 12
    ("One.\n\nTwo.\n\nThree.", 6, [0, 1, 2]),
    ("Alpha beta.\n\nGamma.", 8, [0, "@6", 1]),  # a block longer than the limit is cut inside
]


@pytest.mark.parametrize(("text", "limit", "expected"), CUT_CASES)
def test_cut_points_fall_on_block_starts(text: str, limit: int, expected: list[Any]) -> None:
    starts = _starts(text)
    points = cut_points(clean(text), limit)
    assert points == [starts[e] if isinstance(e, int) else int(e[1:]) for e in expected]
    bounds = [*points[1:], len(clean(text).text)]
    assert all(0 < end - start <= limit for start, end in zip(points, bounds, strict=True))


INSIDE_CASES = [
    # (text, begin, hard limit, cut)
    ("First one. Second one. Third", 0, 25, 23),  # after the last sentence end that fits
    ("First one. Second one. Third", 0, 12, 11),
    ("no sentence end in here at all", 0, 20, 19),  # else after the last space
    ("averyveryverylongwordwithoutspaces", 0, 10, 10),  # else a hard cut
    ("Skip. This part. And more", 6, 20, 17),  # from ``begin`` on
]


@pytest.mark.parametrize(("text", "begin", "hard", "cut"), INSIDE_CASES)
def test_inside_block_cut(text: str, begin: int, hard: int, cut: int) -> None:
    assert inside_block_cut(text, begin, hard) == cut


def test_a_part_maps_to_the_original_and_keeps_the_footnotes() -> None:
    whole = clean(ARTICLE)
    parts = parts_of(whole, 60)
    assert len(parts) > 2
    assert "".join(p.text for p in parts) == whole.text
    shift = 0
    for part in parts:
        for start, end in [(0, 3), (2, len(part.text))]:
            assert part.original_span(start, end) == whole.original_span(shift + start, shift + end)
        for block in part.blocks:
            if block.clean_start is not None and block.clean_end is not None:
                assert part.text[block.clean_start : block.clean_end] == block.text
        footnotes = [b for b in part.blocks if b.kind == "footnote"]
        assert [b.label for b in footnotes] == ["1"], "every part sees the footnote definition"
        shift += len(part.text)
    with_marker = [p for p in parts if p.markers]
    assert len(with_marker) == 1
    marker = with_marker[0].markers[0]
    assert with_marker[0].text[:marker.clean_pos].endswith("2023.")
    assert part_of(whole, 0, len(whole.text)) is whole


@pytest.fixture
def long_article(tmp_path: Path) -> Path:
    """The repository's sample articles joined into one long file (about 11 KB)."""
    articles = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    body = "\n\n".join(a.split("\nOriginal url:")[0].strip() for a in articles)
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([body] * 4) + "\n", encoding="utf-8")
    return path


def _results(
    nlp: Any, path: Path, chunk_chars: int, max_length: int, section_chars: int = 200_000
) -> list[DocumentResult]:
    saved = nlp.max_length
    nlp.max_length = max_length
    try:
        options = ExtractOptions(
            include_all=True, chunk_chars=chunk_chars, section_chars=section_chars
        )
        results = list(numbered(extract_batch([str(path)], options, nlp)))
    finally:
        nlp.max_length = saved
    assert all(isinstance(r, DocumentResult) for r in results), results
    return results  # type: ignore[return-value]


def _claims(results: list[DocumentResult]) -> Iterator[Claim]:
    for result in results:
        yield from result.claims


@pytest.mark.slow
def test_long_file_parsed_in_parts_and_sections(nlp: Any, long_article: Path) -> None:
    original = read_input(str(long_article)).text
    whole = list(_claims(_results(nlp, long_article, 1_000_000, 1_000_000)))
    # parsed in parts of 1,500 characters, joined: the extractors see one document
    parts = list(_claims(_results(nlp, long_article, 1_500, 1_000_000)))
    assert [c.id for c in parts] == [c.id for c in whole]
    same = sum(p.as_dict() == w.as_dict() for p, w in zip(parts, whole, strict=True))
    assert same >= 0.95 * len(whole), f"only {same} of {len(whole)} records are the same"
    # longer than max_length (or section_chars): sections, each analysed on its own
    results = _results(nlp, long_article, 1_500, 4_000)
    assert len(results) >= len(original) // 4_000
    assert [r.complete for r in results] == [False] * (len(results) - 1) + [True]
    assert [r.section for r in results] == list(range(len(results)))
    sections = list(_claims(results))
    assert [c.id for c in sections] == [c.id for c in whole]
    by_option = _results(nlp, long_article, 1_500, 1_000_000, section_chars=4_000)
    assert [c.as_dict() for c in _claims(by_option)] == [c.as_dict() for c in sections]
    assert [c.span.sentence for c in sections] == list(range(len(sections)))
    for claim in sections:
        piece = original[claim.span.start : claim.span.end]
        assert piece[0] == claim.text[0] and piece[-1] == claim.text[-1]
        assert original.count("\n", 0, claim.span.start) + 1 == claim.span.line


@pytest.mark.slow
def test_a_failing_section_is_an_error_not_a_crash(
    nlp: Any, long_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcite.extractors import pipeline

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_analysed", broken)
    options = replace(ExtractOptions(), chunk_chars=1_500)
    results = list(extract_batch([str(long_article)], options, nlp))
    assert len(results) == 1
    error = results[0]
    assert not isinstance(error, DocumentResult)
    assert error.path == str(long_article)
    assert error.reason.startswith("analysis failed: RuntimeError: boom (")


def _live_docs() -> int:
    from spacy.tokens import Doc

    gc.collect()
    return sum(isinstance(o, Doc) for o in gc.get_objects())


def test_no_document_outlives_its_extraction() -> None:
    """Memory stays flat over any number of inputs: once a batch's records are made, no
    per-document cache (token table, entity index, features) keeps its Doc alive."""
    from claimcite.extractors.pipeline import extract

    before = _live_docs()
    records = list(extract([str(REPO / "corpus")]))
    assert len(records) > 20
    assert _live_docs() == before


def _one_line_text(size: int) -> str:
    """The sample articles' paragraphs on one line, repeated to ``size`` characters."""
    paragraphs = [
        block.text
        for path in sorted((REPO / "corpus").glob("*.txt"))
        for block in clean(path.read_text(encoding="utf-8")).blocks
        if block.kind == "paragraph"
    ]
    line = " ".join(" ".join(t.split()) for t in paragraphs) + " "
    return (line * (size // len(line) + 1))[:size].rsplit(". ", 1)[0] + "."


def test_a_one_line_megabyte_is_cut_where_its_sentences_end() -> None:
    """One line of 1 MB reads as the same text with a newline after each sentence: the same
    clean text and the same sections (so spaCy reads the same parts and finds the same
    sentences), each cut after a sentence, none in the middle of one."""
    import re

    one_line = _one_line_text(1_000_000)
    sentence_end = r"(?:(?<=[a-z0-9][.!?])|(?<=[a-z0-9][.!?][”\"])) (?=[A-Z“\"])"
    with_newlines = re.sub(sentence_end, "\n", one_line)
    assert with_newlines.count("\n") > 5_000
    a, b = clean(one_line), clean(with_newlines)
    assert a.text == b.text
    points = cut_points(a, 100_000)
    assert points == cut_points(b, 100_000)
    assert len(points) == 11  # 1 MB in sections of at most 100,000 characters
    ends = {m.end() for m in re.finditer(r"\n", with_newlines)}
    assert all(point in ends for point in points[1:]), "every cut is after a sentence"
    for parts in (parts_of(a, 100_000), parts_of(b, 100_000)):
        assert "".join(p.text for p in parts) == a.text
