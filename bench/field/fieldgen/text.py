"""Chinese text, names, student IDs and the SPEC §5 character count (our own reference count)."""
from __future__ import annotations

import random
import unicodedata

# ---------------------------------------------------------------------------
# The SPEC §5 counting rule, implemented independently:
#   each CJK character or full-width mark counts 1, each run of Latin letters or digits
#   counts 1, whitespace counts 0.
# Our generated case text only uses characters whose class is unambiguous under that rule
# (CJK ideographs, CJK/full-width punctuation, ASCII letters/digits, whitespace incl. U+3000);
# spec_count() raises on anything else so a trap can never rest on an ambiguous character.

FULLWIDTH_MARKS = set("，。、；：！？（）《》【】")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF) or (0x3400 <= o <= 0x4DBF) or (0x20000 <= o <= 0x2FFFF)


def spec_count(text: str, strict: bool = True) -> int:
    n = 0
    in_run = False
    for ch in text:
        if ch.isspace():  # includes U+3000 IDEOGRAPHIC SPACE
            in_run = False
            continue
        if ch.isascii() and ch.isalnum():
            if not in_run:
                n += 1
                in_run = True
            continue
        in_run = False
        if _is_cjk(ch) or ch in FULLWIDTH_MARKS or 0xFF01 <= ord(ch) <= 0xFF5E or 0x3001 <= ord(ch) <= 0x303F:
            n += 1
            continue
        if strict:
            raise ValueError(f"ambiguous character for the count rule: {ch!r} {unicodedata.name(ch, '?')}")
    return n


# ---------------------------------------------------------------------------
# Phrase bank for case text (class-mentor work). Each phrase is CJK text, optionally with a
# digit run or a Latin run embedded between CJK characters (never two runs adjacent).
PHRASES = [
    "新生入学的第一周", "我第一次走进新生宿舍", "同学们对大学生活既期待又迷茫", "不少同学不适应集体生活",
    "有的同学沉迷手机游戏", "班级里出现了迟到旷课的现象", "我和另一名带班党员商量之后", "决定从身边的小事做起",
    "我们组织了主题班会", "邀请优秀学长分享学习经验", "建立了QQ群和微信群", "每周开展一次学习分享会",
    "在2019年秋季学期", "带领同学参加志愿服务活动", "走进社区开展垃圾分类宣传", "帮助学习困难的同学制定计划",
    "发挥党员的先锋模范作用", "引导同学们树立正确的理想信念", "疫情防控期间", "我们开展线上学习打卡",
    "每天统计同学们的健康情况", "配合辅导员落实各项防控措施", "主动报名参加社区志愿服务", "为居民测量体温登记信息",
    "班级的学习氛围明显好转", "期末考试的及格率有了提高", "同学们的集体荣誉感越来越强", "班委的工作能力得到锻炼",
    "我深刻体会到", "带班工作需要耐心和真诚", "要把思想引领放在首位", "既要做知心朋友又要做引路人",
    "这种做法可以在其他班级推广", "今后我们还将继续探索", "把党建工作和班级建设结合起来", "形成了比较完整的工作流程",
    "我们把工作分成三个阶段", "第一阶段重在了解情况", "第二阶段重在建立制度", "第三阶段重在总结提高",
    "通过一对一谈心谈话", "及时掌握同学们的思想动态", "遇到问题先倾听再引导", "用自己的经历打动同学",
    "组织开展读书分享活动", "推荐同学们阅读经典著作", "举办了宿舍文化节", "评选文明宿舍和学习标兵",
    "创新之处在于", "用同学们喜欢的方式开展教育", "把枯燥的说教变成互动体验", "辅导员老师给予了充分肯定",
    "同学们在问卷中给出了很高的评价", "这项活动被学院推荐为特色项目", "全班有12名同学递交了入党申请书",
    "班级获得了校级先进班集体称号", "我们坚持每月召开一次班委会", "认真听取同学们的意见和建议",
    "针对个别同学的心理困扰", "联系心理健康教育中心提供帮助", "鼓励同学们参加学科竞赛", "有3支队伍进入了决赛",
    "晚自习的出勤率达到了新高", "寝室卫生检查全部合格", "我们还开设了线上答疑室", "解答同学们在学习中的疑问",
]
CONNECT = ["，", "，", "，", "；"]
END = ["。", "。", "。", "！"]


def sentence(rng: random.Random) -> str:
    k = rng.randint(2, 4)
    parts = rng.sample(PHRASES, k)
    out = parts[0]
    for p in parts[1:]:
        out += rng.choice(CONNECT) + p
    return out + rng.choice(END)


