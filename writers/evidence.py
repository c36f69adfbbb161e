"""Evidence crops of scan-based flags: ``outbox/证据/<学院>/<文件名>-<hash8>/<key>.png``.

:func:`write_evidence` writes every crop that a flag's ``evidence`` names. The crops travel inside
the scan records (``record.paper.crops``: PNG bytes by key, see ``extractors.scan_file``); their
paths come from :func:`paperdesk.models.evidence_path`, the same pure function the checks use, so
a flag's ``evidence`` and the file on disk always agree. Each file is written atomically and only
when its bytes changed (same inputs -> same bytes, same files); PNGs under ``证据/`` that no flag
names any more are removed (and folders left empty), so a fixed problem's crops do not linger.
Evidence entries that are not crop paths (other rules put file names there) are ignored.
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.models import EVIDENCE_DIR, Flag, PaperInfo, Submission, evidence_path
from writers import atomic

__all__ = ["crops_by_path", "write_evidence"]


def crops_by_path(submission: Submission) -> dict[str, bytes]:
    """Every crop of every scan record of the run, by its path relative to ``outbox/``."""
    out: dict[str, bytes] = {}
    for f in submission.files:
        info = getattr(f.record, "paper", None)
        if not isinstance(info, PaperInfo):
            continue
        for key, data in info.crops.items():
            if data:
                out[evidence_path(f.college, f.item.display, f.item.sha256, key)] = data
    return out


def write_evidence(outbox: Path, submission: Submission, flags: list[Flag]) -> list[Path]:
    """Write the crops the flags name; remove stale ones. Returns the paths written, sorted."""
    outbox = Path(outbox)
    crops = crops_by_path(submission)
    wanted = sorted({p for f in flags for p in f.evidence if p.startswith(EVIDENCE_DIR + "/") and p in crops})
    written = []
    for rel in wanted:
        target = outbox / rel
        if not (target.is_file() and target.read_bytes() == crops[rel]):
            atomic.write_bytes(target, crops[rel])
        written.append(target)
    _remove_stale(outbox / EVIDENCE_DIR, {outbox / rel for rel in wanted})
    return written


def _remove_stale(root: Path, keep: set[Path]) -> None:
    """Delete PNGs under ``root`` not in ``keep``, then empty folders (deepest first)."""
    if not root.is_dir():
        return
    for png in root.rglob("*.png"):
        if png not in keep:
            png.unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(root.iterdir()):
        root.rmdir()
