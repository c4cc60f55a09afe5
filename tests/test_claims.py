"""Kinds and check-worthiness: the real articles through the CLI, and our own sentences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from claimcite.extractors import checkworthiness as model
from claimcite.extractors.claims import (
    EVENT_FLOOR,
    checkworthiness,
    claim_span,
    event_floor,
    kind_of,
    model_features,
    multiple_floor,
    statement_kind,
)
from claimcite.extractors.cutoff import DEFAULT_MIN_CHECKWORTHINESS
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.sentences import Sentence, make_doc, sentences_of

from .conftest import by_text

Records = Callable[..., list[dict[str, Any]]]

# (sentence, kind): one line per rule of claims.py, in our own words.
KINDS = [
    # facts, including reports of what someone said and frames around a fact
    ("The central bank raised its key interest rate to 5.25 percent on Wednesday.", "fact"),
    ("Smith said the government should resign.", "fact"),
    ("According to the ministry, the army should withdraw by Friday.", "fact"),
    ("“We must act now,” the minister told reporters on Monday.", "fact"),
    ("Unfortunately, three people died in the fire.", "fact"),
    ("Obviously, the port reopened in May.", "fact"),
    ("The company reported a loss of $2 billion in 2022, and analysts think it will recover.",
     "fact"),
    ("Let me point out that the treaty was signed in 1992.", "fact"),
    ("It should be noted that the law took effect in January.", "fact"),
    ("That said, the mayor resigned on Friday.", "fact"),
    ("The court ruled that the ban must be lifted.", "fact"),
    ("It was the first time the council met in public.", "fact"),
    ("There is a large gap between the two budgets.", "fact"),
    ("The new rules have to do with shipping.", "fact"),
    ("The law, critics say, is unfair.", "fact"),
    ("Residents should boil water until further notice, the utility said.", "fact"),
    ("Rescue workers had to dig through the rubble by hand.", "fact"),
    ("Keep in mind that the poll was taken before the debate.", "fact"),
    ("Analysts expect the economy to grow 2 percent next year.", "fact"),
    # judgement and evaluation
    ("It is clear that the policy has failed.", "opinion"),
    ("By now it's crystal clear that the mayor has lost the city's trust.", "opinion"),
    ("The summit turned out to be a disaster.", "opinion"),
    ("The alliance has proved to be a “house of cards”.", "opinion"),
    ("The summit was a “historic breakthrough”.", "opinion"),
    ("The new tax is unfair.", "opinion"),
    ("This was a terrible deal for the farmers.", "opinion"),
    ("There is no doubt that the mayor knew.", "opinion"),
    # normative and counterfactual
    ("The government should raise taxes.", "opinion"),
    ("It would have been wise to wait for the report.", "opinion"),
    ("We need to rebuild trust in our institutions.", "opinion"),
    ("Had the council acted sooner, the bridge would still be standing.", "opinion"),
    ("The fire would not have spread had the alarm worked.", "opinion"),
    # speculation and hedges
    ("The minister must have known about the deal.", "opinion"),
    ("The reform will very likely fail.", "opinion"),
    ("The main reason was most probably the weather.", "opinion"),
    ("That said, the mayor would probably resign.", "opinion"),
    ("Perhaps the talks will resume in spring.", "opinion"),
    ("Prices are likely to rise further.", "opinion"),
    # the writer's own stance, advice
    ("I think the deal is a mistake.", "opinion"),
    # a belief about a figure is a hedged claim; its complement decides
    ("I believe there are 1.4 million children in Texas without health insurance.", "fact"),
    ("In 1981 I think he paid about 40 percent in taxes.", "fact"),
    ("I think we should spend $20 billion on the roads.", "opinion"),
    ("I don't think 40 percent of voters agree.", "opinion"),
    ("I hope it isn't over by Christmas.", "opinion"),
    ("In my view, the election was a turning point.", "opinion"),
    ("Don't believe the hype.", "opinion"),
    # questions, rhetorical ones too
    ("Why did the council not act sooner?", "question"),
    ("Who could blame them?", "question"),
    ("Is this really what the voters wanted?", "question"),
    ("She asked who would pay for the repairs.", "fact"),
    # boilerplate and fragments
    ("The opinions expressed here are those of the author.", "other"),
    ("The views expressed in this column do not necessarily reflect those of the paper.",
     "other"),
    ("This article was originally published in the weekend edition.", "other"),
    ("All rights reserved.", "other"),
    ("www.example.org/floods", "other"),
    ("Moscow", "other"),
]

# Blocks that are `other` whatever their words (checked through clean-up's block kinds).
BLOCKS = [
    ("# Floods hit the northern coast", "Floods hit the northern coast", "heading"),
    ("Photo: Jane Doe / Reuters", "Photo: Jane Doe / Reuters", "credit"),
    ("Source: Statistics Office", "Source: Statistics Office", "credit"),
    ("Related article: Floods hit the coast again", "Related article: Floods hit", "related"),
]

# (specific, vague): the first must score check-worthy, the second not, and rank above it.
RANKED = [
    ("In March 2023, the International Criminal Court issued an arrest warrant for "
     "Vladimir Putin.", "Things have been changing a lot lately."),
    ("Unemployment rose to 7.4 percent in June, the highest level since 2009.",
     "People are worried about a lot of things."),
    ("The Senate voted 52 to 48 on Tuesday to confirm the new defence secretary.",
     "We had a very good conversation about it."),
    ("Azerbaijan launched a military offensive in Nagorno-Karabakh on 19 September.",
     "It is something that we talk about every day."),
    ("The company cut 12,000 jobs in Germany and France last year.",
     "I love this city and its people."),
]


# A news sanity set in our own words: check-worthy news facts (events, figures, dates,
# rulings, reported statements, some behind a frame or an opener) against trivial, vague
# or personal statements. The model is trained on debates; these check that it carries
# over to news wording.
NEWS_FACTS = [
    "Obviously, the port reopened in May.",
    "That said, the mayor resigned on Friday.",
    "Let me point out that the treaty was signed in 1992.",
    "The court ruled that the ban must be lifted.",
    "Rescue workers had to dig through the rubble by hand.",
    "Armenia learned this lesson and began to reorient its foreign policy toward a new "
    "powerful ally — the United States.",
    "The central bank raised its key interest rate to 5.25 percent on Wednesday.",
    "Police arrested four men in connection with the robbery.",
    "The river burst its banks overnight, flooding more than 300 homes.",
    "The airline cancelled all flights to Lisbon after the strike began.",
    "Parliament passed the budget by a narrow margin last week.",
    "The minister told reporters that the army had withdrawn from the border.",
    "Exports to China fell by a third in the first quarter.",
    "The factory closed in 2019, and most of its workers moved away.",
    "Two journalists were detained at the airport on Sunday.",
    "The company was fined 40 million euros for breaking competition rules.",
    "Voters in Ireland approved the amendment in a referendum.",
    "The governor signed the bill into law on Thursday.",
    "According to the health ministry, 57 people have died from the virus.",
    "The bridge collapsed during rush hour, killing three drivers.",
    "Germany sent two air defence systems to Poland in January.",
    "The prime minister met the king of Jordan in Amman.",
    "Inflation slowed to 3.1 percent in October.",
    "The striking nurses rejected the government's latest offer.",
    "Hundreds of protesters gathered outside the embassy.",
    "The ceasefire collapsed after less than a week.",
    "Smith founded the charity with her brother in 2004.",
    "The report found that half of the schools lacked heating.",
    "Russian troops withdrew from the city after a month of fighting.",
    "The museum returned the stolen statues to Nigeria.",
]
NEWS_TRIVIAL = [
    "Thank you all for coming.",
    "Things have been changing a lot lately.",
    "People are worried about a lot of things.",
    "We had a very good conversation about it.",
    "It is something that we talk about every day.",
    "I love this city and its people.",
    "Let me say a few words about that.",
    "I was at home with my kids that evening.",
    "We will see what happens.",
    "That is a very good question.",
    "I want to thank my family.",
    "It was a long day.",
    "My mother always told me to be honest.",
    "Here is what we know so far.",
    "We are going to keep working on it.",
    "Everybody has an opinion about this.",
    "The weather was nice.",
    "I remember that morning very well.",
    "She smiled and looked out of the window.",
    "This story is still developing.",
    "We talked for a while and then went home.",
    "Nobody knows what the future holds.",
    "Life goes on.",
    "I have been thinking about this for a long time.",
    "There are many ways to look at it.",
    "He laughed when I asked him.",
    "It happens all the time.",
    "We all want the same thing.",
    "I am glad to be here tonight.",
    "Some people like it and some do not.",
]


def _sentences(nlp: Any, text: str) -> list[Sentence]:
    cleaned = clean(text, 0)
    return sentences_of(nlp(make_doc(nlp, cleaned)), cleaned)


def _one(nlp: Any, text: str) -> Sentence:
    found = _sentences(nlp, text)
    assert len(found) == 1, [s.text for s in found]
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_statement_kind_of_own_sentences(nlp: Any, text: str, kind: str) -> None:
    assert statement_kind(_one(nlp, text)) == kind


@pytest.mark.slow
@pytest.mark.parametrize(("line", "fragment", "block"), BLOCKS)
def test_blocks_that_are_never_claims(nlp: Any, line: str, fragment: str, block: str) -> None:
    text = f"The dam broke on Monday.\n\n{line}\n\nRescue teams arrived on Tuesday.\n"
    found = [s for s in _sentences(nlp, text) if fragment in s.text]
    assert len(found) == 1
    assert found[0].block.kind == block
    assert kind_of(found[0]) == "other"


@pytest.mark.slow
def test_cli_writes_the_kind_of_every_own_sentence(records: Records, tmp_path: Path) -> None:
    article = tmp_path / "own.md"
    lines = [text for text, _ in KINDS] + [line for line, _, _ in BLOCKS]
    article.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    everything = records(str(article), "--all")

    def expected(text: str, kind: str) -> str:
        worth = by_text(everything, text)["checkworthiness"] >= DEFAULT_MIN_CHECKWORTHINESS
        return "other" if kind == "fact" and not worth else kind

    wrong = {
        text: by_text(everything, text)["kind"]
        for text, kind in KINDS
        if by_text(everything, text)["kind"] != expected(text, kind)
    }
    assert wrong == {}
    for _, fragment, _ in BLOCKS:
        assert by_text(everything, fragment)["kind"] == "other"
    facts = records(str(article))
    assert {r["kind"] for r in facts} == {"fact"}
    assert all(r["checkworthiness"] >= DEFAULT_MIN_CHECKWORTHINESS for r in facts)
    assert len(facts) == sum(expected(text, kind) == "fact" for text, kind in KINDS)


# The op-ed's plain opinions: never in the default output, `opinion` with --all.
OPED_OPINIONS = (
    "By now, it’s crystal clear",
    "But it would have been worth asking for help.",
    "would probably refuse to help Armenia",
    "Yerevan must have expected",
    "had Russia genuinely cared",
    "If Moscow fulfilled its duties",
)


@pytest.mark.slow
def test_oped_default_output_holds_its_facts_only(records: Records, oped: Path) -> None:
    rows = records(str(oped))
    texts = [r["text"] for r in rows]
    assert {r["kind"] for r in rows} == {"fact"}
    for fact in (
        "Uzbekistan joined the organization in 2006",
        "In March, the ICC issued an arrest warrant",
        "CSTO was established in 2002",
        "In September 2022, Nancy Pelosi",
        "Moscow recognizes Nagorno-Karabakh as a part of Azerbaijan",
    ):
        assert by_text(rows, fact)["checkworthiness"] >= 0.5
    for absent in (
        "Why did Yerevan not turn to CSTO",
        "The views expressed",
        "Related article:",
        *OPED_OPINIONS,
    ):
        assert not any(absent in text for text in texts), absent


@pytest.mark.slow
def test_oped_kinds_with_all(records: Records, oped: Path) -> None:
    rows = records(str(oped), "--all")
    assert by_text(rows, "Why did Yerevan not turn to CSTO")["kind"] == "question"
    assert by_text(rows, "The views expressed")["kind"] == "other"
    related = [r for r in rows if r["text"].startswith("Related article:")]
    assert len(related) == 2
    assert {r["kind"] for r in related} == {"other"}
    for opinion in OPED_OPINIONS:
        assert by_text(rows, opinion)["kind"] == "opinion", opinion
    assert by_text(rows, "Uzbekistan joined the organization")["kind"] == "fact"


@pytest.mark.slow
def test_paper_kinds_with_all(records: Records, paper: Path) -> None:
    rows = records(str(paper), "--all")
    assert by_text(rows, "Source: Sergei Bobylev / AP")["kind"] == "other"
    assert by_text(rows, "A PAPER TIGER IN THE CAUCASUS")["kind"] == "other"
    assert by_text(rows, "However, the CSTO has turned out to be a “paper tiger”")["kind"] == (
        "opinion"
    )
    assert by_text(rows, "These two conclusions have very likely been drawn")["kind"] == (
        "opinion"
    )
    assert by_text(rows, "was most probably Armenia's strategic alliance")["kind"] == "opinion"
    clash = by_text(rows, "In September 2022, intense fighting broke out")
    assert clash["kind"] == "fact"
    assert clash["checkworthiness"] >= 0.5
    facts = records(str(paper))
    assert not any("paper tiger" in r["text"] for r in facts)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "floored"),
    [
        ("That said, the mayor resigned on Friday.", True),
        ("The council approved the budget in 2021.", True),
        ("The company has cut 300 jobs.", True),
        ("The mayor resigned.", False),  # no date or figure
        ("We met them on Friday.", False),  # a pronoun's doing
        ("The mayor will resign on Friday.", False),  # not past
        ("It rained for 3 days.", False),
    ],
)
def test_dated_events_have_a_floor(nlp: Any, text: str, floored: bool) -> None:
    sentence = _one(nlp, text)
    assert event_floor(claim_span(sentence)) == (EVENT_FLOOR if floored else 0.0)
    if floored:
        assert checkworthiness(sentence) >= EVENT_FLOOR


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "floored"),
    [
        ("Rents in the capital have doubled since the strike.", True),
        ("The new tariff will halve imports of steel.", True),
        ("The ministry tripled its budget and hired new staff.", True),
        ("The council cut the bus service and tripled fares.", True),  # a joined verb
        ("We intend to double the number of inspectors.", False),  # an intention
        ("Doubling the budget is the only way forward.", False),
        ("It was a double tragedy for the village.", False),  # no verb of change
        ("The union said fares went up last year.", False),
    ],
)
def test_changes_by_a_multiple_have_a_floor(nlp: Any, text: str, floored: bool) -> None:
    sentence = _one(nlp, text)
    assert multiple_floor(claim_span(sentence)) == (EVENT_FLOOR if floored else 0.0)
    if floored:
        assert checkworthiness(sentence) >= EVENT_FLOOR


@pytest.mark.slow
def test_a_reported_change_by_a_multiple_is_a_checkworthy_fact(nlp: Any) -> None:
    """Issue #14's example: a group's reported forecast of a figure is not `other`."""
    sentence = _one(nlp, "Farmers especially say the levy will double their costs.")
    assert checkworthiness(sentence) >= EVENT_FLOOR
    assert kind_of(sentence) == "fact"


