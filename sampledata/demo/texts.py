"""Deterministic Chinese prose for the demo: case sections, 主要事迹, work summaries.

Text is assembled from a bank of sentences per section until it reaches a target 字数
(counted with ``textnorm.count_chars``, the rule the CASE_TOO_LONG check uses).
"""

from __future__ import annotations

import random

from paperdesk import textnorm

_BANK = {
    "背景与起因": [
        "{cls}是一个刚刚组建的新生班级，同学们来自全省十多个地市，彼此陌生，对大学生活既期待又迷茫。",
        "开学第一个月，我发现不少同学晚上沉迷手机游戏，早课迟到现象时有发生，班级学风亟待引导。",
        "疫情期间同学们居家学习，缺少面对面的交流，部分同学出现了焦虑情绪，学习进度也参差不齐。",
        "作为带班党员，我意识到仅靠班会上的口头提醒远远不够，需要找到一种让同学们主动参与的方式。",
        "班里有几位同学家庭经济比较困难，性格内向，很少参加集体活动，逐渐被边缘化。",
    ],
    "做法与流程": [
        "第一步，我和班委一起开展了一次全覆盖的谈心谈话，逐一了解每位同学的学习和生活情况，建立了成长档案。",
        "第二步，组建了五个学习互助小组，每组由一名成绩较好的同学担任组长，每周日晚上在图书馆集中自习两小时。",
        "第三步，结合党史学习，组织“青年说”主题班会，请同学们轮流讲述身边的榜样故事，增强班级的凝聚力。",
        "第四步，带领同学们参加社区志愿服务，在疫情防控卡点协助测温登记，累计服务时长超过三百小时。",
        "每次活动结束后，我都会组织简短的复盘，听取同学们的意见，及时调整下一次活动的安排。",
        "对于个别困难同学，我联系辅导员帮助申请助学金，并邀请他们担任活动的记录员，让他们在参与中找到位置。",
        "线上学习期间，我们建立了每日打卡群，互相督促完成课程任务，遇到难题就在群里讨论。",
    ],
    "效果与启示": [
        "一个学期下来，班级早课出勤率从百分之八十提高到百分之九十八，期末考试不及格人数明显减少。",
        "有三位同学递交了入党申请书，两位同学在校级比赛中获奖，班级被评为院级优秀班集体。",
        "这段经历让我体会到，带班工作的关键在于真诚，只有真正走进同学们的内心，才能赢得他们的信任。",
        "我也认识到，党员带班不是替班委做事，而是帮助班委成长，让班级形成自我管理的良性循环。",
        "同学们之间的关系更加融洽，遇到困难时愿意互相帮助，集体荣誉感明显增强。",
    ],
    "创意与评价": [
        "本案例的创新之处在于把学习互助和志愿服务结合起来，让同学们在服务他人的过程中提升自我。",
        "辅导员评价说，这种以小组为单位的带班方式可以在其他新生班级推广。",
        "同学们在期末的匿名评议中给予了很高的评价，认为带班党员是他们大学生活的引路人。",
        "今后我将继续总结经验，把好的做法整理成册，供新一届带班党员参考。",
    ],
}

TITLES = ["以心换心，做新生成长的引路人", "小组互助点燃班级学风", "疫情之下的云端班级", "从陌生到团结：一个新生班级的成长",
          "志愿服务里的党员担当", "用行动影响身边人", "守护每一位同学", "带班路上的三次班会", "把党课讲进宿舍"]


def sections(rnd: random.Random, cls: str, target: int, keys: list[str]) -> dict[str, str]:
    """Section texts (one or more paragraphs each) totalling about ``target`` 字."""
    out = {k: [] for k in keys}
    pools: dict[str, list[str]] = {k: [] for k in keys}
    total = 0
    while total < target:
        for k in keys:
            if not pools[k]:  # draw without replacement; refill only when the bank is used up
                pools[k] = rnd.sample(_BANK[k], len(_BANK[k]))
            s = pools[k].pop().format(cls=cls)
            out[k].append(s)
            total += textnorm.count_chars(s)
            if total >= target:
                break
    return {k: _paragraphs(v) for k, v in out.items()}


def deeds(rnd: random.Random, cls: str) -> str:
    """带班工作主要事迹 for an A5 form (about 200 字)."""
    picked = rnd.sample(_BANK["做法与流程"], 3) + rnd.sample(_BANK["效果与启示"], 1)
    return "".join(s.format(cls=cls) for s in picked)


def summary(rnd: random.Random, college: str, headcount: int) -> list[str]:
    """Paragraphs of a college's 学生带班工作总结."""
    head = (f"2019—2020学年度，{college}共有学生带班党员{headcount}名，覆盖全部新生班级。学院党委高度重视"
            "学生带班工作，按照学校通知要求，认真组织开展了带班党员考核、优秀案例征集和新一届带班党员选聘工作。")
    body = [rnd.choice(_BANK["做法与流程"]).format(cls="各新生班级") for _ in range(3)]
    tail = "下一步，学院将进一步完善带班党员培训和考核机制，发挥学生党员在新生教育中的示范引领作用。"
    return [head, *body, tail]


def _paragraphs(sentences: list[str]) -> str:
    return "\n".join("".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
