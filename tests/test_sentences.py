"""Sentence boundaries around quotation marks: a closing mark stays with its sentence."""

from __future__ import annotations

from typing import Any

import pytest
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.sentences import make_doc, sentences_of

# text, the sentences expected (a closing mark never makes a sentence of its own)
QUOTATIONS: list[tuple[str, list[str]]] = [
    (  # a straight quotation over two sentences, closed after the second
        '"We lost nine days. We will not lose a tenth."\n',
        ['"We lost nine days.', 'We will not lose a tenth."'],
    ),
    (  # the same after a first quoted sentence with its cue
        '"It is a start," she told reporters. "We did not get much. The members wanted '
        'to go back."\n',
        [
            '"It is a start," she told reporters.',
            '"We did not get much.',
            'The members wanted to go back."',
        ],
    ),
    (
        '"This is a partial victory," Rui Tavares told Reuters. "We did not get everything. '
        'But the members wanted to go back to work."\n',
        [
            '"This is a partial victory," Rui Tavares told Reuters.',
            '"We did not get everything.',
            'But the members wanted to go back to work."',
        ],
    ),
    (  # curly marks
        "“We lost nine days. We will not lose a tenth.”\n",
        ["“We lost nine days.", "We will not lose a tenth.”"],
    ),
    (  # an opening mark after a closed quotation still opens the next sentence
        'He said "no." "Never," she replied.\n',
        ['He said "no."', '"Never," she replied.'],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), QUOTATIONS)
def test_closing_marks_stay_with_their_sentence(nlp: Any, text: str, expected: list[str]) -> None:
    cleaned = clean(text + "\nTalks resume on Monday.\n", 0)  # a paragraph follows
    found = sentences_of(nlp(make_doc(nlp, cleaned)), cleaned)
    assert [s.text for s in found] == [*expected, "Talks resume on Monday."]
