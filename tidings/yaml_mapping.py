"""Reading a YAML data or settings file whose top level is a mapping, with one plain error."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import yaml

from tidings.errors import ConfigError

# libyaml's parser when PyYAML was built with it (the wheels are): the same mappings as the
# pure-Python one, about five times faster, which every process pays for at start-up (about
# 700 kB of data files).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A key at the top level: YAML lets a second one silently replace the first, which would drop
# a word list without a word of warning.
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


def read_yaml_mapping(text: str, origin: str) -> dict[str, Any]:
    """The mapping `text` holds; ConfigError naming `origin` for broken YAML or another shape.
    An empty file is an empty mapping."""
    try:
        data = yaml.load(text, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(origin, f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(origin, "top level must be a mapping")
    twice = [key for key, n in Counter(_TOP_KEY.findall(text)).items() if n > 1]
    if twice:
        raise ConfigError(origin, f"key {twice[0]!r} is given twice")
    return data
