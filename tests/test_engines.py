"""Engines: one worker, N worker processes and a Dask cluster write the same records."""

from __future__ import annotations

import json
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
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.reading.sources import InputError
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
    articles = len([p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf")])
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

    real = pipeline._analysed

    def fragile(prepared: Any, *args: Any, **kwargs: Any) -> Any:
        if prepared.source.path.endswith("harbour-strike-news.txt"):
            raise KeyError("no such key")
        return real(prepared, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_analysed", fragile)
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
    latin = tmp_path / "wire-cp1252.txt"  # read with a guessed encoding: a warning
    article = (CORPUS / "harbour-strike-wire.txt").read_text(encoding="utf-8")
    latin.write_bytes(article.encode("cp1252"))
    inputs = [*inputs, str(latin)]
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
    assert f"claimcite: warning: {latin}: not UTF-8: read as cp1252" in result.stderr
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


# Work dealt out by size ------------------------------------------------------------------

BATCH_CASES = [
    # (sizes of the items, batch_chars, batch_size, expected batches as lists of sizes)
    ([10, 10, 10], 100, 16, [[10, 10, 10]]),
    ([10, 10, 10], 100, 2, [[10, 10], [10]]),  # at most batch_size items
    ([60, 50, 40, 10], 100, 16, [[60], [50, 40, 10]]),  # closes before the item that overflows
    ([500, 10, 500], 100, 16, [[500], [10], [500]]),  # a long item is a batch of its own
    ([0, 0, 0], 100, 2, [[0, 0], [0]]),  # failures weigh nothing
    ([], 100, 16, []),
]


@pytest.mark.parametrize(("sizes", "chars", "count", "expected"), BATCH_CASES)
def test_batches_close_at_a_character_budget(
    sizes: list[int], chars: int, count: int, expected: list[list[int]]
) -> None:
    from claimcite.extractors.options import batches

    options = ExtractOptions(batch_chars=chars, batch_size=count)
    assert list(batches(sizes, options, lambda size: size)) == expected


def _article_files(folder: Path, count: int, copies: int) -> list[str]:
    """``count`` files, each the sample op-ed repeated ``copies`` times (about 2.4 KB each)."""
    text = (CORPUS / "river-treaty-oped.txt").read_text(encoding="utf-8").split("\nOriginal url:")[0]
    paths = []
    for i in range(count):
        path = folder / f"{i:02d}.txt"
        path.write_text("\n\n".join([text.strip()] * copies) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_ten_long_files_are_more_than_one_batch(tmp_path: Path) -> None:
    from claimcite.extractors.engines import work_batches

    paths = _article_files(tmp_path, 10, 2)
    size = Path(paths[0]).stat().st_size
    by_size = list(work_batches(paths, ExtractOptions(batch_chars=3 * size)))
    assert [len(b) for b in by_size] == [3, 3, 3, 1]
    assert [w for b in by_size for w in b] == paths
    by_count = list(work_batches(paths, ExtractOptions(batch_chars=100 * size, batch_size=4)))
    assert [len(b) for b in by_count] == [4, 4, 2]


def test_a_long_documents_sections_go_to_different_batches(tmp_path: Path) -> None:
    from claimcite.extractors.engines import work_batches
    from claimcite.extractors.pipeline import Section

    short = _article_files(tmp_path, 1, 1)[0]
    (tmp_path / "long").mkdir()
    long = _article_files(tmp_path / "long", 1, 8)[0]
    options = ExtractOptions(section_chars=4_000, batch_chars=4_000)
    found = list(work_batches([short, long, short], options))
    assert [w for b in found for w in b if isinstance(w, str)] == [short, short]
    parts = [w for b in found for w in b if isinstance(w, Section)]
    assert len(parts) >= 4
    assert [sum(isinstance(w, Section) for w in b) for b in found[1:-1]] == [1] * (len(found) - 2)
    assert [p.number for p in parts] == list(range(len(parts)))
    assert all(p.count == len(parts) and len(p.prepared.clean.text) <= 4_000 for p in parts)
    assert all(p.prepared.original == "" for p in parts), "a section does not carry the file"
    assert sum(p.size for p in parts) == Path(long).stat().st_size
    joined = "".join(p.prepared.clean.text for p in parts)
    assert joined == clean(Path(long).read_text(encoding="utf-8")).text


def _shifted(line: str, shift: int) -> str:
    record = json.loads(line)
    record["span"]["sentence"] += shift
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_renumbered_changes_only_the_sentence_numbers(records: Callable[..., list[dict[str, Any]]]) -> None:
    from claimcite.extractors.engines import renumbered
    from claimcite.extractors.records import dumps

    lines = "".join(dumps(r) + "\n" for r in records(str(CORPUS / "river-treaty-oped.txt"), "--all"))
    assert renumbered(lines, 0) == lines
    moved = renumbered(lines, 40)
    assert moved.splitlines() == [_shifted(line, 40) for line in lines.splitlines()]
    assert renumbered(moved, -40) == lines


def test_numbering_runs_on_across_sections_and_stops_at_a_failure() -> None:
    from claimcite.extractors.engines import numbering

    outcomes: list[Written | Failed] = [
        Written("a", "", section=0, sentences=5),
        Written("long", "", complete=False, section=0, sentences=7),
        Written("long", "", complete=False, section=1, sentences=3),
        Written("long", "", complete=True, section=2, sentences=4),
        Written("b", "", section=0, sentences=2),
        Written("broken", "", complete=False, section=0, sentences=6),
        Failed("broken", "analysis failed: …"),
        Written("broken", "", complete=True, section=2, sentences=1),
        Written("c", "", sentences=9),
    ]
    shifts = [shift for _, shift in numbering(outcomes)]
    assert shifts == [0, 0, 7, 10, 0, 0, 0, None, 0]


@pytest.mark.slow
def test_sections_on_two_workers_write_what_one_writes(tmp_path: Path, dask_scheduler: str) -> None:
    """A long document's sections on different workers: the same bytes, in order, with
    sentence numbers running on, as one worker and the library (and Dask) write."""
    from claimcite.extractors.pipeline import extract_documents

    long = _article_files(tmp_path, 1, 5)[0]
    inputs = [str(CORPUS / "harbour-strike-news.txt"), long, str(CORPUS / "river-treaty-oped.txt")]
    options = ExtractOptions(include_all=True, section_chars=3_000, batch_chars=3_000, chunk_chars=2_000)
    one = list(run_local(inputs, options, 1))
    two = list(run_local(inputs, options, 2))
    assert two == one
    written = [o for o in one if isinstance(o, Written)]
    sections = [o for o in written if o.path == long]
    assert len(sections) >= 3 and [o.section for o in sections] == list(range(len(sections)))
    assert [o.complete for o in sections] == [False] * (len(sections) - 1) + [True]
    numbers = [json.loads(line)["span"]["sentence"] for o in sections for line in o.lines.splitlines()]
    assert numbers == list(range(len(numbers))), "--all: every sentence, numbered on"
    library = [
        r.as_dict() for result in extract_documents(inputs, options) if not isinstance(result, InputError)
        for r in result.claims
    ]
    assert [json.loads(line) for o in written for line in o.lines.splitlines()] == library
    done = run_dask(inputs, options, tmp_path / "parts", scheduler=dask_scheduler)
    assert len(done.parts) > 3 and not done.failures
    assert "".join(p.read_text(encoding="utf-8") for p in done.parts) == "".join(o.lines for o in written)


def test_the_progress_bar_counts_documents_bytes_words_and_sections(tmp_path: Path) -> None:
    import io

    from claimcite.cli.extract import _advance, _progress_task
    from rich.console import Console
    from rich.progress import Progress

    paths = _article_files(tmp_path, 3, 1)
    size = sum(Path(p).stat().st_size for p in paths)
    progress = Progress(console=Console(file=io.StringIO()))
    task = _progress_task(progress, [str(tmp_path)])
    assert progress.tasks[task].total == size
    assert progress.tasks[task].fields["done"] == "0/3 documents"
    _advance(progress, task, Written(paths[0], "", size=100, words=20))
    assert progress.tasks[task].fields["rate"] == "", "no rate before a second outcome"
    progress.start_task(task)
    _advance(progress, task, Failed(paths[1], "binary file"))
    _advance(progress, task, Written(paths[2], "", size=50, words=30))
    state = progress.tasks[task]
    assert (state.completed, state.fields["words"], state.fields["done"]) == (150, 50, "3/3 documents")
    assert state.fields["rate"].endswith(" words/s")

    single = _progress_task(progress, [paths[2]])
    _advance(progress, single, Written(paths[2], "", complete=False, section=0, sections=4, size=10))
    assert progress.tasks[single].fields["done"] == "section 1/4"


def test_no_progress_on_stderr_when_it_is_not_a_terminal(cli: Callable[..., Result]) -> None:
    result = cli("extract", str(CORPUS / "river-treaty-oped.txt"))
    assert result.exit_code == 0
    assert result.stderr == ""
