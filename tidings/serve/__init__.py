"""`tidings serve`: the store over HTTP, as a JSON API and a web app an analyst can browse.

from tidings.serve import create_app
app = create_app(Path("tidings.duckdb"))    # read-only; ingest_token=... adds POST /ingest
"""

from tidings.serve.app import create_app

__all__ = ["create_app"]
