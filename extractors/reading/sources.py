"""Inputs and their provenance: reading files, front matter, manifests, URLs and dates."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..records import PublishedFrom, Source, UrlFrom
from .cleanup import Block
from .compression import DamagedGzipError, gunzip, inner_name, is_gzip
from .encodings import EncodingError, decode_bytes
from .html_input import HTML_SUFFIXES, HtmlMeta, page_date
from .pdf_input import PDF_SUFFIXES, Pages, PdfMeta, PdfReadError, is_pdf, read_pdf

TEXT_SUFFIXES = (".txt", ".md", ".markdown", *HTML_SUFFIXES, *PDF_SUFFIXES)
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_KEYS = ("url", "source", "link", "canonical_url", "permalink")
_DATE_KEYS = ("date", "published", "pubdate", "publication_date", "published_at")


class InputError(Exception):
    """An input that cannot be read; the message names the reason, not the path.

    ``code`` sorts the reason for programs (``--errors FILE``): ``missing``,
    ``is-directory``, ``permission-denied``, ``unreadable``, ``empty-directory``,
    ``binary``, ``encoding``, ``analysis-failed``; for PDFs ``encrypted``, ``no-text``,
    ``damaged`` (also a gzip file that cannot be decompressed).
    """

    def __init__(self, path: str, reason: str, code: str = "unreadable") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        return (InputError, (self.path, self.reason, self.code))  # picklable for workers


@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest says about one article."""

    url: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass
class Manifest:
    """Manifest entries keyed by the resolved path of the article they describe."""

    entries: dict[Path, ManifestEntry] = field(default_factory=dict)

    def lookup(self, path: str) -> ManifestEntry | None:
        """The entry of an input path, matched on its resolved path."""
        if path == "-":
            return None
        return self.entries.get(Path(path).resolve())

    def merged(self, other: Manifest) -> Manifest:
        """This manifest with ``other``'s entries added where this one has none."""
        return Manifest({**other.entries, **self.entries})


@dataclass(frozen=True)
class RawDocument:
    """An input's bytes decoded (a PDF's: its text laid out), with its name as the user
    gave it."""

    path: str
    text: str
    sha256: str
    encoding: str | None = None  # the codec the bytes were decoded with (``utf-8``, ``cp1252``…)
    warnings: tuple[str, ...] = ()  # for the user, e.g. that the encoding was a guess
    pages: Pages | None = None  # a PDF's: the page of every offset of ``text``
    pdf_meta: PdfMeta | None = None  # a PDF's document information


def iter_inputs(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Expand the user's paths: files as named, directories recursively and sorted, ``-``."""
    for name in paths:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and is_article_name(p.name))
            if not found:
                reason = "no .txt, .md, .markdown, .html or .pdf files in this directory"
                yield InputError(name, reason, "empty-directory")
            yield from (str(p) for p in found)
        elif path.exists():
            yield name
        else:
            yield InputError(name, "no such file or directory", "missing")


def is_article_name(name: str) -> bool:
    """Whether a file in a directory is read, by its name: an article's suffix, also
    under gzip (``page.html.gz``)."""
    return inner_name(name).lower().endswith(TEXT_SUFFIXES)


@dataclass(frozen=True)
class Skipped:
    """The files of a directory given as input that are not read (not articles by their
    names), counted by suffix (``""`` for none); hidden files are not counted."""

    directory: str
    by_suffix: dict[str, int]

    @property
    def count(self) -> int:
        return sum(self.by_suffix.values())

    def describe(self) -> str:
        """``3 files not read (not articles by their names): .docx 2, .json 1``."""
        kinds = ", ".join(f"{suffix or '(no suffix)'} {n}" for suffix, n in self.by_suffix.items())
        files = "file" if self.count == 1 else "files"
        return f"{self.count} {files} not read (not articles by their names): {kinds}"


def skipped_files(paths: Iterable[str], own: Iterable[Path] = ()) -> list[Skipped]:
    """For each directory among the paths, the files in it that are not read: neither
    articles by their names, nor manifests, nor hidden, nor the run's ``own`` files (its
    output)."""
    ours = {p.resolve() for p in own}
    found = []
    for name in paths:
        path = Path(name)
        if name == "-" or not path.is_dir():
            continue
        counts: dict[str, int] = {}
        for file in path.rglob("*"):
            if file.name.startswith(".") or file.name in MANIFEST_NAMES:
                continue
            if not file.is_file() or is_article_name(file.name) or file.resolve() in ours:
                continue
            suffix = file.suffix.lower()
            counts[suffix] = counts.get(suffix, 0) + 1
        if counts:
            ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
            found.append(Skipped(name, ordered))
    return found


def decode(path: str, data: bytes, sha256: str | None = None) -> RawDocument:
    """Decode an input's bytes (see :mod:`.encodings`: byte-order marks, UTF-8, an HTML
    page's declared charset, a confident detector), refusing binary files and text whose
    encoding cannot be told. A guessed encoding comes with a warning for the user. The
    checksum is that of the bytes, or ``sha256`` (that of the gzip file that held them)."""
    try:
        decoded = decode_bytes(data, declared_charset(data))
    except EncodingError as err:
        raise InputError(path, err.reason, err.code) from None
    warnings: tuple[str, ...] = ()
    if decoded.guessed:
        warnings = (f"not UTF-8: read as {decoded.encoding}, the encoding detected in it",)
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    return RawDocument(path, decoded.text, sha256, decoded.encoding, warnings)


