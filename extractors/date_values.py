"""Resolving a parsed date: ``Expr`` → ISO 8601 value and anchor (step 3 of ``dates``).

From the publication date, the dates already read in the document (``Prior``) and the
tense of the clause: a partial date takes the year (or week) that the tense and the
context point to, a relative one shifts from its anchor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .date_grammar import GRAIN_RANK, RELATION_WAY, Expr, Part, Tense, Way, When
from .records import Anchor

# ---------------------------------------------------------------------------
# Resolving: Expr -> value and anchor
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prior:
    """A date already read in the document, as context for the ones after it."""

    when: When
    anchor: Anchor
    sentences_back: int  # 0: the same sentence
    same_paragraph: bool


Resolved = tuple[str | None, Anchor | None]
_NOTHING: Resolved = (None, None)


def _distance(period: When, day: dt.date) -> int:
    if period.first <= day <= period.last:
        return 0
    return min(abs((period.first - day).days), abs((period.last - day).days))


def _pick(candidates: Sequence[When], day: dt.date, direction: Way) -> When | None:
    """The occurrence of a part nearest `day`: in the past (starting on or before it), in
    the future (ending on or after it), strictly before or after it, either way, or
    onwards (the future, unless one a few weeks back is nearer)."""
    if direction == "nearest":
        return min(candidates, key=lambda c: _distance(c, day), default=None)
    if direction == "recent":  # the nearest, unless it lies more than two months ahead
        nearest = _pick(candidates, day, "nearest")
        if nearest is not None and (nearest.first - day).days > 60:
            return _pick(candidates, day, "past")
        return nearest
    if direction == "onwards":  # forwards, unless one a few weeks back is nearer
        ahead = _pick(candidates, day, "future")
        behind = _pick(candidates, day, "before")
        if behind is None or (day - behind.first).days > 62:
            return ahead
        if ahead is None or _distance(behind, day) < _distance(ahead, day):
            return behind
        return ahead
    if direction == "past":
        found = [c for c in candidates if c.first <= day]
        return found[-1] if found else None
    if direction == "future":
        found = [c for c in candidates if c.last >= day]
        return found[0] if found else None
    if direction == "before":
        found = [c for c in candidates if c.last < day]
        return found[-1] if found else None
    found = [c for c in candidates if c.first > day]
    return found[0] if found else None


def _partial(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior], tense: Tense
) -> tuple[When | None, Anchor | None]:
    part = expr.part
    assert part is not None
    if expr.context:
        return _from_context(expr, part, published, priors)
    relation = expr.relation
    if relation:
        if published is None:
            return None, None
        if relation == "this":
            if part.weekday >= 0:
                monday = published - dt.timedelta(days=published.weekday())
                return When(monday + dt.timedelta(days=part.weekday), "day"), "published"
            if part.grain == "weekend":
                return When.containing("weekend", published), "published"
            if part.monthless_day:  # the 21st of this month
                return part.in_month(published, expr.offset), "published"
            year = published.year + expr.offset
            if part.grain == "season" and part.season == "WI" and published.month == 12:
                year += 1
            return part.in_year(year), "published"
        way = RELATION_WAY[relation]
        return _pick(part.around(published), published, way), "published"
    if part.weekday >= 0 or part.grain == "weekend":
        if published is None:
            return None, None
        return _pick(part.around(published), published, _direction(part, tense)), "published"
    if part.decade >= 0:  # "the '90s": the latest such decade
        base = published or next((p.when.first for p in priors), None)
        if base is None:
            return None, None
        return _pick(part.around(base), base, "past"), "published" if published else "context"
    context = _context_for_partial(part, priors)
    if context is not None:  # a story told forwards, unless the verb says it went before
        inside = [c for c in part.around(context.first) if context.first <= c.first <= context.last]
        if part.monthless_day and inside:
            return inside[0], "context"  # "In March 2021 … on the 22nd"
        if tense == "before":
            found = _pick(part.around(context.last), context.last, "past")
        else:
            found = _pick(part.around(context.first), context.first, "onwards")
        if found is not None and not (published and tense == "past" and found.first > published):
            return found, "context"
    if published is not None:
        return _pick(part.around(published), published, _direction(part, tense)), "published"
    fallback = next((p.when for p in priors if p.anchor in ("absolute", "context")), None)
    if fallback is not None:
        return _pick(part.around(fallback.first), fallback.first, "future"), "context"
    return None, None


def _from_context(
    expr: Expr, part: Part, published: dt.date | None, priors: Sequence[Prior]
) -> tuple[When | None, Anchor | None]:
    """`the following spring`, `the previous March`, `that summer`: the occurrence after,
    before or within the date named just before (with none, `the next January` counts
    from publication)."""
    prior = _near(priors) or next((p for p in priors if p.same_paragraph), None)
    if prior is None:
        if expr.context == "after" and published is not None:
            return _pick(part.around(published), published, "after"), "published"
        return None, None
    when = prior.when
    if expr.context == "after":
        found = _pick(part.around(when.last), when.last, "after")
    elif expr.context == "before":
        found = _pick(part.around(when.first), when.first, "before")
    elif GRAIN_RANK[when.grain] >= GRAIN_RANK["year"]:
        found = part.in_year(when.first.year)
    else:
        found = _pick(part.around(when.first), when.first, "nearest")
    return (found, "context") if found else (None, None)


def _direction(part: Part, tense: Tense) -> Way:
    """Where to look for a part from the publication date, given the tense.

    A weekday in news is the last one unless the verb looks ahead. A day of a month is
    the nearest one (deadlines and payment dates lie ahead, events behind), after a past
    verb not more than two months ahead. A month or season follows a past or future verb,
    else the nearest. A quarter is the last one begun, or the nearest when the verb looks
    ahead ("will report third-quarter results").
    """
    if tense == "before":
        return "past"
    if part.weekday >= 0 or part.grain == "weekend":
        return "future" if tense == "future" else "past"
    if part.monthless_day:  # "on the 14th": this month's or the last
        return "past" if tense == "past" else "future" if tense == "future" else "nearest"
    if part.grain == "day":
        if tense in ("past", "future"):
            return "recent" if tense == "past" else "future"
        return "nearest"
    if part.grain in ("quarter", "half"):
        return "nearest" if tense == "future" else "past"
    if tense in ("past", "future"):
        return "past" if tense == "past" else "future"
    return "nearest"


def _context_for_partial(part: Part, priors: Sequence[Prior]) -> When | None:
    """The date a yearless month, day or quarter takes its year from, if any is near."""
    for prior in priors:
        if not prior.same_paragraph or prior.sentences_back > 2:
            return None
        if prior.anchor != "absolute":  # only a year the text gives, not one worked out
            continue
        if prior.sentences_back == 0:
            return prior.when
        fine = GRAIN_RANK[prior.when.grain] <= GRAIN_RANK["month"]
        if fine and part.grain in ("month", "week", "day"):
            return prior.when
    return None


def _near(priors: Sequence[Prior], sentences: int = 2) -> Prior | None:
    return next((p for p in priors if p.sentences_back <= sentences), None)


def resolve(
    expr: Expr,
    published: dt.date | None = None,
    priors: Sequence[Prior] = (),
    tense: Tense = "past",
) -> Resolved:
    """The value and anchor of an expression: from the text alone (absolute), from the
    publication date (published) or from a date mentioned before it (context).

    `priors` are the dates already read, nearest first; `tense` is the tense of the
    clause the expression stands in (news defaults to the past).
    """
    if expr.kind == "fixed":
        return (expr.when.iso(), "absolute") if expr.when else _NOTHING
    if expr.kind == "interval":
        assert expr.start is not None and expr.end is not None
        start, start_anchor = resolve_when(expr.start, published, priors, tense)
        end, end_anchor = resolve_when(expr.end, published, priors, tense)
        if start is None or end is None:
            return _NOTHING
        end_part = expr.end.part if expr.end.kind == "partial" else None
        if end.first < start.first and end_part is not None and not expr.end.relation:
            # "from October through March": the first March after that October
            end = _pick(end_part.around(start.first), start.first, "after") or end
        anchors = {start_anchor, end_anchor}
        anchor: Anchor = (
            "absolute" if anchors == {"absolute"} else "context" if "context" in anchors
            else "published"
        )  # fmt: skip
        return f"{start.iso()}/{end.iso()}", anchor
    when, anchor_found = resolve_when(expr, published, priors, tense)
    return (when.iso(), anchor_found) if when else _NOTHING


def resolve_when(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior], tense: Tense
) -> tuple[When | None, Anchor | None]:
    if expr.kind == "fixed":
        return expr.when, "absolute"
    if expr.kind == "partial":
        return _partial(expr, published, priors, tense)
    if expr.kind == "deictic":
        if published is None:
            return None, None
        if expr.keep:  # "this past week": the week of the past seven days' middle
            return When.containing(expr.unit, published - dt.timedelta(days=3)), "published"
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    if expr.kind == "ago":
        # "profit rose from a year ago" after a quarter is that quarter a year before
        compared = next((p for p in priors if p.sentences_back <= 1), None)
        if compared and expr.unit == "year" and compared.when.grain in ("quarter", "half"):
            return compared.when.shift("year", expr.offset), "context"
        if published is None:
            return None, None
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    if expr.kind == "relative":
        return _relative(expr, published, priors)
    # latest: the quarter last spoken of, else the last whole quarter before publication
    prior = next((p for p in priors if p.sentences_back <= 2 and p.when.grain == "quarter"), None)
    if prior is not None and (published is None or prior.when.last < published):
        return prior.when, "context"
    if published is None:
        return None, None
    return When.containing("quarter", published).shift("quarter", -1), "published"


def _relative(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior]
) -> tuple[When | None, Anchor | None]:
    if expr.compared:  # the year-earlier quarter compares with a quarter (month, half…) just named
        fine = ("quarter", "half", "month", "season")
        prior = next((p for p in priors if p.sentences_back <= 2 and p.when.grain in fine), None)
        if expr.when is not None:  # "the 1988 quarter": that quarter in 1988
            if prior is None:
                return expr.when, "absolute"
            years = expr.when.first.year - prior.when.first.year
            return prior.when.shift("year", years), "context"
    else:
        prior = _near(priors) or next((p for p in priors if p.same_paragraph), None)
    if prior is not None:
        if expr.keep:  # "a year earlier" keeps the grain of the date it counts from
            return prior.when.shift(expr.unit, expr.offset), "context"
        coarse = prior.when.coarsen(expr.unit)  # "the year before" is a year
        if coarse is None:
            return None, None
        return coarse.shift(expr.unit, expr.offset), "context"
    if published is not None and expr.offset < 0 and expr.keep:
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    return None, None
