"""The library API: from article files to claim records.

>>> from claimcite import extract, ExtractOptions
>>> for item in extract(["corpus/"], ExtractOptions(include_all=True)):
...     print(item)   # a Claim, or an InputError for an input that could not be read
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .actors import FoundActor, find_actors
from .attribution import FoundAttribution, find_attributions
from .citations import find_citations
from .claims import checkworthiness, kind_of
from .cleanup import CleanText, clean
from .dates import FoundDate, find_dates
from .nlp import DEFAULT_MODEL, load_model
from .records import Actor, Attribution, Claim, DateMention, Source, Span, claim_id
from .repeats import find_repeats
from .sentences import Sentence, make_doc, sentences_of
from .sources import (
    InputError,
    Manifest,
    RawDocument,
    describe_source,
    iter_inputs,
    load_manifest,
    manifests_in,
    read_input,
    split_front_matter,
)


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: which model, which sentences, and what to assume about sources."""

    model: str = DEFAULT_MODEL
    include_all: bool = False
    manifest: Manifest = field(default_factory=Manifest)
    published: str | None = None
    batch_size: int = 16


@dataclass(frozen=True)
class Prepared:
    """An input read, cleaned and described, ready for spaCy."""

    source: Source
    original: str
    clean: CleanText

    @property
    def published(self) -> dt.date | None:
        """The publication date that relative dates are resolved against."""
        return dt.date.fromisoformat(self.source.published) if self.source.published else None


def prepare(document: RawDocument, options: ExtractOptions) -> Prepared:
    """Clean a decoded input and work out its source (URL, date, title)."""
    meta, body_start = split_front_matter(document.text)
    cleaned = clean(document.text, body_start)
    entry = options.manifest.lookup(document.path)
    source = describe_source(document, meta, cleaned.blocks, entry, options.published)
    return Prepared(source, document.text, cleaned)


def analyse(prepared: Prepared, doc: Doc, include_all: bool = False) -> list[Claim]:
    """The claim records of one processed document, in sentence order."""
    cleaned = prepared.clean
    sentences = sentences_of(doc, cleaned)
    actors = find_actors(doc)
    dates = find_dates(doc, prepared.published)
    attributions = find_attributions(doc, sentences)
    citations = find_citations(cleaned, sentences)
    repeats = find_repeats(sentences)
    spans = [cleaned.original_span(s.start_char, s.end_char) for s in sentences]
    ids = [claim_id(prepared.source.sha256, start, end) for start, end in spans]
    claims = []
    for sentence, (start, end) in zip(sentences, spans, strict=True):
        kind = kind_of(sentence)
        if kind != "fact" and not include_all:
            continue
        i = sentence.index
        repeated = repeats[i]
        claims.append(
            Claim(
                id=ids[i],
                text=sentence.text,
                kind=kind,
                checkworthiness=checkworthiness(sentence),
                source=prepared.source,
                span=Span(start, end, cleaned.line_of(start), i),
                actors=[_actor(a, cleaned) for a in _within(actors, sentence)],
                dates=[_date(d, cleaned) for d in _within(dates, sentence)],
                attribution=_attribution(attributions[i], cleaned, actors),
                citations=citations[i],
                duplicate_of=ids[repeated] if repeated is not None else None,
            )
        )
    return claims


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_L = TypeVar("_L", bound=_Located)


def _within(found: list[_L], sentence: Sentence) -> list[_L]:
    """The items that lie inside the sentence."""
    return [f for f in found if sentence.start_char <= f.start and f.end <= sentence.end_char]


def _actor(found: FoundActor, cleaned: CleanText) -> Actor:
    start, end = cleaned.original_span(found.start, found.end)
    return Actor(found.text, found.type, found.name, start, end)


def _date(found: FoundDate, cleaned: CleanText) -> DateMention:
    start, end = cleaned.original_span(found.start, found.end)
    return DateMention(found.text, found.value, found.anchor, start, end)


def _attribution(
    found: FoundAttribution | None, cleaned: CleanText, actors: list[FoundActor]
) -> Attribution | None:
    if found is None:
        return None
    speaker = found.speaker
    speaker_start = speaker_end = None
    if found.speaker_start is not None and found.speaker_end is not None:
        speaker_start, speaker_end = cleaned.original_span(found.speaker_start, found.speaker_end)
        named = [
            a
            for a in actors
            if found.speaker_start <= a.start
            and a.end <= found.speaker_end
            and a.type in ("PERSON", "ORG", "GPE", "NORP")
        ]
        if named:
            speaker = named[0].name
    cue_start, cue_end = cleaned.original_span(found.cue_start, found.cue_end)
    return Attribution(
        speaker, speaker_start, speaker_end, found.cue, cue_start, cue_end, found.direct
    )


def extract_text(
    path: str, text: str, sha256: str, options: ExtractOptions, nlp: Language | None = None
) -> list[Claim]:
    """The claims of one already-decoded document (used by the workers and the Dask engine)."""
    nlp = nlp or load_model(options.model)
    prepared = prepare(RawDocument(path, text, sha256), options)
    doc = nlp(make_doc(nlp, prepared.clean))
    return analyse(prepared, doc, options.include_all)


def with_directory_manifests(paths: Iterable[str], options: ExtractOptions) -> ExtractOptions:
    """Options whose manifest also holds the manifests found at the top of input directories."""
    manifest = options.manifest
    for found in manifests_in(paths):
        manifest = manifest.merged(load_manifest(found))
    return ExtractOptions(
        options.model, options.include_all, manifest, options.published, options.batch_size
    )


@dataclass(frozen=True)
class DocumentResult:
    """The claims of one input document."""

    path: str
    claims: list[Claim]


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
    errors: deque[tuple[int, InputError]] = deque()

    def ready() -> Iterator[tuple[Doc, tuple[int, Prepared]]]:
        for number, item in enumerate(iter_inputs(paths)):
            if isinstance(item, InputError):
                errors.append((number, item))
                continue
            try:
                prepared = prepare(read_input(item), options)
            except InputError as err:
                errors.append((number, err))
                continue
            yield make_doc(nlp, prepared.clean), (number, prepared)

    docs = nlp.pipe(ready(), as_tuples=True, batch_size=options.batch_size)
    for doc, (number, prepared) in docs:
        while errors and errors[0][0] < number:
            yield errors.popleft()[1]
        yield DocumentResult(prepared.source.path, analyse(prepared, doc, options.include_all))
    while errors:
        yield errors.popleft()[1]


def extract(
    paths: Iterable[str], options: ExtractOptions | None = None
) -> Iterator[Claim | InputError]:
    """Claims of every input, in input order; an unreadable input yields an InputError."""
    for result in extract_documents(paths, options):
        if isinstance(result, InputError):
            yield result
        else:
            yield from result.claims
