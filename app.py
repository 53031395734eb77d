"""Home page: the unit's teams, each with links to its boards."""

import streamlit as st

from driftboard.ui.page import PAGES, page_params, setup_page
from driftboard.ui.text import md_escape

ctx = setup_page("home")

st.title(ctx.t("app.name"))
st.caption(ctx.t("app.tagline"))

if not ctx.teams:
    st.warning(ctx.t("home.no_teams"))
    st.page_link("pages/master_data.py", label=ctx.t("page.master_data"), icon=":material/database:")
    st.stop()

st.subheader(ctx.t("home.title"))
st.caption(ctx.t("home.intro"))
team_pages = [p for p in PAGES if p.group == "boards"]
departments: dict[str, list] = {}
for team in ctx.teams:
    departments.setdefault(team.department, []).append(team)
for department, teams in departments.items():
    st.markdown(f"#### {md_escape(department)}")
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
