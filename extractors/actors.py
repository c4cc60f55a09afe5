"""Actors: people, organisations, countries, places and groups, with canonical names.

Two components run after the statistical ``ner``: the gazetteer (``gazetteer.py``), which
corrects the types of place and nationality names, and ``claimcite_actors``, which splits
credits at slashes (``Jane Doe / AP``), finds acronyms defined in the text
(``International Criminal Court (ICC)``), tags every mention of them with their
expansion's type, and tags an undefined acronym that the model recognised somewhere
(``NATO``) wherever it appears. ``find_actors`` then gives each
mention its canonical name within the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .gazetteer import POSSESSIVES, TITLE_WORDS, after_place_word, core_bounds

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
ACRONYMS_EXTENSION = "claimcite_acronyms"
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*")


@dataclass(frozen=True)
class FoundActor:
    """An actor mention in the clean text (offsets into it) and its canonical name."""

    start: int
    end: int
    text: str
    type: str
    name: str


def is_acronym(word: str) -> bool:
    """Two to eight letters with at least two capitals and mostly capitals (``CSTO``, ``CoE``)."""
    if not 2 <= len(word) <= 8 or not _ACRONYM.fullmatch(word):
        return False
    return sum(c.isupper() for c in word) * 2 > len(word)


def long_form_start(acronym: str, words: list[str]) -> int | None:
    """The index of the word where the long form of ``acronym`` starts, or None.

    Schwartz & Hearst (2003): the acronym's letters, matched right to left, occur in order
    in the candidate words, and its first letter starts a word. ``CSTO`` in
    ``[the, Collective, Security, Treaty, Organization]`` → 1.
    """
    text = " ".join(words)
    letters = [c.lower() for c in acronym if c.isalnum()]
    if not letters:
        return None
    pos = len(text) - 1
    for n in range(len(letters) - 1, -1, -1):
        letter = letters[n]
        while pos >= 0 and (
            text[pos].lower() != letter or (n == 0 and pos > 0 and text[pos - 1].isalnum())
        ):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    start_char = pos + 1
    return text.count(" ", 0, start_char)


@dataclass(frozen=True)
class Acronym:
    """An acronym defined in the text: its long form's name and entity type."""

    expansion: str
    label: str


def apply_labels(doc: Doc, wanted: list[tuple[int, int, str]]) -> None:
    """Give each token range its label, fitting it among the doc's entities.

    An entity that is the range plus a leading "the" or a possessive is relabelled (its
    bounds kept); entities inside the range give way to it; a longer entity that holds
    the range is left alone (``the CSTO summit`` stays whatever it was).
    """
    ents = list(doc.ents)  # sorted and non-overlapping: their ends are sorted too
    starts, ends = [e.start for e in ents], [e.end for e in ents]
    changed = False
    for start, end, label in wanted:
        hit = range(bisect_right(ends, start), bisect_left(starts, end))  # overlapping ones
        if len(hit) == 1 and core_bounds(ents[hit[0]]) == (start, end):
            ent = ents[hit[0]]
            if ent.label_ != label:
                ents[hit[0]] = Span(doc, ent.start, ent.end, label=label)
                changed = True
        elif all(start <= core_bounds(ents[n])[0] and ents[n].end <= end for n in hit):
            ents[hit.start : hit.stop] = [Span(doc, start, end, label=label)]
            starts[hit.start : hit.stop], ends[hit.start : hit.stop] = [start], [end]
            changed = True
    if changed:
        doc.ents = ents


def _definitions(doc: Doc) -> dict[str, tuple[Span, str]]:
    """Acronyms defined as ``Long Form (ACR)``: the long form's span and type, by acronym."""
    found: dict[str, tuple[Span, str]] = {}
    orth = doc.to_array([ORTH]).reshape(-1)
    opening = doc.vocab.strings["("]
    for i in np.flatnonzero(orth == opening).tolist():
        if i == 0 or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not is_acronym(acronym) or acronym in found:
            continue
        long_form = _long_form(doc, i, acronym)
        if long_form is not None:
            found[acronym] = long_form
    return found


