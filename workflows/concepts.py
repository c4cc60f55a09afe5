"""Words folded to concepts: a claim restated in other words keeps its concepts.

:func:`concept_key` is :func:`~claimcite.extractors.words.word_key` (stem, country and
demonym folding) plus British/American spelling and a small table of the synonyms news
writing swaps when it restates a fact (``formed``/``established``/``founded``,
``refused``/``rejected``/``turned down``, ``aid``/``help``/``assistance``).
:data:`OPPOSITES` pairs concepts that contradict each other (``refuse``/``agree``).
"""

from __future__ import annotations

import re
from functools import cache

from ..extractors.words import word_key

# Each group: the concept (first word) and the words that state it. General news
# vocabulary, not the wording of any one article.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("found", "establish", "form", "create", "set-up", "launch", "inaugurate"),
    ("refuse", "reject", "decline", "rebuff", "deny", "ignore", "turn-down", "dismiss", "spurn"),
    ("agree", "accept", "grant", "approve", "consent"),
    ("help", "aid", "assist", "assistance", "support", "rescue", "relief"),
    ("request", "appeal", "ask", "plea", "petition", "call-for", "seek"),
    ("attack", "strike", "assault", "raid", "bomb", "shell", "invade", "invasion", "offensive"),
    ("kill", "slay", "murder", "massacre"),
    ("death", "dead", "fatality", "casualty", "die"),
    ("say", "state", "tell", "announce", "declare", "report"),
    ("confirm", "acknowledge", "admit", "concede", "verify"),
    (
        "increase",
        "rise",
        "grow",
        "raise",
        "hike",
        "climb",
        "jump",
        "surge",
        "soar",
        "boost",
        "go-up",
    ),
    ("decrease", "fall", "drop", "cut", "reduce", "shrink", "plunge", "slump", "lower"),
    ("leave", "withdraw", "exit", "quit", "pull-out", "abandon", "depart", "walk-out"),
    ("join", "accede", "enter"),
    ("sign", "conclude", "ink"),
    ("meet", "meeting", "talks", "summit"),
    ("win", "victory", "triumph"),
    ("lose", "defeat", "loss"),
    ("arrest", "detain", "apprehend", "detention"),
    ("ban", "prohibit", "outlaw", "forbid"),
    ("build", "construct", "construction"),
    ("buy", "purchase", "acquire", "acquisition"),
    ("sell", "sale"),
    ("payment", "spend", "spending", "cost"),
    ("ship", "vessel", "boat", "carrier", "freighter", "tanker"),
    ("troop", "soldier", "force", "army", "military"),
    ("weapon", "arm", "arms", "munition"),
    ("war", "conflict", "hostility", "fighting", "fight", "clash", "combat"),
    ("border", "frontier", "boundary"),
    ("member", "membership"),
    ("organization", "organisation", "body", "alliance", "bloc"),
    ("country", "state", "nation"),
    ("government", "authority", "administration", "cabinet"),
    ("president", "leader", "head"),
    ("worker", "employee", "staff", "workforce"),
    ("strike", "walkout", "stoppage"),
    ("wage", "pay", "salary", "earnings"),
    ("protest", "demonstration", "rally", "protester", "demonstrator"),
    ("vote", "ballot"),
    ("survey", "poll"),  # in news a poll is most often a survey of opinion, not a ballot
)
# Concepts that contradict each other: one claim says one, the other the opposite.
_OPPOSITE_PAIRS: tuple[tuple[str, str], ...] = (
    ("refuse", "agree"),
    ("deny", "confirm"),
    ("increase", "decrease"),
    ("win", "lose"),
    ("join", "leave"),
    ("ban", "agree"),
)
# Irregular past forms a stemmer leaves alone.
_IRREGULAR: dict[str, str] = {
    **{"withdrew": "withdraw", "withdrawn": "withdraw", "left": "leave", "went": "go"},
    **{"goes": "go", "does": "do", "did": "do", "done": "do", "has": "have", "had": "have"},
    **{"gone": "go", "took": "take", "taken": "take", "fell": "fall", "fallen": "fall"},
    **{"rose": "rise", "risen": "rise", "began": "begin", "begun": "begin", "broke": "break"},
    **{"broken": "break", "struck": "strike", "fought": "fight", "sought": "seek"},
    **{"won": "win", "lost": "lose", "paid": "pay", "sold": "sell", "bought": "buy"},
    **{"built": "build", "met": "meet", "said": "say", "told": "tell", "held": "hold"},
    **{"led": "lead", "sent": "send", "spent": "spend", "kept": "keep", "gave": "give"},
    **{"given": "give", "made": "make", "brought": "bring", "came": "come", "became": "become"},
    **{"ran": "run", "saw": "see", "seen": "see", "drew": "draw", "drawn": "draw"},
    **{"grew": "grow", "grown": "grow", "shot": "shoot", "thought": "think", "chose": "choose"},
    **{"chosen": "choose", "froze": "freeze", "frozen": "freeze", "flew": "fly", "flown": "fly"},
    **{"sank": "sink", "sunk": "sink", "stole": "steal", "stolen": "steal", "hid": "hide"},
    **{"forbade": "forbid", "forbidden": "forbid", "undertook": "undertake", "wrote": "write"},
    **{"written": "write", "spoke": "speak", "spoken": "speak", "fled": "flee", "slew": "slay"},
}
# British and American spellings of the same word.
_SPELLINGS: dict[str, str] = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "centre": "center",
    "theatre": "theater",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "litre": "liter",
    "labour": "labor",
    "favour": "favor",
    "honour": "honor",
    "colour": "color",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "programme": "program",
    "tonne": "ton",
    "tonnes": "tons",
}
_ISE = re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations)$")


def american(word: str) -> str:
    """A lower-case word in American spelling (``organisation`` → ``organization``)."""
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    return _ISE.sub(r"\1iz\2", word)


@cache
def _concepts() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        concept = word_key(group[0])
        for word in group:
            key = "-".join(word_key(american(part)) for part in word.split("-"))
            table.setdefault(key, concept)
    return table


@cache
def concept_key(word: str) -> str:
    """The concept a word states: its key, folded with its synonyms and spellings."""
    low = word.lower()
    key = word_key(_IRREGULAR.get(low) or american(low))
    return _concepts().get(key, key)


def phrase_concept(first: str, second: str) -> str | None:
    """The concept of a two-word phrase (``turned down``, ``set up``), or None."""
    first, second = first.lower(), second.lower()
    key = f"{word_key(_IRREGULAR.get(first, first))}-{word_key(second)}"
    return _concepts().get(key)


@cache
def opposites() -> dict[str, frozenset[str]]:
    """Each concept and the concepts that contradict it."""
    table: dict[str, set[str]] = {}
    for a, b in _OPPOSITE_PAIRS:
        ka, kb = concept_key(a), concept_key(b)
        table.setdefault(ka, set()).add(kb)
        table.setdefault(kb, set()).add(ka)
    return {k: frozenset(v) for k, v in table.items()}
