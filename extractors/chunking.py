"""Cutting a long clean text into parts at block boundaries, with offsets still into the file.

spaCy's parser needs memory in proportion to the length of the text it reads at once
(about 3 KB per character of one document), and refuses texts over ``nlp.max_length``.
A long article is therefore cut into *parts*: each part starts where a block (paragraph,
heading, list item…) starts, so no sentence is cut in two. Only a single block longer than
the limit is cut inside, after the last sentence end (else the last space) before it.

A part is a :class:`CleanText` of its own whose offsets map to the original file, so the
extractors and the record offsets work on it unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .reading.cleanup import Block, CleanText
from .reading.offsets import OffsetMap

# Blocks that describe the whole document (what a citation points to) rather than a place
# in it: a part keeps these even when they stand in another part.
DOCUMENT_BLOCK_KINDS = frozenset({"footnote", "url", "trailer"})

# A sentence end where a long line may be cut: a full stop (not after an initial or a
# usual title) and closing quotes, then a space and what can start a sentence.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bvs)"
    r"[.!?…][\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9])"
)
_SPACE = re.compile(r"\s+")


def cut_points(clean: CleanText, limit: int) -> list[int]:
    """Clean-text offsets where parts start (the first is 0); no part is longer than limit."""
    if limit <= 0:
        raise ValueError("the part length limit must be positive")
    size = len(clean.text)
    starts = sorted(
        b.clean_start for b in clean.blocks if b.clean_start is not None and b.clean_start > 0
    )
    points = [0]
    while size - points[-1] > limit:
        begin = points[-1]
        hard = begin + limit
        i = bisect_right(starts, hard) - 1
        if i >= 0 and starts[i] > begin:
            points.append(starts[i])
        else:
            points.append(inside_block_cut(clean.text, begin, hard))
    return points


def inside_block_cut(text: str, begin: int, hard: int) -> int:
    """Where to cut ``text[begin:]`` at or before ``hard``: after a sentence end, else a space."""
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for last in pattern.finditer(text, begin, hard):  # noqa: B007  (the last one counts)
            pass
        if last is not None and begin < last.end() <= hard:
            return last.end()
    return hard


def part_of(clean: CleanText, start: int, end: int, whole_document: bool = True) -> CleanText:
    """The clean text [start, end) as a CleanText of its own, offsets still into the file.

    Blocks, footnote markers and links of the part are shifted to its offsets; a block that
    the cut runs through is cut too. With ``whole_document``, footnote definitions, URL
    lines and the trailer of the rest of the document are kept, without clean offsets, so
    that a marker in this part still finds its footnote and the source its URL.
    """
    if start == 0 and end >= len(clean.text):
        return clean
    blocks: list[Block] = []
    for block in clean.blocks:
        if block.clean_start is None or block.clean_end is None:
            if whole_document:
                blocks.append(block)
        elif block.clean_end <= start or block.clean_start >= end:
            if whole_document and block.kind in DOCUMENT_BLOCK_KINDS:
                blocks.append(replace(block, clean_start=None, clean_end=None))
        else:
            block_start, block_end = max(block.clean_start, start), min(block.clean_end, end)
            blocks.append(
                replace(
                    block,
                    text=clean.text[block_start:block_end],
                    clean_start=block_start - start,
                    clean_end=block_end - start,
                )
            )
    return CleanText(
        text=clean.text[start:end],
        offsets=sliced_offsets(clean.offsets, start, end),
        blocks=blocks,
        markers=[
            replace(m, clean_pos=m.clean_pos - start)
            for m in clean.markers
            if start <= m.clean_pos < end or (m.clean_pos == end == len(clean.text))
        ],
        links=[
            replace(link, clean_start=link.clean_start - start, clean_end=link.clean_end - start)
            for link in clean.links
            if start <= link.clean_start and link.clean_end <= end
        ],
        line_starts=clean.line_starts,
    )


def parts_of(clean: CleanText, limit: int, whole_document: bool = True) -> list[CleanText]:
    """The clean text cut into parts of at most ``limit`` characters (one part if it fits)."""
    points = cut_points(clean, limit)
    bounds = [*points[1:], len(clean.text)]
    return [part_of(clean, s, e, whole_document) for s, e in zip(points, bounds, strict=True)]


def sliced_offsets(whole: OffsetMap, start: int, end: int) -> OffsetMap:
    """The offset map of the part [start, end) of a clean text: part offset ``i`` maps where
    offset ``start + i`` of the whole does (for ``0 <= i <= end - start``).

    It keeps only the segments that the part touches, so that a section sent to another
    process carries its own share of the map, not the whole file's.
    """
    first = max(bisect_right(whole.clean_starts, start) - 1, 0)
    last = bisect_right(whole.clean_starts, end)  # the segment of offset ``end`` too
    part = OffsetMap(clean_length=whole.clean_length - start, orig_end=whole.orig_end)
    for j in range(first, last):
        clean_start, orig_start, fixed = (
            whole.clean_starts[j],
            whole.orig_starts[j],
            whole.fixed[j],
        )
        if clean_start < start:
            orig_start += 0 if fixed else start - clean_start
            clean_start = start
        part.clean_starts.append(clean_start - start)
        part.orig_starts.append(orig_start)
        part.fixed.append(fixed)
        part.ends.append(whole.ends[j])
    return part


def part_index(points: list[int], offset: int) -> int:
    """The part that a clean-text offset falls in."""
    return max(bisect_left(points, offset + 1) - 1, 0)
