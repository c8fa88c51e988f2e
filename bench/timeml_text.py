"""Write the plain text of TimeML files (the TimeBank corpus's `.tml`) as `.txt` files, so that
`bench/sample_events.py` can sample events from 1990s wire and business news:

    python bench/timeml_text.py ../shared/eval/timebank /tmp/timebank-text
    python bench/sample_events.py --corpus /tmp/timebank-text --folders text --articles 183

The text is what stands between <TEXT> and </TEXT>, tags taken out and entities decoded.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def plain_text(timeml: str) -> str:
    """The article text of one TimeML document."""
    found = _TEXT.search(timeml)
    body = html.unescape(_TAG.sub("", found.group(1) if found else timeml))
    return _BLANK_LINES.sub("\n\n", body).strip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("timebank", type=Path, help="folder of .tml files")
    parser.add_argument("out", type=Path, help="folder to write text/NAME.txt into")
    args = parser.parse_args()
    folder = args.out / "text"
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(args.timebank.glob("*.tml"))
    for path in files:
        text = plain_text(path.read_text(encoding="utf-8", errors="replace"))
        (folder / f"{path.stem}.txt").write_text(text, encoding="utf-8")
    print(f"{len(files)} texts written to {folder}")


if __name__ == "__main__":
    main()
