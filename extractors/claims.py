"""What kind of statement a sentence is, and how much it deserves checking.

``kind_of`` reads the sentence's parse. Cue words are looked up with a spaCy PhraseMatcher
(and a few patterns with a Matcher), both built once per vocabulary; a cue counts only
when the parse puts it in a *main clause* of the sentence (the root, or a coordinated
clause with its own subject), not in a reported ``ccomp``, a relative or an adverbial
clause. So "Russia should leave" is an opinion, while "Smith said Russia should leave"
is a fact: a checkable report of what Smith said.

- ``other``: headings, credits, link lines, footnote definitions and table rows (by block kind),
  disclaimers and boilerplate, bare URLs, verbless fragments of a few words;
- ``question``: ends with a question mark (rhetorical or not), or opens like a
  wh-question (``Why did …``) and has lost its final punctuation;
- ``opinion``: every main clause judges, speculates or advises: a modal of obligation,
  possibility or counterfactual (should, must, ought, would, could, might, may), an
  inverted conditional (``had Russia cared``), a hedge (probably, very likely, perhaps),
  an evaluative frame (``it is clear that``, ``it would be worth``, ``there is no doubt``),
  the writer's own stance (``I think``, ``in my view``), normative ``need to`` (``have
  to`` with I/we/you), an evaluative predicate (``was disastrous``, ``turned out to be a
  “paper tiger”``), or an imperative;
- ``fact``: everything else, including a sentence that joins a factual clause to an
  opinion (it holds a checkable claim), attitude adverbs that still assert the clause
  (``Unfortunately, three people died``), frames around a fact (``Let me point out
  that…``, ``It should be noted that…``, ``That said, …``), and a belief that hedges a
  figure or a date (``I believe there are 1.4 million uninsured children``).

``checkworthiness`` is the shipped linear model (``checkworthiness.py``) over the parse
features of the claim's own words (``claim_span``: without a speech frame or an opener
like ``Obviously,``) plus the cues above.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TypeVar

import numpy as np
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from . import checkworthiness as model
from .cues import can_say, verb_forms, words
from .cutoff import DEFAULT_MIN_CHECKWORTHINESS as DEFAULT_CUTOFF
from .records import Kind
from .sentences import Sentence, entities_in
from .token_table import (
    ALPHA_COL,
    EMAIL_COL,
    POS_COL,
    PUNCT_COL,
    SPACE_COL,
    URL_COL,
    VERB_POS,
    roots_in,
    rows_of,
)

OTHER_BLOCKS = frozenset({"heading", "credit", "related", "footnote", "table"})

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
# Predicates of "it is … that/to" frames that judge rather than report ("it is clear that").
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
    "scandal", "coincidence",
)
# What may stand before a frame noun: "it is a shame", "it's high time", not "the first time".
FRAME_NOUN_MODIFIERS = ("a", "an", "no", "high", "little", "small", "great", "real", "big")
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
COPULAS = ("am", "'m", "’m", "are", "'re", "’re", "was", "were", "be", "been", "feel", "remain")
SURE_WORDS = ("sure", "convinced", "certain", "confident", "afraid", "persuaded")
OPINION_NOUNS = ("view", "opinion", "judgment", "judgement", "estimation", "mind", "eyes", "book")
OUTCOME_VERBS = ("prove", "proves", "proved", "proven", "proving")
TURN_VERBS = ("turn", "turns", "turned", "turning")
NEED_VERBS = ("need", "needs", "have", "has", "got")
HAVE_FORMS = ("have", "has", "'ve", "’ve")
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
IMPERATIVE_LEAD = ("please", "do", "don't", "n't", "not", "just", "now", "so", "and", "but",
                   "then", "never", "always", "let", "also", "simply")
# Sentence openers of boilerplate ("Sign up for…", "Reporting by…"), with their next word.
DISCLAIMER_START = ("subscribe", "sign", "click", "follow", "share", "download", "reporting",
                    "editing", "writing")
DISCLAIMER_NEXT = ("up", "us", "here", "by", "to", "this", "our", "the")
DISCLAIMER_PHRASES = (
    "not necessarily reflect", "not necessarily reflects", "not necessarily represent",
    "not necessarily represents", "all rights reserved", "those of the author",
    "those of the authors", "those of the writer", "contributed to this report",
    "contributed to this story", "contributed to this article", "contributed reporting",
)
ARTICLE_VERBS = ("was", "is", "has", "had", "been")
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
OPENER_DEPS = frozenset({"advmod", "parataxis", "intj", "npadvmod", "prep"})
CLOSING = "\"”’'»)]} "

OPINION_CUES = frozenset(
    {"modal", "hedge", "frame", "first_person", "normative", "outcome", "evaluative",
     "scare_quote", "counterfactual", "imperative"}
)


# --- finding cue words -----------------------------------------------------------------

def _lexicon() -> dict[str, tuple[str, ...]]:
    """PhraseMatcher labels and their (lower-case) words or phrases."""
    opinion_phrases = tuple(
        f"{prep} {owner} {noun}"
        for prep in ("in", "to")
        for owner in ("my", "our")
        for noun in OPINION_NOUNS
    )
    return {
        "modal": OPINION_MODALS,
        "hedge": HEDGES,
        "stance": STANCE_ADVERBS,
        "frame_word": FRAME_WORDS + FRAME_NOUNS + ("doubt",),
        "stance_verb": STANCE_VERBS,
        "sure_word": SURE_WORDS,
        "opinion_phrase": opinion_phrases,
        "need_verb": NEED_VERBS,
        "outcome_verb": OUTCOME_VERBS + TURN_VERBS,
        "evaluative": EVALUATIVE_ADJECTIVES + EVALUATIVE_NOUNS,
        "speech_verb": SPEECH_VERBS,
        "frame_verb": FRAME_VERBS,
        "according_to": ("according to",),
        "conditional_phrase": ("if only", "were it not"),
        "disclaimer_phrase": DISCLAIMER_PHRASES,
        "article_noun": tuple(f"this {noun}" for noun in ARTICLE_NOUNS),
        "disclaimer_start": (*DISCLAIMER_START, "copyright", "©"),
    }


@lru_cache(maxsize=1)
def _readings_of() -> dict[str, tuple[str, ...]]:
    """Each cue word or phrase and the lexicon labels it stands under (``clear``: frame
    word and evaluative adjective)."""
    readings: dict[str, tuple[str, ...]] = {}
    for label, entries in _lexicon().items():
        for entry in entries:
            readings[entry] = (*readings.get(entry, ()), label)
    return readings


@lru_cache(maxsize=8)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, Matcher]:
    """The cue matchers for a vocabulary (built once: word lookups run in spaCy's C code)."""
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for entry in _readings_of():
        phrases.add(f"cue:{entry}", [Doc(vocab, words=entry.split())])
    patterns = Matcher(vocab)
    patterns.add(
        "scare_quote", [[{"IS_QUOTE": True}, {"IS_ALPHA": True, "OP": "+"}, {"IS_QUOTE": True}]]
    )
    patterns.add(
        "had_inversion",
        [[{"LOWER": "had"}, {"POS": {"IN": ["PROPN", "PRON", "NOUN", "DET", "ADJ"]}, "OP": "+"},
          {"POS": "ADV", "OP": "*"}, {"TAG": "VBN"}]],
    )
    return phrases, patterns


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
    frames: frozenset[int] = frozenset()

    @property
    def opinion(self) -> bool:
        """Every main clause judges, speculates or advises, and nothing reports it."""
        return (
            self.main_clauses > 0
            and self.opinion_clauses == self.main_clauses
            and "reported" not in self.labels
        )


_T = TypeVar("_T")


def _for_last_sentence(read: Callable[[Sentence], _T]) -> Callable[[Sentence], _T]:
    """``read``, remembering its answer for the last sentence asked about: the pipeline asks
    for a sentence's kind and then its check-worthiness, and both read the same cues. (Only
    answers that hold no Span: a Span would keep its document alive.)"""
    last: list[tuple[weakref.ref[Sentence], _T]] = []

    @wraps(read)
    def remembered(sentence: Sentence) -> _T:
        if last and last[0][0]() is sentence:
            return last[0][1]
        found = read(sentence)
        last[:] = [(weakref.ref(sentence), found)]
        return found

    return remembered


@_for_last_sentence
def cues_of(sentence: Sentence) -> Cues:
    """The kind cues of a sentence."""
    return _read_cues(sentence)


def _read_cues(sentence: Sentence) -> Cues:
    span = sentence.span
    phrases, patterns = _matchers(span.doc.vocab)
    strings = span.doc.vocab.strings
    readings = _readings_of()
    hits = [
        (label, span.doc[start:end])
        for key, start, end in phrases(span)
        for label in readings[strings[key][4:]]
    ]
    hits += [(match.label_, match) for match in patterns(span, as_spans=True)]
    frames = _frame_chains([m[0] for label, m in hits if label == "frame_verb"])
    frames |= _hedging_frames([m[0] for label, m in hits if label == "stance_verb"])
    mains = _main_clauses(span)
    labels: set[str] = set()
    opinion_heads: set[int] = set()
    for kind, match in hits:
        found = _CUE_READERS[kind](match, span) if kind in _CUE_READERS else None
        if found is None:
            continue
        label, anchor = found
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
    return Cues(
        frozenset(labels),
        len(mains),
        len(opinion_heads),
        _is_question(span),
        other,
        frozenset(frames),
    )


# --- what each cue word means here: (label, the token whose clause it speaks for) ------

Reading = tuple[str, Token] | None


def _modal(match: Span, span: Span) -> Reading:
    return ("modal", match[0]) if match[0].tag_ == "MD" else None


def _adverb(label: str) -> Callable[[Span, Span], Reading]:
    def read(match: Span, span: Span) -> Reading:
        return (label, match[0]) if match[0].dep_ in ADVERBIAL_DEPS else None

    return read


def _frame_word(match: Span, span: Span) -> Reading:
    """``it is clear that …``, ``it would be worth …``, ``it's high time``, ``no doubt``."""
    word = match[0]
    if word.lower_ == "doubt":
        if not any(c.lower_ in ("no", "little") for c in word.children):
            return None
        if word.dep_ in PREDICATE_DEPS:
            there = any(c.dep_ == "expl" for c in word.head.children)
            return ("frame", word.head) if there else None
        return ("frame", word.head) if word.dep_ in ("npadvmod", "advmod", "dep") else None
    if word.dep_ not in PREDICATE_DEPS:
        return None
    copula = word.head
    if not any(c.dep_ in SUBJECT_DEPS and c.lower_ == "it" for c in copula.children):
        return None
    if word.lower_ in FRAME_NOUNS and any(
        c.dep_ in ("det", "amod", "poss", "nummod") and c.lower_ not in FRAME_NOUN_MODIFIERS
        for c in word.children
    ):
        return None  # "it was the first time …" reports
    return ("frame", copula)


def _stance_verb(match: Span, span: Span) -> Reading:
    """``I think …``, ``we believe …`` as the clause's own verb."""
    verb = match[0]
    if verb.dep_ not in ("ROOT", "conj") or verb.tag_ == "VBD":
        return None
    return ("first_person", verb) if _subject_is(verb, ("i", "we")) else None


def _sure_word(match: Span, span: Span) -> Reading:
    """``I am sure …``, ``we are convinced …``."""
    word = match[0]
    copula = word.head
    if word.dep_ != "acomp" or copula.lower_ not in COPULAS or not _subject_is(copula, ("i", "we")):
        return None  # not "we are making sure"
    return ("first_person", word.head)


def _opinion_phrase(match: Span, span: Span) -> Reading:
    return ("first_person", match[0])


def _need_verb(match: Span, span: Span) -> Reading:
    """``need to`` with any subject; ``have to`` only with a first- or second-person one."""
    verb = match[0]
    have_got = verb.lower_ == "got" and any(c.lower_ in HAVE_FORMS for c in verb.children)
    if verb.tag_ not in ("VBP", "VBZ") and not have_got:
        return None
    complements = [
        c for c in verb.children
        if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
    ]
    if not complements:
        return None
    infinitive = complements[0]
    if infinitive.lower_ == "do" and any(c.lower_ == "with" for c in infinitive.children):
        return None  # "has to do with"
    if verb.lower_ in ("need", "needs") or _subject_is(verb, ("i", "we", "you")):
        return ("normative", verb)
    return None


def _outcome_verb(match: Span, span: Span) -> Reading:
    """``turned out to be X`` / ``proved (to be) X`` with a non-numeric predicate."""
    verb = match[0]
    if verb.lower_ in TURN_VERBS and not any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
    ):
        return None
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    complements = [c for h in heads for c in h.children if c.dep_ in PREDICATE_DEPS]
    if not complements or any(t.like_num for c in complements for t in c.subtree):
        return None
    return ("outcome", verb)


