"""Folders of odd files: gzip-compressed articles are read, files that are no articles
are counted in one note per folder, and a damaged gzip file is one error line."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.reading.compression import inner_name, stored_size
from claimcite.extractors.reading.sources import (
    InputError,
    Skipped,
    is_article_name,
    iter_inputs,
    read_input,
    skipped_files,
)

PAGE = (
    "<!DOCTYPE html><html><head><title>Port</title>"
    '<link rel="canonical" href="https://example.org/port"></head><body><article>'
    "<p>The port of Valmara reopened on 3 May 2024 after a strike of nine days, "
    "the port authority said on Friday.</p></article></body></html>"
)
TEXT = "The council approved a budget of 40 million euros on Monday.\n"


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("page.html.gz", True),
        ("notes.TXT.GZ", True),
        ("report.pdf.gz", True),
        ("page.html", True),
        ("data.json.gz", False),
        ("archive.gz", False),
        ("photo.jpg", False),
        ("draft.docx", False),
    ],
)
def test_which_names_are_read(name: str, read: bool) -> None:
    assert is_article_name(name) is read


@pytest.mark.parametrize(
    ("path", "inner"),
    [("a/page.html.gz", "a/page.html"), ("x.GZ", "x"), ("page.html", "page.html")],
)
def test_inner_name(path: str, inner: str) -> None:
    assert inner_name(path) == inner


def test_a_gzip_file_is_read_as_the_file_inside(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    document = read_input(str(path))
    assert document.text == PAGE  # offsets index what is inside
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()  # the file's
    assert stored_size(path) == len(PAGE.encode("utf-8"))
    assert stored_size(tmp_path / "missing.gz") is None


def test_a_damaged_gzip_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(TEXT.encode())[:-12])
    with pytest.raises(InputError) as caught:
        read_input(str(path))
    assert caught.value.code == "damaged"
    assert caught.value.reason.startswith("damaged gzip file")


def test_skipped_files_are_counted_per_folder(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    for name in ("a.png", "b.png", "page_files/c.js", "draft.docx", "README", ".DS_Store"):
        (tmp_path / name).write_text("x")
    (tmp_path / "story.txt").write_text(TEXT)
    (tmp_path / "manifest.csv").write_text("path,url\n")  # read, as the folder's manifest
    (tmp_path / "out.jsonl").write_text("")  # the run's own output
    (tmp_path / "empty").mkdir()
    named = [str(tmp_path), str(tmp_path / "story.txt"), "-", str(tmp_path / "empty")]
    found = skipped_files(named, [tmp_path / "out.jsonl"])
    assert found == [Skipped(str(tmp_path), {".png": 2, "": 1, ".docx": 1, ".js": 1})]
    assert found[0].describe() == (
        "5 files not read (not articles by their names): .png 2, (no suffix) 1, .docx 1, .js 1"
    )
    assert list(iter_inputs([str(tmp_path)])) == [str(tmp_path / "story.txt")]


@pytest.mark.slow
def test_a_folder_of_odd_files_through_the_cli(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(TEXT.encode("utf-8")))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    result = cli("extract", str(tmp_path))
    assert result.exit_code == 0, result.stderr  # a file that is no article fails nothing
    assert result.stderr == (
        f"claimcite: note: {tmp_path}: 1 file not read (not articles by their names): .jpg 1\n"
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    page = next(r for r in rows if r["source"]["path"].endswith("page.html.gz"))
    assert page["source"]["url"] == "https://example.org/port"  # read as HTML
    assert PAGE[page["span"]["start"] : page["span"]["end"]] == page["text"]
    story = next(r for r in rows if r["source"]["path"].endswith("story.txt.gz"))
    assert story["text"] == TEXT.strip()
    # `claimcite text` prints what the offsets index: the page inside
    printed = cli("text", str(tmp_path / "page.html.gz"))
    assert printed.exit_code == 0 and printed.stdout.rstrip("\n") == PAGE
    # a damaged one: one line, the rest still read, exit code 1
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(TEXT.encode())[:-12])
    result = cli("extract", str(tmp_path))
    assert result.exit_code == 1
    assert f"claimcite: error: {tmp_path / 'cut.txt.gz'}: damaged gzip file" in result.stderr
    assert len(result.stdout.splitlines()) == len(rows)
