"""The improvement board: PDCA kanban, card details with A3, matrix, standards, coordination, Pareto."""

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import clock
from driftboard.domain import ConflictError, DomainError, Stage
from driftboard.i18n import CATALOGUE, fmt_date, fmt_number, fmt_time
from driftboard.improvement import (
    BOARD_STAGES,
    SIDE_STAGES,
    jitter,
    move_needs_confirmation,
    over_limit,
    pareto,
    quadrant,
)
from driftboard.services import improvement, masterdata
from driftboard.ui import kiosk
from driftboard.ui.board_parts import tv_chart
from driftboard.ui.kanban import kanban
from driftboard.ui.page import flash, setup_page, show_domain_error
from driftboard.ui.text import md_escape

ctx = setup_page("improvement")
team = ctx.team
if team is None:
    st.warning(ctx.t("home.no_teams"))
    st.stop()

view = improvement.board(team.id)
cards = {c.id: c for c in view.cards}
stage_label = {s: ctx.t(f"stage.{s.value}") for s in Stage}
today = clock.today()


def card_meta(c: improvement.CardView) -> str:
    owner = c.owner or ctx.t("card.no_owner")
    scores = f" · {ctx.t('card.scores', impact=c.impact, effort=c.effort)}" if c.impact and c.effort else ""
    return f"#{c.id} · {owner}{scores}"


def field_label(field: str | None) -> str:
    """A card field as people call it (history shows ``a3_root_cause`` as "Root cause")."""
    if not field:
        return ""
    if field.startswith("a3_"):
        return ctx.t(f"a3.{field[3:]}")
    names = {"owner_id": "card.owner", "owner": "card.owner", "stage": "imp.stage", "needs_it_change": "card.needs_it"}
    key = names.get(field, f"card.{field}")
    return ctx.t(key) if key in CATALOGUE else field


def card_line(c: improvement.CardView, score: float | None = None) -> str:
    """One card as a markdown line (user text escaped): number, title, team, stage, similarity."""
    line = f"#{c.id} {md_escape(c.title)} · {md_escape(c.team_name)} · {stage_label[c.stage]}"
    return line if score is None else f"{line} ({fmt_number(score, ctx.lang)} %)"


def do_move(card_id: int, to: Stage, seen_version: int, *, confirmed: bool = False) -> None:
    """Validate and write a move; a move over a WIP limit waits for confirmation."""
    if not confirmed and move_needs_confirmation(to, view.counts, view.wip_limits):
        st.session_state["pending_move"] = {"card_id": card_id, "to": to.value, "version": seen_version}
        st.rerun()  # the confirmation is drawn at the top of the page
    try:
        improvement.move_card(ctx.actor, card_id, to, seen_version=seen_version, lang=ctx.lang)
    except ConflictError as error:
        show_domain_error(ctx, error)
        now = improvement.card(card_id)
        st.info(
            ctx.t(
                "card.now", title=md_escape(now.title), stage=stage_label[now.stage], owner=md_escape(now.owner or "–")
            )
        )
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        flash(ctx.t("card.moved", title=cards[card_id].title, stage=stage_label[to]))
        st.rerun()


