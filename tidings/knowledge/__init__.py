"""Read-only knowledge the stages consult: the actor base and the role lexicon. Loaded once
per process, never at import. The parse stage may use it (entity rulers); it never imports a
later stage."""

from tidings.knowledge.actor_files import read_actor_file, validate_actor_file
from tidings.knowledge.actors import Actor, ActorBase, ActorKind, ActorMatch, Holder, Role
from tidings.knowledge.build import (
    build_actor_base,
    load_actor_base,
    shipped_actor_files,
    validate_actor_base,
)
from tidings.knowledge.names import name_slug, normalise_name, skeleton_key
from tidings.knowledge.patterns import RulerPatterns, entity_patterns
from tidings.knowledge.roles import RoleLexicon, RoleWord, load_role_lexicon
from tidings.knowledge.yaml_checks import ActorFileProblem

__all__ = [
    "Actor",
    "ActorBase",
    "ActorFileProblem",
    "ActorKind",
    "ActorMatch",
    "Holder",
    "Role",
    "RoleLexicon",
    "RoleWord",
    "RulerPatterns",
    "build_actor_base",
    "entity_patterns",
    "load_actor_base",
    "load_role_lexicon",
    "name_slug",
    "normalise_name",
    "read_actor_file",
    "shipped_actor_files",
    "skeleton_key",
    "validate_actor_base",
    "validate_actor_file",
]
