"""Lay the demo inbox out on disk: which college sends what, how, and when.

Five colleges (looked up in the campaign by name; headcounts come from the campaign):

    马克思主义学院       clean; loose files in its folder, cases zip named by the rule; sealed
                         colour scans: A4 (PDF), A2 (JPG), all A5s (one PDF), work summary (PDF)
    食品与制药工程学院   clean; everything attached to one saved email (.eml), the same scans too
    音乐学院             case problems, no A3, late work summary, A4 sent twice, clutter; A4
                         scanned without seal, A2 scanned in grey (sealed), no A5/summary scans
    数学与统计学院       cases zip named with an alias, one case short, A2 problems, a broken docx;
                         A4 scan turned 90° (JPG), A2 scan stamped with another college's seal
    生命科学学院         A4/A5 problems; sent as one zip with the cases zip nested inside; an A4
                         scan whose 考核等级 of one person differs from the xlsx

plus ``新建文件夹/汇总表(1).xlsx`` that names no college. Files are written with fixed
modification times (the submission time of a file that did not come by email).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from paperdesk.campaign import TEMPLATES_DIR, Campaign
from sampledata.demo import plant
from paperdesk.roster import apply_roster
from sampledata.demo.kit import Kit, Rendered, clean_kit, render
from sampledata.demo.scans import Look, a2_page, a4_page, a5_pages, jpg_bytes, pdf_bytes, summary_page
from sampledata.demo.manifest import DemoManifest, Planted
from sampledata.demo.packaging import eml_bytes, gbk_zip, ooxml_bytes
from sampledata.demo.people import NameBook
from sampledata.synth import SealSpec
from writers.forms import build_table

SEED = 20200622
TZ = dt.timezone(dt.timedelta(hours=8))
CLEAN = ("马克思主义学院", "食品与制药工程学院")
MUSIC, MATHS, LIFE = "音乐学院", "数学与统计学院", "生命科学学院"


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, month, day, hour, minute, tzinfo=TZ)


@dataclass
class Inbox:
    """Files to write: relative path -> (bytes, mtime); plus planted problems and clutter."""

    files: dict[str, tuple[bytes, dt.datetime]] = field(default_factory=dict)
    planted: list[Planted] = field(default_factory=list)
    clutter: list[str] = field(default_factory=list)

    def add(self, path: str, data: bytes, when: dt.datetime) -> None:
        assert path not in self.files, path
        self.files[path] = (data, when)

    def write(self, root: Path) -> None:
        for rel, (data, when) in sorted(self.files.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            os.utime(target, (when.timestamp(), when.timestamp()))


def cases_zip(campaign: Campaign, stem: str, r: Rendered, when: dt.datetime, extra=()) -> bytes:
    """The cases archive: a top folder ``stem/`` with one folder per case (GBK names)."""
    members: list[tuple[str, bytes | None]] = [(f"{stem}/", None)]
    for folder, files in r.cases:
        members.append((f"{stem}/{folder}/", None))
        members += [(f"{stem}/{folder}/{name}", data) for name, data in files]
    return gbk_zip(members + list(extra), when)


def archive_name(campaign: Campaign, college: str) -> str:
    return college + campaign.deliverable("cases").archive_suffix


def seal_of(campaign: Campaign, college: str) -> SealSpec:
    """The party committee's seal of ``college``."""
    return SealSpec(college, school=campaign.school)


def paper_scans(campaign: Campaign, kit: Kit, when: dt.datetime, titles: dict[str, str]) -> list[tuple[str, bytes]]:
    """A clean college's paper halves, sealed, scanned in colour: (file name, bytes) of A4 (PDF),
    A2 (JPG), every A5 (one PDF) and the work summary (PDF); ``titles`` names the files."""
    look = Look(seal_of(campaign, kit.college.name))
    return [(titles["A4"] + ".pdf", pdf_bytes([a4_page(campaign, kit, look)])),
            (titles["A2"] + ".jpg", jpg_bytes(a2_page(campaign, kit, when, look))),
            (titles["A5"] + ".pdf", pdf_bytes(a5_pages(campaign, kit, look))),
            (titles["summary"] + ".pdf", pdf_bytes([summary_page(kit, look)]))]


SCAN_TITLES = {"A4": "考核情况汇总表（盖章扫描件）", "A2": "新聘学生带班党员汇总表（盖章扫描件）",
               "A5": "考核审批表（盖章扫描件）", "summary": "学生带班工作总结（盖章扫描件）"}