def _long_form(doc: Doc, paren: int, acronym: str) -> tuple[Span, str] | None:
    before = doc[paren - 1]
    if before.ent_type_ and before.ent_iob_ in ("B", "I"):
        ent = next(e for e in doc.ents if e.start <= before.i < e.end)
        start, end = core_bounds(ent)
        words = [t.text for t in doc[start:end]]
        if ent.end == paren and long_form_start(acronym, words) == 0:
            return doc[start:end], ent.label_
    # Schwartz & Hearst look at most min(|A| + 5, 2|A|) words back; tokens split words at
    # hyphens, so twice as many tokens.
    sent_start = before.sent.start if doc.has_annotation("SENT_START") else 0
    window = max(sent_start, paren - 2 * min(len(acronym) + 5, len(acronym) * 2))
    words = [t.text for t in doc[window:paren]]
    first = long_form_start(acronym, words)
    if first is None:
        return None
    span = doc[window + first : paren]
    if not span[0].is_title or len(span) < 2:
        return None
    return span, "ORG"


def tag_acronyms(doc: Doc) -> Doc:
    """Tag every mention of an acronym with the type of its definition or usual entity."""
    defined = _definitions(doc)
    apply_labels(doc, [(span.start, span.end, label) for span, label in defined.values()])
    labels = {acronym: label for acronym, (_, label) in defined.items()}
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        start, end = core_bounds(ent)
        word = doc[start].text
        if end - start == 1 and is_acronym(word) and word not in labels:
            votes.setdefault(word, Counter())[ent.label_] += 1
    for acronym, counter in votes.items():
        # Only organisations: an acronym the model calls a place or a group is as often
        # its mistake (``RT`` as GPE), and places come from the gazetteer.
        if counter.most_common(1)[0][0] == "ORG":
            labels[acronym] = "ORG"
    if labels:
        orth = doc.to_array([ORTH]).reshape(-1)
        mentions = [
            (i, i + 1, label)
            for acronym, label in labels.items()
            for i in np.flatnonzero(orth == doc.vocab.strings[acronym]).tolist()
            if not _in_capitals_run(doc, i)
        ]
        apply_labels(doc, mentions)
    doc._.set(
        ACRONYMS_EXTENSION,
        {word: Acronym(_plain_name(span), labels[word]) for word, (span, _) in defined.items()},
    )
    return doc


def _in_capitals_run(doc: Doc, i: int) -> bool:
    """The token stands among other all-capital words (a heading in capitals)."""
    neighbours = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    return any(
        t.is_alpha and t.is_upper and len(t) > 1 and not is_acronym(t.text) for t in neighbours
    )


if not Doc.has_extension(ACRONYMS_EXTENSION):
    Doc.set_extension(ACRONYMS_EXTENSION, default=None)


def split_at_slashes(doc: Doc) -> Doc:
    """Split an entity that a slash runs through (a credit ``Jane Doe / AP``) into its parts.

    Each part keeps the entity's type, except a lone acronym, which is an organisation.
    """
    ents = list(doc.ents)
    if not any(t.text == "/" for e in ents for t in e):
        return doc
    kept: list[Span] = []
    for ent in ents:
        cuts = [t.i for t in ent if t.text == "/"]
        if not cuts:
            kept.append(ent)
            continue
        bounds = zip([ent.start, *(c + 1 for c in cuts)], [*cuts, ent.end], strict=True)
        for start, end in bounds:
            part = doc[start:end]
            while len(part) and (part[0].is_space or part[0].is_punct):
                part = part[1:]
            while len(part) and (part[-1].is_space or part[-1].is_punct):
                part = part[:-1]
            if len(part):
                single_acronym = len(part) == 1 and is_acronym(part.text)
                label = "ORG" if single_acronym else ent.label_
                kept.append(Span(doc, part.start, part.end, label=label))
    doc.ents = kept
    return doc


