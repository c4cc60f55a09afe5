"""Which encoding an input's bytes are in: byte-order marks, UTF-8, a declared charset, a
detector's confident guess — or a clear refusal.

The order (first that applies):

1. a byte-order mark: UTF-32 (``utf-32``), UTF-16 (``utf-16``), UTF-8 (``utf-8-sig``);
   the mark is not part of the text;
2. NUL bytes in the first 64 KiB and no mark: a binary file, refused;
3. valid UTF-8 (``utf-8``);
4. an HTML page's ``<meta charset>`` (given by the caller as ``declared``);
5. text that is mostly valid UTF-8 with a few bad bytes is broken UTF-8, refused;
6. otherwise charset-normalizer's best guess, used only when it is confident (little
   "mess" in the decoded text, and either the words read as a language or a multi-byte
   encoding decoded the bytes cleanly); the caller is told it was a guess, so that it can
   warn. Anything else is refused.

The name recorded is Python's codec name, so ``data.decode(encoding)`` gives back the very
text that record offsets index.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SNIFF_BYTES = 65536  # how far a NUL byte makes a file binary
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
MAX_CHAOS = 0.1  # charset-normalizer's "mess" ratio of the decoded text (0: clean)
MIN_COHERENCE = 0.2  # how well its words fit a language (0–1)
CLOSE_CHAOS = 0.02  # candidates at most this much messier than the best are as good
PREFERRED = "cp1252"  # Windows' Western code page, taken in a tie


class EncodingError(ValueError):
    """Bytes that cannot be decoded with confidence; the message says why."""

    def __init__(self, reason: str, code: str = "encoding") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # "binary" or "encoding"


@dataclass(frozen=True)
class Decoded:
    """Text, the codec it was decoded with, and whether a detector chose that codec."""

    text: str
    encoding: str
    guessed: bool = False


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode an input's bytes (see the module docstring for the order of the rules).

    ``declared`` is the character set the document itself declares (an HTML page's
    ``<meta charset>``), tried when the bytes are not UTF-8.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            label = _LABELS[name]
            why = f"not {label} text although it starts with a {label} byte-order mark"
            return Decoded(_strict(data, name, why), name)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise EncodingError("binary file (contains NUL bytes), not text", code="binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if declared is not None:
        why = f"not {declared} text as its <meta charset> says, nor UTF-8"
        charset = codec_name(declared)
        if charset is None:
            raise EncodingError(why)
        return Decoded(_strict(data, charset, why), charset)
    if _mostly_utf8(data):
        raise EncodingError(f"not UTF-8 text (invalid byte at offset {first_bad})")
    guess = detect(data)
    if guess is None:
        raise EncodingError(
            f"not UTF-8 text (invalid byte at offset {first_bad}), and its encoding "
            "cannot be told with confidence; convert it to UTF-8"
        )
    return Decoded(data.decode(guess), guess, guessed=True)


def detect(data: bytes) -> str | None:
    """charset-normalizer's encoding for ``data`` when it is confident, else None.

    Confident: the candidate taken reads cleanly (mess at most MAX_CHAOS) and as a
    language (coherence at least MIN_COHERENCE, or a multi-byte encoding that decoded
    every byte). The candidate taken is the detector's first among those nearly as clean
    as its best that is in common use today (a Windows or ISO code page, KOI8, a
    multi-byte encoding): on short texts it often ranks an old Mac or DOS code page first,
    while the file came from Windows. Where Windows-1252 scores the same as the candidate
    taken (a tie the detector breaks arbitrarily), Windows-1252 is taken: it is what
    non-UTF-8 Western text nearly always is. UTF-16 and UTF-32 are only taken with a
    byte-order mark, never guessed.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    candidates = []
    for match in from_bytes(data):
        name = codec_name(match.encoding)
        if name is not None and not name.startswith(("utf-16", "utf-32")):
            candidates.append((name, match, is_multi_byte_encoding(match.encoding)))
    if not candidates:
        return None
    best_chaos = candidates[0][1].chaos
    in_use = [
        c for c in candidates if c[1].chaos <= best_chaos + CLOSE_CHAOS and _in_use(c[0], c[2])
    ]
    name, match, multi_byte = in_use[0] if in_use else candidates[0]
    if match.chaos > MAX_CHAOS or (match.coherence < MIN_COHERENCE and not multi_byte):
        return None
    score = (match.chaos, match.coherence)
    ties = [m for _, m, _ in in_use if (m.chaos, m.coherence) == score]
    return PREFERRED if any(PREFERRED in m.could_be_from_charset for m in ties) else name


def _in_use(name: str, multi_byte: bool) -> bool:
    """Whether an encoding is still in common use for text (not a Mac, DOS or EBCDIC page)."""
    return multi_byte or name.startswith(("cp125", "iso8859", "koi8"))


def codec_name(label: str) -> str | None:
    """Python's name for an encoding label (``windows-1252`` → ``cp1252``), None if unknown."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes (mixed up encodings), not text in another encoding:
    its valid multi-byte UTF-8 sequences outnumber the non-ASCII bytes outside them."""
    valid = _UTF8_SEQUENCE.findall(data)
    if not valid:
        return False
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    in_valid = sum(len(s) for s in valid)
    return len(valid) >= non_ascii - in_valid


def _strict(data: bytes, name: str, why: str) -> str:
    """``data`` decoded with ``name``; EncodingError(why, where) when it does not decode."""
    try:
        return data.decode(name)
    except UnicodeDecodeError as err:
        raise EncodingError(f"{why} (invalid data at offset {err.start})") from None


_LABELS = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
