"""Every write intent raced: three writers released together by a barrier, on SQLite and on
PostgreSQL, each calling the intent as tests/test_access.py's registry aims it at team B (the
same first write of a row, the same import, the same create-if-missing; a stale version where
the intent takes one). Whatever the timing, every loser is refused in words (a catalogue key;
a conflict names who), never a raw database error, and what a winner was told was saved is in
the database. A write intent added to the registry without a case here fails
``test_every_write_intent_has_a_race_case``."""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from db.engine import read_session
from db.models import AuditEntry, ImprovementCard, OrgUnit, PlanningFactors
from db.models.base import Base
from driftboard.domain import Actor, ConflictError, DomainError, Stage, ValidationError, WriteCollided
from driftboard.i18n import CATALOGUE
from driftboard.services import api_tokens, escalations, improvement, org_settings
from driftboard.tiers import Answer, EscalationKind
from tests.test_access import _grant, _ids, _robot, _screen_link, _writes
from tests.test_race_words import raw, together

WRITERS = 3
FIRST = "first write of a row"
IMPORT = "same import twice"
CREATE = "create if missing"
SAME = "same change at once"
STALE = "stale version"

# What each intent's race is. A first write of a row that the intent upserts must not be lost to
# a collision: the writers take turns and the last write wins (or the loser is told who won).
CASES: dict[str, str] = {
    "actions.add_action": CREATE,
    "actions.set_action_status": SAME,
    "actions.move_action_to_improvement": SAME,
    "competence.save_competence_frame": SAME,
    "competence.add_borrowed_person": CREATE,
    "org_settings.save_settings": STALE,
    "org_settings.save_factors": STALE,
    "org_settings.save_job_roles": SAME,
    "improvement.create_card": CREATE,
    "improvement.edit_card": STALE,
    "improvement.move_card": STALE,
    "improvement_pareto.register_errors": FIRST,
    "improvement.take_ownership": SAME,
    "history.undo_change": SAME,
    "improvement.add_comment": CREATE,
    "improvement.link_cards": CREATE,
    "masterdata.create_org_unit": CREATE,
    "masterdata.save_teams": SAME,
    "masterdata.save_people": SAME,
    "masterdata.save_tasks": SAME,
    "masterdata.save_planning_factors": SAME,
    "masterdata.set_competences": FIRST,
    "measures.define_measure": CREATE,
    "measures.record_measure_values": FIRST,
    "measures.save_values": SAME,
    "measures.import_measures": IMPORT,
    "measures.save_measures": SAME,
    "planlog.log_plan_change": CREATE,
    "prioritisation.set_planned_volume": FIRST,
    "prioritisation.restore_planned_volume": SAME,
    "prioritisation.mark_sick": FIRST,
    "prioritisation.move_person": CREATE,
    "prioritisation.add_overtime": CREATE,
    "production.record_production": FIRST,
    "intake_history.load_intake_history": IMPORT,
    "workplace.save_week_places": FIRST,
    "holdings.import_holdings": IMPORT,
    "production.record_holdings": FIRST,
    "production.import_production": IMPORT,
    "production.import_production_table": IMPORT,
    "holdings.import_holdings_table": IMPORT,
    "intake.record_intake": FIRST,
    "intake.import_intake": IMPORT,
    "intake.set_intake_measures": SAME,
    "intake.import_intake_table": IMPORT,
    "robots.save_robot": CREATE,
    "robots.record_robot_runs": IMPORT,
    "api_tokens.create_api_token": CREATE,
    "api_tokens.revoke_api_token": SAME,
    "users.create_user": CREATE,
    "users.add_user": CREATE,
    "users.create_screen_link": CREATE,
    "users.revoke_screen_link": SAME,
    "tokens.revoke_token": SAME,
    "users.revoke_grant": SAME,
    "users.create_admin_token": CREATE,
    "weekplan.save_week_plan": FIRST,
    "weekplan.publish_week_plan": SAME,
    "weekplan.copy_previous_week": CREATE,
    "plan_grid.save_grid": SAME,
    "absences.record_absences": FIRST,
    "absences.save_absences": SAME,
    "unit_setup.create_unit": CREATE,
    "unit_setup.add_org_unit": CREATE,
    "unit_setup.rename_org_unit": SAME,
    "unit_setup.move_org_unit": SAME,
    "unit_setup.set_org_active": SAME,
    "unit_setup.remove_unit": SAME,
    "unit_setup.create_organisation": CREATE,
    "master_workbook.import_master_data": IMPORT,
    "maturity.save_assessment": FIRST,
    "maturity.import_assessment": IMPORT,
    "maturity.create_card_from_practice": CREATE,
    "standards.save_levels": SAME,
    "standards.save_standard": CREATE,
    "standards.add_version": CREATE,
    "standards.save_duties": SAME,
    "training.plan_training": CREATE,
    "training.acknowledge": SAME,
    "training.record_training": SAME,
    "confirmations.save_rules": SAME,
    "confirmations.set_started_on": SAME,
    "confirmations.record_confirmation": CREATE,
    "confirmations.review_confirmation": SAME,
    "standards_workbook.import_workbook": IMPORT,
    "escalations.raise_escalation": CREATE,
    "escalations.answer_escalation": SAME,
    "escalations.escalate_to_unit": SAME,
    "escalations.close_escalation": SAME,
}


