"""Loading the spaCy pipeline that the extractors run on."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .actors import add_actor_components
from .coarse_tags import replace_ruler
from .options import DEFAULT_MODEL, ModelError

# claimcite's own components are named with this prefix; they read a whole document (an
# acronym defined in the first paragraph types its later mentions), so a long document that
# the model reads in parts is joined before they run.
OWN_COMPONENT_PREFIX = "claimcite_"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline (package name or path) with claimcite's components."""
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {err}") from None
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer")  # a pipeline without a parser still needs sentences
    # No extractor reads lemmas or morphology: the attribute ruler and lemmatizer, a sixth
    # of the stock English pipeline's time, give way to the same POS rules in numpy.
    replace_ruler(nlp)
    add_actor_components(nlp)
    return nlp


def document_components(nlp: Language) -> list[str]:
    """The components that must see a whole document: claimcite's own."""
    return [name for name in nlp.pipe_names if name.startswith(OWN_COMPONENT_PREFIX)]