@st.dialog(ctx.t("card.dialog_title"), width="large")
def card_dialog(card_id: int) -> None:
    c = improvement.card(card_id)
    st.markdown(f"### #{c.id} {md_escape(c.title)}")
    st.caption(
        ctx.t(
            "card.caption",
            stage=stage_label[c.stage],
            proposer=md_escape(c.proposer or "–"),
            owner=md_escape(c.owner or "–"),
        )
    )
    if c.origin:
        st.info(md_escape(c.origin), icon=":material/link:")
    tab_card, tab_a3, tab_history, tab_related = st.tabs(
        [ctx.t("card.tab.card"), ctx.t("card.tab.a3"), ctx.t("card.tab.history"), ctx.t("card.tab.related")]
    )
    with tab_card, st.form(f"card_form_{c.id}"):
        title = st.text_input(ctx.t("card.title"), value=c.title, max_chars=200)
        problem = st.text_area(ctx.t("card.problem"), value=c.problem)
        idea = st.text_area(ctx.t("card.idea"), value=c.idea)
        left, right = st.columns(2)
        impact = left.slider(ctx.t("card.impact"), 1, 5, value=c.impact or 3)
        effort = right.slider(ctx.t("card.effort"), 1, 5, value=c.effort or 3)
        scored = st.checkbox(ctx.t("card.scored"), value=c.impact is not None)
        new_standard = st.text_area(ctx.t("card.new_standard"), value=c.new_standard)
        rejection = st.text_input(ctx.t("card.rejection_reason"), value=c.rejection_reason)
        needs_it = st.checkbox(ctx.t("card.needs_it"), value=c.needs_it_change)
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            changes = {
                "title": title,
                "problem": problem,
                "idea": idea,
                "impact": impact if scored else None,
                "effort": effort if scored else None,
                "new_standard": new_standard,
                "rejection_reason": rejection,
                "needs_it_change": needs_it,
            }
            try:
                improvement.edit_card(ctx.actor, c.id, changes, seen_version=c.version)
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("card.saved"))
                st.rerun()
    with tab_a3, st.form(f"a3_form_{c.id}"):
        values = {f: st.text_area(ctx.t(f"a3.{f}"), value=c.a3[f], height=80) for f in improvement.A3_FIELDS}
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            try:
                improvement.edit_card(
                    ctx.actor, c.id, {f"a3_{k}": v for k, v in values.items()}, seen_version=c.version
                )
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("card.saved"))
                st.rerun()
    with tab_history:
        events = improvement.history(c.id)
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        ctx.t(
                            "card.col.when"
                        ): f"{fmt_date(e.created_at.date(), ctx.lang)} {fmt_time(e.created_at, ctx.lang)}",
                        ctx.t("card.col.who"): e.actor,
                        ctx.t("card.col.what"): ctx.t(f"event.{e.kind.value}"),
                        ctx.t("card.col.from"): stage_label[Stage(e.old_value)]
                        if e.kind.value == "moved" and e.old_value
                        else (e.old_value or ""),
                        ctx.t("card.col.to"): stage_label[Stage(e.new_value)]
                        if e.kind.value in ("moved", "created") and e.new_value
                        else (e.new_value or ""),
                        ctx.t("card.col.field"): field_label(e.field),
                    }
                    for e in events
                ]
            ),
            hide_index=True,
        )
        comment = st.text_area(ctx.t("card.comment"), key=f"comment_{c.id}")
        if st.button(ctx.t("card.add_comment"), key=f"comment_button_{c.id}"):
            try:
                improvement.add_comment(ctx.actor, c.id, comment)
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("card.comment_added"))
                st.rerun()
    with tab_related:
        for other in improvement.related(c.id):
            st.markdown(
                f"- #{other.id} {md_escape(other.title)} · {md_escape(other.team_name)} · {stage_label[other.stage]}"
            )
        suggestions = improvement.duplicate_suggestions(c.id)
        if suggestions:
            st.caption(ctx.t("card.duplicates"))
        elif not improvement.related(c.id):
            st.caption(ctx.t("card.no_related"))
        for other, score in suggestions:
            left, right = st.columns([4, 1])
            left.markdown(
                f"#{other.id} {md_escape(other.title)} · {md_escape(other.team_name)} ({fmt_number(score, ctx.lang)} %)"
            )
            if right.button(ctx.t("card.link"), key=f"link_{c.id}_{other.id}"):
                improvement.link_cards(ctx.actor, c.id, other.id)
                flash(ctx.t("card.linked"))
                st.rerun()


def board_data(board: improvement.BoardView) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    columns = [
        {
            "stage": s.value,
            "label": stage_label[s],
            "count": board.counts[s],
            "limit": board.wip_limits.get(s),
            "over": over_limit(board.counts[s], board.wip_limits.get(s)),
            "side": s in SIDE_STAGES,
        }
        for s in (*BOARD_STAGES, *SIDE_STAGES)
    ]
    items = [
        {
            "id": c.id,
            "version": c.version,
            "stage": c.stage.value,
            "title": c.title,
            "owner": c.owner,
            "meta": card_meta(c),
        }
        for c in board.cards
    ]
    return columns, items


