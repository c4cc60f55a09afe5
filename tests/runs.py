"""Helpers for tests that run `claimcite extract` as a real process and stop it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import REPO

CORPUS = REPO / "corpus"
ARTICLES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))


def copy_corpus(folder: Path, copies: int) -> list[Path]:
    """``corpus/``'s articles copied ``copies`` times as distinct files (each copy ends in
    a line of its own, so every file has its own bytes and SHA-256)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(copies):
        for article in ARTICLES:
            text = article.read_text(encoding="utf-8")
            mark = f"\n<!-- copy {n} -->\n" if article.suffix == ".html" else f"\nCopy {n}.\n"
            path = folder / f"{n:04d}-{article.name}"
            path.write_text(text + mark, encoding="utf-8")
            made.append(path)
    return made


def command(*args: str) -> list[str]:
    """``claimcite ARGS`` as this Python runs it."""
    return [sys.executable, "-m", "claimcite", *args]


def start(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    """Start ``claimcite ARGS`` in a process group of its own, as a shell runs a job."""
    return subprocess.Popen(
        command(*args),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll until ``condition`` holds; fail if the process ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the run ended first: {process.communicate()[1]!r}"
        assert time.monotonic() < deadline, "the run made no progress in time"
        time.sleep(0.1)


def interrupt(process: subprocess.Popen[bytes], signum: int = signal.SIGINT) -> tuple[int, str]:
    """Send ``signum`` to the run's whole process group (Ctrl-C does so), and return its
    exit code and standard error once it has stopped."""
    os.killpg(process.pid, signum)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode()


def lines_in(path: Path) -> int:
    """Complete lines in a file (0 when it does not exist)."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0
