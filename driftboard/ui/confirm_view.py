"""The standards page's process-confirmation parts: a leader's week (the proposal, the form,
what was confirmed), the head's layered view, the unit's rules and the workbook."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from driftboard import clock
from driftboard.i18n import fmt_date, fmt_week
from driftboard.services import confirmations, masterdata, measures, standards, standards_workbook
from driftboard.services.masterdata import TeamInfo
from driftboard.standards import Followed, FollowUp, Rules
from driftboard.ui import standards_view
from driftboard.ui.file_import import file_import
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.tables import editable_table

_PICK = ("pc_person", "pc_task")


def _leaders(team: TeamInfo) -> dict[int, str]:
    frame = masterdata.people_frame(team.id)
    leaders = frame[frame["team_leader"].astype(bool)]
    return dict(zip(leaders["id"].astype(int), leaders["name"], strict=True))


def week(ctx: PageContext, team: TeamInfo) -> None:
    """A leader's week: this week's proposal (press one to fill the form), the form, and the
    confirmations made this week."""
    leaders = _leaders(team)
    if not leaders:
        st.info(ctx.t("pc.no_leader"))
        return
    default = ctx.person_id if ctx.person_id in leaders else next(iter(leaders))
    leader = st.selectbox(
        ctx.t("pc.leader"), list(leaders), index=list(leaders).index(default), format_func=leaders.get, key="pc_leader"
    )
    plan = confirmations.proposal(team.id, leader)
    st.markdown(f"## {ctx.t('pc.this_week', done=plan.done, target=plan.target)}")
    if plan.items:
        st.caption(ctx.t("pc.proposal_help"))
        for n, item in enumerate(plan.items):
            marks = " · ".join(
                ctx.t(key) for key, on in (("pc.mark.new", item.new), ("pc.mark.changed", item.changed)) if on
            )
            last = fmt_date(item.last, ctx.lang) if item.last else ctx.t("pc.never")
            label = ctx.t("pc.propose_item", person=item.person, task=item.task, last=last)
            if st.button(f"{label}{' · ' + marks if marks else ''}", key=f"pc_pick_{n}", icon=":material/fact_check:"):
                st.session_state["pc_person"], st.session_state["pc_task"] = item.person_id, item.task_id
    else:
        st.success(ctx.t("pc.week_done"), icon=":material/task_alt:")
    _form(ctx, team, leader)
    _done_this_week(ctx, team)


def _form(ctx: PageContext, team: TeamInfo, leader: int) -> None:
    people_frame = masterdata.people_frame(team.id)
    people = dict(zip(people_frame["id"].astype(int), people_frame["name"], strict=True))
    tasks_frame = masterdata.tasks_frame(team.id)
    tasks = dict(zip(tasks_frame["id"].astype(int), tasks_frame["name"], strict=True))
    for key, choices in (("pc_person", people), ("pc_task", tasks)):
        if st.session_state.get(key) not in choices:
            st.session_state[key] = next(iter(choices), None)
    # The answers start afresh after a save: their widgets are new ones (a form's widgets keep
    # what the browser shows when only their state is dropped).
    rev = st.session_state.setdefault("pc_rev", 0)
    with st.form("pc_form"):
        st.markdown(f"**{ctx.t('pc.record')}**")
        one, two, three = st.columns(3)
        person = one.selectbox(ctx.t("pc.person"), list(people), format_func=people.get, key="pc_person")
        task = two.selectbox(ctx.t("std.col.task"), list(tasks), format_func=tasks.get, key="pc_task")
        day = three.date_input(
            ctx.t("pc.day"), value=clock.today(), max_value=clock.today(), format="DD.MM.YYYY", key="pc_day"
        )
        found = _answer(ctx, one, "found", [True, False], rev, words="pc.yes_no")
        followed = _answer(ctx, two, "followed", list(Followed), rev)
        follow_up = _answer(ctx, three, "follow_up", list(FollowUp), rev, horizontal=False)
        note = st.text_area(ctx.t("pc.note"), key=f"pc_note_{rev}", height=70)
        card, method, when = st.columns(3)
        card_title = card.text_input(
            ctx.t("pc.card_title"), key=f"pc_card_title_{rev}", help=ctx.t("pc.card_title_help")
        )
        train_method = standards_view.method_picker(ctx, method, f"pc_method_{rev}", index=1)
        train_on = when.date_input(
            ctx.t("train.col.planned"), value=None, format="DD.MM.YYYY", key=f"pc_train_on_{rev}"
        )
        if st.form_submit_button(ctx.t("pc.save"), type="primary", icon=":material/save:"):
            data = confirmations.ConfirmationInput(
                task, person, leader, day, found, followed, note, follow_up, card_title, train_method, train_on
            )
            if run_intent(
                ctx,
                lambda: confirmations.record_confirmation(ctx.actor, team.id, data),
                done=ctx.md("pc.saved", person=people.get(person, ""), task=tasks.get(task, "")),
                clear=_PICK,
                rerun=False,
            ):
                st.session_state["pc_rev"] = rev + 1
                st.rerun()


def _answer(
    ctx: PageContext,
    column: Any,
    name: str,
    choices: list[Any],
    rev: int,
    *,
    words: str | None = None,
    horizontal: bool = True,
) -> Any:
    """One answer of a confirmation (``pc.<name>``) as radio buttons, each choice in the
    catalogue's words (``<words>.<choice>``, by default ``pc.<name>.<choice>``); a new widget
    after each save (``rev``), so the next confirmation starts afresh."""
    words = words or f"pc.{name}"
    return column.radio(
        ctx.t(f"pc.{name}"),
        choices,
        format_func=lambda v: ctx.t(f"{words}.{v}"),
        horizontal=horizontal,
        key=f"pc_{name}_{rev}",
    )


def _done_this_week(ctx: PageContext, team: TeamInfo) -> None:
    monday = clock.today() - dt.timedelta(days=clock.today().weekday())
    found = confirmations.confirmations(team.id, monday - dt.timedelta(weeks=1))
    if not found:
        return
    st.markdown(f"## {ctx.t('pc.recent')}")
    st.dataframe(_frame(ctx, found), hide_index=True, width="stretch")


def _frame(ctx: PageContext, found: list[confirmations.ConfirmationView]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                ctx.t("pc.day"): fmt_date(c.day, ctx.lang),
                ctx.t("pc.leader"): c.leader,
                ctx.t("pc.person"): c.person,
                ctx.t("std.col.task"): c.task,
                ctx.t("pc.standard"): f"{c.standard} ({ctx.t('std.version_n', n=c.number)})" if c.standard else "–",
                ctx.t("pc.found"): ctx.t(f"pc.yes_no.{c.found}"),
                ctx.t("pc.followed"): ctx.t(f"pc.followed.{c.followed.value}"),
                ctx.t("pc.follow_up"): ctx.t(f"pc.follow_up.{c.follow_up.value}")
                + (f" · {ctx.t('pc.open')}" if c.follow_up_open else ""),
                ctx.t("pc.reviewed"): c.reviewed_by or "–",
            }
            for c in found
        ]
    )


def head(ctx: PageContext, team: TeamInfo) -> None:
    """The head's view: per team leader and week, done against target and open follow-ups;
    the leaders' confirmations to confirm."""
    org_id = team.unit_id if ctx.sees(team.unit_id) else team.id
    st.caption(ctx.t("pc.head_help"))
    rows = confirmations.layered_view(org_id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("pc.week"): fmt_week(r.week, ctx.lang),
                    ctx.t("pc.leader"): r.leader,
                    ctx.t("pc.done_of"): ctx.t("pc.n_of_m", done=r.done, target=r.target),
                    ctx.t("pc.open_follow_ups"): r.open_follow_ups,
                    ctx.t("pc.reviewed"): r.reviewed,
                    ctx.t("pc.team"): r.team,
                }
                for r in sorted(rows, key=lambda r: (r.week, r.team), reverse=True)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    found = confirmations.confirmations(org_id, clock.today() - dt.timedelta(weeks=2))
    waiting = [c for c in found if c.reviewed_by is None]
    st.markdown(f"## {ctx.t('pc.to_review', n=len(waiting))}")
    for c in waiting[:12]:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(
            ctx.md(
                "pc.review_line",
                day=fmt_date(c.day, ctx.lang),
                leader=c.leader,
                person=c.person,
                task=c.task,
                followed=ctx.t(f"pc.followed.{c.followed.value}"),
            )
        )
        if right.button(ctx.t("pc.review"), key=f"pc_review_{c.id}", icon=":material/verified:"):
            run_intent(
                ctx, lambda c=c: confirmations.review_confirmation(ctx.actor, c.id), done=ctx.t("pc.reviewed_done")
            )
    open_ = [c for c in confirmations.confirmations(org_id, clock.today() - dt.timedelta(weeks=12)) if c.follow_up_open]
    st.markdown(f"## {ctx.t('pc.open_follow_ups')} ({len(open_)})")
    if open_:
        st.dataframe(_frame(ctx, open_), hide_index=True, width="stretch")