if ctx.kiosk:
    interval = kiosk.refresh_interval(ctx)

    @st.fragment(run_every=interval)
    def live_board() -> None:
        """The shared screen: the kanban without edit controls, and the newest standards."""
        board = kiosk.improvement_board(team.id)
        left, right = st.columns([6.3, 1.3], vertical_alignment="center")
        left.markdown(f"## {md_escape(team.name)} · {ctx.t('page.improvement')}")
        with right:
            kiosk.live_stamp(ctx, interval, page="improvement", key="stamp")
        columns, items = board_data(board)
        kanban(columns, items, key=f"kanban_kiosk_{team.id}", readonly=True)
        wall = improvement.standards(team.id, dt.datetime.combine(today - dt.timedelta(weeks=8), dt.time()))[:3]
        if wall:
            st.markdown(f"#### {ctx.t('imp.tab.standards')}")
            for column, c in zip(st.columns(3), wall, strict=False):
                with column, st.container(border=True):
                    st.markdown(f"**{md_escape(c.title)}**")
                    st.markdown(md_escape(c.new_standard))

    live_board()
    st.stop()

st.markdown(f"## {md_escape(team.name)} · {ctx.t('page.improvement')}")

# ----------------------------------------------------------------- a move waiting for confirmation
pending = st.session_state.get("pending_move")
if pending and pending["card_id"] in cards:
    to = Stage(pending["to"])
    st.warning(
        ctx.t("card.wip_confirm", stage=stage_label[to], count=view.counts[to], limit=view.wip_limits.get(to)),
        icon=":material/warning:",
    )
    yes, no = st.columns([1, 5])
    if yes.button(ctx.t("card.wip_yes"), type="primary", key="wip_yes"):
        st.session_state.pop("pending_move")
        do_move(pending["card_id"], to, pending["version"], confirmed=True)
    if no.button(ctx.t("card.wip_no"), key="wip_no"):
        st.session_state.pop("pending_move")
        st.rerun()

tab_board, tab_matrix, tab_standards, tab_coordination, tab_errors = st.tabs(
    [
        ctx.t("imp.tab.board"),
        ctx.t("imp.tab.matrix"),
        ctx.t("imp.tab.standards"),
        ctx.t("imp.tab.coordination"),
        ctx.t("imp.tab.errors"),
    ]
)

