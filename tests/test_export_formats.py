"""`tidings export --to gdelt` and `--to plover` end to end on a store of the project's
examples: the files open in DuckDB and pyarrow with the documented columns, hold one line per
event cluster, and date an event by when it happened apart from when it was first reported."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

from tests.conftest import copy_of
from tidings.cli import app
from tidings.store.export_formats import (
    StoredCluster,
    gdelt_columns,
    gdelt_event_id,
    gdelt_header,
    gdelt_row,
    plover_record,
)
from tidings.store.export_gdelt import _tsv_value

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DOC = REPO / "docs" / "schema.md"

# Types to read the GDELT file with; every other column is text (codes keep leading zeros).
GDELT_TYPES = {
    "GLOBALEVENTID": "BIGINT",
    "SQLDATE": "INTEGER",
    "MonthYear": "INTEGER",
    "Year": "INTEGER",
    "FractionDate": "DOUBLE",
    "IsRootEvent": "INTEGER",
    "QuadClass": "INTEGER",
    "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER",
    "NumSources": "INTEGER",
    "NumArticles": "INTEGER",
    "AvgTone": "DOUBLE",
    "Actor1Geo_Type": "INTEGER",
    "Actor1Geo_Lat": "DOUBLE",
    "Actor1Geo_Long": "DOUBLE",
    "Actor2Geo_Type": "INTEGER",
    "Actor2Geo_Lat": "DOUBLE",
    "Actor2Geo_Long": "DOUBLE",
    "ActionGeo_Type": "INTEGER",
    "ActionGeo_Lat": "DOUBLE",
    "ActionGeo_Long": "DOUBLE",
    "DATEADDED": "BIGINT",
}

PLOVER_FIELDS = [
    "id",
    "date",
    "enddate",
    "source",
    "recipient",
    "event",
    "mode",
    "context",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "cite_info",
    "coder",
    "status",
    "date_precision",
    "date_basis",
    "day",
    "day_basis",
    "cameo",
    "said_by",
    "first_report",
    "last_report",
    "outlets",
    "articles",
    "discrepancies",
    "links",
    "complete",
]

# The strike on Syria of 14 April 2018, reported by two outlets on the 14th and the 15th.
SYRIA_STRIKE = "Actor1CountryCode = 'USA' AND Actor2CountryCode = 'SYR' AND EventRootCode = '19'"


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def db(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(example_store, tmp_path_factory.mktemp("export-formats"), "examples.duckdb")


@pytest.fixture(scope="module")
def gdelt_file(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    result = _invoke("export", "--db", str(db), "--to", "gdelt", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(rf"exported \d+ events to {re.escape(str(out))}\n", result.stderr)
    return out


@pytest.fixture(scope="module")
def plover_file(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plover") / "events.jsonl"
    result = _invoke("export", "--db", str(db), "--to", "plover", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@contextlib.contextmanager
def plain(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A plain DuckDB connection to the store (opened after the commands ran)."""
    with duckdb.connect(str(db), read_only=True) as opened:
        yield opened


def _gdelt_types() -> dict[str, str]:
    return {name: GDELT_TYPES.get(name, "VARCHAR") for name in gdelt_columns()}


