"""Helpers for the actor tests: the made-up world of `actors_world.yaml` and a way to run the
actor stage on a text of our own (with a publication date) without a file on disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tidings.actors import ActorLayer, Entity, resolve_actors
from tidings.clean.article import Article, DateValue
from tidings.ingest.document import Document
from tidings.knowledge import load_actor_base
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.settings import load_settings

WORLD = Path(__file__).with_name("actors_world.yaml")


def parse(
    text: str, *, published: str | None = None, files: Sequence[Path] = (WORLD,)
) -> ParsedArticle:
    settings = load_settings()
    names = tuple(str(f) for f in files)
    nlp = load_model(settings.parse.model, settings.parse.max_chars, actor_files=names)
    document = Document(path="test", format="text", content=text, sha256="0" * 64)
    date = DateValue(published, "day", "explicit") if published else DateValue()
    article = Article("test", document, 0, None, date, None, text)
    doc = nlp(text)
    return ParsedArticle(article, doc, tuple((s.start_char, s.end_char) for s in doc.sents))


def code(
    text: str, *, published: str | None = None, files: Sequence[Path] = (WORLD,)
) -> ActorLayer:
    """The actor stage's output for `text` with the world's actors (or `files`)."""
    parsed = parse(text, published=published, files=files)
    return resolve_actors(parsed, base=load_actor_base(tuple(str(f) for f in files)))


def entity_of(layer: ActorLayer, surface: str, occurrence: int = 0) -> Entity:
    """The entity of the `occurrence`-th mention whose text is exactly `surface`."""
    found = [m for m in layer.mentions if m.text == surface]
    assert len(found) > occurrence, (surface, [m.text for m in layer.mentions])
    entity = layer.entity(found[occurrence].entity_id)
    assert entity is not None
    return entity


def ids_of(layer: ActorLayer, surface: str) -> set[str]:
    return {m.entity_id for m in layer.mentions if m.text == surface}
