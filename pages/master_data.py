"""Settings: master data of the unit — teams, people, tasks and planning factors."""

import streamlit as st

from driftboard.services import masterdata, org_settings
from driftboard.ui import feeds_view
from driftboard.ui.page import setup_team_page
from driftboard.ui.tables import editable_table, name_and_slug

ctx, team = setup_team_page("master_data")

st.title(ctx.t("page.master_data"))
st.caption(ctx.md("md.intro", unit=team.unit_name))

tab_people, tab_tasks, tab_teams, tab_factors, tab_robots = st.tabs(
    [
        ctx.md("md.tab.people_of", team=team.name),
        ctx.md("md.tab.tasks_of", team=team.name),
        ctx.t("md.tab.teams"),
        ctx.t("md.tab.factors"),
        ctx.t("feeds.robots.master"),
    ]
)
col = st.column_config


with tab_people:
    job_roles = org_settings.job_role_names(team.id, ctx.lang)  # the unit's own list
    people = masterdata.people_frame(team.id)
    editable_table(
        ctx,
        f"people_{team.id}",
        people,
        {
            "name": col.TextColumn(ctx.t("col.name"), required=True, max_chars=120),
            "employee_id": col.TextColumn(ctx.t("col.employee_id"), max_chars=40),
            "job_role": col.SelectboxColumn(
                ctx.t("col.job_role"), options=list(job_roles), format_func=lambda key: job_roles.get(key, key)
            ),
            "team_leader": col.CheckboxColumn(ctx.t("role.team_leader"), default=False),
            "board_leader": col.CheckboxColumn(ctx.t("role.board_leader"), default=False),
            "daily_hours": col.NumberColumn(
                ctx.t("col.daily_hours"), min_value=0.25, max_value=24, step=0.25, default=7.5
            ),
            "active": col.CheckboxColumn(ctx.t("col.active"), default=True),
        },
        caption=ctx.t("md.deactivate_hint"),
        save=lambda rows: masterdata.save_people(ctx.actor, team.id, rows),
    )

with tab_tasks:
    editable_table(
        ctx,
        f"tasks_{team.id}",
        masterdata.tasks_frame(team.id),
        {
            **name_and_slug(ctx),
            "process_group": col.TextColumn(ctx.t("col.process_group")),
            "minutes_per_case": col.NumberColumn(ctx.t("col.minutes_per_case"), min_value=0.1, step=0.5, required=True),
            "service_goal_days": col.NumberColumn(
                ctx.t("col.service_goal_days"), min_value=1, max_value=365, step=1, required=True
            ),
            "expected_daily_volume": col.NumberColumn(
                ctx.t("col.expected_daily_volume"), min_value=0, step=1, default=0
            ),
            "input_error_rate_pct": col.NumberColumn(
                ctx.t("col.input_error_rate_pct"), min_value=0.0, max_value=100.0, step=0.1, default=0.0
            ),
            "active": col.CheckboxColumn(ctx.t("col.active"), default=True),
        },
        caption=ctx.t("md.deactivate_hint"),
        save=lambda rows: masterdata.save_tasks(ctx.actor, team.id, rows),
    )

unit_seen = ctx.sees(team.unit_id)  # the unit's teams and factors are the unit's business

with tab_teams:
    if unit_seen:
        departments = [d.name for d in masterdata.departments(team.unit_id)]
        editable_table(
            ctx,
            f"teams_{team.unit_id}",
            masterdata.teams_frame(team.unit_id),
            {
                **name_and_slug(ctx),
                "department": col.SelectboxColumn(ctx.t("col.department"), options=departments, required=True),
                "active": col.CheckboxColumn(ctx.t("col.active"), default=True),
            },
            save=lambda rows: masterdata.save_teams(ctx.actor, team.unit_id, rows),
        )
    else:
        st.info(ctx.t("error.not_your_unit"), icon=":material/lock:")

with tab_factors:
    if unit_seen:
        editable_table(
            ctx,
            f"factors_{team.unit_id}",
            masterdata.factors_frame(team.unit_id),
            {
                "org_unit": col.TextColumn(ctx.t("col.org_unit"), disabled=True),
                "daily_hours": col.NumberColumn(ctx.t("col.daily_hours"), min_value=0.25, max_value=24, step=0.25),
                "customer_facing_hours": col.NumberColumn(
                    ctx.t("col.customer_facing_hours"), min_value=0, max_value=24, step=0.25
                ),
                "board_leader_load_pct": col.NumberColumn(
                    ctx.t("col.board_leader_load_pct"), min_value=0, max_value=100, step=5
                ),
                "development_reserve_pct": col.NumberColumn(
                    ctx.t("col.development_reserve_pct"), min_value=0, max_value=99, step=1
                ),
                "overtime_cap_hours_per_week": col.NumberColumn(
                    ctx.t("col.overtime_cap_hours_per_week"), min_value=0, max_value=40, step=0.5
                ),
            },
            caption=ctx.t("md.factors_help"),
            save=lambda rows: masterdata.save_planning_factors(ctx.actor, team.unit_id, rows),
            fixed_rows=True,
        )
    else:
        st.info(ctx.t("error.not_your_unit"), icon=":material/lock:")

with tab_robots:
    tasks = masterdata.tasks_frame(team.id)
    feeds_view.robots_master(ctx, team.id, dict(zip(tasks["id"], tasks["name"], strict=True)))
    feeds_view.intake_measures_form(ctx, team.id)
