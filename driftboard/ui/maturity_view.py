"""Drawing the maturity self-assessment: the level scale, results, charts per discipline, the
teams of a department side by side, an org unit's history, and the assessment editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import maturity
from driftboard.i18n import fmt_date, fmt_number
from driftboard.maturity import LEVELS, STANDARDISED, Change, HistoryPoint, MaturityModel, NextStep, Results, Score
from driftboard.services.maturity import AssessmentView, TeamAssessment
from driftboard.ui.board_parts import tv_chart
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape

CHART_FRAME = 110  # pixels of a discipline chart's title and level axis, at 1920×1080
# The level colours of the heat map and the bars: from red (ad hoc) to green (improved).
LEVEL_COLOURS = ["#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32"]


def maturity_origin_text(ctx: PageContext, params: Mapping[str, Any]) -> str:
    """Where a card made from a practice came from, in the viewer's language."""
    m = maturity.load_model()
    key = str(params.get("practice", ""))
    name = practice_name(ctx, m, key) if key in {p.key for p in m.practices} else key
    day = params.get("assessed_on")
    return ctx.t(
        "card.origin.maturity",
        practice=name,
        level=params.get("level", ""),
        target=params.get("target", ""),
        org=params.get("org", ""),
        date=fmt_date(dt.date.fromisoformat(day), ctx.lang) if isinstance(day, str) else "",
    )


def practice_name(ctx: PageContext, m: MaturityModel, key: str) -> str:
    return m.practice(key).name[ctx.lang]


def level_label(ctx: PageContext, m: MaturityModel, level: int) -> str:
    """``3 · Common standardised``."""
    return f"{level} · {m.level(level).name[ctx.lang]}"


def average_text(ctx: PageContext, value: float) -> str:
    return fmt_number(value, ctx.lang, 1)


def assessment_label(ctx: PageContext, a: AssessmentView) -> str:
    return ctx.t("maturity.assessment_label", date=fmt_date(a.assessed_on, ctx.lang), who=a.assessed_by)


def level_scale(ctx: PageContext, m: MaturityModel) -> None:
    """The five levels with their descriptions (what a level means before one is chosen)."""
    rows = [
        {
            ctx.t("maturity.col.level"): level_label(ctx, m, v.level),
            ctx.t("maturity.col.description"): v.description[ctx.lang],
        }
        for v in m.levels
    ]
    st.table(pd.DataFrame(rows), hide_index=True)


# --------------------------------------------------------------------------- results


def headline(ctx: PageContext, m: MaturityModel, res: Results, change: Change | None) -> None:
    """The total of 155 and the average level per plateau, each with its change since the
    previous assessment."""
    columns = st.columns(1 + len(res.plateau_averages))
    columns[0].metric(
        ctx.t("maturity.total"),
        ctx.t("maturity.total_of", total=res.total, max=res.max_points),
        delta=None if change is None else ctx.t("maturity.change_points", points=f"{change.total:+d}"),
        delta_color="normal" if change is None or change.total >= 0 else "inverse",
        help=None if ctx.kiosk else ctx.t("maturity.total_help"),
    )
    for column, (plateau, avg) in zip(columns[1:], res.plateau_averages.items(), strict=True):
        delta = change.plateaus.get(plateau) if change else None
        unchanged = delta is not None and round(delta, 1) == 0
        column.metric(
            ctx.t("maturity.plateau_avg", plateau=plateau, name=m.plateaus[plateau][ctx.lang]),
            average_text(ctx, avg),
            delta=None
            if delta is None
            else f"{'±' if unchanged else '+' if delta > 0 else '-'}{average_text(ctx, abs(delta))}",
            delta_color="off" if unchanged else "normal",
            delta_arrow="off" if unchanged else "auto",
        )


