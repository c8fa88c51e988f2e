"""Agent nouns of the Phoenix layer ("farmer", "blogger", "arms dealer" -> a sector), converted
by `scripts/convert_phoenix.py` into `data/actors/phoenix/agents.tsv`. The role lexicon takes
them below the nouns of roles.yaml, which win. Kept apart from `phoenix.py` so that the role
lexicon can read them without importing the actor base."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

PHOENIX_FOLDER = "phoenix"
AGENTS_FILE = "agents.tsv"


def phoenix_folder() -> Path:
    return Path(str(resources.files("tidings.data").joinpath("actors", PHOENIX_FOLDER)))


@lru_cache(maxsize=1)
def phoenix_agents() -> dict[str, str]:
    """Agent noun (singular, lower case) -> sector code; empty when the layer is absent."""
    path = phoenix_folder() / AGENTS_FILE
    if not path.is_file():
        return {}
    agents = {}
    for line in path.read_text("utf-8").splitlines():
        noun, _, sector = line.partition("\t")
        if noun and sector:
            agents[noun] = sector
    return agents
