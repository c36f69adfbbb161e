"""Case rules: photos, length, pictures, sections, quota, authors."""

from decimal import Decimal

import chk_build as b
from paperdesk.models import ImageRef

LIFE = "生命科学学院"  # headcount 13


def test_life_photo_of_exactly_one_mib_passes_one_byte_less_fails():
    ok = b.case(b.MATH, "张三", life=False) + [b.photo(b.MATH, f"{b.MATH}优秀带班党员案例.zip!张三/生活照.jpg", 1_048_576)]
    assert b.run(b.sub(ok), "PHOTO_TOO_SMALL") == []
    bad = b.case(b.MATH, "张三", life=False) + [b.photo(b.MATH, f"{b.MATH}优秀带班党员案例.zip!张三/生活照.jpg", 1_048_575)]
    [f] = b.run(b.sub(bad), "PHOTO_TOO_SMALL")
    assert (f.name, f.found, f.expected) == ("张三", "1048575", "≥1048576") and "张三" in f.message


def test_photo_min_bytes_is_read_from_the_campaign():
    camp = b.with_rule(code="PHOTO_TOO_SMALL", min_bytes=2_000_000)
    assert len(b.run(b.sub(b.case(b.MATH, "张三")), "PHOTO_TOO_SMALL", camp)) == 1


def test_embedded_life_photo_counts_as_life_photo_not_picture():
    files = b.case(b.MATH, "张三", images=3, life=False)
    doc = files[0].record
    refs = doc.images + (ImageRef(name="image9.jpg", size=900_000, caption="作者生活照"),)
    files[0] = b.ident(files[0].item.display, b.MATH, "cases", type(doc)(**{**doc.__dict__, "images": refs}))
    assert b.run(b.sub(files), "PHOTO_MISSING") == []
    assert b.run(b.sub(files), "CASE_IMAGE_COUNT") == []
    [small] = b.run(b.sub(files), "PHOTO_TOO_SMALL")
    assert small.name == "张三"


def test_photo_missing_when_author_has_none():
    [f] = b.run(b.sub(b.case(b.MATH, "张三", life=False)), "PHOTO_MISSING")
    assert (f.college, f.name, f.student_id) == (b.MATH, "张三", "201824131101")
    assert b.run(b.sub(b.case(b.MATH, "张三")), "PHOTO_MISSING") == []


def test_photo_found_by_author_name_in_flat_folder():
    folder = f"{b.MATH}优秀带班党员案例.zip!案例"
    files = b.case(b.MATH, "张三", life=False, folder=folder) + b.case(b.MATH, "李四", "201824131102", life=False, folder=folder)
    files.append(b.photo(b.MATH, f"{folder}/张三生活照.jpg", 2_000_000))
    flags = b.run(b.sub(files), "PHOTO_MISSING")
    assert [f.name for f in flags] == ["李四"]


def test_case_of_1500_chars_passes_1501_fails():
    assert b.run(b.sub(b.case(b.MATH, "张三", chars=1500)), "CASE_TOO_LONG") == []
    [f] = b.run(b.sub(b.case(b.MATH, "张三", chars=1501)), "CASE_TOO_LONG")
    assert (f.found, f.expected, f.name) == ("1501", "≤1500", "张三")


def test_image_count_bounds():
    for n, flagged in ((2, True), (3, False), (5, False), (6, True)):
        flags = b.run(b.sub(b.case(b.MATH, "张三", images=n)), "CASE_IMAGE_COUNT")
        assert bool(flags) == flagged, n
        if flags:
            assert flags[0].found == str(n)


def test_separate_pictures_in_the_case_folder_count_and_life_photo_does_not():
    files = b.case(b.MATH, "张三", images=1)  # 1 embedded + a life photo beside it
    folder = f"{b.MATH}优秀带班党员案例.zip!张三"
    files += [b.photo(b.MATH, f"{folder}/图{i}.jpg", 300_000, life=False) for i in range(2)]
    assert b.run(b.sub(files), "CASE_IMAGE_COUNT") == []


def test_separate_pictures_in_shared_folder_need_the_author_name():
    folder = f"{b.MATH}优秀带班党员案例.zip!全部"
    files = b.case(b.MATH, "张三", images=0, folder=folder) + b.case(b.MATH, "李四", "201824131102", images=3, folder=folder)
    files += [b.photo(b.MATH, f"{folder}/张三-图{i}.jpg", 300_000, life=False) for i in range(3)]
    files += [b.photo(b.MATH, f"{folder}/活动{i}.jpg", 300_000, life=False) for i in range(3)]  # nobody's
    assert b.run(b.sub(files), "CASE_IMAGE_COUNT") == []


def test_missing_and_empty_sections():
    secs = dict(b.SECTIONS)
    del secs["效果与启示"]
    secs["创意与评价"] = "  "
    flags = b.run(b.sub(b.case(b.MATH, "张三", sections=secs)), "CASE_SECTION_MISSING")
    assert sorted(f.field for f in flags) == ["创意与评价", "效果与启示"]
    assert b.run(b.sub(b.case(b.MATH, "张三")), "CASE_SECTION_MISSING") == []


def _cases(college, n):
    return [f for i in range(n) for f in b.case(college, f"作者{i}", f"2018241311{i:02d}")]


