"""Text a service stores holds no control characters: a NUL (or another C0/C1 control, a lone
surrogate, a bidirectional override) in a name, title, label or note is refused at the service
with the field and the character named, and nothing is written; tabs and line breaks stay
allowed in long text."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import read_session
from db.models import ImprovementCard, OrgUnit, Person
from driftboard.domain import Actor, DomainError, PlanChangeKind, PlanEvent, ValidationError
from driftboard.i18n import t
from driftboard.services import improvement, improvement_board, masterdata, planlog, unit_setup
from driftboard.tables import Field, control_character, parse_value

SOFIE = Actor("Sofie Dahl")
LEADER = Actor("Henrik Lund")


def _count(engine, model) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u202e", "\ud800", "\n", "\t"])
def test_a_control_character_in_a_name_is_found(char):
    assert control_character(f"Mette{char}Holm") == f"U+{ord(char):04X}"


def test_tabs_and_line_breaks_are_kept_in_long_text_but_a_nul_is_not():
    assert control_character("first line\n\tsecond\r\n", multiline=True) is None
    assert control_character("a\x00b", multiline=True) == "U+0000"
    assert control_character("Boligstøtte · Ydelser — ok ✓ 日本") is None


def test_a_table_cell_with_a_nul_is_refused_naming_the_field_and_the_character():
    value, error = parse_value(Field("name", "str", max_length=120), 3, "Mette\x00Holm")
    assert value is None
    assert (error.row, error.field, error.code) == (3, "name", "v.control_char")
    assert error.message == "name holds an invisible control character (U+0000); type or paste it again without it."


def test_a_table_cell_without_its_own_limit_still_has_one():
    _value, error = parse_value(Field("team", "str"), 2, "x" * 10_000)
    assert (error.code, dict(error.params)) == ("error.text_too_long", {"field": "team", "limit": 200})


def test_a_person_named_with_a_nul_is_refused_and_no_person_is_written(demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    rows = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    rows.append({"name": "Mette\x00Holm", "daily_hours": 7.5, "active": True})
    before = _count(demo_engine, Person)
    with pytest.raises(ValidationError) as info:
        masterdata.save_people(LEADER, team.id, rows, engine=demo_engine)
    [error] = info.value.errors
    assert (error.row, error.field, error.code) == (len(rows), "name", "v.control_char")
    assert _count(demo_engine, Person) == before


def test_a_team_named_with_a_nul_or_10000_characters_is_refused(demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    before = _count(demo_engine, OrgUnit)
    for name, key in (("Mort\x00gage", "v.control_char"), ("x" * 10_000, "error.text_too_long")):
        with pytest.raises(DomainError) as info:
            unit_setup.rename_org_unit(SOFIE, team.id, name, engine=demo_engine)
        assert info.value.message_key == key
        assert info.value.params["field"] == "name"
        t(key, "da", **info.value.params)
        with pytest.raises(DomainError):
            unit_setup.create_unit(SOFIE, "Unit", "Department", [name], engine=demo_engine)
    assert _count(demo_engine, OrgUnit) == before
    assert masterdata.find_team("mortgage", demo_engine).name == team.name


def test_a_card_title_with_a_bidirectional_override_is_refused_but_a_problem_may_span_lines(demo_engine):
    team = masterdata.find_team("mortgage", demo_engine)
    before = _count(demo_engine, ImprovementCard)
    with pytest.raises(DomainError) as info:
        improvement.create_card(SOFIE, team.id, title="Scan \u202email", engine=demo_engine)
    assert (info.value.message_key, info.value.params) == ("v.control_char", {"field": "title", "char": "U+202E"})
    with pytest.raises(DomainError):
        improvement.create_card(SOFIE, team.id, title="Scan\nmail", engine=demo_engine)
    assert _count(demo_engine, ImprovementCard) == before
    card_id = improvement.create_card(SOFIE, team.id, title="Scan mail", problem="one\n\ttwo", engine=demo_engine)
    assert improvement_board.card(card_id, demo_engine).problem == "one\n\ttwo"
    with pytest.raises(DomainError) as info:
        improvement.add_comment(SOFIE, card_id, "bad\x00", engine=demo_engine)
    assert info.value.params["field"] == "comment"


def test_a_plan_change_note_with_a_nul_is_refused(demo_engine):
    with pytest.raises(DomainError) as info:
        planlog.log_plan_change(
            LEADER,
            masterdata.find_team("mortgage", demo_engine).id,
            dt.date(2026, 11, 30),
            PlanChangeKind.OTHER,
            PlanEvent.NOTE,
            note="late\x00",
            engine=demo_engine,
        )
    assert info.value.params == {"field": "note", "char": "U+0000"}
