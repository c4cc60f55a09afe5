"""-o FILE is written atomically and never replaced without --force; --errors FILE lists the
failed inputs; SIGINT/SIGTERM stop a run cleanly (workers stopped, no traceback, no partial
line, exit 130/143)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from claimcite.extractors.schema import CLAIM_SCHEMA
from typer.testing import Result

from .runs import ARTICLES, command, copy_corpus, interrupt, start, wait_for

RECORD = jsonschema.Draft202012Validator(CLAIM_SCHEMA)  # built once: validate() rebuilds it

FACTS = "Dock workers at the Port of Valmara ended their 12-day strike on Friday.\n"


def test_an_existing_output_is_replaced_only_with_force(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FACTS)
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    refused = cli("extract", str(article), "-o", str(out))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"claimcite: error: {out}: already exists; use --force to replace it, or --resume to carry on\n"
    )
    assert out.read_text() == "precious\n"
    forced = cli("extract", str(article), "-o", str(out), "--force")
    assert forced.exit_code == 0 and forced.stdout == ""
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["source"]["path"] for r in rows] == [str(article)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"], "no temporary file left"


def test_the_output_is_put_in_place_also_when_inputs_fail(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FACTS)
    out = tmp_path / "out.jsonl"
    result = cli("extract", str(article), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 1
    assert [json.loads(line)["source"]["path"] for line in out.read_text().splitlines()] == [str(article)]


def test_an_output_that_cannot_be_written_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FACTS)
    out = tmp_path / "no-such-folder" / "out.jsonl"
    result = cli("extract", str(article), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"claimcite: error: {out}: cannot write output (No such file or directory)\n"


def test_errors_file_lists_failed_inputs_in_input_order(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(FACTS)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"%PNG\x00\x01")
    latin = tmp_path / "short.txt"
    latin.write_bytes("café".encode("cp1252"))
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.md"
    errors = tmp_path / "errors.jsonl"
    inputs = [missing, scan, good, empty, latin]
    result = cli("extract", *map(str, inputs), "--errors", str(errors))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(e["path"], e["code"]) for e in lines] == [
        (str(missing), "missing"),
        (str(scan), "binary"),
        (str(empty), "empty-directory"),
        (str(latin), "encoding"),
    ]
    assert [list(e) for e in lines] == [["path", "reason", "code"]] * 4
    # the same failures, in the same order, as the lines on standard error
    assert [f"claimcite: error: {e['path']}: {e['reason']}" for e in lines] == result.stderr.splitlines()
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == [str(good)]


def test_errors_file_is_empty_when_nothing_failed(cli: Callable[..., Result], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FACTS)
    errors = tmp_path / "errors.jsonl"
    assert cli("extract", str(article), "--errors", str(errors)).exit_code == 0
    assert errors.read_text() == ""


def _gone(group: int) -> bool:
    """Whether no process is left in a process group (the workers were stopped)."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
def test_ctrl_c_stops_the_workers_and_removes_the_temporary_file(tmp_path: Path) -> None:
    copy_corpus(tmp_path / "copies", 10)
    out = tmp_path / "out.jsonl"
    run = start("extract", "copies", "-o", str(out), "--workers", "2", cwd=tmp_path)

    def writing() -> bool:
        return any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.*.tmp"))

    wait_for(writing, run, timeout=300)
    code, stderr = interrupt(run, signal.SIGINT)
    assert code == 130
    assert stderr == "claimcite: stopped by SIGINT\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copies"], "no output, no temporary file"
    deadline = time.monotonic() + 5
    while not _gone(run.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(run.pid), "a worker process outlived the run"


@pytest.mark.slow
def test_sigterm_leaves_standard_output_with_whole_records(tmp_path: Path) -> None:
    copy_corpus(tmp_path / "copies", 6)
    stdout = tmp_path / "stdout.jsonl"
    with stdout.open("wb") as sink:
        run = subprocess.Popen(
            command("extract", "copies", "--workers", "1"),
            cwd=tmp_path,
            stdout=sink,
            stderr=subprocess.PIPE,
        )
        wait_for(lambda: stdout.stat().st_size > 0, run, timeout=300)
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=120)
    assert run.returncode == 143
    assert stderr.decode() == "claimcite: stopped by SIGTERM\n"
    data = stdout.read_text(encoding="utf-8")
    assert data.endswith("\n")
    rows = [json.loads(line) for line in data.splitlines()]
    for row in rows:
        RECORD.validate(row)
    assert 0 < len({r["source"]["path"] for r in rows}) < 6 * len(ARTICLES), "stopped half-way"
