"""The maturity self-assessment: where the org unit stands on the 31 practices of operations
management, what to lift next, the teams side by side and the history."""

import uuid

import streamlit as st

from driftboard import clock
from driftboard import maturity as rules
from driftboard.domain import ConflictError, OrgLevel
from driftboard.i18n import counted, fmt_date
from driftboard.services import maturity
from driftboard.ui import kiosk, standards_view
from driftboard.ui import maturity_view as view
from driftboard.ui.file_import import file_import
from driftboard.ui.org_picker import board_unit
from driftboard.ui.page import flash, run_intent, setup_org_page
from driftboard.ui.text import md_escape

ctx, tree = setup_org_page("maturity")
NEW = 0  # the "new assessment" choice
PICK = "maturity_pick"  # the assessment to select on the next run (after a save made a new one)
node = board_unit(ctx, tree, key="maturity_unit")
model = maturity.model()
today = clock.today()

found = maturity.assessments(node.id)
by_id = {a.id: a for a in found}


def heading(current: maturity.AssessmentView | None, stamp=None) -> None:  # type: ignore[no-untyped-def]
    left, right = st.columns([6, 1.3], vertical_alignment="center")
    when = ctx.t("maturity.assessed_on", date=fmt_date(current.assessed_on, ctx.lang)) if current else ""
    left.markdown(f"## {md_escape(node.name)} · {ctx.t('page.maturity')} {when}".rstrip())
    if stamp is not None:
        with right:
            stamp()


def results(
    current: maturity.AssessmentView, *, scale: float = 1.0, per_row: int = 3, height_per_practice: int = 30
) -> list[rules.NextStep]:
    """Total, plateau averages, the charts per discipline and the next steps of ``current``."""
    before = maturity.previous(found, current)
    res = rules.results(model, current.levels)
    change = rules.change_since(model, before.levels, current.levels) if before else None
    view.headline(ctx, model, res, change)
    if before:
        st.caption(ctx.t("maturity.compared_with", date=fmt_date(before.assessed_on, ctx.lang)))
    steps = rules.next_steps(model, current.levels)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"### {ctx.t('maturity.next_steps')}")
        st.caption(ctx.t("maturity.next_steps_help"))
        view.next_steps_table(ctx, model, steps)
    with right:
        st.markdown(f"### {ctx.t('maturity.by_discipline')}")
        view.discipline_table(ctx, model, res, change)
    previous_levels = before.levels if before else None
    view.discipline_charts(
        ctx,
        model,
        current.levels,
        previous_levels,
        per_row=per_row,
        height_per_practice=height_per_practice,
        scale=scale,
    )
    if change is not None and not ctx.kiosk:
        with st.expander(ctx.t("maturity.changed_practices", count=len(change.practices))):
            view.changed_practices(ctx, model, change)
    return steps


if ctx.kiosk:
    interval = kiosk.refresh_interval(ctx)

    @st.fragment
    def live_results(screen: kiosk.Screen) -> None:
        """The improvement meeting's screen: the newest assessment's results, redrawn in place
        when they changed."""
        shown = kiosk.shown(ctx, "maturity", node.id)
        _on, latest = shown.data
        current = latest[0] if latest else None
        heading(current, kiosk.stamp(ctx, interval, shown, page="maturity", target_id=node.id))
        if current is None:
            st.info(ctx.t("maturity.none_yet"))
            return
        found[:] = latest
        results(current, scale=screen.scale, per_row=5, height_per_practice=44)

    live_results(kiosk.screen())
    st.stop()

# The assessment to show: the newest by default, or a new one.
if PICK in st.session_state:
    st.session_state["maturity_assessment"] = st.session_state.pop(PICK)
if st.session_state.get("maturity_assessment") not in (*by_id, NEW):
    st.session_state.pop("maturity_assessment", None)
with st.sidebar:
    chosen_id = st.selectbox(
        ctx.t("maturity.assessment"),
        [*by_id, NEW],
        format_func=lambda i: view.assessment_label(ctx, by_id[i]) if i else ctx.t("maturity.new"),
        key="maturity_assessment",
    )
