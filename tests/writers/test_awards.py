"""Issue 13: the judging sheet read back, certificates (PDF through LibreOffice, numbers kept) and
the booklet (contents with the PDF's page numbers, pictures, no 学号 and no life photo).

Fixtures are the demo's clean colleges written in code (``awards_support``) and the run's own
steps without Prefect; the PDFs are checked with pdftotext / pdfinfo / pdfimages."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil

import pytest
import yaml
from openpyxl import load_workbook

from flows import awards
from flows.steps import AWARDS_SNAPSHOT
from paperdesk.campaign import DEFAULT_CAMPAIGN, CampaignError, load_campaign
from paperdesk.state import State
from awards_support import DAY, pdf_images, pdf_pages, pdf_text, run_steps, write_college

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice and poppler-utils are part of the runtime")

MATHS, MUSIC = "数学与统计学院", "音乐学院"


@pytest.fixture(scope="module")
def campaign():
    return load_campaign()


def folders(tmp_path):
    return tmp_path / "inbox", tmp_path / "outbox", tmp_path / "state"


def entries(state_dir):
    return State(state_dir).snapshot(AWARDS_SNAPSHOT)["entries"]


def sheet_rows(outbox, campaign):
    ws = load_workbook(outbox / campaign.awards.judging.file_name).worksheets[0]
    head = [c.value for c in ws[2]]
    return ws, head, [dict(zip(head, (c.value for c in row))) for row in ws.iter_rows(min_row=3)]


def set_cell(outbox, campaign, key, column, value):
    """What staff do in Excel/WPS: change one cell of the published sheet and save it in place."""
    path = outbox / campaign.awards.judging.file_name
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    head = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        if row[head.index("标识")].value == key:
            row[head.index(column)].value = value
    wb.save(path)


# ---------------------------------------------------------------------------- judging sheet


def test_judging_sheet_lists_passing_cases_reads_staff_edits_and_shows_conflicts(tmp_path, campaign):
    inbox, outbox, state_dir = folders(tmp_path)
    kit = write_college(inbox, campaign, MATHS, seed=1)
    summary = run_steps(inbox, outbox, state_dir, campaign)
    s = campaign.awards.judging
    ws, head, rows = sheet_rows(outbox, campaign)
    assert summary["entries"] == len(kit["cases"]) == len(rows) == 2
    assert head[:9] == ["序号", "学院", "作者", "学号", "标题", "字数", "图片数", s.prize_column, s.booklet_column]
    assert {r["作者"]: r["标题"] for r in rows} == kit["cases"]
    assert all(r[s.prize_column] is None and r[s.booklet_column] is None for r in rows)
    lists = sorted(dv.formula1 for dv in ws.data_validations.dataValidation)
    assert lists == ['"' + ",".join(s.prizes) + '"', f'"{s.selected},{s.not_selected}"']
    assert ws.column_dimensions[[k for k, d in ws.column_dimensions.items() if d.hidden][0]].hidden

    first, second = rows[0]["标识"], rows[1]["标识"]
    set_cell(outbox, campaign, first, s.prize_column, s.prizes[1])   # staff fill the sheet …
    set_cell(outbox, campaign, second, s.booklet_column, "一等")      # … one value is not allowed
    summary = run_steps(inbox, outbox, state_dir, campaign)
    state = State(state_dir)
    judged = state.judgments()
    assert judged[(first, "prize")]["sheet"]["value"] == s.prizes[1]
    assert any("一等" in p for p in summary["problems"])
    _, _, rows = sheet_rows(outbox, campaign)
    assert rows[0][s.prize_column] == s.prizes[1] and not rows[0]["评审说明"]
    assert [a["action"] for a in state.audit(first)] == ["judge-sheet"]

    # the page changes it, then staff type another value in the sheet they had open: a conflict
    state.judge(first, "prize", "web", s.prizes[0], who="李老师")
    set_cell(outbox, campaign, first, s.prize_column, s.prizes[2])
    summary = run_steps(inbox, outbox, state_dir, campaign)
    assert summary["conflicts"] == 1
    ws, head, rows = sheet_rows(outbox, campaign)
    assert rows[0][s.prize_column] == s.prizes[2]
    assert s.prizes[0] in rows[0]["评审说明"] and s.prizes[2] in rows[0]["评审说明"]
    assert ws.cell(3, head.index(s.prize_column) + 1).fill.fgColor.rgb.endswith("FFC7CE")
    found = awards.verdicts_now(state, state.snapshot(AWARDS_SNAPSHOT))
    assert found[first].prize == "" and found[first].conflicts == {"prize": (s.prizes[0], s.prizes[2])}

    # a run without edits changes nothing; the same conflict stays shown, not guessed
    before = state.judgments()
    run_steps(inbox, outbox, state_dir, campaign)
    assert {k: {s_: v["value"] for s_, v in d.items()} for k, d in state.judgments().items()} == \
           {k: {s_: v["value"] for s_, v in d.items()} for k, d in before.items()}


# ---------------------------------------------------------------------------- certificates


def one_model_fails(kit):
    """The college's 标兵 has a failed course: CRITERIA_NOT_MET, an error on that person."""
    model = kit.a4[0]
    bad = dataclasses.replace(model, fails=1)
    return dataclasses.replace(kit, a4=(bad, *kit.a4[1:]),
                               a5=tuple(bad if p.name == model.name else p for p in kit.a5))


