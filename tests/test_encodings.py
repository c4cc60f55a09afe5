"""Encodings: byte-order marks, UTF-8, a detector's confident guess (with a warning), and
clear refusals; offsets count characters of the decoded text, whatever the bytes were."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from claimcite.extractors.reading.encodings import EncodingError, decode_bytes
from claimcite.extractors.reading.sources import InputError, decode
from claimcite.extractors.schema import CLAIM_SCHEMA
from typer.testing import Result

RECORD = jsonschema.Draft202012Validator(CLAIM_SCHEMA)  # built once: validate() rebuilds it

ARTICLE = (
    "The Café Riviera in Valmara closed on 3 March 2024 after the council’s inspectors found "
    "“serious breaches” of the fire code, the mayor’s office said.\n\n"
    "The owner, René Duvalier, said on Tuesday that he would appeal the €12,000 fine before "
    "the regional court in Lyon.\n"
)
RUSSIAN = "Правительство объявило во вторник о новых мерах поддержки экономики и снижении налогов.\n"
GREEK = "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα στήριξης της οικονομίας.\n"
JAPANESE = "政府は火曜日に新しい経済支援策を発表した。税金の引き下げも含まれる。\n"
POLISH = "Rząd ogłosił we wtorek nowe środki wsparcia gospodarki i obniżki podatków dla rzemieślników.\n"
QUESTIONS = "Will the café on the quay reopen before the summer season begins? Will the mayor’s office say so? Who will pay the €12,000 fine?\n"
FRENCH = "Le gouvernement a annoncé mardi de nouvelles mesures de soutien à l’économie.\n"
GERMAN = "Die Regierung kündigte am Dienstag neue Maßnahmen zur Stützung der Wirtschaft an.\n"

DECODED = [
    # (bytes, text, encoding, guessed)
    ("café".encode(), "café", "utf-8", False),
    (codecs.BOM_UTF8 + "café".encode(), "café", "utf-8-sig", False),
    ("café".encode("utf-16"), "café", "utf-16", False),
    (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café", "utf-16", False),
    (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café", "utf-16", False),
    ("café".encode("utf-32"), "café", "utf-32", False),
    (codecs.BOM_UTF32_BE + "café".encode("utf-32-be"), "café", "utf-32", False),
    (b"", "", "utf-8", False),
    (ARTICLE.encode("cp1252"), ARTICLE, "cp1252", True),
    (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251", True),
    (RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r", True),
    (GREEK.encode("cp1253"), GREEK, "cp1253", True),
    (JAPANESE.encode("shift_jis"), JAPANESE, "cp932", True),
    (POLISH.encode("cp1250"), POLISH, "cp1250", True),
    # short Western texts: the detector ranks Mac and DOS code pages first, or ties
    # Windows-1250 and -1252; Windows-1252 is taken
    (QUESTIONS.encode("cp1252"), QUESTIONS, "cp1252", True),
    (FRENCH.encode("cp1252"), FRENCH, "cp1252", True),
    (GERMAN.encode("latin-1"), GERMAN, "cp1252", True),
]


@pytest.mark.parametrize(("data", "text", "encoding", "guessed"), DECODED)
def test_decode_bytes(data: bytes, text: str, encoding: str, guessed: bool) -> None:
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding, decoded.guessed) == (text, encoding, guessed)
    assert data.decode(decoded.encoding) == decoded.text, "the recorded codec gives the same text"


REFUSED = [
    # (bytes, code, reason fragment)
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "binary file (contains NUL bytes)"),
    ("café".encode("utf-16-le"), "binary", "binary file"),  # UTF-16 without a mark
    ("café".encode("cp1252"), "encoding", "cannot be told with confidence"),  # too short to tell
    (bytes(range(0x80, 0x100)) * 8, "encoding", "cannot be told with confidence"),
    (ARTICLE.encode() + "café".encode("cp1252"), "encoding", "not UTF-8 text (invalid byte at offset"),
    (codecs.BOM_UTF16_LE + b"A", "encoding", "not UTF-16 text although it starts with a UTF-16 byte-order mark"),
    (codecs.BOM_UTF8 + b"caf\xe9", "encoding", "not UTF-8 text although it starts with a UTF-8 byte-order mark"),
]


@pytest.mark.parametrize(("data", "code", "reason"), REFUSED)
def test_refused(data: bytes, code: str, reason: str) -> None:
    with pytest.raises(EncodingError) as caught:
        decode_bytes(data)
    assert caught.value.code == code
    assert reason in caught.value.reason
    with pytest.raises(InputError) as as_input:
        decode("x.txt", data)
    assert (as_input.value.code, as_input.value.reason) == (code, caught.value.reason)


def test_a_guess_carries_a_warning_and_a_declared_charset_does_not() -> None:
    guessed = decode("a.txt", ARTICLE.encode("cp1252"))
    assert guessed.encoding == "cp1252"
    assert guessed.warnings == ("not UTF-8: read as cp1252, the encoding detected in it",)
    page = b'<html><head><meta charset="windows-1252"></head><p>caf\xe9</p>'
    declared = decode("p.html", page)
    assert (declared.encoding, declared.warnings) == ("cp1252", ())
    assert decode("a.txt", ARTICLE.encode()).warnings == ()


def _records(result: Result) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    for row in rows:
        RECORD.validate(row)
    return rows


def _spans(rows: list[dict[str, Any]]) -> list[tuple[str, int, int, int]]:
    return [(r["text"], r["span"]["start"], r["span"]["end"], r["span"]["line"]) for r in rows]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (codecs.BOM_UTF8 + ARTICLE.encode(), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),  # what Notepad and PowerShell write
        (ARTICLE.encode("utf-32"), "utf-32"),
    ],
)
def test_marked_files_give_the_records_of_utf8(
    cli: Callable[..., Result], tmp_path: Path, encoded: bytes, encoding: str
) -> None:
    plain, marked = tmp_path / "plain.txt", tmp_path / "marked.txt"
    plain.write_bytes(ARTICLE.encode())
    marked.write_bytes(encoded)
    expected = cli("extract", str(plain), "--all")
    result = cli("extract", str(marked), "--all")
    assert result.exit_code == 0 and result.stderr == ""
    rows = _records(result)
    assert rows and _spans(rows) == _spans(_records(expected))
    assert {r["source"]["encoding"] for r in rows} == {encoding}
    assert {r["source"]["encoding"] for r in _records(expected)} == {"utf-8"}
    original = encoded.decode(encoding)
    for row in rows:
        start, end = row["span"]["start"], row["span"]["end"]
        assert " ".join(original[start:end].split()) == row["text"]


def test_a_cp1252_file_is_read_with_one_warning(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    result = cli("extract", str(path), "--all")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"claimcite: warning: {path}: not UTF-8: read as cp1252, the encoding detected in it"
    ]
    rows = _records(result)
    assert {r["source"]["encoding"] for r in rows} == {"cp1252"}
    texts = [r["text"] for r in rows]
    assert any("René Duvalier" in t and "€12,000" in t for t in texts)
    original = path.read_bytes().decode("cp1252")
    for row in rows:
        for actor in row["actors"]:
            assert original[actor["start"] : actor["end"]] == actor["text"]


def test_files_that_cannot_be_decoded_are_refused_and_the_rest_read(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    short = tmp_path / "a-short.txt"
    short.write_bytes("café".encode("cp1252"))
    binary = tmp_path / "b-scan.txt"
    binary.write_bytes(b"%\x00\x01\x02 scanned")
    good = tmp_path / "c-good.txt"
    good.write_bytes(ARTICLE.encode("utf-16"))
    result = cli("extract", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"claimcite: error: {short}: not UTF-8 text (invalid byte at offset 3), and its "
        "encoding cannot be told with confidence; convert it to UTF-8",
        f"claimcite: error: {binary}: binary file (contains NUL bytes), not text",
    ]
    assert {r["source"]["path"] for r in _records(result)} == {str(good)}


def test_standard_input_in_utf16(cli: Callable[..., Result]) -> None:
    result = cli("extract", "-", "--all", input=ARTICLE.encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    rows = _records(result)
    assert rows and {r["source"]["encoding"] for r in rows} == {"utf-16"}
