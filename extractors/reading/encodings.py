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

    UTF-16 and UTF-32 are only taken with a byte-order mark, never from a guess.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    for match in from_bytes(data):
        name = codec_name(match.encoding)
        if name is None or name.startswith(("utf-16", "utf-32")):
            continue
        if match.chaos > MAX_CHAOS:
            return None
        if match.coherence < MIN_COHERENCE and not is_multi_byte_encoding(match.encoding):
            return None
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return _PREFERRED if _same_as_preferred(data, name, text) else name
    return None


_PREFERRED = "cp1252"  # Windows' Western code page: the likeliest of those that agree


def _same_as_preferred(data: bytes, name: str, text: str) -> bool:
    """Whether cp1252 reads the bytes as the same text as the detector's single-byte pick
    (for Western text cp1250 and cp1252 often agree; cp1252 is the one users know)."""
    if name == _PREFERRED:
        return False
    try:
        return data.decode(_PREFERRED) == text
    except UnicodeDecodeError:
        return False


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
