"""Format extractors, discovered automatically: one module a format.

`extractor_for(mime)` returns the extractor that reads a MIME type, or None. Every
module in this package is imported once and every concrete `Extractor` subclass in it
is registered under the MIME types it declares; two extractors claiming the same type
is a programming error and fails loudly.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

from scanner.extractors.base import Extractor


@lru_cache(maxsize=1)
def registry() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, Extractor)
                and not inspect.isabstract(cls)
                and cls.__module__ == module.__name__
            ):
                instance = cls()
                for mime in cls.mime_types:
                    if mime in found:
                        other = type(found[mime]).__name__
                        raise RuntimeError(f"{mime} claimed by both {other} and {cls.__name__}")
                    found[mime] = instance
    return found


def extractor_for(mime: str) -> Extractor | None:
    reg = registry()
    if mime in reg:
        return reg[mime]
    if mime.startswith("text/") and "text/plain" in reg:
        return reg["text/plain"]  # any other text/* (e.g. text/x-c) is still text
    return None
