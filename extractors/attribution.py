"""Who a sentence is attributed to: speaker, cue and whether it is a direct quote.

The rules, in the order they apply to a sentence:

1. **Frames that cover a whole stretch of text.** A block that opens with ``NAME:``
   (a transcript turn, a headline like ``Poll: …``) is credited to NAME; a quotation
   followed by a dash and a name (``“…” ― Jane Doe``) to that name.
2. **A cue of the sentence's own**, outside quotation marks (cues inside a quotation are
   the quoted person's words): a reporting verb with its subject ("the Post reports",
   "officials said", "Hugh Hill, a doctor, said", inverted "said Hugh Hill"), a verb of
   stance or depiction with its object ("critics describe the plan as…"), a passive ("it
   was reported", "was endorsed by X"), a reporting noun with its content ("Trump's claim
   that…", "allegations of…"), an adjective of attitude ("was critical of"), a hearsay
   adverb ("allegedly"), "according to X", "in the view of X", "in X's words", "as X put
   it". A reporting verb needs a subject that can say things (``cues.can_say``: a
   person, group, organisation, government, publication or document, a name or a
   pronoun), never an abstract noun or an event ("Port closure signals…", "the rules
   propose…"). The outermost cue is the sentence's ``attribution`` ("Smith said Jones
   claimed…" → Smith), one with a speaker before one without; the others with a speaker
   join it in ``Credits.every`` when they frame the sentence too, are verbs of saying
   (→ Jones), or stand outside what the outermost reports ("urged … and criticized …",
   "…, she said, referring to …"). Naming ("what it called an exercise"), "That said,",
   infinitives that report nothing ("the right to know") and questions to the reader are
   no cues.
3. **A sentence wholly inside a quotation** without a cue of its own is credited to the
   speaker of that quotation: the cue of another sentence of the same quotation (also
   across paragraphs, when a quotation runs on), else of the sentence just before it in
   the paragraph (``"…," he said. "…"``), or of the one just after it; a paragraph that
   is all quotation continues the quoted speaker of the sentence before it.
4. Otherwise the sentence is plain narration: None.

``direct`` is True when most of the reported words stand in quotation marks (and always
for the sentences of rule 3).

Speakers: ``speaker_start``/``speaker_end`` cover the words that name the speaker in the
text: the named entity at the head of the subject ("Nikol Pashinyan" in "Armenia's Prime
Minister Nikol Pashinyan confirmed", "Hugh Hill" in "Hugh Hill, a doctor, said"), else the
noun phrase up to its head with the prepositional phrases after it ("a spokesman for the
campaign", "The Armenian government"), appositions and relative clauses left in the
sentence; conjoined names stay together ("Mr. Grassley and Mr. Leahy"). ``speaker`` is
that text without a possessive "'s". For a pronoun the offsets stay on the pronoun ("he",
"who") and ``speaker`` names who it stands for: a relative pronoun its antecedent;
``he``/``she`` the person named outside quotations, or credited, most recently before it
(in the nearest sentence that names one: its speaker if that is one of them, else the
first in subject position, else the first named; else the person that sentence is
credited to), looking back over runs of quotation without counting them and over at most
four sentences of narration, in the fullest form of that name in the document ("Putin" →
"Vladimir Putin"), skipping people whose title says otherwise (Mr. for "she", Mrs./Ms.
for "he"); when no one qualifies, the pronoun itself, with ``speaker_resolved`` False
(as for "I", "we", "they").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .cues import (
    ACCORDING_TO,
    APPEARANCE_VERB,
    AS_PUT_IT,
    ATTITUDE_ADJ,
    BODY_NOUNS,
    CLAUSE_ONLY_VERBS,
    CONTENT_VERB,
    CUE_NOUN,
    CUE_WORD,
    HEARSAY_ADVERB,
    PHRASAL_VERB,
    PHRASE,
    PHYSICAL_SENSE_VERBS,
    SPEECH_VERB,
    STANCE_VERB,
    VIEW_NOUN,
    Quoted,
    base_form,
    can_say,
    cue_label,
    cue_matcher,
    phrase_label,
    quoted_spans,
    untagged_name,
    verb_forms,
    words,
)
from .reading.cleanup import Block
from .records import Attribution
from .sentences import Sentence

# ---------------------------------------------------------------------------
# Quotations of the document


@dataclass(frozen=True)
class _Quote:
    """A quoted stretch in clean-text offsets, and the quotation it belongs to."""

    start: int
    end: int
    chain: int  # quotes running on over several paragraphs share a chain number


def _text_blocks(sentences: list[Sentence]) -> Iterator[tuple[Block, int]]:
    """Each text block of the sentences once, in order, with its clean-text start."""
    seen: set[int] = set()
    for sentence in sentences:
        block = sentence.block
        if block.clean_start is not None and block.clean_start not in seen:
            seen.add(block.clean_start)
            yield block, block.clean_start


def _document_quotes(text: str, sentences: list[Sentence]) -> list[_Quote]:
    quotes: list[_Quote] = []
    chain = -1
    runs_on = False
    for block, start in _text_blocks(sentences):
        end = block.clean_end if block.clean_end is not None else len(text)
        block_text = text[start:end]
        found = quoted_spans(block_text)
        for i, quoted in enumerate(found):
            continues = i == 0 and runs_on and (not quoted.opened or _at_start(block_text, quoted))
            if not continues:
                chain += 1
            quotes.append(_Quote(start + quoted.start, start + quoted.end, chain))
        runs_on = bool(found) and not found[-1].closed
    return quotes


def _at_start(text: str, quoted: Quoted) -> bool:
    return not text[: quoted.start].strip()


class _Quotes:
    """Look-ups into the document's quotations."""

    def __init__(self, quotes: list[_Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def at(self, offset: int) -> _Quote | None:
        """The quotation holding the character at ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[_Quote]:
        """The quotations overlapping ``[start, end)``."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        for quote in self.quotes[i:]:
            if quote.start >= end:
                break
            if quote.end > start:
                found.append(quote)
        return found

    def quoted_share(self, start: int, end: int) -> float:
        """The share of ``[start, end)`` that stands inside quotation marks."""
        if end <= start:
            return 0.0
        inside = sum(min(q.end, end) - max(q.start, start) for q in self.within(start, end))
        return inside / (end - start)


_WORD = re.compile(r"\w")


def _wholly_quoted(text: str, start: int, end: int, quotes: _Quotes) -> bool:
    """True when every word of ``text[start:end]`` stands inside quotation marks."""
    inside = quotes.within(start, end)
    if not inside:
        return False
    position = start
    for quote in inside:
        if _WORD.search(text, position, max(position, quote.start)):
            return False
        position = max(position, quote.end)
    return not _WORD.search(text, position, end) if position < end else True


# ---------------------------------------------------------------------------
# Candidates found by the cue matcher


@dataclass(frozen=True)
class _Candidate:
    """A cue with its speaker, before one is chosen for the sentence."""

    cue: Span
    speaker: Span | None
    speaker_name: str | None
    depth: int  # 0 for a cue that frames the whole sentence
    strong: bool
    reports: bool = True  # the cue has content of its own (a clause, a quotation)


_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_ANY_SUBJECTS = _SUBJECTS + _PASSIVE_SUBJECTS
_CLIMB = ("xcomp", "conj")
_RELATIVE = words("who which that whom whose")
_PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_SAY_VERBS = words(
    "say says said saying add adds added adding write writes wrote tell tells told ask "
    "asks asked explain explains explained note notes noted continue continues continued "
    "reply replies replied insist insists insisted argue argues argued"
)
_STANCE_OBJECTS = ("dobj", "ccomp", "xcomp", "prep", "oprd", "dative")


def _subject_of(verb: Token) -> Token | None:
    """The verb's own subject, active or passive (no climbing), or None."""
    return next((c for c in verb.children if c.dep_ in _ANY_SUBJECTS), None)


def _source_like(subject: Token) -> bool:
    """A subject that can hold a view: not an empty "it"/"there" or a bare "this"."""
    if subject.lower_ in ("that", "which"):
        return subject.tag_ == "WDT"  # a relative pronoun stands for its antecedent
    return subject.lower_ not in ("it", "there", "this")


_CUE_PREFIX_DEPS = ("aux", "auxpass", "neg")
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})
_NO_SPEAKER = words(
    "note update editor correction watch photo video source related read listen "
    "subscribe disclaimer summary background question answer warning advertisement "
    "sponsored caption credit tags"
)


