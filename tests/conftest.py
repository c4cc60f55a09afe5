"""Shared fixtures: the spaCy model, the real articles in ../shared, and a CLI runner."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from claimcite.cli.app import app
from claimcite.extractors.disk_cache import CACHE_ENV
from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
OPED = SHARED_CORPUS / "000_827641d0e2bcc47e.txt"
PAPER = SHARED_CORPUS / "004_87e153385a23dca9.txt"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' disk cache is a folder of their own, not the user's ``~/.cache``."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default spaCy pipeline with claimcite's components (loaded once)."""
    from claimcite.extractors.nlp import load_model

    return load_model()


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the real articles live in ../shared/corpus beside the repo")
    return path


@pytest.fixture
def oped() -> Path:
    """The real PDF-to-text op-ed (Moscow Times), skipped when ../shared is absent."""
    return _need(OPED)


@pytest.fixture
def paper() -> Path:
    """The real Markdown paper, skipped when ../shared is absent."""
    return _need(PAPER)


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the real CLI; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def records(cli: Callable[..., Result]) -> Callable[..., list[dict[str, Any]]]:
    """The records the CLI writes for the given arguments (it must exit 0)."""

    def run(*args: str, input: str | None = None) -> list[dict[str, Any]]:
        result = cli("extract", *args, input=input)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    return run


def by_text(rows: Sequence[dict[str, Any]], fragment: str) -> dict[str, Any]:
    """The one record whose text contains ``fragment``."""
    found = [r for r in rows if fragment in r["text"]]
    assert len(found) == 1, f"{len(found)} records contain {fragment!r}"
    return found[0]
