"""Home page: the unit's teams, each with links to its boards."""

import streamlit as st

from driftboard.ui.page import PAGES, page_params, setup_page
from driftboard.ui.text import md_escape

ctx = setup_page("home")

st.title(ctx.t("app.name"))
st.caption(ctx.t("app.tagline"))

if not ctx.teams:  # an empty installation: set up your own unit
    st.switch_page("pages/setup.py", query_params={"lang": ctx.lang})

st.subheader(ctx.t("home.title"))
st.caption(ctx.t("home.intro"))
team_pages = [p for p in PAGES if p.group == "boards"]
shown = list(ctx.teams)
if len(shown) > 8:
    wanted = st.text_input(ctx.t("home.search"), key="team_search", icon=":material/search:").strip().casefold()
    shown = [t for t in shown if wanted in f"{t.name} {t.department} {t.unit_name} {t.slug}".casefold()]
several_units = len({t.unit_id for t in ctx.teams}) > 1
departments: dict[tuple[str, str], list] = {}
for team in shown:
    departments.setdefault((team.unit_name, team.department), []).append(team)
for (unit, department), teams in departments.items():
    st.markdown(f"#### {md_escape(unit) + ' › ' if several_units else ''}{md_escape(department)}")
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
