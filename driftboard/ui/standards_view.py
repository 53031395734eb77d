"""The standards page's library, roles and training parts: the unit's standards with their
versions, the job roles' duties per task, who is to be informed or trained, and the competence
matrix with the training plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from driftboard import clock
from driftboard.domain import CompetenceLevel
from driftboard.i18n import fmt_date
from driftboard.maturity import MaturityModel
from driftboard.services import confirmations, masterdata, org_settings, standards, training
from driftboard.services.masterdata import TeamInfo
from driftboard.standards import EVIDENCE_PRACTICES, Duty, TrainingMethod
from driftboard.ui.maturity_view import level_label, practice_name
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.tables import editable_table
from driftboard.ui.text import md_escape


def _date(ctx: PageContext, day: dt.date | None) -> str:
    return fmt_date(day, ctx.lang) if day else "–"


def _people(team_id: int) -> dict[int, str]:
    frame = masterdata.people_frame(team_id)
    return dict(zip(frame["id"].astype(int), frame["name"], strict=True))


def _tasks(team_id: int) -> dict[int, str]:
    frame = masterdata.tasks_frame(team_id)
    return dict(zip(frame["id"].astype(int), frame["name"], strict=True))


def library(ctx: PageContext, team: TeamInfo) -> None:
    """The standards that apply to the team, a form for a new one and a new version."""
    levels = standards.level_names(team.id, ctx.lang)
    found = standards.library(team.id)
    st.caption(ctx.t("std.library_help"))
    if not found:
        st.info(ctx.t("std.none"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        ctx.t("std.col.level"): levels.get(v.level, v.level),
                        ctx.t("std.col.title"): v.title,
                        ctx.t("std.col.org"): v.org_name,
                        ctx.t("std.col.owner"): v.owner or "–",
                        ctx.t("std.col.tasks"): ", ".join(name for _id, name in v.tasks) or "–",
                        ctx.t("std.col.version"): ctx.t("std.version_n", n=v.number) if v.number else "–",
                        ctx.t("std.col.effective"): _date(ctx, v.effective_on),
                        ctx.t("std.col.review"): _date(ctx, v.review_on),
                        ctx.t("std.col.link"): v.url or None,
                    }
                    for v in found
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={ctx.t("std.col.link"): st.column_config.LinkColumn(ctx.t("std.col.link"))},
        )
    people, tasks = _people(team.id), _tasks(team.id)
    with st.expander(ctx.t("std.add"), icon=":material/note_add:"), st.form("std_add", clear_on_submit=False):
        one, two = st.columns(2)
        level = one.selectbox(ctx.t("std.col.level"), list(levels), format_func=levels.get, key="std_level")
        title = two.text_input(ctx.t("std.col.title"), key="std_title", max_chars=200)
        owner = one.selectbox(
            ctx.t("std.col.owner"),
            [None, *people],
            format_func=lambda p: "–" if p is None else people[p],
            key="std_owner",
        )
        review = two.date_input(ctx.t("std.col.review"), value=None, format="DD.MM.YYYY", key="std_review")
        covered = st.multiselect(ctx.t("std.col.tasks"), list(tasks), format_func=tasks.get, key="std_tasks")
        url = st.text_input(ctx.t("std.col.link"), key="std_url", placeholder="https://")
        text = st.text_area(ctx.t("std.text"), key="std_text", height=80)
        if st.form_submit_button(ctx.t("std.add_button"), type="primary", icon=":material/save:"):
            data = standards.StandardInput(level, title, owner, url, text, review, tuple(covered))
            run_intent(
                ctx,
                lambda: standards.save_standard(ctx.actor, team.id, data),
                done=ctx.md("std.added", title=title.strip()),
                clear=("std_title", "std_url", "std_text", "std_tasks"),
            )
    own = [v for v in found if v.org_unit_id == team.id]
    if own:
        _new_version(ctx, own)


def _new_version(ctx: PageContext, own: list[standards.StandardView]) -> None:
    names = {v.id: v.title for v in own}
    with st.expander(ctx.t("std.new_version"), icon=":material/history_edu:"):
        chosen = st.selectbox(ctx.t("std.col.title"), list(names), format_func=names.get, key="std_version_of")
        for v in standards.versions(chosen):
            st.markdown(
                f"**{ctx.t('std.version_n', n=v.number)}** · {_date(ctx, v.effective_on)} · "
                f"{md_escape(v.change_note)} · {ctx.t('std.told', done=v.done, told=v.told)}"
                + (f" · {ctx.t('std.from_card', card=v.card_id)}" if v.card_id else "")
            )
        with st.form("std_version"):
            one, two = st.columns(2)
            effective = one.date_input(
                ctx.t("std.col.effective"), value=clock.today(), format="DD.MM.YYYY", key="std_effective"
            )
            method = method_picker(ctx, two, "std_method")
            note = st.text_area(ctx.t("std.change_note"), key="std_change_note", height=70)
            if st.form_submit_button(ctx.t("std.version_button"), type="primary"):
                run_intent(
                    ctx,
                    lambda: standards.add_version(ctx.actor, chosen, effective, note, method),
                    done=ctx.md("std.version_added", title=names[chosen]),
                    clear=("std_change_note",),
                )


def method_picker(ctx: PageContext, container: Any, key: str, index: int = 0) -> TrainingMethod:
    """A training method, said in the viewer's language."""
    return container.selectbox(
        ctx.t("train.col.method"),
        list(TrainingMethod),
        index=index,
        format_func=lambda m: ctx.t(f"train.method.{m.value}"),
        key=key,
    )


