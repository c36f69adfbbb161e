"""The planted problems: each function bends a clean :class:`Kit` and says what it planted.

Every function returns the new kit and the :class:`Planted` entries naming the exact person (or
None for a college-level problem). Problems that live in the inbox's shape rather than in a
document (archive name, late file, duplicate file, unreadable file, unknown college, clutter) are
planted by ``sampledata.demo.scenario`` when it lays the files out.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from paperdesk.campaign import Campaign
from sampledata.demo import texts
from sampledata.demo.kit import Kit
from sampledata.demo.manifest import Planted
from sampledata.demo.people import NameBook, Person, student


def _p(code: str, kit: Kit, person: Person | None = None, detail: str = "") -> Planted:
    return Planted(code, kit.college.name, person.name if person else None,
                   person.student_id if person else None, detail)


def case_problems(kit: Kit, campaign: Campaign, rnd: random.Random) -> tuple[Kit, list[Planted]]:
    """Four cases, four problems: small life photo, no life photo, too long, two pictures."""
    c = list(kit.cases)
    assert len(c) >= 4, "case_problems needs a college with at least four cases"
    keys = list(campaign.checks.case_sections)
    long_text = texts.sections(rnd, c[2].author.led_class, campaign.checks.case_max_chars + 200, keys)
    c[0] = replace(c[0], photo="small")
    c[1] = replace(c[1], photo="missing")
    c[2] = replace(c[2], sections=long_text)
    c[3] = replace(c[3], pictures=campaign.checks.case_images_min - 1)
    planted = [_p("PHOTO_TOO_SMALL", kit, c[0].author, "作者生活照小于1M"),
               _p("PHOTO_MISSING", kit, c[1].author, "案例文件夹中没有作者生活照"),
               _p("CASE_TOO_LONG", kit, c[2].author, f"案例正文超过{campaign.checks.case_max_chars}字"),
               _p("CASE_IMAGE_COUNT", kit, c[3].author, f"案例只有{campaign.checks.case_images_min - 1}张图片")]
    return replace(kit, cases=tuple(c)), planted


def no_awards_table(kit: Kit) -> tuple[Kit, list[Planted]]:
    planted = replace(_p("DELIVERABLE_MISSING", kit, None, "awards：未提交获奖情况统计表"), deliverable="awards")
    return replace(kit, with_a3=False), [planted]


def case_quota_and_section(kit: Kit) -> tuple[Kit, list[Planted]]:
    """One case too few, and the first case lacks its last section (四、创意与评价)."""
    cases = list(kit.cases[:-1])
    first = cases[0]
    last_key = list(first.sections)[-1]
    cases[0] = replace(first, sections={k: v for k, v in first.sections.items() if k != last_key})
    return replace(kit, cases=tuple(cases)), [
        _p("CASE_QUOTA", kit, None, f"应提交{len(kit.cases)}篇，实交{len(cases)}篇"),
        _p("CASE_SECTION_MISSING", kit, first.author, f"案例缺少“{last_key}”部分")]


def selection_problems(kit: Kit, campaign: Campaign, rnd: random.Random, names: NameBook,
                       intruder: Person) -> tuple[Kit, list[Planted]]:
    """A2: a 2019 student, a 共青团员, a third mentor on one freshman class, and ``intruder``
    (a student already on another college's A2) listed again."""
    a2 = list(kit.a2)
    crowded = a2[0].led_class
    while sum(p.led_class == crowded for p in a2) < campaign.checks.class_max_mentors + 1:
        a2.insert(1, student(rnd, names, campaign, kit.college, campaign.checks.candidate_enrolment_year,
                             0, 3, 40 + len(a2), crowded, campaign.checks.candidate_statuses[0]))
    others = [i for i, p in enumerate(a2) if p.led_class != crowded]
    young = student(rnd, names, campaign, kit.college, campaign.checks.candidate_enrolment_year + 1,
                    1, 1, 30, a2[others[0]].led_class, a2[others[0]].status)
    a2[others[0]] = young
    a2[others[1]] = replace(a2[others[1]], status="共青团员")
    counts = Counter(p.led_class for p in a2)
    a2.append(replace(intruder, led_class=min(counts, key=lambda k: (counts[k], k))))
    return replace(kit, a2=tuple(a2)), [
        _p("CANDIDATE_GRADE", kit, young, f"新聘带班党员为{young.grade}学生"),
        _p("CANDIDATE_STATUS", kit, a2[others[1]], "政治面貌为共青团员"),
        _p("CLASS_OVER_STAFFED", kit, None, f"{crowded}安排了{counts[crowded]}名带班党员"),
        _p("DUPLICATE_PERSON", kit, intruder, "同一学生同时出现在两个学院的新聘学生带班党员汇总表")]


def assessment_problems(kit: Kit, campaign: Campaign) -> tuple[Kit, list[Planted]]:
    """A4/A5 of a college with at least 13 mentors: 标兵 over quota, a 标兵 with a failed
    course, A4 one row short of its stated headcount (that person has an A5: not in summary),
    one A4 person without A5, one A5 with a different 所带班级, 公示 only four days."""
    ratings = campaign.checks.ratings
    people = list(kit.a4)
    models = sum(p.rating == ratings.model for p in people)
    people[0] = replace(people[0], fails=1)
    people[models] = replace(people[models], rating=ratings.model, award="三好学生")
    dropped, no_form, moved = people[-1], people[-2], people[3]
    other_class = next(p.led_class for p in people if p.led_class != moved.led_class)
    kit = replace(kit, a4=tuple(people[:-1]), a5=tuple(p for p in people if p is not no_form),
                  cases=tuple(replace(c, author=people[i]) for i, c in enumerate(kit.cases)),
                  publicity="2020年6月8日至6月11日", a5_overrides={moved.name: {"所带班级": other_class}})
    return kit, [
        _p("MODEL_QUOTA_EXCEEDED", kit, None, f"标兵{models + 1}名，超过名额{models}名"),
        _p("CRITERIA_NOT_MET", kit, people[0], "标兵有1门不及格科目"),
        _p("HEADCOUNT_MISMATCH", kit, None, f"表头带班党员总数{kit.stated_headcount}，实列{len(people) - 1}人"),
        _p("FORM_NOT_IN_SUMMARY", kit, dropped, "有考核审批表但不在考核情况汇总表中"),
        _p("FORM_MISSING", kit, no_form, "在考核情况汇总表中但没有考核审批表"),
        _p("FIELD_MISMATCH", kit, moved, f"审批表所带班级为{other_class}，汇总表为{moved.led_class}"),
        _p("PUBLICITY_TOO_SHORT", kit, None, "公示时间2020年6月8日至6月11日，仅4天")]
