"""The README is the manual: every command, flag, field and exit code in it, and its recipes run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import typer.main
from claimcite.cli.app import app
from claimcite.extractors.schema import CLAIM_SCHEMA

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _options() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for command in group.commands.values():  # type: ignore[attr-defined]
        names.append(command.name)
        for param in command.params:
            names.extend(o for o in param.opts if o.startswith("-"))
    return names


@pytest.mark.parametrize("name", _options())
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"`{name}" in README or f" {name}" in README


def _fields() -> list[str]:
    properties = CLAIM_SCHEMA["properties"]
    names = list(properties)
    for parent in ("source", "span"):
        names.extend(f"{parent}.{child}" for child in properties[parent]["properties"])
    return names


@pytest.mark.parametrize("field", _fields())
def test_every_record_field_is_documented(field: str) -> None:
    assert f"`{field}`" in README or f"`{field}," in README


@pytest.mark.parametrize("code", ["0", "1", "2"])
def test_exit_codes_are_documented(code: str) -> None:
    assert re.search(rf"^\| {code} \|", README, re.MULTILINE)


def _recipes() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.startswith("claimcite ")]


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize("recipe", _recipes())
def test_recipes_run(recipe: str) -> None:
    command = recipe.replace("claimcite ", f"{sys.executable} -m claimcite ", 1)
    command = command.replace("| claimcite ", f"| {sys.executable} -m claimcite ")
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"no output from: {recipe}"
