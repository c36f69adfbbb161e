"""The ``paperdesk`` command: run, demo, forms, serve, watch, mail fetch, mail send-receipts.

Exit codes: 0 when the command did its work (a run with flags is a successful run), 1 when the
run itself failed (bad campaign file, unwritable outbox, state busy), 2 for bad usage, 130 / 143
when Ctrl+C / SIGTERM stopped it (see :mod:`paperdesk.interrupt`). ``paperdesk mail`` adds 3
(login refused), 4 (server unreachable), 5 (certificate), 6 (connection dropped), 7 (server
refused a command) — see :mod:`mail.errors`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from paperdesk import interrupt
from paperdesk.campaign import CampaignError, load_campaign


def default_state_dir(outbox: Path) -> Path:
    """State lives beside the outbox unless --state says otherwise."""
    return Path(outbox).resolve().parent / ".paperdesk-state"


def _add_common(p: argparse.ArgumentParser, inbox: bool = True, outbox: bool = True) -> None:
    if inbox:
        p.add_argument("--inbox", type=Path, default=Path("inbox"), help="收件箱目录（默认 ./inbox）")
    if outbox:
        p.add_argument("--outbox", type=Path, default=Path("outbox"), help="输出目录（默认 ./outbox）")
    p.add_argument("--campaign", type=Path, default=None, help="活动配置 YAML（默认 templates/campaigns/2020-class-mentors.yaml）")
    p.add_argument("--roster", type=Path, default=None,
                   help="学工部的名册（xlsx 或 YAML：各学院人数，作为名额基数；可选）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paperdesk", description="paperdesk：二级学院材料收集、检查与汇总")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="处理收件箱一次，生成输出")
    _add_common(run)
    run.add_argument("--state", type=Path, default=None, help="状态目录（默认在输出目录旁的 .paperdesk-state）")
    run.add_argument("--json", action="store_true", help="以 JSON 打印运行摘要")

    demo = sub.add_parser("demo", help="生成示例收件箱")
    _add_common(demo, outbox=False)
    demo.add_argument("--manifest", type=Path, default=None, help="把预设问题清单写到此 JSON 文件")

    forms = sub.add_parser("forms", help="生成附件1–5 表格（空白或为某学院预填）")
    _add_common(forms, inbox=False)
    forms.add_argument("--college", default=None, help="为该学院预填（学院全称或常用简称）")

    watch = sub.add_parser("watch", help="持续监视收件箱，有新文件就处理（Ctrl+C 停止）")
    _add_common(watch)
    watch.add_argument("--state", type=Path, default=None)
    watch.add_argument("--interval", type=float, default=2.0, help="检查间隔秒数")
    watch.add_argument("--settle", type=float, default=5.0, help="文件静止多少秒后才处理")
    watch.add_argument("--mail-every", type=float, default=0.0, metavar="秒",
                       help="每隔多少秒从学工部邮箱收取一次邮件到 inbox/邮件/（需活动配置中的 mail.imap；默认不收取）")

    mail = sub.add_parser("mail", help="邮箱：收取各学院发来的邮件，把回执发给各学院")
    mail_sub = mail.add_subparsers(dest="mail_command", required=True)
    fetch = mail_sub.add_parser("fetch", help="从学工部邮箱（IMAP）下载邮件到 inbox/邮件/（不删除、不移动、不标已读）")
    _add_common(fetch)
    fetch.add_argument("--state", type=Path, default=None, help="状态目录（记录已下载的邮件）")
    fetch.add_argument("--mark-seen", action="store_true", help="下载后在服务器上把邮件标为已读（默认不改变）")
    send = mail_sub.add_parser("send-receipts", help="把 回执/<学院>.docx 发给各学院（默认试运行：写到 outbox/待发送/）")
    _add_common(send, inbox=False)
    send.add_argument("--state", type=Path, default=None, help="状态目录（审核结果、已发送记录）")
    send.add_argument("--send", action="store_true", help="真正发送（默认只试运行，不发送）")
    send.add_argument("--include-unreviewed", action="store_true", help="回执中有尚未审核的问题也发送")
    send.add_argument("--college", default=None, help="只处理这个学院（全称或常用简称）")

    certs = sub.add_parser("certificates", help="生成活动配置中各类证书（Word 与 PDF）和证书清单")
    _add_common(certs, inbox=False)
    certs.add_argument("--state", type=Path, default=None, help="状态目录（默认在输出目录旁的 .paperdesk-state）")
    certs.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="证书上的颁发日期（默认：活动配置，否则今天）")
    certs.add_argument("--preprinted", action="store_true", help="套打：只打印姓名、等级等文字，位置见活动配置（用于已印好的证书纸）")
    certs.add_argument("--no-pdf", action="store_true", help="只生成 Word 文件，不转换 PDF")

    booklet = sub.add_parser("booklet", help="把入选汇编的作品编成汇编（Word 与 PDF）")
    _add_common(booklet, inbox=False)
    booklet.add_argument("--state", type=Path, default=None, help="状态目录（默认在输出目录旁的 .paperdesk-state）")
    booklet.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="封面日期（默认：活动配置，否则今天）")

    serve = sub.add_parser("serve", help="启动审核网页")
    _add_common(serve)
    serve.add_argument("--state", type=Path, default=None)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        campaign = load_campaign(args.campaign, args.roster)
    except CampaignError as e:
        print(str(e), file=sys.stderr)
        return 1
    from checks import rule_problems  # the campaign's rules: valid? (told now, not after reading every file)
    from paperdesk.campaign import DEFAULT_CAMPAIGN

    problems = rule_problems(campaign, args.campaign or DEFAULT_CAMPAIGN)
    if problems:
        print(f"活动配置文件有误：{args.campaign or '默认活动配置'}\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    handler = {"run": cmd_run, "demo": cmd_demo, "forms": cmd_forms, "serve": cmd_serve,
               "watch": cmd_watch, "mail": cmd_mail, "certificates": cmd_certificates,
               "booklet": cmd_booklet}[args.command]
    if args.command in ("run", "serve", "mail", "certificates", "booklet"):
        interrupt.install()  # watch installs its own (it also stops its loop)
    try:
        return handler(args, campaign)
    except BaseException as e:  # Ctrl+C / SIGTERM: one Chinese line and 130 / 143, no traceback
        signum = interrupt.signal_of(e)
        if signum is None:
            raise
        print("\n" + interrupt.message(signum), file=sys.stderr, flush=True)
        return interrupt.exit_code(signum)


def cmd_run(args, campaign) -> int:
    from flows.run import run_pipeline
    from paperdesk.lock import StateBusy
    from paperdesk.progress import terminal

    if not args.inbox.is_dir():
        print(f"收件箱目录不存在：{args.inbox}", file=sys.stderr)
        return 1
    state = args.state or default_state_dir(args.outbox)
    try:
        summary = run_pipeline(args.inbox, args.outbox, state, args.campaign, progress=terminal(),
                               roster_path=args.roster)
    except StateBusy as e:
        print(str(e), file=sys.stderr)
        return 1
    except OSError as e:
        print(f"运行失败：{e}", file=sys.stderr)
        return 1
    except Exception as e:  # the run itself failed (not a bad file: those become flags)
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(f"\n运行失败（收件箱未被改动，可直接重新运行）：{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary, args.outbox))
    return 0


def format_summary(summary: dict, outbox: Path) -> str:
    from writers.labels import STATE_ZH

    lines = [
        "",
        f"处理完成：{len(summary['colleges'])} 个学院，{summary['files']} 个文件"
        f"（新读取 {summary.get('extracted', 0)}，沿用缓存 {summary.get('cached', 0)}）",
        "文件状态：" + "，".join(f"{STATE_ZH.get(k, k)} {v}" for k, v in summary["file_states"].items()),
        f"问题：共 {sum(summary['flags_by_code'].values())} 条待处理（其中错误 {summary['errors']} 条）",
    ]
    for code, n in summary["flags_by_code"].items():
        lines.append(f"  {code:<28} {n}")
    silent = summary.get("silent_colleges") or []
    if silent:
        lines.append(f"尚未提交任何材料的学院 {len(silent)} 个：" + "、".join(silent))
    judging = summary.get("judging") or {}
    if judging:
        lines.append(f"评审表：{judging.get('entries', 0)} 篇可评审" + (f"，{judging['conflicts']} 篇的评审结果在网页和评审表中不一致（见评审说明）" if judging.get("conflicts") else ""))
        lines += [f"  注意：{p}" for p in judging.get("problems") or []]
    lines.append(f"输出目录：{Path(outbox).resolve()}（问题清单.xlsx、提交情况总览.xlsx、回执/ 等）")
    return "\n".join(lines)


def cmd_demo(args, campaign) -> int:
    from sampledata import DEMOS

    make_demo = DEMOS.get(campaign.id)
    if make_demo is None:
        print(f"活动“{campaign.id}”没有示例收件箱。可选：{'、'.join(DEMOS)}", file=sys.stderr)
        return 2
    manifest = make_demo(args.inbox, campaign)
    if args.manifest:
        args.manifest.write_text(manifest.to_json(), encoding="utf-8")
    n = sum(1 for p in args.inbox.rglob("*") if p.is_file())
    print(f"示例收件箱已生成：{args.inbox.resolve()}（{n} 个文件）")
    return 0


def cmd_forms(args, campaign) -> int:
    from writers.forms import write_forms

    college = None
    if args.college:
        college = campaign.resolve_college(args.college) or campaign.find_college(args.college)
        if not college:
            names = "、".join(c.name for c in campaign.colleges)
            print(f"找不到学院“{args.college}”。可选：{names}", file=sys.stderr)
            return 2
    paths = write_forms(campaign, args.outbox, college=college)
    for p in paths:
        print(p)
    return 0


def cmd_watch(args, campaign) -> int:
    import os

    from flows.watch import serve_deployment, watch

    if not args.inbox.is_dir():
        print(f"收件箱目录不存在：{args.inbox}", file=sys.stderr)
        return 1
    state = args.state or default_state_dir(args.outbox)
    if os.environ.get("PREFECT_API_URL"):
        print(f"已连接 Prefect 服务器 {os.environ['PREFECT_API_URL']}，以部署方式运行", file=sys.stderr)
        if args.mail_every > 0:
            print("Prefect 服务器模式下不自动收信：请另行定时运行 paperdesk mail fetch", file=sys.stderr)
        return serve_deployment(args.inbox, args.outbox, state, args.campaign, interval=max(args.interval, 10),
                                roster_path=args.roster)
    fetch = None
    if args.mail_every > 0:
        from mail.commands import periodic_fetch
        from mail.errors import MailError

        try:
            fetch = periodic_fetch(campaign, args.inbox, state,
                                   log=lambda msg: print(msg, file=sys.stderr, flush=True))
        except MailError as e:
            print(e.message, file=sys.stderr)
            return e.exit_code
    return watch(args.inbox, args.outbox, state, args.campaign, interval=args.interval, settle=args.settle,
                 roster_path=args.roster, fetch=fetch, fetch_every=args.mail_every)


def cmd_mail(args, campaign) -> int:
    from mail.commands import cmd_fetch, cmd_send

    state = args.state or default_state_dir(args.outbox)
    return {"fetch": cmd_fetch, "send-receipts": cmd_send}[args.mail_command](args, campaign, state)


def _date(text: str | None):
    import datetime as dt

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise SystemExit(print(f"日期格式不对：{text}（应为 YYYY-MM-DD，例如 2020-07-01）", file=sys.stderr) or 2)


def _awards(make, args, campaign, **kw) -> int:
    """Run an after-the-run command of flows.awards and print what it made (Chinese)."""
    from flows.awards import AwardsError
    from paperdesk.lock import StateBusy

    state = args.state or default_state_dir(args.outbox)
    try:
        report = make(args.outbox, state, campaign, day=_date(args.date), **kw)
    except (AwardsError, StateBusy) as e:
        print(str(e), file=sys.stderr)
        return 1
    except ValueError as e:  # a kind without pre-printed positions …
        print(str(e), file=sys.stderr)
        return 1
    for note in report.notes:
        print(f"注意：{note}", file=sys.stderr)
    print("，".join(f"{k} {v}" for k, v in report.counts.items()))
    for p in report.files:
        print(p)
    return 0


def cmd_certificates(args, campaign) -> int:
    from flows.awards import make_certificates

    return _awards(make_certificates, args, campaign, preprinted=args.preprinted, pdf=not args.no_pdf)


def cmd_booklet(args, campaign) -> int:
    from flows.awards import make_booklet

    return _awards(make_booklet, args, campaign)


def cmd_serve(args, campaign) -> int:
    from review.app import serve

    state = args.state or default_state_dir(args.outbox)
    serve(inbox=args.inbox, outbox=args.outbox, state_dir=state, campaign_path=args.campaign,
          host=args.host, port=args.port, roster_path=args.roster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
