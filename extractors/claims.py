"""What kind of statement a sentence is, and how much it deserves checking.

``kind_of`` reads the sentence's parse: cue words are found by a spaCy Matcher (built once
per vocabulary) and count only when they stand in the *main clause* — the root predicate,
its coordinated predicates and their ``xcomp`` chains, not a reported ``ccomp``, relative
or adverbial clause. So "Russia should leave" is an opinion, while "Smith said Russia
should leave" is a fact: a checkable report of what Smith said.

- ``other``: headings, credits, link lines and footnote definitions (by block kind),
  disclaimers and boilerplate, bare URLs, verbless fragments of a few words;
- ``question``: ends with a question mark (rhetorical or not), or opens like a
  wh-question (``Why did …``) and has lost its final punctuation;
- ``opinion``: a main-clause modal of obligation, possibility or counterfactual
  (should, must, ought, would, could, might, may), an inverted conditional (``had Russia
  cared``), a hedge or stance adverb (probably, very likely, clearly…), an evaluative
  frame (``it is clear that``, ``it would be worth``), the writer's own stance (``I
  think``, ``in my view``), normative ``need to``/``have to``, an evaluative predicate
  (``was disastrous``, ``turned out to be a “paper tiger”``), or an imperative;
- ``fact``: everything else.

``checkworthiness`` is the shipped linear model (``checkworthiness.py``) over the
sentence's parse features plus the cues above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from . import checkworthiness as model
from .records import Kind
from .sentences import Sentence

OTHER_BLOCKS = frozenset({"heading", "credit", "related", "footnote"})

# --- word lists (cue words, not sentences) ---------------------------------------------

OPINION_MODALS = ("should", "must", "ought", "would", "could", "might", "may", "'d", "’d")
# Adverbs that weaken the writer's commitment (speculation). Emphatic ones (clearly,
# obviously) and attitude ones (unfortunately) still assert the clause: not opinion cues.
HEDGES = (
    "probably", "likely", "unlikely", "perhaps", "maybe", "possibly", "presumably",
    "arguably", "supposedly", "conceivably", "seemingly", "doubtless", "surely", "hopefully",
)
STANCE_ADVERBS = (
    "unfortunately", "fortunately", "sadly", "happily", "ironically", "regrettably",
    "thankfully", "rightly", "wrongly", "mistakenly", "foolishly", "wisely",
    "shamefully", "tragically", "frankly", "honestly", "personally", "admittedly",
    "naturally", "understandably", "curiously", "remarkably", "alas",
)
# Predicates of "it is … that/to" frames that judge rather than report.
FRAME_WORDS = (
    "clear", "obvious", "evident", "plain", "apparent", "undeniable", "indisputable",
    "certain", "inevitable", "ironic", "sad", "shameful", "regrettable", "remarkable",
    "striking", "telling", "absurd", "ridiculous", "outrageous", "unacceptable", "important",
    "necessary", "essential", "crucial", "vital", "imperative", "worth", "worthwhile", "time",
    "right", "wrong", "fair", "unfair", "naive", "likely", "unlikely", "probable", "doubtful",
    "conceivable", "possible", "good", "bad", "better", "best", "worse", "wise", "unwise",
    "foolish", "hard", "difficult", "easy", "fitting",
)
FRAME_NOUNS = (
    "time", "shame", "pity", "mistake", "surprise", "secret", "wonder", "tragedy", "disgrace",
    "scandal", "coincidence", "question", "doubt",
)
EVALUATIVE_ADJECTIVES = (
    "good", "bad", "great", "terrible", "awful", "horrible", "excellent", "wonderful",
    "disastrous", "catastrophic", "shameful", "disgraceful", "outrageous", "absurd",
    "ridiculous", "foolish", "stupid", "naive", "irresponsible", "reckless", "dangerous",
    "wrong", "right", "unfair", "fair", "unjust", "unacceptable", "inexcusable", "pathetic",
    "hypocritical", "cynical", "bogus", "meaningless", "pointless", "useless", "worthless",
    "futile", "hollow", "empty", "illusory", "declarative", "toothless", "impotent",
    "ineffective", "inefficient", "incompetent", "weak", "strong", "remarkable", "impressive",
    "admirable", "obvious", "clear", "evident", "inevitable", "misguided", "mistaken",
    "flawed", "failed", "corrupt", "immoral", "unconscionable", "deplorable", "tragic",
    "sad", "unfortunate", "regrettable", "important", "crucial", "essential", "vital",
    "necessary", "significant", "irrelevant", "credible", "incredible", "unbelievable",
    "better", "worse", "successful", "unsuccessful", "serious",
)
EVALUATIVE_NOUNS = (
    "disaster", "catastrophe", "mistake", "illusion", "farce",
    "tragedy", "shame", "disgrace", "scandal", "joke", "fiasco", "sham", "fraud", "lie",
    "myth", "fantasy", "nonsense", "travesty", "blunder", "betrayal", "pity", "outrage",
    "embarrassment",
)
STANCE_VERBS = (
    "think", "believe", "feel", "suppose", "guess", "hope", "doubt", "reckon", "suspect",
    "wish", "fear", "trust", "expect", "imagine", "bet", "argue", "contend", "maintain",
)
SURE_WORDS = ("sure", "convinced", "certain", "confident", "afraid", "persuaded")
OPINION_NOUNS = ("view", "opinion", "judgment", "judgement", "estimation", "mind", "eyes", "book")
OUTCOME_VERBS = ("prove", "proves", "proved", "proven", "proving")
TURN_VERBS = ("turn", "turns", "turned", "turning")
NEED_VERBS = ("need", "needs", "have", "has", "got")
SPEECH_VERBS = (
    "say", "says", "said", "tell", "tells", "told", "claim", "claims", "claimed", "argue",
    "argues", "argued", "insist", "insists", "insisted", "warn", "warns", "warned", "add",
    "adds", "added", "note", "notes", "noted", "write", "writes", "wrote", "state", "states",
    "stated", "announce", "announces", "announced", "report", "reports", "reported",
    "explain", "explains", "explained", "suggest", "suggests", "suggested",
)
# Verbs that frame a complement as something said or to be remembered: with a first-person,
# impersonal or no subject they are not the claim, their complement is.
FRAME_VERBS = (
    "say", "said", "note", "noted", "point", "add", "mention", "remind", "remember", "forget",
    "recall", "tell", "repeat", "emphasize", "emphasise", "stress", "admit", "acknowledge",
    "reiterate", "let", "keep", "bear", "consider", "understand", "know", "realize", "realise",
)
FRAME_SUBJECTS = ("i", "we", "me", "us", "it", "people")
REMINDING_VERBS = ("know", "remember", "forget", "recall", "understand", "realize", "realise")
WH_WORDS = ("why", "what", "how", "who", "whom", "whose", "which", "where", "when")
QUESTION_AUXILIARIES = (
    "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
    "will", "would", "should", "shall", "may", "might", "must", "'s", "’s",
)
BE_FORMS = ("is", "was", "'s", "’s", "be", "been", "are", "were", "seems", "seemed", "remains",
            "remained", "becomes", "became")
IMPERATIVE_LEAD = ("please", "do", "don't", "n't", "not", "just", "now", "so", "and", "but",
                   "then", "never", "always", "let", "also", "simply")
DISCLAIMER_START = ("subscribe", "sign", "click", "follow", "share", "download", "copyright",
                    "©", "advertisement", "reporting", "editing", "writing")
ARTICLE_NOUNS = ("article", "story", "piece", "post", "report", "column", "op-ed", "interview")
ARTICLE_EVENTS = ("originally", "first", "updated", "published", "republished", "corrected",
                  "amended", "edited", "condensed", "produced", "supported", "funded")

# Dependency labels that open a subordinate clause: cues below them are not the writer's.
CLAUSE_DEPS = frozenset(
    {"ccomp", "csubj", "csubjpass", "advcl", "relcl", "acl", "pcomp", "parataxis", "dep"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})
ADVERBIAL_DEPS = frozenset({"advmod", "acomp", "npadvmod", "intj", "oprd"})
CLOSING = "\"”’'»)]} "


def _patterns() -> dict[str, list[list[dict[str, Any]]]]:
    any_of = lambda words: {"IN": list(words)}  # noqa: E731
    modifier = {"DEP": {"IN": ["advmod", "npadvmod", "neg"]}, "OP": "*"}
    return {
        "modal": [[{"LOWER": any_of(OPINION_MODALS), "TAG": "MD"}]],
        "hedge": [[{"LOWER": any_of(HEDGES)}]],
        "stance": [[{"LOWER": any_of(STANCE_ADVERBS), "POS": "ADV"}]],
        "frame": [
            [{"LOWER": "it"}, {"LOWER": any_of(BE_FORMS)}, modifier,
             {"LOWER": any_of(FRAME_WORDS)}],
            [{"LOWER": "it"}, {"TAG": "MD"}, {"LOWER": "have", "OP": "?"},
             {"LOWER": any_of(("be", "been"))}, modifier, {"LOWER": any_of(FRAME_WORDS)}],
            [{"LOWER": "it"}, {"LOWER": any_of(BE_FORMS)}, {"LOWER": "not", "OP": "?"},
             {"LOWER": any_of(("a", "an", "no", "high", "little", "small"))},
             {"LOWER": any_of(("great", "real", "big", "huge", "high")), "OP": "?"},
             {"LOWER": any_of(FRAME_NOUNS)}],
            [{"LOWER": "it"}, {"LOWER": any_of(BE_FORMS)}, {"LOWER": any_of(FRAME_NOUNS)}],
            [{"LOWER": "there"}, {"LOWER": any_of(BE_FORMS)}, {"LOWER": any_of(("no", "little"))},
             {"LOWER": any_of(("doubt", "question"))}],
            [{"LOWER": "no"}, {"LOWER": "doubt"}],
        ],
        "first_person": [
            [{"LOWER": any_of(("i", "we"))}, {"POS": any_of(("ADV", "AUX", "PART")), "OP": "*"},
             {"LOWER": any_of(STANCE_VERBS)}],
            [{"LOWER": any_of(("i", "we"))}, {"LOWER": any_of(("am", "'m", "’m", "are", "'re",
                                                              "’re"))},
             {"POS": "ADV", "OP": "*"}, {"LOWER": any_of(SURE_WORDS)}],
            [{"LOWER": any_of(("in", "to"))}, {"LOWER": any_of(("my", "our"))},
             {"POS": "ADJ", "OP": "?"}, {"LOWER": any_of(OPINION_NOUNS)}],
        ],
        "normative": [
            [{"LOWER": any_of(NEED_VERBS), "TAG": any_of(("VBP", "VBZ"))},
             {"LOWER": "to"}, {"TAG": "VB"}],
        ],
        "outcome": [
            [{"LOWER": any_of(TURN_VERBS)}, {"LOWER": "out"}],
            [{"LOWER": any_of(OUTCOME_VERBS)}],
        ],
        "evaluative": [
            [{"LOWER": any_of(EVALUATIVE_ADJECTIVES), "DEP": any_of(("acomp", "oprd", "amod"))}],
            [{"LOWER": any_of(EVALUATIVE_NOUNS), "DEP": "attr"}],
        ],
        "scare_quote": [[{"IS_QUOTE": True}, {"IS_ALPHA": True, "OP": "+"}, {"IS_QUOTE": True}]],
        "counterfactual": [
            [{"LOWER": "had"}, {"POS": any_of(("PROPN", "PRON", "NOUN", "DET", "ADJ")), "OP": "+"},
             {"POS": "ADV", "OP": "*"}, {"TAG": "VBN"}],
            [{"LOWER": "if"}, {"LOWER": "only"}],
            [{"LOWER": "were"}, {"LOWER": "it"}, {"LOWER": "not"}],
        ],
        "reported": [
            [{"LOWER": "according"}, {"LOWER": "to"}],
            [{"LOWER": any_of(SPEECH_VERBS), "DEP": "parataxis"}],
        ],
        "disclaimer": [
            [{"LOWER": "not"}, {"LOWER": "necessarily"},
             {"LOWER": {"REGEX": "^(reflect|represent)"}}],
            [{"LOWER": "all"}, {"LOWER": "rights"}, {"LOWER": "reserved"}],
            [{"LOWER": "this"}, {"LOWER": any_of(ARTICLE_NOUNS)},
             {"LOWER": any_of(("was", "has", "is", "had"))}, {"LOWER": "been", "OP": "?"},
             {"LOWER": any_of(ARTICLE_EVENTS)}],
            [{"LOWER": "those"}, {"LOWER": "of"}, {"LOWER": "the"},
             {"LOWER": any_of(("author", "authors", "writer", "writers"))}],
            [{"IS_SENT_START": True, "LOWER": any_of(("copyright", "©"))}],
            [{"LOWER": "contributed"}, {"LOWER": "to"}, {"LOWER": "this"}],
            [{"LOWER": "contributed"}, {"LOWER": "reporting"}],
            [{"IS_SENT_START": True, "LOWER": any_of(DISCLAIMER_START)},
             {"LOWER": any_of(("up", "us", "here", "by", "to", "this", "our", "the", "©"))}],
        ],
    }


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for label, patterns in _patterns().items():
        matcher.add(label, patterns)
    return matcher


@dataclass(frozen=True)
class Cues:
    """What the parse says about a sentence.

    ``labels`` are the cues that count (they stand in a main clause); ``main_clauses`` is
    the number of main clauses (the root and each coordinated clause with its own subject)
    and ``opinion_clauses`` how many of them carry an opinion cue.
    """

    labels: frozenset[str]
    main_clauses: int
    opinion_clauses: int
    question: bool
    other: bool

    @property
    def opinion(self) -> bool:
        """Every main clause judges, speculates or advises, and nothing reports it."""
        return (
            self.main_clauses > 0
            and self.opinion_clauses == self.main_clauses
            and "reported" not in self.labels
        )


OPINION_CUES = frozenset(
    {"modal", "hedge", "frame", "first_person", "normative", "outcome", "evaluative",
     "scare_quote", "counterfactual", "imperative"}
)


def cues_of(sentence: Sentence) -> Cues:
    """The kind cues of a sentence, read from its block, words and parse."""
    span = sentence.span
    mains = _main_clauses(span)
    frames = _frame_chains(span)
    labels: set[str] = set()
    opinion_heads: set[int] = set()
    for match in _matcher(span.doc.vocab)(span, as_spans=True):
        label = match.label_
        anchor = _anchor(label, match, span)
        if anchor is None:
            continue
        if label in ("disclaimer", "reported", "stance"):
            labels.add(label)
            continue
        if anchor.i in frames or (anchor.head.i in frames and anchor.dep_ != "ccomp"):
            continue  # "I might say that …", "It should be noted that …": a frame, not a view
        clause = _clause_of(anchor, span, frames)
        if clause is None or clause.i not in mains:
            continue
        labels.add(label)
        if label in OPINION_CUES:
            opinion_heads.add(clause.i)
    root = span.root
    if _imperative(span) and root.i not in frames and root.i in mains:
        labels.add("imperative")
        opinion_heads.add(root.i)
    other = (
        sentence.block.kind in OTHER_BLOCKS
        or "disclaimer" in labels
        or _not_a_statement(span)
    )
    return Cues(frozenset(labels), len(mains), len(opinion_heads), _is_question(span), other)


def _main_clauses(span: Span) -> set[int]:
    """Token indices of the main-clause heads: each root and its subject-bearing conjuncts."""
    heads: set[int] = set()
    todo = [t for t in span if t.dep_ == "ROOT" or t.head is t] or [span.root]
    while todo:
        head = todo.pop()
        heads.add(head.i)
        for child in head.children:
            if child.dep_ == "conj" and _has_subject(child) and span.start <= child.i < span.end:
                todo.append(child)
    return heads


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _frame_chains(span: Span) -> set[int]:
    """Tokens of speech frames around a complement (``let me say``, ``it should be noted``).

    A frame is a verb of saying or reminding that has a clausal complement and a first-person,
    impersonal or absent (imperative, infinitival) subject; its chain runs up through
    ``xcomp``/``ccomp`` links (``I would like to point out that …``, ``let me say …``).
    """
    chains: set[int] = set()
    for token in span:
        if token.lower_ not in FRAME_VERBS or token.tag_ == "VBD" or not _frame_subject(token):
            continue
        if not any(c.dep_ == "ccomp" for c in token.children) and not _keep_in_mind(token):
            continue
        current = token
        chains.add(current.i)
        while current.dep_ in ("xcomp", "ccomp") and _frame_subject(current.head):
            current = current.head
            chains.add(current.i)
    return chains


def _frame_subject(verb: Token) -> bool:
    """No subject, or one that makes the verb a frame (``I say``, ``you know``, ``it is noted``)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    allowed = FRAME_SUBJECTS + (("you",) if verb.lower_ in REMINDING_VERBS else ())
    return all(s.lower_ in allowed for s in subjects)