def _evaluative(match: Span, span: Span) -> Reading:
    """An evaluative word that is what its clause predicates of the subject."""
    word = match[0]
    if word.dep_ in PREDICATE_DEPS:
        return ("evaluative", word)
    if word.dep_ != "amod" or word.lower_ not in EVALUATIVE_ADJECTIVES:
        return None
    noun = word.head  # "is a terrible deal", not existential "there is a …"
    if noun.dep_ not in ("attr", "oprd") or any(c.dep_ == "expl" for c in noun.head.children):
        return None
    return ("evaluative", noun)


def _speech_verb(match: Span, span: Span) -> Reading:
    """A parenthetical ``…, he said, …`` reports the whole sentence."""
    return ("reported", match[0]) if match[0].dep_ == "parataxis" else None


def _according_to(match: Span, span: Span) -> Reading:
    return ("reported", match[0])


def _scare_quote(match: Span, span: Span) -> Reading:
    """A predicate nominal or adjective in scare quotes (``is a “paper tiger”``)."""
    inside = [t for t in match[1:-1] if t.dep_ in PREDICATE_DEPS]
    return ("scare_quote", inside[0]) if inside else None


def _conditional_phrase(match: Span, span: Span) -> Reading:
    return ("counterfactual", match[0])


def _had_inversion(match: Span, span: Span) -> Reading:
    """``had`` + subject + participle, no subject before ``had``: an inverted conditional."""
    had = match[0]
    if any(c.dep_ in SUBJECT_DEPS and c.i < had.i for c in had.children):
        return None
    if had.i > span.start and had.nbor(-1).pos_ in ("PRON", "PROPN"):
        return None
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in match[1:-1]):
        return None
    current = had
    while current.dep_ not in ("advcl", "dep", "ccomp", "ROOT") and current.head is not current:
        current = current.head
    return ("counterfactual", current.head)


