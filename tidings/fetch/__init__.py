"""Fetching news the way analysts follow it (RSS/Atom feeds, sitemaps, pages, lists of URLs),
politely, into WARC files beside the store, then through the usual pipeline: the step before
ingest. `tidings.fetch.round.fetch_round` is one round; `tidings fetch` calls it.

Nothing is imported here, so that the WARC reader can read `record_headers` without loading
an HTTP client."""