def duties(ctx: PageContext, team: TeamInfo) -> None:
    """Roles and responsibilities: per task, each job role's duty."""
    st.caption(ctx.t("std.duties_help"))
    frame = standards.duties_frame(team.id)
    roles = org_settings.job_role_names(team.id, ctx.lang)
    if not roles:
        st.info(ctx.t("std.no_job_roles"))
        return
    col = st.column_config
    editable_table(
        ctx,
        f"duties_{team.id}",
        frame,
        {
            "task": col.TextColumn(ctx.t("std.col.task"), disabled=True),
            **{
                key: col.SelectboxColumn(
                    name, options=[d.value for d in Duty], format_func=lambda v: ctx.t(f"std.duty.{v}")
                )
                for key, name in roles.items()
                if key in frame.columns
            },
        },
        save=lambda rows: standards.save_duties(ctx.actor, team.id, rows),
        message=lambda n: ctx.t("std.duties_saved", n=n),
        fixed_rows=True,
        column_order=["task", *[k for k in roles if k in frame.columns]],
        id_column="task_id",
    )


def _cell(ctx: PageContext, cell: training.MatrixCell | None) -> str:
    if cell is None:
        return ""
    if cell.level is CompetenceLevel.IN_TRAINING and cell.planned_on:
        return ctx.t("train.in_training_until", date=fmt_date(cell.planned_on, ctx.lang))
    return ctx.t(f"train.level.{cell.level.value}")


