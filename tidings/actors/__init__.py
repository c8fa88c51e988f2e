"""The actor stage (after parse): who is mentioned, as one entity per real actor with a stable
id, coded with country, sector and role from the actor base or from context."""

from tidings.actors.records import ActorLayer, Entity, EntityKind, LinkKind, Mention
from tidings.actors.stage import resolve_actors

__all__ = ["ActorLayer", "Entity", "EntityKind", "LinkKind", "Mention", "resolve_actors"]
