"""Messages for people: one line on stderr per problem, never a traceback."""

from __future__ import annotations

import sys


def report(path: str, reason: str) -> None:
    """Print ``claimcite: error: PATH: reason`` on stderr."""
    sys.stderr.write(f"claimcite: error: {path}: {reason}\n")
    sys.stderr.flush()


def warn(path: str, message: str) -> None:
    """Print ``claimcite: warning: PATH: message`` on stderr (the input was still read)."""
    sys.stderr.write(f"claimcite: warning: {path}: {message}\n")
    sys.stderr.flush()


def note(path: str, message: str) -> None:
    """Print ``claimcite: note: PATH: message`` on stderr (nothing failed)."""
    sys.stderr.write(f"claimcite: note: {path}: {message}\n")
    sys.stderr.flush()
