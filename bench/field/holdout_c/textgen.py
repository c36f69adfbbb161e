"""Chinese filler text for cases, forms and work summaries, and the SPEC §5 character count.

SPEC §5 CASE_TOO_LONG: each CJK character or full-width mark counts 1, each run of Latin letters or
digits counts 1, whitespace 0. To keep boundary cases unambiguous this module only emits CJK
characters, full-width punctuation from FW_MARKS, pure-letter runs and pure-digit runs, separated so
that a letter run never touches a digit run, and ASCII/U+3000 spaces.
"""
from __future__ import annotations

import random
import re

FW_MARKS = "，。、；：！？（）《》「」"

_RUN = re.compile(r"[A-Za-z]+|[0-9]+")


def spec_count(text: str) -> int:
    """Count by the SPEC rule (only on text made of the characters this module emits)."""
    n = 0
    i = 0
    while i < len(text):
        ch = text[i]
        m = _RUN.match(text, i)
        if m:
            n += 1
            i = m.end()
            continue
        if ch.isspace() or ch == "\u3000":
            i += 1
            continue
        n += 1
        i += 1
    return n


def latin_chars(text: str) -> int:
    """How many Latin letters / digits the text holds (to report the 'count every letter' reading)."""
    return sum(1 for c in text if c.isascii() and c.isalnum())


# --- sentence pools -----------------------------------------------------------------------------

