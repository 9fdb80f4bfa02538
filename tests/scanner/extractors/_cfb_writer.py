"""Test tooling: a minimal MS-CFB (OLE2 compound file) writer and an Outlook .msg builder.

There is no Python writer for .msg files, so tests build their own. A compound file is
a little FAT file system in 512-byte sectors (MS-CFB, version 3):

- a 512-byte header with the FAT's sector numbers (the DIFAT; we support up to 109 FAT
  sectors, ~7 MB, which is plenty for tests);
- the FAT: one 4-byte "next sector" link per sector;
- the directory: 128-byte entries (root, storages, streams) whose siblings form a binary
  search tree ordered by (name length, upper-cased name);
- streams under 4096 bytes live in the *mini stream* (64-byte mini sectors chained by the
  mini FAT), which is itself stored in regular sectors starting at the root entry.

A .msg file (MS-OXMSG) is such a file: `__substg1.0_PPPPTTTT` streams hold variable-length
properties (PPPP = property id, TTTT = type: 001F UTF-16LE string, 0102 binary),
`__properties_version1.0` holds fixed-size ones, and recipients, attachments and embedded
messages are storages.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Union

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

# A storage is a dict of names to streams (bytes) or storages (nested dicts).
Tree = dict[str, Union[bytes, "Tree"]]


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def _sort_key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def _flatten(tree: Tree) -> list[_Entry]:
    entries = [_Entry("Root Entry", 5)]
    pending: list[tuple[int, Tree]] = [(0, tree)]
    while pending:
        parent, storage = pending.pop()
        for name in sorted(storage, key=_sort_key):
            value = storage[name]
            index = len(entries)
            entries[parent].children.append(index)
            if isinstance(value, bytes):
                entries.append(_Entry(name, 2, data=value))
            else:
                entries.append(_Entry(name, 1))
                pending.append((index, value))
    for entry in entries:
        entry.child = _balanced(entries, entry.children)
    return entries


def _balanced(entries: list[_Entry], ids: list[int]) -> int:
    """Link sorted sibling ids into a balanced binary search tree; return its root."""
    if not ids:
        return NOSTREAM
    mid = len(ids) // 2
    root = ids[mid]
    entries[root].left = _balanced(entries, ids[:mid])
    entries[root].right = _balanced(entries, ids[mid + 1 :])
    return root


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def write_cfb(tree: Tree) -> bytes:
    """Serialise `tree` as a version-3 compound file."""
    entries = _flatten(tree)

    # Small streams go to the mini stream, large ones to regular sectors.
    mini = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            continue
        if entry.size >= MINI_CUTOFF:
            big.append(entry)
            continue
        n = -(-entry.size // MINI_SECTOR)
        entry.start = len(minifat)
        minifat.extend(range(entry.start + 1, entry.start + n))
        minifat.append(ENDOFCHAIN)
        mini += entry.data.ljust(n * MINI_SECTOR, b"\0")

    def sectors(nbytes: int) -> int:
        return -(-nbytes // SECTOR)

    n_dir = sectors(len(entries) * 128)
    n_minifat = sectors(len(minifat) * 4)
    n_mini = sectors(len(mini))
    n_big = [sectors(e.size) for e in big]
    n_data = n_dir + n_minifat + n_mini + sum(n_big)
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_data + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("test CFB writer supports files up to ~7 MB only")

    fat = [FREESECT] * (n_fat * (SECTOR // 4))
    dir_start = 0
    _chain(fat, dir_start, n_dir)
    minifat_start = dir_start + n_dir
    _chain(fat, minifat_start, n_minifat)
    mini_start = minifat_start + n_minifat
    _chain(fat, mini_start, n_mini)
    pos = mini_start + n_mini
    for entry, n in zip(big, n_big, strict=True):
        entry.start = pos
        _chain(fat, pos, n)
        pos += n
    fat_start = pos
    for i in range(n_fat):
        fat[fat_start + i] = FATSECT

    root = entries[0]
    root.start = mini_start if mini else ENDOFCHAIN
    root.size = len(mini)

    directory = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-16-le")
        if len(name) > 62:
            raise ValueError(f"CFB name too long: {entry.name}")
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name) + 2,
            entry.kind,
            1,  # black
            entry.left,
            entry.right,
            entry.child,
            b"\0" * 16,
            0,
            0,
            0,
            entry.start,
            entry.size,
        )
    while len(directory) % SECTOR:
        directory += struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)  # fmt: skip

    difat = [fat_start + i for i in range(n_fat)] + [FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector shift
        6,  # mini sector shift
        b"\0" * 6,
        0,  # directory sectors (always 0 in version 3)
        n_fat,
        dir_start,
        0,  # transaction signature
        MINI_CUTOFF,
        minifat_start if minifat else ENDOFCHAIN,
        n_minifat,
        ENDOFCHAIN,  # no DIFAT sectors
        0,
    ) + struct.pack("<109I", *difat)

    def pad(data: bytes | bytearray, n: int) -> bytes:
        return bytes(data).ljust(n * SECTOR, b"\0")

    out = bytearray(header)
    out += pad(directory, n_dir)
    out += pad(struct.pack(f"<{len(minifat)}I", *minifat), n_minifat)
    out += pad(mini, n_mini)
    for entry, n in zip(big, n_big, strict=True):
        out += pad(entry.data, n)
    out += struct.pack(f"<{len(fat)}I", *fat)
    return bytes(out)


# --- Outlook .msg on top --------------------------------------------------------------

PT_LONG = 0x0003
PT_UNICODE = 0x001F
PT_STRING8 = 0x001E
PT_BINARY = 0x0102
PT_OBJECT = 0x000D


@dataclass
class MsgRecipient:
    name: str
    email: str
    kind: int = 1  # 1 To, 2 Cc, 3 Bcc


@dataclass
class MsgAttachment:
    filename: str
    data: bytes = b""
    embedded: MsgSpec | None = None  # an attached Outlook item instead of data


@dataclass
class MsgSpec:
    subject: str = ""
    body: str | None = None
    html_body: bytes | None = None
    sender: str = ""
    sender_email: str = ""
    recipients: list[MsgRecipient] = field(default_factory=list)
    attachments: list[MsgAttachment] = field(default_factory=list)
    message_class: str = "IPM.Note"
    extra_strings: dict[int, str] = field(default_factory=dict)  # property id -> value
    # None writes Unicode (001F) strings; a code page such as 932 writes 8-bit (001E)
    # strings in that encoding and records the code page (PR_MESSAGE_CODEPAGE).
    codepage: int | None = None


def _props(header: bytes, fixed: dict[int, int], variable: dict[int, tuple[int, int]]) -> bytes:
    """A `__properties_version1.0` stream: header, then one 16-byte entry per property."""
    out = bytearray(header)
    for prop_id, value in sorted(fixed.items()):
        out += struct.pack("<IIIi", (prop_id << 16) | PT_LONG, 0x6, value, 0)
    for prop_id, (ptype, size) in sorted(variable.items()):
        out += struct.pack("<IIII", (prop_id << 16) | ptype, 0x6, size, 0)
    return bytes(out)


class _PropSet:
    def __init__(self, codepage: int | None) -> None:
        self.codepage = codepage
        self.tree: Tree = {}
        self.fixed: dict[int, int] = {}
        self.variable: dict[int, tuple[int, int]] = {}

    def string(self, prop_id: int, value: str) -> None:
        if self.codepage is None:
            ptype, raw, term = PT_UNICODE, value.encode("utf-16-le"), 2
        else:
            ptype, raw, term = PT_STRING8, value.encode(f"cp{self.codepage}"), 1
        self.tree[f"__substg1.0_{prop_id:04X}{ptype:04X}"] = raw
        self.variable[prop_id] = (ptype, len(raw) + term)

    def binary(self, prop_id: int, value: bytes) -> None:
        self.tree[f"__substg1.0_{prop_id:04X}{PT_BINARY:04X}"] = value
        self.variable[prop_id] = (PT_BINARY, len(value))

    def finish(self, header: bytes) -> Tree:
        self.tree["__properties_version1.0"] = _props(header, self.fixed, self.variable)
        return self.tree


def _message_tree(spec: MsgSpec, top: bool, codepage: int | None) -> Tree:
    props = _PropSet(codepage)
    props.string(0x001A, spec.message_class)
    if spec.subject:
        props.string(0x0037, spec.subject)
    if spec.body is not None:
        props.string(0x1000, spec.body)
    if spec.html_body is not None:
        props.binary(0x1013, spec.html_body)
    if spec.sender:
        props.string(0x0C1A, spec.sender)
    if spec.sender_email:
        props.string(0x5D01, spec.sender_email)
    for prop_id, value in spec.extra_strings.items():
        props.string(prop_id, value)
    # PR_STORE_SUPPORT_MASK: STORE_UNICODE_OK tells readers strings are UTF-16.
    props.fixed[0x340D] = 0x00040000 if codepage is None else 0
    if codepage is not None:
        props.fixed[0x3FFD] = codepage
    tree = props.tree
    for i, rcpt in enumerate(spec.recipients):
        r = _PropSet(codepage)
        r.string(0x3001, rcpt.name)
        r.string(0x39FE, rcpt.email)
        r.string(0x3003, rcpt.email)
        r.string(0x3002, "SMTP")
        r.fixed[0x0C15] = rcpt.kind
        r.fixed[0x3000] = i
        tree[f"__recip_version1.0_#{i:08X}"] = r.finish(b"\0" * 8)
    for i, att in enumerate(spec.attachments):
        a = _PropSet(codepage)
        if att.embedded is not None:
            a.string(0x3001, att.filename)  # Outlook names attached items by display name
        else:
            a.string(0x3707, att.filename)
            a.string(0x3001, att.filename)
        a.fixed[0x0E21] = i
        if att.embedded is not None:
            a.fixed[0x3705] = 5  # ATTACH_EMBEDDED_MSG
            a.tree["__substg1.0_3701000D"] = _message_tree(att.embedded, False, codepage)
            a.variable[0x3701] = (PT_OBJECT, 0xFFFFFFFF)
        else:
            a.fixed[0x3705] = 1  # ATTACH_BY_VALUE
            a.binary(0x3701, att.data)
        tree[f"__attach_version1.0_#{i:08X}"] = a.finish(b"\0" * 8)
    if top:
        tree["__nameid_version1.0"] = {
            "__substg1.0_00020102": b"",
            "__substg1.0_00030102": b"",
            "__substg1.0_00040102": b"",
        }
    n_r, n_a = len(spec.recipients), len(spec.attachments)
    header = struct.pack("<8sIIII", b"\0" * 8, n_r, n_a, n_r, n_a)
    if top:
        header += b"\0" * 8
    return props.finish(header)


def build_msg(spec: MsgSpec) -> bytes:
    """The bytes of an Outlook .msg file described by `spec`."""
    return write_cfb(_message_tree(spec, True, spec.codepage))
