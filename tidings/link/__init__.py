"""Linking articles to each other (issue 6): duplicates first."""

from tidings.link.duplicates import (
    DuplicateFinder,
    DuplicateGroup,
    DuplicatePair,
    find_duplicates,
)

__all__ = ["DuplicateFinder", "DuplicateGroup", "DuplicatePair", "find_duplicates"]