def discipline_table(ctx: PageContext, m: MaturityModel, res: Results, change: Change | None) -> None:
    rows = []
    for d in res.disciplines:
        row = {
            ctx.t("maturity.col.discipline"): m.discipline(d.key).name[ctx.lang],
            ctx.t("maturity.col.points"): ctx.t("maturity.total_of", total=d.points, max=d.max_points),
            ctx.t("maturity.col.average"): average_text(ctx, d.average),
        }
        if change is not None:
            row[ctx.t("maturity.col.change")] = f"{change.disciplines[d.key]:+d}"
        rows.append(row)
    st.table(pd.DataFrame(rows), hide_index=True)


def _levels_frame(ctx: PageContext, m: MaturityModel, levels: Mapping[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "discipline": m.discipline(p.discipline).name[ctx.lang],
                "practice": p.name[ctx.lang],
                "plateau": ctx.t("maturity.plateau_n", plateau=p.plateau),
                "level": levels[p.key],
                "name": m.level(levels[p.key]).name[ctx.lang],
            }
            for p in m.practices
        ]
    )


def discipline_charts(
    ctx: PageContext,
    m: MaturityModel,
    levels: Mapping[str, int],
    previous: Mapping[str, int] | None = None,
    *,
    per_row: int = 3,
    height_per_practice: int = 30,
    scale: float = 1.0,
) -> None:
    """A bar chart per discipline: each practice's level (coloured by level, the dashed line is
    "common standardised"), the previous assessment's level as a tick."""
    frame = _levels_frame(ctx, m, levels)
    if previous is not None:
        frame["previous"] = [previous.get(p.key) for p in m.practices]
    columns = st.columns(per_row)
    for i, d in enumerate(m.disciplines):
        data = frame[frame["discipline"] == d.name[ctx.lang]]
        y = alt.Y("practice:N", title=None, sort=None, axis=alt.Axis(labelLimit=round(260 * scale)))
        x = alt.X(
            "level:Q", title=ctx.t("maturity.col.level"), scale=alt.Scale(domain=[0, 5]), axis=alt.Axis(tickCount=5)
        )
        bars = (
            alt.Chart(data)
            .mark_bar(height={"band": 0.7})
            .encode(
                y=y,
                x=x,
                color=alt.Color(
                    "level:O",
                    scale=alt.Scale(domain=list(LEVELS), range=LEVEL_COLOURS),
                    legend=None,
                ),
                tooltip=[alt.Tooltip("practice:N"), alt.Tooltip("level:Q"), alt.Tooltip("name:N")],
            )
        )
        layers = [bars]
        if previous is not None:
            layers.append(
                alt.Chart(data.dropna(subset=["previous"]))
                .mark_tick(color="#1b1f24", thickness=round(3 * scale), size=round(18 * scale))
                .encode(y=y, x="previous:Q")
            )
        layers.append(
            alt.Chart(pd.DataFrame({"level": [STANDARDISED]}))
            .mark_rule(strokeDash=[6, 4], color="#4a5563", strokeWidth=2)
            .encode(x="level:Q")
        )
        title = alt.TitleParams(d.name[ctx.lang], anchor="start", limit=0)
        # The height holds the title and the level axis too (the chart is fitted to it).
        height = round((height_per_practice * len(d.practices) + CHART_FRAME) * scale)
        chart = alt.layer(*layers).properties(height=height, title=title)
        with columns[i % per_row]:
            st.altair_chart(tv_chart(chart, scale), width="stretch")


def next_steps_table(ctx: PageContext, m: MaturityModel, steps: Sequence[NextStep]) -> None:
    if not steps:
        st.success(ctx.t("maturity.next.none"))
        return
    rows = [
        {
            ctx.t("maturity.col.practice"): practice_name(ctx, m, s.practice),
            ctx.t("maturity.col.discipline"): m.discipline(m.practice(s.practice).discipline).name[ctx.lang],
            ctx.t("maturity.col.plateau"): s.plateau,
            ctx.t("maturity.col.now"): level_label(ctx, m, s.level),
            ctx.t("maturity.col.target"): level_label(ctx, m, s.target),
        }
        for s in steps
    ]
    st.table(pd.DataFrame(rows), hide_index=True)


