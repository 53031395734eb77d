"""Unit settings: the settings of a unit, department or team (inherited down the tree), the
unit's job roles, the org tree (add, rename, move, deactivate), the master-data workbook both
ways, and removing a unit (the demo) with a backup first."""

from pathlib import Path

import pandas as pd
import streamlit as st

from driftboard.domain import OrgLevel, Role
from driftboard.services import master_workbook, unit_setup
from driftboard.ui import unit_settings_view
from driftboard.ui.file_import import file_import
from driftboard.ui.org_picker import indented
from driftboard.ui.page import org_tree, run_intent, seen_by, setup_page

ctx = setup_page("unit_settings")

st.title(ctx.t("page.unit_settings"))
tab_settings, tab_roles, tab_import, tab_tree, tab_remove = st.tabs(
    [ctx.t("us.settings"), ctx.t("us.job_roles"), ctx.t("us.import"), ctx.t("us.tree"), ctx.t("us.remove")]
)


def import_said(result: master_workbook.MasterDataResult) -> str:
    key, params = result.said()
    return ctx.t(key, **params)


with tab_import:
    file_import(
        ctx,
        caption="us.import.help",
        upload_key="masterdata_upload",
        button_key="import_masterdata",
        types=("xlsx",),
        label="us.import",
        button="us.import.button",
        run=lambda data, _name: master_workbook.import_master_data(ctx.actor, data),
        done=import_said,
    )
    # (label, workbook, file name, key): the empty template for everyone, the export for admins
    # (it holds employee numbers).
    downloads = [
        (
            "setup.template",
            master_workbook.template_workbook(ctx.lang),
            "driftboard-masterdata-template.xlsx",
            "template",
        ),
    ]
    if seen_by(ctx, Role.ADMIN) != frozenset():
        downloads.append(
            ("us.export", master_workbook.export_workbook(ctx.lang), "driftboard-masterdata.xlsx", "export")
        )
    for column, (label, workbook, file_name, key) in zip(st.columns(2), downloads, strict=False):
        column.download_button(
            ctx.t(label), data=workbook, file_name=file_name, icon=":material/download:", key=f"{key}_download"
        )

nodes = org_tree(ctx)
names = {n.id: n.name for n in nodes}

with tab_settings:
    unit_settings_view.settings_tab(ctx, nodes)

with tab_roles:
    unit_settings_view.job_roles_tab(ctx, nodes)

with tab_tree:
    st.dataframe(
        pd.DataFrame(
            [{ctx.t("us.org"): indented(n), ctx.t("us.slug"): n.slug, "": ctx.t(f"level.{n.level}")} for n in nodes]
        ),
        hide_index=True,
    )
    chosen = st.selectbox(ctx.t("us.org"), [n.id for n in nodes], format_func=names.get, key="org_chosen")
    node = next((n for n in nodes if n.id == chosen), None)
    if node is not None:
        with st.form("rename_form"):
            name = st.text_input(ctx.t("us.new_name"), value=node.name, key=f"rename_{node.id}")
            slug = st.text_input(ctx.t("us.slug"), value=node.slug, key=f"slug_{node.id}")
            if st.form_submit_button(ctx.t("us.rename")):
                run_intent(
                    ctx,
                    lambda: unit_setup.rename_org_unit(ctx.actor, node.id, name, slug if slug != node.slug else None),
                    done=lambda new: ctx.t("us.renamed", slug=new),
                )
        child_level = {OrgLevel.UNIT: OrgLevel.DEPARTMENT, OrgLevel.DEPARTMENT: OrgLevel.TEAM}.get(node.level)
        if child_level is not None:
            with st.form("add_form"):
                label = "us.add_department" if child_level == OrgLevel.DEPARTMENT else "us.add_team"
                new_name = st.text_input(ctx.t(label, unit=node.name, department=node.name), key="new_org_name")
                if st.form_submit_button(ctx.t("us.add")):
                    run_intent(
                        ctx,
                        lambda: unit_setup.add_org_unit(ctx.actor, child_level, new_name, node.id),
                        done=ctx.md("us.added", name=new_name),
                        clear=("new_org_name",),
                    )
        parent_level = {
            OrgLevel.TEAM: OrgLevel.DEPARTMENT,
            OrgLevel.DEPARTMENT: OrgLevel.UNIT,
            OrgLevel.UNIT: OrgLevel.ORGANISATION,
        }.get(node.level)
        parents = [n.id for n in nodes if n.level == parent_level]
        if parents:
            target = st.selectbox(ctx.t("us.move"), parents, format_func=names.get, key="move_target")
            if st.button(ctx.t("us.move"), key="move_org"):
                run_intent(ctx, lambda: unit_setup.move_org_unit(ctx.actor, node.id, target), done=ctx.t("us.moved"))
            if st.button(ctx.t("us.deactivate"), key="deactivate_org"):
                run_intent(
                    ctx, lambda: unit_setup.set_org_active(ctx.actor, node.id, False), done=ctx.t("us.active_changed")
                )

    if not any(n.level == OrgLevel.ORGANISATION for n in nodes):
        # A bank or a municipality: one organisation above all units rolls their goal boards up.
        with st.form("organisation_form"):
            org_name = st.text_input(ctx.t("us.add_organisation"), key="organisation_name")
            if st.form_submit_button(ctx.t("us.add"), icon=":material/account_tree:", key="add_organisation"):
                run_intent(
                    ctx,
                    lambda: unit_setup.create_organisation(
                        ctx.actor, org_name, [n.slug for n in nodes if n.level == OrgLevel.UNIT]
                    ),
                    done=ctx.md("us.organisation_added", name=org_name),
                    clear=("organisation_name",),
                )

with tab_remove:
    st.caption(ctx.t("us.remove.help"))
    units = [n.id for n in nodes if n.level == OrgLevel.UNIT]
    if units:
        unit_id = st.selectbox(ctx.t("us.org"), units, format_func=names.get, key="remove_unit")
        typed = st.text_input(ctx.t("us.remove.confirm", unit=names[unit_id]), key="remove_confirm")
        if st.button(ctx.t("us.remove.button"), type="primary", icon=":material/delete:", key="remove_button"):
            if typed.strip() != names[unit_id]:
                st.error(ctx.t("us.err.confirm"))
            else:
                run_intent(
                    ctx,
                    lambda: unit_setup.remove_unit(ctx.actor, unit_id, backup_dir=Path("data/backups")),
                    done=lambda removed: ctx.md("us.remove.done", unit=removed.name, backup=removed.backup or "–"),
                    clear=("remove_confirm",),
                )
