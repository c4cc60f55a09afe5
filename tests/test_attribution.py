"""Attribution: cues, speakers, quotations, and the records of the real articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.actors import FoundActor
from claimcite.extractors.attribution import Credits, credits_of, find_attributions
from claimcite.extractors.claims import checkworthiness, kind_of, reported_content
from claimcite.extractors.cues import Quoted, quoted_spans, verb_forms
from claimcite.extractors.pipeline import _Speakers
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.records import Attribution
from claimcite.extractors.sentences import make_doc, sentences_of
from spacy.language import Language

from .conftest import REPO, by_text

# ---------------------------------------------------------------------------
# Pure text handling: verb forms and quotation marks


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("say", ("say", "says", "said", "saying")),
        ("deny", ("deny", "denies", "denied", "denying")),
        ("argue", ("argue", "argues", "argued", "arguing")),
        ("agree", ("agree", "agrees", "agreed", "agreeing")),
        ("admit", ("admit", "admits", "admitted", "admitting")),
        ("stress", ("stress", "stresses", "stressed", "stressing")),
        ("write", ("write", "writes", "wrote", "written", "writing")),
        ("lie", ("lie", "lies", "lied", "lying")),
        ("warn", ("warn", "warns", "warned", "warning")),
    ],
)
def test_verb_forms(base: str, forms: tuple[str, ...]) -> None:
    assert verb_forms(base) == forms


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"We won," he said.', ['"We won,"']),
        ("“A. B,” she said. “C.”", ["“A. B,”", "“C.”"]),
        ("«Nous avons gagné», a-t-il dit.", ["«Nous avons gagné»"]),
        ("»Wir haben gewonnen«, sagte er.", ["»Wir haben gewonnen«"]),
        # a closing glyph used to open, as PDF text often has it
        ("”Mr. Smith is wrong.” ― Jane Doe", ["”Mr. Smith is wrong.”"]),
        # unbalanced: the quote runs to the end of the block
        ("He said: “It runs on", ["“It runs on"]),
        # a quote that began in an earlier paragraph closes here
        ("on and on.” Then more.", ["on and on.”"]),
        # a straight mark with none before it is an inch mark, not a quote
        ('It is 5" long and "big".', ['"big"']),
        ("No quotation here.", []),
    ],
)
def test_quoted_spans(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in quoted_spans(text)] == quoted


def test_quoted_spans_flags_open_ends() -> None:
    assert quoted_spans("He said: “It runs on") == [Quoted(9, 20, closed=False)]
    assert quoted_spans("on and on.” Then") == [Quoted(0, 11, opened=False)]


# ---------------------------------------------------------------------------
# Sentences through the model


def attributions(nlp: Language, text: str) -> list[tuple[str, Attribution | None, str]]:
    """Each sentence of ``text`` with its attribution and the clean text it points into."""
    cleaned = clean(text)
    doc = nlp(make_doc(nlp, cleaned))
    sentences = sentences_of(doc, cleaned)
    found = find_attributions(doc, sentences)
    return [(s.text, a, cleaned.text) for s, a in zip(sentences, found, strict=True)]


def attribution_of(nlp: Language, text: str, fragment: str) -> tuple[Attribution | None, str]:
    """The attribution of the one sentence holding ``fragment``, and the clean text."""
    rows = [(a, clean_text) for s, a, clean_text in attributions(nlp, text) if fragment in s]
    assert len(rows) == 1, f"{len(rows)} sentences hold {fragment!r}"
    return rows[0]


# text, sentence fragment, speaker span, speaker name, cue, direct
CUES: list[tuple[str, str, str | None, str | None, str, bool]] = [
    # reporting verbs well beyond "said", with their auxiliaries
    (
        "Officials said the bridge would reopen in May.",
        "bridge",
        "Officials",
        "Officials",
        "said",
        False,
    ),
    (
        "The minister has also denied the allegations.",
        "minister",
        "The minister",
        "The minister",
        "has also denied",
        False,
    ),
    (
        "Researchers have also discovered that the drug works.",
        "drug",
        "Researchers",
        "Researchers",
        "have also discovered",
        False,
    ),
    (
        "The union warned that strikes would follow.",
        "strikes",
        "The union",
        "The union",
        "warned",
        False,
    ),
    (
        "The senator called for an inquiry into the contracts.",
        "inquiry",
        "The senator",
        "The senator",
        "called for",
        False,
    ),
    (
        "Critics accused the government of hiding the figures.",
        "figures",
        "Critics",
        "Critics",
        "accused",
        False,
    ),
    (
        "The agency estimated that 300 homes were damaged.",
        "homes",
        "The agency",
        "The agency",
        "estimated",
        False,
    ),
    (
        "Clinton now says she opposes the trade deal.",
        "trade",
        "Clinton",
        "Clinton",
        "says",
        False,
    ),
    # anonymous sources
    (
        "A senior official told reporters that the talks had stalled.",
        "talks",
        "A senior official",
        "A senior official",
        "told",
        False,
    ),
    # publications
    (
        "The New York Post reports that the mayor was taken to hospital.",
        "hospital",
        "The New York Post",
        "The New York Post",
        "reports",
        False,
    ),
    # apposition: the span is the name, the apposition stays in the sentence
    (
        "Hugh Hill, a doctor at the clinic, said the patients were stable.",
        "patients",
        "Hugh Hill",
        "Hugh Hill",
        "said",
        False,
    ),
    # a role with the person's name in apposition: the speaker is the person
    (
        "The company’s chief executive, Anna Berg, said profits rose by a third.",
        "profits",
        "Anna Berg",
        "Anna Berg",
        "said",
        False,
    ),
    # according to, in the view of, in X's words, as X put it
    (
        "According to the ministry, 40 people were injured in the blast.",
        "injured",
        "the ministry",
        "the ministry",
        "According to",
        False,
    ),
    (
        "In the view of the committee, the budget is far too small.",
        "budget",
        "the committee",
        "the committee",
        "In the view of",
        False,
    ),
    ("As Smith put it, the plan is dead.", "plan", "Smith", "Smith", "put it", False),
    # passive: nobody named, or the agent
    (
        "It was reported that the minister had resigned.",
        "resigned",
        None,
        None,
        "was reported",
        False,
    ),
    (
        "The figures were confirmed by the statistics office on Monday.",
        "figures",
        "the statistics office",
        "the statistics office",
        "were confirmed",
        False,
    ),
    # reporting nouns
    (
        "Allegations of fraud have dogged the visa program for years.",
        "fraud",
        None,
        None,
        "Allegations",
        False,
    ),
    # a participle after a statement: the one who issued it
    (
        "The company issued a statement saying it would appeal the ruling.",
        "appeal",
        "The company",
        "The company",
        "saying",
        False,
    ),
    # stance, depiction and attitude; violence verbs only when the attack is in words
    (
        "Critics describe the plan as a giveaway to the banks.",
        "giveaway",
        "Critics",
        "Critics",
        "describe",
        False,
    ),
    (
        "Clinton attacked Trump as a fraud during the debate.",
        "fraud",
        "Clinton",
        "Clinton",
        "attacked",
        False,
    ),
    (
        "Graham has been critical of the deal since May.",
        "deal",
        "Graham",
        "Graham",
        "has been critical of",
        False,
    ),
    ("In Smith's words, the plan is dead.", "plan", "Smith", "Smith", "In Smith's words", False),
    # hearsay and appearance: a cue that credits no one
    ("The officer allegedly fired twice at the car.", "fired", None, None, "allegedly", False),
    # a transcript turn, a credit after a quotation
    ("SMITH: We will rebuild the bridge by the spring.", "rebuild", "SMITH", "SMITH", ":", False),
    ("“The plan is a disgrace.” ― Jane Doe", "disgrace", "Jane Doe", "Jane Doe", "―", True),
    # direct quotes in straight, curly and guillemet marks, inverted "said X"
    (
        '"We will rebuild the bridge," said Hugh Hill, a doctor.',
        "rebuild",
        "Hugh Hill",
        "Hugh Hill",
        "said",
        True,
    ),
    (
        "“We will rebuild the bridge,” the mayor said.",
        "rebuild",
        "the mayor",
        "the mayor",
        "said",
        True,
    ),
    (
        "«We will rebuild the bridge», the mayor said.",
        "rebuild",
        "the mayor",
        "the mayor",
        "said",
        True,
    ),
    # where and when it was said are words of the frame, not of the quotation
    (
        'The data "cannot show cause and effect," wrote Mei Tanaka, an epidemiologist, in a '
        "commentary published with the study.",
        "cause and effect",
        "Mei Tanaka",
        "Mei Tanaka",
        "wrote",
        True,
    ),
    # a partial quote is not a direct one
    (
        'The mayor said the plan was "a disaster" for the town and its people.',
        "plan",
        "The mayor",
        "The mayor",
        "said",
        False,
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "fragment", "span", "name", "cue", "direct"), CUES)
def test_cues_and_speakers(
    nlp: Language,
    text: str,
    fragment: str,
    span: str | None,
    name: str | None,
    cue: str,
    direct: bool,
) -> None:
    found, clean_text = attribution_of(nlp, text, fragment)
    assert found is not None
    assert found.cue == cue
    assert clean_text[found.cue_start : found.cue_end] == cue
    if span is None:
        assert found.speaker is None and found.speaker_start is None
    else:
        assert found.speaker_start is not None and found.speaker_end is not None
        assert clean_text[found.speaker_start : found.speaker_end] == span
        assert found.speaker == name
    assert found.direct is direct


NARRATION = [
    "The bridge was closed on Monday after the storm.",
    "That said, the bridge is safe to cross.",
    "On Tuesday, the army launched what it called an “exercise” in the region.",
    "Do you know where the tax returns are?",
    # a question that asks what was said reports nothing
    "What does the decision to stay away say about the alliance?",
    "What did the minister say about the cuts?",
    # what someone ought to say is no report of what they said
    "The member states should admit that the court has failed.",
    "Ministers must explain why the trains are late.",
    "The members should fund the court or admit that it has failed.",
    "Voters have every right to know more about the finances of the candidates.",
    "The army attacked the town at dawn.",
    "The security guarantees offered by the alliance proved worthless.",
    # a dateline credit: where the reporter was, not what was reported
    "Anna Berg reported from Paris on Tuesday.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NARRATION)
def test_narration_has_no_attribution(nlp: Language, text: str) -> None:
    assert [a for _, a, _ in attributions(nlp, text)] == [None]


# text, the sentences that must all carry the same attribution (speaker span, cue)
QUOTATIONS: list[tuple[str, list[str], str, str]] = [
    # several sentences of one quotation, the cue after the last
    (
        "“The bridge is closed. It will reopen in May. Nobody was hurt,” the mayor said.",
        ["The bridge is closed", "It will reopen", "Nobody was hurt"],
        "the mayor",
        "said",
    ),
    # the cue before, a colon, the quotation running on
    (
        "The mayor said: “The bridge is closed. It will reopen in May.”",
        ["The mayor said", "It will reopen"],
        "The mayor",
        "said",
    ),
    # an odd number of marks: the unclosed quotation runs to the end of its paragraph
    (
        'The mayor said: "The bridge is closed. It will reopen in May.',
        ["The mayor said", "It will reopen"],
        "The mayor",
        "said",
    ),
    # a quotation over two paragraphs (the first left open, the second reopened)
    (
        "The mayor said: “The bridge is closed.\n\n“It will reopen in May. Nobody was hurt.”",
        ["The mayor said", "It will reopen", "Nobody was hurt"],
        "The mayor",
        "said",
    ),
    # a quotation after the one with the cue, in the same paragraph
    (
        "“The bridge is closed,” she said. “It will reopen in May.”",
        ["The bridge is closed", "It will reopen"],
        "she",
        "said",
    ),
    # the frame cut off by the sentence splitter after a question
    (
        "“Why was the bridge closed?” Graham asked.",
        ["Why was the bridge closed"],
        "Graham",
        "asked",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "fragments", "span", "cue"), QUOTATIONS)
def test_quotations_over_sentences(
    nlp: Language, text: str, fragments: list[str], span: str, cue: str
) -> None:
    for fragment in fragments:
        found, clean_text = attribution_of(nlp, text, fragment)
        assert found is not None, fragment
        assert found.speaker_start is not None and found.speaker_end is not None
        assert clean_text[found.speaker_start : found.speaker_end] == span, fragment
        assert found.cue == cue
        assert found.direct, fragment


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "fragment", "pronoun", "name"),
    [
        # the last person named before the pronoun, in the fullest form the text gives
        (
            "Vladimir Putin spoke on Tuesday. Putin met the press. He said the talks had failed.",
            "talks",
            "He",
            "Vladimir Putin",
        ),
        # the speaker of the sentence before, not another person named in it
        (
            "Jane Smith said the contract was signed by Tom Brown. She added that it was legal.",
            "legal",
            "She",
            "Jane Smith",
        ),
        # a title in the text says who "he" can be
        (
            "Mrs. Jones met Mr. Smith on Monday. He said the deal was off.",
            "deal",
            "He",
            "Smith",
        ),
        # no one named before it: the pronoun stays
        ("He said the deal was off.", "deal", "He", "He"),
        # a relative pronoun stands for the noun it follows
        (
            "The mayor, who said the bridge was safe, left early.",
            "bridge",
            "who",
            "The mayor",
        ),
    ],
)
def test_pronoun_speakers(nlp: Language, text: str, fragment: str, pronoun: str, name: str) -> None:
    found, clean_text = attribution_of(nlp, text, fragment)
    assert found is not None and found.speaker_start is not None
    assert clean_text[found.speaker_start : found.speaker_end] == pronoun
    assert found.speaker is not None and name in found.speaker


@pytest.mark.slow
def test_a_cue_inside_a_quotation_belongs_to_the_quoted_words(nlp: Language) -> None:
    found, clean_text = attribution_of(nlp, "“They said no,” the mayor told reporters.", "no")
    assert found is not None and found.speaker_start is not None
    assert clean_text[found.speaker_start : found.speaker_end] == "the mayor"
    assert found.cue == "told"
    assert found.direct


# ---------------------------------------------------------------------------
# Records of the real articles


@pytest.mark.slow
def test_oped_records(oped: Path, records: Callable[..., list[dict[str, Any]]]) -> None:
    rows = records(str(oped), "--all")
    original = oped.read_text(encoding="utf-8")
    confirmed = by_text(rows, "Nikol Pashinyan confirmed that")["attribution"]
    assert confirmed["speaker"] == "Nikol Pashinyan"
    assert original[confirmed["speaker_start"] : confirmed["speaker_end"]] == "Nikol Pashinyan"
    assert confirmed["cue"] == "confirmed"
    assert original[confirmed["cue_start"] : confirmed["cue_end"]] == "confirmed"
    assert confirmed["direct"] is False
    body = [r for r in rows if r["kind"] != "other"]
    assert body[0]["attribution"] is None
    assert by_text(rows, "what it called")["attribution"] is None


@pytest.mark.slow
def test_paper_records(paper: Path, records: Callable[..., list[dict[str, Any]]]) -> None:
    rows = records(str(paper), "--all")
    original = paper.read_text(encoding="utf-8")
    found = by_text(rows, "then openly acknowledged that")["attribution"]
    assert original[found["speaker_start"] : found["speaker_end"]] == "The Armenian government"
    assert found["cue"] == "acknowledged"
    assert found["direct"] is False


def test_news_quote_credited_to_the_person_in_apposition(
    records: Callable[..., list[dict[str, Any]]],
) -> None:
    """Our own news article: a direct quote, then "the port’s director, Carlos Mendes,
    told …" — the speaker is the person, and the quote's next sentence is his too."""
    path = REPO / "corpus" / "harbour-strike-news.txt"
    rows = records(str(path), "--all")
    original = path.read_text(encoding="utf-8")
    for fragment in ("The port is open", "We lost nine days"):
        found = by_text(rows, fragment)["attribution"]
        assert found is not None, fragment
        assert found["speaker"] == "Carlos Mendes"
        assert original[found["speaker_start"] : found["speaker_end"]] == "Carlos Mendes"
        assert found["direct"] is True


