"""The library API: from article files to claim records.

>>> from claimcite import extract, ExtractOptions
>>> for item in extract(["corpus/"], ExtractOptions(include_all=True)):
...     print(item)   # a Claim, or an InputError for an input that could not be read
"""

from __future__ import annotations

import datetime as dt
import traceback
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .actors import FoundActor, find_actors, strip_possessive
from .attribution import credits_of
from .chunking import parts_of
from .citations import find_citations
from .claims import DEFAULT_CUTOFF, checkworthiness, kind_of
from .dates import FoundDate, find_dates
from .nlp import document_components, load_model
from .options import (
    DEFAULT_MODEL,
    ExtractOptions,
    InputItem,
    Located,
    batches,
    with_directory_manifests,
)
from .reading.cleanup import CleanText, clean
from .reading.html_input import is_html, read_page_with_warnings
from .reading.pdf_input import Pages
from .reading.sources import (
    InputError,
    RawDocument,
    describe_source,
    iter_inputs,
    read_input,
    split_front_matter,
)
from .records import Actor, Attribution, Claim, DateMention, Source, Span, claim_id
from .repeats import find_repeats
from .sentences import Sentence, make_doc, sentences_of

__all__ = [
    "DEFAULT_MODEL",
    "DocumentResult",
    "ExtractOptions",
    "InputItem",
    "Located",
    "Prepared",
    "Section",
    "analyse",
    "batches",
    "extract",
    "extract_batch",
    "extract_documents",
    "extract_text",
    "numbered",
    "parse_long",
    "prepare",
    "prepare_item",
    "sections_of",
    "with_directory_manifests",
]


@dataclass(frozen=True)
class Prepared:
    """An input read, cleaned and described, ready for spaCy."""

    source: Source
    original: str
    clean: CleanText
    warnings: tuple[str, ...] = ()  # from reading (a guessed encoding), for the user
    pages: Pages | None = None  # a PDF's: the page of every offset of ``original``

    @property
    def published(self) -> dt.date | None:
        """The publication date that relative dates are resolved against."""
        return dt.date.fromisoformat(self.source.published) if self.source.published else None


def prepare(
    document: RawDocument, options: ExtractOptions, located_at: str | None = None
) -> Prepared:
    """Clean a decoded input and work out its source (URL, date, title).

    ``located_at`` is where the file was read when that is not its name (a Dask worker
    reads an absolute path); the manifest is looked up there.
    """
    page = None
    warnings = document.warnings
    if document.pages is not None:  # a PDF: its text as read, with no front matter
        meta: dict[str, object] = {}
        cleaned = clean(document.text)
    elif is_html(document.path, document.text):
        meta = {}
        cleaned, page, page_warnings = read_page_with_warnings(document.text)
        warnings += page_warnings
    else:
        meta, body_start = split_front_matter(document.text)
        cleaned = clean(document.text, body_start)
    entry = options.manifest.lookup(located_at or document.path)
    source = describe_source(document, meta, cleaned.blocks, entry, options.published, page)
    return Prepared(source, document.text, cleaned, warnings, document.pages)


def analyse(
    prepared: Prepared, doc: Doc, include_all: bool = False, cutoff: float = DEFAULT_CUTOFF
) -> list[Claim]:
    """The claim records of one processed document, in sentence order."""
    return _analysed(prepared, doc, include_all, cutoff=cutoff)[0]


def _analysed(
    prepared: Prepared,
    doc: Doc,
    include_all: bool = False,
    first_sentence: int = 0,
    cutoff: float = DEFAULT_CUTOFF,
) -> tuple[list[Claim], int]:
    """The claim records of a document (or section) and its number of sentences.

    ``first_sentence`` is the number of the section's first sentence in the document.
    """
    cleaned = prepared.clean
    sentences = sentences_of(doc, cleaned)
    actors = find_actors(doc)
    dates = find_dates(doc, prepared.published)
    credits = credits_of(doc, sentences)
    citations = find_citations(cleaned, sentences)
    repeats = find_repeats(sentences)
    spans = [cleaned.original_span(s.start_char, s.end_char) for s in sentences]
    ids = [claim_id(prepared.source.sha256, start, end) for start, end in spans]
    actors_in, dates_in = _by_sentence(actors, sentences), _by_sentence(dates, sentences)
    speakers = _Speakers(actors)
    page_of = prepared.pages.page_of if prepared.pages else _no_page
    claims = []
    for sentence, (start, end) in zip(sentences, spans, strict=True):
        kind = kind_of(sentence, cutoff)
        if kind != "fact" and not include_all:
            continue
        i = sentence.index
        repeated = repeats[i]
        credit = credits[i]
        if credit.outermost is None and repeated is not None:
            credit = credits[repeated]  # a pull quote speaks for whoever said it in the body
        attribution = _attribution(credit.outermost, cleaned, speakers)
        claims.append(
            Claim(
                id=ids[i],
                text=sentence.text,
                kind=kind,
                checkworthiness=checkworthiness(sentence),
                source=prepared.source,
                span=Span(start, end, cleaned.line_of(start), first_sentence + i, page_of(start)),
                actors=[_actor(a, cleaned) for a in actors_in[i]],
                dates=[_date(d, cleaned) for d in dates_in[i]],
                attribution=attribution,
                citations=citations[i],
                duplicate_of=ids[repeated] if repeated is not None else None,
                attributions=[_in_original(a, cleaned, speakers) for a in credit.every],
            )
        )
    return claims, len(sentences)


