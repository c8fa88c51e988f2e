"""The event lexicon as data: tidings/data/events/<type>.yaml, one file per PLOVER type.

A pure YAML-level check (PyYAML only, no spaCy, no extractor): every file parses, follows the
entry schema, uses CAMEO codes and Goldstein weights that make sense, and no head word is claimed
twice by different files unless the entries deliberately differ by `with`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tidings.events.records import EVENT_TYPES

EVENTS_DIR = Path(__file__).resolve().parent.parent / "tidings" / "data" / "events"

# The sixteen PLOVER types (tidings.events.records), one file each. Every entry's CAMEO code
# must map to its file's type under the crosswalk as converted into
# tidings/data/events/cameo/crosswalk.tsv (the PLOVER 2021 CAMEO2PLOVER table; a code not listed
# takes its nearest listed parent, 0256 -> 025 -> 02).
TYPES = EVENT_TYPES
CROSSWALK = EVENTS_DIR / "cameo" / "crosswalk.tsv"

# Mode names from the PLOVER codebook tables (types without a table only take null).
MODES: dict[str, set[str]] = {
    kind: set(names)
    for kind, names in yaml.safe_load((EVENTS_DIR / "cameo" / "modes.yaml").read_text())[
        "modes"
    ].items()
}

REQUIRED_KEYS = {"lemma", "pos", "mode", "cameo", "goldstein"}
OPTIONAL_KEYS = {"with", "without", "possessor", "object", "status", "slots", "note"}
# `slots` (documented at the top of frames.yaml): slot name -> positions in order of
# preference, and an optional `fill` mapping slot name -> fillers.
SLOT_NAMES = {"source", "target", "recipient", "instrument"}
FILLERS = {"actor", "held", "statement", "thing"}
POSITION = re.compile(
    r"prep:[a-z]+|nsubj|nsubjpass|dobj|dative|iobj|attr|oprd|agent|poss|compound|xcomp|ccomp|npadvmod|purpose|clause_subject"
)
STATUSES = {"threatened", "promised", "denied", "demanded"}
LEMMA = re.compile(r"[a-z][a-z\-]*")
# lemmas ("martial law": a modifier and its head), or a sign a token stands for ("%")
WITH_WORDS = re.compile(r"[a-z][a-z\-]*( [a-z][a-z\-]*)?|%")
CAMEO = re.compile(r"\d{2,4}")
MIN_PER_TYPE = 15
MIN_TOTAL = 400


def _file_for(type_name: str) -> Path:
    return EVENTS_DIR / f"{type_name.lower()}.yaml"


@cache
def _load(type_name: str) -> dict[str, Any]:
    with _file_for(type_name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), f"{type_name}: top level must be a mapping"
    return data


def _entries(type_name: str) -> list[dict[str, Any]]:
    entries = _load(type_name)["entries"]
    assert isinstance(entries, list)
    return entries


def _key(entry: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    return entry["lemma"], entry["pos"], tuple(sorted(entry.get("with") or ()))


def _where(type_name: str, entry: dict[str, Any]) -> str:
    return f"{type_name}: {entry.get('lemma')!r}/{entry.get('pos')} with={entry.get('with')}"


def test_exactly_the_sixteen_files_exist() -> None:
    lexicon = {p.stem for p in EVENTS_DIR.glob("*.yaml")} - {"frames"}
    assert lexicon == {t.lower() for t in TYPES}


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_file_header(type_name: str) -> None:
    text = _file_for(type_name).read_text(encoding="utf-8")
    assert text.startswith(f"# {type_name}: "), "first line is a one-line definition"
    data = _load(type_name)
    assert set(data) == {"type", "entries"}
    assert data["type"] == type_name


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_entries_follow_schema(type_name: str) -> None:
    for entry in _entries(type_name):
        where = _where(type_name, entry)
        assert isinstance(entry, dict), where
        assert set(entry) >= REQUIRED_KEYS, f"{where}: missing {REQUIRED_KEYS - set(entry)}"
        assert set(entry) <= REQUIRED_KEYS | OPTIONAL_KEYS, f"{where}: unknown keys"
        assert isinstance(entry["lemma"], str) and LEMMA.fullmatch(entry["lemma"]), where
        assert entry["pos"] in {"verb", "noun"}, where
        mode = entry["mode"]
        assert mode is None or mode in MODES[type_name], f"{where}: mode {mode!r}"
        if "with" in entry:
            words = entry["with"]
            assert isinstance(words, list) and words, where
            # YAML 1.1 turns a bare on/off/no into a bool: every item must have stayed a string;
            # a two-word item is a modifier and the head it must sit on ("martial law").
            assert all(isinstance(w, str) and WITH_WORDS.fullmatch(w) for w in words), where
            assert len(set(words)) == len(words), f"{where}: repeated with-word"
        if "without" in entry:
            # Words whose presence among the head's dependents undoes the entry ("host"
            # troops is no visit; a two-word one, "news conference", as for `with`); a
            # with-word cannot also be a without-word.
            words = entry["without"]
            assert isinstance(words, list) and words, where
            assert all(isinstance(w, str) and WITH_WORDS.fullmatch(w) for w in words), where
            assert not set(words) & set(entry.get("with") or ()), where
        if "possessor" in entry:
            assert entry["pos"] == "noun" and entry["possessor"] == "target", where
        if "object" in entry:
            assert entry["pos"] == "verb" and entry["object"] in ("content", "none", "noun"), where
        if "status" in entry:
            assert entry["status"] in STATUSES, where
        if "note" in entry:
            assert isinstance(entry["note"], str) and entry["note"].strip(), where
        if "slots" in entry:
            _check_slots(entry["slots"], where)


def _check_slots(slots: Any, where: str) -> None:
    assert isinstance(slots, dict) and slots, where
    assert set(slots) <= SLOT_NAMES | {"fill"}, f"{where}: slots {sorted(slots)}"
    for name in set(slots) - {"fill"}:
        positions = slots[name]
        assert isinstance(positions, list) and positions, where
        assert all(isinstance(p, str) and POSITION.fullmatch(p) for p in positions), where
    fill = slots.get("fill", {})
    assert isinstance(fill, dict) and set(fill) <= SLOT_NAMES, where
    for fillers in fill.values():
        assert isinstance(fillers, list) and fillers and set(fillers) <= FILLERS, where


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_cameo_codes_and_goldstein(type_name: str) -> None:
    for entry in _entries(type_name):
        where = _where(type_name, entry)
        code = entry["cameo"]
        assert isinstance(code, str) and CAMEO.fullmatch(code), f"{where}: cameo {code!r}"
        score = entry["goldstein"]
        assert isinstance(score, float) and not isinstance(score, bool), where
        assert -10.0 <= score <= 10.0, where
        # Cooperation roots (02-08) weigh positive, conflict roots (09-20) negative.
        # CAMEO 024/025 (appeals to yield or ease dissent) sit at -0.3, 015 at 0.0.
        if code[:2] in {"03", "04", "05", "06", "07", "08"}:
            assert score > 0, where
        if int(code[:2]) >= 9:
            assert score < 0, where


# Crosswalk modes the PLOVER codebook splits finer (CAMEO 143 "strike or boycott" is a
# general, limited or hunger strike; 0874 "retreat or surrender" covers a withdrawal; 182
# "physically assault" a primitive-weapon attack...): an entry may carry the finer mode.
CODEBOOK_SPLITS: dict[tuple[str, str], set[str]] = {
    ("PROTEST", "boycott"): {"strike-gen", "strike-lim", "strike-hun"},
    ("RETREAT", "disarm"): {"withdraw"},
    ("SANCTION", "withdraw"): {"sever", "cancel"},
    ("SANCTION", "expel"): {"withdraw"},
    ("COERCE", "restrict"): {"ban", "censor", "withhold"},
    ("ASSAULT", "beat"): {"primitive"},
    ("ASSAULT", "suicide-attack"): {"explosives"},
    ("MOBILIZE", "troops"): {"weapons"},
    ("THREATEN", "violence"): {"arrest"},
}


@cache
def _crosswalk() -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        code, kind, mode, *_ = line.split("\t")
        rows[code] = (kind, mode)
    return rows


def crosswalk_row(code: str) -> tuple[str, str] | None:
    """The (type, mode) the crosswalk gives `code`, or its nearest listed parent's."""
    rows = _crosswalk()
    while code:
        if code in rows:
            return rows[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_cameo_code_agrees_with_type_under_the_crosswalk(type_name: str) -> None:
    disagree = []
    for entry in _entries(type_name):
        row = crosswalk_row(entry["cameo"])
        if row is None or row[0] != type_name:
            disagree.append((entry["lemma"], entry["pos"], entry["cameo"], row))
            continue
        # A mode the crosswalk sets (and the project's table knows) is the entry's mode, or
        # one the codebook splits it into.
        mode = entry["mode"]
        finer = CODEBOOK_SPLITS.get((type_name, row[1]), set())
        if row[1] in MODES[type_name] and mode not in (None, row[1], *finer):
            disagree.append((entry["lemma"], entry["pos"], entry["cameo"], row))
    assert disagree == []


def test_same_code_same_goldstein() -> None:
    scores: dict[str, set[float]] = defaultdict(set)
    for type_name in TYPES:
        for entry in _entries(type_name):
            scores[entry["cameo"]].add(entry["goldstein"])
    assert {code: s for code, s in scores.items() if len(s) > 1} == {}


def test_no_head_is_claimed_twice() -> None:
    owners: dict[tuple[str, str, tuple[str, ...]], list[str]] = defaultdict(list)
    for type_name in TYPES:
        for entry in _entries(type_name):
            owners[_key(entry)].append(type_name)
    assert {key: types for key, types in owners.items() if len(types) > 1} == {}


def test_with_sets_of_one_head_do_not_overlap() -> None:
    # Two `with` entries of the same head sharing a word would make the winner arbitrary.
    sets: dict[tuple[str, str], list[tuple[str, set[str]]]] = defaultdict(list)
    for type_name in TYPES:
        for entry in _entries(type_name):
            if entry.get("with"):
                sets[entry["lemma"], entry["pos"]].append((type_name, set(entry["with"])))
    clashes = []
    for head, group in sets.items():
        for i, (type_a, words_a) in enumerate(group):
            for type_b, words_b in group[i + 1 :]:
                if words_a & words_b:
                    clashes.append((head, type_a, type_b, sorted(words_a & words_b)))
    assert clashes == []


def test_sizes() -> None:
    counts = {type_name: len(_entries(type_name)) for type_name in TYPES}
    small = {t: n for t, n in counts.items() if n < MIN_PER_TYPE}
    assert small == {}
    assert sum(counts.values()) >= MIN_TOTAL


def test_every_type_has_verbs_and_nouns() -> None:
    for type_name in TYPES:
        kinds = {entry["pos"] for entry in _entries(type_name)}
        assert kinds == {"verb", "noun"}, type_name


@pytest.mark.parametrize(
    ("type_name", "lemma", "pos"),
    [
        ("ASSAULT", "kill", "verb"),
        ("ASSAULT", "airstrike", "noun"),
        ("COERCE", "arrest", "verb"),
        ("COERCE", "arrest", "noun"),
        ("COERCE", "sanction", "noun"),
        ("SANCTION", "expel", "verb"),
        ("PROTEST", "protest", "noun"),
        ("THREATEN", "threaten", "verb"),
        ("ACCUSE", "condemn", "verb"),
        ("REJECT", "veto", "noun"),
        ("MOBILIZE", "deployment", "noun"),
        ("AGREE", "agreement", "noun"),
        ("CONSULT", "talk", "noun"),
        ("SUPPORT", "praise", "verb"),
        ("COOPERATE", "cooperate", "verb"),
        ("AID", "aid", "noun"),
        ("REQUEST", "demand", "verb"),
        ("SUPPORT", "apology", "noun"),
        ("CONCEDE", "resign", "verb"),
        ("RETREAT", "ceasefire", "noun"),
        ("RETREAT", "withdrawal", "noun"),
    ],
)
def test_core_words_present(type_name: str, lemma: str, pos: str) -> None:
    bare = [e for e in _entries(type_name) if (e["lemma"], e["pos"]) == (lemma, pos)]
    assert any("with" not in e for e in bare), f"{type_name} lacks bare {lemma}/{pos}"


def test_slots_are_loaded_into_entries() -> None:
    from tidings.events.lexicon import load_event_lexicon

    lexicon = load_event_lexicon()
    provide = [e for e in lexicon.lookup("provide", "verb") if e.slots is not None]
    assert provide, "provide X with Y names its slots"
    slots = provide[0].slots
    assert slots is not None
    assert slots.positions_of("instrument")[0] == "prep:with"
    assert slots.accepts("target", "actor") and not slots.accepts("target", "thing")
    assert slots.positions_of("source") == ()
    (condemn,) = lexicon.lookup("condemn", "verb")
    assert condemn.slots is not None and condemn.slots.accepts("target", "statement")


@pytest.mark.parametrize(
    "slots",
    [
        {"victim": ["dobj"]},
        {"target": ["object"]},
        {"target": []},
        {"target": ["dobj"], "fill": {"target": ["weapon"]}},
        {"fill": {"patient": ["actor"]}},
        ["dobj"],
    ],
)
def test_bad_slots_are_config_errors(slots: Any) -> None:
    from tidings.errors import ConfigError
    from tidings.events.lexicon import read_type_file

    text = yaml.safe_dump(
        {
            "type": "AID",
            "entries": [
                {
                    "lemma": "give",
                    "pos": "verb",
                    "mode": None,
                    "cameo": "070",
                    "goldstein": 7.0,
                    "slots": slots,
                }
            ],
        }
    )
    with pytest.raises(ConfigError, match="slots"):
        read_type_file(text, "invented.yaml")


def test_retyped_codes_agree_with_their_type() -> None:
    # An event the stage retypes (THREATEN for a threatened harm, AGREE for a promised
    # cooperative act) takes its code from cameo/retyped.yaml: each must map to that type.
    data = yaml.safe_load((EVENTS_DIR / "cameo" / "retyped.yaml").read_text(encoding="utf-8"))
    disagree = []
    for kind, body in data.items():
        for code, _weight in [body["default"], *body["from"].values()]:
            row = crosswalk_row(code)
            if row is None or row[0] != kind:
                disagree.append((kind, code, row))
    assert disagree == []


def test_a_retyped_event_takes_the_code_of_its_new_type() -> None:
    from tidings.events.lexicon import LexEntry
    from tidings.events.retyping import recode

    def entry(kind: str, cameo: str, goldstein: float) -> LexEntry:
        return LexEntry(
            kind, "w", "verb", None, cameo, goldstein, frozenset(), "source", False, None
        )

    assert recode("ASSAULT", entry("ASSAULT", "190", -10.0)) == ("190", -10.0)
    assert recode("THREATEN", entry("ASSAULT", "190", -10.0)) == ("138", -7.0)
    assert recode("THREATEN", entry("COERCE", "163", -8.0)) == ("1312", -5.8)
    assert recode("AGREE", entry("RETREAT", "0871", 9.0)) == ("0356", 5.0)
    assert recode("AGREE", entry("AID", "072", 8.3)) == ("0332", 5.2)
    assert recode("AGREE", entry("CONSULT", "040", 1.0)) == ("036", 4.0)


def _tsv(name: str) -> list[dict[str, str]]:
    lines = (EVENTS_DIR / "cameo" / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


@pytest.mark.parametrize("name", ["verbs.tsv", "patterns.tsv"])
def test_cameo_layer_codes_agree_with_their_type(name: str) -> None:
    disagree = [
        (row["cameo"], row["type"])
        for row in _tsv(name)
        if (found := crosswalk_row(row["cameo"])) is None or found[0] != row["type"]
    ]
    assert disagree == []


def test_accepted_families_exist() -> None:
    accepted = yaml.safe_load((EVENTS_DIR / "cameo" / "accepted.yaml").read_text("utf-8"))
    verb_blocks = {row["block"] for row in _tsv("verbs.tsv")}
    pattern_blocks = {row["block"] for row in _tsv("patterns.tsv")}
    assert set(accepted["verb_blocks"] or []) <= verb_blocks
    assert set(accepted["pattern_blocks"] or []) <= pattern_blocks


def test_the_cameo_layer_comes_under_the_hand_made_entries() -> None:
    from tidings.events.lexicon import load_event_lexicon

    lexicon = load_event_lexicon()
    layered = [e for group in lexicon.entries.values() for e in group if e.origin]
    assert layered, "the accepted families load"
    for group in lexicon.entries.values():
        origins = [bool(e.origin) for e in group]
        assert origins == sorted(origins), "hand-made entries first"
        if any(not e.origin and not e.with_ for e in group):
            assert not any(origins), "a verb read bare by hand takes no CAMEO entry"
    # A layer entry's Goldstein weight is the hand-made one of its code (or of its root).
    assert all(e.goldstein is not None for e in layered)


def test_layer_rows_for_invented_blocks() -> None:
    from tidings.events.cameo_layer import (
        layer_entries,
        read_accepted,
        read_patterns,
        read_verbs,
    )

    verbs = read_verbs(
        "lemma\tcameo\ttype\tmode\tblock\n"
        "assail\t190\tASSAULT\t\tASSAIL\n"
        "say\t190\tASSAULT\t\tASSAIL\n"
        "batter\t190\tASSAULT\t\tBATTER\n"
    )
    patterns = read_patterns(
        "block\twith\tcameo\ttype\tmode\ttarget\tsource\n"
        "ASSAIL\tpolicy\t111\tACCUSE\tdisapprove\tdobj\t\n"
        "ASSAIL\tpolicy,plan\t112\tACCUSE\tdisapprove\t\t\n"
    )
    accepted = read_accepted(
        "verb_blocks: [BATTER]\npattern_blocks: [ASSAIL]\nskip_lemmas: [say]\n"
    )
    rows = layer_entries(verbs, patterns, accepted)
    assert [(lemma, sorted(r.with_), r.cameo) for lemma, r in rows] == [
        ("assail", ["policy"], "111"),
        ("assail", ["plan"], "112"),  # "policy" already taken by the earlier row
        ("batter", [], "190"),
    ]
    first = rows[0][1]
    assert first.slots is not None and first.slots.positions_of("target") == ("dobj",)


def test_a_refused_cooperative_act_takes_a_rejection_code() -> None:
    from tidings.events.lexicon import LexEntry
    from tidings.events.retyping import recode

    def entry(kind: str, cameo: str, goldstein: float) -> LexEntry:
        return LexEntry(
            kind, "w", "verb", None, cameo, goldstein, frozenset(), "source", False, None
        )

    assert recode("REJECT", entry("RETREAT", "0841", 7.0)) == ("1243", -5.0)
    assert recode("REJECT", entry("CONSULT", "040", 1.0)) == ("125", -5.0)
    assert recode("REJECT", entry("AID", "073", 7.4)) == ("120", -4.0)