def missing_paper(college: str, *keys: str) -> list[Planted]:
    """DELIVERABLE_MISSING for paper halves that never arrived."""
    return [Planted("DELIVERABLE_MISSING", college, None, None, f"{k}：只有电子版，没有纸质版扫描件", deliverable=k)
            for k in keys]


def lay_marx(ib: Inbox, campaign: Campaign, kit: Kit) -> None:
    """Clean, loose files in the college's folder; sealed colour scans of the paper halves."""
    name, when = kit.college.name, at(6, 17, 10)
    r, d = render(campaign, kit, when), f"{kit.college.name}/"
    ib.add(d + archive_name(campaign, name) + ".zip", cases_zip(campaign, archive_name(campaign, name), r, when), at(6, 17, 15, 20))
    for form_id, data in sorted(r.tables.items()):
        ib.add(d + campaign.forms[form_id].file_name.replace(".xlsx", f"（{name}）.xlsx"), data, at(6, 17, 15, 21))
    for person, data in r.forms:
        ib.add(f"{d}考核审批表/{person}-考核审批表.docx", data, at(6, 17, 15, 22))
    ib.add(f"{d}{name}学生带班工作总结.docx", r.summary, at(6, 17, 15, 23))
    for file_name, data in paper_scans(campaign, kit, when, SCAN_TITLES):
        ib.add(f"{d}纸质版扫描件/{file_name}", data, at(6, 17, 16, 30))


def lay_food(ib: Inbox, campaign: Campaign, kit: Kit) -> None:
    """Clean, every file attached to one saved email whose subject names the college."""
    name, when, sent = kit.college.name, at(6, 19, 15), at(6, 19, 16, 32)
    r = render(campaign, kit, when)
    titles = {"A2": "新聘学生带班党员汇总表", "A3": "获奖情况统计表", "A4": "考核情况汇总表"}
    attachments = [(archive_name(campaign, name) + ".zip", cases_zip(campaign, archive_name(campaign, name), r, when))]
    attachments += [(f"{titles[k]}.xlsx", data) for k, data in sorted(r.tables.items())]
    attachments += [(f"{person}考核审批表.docx", data) for person, data in r.forms]
    attachments.append(("学生带班工作总结.docx", r.summary))
    attachments += paper_scans(campaign, kit, when, SCAN_TITLES)
    body = f"李老师您好：\n附件是{name}2020年学生带班党员工作的全部材料，纸质材料另行送交，请查收。\n{name}学工办"
    eml = eml_bytes((f"{name}学工办", "spzy-xgb@xx.zqu.edu.cn"), ("李鑫老师", "2539746740@qq.com"),
                    f"{name}2020年学生带班党员工作材料", sent, body, attachments, "<20200619163210.5821@xx.zqu.edu.cn>")
    ib.add("邮件/学生带班党员工作材料.eml", eml, at(6, 19, 17))


def lay_music(ib: Inbox, campaign: Campaign, kit: Kit) -> None:
    """Loose files; cases zip named with a literal '+'; late summary; A4 twice; clutter."""
    name, when = kit.college.name, at(6, 18, 9)
    r, d = render(campaign, kit, when), f"{name}/"
    stem = name + "+" + campaign.deliverable("cases").archive_suffix
    ib.add(d + stem + ".zip", cases_zip(campaign, stem, r, when), at(6, 18, 16, 5))
    ib.add(f"{d}{name}新聘学生带班党员汇总表.xlsx", r.tables["A2"], at(6, 18, 16, 6))
    ib.add(f"{d}{name}考核情况汇总表.xlsx", r.tables["A4"], at(6, 18, 16, 7))
    ib.add(f"转发/{name}考核情况汇总表.xlsx", r.tables["A4"], at(6, 21, 10))
    ib.planted.append(Planted("DUPLICATE_FILE", name, None, None, f"转发/{name}考核情况汇总表.xlsx 与学院文件夹中的相同"))
    for person, data in r.forms:
        ib.add(f"{d}考核审批表-{person}.docx", data, at(6, 18, 16, 8))
    ib.add(f"{d}学生带班工作总结.docx", r.summary, at(6, 24, 9, 15))
    ib.planted.append(Planted("LATE_SUBMISSION", name, None, None, "work-summary：6月24日才提交工作总结"))
    ib.add(f"{d}扫描件/考核情况汇总表.pdf", pdf_bytes([a4_page(campaign, kit, Look(None))]), at(6, 18, 16, 10))
    ib.planted.append(Planted("SEAL_MISSING", name, None, None, "考核情况汇总表扫描件没有盖学院党委公章",
                              deliverable="assessment-summary"))
    grey = Look(seal_of(campaign, name), colour=False)
    ib.add(f"{d}扫描件/新聘学生带班党员汇总表.pdf", pdf_bytes([a2_page(campaign, kit, when, grey)]), at(6, 18, 16, 11))
    ib.planted += missing_paper(name, "assessment-forms", "work-summary")
    for junk, data in ((f"{d}Thumbs.db", b"\xd0\xcf\x11\xe0" + bytes(60)), (f"{d}~$学生带班工作总结.docx", b"\x06paperdesk" + bytes(152))):
        ib.add(junk, data, at(6, 18, 16, 9))
        ib.clutter.append(junk)


