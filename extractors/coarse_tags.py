"""Coarse part-of-speech tags (``Token.pos_``) from the model's own rules, in numpy.

The stock English pipelines derive ``pos_`` (and ``morph`` and, through the lemmatizer,
``lemma_``) in an ``attribute_ruler``: a Matcher over every token followed by a Python
loop that sets each match's attributes, about a sixth of the whole pipeline's time. The
extractors read ``pos_`` but neither ``morph`` nor ``lemma_``, so :func:`compile_rules`
keeps the ruler's rules that set ``POS`` (or ``TAG``/``DEP``, which later rules may read
no more than the ruler's own Matcher does) and :class:`CoarseTagger` applies them to
whole token columns at once: each rule's pattern becomes a boolean mask over the
document's ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE`` columns, and the rules are
applied in the ruler's order (a later rule wins, as in the ruler). The result is the
ruler's ``pos_`` token for token; ``tests/test_coarse_tags.py`` checks that on real text.

A pipeline whose ruler has a rule this cannot read (an operator, another attribute)
keeps its ruler and lemmatizer: :func:`compile_rules` returns ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

# Not prefixed "claimcite_": it reads one token at a time, so it runs with the model's
# components on each part of a long document (see nlp.OWN_COMPONENT_PREFIX).
COMPONENT = "coarse_tags"
RULER = "attribute_ruler"
# The components that the coarse tagger makes unnecessary (see nlp.load_model).
REPLACES = (RULER, "lemmatizer")
# Token attributes a pattern may test, and the column of the token table each one reads.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TABLE_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
# Attributes a rule may set that the extractors read (the others, MORPH and LEMMA, are
# dropped from a rule; a rule left with nothing to set is dropped).
_SETTABLE = ("POS", "TAG", "DEP")


@dataclass(frozen=True)
class TokenTest:
    """One token of a pattern: which column it reads and how."""

    column: int
    op: str  # "==", "IN", "NOT_IN", "REGEX"
    values: tuple[int, ...] = ()
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Rule:
    """A ruler rule: its patterns (each a list of tokens, each a list of tests), the
    attributes it sets (hashes) and the index of the token in the match it sets them on."""

    patterns: tuple[tuple[tuple[TokenTest, ...], ...], ...]
    sets: tuple[tuple[str, int], ...]
    index: int


def _token_tests(spec: Mapping[str, Any], strings: StringStore) -> tuple[TokenTest, ...] | None:
    tests = []
    for key, value in spec.items():
        if key not in _COLUMNS:
            return None
        column = _COLUMNS[key]
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append(TokenTest(column, "==", (int(value),)))
        elif isinstance(value, str):
            tests.append(TokenTest(column, "==", (strings.add(value),)))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                # "" is the value of an unset attribute, hash 0 in the token table
                hashes = tuple(strings.add(v) if v else 0 for v in arg)
                tests.append(TokenTest(column, op, hashes))
            elif op == "REGEX" and key == "LOWER" and isinstance(arg, str):
                tests.append(TokenTest(column, "REGEX", regex=re.compile(arg)))
            else:
                return None
        else:
            return None
    return tuple(tests)


def compile_rules(patterns: Iterable[Mapping[str, Any]], strings: StringStore) -> list[Rule] | None:
    """The ruler's rules that set POS, TAG or DEP, or None if one of them cannot be read."""
    rules = []
    for entry in patterns:
        sets = tuple(
            (name, strings.add(str(value)))
            for name, value in entry["attrs"].items()
            if name in _SETTABLE
        )
        unknown = set(entry["attrs"]) - {*_SETTABLE, "MORPH", "LEMMA"}
        if unknown:
            return None
        if not sets:
            continue
        compiled = []
        for pattern in entry["patterns"]:
            tokens = [_token_tests(spec, strings) for spec in pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            compiled.append(tuple(t for t in tokens if t is not None))
        rules.append(Rule(tuple(compiled), sets, int(entry.get("index", 0))))
    return rules


def _column_test(test: TokenTest, table: np.ndarray, strings: StringStore) -> np.ndarray:
    column = table[:, test.column]
    if test.op == "==":
        return np.asarray(column == np.uint64(test.values[0]))
    if test.op == "IN":
        return np.isin(column, np.array(test.values, dtype=np.uint64))
    if test.op == "NOT_IN":
        return ~np.isin(column, np.array(test.values, dtype=np.uint64))
    assert test.regex is not None
    unique, inverse = np.unique(column, return_inverse=True)
    hits = np.array([bool(test.regex.search(strings[int(h)])) for h in unique], dtype=bool)
    return hits[inverse]


def rule_targets(rule: Rule, table: np.ndarray, strings: StringStore) -> np.ndarray:
    """Which tokens a rule sets: a boolean mask over the document's tokens."""
    n = len(table)
    targets = np.zeros(n, dtype=bool)
    for pattern in rule.patterns:
        width = len(pattern)
        if width > n:
            continue
        starts = np.ones(n - width + 1, dtype=bool)
        for offset, tests in enumerate(pattern):
            for test in tests:
                starts &= _column_test(test, table, strings)[offset : offset + n - width + 1]
        index = rule.index if rule.index >= 0 else width + rule.index
        positions = np.flatnonzero(starts) + index
        targets[positions[(positions >= 0) & (positions < n)]] = True
    return targets


@dataclass(frozen=True)
class Lookup:
    """A run of consecutive rules that each test one column for one value (the tag map:
    ``TAG == "NN"`` → NOUN), applied as one sorted-array lookup; a later rule in the run
    overrides an earlier one, as in the ruler."""

    column: int
    keys: np.ndarray  # sorted column values
    sets: tuple[tuple[str, np.ndarray, np.ndarray], ...]  # attribute, has a value, value

    def targets(self, table: np.ndarray) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """For each attribute: the tokens it sets and their values."""
        column = table[:, self.column]
        at = np.minimum(np.searchsorted(self.keys, column), len(self.keys) - 1)
        hit = self.keys[at] == column
        found = []
        for name, has, value in self.sets:
            chosen = hit & has[at]
            found.append((name, chosen, value[at[chosen]]))
        return found


def _one_token(rule: Rule) -> tuple[TokenTest, ...] | None:
    """The tests of a rule whose only pattern is one token (that it sets), else None."""
    if len(rule.patterns) != 1 or len(rule.patterns[0]) != 1 or rule.index not in (0, -1):
        return None
    return rule.patterns[0][0]


def _equality(rule: Rule) -> tuple[int, int] | None:
    """(column, value) of a rule whose only pattern is one token with one ``==`` test."""
    tests = _one_token(rule)
    if tests is None or len(tests) != 1 or tests[0].op != "==":
        return None
    return tests[0].column, tests[0].values[0]


def _lookup(run: Sequence[Rule]) -> Lookup:
    column = _equality(run[0])
    assert column is not None
    table: dict[int, dict[str, int]] = {}
    for rule in run:
        found = _equality(rule)
        assert found is not None
        for name, value in rule.sets:
            table.setdefault(found[1], {})[name] = value
    keys = np.array(sorted(table), dtype=np.uint64)
    sets = []
    for name in _SETTABLE:
        has = np.array([name in table[int(k)] for k in keys], dtype=bool)
        if has.any():
            given = np.array([table[int(k)].get(name, 0) for k in keys], dtype=np.uint64)
            sets.append((name, has, given))
    return Lookup(column[0], keys, tuple(sets))


def _word_values(rule: Rule) -> tuple[int, ...] | None:
    """The words a one-token rule requires (its LOWER ``==``/``IN`` test), if it has one."""
    for test in _one_token(rule) or ():
        if test.column == _COLUMNS["LOWER"] and test.op in ("==", "IN"):
            return test.values
    return None


@dataclass(frozen=True)
class RuleStep:
    """A rule applied on its own: to the tokens that are one of its words (``on_words``),
    or to the whole document."""

    rule: Rule
    on_words: bool


class CoarseTagger:
    """Sets ``pos_`` (and the ruler's few ``tag_``/``dep_`` fixes) from compiled rules.

    Rules run in the ruler's order, each matched on the columns as the model left them:
    runs of one-test rules as one lookup, rules about a few words on just the tokens that
    are one of those words, the rest as masks over the whole document.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.use(rules)

    def use(self, rules: Sequence[Rule]) -> None:
        """Compile the rules into the steps each document goes through."""
        self.rules = list(rules)
        self.steps: list[Lookup | RuleStep] = []
        run: list[Rule] = []
        run_column = -1  # the column the rules of the current run test
        for rule in self.rules:
            found = _equality(rule)
            if run and (found is None or found[0] != run_column):
                self.steps.append(_lookup(run))
                run = []
            if found is None:
                self.steps.append(RuleStep(rule, _word_values(rule) is not None))
            else:
                run.append(rule)
                run_column = found[0]
        if run:
            self.steps.append(_lookup(run))
        words = {v for rule in self.rules for v in (_word_values(rule) or ())}
        self.words = np.array(sorted(words), dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        table = doc.to_array(_TABLE_ATTRS).astype(np.uint64)
        values = {name: np.zeros(len(doc), dtype=np.uint64) for name in _SETTABLE}
        changed = {name: np.zeros(len(doc), dtype=bool) for name in _SETTABLE}
        # the tokens that are one of the words some rule asks for, and their rows
        chosen = np.flatnonzero(np.isin(table[:, _COLUMNS["LOWER"]], self.words))
        chosen_rows = table[chosen]
        for step in self.steps:
            if isinstance(step, Lookup):
                for name, where, found in step.targets(table):
                    values[name][where] = found
                    changed[name][where] = True
                continue
            if step.on_words:
                where = chosen[rule_targets(step.rule, chosen_rows, strings)]
            else:
                where = np.flatnonzero(rule_targets(step.rule, table, strings))
            for name, value in step.rule.sets:
                values[name][where] = value
                changed[name][where] = True
        for name in ("TAG", "DEP"):  # rare (whitespace tokens): one by one
            column = _COLUMNS[name]
            for i in np.flatnonzero(changed[name] & (values[name] != table[:, column])):
                text = strings[int(values[name][i])]
                if name == "TAG":
                    doc[int(i)].tag_ = text
                else:
                    doc[int(i)].dep_ = text
        pos = np.where(changed["POS"], values["POS"], doc.to_array([POS]).astype(np.uint64))
        doc.from_array([POS], cast(Any, pos.reshape(-1, 1)))
        return doc


@Language.factory(COMPONENT)
def make_coarse_tagger(nlp: Language, name: str) -> CoarseTagger:
    """The component, empty until :func:`replace_ruler` gives it the ruler's rules."""
    return CoarseTagger([])


def replace_ruler(nlp: Language) -> bool:
    """Put a coarse tagger in place of the pipeline's attribute ruler and lemmatizer when
    every rule that sets POS can be compiled; True if it did."""
    rules = ruler_rules(nlp)
    if rules is None:
        return False
    tagger = nlp.add_pipe(COMPONENT, before=RULER)
    assert isinstance(tagger, CoarseTagger)
    tagger.use(rules)
    for name in REPLACES:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return True


def ruler_rules(nlp: Language) -> list[Rule] | None:
    """The compiled POS rules of a pipeline's attribute ruler, or None if it has none we
    can replace."""
    if RULER not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe(RULER)
    patterns = getattr(ruler, "patterns", None)
    if patterns is None:
        return None
    return compile_rules(patterns, nlp.vocab.strings)
