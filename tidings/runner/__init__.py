"""The runner: documents -> articles -> store -> link, as a library. `tidings run`, `POST
/ingest`, `tidings fetch`, the benchmarks and the tests all call it; the CLI only parses
options and prints.

    summary = run_paths(["news/"], db=Path("tidings.duckdb"), settings=load_settings())
    summary = run_documents(documents, store=open_store, settings=settings)
    counts = link_path(Path("tidings.duckdb"), wait=10, whole=True)   # tidings link
"""

from tidings.runner.run import (
    RunProgress,
    RunSummary,
    link_path,
    link_store,
    run_documents,
    run_paths,
)

__all__ = ["RunProgress", "RunSummary", "link_path", "link_store", "run_documents", "run_paths"]
