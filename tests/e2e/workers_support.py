"""A small inbox for the reading-worker test: one college's electronic A2/A4 and two A5 forms,
and four one-page scans of the paper copies (sealed A4 with one cell written differently, A2 as a
JPG, two A5 pages as separate PDFs). Built in code from the demo's kit, deterministic."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from paperdesk.campaign import load_campaign
from sampledata.demo.kit import clean_kit, render
from sampledata.demo.people import NameBook
from sampledata.demo.scans import Look, a2_page, a4_page, a5_pages, jpg_bytes, pdf_bytes
from sampledata.demo.scenario import DEMO_ROSTER, Inbox, at, seal_of

COLLEGE = "马克思主义学院"
SCANS = 4
FILES = 8  # the scans, A2 and A4 (xlsx), two A5 (docx)


def make_scan_inbox(inbox: Path) -> None:
    campaign = load_campaign(None, DEMO_ROSTER)
    rnd = random.Random(20200622)
    kit = clean_kit(rnd, NameBook(rnd), campaign, campaign.college(COLLEGE))
    people = kit.a4[:4]
    kit = dataclasses.replace(kit, a4=people, a5=people[:2], a2=kit.a2[:2])
    when = at(6, 17, 10)
    rendered = render(campaign, kit, when)
    ib, d = Inbox(), f"{COLLEGE}/"
    for form_id in ("A2", "A4"):
        ib.add(d + campaign.forms[form_id].file_name, rendered.tables[form_id], at(6, 17, 15, 21))
    for person, data in rendered.forms:
        ib.add(f"{d}考核审批表/{person}-考核审批表.docx", data, at(6, 17, 15, 22))
    look = Look(seal_of(campaign, COLLEGE))
    paper = f"{d}纸质版扫描件/"
    a4 = a4_page(campaign, kit, look, overrides={people[1].name: {"考核等级": "合格"}})
    ib.add(paper + "考核情况汇总表（盖章扫描件）.pdf", pdf_bytes([a4]), at(6, 17, 16, 30))
    ib.add(paper + "新聘学生带班党员汇总表（盖章扫描件）.jpg", jpg_bytes(a2_page(campaign, kit, when, look)),
           at(6, 17, 16, 30))
    for person, page in zip(kit.a5, a5_pages(campaign, kit, look)):
        ib.add(paper + f"{person.name}-考核审批表（盖章扫描件）.pdf", pdf_bytes([page]), at(6, 17, 16, 31))
    ib.write(Path(inbox))