def _disclaimer_phrase(match: Span, span: Span) -> Reading:
    return ("disclaimer", match[0])


def _article_noun(match: Span, span: Span) -> Reading:
    """``This article was originally published …``, ``This story has been updated …``."""
    following = [t.lower_ for t in span.doc[match.end : min(match.end + 3, span.end)]]
    if not following or following[0] not in ARTICLE_VERBS:
        return None
    rest = following[2:] if following[1:2] == ["been"] else following[1:2]
    return ("disclaimer", match[0]) if rest and rest[0] in ARTICLE_EVENTS else None


def _disclaimer_start(match: Span, span: Span) -> Reading:
    """``Copyright …``, ``Sign up for …``, ``Reporting by …`` opening the sentence."""
    word = match[0]
    if word.i != span.start:
        return None
    if word.lower_ in ("copyright", "©"):
        return ("disclaimer", word)
    following = span.doc[word.i + 1] if word.i + 1 < span.end else None
    return ("disclaimer", word) if following and following.lower_ in DISCLAIMER_NEXT else None


_CUE_READERS: dict[str, Callable[[Span, Span], Reading]] = {
    "modal": _modal,
    "hedge": _adverb("hedge"),
    "stance": _adverb("stance"),
    "frame_word": _frame_word,
    "stance_verb": _stance_verb,
    "sure_word": _sure_word,
    "opinion_phrase": _opinion_phrase,
    "need_verb": _need_verb,
    "outcome_verb": _outcome_verb,
    "evaluative": _evaluative,
    "speech_verb": _speech_verb,
    "according_to": _according_to,
    "scare_quote": _scare_quote,
    "conditional_phrase": _conditional_phrase,
    "had_inversion": _had_inversion,
    "disclaimer_phrase": _disclaimer_phrase,
    "article_noun": _article_noun,
    "disclaimer_start": _disclaimer_start,
}


