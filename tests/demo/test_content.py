"""The demo's content: clean colleges obey every rule; each planted problem is really there."""

import zipfile
import io
from collections import Counter, defaultdict
from decimal import Decimal

import docx
import pytest

from paperdesk import textnorm
from . import reading

BRIEF_CODES = {
    "PHOTO_TOO_SMALL", "PHOTO_MISSING", "CASE_TOO_LONG", "CASE_IMAGE_COUNT", "CASE_SECTION_MISSING",
    "CASE_QUOTA", "ARCHIVE_NAME_INVALID", "MODEL_QUOTA_EXCEEDED", "CRITERIA_NOT_MET", "HEADCOUNT_MISMATCH",
    "PUBLICITY_TOO_SHORT", "FORM_MISSING", "FORM_NOT_IN_SUMMARY", "FIELD_MISMATCH", "CANDIDATE_GRADE",
    "CANDIDATE_STATUS", "CLASS_OVER_STAFFED", "DUPLICATE_FILE", "UNREADABLE_FILE", "LATE_SUBMISSION",
    "UNKNOWN_COLLEGE", "DELIVERABLE_MISSING", "DUPLICATE_PERSON",
}


class College:
    def __init__(self):
        self.tables, self.forms, self.cases, self.summaries = {}, [], [], []


@pytest.fixture(scope="session")
def by_college(leaves, campaign):
    """Every readable document grouped by the college it names inside (not by path)."""
    titles = {f.title: k for k, f in campaign.forms.items()}
    out = defaultdict(College)
    for path, data in leaves.items():
        if path.endswith(".xlsx"):
            t = reading.table(data)
            college = campaign.resolve_college(reading.header_field(t.header, "学院"))
            out[college].tables.setdefault(titles[t.title], []).append((path, t))
        elif path.endswith(".docx") and not any(s in path for s in ("~$", "照片说明", "__MACOSX")):
            if reading.is_approval(data):
                f = reading.approval(data)
                out[f["学院"]].forms.append(f)
            elif reading.is_case(data):
                c = reading.case(data)
                folder = path.rsplit("/", 1)[0]
                images = [k for k in leaves if k.startswith(folder + "/") and k.endswith(".jpg")]
                photos = [len(leaves[k]) for k in images if "生活照" in k]
                out[c.author["学院"]].cases.append((c, c.pictures + len(images) - len(photos), photos))
            else:
                out[campaign.find_college(docx.Document(io.BytesIO(data)).paragraphs[0].text)].summaries.append(path)
    return out


def _quota(campaign, ratio, college):
    return textnorm.round_half_up(ratio * Decimal(campaign.college(college).headcount))


def test_manifest_covers_every_planted_code(demo):
    _, manifest = demo
    assert BRIEF_CODES <= manifest.codes()
    assert all(p.college in manifest.colleges or p.code == "UNKNOWN_COLLEGE" for p in manifest.problems)
    assert not {p.college for p in manifest.problems} & set(manifest.clean_colleges)
    assert len(manifest.colleges) >= 5 and len(manifest.clean_colleges) >= 2
    assert '"clean_colleges"' in manifest.to_json()


@pytest.mark.parametrize("college", ["马克思主义学院", "食品与制药工程学院"])
def test_clean_college_meets_every_rule(by_college, campaign, college):
    ch, c = campaign.checks, by_college[college]
    headcount = campaign.college(college).headcount
    [(_, a4)] = c.tables["A4"]
    assert len(a4.rows) == headcount == int(reading.header_field(a4.header, "带班党员总数"))
    assert reading.publicity_days(reading.header_field(a4.header, "公示时间")) >= ch.publicity_min_days
    models = [r for r in a4.rows if r["考核等级"] == ch.ratings.model]
    assert 1 <= len(models) <= _quota(campaign, ch.model_quota_ratio, college)
    for r in models:
        assert (r["不及格科目数"], r["所带班级违纪人数"], r["带班征文"], r["诚信记录"]) == ("0", "0", "已完成", "无")
        assert any(k in r["获奖情况"] for k in ch.award_keywords)
    rule = campaign.reconcile[0]
    forms = {f["姓名"]: f for f in c.forms}
    assert sorted(forms) == sorted(r["姓名"] for r in a4.rows)
    for r in a4.rows:
        assert all(r[left] == forms[r["姓名"]][right] for left, right in rule.fields.items()), r["姓名"]
    [(_, a3)] = c.tables["A3"]
    people = {(r["姓名"], r["学号"], r["所带班级"]) for r in a4.rows}
    assert a3.rows and all((r["姓名"], r["学号"], r["所带班级"]) in people for r in a3.rows)
    [(_, a2)] = c.tables["A2"]
    assert all(r["学号"].startswith(str(ch.candidate_enrolment_year)) and len(r["学号"]) == 12 for r in a2.rows)
    assert all(r["政治面貌"] in ch.candidate_statuses for r in a2.rows)
    assert max(Counter(r["所带新生班级"] for r in a2.rows).values()) <= ch.class_max_mentors
    assert len(c.cases) == _quota(campaign, ch.case_quota_ratio, college)
    for case, pictures, photos in c.cases:
        assert list(case.sections) == [s.label for s in campaign.forms["A1"].sections]
        assert case.chars <= ch.case_max_chars and ch.case_images_min <= pictures <= ch.case_images_max
        assert len(photos) == 1 and photos[0] >= ch.photo_min_bytes
        assert case.author["学号"] in {r["学号"] for r in a4.rows}
    assert any(cs.pictures for cs, _, _ in c.cases)  # some pictures embedded
    assert any(cs.pictures == 0 for cs, _, _ in c.cases)  # and some beside the docx
    assert len(c.summaries) == 1