_SETTINGS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _target(child: Token) -> bool:
    """Whether a verb's dependent is what a stance is taken on: an object or complement,
    or a prepositional phrase that is not a place or a time ("reported from Kabul")."""
    if child.dep_ != "prep":
        return child.dep_ in _STANCE_OBJECTS
    return not any(c.dep_ == "pobj" and c.ent_type_ in _SETTINGS for c in child.children)


def _climb_to_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, looking through xcomp/conj/participle chains.

    Returns (subject, passive); a passive verb gives its ``by`` agent as subject, or None.
    """
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:  # of two (a misparse), the one nearest before the verb
            before = [c for c in subjects if c.i < current.i]
            return (before[-1] if before else subjects[0]), False
        passive = any(
            c.dep_ in _PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "agent") for c in current.children
        )
        if passive and _quoted_saying(current):  # "X was quoted (by Y) as saying…": X said it
            return _subject_of(current), False
        if passive:
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return pobj, True
        if current.dep_ in _CLIMB or (current.dep_ == "advcl" and current.tag_ == "VBG"):
            current = current.head
            continue
        if _misparsed_main_verb(current):  # "Kall, the director of debate, compared…"
            root = current.sent.root
            return (root if root.pos_ in _NOMINAL else current.head), False
        if current.dep_ == "acl" and current.tag_ == "VBG":  # "a statement saying"
            noun = current.head
            if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
                current = noun.head if noun.dep_ == "dobj" else noun.head.head
                continue
            return noun, False
        break
    return None, False


_NOMINAL = ("NOUN", "PROPN")
_RELAYING_FORMS = frozenset(
    form for verb in words("quote cite report record hear overhear") for form in verb_forms(verb)
)


def _quoted_saying(verb: Token) -> bool:
    """A passive that relays someone's words: "was quoted as saying", "was heard telling",
    "was reported to have said" (the passive's subject is the speaker; a ``by`` agent is
    only the medium)."""
    if verb.lower_ not in _RELAYING_FORMS:
        return False
    saying = [c for c in verb.children if c.tag_ == "VBG" or c.dep_ == "xcomp"]
    saying += [  # "as saying", and "as warning" tagged as a noun
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pcomp"
    ]
    return any(cue_label(g) is not None for g in saying)


def _misparsed_main_verb(verb: Token) -> bool:
    """A sentence's main verb that the parser hung on a noun as a clause of it: a finite
    verb ("compared", tagged VBD) or any such verb in a sentence whose root is a noun
    ("Linden, the mayor's rival, called Friday for a recount", rooted on "Linden")."""
    if verb.dep_ != "acl":
        return False
    root = verb.sent.root
    return verb.tag_ == "VBD" or (root.pos_ in _NOMINAL and root.i < verb.i)


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after the verb: ``"…," said Hugh Hill``."""
    if verb.lower_ not in _SAY_VERBS:
        return None
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "dative") and child.pos_ in (
            "PROPN",
            "NOUN",
        ):
            return child
        if child.dep_ not in ("punct", "advmod", "prt"):
            break
    return None


def _antecedent(subject: Token, anchor: Token) -> Token:
    """What a relative pronoun subject ("which", "that") stands for; else the subject."""
    if subject.lower_ not in ("which", "that") or subject.tag_ != "WDT":
        return subject
    clause = anchor
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else _noun_before(subject)


def _noun_before(relative: Token) -> Token:
    """The noun a misparsed relative pronoun follows ("the Department which reported")."""
    doc = relative.doc
    i = relative.i - 1
    while i >= relative.sent.start and doc[i].is_punct:
        i -= 1
    if i >= relative.sent.start and doc[i].pos_ in ("NOUN", "PROPN"):
        return doc[i]
    return relative


