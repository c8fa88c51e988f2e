"""Where an article came from, as the API and the exports may show it: its URL, or its file's
name relative to the input root, never the server's absolute path (which tells a reader of a
shared export or a served store the layout of the machine that built it).

The input root is the deepest folder holding every absolute document path of the store: the
common prefix of the smallest and the largest path (any path between them shares it), cut
back to a folder. One indexed aggregate, so it is cheap to ask for per request or export.
"""

from __future__ import annotations

import posixpath
from typing import Any, Protocol

ROOT_QUERY = (
    "SELECT min(path) AS low, max(path) AS high FROM documents WHERE starts_with(path, '/')"
)


class _Rows(Protocol):
    def execute(self, query: str, parameters: object = ...) -> Any: ...


def input_root(connection: _Rows) -> str | None:
    """The folder (ending in "/") that holds every absolute document path, or None when no
    path is absolute."""
    low, high = connection.execute(ROOT_QUERY).fetchall()[0]
    return root_of(low, high)


def root_of(low: str | None, high: str | None) -> str | None:
    """The folder, ending in "/", that holds both paths (the common prefix cut back to a "/")."""
    if not low or not high:
        return None
    common = posixpath.commonprefix([low, high])
    cut = common.rfind("/")
    return common[: cut + 1] if cut >= 0 else None


def public_path(path: str | None, root: str | None) -> str | None:
    """`path` relative to the input `root`; a path outside it (or with no root) keeps only its
    file name, so no absolute path ever goes out."""
    if not path:
        return path
    if root and path.startswith(root):
        return path[len(root) :]
    if path.startswith("/"):
        return posixpath.basename(path)
    return path


def public_source(url: str | None, path: str | None, root: str | None) -> str | None:
    """What a citation shows: the article's URL, else its public path."""
    return url or public_path(path, root)


def strip_root(value: Any, root: str | None) -> Any:
    """A JSON value (a stored record) with every string that starts with `root` made
    relative to it, and any other absolute path cut to its file name under a "path" key."""
    if isinstance(value, dict):
        return {
            k: public_path(v, root) if k == "path" and isinstance(v, str) else strip_root(v, root)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [strip_root(v, root) for v in value]
    if isinstance(value, str) and root and value.startswith(root):
        return value[len(root) :]
    return value
