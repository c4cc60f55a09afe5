"""Engines: one worker, N worker processes and a Dask cluster write the same records."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.engines import (
    PARALLEL_BYTES,
    Failed,
    Written,
    cores,
    default_workers,
    run_batch,
    run_dask,
    run_local,
)
from claimcite.extractors.pipeline import ExtractOptions
from typer.testing import Result

from .conftest import REPO

CORPUS = REPO / "corpus"


def test_the_cli_starts_without_spacy_or_dask() -> None:
    code = (
        "import sys, claimcite.cli.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'dask', 'distributed', 'thinc'}))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([1_000, 2_000], 1),
        ([PARALLEL_BYTES // 2, PARALLEL_BYTES // 2], "cores"),
        ([PARALLEL_BYTES - 1], 1),
    ],
)
def test_default_workers_by_input_size(tmp_path: Path, sizes: list[int], expected: Any) -> None:
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(b"a" * size)
        paths.append(str(path))
    assert default_workers([*paths, "-", str(tmp_path / "missing.txt")]) == (
        cores() if expected == "cores" else expected
    )


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """The sample corpus with an unreadable file and a missing path among its inputs."""
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01 not text")
    return [str(CORPUS), str(binary), str(tmp_path / "missing.txt"), str(CORPUS / "river-treaty-oped.txt")]


def _outcomes(inputs: list[str], workers: int) -> list[Written | Failed]:
    options = ExtractOptions(include_all=True, batch_size=2)
    return list(run_local(inputs, options, workers))


@pytest.mark.slow
def test_two_workers_write_what_one_writes(inputs: list[str]) -> None:
    one = _outcomes(inputs, 1)
    two = _outcomes(inputs, 2)
    assert two == one
    articles = len([p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html")])
    expected = ["Written"] * articles + ["Failed", "Failed", "Written"]
    assert [type(o).__name__ for o in one] == expected
    failed = [o for o in one if isinstance(o, Failed)]
    assert [Path(f.path).name for f in failed] == ["scan.txt", "missing.txt"]
    assert all(o.lines.endswith("\n") and o.complete for o in one if isinstance(o, Written))


@pytest.mark.slow
def test_a_document_whose_analysis_fails_is_reported_not_fatal(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcite.extractors import pipeline

    real = pipeline.analyse

    def fragile(prepared: Any, *args: Any, **kwargs: Any) -> Any:
        if prepared.source.path.endswith("harbour-strike-news.txt"):
            raise KeyError("no such key")
        return real(prepared, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", fragile)
    paths = [str(CORPUS / name) for name in ("harbour-strike-news.txt", "river-treaty-oped.txt")]
    outcomes = run_batch(paths, ExtractOptions(), nlp)
    assert [type(o).__name__ for o in outcomes] == ["Failed", "Written"]
    assert isinstance(outcomes[0], Failed)
    assert outcomes[0].reason.startswith("analysis failed: KeyError: 'no such key' (test_engines.py:")


USAGE_ERRORS = [
    (["--engine", "dask"], "--engine dask: needs --output-dir DIR"),
    (["--engine", "dask", "--output-dir", "{tmp}", "-o", "{tmp}/x.jsonl"], "--output: not with --engine dask"),
    (["--engine", "dask", "--output-dir", "{tmp}", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], "--workers: not with --scheduler"),
    (["--output-dir", "{tmp}"], "--output-dir: only with --engine dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler: only with --engine dask"),
    (["--engine", "spark"], "Invalid value for '--engine'"),
    (["--workers", "0"], "Invalid value for '--workers'"),
]


@pytest.mark.parametrize(("flags", "message"), USAGE_ERRORS)
def test_engine_flags_that_do_not_go_together_exit_2(
    cli: Callable[..., Result], tmp_path: Path, flags: list[str], message: str
) -> None:
    result = cli("extract", str(CORPUS), *(f.replace("{tmp}", str(tmp_path)) for f in flags))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A real LocalCluster of two worker processes, one thread each."""
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_parts_hold_the_local_records(
    cli: Callable[..., Result], inputs: list[str], tmp_path: Path, dask_scheduler: str
) -> None:
    options = ExtractOptions(include_all=True, batch_size=2)
    out = tmp_path / "parts"
    done = run_dask(inputs, options, out, scheduler=dask_scheduler)
    local = run_local(inputs, options, workers=1)
    lines = "".join(o.lines for o in local if isinstance(o, Written))
    assert len(done.parts) >= 4  # one per batch of 2 inputs that holds an article
    assert [p.name for p in done.parts] == [f"part-{i:05d}.jsonl" for i in range(len(done.parts))]
    assert "".join(p.read_text(encoding="utf-8") for p in done.parts) == lines
    assert [Path(f.path).name for f in done.failures] == ["scan.txt", "missing.txt"]

    # through the CLI, into a folder that holds the parts of an earlier run
    (out / "part-00099.jsonl").write_text("left over from an earlier run\n")
    (out / "notes.txt").write_text("not ours\n")
    expected = cli("extract", *inputs, "--all")
    args = ["extract", *inputs, "--all", "--engine", "dask", "--output-dir", str(out)]
    result = cli(*args, "--scheduler", dask_scheduler)
    assert (result.exit_code, expected.exit_code) == (1, 1)
    assert result.stdout == ""
    assert result.stderr == expected.stderr
    assert result.stderr.count("claimcite: error: ") == 2
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "part-00000.jsonl"]
    assert (out / "part-00000.jsonl").read_text(encoding="utf-8") == expected.stdout


def test_an_unreachable_scheduler_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from claimcite.extractors import engines

    monkeypatch.setattr(engines, "SCHEDULER_TIMEOUT", "1s")
    out = tmp_path / "out"
    args = ["--engine", "dask", "--output-dir", str(out), "--scheduler", "tcp://127.0.0.1:9"]
    result = cli("extract", str(CORPUS), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("claimcite: error: --scheduler: cannot reach the Dask scheduler")
    assert result.stderr.count("\n") == 1
    assert list(out.iterdir()) == [], "no part files and no temporary folder are left"
