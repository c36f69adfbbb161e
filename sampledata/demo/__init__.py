"""The demo inbox: a realistic, deterministic sample of what colleges send, with planted problems.

    make_demo(inbox: Path, campaign) -> DemoManifest

writes the same bytes every run (seeded names and pictures, fixed zip and document timestamps,
fixed file mtimes in June 2020) and returns the answer key: every planted problem as
(code, college, name or None, student_id or None) plus a Chinese detail, and the clean colleges.

What each college carries (headcounts and quotas read from the campaign):

- 马克思主义学院 — CLEAN. ``马克思主义学院/``: ``马克思主义学院优秀带班党员案例.zip`` (GBK names, one
  folder per case: case docx, 3–5 pictures embedded or as 图N.jpg beside it, ``<姓名>生活照.jpg``
  > 1 MiB), A2/A3/A4 xlsx, ``考核审批表/<姓名>-考核审批表.docx`` (one per A4 row), work summary.
- 食品与制药工程学院 — CLEAN. ``邮件/学生带班党员工作材料.eml`` (Date 2020-06-19 16:32 +0800, subject
  names the college, sender spzy-xgb@xx.zqu.edu.cn): cases zip, A2/A3/A4, A5s, summary as
  attachments; names alternate RFC 2047 (GBK encoded words) and RFC 2231.
- 音乐学院 — ``音乐学院+优秀带班党员案例.zip`` (literal '+', accepted): PHOTO_TOO_SMALL, PHOTO_MISSING,
  CASE_TOO_LONG, CASE_IMAGE_COUNT (one case each); no A3 (DELIVERABLE_MISSING); work summary mtime
  2020-06-24 (LATE_SUBMISSION); its A4 again as ``转发/音乐学院考核情况汇总表.xlsx``
  (DUPLICATE_FILE); clutter ``Thumbs.db`` and ``~$学生带班工作总结.docx``.
- 数学与统计学院 — cases zip named ``数学学院案例.zip``: an alias, so ARCHIVE_NAME_INVALID is raised
  for 数学与统计学院 (the alias still attributes the archive; its cases are counted) and it holds
  ``__MACOSX/…/._x`` clutter; one case too few (CASE_QUOTA); one case without 四、创意与评价
  (CASE_SECTION_MISSING); A2 with a 2019 student (CANDIDATE_GRADE), a 共青团员 (CANDIDATE_STATUS),
  three mentors on its first freshman class (CLASS_OVER_STAFFED) and a 生命科学学院 student who is
  also on that college's A2 (DUPLICATE_PERSON, listed once, under 数学与统计学院); a truncated
  docx ``带班工作照片说明.docx`` (UNREADABLE_FILE).
- 生命科学学院 — everything in ``生命科学学院带班党员材料.zip`` with the cases zip nested inside;
  A4 states 13 but lists 12 (HEADCOUNT_MISMATCH; the 13th has an A5: FORM_NOT_IN_SUMMARY); one A4
  person without A5 (FORM_MISSING); one A5 whose 所带班级 differs (FIELD_MISMATCH); 3 标兵 for a
  quota of 2 (MODEL_QUOTA_EXCEEDED); a 标兵 with 不及格科目数 1 (CRITERIA_NOT_MET); 公示
  6月8日至6月11日 (PUBLICITY_TOO_SHORT).
- ``新建文件夹/汇总表(1).xlsx`` — an awards table naming no college (UNKNOWN_COLLEGE).

Paper halves (``sampledata.demo.scans``, synthetic scans at 150 dpi, JPEG-compressed): the two
clean colleges send sealed colour scans of A4 (PDF), A2 (JPG), all A5s in one multi-page PDF and
the work summary (PDF), so they stay free of error flags. 音乐学院's A4 scan has no seal
(SEAL_MISSING) and its A2 is scanned in grey (sealed: no flag); 数学与统计学院's A4 scan is a JPG
turned 90° and its A2 scan carries 生命科学学院's seal (COLLEGE_CONFLICT); 生命科学学院's A4 scan
rates one person 合格 where the xlsx says 优秀 (PAPER_ELECTRONIC_MISMATCH on that person's
考核等级). Paper halves that never arrived (those colleges' A5s and work summaries, 生命科学学院's A2)
are DELIVERABLE_MISSING with their ``deliverable`` in the manifest.
"""

from sampledata.demo.manifest import DemoManifest, Planted
from sampledata.demo.scenario import make_demo

__all__ = ["DemoManifest", "Planted", "make_demo"]
