"""Set up your own unit: a unit with a department and its first teams, in one form; then the
master-data workbook to fill in and import."""

import streamlit as st

from driftboard.i18n import counted
from driftboard.services import master_workbook, unit_setup
from driftboard.ui import identity
from driftboard.ui.page import run_intent, setup_page

ctx = setup_page("setup")

st.title(ctx.t("page.setup"))
st.caption(ctx.t("setup.intro"))

with st.form("setup_form"):
    unit = st.text_input(ctx.t("setup.unit"), max_chars=120, key="setup_unit")
    department = st.text_input(ctx.t("setup.department"), max_chars=120, key="setup_department")
    teams = st.text_area(ctx.t("setup.teams"), key="setup_teams", height=110)
    language = st.selectbox(
        ctx.t("setup.language"), ["da", "en"], format_func=lambda code: ctx.t(f"lang.{code}"), key="setup_language"
    )
    if st.form_submit_button(ctx.t("setup.create"), type="primary", icon=":material/add_business:"):
        names = [line for line in teams.splitlines() if line.strip()]

        def create() -> int:
            first = unit_setup.installation_is_empty()
            unit_id = unit_setup.create_unit(ctx.actor, unit, department, names, language=language)
            if first:
                identity.unlock_admin_for_first_unit()
            return unit_id

        run_intent(
            ctx,
            create,
            done=ctx.md(counted("setup.created", len(names)), unit=unit.strip(), teams=len(names)),
            clear=("setup_unit", "setup_department", "setup_teams"),
        )

if ctx.teams:
    st.success(ctx.t("setup.slugs", slugs=", ".join(f"?team={t.slug}" for t in ctx.teams)), icon=":material/link:")
    st.info(ctx.t("setup.next"), icon=":material/arrow_forward:")
    st.page_link("pages/unit_settings.py", label=ctx.t("page.unit_settings"), icon=":material/settings:")
st.download_button(
    ctx.t("setup.template"),
    data=master_workbook.template_workbook(ctx.lang),
    file_name="driftboard-stamdata.xlsx" if ctx.lang == "da" else "driftboard-masterdata.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="setup_template",
)
