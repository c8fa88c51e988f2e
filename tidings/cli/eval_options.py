"""Options shared by several `tidings eval` commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from tidings.evaluate.splits import Split

SplitOption = Annotated[
    Split,
    typer.Option(
        "--split",
        help=(
            "Score the dev items (tune on these), the held-out items (report only) or all "
            "(floors hold for all). Items fall in a split by a fixed hash."
        ),
    ),
]
