"""File names as staff should see them, whatever encoding the sender's system used.

    decode_name_bytes(raw) -> str   UTF-8 (strict), else GB18030, else printable ASCII with %XX
    fs_name(name) -> str            an OS path string whose undecodable bytes (surrogate escapes,
                                    e.g. GBK names unpacked on Linux) decoded the same way
    no_sep(name) -> str             ``!`` written full-width: it separates display-path levels
    printable(name) -> str          control characters and lone surrogates (broken UTF-16 names in
                                    7z/rar) written as ``%XX`` / ``%uXXXX``, so any name can be shown
"""

from __future__ import annotations

from paperdesk.models import MEMBER_SEP


def decode_name_bytes(raw: bytes) -> str:
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return "".join(chr(b) if 0x20 <= b < 0x7F and b != 0x25 else f"%{b:02X}" for b in raw)


def fs_name(name: str) -> str:
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return decode_name_bytes(name.encode("utf-8", "surrogateescape"))


def no_sep(name: str) -> str:
    return name.replace(MEMBER_SEP, "！")


def printable(name: str) -> str:
    return "".join(f"%u{ord(ch):04X}" if "\ud800" <= ch <= "\udfff"
                   else f"%{ord(ch):02X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in name)
