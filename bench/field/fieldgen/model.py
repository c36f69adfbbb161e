"""The facts of the corpus: people, awards, new mentors, cases."""
from __future__ import annotations

from dataclasses import dataclass, field

LEVEL_FULL = {"标兵": "学生带班党员标兵", "优秀": "优秀学生带班党员", "合格": "合格", "不合格": "不合格"}

QUALIFYING = ("三好学生", "三等奖学金", "二等奖学金", "一等奖学金", "国家奖学金")


@dataclass
class Award:
    name: str  # e.g. 2018—2019学年度二等奖学金
    level: str  # 国家级/省级/市级/校级/院级
    time: str  # 2019年11月
    issuer: str  # 肇庆学院
    short: str = ""  # how a secretary might shorten it on A4, e.g. 二等奖学金

    @property
    def qualifying(self) -> bool:
        return any(q in self.name for q in QUALIFYING)


@dataclass
class Mentor:
    name: str
    sex: str
    sid: str
    major_class: str  # 专业班级 of the mentor, e.g. 17数学与应用数学1班
    led_class: str  # 所带班级 (the 2019 freshman class), e.g. 19数学与应用数学1班
    status: str  # 中共党员 / 中共预备党员
    failed: int = 0
    awards: list[Award] = field(default_factory=list)
    violations: int = 0
    essay: bool = True
    integrity_ok: bool = True
    level: str = "合格"  # 标兵 / 优秀 / 合格
    phone: str = ""
    id_card: str = ""
    qq: str = ""
    deeds: str = ""

    @property
    def year(self) -> int:
        return int(self.sid[:4])


@dataclass
class NewMentor:
    name: str
    sex: str
    sid: str
    grade: str  # 2018级
    major_class: str
    status: str
    fresh_class: str  # 所带新生班级, e.g. 20数学与应用数学1班
    phone: str = ""
    note: str = ""


@dataclass
class Case:
    author: Mentor
    title: str
    count: int  # SPEC count of the body (section headings included, title/author/captions excluded)
    n_pictures: int
    sections: tuple = ("一", "二", "三", "四")  # which of the four sections are present
    life_photo: str = "file"  # file | file_exact | file_small | missing | embedded_big | embedded_small+file | embedded+file
    header_logo: bool = False
    indent: bool = False  # paragraphs start with two U+3000
    folder_only_author: bool = False
    text_box_section: int | None = None  # index of the section written inside a text box
    pictures_also_files: bool = False  # the embedded pictures are also attached beside the docx
    pictures_as_files: bool = False  # pictures only as separate files