def _no_page(offset: int) -> None:
    return None


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_L = TypeVar("_L", bound=_Located)


def _by_sentence(found: list[_L], sentences: list[Sentence]) -> list[list[_L]]:
    """For each sentence, the items that lie inside it, in order: one pass over both
    (sorted by start), so a long document costs no more per sentence than a short one."""
    items = sorted(found, key=lambda f: f.start)
    starts = [f.start for f in items]
    result = []
    for sentence in sentences:
        begin, end = sentence.start_char, sentence.end_char
        first, last = bisect_left(starts, begin), bisect_left(starts, end)
        result.append([f for f in items[first:last] if f.end <= end])
    return result


def _actor(found: FoundActor, cleaned: CleanText) -> Actor:
    start, end = cleaned.original_span(found.start, found.end)
    return Actor(found.text, found.type, found.name, start, end)


def _date(found: FoundDate, cleaned: CleanText) -> DateMention:
    start, end = cleaned.original_span(found.start, found.end)
    return DateMention(found.text, found.value, found.anchor, start, end)


_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class _Speakers:
    """The actors that can name a speaker, looked up by span and by name."""

    def __init__(self, actors: list[FoundActor]) -> None:
        self.by_span: dict[tuple[int, int], tuple[int, FoundActor]] = {}
        self.by_text: dict[str, tuple[int, FoundActor]] = {}
        for n, actor in enumerate(actors):
            if actor.type in _SPEAKER_TYPES:
                self.by_span.setdefault((actor.start, actor.end), (n, actor))
                self.by_text.setdefault(strip_possessive(actor.text), (n, actor))

    def canonical(self, found: Attribution) -> str | None:
        """The name of the actor that IS the speaker: the one at the speaker's own span,
        else the first with the same name ("The Armenian government" must not become
        "Armenian"; "Feld" where it names Mark Feld is "Mark Feld", whatever an earlier
        "Feld" was taken for)."""
        if found.speaker_start is not None and found.speaker_end is not None:
            at_span = self.by_span.get((found.speaker_start, found.speaker_end))
            if at_span is not None:
                return at_span[1].name
        by_name = self.by_text.get(found.speaker) if found.speaker is not None else None
        return by_name[1].name if by_name is not None else None


def _attribution(
    found: Attribution | None, cleaned: CleanText, speakers: _Speakers
) -> Attribution | None:
    """The attribution with offsets into the original file, or None."""
    return _in_original(found, cleaned, speakers) if found is not None else None


def _in_original(found: Attribution, cleaned: CleanText, speakers: _Speakers) -> Attribution:
    """The attribution with offsets into the original file and the speaker's canonical
    name (``found`` has clean-text offsets)."""
    speaker = speakers.canonical(found) or found.speaker
    speaker_start = speaker_end = None
    if found.speaker_start is not None and found.speaker_end is not None:
        speaker_start, speaker_end = cleaned.original_span(found.speaker_start, found.speaker_end)
    cue_start, cue_end = cleaned.original_span(found.cue_start, found.cue_end)
    return replace(
        found,
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        cue_start=cue_start,
        cue_end=cue_end,
    )


def extract_text(
    path: str, text: str, sha256: str, options: ExtractOptions, nlp: Language | None = None
) -> list[Claim]:
    """The claims of one already-decoded document (an InputError if its analysis fails)."""
    claims: list[Claim] = []
    for result in numbered(extract_batch([RawDocument(path, text, sha256)], options, nlp)):
        if isinstance(result, InputError):
            raise result
        claims.extend(result.claims)
    return claims


