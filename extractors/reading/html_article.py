"""Which parts of a web page are the article: a page's elements scored by their text.

The page is read once into a light tree of elements (``PageTree``): for each element its
tag, where it starts and ends in the page, its class and id, how much text it holds, how
much of that is link text, how many commas and paragraphs. ``article_ranges`` then decides,
as Mozilla's Readability does and without any rule for a particular site:

1. **Candidates.** Every paragraph (a ``<p>``, ``<pre>`` or ``<td>``, or a ``<div>`` with
   text but no block inside it) of 25 characters or more scores 1, plus one per comma,
   plus one per 100 characters (at most 3). Its parent gets the score, its grandparent
   half of it, the levels above a sixth, a ninth… of it. Lines of text loose in a
   container (between ``<br>``s) score for the container itself. Headings, list items
   and captions are not paragraphs.
2. **The best candidate.** Each candidate starts from a score of its tag (``div`` +5,
   lists and forms −3, headings −5) and of its class and id (``article``, ``content``,
   ``story``… +25; ``comment``, ``sidebar``, ``related``, ``share``… −25), and its total
   is scaled by the share of its text that is not link text. The page's own markup
   comes first: an element marked ``itemprop="articleBody"`` (schema.org) with enough
   text is the article.
   Where other candidates apart from it score nearly as well (three quarters), the
   element around them all is the article (a story cut into chunks by advertisements).
   Paragraphs inside elements named like comments or sidebars are not counted, unless
   nothing is left with 500 characters of text (Readability's retry).
3. **Its siblings** that score at least a fifth of it, and sibling paragraphs of real
   prose (long, few links), belong to the article too.
4. **Furniture inside it** is left out: hidden elements, elements whose class or id says
   they are sharing buttons, related links, newsletters, comments, advertisements,
   bylines or tags, and blocks that are mostly links (lists of related stories).

When no element holds 250 characters of scored text, the ``<article>`` with the most text
is the article, else ``<main>``; without either, ``article_ranges`` gives None and the
reader falls back on the whole ``<body>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .cleanup import line_starts_of

# Elements whose content is never text.
SILENT = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "title", "object", "canvas",
     "iframe", "select", "button", "math"}
)  # fmt: skip
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param", "keygen"}
)  # fmt: skip
# Starting one of these closes an open <p> (as HTML parsers do).
_CLOSES_P = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "section", "article", "aside", "header", "footer", "nav", "figure", "form", "pre",
     "address", "main", "hr", "fieldset", "menu"}
)  # fmt: skip
_BLOCK_INSIDE = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "section", "article", "aside", "header", "footer", "nav", "figure", "form", "pre",
     "main", "li", "tr"}
)  # fmt: skip
_PARAGRAPHS = frozenset({"p", "pre", "td"})
# Text that is never prose of the article's own: headings, list items, captions, labels.
_NOT_PARAGRAPHS = frozenset(
    {"html", "body", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "th", "caption",
     "figcaption", "label", "option", "legend", "summary", "a"}
)  # fmt: skip
# Elements inside a line of text: their text belongs to the block around them.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
     "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
     "var", "del", "ins", "strike", "tt", "big", "nobr"}
)  # fmt: skip
_TAG_SCORE = {
    "div": 5, "article": 5, "main": 3, "section": 1, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip


def _names(*words: str) -> re.Pattern[str]:
    """A pattern that finds a class or id word starting with one of ``words`` (in a label
    already cut into lower-case words: ``relatedStories`` → ``related stories``)."""
    return re.compile(r"(?:^| )(?:" + "|".join(words) + ")")


# Words of a class or id (Readability's lists, matched at the start of a word, so that
# ``pageRow`` is not ``pager`` nor ``context`` ``text``).
POSITIVE = _names(
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
)
NEGATIVE = _names(
    "ads? ",
    "ads?$",
    "hidden",
    "banner",
    "combx",
    "comment",
    "contact",
    "foot",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags?$",
    "tags? ",
    "tool",
    "widget",
    "taboola",
    "newsletter",
    "subscri",
    "social",
    "recirc",
    "teaser",
    "popular",
    "trending",
    "breadcrumb",
    "byline",
    "author",
    "dateline",
    "caption",
)
# What is unlikely to hold the article (comments, sidebars…): its paragraphs are not
# counted, unless its name also says it may be.
UNLIKELY = _names(
    "ads? ",
    "ads?$",
    "ai 2 html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "agegate",
    "pagination",
    "pager",
    "popup",
)
MAYBE = _names("and", "article", "body", "column", "content", "main", "shadow")
# Furniture inside an article (stricter than NEGATIVE: "caption" or "media" also name the
# story's own figures, "meta" its header).
FURNITURE = _names(
    "share",
    "sharing",
    "social",
    "related",
    "recirc",
    "newsletter",
    "subscri",
    "signup",
    "comment",
    "advert",
    "ads? ",
    "ads?$",
    "sponsor",
    "promo",
    "outbrain",
    "taboola",
    "byline",
    "author",
    "tags?$",
    "tags? ",
    "breadcrumb",
    "popular",
    "trending",
    "read more",
    "more stories",
    "paywall",
    "print only",
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def label_words(label: str) -> str:
    """A class and id as lower-case words: ``ArticleBody-relatedLinks`` → ``article body
    related links``."""
    return " ".join(_WORD.findall(label)).lower()


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MIN_PARAGRAPH = 25
_MIN_ARTICLE = 250  # characters of text: less than this is no article
_RETRY_BELOW = 500  # a candidate with less text is looked for again, comments included


@dataclass
class Node:
    """An element of the page."""

    tag: str
    start: int  # where its start tag begins in the page
    parent: int | None
    label: str = ""  # its class and id
    end: int = -1  # where it ends (past its end tag, or where it was closed)
    own_text: int = 0  # characters of text directly in it
    inline_text: int = 0  # ... or in the inline elements in it (its own lines of text)
    inline_commas: int = 0
    text: int = 0  # characters of text in it and its descendants
    link_text: int = 0  # of which inside <a href>
    links: int = 0
    commas: int = 0
    blocks_inside: bool = False
    hidden: bool = False
    body_marked: bool = False  # itemprop="articleBody"
    ends_sentence: bool = False  # its text ends with . ! ? or a closing quotation mark
    unlikely: bool = False  # it, or an element around it, is named like a comment section
    children: list[int] = field(default_factory=list)
    score: float = 0.0

    @property
    def link_density(self) -> float:
        return self.link_text / self.text if self.text else 0.0


class PageTree(HTMLParser):
    """Reads a page into ``nodes`` (in document order; ``nodes[0]`` stands for the page)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.line_starts = line_starts_of(page)
        self.nodes: list[Node] = [Node("#page", 0, None, end=len(page))]
        self.open: list[int] = [0]
        self.silent = 0
        self.in_link = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def build(self) -> None:
        self.feed(self.page)
        self.close()
        while len(self.open) > 1:
            self._pop(len(self.page))
        _sum_up(self.nodes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        start = self.position()
        if tag in _CLOSES_P and self.nodes[self.open[-1]].tag == "p":
            self._pop(start)
        if tag == "li" and self.nodes[self.open[-1]].tag == "li":
            self._pop(start)
        found = {k.lower(): (v or "") for k, v in attrs}
        label = label_words(f"{found.get('class', '')} {found.get('id', '')}")
        parent = self.open[-1]
        node = Node(tag, start, parent, label)
        node.hidden = (
            "hidden" in found
            or found.get("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(found.get("style", "")))
        )
        node.body_marked = found.get("itemprop", "").lower() == "articlebody"
        if tag in _BLOCK_INSIDE:
            self.nodes[parent].blocks_inside = True
        if tag == "a" and found.get("href"):
            node.links = 1
            self.in_link += 1
        self.silent += tag in SILENT
        self.nodes[parent].children.append(len(self.nodes))
        self.open.append(len(self.nodes))
        self.nodes.append(node)

    def handle_endtag(self, tag: str) -> None:
        if not any(self.nodes[i].tag == tag for i in self.open[1:]):
            return  # a stray end tag
        start = self.position()
        end = self.page.find(">", start) + 1 or start
        while len(self.open) > 1:
            closed = self.nodes[self.open[-1]].tag
            self._pop(end if closed == tag else start)
            if closed == tag:
                break

    def _pop(self, end: int) -> None:
        node = self.nodes[self.open.pop()]
        node.end = end
        self.silent -= node.tag in SILENT
        if node.tag == "a" and node.links:
            self.in_link -= 1

    def handle_data(self, data: str) -> None:
        if self.silent:
            return
        size = len(" ".join(data.split()))
        if not size:
            return
        node = self.nodes[self.open[-1]]
        node.own_text += size
        node.commas += data.count(",")
        if self.in_link:
            node.link_text += size
        for index in reversed(self.open):  # the block whose line of text this is
            block = self.nodes[index]
            if block.tag not in _INLINE:
                block.inline_text += size
                block.inline_commas += data.count(",")
                break
        ends = data.rstrip()[-1] in '.!?"”’'
        for index in reversed(self.open):  # the paragraph it is in, if any
            self.nodes[index].ends_sentence = ends
            if self.nodes[index].tag == "p":
                break


def _sum_up(nodes: list[Node]) -> None:
    """Each node's ``text``, ``link_text``, ``links`` with its descendants'; whether it is
    ``hidden`` or ``unlikely`` to hold the article, itself or by an element around it."""
    for node in nodes:
        node.text = node.own_text
        parent = nodes[node.parent] if node.parent is not None else None
        node.hidden = node.hidden or (parent is not None and parent.hidden)
        node.unlikely = (parent is not None and parent.unlikely) or (
            node.tag not in ("html", "body", "article", "main")
            and bool(UNLIKELY.search(node.label))
            and not MAYBE.search(node.label)
        )
    for index in range(len(nodes) - 1, 0, -1):
        node = nodes[index]
        parent = nodes[node.parent] if node.parent is not None else None
        if parent is not None:
            parent.text += node.text
            parent.link_text += node.link_text
            parent.links += node.links


def _weight(node: Node) -> int:
    """What an element's class and id say: +25 for an article's words, −25 for furniture's."""
    weight = 0
    if node.label:
        weight += 25 if POSITIVE.search(node.label) else 0
        weight -= 25 if NEGATIVE.search(node.label) else 0
    return weight


def _is_paragraph(node: Node) -> bool:
    return node.tag in _PARAGRAPHS or (node.tag == "div" and not node.blocks_inside)


def _ancestors(nodes: list[Node], index: int, limit: int) -> list[int]:
    """Up to ``limit`` elements around an element, innermost first (not the page)."""
    found: list[int] = []
    parent = nodes[index].parent
    while parent and len(found) < limit:  # never the page itself (index 0)
        found.append(parent)
        parent = nodes[parent].parent
    return found


def best_candidate(nodes: list[Node]) -> int | None:
    """The element that holds the article, scored as Readability does (see the module).

    Paragraphs in elements named like comments or sidebars are not counted — unless that
    leaves no candidate with 500 characters of text (a whole page wrapped in a
    ``page-ad-margins`` element), when they are, as Readability retries.
    """
    best = _best_candidate(nodes, skip_unlikely=True)
    if best is None or nodes[best].text < _RETRY_BELOW:
        for node in nodes:
            node.score = 0.0
        best = _best_candidate(nodes, skip_unlikely=False)
    return best


def _best_candidate(nodes: list[Node], skip_unlikely: bool) -> int | None:
    marked = [i for i, n in enumerate(nodes) if n.body_marked and n.text >= _MIN_ARTICLE]
    if marked:
        return max(marked, key=lambda i: nodes[i].text)
    scored: dict[int, float] = {}
    for index, node in enumerate(nodes):
        if node.inline_text < _MIN_PARAGRAPH or node.hidden or not index:
            continue
        if skip_unlikely and node.unlikely:
            continue
        if node.tag in _NOT_PARAGRAPHS or node.tag in _INLINE:
            continue
        points = 1 + node.inline_commas + min(node.inline_text // 100, 3)
        # a paragraph scores for the elements around it; loose lines of text in a
        # container (text between <br>s) score for the container itself
        holders = _ancestors(nodes, index, 5)
        if not _is_paragraph(node):
            holders = [index, *holders[:4]]
        for level, ancestor in enumerate(holders):
            if ancestor not in scored:
                scored[ancestor] = _TAG_SCORE.get(nodes[ancestor].tag, 0) + _weight(nodes[ancestor])
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scored[ancestor] += points / divider
    if not scored:
        return None
    for index in scored:
        nodes[index].score = scored[index] * (1 - nodes[index].link_density)
    big_enough = [i for i in scored if nodes[i].text >= _MIN_ARTICLE]
    if not big_enough:
        return None
    best = max(big_enough, key=lambda i: (nodes[i].score, -i))
    return _joined(nodes, best, scored)


def _line_of(nodes: list[Node], index: int) -> list[int]:
    """An element and the elements around it, innermost first."""
    line = [index]
    while nodes[line[-1]].parent is not None:
        line.append(nodes[line[-1]].parent or 0)
    return line


def _joined(nodes: list[Node], best: int, scored: dict[int, float]) -> int:
    """The best candidate, or the element around it and the candidates that score nearly
    as well apart from it (a story cut into chunks between advertisements)."""
    around = _line_of(nodes, best)
    rivals = [
        i
        for i in scored
        if nodes[i].score >= 0.75 * nodes[best].score
        and i not in around
        and best not in _line_of(nodes, i)
    ]
    if not rivals:
        return best
    shared = set(around)
    for rival in rivals:
        shared &= set(_line_of(nodes, rival))
    common = next(i for i in around if i in shared)
    return best if nodes[common].tag in ("html", "body", "#page") else common


def marked_article(nodes: list[Node]) -> int | None:
    """Where no element holds enough text to score: the ``<article>`` with the most text
    (not a teaser beside the story), else the ``<main>`` element."""
    for tag in ("article", "main"):
        marked = [i for i, n in enumerate(nodes) if n.tag == tag and n.text and not n.hidden]
        if marked:
            return max(marked, key=lambda i: (nodes[i].text, -i))
    return None


def _sibling_belongs(nodes: list[Node], sibling: int, best: int) -> bool:
    """Whether an element beside the best candidate is part of the article too."""
    node, top = nodes[sibling], nodes[best]
    threshold = max(10.0, top.score * 0.2)
    bonus = top.score * 0.2 if node.label and node.label == top.label else 0.0
    if node.score + bonus >= threshold:  # only scored elements have a score
        return True
    if node.tag == "p" and not node.hidden:
        if node.text > 80 and node.link_density < 0.25:
            return True
        # a short paragraph of prose: no links, a sentence's end
        return 0 < node.text <= 80 and node.link_text == 0 and node.ends_sentence
    return False


def furniture_inside(nodes: list[Node], root: int) -> list[int]:
    """Elements inside the article that are not its text (see the module)."""
    found = []
    todo = list(nodes[root].children)
    while todo:
        index = todo.pop()
        node = nodes[index]
        if node.hidden or _is_furniture(node):
            found.append(index)
            continue
        todo.extend(node.children)
    return found


def _is_furniture(node: Node) -> bool:
    if node.label and FURNITURE.search(node.label) and not POSITIVE.search(node.label):
        return True
    if node.tag in ("ul", "ol", "div", "section", "table", "nav", "aside", "header", "dl"):
        return node.links >= 2 and node.link_density > 0.5
    return False


def article_ranges(nodes: list[Node]) -> list[tuple[int, int]] | None:
    """The stretches of the page that are the article, in order and apart (None: the
    page has no element that holds enough text to be one)."""
    best = best_candidate(nodes)
    if best is None:
        marked = marked_article(nodes)
        if marked is None:
            return None
        members = [marked]
    else:
        parent = nodes[best].parent or 0
        members = [
            i for i in nodes[parent].children if i == best or _sibling_belongs(nodes, i, best)
        ]
    ranges: list[tuple[int, int]] = []
    for member in members:
        cuts = sorted((nodes[i].start, nodes[i].end) for i in furniture_inside(nodes, member))
        position = nodes[member].start
        for start, end in cuts:
            if start > position:
                ranges.append((position, start))
            position = max(position, end)
        if nodes[member].end > position:
            ranges.append((position, nodes[member].end))
    return ranges or None
