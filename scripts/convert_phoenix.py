"""Convert the Phoenix actor dictionaries (Open Event Data Alliance, MIT) into Tidings' own
actor data: `tidings/data/actors/phoenix/actors.jsonl.gz` (one actor a line),
`agents.tsv` (role noun, sector) and `ATTRIBUTION.md` with the licence.

    .venv/bin/python scripts/convert_phoenix.py ../shared/knowledge [--out DIR]

SHARED_KNOWLEDGE_DIR holds `petrarch2/` (Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt, LICENSE).
Facts carry over, the dictionaries' text does not: names are re-cased, titles are stripped and
turned into roles, CAMEO codes become country, sector and dated roles (docs/actors.md).
Not imported by the package; the loader reads only the files written here.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from phoenix_codes import (
    SECTORS,
    RawEntry,
    read_dictionary,
    sector_of,
    split_code,
    words,
    words_of,
)
from rapidfuzz import fuzz

from tidings.knowledge.index import FUZZY_MIN_SCORE
from tidings.knowledge.names import skeleton_key

REPO = Path(__file__).resolve().parent.parent
ROLES_YAML = REPO / "tidings" / "data" / "actors" / "roles.yaml"
ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "milnonstate",
}
SOURCE = "openeventdata/petrarch2, commit 676801c, petrarch2/data/dictionaries"

# title names the office.
SECTOR_ROLE = {
    "GOV": "official", "MIL": "officer", "REB": "militant", "OPP": "activist",
    "LEG": "lawmaker", "JUD": "judge", "COP": "police officer", "SPY": "intelligence official",
    "MED": "journalist", "REL": "cleric", "BUS": "executive", "IGO": "official",
    "HLH": "official", "EDU": "official",
}  # fmt: skip
# Words that make a name a body rather than a person.
BODY_WORDS = words(
    """army forces force ministry party council police government parliament assembly court
    bank front movement union committee commission agency office department guard guards
    navy corps brigade brigades battalion regiment division command authority service
    services organization organisation association federation league alliance congress
    senate cabinet administration institute university company corporation group network
    center centre foundation fund society commune church mission council embassy tribunal
    bureau board directorate academy militia militias coalition council junta"""
)
# Adjectives many armed groups and bodies share: with body words alone they describe, not name.
GENERIC_WORDS = words(
    """national revolutionary islamic popular people people's peoples democratic united free
    liberation socialist communist republican federal central supreme high world
    international new red black armed special patriotic of the and for in s"""
)
# Words that make an undated name a place or a thing standing for a body ("Malacanang
# Palace", "Damascus Declaration").
PLACE_WORDS = frozenset(
    ["palace", "street", "declaration", "reserve", "house", "internet", "sabha"]
)
# Name particles written in lower case inside a name ("Bashar al-Assad", "Ban Ki-moon").
PARTICLES = words("""al el bin ibn bint de da di del della dos das du van von der den la le y""")
ARTICLES = frozenset(["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an"])
AGENT_PERSON = re.compile(r"(er|or|ist|man|person|ian|ant|ent|ee|ess|ite)$")
# Head nouns with a person's ending that name things ("attack helicopter", "committee"), and
# "man", "woman", "person" alone, which name nobody in particular.
AGENT_THINGS = words(
    """committee helicopter carrier airliner computer container tanker destroyer paper center
    water number order power sector reactor motor launcher transporter bomber cruiser
    freighter trawler steamer liner tractor equipment business agrobusiness minist chamber
    congress humvee jetfighter jetliner supertanker newspaper website oiler monger man woman
    person"""
)
# Words that make a name a title standing for its holder ("American President").
OFFICE_NOUNS = words(
    """president minister secretary chancellor premier leader spokesman spokeswoman
    ambassador envoy governor mayor senator commander chief presidency attorney
    representative acting states"""
)
# Initialisms written in capitals inside names ("US Secretary"): title case would spoil them.
INITIALISMS = frozenset({"US", "UK", "UN", "EU", "USA", "UAE", "NATO", "ANC", "PLO"})
# Abbreviations without vowels that are not initialisms ("Ltd", "Jr").
ABBREVIATIONS = words("ltd jr sr st mr mrs ms dr")
CLEAN_NAME = re.compile(r"[A-Za-z0-9 .'&-]+")


@dataclass(frozen=True)
class Lexicon:
    """What the converter needs of the hand-made roles.yaml: title and role phrases."""

    roles: dict[tuple[str, ...], str]
    titles: frozenset[tuple[str, ...]]
    role_sectors: dict[str, str]
    longest: int

    @classmethod
    def load(cls) -> Lexicon:
        data = yaml.safe_load(ROLES_YAML.read_text("utf-8"))
        roles = {words_of(noun): noun for noun in data["roles"]}
        titles = frozenset(words_of(t) for t in data["titles"])
        extra = {words_of(t): t for t in data["titles"] if t in data["roles"]}
        longest = max(len(p) for p in [*roles, *titles])
        return cls({**extra, **roles}, titles, dict(data["roles"]), longest)

    def leading_title(self, words: tuple[str, ...]) -> tuple[int, str | None]:
        """How many leading words are titles and role phrases ("prime minister", "un
        secretary general"), and the last role noun among them."""
        at, role = 0, None
        while at < len(words):
            for size in range(min(self.longest, len(words) - at), 0, -1):
                phrase = words[at : at + size]
                if phrase in self.roles or phrase in self.titles:
                    role = self.roles.get(phrase, role)
                    at += size
                    break
            else:
                if (
                    role is None
                    and at < len(words) - 2
                    and words[at] in ("un", "united", "nations")
                ):
                    at += 1  # "UN Secretary-General Ban Ki-moon": the body before the title
                    continue
                break
        return at, role


def display(words: list[str]) -> str:
    """Dictionary words (upper case) as a name reads in news copy."""
    out = []
    for index, word in enumerate(words):
        vowels = set(word.lower()) & set("aeiouy")
        if (word.upper().strip(".") in INITIALISMS and "." not in word) or (
            2 <= len(word) <= 5
            and word.isalpha()
            and not vowels
            and word.lower() not in ABBREVIATIONS
        ):
            out.append(word.upper())
            continue
        parts = []
        for part_index, part in enumerate(word.lower().split("-")):
            lower = part in PARTICLES and (
                index > 0 or (part_index == 0 and len(word.split("-")) > 1)
            )
            parts.append(part if lower or not part else part[0].upper() + part[1:])
        text = "-".join(parts)
        if index == 0 and text:
            text = text[0].upper() + text[1:]
        if "." in text:
            text = re.sub(r"(^|\.)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
        if len(text) > 3 and text.startswith("Mc"):
            text = "Mc" + text[2].upper() + text[3:]  # "McCain", "McDonald"
        if len(text) > 3 and text[1] == "'":
            text = text[:2] + text[2].upper() + text[3:]  # "D'Escoto", "O'Brien"
        out.append(text)
    return " ".join(out)


def name_words(text: str) -> tuple[list[str], list[str]]:
    """The words of a dictionary name and the acronyms it gives in brackets ("(AAIA)")."""
    acronyms = re.findall(r"\(([A-Z0-9]{3,8})\)", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    return [w for w in re.split(r"[_\s]+", text) if w.strip(".,'")], acronyms


def initialism_of(acronym: str, names: list[str]) -> bool:
    """The bracketed word is an initialism of one of the names: its letters are, in order,
    first letters of the name's words ("AAIA": Aden Abyan Islamic Army). A word in brackets
    that is not ("(BOLIVIA)", "(MACHETE)") is no alias."""
    for name in names:
        initials = "".join(w[0] for w in words_of(re.sub(r"\([^)]*\)", " ", name)))
        position = 0
        for letter in acronym.lower():
            position = initials.find(letter, position) + 1
            if position == 0:
                break
        else:
            return True
    return False


def drop_leading(words: list[str], count: int) -> list[str]:
    """`words` (dictionary words, "SECRETARY-GENERAL") without their first `count` plain
    words (as `words_of` counts them), splitting a hyphenated word where needed."""
    kept = list(words)
    while count > 0 and kept:
        inner = words_of(kept[0])
        if len(inner) <= count:
            count -= len(inner)
            kept.pop(0)
            continue
        pieces = re.split(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])", kept[0])
        kept[0] = "-".join(pieces[count:])
        count = 0
    return [w for w in kept if words_of(w)]


def role_phrase(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """A title standing for its holder ("US President", "Of The United States"), not a name:
    it starts with a preposition or article, holds a title of two words or more, or an
    office noun (no one's name has "President" in it)."""
    if not words or words[0] in ("of", "the", "for"):
        return True
    for size in range(2, lexicon.longest + 1):
        if any(words[i : i + size] in lexicon.roles for i in range(len(words) - size + 1)):
            return True
    return any(word in OFFICE_NOUNS for word in words)


def full_name(words: list[str]) -> bool:
    """Two words or more besides name articles: a surname alone ("Boutros-Ghali",
    "al-Assad", "Amazon.com") never becomes an alias."""
    return len([w for w in words if words_of(w) and w.lower() not in ARTICLES]) >= 2


@dataclass
class Converted:
    kind: str
    name: str
    country: str | None
    sector: str | None
    aliases: list[str]
    roles: list[list[str | None]]
    file: str


def classify(entry: RawEntry) -> str | None:
    words = {w for n in (entry.name, *entry.synonyms) for w in words_of(n.replace("_", " "))}
    codes = [c for c, _, _ in entry.codes]
    if not codes or any(c.startswith("---") for c in codes):
        return None
    if all(not split_code(c)[1] for c in codes) and entry.file == "countries":
        return None  # a country and its places: the base has countries already
    if words & BODY_WORDS or entry.file == "milnonstate":
        return "organization"
    undated = not any(s or e for _, s, e in entry.codes)
    if undated and entry.file == "international":
        return "organization"
    if undated and (
        words & PLACE_WORDS or any(sector_of(split_code(c)[1]) == "NGO" for c in codes)
    ):
        return "organization"
    return "person"


def convert_entry(entry: RawEntry, lexicon: Lexicon) -> Converted | None:
    kind = classify(entry)
    if kind is None:
        return None
    primary, acronyms = name_words(entry.name)
    if len(primary) > 1 and primary[0].upper() == "THE":
        primary = primary[1:]  # "THE_UNITED_NATIONS_": news copy adds the article itself
    cut, title_role = lexicon.leading_title(words_of(" ".join(primary)))
    primary = drop_leading(primary, cut) if kind == "person" else primary
    key = words_of(" ".join(primary))
    if kind == "person" and role_phrase(key, lexicon):
        return None
    if (
        not full_name(primary)
        or not CLEAN_NAME.fullmatch(" ".join(primary))
        or key[:3] == ("a", "k", "a")
    ):
        return None
    aliases: list[str] = []
    titles: list[str] = [title_role] if title_role else []
    for synonym in entry.synonyms:
        words, more = name_words(synonym)
        if len(words) > 1 and words[0].upper() == "THE":
            words = words[1:]
        acronyms += more
        cut, role = lexicon.leading_title(words_of(" ".join(words)))
        if role:
            titles.append(role)
        kept = drop_leading(words, cut) if kind == "person" or cut else words
        if cut and kind == "organization":
            continue  # "UN chief": a role phrase, not the body's name
        kept_key = words_of(" ".join(kept))
        if len(kept_key) > len(key) and kept_key[-len(key) :] == key:
            continue  # a title the lexicon does not know + the name ("Kanzler Gerhard ...")
        if kind == "person" and role_phrase(kept_key, lexicon):
            continue
        if full_name(kept) and kept_key != key and CLEAN_NAME.fullmatch(" ".join(kept)):
            aliases.append(display(kept))
    names = [entry.name, *entry.synonyms]
    aliases += [a for a in acronyms if kind == "organization" and initialism_of(a, names)]
    periods = [(split_code(c), s, e) for c, s, e in entry.codes]
    countries = Counter(c for (c, _), _, _ in periods if c)
    dated = [p for p in periods if (p[1] or p[2]) and sector_of(p[0][1]) not in (None, "ELI")]
    latest = max(dated, key=lambda p: p[1] or p[2] or "") if dated else None
    country = (
        latest[0][0]
        if latest and latest[0][0]
        else (countries.most_common(1)[0][0] if countries else None)
    )
    sectors = [sector_of(s) for (_, s), _, _ in (([latest] if latest else []) + periods)]
    sector = next((s for s in sectors if s and s != "ELI"), next((s for s in sectors if s), None))
    roles: list[list[str | None]] = []
    if kind == "person":
        office = titles[0] if titles else None
        for (code_country, code_sectors), start, end in dated:
            period_sector = sector_of(code_sectors)
            is_latest = latest is not None and (start, end) == (latest[1], latest[2])
            role = office if office and is_latest else None
            role = role or SECTOR_ROLE.get(period_sector or "")
            if role is None:
                continue
            title = role if role == office else None
            if start and end and end < start:
                end = None  # a slip in the dictionary: the start is kept, the end dropped
            roles.append([title, role, period_sector, code_country, start, end])
        roles.sort(key=lambda r: (r[4] or r[5] or "", r[5] or "9999"))
    return Converted(kind, display(primary), country, sector, aliases, roles, entry.file)


def slug(text: str) -> str:
    return "-".join(words_of(text))


def generic(name: str) -> bool:
    """A description rather than a name: only body words and the adjectives groups share
    ("National Front", "Revolutionary Army")."""
    return all(w in BODY_WORDS or w in GENERIC_WORDS for w in words_of(name))


def hand_made_bodies() -> set[tuple[str, ...]]:
    """The names and aliases of the hand-made organizations.yaml, as words."""
    data = yaml.safe_load((ROLES_YAML.parent / "organizations.yaml").read_text("utf-8"))
    found = set()
    for entry in data.get("organizations") or ():
        for name in (entry.get("name"), *(entry.get("aliases") or ())):
            if isinstance(name, str):
                found.add(words_of(name))
    return found


def drop_generic_names(actors: list[Converted]) -> list[Converted]:
    """Armed groups and national bodies lose names that are descriptions many groups share,
    unless a hand-made body has that name (so the loader can join them); a body left with
    no name is dropped. International bodies keep theirs ("World Bank")."""
    curated = hand_made_bodies()
    kept = []
    for actor in actors:
        if actor.kind == "organization" and actor.file != "international":
            names = [
                n for n in (actor.name, *actor.aliases) if not generic(n) or words_of(n) in curated
            ]
            if not names:
                continue
            actor.name, actor.aliases = names[0], [a for a in names[1:] if a != names[0]]
        kept.append(actor)
    return kept


def merge_spellings(actors: list[Converted]) -> list[Converted]:
    """A person listed under two spellings in one country ("Gerhard Schroder", "Gerhard
    Schroeder") is one actor: same skeleton, as close as the alias index asks of a slip of
    the pen, same word count. The first listed keeps the name; the other becomes an alias."""
    kept: list[Converted] = []
    buckets: dict[tuple[str | None, str], list[Converted]] = defaultdict(list)
    for actor in actors:
        key = " ".join(words_of(actor.name))
        if actor.kind != "person":
            kept.append(actor)
            continue
        bucket = buckets[(actor.country, skeleton_key(key))]
        same = next((other for other in bucket if _same_spelling(key, other.name)), None)
        if same is None:
            bucket.append(actor)
            kept.append(actor)
            continue
        same.aliases += [a for a in (actor.name, *actor.aliases) if a not in same.aliases]
        same.roles = sorted(
            [*same.roles, *(r for r in actor.roles if r not in same.roles)],
            key=lambda r: (r[4] or r[5] or "", r[5] or "9999"),
        )
    return kept


def _same_spelling(key: str, name: str) -> bool:
    other = " ".join(words_of(name))
    return len(other.split()) == len(key.split()) and fuzz.ratio(key, other) >= FUZZY_MIN_SCORE


def assign_ids(actors: list[Converted]) -> dict[str, Converted]:
    """Slug of the name; entries of one name and country are one actor (a person listed in two
    cabinets); one name in several countries gets the country as a suffix, for all of them."""
    groups: dict[str, list[Converted]] = defaultdict(list)
    for actor in actors:
        groups[slug(actor.name)].append(actor)
    result: dict[str, Converted] = {}
    for base_id, group in sorted(groups.items()):
        by_country: dict[tuple[str, str | None], Converted] = {}
        for actor in group:
            key = (actor.kind, actor.country)
            if key in by_country:
                kept = by_country[key]
                kept.aliases += [a for a in actor.aliases if a not in kept.aliases]
                kept.roles += [r for r in actor.roles if r not in kept.roles]
            else:
                by_country[key] = actor
        for (kind, country), actor in sorted(
            by_country.items(), key=lambda i: (i[0][0], i[0][1] or "")
        ):
            actor_id = base_id
            if len(by_country) > 1:
                actor_id = f"{base_id}-{(country or 'intl').lower()}"
                actor_id += "-org" if kind == "organization" and actor_id in result else ""
            result[actor_id] = actor
    return result


def drop_shared_aliases(actors: dict[str, Converted]) -> None:
    """An alias several actors share names none of them; a body's name used in several
    countries ("National Assembly") is generic, not a name."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for actor_id, actor in actors.items():
        for text in (actor.name, *actor.aliases):
            owners[words_of(text)].add(actor_id)
    for actor in actors.values():
        actor.aliases = list(
            dict.fromkeys(
                a
                for a in actor.aliases
                if len(owners[words_of(a)]) == 1 and words_of(a) != words_of(actor.name)
            )
        )
    generic = {
        k
        for k, ids in owners.items()
        if len(ids) > 1
        and len({actors[i].kind for i in ids}) == 1
        and all(actors[i].kind == "organization" for i in ids)
    }
    for actor_id in [
        i
        for i, a in actors.items()
        if a.kind == "organization" and words_of(a.name) in generic and not a.aliases
    ]:
        del actors[actor_id]


def read_agents(path: Path, lexicon: Lexicon) -> dict[str, str]:
    """Agent nouns that name people ("farmer", "rebel") with their sector; a noun the
    hand-made lexicon has keeps its own entry there."""
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text("latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if "=" in line and line.startswith("!"):
            marker, _, listed = line.partition("=")
            sets[marker.strip()] = [v.strip() for v in listed.split(",")]
            continue
        match = re.match(r"^([^\[]+)\[~?([A-Z]{3})", line)
        if not match or match.group(2) not in SECTORS:
            continue
        forms = [match.group(1).strip()]
        for marker, values in sets.items():
            forms = (
                [f.replace(marker, v) for f in forms for v in values]
                if any(marker in f for f in forms)
                else forms
            )
        for form in forms:
            noun = " ".join(w for w in re.split(r"[_\s]+", form.lower()) if w)
            head = noun.split()[-1] if noun.split() else ""
            if not re.fullmatch(r"[a-z][a-z' -]*", noun) or len(noun.split()) > 3:
                continue
            thing = head in AGENT_THINGS or head.endswith("ment") or "ministr" in noun
            if not AGENT_PERSON.search(head) or thing:
                continue
            if (
                noun.endswith(("men", "women", "ers", "ors", "ists"))
                or words_of(noun) in lexicon.roles
            ):
                continue  # plurals come by rule from the singular
            agents.setdefault(noun, SECTORS[match.group(2)])
    return dict(sorted(agents.items()))


def attribution(counts: Counter[str]) -> str:
    lines = [
        "# Phoenix actor layer: attribution and licence",
        "",
        "The files of this folder are converted by `scripts/convert_phoenix.py` from the Phoenix",
        f"actor dictionaries of the Open Event Data Alliance ({SOURCE}):",
        "Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,",
        "Phoenix.MilNonState.actors.txt and Phoenix.agents.txt, themselves derived from the",
        "CountryInfo and TABARI dictionaries of the Computational Event Data System Project.",
        "Names were re-cased, titles turned into roles and CAMEO codes into country, sector",
        "and dated roles. Counts: "
        + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        + ".",
        "",
        "The original licence:",
        "",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "knowledge", type=Path, help="the shared knowledge folder (holds petrarch2/)"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "tidings" / "data" / "actors" / "phoenix"
    )
    args = parser.parse_args(argv)
    folder = args.knowledge / "petrarch2"
    lexicon = Lexicon.load()
    converted = []
    for file_name, label in ACTOR_FILES.items():
        for entry in read_dictionary(folder / file_name, label):
            actor = convert_entry(entry, lexicon)
            if actor is not None:
                converted.append(actor)
    actors = assign_ids(merge_spellings(drop_generic_names(converted)))
    drop_shared_aliases(actors)
    args.out.mkdir(parents=True, exist_ok=True)
    fields = ("kind", "name", "aliases", "country", "sector", "roles")
    rows = [
        json.dumps(
            {"id": i, **{f: getattr(a, f) for f in fields}},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for i, a in sorted(actors.items())
    ]
    with gzip.GzipFile(args.out / "actors.jsonl.gz", "wb", mtime=0) as out:
        out.write(("\n".join(rows) + "\n").encode("utf-8"))
    agents = read_agents(folder / "Phoenix.agents.txt", lexicon)
    (args.out / "agents.tsv").write_text(
        "".join(f"{noun}\t{sector}\n" for noun, sector in agents.items()), "utf-8"
    )
    counts = Counter(a.kind for a in actors.values())
    counts["agent nouns"] = len(agents)
    licence = (folder / "LICENSE").read_text("utf-8")
    (args.out / "ATTRIBUTION.md").write_text(attribution(counts) + "\n" + licence, "utf-8")
    print(f"{len(actors)} actors ({dict(counts)}) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
