"""Settings for administrators: who holds which role where, the teams' screen links and the
core systems' API tokens — of the org units they administer, and nothing of another unit."""

import streamlit as st

from driftboard.domain import Role
from driftboard.services import users
from driftboard.ui import credentials, feeds_view
from driftboard.ui.org_picker import org_picker
from driftboard.ui.page import org_tree, run_intent, setup_page

ctx = setup_page("access")  # admins only (its PageDef)
st.title(ctx.t("page.access"))
tree = org_tree(ctx, Role.ADMIN)  # grants, links and tokens only where the person administers
nodes = {node.slug: node for node in tree}


users_tab, screens_tab, tokens_tab = st.tabs(
    [ctx.t("access.users"), ctx.t("access.screens"), ctx.t("feeds.tokens.tab")]
)

with users_tab:
    rows = users.grants_table()
    credentials.revocable_list(
        ctx,
        [
            {
                ctx.t("access.email"): g.email,
                ctx.t("col.name"): g.name,
                ctx.t("access.unit"): g.org_unit,
                ctx.t("access.role"): ctx.t(f"access.{g.role.value}"),
            }
            for g in rows
        ],
        {g.grant_id: f"{g.email} · {ctx.t(f'access.{g.role.value}')} · {g.org_unit}" for g in rows},
        name="grant",
        pick="access.grant_pick",
        icon=":material/person_remove:",
        revoke=lambda grant_id: users.revoke_grant(ctx.actor, grant_id),
        empty="access.no_grants",
    )
    with st.form("grant_form"):
        email_col, role_col, unit_col = st.columns([3, 2, 3])
        email = email_col.text_input(ctx.t("access.email"), key="grant_email", max_chars=254)
        role = role_col.selectbox(
            ctx.t("access.role"), list(Role), format_func=lambda r: ctx.t(f"access.{r.value}"), key="grant_role"
        )
        with unit_col:
            slug = org_picker(ctx, nodes, label="access.unit", key="grant_unit")
        if st.form_submit_button(ctx.t("access.grant"), type="primary", icon=":material/person_add:"):
            run_intent(
                ctx,
                lambda: users.add_user(ctx.actor, email, role, slug),
                done=ctx.md("access.granted", email=email.strip().lower(), role=ctx.t(f"access.{role.value}"),
                           unit=nodes[slug].name),
                clear=("grant_email",),
            )  # fmt: skip

with screens_tab:
    st.caption(ctx.t("access.screens_help"))
    credentials.show_secret_once(ctx, "screen_link_made", "access.link_made", ":material/link:")
    links = users.screen_links()
    teams = {node.slug: node for node in tree if node.level.value == "team"}
    credentials.revocable_list(
        ctx,
        [
            {
                ctx.t("access.team"): teams[link.team_slug].name if link.team_slug in teams else link.team_slug,
                ctx.t("access.label"): link.label,
                **credentials.usage_columns(ctx, link),
            }
            for link in links
        ],
        {
            link.id: f"{link.team_slug} · {link.label or '#' + str(link.id)}"
            for link in links
            if link.revoked_at is None
        },
        name="link",
        pick="access.link_pick",
        icon=":material/link_off:",
        revoke=lambda link_id: users.revoke_screen_link(ctx.actor, link_id),
        empty="access.no_links",
    )
    if teams:
        with st.form("screen_form"):
            team_col, label_col = st.columns([2, 3])
            team_slug = team_col.selectbox(
                ctx.t("access.team"), list(teams), format_func=lambda s: teams[s].name, key="screen_team"
            )
            label = label_col.text_input(ctx.t("access.label"), key="screen_label", max_chars=120)
            if st.form_submit_button(ctx.t("access.create_link"), type="primary", icon=":material/add_link:"):
                created = run_intent(ctx, lambda: users.create_screen_link(ctx.actor, team_slug, label), rerun=False)
                if created is not None:
                    base = (st.context.url or "http://localhost:8501").rsplit("/access", 1)[0]
                    st.session_state["screen_link_made"] = users.screen_url(base, team_slug, created[1])
                    st.rerun()

with tokens_tab:
    feeds_view.api_tokens_section(ctx, tree)