# --- clauses ---------------------------------------------------------------------------

def _subject_is(verb: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in words for c in verb.children)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _main_clauses(span: Span) -> set[int]:
    """Token indices of the main-clause heads: each root and its subject-bearing conjuncts."""
    heads: set[int] = set()
    doc = span.doc
    todo = [doc[i] for i in roots_in(span)] or [span.root]
    while todo:
        head = todo.pop()
        heads.add(head.i)
        for child in head.children:
            if child.dep_ == "conj" and _has_subject(child) and span.start <= child.i < span.end:
                todo.append(child)
    return heads


def _frame_chains(verbs: list[Token]) -> set[int]:
    """Tokens of speech frames around a complement (``let me say``, ``it should be noted``).

    A frame is a verb of saying or reminding, not in the past tense, that has a clausal
    complement and a first-person, impersonal or absent (imperative, infinitival) subject;
    its chain runs up through ``xcomp``/``ccomp`` links (``I would like to point out that
    …``, ``let me say …``).
    """
    chains: set[int] = set()
    for verb in verbs:
        if verb.tag_ == "VBD" or not _frame_subject(verb):
            continue
        if not any(c.dep_ == "ccomp" for c in verb.children) and not _keep_in_mind(verb):
            continue
        current = verb
        chains.add(current.i)
        while current.dep_ in ("xcomp", "ccomp") and _frame_subject(current.head):
            current = current.head
            chains.add(current.i)
    return chains