with tab_board:
    mode = "drag"
    if not ctx.kiosk:
        mode = (
            st.segmented_control(
                ctx.t("imp.mode"),
                ["drag", "buttons"],
                default="drag",
                format_func=lambda m: ctx.t(f"imp.mode.{m}"),
                key="board_mode",
            )
            or "drag"
        )
    columns, items = board_data(view)
    if mode == "drag":
        events = kanban(columns, items, key=f"kanban_{team.id}")
        if events.move and events.move.get("card_id") in cards:
            move = events.move
            do_move(int(move["card_id"]), Stage(move["to"]), int(move["version"]))
        if events.open and events.open.get("card_id") in cards:
            card_dialog(int(events.open["card_id"]))
        st.caption(ctx.t("imp.drag_help"))
    else:
        # The same board with a "move to" control on each card: for touch screens and keyboards.
        for group in (BOARD_STAGES, SIDE_STAGES):
            for column, stage in zip(st.columns(len(group)), group, strict=True):
                with column:
                    limit = view.wip_limits.get(stage)
                    count = f"{view.counts[stage]} / {limit}" if limit else str(view.counts[stage])
                    flag = " :red[:material/warning:]" if over_limit(view.counts[stage], limit) else ""
                    st.markdown(f"**{stage_label[stage]}** · {count}{flag}")
                    for c in [c for c in view.cards if c.stage is stage]:
                        with st.container(border=True):
                            st.markdown(f"**{md_escape(c.title)}**")
                            st.caption(md_escape(card_meta(c)))
                            choices = [s for s in Stage if s is not stage]
                            following = (
                                BOARD_STAGES[BOARD_STAGES.index(stage) + 1] if stage in BOARD_STAGES[:-1] else None
                            )
                            target = st.selectbox(
                                ctx.t("card.move_to"),
                                choices,
                                index=choices.index(following) if following else 0,
                                format_func=stage_label.get,
                                key=f"move_to_{c.id}",
                                label_visibility="collapsed",
                            )
                            if st.button(
                                ctx.t("card.move"), key=f"move_{c.id}", icon=":material/arrow_forward:", width="stretch"
                            ):
                                do_move(c.id, target, c.version)
                            if c.owner_id != ctx.person_id and st.button(
                                ctx.t("card.take"), key=f"own_{c.id}", width="stretch"
                            ):
                                if ctx.person_id is None:
                                    st.error(ctx.t("card.err.who"))
                                else:
                                    try:
                                        improvement.take_ownership(
                                            ctx.actor, c.id, ctx.person_id, seen_version=c.version
                                        )
                                    except DomainError as error:
                                        show_domain_error(ctx, error)
                                    else:
                                        flash(ctx.t("card.taken", title=c.title))
                                        st.rerun()
                            if st.button(ctx.t("card.open"), key=f"open_{c.id}", width="stretch"):
                                card_dialog(c.id)

    if not ctx.kiosk:
        with st.expander(ctx.t("imp.new_card"), expanded=bool(st.session_state.get("new_title"))):
            with st.form("new_card"):
                title = st.text_input(ctx.t("card.title"), key="new_title", max_chars=200)
                problem = st.text_area(ctx.t("card.problem"), key="new_problem")
                idea = st.text_area(ctx.t("card.idea"), key="new_idea")
                submitted = st.form_submit_button(ctx.t("imp.create"), type="primary", icon=":material/add:")
            if submitted:
                try:
                    new_id = improvement.create_card(
                        ctx.actor, team.id, title=title, problem=problem, idea=idea, proposer_id=ctx.person_id
                    )
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    st.session_state["created_card"] = new_id
                    for key in ("new_title", "new_problem", "new_idea"):
                        st.session_state.pop(key, None)
                    flash(ctx.t("imp.created", title=title))
                    st.rerun()
        created = st.session_state.get("created_card")
        if created in cards:
            suggestions = improvement.duplicate_suggestions(created)
            if suggestions:
                st.warning(
                    ctx.t("imp.duplicates_found", title=md_escape(cards[created].title)), icon=":material/content_copy:"
                )
                for other, score in suggestions:
                    left, right = st.columns([5, 1])
                    left.markdown(card_line(other, score))
                    if right.button(ctx.t("card.link"), key=f"link_new_{other.id}"):
                        improvement.link_cards(ctx.actor, created, other.id)
                        st.session_state.pop("created_card", None)
                        flash(ctx.t("card.linked"))
                        st.rerun()

