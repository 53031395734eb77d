"""Home page: the unit's teams, each with links to its boards."""

import streamlit as st

from driftboard.ui.page import PAGES, page_params, setup_page
from driftboard.ui.text import md_escape

ctx = setup_page("home")
MANY_TEAMS = 24  # more teams than this: choose a unit and a department, or search

st.title(ctx.t("app.name"))
st.caption(ctx.t("app.tagline"))

if not ctx.teams:  # an empty installation: set up your own unit
    st.switch_page("pages/setup.py", query_params={"lang": ctx.lang})

st.header(ctx.t("home.title"))
st.caption(ctx.t("home.intro"))
team_pages = [p for p in PAGES if p.group == "boards"]
shown = list(ctx.teams)
wanted = ""
if len(shown) > 8:
    wanted = st.text_input(ctx.t("home.search"), key="team_search", icon=":material/search:").strip().casefold()
    shown = [t for t in shown if wanted in f"{t.name} {t.department} {t.unit_name} {t.slug}".casefold()]
if not wanted and len(shown) > MANY_TEAMS:
    # A large organisation: one unit (the current team's to begin with), then one department.
    units = {t.unit_id: t.unit_name for t in shown}
    home = ctx.team or shown[0]
    unit_id = home.unit_id
    if len(units) > 1:
        choices = list(units)
        unit_id = st.selectbox(
            ctx.t("level.unit"), choices, index=choices.index(home.unit_id), format_func=units.get, key="home_unit"
        )
    shown = [t for t in shown if t.unit_id == unit_id]
    in_unit = list(dict.fromkeys(t.department for t in shown))
    if len(in_unit) > 1:
        department = st.segmented_control(
            ctx.t("level.department"),
            in_unit,
            default=home.department if home.department in in_unit else in_unit[0],
            key=f"home_department_{unit_id}",
        )
        shown = [t for t in shown if department is None or t.department == department]
if len(shown) > MANY_TEAMS:
    st.caption(ctx.t("home.more_teams", shown=MANY_TEAMS, total=len(shown)))
    shown = shown[:MANY_TEAMS]
several_units = len({t.unit_id for t in ctx.teams}) > 1
departments: dict[tuple[str, str], list] = {}
for team in shown:
    departments.setdefault((team.unit_name, team.department), []).append(team)
for (unit, department), teams in departments.items():
    st.markdown(f"### {md_escape(unit) + ' › ' if several_units else ''}{md_escape(department)}")
    columns = st.columns(len(teams))
    for column, team in zip(columns, teams, strict=True):
        with column.container(border=True):
            st.markdown(f"**{md_escape(team.name)}**")
            st.caption(ctx.t("home.people_tasks", people=team.people, tasks=team.tasks))
            for page in team_pages:
                st.page_link(
                    page.script,
                    label=ctx.t(f"page.{page.key}"),
                    icon=page.icon,
                    query_params=page_params(page, team.slug, ctx.lang),
                )