def _keep_in_mind(verb: Token) -> bool:
    return verb.lower_ in ("keep", "bear") and any(
        c.dep_ == "prep" and any(g.lower_ == "mind" for g in c.children) for c in verb.children
    )


def _anchor(label: str, match: Span, span: Span) -> Token | None:
    """The token whose clause a Matcher hit speaks for, or None when it is not a cue here."""
    first = match[0]
    if label in ("disclaimer", "reported"):
        return first
    if label in ("hedge", "stance"):
        return first if first.dep_ in ADVERBIAL_DEPS else None
    if label == "first_person":
        if first.lower_ in ("in", "to"):
            return first
        verbs = [t for t in match if t.dep_ in ("ROOT", "conj")]
        return verbs[0] if verbs else None
    if label == "frame":
        return match[-1] if match[-1].dep_ in PREDICATE_DEPS else first
    if label == "normative":
        return first if _normative(first, match) else None
    if label == "outcome":
        return first if _outcome_predicate(first) else None
    if label == "evaluative":
        return _evaluative_predicate(first)
    if label == "scare_quote":
        inside = [t for t in match[1:-1] if t.dep_ in PREDICATE_DEPS]
        return inside[0] if inside else None
    if label == "counterfactual":
        return _counterfactual(match, span)
    return first


