"""`claimcite report`: the review page, its escaping and highlights, and the page in Chromium."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from claimcite.workflows.report import build, locate, render, segments, timeline, year_runs
from typer.testing import Result

from .desk_records import HOSTILE, corpus_jsonl, rows


@pytest.mark.parametrize(
    ("text", "piece", "expected", "found"),
    [
        ("Duarte said so.", "Duarte", 0, (0, 6)),  # the offset indexes the text
        ("Mayor Elena Duarte said so.", "Elena Duarte", 4, (6, 18)),  # shifted: nearest occurrence
        ("Kyiv and Kyiv again.", "Kyiv", 12, (9, 13)),  # the nearer of two
        ("the Lakeside City Council voted", "Lakeside\nCity Council", 4, (4, 25)),  # a line wrap joined
        ("an irrevocable step", "irrevo-\ncable", 3, (3, 14)),  # a hyphenated word rejoined
        ("the post-Soviet states", "post-\nSoviet", 4, (4, 15)),  # a real hyphen kept
        ("Nothing here.", "Ukraine", 0, None),
        ("Blank.", "  ", 0, None),
    ],
)
def test_locate(text: str, piece: str, expected: int, found: tuple[int, int] | None) -> None:
    assert locate(text, piece, expected) == found
    if found:
        assert " ".join(text[found[0] : found[1]].split()) in (piece.replace("-\n", "").replace("\n", " "), piece.replace("\n", ""), " ".join(piece.split()))


def test_highlights_follow_the_words_when_offsets_do_not_index_the_text() -> None:
    marked = [(s.text, s.mark) for s in segments(HOSTILE) if s.mark]
    assert marked == [("Ada Lovelace", "actor"), ("1 March 2024", "date")]
    assert "".join(s.text for s in segments(HOSTILE)) == HOSTILE.text


class _Page(HTMLParser):
    """What a test needs from a page: elements by tag and attributes, and the visible text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def claims(self) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == "li" and "claim" in (a.get("class") or "").split()]


def test_text_is_escaped_and_only_web_links_are_links() -> None:
    page = render([HOSTILE], title="<i>Desk</i>")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>Desk</i>" not in page and "&lt;i&gt;Desk&lt;/i&gt;" in page
    assert "<b>hostile</b>" not in page
    parsed = _Page(page)
    hrefs = [a["href"] for a in parsed.all("a")]
    assert "javascript:alert(2)" not in hrefs  # shown as text, never a link
    assert "https://example.org/fn" in hrefs and HOSTILE.source.url in hrefs
    scripts = parsed.all("script")
    assert len(scripts) == 1 and "src" not in scripts[0]  # the page's own inline script only


def test_page_is_self_contained() -> None:
    page = render([HOSTILE])
    parsed = _Page(page)
    assert not parsed.all("link") and not parsed.all("img") and not parsed.all("iframe")
    assert all("src" not in attrs for _, attrs in parsed.elements)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"url\(\s*['\"]?https?:", page)  # no fetched CSS resources


def test_report_of_real_records(cli: Callable[..., Result], tmp_path: Path) -> None:
    jsonl = corpus_jsonl(include_all=True)
    records = rows(jsonl)
    out = tmp_path / "r.html"
    result = cli("report", "-", "-o", str(out), input=jsonl)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    parsed = _Page(page)
    items = parsed.claims()
    assert [i["id"] for i in items if "repeat" not in (i.get("class") or "")] == [
        r["id"] for r in records if r["duplicate_of"] is None
    ]
    assert len(items) == len(records)
    sentences = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r'<p class="sentence">(.*?)</p>', page, re.DOTALL)]
    assert sorted(sentences) == sorted(r["text"] for r in records)  # every claim, whole
    # grouped by source, each under its title
    sections = parsed.all("section", **{"class": "source"})
    assert len(sections) == len({r["source"]["path"] for r in records})
    assert "Council approves record transit budget" in page
    # a repeat is folded under the sentence it repeats
    repeat = next(r for r in records if r["duplicate_of"])
    body = page[page.index(f'id="{repeat["duplicate_of"]}"') :]
    assert body.index(f'id="{repeat["id"]}"') < body.index("</details>")
    # highlights, bars and the timeline
    assert '<mark class="actor" title="PERSON: Elena Duarte">Elena Duarte</mark>' in page
    assert '<mark class="date" title="date: 2023">last year</mark>' in page
    assert len(parsed.all("span", **{"class": "bar", "role": "meter"})) == len(records)
    points = parsed.all("a", **{"class": "point"})
    views = [v for s in build(rows_to_claims(records))[0] for v in s.claims]
    assert len(points) == sum(v.date is not None for v in views) > 5


def rows_to_claims(records: list[dict[str, Any]]) -> list[Any]:
    from claimcite.extractors.records import claim_from_dict

    return [claim_from_dict(r) for r in records]


def test_timeline_places_claims_by_date() -> None:
    early = replace(HOSTILE, id="c-1", dates=[replace(HOSTILE.dates[0], value="2022-01-01")])
    late = replace(HOSTILE, id="c-2", dates=[replace(HOSTILE.dates[0], value="2023-12")])
    none = replace(HOSTILE, id="c-3", dates=[replace(HOSTILE.dates[0], value=None)])
    _, views = build([late, early, none])
    line = timeline(views)
    assert line is not None
    assert [p.anchor for p in line.points] == ["c-1", "c-2"]
    assert line.points[0].x < line.points[1].x
    assert [label for _, label in line.ticks] == ["2022", "2023", "2024"]
    assert timeline(build([none])[1]) is None
    assert line.folds == []


