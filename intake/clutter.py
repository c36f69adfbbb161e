"""Files that are not submissions: OS and Office litter. They are listed as ``ignored``, never read.
"""

from __future__ import annotations

_NAMES = {
    "thumbs.db": "Windows 缩略图缓存文件，已忽略",
    "desktop.ini": "Windows 文件夹设置文件，已忽略",
    ".ds_store": "macOS 文件夹设置文件，已忽略",
}


def clutter_reason(path: str) -> str | None:
    """Why the file at ``path`` (``/``-separated, relative) is clutter (Chinese), else None."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if not parts:
        return None
    if "__MACOSX" in parts[:-1]:
        return "macOS 压缩时附带的系统文件夹（__MACOSX），已忽略"
    name = parts[-1]
    if name.lower() in _NAMES:
        return _NAMES[name.lower()]
    if name.startswith("._"):
        return "macOS 附带的资源文件（._ 开头），已忽略"
    if name.startswith("~$"):
        return "Office 临时锁定文件（~$ 开头），已忽略"
    if name.startswith(".") and name.endswith(".part"):  # paperdesk's own: mail fetch, web upload
        return "尚未保存完成的临时文件（.part），已忽略"
    return None
