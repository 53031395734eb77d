"""Drawing the operations board (what the team reads at 9:00) from ``OperationsBoardView``."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import calendar
from driftboard.domain import PlanEvent
from driftboard.i18n import WEEKDAYS, fmt_day, fmt_hours, fmt_number, fmt_time, fmt_week, t
from driftboard.opsboard import TaskLine
from driftboard.services.operations_board import OperationsBoardView, PlanChangeRow
from driftboard.status import Status, is_exception
from driftboard.ui import confirm_line
from driftboard.ui.board_parts import absence_badge, chart_spec, clip, html_badge, more, status_badge, tv_chart
from driftboard.ui.html_table import Cell, html_table
from driftboard.ui.page import PageContext
from driftboard.ui.small_screens import MOBILE_MAX_PX
from driftboard.ui.text import md_escape


def header(
    ctx: PageContext, view: OperationsBoardView, team_name: str, stamp: Callable[[], None] | None = None
) -> None:
    board = view.board
    # The shared screen's status is 1.85rem: it gets the width to stay on one line.
    left, middle, right = st.columns([4.2, 2.8, 1.3] if ctx.kiosk else [5, 2, 1.3], vertical_alignment="center")
    left.markdown(
        f"## {md_escape(team_name)} · {ctx.t('page.operations')} · "
        f"{fmt_week(board.day, ctx.lang)} · {fmt_day(board.day, ctx.lang)}"
    )
    middle.markdown(f"### {status_badge(ctx, board.status, ctx.t(f'status.team.{board.status.value}'))}")
    if stamp is not None:
        with right:
            stamp()
    if view.plan_status is None:
        st.warning(ctx.t("ops.no_plan"), icon=":material/event_busy:")
    elif view.plan_status.value == "draft":
        st.warning(ctx.t("ops.plan_draft"), icon=":material/edit_calendar:")
    confirm_line.board_line(ctx, view)


def cell_parts(
    ctx: PageContext, planned: int, produced: int | None, status: Status, marked: bool
) -> tuple[str, Status | None]:
    """A cell's text ("27/25", "25*" for a changed plan, "–") and the status it is badged with
    (none before anything is produced)."""
    plan = f"{fmt_number(planned, ctx.lang)}{'*' if marked else ''}"
    if status in (Status.NONE, Status.NOT_STARTED) and produced is None:
        return (plan if planned else "–"), None
    got = "–" if produced is None else fmt_number(produced, ctx.lang)
    return f"{got}/{plan}", status


def cell_text(ctx: PageContext, planned: int, produced: int | None, status: Status, marked: bool) -> str:
    """The cell as markdown, for ``st.table``."""
    return _markdown(ctx, *cell_parts(ctx, planned, produced, status, marked))


def _markdown(ctx: PageContext, text: str, status: Status | None) -> str:
    return text if status is None else status_badge(ctx, status, text)


def _badge(text: str, status: Status | None) -> Cell:
    """A cell of the shared screen's table: the text, badged as ``status_badge`` does."""
    return text if status is None else html_badge(status, text)