def test_of_two_subjects_the_one_nearest_the_cue_speaks(
    records: Callable[..., list[dict[str, Any]]],
) -> None:
    """Our PDF-style op-ed: in the document the parser gives "reported" two subjects
    ("Wetlands … dried out, and the fishing cooperatives … reported …"); the speaker is
    the one right before the verb, not the wetlands."""
    rows = records(str(REPO / "corpus" / "river-treaty-oped.txt"), "--all")
    found = by_text(rows, "Wetlands along the lower river")["attribution"]
    assert found["speaker"] == "the fishing cooperatives of the delta"
    assert found["cue"] == "reported"


# ---------------------------------------------------------------------------
# Quotation runs, speakers that can say things, every attribution of a sentence


def credits(nlp: Language, text: str) -> list[tuple[str, Credits, str]]:
    """Each sentence of ``text`` with all its attributions and the clean text."""
    cleaned = clean(text)
    doc = nlp(make_doc(nlp, cleaned))
    sentences = sentences_of(doc, cleaned)
    found = credits_of(doc, sentences)
    return [(s.text, c, cleaned.text) for s, c in zip(sentences, found, strict=True)]


HARBOUR_RUN = (
    "Ines Duarte runs the harbour office. “The ferry will not sail today,” Duarte said.\n\n"
    "“We have no fuel and no crew.”\n\n"
    "“Nobody from the ministry has called us.”\n\n"
    "The ministry gave no reason. Fuel prices rose again in the town. Shops closed early.\n\n"
    "“It cannot go on like this,” she said."
)