with tab_matrix:
    st.caption(ctx.t("imp.matrix_help"))
    candidates = [c for c in view.cards if c.stage in (Stage.INTAKE, Stage.PRIORITISATION)]
    scored = [c for c in candidates if c.impact and c.effort]
    if scored:
        points = []
        for c in scored:
            dx, dy = jitter(c.id)
            points.append(
                {"id": c.id, "title": c.title, "effort": c.effort + dx, "impact": c.impact + dy,
                 "quadrant": ctx.t(f"quadrant.{quadrant(c.impact, c.effort)}"), "stage": stage_label[c.stage]}
            )  # fmt: skip
        data = pd.DataFrame(points)
        labels = pd.DataFrame(
            [
                {"effort": 1.6, "impact": 5.35, "text": ctx.t("quadrant.quick_wins")},
                {"effort": 4.4, "impact": 5.35, "text": ctx.t("quadrant.big_projects")},
                {"effort": 1.6, "impact": 0.65, "text": ctx.t("quadrant.fill_ins")},
                {"effort": 4.4, "impact": 0.65, "text": ctx.t("quadrant.thankless")},
            ]
        )
        scale = alt.Scale(domain=[0.5, 5.5])
        pick = alt.selection_point(fields=["id"], name="pick")
        dots = (
            alt.Chart(data)
            .mark_circle(size=420, opacity=0.85)
            .encode(
                x=alt.X("effort:Q", scale=scale, title=ctx.t("card.effort")),
                y=alt.Y("impact:Q", scale=scale, title=ctx.t("card.impact")),
                color=alt.Color("stage:N", title=None),
                tooltip=[alt.Tooltip("title:N", title=ctx.t("card.title")), alt.Tooltip("quadrant:N", title="")],
            )
            .add_params(pick)
        )
        names = alt.Chart(data).mark_text(dy=-18, fontSize=13).encode(x="effort:Q", y="impact:Q", text="id:N")
        rules = alt.Chart(pd.DataFrame({"v": [3.0]})).mark_rule(strokeDash=[4, 4], color="#8a8a8a")
        quadrant_names = (
            alt.Chart(labels)
            .mark_text(fontSize=16, fontWeight="bold", color="#4a5563")
            .encode(x="effort:Q", y="impact:Q", text="text:N")
        )
        chart = alt.layer(dots, names, rules.encode(x="v:Q"), rules.encode(y="v:Q"), quadrant_names).properties(
            height=460
        )
        selection = st.altair_chart(tv_chart(chart), width="stretch", on_select="rerun", key="matrix_chart")
        chosen = [p.get("id") for p in (selection.selection.get("pick") or [])] if selection else []
        if chosen and chosen[0] in cards:
            card_dialog(int(chosen[0]))
    else:
        st.info(ctx.t("imp.matrix_empty"))
    if candidates:
        with st.form("scores"):
            st.markdown(f"**{ctx.t('imp.set_scores')}**")
            by_id = {c.id: c for c in candidates}
            card_id = st.selectbox(ctx.t("imp.card"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}")
            left, right = st.columns(2)
            impact = left.slider(ctx.t("card.impact"), 1, 5, 3)
            effort = right.slider(ctx.t("card.effort"), 1, 5, 3)
            if st.form_submit_button(ctx.t("card.save"), type="primary"):
                try:
                    improvement.edit_card(
                        ctx.actor, card_id, {"impact": impact, "effort": effort}, seen_version=by_id[card_id].version
                    )
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("card.saved"))
                    st.rerun()

with tab_standards:
    since = dt.datetime.combine(today - dt.timedelta(weeks=8), dt.time())
    wall = improvement.standards(team.id, since)
    if not wall:
        st.info(ctx.t("imp.no_standards"))
    for c in wall:
        with st.container(border=True):
            st.markdown(
                f"**{md_escape(c.title)}** · {fmt_date(c.standard_at.date(), ctx.lang) if c.standard_at else ''}"
            )
            st.markdown(md_escape(c.new_standard))
            st.caption(ctx.t("imp.standard_by", owner=md_escape(c.owner or "–")))

with tab_coordination:
    st.caption(ctx.t("imp.coordination_help"))
    active = improvement.active_cards(team.unit_id)
    rows = improvement.duplicate_pairs(team.unit_id)
    if not rows:
        st.success(ctx.t("imp.no_duplicates"))
    for a, b, score in rows:
        left, right = st.columns([5, 1])
        left.markdown(f"{card_line(a)}  \n↔ {card_line(b, score)}")
        if right.button(ctx.t("card.link"), key=f"link_pair_{a.id}_{b.id}"):
            improvement.link_cards(ctx.actor, a.id, b.id)
            flash(ctx.t("card.linked"))
            st.rerun()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("nav.team"): c.team_name,
                    "#": c.id,
                    ctx.t("card.title"): c.title,
                    ctx.t("imp.stage"): stage_label[c.stage],
                    ctx.t("card.owner"): c.owner or "",
                }
                for c in active
            ]
        ),
        hide_index=True,
    )

