"""The department's and unit's operations board (``/operations?unit=<slug>``), its meeting view
and shared screen, and the answers to the teams' escalations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from driftboard import admin, calendar, clock, targets
from driftboard.bounds import Bounds
from driftboard.domain import OrgLevel, Period
from driftboard.i18n import fmt_day, fmt_number, fmt_week
from driftboard.services import escalations, tier_board
from driftboard.services.escalations import EscalationView
from driftboard.services.org import OrgNode
from driftboard.services.tier_board import TierBoardView
from driftboard.tiers import Answer, TeamRow, is_exception
from driftboard.ui import escalation_view, goals_view, kiosk
from driftboard.ui.board_parts import more, status_badge
from driftboard.ui.number_entry import number_entry, refused
from driftboard.ui.ops_screen import REM_PER_WIDTH, ROW
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

LEVELS = (OrgLevel.DEPARTMENT, OrgLevel.UNIT)
SCREEN_ESCALATIONS = 8  # on the escalations screen
SCREEN_BELOW = 26.0  # rem: the heading, the totals, and the escalations and spare capacity under the table


def asked(ctx: PageContext) -> OrgNode | None:
    """The department or unit ``?unit=`` (or ``?dept=``) names; None when it names a team or
    nothing (the team's own board); an org unit the reader cannot see is said and stops."""
    slug = st.query_params.get("unit") or st.query_params.get("dept")
    if not slug or any(team.slug == slug for team in ctx.teams):
        return None
    found = tier_board.find_level(slug)
    if found is None or found[1] not in LEVELS:
        st.error(ctx.md("tier.err.not_a_level", slug=slug[:60]), icon=":material/error:")
        st.stop()
    return OrgNode(found[0], found[2], slug, found[1], 0)


def page(ctx: PageContext, node: OrgNode) -> None:
    """The whole page for a department or unit."""
    day = calendar.board_day(clock.today())
    if ctx.kiosk:
        _screen(ctx, node, day)
        return
    meeting = st.sidebar.toggle(ctx.t("tier.meeting"), key="tier_meeting")
    view = _board(admin.database_url(), node.id, day, ctx.stamp, clock.now().replace(second=0, microsecond=0))
    _header(ctx, view)
    if meeting:
        # The level's meeting has its own length (the unit's setting), counted down like the team's.
        started = st.session_state.setdefault("tier_meeting_started", dt.datetime.now(dt.UTC))
        ends = started + dt.timedelta(minutes=view.meeting_minutes)
        kiosk.countdown(ctx.t("ops.meeting.left"), ends, key="tier_countdown")
        st.markdown(f"### 1 · {ctx.t('tier.meeting.escalations')}")
        escalation_list(ctx, view.escalations, answering=True)
        st.markdown(f"### 2 · {ctx.t('tier.meeting.exceptions')}")
        exceptions = [r for r in view.rows if is_exception(r)]
        if exceptions:
            team_table(ctx, view, exceptions)
        else:
            st.success(ctx.t("tier.meeting.no_exceptions"))
        st.markdown(f"### 3 · {ctx.t('tier.meeting.kpis')}")
        _own_kpis(ctx, node.id)
        return
    team_table(ctx, view, view.rows)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.markdown(f"#### {ctx.t('esc.title')}")
        escalation_list(ctx, view.escalations, answering=True)
        if view.answered:
            st.markdown(f"#### {ctx.t('tier.answered_today')}")
            escalation_list(ctx, view.answered, answering=False)
    with right:
        spare(ctx, view)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _board(url: str, org_id: int, day: dt.date, stamp: int, minute: dt.datetime) -> TierBoardView:
    """The board, shared by every session that opens it until the next write (the data ``stamp``
    the page run began with: a person's own answer shows at once) or the next minute (the plan
    falls due by the hour): a unit's leaders and its teams' leaders open it at the same meeting."""
    return tier_board.load_tier_board(org_id, day, now=minute)


def _header(ctx: PageContext, view: TierBoardView, stamp: Callable[[], None] | None = None) -> None:
    left, right = st.columns([6, 1.3], vertical_alignment="center")
    left.markdown(
        f"## {ctx.md('tier.title', name=view.name)} · {fmt_week(view.day, ctx.lang)} · {fmt_day(view.day, ctx.lang)}"
    )
    if stamp is not None:
        with right:
            stamp()
    else:
        right.markdown(f"**{ctx.t('tier.meeting_at', time=view.meeting.strftime('%H:%M'))}**")
    t = view.totals
    st.markdown(
        ctx.t(
            "tier.totals",
            teams=t.teams,
            red=t.red,
            produced=t.produced,
            planned=t.planned,
            gap=fmt_number(t.gap_hours, ctx.lang, 1),
            absent=t.absent,
            overdue=t.overdue,
            robots=t.robots_down,
        )
    )


def team_table(ctx: PageContext, view: TierBoardView, rows: Iterable[TeamRow], *, limit: int | None = None) -> None:
    """One row per team, worst first: today, the week so far day by day, produced against the
    plan due, the gap, absence, overdue cases, robots down and escalations waiting."""
    shown = list(rows)[:limit] if limit else list(rows)
    st.markdown(f"#### {ctx.t('tier.teams')}")
    records = []
    for r in shown:
        waiting = str(r.waiting) if r.waiting else "–"
        if r.late:
            waiting = f":red-background[:material/alarm: {r.waiting}]"
        records.append(
            {
                ctx.t("tier.col.team"): md_escape(r.name),
                **({ctx.t("tier.col.department"): md_escape(r.department)} if view.level is OrgLevel.UNIT else {}),
                ctx.t("tier.col.today"): status_badge(ctx, r.today),
                ctx.t("tier.col.week"): status_badge(ctx, r.week),
                ctx.t("tier.col.days"): " ".join(_dot(s) for s in r.days),
                ctx.t("tier.col.produced"): f"{r.produced} / {r.planned}",
                ctx.t("tier.col.gap"): fmt_number(r.gap_hours, ctx.lang, 1) if r.gap_hours else "–",
                ctx.t("tier.col.absent"): r.absent,
                ctx.t("tier.col.overdue"): r.overdue,
                ctx.t("tier.col.robots"): r.robots_down or "–",
                ctx.t("tier.col.escalations"): waiting,
            }
        )
    if records:
        st.table(pd.DataFrame(records), hide_index=True)


_DOTS = {"green": ":green[●]", "red": ":red[▲]", "grey": ":gray[■]", "not_started": ":blue[◔]", "none": "–"}


def _dot(status: object) -> str:
    return _DOTS.get(getattr(status, "value", ""), "–")


def spare(ctx: PageContext, view: TierBoardView, *, limit: int | None = None) -> None:
    """The short tasks and who elsewhere in the unit could help."""
    st.markdown(f"#### {ctx.t('tier.spare')}")
    if not view.spare:
        st.caption(ctx.t("tier.spare.none"))
        return
    if limit is None:
        st.caption(ctx.t("tier.spare.help"))
    for line in view.spare[:limit]:
        people = ", ".join(_person(ctx, c.name, c.team_name, c.hours) for c in line.candidates)
        hours = fmt_number(line.gap_hours, ctx.lang, 1)
        head = ctx.t("tier.spare.line", team=md_escape(line.team), task=md_escape(line.task), hours=hours)
        st.markdown(f":orange-background[:material/warning: {head}] {people or ctx.t('tier.spare.nobody')}")


def _person(ctx: PageContext, name: str, team: str, hours: float, *, plain: bool = False) -> str:
    """ "Maja Skov (Car loans, 2 h free)": plain for a choice's label, escaped for markdown."""
    said = (name, team) if plain else (md_escape(name), md_escape(team))
    return ctx.t("tier.spare.person", name=said[0], team=said[1], hours=fmt_number(hours, ctx.lang, 1))


def escalation_list(
    ctx: PageContext, found: tuple[EscalationView, ...] | list[EscalationView], *, answering: bool
) -> None:
    """The escalations waiting, oldest first, each with its age (red once the team's meeting
    has passed) and, for the page, the answer form."""
    if not found:
        st.caption(ctx.t("esc.none"))
        return
    for e in found:
        st.markdown(escalation_view.line(ctx, e, team=True))
        if answering:
            with st.expander(ctx.t("esc.answer"), icon=":material/reply:"):
                answer_form(ctx, e)


def answer_form(ctx: PageContext, e: EscalationView) -> None:
    """The decision of the level above: lend people, approve overtime or temporary staff, answer
    with a note — or take it on to the unit."""
    kinds = list(Answer)
    kind = st.segmented_control(
        ctx.t("esc.answer.kind"),
        kinds,
        default=Answer.BORROW if e.task_id else Answer.NOTE,
        format_func=lambda k: ctx.t(f"esc.answer.kind.{k.value}"),
        key=f"esc_kind_{e.id}",
    )
    with st.form(f"esc_answer_{e.id}"):
        lend: list[tuple[int, float]] = []
        hours = None
        if kind is Answer.BORROW:
            _view, people = tier_board.lendable(e.id)
            if not people:
                st.caption(ctx.t("esc.answer.nobody"))
            names = {
                p.person_id: _person(ctx, p.name, p.team_name, p.free_hours, plain=True) + (" ✓" if p.competent else "")
                for p in people
            }
            chosen = st.multiselect(
                ctx.t("esc.answer.people"), list(names), format_func=names.get, key=f"esc_people_{e.id}"
            )
            each = number_entry(
                ctx, ctx.t("esc.answer.hours_each"), key=f"esc_each_{e.id}", bounds=Bounds(0.25, 24), required=True
            )
            free = {p.person_id: p.free_hours for p in people}
        elif kind in (Answer.OVERTIME, Answer.TEMPORARY_STAFF):
            hours = number_entry(
                ctx, ctx.t("esc.answer.hours"), key=f"esc_hours_{e.id}", bounds=escalation_view.HOURS, required=True
            )
        note = st.text_area(ctx.t("esc.answer.note_label"), key=f"esc_note_{e.id}", max_chars=500)
        send, up = st.columns(2)
        sent = send.form_submit_button(ctx.t("esc.answer.submit"), type="primary", icon=":material/send:")
        escalate = e.level is OrgLevel.DEPARTMENT and up.form_submit_button(
            ctx.t("esc.escalate"), icon=":material/north:"
        )
    if sent and kind is not None:
        entries = [each] if kind is Answer.BORROW else [hours] if hours is not None else []
        if refused(entries):
            return
        if kind is Answer.BORROW:
            lend = [(pid, min(float(each.value), free[pid])) for pid in chosen]
        run_intent(
            ctx,
            lambda: escalations.answer_escalation(
                ctx.actor,
                e.id,
                kind,
                note=note,
                hours=hours.value if hours is not None else None,
                lend=lend,
                seen_version=e.version,
            ),
            done=ctx.md("esc.answer.done", team=e.team),
            clear=(f"esc_note_{e.id}", f"esc_people_{e.id}"),
        )
    if escalate:
        run_intent(
            ctx,
            lambda: escalations.escalate_to_unit(ctx.actor, e.id, seen_version=e.version),
            done=ctx.md("esc.escalated", team=e.team),
        )


def _own_kpis(ctx: PageContext, org_id: int) -> None:
    today = clock.today()
    period = targets.previous_period(today, Period.WEEK)
    tiles, _actions = goals_view.board(org_id, period, today, ctx.goal_stamp)
    if not tiles:
        st.caption(ctx.t("tier.meeting.no_kpis"))
        return
    columns = st.columns(min(4, len(tiles)))
    for i, t in enumerate(tiles):
        with columns[i % len(columns)]:
            goals_view.tile(ctx, t, compact=True)


# --------------------------------------------------------------------------- the shared screen


def _screen(ctx: PageContext, node: OrgNode, day: dt.date) -> None:
    """The department's or unit's TV: the board (or, ``&show=escalations``, the open
    escalations), redrawn in place when what it shows changed (``services.live``, board
    ``tiers``); with ``&rotate=N`` it cycles board → goal board → escalations."""
    interval = kiosk.refresh_interval(ctx)
    escalations_only = st.query_params.get("show") == "escalations"

    @st.fragment
    def live_board(screen: kiosk.Screen) -> None:
        shown = kiosk.shown(ctx, "tiers", node.id)
        _today, view = shown.data
        _header(ctx, view, kiosk.stamp(ctx, interval, shown, page="tiers", target_id=node.id))
        if escalations_only:
            st.markdown(f"### {ctx.md('tier.screen.escalations', name=view.name)}")
            escalation_list(ctx, view.escalations[:SCREEN_ESCALATIONS], answering=False)
            more(ctx, len(view.escalations) - SCREEN_ESCALATIONS, key="escalations")
            return
        # The teams across the width, as many as the screen holds with the escalations and the
        # spare capacity under them (a unit of 50 teams shows its worst).
        rows = max(3, int((screen.height / (screen.width / REM_PER_WIDTH) - SCREEN_BELOW) / ROW) - 1)
        team_table(ctx, view, view.rows, limit=rows)
        more(ctx, len(view.rows) - rows, key="teams")
        left, right = st.columns(2, gap="medium")
        with left:
            st.markdown(f"#### {ctx.t('esc.title')}")
            escalation_list(ctx, view.escalations[:3], answering=False)
            more(ctx, len(view.escalations) - 3, key="open")
        with right:
            spare(ctx, view, limit=3)

    live_board(kiosk.screen())
