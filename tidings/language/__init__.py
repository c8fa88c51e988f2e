"""The language of every article: an ISO 639-1 code and a confidence (`detect_language`).
Articles not in English are stored and shown with their language; the English-only stages
(actors, quotes, times, places, events) leave them alone."""

from tidings.language.detect import ENGLISH, Language, detect_language

__all__ = ["ENGLISH", "Language", "detect_language"]
