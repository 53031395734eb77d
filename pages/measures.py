"""Settings: the measures (KPIs, control and operational measures) of each org unit."""

import streamlit as st

from driftboard.domain import Comparator, Direction, MeasureKind, Period, RollUp
from driftboard.services import measures
from driftboard.ui.org_picker import org_picker
from driftboard.ui.page import setup_org_page
from driftboard.ui.tables import editable_table, name_and_slug

ctx, tree = setup_org_page("measures")
st.title(ctx.t("page.measures"))
st.caption(ctx.t("measures.intro"))
org_id = org_picker(ctx, {node.id: node for node in tree}, label="goals.level", key="measures_org")
col = st.column_config
editable_table(
    ctx,
    f"measures_{org_id}",
    measures.measures_frame(org_id),
    {
        **name_and_slug(ctx),
        "kind": col.SelectboxColumn(
            ctx.t("measures.kind"),
            options=[k.value for k in MeasureKind],
            format_func=lambda v: ctx.t(f"kind.one.{v}"),
            required=True,
        ),
        "unit_label": col.TextColumn(ctx.t("goals.col.unit"), max_chars=20),
        "decimals": col.NumberColumn(
            ctx.t("measures.decimals"), help=ctx.t("measures.decimals_help"), min_value=0, max_value=4, step=1
        ),
        "period": col.SelectboxColumn(
            ctx.t("goals.period"),
            options=[p.value for p in Period],
            format_func=lambda v: ctx.t(f"period.{v}"),
            required=True,
        ),
        "direction": col.SelectboxColumn(
            ctx.t("measures.direction"),
            options=[d.value for d in Direction],
            format_func=lambda v: ctx.t(f"direction.{v}"),
        ),
        "baseline": col.NumberColumn(ctx.t("measures.baseline")),
        "baseline_date": col.DateColumn(ctx.t("measures.baseline_date"), format="DD.MM.YYYY"),
        "target": col.NumberColumn(ctx.t("measures.target")),
        "target_date": col.DateColumn(ctx.t("measures.target_date"), format="DD.MM.YYYY"),
        "profile": col.TextColumn(ctx.t("measures.profile"), help=ctx.t("measures.profile_help")),
        "comparator": col.SelectboxColumn(ctx.t("measures.comparator"), options=[c.value for c in Comparator]),
        "threshold": col.NumberColumn(ctx.t("measures.threshold")),
        "rollup": col.SelectboxColumn(
            ctx.t("measures.rollup"),
            options=[r.value for r in RollUp],
            format_func=lambda v: ctx.t(f"rollup.{v}"),
            required=True,
        ),
        "tolerance_pct": col.NumberColumn(ctx.t("measures.tolerance"), min_value=0, max_value=100),
        "active": col.CheckboxColumn(ctx.t("col.active"), default=True),
    },
    save=lambda rows: measures.save_measures(ctx.actor, org_id, rows),
)