@dataclass(frozen=True)
class DocumentResult:
    """The claims of one input document, or of one section of a long one.

    The claims of a section are numbered (``span.sentence``) from 0 within the section;
    :func:`numbered` (or, for JSON lines, the engines) adds the sentences of the sections
    before it, which only the process that sees them all in order can know.
    """

    path: str
    claims: list[Claim]
    complete: bool = True  # False for a section of a long document but its last
    sha256: str | None = None  # of the input's bytes
    warnings: tuple[str, ...] = ()  # from reading it (on the first section only)
    section: int = 0  # this section's number in its document (0: the first, or the whole)
    sentences: int = 0  # the sentences of the document or section (kept or not)
    size: int = 0  # the bytes of input it stands for (a section: its share), for progress
    words: int = 0  # whitespace-separated words of the text it read, for progress
    sections: int = 1  # how many sections its document was cut into


@dataclass(frozen=True)
class Section:
    """A section of a long document, cut by the process that deals out the work, so that
    the sections of one document can be analysed by different workers.

    ``prepared.clean`` is the section's clean text (offsets into the file);
    ``prepared.original`` is left empty so that each section does not carry the whole file.
    """

    prepared: Prepared
    number: int
    count: int  # sections in the document
    size: int  # bytes of the input that this section stands for

    @property
    def last(self) -> bool:
        """Whether this is the document's last section."""
        return self.number == self.count - 1


def sections_of(prepared: Prepared, section_chars: int, size: int) -> list[Section]:
    """A document cut into sections of at most ``section_chars`` characters (at block
    starts, else at sentence ends, else at spaces), each with its share of ``size`` bytes."""
    sections = parts_of(prepared.clean, section_chars)
    total = max(len(prepared.clean.text), 1)
    result, done = [], 0
    for number, section in enumerate(sections):
        last = number == len(sections) - 1
        share = size - done if last else size * len(section.text) // total
        done += share
        part = replace(prepared, original="", clean=section)
        result.append(Section(part, number, len(sections), share))
    return result


WorkItem = InputItem | Section


def prepare_item(item: InputItem, options: ExtractOptions) -> Prepared | InputError:
    """Read (where needed), decode and clean one input; an InputError if it cannot be read."""
    return _prepared(item, options)


def extract_batch(
    items: Iterable[WorkItem], options: ExtractOptions, nlp: Language | None = None
) -> Iterator[DocumentResult | InputError]:
    """The results of a batch of inputs (or sections), in order.

    spaCy reads short documents together, at most ``options.batch_chars`` characters at a
    time. An input that cannot be read, or whose analysis fails, yields an InputError in its
    place. A document longer than ``options.chunk_chars`` is parsed in parts (see
    :func:`parse_long`); one longer than ``options.section_chars`` or ``nlp.max_length``
    is analysed in sections, each as a document of its own (a :class:`Section` is one).
    Nothing of a document (its Doc, its caches) is kept once its result is yielded.
    """
    nlp = nlp or load_model(options.model)
    prepared = [item if isinstance(item, Section) else _prepared(item, options) for item in items]

    def parsed_size(item: Prepared | Section | InputError) -> int:
        """Characters that spaCy reads with the others (a long document is read alone)."""
        if isinstance(item, Prepared) and _fits(item.clean, nlp, options):
            return len(item.clean.text)
        return 0

    for group in batches(prepared, options, parsed_size):
        short = [
            make_doc(nlp, p.clean) for p in group if isinstance(p, Prepared) and parsed_size(p)
        ]
        parsed = nlp.pipe(short, batch_size=max(len(short), 1))
        del short
        for item in group:
            if isinstance(item, InputError):
                yield item
            elif isinstance(item, Section):
                try:
                    yield _section_result(item.prepared, nlp, options, item)
                except Exception as err:  # a failing section must not stop the others
                    yield _failure(item.prepared, err)
            elif parsed_size(item):
                doc = next(parsed)
                try:
                    claims, count = _analysed(
                        item, doc, options.include_all, cutoff=options.min_checkworthiness
                    )
                except Exception as err:  # a failing document must not stop the others
                    yield _failure(item, err)
                else:
                    yield DocumentResult(
                        item.source.path,
                        claims,
                        sha256=item.source.sha256,
                        warnings=item.warnings,
                        sentences=count,
                        size=_size(item.original),
                        words=len(item.clean.text.split()),
                    )
                del doc
            else:
                try:
                    yield from _long_results(item, nlp, options)
                except Exception as err:
                    yield _failure(item, err)


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _fits(clean: CleanText, nlp: Language, options: ExtractOptions) -> bool:
    return len(clean.text) <= min(options.chunk_chars, nlp.max_length)


