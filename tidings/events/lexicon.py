"""The event stage's knowledge, loaded once per process: the event words of
`tidings/data/events/<type>.yaml` (one file per PLOVER type) and the frames of
`tidings/data/events/frames.yaml` (light verbs, prepositions, status cues, modals...).
Both are validated on load; a broken entry is a ConfigError naming the file and the entry."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from tidings.errors import ConfigError
from tidings.events.cameo_layer import CameoRow, load_layer
from tidings.events.frame_keys import FRAME_LISTS
from tidings.events.lexicon_slots import Slots, read_slots
from tidings.events.records import EVENT_TYPES
from tidings.yaml_mapping import read_yaml_mapping

FRAMES_FILE = "frames.yaml"
Pos = Literal["verb", "noun"]
_ENTRY_KEYS = frozenset(
    {
        "lemma",
        "pos",
        "mode",
        "cameo",
        "goldstein",
        "with",
        "without",
        "possessor",
        "object",
        "status",
        "slots",
        "note",
    }
)
_STATUSES = frozenset({"threatened", "promised", "demanded", "denied", "claimed", "negated"})


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One event word. `with_`: lemmas one of which the head must govern for this entry to
    apply ("vow" + "revenge"; a two-word item, "martial law", a head with its modifier);
    `without_`: lemmas none of which it may govern ("host" a meeting, not troops; "support"
    a party, not a claim). `possessor`: for nouns, which side the possessor is.
    `object_content`: a verb whose object is what is done, not the target; `intransitive`:
    a verb that is this event only with no object nor content clause ("they compromised",
    "thousands demonstrated"; not "compromising its independence", "demonstrate that");
    `nominal`: one that is this event only without a clause or a verb as its complement
    ("denied the request"; "denied attacking", "denied that" only give another event its
    status).
    `slots`: which syntactic positions give the source, target, recipient and instrument, and
    what may fill them (lexicon_slots.Slots; None: the default reading). `origin`: empty for
    a hand-made entry, `cameo:BLOCK` for one of the CAMEO layer (cameo_layer.py)."""

    type: str
    lemma: str
    pos: Pos
    mode: str | None
    cameo: str | None
    goldstein: float | None
    with_: frozenset[str]
    possessor: Literal["source", "target"]
    object_content: bool
    status: str | None
    slots: Slots | None = None
    without_: frozenset[str] = frozenset()
    origin: str = ""
    intransitive: bool = False
    nominal: bool = False