current = by_id.get(chosen_id)
heading(current)
if current is None and not found:
    st.info(ctx.t("maturity.none_yet"))

tab_results, tab_assess, tab_compare, tab_excel = st.tabs(
    [
        ctx.t("maturity.tab.results"),
        ctx.t("maturity.tab.assess"),
        ctx.t("maturity.tab.compare"),
        ctx.t("maturity.tab.excel"),
    ]
)

with tab_results:
    if current is None:
        st.caption(ctx.t("maturity.results_after_save"))
    else:
        steps = results(current)
        standards_view.maturity_evidence(ctx, model, current.levels, node.id)
        st.markdown(f"### {ctx.t('maturity.card.heading')}")
        teams = {t.team_id: t.team for t in maturity.teams_latest(node.id)}  # the assessed team or those under it
        first = [s.practice for s in steps]
        practices = first + [p.key for p in model.practices if p.key not in first]
        below_top = [k for k in practices if current.levels[k] < max(rules.LEVELS)]
        if not teams:
            st.caption(ctx.t("maturity.card.no_team"))
        elif not below_top:  # every practice at the top: nothing left to lift
            st.caption(ctx.t("maturity.next.none"))
        else:
            c1, c2, c3 = st.columns(3)
            practice = c1.selectbox(
                ctx.t("maturity.col.practice"),
                below_top,
                format_func=lambda k: view.practice_name(ctx, model, k),
                key="maturity_card_practice",
            )
            level = current.levels[practice]
            targets = [v for v in rules.LEVELS if v > level]
            target = c2.selectbox(
                ctx.t("maturity.col.target"),
                targets,
                index=targets.index(rules.default_target(model, practice, level)),
                format_func=lambda v: view.level_label(ctx, model, v),
                key=f"maturity_card_target_{practice}",
            )
            team_ids = list(teams)
            team_id = c3.selectbox(
                ctx.t("nav.team"),
                team_ids,
                index=team_ids.index(ctx.team.id) if ctx.team and ctx.team.id in teams else 0,
                format_func=teams.get,
                key="maturity_card_team",
            )
            name = view.practice_name(ctx, model, practice)
            title = st.text_input(
                ctx.t("card.title"),
                value=ctx.t("maturity.card.title", practice=name, target=view.level_label(ctx, model, target)),
                max_chars=200,
                key=f"maturity_card_title_{practice}_{target}",
            )
            problem = st.text_area(
                ctx.t("card.problem"),
                value=ctx.t(
                    "maturity.card.problem",
                    practice=name,
                    level=view.level_label(ctx, model, level),
                    date=fmt_date(current.assessed_on, ctx.lang),
                    target=view.level_label(ctx, model, target),
                ),
                key=f"maturity_card_problem_{practice}_{target}",
            )
            card_key = st.session_state.setdefault("maturity_card_key", uuid.uuid4().hex)
            if st.button(ctx.t("maturity.card.create"), icon=":material/lightbulb:", key="maturity_card_create"):
                card_id = run_intent(
                    ctx,
                    lambda: maturity.create_card_from_practice(
                        ctx.actor,
                        current.id,
                        practice,
                        team_id,
                        title=title,
                        problem=problem,
                        target_level=target,
                        proposer_id=ctx.person_id,
                        idempotency_key=card_key,
                    ),
                    rerun=False,
                )
                if card_id is not None:
                    st.session_state.pop("maturity_card_key", None)
                    flash(ctx.t("maturity.card.created", card=card_id))
                    st.rerun()

