"""The maturity self-assessment: the model as data, its rules (totals, plateau averages, next
steps, change since last), the workbook, and the services on a real database."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import yaml

from driftboard import imports
from driftboard.domain import AccessDenied, Actor, ConflictError, DomainError, Role, ValidationError
from driftboard.i18n import LANGUAGES, t
from driftboard.maturity import (
    MODEL_FILE,
    STANDARDISED,
    ModelError,
    Score,
    change_since,
    default_target,
    load_model,
    next_steps,
    parse_model,
    plateau_averages,
    results,
    validate_workbook,
    write_workbook,
)
from driftboard.services import maturity, org
from tests.conftest import DEMO_DAY
from tests.databases import as_json, query, value

MODEL = load_model()
KEYS = [p.key for p in MODEL.practices]
HEADERS = {h: h for h in ("practice", "discipline", "name", "plateau", "level", "note", "evidence", "description")}
SHEETS = {"sheet": "assessment", "levels": "levels"}


def _all(level: int, **changes: int) -> dict[str, int]:
    levels = dict.fromkeys(KEYS, level)
    levels.update({k.replace("_", "-"): v for k, v in changes.items()})
    return levels


# --------------------------------------------------------------------------- the model as data


def test_the_model_has_31_practices_in_five_disciplines_of_6_5_8_8_4_and_five_levels():
    assert len(MODEL.practices) == 31
    assert [d.key for d in MODEL.disciplines] == ["processes", "customers", "improvements", "planning", "performance"]
    assert [len(d.practices) for d in MODEL.disciplines] == [6, 5, 8, 8, 4]
    assert [v.level for v in MODEL.levels] == [1, 2, 3, 4, 5]
    assert MODEL.max_points == 155
    assert MODEL.level(STANDARDISED).name == {"en": "Common standardised", "da": "Fælles standardiseret"}
    assert sorted(MODEL.plateaus) == [1, 2, 3] and {p.plateau for p in MODEL.practices} == {1, 2, 3}
    for item in (*MODEL.practices, *MODEL.disciplines, *MODEL.levels):
        assert set(item.name) == set(LANGUAGES) and all(item.name.values())
    assert all(set(v.description) == set(LANGUAGES) for v in MODEL.levels)


def test_basic_operations_need_the_operations_board_planning_and_complaints_first():
    plateau_1 = {p.key for p in MODEL.practices if p.plateau == 1}
    assert {"operations-board", "capacity-management", "prioritisation", "customer-contact-complaints"} <= plateau_1
    assert MODEL.practice("strategy-deployment").plateau == 3
    assert MODEL.practice("improvement-board").plateau == 2


def test_a_model_file_missing_a_danish_name_or_a_level_is_refused():
    raw = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    raw["disciplines"][0]["practices"][0]["name"].pop("da")
    with pytest.raises(ModelError, match="Danish"):
        parse_model(raw)
    raw = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    raw["levels"].pop()
    with pytest.raises(ModelError, match="levels"):
        parse_model(raw)


# --------------------------------------------------------------------------- the rules


def test_totals_run_from_31_to_155_with_points_per_discipline():
    assert results(MODEL, _all(1)).total == 31
    top = results(MODEL, _all(5))
    assert top.total == 155 and top.share == 1
    mixed = results(MODEL, _all(2, operations_board=5, kpi_steering=4))
    assert mixed.total == 62 + 3 + 2
    by_key = {d.key: d for d in mixed.disciplines}
    assert (by_key["planning"].points, by_key["planning"].max_points) == (19, 40)
    assert (by_key["performance"].points, by_key["performance"].max_points) == (10, 20)
    assert by_key["processes"].average == 2


def test_an_incomplete_assessment_has_no_total():
    levels = _all(3)
    levels.pop("forecasting")
    with pytest.raises(ValueError, match="forecasting"):
        results(MODEL, levels)


def test_plateau_averages_are_the_mean_level_of_each_plateaus_practices():
    plateau_1 = [p.key for p in MODEL.practices if p.plateau == 1]
    levels = _all(2)
    levels[plateau_1[0]] = 5  # one practice of plateau 1 at 5, the others at 2
    averages = plateau_averages(MODEL, levels)
    assert averages[1] == pytest.approx((5 + 2 * (len(plateau_1) - 1)) / len(plateau_1))
    assert averages[2] == 2 and averages[3] == 2


def test_next_steps_put_plateau_1_below_standardised_first_lowest_level_first():
    levels = _all(4, training_methods=2, operations_board=1, capacity_management=2, strategy_deployment=1)
    steps = next_steps(MODEL, levels)
    # Plateau 1 below "common standardised" first: the level-1 practice, then the level-2
    # ones in model order; plateau 3's level 1 waits.
    assert [s.practice for s in steps] == ["operations-board", "training-methods", "capacity-management"]
    assert {(s.plateau, s.target) for s in steps} == {(1, STANDARDISED)}


def test_next_steps_move_to_the_lowest_of_plateau_2_when_plateau_1_is_standardised():
    levels = _all(3, problem_solving=2, forecasting=2, kpi_steering=4, strategy_deployment=1)
    steps = next_steps(MODEL, levels)
    assert [(s.practice, s.plateau, s.level, s.target) for s in steps] == [
        ("problem-solving", 2, 2, 3),
        ("forecasting", 2, 2, 3),
    ]
    assert len(next_steps(MODEL, _all(1), limit=5)) == 5  # a limit


def test_next_steps_end_when_everything_is_at_the_top():
    assert next_steps(MODEL, _all(5)) == []
    assert [s.practice for s in next_steps(MODEL, _all(5, kpi_steering=4))] == ["kpi-steering"]


def test_change_since_the_previous_assessment():
    before = _all(2)
    after = _all(2, operations_board=4, prioritisation=3, strategy_deployment=1)
    change = change_since(MODEL, before, after)
    assert change.total == 2 + 1 - 1
    assert change.practices == {"strategy-deployment": -1, "prioritisation": 1, "operations-board": 2}
    assert change.raised == ["prioritisation", "operations-board"] and change.lowered == ["strategy-deployment"]
    assert change.disciplines["planning"] == 3 and change.disciplines["improvements"] == -1
    plateau_1 = sum(1 for p in MODEL.practices if p.plateau == 1)
    plateau_3 = sum(1 for p in MODEL.practices if p.plateau == 3)
    assert change.plateaus[1] == pytest.approx(3 / plateau_1)
    assert change.plateaus[3] == pytest.approx(-1 / plateau_3)
    assert change.plateaus[2] == 0


def test_a_card_aims_at_standardised_for_plateau_1_else_one_level_up():
    assert default_target(MODEL, "operations-board", 1) == 3
    assert default_target(MODEL, "operations-board", 3) == 4
    assert default_target(MODEL, "strategy-deployment", 1) == 2
    assert default_target(MODEL, "strategy-deployment", 5) == 5


def test_the_history_and_conflicts_name_the_maturity_tables_and_fields_in_both_languages():
    from driftboard.history import entity_name, field_name

    assert entity_name("maturity_scores", "en") == "Maturity level of a practice"
    assert entity_name("maturity_scores", "da") == "Modenhedsniveau for en praksis"
    assert entity_name("maturity_assessments", "da") == "Modenhedsvurderingen af"
    said = {lang: [field_name(f, lang) for f in ("level", "note", "evidence")] for lang in LANGUAGES}
    assert said == {"en": ["level", "note", "evidence link"], "da": ["niveau", "note", "link til dokumentation"]}


# --------------------------------------------------------------------------- the workbook


def _table(data: bytes) -> list:
    return imports.read_table(data, "assessment.xlsx")


def test_the_workbook_round_trips_levels_notes_and_evidence():
    scores = {
        k: Score(1 + i % 5, f"note {i}" if i % 3 == 0 else "", "https://wiki/x" if i == 4 else "")
        for i, k in enumerate(KEYS)
    }
    data = write_workbook(MODEL, scores, HEADERS, SHEETS, "en")
    read, errors = validate_workbook(MODEL, _table(data))
    assert errors == [] and read == scores


def test_a_note_that_looks_like_a_formula_is_written_as_text_and_read_back_unchanged():
    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://x","y")'
    scores = {k: Score(3) for k in KEYS}
    scores[KEYS[0]] = Score(2, formula, "+cmd|' /C calc'!A0")
    scores[KEYS[1]] = Score(4, "@SUM(1)", "-1+1")
    data = write_workbook(MODEL, scores, HEADERS, SHEETS, "en")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    note, evidence = sheet.cell(2, 6), sheet.cell(2, 7)
    assert (note.value, note.data_type) == (formula, "s")
    assert evidence.data_type == "s"
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert validate_workbook(MODEL, _table(data)) == (scores, [])


def test_the_workbook_with_danish_headers_is_read_back():
    danish = {h: t(f"maturity.xl.{h}", "da") for h in HEADERS}
    scores = {k: Score(3) for k in KEYS}
    data = write_workbook(MODEL, scores, danish, SHEETS, "da")
    assert validate_workbook(MODEL, _table(data)) == (scores, [])


def test_a_workbook_with_bad_rows_names_every_row_and_reason():
    scores = {k: Score(3) for k in KEYS}
    data = write_workbook(MODEL, scores, HEADERS, SHEETS, "en")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    sheet["E2"] = 7  # level out of range
    sheet["A3"] = "juggling"  # not a practice
    sheet["A6"] = KEYS[3]  # row 5's practice twice, so KEYS[4] has no row
    out = io.BytesIO()
    book.save(out)
    _read, errors = validate_workbook(MODEL, _table(out.getvalue()))
    said = {(e.row, e.field, e.code) for e in errors}  # each named with its sheet, the assessment
    assert (2, "assessment.level", "v.range") in said
    assert (3, "assessment.practice", "maturity.err.unknown_practice") in said
    assert (6, "assessment.practice", "maturity.err.duplicate_practice") in said
    assert len(errors) == 3  # the missing practices are said once the rows themselves are right


# --------------------------------------------------------------------------- the services

LEADER = Actor("Birgitte Holm")


def _unit(engine, slug: str = "loan-service") -> int:
    return next(n.id for n in org.org_tree(engine) if n.slug == slug)


def _scores(level: int = 3, **changes: int) -> dict[str, Score]:
    return {k: Score(v) for k, v in _all(level, **changes).items()}


def test_the_demo_unit_has_two_assessments_a_year_apart_and_its_teams_one_each(demo_engine):
    unit = _unit(demo_engine)
    found = maturity.assessments(unit, demo_engine)
    assert len(found) == 2
    assert (found[0].assessed_on - found[1].assessed_on).days == 364
    assert found[0].assessed_on == DEMO_DAY - dt.timedelta(weeks=2)
    change = change_since(MODEL, found[1].levels, found[0].levels)
    assert change.total > 0 and not change.lowered
    teams = maturity.teams_latest(_unit(demo_engine, "mortgage-home-loans"), demo_engine)
    assert [t.team for t in teams] == ["Mortgage", "Home & co-op loans"]
    assert all(t.assessment is not None and len(t.assessment.scores) == 31 for t in teams)
    assert [p.total for p in maturity.unit_history(unit, demo_engine)] == [
        results(MODEL, a.levels).total for a in reversed(found)
    ]


def test_saving_an_assessment_stores_a_level_per_practice_and_versions_it(demo_engine, demo_url):
    team = _unit(demo_engine, "mortgage")
    day = DEMO_DAY - dt.timedelta(days=1)
    new_id, version = maturity.save_assessment(
        LEADER, team, assessed_on=day, assessed_by="Team Mortgage", scores=_scores(2), engine=demo_engine
    )
    assert value(demo_engine, "select count(*) from maturity_scores where assessment_id = ?", new_id) == 31
    scores = _scores(2, operations_board=4)
    scores["operations-board"] = Score(4, "board every day", "https://intranet/board")
    _, after = maturity.save_assessment(
        LEADER, team, assessed_on=day, assessed_by="Team Mortgage", scores=scores,
        assessment_id=new_id, seen_version=version, engine=demo_engine,
    )  # fmt: skip
    assert after == version + 1
    row = query(
        demo_engine,
        "select level, note, evidence from maturity_scores where practice = 'operations-board' and assessment_id = ?",
        new_id,
    )[0]
    assert row == {"level": 4, "note": "board every day", "evidence": "https://intranet/board"}


def test_a_stale_save_is_refused_naming_who_saved_meanwhile(demo_engine, demo_url):
    unit = _unit(demo_engine)
    latest = maturity.assessments(unit, demo_engine)[0]
    common = {"assessed_on": latest.assessed_on, "assessed_by": latest.assessed_by, "assessment_id": latest.id}
    first = {**latest.scores, "forecasting": Score(3)}
    maturity.save_assessment(
        Actor("Karin Lund"), unit, scores=first, seen_version=latest.version, engine=demo_engine, **common
    )
    second = {**latest.scores, "forecasting": Score(1)}
    with pytest.raises(ConflictError) as info:
        maturity.save_assessment(LEADER, unit, scores=second, seen_version=latest.version, engine=demo_engine, **common)
    assert info.value.changed_by == "Karin Lund" and info.value.changed_at is not None
    assert info.value.label == "Loan Service" and info.value.changed_fields == ["scores"]
    sql = "select level from maturity_scores where assessment_id = ? and practice = 'forecasting'"
    assert value(demo_engine, sql, latest.id) == 3


def test_an_assessment_needs_every_practice_an_assessor_and_a_date_not_in_the_future(demo_engine):
    unit = _unit(demo_engine)
    scores = _scores(3)
    scores.pop("forecasting")
    with pytest.raises(ValidationError) as info:
        maturity.save_assessment(LEADER, unit, assessed_on=DEMO_DAY, assessed_by="x", scores=scores, engine=demo_engine)
    assert [e.field for e in info.value.errors] == ["forecasting"]
    with pytest.raises(DomainError) as refused:
        maturity.save_assessment(
            LEADER, unit, assessed_on=DEMO_DAY, assessed_by=" ", scores=_scores(), engine=demo_engine
        )
    assert refused.value.message_key == "maturity.err.needs_assessor"
    with pytest.raises(DomainError) as refused:
        maturity.save_assessment(
            LEADER,
            unit,
            assessed_on=DEMO_DAY + dt.timedelta(days=1),
            assessed_by="x",
            scores=_scores(),
            engine=demo_engine,
        )
    assert refused.value.message_key == "maturity.err.future"
    latest = maturity.assessments(unit, demo_engine)[0]
    with pytest.raises(DomainError) as refused:  # a second assessment on the same day
        maturity.save_assessment(
            LEADER, unit, assessed_on=latest.assessed_on, assessed_by="x", scores=_scores(), engine=demo_engine
        )
    assert refused.value.message_key == "maturity.err.date_taken"


def test_a_leader_of_the_department_assesses_its_team_and_a_member_may_not(demo_engine):
    dept = _unit(demo_engine, "mortgage-home-loans")
    team = _unit(demo_engine, "mortgage")
    leader = Actor("Dept Leader", grants=frozenset({(dept, Role.LEADER)}))
    maturity.save_assessment(leader, team, assessed_on=DEMO_DAY, assessed_by="x", scores=_scores(), engine=demo_engine)
    member = Actor("Team Member", grants=frozenset({(team, Role.MEMBER)}))
    with pytest.raises(AccessDenied):
        maturity.save_assessment(
            member,
            team,
            assessed_on=DEMO_DAY - dt.timedelta(days=3),
            assessed_by="x",
            scores=_scores(),
            engine=demo_engine,
        )
    with pytest.raises(AccessDenied):  # a leader of a department does not assess the unit above it
        maturity.save_assessment(
            leader, _unit(demo_engine), assessed_on=DEMO_DAY, assessed_by="x", scores=_scores(), engine=demo_engine
        )


def test_a_card_from_a_practice_lands_in_the_teams_intake_with_the_practice_and_levels(demo_engine, demo_url):
    unit = _unit(demo_engine)
    team = _unit(demo_engine, "car-consumer")
    latest = maturity.assessments(unit, demo_engine)[0]
    card_id = maturity.create_card_from_practice(
        LEADER, latest.id, "training-methods", team, title="Lift training", target_level=3, engine=demo_engine
    )
    card = query(
        demo_engine, "select team_id, stage, origin_kind, origin_params from improvement_cards where id = ?", card_id
    )[0]
    assert (card["team_id"], card["stage"], card["origin_kind"]) == (team, "intake", "maturity")
    params = as_json(card["origin_params"])
    assert (params["practice"], params["level"], params["target"]) == ("training-methods", 2, 3)
    with pytest.raises(DomainError) as refused:  # not above the current level
        maturity.create_card_from_practice(
            LEADER, latest.id, "training-methods", team, title="x", target_level=2, engine=demo_engine
        )
    assert refused.value.message_key == "maturity.err.target"
    mortgage_latest = maturity.teams_latest(_unit(demo_engine, "mortgage"), demo_engine)[0].assessment
    with pytest.raises(DomainError) as refused:  # a team's assessment gives cards to that team only
        maturity.create_card_from_practice(
            LEADER, mortgage_latest.id, "forecasting", team, title="x", target_level=4, engine=demo_engine
        )
    assert refused.value.message_key == "maturity.err.team_not_under"


def test_an_import_is_all_or_nothing_and_saves_the_days_assessment(demo_engine, demo_url):
    team = _unit(demo_engine, "contact-follow-up")
    before = value(demo_engine, "select count(*) from maturity_assessments")
    bad = "practice,level\n" + "\n".join(f"{k},{9 if i == 2 else 3}" for i, k in enumerate(KEYS))
    with pytest.raises(ValidationError) as info:
        maturity.import_assessment(
            LEADER, team, bad.encode(), "a.csv", assessed_on=DEMO_DAY, assessed_by="x", engine=demo_engine
        )
    assert [(e.row, e.field) for e in info.value.errors] == [(4, "level")]
    assert value(demo_engine, "select count(*) from maturity_assessments") == before
    good = write_workbook(MODEL, {k: Score(4) for k in KEYS}, HEADERS, SHEETS, "en")
    new_id, _ = maturity.import_assessment(
        LEADER, team, good, "a.xlsx", assessed_on=DEMO_DAY, assessed_by="x", engine=demo_engine
    )
    assert value(demo_engine, "select sum(level) from maturity_scores where assessment_id = ?", new_id) == 124
