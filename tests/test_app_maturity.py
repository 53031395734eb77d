"""The maturity self-assessment page in AppTest: fill in and save an assessment, see the
totals and next steps; two people saving the same assessment; a card from a practice; the
Excel export and import; the shared screen; Danish."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from driftboard.domain import Actor
from driftboard.i18n import t
from driftboard.maturity import Score, load_model, write_workbook
from driftboard.services import maturity, org, unit_setup
from driftboard.ui.maturity_view import maturity_origin_text
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape
from tests.conftest import DEMO_DAY, ROOT, TESTER
from tests.databases import as_json, query, value

MODEL = load_model()
KEYS = [p.key for p in MODEL.practices]


def _page(unit: str = "loan-service", lang: str = "en", acting_as: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["unit"] = unit
    at.query_params["lang"] = lang
    for key, val in params.items():
        at.query_params[key] = val
    if acting_as:
        at.session_state["acting_as"] = acting_as
    at.run()
    at.switch_page("pages/maturity.py").run()
    assert not at.exception, at.exception
    return at


def _org(engine, slug: str) -> int:
    return next(n.id for n in org.org_tree(engine) if n.slug == slug)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _table(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    return next(tb.value for tb in at.table if column in tb.value.columns)


def test_a_leader_fills_in_a_new_assessment_saves_it_and_sees_totals_and_next_steps(demo_app, demo_engine):
    team = _org(demo_engine, "home-coop")
    at = _page("home-coop", acting_as="Jonas Vester")
    assert _metric(at, "Total").endswith("of 155")  # the team's demo assessment
    at.selectbox(key="maturity_assessment").set_value(0).run()  # a new assessment
    prefix = f"mat_{team}_0"
    # It starts from the latest levels; change every practice to 2 and two of plateau 1 to 1.
    for key in KEYS:
        at.selectbox(key=f"{prefix}_{key}_level").set_value(2)
    at.selectbox(key=f"{prefix}_operations-board_level").set_value(1)
    at.selectbox(key=f"{prefix}_prioritisation_level").set_value(1)
    at.text_input(key=f"{prefix}_operations-board_note").set_value("Board only on Mondays")
    at.date_input(key=f"{prefix}_date").set_value(DEMO_DAY)
    at.text_input(key=f"{prefix}_by").set_value("Home & co-op team")
    at.run()
    at.button(key="maturity_save").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.toast] == ["The assessment was saved."]

    [saved] = query(
        demo_engine, "select * from maturity_assessments where org_unit_id = ? and assessed_on = ?", team, DEMO_DAY
    )
    assert saved["assessed_by"] == "Home & co-op team"
    assert value(demo_engine, "select sum(level) from maturity_scores where assessment_id = ?", saved["id"]) == 60
    note = "select note from maturity_scores where assessment_id = ? and practice = 'operations-board'"
    assert value(demo_engine, note, saved["id"]) == "Board only on Mondays"
    # The page now shows the new assessment: 60 of 155, with its change since the demo's.
    assert at.selectbox(key="maturity_assessment").value == saved["id"]
    assert _metric(at, "Total") == "60 of 155"
    total = next(m for m in at.metric if m.label == "Total")
    assert total.delta == "-19 points"  # the team's demo assessment had 79
    steps = _table(at, "Target level")
    assert steps["Practice"].tolist()[:2] == ["Prioritisation", "The operations board and meeting"]
    assert set(steps["Target level"]) == {"3 · Common standardised"}
    by_discipline = _table(at, "Points")
    assert by_discipline["Points"].tolist() == ["12 of 30", "10 of 25", "16 of 40", "14 of 40", "8 of 20"]


def test_a_new_assessment_without_who_made_it_is_refused_and_nothing_is_saved(demo_app, demo_engine):
    unit = _org(demo_engine, "loan-service")
    at = _page()
    at.selectbox(key="maturity_assessment").set_value(0).run()
    prefix = f"mat_{unit}_0"
    assert any("Starts from the levels of" in c.value for c in at.caption)
    at.date_input(key=f"{prefix}_date").set_value(DEMO_DAY).run()
    at.button(key="maturity_save").click().run()
    assert [e.value for e in at.error] == ["Say who made the assessment."]
    assert value(demo_engine, "select count(*) from maturity_assessments where org_unit_id = ?", unit) == 2


def test_two_people_saving_the_same_assessment_the_second_is_told_who_saved_first(demo_app, demo_engine):
    unit = _org(demo_engine, "loan-service")
    latest = maturity.assessments(unit, demo_engine)[0]
    prefix = f"mat_{unit}_{latest.id}"
    karin = _page(acting_as="Karin Lund")
    birgitte = _page(acting_as="Birgitte Holm")
    karin.selectbox(key=f"{prefix}_forecasting_level").set_value(3).run()
    karin.button(key="maturity_save").click().run()
    assert [s.value for s in karin.toast] == ["The assessment was saved."]

    birgitte.selectbox(key=f"{prefix}_forecasting_level").set_value(1).run()
    birgitte.button(key="maturity_save").click().run()
    assert not birgitte.exception
    [error] = birgitte.error
    assert "The maturity assessment of Loan Service was changed by Karin Lund at" in error.value
    assert "(levels)" in error.value  # parentheses that form no link stay unescaped
    sql = "select level from maturity_scores where assessment_id = ? and practice = 'forecasting'"
    assert value(demo_engine, sql, latest.id) == 3  # Karin's level stands
    # Load what Karin saved, then Birgitte's change goes through on top of it.
    birgitte.button(key="maturity_reload").click().run()
    assert birgitte.selectbox(key=f"{prefix}_forecasting_level").value == 3
    birgitte.selectbox(key=f"{prefix}_forecasting_level").set_value(4).run()
    birgitte.button(key="maturity_save").click().run()
    assert not birgitte.error
    assert value(demo_engine, sql, latest.id) == 4


def test_a_card_from_a_next_step_lands_in_the_chosen_teams_intake(demo_app, demo_engine):
    at = _page(acting_as="Birgitte Holm")
    practice = at.selectbox(key="maturity_card_practice").value
    assert practice == "training-methods"  # the first next step
    at.selectbox(key="maturity_card_team").set_value(_org(demo_engine, "car-consumer")).run()
    at.button(key="maturity_card_create").click().run()
    assert not at.exception, at.exception
    [card] = query(demo_engine, "select * from improvement_cards where origin_kind = 'maturity'")
    assert card["stage"] == "intake" and card["team_id"] == _org(demo_engine, "car-consumer")
    assert card["title"] == "Lift “Training methods” to 3 · Common standardised"
    params = as_json(card["origin_params"])
    assert (params["practice"], params["level"], params["target"]) == ("training-methods", 2, 3)
    assert any(f"Card #{card['id']} is in the team's Intake." == s.value for s in at.toast)


def test_a_unit_with_every_practice_at_the_top_sees_so_and_no_card_form(demo_app, demo_engine):
    unit = _org(demo_engine, "loan-service")
    maturity.save_assessment(
        Actor("Birgitte Holm"),
        unit,
        assessed_on=DEMO_DAY,
        assessed_by="Loan Service",
        scores={k: Score(5) for k in KEYS},
        engine=demo_engine,
    )
    at = _page(acting_as="Birgitte Holm")
    assert _metric(at, "Total") == "155 of 155"
    assert "Every practice is at the highest level." in [c.value for c in at.caption]
    assert not [s for s in at.selectbox if s.key == "maturity_card_practice"]
    assert not [b for b in at.button if b.key == "maturity_card_create"]


def test_a_card_from_a_practice_says_where_it_came_from_in_the_viewers_language():
    ctx = PageContext("improvement", "da", False, None, (), Actor("x"))
    params = {"practice": "forecasting", "level": 2, "target": 3, "org": "Loan Service", "assessed_on": "2026-11-11"}
    assert maturity_origin_text(ctx, params) == (
        "Fra modenhedsvurderingen af Loan Service den 11.11.2026: “Prognoser”, niveau 2 → 3"
    )


def test_export_and_import_an_assessment_workbook(demo_app, demo_engine):
    team = _org(demo_engine, "mortgage")
    at = _page("mortgage")
    at.get("download_button")[0].click().run()  # the export: a workbook of the shown assessment
    assert not at.exception
    danish = {
        h: t(f"maturity.xl.{h}", "da")
        for h in ("practice", "discipline", "name", "plateau", "level", "note", "evidence", "description")
    }
    workbook = write_workbook(
        MODEL, {k: Score(4) for k in KEYS}, danish, {"sheet": "vurdering", "levels": "niveauer"}, "da"
    )
    day = DEMO_DAY - dt.timedelta(days=1)
    at.date_input(key="maturity_import_date").set_value(day)
    at.text_input(key="maturity_import_by").set_value("Mortgage team")
    at.file_uploader(key="maturity_upload").upload("vurdering.xlsx", workbook)
    at.run()
    at.button(key="maturity_import").click().run()
    assert not at.exception, at.exception
    [row] = query(
        demo_engine,
        "select id, assessed_by from maturity_assessments where org_unit_id = ? and assessed_on = ?",
        team,
        day,
    )
    assert row["assessed_by"] == "Mortgage team"
    assert value(demo_engine, "select sum(level) from maturity_scores where assessment_id = ?", row["id"]) == 124
    assert _metric(at, "Total") == "124 of 155"


def test_a_bad_workbook_is_refused_with_its_rows_and_nothing_is_saved(demo_app, demo_engine):
    at = _page("mortgage")
    before = value(demo_engine, "select count(*) from maturity_assessments")
    content = "practice,level\n" + "\n".join(f"{k},{'x' if i == 0 else 3}" for i, k in enumerate(KEYS))
    at.text_input(key="maturity_import_by").set_value("x")
    at.file_uploader(key="maturity_upload").upload("a.csv", content.encode())
    at.run()
    at.button(key="maturity_import").click().run()
    assert at.error and "Nothing was saved" in at.error[0].value
    problems = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert problems["Row"].tolist() == [2]
    assert value(demo_engine, "select count(*) from maturity_assessments") == before


def test_the_compare_tab_shows_the_departments_teams_and_the_units_history(demo_app):
    at = _page("mortgage-home-loans")
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert "### The teams side by side" in headings
    assert any("Latest assessments: Mortgage:" in c.value for c in at.caption)


def test_a_team_name_in_the_compare_caption_shows_as_typed_not_as_a_link(demo_app, demo_engine):
    name = "[x](http://evil)"
    unit_setup.rename_org_unit(TESTER, _org(demo_engine, "mortgage"), name, engine=demo_engine)
    at = _page("mortgage-home-loans")
    [dates] = [c.value for c in at.caption if c.value.startswith("Latest assessments:")]
    assert md_escape(name) in dates and "[x](" not in dates


def test_the_kiosk_shows_the_newest_results_for_the_improvement_meeting(demo_app):
    at = _page(kiosk="1", vw="1920", vh="1080")
    assert _metric(at, "Total") == "81 of 155"
    assert not at.sidebar.selectbox  # no controls on the shared screen
    assert not at.button


def test_the_page_speaks_danish(demo_app):
    at = _page(lang="da")
    assert _metric(at, "I alt") == "81 af 155"
    assert "Praksis" in _table(at, "Målniveau").columns
    assert [tab.label for tab in at.tabs] == ["Resultat", "Vurdér", "Sammenlign og historik", "Excel"]
