"""Outlook .msg files built in code: a minimal OLE compound file (CFB v3, [MS-CFB]) holding the
MAPI streams of [MS-OXMSG] that extract-msg reads: message class, subject, sender, transport
headers (with the Date), and attachments by value (long file name + data)."""

from __future__ import annotations

import struct

SECTOR, MINI = 512, 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def msg_bytes(subject: str, sender: str, date: str, attachments: list[tuple[str, bytes]],
              submitted: int | None = None) -> bytes:
    """An Outlook message with the given subject, sender, Date header and attachments;
    ``submitted`` (Unix time) is written as PR_CLIENT_SUBMIT_TIME."""
    when = _prop(0x0039, 0x0040, (submitted + 11644473600) * 10**7) if submitted is not None else b""
    top = {
        "__substg1.0_001A001F": _u("IPM.Note"),
        "__substg1.0_0037001F": _u(subject),
        "__substg1.0_0C1A001F": _u(sender),
        "__substg1.0_0065001F": _u("sender@example.edu.cn"),
        "__substg1.0_007D001F": _u(f"Subject: {subject}\r\nFrom: {sender}\r\nDate: {date}\r\n\r\n"),
        "__substg1.0_1000001F": _u("请查收。"),
        "__properties_version1.0": bytes(8) + struct.pack("<IIII", 0, len(attachments), 0, len(attachments))
        + bytes(8) + when,
        "__nameid_version1.0": {"__substg1.0_00020102": b"", "__substg1.0_00030102": b"",
                                "__substg1.0_00040102": b""},
    }
    for n, (name, data) in enumerate(attachments):
        props = bytes(8) + _prop(0x3705, 0x0003, 1)  # PR_ATTACH_METHOD = by value
        top[f"__attach_version1.0_#{n:08X}"] = {
            "__substg1.0_3707001F": _u(name),
            "__substg1.0_3704001F": _u(name[:8]),
            "__substg1.0_37010102": data,
            "__properties_version1.0": props,
        }
    return cfb(top)


def _u(text: str) -> bytes:
    return text.encode("utf-16-le")


def _prop(tag: int, ptype: int, value: int) -> bytes:
    return struct.pack("<HHIQ", ptype, tag, 0x6, value)


# ---------------------------------------------------------------------------- compound file


def cfb(tree: dict) -> bytes:
    """A compound file of ``tree`` (name -> bytes for a stream, dict for a storage)."""
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "children": []}]
    streams: list[tuple[int, bytes]] = []
    _add(tree, 0, entries, streams)
    mini = bytearray()
    minifat: list[int] = []
    big: list[tuple[int, bytes]] = []
    for idx, data in streams:
        if len(data) < CUTOFF:
            entries[idx]["start"] = len(mini) // MINI if data else END
            entries[idx]["size"] = len(data)
            n = -(-len(data) // MINI)
            first = len(minifat)
            minifat += [first + i + 1 for i in range(n - 1)] + ([END] if n else [])
            mini += data + bytes(n * MINI - len(data))
        else:
            big.append((idx, data))
    dir_bytes = b"".join(_entry(e) for e in _siblings(entries))
    dir_bytes += _empty_entry() * (-(len(dir_bytes) // 128) % 4)
    blocks = [("dir", dir_bytes), ("minifat", b"".join(struct.pack("<I", x) for x in minifat)), ("mini", bytes(mini))]
    blocks += [(idx, data) for idx, data in big]
    sizes = [-(-len(b) // SECTOR) for _, b in blocks]
    n_fat = 1
    while (n_fat + sum(sizes)) > n_fat * (SECTOR // 4):
        n_fat += 1
    fat = [FATSECT] * n_fat
    starts = {}
    for (key, _), n in zip(blocks, sizes):
        starts[key] = len(fat) if n else END
        fat += [len(fat) + i + 1 for i in range(n - 1)] + ([END] if n else [])
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    entries_out = bytearray(dir_bytes)
    _patch(entries_out, 0, starts["mini"], len(mini))
    for idx, data in big:
        _patch(entries_out, idx, starts[idx], len(data))
    header = _header(n_fat, starts["dir"], starts["minifat"], sizes[1])
    body = b"".join(struct.pack("<I", x) for x in fat)
    blocks[0] = ("dir", bytes(entries_out))
    for (_, data), n in zip(blocks, sizes):
        body += data + bytes(n * SECTOR - len(data))
    return header + body


def _add(tree: dict, parent: int, entries: list[dict], streams: list) -> None:
    for name, value in tree.items():
        idx = len(entries)
        entries[parent]["children"].append(idx)
        if isinstance(value, dict):
            entries.append({"name": name, "type": 1, "children": []})
            _add(value, idx, entries, streams)
        else:
            entries.append({"name": name, "type": 2, "children": [], "start": END, "size": 0})
            streams.append((idx, value))


def _siblings(entries: list[dict]) -> list[dict]:
    """Each storage's children chained as right siblings in CFB order (a valid, if lopsided, tree)."""
    for e in entries:
        kids = sorted(e["children"], key=lambda i: (len(entries[i]["name"]), entries[i]["name"].upper()))
        e["child"] = kids[0] if kids else NOSTREAM
        for a, b in zip(kids, kids[1:] + [None]):
            entries[a]["right"] = b if b is not None else NOSTREAM
    return entries


def _entry(e: dict) -> bytes:
    name = e["name"].encode("utf-16-le") + b"\x00\x00"
    return (name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), e["type"], 1)
            + struct.pack("<III", NOSTREAM, e.get("right", NOSTREAM), e.get("child", NOSTREAM))
            + bytes(16 + 4 + 16) + struct.pack("<IQ", e.get("start", END), e.get("size", 0)))


def _empty_entry() -> bytes:
    return bytes(64) + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + bytes(36) \
        + struct.pack("<IQ", 0, 0)


def _patch(dir_bytes: bytearray, idx: int, start: int, size: int) -> None:
    struct.pack_into("<IQ", dir_bytes, idx * 128 + 116, start, size)


def _header(n_fat: int, dir_start: int, minifat_start: int, n_minifat: int) -> bytes:
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
            + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
            + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start if n_minifat else END,
                          n_minifat, END, 0)
            + b"".join(struct.pack("<I", x) for x in difat))
