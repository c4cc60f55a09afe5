"""The coarse tagger gives the attribute ruler's tags, without the ruler."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from claimcite.extractors.coarse_tags import (
    COMPONENT,
    CoarseTagger,
    compile_rules,
    replace_ruler,
)
from claimcite.extractors.nlp import load_model
from claimcite.extractors.options import DEFAULT_MODEL
from spacy.tokens import Doc

from tests.conftest import REPO, SHARED_CORPUS


@pytest.fixture(scope="module")
def stock() -> Any:
    """The model as shipped, attribute ruler and lemmatizer included."""
    return spacy.load(DEFAULT_MODEL)


def _texts() -> list[str]:
    paths = sorted((REPO / "corpus").glob("*.[mt][dx]*"))
    paths += sorted(SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.exists() else []
    return [p.read_text(encoding="utf-8") for p in paths]


def test_default_model_runs_the_coarse_tagger_instead_of_ruler_and_lemmatizer() -> None:
    names = load_model().pipe_names
    assert COMPONENT in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index(COMPONENT) < names.index("claimcite_actors")


def test_same_tags_as_the_ruler_on_every_article(stock: Any) -> None:
    """Token for token, pos_, tag_ and dep_ as the stock pipeline sets them, on our corpus
    and (when present) the real articles in ../shared/corpus."""
    ours = load_model()
    texts = _texts()
    assert len(texts) >= 4
    compared = 0
    for theirs_doc, our_doc in zip(
        stock.pipe(texts),
        ours.pipe(texts, disable=["claimcite_gazetteer", "claimcite_actors"]),
        strict=True,
    ):
        expected = [(t.pos_, t.tag_, t.dep_) for t in theirs_doc]
        assert [(t.pos_, t.tag_, t.dep_) for t in our_doc] == expected
        compared += len(expected)
    assert compared > 1000


# Rules in the attribute ruler's own format; each row: rules, the words with their tags and
# dependencies, and the POS each word must get.
RULE_CASES = [
    # a tag map rule
    ([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}], [("cat", "NN", "nsubj")], ["NOUN"]),
    # within a run of one-test rules (one lookup), the later rule wins
    (
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
            {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}},
        ],
        [("cat", "NN", "nsubj"), ("Kim", "NNP", "dobj"), ("ran", "VBD", "ROOT")],
        ["X", "PROPN", ""],
    ),
    # a later rule wins over an earlier one
    (
        [
            {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
            {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX"}},
        ],
        [("Is", "VBZ", "ROOT"), ("runs", "VBZ", "ROOT")],
        ["AUX", "VERB"],
    ),
    # NOT_IN with the unset value "", tested on the dependency
    (
        [{"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}}],
        [("that", "DT", "nsubj"), ("the", "DT", "det")],
        ["PRON", ""],
    ),
    # a two-token pattern sets the token at its index
    (
        [{"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1}],
        [("There", "EX", "expl"), ("was", "VBD", "ROOT"), ("was", "VBD", "conj")],
        ["", "VERB", ""],
    ),
    # a regular expression on the lower-cased word; rules that set only lemmas are ignored
    (
        [
            {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"POS": "PRON"}},
            {"patterns": [[{"LOWER": "cat"}]], "attrs": {"LEMMA": "kitty"}},
        ],
        [("Nothin'", "NN", "ROOT"), ("cat", "NN", "dobj")],
        ["PRON", ""],
    ),
]


@pytest.mark.parametrize(("rules", "words", "expected"), RULE_CASES)
def test_compiled_rules(rules: list[dict[str, Any]], words: list[tuple[str, str, str]], expected: list[str]) -> None:
    nlp = spacy.blank("en")
    compiled = compile_rules(rules, nlp.vocab.strings)
    assert compiled is not None
    doc = Doc(
        nlp.vocab,
        words=[w for w, _, _ in words],
        tags=[t for _, t, _ in words],
        deps=[d for _, _, d in words],
        heads=[i for i in range(len(words))],
    )
    CoarseTagger(compiled)(doc)
    assert [t.pos_ for t in doc] == expected


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},  # an operator
        {"patterns": [[{"ENT_TYPE": "GPE"}]], "attrs": {"POS": "PROPN"}},  # another attribute
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "x"}},  # sets something else
    ],
)
def test_a_rule_it_cannot_read_keeps_the_ruler(rule: dict[str, Any]) -> None:
    nlp = spacy.blank("en")
    assert compile_rules([rule], nlp.vocab.strings) is None
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([rule])  # type: ignore[attr-defined]
    assert replace_ruler(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert replace_ruler(nlp) is False
    assert nlp.pipe_names == ["sentencizer"]
