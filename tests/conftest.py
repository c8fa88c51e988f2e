"""Shared fixtures. `../shared` (the team's gold data and seeds) is optional: tests that need it
skip cleanly when it is absent, as it is in a user's clone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tidings.errors import InputRejected
from tidings.pipeline import extract_stream
from tidings.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is optional)")
    return path


def extract_records(*sources: Path | str) -> tuple[list[dict[str, Any]], list[InputRejected]]:
    records: list[dict[str, Any]] = []
    rejected: list[InputRejected] = []
    for item in extract_stream([str(s) for s in sources], settings=load_settings()):
        if isinstance(item, InputRejected):
            rejected.append(item)
        else:
            records.append(item.record)
    return records, rejected


@pytest.fixture(scope="session")
def example_records() -> Iterator[list[dict[str, Any]]]:
    records, rejected = extract_records(EXAMPLES)
    assert not rejected, rejected
    yield records