def certificate_list(outbox, campaign):
    wb = load_workbook(outbox / campaign.awards.certificates.folder / campaign.awards.certificates.list_file)
    issued = [[c.value for c in row] for row in wb["证书清单"].iter_rows(min_row=3)]
    left = [[c.value for c in row] for row in wb["未发证书"].iter_rows(min_row=3)]
    return issued, left


def test_certificates_pdf_open_error_gets_none_and_numbers_survive_a_new_college(tmp_path, campaign):
    inbox, outbox, state_dir = folders(tmp_path)
    kit = write_college(inbox, campaign, MATHS, seed=1, tweak=one_model_fails)
    run_steps(inbox, outbox, state_dir, campaign)
    model = next(n for n, r in kit["people"].items() if r == campaign.checks.ratings.model)
    flags = json.loads((outbox / "flags.json").read_text("utf-8"))["flags"]
    assert any(f["code"] == "CRITERIA_NOT_MET" and f["name"] == model and f["severity"] == "error" for f in flags)
    state = State(state_dir)
    prizes = campaign.awards.judging.prizes
    cases = entries(state_dir)
    state.judge(cases[0]["key"], "prize", "web", prizes[0], who="李老师")
    state.judge(cases[1]["key"], "prize", "web", prizes[3], who="李老师")

    report = awards.make_certificates(outbox, state_dir, campaign, day=DAY)
    honour, prize = campaign.awards.certificates.kinds
    folder = outbox / campaign.awards.certificates.folder
    honoured = len(kit["people"]) - 1
    assert report.counts == {honour.title: honoured, prize.title: 2, "未发": 1}
    assert pdf_pages(folder / f"{honour.file_name}.pdf") == honoured  # one certificate a page
    assert pdf_pages(folder / f"{prize.file_name}.pdf") == 2
    text = pdf_text(folder / f"{honour.file_name}.pdf")
    assert model not in text  # the person with an open error flag gets none …
    issued, left = certificate_list(outbox, campaign)
    assert [row[2] for row in left] == [model] and "不及格" in left[0][5]  # … and the list says why
    page1 = re.sub(r"\s+", "", pdf_text(folder / f"{honour.file_name}.pdf", 1))
    first = issued[0]
    assert first[0] == "ZQU-2020-RY-001" and first[1] in page1 and first[0] in page1
    assert honour.issuer in page1 and "二〇二〇年七月一日" in page1 and honour.title in page1.replace(" ", "")
    prize_page = re.sub(r"\s+", "", pdf_text(folder / f"{prize.file_name}.pdf", 1))
    assert cases[0]["title"] in prize_page and prizes[0] in prize_page and "ZQU-2020-AL-001" in prize_page
    numbers = {(r[1], r[4]): r[0] for r in issued}
    assert set(r[0] for r in issued) == {f"ZQU-2020-RY-{n:03d}" for n in range(1, honoured + 1)} | {
        "ZQU-2020-AL-001", "ZQU-2020-AL-002"}

    # another college sends its files: earlier numbers stay, the new people come after them
    write_college(inbox, campaign, MUSIC, seed=2)
    run_steps(inbox, outbox, state_dir, campaign)
    awards.make_certificates(outbox, state_dir, campaign, day=DAY, pdf=False)
    issued, _ = certificate_list(outbox, campaign)
    again = {(r[1], r[4]): r[0] for r in issued}
    assert {k: again[k] for k in numbers} == numbers
    music = sorted(n for (name, kind), n in again.items() if (name, kind) not in numbers)
    assert music and music[0] == f"ZQU-2020-RY-{honoured + 1:03d}"

    # staff waive the flagged person's errors: a certificate with a new number, nobody renumbered
    for f in json.loads((outbox / "flags.json").read_text("utf-8"))["flags"]:
        if f["name"] == model and f["severity"] == "error":
            state.decide(f["id"], "waived", reason="学院已说明：补考已通过", who="李老师", fingerprint=f["fingerprint"])
    awards.make_certificates(outbox, state_dir, campaign, day=DAY, pdf=False)
    issued, left = certificate_list(outbox, campaign)
    last = {(r[1], r[4]): r[0] for r in issued}
    assert {k: last[k] for k in again} == again and not left
    assert last[(model, honour.title)] == f"ZQU-2020-RY-{len(again) - 2 + 1:03d}"