def production_table(
    ctx: PageContext,
    view: OperationsBoardView,
    *,
    exceptions_only: bool = False,
    notes: bool = True,
    notes_limit: int | None = None,
    clip_at: int | None = None,
    weekday_only: bool = False,
) -> None:
    """Produced / planned per task and day, cumulated for the week, and each task's status
    (``weekday_only``: the days headed "Mon" … "Fri", the shared screen's narrower columns)."""
    board = view.board
    st.markdown(f"#### {ctx.t('ops.produced_vs_planned')}")
    if not board.tasks:
        st.info(ctx.t("ops.no_tasks"))
        return
    lines = [t for t in board.tasks if not exceptions_only or is_exception(t.status)]
    if not lines:
        st.success(ctx.t("ops.no_exceptions"))
        return
    days = [c.date for c in lines[0].days]
    columns = [
        ctx.t("ops.col.task"),
        *(
            (WEEKDAYS[ctx.lang][d.weekday()] if weekday_only else fmt_day(d, ctx.lang))
            + (" ◀" if d == board.day else "")
            for d in days
        ),
        ctx.t("ops.col.week"),
        ctx.t("ops.col.status"),
    ]
    rows = []
    for line in lines:
        produced = line.cum_produced if any(c.produced is not None for c in line.days) else None
        rows.append(
            (
                clip(line.task.name, clip_at),
                *(cell_parts(ctx, c.planned, c.produced, c.status, c.override_reason is not None) for c in line.days),
                cell_parts(ctx, line.cum_planned, produced, line.status, False),
                (ctx.t(f"status.{line.status.value}"), line.status),
            )
        )
    with st.container(key="production_table"):
        if ctx.kiosk:  # the shared screen: a plain table, drawn at once (``html_table``)
            html_table(columns, [(name, *(_badge(*c) for c in cells)) for name, *cells in rows])
        else:
            shown = [(md_escape(name), *(_markdown(ctx, *c) for c in cells)) for name, *cells in rows]
            records = [dict(zip(columns, row, strict=True)) for row in shown]
            st.table(pd.DataFrame(records), hide_index=True)
    if not ctx.kiosk and board.day in days:
        # A phone: the task, the board's day, the week and the status, without scrolling sideways.
        today = days.index(board.day) + 2
        cells = ", ".join(
            f".st-key-production_table tr > {cell}:nth-child(n+2):nth-last-child(n+3):not(:nth-child({today}))"
            for cell in ("th", "td")
        )
        st.html(f"<style>@media (max-width: {MOBILE_MAX_PX}px) {{{cells} {{display: none;}}}}</style>")
    overrides = [(line, c) for line in lines for c in line.days if c.override_reason]
    if notes:
        st.caption(ctx.t("ops.cell_help", tolerance=fmt_number(board.tolerance_pct, ctx.lang)))
    shown = overrides if notes_limit is None else overrides[-notes_limit:] if notes_limit else []
    for line, cell in shown:
        st.caption(
            "\\* "
            + ctx.t(
                "ops.override_note",
                task=md_escape(line.task.name),
                day=fmt_day(cell.date, ctx.lang),
                volume=cell.planned,
                reason=md_escape(cell.override_reason),
            )
        )
    more(ctx, len(overrides) - len(shown), key="notes")


@functools.lru_cache(maxsize=64)
def _cumulated_spec(planned_label: str, produced_label: str, order: tuple[str, ...], height: int, scale: float) -> str:
    """The cumulated chart's Vega-Lite spec without data or title, as JSON: Altair builds it
    once per language and size, and every task's chart is a copy of it with its own data."""
    colours = alt.Scale(domain=[planned_label, produced_label], range=["#8a8a8a", "#1f5fae"])
    base = alt.Chart(pd.DataFrame(columns=["day", "series", "value"])).encode(
        x=alt.X("day:N", sort=list(order), title=None, axis=alt.Axis(labelAngle=0)),
        # Whole cases, three ticks at most (a low chart on the TV does not stack its labels), and
        # a scale from 0 to at least 1: a week with nothing planned or produced yet (Monday 9:00)
        # reads "0", not "0.000000".
        y=alt.Y(
            "value:Q",
            title=None,
            axis=alt.Axis(format="d", tickMinStep=1, tickCount=3),
            scale=alt.Scale(zero=True, domain={"unionWith": [0, 1]}),
        ),
        color=alt.Color("series:N", scale=colours, title=None, legend=None),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=[planned_label, produced_label], range=[[6, 4], [1, 0]]),
            legend=None,
        ),
    )
    marks = base.mark_line(strokeWidth=4 * scale) + base.mark_point(size=80 * scale**2, filled=True)
    chart = marks.properties(title=alt.TitleParams("", anchor="start", limit=0), height=height)
    spec = chart_spec(tv_chart(chart, scale))
    spec["data"] = {"name": "rows"}  # each task's rows come with its chart
    spec.pop("datasets", None)
    return json.dumps(spec)