def settings(ctx: PageContext, team: TeamInfo) -> None:
    """The unit's levels and confirmation rules (admins), and the people's start dates."""
    unit_id = team.unit_id
    st.markdown(f"## {ctx.t('std.levels')}")
    levels = standards.level_names(team.id, "en")
    levels_da = standards.level_names(team.id, "da")
    frame = pd.DataFrame([{"key": k, "name_en": levels[k], "name_da": levels_da[k]} for k in levels])
    col = st.column_config
    editable_table(
        ctx,
        f"levels_{unit_id}",
        frame,
        {
            "name_en": col.TextColumn(ctx.t("std.col.name_en"), required=True, max_chars=120),
            "name_da": col.TextColumn(ctx.t("std.col.name_da"), required=True, max_chars=120),
        },
        save=lambda rows: standards.save_levels(ctx.actor, unit_id, rows),
        message=lambda n: ctx.t("std.levels_saved", n=n),
        column_order=["name_en", "name_da"],
        id_column="key",
    )
    st.markdown(f"## {ctx.t('pc.rules')}")
    view = confirmations.rules_view(team.id)
    choices = {m: name for m, name in zip(*_measures(unit_id), strict=True)}
    with st.form("pc_rules"):
        a, b, c, d = st.columns(4)
        rules = Rules(
            int(a.number_input(ctx.t("pc.per_week"), 0, 50, view.rules.per_week, key="pc_per_week")),
            int(b.number_input(ctx.t("pc.per_new"), 0, 10, view.rules.per_new_person, key="pc_per_new")),
            int(c.number_input(ctx.t("pc.new_weeks"), 0, 52, view.rules.new_weeks, key="pc_new_weeks")),
            int(d.number_input(ctx.t("pc.follow_up_days"), 1, 365, view.rules.follow_up_days, key="pc_days")),
        )
        options = [None, *choices]
        one, two = st.columns(2)
        done_m = _measure_pick(ctx, one, "done", options, view.done_measure_id, choices)
        followed_m = _measure_pick(ctx, two, "followed", options, view.followed_measure_id, choices)
        if st.form_submit_button(ctx.t("pc.save_rules"), type="primary"):
            run_intent(
                ctx,
                lambda: confirmations.save_rules(
                    ctx.actor,
                    unit_id,
                    rules,
                    done_measure_id=done_m,
                    followed_measure_id=followed_m,
                    seen_version=view.version,
                ),
                done=ctx.t("pc.rules_saved"),
            )
    _start_dates(ctx, team)