# Verbs of belief that can hedge a claim ("hope", "wish", "feel" state wishes and moods).
BELIEF_VERBS = frozenset({"think", "believe", "guess", "suppose", "reckon"})


def _hedging_frames(verbs: list[Token]) -> set[int]:
    """``I believe`` / ``we think`` before a complement that states a figure or a date.

    "I believe there are 1.4 million children in Texas without health insurance" hedges a
    checkable claim rather than giving a view: the stance verb frames its complement, whose
    own words then decide the kind (a modal or a judgement in it still makes an opinion).
    Without a figure or a date ("I think the deal is a mistake") the stance stays a view.
    """
    frames: set[int] = set()
    for verb in verbs:
        if (
            verb.dep_ != "ROOT"
            or verb.tag_ == "VBD"
            or verb.lower_ not in BELIEF_VERBS
            or any(c.dep_ == "neg" for c in verb.children)  # "I don't think …" disputes
            or not _subject_is(verb, ("i", "we"))
        ):
            continue
        complements = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if complements and any(_figure(t) for t in complements[0].subtree):
            frames.add(verb.i)
    return frames


def _figure(token: Token) -> bool:
    """A number, an amount or a dated year: what makes a believed statement checkable."""
    return (
        token.like_num
        and token.lower_ not in ("one", "first")
        and (token.ent_type_ != "DATE" or token.is_digit)
    )


def _frame_subject(verb: Token) -> bool:
    """No subject, or one that makes the verb a frame (``I say``, ``you know``, ``it is noted``)."""
    allowed = FRAME_SUBJECTS + (("you",) if verb.lower_ in REMINDING_VERBS else ())
    return all(c.lower_ in allowed for c in verb.children if c.dep_ in SUBJECT_DEPS)


def _keep_in_mind(verb: Token) -> bool:
    return verb.lower_ in ("keep", "bear") and any(
        c.dep_ == "prep" and any(g.lower_ == "mind" for g in c.children) for c in verb.children
    )


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


def _imperative(span: Span) -> bool:
    """A bare-verb main clause with no subject at the start of the sentence (advice)."""
    root = span.root
    if root.tag_ != "VB" or root.dep_ != "ROOT" or _has_subject(root):
        return False
    if _end_text(span).endswith("?"):
        return False
    lead = span.doc[span.start : root.i]
    return all(t.is_punct or t.is_space or t.lower_ in IMPERATIVE_LEAD for t in lead)