with tab_assess:
    with st.expander(ctx.t("maturity.levels")):
        view.level_scale(ctx, model)
    prefix = f"mat_{node.id}_{chosen_id}"
    base_key = f"{prefix}_version"  # the version the editor's values are based on
    start = current or (found[0] if found else None)
    if current is not None:
        st.session_state.setdefault(base_key, current.version)
    view.fill_defaults(prefix, model, start.scores if start else {})
    if current is None and start is not None:
        st.caption(ctx.t("maturity.new_from", date=fmt_date(start.assessed_on, ctx.lang)))
    a, b = st.columns([1, 2])
    assessed_on = a.date_input(
        ctx.t("maturity.col.date"),
        value=current.assessed_on if current else today,
        max_value=today,
        format="DD.MM.YYYY",
        key=f"{prefix}_date",
    )
    assessed_by = b.text_input(
        ctx.t("maturity.col.assessed_by"),
        value=current.assessed_by if current else "",
        max_chars=200,
        placeholder=ctx.t("maturity.assessed_by_help"),
        key=f"{prefix}_by",
    )
    note = st.text_area(
        ctx.t("maturity.col.note"), value=current.note if current else "", max_chars=500, key=f"{prefix}_note"
    )
    chosen = view.practice_rows(ctx, model, prefix)
    missing = [k for k, v in chosen.items() if v is None]
    if missing:
        st.caption(ctx.t(counted("maturity.missing", len(missing)), count=len(missing)))

    def save() -> tuple[int, int]:
        try:
            return maturity.save_assessment(
                ctx.actor,
                node.id,
                assessed_on=assessed_on,
                assessed_by=assessed_by,
                scores={k: v for k, v in chosen.items() if v is not None},
                note=note,
                assessment_id=current.id if current else None,
                seen_version=st.session_state.get(base_key) if current else None,
            )
        except ConflictError:
            st.session_state[f"{prefix}_conflict"] = True  # offer to load what was saved meanwhile
            raise

    if st.button(ctx.t("maturity.save"), type="primary", icon=":material/save:", key="maturity_save"):
        saved = run_intent(ctx, save, rerun=False)
        if saved is not None:
            st.session_state.pop(base_key, None)
            if current is None:
                view.clear_editor(prefix, model)
                for key in ("date", "by", "note"):
                    st.session_state.pop(f"{prefix}_{key}", None)
            st.session_state[PICK] = saved[0]
            flash(ctx.t("maturity.saved"))
            st.rerun()
    if st.session_state.get(f"{prefix}_conflict") and st.button(
        ctx.t("md.reload"), icon=":material/refresh:", key="maturity_reload"
    ):
        view.clear_editor(prefix, model)
        for key in ("version", "conflict", "date", "by", "note"):
            st.session_state.pop(f"{prefix}_{key}", None)
        st.rerun()

with tab_compare:
    if node.level is not OrgLevel.TEAM:
        st.markdown(f"### {ctx.t('maturity.compare.heading')}")
        view.heat_map(ctx, model, maturity.teams_latest(node.id))
    st.markdown(f"### {ctx.t('maturity.history.heading', org=md_escape(node.name))}")
    view.history_chart(ctx, maturity.unit_history(node.id))

with tab_excel:
    st.caption(ctx.t("maturity.excel_help"))
    workbook = view.workbook(ctx, model, current.scores if current else {})
    day = (current.assessed_on if current else today).isoformat()
    st.download_button(
        ctx.t("maturity.export"),
        workbook,
        file_name=f"{ctx.t('maturity.file_name')}-{node.slug}-{day}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="maturity_export",
    )
    a, b = st.columns([1, 2])
    import_on = a.date_input(
        ctx.t("maturity.col.date"), value=today, max_value=today, format="DD.MM.YYYY", key="maturity_import_date"
    )
    import_by = b.text_input(ctx.t("maturity.col.assessed_by"), max_chars=200, key="maturity_import_by")
    imported = file_import(
        ctx,
        upload_key="maturity_upload",
        button_key="maturity_import",
        types=("xlsx", "csv"),
        icon=None,
        run=lambda data, name: maturity.import_assessment(
            ctx.actor, node.id, data, name, assessed_on=import_on, assessed_by=import_by
        ),
        rerun=False,
    )
    if imported is not None:
        st.session_state[PICK] = imported[0]
        flash(ctx.t("maturity.imported", date=fmt_date(import_on, ctx.lang)))
        st.rerun()