@pytest.mark.parametrize(
    ("years", "runs"),
    [
        ([2023], [(2023, 2023)]),
        ([2021, 2024, 2022], [(2021, 2024)]),  # two empty years stay on the axis
        ([1961, 1998, 2000, 2021, 2024], [(1961, 1961), (1998, 2000), (2021, 2024)]),
    ],
)
def test_year_runs(years: list[int], runs: list[tuple[int, int]]) -> None:
    assert year_runs(years) == runs


def test_an_old_date_does_not_squeeze_the_timeline() -> None:
    def dated(i: int, value: str) -> Any:
        return replace(HOSTILE, id=f"c-{i}", dates=[replace(HOSTILE.dates[0], value=value)])

    claims = [dated(0, "1961"), dated(1, "2023-01-10"), dated(2, "2023-07-01"), dated(3, "2024-03")]
    line = timeline(build(claims)[1])
    assert line is not None and len(line.folds) == 1
    xs = {p.anchor: p.x for p in line.points}
    assert xs["c-0"] < line.folds[0] < xs["c-1"] < xs["c-2"] < xs["c-3"] <= line.width
    assert xs["c-2"] - xs["c-1"] > 100  # half a year is a sixth of the axis, not a dot's width
    labels = [label for _, label in line.ticks]
    assert labels == ["1961", "2023", "2024", "2025"]


def test_matches_link_to_the_other_claim() -> None:
    from claimcite.extractors.records import Match, Source

    other = replace(HOSTILE, id="c-00000000000000cc", source=Source(path="b.txt", sha256="3" * 64, title="Other paper"))
    linked = replace(HOSTILE, matches=[Match(other.id, 0.9, "same", ["date"])], cluster="k-1")
    page = render([linked, other])
    link = page[page.index(f'<a href="#{other.id}">') :]
    assert link[: link.index("</a>")].endswith("Ada Lovelace said on 1 March 2024 that &lt;script&gt;alert(1)&lt;/script&gt; ran.")
    assert "— Other paper; same, 0.90" in page
    assert "differs in date" in page


# --- in a browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    profile = tmp_path / "profile"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_report_in_headless_chromium(cli: Callable[..., Result], tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CLAIMCITE_REQUIRE_CHROMIUM"):  # set by .ci/run, which installs it
            pytest.fail("Chromium is not installed, and CI requires the browser test")
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    jsonl = corpus_jsonl(include_all=True)
    records = rows(jsonl)
    out = tmp_path / "report.html"
    assert cli("report", "-o", str(out), input=jsonl).exit_code == 0
    url = out.as_uri()
    top_level = [r for r in records if r["duplicate_of"] is None]

    dom = _chromium(tmp_path, "--dump-dom", url).stdout
    page = _Page(dom)
    items = [i for i in page.claims() if "repeat" not in (i.get("class") or "")]
    assert len(items) == len(top_level)
    assert not any("hidden" in i for i in items)  # nothing filtered out at first
    assert f"{len(top_level)} of {len(top_level)} claims shown" in dom
    assert "Elena Duarte" in dom

    # the filter, applied by the page's script from the URL's fragment
    dom = _chromium(tmp_path, "--dump-dom", url + "#kind=fact&actor=elena%20duarte&min=0.6").stdout
    shown = [i["id"] for i in _Page(dom).claims() if "hidden" not in i and "repeat" not in (i.get("class") or "")]
    want = [
        r["id"] for r in top_level
        if r["kind"] == "fact" and r["checkworthiness"] >= 0.6
        and any("elena duarte" in n.lower() for n in [a["name"] for a in r["actors"]] + [a["speaker"] or "" for a in r["attributions"]])
    ]
    assert set(shown) == set(want) and 1 <= len(want) < len(top_level)
    assert f"{len(want)} of {len(top_level)} claims shown" in dom

    # sorted by score: the visible claims of each source in descending order
    dom = _chromium(tmp_path, "--dump-dom", url + "#sort=score").stdout
    by_id = {r["id"]: r["checkworthiness"] for r in records}
    for section in re.findall(r'<ol class="claims">(.*?)</ol>\s*</section>', dom, re.DOTALL):
        ids = re.findall(r'<li class="claim" id="([^"]+)"', section)
        assert [by_id[i] for i in ids] == sorted((by_id[i] for i in ids), reverse=True)

    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1800", "--hide-scrollbars", url)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    keep = Path(os.environ.get("CLAIMCITE_SCREENSHOT", ""))  # to look at it yourself
    if keep.name:
        shutil.copy(shot, keep)


def test_points_close_in_time_do_not_overlap() -> None:
    claims = [
        replace(HOSTILE, id=f"c-{i}", dates=[replace(HOSTILE.dates[0], value=f"2024-03-0{i + 1}")])
        for i in range(4)
    ]
    line = timeline(build(claims)[1])
    assert line is not None
    for a in line.points:
        for b in line.points:
            if a is not b:
                assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= 10**2, (a, b)
