"""Commands that read records: files or stdin, bad lines named and skipped, exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from .desk_records import HOSTILE, jsonl_of

COMMANDS = [("summary", "--json"), ("export", "--to", "csv"), ("report",)]


def _claims_in(command: tuple[str, ...], stdout: str) -> int:
    """How many claims a command's output holds."""
    if command[0] == "summary":
        return int(json.loads(stdout)["total"]["claims"])
    if command[0] == "export":
        return len(stdout.splitlines()) - 1 - stdout.count("\n line")  # header, a wrapped cell
    return stdout.count('<li class="claim')


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_lines_are_named_skipped_and_exit_1(cli: Callable[..., Result], command: tuple[str, ...]) -> None:
    good = jsonl_of(HOSTILE)
    text = good + "{not json\n\n" + json.dumps({"id": "c-1", "text": "x"}) + "\n" + good
    result = cli(*command, "-", input=text)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "claimcite: error: LINE 2: not JSON (Expecting property name enclosed in double quotes)",
        "claimcite: error: LINE 4: missing field 'source'",
    ]
    assert _claims_in(command, result.stdout) == 2  # both good records, around the bad ones


@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_file_is_read_and_named_in_errors(
    cli: Callable[..., Result], command: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(jsonl_of(HOSTILE) + "[1]\n", encoding="utf-8")
    result = cli(*command, str(path))
    assert result.exit_code == 1
    assert result.stderr == f"claimcite: error: {path}: LINE 2: not a JSON object\n"
    assert "Ada Lovelace said" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_stdin_is_the_default_and_good_input_exits_0(cli: Callable[..., Result], command: tuple[str, ...]) -> None:
    result = cli(*command, input=jsonl_of(HOSTILE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "Ada Lovelace said" in result.stdout


def test_a_missing_file_is_reported_and_the_others_are_read(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(jsonl_of(HOSTILE), encoding="utf-8")
    result = cli("summary", "--json", str(tmp_path / "absent.jsonl"), str(path))
    assert result.exit_code == 1
    assert result.stderr == f"claimcite: error: {tmp_path / 'absent.jsonl'}: no such file\n"
    assert json.loads(result.stdout)["total"]["claims"] == 1
    nothing = cli("report", str(tmp_path))
    assert (nothing.exit_code, nothing.stdout) == (1, "")
    assert nothing.stderr == f"claimcite: error: {tmp_path}: is a directory, not a file of records\n"


def test_stdin_cannot_be_named_twice(cli: Callable[..., Result]) -> None:
    result = cli("summary", "-", "-", input="")
    assert result.exit_code == 2
    assert result.stderr == "claimcite: error: -: standard input can be read only once\n"


@pytest.mark.parametrize("command", ["extract", "schema", "text", "report", "summary", "export"])
def test_every_command_help_shows_an_example(cli: Callable[..., Result], command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"$ claimcite {command}" in result.stdout or f"| claimcite {command}" in result.stdout


def test_shell_completion_completes_commands_and_choices() -> None:
    script = Path(sys.executable).parent / "claimcite"
    if not script.exists():
        pytest.skip("the claimcite console script is not installed beside this Python")

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_CLAIMCITE_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        done = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
        return done.stdout.split()

    assert complete("claimcite ex") == ["export", "extract"]
    assert complete("claimcite export --to ") == ["claimreview", "csv"]