BACKGROUND = [
    "新生入学后的第一个月，班里不少同学对大学生活感到迷茫，作息不规律，课堂参与度不高。",
    "我所带的班级共有四十二名同学，其中来自外省的同学占了三分之一，彼此之间还不熟悉。",
    "开学初的一次问卷显示，超过一半的同学不清楚专业培养方案，也不知道如何规划学业。",
    "疫情期间同学们只能居家学习，网络课程多，部分同学出现了拖延和焦虑的情况。",
    "班级团支部刚刚成立，班委缺少工作经验，班会常常流于形式，同学们参与的积极性不高。",
    "作为一名学生党员，我希望把自己在学习和工作中积累的经验分享给新同学，帮助他们少走弯路。",
    "新生军训结束后，宿舍之间因为作息习惯不同产生了一些小矛盾，需要及时疏导。",
    "在一次走访宿舍时，我发现有几位同学经济比较困难，却不好意思主动申请帮助。",
    "学院要求带班党员深入班级，了解同学们的思想动态，做好新生入学教育的延伸工作。",
    "部分同学对入党的程序和要求了解不多，却有很强的向党组织靠拢的愿望。",
]
METHOD = [
    "我和班委一起制定了每周一次的学习分享会制度，由同学们轮流主讲，围绕一个问题展开讨论。",
    "我们建立了班级学习小组，每组五到六人，由学习成绩较好的同学担任组长，互相督促。",
    "针对新生的困惑，我邀请了高年级的优秀学长学姐举办经验交流会，讲述选课、考证和科研的经历。",
    "在疫情防控期间，我每天在班级群里提醒同学们按时填报健康信息，并整理学校最新的防控要求。",
    "我坚持每两周走访一次宿舍，与同学们面对面交流，及时了解他们在学习和生活中遇到的困难。",
    "我们组织了主题团日活动，带领同学们参观红色教育基地，重温入党誓词，感悟初心使命。",
    "对学习上有困难的同学，我与任课老师沟通，安排一对一的辅导，帮助他们补上薄弱环节。",
    "我们在班级中开展了读书打卡活动，每位同学每周分享一本好书的读后感，营造浓厚的读书氛围。",
    "我协助辅导员建立了班级心理委员工作制度，定期收集同学们的心理状况，发现问题及时报告。",
    "在社区志愿服务中，我带领班级同学参与测温登记和物资配送，把课堂所学运用到实践中。",
    "我把入党的基本知识整理成学习材料，利用班会时间为有意向的同学进行讲解和答疑。",
    "为了增强班级凝聚力，我们举办了宿舍文化节和班级运动会，让每位同学都参与其中。",
]
EFFECT = [
    "经过一个学期的努力，班级的平均成绩明显提高，挂科人数比上学期减少了一半。",
    "同学们之间的关系更加融洽，宿舍矛盾基本消除，班级凝聚力显著增强。",
    "班上有十二名同学递交了入党申请书，三名同学被确定为入党积极分子。",
    "疫情期间，班级全体同学按时完成健康打卡，没有出现漏报和迟报的情况。",
    "通过这次实践，我深刻体会到带班工作不能只靠热情，更需要方法和耐心。",
    "我认识到，带班党员要做同学们身边的榜样，用自己的言行去影响和带动他人。",
    "班委的工作能力得到锻炼，现在能够独立组织班会和各类集体活动。",
    "同学们在学校组织的各项比赛中取得了不错的成绩，班级获得了优秀班集体的称号。",
    "这段经历也让我自己得到了成长，学会了倾听、沟通和换位思考。",
]
INNOVATION = [
    "本案例的创新之处在于把朋辈互助与党员示范结合起来，形成了可复制的工作方法。",
    "我们尝试用线上线下相结合的方式开展班级活动，打破了时间和空间的限制。",
    "学习分享会由同学们自主策划，改变了过去班会由班委单向传达的模式。",
    "辅导员评价认为，这种做法贴近学生实际，值得在其他班级推广。",
    "同学们普遍反映，带班党员就像一位知心的朋友，在关键时刻给予了帮助。",
    "今后我将继续完善工作方法，把成功的经验记录下来，留给下一届带班党员参考。",
    "这一做法得到了学院党委的肯定，并在学院的带班党员工作交流会上作了分享。",
]
SUMMARY = [
    "学院党委高度重视学生带班党员工作，把它作为党建育人的重要抓手，纳入年度工作计划。",
    "学院成立了由党委副书记任组长的工作小组，明确辅导员、班主任和带班党员的职责分工。",
    "本学年共选派学生带班党员若干名，覆盖全部新生班级，实现了党员带班的全覆盖。",
    "学院定期召开带班党员工作例会，交流工作经验，研究解决带班过程中遇到的问题。",
    "带班党员在新生入学教育、学风建设、疫情防控等方面发挥了积极作用，得到了师生的好评。",
    "学院把带班党员的工作表现纳入党员的年度考核，作为评优评先的重要依据。",
    "在疫情防控期间，带班党员主动作为，协助辅导员做好健康信息的统计和线上学习的督促工作。",
    "学院组织开展了带班征文活动，引导带班党员总结工作经验，提升工作水平。",
    "下一步，学院将进一步完善带班党员的选拔、培训和考核机制，推动带班工作制度化、规范化。",
    "同时，我们也发现部分带班党员工作方法还不够灵活，与新生的沟通还不够深入，需要加强培训。",
    "学院将继续加强对带班党员的指导，邀请优秀辅导员和往届优秀带班党员开展专题培训。",
    "通过带班工作，一批优秀的学生党员得到了锻炼，他们的组织能力和服务意识明显提高。",
]
DEEDS = [
    "担任带班党员以来，该同志认真履行职责，经常深入班级和宿舍，关心新生的学习和生活。",
    "组织开展主题班会和学习分享会多次，帮助新生尽快适应大学生活。",
    "疫情期间坚持每天督促同学们完成健康打卡，协助辅导员做好线上教学的组织工作。",
    "在学风建设中发挥了党员的示范作用，所带班级学习氛围浓厚。",
    "积极引导新生向党组织靠拢，所带班级有多名同学递交了入党申请书。",
    "注重发挥班委作用，指导班委开展工作，班级凝聚力不断增强。",
]
# Latin / digit runs for the boundary case (each is ONE unit by the SPEC rule)
LATIN_SENTENCES = [
    "我们建了一个QQ群和一个WeChat小组，方便同学们随时交流。",
    "每次班会我都会提前做好PPT，把要点列成清单发到群里。",
    "学习小组使用Excel表格记录每个人的打卡情况，每周统计一次。",
    "宿舍楼的WiFi信号不好，我们就把讨论改到图书馆的研讨室进行。",
    "有同学推荐了一个叫Forest的App，用来帮助大家专注学习。",
    "班里一共有42名同学，其中男生18名，女生24名。",
    "我们在2019年12月组织了第一次学习分享会，共有36人参加。",
    "到了2020年6月，班级的英语四级通过率达到了80以上。",
    "我们邀请了Python课程的助教为同学们讲解编程作业。",
    "期末前两周，我们把复习资料整理成PDF文件，共享给全班同学。",
]