def _end_text(span: Span) -> str:
    """The end of the sentence's text without closing quotes, brackets and spaces (as
    ``span.text.rstrip(CLOSING)`` ends; only the last few tokens are read)."""
    text = span[-4:].text.rstrip(CLOSING)
    return text if text or len(span) <= 4 else span.text.rstrip(CLOSING)


def _is_question(span: Span) -> bool:
    """Ends with a question mark, or opens as a wh-question with no final punctuation."""
    text = _end_text(span)
    if text.endswith("?"):
        return True
    if len(span) < 3 or text.endswith((".", "!", ":", ";")):
        return False
    first, second = span[0], span[1]
    return first.lower_ in WH_WORDS and second.lower_ in QUESTION_AUXILIARIES


def _not_a_statement(span: Span) -> bool:
    """A bare URL or address, no words at all, or a verbless fragment of a few words."""
    rows = rows_of(span)
    words = rows[(rows[:, PUNCT_COL] == 0) & (rows[:, SPACE_COL] == 0)]
    if not len(words) or np.all(words[:, URL_COL] | words[:, EMAIL_COL]):
        return True
    if not np.any(words[:, ALPHA_COL]):
        return True
    return len(words) < 4 and not np.any(np.isin(words[:, POS_COL], VERB_POS))


# --- the pipeline's two questions ------------------------------------------------------

def statement_kind(sentence: Sentence) -> Kind:
    """What the words and parse make of the sentence: other, question, opinion or fact."""
    cues = cues_of(sentence)
    if cues.other:
        return "other"
    if cues.question:
        return "question"
    if cues.opinion:
        return "opinion"
    return "fact"


def kind_of(sentence: Sentence, cutoff: float = DEFAULT_CUTOFF) -> Kind:
    """The record's ``kind``: a statement of fact is a ``fact`` (a claim) only when it is
    worth checking (``checkworthiness >= cutoff``); one too trivial or vague to check
    ("Thank you all for coming.") is ``other``, like boilerplate."""
    kind = statement_kind(sentence)
    if kind == "fact" and checkworthiness(sentence) < cutoff:
        return "other"
    return kind


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


def claim_span(sentence: Sentence) -> Span:
    """The part of the sentence that makes the claim: the complement of a speech frame or
    of a ``That said,`` opener (``Let me point out that [the treaty was signed in 1992]``),
    without an opening sentence adverb (``Obviously, [the port reopened in May]``)."""
    span = sentence.span
    frames = cues_of(sentence).frames
    current = span.root
    while current.i in frames or _discourse_marker(current):
        complements = [c for c in current.children if c.dep_ in ("ccomp", "xcomp")]
        if not complements:
            break
        current = complements[0]
    if current.i != span.root.i and current.lower_ not in FRAME_VERBS and _has_subject(current):
        start, end = current.left_edge.i, current.right_edge.i + 1
        return span.doc[max(start, span.start) : min(end, span.end)]
    return _without_opener(span)


def _without_opener(span: Span) -> Span:
    """The sentence without a short opener before a comma (``Obviously,``, ``That said,``)."""
    root = span.root
    for k in range(1, min(4, len(span) - 2)):
        if span[k].text != ",":
            continue
        lead = span[:k]
        tops = [t for t in lead if not (lead.start <= t.head.i < lead.end) or t.head is t]
        if len(tops) == 1 and tops[0].head.i == root.i and tops[0].dep_ in OPENER_DEPS:
            return span[k + 1 :]
        break
    return span


def model_features(
    sentence: Sentence, bits: int = model.DEFAULT_BITS, core: Span | None = None
) -> np.ndarray:
    """The hashed feature buckets the check-worthiness model scores (training uses these):
    those of the claim's own words (``core``, its ``claim_span``), plus the sentence's cues."""
    signals = signals_of(sentence)
    if core is None:
        core = claim_span(sentence)
    if len(core) < len(sentence.span):
        signals.append("framed")
    return model.feature_indices(core, signals, bits)


