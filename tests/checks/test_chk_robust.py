"""Bad input is data: whatever strings the extractors hand over, the checks return flags, never raise."""

from hypothesis import HealthCheck, given, settings, strategies as st

import checks
import chk_build as b
from paperdesk.models import TableRow

text = st.text(alphabet=st.sampled_from(list("0123456789.-年月日至无有已未完成标兵优秀合格学生带班党员 ０Ｅ+e张三")), max_size=14)
cells = st.fixed_dictionaries({k: text for k in ("姓名", "学号", "考核等级", "不及格科目数", "获奖情况", "所带班级违纪人数",
                                                 "带班征文", "诚信记录", "政治面貌", "所带新生班级", "专业班级")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(cells, max_size=6), total=text, publicity=text, received=text, chars=st.integers(-5, 5000))
def test_any_strings_give_flags_not_exceptions(rows, total, publicity, received, chars):
    table = [TableRow(i + 4, r) for i, r in enumerate(rows)]
    files = [b.a4(b.MATH, table, total=total, publicity=publicity),
             b.a2(b.MATH, table),
             b.ident("x.docx", b.MATH, "assessment-summary", None, received_at=received),
             *b.case(b.MATH, rows[0]["姓名"] if rows else "", rows[0]["学号"] if rows else "", chars=chars)]
    files += [b.a5(b.MATH, r["姓名"], r["学号"], **{k: v for k, v in r.items() if k not in ("姓名", "学号")}) for r in rows]
    flags = checks.run_checks(b.CAMPAIGN, b.sub(*files))
    assert all(f.message and f.severity in ("error", "warning") for f in flags)