def cumulated_chart(
    ctx: PageContext,
    view: OperationsBoardView,
    *,
    per_row: int = 2,
    height: int = 150,
    scale: float = 1.0,
    clip_at: int | None = None,
    legend: bool = True,
) -> None:
    """Cumulated produced vs cumulated planned over the week: one chart per task, side by side,
    each as wide as its column so the row fits any screen (``scale``: the shared screen's size;
    ``clip_at``: the title's characters, for a narrow chart; ``legend``: the line that says
    which line is which)."""
    board = view.board
    if not board.tasks:
        return
    st.markdown(f"#### {ctx.t('ops.chart_title')}")
    planned_label, produced_label = ctx.t("ops.series.planned"), ctx.t("ops.series.produced")
    order = tuple(WEEKDAYS[ctx.lang][d.weekday()] for d in board.week_days)
    spec = _cumulated_spec(planned_label, produced_label, order, height, scale)
    if legend:
        st.caption(ctx.t("ops.chart_legend"))
    for start in range(0, len(board.tasks), per_row):
        columns = st.columns(per_row)
        for column, line in zip(columns, board.tasks[start : start + per_row], strict=False):
            rows, planned_sum, produced_sum = [], 0, 0
            for cell in line.days:
                day = WEEKDAYS[ctx.lang][cell.date.weekday()]
                planned_sum += cell.planned
                rows.append({"day": day, "series": planned_label, "value": planned_sum})
                if cell.produced is not None:  # a day without production is not drawn (grey above)
                    produced_sum += cell.produced
                    rows.append({"day": day, "series": produced_label, "value": produced_sum})
            task_spec = json.loads(spec)
            task_spec["title"]["text"] = clip(line.task.name, clip_at)
            task_spec["datasets"] = {"rows": pd.DataFrame(rows)}
            column.vega_lite_chart(spec=task_spec, width="stretch")


def holdings_table(
    ctx: PageContext, view: OperationsBoardView, *, exceptions_only: bool = False, clip_at: int | None = None
) -> None:
    st.markdown(f"#### {ctx.t('ops.holdings')}")
    lines: list[TaskLine] = [
        line for line in view.board.tasks if line.holdings and (not exceptions_only or line.holdings.needs_attention)
    ]
    if not lines:
        st.info(ctx.t("ops.no_holdings"))
        return
    records = []
    for line in lines:
        h = line.holdings
        assert h is not None
        due = fmt_number(h.due_today, ctx.lang)
        over = fmt_number(h.overdue, ctx.lang)
        records.append(
            {
                ctx.t("ops.col.task"): md_escape(clip(line.task.name, clip_at)),
                ctx.t("ops.col.open"): fmt_number(h.open_cases, ctx.lang),
                ctx.t("ops.col.due_today"): f":orange-background[**{due}**]" if h.due_today else due,
                ctx.t("ops.col.overdue"): f":red-background[:material/warning: **{over}**]" if h.overdue else over,
            }
        )
    st.table(pd.DataFrame(records), hide_index=True)
    dates = {line.holdings.date for line in lines if line.holdings}
    if dates and max(dates) != view.board.day:
        st.caption(ctx.t("ops.holdings_as_of", day=fmt_day(max(dates), ctx.lang)))