def _read_gdelt(connection: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyRelation:
    columns = _gdelt_types()
    return connection.sql(
        "SELECT * FROM read_csv($path, delim = '\t', header = false, quote = '', escape = '', "
        "columns = $columns)",
        params={"path": str(path), "columns": columns},
    )


def _rows(relation: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    names = relation.columns
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def _doc_section(title: str) -> str:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    start = text.index(f"\n### {title}")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else len(text)]


# --- GDELT ------------------------------------------------------------------------------------


def test_gdelt_columns_are_the_61_of_the_gdelt_2_event_table() -> None:
    columns = gdelt_columns()
    assert len(columns) == 61
    assert columns[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert columns[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    for prefix, at in (("Actor1Geo", 35), ("Actor2Geo", 43), ("ActionGeo", 51)):
        assert columns[at : at + 8] == tuple(
            f"{prefix}_{part}"
            for part in (
                "Type",
                "FullName",
                "CountryCode",
                "ADM1Code",
                "ADM2Code",
                "Lat",
                "Long",
                "FeatureID",
            )
        )
    assert columns[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_columns_are_documented_in_order() -> None:
    section = _doc_section("`--to gdelt`")
    documented = re.findall(r"^\| `([A-Za-z0-9_]+)` \|", section, flags=re.M)
    assert tuple(documented) == gdelt_columns()


def test_gdelt_file_has_61_tab_separated_values_and_no_header(gdelt_file: Path) -> None:
    lines = gdelt_file.read_text(encoding="utf-8").splitlines()
    assert lines
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert not lines[0].startswith("GLOBALEVENTID")


def test_gdelt_file_holds_one_row_per_cluster(db: Path, gdelt_file: Path) -> None:
    with plain(db) as connection:
        rows = _rows(_read_gdelt(connection, gdelt_file))
        clusters = connection.execute(
            "SELECT id, date_value, date_precision, first_report, articles FROM event_clusters "
            "WHERE complete"
        ).fetchall()
    assert len(rows) == len(clusters)
    by_id = {row["GLOBALEVENTID"]: row for row in rows}
    assert set(by_id) == {gdelt_event_id(cluster[0]) for cluster in clusters}
    for cluster_id, date_value, precision, first, articles in clusters:
        row = by_id[gdelt_event_id(cluster_id)]
        assert row["NumArticles"] == articles
        if precision == "day":
            assert row["SQLDATE"] == int(date_value.replace("-", ""))
        elif first is not None and len(first) == 10:  # the first report's publication day
            assert row["SQLDATE"] == int(first.replace("-", ""))
        else:
            assert row["SQLDATE"] is None
        assert len(str(row["DATEADDED"])) == 14  # when the first report was stored
        assert row["QuadClass"] in {1, 2, 3, 4}
    # a row without SQLDATE is an event whose reports carry no publication day either
    assert sum(row["SQLDATE"] is not None for row in rows) > len(rows) // 2


def test_the_event_id_finds_the_cluster_again_in_sql(db: Path, gdelt_file: Path) -> None:
    with plain(db) as connection:
        in_file = connection.execute(
            f"SELECT GLOBALEVENTID FROM ({_read_gdelt(connection, gdelt_file).sql_query()})",
            {"path": str(gdelt_file), "columns": _gdelt_types()},
        ).fetchall()
        in_store = connection.execute(
            "SELECT ('0x' || substr(id, 3, 15))::BIGINT FROM event_clusters WHERE complete"
        ).fetchall()
    assert sorted(in_file) == sorted(in_store)


def test_the_syria_strike_is_dated_when_it_happened(db: Path, gdelt_file: Path) -> None:
    with plain(db) as connection:
        rows = _rows(_read_gdelt(connection, gdelt_file).filter(SYRIA_STRIKE))
    assert len(rows) == 1
    strike = rows[0]
    assert strike["SQLDATE"] == 20180414
    assert strike["MonthYear"] == 201804
    assert strike["Year"] == 2018
    assert strike["FractionDate"] == pytest.approx(2018.2822)
    assert str(strike["DATEADDED"]).startswith("20")  # when the first report was stored
    assert strike["Actor1Code"].startswith("USA")
    assert strike["Actor1Name"] == "United States"
    assert strike["Actor2Code"] == "SYRGOV"
    assert strike["Actor2Type1Code"] == "GOV"
    assert (strike["EventCode"], strike["EventBaseCode"], strike["EventRootCode"]) == (
        "190",
        "190",
        "19",
    )
    assert strike["QuadClass"] == 4
    assert strike["GoldsteinScale"] == -10.0
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"]) == (2, 2, 2)
    assert strike["IsRootEvent"] == 1
    assert strike["AvgTone"] is None
    assert strike["Actor2Geo_CountryCode"] == "SY"  # from the places the articles name
    assert strike["ActionGeo_Type"] == 1
    assert strike["ActionGeo_FullName"] == "Syria"
    assert strike["ActionGeo_CountryCode"] == "SY"  # FIPS 10-4, as GDELT
    assert strike["SOURCEURL"] == "tidewater-syria-strikes.txt"  # relative to the input root


def test_a_city_gets_a_world_city_type_and_a_fips_adm1_code(db: Path, gdelt_file: Path) -> None:
    with plain(db) as connection:
        rows = _rows(_read_gdelt(connection, gdelt_file).filter("ActionGeo_FullName = 'Kyiv'"))
    assert rows
    for row in rows:
        assert row["ActionGeo_Type"] == 4
        assert row["ActionGeo_CountryCode"] == "UP"
        assert row["ActionGeo_ADM1Code"] == "UP12"
        assert row["ActionGeo_FeatureID"] == "703448"
        assert row["ActionGeo_Lat"] == pytest.approx(50.45, abs=0.1)


def test_a_url_given_by_the_input_is_the_source_url(db: Path, gdelt_file: Path) -> None:
    with plain(db) as connection:
        urls = {
            row["SOURCEURL"]
            for row in _rows(_read_gdelt(connection, gdelt_file))
            if row["SOURCEURL"].startswith("https://")
        }
    assert urls <= {"https://example.org/un-vote", "https://example.org/iaea"}
    assert urls


def test_gdelt_file_opens_in_pyarrow(gdelt_file: Path) -> None:
    table = pacsv.read_csv(
        gdelt_file,
        read_options=pacsv.ReadOptions(column_names=list(gdelt_columns())),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={name: "string" for name in ("EventCode", "EventRootCode")}
        ),
    )
    assert table.num_columns == 61
    assert table.column_names == list(gdelt_columns())
    assert "19" in table.column("EventRootCode").to_pylist()


def test_header_puts_the_column_names_first(db: Path, gdelt_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = _invoke("export", "--db", str(db), "--to", "gdelt", "--header", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text == gdelt_header() + gdelt_file.read_text(encoding="utf-8")
    assert not (tmp_path / "events.tsv.partial").exists()
    with plain(db) as connection:
        read = connection.execute(
            "SELECT * FROM read_csv($path, delim = '\t', header = true, quote = '', "
            "escape = '', all_varchar = true)",
            {"path": str(out)},
        )
        assert tuple(column[0] for column in read.description or []) == gdelt_columns()


def test_gdelt_to_standard_output(db: Path, gdelt_file: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "gdelt", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == gdelt_file.read_text(encoding="utf-8")
    with_header = _invoke("export", "--db", str(db), "--to", "gdelt", "--header", "-")
    assert with_header.stdout == gdelt_header() + result.stdout


def test_header_goes_with_gdelt_only(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = _invoke("export", "--db", str(db), "--to", "plover", "--header", str(out))
    assert result.exit_code == 2
    assert result.stderr == "tidings: --header goes with --to gdelt only\n"
    assert not out.exists()


def test_a_folder_is_no_gdelt_file(db: Path, tmp_path: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "gdelt", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"tidings: {tmp_path} is a folder; --to gdelt writes one file\n"


# --- dates, built by hand -------------------------------------------------------------------


def _member(**values: Any) -> dict[str, Any]:
    member: dict[str, Any] = {
        "cluster_id": "c:0123456789abcdef",
        "cluster_record": "{}",
        "event_id": "a1#e1",
        "cameo": "190",
        "goldstein": -10.0,
        "mode": None,
        "status": "claimed",
        "source_id": "USA",
        "source_name": "United States",
        "source_role": None,
        "source_sector": None,
        "target_id": "SYR",
        "target_name": "Syria",
        "target_role": None,
        "target_sector": "GOV",
        "said_by": "RUS",
        "sentence": "The United States fired missiles at Syria on April 14.",
        "trigger": "fired",
        "evidence_start": 40,
        "evidence_end": 94,
        "location_name": None,
        "location_country": None,
        "location_lat": None,
        "location_lon": None,
        "location_geonames_id": None,
        "location_kind": None,
        "article_id": "a1",
        "title": "Moscow disputes Western account",
        "outlet": "Harbourline Evening Post",
        "published": "2018-04-15",
        "path": "harbourline.txt",
        "url": None,
        "stored_at": datetime(2018, 4, 16, 9, 30, 5),
        "article_places": [
            {
                "name": "Damascus",
                "country": "SYR",
                "lat": 33.5,
                "lon": 36.3,
                "geonames_id": 170654,
                "kind": "city",
                "start": 30,
            },
            {
                "name": "Syria",
                "country": "SYR",
                "lat": 35.0,
                "lon": 38.0,
                "geonames_id": 163843,
                "kind": "country",
                "start": 200,
            },
        ],
        "in_lead": False,
    }
    member.update(values)
    return member


def _cluster(date: dict[str, Any] | None, first_report: str | None) -> StoredCluster:
    record = {
        "id": "c:0123456789abcdef",
        "type": "ASSAULT",
        "status": "claimed",
        "source": {"id": "USA", "country": "USA"},
        "target": {"id": "SYR", "country": "SYR"},
        "date": date,
        "location": None,
        "outlets": ["Harbourline Evening Post"],
        "first_report": first_report,
        "last_report": first_report,
        "discrepancies": [],
        "links": [],
    }
    return StoredCluster(record=record, members=(_member(),))


def _gdelt(cluster: StoredCluster) -> dict[str, object]:
    return dict(zip(gdelt_columns(), gdelt_row(cluster), strict=True))


def test_the_event_date_and_the_report_date_are_kept_apart() -> None:
    cluster = _cluster(
        {"value": "2018-04-14", "precision": "day", "basis": "explicit"}, "2018-04-15"
    )
    row = _gdelt(cluster)
    assert row["SQLDATE"] == 20180414
    assert row["DATEADDED"] == 20180416093005  # when the report was stored
    assert row["SOURCEURL"] == "harbourline.txt"
    assert (row["Actor2Geo_FullName"], row["Actor2Geo_CountryCode"]) == ("Damascus", "SY")
    assert row["Actor1Geo_Type"] == 0  # no place in the United States is named
    assert row["GLOBALEVENTID"] == 0x0123456789ABCDE
    plover = plover_record(cluster)
    assert (plover["date"], plover["enddate"]) == ("2018-04-14", None)
    assert (plover["day"], plover["day_basis"]) == ("2018-04-14", "event")
    assert plover["first_report"] == "2018-04-15"


def test_a_month_is_never_given_an_invented_day() -> None:
    cluster = _cluster({"value": "2022-02", "precision": "month", "basis": "explicit"}, "2022-03")
    row = _gdelt(cluster)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == (
        None,
        202202,
        2022,
        None,
    )
    assert row["DATEADDED"] == 20180416093005
    plover = plover_record(cluster)
    assert (plover["date"], plover["enddate"]) == ("2022-02-01", "2022-02-28")
    assert plover["date_precision"] == "month"


def test_a_year_and_no_date() -> None:
    year = _gdelt(_cluster({"value": "2020", "precision": "year", "basis": "explicit"}, None))
    assert (year["SQLDATE"], year["MonthYear"], year["Year"]) == (None, None, 2020)
    undated = _cluster({"value": None, "precision": None, "basis": "unknown"}, "2020-01-01")
    row = _gdelt(undated)  # filed under its first report's day, which PLOVER says
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20200101, 202001, 2020)
    assert plover_record(undated)["date"] is None
    assert plover_record(undated)["day_basis"] == "publication"
    month = _cluster({"value": "2020-01", "precision": "month", "basis": "explicit"}, "2020-02-03")
    assert (_gdelt(month)["SQLDATE"], _gdelt(month)["MonthYear"]) == (20200203, 202001)
    leap = plover_record(_cluster({"value": "2020", "precision": "year", "basis": "x"}, None))
    assert (leap["date"], leap["enddate"]) == ("2020-01-01", "2020-12-31")


def test_an_event_without_a_cameo_code_takes_its_quad_class_from_its_type() -> None:
    cluster = _cluster(None, None)
    uncoded = StoredCluster(cluster.record, (_member(cameo=None, goldstein=None),))
    row = _gdelt(uncoded)
    assert (row["EventCode"], row["QuadClass"], row["GoldsteinScale"]) == (None, 4, None)


def test_tabs_and_line_breaks_in_names_do_not_shift_columns() -> None:
    cluster = _cluster(None, None)
    odd = StoredCluster(cluster.record, (_member(source_name="United\tStates\nof America"),))
    line = "\t".join(_tsv_value(value) for value in gdelt_row(odd))
    assert len(line.split("\t")) == 61
    assert "\n" not in line


# --- PLOVER -----------------------------------------------------------------------------------


def _plover_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_plover_fields_are_documented_in_order() -> None:
    section = _doc_section("`--to plover`")
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert documented == PLOVER_FIELDS


def test_plover_holds_one_record_per_cluster_with_the_documented_fields(
    db: Path, plover_file: Path
) -> None:
    records = _plover_lines(plover_file)
    with plain(db) as connection:
        clusters = connection.execute(
            "SELECT id, type, status, articles FROM event_clusters WHERE complete "
            "ORDER BY coalesce(date_value, '9999'), id"
        ).fetchall()
    assert [record["id"] for record in records] == [cluster[0] for cluster in clusters]
    for record, (_, event_type, status, articles) in zip(records, clusters, strict=True):
        assert list(record) == PLOVER_FIELDS
        assert record["event"] == [event_type]
        assert record["status"] == status
        assert len({article["article_id"] for article in record["articles"]}) == articles
        assert record["quad_code"] in {1, 2, 3, 4}
        assert record["coder"].startswith("tidings ")


def test_plover_record_of_the_syria_strike(plover_file: Path) -> None:
    strikes = [
        record
        for record in _plover_lines(plover_file)
        if record["event"] == ["ASSAULT"]
        and [actor["code"] for actor in record["recipient"]] == ["SYR"]
        and [actor["code"] for actor in record["source"]] == ["USA"]
    ]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["date"] == "2018-04-14"
    assert strike["quad_code"] == 4
    assert strike["event_scale"] == -10.0
    assert strike["cameo"] == "190"
    assert strike["source"][0]["identifier_id"] == "USA"
    assert strike["source"][0]["actor_text"] == "United States"
    assert strike["recipient"][0]["sector"] == "GOV"
    assert strike["event_loc"]["name"] == "Syria"
    assert strike["event_loc"]["country_code"] == "SY"
    assert strike["event_loc"]["cc3"] == "SYR"
    assert strike["first_report"] == "2018-04-14"
    assert strike["last_report"] == "2018-04-15"
    assert strike["cite_info"]["publication"] == "Tidewater Wire"
    assert [article["cite_info"]["publication"] for article in strike["articles"]] == [
        "Tidewater Wire",
        "Harbourline Evening Post",
    ]
    assert len(strike["event_text"]) == 2
    assert strike["discrepancies"][0]["field"] == "missiles"
    for article in strike["articles"]:
        span = article["text_info"]
        assert 0 <= span["start"] < span["end"]


def test_plover_opens_in_duckdb(db: Path, plover_file: Path) -> None:
    with plain(db) as connection:
        read = connection.execute(
            "SELECT id, event[1], quad_code, len(articles) "
            "FROM read_json($path, format = 'newline_delimited')",
            {"path": str(plover_file)},
        ).fetchall()
        [(total,)] = connection.execute(
            "SELECT count(*) FROM event_clusters WHERE complete"
        ).fetchall()
    assert len(read) == total
    assert all(row[3] >= 1 for row in read)


def test_plover_to_standard_output(db: Path, plover_file: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "plover", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == plover_file.read_text(encoding="utf-8")
    assert (
        result.stderr == f"exported {len(result.stdout.splitlines())} events to standard output\n"
    )


def test_all_adds_the_clusters_of_partial_readings(db: Path, plover_file: Path) -> None:
    with plain(db) as connection:
        complete, partial = connection.execute(
            "SELECT count(*) FILTER (complete), count(*) FILTER (NOT complete) FROM event_clusters"
        ).fetchall()[0]
    assert complete and partial, "the examples have both kinds"
    default = _invoke("export", "--db", str(db), "--to", "plover", "-")
    every = _invoke("export", "--db", str(db), "--to", "plover", "--all", "-")
    gdelt = _invoke("export", "--db", str(db), "--to", "gdelt", "--all", "-")
    assert len(default.stdout.splitlines()) == complete
    assert len(every.stdout.splitlines()) == len(gdelt.stdout.splitlines()) == complete + partial
    assert {json.loads(line)["id"] for line in default.stdout.splitlines()} < {
        json.loads(line)["id"] for line in every.stdout.splitlines()
    }
    flags = [json.loads(line)["complete"] for line in every.stdout.splitlines()]
    assert flags.count(True) == complete and flags.count(False) == partial


def test_all_goes_with_the_event_formats_only(db: Path, tmp_path: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "jsonl", "--all", str(tmp_path / "a"))
    assert result.exit_code == 2
    assert "--all goes with --to gdelt or plover only" in result.stderr
