"""Citations: what in the document backs a claim (footnotes, URLs, related articles, credits).

- A footnote marker (``<sup>1</sup>``, ``[1]``, ``^1``) cites its footnote definition in the
  sentence where it stands.
- A credit line (``Source: …``, ``Photo: …``) credits the caption next to it: the paragraph
  just before it, or just after it when the credit comes first.
- A Markdown link or a URL written in a sentence cites that URL in that sentence.
- A ``Related article: Title`` line is tied to the URL of the article list whose slug matches
  its title; the line itself and the body sentence the title is about carry it.
- A URL of the list at the end of an article cites the body sentence its slug words are
  about (see :func:`link_score`); a URL that matches no sentence well stays unlinked.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from .reading.cleanup import Block, CleanText
from .records import Citation
from .repeats import sentence_bag
from .sentences import Sentence
from .words import is_content_word, word_key

# A list URL or a related title cites a sentence that holds at least two of its words and
# a quarter of their weight (each word weighted by its rarity in the article, so a name
# the whole article is about counts little). One shared word is a coincidence.
LINK_THRESHOLD = 0.25
MIN_LINK_TERMS = 2
# A related title and a URL slug name the same article when half the words of the shorter
# one stand in the other.
TITLE_SLUG_THRESHOLD = 0.5

# A caption is a short paragraph: a longer one next to a credit line is body text.
MAX_CAPTION_SENTENCES = 2
MAX_CAPTION_WORDS = 60

_BODY_BLOCKS = frozenset({"paragraph", "list"})
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"“”]+")
_URL_TRAILING = ".,;:!?'\"’”)»"
_WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z])+\.?|[A-Za-z]+")
_DIGIT = re.compile(r"\d")
_LABEL = re.compile(r"^[^:]{1,40}:\s*")
_PAGE_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cfm|pdf|docx?|xlsx?)$", re.IGNORECASE)
# Path segments that say where a page is filed, not what it is about.
_GENERIC_SEGMENT_WORDS = frozenset(
    {
        *("news", "article", "articles", "story", "stories", "index", "amp", "html", "htm"),
        *("php", "aspx", "en", "www", "post", "posts", "blog", "blogs", "p", "id", "content"),
        *("uploads", "wp", "world", "politics", "opinion", "opinions"),
    }
)
# Headline words ("headlinese") and the plain words the article body uses for them.
_HEADLINESE: dict[str, tuple[str, ...]] = {
    "axe": ("cut", "abolish", "scrap", "dismiss"),
    "bid": ("attempt", "offer"),
    "blast": ("explosion", "criticise", "criticize"),
    "boost": ("increase", "strengthen"),
    "clash": ("fighting", "fight", "skirmish"),
    "curb": ("restriction", "limit", "restrict"),
    "drill": ("exercise", "training", "manoeuvre", "maneuver"),
    "envoy": ("ambassador", "diplomat"),
    "eye": ("consider", "seek"),
    "graft": ("corruption",),
    "hail": ("praise", "welcome"),
    "hike": ("increase", "raise", "rise"),
    "jail": ("prison", "imprison", "sentence"),
    "mull": ("consider",),
    "nab": ("arrest", "detain"),
    "nod": ("approval", "approve"),
    "oust": ("remove", "overthrow", "dismiss", "topple"),
    "pact": ("agreement", "treaty", "deal"),
    "probe": ("investigation", "inquiry", "investigate"),
    "quit": ("resign", "leave"),
    "rap": ("criticise", "criticize", "rebuke"),
    "row": ("dispute", "quarrel"),
    "slam": ("criticise", "criticize", "condemn"),
    "spat": ("dispute", "quarrel"),
    "talk": ("negotiation", "negotiate"),
    "tie": ("relation", "relationship"),
    "urge": ("call", "appeal"),
    "vow": ("promise", "pledge"),
    "woe": ("problem", "trouble"),
}


@dataclass(frozen=True)
class Term:
    """A word of a slug or title: its key and the body words that count as the same."""

    word: str
    keys: frozenset[str]


@cache
def _headlinese() -> dict[str, frozenset[str]]:
    return {
        word_key(word): frozenset(word_key(alt) for alt in alts)
        for word, alts in _HEADLINESE.items()
    }


def slug_words(url: str) -> list[str]:
    """The words of a URL's slug: the path segment that names the page, lower-cased.

    Dates and ids (``2023``, ``a82425``) and filing segments (``news``) are not slug words.
    """
    path = unquote(urlsplit(url if "//" in url else "//" + url).path)
    segments = [_PAGE_EXTENSION.sub("", s) for s in path.split("/") if s]
    split = [[w.lower() for w in re.split(r"[-_+.,\s]+", s) if w] for s in segments]
    named = [[w for w in words if w.isalpha() and not _DIGIT.search(w)] for words in split]
    slugs = [words for words in named if len(words) >= 2]
    if slugs:
        return max(reversed(slugs), key=len)  # the longest, the last on a tie
    return [w for words in named for w in words if w not in _GENERIC_SEGMENT_WORDS]


def terms_of(words: Iterable[str]) -> list[Term]:
    """The content terms of slug or title words, each with its headline synonyms."""
    gloss = _headlinese()
    terms: dict[str, Term] = {}
    for word in words:
        if not is_content_word(word) and word.lower() != "us":  # "us" in a slug is the US
            continue
        key = word_key(word)
        if key not in terms:
            terms[key] = Term(word, frozenset({key}) | gloss.get(key, frozenset()))
    return list(terms.values())


def title_words(title: str) -> list[str]:
    """The words of a headline, abbreviations such as ``U.S.`` kept whole."""
    return [w for w in _WORD.findall(title) if len(w) > 1]


def url_terms(url: str) -> list[Term]:
    """The terms of a URL's slug."""
    return terms_of(slug_words(url))