def roster(
    ctx: PageContext, view: OperationsBoardView, *, exceptions_only: bool = False, limit: int | None = None
) -> None:
    """Today: who works on what, who is absent and why, who is lent out or borrowed (``limit``:
    the shared screen's rows, absences and borrowed people first, "+ N more" under them)."""
    st.markdown(f"#### {ctx.t('ops.today')}")
    if not calendar.is_work_day(view.board.day):
        st.caption(ctx.t("ops.weekend"))
        return
    records = []
    lines = [line for line in view.board.roster if not exceptions_only or line.is_exception]
    if limit is not None:
        lines = sorted(lines, key=lambda line: not line.is_exception)
    for line in lines[:limit] if limit is not None else lines:
        if line.absence and not line.tasks:
            what = absence_badge(ctx, line.absence.kind)
        else:
            unit = ctx.t("unit.hours_short")
            what = ", ".join(f"{task} {fmt_hours(h, ctx.lang)} {unit}" for task, h in line.tasks)
            if line.absence:
                absence = ctx.t(f"absence.{line.absence.kind}")
                what += f" · {absence} {fmt_hours(line.absence.hours, ctx.lang)} {unit}"
            what = md_escape(clip(what, 48 if limit is not None else None)) if what else ctx.t("ops.not_planned")
        name = md_escape(line.name)
        if line.borrowed_from:
            name += f" ({ctx.t('ops.borrowed_from', team=md_escape(line.borrowed_from))})"
        record = {ctx.t("ops.col.person"): name, ctx.t("ops.col.today"): what}
        if view.places:  # where people work, once the week plan says it
            place = view.places.get(line.person_id)
            record[ctx.t("ops.col.place")] = ctx.t(f"wp.{place.value}") if place else ""
        records.append(record)
    if records:
        st.table(pd.DataFrame(records), hide_index=True)
    more(ctx, len(lines) - len(records), key="roster")


def change_text(change: PlanChangeRow, lang: str) -> str:
    """What a prioritisation-log entry says, in the viewer's language: the event rendered from
    its parameters (``change.event.<event>``), then the person's own note. Entries stored as
    plain text show as written."""
    p = change.params
    event = p.get("event")
    if event in (None, PlanEvent.NOTE):
        return change.note
    tasks = [
        t("change.task_hours", lang, task=task, hours=fmt_hours(float(h), lang)) for task, h in p.get("tasks") or []
    ]
    if event == PlanEvent.SICK and not tasks:  # nothing of the day was planned for them
        event = "sick_nothing_planned"
    text = t(
        f"change.event.{event}",
        lang,
        name=p.get("person", ""),
        hours=fmt_hours(float(p.get("hours") or 0), lang),
        source=p.get("from_task") or t("ops.unplanned", lang),
        target=p.get("to_task") or p.get("task") or "",
        tasks=", ".join(tasks) or "–",
        absence=t(f"absence.{p.get('absence', 'sick')}", lang),
        lender=p.get("lender", ""),
        borrower=p.get("borrower", ""),
    )
    return f"{text} {change.note}".strip()


def plan_changes(
    ctx: PageContext, view: OperationsBoardView, *, limit: int | None = None, clip_at: int | None = None
) -> None:
    st.markdown(f"#### {ctx.t('ops.changes')}")
    if not view.changes:
        st.caption(ctx.t("ops.no_changes"))
        return
    changes = view.changes[:limit] if limit is not None else view.changes
    if not changes:
        more(ctx, len(view.changes), key="changes")
        return
    records = []
    for c in changes:
        when = fmt_time(c.created_at, ctx.lang)
        record = {
            ctx.t("ops.col.when"): when
            if clip_at and c.date == view.board.day
            else f"{fmt_day(c.date, ctx.lang)} {when}"
        }
        record[ctx.t("ops.col.why")] = ctx.t(f"change.{c.kind.value}")
        record[ctx.t("ops.col.what")] = md_escape(clip(change_text(c, ctx.lang), clip_at))
        if not clip_at:  # the shared screen leaves out who, to keep each change on one line
            record[ctx.t("ops.col.who")] = md_escape(c.author)
        records.append(record)
    st.table(pd.DataFrame(records), hide_index=True)
    more(ctx, len(view.changes) - len(changes), key="changes")


