"""The `tidings` command: a thin layer over importable functions. Only here do library
exceptions become messages on standard error and exit codes (0 ok, 1 some input rejected,
2 usage or configuration error)."""

from __future__ import annotations

import typer

from tidings.cli.actors import actors_app
from tidings.cli.eval import eval_app
from tidings.cli.events import events_command, link_command, timeline_command
from tidings.cli.export import export_command
from tidings.cli.extract import extract_command
from tidings.cli.fetch import fetch_command
from tidings.cli.quotes import quotes_command
from tidings.cli.run import run_command
from tidings.cli.serve import serve_command
from tidings.cli.spark import spark_command

app = typer.Typer(
    name="tidings",
    help="Turn raw scraped news into event data an analyst can trust.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_command)
app.command("run")(run_command)
app.command("fetch")(fetch_command)
app.command("quotes")(quotes_command)
app.command("export")(export_command)
app.command("link")(link_command)
app.command("events")(events_command)
app.command("timeline")(timeline_command)
app.command("serve")(serve_command)
app.command("spark")(spark_command)
app.add_typer(eval_app, name="eval", help="Measure each stage against gold data.")
app.add_typer(actors_app, name="actors", help="List, look up and validate actors.")


def main() -> None:
    app()
