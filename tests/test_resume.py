"""--resume: a stopped run carries on where it stopped, and ends in the same bytes as one
uninterrupted run; inputs already done (zero records included) are not read again."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from claimcite.extractors.output import JOURNAL_SUFFIX, PARTIAL_SUFFIX, FileOutput, pending_inputs
from typer.testing import Result

from .runs import command, copy_corpus, interrupt, lines_in, start, wait_for

COPIES = 200
FACTS = "Dock workers at the Port of Valmara ended their 12-day strike on Friday.\n"
QUESTION = "Will the café on the quay reopen before the summer season begins?\n"


@pytest.mark.slow
def test_a_run_stopped_half_way_resumes_to_the_same_bytes(tmp_path: Path) -> None:
    """corpus/ copied 200 times as distinct files; Ctrl-C half-way through; --resume."""
    inputs = copy_corpus(tmp_path / "copies", COPIES)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    reference = command("extract", "copies", "-o", str(full), "--workers", "1")
    subprocess.run(reference, cwd=tmp_path, check=True)

    journal = tmp_path / f".out.jsonl{JOURNAL_SUFFIX}"
    run = start("extract", "copies", "-o", str(out), "--resume", "--workers", "2", cwd=tmp_path)
    wait_for(lambda: lines_in(journal) >= len(inputs) // 2, run, timeout=600)
    code, stderr = interrupt(run, signal.SIGINT)

    assert code == 130
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == (
        "claimcite: stopped by SIGINT; the records so far are kept in .out.jsonl.partial: "
        "run again with --resume to carry on"
    )
    assert not out.exists(), "nothing is put in place before the run ends"
    done = lines_in(journal)
    assert len(inputs) // 2 <= done < len(inputs)
    partial = tmp_path / f".out.jsonl{PARTIAL_SUFFIX}"
    assert full.read_bytes().startswith(partial.read_bytes()[: full.stat().st_size // 4])

    resumed = subprocess.run(
        command("extract", "copies", "-o", str(out), "--resume", "--workers", "1"),
        cwd=tmp_path,
        capture_output=True,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == full.read_bytes()
    assert not partial.exists() and not journal.exists()


def _run(cli: Callable[..., Result], *args: str) -> Result:
    return cli("extract", *args)


def test_resume_skips_inputs_done_even_with_no_records(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A cp1252 file is announced with a warning each time it is read: on resume, the done
    ones (one with records, one with none) are silent, the new one is read."""
    first, empty, new = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    closed = "The Café “Riviera” on the quay closed on Friday after the council’s inspection.\n"
    first.write_bytes((FACTS + closed).encode("cp1252"))
    empty.write_bytes((QUESTION * 3).encode("cp1252"))
    new.write_bytes((FACTS.replace("Friday", "Monday") + closed).encode("cp1252"))
    full = tmp_path / "full.jsonl"
    reference = _run(cli, str(tmp_path), "-o", str(full))
    assert reference.exit_code == 0, reference.stderr
    assert reference.stderr.count("claimcite: warning:") == 3

    # the state a run stopped after b.txt leaves behind
    out = tmp_path / "out.jsonl"
    with FileOutput(out, resume=True) as stopped:
        first_lines = _run(cli, str(first)).stdout
        assert first_lines
        from claimcite.extractors.engines import Written
        from claimcite.extractors.output import file_sha256

        for path, lines in ((first, first_lines), (empty, "")):
            stopped.write(Written(str(path), lines, True, file_sha256(str(path))))
    assert lines_in(tmp_path / f".out.jsonl{JOURNAL_SUFFIX}") == 2

    resumed = _run(cli, str(tmp_path), "-o", str(out), "--resume")
    assert resumed.exit_code == 0
    assert resumed.stderr.splitlines() == [
        f"claimcite: warning: {new}: not UTF-8: read as cp1252, the encoding detected in it",
        # the first run's output in the folder is no article (this run's own is not counted)
        f"claimcite: note: {tmp_path}: 1 file not read (not articles by their names): .jsonl 1",
    ]
    assert out.read_bytes() == full.read_bytes()