def capacity_warnings(
    ctx: PageContext, view: OperationsBoardView, *, limit: int | None = None, candidates: int = 3, compact: bool = False
) -> None:
    """Tasks short of capacity with the escalation steps in the unit's order (``compact``: one
    line per task with the first steps, for the shared screen)."""
    board = view.board
    st.markdown(f"#### {ctx.t('ops.capacity')}")
    if not board.warnings:
        st.caption(ctx.t("ops.no_warnings"))
    shown = board.warnings[:limit] if limit is not None else board.warnings
    for warning in shown:
        if compact:
            head = f":orange-background[:material/warning: **{md_escape(warning.task.name)}**] " + ctx.t(
                "ops.short_by", hours=fmt_number(warning.gap_hours, ctx.lang, 1)
            )
            steps = []
            for step in warning.steps[:2]:
                names = ", ".join(md_escape(c.name) for c in step.candidates[:candidates]) or ctx.t("ops.no_candidates")
                steps.append(f"{ctx.t(f'escalation.short.{step.key}')}: {names}")
            st.markdown(f"{head}  \n{' · '.join(steps)}")
            continue
        lines = [
            f":orange-background[:material/warning: **{md_escape(warning.task.name)}**] "
            + ctx.t("ops.short_by", hours=fmt_number(warning.gap_hours, ctx.lang, 1))
        ]
        for number, step in enumerate(warning.steps, start=1):
            text = f"{number}. {ctx.t(f'escalation.{step.key}')}"
            if step.candidates:
                key = "ops.candidate" if step.key == "borrow_unit" else "ops.candidate_own"
                names = ", ".join(
                    ctx.t(
                        key, name=md_escape(c.name), team=md_escape(c.team_name), hours=fmt_number(c.hours, ctx.lang, 1)
                    )
                    for c in step.candidates[:candidates]
                )
                text += f": {names}"
            elif step.key in ("borrow_unit", "overtime"):
                text += f": {ctx.t('ops.no_candidates')}"
            lines.append(text)
        st.markdown("  \n".join(lines))
    if compact:
        more(ctx, len(board.warnings) - len(shown), key="warnings")
    for line in board.competence_flags[: None if limit is None else max(0, limit - len(shown))]:
        st.markdown(
            f":orange-background[:material/school: **{md_escape(line.task.name)}**] "
            + ctx.t(
                "ops.competence_flag",
                competent=line.competence.competent,
                required=line.competence.required,
                fte=fmt_number(line.competence.need_fte, ctx.lang, 1),
            )
        )


def day_result(ctx: PageContext, view: OperationsBoardView, day: dt.date, *, exceptions_only: bool = False) -> None:
    """One day's produced vs planned per task (yesterday's result at the meeting)."""
    records = []
    for line in view.board.tasks:
        cell = line.cell(day)
        if cell is None or (exceptions_only and not is_exception(cell.status)):
            continue
        records.append(
            {
                ctx.t("ops.col.task"): md_escape(line.task.name),
                ctx.t("ops.series.produced"): "–" if cell.produced is None else fmt_number(cell.produced, ctx.lang),
                ctx.t("ops.series.planned"): fmt_number(cell.planned, ctx.lang),
                ctx.t("ops.col.status"): status_badge(ctx, cell.status),
            }
        )
    if records:
        st.table(pd.DataFrame(records), hide_index=True)
    else:
        st.success(ctx.t("ops.no_exceptions"))


def week_result(ctx: PageContext, last_week: OperationsBoardView, *, clip_at: int | None = None) -> None:
    """The week the team closed on Friday, per task: shown on Monday, when the meeting reviews
    the last work day and there is nothing of this week to judge yet."""
    board = last_week.board
    team_status = status_badge(ctx, board.status, ctx.t(f"status.team.{board.status.value}"))
    st.markdown(f"#### {ctx.t('ops.last_week', week=fmt_week(board.day, ctx.lang))} · {team_status}")
    records = [
        {
            ctx.t("ops.col.task"): md_escape(clip(line.task.name, clip_at)),
            ctx.t("ops.col.week"): cell_text(ctx, line.cum_planned, line.cum_produced, line.status, False),
            ctx.t("ops.col.status"): status_badge(ctx, line.status),
        }
        for line in board.tasks
    ]
    if records:
        st.table(pd.DataFrame(records), hide_index=True)