# text, sentence fragment, speaker span, speaker name, cue, speaker_resolved
RUNS: list[tuple[str, str, str, str, str, bool]] = [
    # a paragraph that is all quotation runs on from the speaker quoted before it
    (HARBOUR_RUN, "no fuel", "Duarte", "Duarte", "said", True),
    # ... and so does the next one
    (HARBOUR_RUN, "Nobody from the ministry", "Duarte", "Duarte", "said", True),
    # "she" after the run of her quotes and three sentences of narration: still Duarte
    (HARBOUR_RUN, "cannot go on", "she", "Ines Duarte", "said", True),
    # a pronoun with no one to stand for says so
    ("“We will appeal,” she said.", "appeal", "she", "she", "said", False),
    ("“The deal is off,” he told reporters.", "deal", "he", "he", "told", False),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "fragment", "span", "name", "cue", "resolved"), RUNS)
def test_quotation_runs_and_pronouns(
    nlp: Language, text: str, fragment: str, span: str, name: str, cue: str, resolved: bool
) -> None:
    found, clean_text = attribution_of(nlp, text, fragment)
    assert found is not None
    assert found.speaker_start is not None
    assert clean_text[found.speaker_start : found.speaker_end] == span
    assert (found.speaker, found.cue, found.speaker_resolved) == (name, cue, resolved)
    assert found.direct