def _phrase(doc: Doc, head: Token) -> Span:
    """The whole noun phrase of a head token, without edge punctuation."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in ")]" and "(" in doc[start : end - 1].text:
            break
        end -= 1
    return doc[start:end] if end > start else doc[head.i : head.i + 1]


def _entity_of(token: Token) -> Span | None:
    """The named entity (of an actor-like type) that holds the token."""
    if token.ent_type_ not in _ENTITY_TYPES:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _name_span(head: Token) -> Span:
    """The words that name the speaker whose phrase has this head.

    The named entity at the head ("Nikol Pashinyan" in "Armenia's Prime Minister Nikol
    Pashinyan", "Hugh Hill" in "Hugh Hill, a doctor"), else a person named in apposition
    ("Carlos Mendes" in "the port's director, Carlos Mendes,"), else the phrase up to its head with
    the prepositional phrases right after it ("a spokesman for the campaign"), without
    appositions and relative clauses.
    """
    doc = head.doc
    conjuncts = [c for c in head.rights if c.dep_ == "conj"]
    if conjuncts:  # "Mr. Grassley and Mr. Leahy"
        first, last = _name_span_alone(head), _name_span(conjuncts[-1])
        return doc[min(first.start, last.start) : max(first.end, last.end)]
    return _name_span_alone(head)


def _name_span_alone(head: Token) -> Span:
    entity = _entity_of(head)
    if entity is not None:
        return entity
    if untagged_name(head):  # "Paulo Neves" of "Paulo Neves of the institute"
        return head.doc[min(c.left_edge.i for c in head.lefts) : head.i + 1]
    for child in _appositions(head):  # "the port's director, Carlos Mendes," names him
        if child.ent_type_ == "PERSON":
            named = _entity_of(child)
            if named is not None:
                return named
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in ("prep", "compound", "nummod", "amod", "case"):
            break
        if any(t.is_punct for t in doc[end : child.i]):
            break
        end = child.right_edge.i + 1
        # not the apposition or relative clause of the preposition's object
        cut = next((t.i for t in doc[child.i : end] if t.text in _PHRASE_BREAKS), None)
        if cut is not None:
            end = cut
            break
    start = min([head.i] + [c.left_edge.i for c in head.lefts])
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


_PHRASE_BREAKS = frozenset({",", ";", "(", "—", "–", "―"})


def _appositions(head: Token) -> list[Token]:
    """The appositions of a phrase, also one the parser hangs on the object of its
    preposition ("the mayor of Velm, Jonas Brink," with "Jonas Brink" on "Velm")."""
    found = [c for c in head.rights if c.dep_ == "appos"]
    for prep in (c for c in head.rights if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [c for c in pobj.rights if c.dep_ == "appos"]
    return found


def _name_of(head: Token) -> str:
    """A short name for the speaker whose phrase has this head."""
    return _strip_possessive(_name_span(head).text)


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].rstrip()
    return text


def _cue_span(doc: Doc, verb: Token, end: int) -> Span:
    """The verb with the auxiliaries and negation right before it: "has not said"."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if (child.dep_ in _CUE_PREFIX_DEPS and child.i >= start - 3) or (
            child.dep_ == "advmod" and child.i == start - 1 and start < verb.i
        ):
            start = child.i
    return doc[start:end]


def _depth(token: Token) -> int:
    """Steps from the sentence root; a parenthetical reporting clause counts as the root."""
    depth = 0
    current = token
    while current.dep_ != "ROOT" and current.head.i != current.i and depth < 20:
        if current.dep_ == "parataxis" or (
            current.dep_ in ("ccomp", "advcl")
            and current.i > current.head.i
            and any(t.is_punct for t in current.doc[current.head.i : current.left_edge.i])
            and current.head.dep_ == "ROOT"
            and _ends_sentence(current)
        ):
            return depth
        if current.dep_ not in ("conj", "xcomp"):
            depth += 1
        current = current.head
    return depth


def _ends_sentence(token: Token) -> bool:
    """True when nothing but punctuation follows the token's clause in its sentence."""
    sent_end = token.sent.end
    return all(t.is_punct or t.is_space for t in token.doc[token.right_edge.i + 1 : sent_end])


def _trailing_frame(content: Token, verb: Token) -> bool:
    """``CONTENT, SUBJECT VERB`` ending the sentence: the content before a comma, the
    reporting verb last (a headline's "…, study finds")."""
    between = content.doc[content.right_edge.i + 1 : verb.i]
    return (
        _ends_sentence(verb)
        and len(between) > 0
        and between[0].text == ","
        and any(t.dep_ in _SUBJECTS for t in between)
    )


_FRAME_WORDS = 12  # the most words between a closing quotation and its reporting verb


