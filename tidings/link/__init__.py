"""Linking articles to each other (issue 6): duplicate articles, one cluster per real event
however many outlets report it, the disagreements among reports, threats and responses."""

from tidings.link.blocks import link_records
from tidings.link.clusters import EventCluster
from tidings.link.discrepancies import Discrepancy, ReportedValue
from tidings.link.duplicates import (
    DuplicateFinder,
    DuplicateGroup,
    DuplicatePair,
    find_duplicates,
)
from tidings.link.events import EventMention, load_link_knowledge, mentions_from_record
from tidings.link.quantities import Quantity, read_quantities
from tidings.link.responses import ClusterLink
from tidings.link.stage import LinkResult, link_events

__all__ = [
    "ClusterLink",
    "Discrepancy",
    "DuplicateFinder",
    "DuplicateGroup",
    "DuplicatePair",
    "EventCluster",
    "EventMention",
    "LinkResult",
    "Quantity",
    "ReportedValue",
    "find_duplicates",
    "link_events",
    "link_records",
    "load_link_knowledge",
    "mentions_from_record",
    "read_quantities",
]
