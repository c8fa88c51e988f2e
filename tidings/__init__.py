"""Tidings: raw scraped news in, event data an analyst can trust out."""

from tidings.errors import ConfigError, InputRejected, StoreError, TidingsError

__version__ = "0.1.0"

__all__ = ["ConfigError", "InputRejected", "StoreError", "TidingsError", "__version__"]
