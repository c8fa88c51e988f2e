"""The language of an article's text, from a small offline detector.

py3langid (langid.py's naive Bayes model over byte n-grams, shipped inside the package, 4.5 MB,
0.2 ms a sentence) ranks the candidate languages of `data/languages.yaml` with normalised
probabilities. The question that matters to the pipeline is "English or not": an English
article read as French would lose its events, so an article is told as another language only
when the detector leaves English nearly no chance (`max_english_probability`), and then it is
given the language the detector ranks first. Otherwise it is English, with the probability the
detector gives English as its confidence (low for a headline of names: "Obama visits Havana").

Why py3langid (docs/architecture.md): on invented one- and two-sentence news in 12 languages and
1,050 English news sentences it told every foreign text and no English one with this rule, as
lingua did; lingua (lingua-language-detector) needs a 96 MB package, 1 GB of memory for the
same languages and is ten times slower; langdetect is as slow, random unless seeded, and sure
of wrong answers on short English headlines ("Le Pen rejects Macron pension plan": French 1.0).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

ENGLISH = "en"
DATA_FILE = "languages.yaml"
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True, slots=True)
class Language:
    """An ISO 639-1 code and the detector's probability for it (0 to 1)."""

    code: str
    confidence: float

    @property
    def english(self) -> bool:
        return self.code == ENGLISH

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "confidence": round(self.confidence, 4)}


@dataclass(frozen=True, slots=True)
class _Config:
    candidates: tuple[str, ...]
    max_english_probability: float
    min_letters: int
    sample_chars: int


def detect_language(text: str) -> Language:
    """The language of `text`: another than English only when the detector is sure it is not
    English; English for a text too short to tell."""
    config = _config()
    sample = text[: config.sample_chars]
    ranked: list[tuple[str, float]] = _identifier().rank(sample)
    english = next((float(p) for code, p in ranked if code == ENGLISH), 0.0)
    if len(_LETTER.findall(sample)) < config.min_letters:
        return Language(ENGLISH, english)
    top, probability = ranked[0]
    if top != ENGLISH and english <= config.max_english_probability:
        return Language(top, float(probability))
    return Language(ENGLISH, english)


@functools.cache
def _config() -> _Config:
    text = resources.files("tidings.data").joinpath(DATA_FILE).read_text("utf-8")
    data = read_yaml_mapping(text, DATA_FILE)
    candidates = data.get("candidates")
    if not isinstance(candidates, list) or not all(
        isinstance(c, str) and _CODE.fullmatch(c) for c in candidates
    ):
        raise ConfigError(DATA_FILE, "'candidates' must be a list of ISO 639-1 codes")
    if ENGLISH not in candidates:
        raise ConfigError(DATA_FILE, "'candidates' must include 'en'")
    try:
        return _Config(
            candidates=tuple(candidates),
            max_english_probability=float(data["max_english_probability"]),
            min_letters=int(data["min_letters"]),
            sample_chars=int(data["sample_chars"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(DATA_FILE, f"missing or malformed setting ({exc})") from exc


@functools.cache
def _identifier() -> Any:
    """py3langid's model (0.8 s to load), once per process, choosing among the candidates."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    unknown = [code for code in _config().candidates if code not in known]
    if unknown:
        raise ConfigError(DATA_FILE, f"the detector does not know {', '.join(unknown)}")
    identifier.set_languages(list(_config().candidates))
    return identifier