def _stale(name: str, ids: dict, engine: Any) -> Callable[[Actor], object] | None:
    """The intents that take the version the person saw: every writer saw the same one."""
    e = {"engine": engine}
    card = ids["card_b"]
    if name in ("improvement.edit_card", "improvement.move_card"):
        with read_session(engine) as s:
            seen = s.get(ImprovementCard, card).version
        if name == "improvement.edit_card":
            return lambda a: improvement.edit_card(a, card, {"title": f"by {a.name}"}, seen_version=seen, **e)
        return lambda a: improvement.move_card(a, card, Stage.PARKED, seen_version=seen, **e)
    if name == "org_settings.save_settings":
        with read_session(engine) as s:
            seen = s.get(OrgUnit, ids["b"]).version
        return lambda a: org_settings.save_settings(
            a, ids["b"], {"meeting_minutes": 5 + int(a.name[-1])}, seen_version=seen, **e
        )
    if name == "org_settings.save_factors":  # the team has no factors of its own: each saw none
        with read_session(engine) as s:
            assert s.scalar(select(PlanningFactors).where(PlanningFactors.org_unit_id == ids["b"])) is None
        return lambda a: org_settings.save_factors(
            a, ids["b"], {"customer_facing_hours": 5.0 + int(a.name[-1])}, seen_version=None, **e
        )
    return None


def test_every_write_intent_has_a_race_case():
    registry = set(_writes(collections.defaultdict(int), None))
    assert registry - set(CASES) == set(), "add a race case for the new write intent to CASES"
    assert set(CASES) - registry == set(), "a race case for an intent the registry no longer lists"


def _in_words(error: DomainError) -> bool:
    if isinstance(error, ValidationError):
        return bool(error.errors) and all(e.code in CATALOGUE for e in error.errors)
    return bool(error.message_key) and error.message_key in CATALOGUE


def _stored(engine: Any, entity: str, entity_id: int, field: str | None) -> tuple[bool, Any]:
    table = Base.metadata.tables[entity]
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    if row is None or field is None or field not in row:
        return row is not None, None
    return True, row[field]


def _audit_since(engine: Any, after: int) -> list[AuditEntry]:
    with read_session(engine) as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id)))


def _text(value: Any) -> str | None:
    from db.engine import _to_text

    return _to_text(value)


@pytest.mark.parametrize("name", sorted(CASES))
def test_writers_racing_on_one_intent_are_refused_in_words_and_nothing_acknowledged_is_lost(demo_engine, name):
    ids = _ids(demo_engine)
    ids["link_b"], ids["grant_b"] = _screen_link(demo_engine, ids), _grant(demo_engine, ids)
    ids["robot_b"] = _robot(demo_engine, ids)
    ids["token_b"] = api_tokens.create_api_token(Actor("setup"), "probe", ids["b_slug"], engine=demo_engine)[0]
    ids["escalation_b"] = escalations.raise_escalation(
        Actor("setup"), ids["b"], EscalationKind.BLOCKER, "probe", engine=demo_engine
    )
    if name == "escalations.close_escalation":  # the team closes an answered one
        escalations.answer_escalation(Actor("setup"), ids["escalation_b"], Answer.NOTE, note="ok", engine=demo_engine)
    call = _stale(name, ids, demo_engine) or _writes(ids, demo_engine)[name]
    with read_session(demo_engine) as s:
        before = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0
    writers = [Actor(f"writer {i}") for i in range(WRITERS)]

    outcomes = together(WRITERS, lambda i: call(writers[i]))

    assert raw(outcomes) == [], f"{name} ({CASES[name]}): {raw(outcomes)}"
    refusals = [(i, e) for i, (kind, e) in enumerate(outcomes) if kind in ("refused", "conflict")]
    assert [str(e) for _, e in refusals if not _in_words(e)] == [], name
    if CASES[name] in (FIRST, IMPORT):  # an upsert: turns taken, never lost to a collision
        assert [e.detail for _, e in refusals if isinstance(e, WriteCollided)] == [], name
    winners = [writers[i].name for i, (kind, _) in enumerate(outcomes) if kind == "ok"]
    conflicts = [e for _, e in refusals if isinstance(e, ConflictError)]
    unnamed = [
        str(c) for c in conflicts if not c.changed_by or (winners and not any(w in c.changed_by for w in winners))
    ]
    assert unnamed == [], f"{name}: a conflict that does not name the winner {winners}"
    if CASES[name] == STALE:
        assert sum(kind == "ok" for kind, _ in outcomes) == 1 and len(conflicts) == WRITERS - 1, outcomes

    entries = _audit_since(demo_engine, before)
    refused_by = {writers[i].name for i, _ in refusals}
    kept = [(a.actor, a.entity, a.field) for a in entries if a.actor in refused_by]
    assert not kept, f"{name}: a refused writer's change was kept: {kept} ({outcomes})"
    last: dict[tuple[str, int, str | None], AuditEntry] = {}
    for entry in entries:
        last[(entry.entity, entry.entity_id, entry.field)] = entry
        if entry.action.value == "delete":
            for key in [k for k in last if k[:2] == (entry.entity, entry.entity_id)]:
                last[key] = entry
    for (entity, entity_id, field), entry in last.items():
        if entity not in Base.metadata.tables:
            continue
        exists, value = _stored(demo_engine, entity, entity_id, field)
        if entry.action.value == "delete":
            assert not exists, f"{name}: {entity} {entity_id} deleted by {entry.actor} is back"
            continue
        assert exists, f"{name}: {entity} {entity_id} saved by {entry.actor} is gone"
        if entry.action.value == "update" and field is not None:
            assert _text(value) == entry.new_value, (
                f"{name}: {entity}.{field} {entity_id} is not what {entry.actor} saved"
            )