def tag_surnames(doc: Doc) -> Doc:
    """Tag as PERSON a lone surname that the model missed or mistyped but the doc names in
    full.

    ``Ardern arrived late. Prime Minister Jacinda Ardern ...``: the first ``Ardern`` is a
    person too. A proper noun outside any entity is tagged when no other capitalised word
    follows it (``the Ardern Foundation``); a one-word organisation, place or group that is
    the surname (``Alston, 58, was found guilty`` read as a place) becomes the person,
    unless it stands after ``in``, ``from``… (``Jack London … in London``) or qualifies a
    noun (``the Bronfman associates``).
    """
    surnames = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = _name_tokens(ent)
            if len(name) > 1 and name[-1].is_title:
                surnames.add(name[-1].orth)
    if not surnames:
        return doc
    orth = doc.to_array([ORTH]).reshape(-1)
    found = [
        Span(doc, i, i + 1, label="PERSON")
        for i in np.flatnonzero(np.isin(orth, list(surnames))).tolist()
        if doc[i].ent_type == 0
        and doc[i].pos_ == "PROPN"
        and not (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].is_alpha)
    ]
    mistyped = [
        (start, end, "PERSON")
        for ent in doc.ents
        if ent.label_ in ("ORG", "GPE", "LOC")
        for start, end in [core_bounds(ent)]
        if end - start == 1
        and doc[start].orth in surnames
        and not after_place_word(doc[start:end])
        and not _names_something_else(doc[start])
    ]
    if mistyped:
        apply_labels(doc, mistyped)
    if found:
        doc.set_ents(found, default="unmodified")
    return doc


# Nouns that end the name of a thing named after a person: an entity the model reads as a
# PERSON that ends in one (``the C.F. Hansen Medal``) is no person, and no actor.
# fmt: off
THING_HEADS = frozenset(
    {
        "medal", "prize", "award", "awards", "trophy", "cup", "lecture", "fellowship",
        "scholarship", "bridge", "street", "avenue", "road", "square", "hall", "building",
        "tower", "stadium", "arena", "airport", "park", "station", "doctrine",
    }
)
# fmt: on


def _named_thing(ent: Span) -> bool:
    last = ent.doc[core_bounds(ent)[1] - 1]
    return ent.label_ == "PERSON" and len(ent) > 1 and last.is_title and last.lower_ in THING_HEADS


def untag_named_things(doc: Doc) -> Doc:
    """Drop a PERSON entity whose last word is a capitalised noun for a thing (``Medal``,
    ``Prize``, ``Bridge``): a thing named after someone."""
    ents = doc.ents
    kept = [e for e in ents if not _named_thing(e)]
    if len(kept) < len(ents):
        doc.ents = kept
    return doc


# Little words that stay in lower case inside a place name (``Rio de Janeiro``).
_NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "la", "le", "les", "of", "the",
     "al", "el", "am", "an", "upon", "on", "sur", "en"}
)  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# What follows a dateline's place: its region or country, a date, the agency, a dash and the
# first word of the story (``, Brazil, March 3 (Reuters) - Floods``).
_DATELINE_END = re.compile(
    r"(?:,\s*(?:[A-Z][a-z][\w.]*|[A-Z]\.[A-Z]\.)(?: [A-Z][a-z][\w.]*)*)*"
    r"(?:,?\s*" + _MONTH + r"\s\d{1,2}|,?\s*[A-Z][a-z]+day)?"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"\s*(?:--|[-–—])\s+(?=[\"“‘'A-Z0-9])"
)