def changed_practices(ctx: PageContext, m: MaturityModel, change: Change) -> None:
    if not change.practices:
        st.caption(ctx.t("maturity.no_practice_changed"))
        return
    rows = [
        {
            ctx.t("maturity.col.practice"): practice_name(ctx, m, key),
            ctx.t("maturity.col.change"): f"{delta:+d}",
        }
        for key, delta in sorted(change.practices.items(), key=lambda kv: -kv[1])
    ]
    st.table(pd.DataFrame(rows), hide_index=True)


# --------------------------------------------------------------------------- compare and history


def heat_map(ctx: PageContext, m: MaturityModel, teams: Sequence[TeamAssessment], *, scale: float = 1.0) -> None:
    """Practice × team: each team's latest level per practice, coloured and written in the cell."""
    rows = [
        {
            "team": t.team,
            "practice": p.name[ctx.lang],
            "discipline": m.discipline(p.discipline).name[ctx.lang],
            "level": t.assessment.scores[p.key].level,
        }
        for t in teams
        if t.assessment is not None
        for p in m.practices
        if p.key in t.assessment.scores
    ]
    if not rows:
        st.info(ctx.t("maturity.compare.none"))
        return
    data = pd.DataFrame(rows)
    order = [p.name[ctx.lang] for p in m.practices]
    base = alt.Chart(data).encode(
        x=alt.X("team:N", title=None, sort=[t.team for t in teams], axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("practice:N", title=None, sort=order, axis=alt.Axis(labelLimit=round(320 * scale), labelOverlap=False)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "level:O",
            scale=alt.Scale(domain=list(LEVELS), range=LEVEL_COLOURS),
            legend=alt.Legend(title=ctx.t("maturity.col.level")),
        ),
        tooltip=["team:N", "practice:N", "level:Q"],
    )
    text = base.mark_text(fontSize=round(14 * scale), fontWeight="bold", color="white").encode(text="level:Q")
    chart = alt.layer(cells, text).properties(height=round((26 * len(order) + CHART_FRAME) * scale))
    st.altair_chart(tv_chart(chart, scale), width="stretch")
    dated = [t for t in teams if t.assessment is not None]
    st.caption(
        ctx.t(
            "maturity.compare.dates",
            dates=", ".join(f"{md_escape(t.team)}: {fmt_date(t.assessment.assessed_on, ctx.lang)}" for t in dated),  # type: ignore[union-attr]
        )
    )


def history_chart(ctx: PageContext, points: Sequence[HistoryPoint], *, scale: float = 1.0) -> None:
    """The org unit's total and its plateau averages at each assessment."""
    if len(points) < 2:
        st.caption(ctx.t("maturity.history.one"))
        if not points:
            return
    totals = pd.DataFrame([{"date": pd.Timestamp(p.assessed_on), "total": p.total} for p in points])
    averages = pd.DataFrame(
        [
            {"date": pd.Timestamp(p.assessed_on), "series": ctx.t("maturity.plateau_n", plateau=k), "average": v}
            for p in points
            for k, v in p.plateau_averages.items()
        ]
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%m.%Y"))
    left = (
        alt.Chart(totals)
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=3, color="#1f5fae")
        .encode(x=x, y=alt.Y("total:Q", title=ctx.t("maturity.total"), scale=alt.Scale(domain=[0, 155])))
        .properties(height=260, title=alt.TitleParams(ctx.t("maturity.history.total"), anchor="start"))
    )
    right = (
        alt.Chart(averages)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y("average:Q", title=ctx.t("maturity.col.average"), scale=alt.Scale(domain=[1, 5])),
            color=alt.Color("series:N", title=None),
        )
        .properties(height=260, title=alt.TitleParams(ctx.t("maturity.history.plateaus"), anchor="start"))
    )
    a, b = st.columns(2)
    with a:
        st.altair_chart(tv_chart(left, scale), width="stretch")
    with b:
        st.altair_chart(tv_chart(right, scale), width="stretch")