def trainings(ctx: PageContext, team: TeamInfo) -> None:
    """The competence matrix with training, the ≥ 3 rule with the plan, the open entries."""
    people, tasks, cells = training.matrix(team.id)
    st.markdown(f"## {ctx.t('train.matrix')}")
    st.dataframe(
        pd.DataFrame(
            [
                {ctx.t("train.col.person"): name, **{tasks[t]: _cell(ctx, cells.get((p, t))) for t in tasks}}
                for p, name in people.items()
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"## {ctx.t('train.rule')}")
    st.caption(ctx.t("train.rule_help"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("std.col.task"): r.task,
                    ctx.t("train.col.required"): r.required,
                    ctx.t("train.col.competent"): r.competent,
                    ctx.t("train.col.in_training"): r.in_training,
                    ctx.t("train.col.met"): ctx.t("train.met_now")
                    if r.competent >= r.required
                    else (fmt_date(r.met_on, ctx.lang) if r.met_on else ctx.t("train.not_met")),
                }
                for r in training.rule_plan(team.id)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    _open_entries(ctx, team)
    _plan_form(ctx, team, people, tasks)


def _entry_text(ctx: PageContext, e: training.TrainingView) -> str:
    about = f"{e.standard} ({ctx.t('std.version_n', n=e.number)})" if e.standard else (e.task or "")
    return (
        f"{e.person} · {about} · {ctx.t(f'train.method.{e.method.value}')} · "
        f"{ctx.t(f'train.reason.{e.reason.value}')} · {_date(ctx, e.planned_on)}"
    )


def _open_entries(ctx: PageContext, team: TeamInfo) -> None:
    st.markdown(f"## {ctx.t('train.to_inform')}")
    entries = training.trainings(team.id, open_only=True)
    if not entries:
        st.info(ctx.t("train.none_open"))
        return
    mine = [e for e in entries if ctx.person_id is not None and e.person_id == ctx.person_id]
    for e in mine:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(md_escape(_entry_text(ctx, e)))
        if right.button(ctx.t("train.acknowledge"), key=f"ack_{e.id}", icon=":material/done:"):
            run_intent(ctx, lambda e=e: training.acknowledge(ctx.actor, e.id), done=ctx.t("train.acknowledged"))
    labels = {e.id: _entry_text(ctx, e) for e in entries}
    with st.form("train_record"):
        chosen = st.selectbox(ctx.t("train.entry"), list(labels), format_func=labels.get, key="train_entry")
        competent = st.checkbox(ctx.t("train.now_competent"), key="train_competent")
        if st.form_submit_button(ctx.t("train.record"), icon=":material/school:"):
            run_intent(
                ctx,
                lambda: training.record_training(ctx.actor, chosen, competent=competent),
                done=ctx.t("train.recorded"),
            )


def _plan_form(ctx: PageContext, team: TeamInfo, people: dict[int, str], tasks: dict[int, str]) -> None:
    own = {p: n for p, n in people.items() if p in _people(team.id)}
    with st.expander(ctx.t("train.plan"), icon=":material/event:"), st.form("train_plan"):
        one, two, three, four = st.columns(4)
        person = one.selectbox(ctx.t("train.col.person"), list(own), format_func=own.get, key="plan_person")
        task = two.selectbox(ctx.t("std.col.task"), list(tasks), format_func=tasks.get, key="plan_task")
        method = method_picker(ctx, three, "plan_method")
        day = four.date_input(ctx.t("train.col.planned"), value=None, format="DD.MM.YYYY", key="plan_day")
        if st.form_submit_button(ctx.t("train.plan_button"), type="primary"):
            run_intent(
                ctx,
                lambda: training.plan_training(ctx.actor, person, task, method, day),
                done=ctx.t("train.planned", person=own.get(person, "")),
            )


def task_links(ctx: PageContext, team_id: int) -> None:
    """Under the operations board: each task's standards, so anyone can find them (read only
    when opened: the board's page keeps its statement budget)."""
    links = st.expander(ctx.t("std.board_links"), icon=":material/menu_book:", key="std_links", on_change="rerun")
    if not links.open:
        return
    with links:
        found = standards.task_standards(team_id)
        if not found:
            st.caption(ctx.t("std.none"))
        for task_id, name in _tasks(team_id).items():
            for v in found.get(task_id, []):
                link = f"[{md_escape(v.title)}]({v.url})" if v.url else md_escape(v.title)
                version = ctx.t("std.version_n", n=v.number) if v.number else ""
                st.markdown(f"**{md_escape(name)}** · {link} {version}")


def maturity_evidence(ctx: PageContext, model: MaturityModel, levels: Mapping[str, int], org_id: int) -> None:
    """Beside the self-assessed level of the standards practices: what the product knows."""
    found = confirmations.evidence(org_id)
    said = {
        "business-standards": ctx.t(
            "pc.evidence.standards", owned=found.with_owner_and_review, standards=found.standards
        ),
        "roles-responsibilities": ctx.t("pc.evidence.duties", duties=found.duties),
        "training-methods": ctx.t("pc.evidence.training", done=found.trainings_done, open=found.trainings_open),
        "process-confirmation": ctx.t(
            "pc.evidence.confirmations", confirmations=found.confirmations_12_weeks,
            closed=found.follow_ups_closed, follow_ups=found.follow_ups,
        ),
    }  # fmt: skip
    st.markdown(f"### {ctx.t('pc.evidence')}")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("maturity.col.practice"): practice_name(ctx, model, key),
                    ctx.t("maturity.col.level"): level_label(ctx, model, levels[key]) if key in levels else "–",
                    ctx.t("pc.evidence"): said[key],
                }
                for key in EVIDENCE_PRACTICES
                if key in said
            ]
        ),
        hide_index=True,
        width="stretch",
    )