@dataclass(frozen=True, slots=True)
class Frames:
    """The function and cue words of frames.yaml, each a set of lower-case lemmas, and the
    target prepositions in order of preference."""

    words: dict[str, frozenset[str]]
    target_order: tuple[str, ...]

    def has(self, key: str, word: str) -> bool:
        return word.lower() in self.words[key]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Entries by (lemma, pos), those with a `with` constraint first."""

    entries: dict[tuple[str, str], tuple[LexEntry, ...]]
    frames: Frames

    def lookup(self, lemma: str, pos: str) -> tuple[LexEntry, ...]:
        return self.entries.get((lemma.lower(), pos), ())


def _fail(origin: str, where: str, reason: str) -> ConfigError:
    return ConfigError(origin, f"{where}: {reason}")


def _str_or_none(value: Any, origin: str, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise _fail(origin, where, "expected a string or null")


def _entry(item: Any, kind: str, origin: str, where: str) -> LexEntry:
    if not isinstance(item, dict):
        raise _fail(origin, where, "expected a mapping")
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise _fail(origin, where, f"unknown key(s) {sorted(unknown)}")
    lemma, pos = item.get("lemma"), item.get("pos")
    if not isinstance(lemma, str) or not lemma.strip():
        raise _fail(origin, where, "lemma: expected a word")
    if pos not in ("verb", "noun"):
        raise _fail(origin, where, "pos: expected verb or noun")
    goldstein = item.get("goldstein")
    if goldstein is not None and not isinstance(goldstein, (int, float)):
        raise _fail(origin, where, "goldstein: expected a number")
    with_ = item.get("with") or []
    if not isinstance(with_, list) or not all(isinstance(w, str) for w in with_):
        raise _fail(origin, where, "with: expected a list of lemmas")
    without = item.get("without") or []
    if not isinstance(without, list) or not all(isinstance(w, str) for w in without):
        raise _fail(origin, where, "without: expected a list of lemmas")
    possessor = item.get("possessor", "source")
    if possessor not in ("source", "target"):
        raise _fail(origin, where, "possessor: expected source or target")
    obj = item.get("object")
    if obj not in (None, "content", "target", "none", "noun"):
        raise _fail(origin, where, "object: expected content, target, none or noun")
    status = item.get("status")
    if status is not None and status not in _STATUSES:
        raise _fail(origin, where, f"status: expected one of {sorted(_STATUSES)}")
    return LexEntry(
        type=kind,
        lemma=lemma.strip().lower(),
        pos=pos,
        mode=_str_or_none(item.get("mode"), origin, f"{where}.mode"),
        cameo=_str_or_none(item.get("cameo"), origin, f"{where}.cameo"),
        goldstein=None if goldstein is None else float(goldstein),
        with_=frozenset(w.lower() for w in with_),
        possessor=possessor,
        object_content=obj == "content",
        status=status,
        slots=read_slots(item.get("slots"), origin, f"{where}.slots"),
        without_=frozenset(w.lower() for w in without),
        intransitive=obj == "none",
        nominal=obj == "noun",
    )


def read_type_file(text: str, origin: str) -> list[LexEntry]:
    """The entries of one `<type>.yaml` file."""
    data = read_yaml_mapping(text, origin)
    kind = data.get("type")
    if kind not in EVENT_TYPES:
        raise ConfigError(origin, f"type: expected one of {', '.join(EVENT_TYPES)}")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ConfigError(origin, "entries: expected a list")
    return [_entry(item, str(kind), origin, f"entries[{i}]") for i, item in enumerate(entries)]


def read_frames(text: str, origin: str) -> Frames:
    """The frames file, every list checked."""
    data = read_yaml_mapping(text, origin)
    words: dict[str, frozenset[str]] = {}
    for key in FRAME_LISTS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ConfigError(origin, f"{key}: expected a list of words")
        words[key] = frozenset(w.lower() for w in value)
    unknown = set(data) - set(FRAME_LISTS)
    if unknown:
        raise ConfigError(origin, f"unknown key(s) {sorted(unknown)}")
    typed = words["harmful_types"] | words["cooperative_types"] | words["targetless_types"]
    typed |= words["refused_types"] | words["jurisdiction_types"]
    typed |= words["placed_types"] | words["solitary_types"] | words["visit_types"]
    typed |= words["party_object_types"] | words["interview_types"] | words["destination_types"]
    typed |= words["reaction_types"] | words["reacted_act_types"] | words["reciprocal_types"]
    typed |= words["condemning_call_acts"] | words["trade_types"]
    bad = typed - {t.lower() for t in EVENT_TYPES}
    if bad:
        raise ConfigError(origin, f"types lists: not PLOVER types: {sorted(bad)}")
    order = tuple(dict.fromkeys(w.lower() for w in data["target_prepositions"]))
    return Frames(words, order)


def _shipped() -> list[tuple[str, str]]:
    folder = resources.files("tidings.data").joinpath("events")
    return [
        (f.name, f.read_text("utf-8"))
        for f in sorted(folder.iterdir(), key=lambda p: p.name)
        if f.name.endswith(".yaml")
    ]


def _folder(path: str) -> list[tuple[str, str]]:
    files = sorted(Path(path).glob("*.yaml"))
    return [(str(f), f.read_text("utf-8")) for f in files]


@lru_cache(maxsize=4)
def load_event_lexicon(folder: str | None = None) -> EventLexicon:
    """The event lexicon of `tidings/data/events/` (or of `folder`, which may hold its own
    frames.yaml; the shipped one serves otherwise). Read once per process."""
    files = _shipped() if folder is None else _folder(folder)
    frames_text = next((t for n, t in files if Path(n).name == FRAMES_FILE), None)
    if frames_text is None:
        shipped = dict(_shipped())
        frames_text = shipped.get(FRAMES_FILE)
    if frames_text is None:
        raise ConfigError(FRAMES_FILE, "missing")
    frames = read_frames(frames_text, FRAMES_FILE)
    found: dict[tuple[str, str], list[LexEntry]] = defaultdict(list)
    for name, text in files:
        if Path(name).name == FRAMES_FILE:
            continue
        for entry in read_type_file(text, name):
            found[(entry.lemma, entry.pos)].append(entry)
    if folder is None:
        _add_cameo_layer(found)
    entries = {
        key: tuple(sorted(group, key=lambda e: (bool(e.origin), not e.with_, e.type)))
        for key, group in found.items()
    }
    return EventLexicon(entries, frames)


def _goldstein_by_code(found: dict[tuple[str, str], list[LexEntry]]) -> dict[str, float]:
    """The Goldstein weight of each CAMEO code the hand-made entries use, and of each root
    (their mean), for the layer's entries."""
    weights: dict[str, float] = {}
    by_root: dict[str, list[float]] = defaultdict(list)
    for group in found.values():
        for entry in group:
            if entry.cameo is not None and entry.goldstein is not None:
                weights.setdefault(entry.cameo, entry.goldstein)
                by_root[entry.cameo[:2]].append(entry.goldstein)
    for root, scores in by_root.items():
        weights.setdefault(root, round(sum(scores) / len(scores), 1))
    return weights


def _weight(code: str, weights: dict[str, float]) -> float | None:
    while code:
        if code in weights:
            return weights[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


def _add_cameo_layer(found: dict[tuple[str, str], list[LexEntry]]) -> None:
    """The accepted CAMEO verb patterns (cameo_layer.py), after the hand-made entries: a
    verb the hand-made lexicon reads bare takes no CAMEO entry at all."""
    weights = _goldstein_by_code(found)
    for lemma, row in load_layer():
        group = found[(lemma, "verb")]
        if any(not e.with_ and not e.origin for e in group):
            continue
        group.append(_layer_entry(lemma, row, weights))


def _layer_entry(lemma: str, row: CameoRow, weights: dict[str, float]) -> LexEntry:
    # A pattern's object word is what is done ("abandon the plan"), unless the pattern
    # names the direct object as the target.
    target_object = row.slots is not None and "dobj" in row.slots.positions_of("target")
    return LexEntry(
        type=row.type,
        lemma=lemma,
        pos="verb",
        mode=row.mode,
        cameo=row.cameo,
        goldstein=_weight(row.cameo, weights),
        with_=row.with_,
        possessor="source",
        object_content=bool(row.with_) and not target_object,
        status=None,
        slots=row.slots,
        origin=f"cameo:{row.block}",
    )
