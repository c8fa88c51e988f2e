"""Convert public CAMEO knowledge into Tidings' own event data.

    python scripts/convert_cameo_verbs.py SHARED_KNOWLEDGE_DIR [OUT_DIR]

reads, under SHARED_KNOWLEDGE_DIR,
  plover/CAMEO2PLOVER-2021.txt            the official CAMEO -> PLOVER crosswalk (CC BY-SA 4.0)
  petrarch2/CAMEO.verbpatterns.150430.txt PETRARCH's CAMEO verb patterns (MIT)
  petrarch2/Phoenix.discards.txt          Phoenix's discard phrases (MIT)
and writes, under OUT_DIR (default tidings/data/events/cameo/),
  crosswalk.tsv      code, PLOVER type, mode, context, origin (`codebook` for the APPEAL root
                     the 2021 crosswalk leaves out)
  verbs.tsv          each block's verbs: lemma, CAMEO code, PLOVER type and mode, block
  patterns.tsv       each block's object patterns (they apply to every verb of the block):
                     block (pattern family), object words, CAMEO code, its PLOVER type and
                     mode under the crosswalk, and the target and source positions
  discards.tsv       phrases that stop coding a sentence (or, `story`, the whole article)
  ATTRIBUTION.md     where the data come from and under which licences.

Only facts are kept (codes, verbs, object words, phrases), never the files' text or comments.
A pattern whose code the crosswalk does not map (CAMEO 01 statements, 02 appeals) or marks as
no event (`[---]`) gives no entry; a pattern that needs words before the verb gives none either
(the trigger reads the verb and what it governs).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CROSSWALK = Path("plover/CAMEO2PLOVER-2021.txt")
PATTERNS = Path("petrarch2/CAMEO.verbpatterns.150430.txt")
DISCARDS = Path("petrarch2/Phoenix.discards.txt")
LICENSE = Path("petrarch2/LICENSE")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "tidings" / "data" / "events" / "cameo"

# Words of a pattern that are not the object it needs (function words, auxiliaries).
_FUNCTION_WORDS = (
    "a an the to of in on at by for from with against into onto over under about after "
    "before between among during through toward towards upon and or but not no nor that "
    "this these those it its their his her our your my which who whom whose what is are "
    "was were be been being am has have had will would shall should can could may might "
    "must do does did as than so such very more most any some all each every one own same "
    "other if then there here when where while once said says say he she they we i you "
    "them him us me"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
PREPOSITIONS = frozenset(
    {"with", "against", "to", "on", "at", "in", "from", "for", "into", "upon", "toward", "of"}
)
# PLOVER modes the project knows per type (data: tidings/data/events/cameo/modes.yaml); a
# crosswalk mode outside them is kept in crosswalk.tsv but not set on entries.
PROJECT_MODES: dict[str, set[str]] = {
    kind: set(names)
    for kind, names in yaml.safe_load((DEFAULT_OUT / "modes.yaml").read_text(encoding="utf-8"))[
        "modes"
    ].items()
}


# Roots the 2021 crosswalk draft leaves out but the PLOVER codebook places: APPEAL (CAMEO 02)
# is REQUEST, as DEMAND (10) is. Written to crosswalk.tsv with origin `codebook`.
CODEBOOK_ROWS = {"02": "REQUEST"}


@dataclass(frozen=True)
class Crosswalk:
    """CAMEO code -> (PLOVER type, mode, context) as the crosswalk lists them."""

    rows: dict[str, tuple[str, str, str]]

    def lookup(self, code: str) -> tuple[str, str, str] | None:
        """The row of `code`, or of its nearest listed parent (0256 -> 025 -> 02)."""
        while code:
            if code in self.rows:
                return self.rows[code]
            code = code[:-1] if len(code) > 2 else ""
        return None


def read_crosswalk(text: str) -> Crosswalk:
    rows: dict[str, tuple[str, str, str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"(\d{2,4}):\s*([A-Z]+)\s*(?:,(.*))?", line)
        if not match:
            continue
        code, kind, rest = match.group(1), match.group(2), match.group(3) or ""
        parts = [p.strip() for p in rest.split(",")] + ["", ""]
        mode = parts[0].replace(" ", "")
        context = parts[1].replace(" ", "")
        # A root line ("03: AGREE") names the type only; a code listed twice keeps its first row.
        rows.setdefault(code, (kind, mode, context))
    for code, kind in CODEBOOK_ROWS.items():
        rows.setdefault(code, (kind, "", ""))
    return Crosswalk(rows)


def _lemma(word: str) -> str:
    """A pattern word as spaCy would lemmatise it, near enough: lower case, plural dropped."""
    word = word.lower().strip("'\".,;:")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass
class Block:
    """One verb block of the pattern file: its verbs (with their own codes when set) and its
    patterns (words before and after the verb, and the code)."""

    name: str
    code: str | None
    verbs: list[tuple[str, str | None]] = field(default_factory=list)
    patterns: list[tuple[list[str], list[str], str | None]] = field(default_factory=list)


def _code(text: str) -> str | None:
    """The source-side code of `[code]` or `[code:code]`; None for `[---]`."""
    code = text.strip("[] ").split(":")[0].strip()
    return code if re.fullmatch(r"\d{2,4}", code) else None


def read_patterns(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> words) and the verb blocks of the pattern file."""
    synsets: dict[str, list[str]] = defaultdict(list)
    blocks: list[Block] = []
    current_set: str | None = None
    in_patterns = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_patterns = True
            continue
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.strip().rstrip("_").upper()
            elif line.startswith("+") and current_set:
                synsets[current_set].append(line[1:].strip())
            continue
        header = re.match(r"---\s*(\S+)\s*(\[[^\]]*\])?", line)
        if header:
            code = _code(header.group(2)) if header.group(2) else None
            blocks.append(Block(header.group(1).strip("_"), code))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        pattern = re.match(r"-\s*(.*?)\s*(\[[^\]]*\])\s*$", line)
        if pattern:
            body, code = pattern.group(1), _code(pattern.group(2))
            if "*" not in body:
                continue
            before, after = body.split("*", 1)
            block.patterns.append((before.split(), after.replace("_", " ").split(), code))
            continue
        verb = re.match(r"\s*(\+?[A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
        if verb:
            own = _code(verb.group(3)) if verb.group(3) else None
            block.verbs.append((verb.group(1), own if verb.group(3) else block.code))
    return synsets, blocks


def _expand(token: str, synsets: dict[str, list[str]]) -> list[str]:
    """The head words a pattern token stands for: a synonym set's single words (the last word
    of a multi-word member), or the word itself."""
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_").upper(), [])
        return sorted({_lemma(m.replace("_", " ").split()[-1]) for m in members if m.strip()})
    return [_lemma(token)]


@dataclass(frozen=True)
class Entry:
    lemma: str
    with_: tuple[str, ...]
    code: str
    kind: str
    mode: str
    target: str
    source: str
    block: str


def _slot(tokens: list[str], index: int) -> str:
    """The position of an actor marker at `index` of the words after the verb: the direct
    object when it comes first, else the object of the preposition before it when that
    preposition is near enough to hang on the verb ("* + ", "* WITH +", "* TALKS WITH +")."""
    if index == 0:
        return "dobj"
    previous = tokens[index - 1].lower()
    return f"prep:{previous}" if previous in PREPOSITIONS and index <= 2 else ""


def pattern_entry(
    lemma: str,
    block: str,
    before: list[str],
    after: list[str],
    code: str,
    crosswalk: Crosswalk,
    synsets: dict[str, list[str]],
) -> Entry | None:
    """The lexicon entry of one pattern for one verb, or None when it cannot be read off a
    verb and its dependents (words needed before the verb, no object word, unmapped code)."""
    row = crosswalk.lookup(code)
    if row is None:
        return None
    if any(t not in ("+", "$", "%", "^") and not t.startswith("&AUXVERB") for t in before):
        return None
    words: list[str] = []
    target = source = ""
    for i, token in enumerate(after):
        if token == "+" and not target:
            target = _slot(after, i)
        elif token == "$" and not source:
            source = "agent" if i and after[i - 1].lower() == "by" else _slot(after, i)
        elif token in ("%", "^") or not re.search(r"[A-Za-z]", token):
            continue
        elif not words and (token.startswith("&") or token.lower() not in FUNCTION_WORDS):
            words = _expand(token, synsets)
    words = [w for w in words if re.fullmatch(r"[a-z][a-z\-]*", w) and w != lemma]
    if not words:
        return None
    if "+" in before:
        # "+ * IN STRIKE BY $": PETRARCH's target before the verb is the subject of a passive
        # ("X was targeted in a strike by Y"). Tidings' slots name active positions and map
        # them onto a passive clause (tidings/events/slot_reader.py): the object, and "by"
        # as the active subject.
        target = target or "dobj"
        source = "nsubj" if source == "agent" else source
    kind, mode, _context = row
    mode = mode if mode in PROJECT_MODES.get(kind, set()) else ""
    return Entry(lemma, tuple(words), code, kind, mode, target, source, block)


def _verb_lemma(verb: str) -> str | None:
    """A single-word verb's lemma; multi-word verbs (+MEET_WITH) are left out."""
    if verb.startswith("+") or "_" in verb:
        return None
    return verb.lower()


def convert_patterns(text: str, crosswalk: Crosswalk) -> tuple[list[Entry], list[Entry]]:
    """The blocks' bare verbs (one entry per verb, under its block's code) and the blocks'
    patterns (one entry per object-word set, `lemma` empty: they apply to every verb of their
    block), both under the crosswalk."""
    synsets, blocks = read_patterns(text)
    verbs: dict[str, Entry] = {}
    patterns: list[Entry] = []
    for block in blocks:
        for verb, code in block.verbs:
            lemma = _verb_lemma(verb)
            row = crosswalk.lookup(code) if code else None
            if lemma is None or row is None or code is None or lemma in verbs:
                continue
            mode = row[1] if row[1] in PROJECT_MODES.get(row[0], set()) else ""
            verbs[lemma] = Entry(lemma, (), code, row[0], mode, "", "", block.name)
        found: dict[tuple[str, ...], Counter[Entry]] = defaultdict(Counter)
        for before, after, code in block.patterns:
            if code is None:
                continue
            entry = pattern_entry("", block.name, before, after, code, crosswalk, synsets)
            if entry is not None:
                found[entry.with_][entry] += 1
        patterns.extend(_one_code_per_word(found))
    return sorted(verbs.values(), key=lambda e: e.lemma), patterns


def _one_code_per_word(found: dict[tuple[str, ...], Counter[Entry]]) -> list[Entry]:
    """One entry per object-word set (its most frequent reading), then no object word claimed
    twice in a block (the smaller, more specific set keeps it)."""
    chosen = [counter.most_common(1)[0][0] for _, counter in sorted(found.items())]
    claimed: set[str] = set()
    out: list[Entry] = []
    for entry in sorted(chosen, key=lambda e: (len(e.with_), e.with_)):
        free = tuple(w for w in entry.with_ if w not in claimed)
        if free:
            claimed.update(free)
            out.append(Entry(**{**entry.__dict__, "with_": free}))
    return sorted(out, key=lambda e: (e.with_, e.code))


# Discards kept out: history and time ("years ago", "World War II", a bare year), which the
# event stage dates rather than drops; epidemics, disasters and elections, around which aid,
# protest and coercion are real events.
NOT_DISCARDS = re.compile(
    r"\b(ago|later|millennium|wars?|empire|pearl harbor|world trade center|ebola|polio|h5n1|flu|"
    r"influenza|fever|virus|cholera|epidemic|chickungunga|tsunami|typhoon|landslide|mudslide|"
    r"blizzard|storm|depression|flood|pollution|dust|debate|recount|poll)\b"
)


def convert_discards(text: str) -> list[tuple[str, str]]:
    """(phrase, scope) pairs: scope `story` for a '+' line, else `sentence`; NOT_DISCARDS and
    bare numbers left out."""
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        scope = "story" if line.startswith("+") else "sentence"
        phrase = re.sub(r"\s+", " ", line.lstrip("+").strip()).lower()
        if not phrase or re.fullmatch(r"[\d\s]+", phrase) or NOT_DISCARDS.search(phrase):
            continue
        out.setdefault(phrase, scope)
    return sorted(out.items())


ATTRIBUTION = """# Attribution

`crosswalk.tsv`, `verbs.tsv`, `patterns.tsv` and `discards.tsv` are generated by
`scripts/convert_cameo_verbs.py` from public knowledge; do not edit them by hand (rerun the
script instead). Only facts are kept: codes, verbs, object words and phrases. `accepted.yaml`
(which pattern families the lexicon loads) and `retyped.yaml` are written for the project.

- `crosswalk.tsv`, and the PLOVER type and mode of every line of `verbs.tsv` and
  `patterns.tsv`: from the CAMEO to PLOVER conversion table of the PLOVER manual (Draft 0.8,
  17 September 2021, edited by Philip Schrodt; the APPEAL root 02 -> REQUEST, absent from
  that draft, follows the PLOVER codebook), licensed under Creative Commons
  Attribution-ShareAlike 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/).
  These derived tables are shared under the same licence.
- `verbs.tsv`, `patterns.tsv` (verbs, object words, CAMEO codes, argument positions) and
  `discards.tsv`: from PETRARCH2's dictionaries `CAMEO.verbpatterns.150430.txt` and
  `Phoenix.discards.txt` (Open Event Data Alliance), under the MIT License:

{license}
"""

MIT = """    {copyright}

    Permission is hereby granted, free of charge, to any person obtaining a copy of this
    software and associated documentation files (the "Software"), to deal in the Software
    without restriction, including without limitation the rights to use, copy, modify, merge,
    publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
    to whom the Software is furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all copies or
    substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
    INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
    PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
    FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE."""


def convert(shared: Path, out: Path) -> dict[str, int]:
    """Write the converted files under `out`; the number of lines of each."""
    crosswalk = read_crosswalk((shared / CROSSWALK).read_text("utf-8", errors="replace"))
    pattern_text = (shared / PATTERNS).read_text("utf-8", errors="replace")
    verbs, patterns = convert_patterns(pattern_text, crosswalk)
    discards = convert_discards((shared / DISCARDS).read_text("utf-8", errors="replace"))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "crosswalk.tsv").open("w", encoding="utf-8") as handle:
        handle.write("code\ttype\tmode\tcontext\torigin\n")
        for code, (kind, mode, context) in sorted(crosswalk.rows.items()):
            origin = "codebook" if code in CODEBOOK_ROWS else "crosswalk"
            handle.write(f"{code}\t{kind}\t{mode}\t{context}\t{origin}\n")
    with (out / "verbs.tsv").open("w", encoding="utf-8") as handle:
        handle.write("lemma\tcameo\ttype\tmode\tblock\n")
        for e in verbs:
            handle.write(f"{e.lemma}\t{e.code}\t{e.kind}\t{e.mode}\t{e.block}\n")
    with (out / "patterns.tsv").open("w", encoding="utf-8") as handle:
        handle.write("block\twith\tcameo\ttype\tmode\ttarget\tsource\n")
        for e in patterns:
            words = ",".join(e.with_)
            handle.write(
                f"{e.block}\t{words}\t{e.code}\t{e.kind}\t{e.mode}\t{e.target}\t{e.source}\n"
            )
    with (out / "discards.tsv").open("w", encoding="utf-8") as handle:
        handle.write("phrase\tscope\n")
        for phrase, scope in discards:
            handle.write(f"{phrase}\t{scope}\n")
    licence = shared / LICENSE
    copyright_line = next(
        (
            line.strip()
            for line in (licence.read_text("utf-8").splitlines() if licence.exists() else [])
            if line.strip().lower().startswith("copyright")
        ),
        "Copyright (c) 2015 Open Event Data Alliance",
    )
    text = ATTRIBUTION.format(license=MIT.format(copyright=copyright_line))
    (out / "ATTRIBUTION.md").write_text(text, encoding="utf-8")
    counts = {"crosswalk": len(crosswalk.rows), "verbs": len(verbs), "patterns": len(patterns)}
    return {**counts, "discards": len(discards)}


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    shared = Path(argv[1])
    out = Path(argv[2]) if len(argv) == 3 else DEFAULT_OUT
    counts = convert(shared, out)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
