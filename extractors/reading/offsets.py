"""A map from offsets in cleaned text back to offsets in the original file."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Piecewise map from clean-text offsets to original offsets.

    Each segment starts at ``clean_starts[j]``; a copied segment maps character by
    character from ``orig_starts[j]``, an inserted one (``fixed[j]``: a space that
    replaces a line break, a paragraph separator) maps every character to
    ``orig_starts[j]``.
    """

    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    fixed: list[bool] = field(default_factory=list)
    # where what an inserted segment stands for ends in the original (an entity reference
    # ``&#233;`` stands for ``é``: a span that ends with it ends after the ``;``)
    ends: list[int] = field(default_factory=list)
    clean_length: int = 0
    orig_end: int = 0

    def copy(self, orig_start: int, orig_end: int) -> None:
        """Record that original[orig_start:orig_end] is appended verbatim."""
        length = orig_end - orig_start
        if length <= 0:
            return
        if (
            self.fixed
            and not self.fixed[-1]
            and self.orig_starts[-1] + (self.clean_length - self.clean_starts[-1]) == orig_start
        ):
            self.clean_length += length  # extends the previous copied segment
        else:
            self._push(orig_start, False)
            self.clean_length += length
        self.orig_end = max(self.orig_end, orig_end)

    def insert(self, length: int, orig_pos: int, orig_end: int | None = None) -> None:
        """Record that ``length`` characters not in the original are appended at orig_pos
        (standing for ``original[orig_pos:orig_end]``, by default one character)."""
        if length <= 0:
            return
        self._push(orig_pos, True, orig_pos + 1 if orig_end is None else orig_end)
        self.clean_length += length
        self.orig_end = max(self.orig_end, orig_pos)

    def drop_last(self, length: int) -> None:
        """Forget the last ``length`` appended characters (they must be one copied run)."""
        self.clean_length -= length
        while self.clean_starts and self.clean_starts[-1] >= self.clean_length:
            self.clean_starts.pop()
            self.orig_starts.pop()
            self.fixed.pop()
            self.ends.pop()

    def _push(self, orig_start: int, fixed: bool, end: int | None = None) -> None:
        self.clean_starts.append(self.clean_length)
        self.orig_starts.append(orig_start)
        self.fixed.append(fixed)
        self.ends.append(orig_start + 1 if end is None else end)

    def to_original(self, i: int) -> int:
        """The original offset of clean offset ``i`` (``i == len(clean)`` maps past the end)."""
        if not self.clean_starts:
            return 0
        if i >= self.clean_length:
            return self.to_original(self.clean_length - 1) + 1 if self.clean_length else 0
        j = bisect_right(self.clean_starts, i) - 1
        j = max(j, 0)
        if self.fixed[j]:
            return self.orig_starts[j]
        return self.orig_starts[j] + (i - self.clean_starts[j])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the clean span [start, end)."""
        if end <= start:
            pos = self.to_original(start)
            return pos, pos
        return self.to_original(start), self._end_of(end - 1)

    def _end_of(self, i: int) -> int:
        """The original offset just after what clean character ``i`` stands for."""
        if not self.clean_starts or i >= self.clean_length:
            return self.to_original(i) + 1
        j = max(bisect_right(self.clean_starts, i) - 1, 0)
        if self.fixed[j]:
            return max(self.ends[j], self.orig_starts[j] + 1)
        return self.orig_starts[j] + (i - self.clean_starts[j]) + 1
