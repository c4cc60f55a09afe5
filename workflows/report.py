"""`claimcite report`: one self-contained HTML page for reviewing claims by eye.

Records are grouped by source (title, link, date), each claim's actors and dates are
highlighted in its sentence, repeats are folded under the sentence they repeat, and a
timeline places the dated claims. The page is rendered from a Jinja2 template with
autoescaping on (a sentence holding ``<script>`` is shown, never run); its CSS and script
are inline, so it needs no network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2

from ..extractors.records import Claim, Source
from .summary import calendar_bounds

# --- highlights ------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of a claim's text, highlighted (``mark``: actor or date) or plain."""

    text: str
    mark: str | None = None
    label: str | None = None  # what the highlight stands for ("PERSON: Elena Duarte")


def _pattern(piece: str) -> re.Pattern[str]:
    """A pattern for ``piece`` as it may stand in a record's text: line breaks joined to one
    space, and a hyphen at a line break kept or dropped (``irrevo-\\ncable``)."""
    parts = re.split(r"(-?\s+)", piece.strip())
    regex = "".join(
        (r"-?\s*" if part.startswith("-") else r"\s+") if i % 2 else re.escape(part)
        for i, part in enumerate(parts)
    )
    return re.compile(regex)


def locate(text: str, piece: str, expected: int) -> tuple[int, int] | None:
    """Where ``piece`` (an actor's or a date's words) stands in ``text``.

    The record's offsets point into the original file; they index ``text`` only when
    nothing before the piece was joined or removed. So the piece is taken at its offset
    when it stands there, else at its occurrence nearest to that offset, else not at all.
    """
    if not piece.strip():
        return None
    if expected >= 0 and text[expected : expected + len(piece)] == piece:
        return expected, expected + len(piece)
    found = [(m.start(), m.end()) for m in _pattern(piece).finditer(text)]
    if not found:
        return None
    return min(found, key=lambda span: abs(span[0] - expected))


def segments(claim: Claim) -> list[Segment]:
    """The claim's text cut into plain and highlighted segments (overlaps: first wins)."""
    base = claim.span.start
    marks: list[tuple[int, int, str, str]] = []
    for actor in claim.actors:
        where = locate(claim.text, actor.text, actor.start - base)
        if where:
            marks.append((*where, "actor", f"{actor.type}: {actor.name}"))
    for date in claim.dates:
        where = locate(claim.text, date.text, date.start - base)
        if where:
            marks.append((*where, "date", f"date: {date.value or 'unresolved'}"))
    marks.sort()
    cut: list[Segment] = []
    at = 0
    for start, end, mark, label in marks:
        if start < at:
            continue
        if start > at:
            cut.append(Segment(claim.text[at:start]))
        cut.append(Segment(claim.text[start:end], mark, label))
        at = end
    if at < len(claim.text):
        cut.append(Segment(claim.text[at:]))
    return cut


# --- the page's model ------------------------------------------------------------------


