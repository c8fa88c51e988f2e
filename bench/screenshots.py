"""Screenshots of the web app's main pages, for reviewing its look: `make screenshots`.

Starts `tidings serve` on a free local port over a store (default: one built from the project's
examples), opens each page in Debian's chromium through Playwright (no browser is downloaded)
and writes PNG files to docs/screenshots/: each page at a desktop width, and the table, the
timeline, the event and its comparison again at a phone's 400 px (`*-400.png`).

    .venv/bin/python bench/screenshots.py --db out/screens.duckdb [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

CHROMIUM = Path("/usr/bin/chromium")
# Long enough for the server to import spaCy-free modules and open the store.
START_TIMEOUT_S = 60
VIEWPORT = (1360, 900)  # width, height
# A phone held upright: the pages must fit it without running off the side.
NARROW_VIEWPORT = (400, 860)
NARROW_PAGES = ("table", "timeline", "event", "comparison")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"{base}/api/articles?limit=1", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {START_TIMEOUT_S} s")


def get_json(url: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def pages(base: str) -> dict[str, str]:
    """The pages to capture, with the most telling event and actor of the store."""
    events = get_json(f"{base}/api/events?limit=200")["items"]
    event = max(events, key=lambda e: (e["discrepancies"], e["articles"]), default=None)
    actors = get_json(f"{base}/api/actors?limit=1")["items"]
    chosen = {
        "table": "/table",
        "timeline": "/",
        "map": "/map",
        "dyad": "/dyad",
        "search": "/search?q=missiles",
    }
    if event:
        chosen["event"] = f"/events/{quote(event['id'], safe='')}"
        chosen["comparison"] = f"/events/{quote(event['id'], safe='')}/compare"
        chosen["article"] = f"/articles/{quote(event['first_article'], safe='')}"
    if actors:
        chosen["actor"] = f"/actors/{quote(actors[0]['id'], safe='')}"
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"no browser at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tidings = shutil.which("tidings") or str(Path(sys.executable).with_name("tidings"))
    command = [tidings, "serve", "--db", str(args.db), "--port", str(port)]
    process = subprocess.Popen(command)
    try:
        wait_until_up(base, process)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            chosen = pages(base)
            page = browser.new_page(viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]})
            for name, path in chosen.items():
                page.goto(base + path, wait_until="networkidle")
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target), full_page=name not in ("timeline", "article"))
                print(f"{target}", file=sys.stderr)
            narrow = browser.new_page(
                viewport={"width": NARROW_VIEWPORT[0], "height": NARROW_VIEWPORT[1]}
            )
            for name in NARROW_PAGES:
                if name not in chosen:
                    continue
                narrow.goto(base + chosen[name], wait_until="networkidle")
                overflow = narrow.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                target = args.out / f"{name}-400.png"
                narrow.screenshot(path=str(target), full_page=True)
                note = f" (runs {overflow} px past the screen)" if overflow > 0 else ""
                print(f"{target}{note}", file=sys.stderr)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
