"""A lazy reader of Office Open XML packages: only the parts a text extractor asks for.

python-docx's `Package.open` reads and parses *every* part of a package — styles,
numbering, theme, font table, settings — and decompresses every picture, before the
first paragraph is read. In a departmental share most Word files carry pictures, and
parsing parts nobody reads was half of the DOCX extraction time. Here the package's
relationships are followed by hand and a part is read (through `zipguard.read_member`,
which stops a member that expands past its declared size) and parsed only when asked.

XML is parsed with entity resolution, DTD loading and network access off, as
python-docx does; libxml2 refuses entity amplification by itself.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import replace
from typing import Any

from lxml import etree

from scanner.extractors.base import Budget, ExtractContext
from scanner.zipguard import read_member

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True
)


class Package:
    """Parts and relationships of an OPC zip that has passed `zipguard.check_zip`."""

    def __init__(self, zf: zipfile.ZipFile, ctx: ExtractContext) -> None:
        self.zf = zf
        self._infos = {info.filename: info for info in zf.infolist()}
        # The caller charged the package's declared size already: reading parts here
        # draws on a scratch budget of the same size, so nothing is counted twice.
        self._ctx = replace(ctx, budget=Budget(sum(i.file_size for i in self._infos.values()), 0))

    def blob(self, name: str) -> bytes:
        """A part's bytes; KeyError if it is missing (the caller calls that corrupt)."""
        return read_member(self.zf, self._infos[name], self._ctx)

    def xml(self, name: str) -> Any:
        return etree.fromstring(self.blob(name), _PARSER)

    def relationships(self, name: str) -> list[tuple[str, str]]:
        """(type, target part name) of a part's internal relationships ("" = package)."""
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self._infos:
            return []
        found: list[tuple[str, str]] = []
        for rel in self.xml(rels).iter(f"{_REL_NS}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found.append((rel.get("Type") or "", posixpath.normpath(path)))
        return found

    def __contains__(self, name: object) -> bool:
        """Whether the package holds a member called `name` (a part, or a .rels part)."""
        return name in self._infos

    def relationship_ids(self, name: str) -> dict[str, tuple[str, str]]:
        """(type, target part name) of a part's internal relationships, by relationship id.

        For formats that name parts by relationship id (PresentationML lists its slides
        as `r:id`s). As in python-pptx, a relationship whose target part is not in the
        package is left out, so looking it up fails as a missing id would, and of two
        relationships with the same id the later wins.
        """
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self._infos:
            return {}
        found: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels).iter(f"{_REL_NS}Relationship"):
            rid, target = rel.get("Id"), rel.get("Target") or ""
            if rid is None or rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(path)
            if path in self._infos:
                found[rid] = (rel.get("Type") or "", path)
        return found

    def main_part(self) -> str:
        for kind, target in self.relationships(""):
            if kind in OFFICE_DOCUMENT:
                return target
        raise KeyError("no main document part")