def _planted(manifest, code, deliverable=None):
    [p] = [p for p in manifest.problems if p.code == code and (deliverable is None or p.deliverable == deliverable)]
    return p


def test_case_problems_are_in_the_documents(demo, by_college, campaign):
    _, m = demo
    cases = {cs.author["姓名"]: (cs, n, ph) for c in by_college.values() for cs, n, ph in c.cases}
    assert cases[_planted(m, "CASE_TOO_LONG").name][0].chars > campaign.checks.case_max_chars
    assert cases[_planted(m, "CASE_IMAGE_COUNT").name][1] == campaign.checks.case_images_min - 1
    assert "四、创意与评价" not in cases[_planted(m, "CASE_SECTION_MISSING").name][0].sections
    assert cases[_planted(m, "PHOTO_TOO_SMALL").name][2][0] < campaign.checks.photo_min_bytes
    assert cases[_planted(m, "PHOTO_MISSING").name][2] == []
    q = _planted(m, "CASE_QUOTA").college
    assert len(by_college[q].cases) == _quota(campaign, campaign.checks.case_quota_ratio, q) - 1


def test_assessment_problems_are_in_the_documents(demo, by_college, campaign):
    _, m = demo
    ch = campaign.checks
    college = _planted(m, "HEADCOUNT_MISMATCH").college
    [(_, a4)] = by_college[college].tables["A4"]
    rows = {r["姓名"]: r for r in a4.rows}
    forms = {f["姓名"]: f for f in by_college[college].forms}
    assert int(reading.header_field(a4.header, "带班党员总数")) != len(a4.rows)
    assert sum(r["考核等级"] == ch.ratings.model for r in a4.rows) > _quota(campaign, ch.model_quota_ratio, college)
    bad = rows[_planted(m, "CRITERIA_NOT_MET").name]
    assert bad["考核等级"] == ch.ratings.model and bad["不及格科目数"] == "1"
    assert reading.publicity_days(reading.header_field(a4.header, "公示时间")) == 4
    assert _planted(m, "FORM_MISSING").name in rows and _planted(m, "FORM_MISSING").name not in forms
    assert _planted(m, "FORM_NOT_IN_SUMMARY").name in forms and _planted(m, "FORM_NOT_IN_SUMMARY").name not in rows
    moved = _planted(m, "FIELD_MISMATCH").name
    assert forms[moved]["所带班级"] != rows[moved]["所带班级"]
    assert all(forms[n]["所带班级"] == rows[n]["所带班级"] for n in rows if n in forms and n != moved)
    assert "A3" not in by_college[_planted(m, "DELIVERABLE_MISSING", "awards").college].tables


def test_selection_problems_are_in_the_documents(demo, by_college, campaign):
    _, m = demo
    ch = campaign.checks
    [(_, a2)] = by_college[_planted(m, "CANDIDATE_GRADE").college].tables["A2"]
    rows = {r["姓名"]: r for r in a2.rows}
    assert not rows[_planted(m, "CANDIDATE_GRADE").name]["学号"].startswith(str(ch.candidate_enrolment_year))
    assert rows[_planted(m, "CANDIDATE_STATUS").name]["政治面貌"] not in ch.candidate_statuses
    counts = Counter(r["所带新生班级"] for r in a2.rows)
    assert sorted(counts.values())[-1] == ch.class_max_mentors + 1 and sorted(counts.values())[-2] <= ch.class_max_mentors
    dup = _planted(m, "DUPLICATE_PERSON")
    seen = [c for c, col in by_college.items() for _, t in col.tables.get("A2", []) for r in t.rows if r["学号"] == dup.student_id]
    assert len(seen) == 2 and dup.college in seen


def test_intake_problems_are_in_the_files(demo, leaves, by_college):
    inbox, m = demo
    assert None in by_college and by_college[None].tables["A3"]  # the file naming no college
    [unknown] = [p for p, _ in by_college[None].tables["A3"]]
    assert unknown == "新建文件夹/汇总表(1).xlsx"
    broken = [k for k in leaves if k.endswith("照片说明.docx")]
    assert len(broken) == 1 and _planted(m, "UNREADABLE_FILE").college in broken[0]
    with pytest.raises(zipfile.BadZipFile):
        docx.Document(io.BytesIO(leaves[broken[0]]))
    dups = [p for p, _ in by_college["音乐学院"].tables["A4"]]
    assert len(dups) == 2 and leaves[dups[0]] == leaves[dups[1]]
    assert not any(p.name.endswith("优秀带班党员案例.zip") for p in (inbox / "数学与统计学院").iterdir())
