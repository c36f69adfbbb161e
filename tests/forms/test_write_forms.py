"""write_forms: five files, blank or pre-filled in a college's folder; quotas half up."""

import docx
import openpyxl
import pytest

from paperdesk.campaign import College
from writers.forms import UnknownCollegeError, quotas, write_forms
from writers.forms.tables import HEADER_ROW, NOTE_ROW


def test_blank_forms_are_written_with_their_file_names(campaign, tmp_path):
    paths = write_forms(campaign, tmp_path)
    assert [p.name for p in paths] == [campaign.forms[k].file_name for k in sorted(campaign.forms)]
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in paths)
    a4 = openpyxl.load_workbook(paths[3]).active
    assert "带班党员总数：____" in a4.cell(HEADER_ROW, 1).value
    assert not list(tmp_path.glob(".tmp-*"))


def test_prefilled_forms_carry_name_headcount_and_quotas(campaign, tmp_path):
    paths = write_forms(campaign, tmp_path, college="数学学院")  # an alias
    assert all(p.parent == tmp_path / "数学与统计学院" for p in paths)
    # 数学与统计学院: headcount 11 → cases round(4.4) = 4, 标兵 round(1.65) = 2
    note = "本院应提交优秀带班党员案例 4 篇；学生带班党员标兵名额不超过 2 名"
    a1 = docx.Document(paths[0])
    assert any(note in p.text for p in a1.paragraphs)
    assert any("学院：数学与统计学院" in p.text for p in a1.paragraphs)
    for i in (1, 2, 3):
        ws = openpyxl.load_workbook(paths[i]).active
        assert "数学与统计学院" in ws.cell(HEADER_ROW, 1).value
        assert note in ws.cell(NOTE_ROW, 1).value
    a4 = openpyxl.load_workbook(paths[3]).active
    assert "带班党员总数：11" in a4.cell(HEADER_ROW, 1).value
    a5 = docx.Document(paths[4])
    assert note in a5.paragraphs[1].text
    cells = [c.text for c in a5.tables[0].rows[1].cells]
    assert cells[cells.index("学院") + 1] == "数学与统计学院"


def test_unknown_college_is_refused_with_the_known_names(campaign, tmp_path):
    with pytest.raises(UnknownCollegeError, match="音乐学院"):
        write_forms(campaign, tmp_path, college="霍格沃茨学院")


@pytest.mark.parametrize("headcount,cases,models", [(30, 12, 5), (10, 4, 2), (8, 3, 1), (13, 5, 2), (11, 4, 2)])
def test_quotas_round_half_up(campaign, headcount, cases, models):
    q = quotas(campaign, College(name="某学院", headcount=headcount))
    assert (q.of("优秀带班党员案例"), q.of("学生带班党员标兵")) == (cases, models)


def test_no_headcount_no_quota(campaign):
    assert quotas(campaign, College(name="某学院")) is None
