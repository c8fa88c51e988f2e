"""The attribute ruler and the lemmatizer as tables (tidings/parse/tables.py): the same
annotations as the model's own components, on invented news text, through the parse stage."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
import spacy
from spacy.tokens import Token

from tidings.clean.article import Article, DateValue
from tidings.ingest.document import Document
from tidings.parse import stage
from tidings.parse.corrections import PLACE_PARTICIPLES
from tidings.parse.model import load_model
from tidings.parse.stage import parse_articles
from tidings.parse.tables import AttributeTable, LemmaTable, rule_tables
from tidings.settings import load_settings

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]

# Invented text with what the ruler's rarer rules look at: "there is" (a two-token rule on the
# parse), "gon na", "ai n't", "let 's", contractions, a "but" read as an adverb, words the
# lemmatizer's exceptions cover, and a line break (a space token).
TEXTS = (
    "The ministers of Ruritania and Freedonia met in Geneva on Monday, a spokesman said.\n"
    "There is no deal yet, but there are hopes. \"We're gonna keep talking,\" she added.",
    "Let's be clear: the rebels ain't leaving, said the governor, whose forces were attacked "
    "twice. Children, geese and mice fled the villages; nothing was left but ashes.",
    "Protesters threw stones at police in the capital, and officers fired tear gas. The "
    "strikes, which began last week, have cost the economy dearly, analysts say.",
)


@lru_cache(maxsize=1)
def _nlp() -> Any:
    settings = load_settings()
    return load_model(settings.parse.model, settings.parse.max_chars)


def _by_components(text: str) -> Any:
    return _nlp()(text)


def _by_tables(text: str, tables: tuple[AttributeTable, LemmaTable]) -> Any:
    nlp = _nlp()
    skipped = ["attribute_ruler", "lemmatizer", PLACE_PARTICIPLES]
    with nlp.select_pipes(disable=skipped):
        doc = nlp(text)
    for table in tables:
        doc = table(doc)
    return nlp.get_pipe(PLACE_PARTICIPLES)(doc)


def _annotations(doc: Any) -> tuple[list[list[int]], list[tuple[int, int, str, str]]]:
    ents = [(e.start, e.end, e.label_, e.id_) for e in doc.ents]
    return doc.to_array(ATTRS).tolist(), ents


def test_the_model_has_the_components_the_tables_stand_for() -> None:
    assert rule_tables(_nlp()) is not None


@pytest.mark.parametrize("text", TEXTS)
def test_tables_give_the_components_annotations(text: str) -> None:
    tables = rule_tables(_nlp())
    assert tables is not None
    expected = _by_components(text)
    got = _by_tables(text, tables)
    assert _annotations(got) == _annotations(expected)
    assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]


def test_tables_answer_the_same_from_what_they_learned() -> None:
    """A second reading, with the tables already filled, is the same as the first."""
    tables = rule_tables(_nlp())
    assert tables is not None
    first = [_annotations(_by_tables(text, tables)) for text in TEXTS]
    again = [_annotations(_by_tables(text, tables)) for text in TEXTS]
    assert again == first


def _article(text: str) -> Article:
    document = Document(path="<test>", format="text", content=text, sha256="")
    return Article(
        id="t",
        document=document,
        part=0,
        title=None,
        published=DateValue(),
        outlet=None,
        text=text,
    )


def test_the_parse_stage_uses_the_tables_and_matches_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = _nlp()
    articles = [_article(text) for text in TEXTS]
    on = [p.doc for p in parse_articles(articles, nlp=nlp, batch_size=8)]
    assert stage._plan(nlp)[0], "rule tables are on by default"
    monkeypatch.setattr(stage, "rule_tables_on", lambda: False)
    monkeypatch.setattr(stage, "_PLANS", type(stage._PLANS)())
    off = [p.doc for p in parse_articles(articles, nlp=nlp, batch_size=8)]
    assert stage._plan(nlp) == ([], [])
    assert [_annotations(d) for d in on] == [_annotations(d) for d in off]


def test_a_pipeline_without_the_components_is_parsed_as_it_is() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    assert rule_tables(blank) is None
    parsed = list(parse_articles([_article("One. Two.")], nlp=blank, batch_size=4))
    assert parsed[0].sentences == ((0, 4), (5, 9))


@pytest.mark.parametrize(
    ("pattern", "attrs", "tabled"),
    [
        ([{"LOWER": "gon"}], {"LEMMA": "go"}, True),
        ([{"TAG": "NN", "DEP": "nsubj"}], {"POS": "NOUN"}, True),
        ([{"POS": "NOUN"}], {"LEMMA": "thing"}, False),  # reads what the ruler itself sets
        ([{"LOWER": "x"}], {"_": {"tidings_test_mark": True}}, False),  # a custom attribute
    ],
)
def test_a_ruler_whose_rules_a_table_cannot_stand_for_keeps_the_component(
    pattern: list[dict[str, Any]], attrs: dict[str, Any], tabled: bool
) -> None:
    Token.set_extension("tidings_test_mark", default=None, force=True)
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([pattern], attrs)  # type: ignore[attr-defined]
    blank.add_pipe("lemmatizer", config={"mode": "rule"})
    assert (rule_tables(blank) is not None) is tabled


def test_a_paragraph_break_starts_a_sentence() -> None:
    from tidings.evaluate.gold_parse import gold_article, parse_gold
    from tidings.settings import load_settings

    text = 'He said: "We will not pay."\n\nJon Varga, for the party, accused Mara Lind.'
    parsed = next(parse_gold([gold_article(text, path="x")], load_settings()))
    starts = [parsed.article.text[s:e].strip() for s, e in parsed.sentences]
    assert any(s.startswith("Jon Varga") for s in starts)
