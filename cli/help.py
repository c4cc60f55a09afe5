"""Shared help text: examples shown at the end of a command's ``--help``."""

from __future__ import annotations


def example(*lines: str) -> str:
    """A ``--help`` epilog showing example command lines (kept as written, not re-wrapped)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  $ {line}" for line in lines)
