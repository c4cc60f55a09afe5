"""The disk cache, and the gazetteer's patterns read from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from claimcite.extractors import disk_cache
from claimcite.extractors.disk_cache import CACHE_ENV, cache_dir, digest
from claimcite.extractors.gazetteer import CACHE_NAME, gazetteer, gazetteer_patterns
from spacy.language import Language
from spacy.tokenizer import Tokenizer


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({CACHE_ENV: "/tmp/somewhere"}, Path("/tmp/somewhere")),
        ({CACHE_ENV: "", "XDG_CACHE_HOME": "/x"}, None),  # empty: turned off
        ({"XDG_CACHE_HOME": "/x"}, Path("/x/claimcite")),
        ({"HOME": "/home/ada"}, Path("/home/ada/.cache/claimcite")),
    ],
)
def test_cache_dir(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Path) -> None:
    for name in (CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == expected


def test_digest_keeps_parts_apart() -> None:
    assert digest(["ab", "c"]) != digest(["a", "bc"])
    assert digest(["ab", b"c"]) == digest([b"ab", "c"])


def test_an_entry_is_read_back_for_its_key_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert disk_cache.load("thing", "k1") is None  # no folder yet
    disk_cache.store("thing", "k1", {"a": [1, 2]})
    assert disk_cache.load("thing", "k1") == {"a": [1, 2]}
    assert disk_cache.load("thing", "k2") is None
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["thing.json"]  # no temporary


def test_a_damaged_entry_is_a_miss(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    disk_cache.store("thing", "k", [1, 2, 3])
    text = (tmp_path / "thing.json").read_text(encoding="utf-8")
    (tmp_path / "thing.json").write_text(text[: len(text) // 2], encoding="utf-8")
    assert disk_cache.load("thing", "k") is None


def test_a_folder_that_cannot_be_written_costs_nothing_but_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    disk_cache.store("thing", "k", [1])  # no error
    assert disk_cache.load("thing", "k") is None


def test_turned_off_nothing_is_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    disk_cache.store("thing", "k", [1])
    assert disk_cache.load("thing", "k") is None
    assert list(tmp_path.iterdir()) == []


def _expected(nlp: Language) -> list[tuple[str, tuple[int, ...]]]:
    """Each name's entry key and the tokens the tokeniser makes of it."""
    return [
        (entry.key, tuple(token.orth for token in nlp.make_doc(name)))
        for name, entry in gazetteer().items()
    ]


def _found(nlp: Language) -> list[tuple[str, tuple[int, ...]]]:
    return [(entry.key, pattern) for entry, pattern in gazetteer_patterns(nlp)]


def test_gazetteer_patterns_built_then_read_from_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    nlp = spacy.blank("en")
    expected = _expected(nlp)
    assert _found(nlp) == expected  # built, and cached
    entry = json.loads((tmp_path / f"{CACHE_NAME}.json").read_text(encoding="utf-8"))
    assert len(entry["value"]) == len(expected)
    assert _found(nlp) == expected  # read back


def test_another_tokeniser_does_not_read_the_cached_patterns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert _found(spacy.blank("en"))  # cached for the stock tokeniser
    other = spacy.blank("en")
    assert isinstance(other.tokenizer, Tokenizer)
    other.tokenizer.add_special_case("Armenia", [{"ORTH": "Armen"}, {"ORTH": "ia"}])
    found = dict(zip(gazetteer(), (p for _, p in gazetteer_patterns(other)), strict=True))
    assert len(found["Armenia"]) == 2
    tokenised = (pattern for _, pattern in _expected(other))
    assert found == dict(zip(gazetteer(), tokenised, strict=True))


def test_a_damaged_gazetteer_cache_is_rebuilt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    nlp = spacy.blank("en")
    expected = _found(nlp)
    path = tmp_path / f"{CACHE_NAME}.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["value"][0] = ["NOT:a:kind", [1]]
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert _found(nlp) == expected