TRAD = str.maketrans({
    "学": "學", "员": "員", "带": "帶", "党": "黨", "们": "們", "这": "這", "级": "級", "为": "為",
    "时": "時", "会": "會", "个": "個", "对": "對", "经": "經", "验": "驗", "发": "發", "现": "現",
    "与": "與", "开": "開", "动": "動", "过": "過", "进": "進", "处": "處", "组": "組", "织": "織",
    "习": "習", "务": "務", "导": "導", "关": "關", "气": "氣", "风": "風", "问": "問", "题": "題",
    "实": "實", "践": "踐", "总": "總", "结": "結", "将": "將", "设": "設", "点": "點", "划": "劃",
    "计": "計", "体": "體", "积": "積", "极": "極", "极": "極", "热": "熱", "情": "情", "训": "訓",
    "练": "練", "队": "隊", "伍": "伍", "建": "建", "领": "領", "头": "頭", "兴": "興", "纪": "紀",
    "质": "質", "规": "規", "范": "範", "疗": "療", "疫": "疫", "线": "線", "络": "絡", "网": "網",
    "课": "課", "师": "師", "长": "長", "书": "書", "记": "記", "论": "論", "评": "評", "价": "價",
    "责": "責", "阶": "階", "段": "段", "录": "錄", "确": "確", "认": "認", "识": "識", "级": "級",
    "选": "選", "拔": "拔", "聘": "聘", "届": "屆", "优": "優", "秀": "秀", "专": "專", "业": "業",
    "历": "歷", "游": "遊", "华": "華", "国": "國", "东": "東", "广": "廣", "庆": "慶", "门": "門",
    "间": "間", "难": "難", "变": "變", "应": "應", "该": "該", "说": "說", "话": "話", "让": "讓",
    "传": "傳", "统": "統", "与": "與", "从": "從", "众": "眾", "举": "舉", "办": "辦", "寝": "寢",
    "宿": "宿", "舍": "舍", "视": "視", "贯": "貫", "彻": "徹", "深": "深", "强": "強", "维": "維",
    "护": "護", "报": "報", "还": "還", "际": "際", "协": "協", "调": "調", "两": "兩", "亲": "親",
    "观": "觀", "坚": "堅", "持": "持", "县": "縣", "区": "區", "乡": "鄉", "条": "條", "件": "件",
    "负": "負", "顾": "顧", "级": "級", "图": "圖", "馆": "館", "谈": "談", "训": "訓", "养": "養",
    "样": "樣", "细": "細", "则": "則", "务": "務", "备": "備", "钟": "鐘", "园": "園", "惯": "慣",
    "轮": "輪", "讲": "講", "员": "員", "见": "見", "闻": "聞", "岗": "崗", "双": "雙", "单": "單",
    "层": "層", "宣": "宣", "风": "風", "貌": "貌", "围": "圍", "绕": "繞", "厅": "廳", "节": "節",
})


def to_traditional(text: str) -> str:
    return text.translate(TRAD)


def paragraphs(rng: random.Random, pool: list[str], n_par: int, per: tuple[int, int]) -> list[str]:
    out = []
    for _ in range(n_par):
        k = rng.randint(*per)
        out.append("".join(rng.sample(pool, min(k, len(pool)))))
    return out


def case_sections(rng: random.Random, target: int, latin: bool = False) -> list[list[str]]:
    """Four sections of paragraphs whose total spec_count is about `target` (never exact)."""
    pools = [BACKGROUND, METHOD, EFFECT, INNOVATION]
    bags: list[list[str]] = [[], [], [], []]
    secs: list[list[str]] = [[], [], [], []]
    lat = list(LATIN_SENTENCES)
    rng.shuffle(lat)
    total = 0
    i = 0
    while total < target:
        s = i % 4
        if not bags[s]:
            bags[s] = list(pools[s])
            rng.shuffle(bags[s])
        sent = bags[s].pop()
        if latin and lat and rng.random() < 0.45:
            sent = lat.pop()
        if not secs[s] or len(secs[s][-1]) > rng.randint(90, 180):
            secs[s].append(sent)
        else:
            secs[s][-1] += sent
        total += spec_count(sent)
        i += 1
    return secs


FILL = "我们还利用课余时间和同学们谈心谈话了解大家的真实想法并及时向辅导员反映情况"


def pad_to_exact(secs: list[list[str]], headings: list[str], target: int) -> None:
    """Trim / pad the last paragraph so that headings + body count exactly `target` units."""
    def cnt():
        return sum(spec_count(h) for h in headings) + sum(spec_count(p) for s in secs for p in s)
    while cnt() > target:
        # drop last sentence of the longest section
        s = max(secs, key=lambda x: sum(len(p) for p in x))
        p = s[-1]
        cut = p[:-1].rfind("。")
        if cut < 0:
            s.pop()
        else:
            s[-1] = p[:cut + 1]
    need = target - cnt()
    if need > 0:
        extra = ""
        while spec_count(extra) < need - 1:
            extra += FILL[(len(extra)) % len(FILL)]
        extra += "。"
        while spec_count(extra) > need:
            extra = extra[:-2] + "。"
        secs[3].append(extra)
    assert cnt() == target, (cnt(), target)