@pytest.mark.parametrize(("specific", "vague"), RANKED)
def test_checkworthiness_ranks_specific_above_vague(nlp: Any, specific: str, vague: str) -> None:
    high = checkworthiness(_one(nlp, specific))
    low = checkworthiness(_one(nlp, vague))
    assert 0.0 <= low < 0.5 <= high <= 1.0


@pytest.mark.slow
def test_checkworthiness_carries_over_to_news(nlp: Any) -> None:
    facts = np.array([checkworthiness(_one(nlp, text)) for text in NEWS_FACTS])
    trivial = np.array([checkworthiness(_one(nlp, text)) for text in NEWS_TRIVIAL])
    assert np.mean(facts >= 0.5) >= 0.75, dict(zip(NEWS_FACTS, facts, strict=True))
    assert np.mean(trivial < 0.5) >= 0.9, dict(zip(NEWS_TRIVIAL, trivial, strict=True))
    assert np.median(facts) > 0.8 > 0.2 > np.median(trivial)


@pytest.mark.slow
def test_checkworthiness_is_deterministic_and_cheap(nlp: Any) -> None:
    sentence = _one(nlp, RANKED[0][0])
    first = model_features(sentence)
    assert np.array_equal(first, model_features(sentence))
    assert np.all(np.diff(first) > 0)  # sorted, unique buckets
    assert checkworthiness(sentence) == checkworthiness(sentence)


def test_shipped_model_is_small_and_complete() -> None:
    trained = model.shipped_model()
    assert trained.weights.shape == (2**trained.bits,)
    assert 1_000 < np.count_nonzero(trained.weights) < 2**trained.bits
    from importlib import resources

    shipped = resources.files("claimcite.extractors").joinpath("data", model.MODEL_FILE)
    with resources.as_file(shipped) as path:
        assert path.stat().st_size < 1_000_000


def test_feature_hash_is_stable() -> None:
    # The shipped weights are indexed by spaCy's string hash: if it ever changed, every
    # weight would land in the wrong bucket.
    assert model.hash_string("signal:cue:modal") == 367187759642838778
