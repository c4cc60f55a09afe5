"""claimcite: checkable claims, their actors, dates, attributions and citations, as JSON Lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .extractors.pipeline import ExtractOptions, extract

__all__ = ["ExtractOptions", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    """Import the NLP pipeline only when it is used, so that `--help` stays fast."""
    if name in ("extract", "ExtractOptions"):
        from .extractors import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
