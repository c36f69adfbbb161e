"""Prefect tasks and the ``paperdesk-run`` flow. Import only through ``flows.run`` (which sets
Prefect's environment first)."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.artifacts import create_markdown_artifact

from flows import remote
from flows import steps as pipeline
from paperdesk.campaign import load_campaign
from paperdesk.lock import state_lock
from paperdesk.progress import quiet
from paperdesk.state import State
from writers.publish import publish


@task(name="intake", persist_result=False, cache_policy=NO_CACHE)
def intake_task(inbox: str, state_dir: str, campaign_ref: tuple[str | None, str | None], run_id: int):
    return pipeline.intake(Path(inbox), State(state_dir), load_campaign(*campaign_ref), run_id)


@task(name="extract", persist_result=False, cache_policy=NO_CACHE)
def extract_task(items, state_dir: str, campaign_ref: tuple[str | None, str | None], progress):
    """In the local process pool, or on the workers of a reader pool (``flows.remote``) when
    ``PREFECT_API_URL`` and ``PAPERDESK_READER_POOL`` are set; the counts then say who read what."""
    pool = remote.pool_wanted()
    reader = remote.RemoteReader(state_dir, pool) if pool else None
    extracted, counts = pipeline.extract(items, State(state_dir), load_campaign(*campaign_ref), progress, reader)
    if reader is not None:
        counts = {**counts, "readers": dict(sorted(reader.by_worker.items())), "read_here": reader.local}
    return extracted, counts


@task(name="identify-and-check", persist_result=False, cache_policy=NO_CACHE)
def identify_check_task(items, extracted, campaign_ref: tuple[str | None, str | None]):
    campaign = load_campaign(*campaign_ref)
    submission = pipeline.identify(items, extracted, campaign)
    return submission, pipeline.check(submission, campaign)


@task(name="publish", persist_result=False, cache_policy=NO_CACHE)
def publish_task(outbox: str, state_dir: str, campaign_ref: tuple[str | None, str | None], submission, flags):
    campaign = load_campaign(*campaign_ref)
    state = State(state_dir)
    when = pipeline.as_of(submission.items)
    flags, overrides, stale = pipeline.apply_decisions(flags, state.decisions())
    flags = pipeline.with_resolved(flags, state, when)
    outputs = publish(Path(outbox), campaign, submission, flags, when, overrides)
    judged = pipeline.judging(Path(outbox), state, campaign, submission, flags, when)  # 评审表 + the awards snapshot
    if judged.get("path"):
        outputs.append(Path(judged["path"]))
    return flags, outputs, stale, judged


@flow(name="paperdesk-run", log_prints=False, validate_parameters=False)
def process_inbox(inbox: str, outbox: str, state_dir: str, campaign_path: str | None = None, progress=None,
                  roster_path: str | None = None) -> dict:
    """One run. ``campaign_path`` and ``roster_path`` (the office's roster, optional) travel to the
    tasks together as one pair: each task loads the campaign itself (tasks may run elsewhere)."""
    progress = progress or quiet
    campaign_ref = (campaign_path, roster_path)
    load_campaign(*campaign_ref)  # a broken campaign file stops the run before any file is touched
    state = State(state_dir)
    with state_lock(Path(state_dir)):
        run_id = state.start_run()
        progress(0, 4, "收件：遍历收件箱、解压归档和邮件")
        items = intake_task(inbox, state_dir, campaign_ref, run_id)
        progress(1, 4, f"读取 {len(items)} 个文件")
        extracted, counts = extract_task(items, state_dir, campaign_ref, progress)
        progress(2, 4, "识别与检查")
        submission, flags = identify_check_task(items, extracted, campaign_ref)
        progress(3, 4, "生成输出")
        flags, outputs, stale, judged = publish_task(outbox, state_dir, campaign_ref, submission, flags)
        extra = {"judging": {k: v for k, v in judged.items() if k != "path"}} if judged else {}
        summary = pipeline.summarize(submission, flags, outputs, {**counts, "stale_decisions": len(stale), **extra},
                                     load_campaign(*campaign_ref))
        state.finish_run(run_id, True, summary)
        progress(4, 4, "完成")
    _artifact(summary)
    return summary


def _artifact(summary: dict) -> None:
    lines = ["| 问题代码 | 数量 |", "|---|---|"] + [f"| {c} | {n} |" for c, n in summary["flags_by_code"].items()]
    try:
        create_markdown_artifact(
            key="paperdesk-run-summary",
            markdown=f"学院 {len(summary['colleges'])} 个，文件 {summary['files']} 个\n\n" + "\n".join(lines),
            description="paperdesk 处理结果",
        )
    except Exception:  # the artifact is a courtesy for the Prefect UI; never fail a run on it
        pass