class _Finder:
    """Builds the cue candidates of one document."""

    def __init__(self, doc: Doc, quotes: _Quotes) -> None:
        self.doc = doc
        self.quotes = quotes

    def quoted(self, token: Token) -> bool:
        return self.quotes.at(token.idx) is not None

    def introduces_content(self, verb: Token, end: int) -> bool:
        """Whether a verb reports something: a clause, a quotation or a reporting frame."""
        doc = self.doc
        for child in verb.children:
            if child.dep_ in ("ccomp", "parataxis", "oprd"):
                return True
            if child.dep_ == "xcomp" and child.i > verb.i:
                return True
            if child.dep_ == "mark" and child.lower_ == "as":
                return True
            if child.dep_ == "dep" and child.i < verb.i and _trailing_frame(child, verb):
                return True  # "Heat deaths rising faster than forecast, study finds"
        if verb.dep_ == "parataxis":
            return True
        if verb.dep_ in ("ccomp", "advcl") and verb.i > verb.head.i and _ends_sentence(verb):
            return True
        after = doc[end] if end < len(doc) else None
        if after is not None and after.text in (":", "—", "–"):
            return True
        # next to a quotation: ``"…," she added`` or ``added: "…"`` / ``added, "…"``
        left = verb.left_edge.i if verb.left_edge.i < verb.i else verb.i
        window = doc[max(left - 3, verb.sent.start) : min(end + 3, verb.sent.end)]
        return any(self.quoted(t) for t in window)

    def from_verb(self, start: int, end: int, strong: bool) -> _Candidate | None:
        doc = self.doc
        verb = doc[start]
        if verb.pos_ not in ("VERB", "AUX") and not verb.tag_.startswith("VB"):
            return None
        if verb.dep_ == "amod" or (
            verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misparsed_main_verb(verb)
        ):
            return None  # "the reported deal", "a deal announced Friday"
        if _naming(verb) or _idiom(verb):
            return None
        reports = self.introduces_content(verb, end)
        if not strong and not reports and not self.bare_frame(verb, end):
            if _base_of(verb) in CLAUSE_ONLY_VERBS:
                return None
            return self.from_stance(start, end)
        subject, _passive = _climb_to_subject(verb)
        if subject is None or self.quoted(subject):  # '"…it will," said James Acton'
            inverted = _inverted_subject(verb)
            if inverted is not None and can_say(inverted):  # not "said Thursday morning"
                subject = inverted
        if (subject is None or self.quoted(subject)) and strong and not _passive:
            subject = self.after_quotation(verb) or subject
        cue = _cue_span(doc, verb, end)
        anchor = verb
        if verb.dep_ == "xcomp" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX"):
            anchor = verb.head  # "continued to call for", "declined to say"
            cue = doc[_cue_span(doc, anchor, anchor.i + 1).start : end]
        return self._candidate(cue, subject, verb, _depth(anchor), strong, reports)

    def after_quotation(self, verb: Token) -> Token | None:
        """The speaker between a closing quotation and its verb that the parser hung
        elsewhere: ``"…," Flynn, a top adviser, said`` (``Flynn`` parsed as an apposition
        inside the quotation). The first name or sayer noun after the quotation."""
        doc = self.doc
        start = verb.i
        while start > verb.sent.start and not self.quoted(doc[start - 1]):
            start -= 1
        if start == verb.sent.start or verb.i - start > _FRAME_WORDS:
            return None  # no quotation just before the frame
        for token in doc[start : verb.i]:
            if token.pos_ in ("NOUN", "PROPN") and can_say(token):
                entity = _entity_of(token)
                return entity.root if entity is not None else token
        return None

    def from_stance(self, start: int, end: int) -> _Candidate | None:
        """A verb of stance with a source as subject and a target: "Clinton attacked Trump"."""
        doc = self.doc
        verb = doc[start]
        if verb.pos_ != "VERB" or verb.dep_ in ("amod", "pcomp") or _naming(verb):
            return None
        if _base_of(verb) in PHYSICAL_SENSE_VERBS and not _verbal(verb):
            return None
        subject, passive = _climb_to_subject(verb)
        if (  # "it was reported that…", "was described as…"; not "none was called until May"
            subject is None
            and passive
            and verb.dep_ not in ("acl", "relcl")
            and any(_target(c) for c in verb.children)
        ):
            return self._candidate(
                _cue_span(doc, verb, end), None, verb, _depth(verb) + 1, False, False
            )
        if subject is None or not _source_like(subject):
            return None
        if not passive and not any(_target(c) for c in verb.children):
            return None
        return self._candidate(
            _cue_span(doc, verb, end), subject, verb, _depth(verb) + 1, False, False
        )

    def from_appearance(self, start: int, end: int) -> _Candidate | None:
        """ "It seems that…", "he appears to…": an inference credited to no one."""
        verb = self.doc[start]
        if not any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd") for c in verb.children):
            return None
        return _Candidate(_cue_span(self.doc, verb, end), None, None, _depth(verb), False, False)

    def bare_frame(self, verb: Token, end: int) -> bool:
        """A short sentence that is only a reporting frame: ``Graham asked.``

        The sentence splitter cuts ``"…?" Graham asked.`` after the question mark; the
        quotation before it is credited to this frame.
        """
        sent = verb.sent
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if len(words) > 6 or any(t.dep_ in ("dobj", "prep", "pobj") for t in words):
            return False
        before = verb.doc[sent.start - 1] if sent.start > 0 else None
        return before is not None and (self.quoted(before) or before.is_quote)

    def from_adjective(self, start: int) -> _Candidate | None:
        """A source's attitude: "Graham has been critical of Trump"."""
        doc = self.doc
        adjective = doc[start]
        if adjective.dep_ == "acomp" and adjective.head.pos_ in ("AUX", "VERB"):
            verb = adjective.head
        elif adjective.dep_ == "ROOT":
            verb = adjective
        else:
            return None
        complement = any(
            c.dep_ in ("prep", "ccomp", "xcomp") and c.i > adjective.i for c in adjective.children
        )
        if not complement:
            return None
        subject = _subject_of(verb)
        if subject is None or not _source_like(subject):
            return None
        end = adjective.i + 1
        after = doc[end] if end < len(doc) else None
        if after is not None and after.dep_ == "prep" and after.head.i == adjective.i:
            end += 1
        cue = (
            doc[_cue_span(doc, verb, verb.i + 1).start : end]
            if verb.i < adjective.i
            else doc[start:end]
        )
        return self._candidate(cue, subject, verb, _depth(verb) + 1, False, False)

    def from_noun(self, start: int) -> _Candidate | None:
        doc = self.doc
        noun = doc[start]
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    break
        has_content = any(
            c.dep_ in ("acl", "ccomp", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in noun.children
        ) or any(c.dep_ == "prep" and c.lower_ in ("of", "about", "on") for c in noun.children)
        following = doc[start + 1] if start + 1 < len(doc) else None
        has_content = has_content or (following is not None and following.text == ":")
        by_admission = noun.dep_ == "pobj" and noun.head.lower_ in ("by", "in")
        if not has_content and not (owner is not None and by_admission):
            return None  # "Trump's statement" names a statement; it does not report one
        cue = doc[start : start + 1]
        return self._candidate(cue, owner, noun, _depth(noun) + 1, False)

    def from_view(self, start: int) -> _Candidate | None:
        """``in X's view``, ``in the words of X``."""
        doc = self.doc
        noun = doc[start]
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "in":
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if owner is None:
            return None
        end = noun.i + 1
        if owner.i > noun.i:
            end = owner.head.i + 1  # "in the words of"
        return self._candidate(doc[prep.i : end], owner, noun, 0, True)

    def from_according(self, start: int, end: int) -> _Candidate | None:
        doc = self.doc
        to = doc[start + 1]
        owner = next((c for c in to.children if c.dep_ == "pobj"), None)
        if owner is None:
            owner = next((c for c in doc[start].children if c.dep_ == "pobj"), None)
        return self._candidate(doc[start:end], owner, doc[start], 0, True)

    def from_put_it(self, start: int, end: int) -> _Candidate | None:
        doc = self.doc
        verb = doc[start]
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
        return self._candidate(doc[start:end], subject, verb, 0, True)

    def _candidate(
        self,
        cue: Span,
        subject: Token | None,
        anchor: Token,
        depth: int,
        strong: bool,
        reports: bool = True,
    ) -> _Candidate | None:
        if subject is not None and self.quoted(subject):
            subject = None
        if subject is not None and not can_say(_antecedent(subject, anchor)):
            return None  # "Port closure signals…", "the rules propose…"
        speaker = name = None
        if subject is not None:
            speaker = _name_span(subject)
            name = _strip_possessive(speaker.text)
            if subject.lower_ in _RELATIVE:
                speaker = self.doc[subject.i : subject.i + 1]
                clause = anchor
                while clause.dep_ != "relcl" and clause.head.i != clause.i:
                    clause = clause.head
                name = _name_of(clause.head if clause.dep_ == "relcl" else _noun_before(subject))
            elif subject.lower_ in _PERSON_PRONOUNS:
                speaker = self.doc[subject.i : subject.i + 1]
                name = subject.text
        return _Candidate(cue, speaker, name, depth, strong, reports)

    def candidates(self) -> list[_Candidate]:
        """Every cue in the document outside quotations, one per cue word.

        Where matches start at the same word, the longest one that is a cue wins
        ("called for" over "called").
        """
        doc = self.doc
        strings = doc.vocab.strings
        by_start: dict[int, list[tuple[str, int]]] = {}
        for match_id, start, end in cue_matcher(doc.vocab)(doc):
            by_start.setdefault(start, []).append((strings[match_id], end))
        found = []
        for start, matches in by_start.items():
            if self.quoted(doc[start]) or _unasserted(doc[start]):
                continue
            for label, end in sorted(matches, key=lambda m: -m[1]):
                candidate = self.from_match(self.label_of(label, start), start, end)
                if candidate is not None:
                    found.append(candidate)
                    break
        return found

    def label_of(self, label: str, start: int) -> str | None:
        """The cue class of a match: single words and pairs are sorted by part of speech."""
        if label == CUE_WORD:
            return cue_label(self.doc[start])
        if label == PHRASE:
            return phrase_label(self.doc[start], self.doc[start + 1])
        return label

    def from_match(self, label: str | None, start: int, end: int) -> _Candidate | None:
        """The candidate a match of this class makes, or None when it is no cue here."""
        if label in (SPEECH_VERB, PHRASAL_VERB):
            return self.from_verb(start, end, True)
        if label == CONTENT_VERB:
            return self.from_verb(start, end, False)
        if label == STANCE_VERB:
            return self.from_stance(start, end)
        if label == APPEARANCE_VERB:
            return self.from_appearance(start, end)
        if label == CUE_NOUN:
            return self.from_noun(start)
        if label == VIEW_NOUN:
            return self.from_view(start)
        if label == ATTITUDE_ADJ:
            return self.from_adjective(start)
        if label == HEARSAY_ADVERB:
            return _Candidate(self.doc[start:end], None, None, 1, False, False)
        if label == ACCORDING_TO:
            return self.from_according(start, end)
        if label == AS_PUT_IT:
            return self.from_put_it(start, end)
        return None


def _base_of(verb: Token) -> str:
    return base_form(verb.lower_)


def _verbal(verb: Token) -> bool:
    """An attack with words: on a person ("attacked Trump") or as something ("as a fraud")."""
    for child in verb.children:
        if child.dep_ == "dobj" and (
            child.ent_type_ == "PERSON" or child.lower_ in _OBJECT_PRONOUNS
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("as", "over"):
            return True
    return False


_OBJECT_PRONOUNS = words("him her them me us")


_NAMING_VERBS = words("call dub label term name brand christen")


def _naming(verb: Token) -> bool:
    """ "what it called an exercise": a free relative that names, not a report."""
    return _base_of(verb) in _NAMING_VERBS and any(
        c.lower_ == "what" and c.tag_ == "WP" for c in verb.children
    )


def _idiom(verb: Token) -> bool:
    """ "That said," / "This said,": a discourse connective, not a report."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return (
        verb.lower_ == "said"
        and after is not None
        and after.text == ","
        and any(c.dep_ in _SUBJECTS and c.lower_ in ("that", "this") for c in verb.children)
    )


def _unasserted(cue: Token) -> bool:
    """A cue that reports nothing said: an infinitive of purpose or after a noun or
    adjective ("the right to know", "necessary to show"), one put to the reader
    ("Do you know…?", "Now tell us…"), a question that asks what was said ("What does
    the decision say about Moscow?": its only content is the question word), what
    someone should say ("they should admit that…"), or a source's request not to be
    named."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) and (
        cue.head.pos_ in ("NOUN", "ADJ", "PROPN") or cue.dep_ in ("advcl", "acl")
    ):
        return True
    if _asks_what(cue) or _obliged(cue) or _anonymity(cue):
        return True
    subject = next((c for c in cue.children if c.dep_ in _SUBJECTS), None)
    if subject is not None:
        return subject.lower_ == "you" and _is_question(cue.sent)
    return cue.dep_ == "ROOT" and cue.tag_ == "VB" and cue.i == cue.sent.start + _lead(cue.sent)


_UNNAMED = words("named identified quoted")


def _anonymity(cue: Token) -> bool:
    """A source's request not to be named ("officials, who asked not to be identified,
    said…"): about the source, not a report of what it said."""
    return any(
        c.dep_ == "xcomp"
        and c.lower_ in _UNNAMED
        and any(n.dep_ == "neg" for n in c.children)
        for c in cue.children
    )


_OBLIGATION = words("should must ought")


def _obliged(cue: Token) -> bool:
    """What someone should say, not what they said: "the members should admit that…"
    ("must have expected", a guess about the past, and "I must say", saying it, still
    credit)."""
    if any(c.dep_ in _SUBJECTS and c.lower_ in ("i", "we") for c in cue.children):
        return False
    verb = cue
    while not _auxiliaries(verb) and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head  # "should give it the power or admit that…"
    auxiliaries = _auxiliaries(verb)
    return any(a in _OBLIGATION for a in auxiliaries) and "have" not in auxiliaries


def _auxiliaries(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ == "aux"]


def _asks_what(cue: Token) -> bool:
    """A question whose reporting verb has a question word for object and no clause of
    content ("What did the minister say about the cuts?")."""
    return (
        any(c.dep_ == "dobj" and c.tag_ == "WP" for c in cue.children)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children)
        and _is_question(cue.sent)
    )


def _is_question(sent: Span) -> bool:
    """Whether a sentence ends with a question mark."""
    return sent.text.rstrip().endswith("?")


def _lead(sent: Span) -> int:
    """How many adverbs and punctuation marks open the sentence ("Now tell us…")."""
    count = 0
    for token in sent:
        if not (token.is_punct or token.pos_ in ("ADV", "INTJ", "CCONJ")):
            break
        count += 1
    return count


def _rank(candidate: _Candidate) -> tuple[int, int, int, int, int]:
    return (
        0 if candidate.speaker is not None else 1,
        candidate.depth,
        0 if candidate.reports else 1,
        0 if candidate.strong else 1,
        candidate.cue.start,
    )


# ---------------------------------------------------------------------------
# Frames over whole stretches: "NAME: …" and "“…” ― NAME"

_DASH_CREDIT = re.compile(
    r"[”\"»]\s*(?P<dash>[―—–]|--)\s*"
    r"(?P<name>[A-Z](?:[^\n“”\"«»―—–.!?:;]|(?<![A-Za-z][A-Za-z])(?<=[A-Z])\.){0,80}?)"
    r"[.\s]*(?=\n|$|[“\"«])"
)  # a name may hold initials: "― Edwin G. Monroy"


def _colon_frame(sentence: Sentence) -> _Candidate | None:
    """``PENCE: Well, …`` or ``Poll: Voters …`` at the start of a block; in a headline
    also ``Warren Hammers CEO: ‘You Should…’`` and ``Obama on Climate: …``."""
    span = sentence.span
    if sentence.block.clean_start != sentence.start_char:
        return None
    colon = next((t for t in span[:12] if t.text == ":"), None)
    if colon is None or colon.i == span.start or colon.i >= span.end - 1:
        return None
    doc = span.doc
    head = doc[span.start : colon.i]
    words = [t for t in head if not t.is_punct]
    if not words or any(t.lower_ in _NO_SPEAKER for t in words):
        return None
    if len(words) <= 5 and _speaker_label(words):
        entity = _entity_of(words[-1])
        name = _strip_possessive(entity.text) if entity is not None else head.text
        return _Candidate(doc[colon.i : colon.i + 1], head, name, -1, True)
    headline = sentence.index == 0 or sentence.block.kind == "heading"
    quoted = doc[colon.i + 1].is_quote or doc[colon.i + 1].text in "‘“\"'"
    topic = any(t.lower_ == "on" for t in words[1:3])
    entity = _entity_of(words[0])
    if headline and (quoted or topic) and entity is not None and entity.end <= colon.i:
        return _Candidate(doc[colon.i : colon.i + 1], entity, entity.text, -1, True)
    return None


def _speaker_label(words: list[Token]) -> bool:
    """Words that can label a speaker: a name, shouted ``PENCE``, titled ``Poll``."""
    if len(words) == 1 and len(words[0].text) == 1:
        return False
    named = all(t.ent_type_ in _ENTITY_TYPES for t in words)
    shouted = all(t.is_upper or not t.is_alpha for t in words) and any(t.is_alpha for t in words)
    titled = all(t.is_title or not t.is_alpha for t in words) and words[0].pos_ in ("PROPN", "NOUN")
    return named or shouted or titled


def _dash_credits(doc: Doc, text: str, sentences: list[Sentence]) -> list[tuple[_Candidate, int]]:
    """``“…” ― Jane Doe`` ending a line: each credit and the offset of its closing mark."""
    found = []
    for block, start in _text_blocks(sentences):
        end = block.clean_end if block.clean_end is not None else len(text)
        for match in _DASH_CREDIT.finditer(text, start, end):
            dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
            name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
            if dash is None or name is None or len(name) > 6:
                continue
            found.append((_Candidate(dash, name, name.text.strip(), -1, True), match.start()))
    return found


# ---------------------------------------------------------------------------
# Pronoun speakers


class _People:
    """The people named in a document (outside quotations), for "he said" / "she said"."""

    def __init__(self, doc: Doc, quotes: _Quotes) -> None:
        self.mentions = [
            e for e in doc.ents if e.label_ == "PERSON" and quotes.at(e.start_char) is None
        ]
        self.starts = [e.start_char for e in self.mentions]
        self.fullest: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        for entity in self.mentions:
            name = _strip_possessive(entity.text)
            last = name.split()[-1] if name.split() else name
            if len(name) > len(self.fullest.get(last, "")):
                self.fullest[last] = name
            before = doc[entity.start - 1].lower_.rstrip(".") if entity.start > 0 else ""
            first = entity[0].lower_.rstrip(".")
            for title in (before, first):
                if title == "mr":
                    self.gender[last] = "m"
                elif title in ("mrs", "ms", "miss"):
                    self.gender[last] = "f"

    def full_name(self, name: str) -> str:
        """The longest form of this person's name in the document."""
        parts = name.split()
        return self.fullest.get(parts[-1], name) if parts else name

    def fits(self, name: str, gender: str) -> bool:
        """False when a title in the document says the person is of the other gender."""
        parts = name.split()
        return not parts or self.gender.get(parts[-1], gender) == gender

    def between(self, start: int, end: int, gender: str) -> list[Span]:
        """The people named in ``[start, end)`` whose title does not contradict."""
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [e for e in self.mentions[i:j] if self.fits(_strip_possessive(e.text), gender)]


_WINDOW = 4  # sentences of narration back in which a pronoun's antecedent is looked for


def _resolve(
    found: _Candidate,
    sentence: Sentence,
    sentences: list[Sentence],
    people: _People,
    speakers: dict[int, str],
    quoted: list[bool],
) -> _Candidate:
    """A "he"/"she" speaker named after the person it most likely stands for.

    The antecedent is looked for in this sentence before the pronoun, then sentence by
    sentence back: the nearest sentence that names a fitting person gives that sentence's
    speaker if it is one of them, else the first one in subject position, else the first
    one named; one that names no one but is credited to a fitting person gives that
    person. Sentences that are all quotation (a run of the speaker's quoted words) are
    passed over without counting; the search stops after four sentences of narration.
    """
    if found.speaker is None or len(found.speaker) != 1:
        return found
    gender = _PERSON_PRONOUNS.get(found.speaker[0].lower_)
    if gender is None:
        return found
    narration = 0
    index = sentence.index
    while index >= 0 and narration < _WINDOW:
        current = sentences[index]
        end = found.speaker.start_char if index == sentence.index else current.end_char
        named = people.between(current.start_char, end, gender)
        spoken = speakers.get(index) if index != sentence.index else None
        if named:
            names = [_strip_possessive(e.text) for e in named]
            if spoken is not None and any(people.full_name(n) == spoken for n in names):
                return replace(found, speaker_name=spoken)
            subjects = [
                n
                for n, e in zip(names, named, strict=True)
                if e.root.dep_ in ("nsubj", "nsubjpass")
            ]
            return replace(found, speaker_name=people.full_name((subjects or names)[0]))
        if spoken is not None and people.fits(spoken, gender):
            return replace(found, speaker_name=spoken)
        if not quoted[index] and index != sentence.index:
            narration += 1
        index -= 1
    return found


_GROUP_PRONOUNS = {"it": False, "they": True}  # pronoun -> plural
_GROUP_WINDOW = 2  # sentences of narration back in which "it"/"they" is looked for
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _fits_group(head: Token, plural: bool) -> bool:
    """Whether a speaker's head can be what "it" (one organisation, government,
    publication…) or "they" (a group of people, a plural, or a body of people named in
    the singular: "the campaign") stands for."""
    if head.pos_ == "PRON" or head.ent_type_ == "PERSON" or not can_say(head):
        return False
    if plural:  # also a body of people named in the singular: "the team … they said"
        return head.tag_ in _PLURAL_TAGS or head.ent_type_ == "NORP" or head.lower_ in BODY_NOUNS
    if head.tag_ not in ("NN", "NNP"):
        return False
    return head.ent_type_ in ("ORG", "GPE") or head.lower_ in BODY_NOUNS


def _resolve_group(
    found: _Candidate,
    sentence: Sentence,
    sentences: list[Sentence],
    groups: dict[int, Span],
    quoted: list[bool],
) -> _Candidate:
    """An "it"/"they" speaker named after what it most likely stands for, if that is an
    organisation or a publication ("it") or a group or a plural ("they") that can say
    things: a subject before it in its sentence ("China … said it was opposed"), else
    the speaker credited in the sentences just before, else the subject of one of them.
    Up to two sentences of narration back (runs of quotation do not count); the speaker
    stays the pronoun (``speaker_resolved: false``) when nothing fits."""
    if found.speaker is None or len(found.speaker) != 1:
        return found
    plural = _GROUP_PRONOUNS.get(found.speaker[0].lower_)
    if plural is None:
        return found
    pronoun = found.speaker[0]
    before = [  # "China … said it was opposed": a subject earlier in the sentence
        t
        for t in sentence.span.doc[sentence.span.start : pronoun.i]
        if t.dep_ in _ANY_SUBJECTS and _fits_group(t, plural)
    ]
    if before:
        return replace(found, speaker_name=_name_of(before[-1]))
    narration = 0
    index = sentence.index - 1
    while index >= 0 and narration < _GROUP_WINDOW:
        credited = groups.get(index)
        if credited is not None:
            if _fits_group(credited.root, plural):
                return replace(found, speaker_name=_strip_possessive(credited.text))
            return found  # the speaker just before is someone else: leave it open
        subject = _subject_of(sentences[index].span.root)
        if subject is not None and not quoted[index] and _fits_group(subject, plural):
            return replace(found, speaker_name=_name_of(subject))
        if not quoted[index]:
            narration += 1
        index -= 1
    return found


# ---------------------------------------------------------------------------
# The sentence-by-sentence decision


def _by_sentence(
    candidates: Iterable[_Candidate], sentences: list[Sentence]
) -> list[list[_Candidate]]:
    starts = [s.span.start for s in sentences]
    grouped: list[list[_Candidate]] = [[] for _ in sentences]
    for candidate in candidates:
        i = bisect_right(starts, candidate.cue.start) - 1
        if i >= 0 and candidate.cue.start < sentences[i].span.end:
            grouped[i].append(candidate)
    return grouped


_PRONOUNS = words("i me we us you he him she her it they them")


def _found(candidate: _Candidate, direct: bool) -> Attribution:
    speaker = candidate.speaker
    name = candidate.speaker_name
    unresolved = speaker is not None and name is not None and name.lower() in _PRONOUNS
    return Attribution(
        speaker=candidate.speaker_name if speaker is not None else None,
        speaker_start=speaker.start_char if speaker is not None else None,
        speaker_end=speaker.end_char if speaker is not None else None,
        cue=candidate.cue.text,
        cue_start=candidate.cue.start_char,
        cue_end=candidate.cue.end_char,
        direct=direct,
        speaker_resolved=not unresolved,
    )


def _is_direct(candidate: _Candidate, sentence: Sentence, quotes: _Quotes) -> bool:
    """Most of the sentence, less its speaker, its cue and the cue's own setting ("in a
    commentary", "on Sunday"), stands in quotation marks."""
    start, end = sentence.start_char, sentence.end_char
    length = end - start
    quoted = quotes.quoted_share(start, end) * length
    speaker = _speaker_phrase(candidate.speaker) if candidate.speaker is not None else None
    for part in (speaker, candidate.cue, *_settings(candidate.cue.root, quotes)):
        if part is not None and start <= part.start_char and part.end_char <= end:
            length -= part.end_char - part.start_char
    return length > 0 and quoted / length >= 0.5


_SETTING_DEPS = frozenset({"prep", "npadvmod", "advmod"})


def _settings(cue: Token, quotes: _Quotes) -> list[Span]:
    """The phrases of a cue verb that say where, when or how it was said, none of it
    quoted ("wrote X, in a commentary on the study")."""
    found = []
    for child in cue.children:
        if child.dep_ not in _SETTING_DEPS:
            continue
        phrase = cue.doc[child.left_edge.i : child.right_edge.i + 1]
        if quotes.quoted_share(phrase.start_char, phrase.end_char) == 0:
            found.append(phrase)
    return found


def _speaker_phrase(speaker: Span) -> Span:
    """The whole phrase that names the speaker, appositions included ("the company's chief
    executive, Maria Holm," for the speaker "Maria Holm"): words of the frame, not of
    what is reported."""
    head = speaker.root
    while head.dep_ == "appos" and head.head is not head:
        head = head.head
    start, end = min(head.left_edge.i, speaker.start), max(head.right_edge.i + 1, speaker.end)
    return speaker.doc[start:end]


def find_attributions(doc: Doc, sentences: list[Sentence]) -> list[Attribution | None]:
    """One attribution (or None) per sentence, the outermost, with clean-text offsets."""
    return [found.outermost for found in credits_of(doc, sentences)]


@dataclass(frozen=True)
class Credits:
    """The attributions of one sentence: the outermost, and every one in text order."""

    outermost: Attribution | None
    every: tuple[Attribution, ...]


def credits_of(doc: Doc, sentences: list[Sentence]) -> list[Credits]:
    """The attributions of each sentence (clean-text offsets)."""
    if not sentences:
        return []
    text = doc.text  # built from the tokens on every access: read it once
    quotes = _Quotes(_document_quotes(text, sentences))
    grouped = _by_sentence(_Finder(doc, quotes).candidates(), sentences)
    starts = [s.span.start for s in sentences]
    people = _People(doc, quotes)
    quoted = [_wholly_quoted(text, s.start_char, s.end_char, quotes) for s in sentences]
    result: list[Attribution | None] = [None] * len(sentences)
    others: list[list[Attribution]] = [[] for _ in sentences]
    speakers: dict[int, str] = {}  # sentence index -> name of its person speaker
    groups: dict[int, Span] = {}  # sentence index -> its speaker that is no person
    by_chain: dict[int, Attribution] = {}
    for credit, closing in _dash_credits(doc, text, sentences):
        quote = quotes.at(closing)
        if quote is not None:
            by_chain[quote.chain] = _found(credit, True)
        grouped[bisect_right(starts, credit.cue.start) - 1].append(credit)
    turn: Attribution | None = None  # a "NAME:" frame over the rest of its block
    turn_block: int | None = None
    for sentence in sentences:
        i = sentence.index
        outer: _Candidate | None = None  # the sentence's outermost cue
        if turn is not None and sentence.block.clean_start != turn_block:
            turn = None
        colon = _colon_frame(sentence)
        if colon is not None:
            turn = _found(colon, False)
            turn_block = sentence.block.clean_start
        if turn is not None:
            result[i] = turn
        for n, candidate in enumerate(sorted(grouped[i], key=_rank)):
            candidate = _resolve(candidate, sentence, sentences, people, speakers, quoted)
            candidate = _resolve_group(candidate, sentence, sentences, groups, quoted)
            found = _found(candidate, _is_direct(candidate, sentence, quotes))
            if n == 0 and turn is None:
                result[i] = found
                if candidate.speaker_name and _is_person(candidate.speaker):
                    speakers[i] = candidate.speaker_name
                elif candidate.speaker is not None and candidate.speaker_name:
                    groups[i] = candidate.speaker
                for quote in quotes.within(sentence.start_char, sentence.end_char):
                    by_chain.setdefault(quote.chain, replace(found, direct=True))
                outer = candidate
            elif _also_credited(candidate, outer):
                others[i].append(found)
    _credit_quotations(text, sentences, quotes, result, by_chain)
    credits = []
    for outermost, rest in zip(result, others, strict=True):
        every = sorted([*([outermost] if outermost else []), *rest], key=lambda a: a.cue_start)
        credits.append(Credits(outermost, tuple(every)))
    return credits


def _also_credited(candidate: _Candidate, outermost: _Candidate | None) -> bool:
    """Whether a cue besides the sentence's outermost one is an attribution of its own:
    one with a speaker that frames the sentence too, is a verb of saying ("Smith said
    Jones claimed…"), or stands outside what the outermost reports (joined to it: "urged
    … and criticized …", or beside it: "…, she said, referring to …")."""
    if candidate.speaker is None:
        return False
    if outermost is not None and _overlaps(candidate.cue, outermost.cue):
        return False  # part of the outermost cue ("was reported" in "was reported to have said")
    if outermost is None or candidate.depth == 0 or candidate.strong:
        return True
    return not _reported_by(candidate.cue.root, outermost.cue.root)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "pobj", "pcomp"})


