"""A team's escalations on its own board: the form that hands an item up, and what is waiting
or was answered today (on the page, the meeting view and, compact, the shared screen)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from driftboard.bounds import Bounds
from driftboard.domain import OrgLevel
from driftboard.i18n import fmt_day, fmt_number
from driftboard.services import escalations
from driftboard.services.escalations import EscalationView
from driftboard.services.masterdata import TeamInfo
from driftboard.services.operations_board import OperationsBoardView
from driftboard.tiers import Answer, EscalationKind, EscalationStatus
from driftboard.ui.board_parts import clip
from driftboard.ui.number_entry import number_entry, refused
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

# Hours asked for or given in a form: a quarter of an hour at the least, the service's most.
HOURS = Bounds(0.25, escalations.MAX_HOURS)


def _level(ctx: PageContext, level: OrgLevel | None) -> str:
    return ctx.t(f"tier.level.{(level or OrgLevel.DEPARTMENT).value}")


def answer_text(ctx: PageContext, e: EscalationView) -> str:
    """ "Answered by the department: 2 people from Pension, 6 h"."""
    assert e.answer is not None
    level = _level(ctx, e.answer_level)
    hours = fmt_number(e.answer_hours or 0, ctx.lang, 1)
    if e.answer is Answer.BORROW:
        key = "esc.answer.borrow_one" if e.answer_people == 1 else "esc.answer.borrow"
        lenders = ", ".join(md_escape(name) for name in e.lenders)
        return ctx.t(key, level=level, people=e.answer_people, lenders=lenders, hours=hours)
    if e.answer is Answer.NOTE:
        return ctx.t("esc.answer.note", level=level, note=md_escape(e.answer_note))
    return ctx.t(f"esc.answer.{e.answer.value}", level=level, hours=hours)


def line(ctx: PageContext, e: EscalationView, *, team: bool = False, clip_at: int | None = None) -> str:
    """One escalation in markdown: what, the hours it carries, where it is and since when (red
    once the team's next meeting has passed unanswered), or the answer."""
    kind = ctx.t(f"esc.kind.{e.kind.value}")
    head = f"**{kind}**" + (f" · {md_escape(e.team)}" if team else "")
    if e.task:
        head += f" · {md_escape(clip(e.task, clip_at))}"
    carried = []
    if e.hours:
        carried.append(ctx.t("esc.carries", hours=fmt_number(e.hours, ctx.lang, 1)))
    if e.amount is not None:
        carried.append(ctx.t("esc.amount", amount=e.amount))
    text = head + (f" ({', '.join(carried)})" if carried else "") + f": {md_escape(clip(e.note, clip_at))}"
    if e.answer is not None:
        return f":green-background[:material/reply: {answer_text(ctx, e)}]  \n{text}"
    waiting = ctx.t("esc.waiting", level=_level(ctx, e.level), time=e.raised_at.strftime("%H:%M"), age=e.age_minutes)
    if e.late:
        late = ctx.t("esc.late", due=f"{fmt_day(e.due.date(), ctx.lang)} {e.due.strftime('%H:%M')}")
        return f":red-background[:material/alarm: {late}]  \n{text} · {waiting}"
    return f":orange-background[:material/north: {waiting}]  \n{text}"


SCREEN_CHARS = 58  # a compact line's characters: one line of the shared screen's right column


def compact_line(ctx: PageContext, e: EscalationView) -> str:
    """One line for the shared screen: "Department: 2 people from Pension +1, 6 h", or what is
    waiting and since when (red once the team's meeting has passed)."""
    level = ctx.t(f"tier.short.{(e.answer_level or e.level).value}")
    kind = ctx.t(f"esc.kind.{e.kind.value}")
    if e.answer is not None:
        hours = fmt_number(e.answer_hours or 0, ctx.lang, 1)
        if e.answer is Answer.BORROW:
            lenders = clip(e.lenders[0], 24) + (f" +{len(e.lenders) - 1}" if len(e.lenders) > 1 else "")
            text = ctx.t("esc.short.borrow", level=level, people=e.answer_people, lenders=lenders, hours=hours)
        elif e.answer is Answer.NOTE:
            text = ctx.t("esc.short.note", level=level, note=e.answer_note)
        else:
            text = ctx.t(f"esc.short.{e.answer.value}", level=level, hours=hours)
        return f":green-background[:material/reply: {md_escape(clip(text, SCREEN_CHARS))}]"
    if e.late:
        text = ctx.t("esc.short.late", kind=kind, time=e.due.strftime("%H:%M"))
        return f":red-background[:material/alarm: {md_escape(clip(text, SCREEN_CHARS))}]"
    text = ctx.t("esc.short.waiting", kind=kind, level=_level(ctx, e.level), time=e.raised_at.strftime("%H:%M"))
    return f":orange-background[:material/north: {md_escape(clip(text, SCREEN_CHARS))}]"


def team_panel(
    ctx: PageContext, found: Sequence[EscalationView], *, compact: bool = False, limit: int | None = None
) -> None:
    """The team's escalations waiting and answered today; on the page an answered one can be
    closed (the team has taken it in). ``compact``: one line each on the shared screen, the
    newest answers and the oldest waiting first, at most ``limit``."""
    if compact:
        shown = sorted(found, key=lambda e: (e.answer is None, not e.late))[:limit]
        if shown:
            st.markdown("  \n".join(compact_line(ctx, e) for e in shown))
        return
    st.markdown(f"#### {ctx.t('esc.title')}")
    if not found:
        st.caption(ctx.t("esc.none"))
    for e in found:
        text, button = st.columns([6, 1], vertical_alignment="center")
        text.markdown(line(ctx, e))
        if e.status is EscalationStatus.ANSWERED and button.button(
            ctx.t("esc.close"), key=f"esc_close_{e.id}", icon=":material/done:"
        ):
            run_intent(
                ctx,
                lambda e=e: escalations.close_escalation(ctx.actor, e.id, seen_version=e.version),
                done=ctx.t("esc.closed"),
            )


def raise_form(ctx: PageContext, team: TeamInfo, view: OperationsBoardView) -> None:
    """Hand an item up to the department: what, a note, the hours or a number it carries and
    the task (a capacity gap starts with the board's own gap for the task)."""
    gaps = {w.task.id: w.gap_hours for w in view.board.warnings}
    tasks = {t.id: t.name for t in view.tasks}
    with st.form("esc_form"):
        st.caption(ctx.t("esc.form.help"))
        what, task_col = st.columns(2)
        kind = what.selectbox(
            ctx.t("esc.form.kind"),
            list(EscalationKind),
            format_func=lambda k: ctx.t(f"esc.kind.{k.value}"),
            key="esc_kind",
        )
        # The task with the largest gap first (a capacity gap is the usual escalation), then the rest.
        options = [*sorted(gaps, key=lambda t: -gaps[t]), None, *sorted(set(tasks) - set(gaps), key=tasks.get)]
        task_id = task_col.selectbox(
            ctx.t("esc.form.task"),
            options,
            format_func=lambda t: tasks[t] if t else ctx.t("esc.form.no_task"),
            key="esc_task",
        )
        hours_col, amount_col = st.columns(2)
        hours = number_entry(
            ctx, ctx.t("esc.form.hours"), key="esc_hours", bounds=HOURS, container=hours_col,
            placeholder=ctx.t("esc.form.hours_gap"),
        )  # fmt: skip
        amount = number_entry(
            ctx, ctx.t("esc.form.amount"), key="esc_amount", bounds=Bounds(0, 100000), whole=True, container=amount_col
        )
        st.session_state.setdefault("esc_note", "")  # emptied after a save, in the browser too
        note = st.text_area(ctx.t("esc.form.note"), key="esc_note", max_chars=500)
        submitted = st.form_submit_button(ctx.t("esc.form.submit"), type="primary", icon=":material/north:")
    if submitted and not refused([hours, amount]):
        gap = gaps.get(task_id) if kind is EscalationKind.CAPACITY_GAP else None
        carried = hours.value if hours.value is not None else gap
        number = int(amount.value) if amount.value is not None else None
        run_intent(
            ctx,
            lambda: escalations.raise_escalation(
                ctx.actor,
                team.id,
                kind,
                note,
                hours=carried,
                amount=number,
                task_id=task_id,
            ),
            done=ctx.t("esc.raised", kind=ctx.t(f"esc.kind.{kind.value}")),
            clear=("esc_note", "esc_hours", "esc_amount"),
        )
