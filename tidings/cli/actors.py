"""`tidings actors`: look into the actor base — list it, ask who a name is, check a user's file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.common import EXIT_OK, EXIT_REJECTED, fail
from tidings.errors import TidingsError
from tidings.knowledge import (
    Actor,
    ActorBase,
    load_actor_base,
    validate_actor_base,
    validate_actor_file,
)

actors_app = typer.Typer(
    name="actors",
    help="List, look up and validate actors (people, organisations, countries).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ActorFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="A user actor file (YAML) to add to the shipped base; repeatable."
    ),
]
# Rows `who` shows for a name that matches several actors, best first.
WHO_MAX_MATCHES = 5


def _base(files: list[Path] | None) -> ActorBase:
    try:
        return load_actor_base(files or ())
    except TidingsError as exc:
        fail(str(exc))


def _roles(actor: Actor) -> str:
    return "; ".join(
        f"{r.title or r.role} ({r.country or 'intl'}, {r.start or '?'}–{r.end or 'now'})"
        for r in actor.roles
    )


@actors_app.command("list")
def list_command(
    kind: Annotated[
        str | None, typer.Option("--kind", help="person, organization or country.")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3 code, e.g. IRN.")] = None,
    actor_files: ActorFiles = None,
) -> None:
    """Every actor of the base (and of --actors files), one line each: id, kind, country, name."""
    base = _base(actor_files)
    shown = 0
    for actor in sorted(base.actors.values(), key=lambda a: (a.kind, a.id)):
        if (kind and actor.kind != kind) or (country and actor.country != country.upper()):
            continue
        typer.echo(f"{actor.id}\t{actor.kind}\t{actor.country or '-'}\t{actor.name}")
        shown += 1
    typer.echo(f"{shown} actors", err=True)


@actors_app.command("who")
def who_command(
    name: Annotated[str, typer.Argument(help='A name as news copy spells it, e.g. "Rahmany".')],
    actor_files: ActorFiles = None,
) -> None:
    """Which actor a name stands for: exact aliases first, then transliteration variants."""
    base = _base(actor_files)
    matches = base.lookup(name) or base.lookup_near(name)
    if not matches:
        typer.echo(f"tidings: no actor known as {name!r}", err=True)
        raise typer.Exit(EXIT_REJECTED)
    table = Table(title=f"who is {name!r}")
    for column in ("id", "name", "kind", "country", "matched", "roles", "aliases"):
        table.add_column(column)
    for match in matches[:WHO_MAX_MATCHES]:
        actor = match.actor
        table.add_row(
            actor.id,
            actor.name,
            actor.kind,
            actor.country or "-",
            f"{match.link} ({match.listed_as}, {match.score:.0f})",
            _roles(actor) or "-",
            ", ".join(list(dict.fromkeys(actor.aliases))[:8]) or "-",
        )
    Console(width=160).print(table)


@actors_app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Actor files (YAML) to check; none: the shipped base, merged."),
    ] = None,
) -> None:
    """Check actor files: one line per problem (file:line: field: message); exit 1 if any.
    With no file, checks the shipped base: every hand-made file, the Phoenix layer and their
    merge."""
    if files:
        problems = [problem for path in files for problem in validate_actor_file(path)]
        checked = f"{len(files)} files"
    else:
        problems = validate_actor_base()
        checked = "the shipped actor base"
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{checked}, {len(problems)} problems", err=True)
    raise typer.Exit(EXIT_REJECTED if problems else EXIT_OK)