def _reported_by(token: Token, cue: Token) -> bool:
    """Whether ``token`` stands in what ``cue`` reports (its complement or object)."""
    current = token
    while current.head.i != current.i:
        if current.head.i == cue.i:
            return current.dep_ in _CONTENT_DEPS or current.dep_ == "prep"
        current = current.head
    return False


def _is_person(speaker: Span | None) -> bool:
    if speaker is None:
        return False
    return any(t.ent_type_ == "PERSON" for t in speaker) or speaker[0].lower_ in _PERSON_PRONOUNS


def _credit_quotations(
    text: str,
    sentences: list[Sentence],
    quotes: _Quotes,
    result: list[Attribution | None],
    by_chain: dict[int, Attribution],
) -> None:
    """Credit the sentences wholly inside a quotation to that quotation's speaker."""
    for sentence in sentences:
        i = sentence.index
        if result[i] is not None:
            continue
        if not _wholly_quoted(text, sentence.start_char, sentence.end_char, quotes):
            continue
        inside = quotes.within(sentence.start_char, sentence.end_char)
        credited = next((by_chain[q.chain] for q in inside if q.chain in by_chain), None)
        if credited is None:
            credited = _neighbour(sentences, result, i)
        if credited is not None:
            result[i] = replace(credited, direct=True)
            for quote in inside:
                by_chain.setdefault(quote.chain, result[i])  # type: ignore[arg-type]


_SHORT_FRAME = 8  # tokens: "Graham asked." after a quotation is its frame


def _neighbour(
    sentences: list[Sentence], result: list[Attribution | None], i: int
) -> Attribution | None:
    """The direct attribution of the sentence before (or else after) in the same block;
    for a paragraph that opens with quotation, that of the sentence before it."""
    block = sentences[i].block.clean_start
    before = result[i - 1] if i > 0 else None
    if before is not None and before.direct:
        previous = sentences[i - 1]
        if previous.block.clean_start == block or previous.text.rstrip().endswith(":"):
            return before
    after = result[i + 1] if i + 1 < len(sentences) else None
    if (
        after is not None
        and sentences[i + 1].block.clean_start == block
        and (after.direct or len(sentences[i + 1].span) <= _SHORT_FRAME)
    ):
        return after
    if before is not None and before.direct and sentences[i].start_char == block:
        return before  # a paragraph of quotation runs on from the quoted speaker before it
    return None
