"""A fixed split of evaluation items into `dev` (tune by looking at these) and `heldout`
(report only, never read), so that a figure measured on held-out items stays honest.

An item's split follows from a hash of its key (a sentence's text, a document's file name):
the same item always falls in the same split, on every machine and in every run, whatever
the order or the number of items around it. About a third of the items are held out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from hashlib import blake2b
from typing import TypeVar

Item = TypeVar("Item")

# One item in HELDOUT_EVERY is held out.
HELDOUT_EVERY = 3


class Split(StrEnum):
    dev = "dev"
    heldout = "heldout"
    all = "all"


def split_of(key: str) -> Split:
    """`heldout` or `dev` for the item whose key is `key` (surrounding blanks ignored)."""
    digest = blake2b(key.strip().encode("utf-8"), digest_size=8).digest()
    return Split.heldout if int.from_bytes(digest, "big") % HELDOUT_EVERY == 0 else Split.dev


def in_split(key: str, split: Split) -> bool:
    """Whether the item whose key is `key` belongs to `split` (`all` holds every item)."""
    return split is Split.all or split_of(key) is split


def select(items: Iterable[Item], key: Callable[[Item], str], split: Split) -> list[Item]:
    """The items of `split`, in their order."""
    return [item for item in items if in_split(key(item), split)]