def test_preprinted_prints_only_the_variable_text(tmp_path, campaign):
    inbox, outbox, state_dir = folders(tmp_path)
    write_college(inbox, campaign, MATHS, seed=1)
    run_steps(inbox, outbox, state_dir, campaign)
    report = awards.make_certificates(outbox, state_dir, campaign, day=DAY, preprinted=True)
    honour = campaign.awards.certificates.kinds[0]
    pdf = next(p for p in report.files if p.name == f"{honour.file_name}（套打）.pdf")
    page = pdf_text(pdf, 1)
    assert "ZQU-2020-RY-001" in page and "二〇二〇年七月一日" in page
    assert honour.title not in page and honour.issuer not in page  # the paper already carries them
    assert pdf_pages(pdf) == report.counts[honour.title]


# ---------------------------------------------------------------------------- booklet


def test_booklet_contents_page_numbers_pictures_and_privacy(tmp_path, campaign):
    inbox, outbox, state_dir = folders(tmp_path)
    kit = write_college(inbox, campaign, MATHS, seed=1)
    run_steps(inbox, outbox, state_dir, campaign)
    state = State(state_dir)
    s = campaign.awards.judging
    cases = entries(state_dir)
    state.judge(cases[0]["key"], "prize", "web", s.prizes[2], who="李老师")   # 三等奖 …
    state.judge(cases[1]["key"], "prize", "web", s.prizes[0], who="李老师")   # … and 一等奖: printed first
    for c in cases:
        state.judge(c["key"], "booklet", "web", s.selected, who="李老师")
    report = awards.make_booklet(outbox, state_dir, campaign, day=DAY)
    pdf = outbox / f"{campaign.awards.booklet.file_name}.pdf"
    assert (outbox / f"{campaign.awards.booklet.file_name}.docx").is_file()
    pages = pdf_pages(pdf)
    assert report.counts == {"作品": 2, "页数": pages} and pages >= 4
    toc = pdf_text(pdf, 2)
    listed = re.findall(r"^\s*(\S.*?)（.*?）\.{3,}\s*(\d+)\s*$", toc, re.M)
    assert [t for t, _ in listed] == [cases[1]["title"], cases[0]["title"]]  # by prize, best first
    for title, page in listed:  # the contents' page numbers are the PDF's: the record starts there
        text = pdf_text(pdf, int(page))
        assert re.sub(r"\s+", "", text).startswith(title) and re.search(rf"—\s*{page}\s*—", text)
    everything = pdf_text(pdf)
    assert not any(sid in everything for sid in kit["ids"].values())  # never the 学号
    assert all(name in everything for name in kit["cases"])  # names in full, as the campaign says
    for label in ("一、背景与起因", "四、创意与评价"):
        assert everything.count(label) == 2
    pictures = sum(len(c["pictures"]) for c in cases)
    assert pictures >= 6 and len(pdf_images(pdf)) == pictures  # every picture, and no life photo
    assert everything.count("图1") == 2


def test_booklet_needs_selected_cases(tmp_path, campaign):
    inbox, outbox, state_dir = folders(tmp_path)
    write_college(inbox, campaign, MATHS, seed=1)
    run_steps(inbox, outbox, state_dir, campaign)
    with pytest.raises(awards.AwardsError, match="入选汇编"):
        awards.make_booklet(outbox, state_dir, campaign, day=DAY)


def test_certificates_before_any_run_say_so(tmp_path, campaign):
    with pytest.raises(awards.AwardsError, match="paperdesk run"):
        awards.make_certificates(tmp_path / "outbox", tmp_path / "state", campaign, day=DAY)


# ---------------------------------------------------------------------------- the campaign section


@pytest.mark.parametrize("path, value, words", [
    (("certificates", "numbering"), "ZQU-{kind}", "编号格式"),
    (("booklet", "author_line"), "{姓名}（{学号}）", "隐私"),
    (("judging", "prizes"), ["一等奖", "一等奖"], "重复"),
    (("certificates", "kinds", 0, "template"), "certificates/没有这个.docx", "找不到证书模板"),
])
def test_awards_section_is_validated_in_chinese_naming_the_key(tmp_path, path, value, words):
    data = yaml.safe_load(DEFAULT_CAMPAIGN.read_text(encoding="utf-8"))
    node = data["awards"]
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CampaignError) as e:
        load_campaign(bad)
    assert words in str(e.value) and "awards" in str(e.value)
