"""Free text has a maximum length, refused in the service with the field and the limit; a
create-card submit sent twice with one idempotency key creates one card."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.engine import read_session
from db.models import ImprovementCard, Person, PlanChange
from driftboard.domain import Actor, DomainError, PlanChangeKind, PlanEvent, ValidationError
from driftboard.i18n import t
from driftboard.services import improvement, improvement_board, masterdata, planlog

SOFIE = Actor("Sofie Dahl")
LEADER = Actor("Henrik Lund")
HUGE = "x" * 10_000


def _team(engine):
    return masterdata.find_team("mortgage", engine)


def _count(engine, model) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def _says_too_long(error: DomainError, field: str, limit: int) -> None:
    assert error.message_key == "error.text_too_long"
    assert error.params == {"field": field, "limit": limit}
    assert t("error.text_too_long", "en", **error.params) == f"{field} is too long: at most {limit} characters."


def test_a_10000_character_title_is_refused_and_no_card_is_written(demo_engine):
    before = _count(demo_engine, ImprovementCard)
    with pytest.raises(DomainError) as info:
        improvement.create_card(SOFIE, _team(demo_engine).id, title=HUGE, engine=demo_engine)
    _says_too_long(info.value, "title", 200)
    with pytest.raises(DomainError) as info:
        improvement.create_card(SOFIE, _team(demo_engine).id, title="Fine", problem=HUGE, engine=demo_engine)
    _says_too_long(info.value, "problem", 4000)
    assert _count(demo_engine, ImprovementCard) == before


def test_editing_a_card_to_a_10000_character_text_is_refused_and_nothing_changes(demo_engine):
    card = improvement_board.board(_team(demo_engine).id, demo_engine).cards[0]
    for field, limit in (("title", 200), ("a3_plan", 4000)):
        with pytest.raises(DomainError) as info:
            improvement.edit_card(SOFIE, card.id, {field: HUGE}, seen_version=card.version, engine=demo_engine)
        _says_too_long(info.value, field, limit)
    after = improvement_board.card(card.id, demo_engine)
    assert (after.title, after.version) == (card.title, card.version)
    with pytest.raises(DomainError) as info:
        improvement.add_comment(SOFIE, card.id, HUGE, engine=demo_engine)
    _says_too_long(info.value, "comment", 2000)


def test_a_200_character_title_is_accepted(demo_engine):
    card_id = improvement.create_card(SOFIE, _team(demo_engine).id, title="t" * 200, engine=demo_engine)
    assert improvement_board.card(card_id, demo_engine).title == "t" * 200


def test_a_10000_character_person_name_is_refused_and_no_person_is_written(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    rows.append({"name": HUGE, "daily_hours": 7.5, "active": True})
    before = _count(demo_engine, Person)
    with pytest.raises(ValidationError) as info:
        masterdata.save_people(LEADER, team.id, rows, engine=demo_engine)
    [error] = info.value.errors
    assert (error.row, error.field, error.message) == (len(rows), "name", "name is too long: at most 120 characters.")
    assert _count(demo_engine, Person) == before


def test_a_10000_character_plan_change_note_is_refused_and_nothing_is_logged(demo_engine):
    before = _count(demo_engine, PlanChange)
    with pytest.raises(DomainError) as info:
        planlog.log_plan_change(
            LEADER,
            _team(demo_engine).id,
            dt.date(2026, 11, 30),
            PlanChangeKind.OTHER,
            PlanEvent.NOTE,
            note=HUGE,
            engine=demo_engine,
        )
    _says_too_long(info.value, "note", 500)
    assert _count(demo_engine, PlanChange) == before


def test_creating_a_card_twice_with_one_idempotency_key_creates_one_card(demo_engine):
    team = _team(demo_engine)
    before = _count(demo_engine, ImprovementCard)
    first = improvement.create_card(SOFIE, team.id, title="Scan mail", idempotency_key="form-1", engine=demo_engine)
    again = improvement.create_card(SOFIE, team.id, title="Scan mail", idempotency_key="form-1", engine=demo_engine)
    other = improvement.create_card(SOFIE, team.id, title="Scan mail", idempotency_key="form-2", engine=demo_engine)
    assert again == first != other
    assert _count(demo_engine, ImprovementCard) == before + 2
