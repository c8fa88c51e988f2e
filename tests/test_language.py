"""The language of every article: told from its text, in every record and in the store; an
article not in English is kept but not coded by the English stages, and `extract` and `run`
end with one line counting such articles. Every text here is invented."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import tidings_in_process
from tidings.errors import InputRejected
from tidings.language import Language, detect_language
from tidings.pipeline import extract_stream
from tidings.settings import load_settings

FRENCH = (
    "Grève à Port-Harbour\n\n"
    "Les dockers de Port-Harbour ont attaqué mardi le siège de la compagnie portuaire, a "
    "déclaré la police. Le ministre de l'Intérieur a condamné les violences et promis des "
    "sanctions contre les responsables.\n"
)
GERMAN = (
    "Die Regierung von Harbourien hat am Dienstag neue Sanktionen gegen das Nachbarland "
    "beschlossen. Der Außenminister warnte vor einer weiteren Eskalation an der Grenze.\n"
)
ENGLISH = (
    "Harbourian troops attacked a rebel camp near the border on Monday, the army said. "
    "The interior minister condemned the rebels and promised sanctions against their leaders.\n"
)


def tidings(*args: str) -> subprocess.CompletedProcess[str]:
    done = tidings_in_process(*args)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "b-de.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "c-en.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def records_of(folder: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for item in extract_stream([str(folder)], settings=load_settings()):
        assert not isinstance(item, InputRejected), item
        found[Path(item.record["source"]["path"]).name] = item.record
    return found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le gouvernement a annoncé mardi de nouvelles sanctions contre le pays voisin.", "fr"),
        ("Tausende Menschen demonstrierten am Samstag in der Hauptstadt gegen den Krieg.", "de"),
        ("La policía detuvo a seis personas tras los disturbios en el puerto.", "es"),
        ("Il ministro degli Esteri ha convocato l'ambasciatore per chiarimenti.", "it"),
        ("A polícia prendeu cinco suspeitos após os confrontos no porto.", "pt"),
        ("Полиция задержала трех подозреваемых после беспорядков в порту.", "ru"),
        ("اعتقلت الشرطة ثلاثة مشتبه بهم بعد أعمال الشغب في الميناء.", "ar"),
        ("Polis olayların ardından limanda üç şüpheliyi gözaltına aldı.", "tr"),
    ],
)
def test_one_sentence_in_another_language_is_told(text: str, code: str) -> None:
    language = detect_language(text)
    assert language.code == code
    assert language.confidence > 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Harbourian troops attacked a rebel camp near the border on Monday.",
        # headlines dense with foreign names, the hard case for any detector
        "Macron meets Scholz in Berlin",
        "Le Pen rejects Macron pension plan",
        "Erdogan slams Netanyahu over Gaza",
        "Obama visits Havana",
        "Al-Shabaab claims Mogadishu hotel attack",
        # too short to judge
        "Iran",
    ],
)
def test_english_is_never_read_as_another_language(text: str) -> None:
    assert detect_language(text).code == "en"


def test_language_record_shape() -> None:
    assert Language("fr", 0.987654).to_json() == {"code": "fr", "confidence": 0.9877}


def test_articles_not_in_english_carry_their_language_and_are_not_coded(corpus: Path) -> None:
    records = records_of(corpus)
    french, german, english = records["a-fr.txt"], records["b-de.txt"], records["c-en.txt"]
    assert french["language"]["code"] == "fr"
    assert german["language"]["code"] == "de"
    for record in (french, german):
        assert record["text"]  # stored and shown: text, title, sentences are there
        assert record["sentences"]
        assert record["events"] == record["quotes"] == record["entities"] == []
        assert record["times"] == record["places"] == []
    assert french["title"] == "Grève à Port-Harbour"
    assert english["language"]["code"] == "en"
    assert english["language"]["confidence"] > 0.9
    assert "ASSAULT" in {event["type"] for event in english["events"]}
    assert english["entities"]


def test_extract_ends_with_one_line_counting_them(corpus: Path) -> None:
    result = tidings("extract", str(corpus), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "2 articles not in English (fr 1, de 1): not coded",
    ]
    languages = [json.loads(line)["language"]["code"] for line in result.stdout.splitlines()]
    assert languages == ["fr", "de", "en"]
    text = tidings("extract", str(corpus / "a-fr.txt"), "--format", "text")
    assert "language fr: not coded" in text.stdout


def test_run_stores_the_language_and_ends_with_the_count(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    result = tidings("run", str(corpus), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "2 articles not in English (fr 1, de 1): stored, not coded"
    )
    with duckdb.connect(str(db), read_only=True) as connection:
        rows = connection.execute(
            "SELECT language, language_confidence > 0.5, record->>'$.language.code' "
            "FROM articles ORDER BY seq"
        ).fetchall()
        events = connection.execute(
            "SELECT DISTINCT a.language FROM events e JOIN articles a ON a.id = e.article_id"
        ).fetchall()
    assert rows == [("fr", True, "fr"), ("de", True, "de"), ("en", True, "en")]
    assert events == [("en",)]


def test_no_line_when_every_article_is_english(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    result = tidings("extract", str(tmp_path / "en.txt"))
    assert result.returncode == 0
    assert result.stderr == ""
