"""Validators of OCR readings: repairs and snaps lower the confidence, nothing passes silently."""

from extractors.scan.validate import LOW_CONFIDENCE, snap, validate
from paperdesk.campaign import Column

SID = Column(key="学号", type="student_id")
INT = Column(key="不及格科目数", type="int")
DATE = Column(key="获奖时间", type="date")
ESSAY = Column(key="带班征文", values=("已完成", "未完成"))
TEXT = Column(key="姓名")


def test_student_id_clean_and_repaired():
    ok = validate(SID, "2018 2413 1105", 0.95)
    assert (ok.value, ok.reason) == ("201824131105", None)
    fixed = validate(SID, "2O18241311O5", 0.95)
    assert fixed.value == "201824131105"
    assert fixed.conf < 0.95 and fixed.reason


def test_student_id_wrong_length_is_reported():
    bad = validate(SID, "20182413110", 0.99)
    assert bad.conf < LOW_CONFIDENCE
    assert "12" in bad.reason


def test_integer_fields():
    assert validate(INT, "0", 0.9).value == "0"
    assert validate(INT, "无", 0.9).value == "0"
    repaired = validate(INT, "。", 0.9)
    assert repaired.value == "0" and repaired.conf < 0.9
    assert validate(INT, "两门", 0.99).conf < LOW_CONFIDENCE


def test_dates():
    assert validate(DATE, "2020年6月1日", 0.9).value == "2020-06-01"
    assert validate(DATE, "2020.6.12", 0.9).value == "2020-06-12"
    assert validate(DATE, "去年", 0.9).conf < LOW_CONFIDENCE


def test_snap_to_known_value_with_lower_confidence():
    exact = validate(ESSAY, "已 完 成", 0.95)
    assert (exact.value, exact.conf, exact.reason) == ("已完成", 0.95, None)
    near = validate(ESSAY, "已完戍", 0.95)
    assert near.value == "已完成" and near.conf < LOW_CONFIDENCE and "已完戍" in near.reason
    far = snap("合格", 0.99, ("已完成", "未完成"))
    assert far.value == "合格" and far.conf < LOW_CONFIDENCE


def test_plain_text_keeps_confidence():
    assert validate(TEXT, "张三", 0.97).reason is None
    low = validate(TEXT, "张三", 0.5)
    assert low.reason and low.conf == 0.5
    assert validate(TEXT, "", 0.0).value == ""


def test_date_range_dash_is_the_printed_one():
    plain = Column(key="公示时间")
    assert validate(plain, "2020.6.10一2020.6.16", 0.9).value == "2020.6.10—2020.6.16"
    assert validate(plain, "6月8日-6月12日", 0.9).value == "6月8日—6月12日"
    assert validate(Column(key="联系电话"), "0758-2950462", 0.9).value == "0758-2950462"


def test_a_tick_read_as_a_letter_is_the_tick_where_the_vocabulary_spells_a_meaning_with_it():
    from paperdesk.campaign import Vocabulary

    vocab = Vocabulary(fields=("带班征文",), values={"已完成": ("√", "完成"), "未完成": ("×", "否")})
    tick = validate(TEXT, "V", 0.95, vocab=vocab)
    assert tick.value == "√" and vocab.canonical(tick.value) == "已完成"
    assert LOW_CONFIDENCE <= tick.conf < 0.95 and tick.reason  # repaired: lower, with its reason
    assert validate(TEXT, "x", 0.95, vocab=vocab).value == "×"
    # a vocabulary without the mark: V stays what it is, doubted
    plain = Vocabulary(fields=("带班征文",), values={"已完成": ("完成",), "未完成": ("否",)})
    other = validate(TEXT, "V", 0.95, vocab=plain)
    assert other.value == "V" and other.conf < LOW_CONFIDENCE


def test_a_line_of_tick_boxes_reads_as_the_ticked_option(campaign):
    """口 is how a recogniser reads an empty box □. A tick read before an option is the choice; with
    no tick read, the one option without an empty box before it is taken, but unsure (under
    LOW_CONFIDENCE: only agreement with the electronic copy is taken on it)."""
    rating, essay, record = (campaign.vocabulary(k) for k in ("申报等级", "带班征文", "诚信记录"))
    sure = validate(TEXT, "☑学生带班党员标兵 □优秀学生带班党员", 0.95, vocab=rating)
    assert sure.value == "学生带班党员标兵" and sure.conf >= LOW_CONFIDENCE
    for text, vocab, value in (("口学生带班党员标兵优秀学生带班党员", rating, "优秀学生带班党员"),
                               ("已完成口未完成", essay, "已完成"), ("无口有不良记录", record, "无")):
        got = validate(TEXT, text, 0.95, vocab=vocab)
        assert got.value == value and got.conf < LOW_CONFIDENCE and "空框" in got.reason
    for text in ("口学生带班党员标兵口优秀学生带班党员", "√标兵 √优秀"):  # none ticked, or two
        got = validate(TEXT, text, 0.95, vocab=rating)
        assert got.value == text and got.conf < LOW_CONFIDENCE


def test_a_tick_is_sure_only_when_every_other_option_shows_its_empty_box(campaign):
    rating = campaign.vocabulary("申报等级")
    half = validate(TEXT, "☑学生带班党员标兵优秀学生带班党员", 0.95, vocab=rating)  # the other box lost
    assert half.value == "学生带班党员标兵" and half.conf < LOW_CONFIDENCE and half.reason
