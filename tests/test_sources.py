"""Source linking: file hashes, URLs, publication dates and manifests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.reading.sources import (
    InputError,
    ManifestEntry,
    RawDocument,
    decode,
    describe_source,
    iso_date,
    iter_inputs,
    load_manifest,
    published_from_url,
    split_front_matter,
)

URL_DATES = [
    ("https://example.org/2023/09/21/some-article-a82531", "2023-09-21"),
    ("https://example.org/news/2020-02-29/leap", "2020-02-29"),
    ("https://example.org/2023/02/30/not-a-day", None),
    ("https://example.org/article/12345", None),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), URL_DATES)
def test_published_from_url(url: str | None, expected: str | None) -> None:
    assert published_from_url(url) == expected


ISO_DATES = [
    ("2024-05-08", "2024-05-08"),
    ("2024-05-08T10:00:00Z", "2024-05-08"),
    ("8 May 2024", "2024-05-08"),
    ("May 8, 2024", "2024-05-08"),
    ("May 2024", None),
    ("", None),
    ("soon", None),
]


@pytest.mark.parametrize(("value", "expected"), ISO_DATES)
def test_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


FRONT_MATTER = [
    (
        "---\ntitle: T\nurl: https://x.example/a\ndate: 2024-05-08\n---\nBody",
        {"title": "T", "url": "https://x.example/a"},
    ),
    ("---\n- not\n- a mapping\n---\nBody", {}),
    ("No front matter\n---\n", {}),
]


@pytest.mark.parametrize(("text", "expected"), FRONT_MATTER)
def test_split_front_matter(text: str, expected: dict[str, Any]) -> None:
    meta, body_start = split_front_matter(text)
    assert {k: meta[k] for k in expected} == expected
    assert (body_start > 0) == bool(expected)
    if expected:
        assert text[body_start:] == "Body"


def _source(text: str, entry: ManifestEntry | None = None, published: str | None = None) -> Any:
    document = RawDocument("a.txt", text, "0" * 64)
    meta, body_start = split_front_matter(text)
    return describe_source(document, meta, clean(text, body_start).blocks, entry, published)


TRAILER = (
    "Body text.\n\nOriginal url:\nhttps://example.org/2023/09/21/slug-as-a\n-regional-thing-a1\n"
)
FRONT = "---\nurl: https://front.example/x\ndate: 2024-01-02\ntitle: Front\n---\nBody.\n"

SOURCE_CASES = [
    # text, manifest entry, --published, expected (url, url_from, published, published_from, title)
    (
        TRAILER,
        None,
        None,
        (
            "https://example.org/2023/09/21/slug-as-a-regional-thing-a1",
            "trailer",
            "2023-09-21",
            "url",
            None,
        ),
    ),
    (
        TRAILER,
        None,
        "2020-01-01",
        (
            "https://example.org/2023/09/21/slug-as-a-regional-thing-a1",
            "trailer",
            "2020-01-01",
            "--published",
            None,
        ),
    ),
    (
        FRONT,
        None,
        None,
        ("https://front.example/x", "front-matter", "2024-01-02", "metadata", "Front"),
    ),
    (
        FRONT,
        ManifestEntry("https://m.example/y", "2024-03-04", "Manifest title"),
        None,
        ("https://m.example/y", "manifest", "2024-03-04", "manifest", "Manifest title"),
    ),
    ("Just text.", None, None, (None, None, None, None, None)),
]


@pytest.mark.parametrize(("text", "entry", "published", "expected"), SOURCE_CASES)
def test_describe_source(
    text: str, entry: ManifestEntry | None, published: str | None, expected: tuple[Any, ...]
) -> None:
    source = _source(text, entry, published)
    assert (
        source.url,
        source.url_from,
        source.published,
        source.published_from,
        source.title,
    ) == expected


def test_decode_refuses_binary_and_non_utf8() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("x.bin", b"\x89PNG\x00\x00")
    with pytest.raises(InputError, match="UTF-8"):
        decode("x.txt", b"caf\xe9")
    document = decode("x.txt", "café".encode())
    assert document.sha256 == hashlib.sha256("café".encode()).hexdigest()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b'<html><head><meta charset="windows-1252"></head><p>caf\xe9 \x93x\x94</p>',
         '<html><head><meta charset="windows-1252"></head><p>café “x”</p>'),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\xe9t\xe9',
         '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">été'),
        # UTF-8 bytes are UTF-8, whatever the page says
        ('<meta charset="latin-1">café'.encode(), '<meta charset="latin-1">café'),
    ],
)  # fmt: skip
def test_decode_a_page_in_its_declared_charset(data: bytes, text: str) -> None:
    document = decode("page.html", data)
    assert document.text == text
    assert document.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<meta charset="no-such-codec">caf\xe9', "not no-such-codec text"),
        (b'<meta charset="utf-8">caf\xe9', "not utf-8 text as its <meta charset> says"),
    ],
)
def test_a_page_that_is_not_in_its_charset_is_reported(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode("page.html", data)


def test_iter_inputs_recurses_sorted_and_reports(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "skip.csv").write_text("x")
    (tmp_path / "empty").mkdir()
    items = list(iter_inputs([str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "missing")]))
    assert items[:2] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.md")]
    assert [(e.path, e.reason) for e in items[2:] if isinstance(e, InputError)] == [
        (str(tmp_path / "empty"), "no .txt, .md, .markdown, .html or .pdf files in this directory"),
        (str(tmp_path / "missing"), "no such file or directory"),
    ]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_load_manifest_resolves_paths_against_its_folder(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "docs").mkdir()
    manifest = tmp_path / f"manifest{suffix}"
    if suffix == ".csv":
        manifest.write_text(
            "path,url,published,title\ndocs/a.txt,https://x.example/a,2024-01-02,A\n"
        )
    else:
        manifest.write_text(
            '{"path": "docs/a.txt", "url": "https://x.example/a", "published": "2024-01-02", "title": "A"}\n'
        )
    entry = load_manifest(str(manifest)).lookup(str(tmp_path / "docs" / "a.txt"))
    assert entry == ManifestEntry("https://x.example/a", "2024-01-02", "A")


def test_load_manifest_reports_bad_rows(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,url,published\na.txt,https://x,not a date\n")
    with pytest.raises(InputError, match="not a date"):
        load_manifest(str(manifest))