def title_terms(title: str) -> list[Term]:
    """The terms of a headline; the pronoun ``us`` is dropped, ``US`` is kept."""
    return terms_of(w for w in title_words(title) if w.lower() != "us" or w == "US")


def idf_weights(terms: Sequence[Term], bags: Sequence[Iterable[str]]) -> list[float]:
    """Each term's smoothed inverse document frequency over the candidate sentences."""
    sets = [set(b) for b in bags]
    n = len(sets)
    return [math.log((n + 1) / (sum(1 for s in sets if t.keys & s) + 1)) + 1 for t in terms]


def link_score(terms: Sequence[Term], keys: Iterable[str], weights: Sequence[float]) -> float:
    """The weighted share of ``terms`` found in a sentence's ``keys``, 0 below two terms."""
    found = set(keys)
    matched = [w for t, w in zip(terms, weights, strict=True) if t.keys & found]
    total = sum(weights)
    if len(matched) < MIN_LINK_TERMS or not total:
        return 0.0
    return sum(matched) / total


def best_sentence(terms: Sequence[Term], bags: Sequence[Iterable[str]]) -> int | None:
    """The position in ``bags`` of the sentence the terms are about, or None (earliest wins)."""
    if not terms or not bags:
        return None
    weights = idf_weights(terms, bags)
    best, best_score = None, 0.0
    for i, bag in enumerate(bags):
        score = link_score(terms, bag, weights)
        if score >= LINK_THRESHOLD and score > best_score:
            best, best_score = i, score
    return best


def title_matches_slug(title: Sequence[Term], slug: Sequence[Term]) -> float:
    """The share of the shorter of a title and a slug that the other one holds (0-1)."""
    if not title or not slug:
        return 0.0
    title_keys = set().union(*(t.keys for t in title))
    slug_keys = set().union(*(t.keys for t in slug))
    shared = min(
        sum(1 for t in title if t.keys & slug_keys), sum(1 for t in slug if t.keys & title_keys)
    )
    if shared < MIN_LINK_TERMS:
        return 0.0
    return shared / min(len(title), len(slug))


