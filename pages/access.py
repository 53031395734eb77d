"""Settings for administrators: who holds which role where, the teams' screen links and the
core systems' API tokens."""

import streamlit as st

from driftboard.domain import Role
from driftboard.i18n import fmt_date, fmt_time
from driftboard.services import org, users
from driftboard.ui import feeds_view
from driftboard.ui.page import run_intent, setup_page

ctx = setup_page("access")
st.title(ctx.t("page.access"))
# Hiding the page is a courtesy; the services refuse anyone else (services.access).
grants = ctx.actor.grants
if grants is not None and not any(role is Role.ADMIN for _, role in grants):
    st.warning(ctx.t("access.admin_only"), icon=":material/lock:")
    st.stop()

tree = org.org_tree()
nodes = {node.slug: node for node in tree}


def stamp(value) -> str:  # type: ignore[no-untyped-def]
    return f"{fmt_date(value.date(), ctx.lang)} {fmt_time(value, ctx.lang)}" if value else ctx.t("access.never")


users_tab, screens_tab, tokens_tab = st.tabs(
    [ctx.t("access.users"), ctx.t("access.screens"), ctx.t("feeds.tokens.tab")]
)

with users_tab:
    rows = users.grants_table()
    if rows:
        st.dataframe(
            [
                {
                    ctx.t("access.email"): g.email,
                    ctx.t("col.name"): g.name,
                    ctx.t("access.unit"): g.org_unit,
                    ctx.t("access.role"): ctx.t(f"access.{g.role.value}"),
                }
                for g in rows
            ],
            hide_index=True,
            width="stretch",
        )
        by_id = {g.grant_id: g for g in rows}
        pick_col, revoke_col = st.columns([4, 1], vertical_alignment="bottom")
        grant_id = pick_col.selectbox(
            ctx.t("access.grant_pick"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].email} · {ctx.t(f'access.{by_id[i].role.value}')} · {by_id[i].org_unit}",
            key="grant_pick",
        )
        if revoke_col.button(ctx.t("access.revoke"), icon=":material/person_remove:", key="revoke_grant"):
            run_intent(ctx, lambda: users.revoke_grant(ctx.actor, grant_id), done=ctx.t("access.revoked"))
    else:
        st.caption(ctx.t("access.no_grants"))
    with st.form("grant_form"):
        email_col, role_col, unit_col = st.columns([3, 2, 3])
        email = email_col.text_input(ctx.t("access.email"), key="grant_email", max_chars=254)
        role = role_col.selectbox(
            ctx.t("access.role"), list(Role), format_func=lambda r: ctx.t(f"access.{r.value}"), key="grant_role"
        )
        slug = unit_col.selectbox(
            ctx.t("access.unit"),
            list(nodes),
            format_func=lambda s: "\u2003" * nodes[s].depth + nodes[s].name,
            key="grant_unit",
        )
        if st.form_submit_button(ctx.t("access.grant"), type="primary", icon=":material/person_add:"):
            run_intent(
                ctx,
                lambda: users.add_user(ctx.actor, email, role, slug),
                done=ctx.t("access.granted", email=email.strip().lower(), role=ctx.t(f"access.{role.value}"),
                           unit=nodes[slug].name),
                clear=("grant_email",),
            )  # fmt: skip

with screens_tab:
    st.caption(ctx.t("access.screens_help"))
    made = st.session_state.pop("screen_link_made", None)
    if made:  # shown once: only its hash is stored
        st.success(ctx.t("access.link_made"), icon=":material/link:")
        st.code(made, language=None)
    links = users.screen_links()
    teams = {node.slug: node for node in tree if node.level.value == "team"}
    if links:
        st.dataframe(
            [
                {
                    ctx.t("access.team"): teams[link.team_slug].name if link.team_slug in teams else link.team_slug,
                    ctx.t("access.label"): link.label,
                    ctx.t("access.col.created"): stamp(link.created_at),
                    ctx.t("access.col.last_used"): stamp(link.last_used_at),
                    ctx.t("access.col.revoked"): stamp(link.revoked_at) if link.revoked_at else "",
                }
                for link in links
            ],
            hide_index=True,
            width="stretch",
        )
        live = {link.id: link for link in links if link.revoked_at is None}
        if live:
            pick_col, revoke_col = st.columns([4, 1], vertical_alignment="bottom")
            link_id = pick_col.selectbox(
                ctx.t("access.link_pick"),
                list(live),
                format_func=lambda i: f"{live[i].team_slug} · {live[i].label or '#' + str(i)}",
                key="link_pick",
            )
            if revoke_col.button(ctx.t("access.revoke"), icon=":material/link_off:", key="revoke_link"):
                run_intent(ctx, lambda: users.revoke_screen_link(ctx.actor, link_id), done=ctx.t("access.revoked"))
    else:
        st.caption(ctx.t("access.no_links"))
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
    feeds_view.api_tokens_section(ctx, tree, stamp)