with tab_errors:
    task_rows = masterdata.tasks_frame(team.id).query("active")
    tasks = dict(zip(task_rows["id"].astype(int), task_rows["name"], strict=True))
    with st.form("register_errors"):
        st.markdown(f"**{ctx.t('imp.register')}**")
        cols = st.columns(4)
        task_id = cols[0].selectbox(
            ctx.t("ops.col.task"), [None, *tasks], format_func=lambda t: "–" if t is None else tasks[t]
        )
        day = cols[1].date_input(ctx.t("plan.date"), value=today, max_value=today, format="DD.MM.YYYY")
        known = improvement.error_categories(team.id)
        category = cols[2].selectbox(
            ctx.t("imp.category"), known, index=None, accept_new_options=True, placeholder=ctx.t("imp.category_new")
        )
        count = cols[3].number_input(ctx.t("imp.count"), min_value=1, step=1, value=1)
        if st.form_submit_button(ctx.t("imp.register_button"), type="primary"):
            try:
                improvement.register_errors(
                    ctx.actor, team.id, day=day, category=category or "", count=int(count), task_id=task_id
                )
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("imp.registered", count=int(count), category=category))
                st.rerun()
    cols = st.columns(3)
    pareto_task = cols[0].selectbox(
        ctx.t("ops.col.task"),
        [None, *tasks],
        format_func=lambda t: ctx.t("imp.all_tasks") if t is None else tasks[t],
        key="pareto_task",
    )
    start = cols[1].date_input(
        ctx.t("imp.from"), value=today - dt.timedelta(weeks=8), format="DD.MM.YYYY", key="pareto_from"
    )
    end = cols[2].date_input(ctx.t("imp.to"), value=today, format="DD.MM.YYYY", key="pareto_to")
    rows = pareto(improvement.error_counts(team.id, start, end, pareto_task))
    if not rows:
        st.info(ctx.t("imp.no_errors"))
    else:
        data = pd.DataFrame(
            [
                {"category": r.category, "count": r.count, "cumulative": r.cumulative_pct, "vital": r.vital_few}
                for r in rows
            ]
        )
        order = data["category"].tolist()
        bars = (
            alt.Chart(data)
            .mark_bar(color="#1f5fae")
            .encode(
                x=alt.X("category:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=240)),
                y=alt.Y("count:Q", title=ctx.t("imp.count")),
                opacity=alt.condition("datum.vital", alt.value(1.0), alt.value(0.45)),
            )
        )
        line = (
            alt.Chart(data)
            .mark_line(color="#c62828", strokeWidth=3, point=True)
            .encode(
                x=alt.X("category:N", sort=order),
                y=alt.Y("cumulative:Q", title=ctx.t("imp.cumulative"), scale=alt.Scale(domain=[0, 100])),
            )
        )
        eighty = (
            alt.Chart(pd.DataFrame({"y": [80]}))
            .mark_rule(strokeDash=[6, 4], color="#f57c00", strokeWidth=2)
            .encode(y="y:Q")
        )
        chart = alt.layer(bars, alt.layer(line, eighty)).resolve_scale(y="independent").properties(height=380)
        st.altair_chart(tv_chart(chart), width="stretch")
        st.caption(ctx.t("imp.pareto_help"))
        category = st.selectbox(ctx.t("imp.category"), [r.category for r in rows], key="pareto_category")
        if st.button(ctx.t("imp.card_from_pareto"), icon=":material/lightbulb:", key="pareto_card"):
            row = next(r for r in rows if r.category == category)
            period = f"{fmt_date(start, ctx.lang)}–{fmt_date(end, ctx.lang)}"
            st.session_state["new_title"] = ctx.t("imp.pareto_title", category=category)
            st.session_state["new_problem"] = ctx.t(
                "imp.pareto_problem",
                count=row.count,
                total=sum(r.count for r in rows),
                share=fmt_number(row.share_pct, ctx.lang, 0),
                category=category,
                period=period,
                task=tasks.get(pareto_task, ctx.t("imp.all_tasks")),
            )
            flash(ctx.t("imp.prefilled"))
            st.rerun()
