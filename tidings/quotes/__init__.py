"""The quote stage (after actors): who said what, directly, in part or reported, with the cue,
the relaying outlet and the date, speakers read through the actor layer."""

from tidings.quotes.records import EMPTY_QUOTES, Quote, QuoteKind, QuoteLayer
from tidings.quotes.stage import extract_quotes

__all__ = ["EMPTY_QUOTES", "Quote", "QuoteKind", "QuoteLayer", "extract_quotes"]