_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a ``<meta>`` near its top (``<meta
    charset="windows-1252">`` or ``content="text/html; charset=…"``), if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_input(path: str) -> RawDocument:
    """Read and decode one input (``-`` is standard input)."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory", "missing") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", "is-directory") from None
    except PermissionError:
        raise InputError(path, "permission denied", "permission-denied") from None
    except OSError as err:
        raise InputError(path, err.strerror or "cannot be read") from None
    sha256 = hashlib.sha256(data).hexdigest()  # of the file's own bytes, gzip or not
    name = path
    if is_gzip(data):  # read what is inside
        try:
            data = gunzip(data)
        except DamagedGzipError as err:
            raise InputError(path, f"damaged gzip file: {err}", "damaged") from None
        name = inner_name(path)
    if is_pdf(name, data):
        return read_pdf_document(path, data, sha256)
    return decode(path, data, sha256)


def read_pdf_document(path: str, data: bytes, sha256: str | None = None) -> RawDocument:
    """A PDF's text as claimcite lays it out, with its pages; the checksum is the PDF's
    (or ``sha256``, that of the file that held it)."""
    try:
        pdf = read_pdf(data)
    except PdfReadError as err:
        raise InputError(path, str(err), err.code) from None
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    return RawDocument(path, pdf.text, sha256, pages=pdf.pages, pdf_meta=pdf.meta)


def original_text(path: str) -> str:
    """The text that the offsets of an input's records index: the decoded file (an HTML
    page as it stands, tags and all), or the text claimcite reads out of a PDF."""
    return read_input(path).text


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """YAML front matter as a dict, and the offset where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        meta = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        return {}, 0
    if not isinstance(meta, dict):
        return {}, 0
    return {str(k).lower(): v for k, v in meta.items()}, match.end()


def iso_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date, datetime or date-like string, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import: only for dates not written in ISO form

    parsed = dateparser.parse(
        text,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed else None


def published_from_url(url: str | None) -> str | None:
    """The date in a URL path like ``/2023/09/21/``."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((meta[k] for k in keys if meta.get(k)), None)


def describe_source(
    document: RawDocument,
    meta: dict[str, Any],
    blocks: list[Block],
    entry: ManifestEntry | None,
    published_default: str | None = None,
    page: HtmlMeta | None = None,
) -> Source:
    """The record's ``source``: a manifest wins over front matter or an HTML page's head
    (``page``) or a PDF's document information, which win over the text."""
    pdf = document.pdf_meta
    url: str | None = None
    url_from: UrlFrom | None = None
    trailer = next((b.text for b in blocks if b.kind == "trailer" and b.text), None)
    front_url = _first(meta, _URL_KEYS)
    if entry and entry.url:
        url, url_from = entry.url, "manifest"
    elif isinstance(front_url, str) and front_url.strip():
        url, url_from = front_url.strip(), "front-matter"
    elif page and page.url:
        url, url_from = page.url, "html"
    elif pdf and pdf.url:
        url, url_from = pdf.url, "pdf"
    elif trailer:
        url, url_from = trailer, "trailer"

    published: str | None = None
    published_from: PublishedFrom | None = None
    if entry and entry.published:
        published, published_from = entry.published, "manifest"
    elif meta_date := iso_date(_first(meta, _DATE_KEYS) or (page and page.published)):
        published, published_from = meta_date, "metadata"
    elif pdf and pdf.published:
        published, published_from = pdf.published, "pdf"
    elif published_default:
        published, published_from = published_default, "--published"
    elif url_date := published_from_url(url):
        published, published_from = url_date, "url"
    elif page is not None and (found := page_date(document.text)):
        published, published_from = found, "metadata"  # what the page shows (htmldate)

    title = (
        (entry.title if entry else None)
        or meta.get("title")
        or (page and page.title)
        or (pdf and pdf.title)
    )
    return Source(
        path=document.path,
        sha256=document.sha256,
        url=url,
        url_from=url_from,
        title=str(title) if title else None,
        published=published,
        published_from=published_from,
        encoding=document.encoding,
    )


def load_manifest(path: str) -> Manifest:
    """Read a CSV or JSON Lines manifest (``path,url,published,title``)."""
    manifest_path = Path(path)
    try:
        text = manifest_path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(path, f"cannot read manifest ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise InputError(path, "manifest is not UTF-8 text") from None
    rows: list[dict[str, Any]] = []
    if manifest_path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(path, f"line {number} is not JSON ({err.msg})") from None
            if not isinstance(row, dict):
                raise InputError(path, f"line {number} is not a JSON object")
            rows.append(row)
    else:
        rows = list(csv.DictReader(text.splitlines()))
    base = manifest_path.resolve().parent
    entries: dict[Path, ManifestEntry] = {}
    for number, row in enumerate(rows, 1):
        article = row.get("path")
        if not article:
            raise InputError(path, f"entry {number} has no path")
        published = row.get("published") or None
        iso = iso_date(published) if published else None
        if published and not iso:
            raise InputError(path, f"entry {number}: published {published!r} is not a date")
        entries[(base / str(article)).resolve()] = ManifestEntry(
            url=row.get("url") or None, published=iso, title=row.get("title") or None
        )
    return Manifest(entries)


def manifests_in(paths: Iterable[str]) -> list[str]:
    """Manifest files standing at the top of the input directories."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            found.extend(str(path / m) for m in MANIFEST_NAMES if (path / m).is_file())
    return found