def _failure(prepared: Prepared, err: Exception) -> InputError:
    """The error line of a document whose analysis failed: the exception and where."""
    frame = traceback.extract_tb(err.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    reason = f"analysis failed: {type(err).__name__}: {err} ({where})"
    return InputError(prepared.source.path, reason, "analysis-failed")


def _long_results(
    prepared: Prepared, nlp: Language, options: ExtractOptions
) -> Iterator[DocumentResult]:
    """A long document: sections of at most section_chars, each parsed in parts."""
    limit = min(options.section_chars, nlp.max_length)
    for section in sections_of(prepared, limit, _size(prepared.original)):
        whole = replace(section.prepared, original=prepared.original)
        yield _section_result(whole, nlp, options, section)


def _section_result(
    prepared: Prepared, nlp: Language, options: ExtractOptions, section: Section
) -> DocumentResult:
    """The claims of one section (``prepared``: its text), its sentences numbered from 0."""
    doc = parse_long(nlp, prepared.clean, min(options.chunk_chars, nlp.max_length))
    claims, count = _analysed(
        prepared, doc, options.include_all, cutoff=options.min_checkworthiness
    )
    return DocumentResult(
        prepared.source.path,
        claims,
        section.last,
        prepared.source.sha256,
        prepared.warnings if section.number == 0 else (),
        section=section.number,
        sentences=count,
        size=section.size,
        words=len(prepared.clean.text.split()),
        sections=section.count,
    )


def numbered(
    results: Iterable[DocumentResult | InputError],
) -> Iterator[DocumentResult | InputError]:
    """Results with the sentences of every section numbered on from the sections before it.

    The sections of a document after one that failed are dropped: their numbers cannot be
    known (the failure is reported in their place).
    """
    due: tuple[str, int] | None = None  # (path, section) of the next section expected
    base = 0
    for result in results:
        if isinstance(result, InputError):
            due = None
            yield result
            continue
        if result.section and due != (result.path, result.section):
            continue
        if not result.section:
            base = 0
        if base:
            claims = [
                replace(c, span=replace(c.span, sentence=c.span.sentence + base))
                for c in result.claims
            ]
            result = replace(result, claims=claims)
        base += result.sentences
        due = None if result.complete else (result.path, result.section + 1)
        yield result


def parse_long(nlp: Language, clean: CleanText, chunk_chars: int) -> Doc:
    """One Doc of a long clean text, which spaCy's model reads in parts of chunk_chars.

    The model's own components run on each part (cut at block starts, so no sentence is
    cut), the parts are joined into one Doc, and claimcite's document-level components
    (actors, acronyms) run on the whole: the extractors see one document, as if spaCy
    had read it at once, while the parser's memory stays that of one part.
    """
    if len(clean.text) <= chunk_chars:
        return nlp(make_doc(nlp, clean))
    whole_doc = document_components(nlp)
    pieces = parts_of(clean, chunk_chars, whole_document=False)
    docs = nlp.pipe((make_doc(nlp, p) for p in pieces), disable=whole_doc, batch_size=1)
    doc = Doc.from_docs(list(docs), ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    if doc.text != clean.text:
        raise ValueError("the parts of the text do not join back into it")
    for name, component in nlp.pipeline:
        if name in whole_doc:
            doc = component(doc)
    return doc


def _prepared(item: InputItem, options: ExtractOptions) -> Prepared | InputError:
    """Read (where needed), decode and clean one input."""
    if isinstance(item, InputError):
        return item
    try:
        if isinstance(item, RawDocument):
            return prepare(item, options)
        if isinstance(item, Located):
            try:
                read = read_input(item.location)
            except InputError as err:
                raise InputError(item.name, err.reason, err.code) from None
            document = replace(read, path=item.name)
            return prepare(document, options, located_at=item.location)
        return prepare(read_input(item), options)
    except InputError as err:
        return err


def extract_documents(
    paths: Iterable[str], options: ExtractOptions | None = None
) -> Iterator[DocumentResult | InputError]:
    """Each input's claims, in input order, as soon as its document is done.

    An input that cannot be read yields an InputError in its place; the others go on.
    """
    options = options or ExtractOptions()
    paths = list(paths)
    options = with_directory_manifests(paths, options)
    nlp = load_model(options.model)
    for batch in batches(iter_inputs(paths), options):
        yield from numbered(extract_batch(batch, options, nlp))


def extract(
    paths: Iterable[str], options: ExtractOptions | None = None
) -> Iterator[Claim | InputError]:
    """Claims of every input, in input order; an unreadable input yields an InputError."""
    for result in extract_documents(paths, options):
        if isinstance(result, InputError):
            yield result
        else:
            yield from result.claims
