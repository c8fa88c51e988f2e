"""Reading a YAML data or settings file whose top level is a mapping, with one plain error."""

from __future__ import annotations

from typing import Any

import yaml

from tidings.errors import ConfigError

# libyaml's parser when PyYAML was built with it (the wheels are): the same mappings as the
# pure-Python one, about five times faster, which every process pays for at start-up (about
# 700 kB of data files).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_mapping(text: str, origin: str) -> dict[str, Any]:
    """The mapping `text` holds; ConfigError naming `origin` for broken YAML or another shape.
    An empty file is an empty mapping."""
    try:
        data = yaml.load(text, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(origin, f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(origin, "top level must be a mapping")
    return data