def _clause_of(token: Token, span: Span, frames: set[int]) -> Token | None:
    """The main-clause head a token belongs to, or None inside a subordinate clause.

    A complement of a speech frame (``let me say that …``) or of a ``That said,`` opener
    belongs to the clause of the frame.
    """
    current = token
    for _ in range(len(span) + 1):
        head = current.head
        if current.dep_ == "ROOT" or head is current or not span.start <= head.i < span.end:
            return current
        if current.dep_ == "conj" and _has_subject(current):
            return current if _clause_of(head, span, frames) is not None else None
        if current.dep_ in CLAUSE_DEPS and not (
            current.dep_ == "ccomp" and (head.i in frames or _discourse_marker(head))
        ):
            return None
        current = head
    return None


def _discourse_marker(head: Token) -> bool:
    """A ``That said, …`` root: its clause is the sentence's real main clause."""
    return (
        head.dep_ == "ROOT"
        and head.lower_ in ("said", "noted")
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "this") for c in head.children)
        and head.i + 1 < len(head.doc)
        and head.nbor(1).is_punct
    )


def _normative(verb: Token, match: Span) -> bool:
    """``need to`` with any subject; ``have to`` only with a first- or second-person one."""
    last = match[-1]
    if last.lower_ == "do" and last.i + 1 < len(match.doc) and last.nbor(1).lower_ == "with":
        return False  # "has to do with"
    if verb.lower_ in ("need", "needs"):
        return True
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return any(s.lower_ in ("i", "we", "you") for s in subjects)


