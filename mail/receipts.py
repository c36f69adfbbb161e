"""Which 回执 may be mailed, and the message that carries one: pure functions, no I/O.

    read_letter(paragraphs) -> Letter             what a 回执 says (from its paragraph texts)
    review_letter(campaign, college, letter, flags) -> Review
    outgoing(...) -> Outgoing                     ready, or why not
    compose(...) -> EmailMessage                  the Chinese message with the letter attached
    send_key(attachment, recipients) -> str       what makes sending idempotent

"Unreviewed" is the review page's own notion: a flag's status is the published one with the
staff's decisions overlaid (:func:`review.data.overlay`); a flag still ``open`` has not been
looked at. A letter is *ready* when every problem it lists comes from a flag staff confirmed
(or the letter lists none), and *stale* when it no longer says what the flags say now — a
problem in it that staff have since waived, or an active problem missing from it (decisions made
after the letter was written: re-run, or 重新生成回执 on the review page). A stale letter is never
sent; an unreviewed one only when staff ask for it.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage

from paperdesk.campaign import Campaign
from writers.labels import ACTIVE, chinese_date, deliverable_title
from writers.receipt import MISSING_CODE, OFFICE_ONLY
from writers.receipt import problem_line  # the letter's own wording of a flag

READY, SENT_BEFORE, UNREVIEWED, STALE, NO_ADDRESS, NO_LETTER = (
    "ready", "sent", "unreviewed", "stale", "no_address", "no_letter")
STATUS_ZH = {READY: "待发送", SENT_BEFORE: "已发送过", UNREVIEWED: "有未审核的问题", STALE: "回执不是最新的",
             NO_ADDRESS: "未配置邮箱", NO_LETTER: "没有回执"}
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")

_NUMBERED = re.compile(r"^\d+\.\s*(.+)$")
_HEADS = {"二、尚未收到的材料": "missing", "三、需要修改或核实的问题": "problems"}
_ENDS = ("请按上述意见", "联系人：", "请尽快补交。", "无。")


@dataclass(frozen=True)
class Letter:
    """What a 回执 lists: the missing deliverables and the problems, each under its group title."""

    missing: tuple[str, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()  # (group title, problem line)


@dataclass(frozen=True)
class Review:
    in_letter: tuple[dict, ...]  # the flags the letter's problems and missing list come from
    unreviewed: tuple[dict, ...]  # of those, still open
    stale: tuple[str, ...]  # Chinese: why the letter no longer says what the flags say


@dataclass(frozen=True)
class Outgoing:
    college: str
    recipients: tuple[str, ...]
    status: str
    reason: str  # Chinese, for the listing
    key: str | None = None
    unreviewed: int = 0


def read_letter(paragraphs: list[str]) -> Letter:
    """The missing list and the problem lines of a letter written by :mod:`writers.receipt_doc`."""
    section, group = None, ""
    missing, problems = [], []
    for text in (p.strip() for p in paragraphs):
        if text in _HEADS:
            section, group = _HEADS[text], ""
            continue
        if not text or section is None:
            continue
        if text.startswith(_ENDS) or text.startswith("一、"):
            if text.startswith(("请按上述意见", "联系人：")):
                section = None
            continue
        m = _NUMBERED.match(text)
        if section == "missing" and m:
            missing.append(m.group(1))
        elif section == "problems":
            if m and m.group(1).startswith(("【需修改】", "【请核实】")):
                problems.append((group, m.group(1)))
            elif text.startswith("（") and text.endswith("）"):
                group = text[1:-1]
    return Letter(tuple(missing), tuple(problems))


def _flag_line(f: dict, campaign: Campaign) -> str:
    from review.receipt import as_flag

    return problem_line(as_flag(f), campaign)


def review_letter(campaign: Campaign, college: str, letter: Letter, flags: list[dict]) -> Review:
    """How the letter of ``college`` stands against ``flags`` (statuses with decisions overlaid)."""
    mine = [f for f in flags if f.get("college") == college and (f.get("code"), f.get("field")) not in OFFICE_ONLY]
    lines = Counter(line for _, line in letter.problems)
    in_letter, stale = [], []
    for f in (f for f in mine if f.get("status") in ACTIVE):
        line = _flag_line(f, campaign)
        title = deliverable_title(campaign, f.get("deliverable"))
        if lines[line] > 0:
            lines[line] -= 1
            in_letter.append(f)
        elif f.get("code") == MISSING_CODE and any(m.startswith(title + "（") for m in letter.missing):
            in_letter.append(f)  # listed among the missing deliverables
        else:
            stale.append(f"问题“{f.get('message')}”不在回执中")
    for line in lines.elements():
        stale.append(f"回执中的“{line}”已不再是待处理的问题（已忽略或已解决）")
    unreviewed = tuple(f for f in in_letter if f.get("status") == "open")
    return Review(tuple(in_letter), unreviewed, tuple(stale))


def send_key(attachment: bytes, recipients: tuple[str, ...]) -> str:
    """The same letter to the same addresses has the same key (addresses compared case-folded)."""
    who = ",".join(sorted({r.strip().casefold() for r in recipients}))
    return hashlib.sha256(hashlib.sha256(attachment).hexdigest().encode() + b"\n" + who.encode()).hexdigest()


def outgoing(college: str, recipients: tuple[str, ...], letter: Letter | None, attachment: bytes | None,
             review: Review | None, sent_keys: set[str], include_unreviewed: bool = False) -> Outgoing:
    """Whether ``college``'s letter goes out now, and why not."""
    if not recipients:
        return Outgoing(college, (), NO_ADDRESS, "未配置邮箱：在活动配置的 colleges 中为该学院加上 email:")
    if letter is None or attachment is None or review is None:
        return Outgoing(college, recipients, NO_LETTER, "没有回执文件：请先运行 paperdesk run")
    key = send_key(attachment, recipients)
    if key in sent_keys:
        return Outgoing(college, recipients, SENT_BEFORE, "同一份回执已发送给同一地址，不再重复发送", key)
    if review.stale:
        return Outgoing(college, recipients, STALE,
                        "回执与目前的审核结果不一致（" + review.stale[0] + (f" 等 {len(review.stale)} 处" if len(review.stale) > 1 else "")
                        + "）：请重新运行 paperdesk run，或在审核网页中“重新生成回执”", key)
    n = len(review.unreviewed)
    if n and not include_unreviewed:
        return Outgoing(college, recipients, UNREVIEWED,
                        f"回执中有 {n} 条问题尚未审核：请在审核网页中确认或忽略；或加 --include-unreviewed 仍然发送", key, n)
    note = f"（含 {n} 条未审核的问题）" if n else ""
    return Outgoing(college, recipients, READY, f"发送到 {', '.join(recipients)}{note}", key, n)


