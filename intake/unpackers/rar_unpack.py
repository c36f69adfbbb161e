"""RAR archives (RAR 1.5-4 and RAR5, also multi-volume sets), read with ``rarfile``.

``rarfile`` parses the headers in Python; stored members are read directly, compressed ones
through the ``unar`` or ``7z`` program (whichever rarfile finds; both are installed by
``scripts/setup.sh``). Names: from their raw bytes, UTF-8, else GB18030 (old Chinese WinRAR
without Unicode names), else escaped ``%XX``; WinRAR 3's own Unicode names as rarfile decodes them. Refused (a Member with a Chinese reason): paths that
escape, symbolic links and junctions, hard links (RAR5), members that continue from a volume we do
not have. Unreadable as a whole: encrypted (files or headers), corrupt, past the limits (declared
sizes checked before anything is decompressed; every member streamed with a cap).

A multi-volume set arrives as ``ctx.volumes`` (blob paths, first volume first, already checked
complete by :mod:`intake.volumes`): the volumes are linked under the names rarfile expects in a
private folder of the store's ``tmp``, removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import rarfile

from intake.clutter import clutter_reason
from intake.names import decode_name_bytes, printable
from intake.store import TooLarge
from intake.unpackers.base import BOMB, CORRUPT, ENCRYPTED, Member, UnpackContext, Unpacked, unique_name
from intake.unpackers.safety import HARDLINK, SYMLINK, declared_bomb, path_reason, take

_LINKS = (rarfile.RAR5_XREDIR_UNIX_SYMLINK, rarfile.RAR5_XREDIR_WINDOWS_SYMLINK, rarfile.RAR5_XREDIR_WINDOWS_JUNCTION)
VOLUME_MISSING = "分卷压缩包不全：此文件接续的前一卷未收到，请发送全部分卷"
NEXT_VOLUME_MISSING = "分卷压缩包不全：此文件接续在下一卷中，但下一卷未收到，请发送全部分卷"


def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Members of the RAR archive at ``blob`` (or of the set ``ctx.volumes``)."""
    folder = _lay_out(ctx.volumes, ctx) if len(ctx.volumes) > 1 else None
    try:
        first = folder / "v.part001.rar" if folder else blob  # rarfile follows the archive's own numbering
        with rarfile.RarFile(first, charset="gb18030") as rf:
            if rf.needs_password():
                return Unpacked(error=ENCRYPTED)
            infos = [i for i in rf.infolist() if not i.is_dir()]
            if any(i.needs_password() for i in infos):
                return Unpacked(error=ENCRYPTED)
            packed = sum(Path(v).stat().st_size for v in (ctx.volumes or (blob,)))
            if declared_bomb([i.file_size for i in infos if not _refused(i)], packed, ctx):
                return Unpacked(error=BOMB)
            return Unpacked(members=tuple(_members(rf, infos, ctx)))
    except (rarfile.PasswordRequired, rarfile.RarWrongPassword):
        return Unpacked(error=ENCRYPTED)
    except rarfile.NeedFirstVolume:
        return Unpacked(error=VOLUME_MISSING)
    except TooLarge:
        return Unpacked(error=BOMB)
    except Exception:  # noqa: BLE001 - rarfile and the external tool fail in many ways on hostile bytes
        return Unpacked(error=CORRUPT)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def _refused(info: rarfile.RarInfo) -> str | None:
    """Why the member must not be unpacked (Chinese), None when it is a safe file."""
    redir = getattr(info, "file_redir", None)
    if redir and redir[0] in _LINKS or info.is_symlink():
        return SYMLINK
    if redir and redir[0] == rarfile.RAR5_XREDIR_HARD_LINK:
        return HARDLINK
    return path_reason(member_name(info))


def member_name(info: rarfile.RarInfo) -> str:
    """The member's name from its raw bytes (rarfile would try UTF-16 on GBK bytes), except for
    RAR 3 names in WinRAR's own Unicode encoding, which rarfile decodes."""
    raw = info.orig_filename
    if isinstance(info, rarfile.Rar3Info) and info.flags & rarfile.RAR_FILE_UNICODE and "\ufffd" not in info.filename:
        name = info.filename
    elif isinstance(raw, bytes):
        name = decode_name_bytes(raw)
    else:
        name = info.filename
    return printable(name.replace("\\", "/").rstrip("/"))


def _members(rf: rarfile.RarFile, infos: list[rarfile.RarInfo], ctx: UnpackContext):
    taken: set[str] = set()
    for info in infos:
        name = member_name(info)
        reason = _refused(info)
        if reason or clutter_reason(name):
            yield Member(unique_name(name, taken), reason=reason)
            continue
        if ctx.budget.members <= 0:
            raise TooLarge(0)
        try:
            with rf.open(info) as f:
                blob = ctx.store.put_stream(f, limit=min(ctx.budget.bytes, info.file_size))
        except rarfile.NeedFirstVolume:
            yield Member(unique_name(name, taken), reason=VOLUME_MISSING)
            continue
        except FileNotFoundError:  # the member goes on in a volume we do not have
            yield Member(unique_name(name, taken), reason=NEXT_VOLUME_MISSING)
            continue
        except (rarfile.Error, OSError, EOFError):
            yield Member(unique_name(name, taken), reason="压缩包内此文件已损坏，无法解压")
            continue
        take(ctx, blob)
        yield Member(unique_name(name, taken), blob=blob)


def _lay_out(volumes: tuple[Path, ...], ctx: UnpackContext) -> Path:
    """A private folder holding links ``v.part001.rar``, ``v.part002.rar`` ... and the old-style
    names that follow the same first volume, ``v.part001.r00`` ... (rarfile picks the next
    volume's name by the archive's own numbering flag)."""
    ctx.store.tmp.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=ctx.store.tmp, prefix="rar-"))
    for n, vol in enumerate(volumes):
        names = [f"v.part{n + 1:03d}.rar"] + ([f"v.part001.r{n - 1:02d}"] if n else [])
        for name in names:
            os.symlink(Path(vol).resolve(), folder / name)
    return folder
