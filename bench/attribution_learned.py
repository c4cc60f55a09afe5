"""Would a learned cue classifier beat the rules? A cross-fitted check on PolNeAR.

    .venv/bin/python bench/attribution_learned.py [FOLDER]

Every verb of every article is a candidate cue. Its features are read off the parse:
the verb's base form, tag and dependency, its head's, the dependencies (and prepositions
and markers) of its children, its subject (entity type, part of speech, pronoun, whether
it can say things, whether it is quoted), passive voice, depth in the sentence, whether
the verb stands in a quotation or in the first sentence, which cue class of our lexicon it
belongs to, whether the rules already credit it, and the model's 96-number context
vectors (``doc.tensor``) of the verb and of its subject. A verb is a gold cue when it
overlaps a Cue span of at least half of the article's annotators.

A logistic regression is fitted on one half of the articles and scored on the other (A
on B, B on A), so no article is scored by a model that saw it. The table compares, on
the held-out half, the verbs the rules credit with the verbs the classifier takes at
several thresholds (precision and recall over verbs, not spans). Needs scikit-learn
(``make dev`` installs it).
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sparse
from attribution_polnear import DEFAULT_FOLDER, _overlap, annotation_files, half_of, read_ann
from claimcite import ExtractOptions
from claimcite.extractors import attribution
from claimcite.extractors.cues import base_form, can_say, cue_label
from claimcite.extractors.nlp import load_model
from claimcite.extractors.pipeline import analyse, prepare
from claimcite.extractors.reading.sources import RawDocument
from claimcite.extractors.sentences import sentences_of
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from spacy.tokens import Doc, Token


@dataclass
class Verb:
    """One candidate cue: its features, context vectors, label and the rules' verdict."""

    half: str
    features: dict[str, float]
    vector: np.ndarray
    gold: bool
    rules: bool


def _features(verb: Token, quoted: attribution._Quotes, rules: bool) -> dict[str, float]:
    subject, passive = attribution._climb_to_subject(verb)
    found: dict[str, float] = {
        f"base={base_form(verb.lower_)}": 1,
        f"tag={verb.tag_}": 1,
        f"dep={verb.dep_}": 1,
        f"head_dep={verb.head.dep_}": 1,
        f"head_pos={verb.head.pos_}": 1,
        f"lexicon={cue_label(verb)}": 1,
        f"depth={min(attribution._depth(verb), 4)}": 1,
        "rules": float(rules),
        "quoted": float(quoted.at(verb.idx) is not None),
        "passive": float(passive),
        "first_sentence": float(verb.sent.start == 0),
    }
    for child in verb.children:
        found[f"child={child.dep_}"] = 1
        if child.dep_ in ("prep", "mark"):
            found[f"{child.dep_}={child.lower_}"] = 1
    if subject is None:
        found["no_subject"] = 1
        return found
    found[f"subject_entity={subject.ent_type_}"] = 1
    found[f"subject_pos={subject.pos_}"] = 1
    found["subject_can_say"] = float(can_say(attribution._antecedent(subject, verb)))
    found["subject_quoted"] = float(quoted.at(subject.idx) is not None)
    if subject.pos_ == "PRON":
        found[f"subject={subject.lower_}"] = 1
    return found


def verbs_of(folder: Path) -> list[Verb]:
    """Every verb of every annotated article, with its features and labels."""
    nlp = load_model()
    options = ExtractOptions(include_all=True)
    verbs = []
    for name, anns in sorted(annotation_files(folder).items()):
        path = folder / "text" / f"{name}.txt"
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        prepared = prepare(RawDocument(str(path), text, digest), options)
        clean = prepared.clean
        doc: Doc = nlp(clean.text)
        credited = [
            (a.cue_start, a.cue_end) for c in analyse(prepared, doc, True) for a in c.attributions
        ]
        sentences = sentences_of(doc, clean)
        quoted = attribution._Quotes(attribution._document_quotes(doc.text, sentences))
        golds = [read_ann(ann).cues for ann in anns]
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            span = clean.original_span(verb.idx, verb.idx + len(verb))
            votes = sum(any(_overlap(span, g) for g in cues) for cues in golds)
            rules = any(_overlap(span, c) for c in credited)
            subject, _ = attribution._climb_to_subject(verb)
            vectors = [doc.tensor[verb.i], doc.tensor[subject.i] if subject is not None else None]
            vector = np.concatenate([v if v is not None else np.zeros(96) for v in vectors])
            verbs.append(
                Verb(
                    half_of(name),
                    _features(verb, quoted, rules),
                    vector,
                    2 * votes >= len(golds),
                    rules,
                )
            )
    return verbs


def _matrix(vectorizer: DictVectorizer, verbs: list[Verb], fit: bool) -> sparse.csr_matrix:
    rows = [v.features for v in verbs]
    words = vectorizer.fit_transform(rows) if fit else vectorizer.transform(rows)
    dense = sparse.csr_matrix(np.array([v.vector for v in verbs]) * 0.1)
    return sparse.hstack([words, dense]).tocsr()


def _pr(chosen: np.ndarray, gold: np.ndarray) -> str:
    hits = int((chosen & gold).sum())
    precision = hits / chosen.sum() if chosen.sum() else 0.0
    recall = hits / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{precision:6.3f}{recall:6.3f}{f1:6.3f}"


def main() -> None:
    """Fit on one half, score on the other, both ways; print one row per threshold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    args = parser.parse_args()
    verbs = verbs_of(args.folder)
    print(f"{'fit→scored':<12}{'who':<16}{'P':>6}{'R':>6}{'F1':>6}")
    for fit, scored in (("A", "B"), ("B", "A")):
        train = [v for v in verbs if v.half == fit]
        test = [v for v in verbs if v.half == scored]
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=0.1, max_iter=3000)
        model.fit(_matrix(vectorizer, train, True), [v.gold for v in train])
        p = model.predict_proba(_matrix(vectorizer, test, False))[:, 1]
        gold = np.array([v.gold for v in test])
        rules = np.array([v.rules for v in test])
        label = f"{fit}→{scored}"
        print(f"{label:<12}{'rules':<16}{_pr(rules, gold)}")
        for threshold in (0.3, 0.4, 0.5):
            print(f"{label:<12}{f'learned ≥ {threshold}':<16}{_pr(p >= threshold, gold)}")
        print(f"{label:<12}{'learned AUC':<16}{roc_auc_score(gold, p):6.3f}")


if __name__ == "__main__":
    main()
