"""The model's two rule components, `attribute_ruler` and `lemmatizer`, applied by table.

Both are rules over a token's own attributes, yet spaCy runs them token by token in Python:
the attribute ruler runs a Matcher of some 180 patterns over every token and sets each match's
attributes through a `Token`, the lemmatizer builds a `Token` per word. Together they took
about a fifth of the whole model's time on BBC news (9 and 6 ms of 70 ms an article). Here the
same rules give the same annotations (tests/test_parse_tables.py compares them attribute by
attribute with the components' own), read from tables keyed by what the rules look at:

* `AttributeTable`: a single-token pattern looks only at its token's text, tag and dependency
  label, so the rules that match one (text, tag, label) are found once, on a probe document
  of the words not seen before, and kept. The few patterns of two tokens ("gon na", "there
  is") run in a Matcher of their own. Rules apply in the ruler's order, later ones winning, as
  the ruler applies them.
* `LemmaTable`: a rule lemma depends on the word, its part of speech and its morphology
  (spaCy's own cache key), so it is computed once per key by the lemmatizer itself and kept.
  A token that already has a lemma (from the attribute ruler) keeps it, as with the component.

Both write their results back through `Doc.to_array`/`Doc.from_array`. Their tables are
bounded (`TABLE_LIMIT` keys, then started afresh) and hold integers and Python strings, so
spaCy's memory zones are unaffected.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

ATTRIBUTE_RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
TABLE_LIMIT = 200_000

# What a single-token pattern may look at for its answer to be a function of (text, tag,
# dependency label): the tag, the label, and attributes of the word itself.
_TABLE_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "TAG", "DEP", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "OP"}
    | {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT"}
    | {"IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
)

Key = tuple[int, int, int]
Writes = tuple[tuple[int, int], ...]  # (column, value) pairs, in rule order


class AttributeTable:
    """The attribute ruler `ruler` (spaCy's AttributeRuler) as a table."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        self._single = Matcher(self.vocab)
        self._pairs = Matcher(self.vocab)
        columns: list[int] = []
        self._rules: list[tuple[tuple[int, int], ...]] = []
        # `patterns`: each rule in the ruler's order, as given (Matcher patterns, attributes,
        # the index of the token they go to)
        rules = ruler.patterns
        for rule, entry in enumerate(rules):
            patterns, attrs = entry["patterns"], entry["attrs"]
            values = tuple(self._value(attr, value) for attr, value in attrs.items())
            for attr, _ in values:
                if attr not in columns:
                    columns.append(attr)
            self._rules.append(values)
            pairs = any(len(pattern) > 1 for pattern in patterns)
            (self._pairs if pairs else self._single).add(str(rule), patterns)
        self._indices: list[int] = [int(entry.get("index", 0)) for entry in rules]
        self.columns = columns
        self._column = {attr: i for i, attr in enumerate(columns)}
        self._table: dict[Key, tuple[int, ...]] = {}
        self._writes: dict[tuple[int, ...], Writes] = {}

    def _value(self, attr: Any, value: Any) -> tuple[int, int]:
        attr_id = IDS[attr.upper()] if isinstance(attr, str) else int(attr)
        if attr_id == MORPH:
            return attr_id, int(self.vocab.morphology.add(value))
        if isinstance(value, str):
            return attr_id, int(self.vocab.strings.add(value, allow_transient=False))
        return attr_id, int(value)

    def __call__(self, doc: Any) -> Any:
        if not self.columns or len(doc) == 0:
            return doc
        keys = doc.to_array([ORTH, TAG, DEP]).tolist()
        self._learn([tuple(k) for k in keys])
        matched: dict[int, list[int]] = {}
        for rule_hash, start, end in self._pairs(doc, allow_missing=True):
            rule = int(self.vocab.strings[rule_hash])
            target = range(start, end)[self._indices[rule]]
            matched.setdefault(target, []).append(rule)
        values = doc.to_array(self.columns)
        for i, key in enumerate(keys):
            rules = self._table[tuple(key)]
            if i in matched:
                rules = tuple(sorted((*rules, *matched[i])))
            for column, value in self._writes_of(rules):
                values[i, column] = value
        doc.from_array(self.columns, values)
        return doc

    def _learn(self, keys: list[Key]) -> None:
        """The single-token rules of each (text, tag, label) not yet in the table."""
        new = list(dict.fromkeys(k for k in keys if k not in self._table))
        if not new:
            return
        if len(self._table) + len(new) > TABLE_LIMIT:
            self._table.clear()
            new = list(dict.fromkeys(keys))
        strings = self.vocab.strings
        probe: Any = Doc(self.vocab, words=[strings[k[0]] for k in new], spaces=[True] * len(new))
        probe.from_array([TAG, DEP], numpy.array([k[1:] for k in new], dtype="uint64"))
        found: list[list[int]] = [[] for _ in new]
        for rule_hash, start, _end in self._single(probe, allow_missing=True):
            found[start].append(int(strings[rule_hash]))
        for key, rules in zip(new, found, strict=True):
            self._table[key] = tuple(sorted(rules))

    def _writes_of(self, rules: tuple[int, ...]) -> Writes:
        writes = self._writes.get(rules)
        if writes is None:
            final: dict[int, int] = {}
            for rule in rules:
                for attr, value in self._rules[rule]:
                    final[self._column[attr]] = value
            writes = tuple(final.items())
            self._writes[rules] = writes
        return writes


class LemmaTable:
    """The rule lemmatizer `lemmatizer` (spaCy's Lemmatizer, `overwrite` off) as a table."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._table: dict[Key, str] = {}

    def __call__(self, doc: Any) -> Any:
        if len(doc) == 0:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = numpy.empty(len(rows), dtype="uint64")
        add = self.vocab.strings.add
        table = self._table
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            text = table.get(key)
            if text is None:
                if len(table) >= TABLE_LIMIT:
                    table.clear()
                text = table[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = add(text)
        doc.from_array([LEMMA], lemmas)
        return doc


def _tabled(entry: Any) -> bool:
    """A rule the table can stand for: no custom attribute set, and single-token patterns
    that look only at what the table is keyed by."""
    if not isinstance(entry, dict) or "_" in entry.get("attrs", {"_": None}):
        return False
    return all(
        len(pattern) > 1 or all(str(key).upper() in _TABLE_KEYS for key in pattern[0])
        for pattern in entry.get("patterns", [])
    )


def rule_tables(nlp: Any) -> tuple[AttributeTable, LemmaTable] | None:
    """Both tables for `nlp`, or None when its rule components are not what the tables stand
    for (a pipeline without them, a ruler that sets custom attributes, a lemmatizer that
    overwrites or works by lookup only)."""
    if ATTRIBUTE_RULER not in nlp.pipe_names or LEMMATIZER not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe(ATTRIBUTE_RULER)
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if not all(_tabled(entry) for entry in getattr(ruler, "patterns", [{}])):
        return None
    if getattr(lemmatizer, "overwrite", True) or getattr(lemmatizer, "mode", "") != "rule":
        return None
    return AttributeTable(ruler), LemmaTable(lemmatizer)