@lru_cache(maxsize=8)
def _dateline_matcher(vocab: Vocab) -> Matcher:
    """A run of words in capitals followed by a comma, a bracket or a dash."""
    matcher = Matcher(vocab)
    place = {"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 2}}
    after = {"ORTH": {"IN": [",", "(", "-", "–", "—", "--"]}}
    matcher.add("DATELINE", [[place, *[dict(place, OP="?")] * 3, after]], greedy="LONGEST")
    return matcher


def title_case_name(words: str) -> str:
    """``RIO DE JANEIRO`` → ``Rio de Janeiro``: a place name written in capitals, as a name."""
    parts = words.split()
    return " ".join(
        w.lower() if n and w.lower() in _NAME_PARTICLES else w.capitalize()
        for n, w in enumerate(parts)
    )


def tag_datelines(doc: Doc) -> Doc:
    """Tag the place of a wire story's dateline as GPE, named in title case.

    A dateline opens a line with a place in capitals, then a comma, a date or an agency
    in brackets, and a dash within a few words: ``LISBON, March 3 (Reuters) -``,
    ``VILNIUS (AP) —``. The place is one whatever the model or the gazetteer make of it.
    """
    text = doc.text
    found: list[Span] = []
    for _, start, end in _dateline_matcher(doc.vocab)(doc):
        name = doc[start : end - 1]
        line_start = text.rfind("\n", 0, name.start_char) + 1
        if text[line_start : name.start_char].strip() or not _DATELINE_END.match(
            text, name.end_char
        ):
            continue
        found.append(
            Span(doc, name.start, name.end, label="GPE", kb_id=title_case_name(name.text))
        )
    if found:
        taken = {i for span in found for i in range(span.start, span.end)}
        others = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(others + found, key=lambda e: e.start)
    return doc


def unify_place_names(doc: Doc) -> Doc:
    """A one-word NORP that the document also tags as a GPE is that place (``Aarhus
    Cathedral`` after ``in Aarhus``). Nationality words are left alone: the gazetteer has
    already made every mention of them NORP."""
    singles = [(ent, core_bounds(ent)) for ent in doc.ents]
    places = {doc[s].orth for ent, (s, e) in singles if e - s == 1 and ent.label_ == "GPE"}
    wanted = [
        (start, end, "GPE")
        for ent, (start, end) in singles
        if end - start == 1 and ent.label_ == "NORP" and doc[start].orth in places
    ]
    if wanted:
        apply_labels(doc, wanted)
    return doc


def _names_something_else(word: Token) -> bool:
    """The surname qualifies a plural noun (``Bronfman interests``) or is glued to another name by a
    slash (``Guber/Peters``): a family, a firm, not the person."""
    doc = word.doc
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    before = doc[word.i - 1] if word.i > 0 else None
    if (after is not None and after.text == "/") or (before is not None and before.text == "/"):
        return True
    return after is not None and after.tag_ == "NNS" and word.dep_ == "compound"


@Language.component("claimcite_actors")
def actors_component(doc: Doc) -> Doc:
    """spaCy component: credits split at slashes, acronyms typed like their definition,
    surnames the model missed tagged like the full name, things named after people
    untagged, datelines' places tagged, a place's name typed alike everywhere."""
    doc = tag_surnames(tag_acronyms(split_at_slashes(doc)))
    return unify_place_names(tag_datelines(untag_named_things(doc)))


def add_actor_components(nlp: Language) -> None:
    """Add the components that correct the statistical model's actor types."""
    from . import gazetteer as _  # noqa: F401  (registers the gazetteer factory)

    if "claimcite_gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("claimcite_gazetteer", after="ner" if "ner" in nlp.pipe_names else None)
    if "claimcite_actors" not in nlp.pipe_names:
        nlp.add_pipe("claimcite_actors", after="claimcite_gazetteer")


def strip_possessive(text: str) -> str:
    """``Russia’s`` → ``Russia``; ``the Smiths'`` → ``the Smiths``."""
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _plain_name(span: Span) -> str:
    """The span's words without a leading "the", a trailing possessive or line breaks; an
    organisation of one word keeps an "'s" that the model counted in its name ("Moody's",
    "McDonald's"; not "Goldman Sachs's", "the Danube Basin Commission's")."""
    start, end = core_bounds(span)
    doc = span.doc
    one_word = end - start == 1 and not doc[start].lower_.endswith("s")
    if end < span.end and span.label_ == "ORG" and one_word:
        end = span.end
    return " ".join(doc[start:end].text.split())


def _name_tokens(ent: Span) -> Span:
    """A person's name without the titles before it (``Prime Minister Nikol Pashinyan``)."""
    start, end = core_bounds(ent)
    doc = ent.doc
    while end - start > 1 and doc[start].lower_.rstrip(".") in TITLE_WORDS:
        start += 1
    return doc[start:end]


# Words for a relative: a full name introduced by one (``her son, Niels Vinter``) is a
# relative of the story's subject, who shares the surname and owns it.
# fmt: off
KIN_WORDS = frozenset(
    {
        "son", "sons", "daughter", "daughters", "wife", "husband", "widow", "widower",
        "brother", "brothers", "sister", "sisters", "mother", "father", "parents",
        "grandson", "granddaughter", "grandfather", "grandmother", "grandchildren",
        "nephew", "niece", "cousin", "uncle", "aunt", "stepson", "stepdaughter",
        "stepfather", "stepmother", "spouse", "children", "child", "twin",
    }
)
# fmt: on


@dataclass(frozen=True)
class PersonMention:
    """A person mention as ``surname_owner`` sees it: its place, words, a title before it,
    and whether a word for a relative introduces it (``her son, Niels Vinter``)."""

    index: int
    words: tuple[str, ...]
    titled: bool = False
    kin: bool = False


def surname_owner(index: int, surname: str, people: Sequence[PersonMention]) -> str | None:
    """The full name that a one-word mention of a person (at ``index``) refers to.

    A full name has two words or more, all capitalised, the last being the surname.
    When several full names share it (``Barack Obama``, ``Michelle Obama``), the one the
    doc names most often wins, then the nearest one before the mention, then the first
    after it; but a full name only ever introduced as someone's relative (``her son,
    Niels Vinter``) gives way to one that is not: the surname alone is the subject's. A
    person first introduced by title and surname (``President Obama``) before
    any full name is someone the later full names need not be: the surname stays.
    """
    counts: Counter[tuple[str, ...]] = Counter()
    last_seen: dict[tuple[str, ...], int] = {}
    not_kin: set[tuple[str, ...]] = set()
    first_mention: PersonMention | None = None
    for person in people:
        full = person.words
        if not full or full[-1] != surname:
            continue
        if first_mention is None or person.index < first_mention.index:
            first_mention = person
        if len(full) > 1 and all(w[:1].isupper() for w in full):
            counts[full] += 1
            if not person.kin:
                not_kin.add(full)
            if person.index < index or full not in last_seen:
                last_seen[full] = person.index
    if not counts or first_mention is None:
        return None
    if not_kin:
        counts = Counter({full: n for full, n in counts.items() if full in not_kin})
    if first_mention.titled and len(first_mention.words) == 1:
        return None

    def rank(full: tuple[str, ...]) -> tuple[int, int, int]:
        seen = last_seen[full]
        return (counts[full], seen < index, seen if seen < index else -seen)

    best: tuple[str, ...] = max(counts, key=rank)
    return " ".join(best)


def _person_mention(index: int, ent: Span) -> PersonMention:
    name = _name_tokens(ent)
    words = tuple(t.text for t in name if t.lower_ not in POSSESSIVES)
    doc = ent.doc
    before = doc[name.start - 1] if name.start > 0 else None
    titled = before is not None and before.lower_.rstrip(".") in TITLE_WORDS
    if before is not None and before.text == "," and before.i > 0:
        before = doc[before.i - 1]
    kin = before is not None and before.is_lower and before.lower_ in KIN_WORDS
    return PersonMention(index, words, titled, kin)


def find_actors(doc: Doc) -> list[FoundActor]:
    """Every actor mention in the document, with its canonical name, in text order."""
    acronyms: dict[str, Acronym] = doc._.get(ACRONYMS_EXTENSION) or {}
    ents = [e for e in doc.ents if e.label_ in ACTOR_TYPES]
    people = [_person_mention(n, e) for n, e in enumerate(ents) if e.label_ == "PERSON"]
    found = []
    for n, ent in enumerate(ents):
        name = ent.kb_id_ or _plain_name(_name_tokens(ent) if ent.label_ == "PERSON" else ent)
        if name in acronyms:
            name = acronyms[name].expansion
        elif ent.label_ == "PERSON" and " " not in name:
            name = surname_owner(n, name, people) or name
        found.append(FoundActor(ent.start_char, ent.end_char, ent.text, ent.label_, name))
    return found