def _evaluative_predicate(token: Token) -> Token | None:
    """An evaluative word that is what its clause predicates of the subject."""
    if token.dep_ in ("acomp", "oprd", "attr"):
        return token
    # amod of the predicate nominal: "is a terrible deal" (not existential "there is a …").
    noun = token.head
    if noun.dep_ not in ("attr", "oprd") or any(c.dep_ == "expl" for c in noun.head.children):
        return None
    return noun


def _outcome_predicate(verb: Token) -> bool:
    """``turned out to be X`` / ``proved (to be) X`` with a non-numeric predicate."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    complements = [c for h in heads for c in h.children if c.dep_ in PREDICATE_DEPS]
    return bool(complements) and not any(t.like_num for c in complements for t in c.subtree)


def _counterfactual(match: Span, span: Span) -> Token | None:
    """The clause an inverted conditional (``had Russia cared``) makes hypothetical."""
    had = match[0]
    if had.lower_ != "had":
        return had
    if any(c.dep_ in SUBJECT_DEPS and c.i < had.i for c in had.children):
        return None
    if had.i > span.start and had.nbor(-1).pos_ in ("PRON", "PROPN"):
        return None
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in match[1:-1]):
        return None
    current = had
    while current.dep_ not in ("advcl", "dep", "ccomp", "ROOT") and current.head is not current:
        current = current.head
    return current.head


def _imperative(span: Span) -> bool:
    """A bare-verb main clause with no subject at the start of the sentence (advice)."""
    root = span.root
    if root.tag_ != "VB" or root.dep_ != "ROOT" or _has_subject(root):
        return False
    if span.text.rstrip(CLOSING).endswith("?"):
        return False
    lead = [t for t in span[: root.i - span.start] if not (t.is_punct or t.is_space)]
    return all(t.lower_ in IMPERATIVE_LEAD for t in lead)


def _is_question(span: Span) -> bool:
    """Ends with a question mark, or opens as a wh-question with no final punctuation."""
    text = span.text.rstrip(CLOSING)
    if text.endswith("?"):
        return True
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) < 3 or text.endswith((".", "!", ":", ";")):
        return False
    return words[0].lower_ in WH_WORDS and words[1].lower_ in QUESTION_AUXILIARIES


def _not_a_statement(span: Span) -> bool:
    """A bare URL or address, no words at all, or a verbless fragment of a few words."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words or all(t.like_url or t.like_email for t in words):
        return True
    if not any(t.is_alpha for t in words):
        return True
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    return not has_verb and len(words) < 4