def _tokens(text: str) -> list[str]:
    """Split into count units: CJK char / mark = 1 token, a Latin/digit run = 1 token."""
    toks: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isalnum() and toks and toks[-1].isascii() and toks[-1].isalnum():
            toks[-1] += ch
        else:
            toks.append(ch)
    return toks


FILLER = "的工作同学班级活动我们学习思想"


def text_of_count(rng: random.Random, n: int) -> str:
    """Chinese prose whose spec_count is exactly n (n >= 2), ending with 。"""
    toks: list[str] = []
    while len(toks) < n + 5:
        toks.extend(_tokens(sentence(rng)))
    toks = toks[: n - 1]
    while toks and (toks[-1] in FULLWIDTH_MARKS or toks[-1].isascii()):
        toks[-1] = rng.choice(FILLER)
    toks.append("。")
    s = "".join(toks)
    assert spec_count(s) == n, (spec_count(s), n)
    return s


def split_paragraphs(rng: random.Random, text: str, lo: int = 120, hi: int = 260) -> list[str]:
    """Split text at sentence ends into paragraphs of roughly lo..hi units."""
    paras, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。！" and spec_count(cur) >= rng.randint(lo, hi):
            paras.append(cur)
            cur = ""
    if cur:
        if paras and spec_count(cur) < 30:
            paras[-1] += cur
        else:
            paras.append(cur)
    return paras


TITLES = [
    "以心育心，做新生成长路上的引路人", "一张课表背后的带班故事", "疫情之下，线上班级也有温度",
    "从迟到大户到全勤班级", "党员带班，让宿舍变成学习的家", "小小分享会，凝聚大班级",
    "做同学们身边的知心学长", "用志愿服务点亮新生的大学第一课", "带班路上的三次谈心",
    "把党旗插在班级建设一线", "让每一名新生都不掉队", "云端班会里的成长", "一次主题班会的诞生",
    "从陌生到团结，我和我的新生班级", "学习打卡二十一天", "社区防控一线的新生身影",
    "用榜样的力量带动班风学风", "书香宿舍建设记",
]

CAPTIONS = ["新生见面会现场", "主题班会合影", "社区志愿服务", "线上学习打卡截图", "宿舍文化节活动",
            "读书分享会", "疫情防控志愿服务", "班委工作例会", "学科竞赛备赛", "心理健康主题活动",
            "垃圾分类宣传", "期末复习答疑"]

DEEDS = [
    "担任带班党员以来，认真履行职责，坚持每周深入新生宿舍，与同学谈心谈话，及时掌握思想动态。",
    "组织开展主题班会和学习分享会，带领班级形成了良好的学风，班级期末考试及格率明显提高。",
    "疫情防控期间，组织同学们开展线上学习打卡，每日统计健康情况，配合学院落实各项防控措施。",
    "积极带领新生参加志愿服务活动，班级凝聚力不断增强，多名同学递交了入党申请书。",
    "注重发挥党员先锋模范作用，在学习和生活中严格要求自己，在新生中具有较高的威信。",
]

# ---------------------------------------------------------------------------
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向汤温赖麦")
GIVEN = list("晓婷嘉欣颖思雨子诗梓静慧敏丽芳娜杰伟浩俊明强磊洋勇军涛斌辉鹏华宇轩怡佳琳雪倩蕾楠凯峰豪彤璐丹薇妍悦泽航博文锐翔宏志健炜婉蓉玲燕霞秀兰春海波金平东建永亮成康德")
RARE = list("铖堃喆婧琰玥昊晗珺瑾晟赟鑫淼犇燚彧祎昕翀")


class NamePool:
    """Unique names across the corpus, deterministic."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self, rare: bool = False, two: bool | None = None) -> str:
        for _ in range(10000):
            sur = self.rng.choice(SURNAMES)
            if two is None:
                two_ = self.rng.random() < 0.7
            else:
                two_ = two
            if rare:
                g = self.rng.choice(RARE)
                given = (self.rng.choice(GIVEN) + g) if (two_ and self.rng.random() < 0.5) else (g + self.rng.choice(GIVEN) if two_ else g)
            else:
                given = "".join(self.rng.choice(GIVEN) for _ in range(2 if two_ else 1))
            name = sur + given
            if name not in self.used and len(set(given)) == len(given):
                self.used.add(name)
                return name
        raise RuntimeError("name pool exhausted")


def fullwidth_digits(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)


def phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + "".join(str(rng.randint(0, 9)) for _ in range(9))


def id_card(rng: random.Random, year: int) -> str:
    body = "4412" + f"{rng.randint(1, 99):02d}" + f"{year - 19}" + f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + f"{rng.randint(0, 999):03d}"
    return body + rng.choice("0123456789X")
