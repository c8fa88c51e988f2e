"""Tunables: the shipped `data/settings.yaml`, overridden key by key by a user file."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

ENV_VAR = "TIDINGS_SETTINGS"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int
    max_record_bytes: int
    # False (`--clean off`): every input's text is taken as it is, with no boilerplate removal,
    # unless a record says otherwise (`"clean": true`)
    clean: bool = True


@dataclass(frozen=True, slots=True)
class ParseSettings:
    model: str
    batch_size: int
    max_chars: int
    # characters per nlp.pipe batch at most (spaCy's working memory grows with them)
    batch_chars: int = 50_000
    # seconds each step of one article may take (tidings/parse/budget.py); 0: no limit
    timeout_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class StoreSettings:
    batch_size: int
    lock_wait_seconds: int = 120


@dataclass(frozen=True, slots=True)
class ServeSettings:
    read_wait_seconds: int = 10
    read_hold_ms: int = 5000


@dataclass(frozen=True, slots=True)
class ActorsSettings:
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings
    parse: ParseSettings
    store: StoreSettings
    actors: ActorsSettings = ActorsSettings()
    serve: ServeSettings = ServeSettings()

    def with_actor_files(self, files: Iterable[str | os.PathLike[str]]) -> Settings:
        """These settings with more user actor files (e.g. from `--actors`)."""
        extra = tuple(str(Path(f)) for f in files)
        return dataclasses.replace(self, actors=ActorsSettings(self.actors.files + extra))


def _merge(base: dict[str, Any], override: dict[str, Any], origin: str, where: str = "") -> None:
    for key, value in override.items():
        name = f"{where}{key}"
        if key not in base:
            raise ConfigError(origin, f"unknown setting {name!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(origin, f"setting {name!r} must be a mapping")
            _merge(base[key], value, origin, f"{name}.")
        elif isinstance(base[key], float) and type(value) is int:
            base[key] = float(value)  # seconds: a whole number is a number of seconds too
        elif type(value) is not type(base[key]):
            expected = type(base[key]).__name__
            raise ConfigError(origin, f"setting {name!r} must be {expected}, got {value!r}")
        else:
            base[key] = value


def _check_positive(merged: dict[str, Any], origin: str) -> None:
    """Every tunable is a count or a size: zero or less is always a mistake."""
    for section, values in merged.items():
        for key, value in values.items():
            if isinstance(value, int) and value < 1:
                raise ConfigError(
                    origin, f"setting '{section}.{key}' must be at least 1, got {value}"
                )
            if isinstance(value, float) and not value >= 0:  # a time; 0 turns it off
                raise ConfigError(
                    origin, f"setting '{section}.{key}' must be at least 0, got {value}"
                )


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Shipped defaults, then `path` (or $TIDINGS_SETTINGS) on top."""
    shipped = resources.files("tidings.data").joinpath("settings.yaml").read_text("utf-8")
    merged = read_yaml_mapping(shipped, "settings.yaml")
    user = path or os.environ.get(ENV_VAR)
    if user:
        user_path = Path(user)
        try:
            text = user_path.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(str(user_path), exc.strerror or "cannot read") from exc
        _merge(merged, read_yaml_mapping(text, str(user_path)), str(user_path))
        _check_positive(merged, str(user_path))
    folder = Path(user).parent if user else Path.cwd()
    return Settings(
        ingest=IngestSettings(**merged["ingest"]),
        parse=ParseSettings(**merged["parse"]),
        store=StoreSettings(**merged["store"]),
        serve=ServeSettings(**merged["serve"]),
        actors=ActorsSettings(_actor_files(merged["actors"]["files"], folder, str(user))),
    )


def _actor_files(files: list[Any], folder: Path, origin: str) -> tuple[str, ...]:
    """User actor files, relative paths read from the settings file's folder."""
    if not all(isinstance(f, str) and f for f in files):
        raise ConfigError(origin, "setting 'actors.files' must be a list of file paths")
    return tuple(str(folder / f) if not Path(f).is_absolute() else f for f in files)