def kind_of(sentence: Sentence) -> Kind:
    """``other``, ``question``, ``opinion`` or ``fact``, from the sentence's block and parse."""
    cues = cues_of(sentence)
    if cues.other:
        return "other"
    if cues.question:
        return "question"
    if cues.opinion:
        return "opinion"
    return "fact"


def signals_of(sentence: Sentence) -> list[str]:
    """The cue names the check-worthiness model sees besides the words and the parse."""
    cues = cues_of(sentence)
    signals = [f"cue:{label}" for label in sorted(cues.labels)]
    signals.append(f"block:{sentence.block.kind}")
    if cues.question:
        signals.append("question")
    if cues.other:
        signals.append("other")
    if cues.opinion:
        signals.append("opinion")
    elif cues.opinion_clauses:
        signals.append("mixed")
    return signals


def model_features(sentence: Sentence, bits: int = model.DEFAULT_BITS) -> np.ndarray:
    """The hashed feature buckets the check-worthiness model scores (training uses these)."""
    return model.feature_indices(sentence.span, signals_of(sentence), bits)


def checkworthiness(sentence: Sentence) -> float:
    """0-1: how much a fact-checker would want to check the sentence (shipped model)."""
    trained = model.shipped_model()
    return round(trained.score(model_features(sentence, trained.bits)), 4)