def test_resume_from_a_finished_file_adds_new_and_changed_inputs(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(FACTS)
    out = tmp_path / "out.jsonl"
    assert _run(cli, str(articles), "-o", str(out)).exit_code == 0
    before = out.read_text()
    (articles / "b.txt").write_text(FACTS.replace("Friday", "Monday"))
    result = _run(cli, str(articles), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert out.read_text().startswith(before)
    assert [Path(r["source"]["path"]).name for r in rows] == ["a.txt", "b.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"], "no leftovers"


def test_an_input_changed_since_is_read_again_in_its_place_without_its_old_records(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    for name, day in (("a.txt", "Friday"), ("b.txt", "Monday"), ("c.txt", "Sunday")):
        (articles / name).write_text(FACTS.replace("Friday", day))
    out = tmp_path / "out.jsonl"
    assert _run(cli, str(articles), "-o", str(out)).exit_code == 0
    (articles / "b.txt").write_text(FACTS.replace("Friday", "Tuesday"))
    fresh = _run(cli, str(articles))  # one uninterrupted run on the inputs as they are now
    result = _run(cli, str(articles), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_text() == fresh.stdout
    texts = [json.loads(line)["text"] for line in out.read_text().splitlines()]
    assert [t.split()[-1] for t in texts] == ["Friday.", "Tuesday.", "Sunday."]


def test_failed_inputs_are_tried_again_on_resume(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(FACTS)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x00scan")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    first = _run(cli, str(tmp_path / "a.txt"), str(scan), "-o", str(out), "--resume")
    assert first.exit_code == 1 and out.exists()
    again = _run(
        cli, str(tmp_path / "a.txt"), str(scan), "-o", str(out), "--resume", "--errors", str(errors)
    )
    assert again.exit_code == 1
    assert again.stderr == f"claimcite: error: {scan}: binary file (contains NUL bytes), not text\n"
    assert [json.loads(line)["path"] for line in errors.read_text().splitlines()] == [str(scan)]


def test_pending_inputs_counts_repeated_and_changed_files(tmp_path: Path) -> None:
    from collections import Counter

    from claimcite.extractors.output import file_sha256

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one")
    b.write_text("two")
    done = Counter({(str(a), file_sha256(str(a)) or ""): 1, (str(b), "0" * 64): 1})
    missing = str(tmp_path / "gone.txt")
    assert pending_inputs([str(a), str(a), str(b), missing], done) == [str(a), str(b), missing]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--resume: needs -o FILE"),
        (["--force"], "--force: only with -o FILE"),
        (["-o", "OUT", "--resume", "--force"], "--force: not with --resume"),
        (
            ["-", "-o", "OUT", "--resume"],
            "--resume: cannot tell whether standard input (-) was read",
        ),
    ],
)
def test_resume_flags_that_do_not_go_together(
    cli: Callable[..., Result], tmp_path: Path, args: list[str], message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FACTS)
    out = str(tmp_path / "out.jsonl")
    result = _run(cli, str(article), *(out if a == "OUT" else a for a in args))
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


def test_a_resumed_run_hashes_each_finished_input_once(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking the journal, skipping the finished inputs and counting the progress bar's
    pending inputs share one read of each finished input; the bar counts only the new one."""
    import io
    from collections import Counter

    from claimcite.cli import extract
    from claimcite.extractors import output
    from rich.console import Console
    from rich.progress import Progress

    articles = tmp_path / "in"
    articles.mkdir()
    days = ("Friday", "Monday", "Sunday")
    for name, day in zip(("a.txt", "b.txt", "c.txt"), days, strict=True):
        (articles / name).write_text(FACTS.replace("Friday", day))
    out = tmp_path / "out.jsonl"
    assert _run(cli, str(articles), "-o", str(out)).exit_code == 0
    (articles / "d.txt").write_text(FACTS.replace("Friday", "Tuesday"))
    fresh = _run(cli, str(articles)).stdout

    hashed: Counter[str] = Counter()
    real_sha256 = output.file_sha256

    def counting_sha256(path: str) -> str | None:
        hashed[Path(path).name] += 1
        return real_sha256(path)

    bars: list[Progress] = []

    def quiet_bar() -> Progress:  # the bar a terminal gets, drawn into a string
        bars.append(Progress(console=Console(file=io.StringIO())))
        return bars[-1]

    monkeypatch.setattr(output, "file_sha256", counting_sha256)
    monkeypatch.setattr(extract, "_progress", quiet_bar)
    result = _run(cli, str(articles), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_text() == fresh
    assert hashed == Counter({"a.txt": 1, "b.txt": 1, "c.txt": 1})
    assert [task.fields["count"] for task in bars[0].tasks] == [1]
