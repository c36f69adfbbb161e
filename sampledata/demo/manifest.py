"""What the demo inbox contains on purpose: the planted problems and the clean colleges.

The end-to-end test compares the pipeline's flags with this manifest: every planted problem must
be flagged (same code, college, and person when one is named), and the clean colleges must get
no error flag.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Planted:
    """One planted problem. ``name``/``student_id`` name the person when the problem is about
    one (None for college-level problems such as CASE_QUOTA); ``detail`` says where (Chinese);
    ``deliverable`` (optional) the deliverable key the flag must carry."""

    code: str
    college: str | None
    name: str | None = None
    student_id: str | None = None
    detail: str = ""
    deliverable: str | None = None  # when set, the flag must be about this deliverable

    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.code, self.college, self.name, self.student_id)


@dataclass(frozen=True)
class DemoManifest:
    """The demo's answer key. ``files`` lists every inbox path written (relative, sorted)."""

    campaign: str
    colleges: tuple[str, ...]
    clean_colleges: tuple[str, ...]
    problems: tuple[Planted, ...]
    clutter: tuple[str, ...] = ()
    files: tuple[str, ...] = ()

    def codes(self) -> set[str]:
        return {p.code for p in self.problems}

    def to_json(self) -> str:
        data = asdict(self)
        data["problems"] = [asdict(p) for p in self.problems]
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