def reported_content(sentence: Sentence) -> Span | None:
    """The factual content a reporting frame credits to someone else: "Farmers say [the
    levy doubled their costs]", "[40 people died], officials said" (None without such a
    frame, for content that judges, and for a first-person or impersonal frame, which is
    ``claim_span``'s)."""
    span = sentence.span
    root = span.root
    if root.lower_ not in SPEECH_VERBS or _frame_subject(root):
        return None
    if not any(c.dep_ in SUBJECT_DEPS and can_say(c) for c in root.children):
        return None
    content = next((c for c in root.children if c.dep_ == "ccomp" and _has_subject(c)), None)
    if content is None or not _factual(content):
        return None
    start, end = content.left_edge.i, content.right_edge.i + 1
    return span.doc[max(start, span.start) : min(end, span.end)]


_JUDGING_MODALS = frozenset({"should", "must", "ought", "would", "could", "might", "may"})


def _factual(head: Token) -> bool:
    """A clause that states something checkable about the world rather than judges: a
    subject of its own that is no pronoun ("that's what he intended" says too little to
    check by itself), no modal of obligation or possibility ("should", "might") and no
    adjective predicate ("the plan is dangerous")."""
    if any(c.dep_ in SUBJECT_DEPS and c.tag_ in ("PRP", "DT", "EX") for c in head.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _JUDGING_MODALS for c in head.children):
        return False
    return not any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.children)


def scored_spans(sentence: Sentence) -> list[Span]:
    """The spans whose words the check-worthiness model scores: the claim's own words
    (``claim_span``) and, for a reported claim, its content (``reported_content``)."""
    core = claim_span(sentence)
    content = reported_content(sentence)
    return [core] if content is None or content == core else [core, content]


@_for_last_sentence
def checkworthiness(sentence: Sentence) -> float:
    """0-1: how much a fact-checker would want to check the sentence (shipped model, and
    the floor of a dated event). A reported claim weighs as much as its content."""
    trained = model.shipped_model()
    score = max(
        max(trained.score(model_features(sentence, trained.bits, core)), floor(core))
        for core in scored_spans(sentence)
    )
    return round(score, 4)


def floor(core: Span) -> float:
    """The least check-worthiness a claim has whatever the model says: that of a dated
    event or of a change by a multiple, else 0."""
    return max(event_floor(core), multiple_floor(core))


# The least check-worthiness of a dated event (see event_floor).
EVENT_FLOOR = 0.6
_FIGURE_ENTITIES = frozenset({"DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_PERFECT_AUX = frozenset({"had", "has", "have", "was", "were"})


def event_floor(core: Span) -> float:
    """``EVENT_FLOOR`` for a claim (a sentence's ``claim_span``) that is a dated event, else
    0: a past-tense claim whose subject is not a pronoun, with a date or a figure ("the
    mayor resigned on Friday", "the port reopened in May"). On ClaimBuster 85% of such
    statements are labelled check-worthy (248 of them); the debate-trained model
    under-scores the short ones that news is full of."""
    root = core.root
    past = root.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _PERFECT_AUX for c in root.children
    )
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not past or not subjects:
        return 0.0
    subject = subjects[0]
    if subject.tag_.startswith("PRP") or subject.lower_ in ("this", "that", "it", "there"):
        return 0.0
    return EVENT_FLOOR if any(e.label_ in _FIGURE_ENTITIES for e in entities_in(core)) else 0.0


_MULTIPLE_FORMS = frozenset(
    form for verb in words("double triple quadruple halve") for form in verb_forms(verb)
)
# An infinitive or gerund after these is an intention, not a change stated.
_NOT_STATED_DEPS = frozenset({"xcomp", "pcomp", "amod", "compound"})


def multiple_floor(core: Span) -> float:
    """``EVENT_FLOOR`` for a claim whose main verb (or one joined to it) states a change by a
    multiple, in any tense: "prices have doubled", "the levy will double their costs",
    "the tariff halved imports"; 0 for an intention ("we intend to double it", "doubling
    the budget") and without one. A multiple is a figure the entity recogniser does not
    tag; the 8 ClaimBuster statements this floors are all labelled check-worthy."""
    root = core.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    stated = any(
        v.lower_ in _MULTIPLE_FORMS and v.pos_ == "VERB" and v.dep_ not in _NOT_STATED_DEPS
        for v in verbs
    )
    return EVENT_FLOOR if stated else 0.0