# --------------------------------------------------------------------------- the editor


def editor_keys(prefix: str, practice: str) -> tuple[str, str, str]:
    """The widget keys of one practice's level, note and evidence link."""
    return f"{prefix}_{practice}_level", f"{prefix}_{practice}_note", f"{prefix}_{practice}_evidence"


def fill_defaults(prefix: str, m: MaturityModel, start: Mapping[str, Score]) -> None:
    """Put the starting values into the widgets before they are drawn (only once: afterwards
    the person's own choices are kept across reruns)."""
    for p in m.practices:
        level_key, note_key, evidence_key = editor_keys(prefix, p.key)
        score = start.get(p.key)
        st.session_state.setdefault(level_key, score.level if score else None)
        st.session_state.setdefault(note_key, score.note if score else "")
        st.session_state.setdefault(evidence_key, score.evidence if score else "")


def clear_editor(prefix: str, m: MaturityModel) -> None:
    for p in m.practices:
        for key in editor_keys(prefix, p.key):
            st.session_state.pop(key, None)


def practice_rows(ctx: PageContext, m: MaturityModel, prefix: str) -> dict[str, Score | None]:
    """One row per practice, by discipline: its name and plateau, the level (its description
    shown beside it), a note and an evidence link. Returns what the person chose."""
    chosen: dict[str, Score | None] = {}
    for d in m.disciplines:
        st.markdown(f"#### {md_escape(d.name[ctx.lang])}")
        for p in d.practices:
            level_key, note_key, evidence_key = editor_keys(prefix, p.key)
            name, level_col, description, note, evidence = st.columns([3, 2.2, 3.2, 2.4, 2.4])
            name.markdown(f"**{md_escape(p.name[ctx.lang])}**  \n{ctx.t('maturity.plateau_n', plateau=p.plateau)}")
            level = level_col.selectbox(
                ctx.t("maturity.col.level"),
                list(LEVELS),
                format_func=lambda v: level_label(ctx, m, v),
                placeholder=ctx.t("maturity.choose_level"),
                key=level_key,
                label_visibility="collapsed",
            )
            description.caption(m.level(level).description[ctx.lang] if level else ctx.t("maturity.choose_level"))
            note_text = _cell_text(ctx, note, "maturity.col.note", note_key, maturity.NOTE_TEXT)
            link = _cell_text(ctx, evidence, "maturity.col.evidence", evidence_key, maturity.EVIDENCE_TEXT)
            chosen[p.key] = Score(int(level), note_text, link) if level else None
    return chosen


def _cell_text(ctx: PageContext, cell: Any, label: str, key: str, max_chars: int) -> str:
    """A practice's text field in its column of the editor, its label (hidden) as placeholder."""
    return cell.text_input(
        ctx.t(label), key=key, max_chars=max_chars, label_visibility="collapsed", placeholder=ctx.t(label)
    )


# --------------------------------------------------------------------------- the workbook

WORKBOOK_HEADERS = ("practice", "discipline", "name", "plateau", "level", "note", "evidence", "description")


def workbook(ctx: PageContext, m: MaturityModel, scores: Mapping[str, Score]) -> bytes:
    """The assessment as an Excel workbook with headers in the viewer's language (Danish headers
    are read back by the import too)."""
    return maturity.write_workbook(
        m,
        scores,
        {h: ctx.t(f"maturity.xl.{h}") for h in WORKBOOK_HEADERS},
        {"sheet": ctx.t("maturity.xl.sheet"), "levels": ctx.t("maturity.xl.levels")},
        ctx.lang,
    )
