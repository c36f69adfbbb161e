"""Splitting a multi-page scan into its forms."""

from pagegen import A5_ROWS, page_read
from test_mapping import A4_HEADER, A4_ROW

from extractors.scan.split import START_SCORE, page_form, split_pages

A2_HEADER = ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"]
A4_TITLE = ["肇庆学院学生带班党员考核情况汇总表"]
A5_TITLE = ["肇庆学院学生带班党员考核审批表"]


def test_page_form_by_labels_and_title(campaign):
    assert page_form(campaign, page_read(A5_ROWS, lines=A5_TITLE))[0] == "A5"
    assert page_form(campaign, page_read([A4_HEADER, A4_ROW]))[0] == "A4"
    assert page_form(campaign, page_read([A2_HEADER]))[0] == "A2"
    form, score, titled = page_form(campaign, page_read([A4_HEADER], lines=A4_TITLE))
    assert (form, titled) == ("A4", True) and score > 1


def test_many_a5_forms_in_one_file(campaign):
    second_page = [["带班工作主要事迹", "组织新生入学教育"], ["学院党委意见", "同意"], ["学校审批意见", ""]]
    pages = [page_read(A5_ROWS, 0), page_read(second_page, 1), page_read(A5_ROWS, 2), page_read(second_page, 3)]
    segments = split_pages(campaign, pages)
    assert [(s.form, s.pages) for s in segments] == [("A5", (0, 1)), ("A5", (2, 3))]


def test_a4_continued_then_a2(campaign):
    pages = [
        page_read([A4_HEADER, A4_ROW], 0, A4_TITLE),
        page_read([A4_HEADER, A4_ROW], 1),  # header repeated on the next page: same form
        page_read([A4_ROW], 2),  # rows only: same form
        page_read([A2_HEADER, ["1"]], 3, ["肇庆学院2020—2021学年度新聘学生带班党员汇总表"]),
    ]
    segments = split_pages(campaign, pages)
    assert [(s.form, s.pages) for s in segments] == [("A4", (0, 1, 2)), ("A2", (3,))]


def test_free_text_pages(campaign):
    pages = [page_read([["本学期工作总结"]], 0), page_read([["一、主要做法"]], 1)]
    assert [(s.form, s.pages) for s in split_pages(campaign, pages)] == [(None, (0, 1))]


def _prose_page(index: int, lines: list[str]):
    from extractors.scan.model import PageRead, Word

    return PageRead(index, (), tuple(Word(t, (100, 100 + 60 * i, 1500, 140 + 60 * i), 0.95) for i, t in enumerate(lines)))


def test_a_work_summary_scanned_after_a_table_is_its_own_document(campaign):
    """One PDF per college: A4, A2, then the work summary. The summary (no table, its heading
    names a deliverable without a form) must not continue the A2, or the A2 takes its seal."""
    pages = [
        page_read([A4_HEADER, A4_ROW], 0, A4_TITLE),
        page_read([A2_HEADER, ["1"]], 1, ["肇庆学院2020—2021学年度新聘学生带班党员汇总表"]),
        _prose_page(2, ["电子与电气工程学院", "学生带班工作总结", "一年来，我院学生带班党员……"]),
        _prose_page(3, ["二、存在的不足", "……"]),
    ]
    segments = split_pages(campaign, pages)
    assert [(s.form, s.pages) for s in segments] == [("A4", (0,)), ("A2", (1,)), (None, (2, 3))]


def test_a_page_without_a_heading_still_continues_the_form(campaign):
    """Prose with no deliverable named in its heading (the 事迹 of a long A5, a table whose ruling
    was not found) stays with the form before it: splitting on weak evidence would move the seal."""
    pages = [page_read(A5_ROWS, 0, A5_TITLE), _prose_page(1, ["组织新生入学教育，开展学风建设……", "学院党委意见：同意"])]
    assert [(s.form, s.pages) for s in split_pages(campaign, pages)] == [("A5", (0, 1))]


def test_a_form_typed_with_labels_and_values_in_one_cell_is_that_form(campaign):
    from test_mapping import INLINE_A5

    form, score, _ = page_form(campaign, page_read(INLINE_A5, lines=["肇庆学院学生带班党员考核审批表"]))
    assert form == "A5" and score >= START_SCORE