def body_text(campaign: Campaign, college: str, letter: Letter, attachment_name: str, letter_date: str) -> str:
    """The short Chinese body: what is missing and what to fix, as the letter lists them."""
    lines = [f"{college}：", "", f"    现将贵院报送的{campaign.title}材料的核对回执发给你们，详见附件《{attachment_name}》。", ""]
    if letter.missing:
        lines.append("尚未收到的材料：")
        lines += [f"{n}. {m}" for n, m in enumerate(letter.missing, start=1)]
        lines.append("")
    if letter.problems:
        lines.append(f"需要修改或核实的问题（共 {len(letter.problems)} 条）：")
        group = None
        n = 0
        for title, line in letter.problems:
            if title != group:
                group, n = title, 0
                if title:
                    lines.append(f"（{title}）")
            n += 1
            lines.append(f"{n}. {line}")
        lines.append("")
    if letter.missing or letter.problems:
        lines.append("请按回执意见修改、补充后，按原方式重新报送。")
    else:
        lines.append("经核对，未发现需要修改的问题。")
    if campaign.contact:
        lines.append(f"联系人：{campaign.contact}")
    lines += ["", campaign.office, chinese_date(letter_date) if letter_date else ""]
    return "\n".join(lines).rstrip() + "\n"


def attachment_name(college: str) -> str:
    return f"{college}回执.docx"


def compose(campaign: Campaign, college: str, recipients: tuple[str, ...], letter: Letter, attachment: bytes,
            sender: str, sender_name: str, letter_date: str, when: dt.datetime, message_id: str) -> EmailMessage:
    """The message to ``college``: the body of :func:`body_text`, the letter attached as
    ``<学院>回执.docx`` (its name RFC 2231-encoded)."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = email.utils.formataddr((sender_name or campaign.office, sender))
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = f"{campaign.title}材料回执（{college}）"
    msg["Date"] = email.utils.format_datetime(when)
    msg["Message-ID"] = message_id
    name = attachment_name(college)
    msg.set_content(body_text(campaign, college, letter, name, letter_date))
    msg.add_attachment(attachment, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=name)
    return msg