NOT_SAYERS_TEXT = [
    # an event or an abstract noun as subject says nothing
    "Port closure signals trouble for exporters.",
    "The drought suggests that the harvest will be poor.",
    "The new rules all propose to cap fees at two percent.",
    "Rising prices show no sign of slowing.",
    # a quantity of things, not of people
    "A number of factors suggest that the harvest will be poor.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_SAYERS_TEXT)
def test_subjects_that_cannot_say_are_no_speakers(nlp: Language, text: str) -> None:
    assert [c.every for _, c, _ in credits(nlp, text)] == [()]


@pytest.mark.slow
def test_a_headline_is_read_with_the_same_rule(nlp: Language) -> None:
    text = "Port Closure Signals Trouble For Exporters\n\nThe port shut on Monday, officials said."
    found = [c.every for _, c, _ in credits(nlp, text)]
    assert found[0] == ()
    assert [a.cue for a in found[1]] == ["said"]


# text, speaker spans that can say things (documents, polls, groups), cue
SAYERS_TEXT = [
    ("The report finds that rents rose by a fifth in two years.", "The report", "finds"),
    ("Polls show the mayor trailing her rival by ten points.", "Polls", "show"),
    ("Farmers especially say the levy will double their costs.", "Farmers", "say"),
    # people counted in a poll, and the people a quantity is "of"
    ("Sixty percent said the council should resign.", "Sixty percent", "said"),
    ("A number of economists say the tariff will raise prices.", "A number of economists", "say"),
    # people named by a compound of -man/-woman, and media that carry words
    ("The businessman says the factory will close in June.", "The businessman", "says"),
    ("The ad claims the senator voted against the bill twice.", "The ad", "claims"),
    # a headline whose reporting frame comes last, after a comma
    ("Heat deaths rising faster than forecast, study finds", "study", "finds"),
    ("Rents up a third in two years, report says", "report", "says"),
    # saying it in the first person, and a guess about what someone expected
    ("I must say the port has never been busier.", "I", "must say"),
    (
        "The government must have expected that the court would rule against it.",
        "The government",
        "must have expected",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span", "cue"), SAYERS_TEXT)
def test_documents_and_groups_can_say(nlp: Language, text: str, span: str, cue: str) -> None:
    [(_, found, clean_text)] = credits(nlp, text)
    assert found.outermost is not None and found.outermost.speaker_start is not None
    outermost = found.outermost
    assert clean_text[outermost.speaker_start : outermost.speaker_end] == span
    assert outermost.cue == cue


# a passive that relays someone's words: the passive's subject said them, not the medium
RELAYED = [
    (
        "The union's leader, Ana Matos, was quoted by the weekly Expresso as saying the "
        "dockers would strike again.",
        "Ana Matos",
        "was quoted",
    ),
    (
        "The minister was heard telling aides that the plan had failed.",
        "The minister",
        "was heard telling",
    ),
    (
        "The senator was reported to have said the bill would fail.",
        "The senator",
        "was reported to have said",
    ),
    # a name the tagger reads as a plural ("Neves"), in a sentence that is no headline
    (
        "Paulo Neves of the Porto institute wrote on Monday that the strike had cut growth.",
        "Paulo Neves",
        "wrote",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span", "cue"), RELAYED)
def test_relayed_words_are_credited_to_who_said_them(
    nlp: Language, text: str, span: str, cue: str
) -> None:
    [(_, found, clean_text)] = credits(nlp, text)
    assert len(found.every) == 1
    outermost = found.outermost
    assert outermost is not None and outermost.speaker_start is not None
    assert clean_text[outermost.speaker_start : outermost.speaker_end] == span
    assert outermost.cue == cue


# text, every (speaker span, cue) in text order, the outermost's cue
EVERY: list[tuple[str, list[tuple[str, str]], str]] = [
    (
        "Smith said Jones claimed the port would reopen in May.",
        [("Smith", "said"), ("Jones", "claimed")],
        "said",
    ),
    (
        "Critics say the mayor has admitted the budget was wrong.",
        [("Critics", "say"), ("the mayor", "has admitted")],
        "say",
    ),
    # one attribution only: the sentence has one
    ("Officials said the bridge would reopen in May.", [("Officials", "said")], "said"),
    # a source's request not to be named is no attribution of its own
    (
        "Officials at the port, who asked not to be named, told reporters the cranes had stopped.",
        [("Officials at the port", "told")],
        "told",
    ),
    # the speaker's phrase ends before the relative clause of its preposition's object
    (
        "A spokesman for the ministry, which runs the port, said talks would resume.",
        [("A spokesman for the ministry", "said")],
        "said",
    ),
    # the name in apposition, though the parser hangs it on "Velm"
    (
        "“The contract is clear,” the mayor of Velm, Jonas Brink, said.",
        [("Jonas Brink", "said")],
        "said",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "pairs", "outer"), EVERY)
def test_every_attribution_of_a_sentence(
    nlp: Language, text: str, pairs: list[tuple[str, str]], outer: str
) -> None:
    [(_, found, clean_text)] = credits(nlp, text)
    got = [
        (clean_text[a.speaker_start : a.speaker_end] if a.speaker_start is not None else "", a.cue)
        for a in found.every
    ]
    assert got == pairs
    assert found.outermost is not None and found.outermost.cue == outer
    assert found.outermost in found.every


def test_records_carry_every_attribution(records: Callable[..., list[dict[str, Any]]]) -> None:
    rows = records("-", "--all", input="Smith said Jones claimed the port would reopen in May.\n")
    [row] = rows
    assert [a["speaker"] for a in row["attributions"]] == ["Smith", "Jones"]
    assert row["attribution"] == row["attributions"][0]
    assert all(a["speaker_resolved"] is True for a in row["attributions"])


# a claim reported by someone, and the same claim told by the writer
REPORTED = [
    (
        "Residents say the council ignored the warnings for years.",
        "The council ignored the warnings for years.",
    ),
    (
        "Officials said the storm destroyed 300 homes in March.",
        "The storm destroyed 300 homes in March.",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("reported", "plain"), REPORTED)
def test_reported_claims_keep_the_weight_of_their_content(
    nlp: Language, reported: str, plain: str
) -> None:
    def scored(text: str) -> tuple[str, float]:
        cleaned = clean(text)
        [sentence] = sentences_of(nlp(make_doc(nlp, cleaned)), cleaned)
        return kind_of(sentence), checkworthiness(sentence)

    kind, score = scored(reported)
    plain_kind, plain_score = scored(plain)
    assert plain_kind == "fact"
    assert kind == "fact"
    assert score >= plain_score - 0.05


# a sentence, and the content its reporting frame lends its weight (None: no such content)
CONTENTS: list[tuple[str, str | None]] = [
    (
        "Residents say the council ignored the warnings for years.",
        "the council ignored the warnings for years",
    ),
    ("Forty people died in the floods, officials said.", "Forty people died in the floods"),
    # a judgement, a modal, a pronoun subject: nothing to check by itself
    ("Critics say the plan is dangerous.", None),
    ("Officials said the ministry should resign.", None),
    ("Some say that is what the mayor intended.", None),
    # no one else's frame: a first-person frame is the claim span's, an event says nothing
    ("I said the bridge was closed.", None),
    ("Port closure signals trouble for exporters.", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "content"), CONTENTS)
def test_reported_content(nlp: Language, text: str, content: str | None) -> None:
    cleaned = clean(text)
    [sentence] = sentences_of(nlp(make_doc(nlp, cleaned)), cleaned)
    found = reported_content(sentence)
    assert (found.text if found is not None else None) == content


# a quotation, then its speaker hung elsewhere by the parser, then the verb
AFTER_QUOTATION = [
    (
        "“The port cannot cope with this,” Okafor, a harbour pilot, said on Tuesday morning.",
        "Okafor",
    ),
    (
        "“We will appeal the ruling, and we expect to win it in the higher court,” the union’s"
        " lawyer said Thursday morning on the radio.",
        "the union’s lawyer",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span"), AFTER_QUOTATION)
def test_the_speaker_between_a_quotation_and_its_verb(nlp: Language, text: str, span: str) -> None:
    [(_, found, clean_text)] = credits(nlp, text)
    outermost = found.outermost
    assert outermost is not None and outermost.speaker_start is not None
    assert clean_text[outermost.speaker_start : outermost.speaker_end] == span
    assert (outermost.cue, outermost.direct) == ("said", True)


# the main verb that the parser hung on the speaker as a clause of it, and the reduced
# relative clause that is no report ("a deal announced Friday")
MISPARSED_MAIN_VERB = [
    ("Linden, the mayor's opponent in the election, called Friday for a recount.", "Linden"),
    ("Moreno, the senator's rival in the race, called Friday for releasing the videos.", "Moreno"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span"), MISPARSED_MAIN_VERB)
def test_a_main_verb_parsed_as_a_clause_of_its_subject(nlp: Language, text: str, span: str) -> None:
    [(_, found, clean_text)] = credits(nlp, text)
    outermost = found.outermost
    assert outermost is not None and outermost.speaker_start is not None
    assert clean_text[outermost.speaker_start : outermost.speaker_end] == span
    assert outermost.cue == "called"


@pytest.mark.slow
def test_a_reduced_relative_clause_is_no_report(nlp: Language) -> None:
    [(_, found, _)] = credits(nlp, "The port signed a deal announced Friday by the ministry.")
    assert found.every == ()


# a passive verb of the lexicon with no agent and nothing reported: something done
PASSIVES_OF_THINGS_DONE = [
    "The statutes required a session within ten days, yet none was called until late October.",
    "An emergency session was called last week.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", PASSIVES_OF_THINGS_DONE)
def test_a_passive_with_nothing_reported_is_no_attribution(nlp: Language, text: str) -> None:
    assert [c.every for _, c, _ in credits(nlp, text)] == [()]


# "it" and "they" as speakers: the sentence with the pronoun, the speaker name, resolved
GROUP_PRONOUNS: list[tuple[str, str, str, bool]] = [
    # an organisation named as the subject just before
    (
        "The transport ministry issued a statement on Monday. It said the port would reopen.",
        "It said",
        "The transport ministry",
        True,
    ),
    # a publication, as a passive subject
    ("The audit was published on Tuesday. It found that fees rose.", "It found", "The audit", True),
    # a company by name
    (
        "Nordline Ferries Inc. cut its fares. It said demand had slowed.",
        "It said",
        "Nordline Ferries Inc.",
        True,
    ),
    # "they": the group credited just before
    (
        "The dockers' unions said the strike would go on. They added that talks had failed.",
        "They added",
        "The dockers' unions",
        True,
    ),
    # "they" for a body of people named in the singular
    (
        "The mayor's campaign kept its figures secret. They said the money would last.",
        "They said",
        "The mayor's campaign",
        True,
    ),
    # a person is no "it", and a storm says nothing: the pronoun stays, unresolved
    ("The mayor spoke first. It said the fees were unfair.", "It said", "It", False),
    ("The storm reached the coast at dawn. It said the fees were unfair.", "It said", "It", False),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "fragment", "name", "resolved"), GROUP_PRONOUNS)
def test_it_and_they_stand_for_an_organisation_or_a_group(
    nlp: Language, text: str, fragment: str, name: str, resolved: bool
) -> None:
    [(_, found, clean_text)] = [c for c in credits(nlp, text) if c[0].startswith(fragment)]
    outermost = found.outermost
    assert outermost is not None and outermost.speaker_start is not None
    assert clean_text[outermost.speaker_start : outermost.speaker_end] == fragment.split()[0]
    assert (outermost.speaker, outermost.speaker_resolved) == (name, resolved)


# the actors of a document, a speaker (text, start, end), the canonical name expected
SPEAKER_NAMES = [
    # the actor at the speaker's own span wins over an earlier mention of the same word
    # that the entity recogniser typed otherwise
    (
        [("Feld", "ORG", "Feld", 10), ("Feld", "PERSON", "Mark Feld", 40)],
        ("Feld", 40, 44),
        "Mark Feld",
    ),
    # no actor at the span: the first actor of that name
    ([("Putin", "PERSON", "Vladimir Putin", 5)], ("Putin", 70, 75), "Vladimir Putin"),
    # a phrase that only holds a name is not that name
    ([("Armenian", "NORP", "Armenian", 4)], ("The Armenian government", 0, 23), None),
]


@pytest.mark.parametrize(("actors", "speaker", "name"), SPEAKER_NAMES)
def test_the_speakers_canonical_name(
    actors: list[tuple[str, str, str, int]], speaker: tuple[str, int, int], name: str | None
) -> None:
    found = [
        FoundActor(start, start + len(text), text, kind, canon)
        for text, kind, canon, start in actors
    ]
    text, start, end = speaker
    credit = Attribution(text, start, end, "said", end + 1, end + 5, False)
    assert _Speakers(found).canonical(credit) == name