def test_case_quota_40_percent_of_11_is_4_and_of_13_is_5():
    assert b.run(b.sub(_cases(b.MATH, 4)), "CASE_QUOTA") == []  # 4.4 -> 4
    [f] = b.run(b.sub(_cases(b.MATH, 5)), "CASE_QUOTA")
    assert (f.expected, f.found) == ("4", "5")
    assert b.run(b.sub(_cases(LIFE, 5)), "CASE_QUOTA") == []  # 5.2 -> 5
    [f] = b.run(b.sub(_cases(LIFE, 4)), "CASE_QUOTA")
    assert (f.expected, f.found) == ("5", "4")


def test_case_quota_half_rounds_up():
    camp = b.with_college(headcount=15)
    camp = b.with_rule(camp, "CASE_QUOTA", ratio="0.5")
    assert b.run(b.sub(_cases(b.MATH, 8)), "CASE_QUOTA", camp) == []  # 7.5 -> 8
    assert len(b.run(b.sub(_cases(b.MATH, 7)), "CASE_QUOTA", camp)) == 1


def test_case_quota_headcount_falls_back_to_a4_then_warns():
    camp = b.with_college(headcount=None)
    stated = b.a4(b.MATH, [b.a4row(i + 1, n, s) for i, (n, s) in enumerate(b.people(3))], total=13)
    assert b.run(b.sub(_cases(b.MATH, 5), stated), "CASE_QUOTA", camp) == []  # 13 stated -> 5
    rows_only = b.a4(b.MATH, [b.a4row(i + 1, n, s) for i, (n, s) in enumerate(b.people(13))])
    assert b.run(b.sub(_cases(b.MATH, 5), rows_only), "CASE_QUOTA", camp) == []  # 13 rows -> 5
    [w] = b.run(b.sub(_cases(b.MATH, 5)), "CASE_QUOTA", camp)
    assert w.severity == "warning" and "带班党员总数" in w.message


def test_no_cases_file_at_all_is_left_to_deliverable_missing():
    assert b.run(b.sub(b.a4_of(b.MATH, 11)), "CASE_QUOTA") == []


def test_case_author_must_be_on_a4():
    a4 = b.a4_of(b.MATH, 3)
    name, sid = b.people(3)[0]
    assert b.run(b.sub(a4, b.case(b.MATH, name, sid)), "CASE_AUTHOR_UNKNOWN") == []
    [f] = b.run(b.sub(a4, b.case(b.MATH, "外人", "201824139999")), "CASE_AUTHOR_UNKNOWN")
    assert (f.severity, f.name, f.student_id) == ("warning", "外人", "201824139999")


def test_case_author_without_a4_says_it_lacks_data():
    [f] = b.run(b.sub(b.case(b.MATH, "张三")), "CASE_AUTHOR_UNKNOWN")
    assert f.severity == "warning" and "未收到" in f.message and f.name is None


def test_big_separate_life_photo_covers_a_shrunk_embedded_copy():
    files = b.case(b.MATH, "张三", images=3)  # separate 1.5 MB life photo
    doc = files[0].record
    refs = doc.images + (ImageRef(name="image9.jpg", size=200_000, caption="生活照"),)
    files[0] = b.ident(files[0].item.display, b.MATH, "cases", type(doc)(**{**doc.__dict__, "images": refs}))
    assert b.run(b.sub(files), "PHOTO_TOO_SMALL") == []


def test_unattributed_small_life_photos_are_each_flagged():
    folder = f"{b.MATH}优秀带班党员案例.zip!全部"
    files = b.case(b.MATH, "张三", life=False, folder=folder) + b.case(b.MATH, "李四", "201824131102", life=False, folder=folder)
    files += [b.photo(b.MATH, f"{folder}/生活照{i}.jpg", 500_000) for i in range(2)]
    flags = b.run(b.sub(files), "PHOTO_TOO_SMALL")
    assert len(flags) == 2 and all(f.name is None for f in flags)
    assert len(b.run(b.sub(files), "PHOTO_MISSING")) == 2


def test_life_photo_folder_and_author_subfolders():
    root = f"{b.MATH}优秀带班党员案例.zip!"
    files = b.case(b.MATH, "张三", images=0, life=False, folder=root + "案例")
    files += [b.photo(b.MATH, f"{root}图片/张三/{i}.jpg", 300_000, life=False) for i in range(3)]
    files.append(b.photo(b.MATH, f"{root}生活照/张三.jpg", 2_000_000, life=False))  # extractor saw no keyword in the name
    assert b.run(b.sub(files), "CASE_IMAGE_COUNT") == []
    assert b.run(b.sub(files), "PHOTO_MISSING") == []
    assert b.run(b.sub(files), "PHOTO_TOO_SMALL") == []


def test_a_picture_embedded_and_also_sent_beside_the_case_counts_once():
    from dataclasses import replace

    from paperdesk.models import ImageFile

    files = b.case(b.MATH, "张三", images=3)
    doc = files[0]
    refs = tuple(replace(r, sha256=f"{i:064x}") for i, r in enumerate(doc.record.images))
    files[0] = replace(doc, record=replace(doc.record, images=refs))
    folder = f"{b.MATH}优秀带班党员案例.zip!张三"
    copies = [b.ident(f"{folder}/图{i}.jpg", b.MATH, "cases", ImageFile(f"{folder}/图{i}.jpg", f"图{i}.jpg", 50_000),
                      kind="image", sha=f"{i:064x}") for i in range(3)]
    assert b.run(b.sub(files, copies), "CASE_IMAGE_COUNT") == []  # 3 pictures, not 6
    extra = b.ident(f"{folder}/图9.jpg", b.MATH, "cases", ImageFile(f"{folder}/图9.jpg", "图9.jpg", 50_000), kind="image")
    assert b.run(b.sub(files, copies, extra), "CASE_IMAGE_COUNT") == []  # 4
