"""The unit settings page's settings and job-role tabs: every setting of a unit, department or
team shown with where it comes from ("inherited from …"), an override switch below the unit, and
the unit's own job roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from driftboard.bounds import Bounds
from driftboard.domain import OrgLevel
from driftboard.masterdata import FACTOR_FIELDS
from driftboard.orgsettings import SETTINGS, WIP_STAGES, Inherited, Setting
from driftboard.planning import FACTOR_NAMES
from driftboard.services import org_settings
from driftboard.services.org import OrgNode
from driftboard.tables import date_window
from driftboard.ui.number_entry import NumberEntry, number_entry, refused
from driftboard.ui.org_picker import org_picker
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.tables import editable_table


def _source(ctx: PageContext, found: Inherited, own_name: str) -> str:
    if found.own:
        return ctx.t("set.own", name=own_name)
    if found.source is None:
        return ctx.t("set.default")
    return ctx.t("set.inherited", source=found.source)


def _seen(key: str, version: int | None) -> int | None:
    """The version the previous render showed (kept per org unit), not the one re-read in the
    click's rerun: otherwise someone else's change in between is never noticed."""
    seen = st.session_state.get(key, version)
    st.session_state[key] = version
    return seen


def _input(ctx: PageContext, setting: Setting, value: Any, key: str, disabled: bool) -> Any:
    label = ctx.t(f"set.{setting.name}")
    if setting.kind == "choice":
        return st.selectbox(
            label,
            setting.choices,
            index=setting.choices.index(value) if value in setting.choices else 0,
            format_func=lambda v: ctx.t(f"set.{setting.name}.{v}"),
            key=key,
            disabled=disabled,
        )
    if setting.kind in ("number", "integer"):
        return number_entry(
            ctx,
            label,
            key=key,
            current=value,
            bounds=setting.bounds,
            whole=setting.kind == "integer",
            disabled=disabled,
        )
    if setting.kind == "time":
        return st.time_input(label, value=value, step=dt.timedelta(minutes=15), key=key, disabled=disabled)
    if setting.kind == "date":
        low, high = date_window()
        return st.date_input(
            label, value=value, min_value=low, max_value=high, format="DD.MM.YYYY", key=key,
            disabled=disabled,
        )  # fmt: skip
    if setting.kind == "wip":
        st.markdown(label)
        limits = {}
        for column, stage in zip(st.columns(len(WIP_STAGES)), WIP_STAGES, strict=True):
            limits[stage.value] = number_entry(
                ctx,
                ctx.t(f"stage.{stage.value}"),
                key=f"{key}_{stage.value}",
                current=(value or {}).get(stage.value),
                bounds=Bounds(0, 99),
                whole=True,
                placeholder=ctx.t("set.wip_none"),
                help=ctx.t("set.wip_help"),
                disabled=disabled,
                container=column,
            )
        return limits
    # the escalation order: the steps in the order they are picked
    return st.multiselect(
        label,
        setting.choices,
        default=list(value),
        format_func=lambda v: ctx.t(f"escalation.{v}"),
        key=key,
        disabled=disabled,
        help=ctx.t("set.escalation_help"),
    )


def settings_tab(ctx: PageContext, nodes: Sequence[OrgNode]) -> None:
    """The settings of one org unit (a unit's, or a department's or team's overrides)."""
    if not nodes:
        return
    org_id = org_picker(ctx, {n.id: n for n in nodes}, label="us.org", key="settings_org")
    view = org_settings.settings_view(org_id)
    is_unit = view.level == OrgLevel.UNIT
    seen = _seen(f"settings_seen_{org_id}", view.version)
    st.caption(ctx.t("set.help_unit" if is_unit else "set.help_override"))
    with st.form(f"settings_form_{org_id}"):
        wanted: dict[str, Any] = {}
        entries: list[NumberEntry] = []
        for setting in SETTINGS:
            found = view.settings[setting.name]
            own = True
            if not is_unit:
                own = st.toggle(ctx.t("set.override"), value=found.own, key=f"own_{org_id}_{setting.name}")
            value = _input(ctx, setting, found.value, f"set_{org_id}_{setting.name}", disabled=False)
            if isinstance(value, NumberEntry):
                entries.append(value)
                value = value.value
            elif setting.kind == "wip":  # a number per stage; 0 or empty without a limit: none
                entries.extend(value.values())
                value = {stage: int(entry.value) for stage, entry in value.items() if entry.value}
            st.caption(_source(ctx, found, view.name))
            wanted[setting.name] = value if own else None
        if st.form_submit_button(ctx.t("set.save"), type="primary", icon=":material/save:") and not refused(entries):
            # Only what the person changed: an untouched setting keeps the org unit's own value.
            changes = {
                name: value
                for name, value in wanted.items()
                if value != (view.settings[name].value if view.settings[name].own else None)
            }
            run_intent(
                ctx,
                lambda: org_settings.save_settings(ctx.actor, org_id, changes, seen_version=seen),
                done=ctx.md("set.saved", name=view.name),
                clear=[f"set_{org_id}_{s.name}" for s in SETTINGS if s.kind in ("number", "integer")]
                + [f"set_{org_id}_wip_limits_{stage.value}" for stage in WIP_STAGES],
            )
    _factors_form(ctx, view, is_unit)


def _factors_form(ctx: PageContext, view: org_settings.OrgSettingsView, is_unit: bool) -> None:
    st.markdown(f"## {ctx.t('md.tab.factors')}")
    seen = _seen(f"factors_seen_{view.org_id}", view.factors_version)
    with st.form(f"factors_form_{view.org_id}"):
        wanted: dict[str, float | None] = {}
        entries: list[NumberEntry] = []
        for field in FACTOR_FIELDS:
            if field.name not in FACTOR_NAMES:
                continue
            found = view.factors[field.name]
            own = True
            if not is_unit:
                own = st.toggle(ctx.t("set.override"), value=found.own, key=f"fown_{view.org_id}_{field.name}")
            entry = number_entry(
                ctx, ctx.t(f"col.{field.name}"), key=f"factor_{view.org_id}_{field.name}", current=float(found.value),
                bounds=field.bounds,
            )  # fmt: skip
            entries.append(entry)
            st.caption(_source(ctx, found, view.name))
            wanted[field.name] = entry.value if own else None
        if st.form_submit_button(ctx.t("set.save_factors"), type="primary", icon=":material/save:") and not refused(
            entries
        ):
            changes = {n: v for n, v in wanted.items() if v != (view.factors[n].value if view.factors[n].own else None)}
            run_intent(
                ctx,
                lambda: org_settings.save_factors(ctx.actor, view.org_id, changes, seen_version=seen),
                done=ctx.md("set.factors_saved", name=view.name),
                clear=[f"factor_{view.org_id}_{name}" for name in FACTOR_NAMES],
            )


def job_roles_tab(ctx: PageContext, nodes: Sequence[OrgNode]) -> None:
    """The unit's own job roles: add, rename, deactivate (a role people hold stays)."""
    units = {n.id: n.name for n in nodes if n.level == OrgLevel.UNIT}
    if not units:
        return
    unit_id = st.selectbox(ctx.t("us.org"), list(units), format_func=units.get, key="roles_unit")
    col = st.column_config
    editable_table(
        ctx,
        f"job_roles_{unit_id}",
        org_settings.job_roles_frame(unit_id),
        {
            "name_da": col.TextColumn(ctx.t("set.role_da"), required=True, max_chars=120),
            "name_en": col.TextColumn(ctx.t("set.role_en"), required=True, max_chars=120),
            "active": col.CheckboxColumn(ctx.t("col.active"), default=True),
        },
        caption=ctx.t("set.roles_help"),
        save=lambda rows: org_settings.save_job_roles(ctx.actor, unit_id, rows),
    )
