"""The URLs of the SOURCE arguments: a URL is itself; anything else is a local file listing
URLs one per line (blank lines and lines starting with `#` skipped). A file that cannot be
read, or a line that is not an http(s) URL, is one line on the report and the rest goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from tidings.errors import InputRejected

# A list of URLs is a small text file; anything larger is not one.
MAX_LIST_BYTES = 10_000_000
COMMENT = "#"


def is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def source_urls(
    sources: Iterable[str],
    *,
    report: Callable[[InputRejected], None],
    on_bad: Callable[[], None],
) -> Iterator[str]:
    """Each source's URLs in order; `on_bad` is called once per line given to `report`."""
    for source in sources:
        if "://" in source:
            if is_url(source):
                yield source
            else:
                on_bad()
                report(InputRejected(source, "not an http(s) URL"))
            continue
        lines = _read_list(source)
        if isinstance(lines, InputRejected):
            on_bad()
            report(lines)
            continue
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith(COMMENT):
                continue
            if is_url(line):
                yield line
            else:
                on_bad()
                report(InputRejected(f"{source}:{number}", "not an http(s) URL"))


def _read_list(source: str) -> list[str] | InputRejected:
    path = Path(source)
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            return InputRejected(source, f"larger than {MAX_LIST_BYTES} bytes: not a list of URLs")
        data = path.read_bytes()
    except FileNotFoundError:
        return InputRejected(source, "no such file, and not a URL")
    except IsADirectoryError:
        return InputRejected(source, "is a folder, not a list of URLs")
    except OSError as exc:
        return InputRejected(source, (exc.strerror or "cannot read").lower())
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return InputRejected(source, "not UTF-8 text: not a list of URLs")
    if text.lstrip().startswith("<"):  # a saved feed or page: one line, not one per line of it
        return InputRejected(source, "markup, not a list of URLs (local files: tidings run)")
    return text.splitlines()
