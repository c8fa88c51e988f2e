"""Role-only mentions resolved by the article's own time: "the British prime minister" is the
holder on the article's date, across 1985-2025, and nobody at all in an undated article.
Sentences are made up for these tests; the holders are real (tidings/data/actors/leaders.yaml
and people.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.actors_fixture import parse
from tests.conftest import extract_records
from tidings.actors import ActorLayer, resolve_actors
from tidings.clean.article import Article, DateValue
from tidings.ingest.document import Document, Hints
from tidings.knowledge import load_actor_base
from tidings.pipeline import record_date, reference_date
from tidings.times import extract_times


def role_entity(text: str, role_phrase: str, published: str | None) -> str:
    """The entity id of the first mention spelled `role_phrase` in `text`, published then."""
    layer = _code(text, published)
    found = [m for m in layer.mentions if m.text.lower() == role_phrase.lower()]
    assert found, (role_phrase, [m.text for m in layer.mentions])
    return found[0].entity_id


def _code(text: str, published: str | None, reference: str | None = None) -> ActorLayer:
    parsed = parse(text, published=published, files=())
    return resolve_actors(parsed, base=load_actor_base(), reference_date=reference)


PROBES = [
    # heads of government
    (
        "The British prime minister said the talks would go on.",
        "The British prime minister",
        [
            ("1985-06-01", "margaret-thatcher"),
            ("1990-06-01", "margaret-thatcher"),
            ("1995-06-01", "john-major"),
            ("2005-06-01", "tony-blair"),
            ("2009-06-01", "gordon-brown"),
            ("2015-06-01", "david-cameron"),
            ("2020-06-01", "boris-johnson"),
        ],
    ),
    (
        "The Israeli prime minister rejected the proposal on Sunday.",
        "The Israeli prime minister",
        [
            ("1990-06-01", "yitzhak-shamir"),
            ("1994-06-01", "yitzhak-rabin"),
            ("1998-06-01", "benjamin-netanyahu"),
            ("2000-06-01", "ehud-barak"),
            ("2004-06-01", "ariel-sharon"),
            ("2008-06-01", "ehud-olmert"),
            ("2022-03-01", "naftali-bennett"),
        ],
    ),
    (
        "The German chancellor met farmers in Bavaria.",
        "The German chancellor",
        [
            ("1985-06-01", "helmut-kohl"),
            ("2000-06-01", "gerhard-schroder"),
            ("2010-06-01", "angela-merkel"),
            ("2023-06-01", "olaf-scholz"),
        ],
    ),
    (
        "The Japanese prime minister arrived in Washington.",
        "The Japanese prime minister",
        [
            ("1985-06-01", "yasuhiro-nakasone"),
            ("2003-06-01", "junichiro-koizumi"),
            ("2016-06-01", "shinzo-abe"),
        ],
    ),
    (
        "The Indian prime minister opened the dam.",
        "The Indian prime minister",
        [
            ("1983-06-01", "indira-gandhi"),
            ("2000-06-01", "atal-bihari-vajpayee"),
            ("2010-06-01", "manmohan-singh"),
            ("2020-06-01", "narendra-modi"),
        ],
    ),
    # heads of state
    (
        "The French president called for calm.",
        "The French president",
        [
            ("1985-06-01", "francois-mitterrand"),
            ("1999-06-01", "jacques-chirac"),
            ("2010-06-01", "nicolas-sarkozy"),
            ("2014-06-01", "francois-hollande"),
            ("2020-06-01", "emmanuel-macron"),
        ],
    ),
    (
        "The American president signed the bill.",
        "The American president",
        [
            ("1985-06-01", "ronald-reagan"),
            ("1990-06-01", "george-h-w-bush"),
            ("1998-06-01", "bill-clinton"),
            ("2005-06-01", "george-w-bush"),
            ("2013-06-01", "barack-obama"),
            ("2023-06-01", "joe-biden"),
        ],
    ),
    (
        "The Russian president spoke to reporters.",
        "The Russian president",
        [
            ("1995-06-01", "boris-yeltsin"),
            ("2005-06-01", "vladimir-putin"),
            ("2010-06-01", "dmitry-medvedev"),
            ("2015-06-01", "vladimir-putin"),
        ],
    ),
    (
        "The Soviet leader arrived in Geneva.",
        "The Soviet leader",
        [("1983-06-01", "yuri-andropov"), ("1985-11-19", "mikhail-gorbachev")],
    ),
    (
        "The Iranian president addressed the crowd.",
        "The Iranian president",
        [
            ("1992-06-01", "akbar-hashemi-rafsanjani"),
            ("2000-06-01", "mohammad-khatami"),
            ("2008-06-01", "mahmoud-ahmadinejad"),
            ("2016-06-01", "hassan-rouhani"),
        ],
    ),
    (
        "The Iraqi president received the envoy.",
        "The Iraqi president",
        [("1990-06-01", "saddam-hussein"), ("2010-06-01", "jalal-talabani")],
    ),
    (
        "The Egyptian president welcomed the deal.",
        "The Egyptian president",
        [
            ("1980-06-01", "anwar-sadat"),
            ("2000-06-01", "hosni-mubarak"),
            ("2013-01-15", "mohamed-morsi"),
            ("2020-06-01", "abdel-fattah-el-sisi"),
        ],
    ),
    (
        "The Saudi king received the delegation.",
        "The Saudi king",
        [
            ("1990-06-01", "fahd-bin-abdulaziz"),
            ("2010-06-01", "abdullah-bin-abdulaziz"),
            ("2020-06-01", "salman-bin-abdulaziz"),
        ],
    ),
    (
        "The Syrian president gave a speech.",
        "The Syrian president",
        [("1990-06-01", "hafez-al-assad"), ("2010-06-01", "bashar-al-assad")],
    ),
    # foreign ministers
    (
        "The US secretary of state flew to Geneva.",
        "The US secretary of state",
        [
            ("1985-06-01", "george-shultz"),
            ("1991-06-01", "james-baker"),
            ("1998-06-01", "madeleine-albright"),
            ("2003-06-01", "colin-powell"),
            ("2006-06-01", "condoleezza-rice"),
            ("2010-06-01", "hillary-clinton"),
            ("2015-06-01", "john-kerry"),
        ],
    ),
    (
        "The British foreign secretary said the embassy would stay open.",
        "The British foreign secretary",
        [
            ("1985-06-01", "geoffrey-howe"),
            ("1999-06-01", "robin-cook"),
            ("2003-06-01", "jack-straw"),
            ("2012-06-01", "william-hague"),
        ],
    ),
    (
        "The Iranian foreign minister arrived in Geneva.",
        "The Iranian foreign minister",
        [
            ("1990-06-01", "ali-akbar-velayati"),
            ("2000-06-01", "kamal-kharazi"),
            ("2008-06-01", "manouchehr-mottaki"),
            ("2015-06-01", "javad-zarif"),
        ],
    ),
    (
        "The Russian foreign minister met his counterpart.",
        "The Russian foreign minister",
        [
            ("1993-06-01", "andrei-kozyrev"),
            ("2000-06-01", "igor-ivanov"),
            ("2015-06-01", "sergei-lavrov"),
        ],
    ),
    (
        "The Israeli foreign minister said the plan was dead.",
        "The Israeli foreign minister",
        [
            ("1990-06-01", "moshe-arens"),
            ("2004-06-01", "silvan-shalom"),
            ("2007-06-01", "tzipi-livni"),
        ],
    ),
    (
        "The Chinese foreign minister visited Africa.",
        "The Chinese foreign minister",
        [("1995-06-01", "qian-qichen"), ("2010-06-01", "yang-jiechi")],
    ),
    # the UN Secretary-General, NATO, the supreme leader
    (
        "Aid agencies and the UN Secretary-General called for a ceasefire.",
        "the UN Secretary-General",
        [
            ("1985-06-01", "javier-perez-de-cuellar"),
            ("1995-06-01", "boutros-boutros-ghali"),
            ("2000-06-01", "kofi-annan"),
            ("2010-06-01", "ban-ki-moon"),
            ("2020-06-01", "antonio-guterres"),
        ],
    ),
    (
        "The NATO secretary general warned Moscow.",
        "The NATO secretary general",
        [
            ("1990-06-01", "manfred-worner"),
            ("2002-06-01", "george-robertson"),
            ("2011-06-01", "anders-fogh-rasmussen"),
            ("2016-06-01", "jens-stoltenberg"),
        ],
    ),
    (
        "Iran's supreme leader denounced the United States.",
        "Iran's supreme leader",
        [
            ("1985-06-01", "ruhollah-khomeini"),
            ("2000-06-01", "ali-khamenei"),
            ("2024-06-01", "ali-khamenei"),
        ],
    ),
    (
        "The North Korean leader inspected a missile launch.",
        "The North Korean leader",
        [
            ("1990-06-01", "kim-il-sung"),
            ("2000-06-01", "kim-jong-il"),
            ("2015-06-01", "kim-jong-un"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "phrase", "published", "holder"),
    [(text, phrase, d, h) for text, phrase, cases in PROBES for d, h in cases],
)
def test_a_role_names_its_holder_on_the_article_date(
    text: str, phrase: str, published: str, holder: str
) -> None:
    assert role_entity(text, phrase, published) == holder


@pytest.mark.parametrize(("text", "phrase", "_cases"), PROBES)
def test_an_undated_article_names_no_holder(text: str, phrase: str, _cases: object) -> None:
    entity = role_entity(text, phrase, None)
    assert entity.startswith("u:person:"), entity


def test_an_undated_role_keeps_its_country_and_role() -> None:
    layer = _code("The German chancellor met farmers in Bavaria.", None)
    entity = layer.entity(layer.mentions[0].entity_id)
    assert entity is not None
    assert (entity.id, entity.country, entity.role, entity.sector, entity.known) == (
        "u:person:deu-chancellor",
        "DEU",
        "chancellor",
        "GOV",
        False,
    )


def test_an_undated_office_of_a_body_is_named_by_the_body() -> None:
    text = "Aid agencies and the UN Secretary-General called for a ceasefire."
    assert role_entity(text, "the UN Secretary-General", None) == "u:person:un-secretary-general"


def test_an_undated_office_takes_the_country_the_article_is_about() -> None:
    british = "The chancellor told British MPs that taxes would fall."
    assert role_entity(british, "The chancellor", None) == "u:person:gbr-chancellor"
    israeli = "The prime minister spoke in the Knesset about Israeli settlers."
    assert role_entity(israeli, "The prime minister", None) == "u:person:isr-prime-minister"
    assert role_entity(israeli, "The prime minister", "1994-05-01") == "yitzhak-rabin"


def test_the_chancellor_is_the_one_of_the_article_country() -> None:
    british = "The chancellor told parliament that the budget would cut taxes for British families."
    german = "The chancellor told the Bundestag that German exports would grow."
    assert role_entity(british, "The chancellor", "2005-03-16") == "gordon-brown"
    assert role_entity(british, "The chancellor", "2012-03-21") == "george-osborne"
    assert role_entity(german, "The chancellor", "2005-03-16") == "gerhard-schroder"
    assert role_entity(german, "The chancellor", "2012-03-21") == "angela-merkel"


def test_an_ambiguous_office_names_nobody() -> None:
    text = "The chancellor spoke about Britain and Germany."
    assert role_entity(text, "The chancellor", "2005-03-16").startswith("u:person:")
    # "the supreme leader" of Iran or of North Korea: the article says which.
    assert role_entity("The supreme leader spoke.", "The supreme leader", "2015-06-01").startswith(
        "u:person:"
    )
    assert (
        role_entity(
            "In Tehran, the supreme leader spoke to Iranian students.",
            "the supreme leader",
            "2015-06-01",
        )
        == "ali-khamenei"
    )


def test_a_person_the_article_names_is_the_role_even_undated() -> None:
    layer = _code("Gordon Brown presented the budget. The chancellor said growth was strong.", None)
    ids = {m.text: m.entity_id for m in layer.mentions}
    assert ids["The chancellor"] == "gordon-brown"


def test_the_reference_date_comes_from_the_article_then_its_record() -> None:
    document = Document(path="t", format="text", content="", sha256="0" * 64)
    undated = "The chancellor said on 16 March 2005 that growth would reach 3% in May 2006."
    parsed = parse(undated, files=())
    times = extract_times(parsed)
    assert reference_date(parsed.article, times) == "2005-03-16"
    dated = Article("t", document, 0, None, DateValue("1999-02-01", "day", "explicit"), None, "")
    assert reference_date(dated, times) == "1999-02-01"
    history = parse("In May 1997 the party won; in 1979 it had lost.", files=())
    assert reference_date(history.article, extract_times(history)) is None
    assert record_date(Hints(published="Wed, 16 Mar 2005 10:00:00 GMT")) == "2005-03-16"
    assert record_date(Hints(published="March 2005")) == "2005"
    assert record_date(Hints(url="https://news.example/2009/06/01/story.html")) == "2009-06-01"
    assert record_date(Hints(url="https://news.example/2009/19/story.html")) is None
    assert record_date(Hints()) is None


def test_the_pipeline_reads_an_undated_article_at_its_own_dates(tmp_path: Path) -> None:
    story = tmp_path / "feed.jsonl"
    lines = [
        {
            "id": "a",
            "title": "Budget",
            "published": None,
            "text": "On 16 March 2005 the chancellor told British MPs that taxes would fall.",
        },
        {
            "id": "b",
            "title": "Budget",
            "published": "Wed, 16 Mar 2005 10:00:00 GMT",
            "text": "The chancellor told British MPs that taxes would fall.",
        },
        {
            "id": "c",
            "title": "Budget",
            "published": None,
            "text": "The chancellor told British MPs that taxes would fall.",
        },
    ]
    story.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    records, rejected = extract_records(story)
    assert not rejected
    holders = {
        r["id"]: [
            e["id"]
            for e in r["entities"]
            if any("chancellor" in m["text"].lower() for m in e["mention_details"])
        ]
        for r in records
    }
    assert holders["a"] == ["gordon-brown"]
    assert holders["b"] == ["gordon-brown"]
    assert holders["c"] == ["u:person:gbr-chancellor"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("1990-06-01", "george-h-w-bush"), ("2005-06-01", "george-w-bush"), (None, "george-w-bush")],
)
def test_a_name_two_leaders_share_is_the_one_in_office(
    published: str | None, expected: str
) -> None:
    assert role_entity("George Bush spoke to reporters.", "George Bush", published) == expected


def test_a_name_two_leaders_share_with_their_role_is_the_latest_undated() -> None:
    layer = _code("President George Bush spoke to reporters.", None)
    assert [m.entity_id for m in layer.mentions if "Bush" in m.text] == ["george-w-bush"]


def test_the_attorney_general_is_a_law_officer_not_a_general() -> None:
    layer = _code("The attorney general denied the report on Monday.", None)
    assert [m.entity_id for m in layer.mentions] == ["u:person:attorney-general"]
