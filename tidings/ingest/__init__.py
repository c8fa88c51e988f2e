"""Ingest: files, folders, standard input, gzip, JSON Lines and WARC in; one `Document` per
decoded input out, and an `InputRejected` yielded (not raised) for each input that cannot be
read."""

from tidings.ingest.document import ContentFormat, Document, Hints
from tidings.ingest.reader import documents_from_bytes, iter_documents, read_input
from tidings.ingest.sources import STDIN, iter_inputs, list_inputs

__all__ = [
    "STDIN",
    "ContentFormat",
    "Document",
    "Hints",
    "documents_from_bytes",
    "iter_documents",
    "iter_inputs",
    "list_inputs",
    "read_input",
]