def _measure_pick(
    ctx: PageContext, column: Any, name: str, options: list[int | None], current: int | None, choices: dict[int, str]
) -> int | None:
    """The goal-board measure the confirmations feed with their ``name`` count (none: "–")."""
    return column.selectbox(
        ctx.t(f"pc.{name}_measure"),
        options,
        index=options.index(current),
        format_func=lambda m: "–" if m is None else choices[m],
        key=f"pc_{name}_measure",
    )


def _measures(unit_id: int) -> tuple[list[int], list[str]]:
    frame = measures.measures_frame(unit_id)
    return [int(i) for i in frame["id"]], list(frame["name"])


def _start_dates(ctx: PageContext, team: TeamInfo) -> None:
    st.markdown(f"## {ctx.t('pc.started')}")
    st.caption(ctx.t("pc.started_help"))
    frame = masterdata.people_frame(team.id)
    people = dict(zip(frame["id"].astype(int), frame["name"], strict=True))
    with st.form("pc_started"):
        one, two = st.columns(2)
        person = one.selectbox(ctx.t("pc.person"), list(people), format_func=people.get, key="pc_started_person")
        day = two.date_input(ctx.t("pc.started_on"), value=None, format="DD.MM.YYYY", key="pc_started_on")
        if st.form_submit_button(ctx.t("pc.save_started")):
            run_intent(
                ctx,
                lambda: confirmations.set_started_on(ctx.actor, person, day),
                done=ctx.t("pc.started_saved", person=people.get(person, "")),
            )


def workbook(ctx: PageContext, team: TeamInfo) -> None:
    """The library and the training plan as a workbook, and its import (all rows or none)."""
    st.caption(ctx.t("std.workbook_help"))
    st.download_button(
        ctx.t("std.export"),
        standards_workbook.export_workbook(team.id, ctx.lang),
        file_name=f"standards-{team.slug}.xlsx",
        icon=":material/download:",
        key="std_export",
    )
    file_import(
        ctx,
        upload_key="std_upload",
        button_key="std_import",
        run=lambda data, name: standards_workbook.import_workbook(ctx.actor, team.id, data),
        done=lambda r: ctx.t("std.imported", standards=r.standards, trainings=r.trainings),
        types=("xlsx",),
    )