def credit_text(line: str) -> str:
    """A credit line without its label: ``Source: Jane Doe / AP`` → ``Jane Doe / AP``."""
    return _LABEL.sub("", line.strip(), count=1).strip()


def related_title(line: str) -> str:
    """The title of a ``Related article: Title`` line."""
    return _LABEL.sub("", line.strip(), count=1).strip()


def urls_in(text: str) -> list[str]:
    """The URLs written in a text, trailing punctuation left out."""
    return [url for _, url in _urls_with_positions(text)]


def _is_web_url(url: str) -> bool:
    return url.startswith(("http://", "https://", "www."))


def _caption_of(
    blocks: list[Block], credit: Block, sentence_counts: dict[Block, int]
) -> Block | None:
    """The caption a credit line belongs to: the caption-sized paragraph just before it,
    else the one just after it (a credit that comes first)."""
    text_blocks = [b for b in blocks if b.clean_start is not None]
    i = text_blocks.index(credit)
    for block in text_blocks[i - 1 : i] + text_blocks[i + 1 : i + 2]:
        if (
            block.kind == "paragraph"
            and sentence_counts.get(block, 0) <= MAX_CAPTION_SENTENCES
            and len(block.text.split()) <= MAX_CAPTION_WORDS
        ):
            return block
    return None


@dataclass(frozen=True)
class _Written:
    """A URL written in the clean text, or a Markdown link (with the text it is on)."""

    pos: int
    url: str
    text: str | None = None


