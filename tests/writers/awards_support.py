"""Fixtures of the judging / certificate / booklet tests, generated in code.

A college's electronic submission is the demo's clean kit (``sampledata.demo``: A4, A2, A3, A5
forms, the cases zip with embedded pictures and life photos, the work summary), written into an
inbox; :func:`run_steps` is the run's own steps (``flows.steps``) without Prefect, reading every
file in this process, then the publish and judging steps exactly as ``flows.pipeline_flow`` calls
them. No scans, so no OCR: a run of two colleges takes about a second.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
from pathlib import Path

from flows import steps
from paperdesk.campaign import Campaign
from paperdesk.state import State
from sampledata.demo.kit import clean_kit, render
from sampledata.demo.people import NameBook
from sampledata.demo.scenario import archive_name, cases_zip
from writers.flag_list import write_flags_json

TZ = dt.timezone(dt.timedelta(hours=8))
WHEN = dt.datetime(2020, 6, 18, 10, 0, tzinfo=TZ)
DAY = dt.date(2020, 7, 1)


def write_college(inbox: Path, campaign: Campaign, college: str, seed: int, headcount: int = 6, tweak=None) -> dict:
    """A clean college's electronic files under ``inbox/<college>/``; returns the kit's people
    (name → rating) and cases (author name → title). ``headcount`` mentors (the A4 states it);
    ``tweak(kit) -> kit`` plants a problem."""
    files, kit = _rendered(campaign, college, seed, headcount, tweak)
    d = Path(inbox) / college
    for rel, data in files.items():
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_bytes(data)
        os.utime(d / rel, (WHEN.timestamp(), WHEN.timestamp()))
    return {"people": {p.name: p.rating for p in kit.a4}, "ids": {p.name: p.student_id for p in kit.a4},
            "cases": {c.author.name: c.title for c in kit.cases}}


_RENDERED: dict = {}


def _rendered(campaign: Campaign, college: str, seed: int, headcount: int, tweak):
    """The college's files (rendered once per test session: the life photos take a while)."""
    key = (campaign.id, college, seed, headcount, tweak)
    if key not in _RENDERED:
        _RENDERED[key] = _render(campaign, college, seed, headcount, tweak)
    return _RENDERED[key]


def _render(campaign: Campaign, college: str, seed: int, headcount: int, tweak):
    rnd = random.Random(seed)
    kit = clean_kit(rnd, NameBook(rnd), campaign, campaign.college(college).model_copy(update={"headcount": headcount}))
    kit = tweak(kit) if tweak else kit
    r = render(campaign, kit, WHEN)
    files = {f"{archive_name(campaign, college)}.zip": cases_zip(campaign, archive_name(campaign, college), r, WHEN)}
    for form_id, data in sorted(r.tables.items()):
        files[campaign.forms[form_id].file_name.replace(".xlsx", f"（{college}）.xlsx")] = data
    for person, data in r.forms:
        files[f"考核审批表/{person}-考核审批表.docx"] = data
    files[f"{college}学生带班工作总结.docx"] = r.summary
    return files, kit


def run_steps(inbox: Path, outbox: Path, state_dir: Path, campaign: Campaign) -> dict:
    """One run: intake → extract (in this process) → identify → check → decisions → flags.json
    (the one published file the commands after the run read; the rest of publish is tested
    elsewhere and takes a second) → judging. Returns the judging step's summary."""
    os.environ["PAPERDESK_WORKERS"] = "0"
    state = State(state_dir)
    items = steps.intake(Path(inbox), state, campaign)
    extracted, _ = steps.extract(items, state, campaign)
    submission = steps.identify(items, extracted, campaign)
    flags = steps.check(submission, campaign)
    when = steps.as_of(submission.items)
    flags, overrides, _ = steps.apply_decisions(flags, state.decisions())
    flags = steps.with_resolved(flags, state, when)
    write_flags_json(Path(outbox), campaign, flags, when)
    return steps.judging(Path(outbox), state, campaign, submission, flags, when)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_images(pdf: Path) -> list[list[str]]:
    """``pdfimages -list`` rows (page, num, type, width, height, …) of the images in the PDF."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def render_png(pdf: Path, page: int, out_stem: Path, dpi: int = 40) -> Path:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf), str(out_stem)], check=True, capture_output=True)
    return out_stem.with_suffix(".png")
