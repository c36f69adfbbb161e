"""主要事迹 texts for the 2021 sample inbox, and the notice's way of counting 字.

The count used here is the one a careful office reader applies to "不超过800字": each CJK character
or full-width punctuation mark counts 1, each run of Latin letters/digits counts 1 (``CET6`` is one
字, so is ``2021``), whitespace (including the full-width indent ``　　``) counts 0. Anything else
(a half-width symbol) would count 1, but the texts below avoid such characters so the count is
unambiguous.
"""

from __future__ import annotations

import random

_SENTENCES = (
    "担任班长以来，我始终把服务同学放在首位，主动了解同学们在学习和生活中遇到的困难，及时向辅导员反映并协助解决。",
    "在学风建设方面，我组织班级开展晚自习互助小组，每周安排成绩较好的同学为大家讲解专业课难点，班级整体成绩明显提高。",
    "我积极参加学院组织的各类志愿服务活动，先后参与社区义务支教、图书馆整理和校园迎新服务，累计志愿服务时长一百余小时。",
    "作为团支部成员，我认真组织每月的主题团日活动，带领团员青年学习党史、团史，增强了支部的凝聚力和向心力。",
    "疫情防控期间，我主动报名成为宿舍楼志愿者，协助开展核酸检测秩序维护和物资分发工作，得到老师和同学的一致好评。",
    "学习上，我严格要求自己，课前认真预习，课后及时复习，遇到不懂的问题主动向老师请教，本学年各科成绩均在良好以上。",
    "我热爱阅读，坚持每天阅读专业书籍和经典著作，撰写读书笔记，并在学院读书分享会上作交流发言。",
    "在学生会工作中，我负责策划和组织了多场大型校园文化活动，锻炼了组织协调能力，也学会了如何与团队成员有效沟通。",
    "我注重理论联系实际，利用寒暑假参加社会实践，走进乡村调研农村留守儿童的教育现状，形成的调研报告获得学院表彰。",
    "生活中，我团结同学，乐于助人，宿舍关系融洽，所在宿舍被评为校级文明宿舍。",
    "我坚持参加体育锻炼，积极参加学院运动会和篮球联赛，在锻炼身体的同时培养了团队协作精神。",
    "在班级管理中，我与其他班委分工合作，建立了班级事务公开制度，班费收支每月公示，赢得了同学们的信任。",
    "我按时参加团组织生活，按时交纳团费，认真完成团支部布置的各项任务，积极发挥团员的先锋模范作用。",
    "我认真学习党的创新理论，积极向党组织靠拢，已递交入党申请书，并顺利结业于学院业余党校培训班。",
    "面对学习和工作的双重压力，我合理安排时间，做到学习工作两不误，在实践中不断提高自己的综合素质。",
    "今后，我将继续严格要求自己，努力学习专业知识，踏实做好学生工作，以更好的成绩回报老师和同学们的信任。",
    "我协助辅导员做好班级学生的思想动态摸排工作，及时关心家庭经济困难同学，帮助他们申请助学金和勤工助学岗位。",
    "在宣传工作中，我负责运营学院团委公众号，撰写和编辑推文数十篇，及时宣传学院的先进典型和特色活动。",
)

# Runs of Latin letters/digits, each one 字 by the notice's count but several characters long.
_LATIN = (
    "本学年我通过了大学英语六级考试，CET6成绩为 562 分，并取得了 WPS 办公软件高级证书。",
    "我自学 Python 编程，利用 Excel 和 SPSS 为班级整理学习数据，制作了 20 余份学情分析表。",
    "在 2021 年全国大学生英语竞赛中获得 C 类三等奖，在 2020 年学院演讲比赛中获得一等奖。",
    "我参与的 PPT 设计作品入选学院优秀作品展，我还担任了 2021 级新生 QQ 群的管理员。",
)


def notice_chars(text: str) -> int:
    """字 as the notice counts them (see the module docstring)."""
    n, in_run = 0, False
    for ch in text:
        if ch.isspace():
            in_run = False
            continue
        if ch.isascii() and ch.isalnum():
            if not in_run:
                n += 1
            in_run = True
            continue
        in_run = False
        n += 1
    return n


def deeds(rng: random.Random, target: int, *, latin: bool = False, indent: bool = False,
          paragraphs: int = 3) -> str:
    """A 主要事迹 text of about ``target`` 字 (never more than ``target``), in ``paragraphs``
    paragraphs separated by newlines; ``latin`` mixes in runs of letters/digits, ``indent`` starts
    each paragraph with two full-width spaces."""
    pool = list(_SENTENCES)
    rng.shuffle(pool)
    extra = list(_LATIN) if latin else []
    chosen: list[str] = []
    i = 0
    while True:
        nxt = extra.pop(0) if extra and i % 3 == 1 else pool[i % len(pool)]
        if sum(notice_chars(s) for s in chosen) + notice_chars(nxt) > target:
            break
        chosen.append(nxt)
        i += 1
    # fill the last few 字 with a short closing clause so the count is close to the target
    room = target - sum(notice_chars(s) for s in chosen)
    closing = "以上是我的主要事迹，恳请学院审核推荐。"
    if room >= notice_chars(closing):
        chosen.append(closing)
    size = max(1, -(-len(chosen) // paragraphs))
    paras = ["".join(chosen[k:k + size]) for k in range(0, len(chosen), size)]
    lead = "\u3000\u3000" if indent else ""
    return "\n".join(lead + p for p in paras)


def too_long(rng: random.Random, target: int) -> str:
    """A text clearly over 800 字 (about ``target``), repeating sentences as a verbose applicant would."""
    pool = list(_SENTENCES)
    rng.shuffle(pool)
    chosen: list[str] = []
    i = 0
    while sum(notice_chars(s) for s in chosen) < target:
        chosen.append(pool[i % len(pool)])
        i += 1
    size = -(-len(chosen) // 5)
    return "\n".join("".join(chosen[k:k + size]) for k in range(0, len(chosen), size))