class _Citations:
    """The citations of one document's sentences, gathered kind by kind."""

    def __init__(self, clean: CleanText, sentences: list[Sentence]) -> None:
        self.clean = clean
        self.sentences = sentences
        self.starts = [s.start_char for s in sentences]
        self.result: list[list[Citation]] = [[] for _ in sentences]
        self.sentence_counts = Counter(s.block for s in sentences)
        self.written: dict[Block, list[_Written]] = {}  # URLs written in each block
        for item in _written_urls(clean):
            i = self.at(item.pos)
            if i is not None:
                self.written.setdefault(sentences[i].block, []).append(item)
        cited_labels = {m.label for m in clean.markers}
        self.entries = {
            b: items[0]
            for b, items in self.written.items()
            if _is_reference_entry(b, items, cited_labels)
        }
        body = [
            s for s in sentences if s.block.kind in _BODY_BLOCKS and s.block not in self.entries
        ]
        self.body_indices = [s.index for s in body]
        self.body_bags = [sentence_bag(s.span) for s in body]
        self.listed: dict[str, list[Term]] = {}  # reference entries and the URL list at the end
        for item in self.entries.values():
            extra = title_terms(item.text) if item.text and item.text != item.url else []
            self.listed.setdefault(item.url, _merged(url_terms(item.url), extra))
        for block in clean.blocks:
            if block.kind == "url":
                self.listed.setdefault(block.text, url_terms(block.text))
        self.used: set[str] = set()  # URLs that already cite a sentence

    def at(self, pos: int) -> int | None:
        """The sentence that holds clean position ``pos``, or the one just before it."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 else None

    def of_block(self, block: Block) -> list[int]:
        return [s.index for s in self.sentences if s.block is block]

    def add(self, index: int | None, citation: Citation) -> None:
        if index is not None and citation not in self.result[index]:
            self.result[index].append(citation)

    def about(self, terms: Sequence[Term]) -> int | None:
        """The body sentence that slug or title terms are about, or None."""
        best = best_sentence(terms, self.body_bags)
        return None if best is None else self.body_indices[best]

    def inline_urls(self) -> None:
        """Links and URLs written in sentences cite them there; those of footnotes and
        related lines go to the footnote or related citation instead."""
        for block, items in self.written.items():
            for item in items:
                if block in self.entries:
                    self.add(self.at(item.pos), Citation("url", url=item.url))
                elif block.kind not in ("footnote", "related"):
                    self.add(self.at(item.pos), Citation("url", url=item.url))
                    self.used.add(item.url)

    def footnotes(self) -> None:
        """Each footnote marker cites its footnote's text (and the URL it holds)."""
        definitions = {b.label: b for b in self.clean.blocks if b.kind == "footnote" and b.label}
        for marker in self.clean.markers:
            block = definitions.get(marker.label)
            if block is None:
                continue
            urls = [item.url for item in self.written.get(block, [])]
            citation = Citation(
                "footnote", marker=marker.label, text=block.text, url=urls[0] if urls else None
            )
            self.add(self.at(marker.clean_pos), citation)
            self.used.update(urls)

    def credits(self) -> None:
        """Each sentence of a caption carries the caption's credit line."""
        for block in self.clean.blocks:
            if block.kind != "credit":
                continue
            caption = _caption_of(self.clean.blocks, block, self.sentence_counts)
            if caption is not None:
                credit = Citation("credit", text=credit_text(block.text))
                for i in self.of_block(caption):
                    self.add(i, credit)

    def related(self) -> None:
        """Each related-article line, with its URL, on itself and on the claim it is about."""
        for block in self.clean.blocks:
            if block.kind != "related":
                continue
            title = related_title(block.text)
            terms = title_terms(title)
            written = self.written.get(block)
            url = written[0].url if written else self._slug_for(terms)
            if url is not None:
                self.used.add(url)
            citation = Citation("related", text=title, url=url)
            for i in self.of_block(block):
                self.add(i, citation)
            self.add(self.about(terms), citation)

    def _slug_for(self, title: Sequence[Term]) -> str | None:
        """The listed URL whose slug names the titled article, or None."""
        scored = [(title_matches_slug(title, terms), url) for url, terms in self.listed.items()]
        score, url = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
        return url if score >= TITLE_SLUG_THRESHOLD else None

    def listed_urls(self) -> None:
        """Each listed URL, once, on the body sentence its slug (and title) is about."""
        for url, terms in self.listed.items():
            if url not in self.used:
                self.add(self.about(terms), Citation("url", url=url))


def _written_urls(clean: CleanText) -> list[_Written]:
    """Markdown links (web ones) and URLs written out, in text order."""
    found = [
        _Written(link.clean_start, link.url, clean.text[link.clean_start : link.clean_end])
        for link in clean.links
        if _is_web_url(link.url)
    ]
    found += [_Written(pos, url) for pos, url in _urls_with_positions(clean.text)]
    return sorted(found, key=lambda w: w.pos)


def _is_reference_entry(block: Block, items: list[_Written], cited_labels: set[str]) -> bool:
    """A list item, line or uncited footnote that is nothing but one URL or one link."""
    if block.kind not in ("reference", "list", "paragraph", "footnote") or len(items) != 1:
        return False
    if block.kind == "footnote" and block.label in cited_labels:
        return False
    bare = block.text.strip().rstrip(_URL_TRAILING)
    return bare in (items[0].url, items[0].text)


def _merged(first: list[Term], second: list[Term]) -> list[Term]:
    """Slug terms and title terms, each word once."""
    seen = {word_key(t.word) for t in first}
    return first + [t for t in second if word_key(t.word) not in seen]


def _urls_with_positions(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().rstrip(_URL_TRAILING)) for m in _URL_IN_TEXT.finditer(text)]


def find_citations(clean: CleanText, sentences: list[Sentence]) -> list[list[Citation]]:
    """The citations of each sentence, in sentence order."""
    found = _Citations(clean, sentences)
    if sentences:
        found.inline_urls()
        found.footnotes()
        found.credits()
        found.related()
        found.listed_urls()
    return found.result
