"""Sample people for the demo: class mentors of 2019–2020 (A4/A5/A3/A1) and new mentors (A2).

Deterministic: everything is drawn from a ``random.Random`` the caller seeds. Names are unique
across the whole demo (a :class:`NameBook` is shared), so a person is identified by name too.
学号 = enrolment year (4) + college number (2, its position in the campaign) + major (2) +
class (2) + seat (2): 12 digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from paperdesk import textnorm
from paperdesk.campaign import Campaign, College

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程苏魏吕丁任沈姚卢钟姜崔谭陆汪范廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "晓思雨子欣佳梓浩宇俊杰文博涵一诗琪嘉颖雅婷慧敏志伟明轩泽洋晨阳雪丽静怡家乐宏斌伟健海燕秋菊振华建国淑芬美玲晓峰子豪若曦可馨心怡天佑锦程鑫磊瑞芳婉清佩珊"
_FEMALE_HINT = set("欣诗琪颖雅婷慧敏雪丽静怡燕秋菊淑芬美玲若曦可馨心婉清佩珊")
#: Majors per college for realistic class names; a college not listed gets "<学院简称>".
MAJORS = {
    "马克思主义学院": ("思想政治教育",),
    "音乐学院": ("音乐学", "音乐表演", "舞蹈学"),
    "食品与制药工程学院": ("食品科学与工程", "制药工程", "食品质量与安全"),
    "数学与统计学院": ("数学与应用数学", "统计学", "信息与计算科学"),
    "生命科学学院": ("生物科学", "生物技术", "园艺"),
}


@dataclass(frozen=True)
class Person:
    """One student as the forms show them; assessment fields only matter for 2019–2020 mentors."""

    name: str
    gender: str
    student_id: str
    grade: str  # 年级, e.g. 2017级
    major_class: str  # 专业班级
    led_class: str  # 所带班级 / 所带新生班级
    status: str  # 政治面貌
    phone: str
    fails: int = 0  # 不及格科目数
    award: str = "无"  # 获奖情况
    violations: int = 0  # 所带班级违纪人数
    essay: str = "已完成"  # 带班征文
    integrity: str = "无"  # 诚信记录
    rating: str = ""  # 考核等级


class NameBook:
    """Unique realistic Chinese names drawn from a seeded generator."""

    def __init__(self, rnd: random.Random) -> None:
        self._rnd, self._used = rnd, set()

    def new(self) -> tuple[str, str]:
        """(name, gender)."""
        while True:
            given = "".join(self._rnd.choice(_GIVEN) for _ in range(self._rnd.choice((1, 2, 2))))
            name = self._rnd.choice(_SURNAMES) + given
            if name not in self._used:
                self._used.add(name)
                return name, "女" if set(given) & _FEMALE_HINT else "男"


def majors(college: College) -> tuple[str, ...]:
    return MAJORS.get(college.name, (college.name.replace("学院", ""),))


def student(rnd: random.Random, names: NameBook, campaign: Campaign, college: College, year: int,
            major: int, klass: int, seat: int, led_class: str, status: str) -> Person:
    """A student of ``college`` enrolled in ``year`` (major/class/seat numbers build the 学号)."""
    number = 1 + [c.name for c in campaign.colleges].index(college.name)
    name, gender = names.new()
    major %= len(majors(college))
    m = majors(college)[major]
    return Person(name=name, gender=gender, student_id=f"{year}{number:02d}{major + 1:02d}{klass:02d}{seat:02d}",
                  grade=f"{year}级", major_class=f"{year % 100}{m}{klass}班", led_class=led_class,
                  status=status, phone="13" + "".join(rnd.choice("0123456789") for _ in range(9)))


def mentors(rnd: random.Random, names: NameBook, campaign: Campaign, college: College) -> list[Person]:
    """The college's 2019–2020 class mentors (enrolled two years before the new ones), as many as
    its headcount; the first round_half_up(15% × headcount) are 标兵 meeting every criterion,
    the others 优秀 (the A5 申报等级 admits only these two)."""
    year = campaign.checks.candidate_enrolment_year - 1
    ratings = campaign.checks.ratings
    models = textnorm.round_half_up(campaign.checks.model_quota_ratio * Decimal(college.headcount))
    out = []
    for i in range(college.headcount):
        major, klass = i % len(majors(college)), 1 + (i // len(majors(college))) % 2
        m = majors(college)[major]
        p = student(rnd, names, campaign, college, year, major, klass, 10 + i,
                    f"{(year + 2) % 100}{m}{1 + i % 2}班", rnd.choice(("中共党员", "中共预备党员")))
        award = rnd.choice(("三好学生", "二等奖学金", "三等奖学金")) if i < models else rnd.choice(("无", "优秀团员", "三等奖学金"))
        out.append(replace(p, rating=ratings.model if i < models else ratings.excellent, award=award))
    return out


def new_mentors(rnd: random.Random, names: NameBook, campaign: Campaign, college: College) -> list[Person]:
    """2020–2021 new mentors: rising third-years, one or two per freshman class (the campaign's
    list when the college has one, else two classes per major)."""
    year = campaign.checks.candidate_enrolment_year
    classes = college.freshman_classes or tuple(f"{(year + 2) % 100}{m}{k}班" for m in majors(college) for k in (1, 2))
    out = []
    for k, cls in enumerate(classes):
        for j in range(1 + (k + len(cls)) % 2):
            out.append(student(rnd, names, campaign, college, year, k, 1 + j, 20 + len(out), cls,
                               rnd.choice(campaign.checks.candidate_statuses)))
    return out