def lay_maths(ib: Inbox, campaign: Campaign, kit: Kit) -> None:
    """Cases zip named with an alias (数学学院案例.zip) carrying __MACOSX clutter; a broken docx."""
    name, when = kit.college.name, at(6, 19, 11)
    r, d = render(campaign, kit, when), f"{name}/"
    stem = "数学学院案例"
    first = r.cases[0][0]
    junk = [("__MACOSX/", None), (f"__MACOSX/{stem}/", None), (f"__MACOSX/{stem}/{first}/", None),
            (f"__MACOSX/{stem}/{first}/._{r.cases[0][1][0][0]}", b"\x00\x05\x16\x07" + bytes(78))]
    ib.add(f"{d}{stem}.zip", cases_zip(campaign, stem, r, when, junk), at(6, 19, 14))
    ib.clutter += [f"{d}{stem}.zip!{n}" for n, data in junk if data is not None]
    ib.planted.append(Planted("ARCHIVE_NAME_INVALID", name, None, None, f"案例压缩包命名为“{stem}.zip”，应为“{archive_name(campaign, name)}.zip”"))
    for k, title in (("A2", "新聘学生带班党员汇总表"), ("A3", "获奖情况统计表"), ("A4", "考核情况汇总表")):
        ib.add(f"{d}{name}{title}.xlsx", r.tables[k], at(6, 19, 14, 1))
    for person, data in r.forms:
        ib.add(f"{d}审批表/{person}.docx", data, at(6, 19, 14, 2))
    ib.add(f"{d}{name}工作总结.docx", r.summary, at(6, 19, 14, 3))
    turned = Look(seal_of(campaign, name), rotate=90, skew=0.8)
    ib.add(f"{d}纸质版/考核情况汇总表.jpg", jpg_bytes(a4_page(campaign, kit, turned)), at(6, 19, 14, 5))
    stranger = Look(seal_of(campaign, LIFE))
    ib.add(f"{d}纸质版/新聘学生带班党员汇总表.pdf", pdf_bytes([a2_page(campaign, kit, when, stranger)]), at(6, 19, 14, 6))
    ib.planted.append(Planted("COLLEGE_CONFLICT", name, None, None, f"新聘汇总表扫描件盖的是{LIFE}的公章",
                              deliverable="selection"))
    ib.planted += missing_paper(name, "assessment-forms", "work-summary")
    broken = r.forms[0][1][: len(r.forms[0][1]) * 2 // 5]
    ib.add(f"{d}带班工作照片说明.docx", broken, at(6, 19, 14, 4))
    ib.planted.append(Planted("UNREADABLE_FILE", name, None, None, f"{d}带班工作照片说明.docx 文件不完整（被截断）"))


def lay_life(ib: Inbox, campaign: Campaign, kit: Kit) -> None:
    """One zip of everything, GBK names, the cases zip nested inside."""
    name, when = kit.college.name, at(6, 19, 20)
    r = render(campaign, kit, when)
    top = f"{name}带班党员材料"
    inner = cases_zip(campaign, archive_name(campaign, name), r, when)
    titles = {"A2": "新聘学生带班党员汇总表", "A3": "获奖情况统计表", "A4": "考核情况汇总表"}
    members: list[tuple[str, bytes | None]] = [(f"{top}/", None), (f"{top}/{archive_name(campaign, name)}.zip", inner)]
    members += [(f"{top}/{name}{titles[k]}.xlsx", data) for k, data in sorted(r.tables.items())]
    members.append((f"{top}/考核审批表/", None))
    members += [(f"{top}/考核审批表/{person}.docx", data) for person, data in r.forms]
    members.append((f"{top}/学生带班工作总结.docx", r.summary))
    members += [(f"{top}/纸质版扫描件/", None), (f"{top}/纸质版扫描件/考核情况汇总表（盖章）.pdf", life_paper_a4(ib, campaign, kit))]
    ib.planted += missing_paper(name, "selection", "assessment-forms", "work-summary")
    ib.add(f"{top}.zip", gbk_zip(members, when), at(6, 19, 20, 40))


def life_paper_a4(ib: Inbox, campaign: Campaign, kit: Kit) -> bytes:
    """The A4 scan, sealed, on which one 优秀 person (with no other planted problem) is rated 合格."""
    ratings = campaign.checks.ratings
    who = next(p for p in reversed(kit.a4)
               if p.rating == ratings.excellent and p in kit.a5 and p.name not in kit.a5_overrides)
    paper = {who.name: {"考核等级": ratings.pass_}}
    ib.planted.append(Planted("PAPER_ELECTRONIC_MISMATCH", kit.college.name, who.name, who.student_id,
                              f"考核情况汇总表扫描件上{who.name}的考核等级为{ratings.pass_}，电子版为{ratings.excellent}",
                              deliverable="assessment-summary"))
    return pdf_bytes([a4_page(campaign, kit, Look(seal_of(campaign, kit.college.name)), paper)])


def lay_unknown(ib: Inbox, campaign: Campaign, names: NameBook) -> None:
    """An awards table with no 学院 anywhere, in a folder that names no college."""
    rows = [{"序号": str(i), "姓名": names.new()[0], "学号": f"2017990{i}0{i}1{i}", "获奖名称": "优秀志愿者",
             "获奖级别": "校级", "获奖时间": "2019年12月", "颁奖单位": "肇庆学院"} for i in (1, 2)]
    wb = build_table(campaign, "A3", None, {}, rows)
    ib.add("新建文件夹/汇总表(1).xlsx", ooxml_bytes(wb, at(6, 21, 8)), at(6, 21, 8, 30))
    ib.planted.append(Planted("UNKNOWN_COLLEGE", None, None, None, "新建文件夹/汇总表(1).xlsx 没有注明学院"))


#: the demo office's roster (reference data): the headcounts and freshman classes of the demo
DEMO_ROSTER = TEMPLATES_DIR / "rosters" / "2020-demo-roster.yaml"


def build(campaign: Campaign) -> tuple[Inbox, tuple[str, ...]]:
    """The whole demo in memory (deterministic)."""
    if any(c.headcount is None for c in campaign.colleges):  # the demo office's own roster
        campaign = apply_roster(campaign, DEMO_ROSTER)
    rnd = random.Random(SEED)
    names = NameBook(rnd)
    order = (*CLEAN, MUSIC, MATHS, LIFE)
    colleges = [campaign.college(n) for n in order]
    missing = [n for n, c in zip(order, colleges) if c is None or c.headcount is None]
    if missing:
        raise ValueError(f"演示数据需要活动配置中的学院及其带班党员总数：{'、'.join(missing)}")
    kits = {c.name: clean_kit(rnd, names, campaign, c) for c in colleges}
    ib = Inbox()
    music, planted = plant.case_problems(kits[MUSIC], campaign, rnd)
    music, more = plant.no_awards_table(music)
    ib.planted += planted + more
    maths, planted = plant.case_quota_and_section(kits[MATHS])
    maths, more = plant.selection_problems(maths, campaign, rnd, names, kits[LIFE].a2[0])
    ib.planted += planted + more
    life, planted = plant.assessment_problems(kits[LIFE], campaign)
    ib.planted += planted
    lay_marx(ib, campaign, kits[CLEAN[0]])
    lay_food(ib, campaign, kits[CLEAN[1]])
    lay_music(ib, campaign, music)
    lay_maths(ib, campaign, maths)
    lay_life(ib, campaign, life)
    lay_unknown(ib, campaign, names)
    return ib, order


def make_demo(inbox: Path, campaign: Campaign) -> DemoManifest:
    """Write the demo inbox under ``inbox`` (created if needed; other files there are left
    alone, ours overwritten) and return its manifest."""
    ib, order = build(campaign)
    ib.write(Path(inbox))
    return DemoManifest(campaign=campaign.id, colleges=order, clean_colleges=CLEAN,
                        problems=tuple(ib.planted), clutter=tuple(sorted(ib.clutter)),
                        files=tuple(sorted(ib.files)))
