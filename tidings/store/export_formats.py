"""The store's event clusters in the layouts other event-data tools read: the GDELT 2.0 Event
table (`export_gdelt`) and PLOVER JSON records (`export_plover`), over the clusters read with
their reports (`export_clusters`). Both write one row per event cluster — the real-world event,
however many articles reported it — in the order `tidings events` lists them (by date, undated
last, then by id). This module gathers their public names.
"""

from tidings.store.export_clusters import (
    Actor,
    Place,
    StoredCluster,
    cluster_actor,
    cluster_cameo,
    cluster_place,
    event_day,
    first_report,
    stored_clusters,
)
from tidings.store.export_gdelt import (
    GdeltTables,
    gdelt_columns,
    gdelt_event_id,
    gdelt_header,
    gdelt_lines,
    gdelt_row,
    gdelt_tables,
    prepend_gdelt_header,
)
from tidings.store.export_plover import CODER, PLOVER_QUAD, plover_lines, plover_record

__all__ = [
    "CODER",
    "PLOVER_QUAD",
    "Actor",
    "GdeltTables",
    "Place",
    "StoredCluster",
    "cluster_actor",
    "cluster_cameo",
    "cluster_place",
    "event_day",
    "first_report",
    "gdelt_columns",
    "gdelt_event_id",
    "gdelt_header",
    "gdelt_lines",
    "gdelt_row",
    "gdelt_tables",
    "plover_lines",
    "plover_record",
    "prepend_gdelt_header",
    "stored_clusters",
]