@dataclass
class ClaimView:
    """A claim as the page shows it."""

    claim: Claim
    position: int  # order in the input
    segments: list[Segment]
    date: str | None  # the first calendar date it mentions (for the timeline)
    repeats: list[ClaimView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The element id of the claim on the page."""
        return self.claim.id

    @property
    def actor_names(self) -> list[str]:
        """The canonical names of its actors, once each."""
        return list(dict.fromkeys(a.name for a in self.claim.actors))


@dataclass
class SourceView:
    """A source with its claims (repeats folded under their originals)."""

    source: Source
    number: int
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The title, else the file name."""
        return self.source.title or self.source.path


@dataclass(frozen=True)
class TimelinePoint:
    """A dated claim on the timeline."""

    x: float
    y: float
    anchor: str
    label: str


@dataclass(frozen=True)
class Timeline:
    """The inline SVG timeline: points, year ticks and folds, in SVG user units."""

    width: int
    height: int
    points: list[TimelinePoint]
    ticks: list[tuple[float, str]]
    folds: list[float]  # where years without a dated claim are left out of the axis


TIMELINE_WIDTH, LANE, MARGIN, FOLD, POINT_RADIUS = 800, 14, 30, 24, 5
# Runs of years with dated claims are drawn to scale; longer stretches without any are
# folded into a short gap, so that one old date does not squeeze the rest into a corner.
LONGEST_EMPTY_STRETCH = 2


def _day(value: str) -> dt.date:
    """A calendar value (year, month or day) as its first day."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(*(parts + [1] * (3 - len(parts))))


def year_runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """The first and last year of each run of years, runs split where more than
    ``LONGEST_EMPTY_STRETCH`` years in a row hold nothing."""
    runs: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if runs and year - runs[-1][1] <= LONGEST_EMPTY_STRETCH + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def timeline(views: Sequence[ClaimView]) -> Timeline | None:
    """The dated claims placed by date, years without any folded (None: no dated claim)."""
    dated: list[tuple[dt.date, ClaimView]] = []
    for view in views:
        if view.date is None:
            continue
        try:
            dated.append((_day(view.date), view))
        except ValueError:  # a value such as 2023-13 that is no calendar date
            continue
    if not dated:
        return None
    runs = year_runs(day.year for day, _ in dated)
    years = sum(last - first + 1 for first, last in runs)
    per_year = (TIMELINE_WIDTH - 2 * MARGIN - FOLD * (len(runs) - 1)) / years
    run_start: dict[int, float] = {}  # x of each run's first year
    x = float(MARGIN)
    for first, last in runs:
        run_start[first] = x
        x += per_year * (last - first + 1) + FOLD

    def x_of(day: dt.date) -> float:
        first = max(f for f, _ in runs if f <= day.year)
        into = (day - dt.date(first, 1, 1)).days / 365.25
        return round(run_start[first] + per_year * into, 1)

    points: list[TimelinePoint] = []
    lanes: list[tuple[float, int]] = []  # (x, lane) of each point placed
    for day, view in sorted(dated, key=lambda pair: (pair[0], pair[1].position)):
        x = x_of(day)
        taken = {lane for other, lane in lanes if abs(other - x) < 2 * POINT_RADIUS + 1}
        lane = min(set(range(len(taken) + 1)) - taken)  # the first lane free near x
        lanes.append((x, lane))
        label = f"{view.date}: {view.claim.text}"
        points.append(TimelinePoint(x, 30 + lane * LANE, view.anchor, label))
    step = max(1, years // 12)
    ticks = [
        (round(run_start[first] + per_year * (year - first), 1), str(year))
        for first, last in runs
        for year in range(first, last + 1, step)
    ]
    first, last = runs[-1]
    ticks.append((round(run_start[first] + per_year * (last + 1 - first), 1), str(last + 1)))
    folds = [round(run_start[first] - FOLD / 2, 1) for first, _ in runs[1:]]
    height = 50 + (max(lane for _, lane in lanes) + 1) * LANE
    return Timeline(TIMELINE_WIDTH, height, points, ticks, folds)


def _first_date(claim: Claim) -> str | None:
    for date in claim.dates:
        bounds = calendar_bounds(date.value)
        if bounds:
            return bounds[0]
    return None


def build(claims: Iterable[Claim]) -> tuple[list[SourceView], list[ClaimView]]:
    """Sources in the order they first appear, each with its claims; every claim's view.

    A claim whose ``duplicate_of`` is in the input is folded under that claim."""
    sources: dict[str, SourceView] = {}
    views: list[ClaimView] = []
    by_id: dict[str, ClaimView] = {}
    for position, claim in enumerate(claims):
        view = ClaimView(claim, position, segments(claim), _first_date(claim))
        views.append(view)
        by_id.setdefault(claim.id, view)
    for view in views:
        original = by_id.get(view.claim.duplicate_of or "")
        if original is not None and original is not view:
            original.repeats.append(view)
            continue
        path = view.claim.source.path
        if path not in sources:
            sources[path] = SourceView(view.claim.source, len(sources) + 1)
        sources[path].claims.append(view)
    return list(sources.values()), views


# --- rendering -------------------------------------------------------------------------


def web_url(url: str | None) -> bool:
    """Whether a URL may become a link: http(s) only (never ``javascript:`` or ``data:``)."""
    return bool(url) and re.match(r"https?://", url or "", re.IGNORECASE) is not None


def speakers(claim: Claim) -> list[str]:
    """The names of everyone the claim is attributed to, once each."""
    found = [a.speaker for a in [claim.attribution, *claim.attributions] if a and a.speaker]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates shipped in the package, HTML-escaped throughout."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimcite.workflows", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["web_url"] = web_url
    env.globals["speakers"] = speakers
    return env


def render(claims: Iterable[Claim], title: str = "Claims for review") -> str:
    """The review page of the records, as one HTML document."""
    sources, views = build(claims)
    kinds = sorted({view.claim.kind for view in views})
    actors = sorted({name for view in views for name in view.actor_names}, key=str.casefold)
    by_id = {view.claim.id: view for view in views}
    return environment().get_template("report.html.j2").render(
        title=title,
        sources=sources,
        total=sum(len(source.claims) for source in sources),
        repeats=sum(len(view.repeats) for view in views),
        kinds=kinds,
        actors=actors,
        timeline=timeline([view for source in sources for view in source.claims]),
        point_radius=POINT_RADIUS,
        by_id=by_id,
    )
