"""Roles are checked where the data changes: every write service refuses a member of another
team and a viewer, says so clearly and writes nothing; a new write service without the check
fails ``test_every_write_service_checks_access``."""

from __future__ import annotations

import ast
import collections
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import read_session, write_session
from db.models import (
    Action,
    AuditEntry,
    ImprovementCard,
    Measure,
    OrgUnit,
    Person,
    Task,
)
from driftboard import unitdata
from driftboard.domain import (
    AbsenceKind,
    AccessDenied,
    ActionStatus,
    Actor,
    CardMoves,
    OrgLevel,
    PlanChangeKind,
    PlanEvent,
    Role,
)
from driftboard.i18n import LANGUAGES, t
from driftboard.services import (
    absences,
    actions,
    api_tokens,
    competence,
    escalations,
    history,
    holdings,
    improvement,
    improvement_pareto,
    intake,
    intake_history,
    master_workbook,
    masterdata,
    maturity,
    measures,
    org_settings,
    plan_grid,
    planlog,
    prioritisation,
    production,
    robots,
    tokens,
    unit_setup,
    users,
    weekplan,
    workplace,
)
from driftboard.services.absences import AbsenceInput
from driftboard.services.weekplan import AssignmentInput
from driftboard.tiers import Answer, EscalationKind
from tests import standards_rows

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "driftboard" / "services"
DAY = dt.date(2026, 11, 25)
TRUSTED = Actor("setup")
MONDAY = dt.date(2026, 11, 23)


def _ids(engine):
    with read_session(engine) as s:
        teams = s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.TEAM).order_by(OrgUnit.id)).all()
        a, b = teams[0], teams[1]
        unit = s.scalar(select(OrgUnit.id).where(OrgUnit.level == OrgLevel.UNIT))
        task_b = s.scalar(select(Task.id).where(Task.team_id == b.id).limit(1))
        person_b = s.scalar(select(Person.id).where(Person.team_id == b.id).limit(1))
        card_b = s.scalar(select(ImprovementCard.id).where(ImprovementCard.team_id == b.id).limit(1))
        card_a = s.scalar(select(ImprovementCard.id).where(ImprovementCard.team_id == a.id).limit(1))
        measure_b = s.scalar(select(Measure.id).where(Measure.org_unit_id == b.id).limit(1))
        action_b = s.scalar(select(Action.id).join(Measure).where(Measure.org_unit_id == b.id).limit(1))
        change_b = s.scalar(  # an audit-log entry of team B's card, for undo
            select(AuditEntry.id)
            .where(AuditEntry.entity == "improvement_cards", AuditEntry.entity_id == card_b)
            .limit(1)
        )
    assert None not in (task_b, person_b, card_b, card_a, measure_b, action_b)
    return {
        "a": a.id,
        "b": b.id,
        "b_slug": b.slug,
        "unit": unit,
        "task_b": task_b,
        "person_b": person_b,
        "card_b": card_b,
        "card_a": card_a,
        "measure_b": measure_b,
        "action_b": action_b,
        "change_b": change_b,
    }


def _writes(ids: dict, engine) -> dict[str, Callable[[Actor], object]]:
    """Every public write service, aimed at team B's rows."""
    b, task, person, card = ids["b"], ids["task_b"], ids["person_b"], ids["card_b"]
    e = {"engine": engine}
    value = measures.ValueInput(ids["measure_b"], MONDAY, 1.0)
    rows = standards_rows.rows_for(engine, b, DAY) if engine is not None else {}  # made before the calls
    return {
        "actions.add_action": lambda a: actions.add_action(a, ids["measure_b"], text="x", owner="x", due_date=DAY, **e),
        "actions.set_action_status": lambda a: actions.set_action_status(a, ids["action_b"], ActionStatus.DONE, **e),
        "actions.move_action_to_improvement": lambda a: actions.move_action_to_improvement(a, ids["action_b"], b, **e),
        "competence.save_competence_frame": lambda a: competence.save_competence_frame(a, b, [], **e),
        "competence.add_borrowed_person": lambda a: competence.add_borrowed_person(a, b, person, task, **e),
        "org_settings.save_settings": lambda a: org_settings.save_settings(
            a, b, {"meeting_minutes": 5}, seen_version=None, **e
        ),
        "org_settings.save_factors": lambda a: org_settings.save_factors(
            a, b, {"customer_facing_hours": 5.0}, seen_version=None, **e
        ),
        "org_settings.save_job_roles": lambda a: org_settings.save_job_roles(a, ids["unit"], [], **e),
        "improvement.create_card": lambda a: improvement.create_card(a, b, title="x", **e),
        "improvement.edit_card": lambda a: improvement.edit_card(a, card, {"title": "y"}, **e),
        "improvement.move_card": lambda a: improvement.move_card(a, card, improvement.Stage.PARKED, **e),
        "improvement_pareto.register_errors": lambda a: improvement_pareto.register_errors(
            a, b, day=DAY, category="x", count=1, **e
        ),
        "improvement.take_ownership": lambda a: improvement.take_ownership(a, card, person, **e),
        "history.undo_change": lambda a: history.undo_change(a, ids["change_b"], **e),
        "escalations.raise_escalation": lambda a: escalations.raise_escalation(a, b, EscalationKind.BLOCKER, "x", **e),
        "escalations.answer_escalation": lambda a: escalations.answer_escalation(
            a, ids["escalation_b"], Answer.NOTE, note="x", **e
        ),
        "escalations.escalate_to_unit": lambda a: escalations.escalate_to_unit(a, ids["escalation_b"], **e),
        "escalations.close_escalation": lambda a: escalations.close_escalation(a, ids["escalation_b"], **e),
        "improvement.add_comment": lambda a: improvement.add_comment(a, card, "x", **e),
        "improvement.link_cards": lambda a: improvement.link_cards(a, card, ids["card_a"], **e),
        "masterdata.create_org_unit": lambda a: masterdata.create_org_unit(
            a, level=OrgLevel.TEAM, name="x", slug="x-team", parent_id=ids["unit"], **e
        ),
        "masterdata.save_teams": lambda a: masterdata.save_teams(a, ids["unit"], [], **e),
        "masterdata.save_people": lambda a: masterdata.save_people(a, b, [], **e),
        "masterdata.save_tasks": lambda a: masterdata.save_tasks(a, b, [], **e),
        "masterdata.save_planning_factors": lambda a: masterdata.save_planning_factors(a, ids["unit"], [], **e),
        "masterdata.set_competences": lambda a: masterdata.set_competences(a, [(person, task, None)], **e),
        "measures.define_measure": lambda a: measures.define_measure(a, _measure_input(b), **e),
        "measures.record_measure_values": lambda a: measures.record_measure_values(a, [value], **e),
        "measures.save_values": lambda a: measures.save_values(a, b, [], **e),
        "measures.import_measures": lambda a: measures.import_measures(a, _measure_csv(engine, ids), "m.csv", **e),
        "measures.save_measures": lambda a: measures.save_measures(a, b, [], **e),
        "planlog.log_plan_change": lambda a: planlog.log_plan_change(
            a, b, DAY, PlanChangeKind.OTHER, PlanEvent.NOTE, note="x", **e
        ),
        "prioritisation.set_planned_volume": lambda a: prioritisation.set_planned_volume(a, b, task, DAY, 1, "x", **e),
        "prioritisation.restore_planned_volume": lambda a: prioritisation.restore_planned_volume(a, b, task, DAY, **e),
        "prioritisation.mark_sick": lambda a: prioritisation.mark_sick(a, b, person, DAY, **e),
        "prioritisation.move_person": lambda a: prioritisation.move_person(
            a, b, person, DAY, to_task_id=task, hours=1, **e
        ),
        "prioritisation.add_overtime": lambda a: prioritisation.add_overtime(
            a, b, person, DAY, task_id=task, hours=1, **e
        ),
        "production.record_production": lambda a: production.record_production(a, b, DAY, {task: 5}, **e),
        "intake_history.load_intake_history": lambda a: intake_history.load_intake_history(a, b, {task: {DAY: 3}}, **e),
        "workplace.save_week_places": lambda a: workplace.save_week_places(
            a, b, MONDAY, [{"person_id": person, "d0": "home"}], seen={}, **e
        ),
        "holdings.import_holdings": lambda a: holdings.import_holdings(
            a,
            f"date,team,task,open,due_today,overdue\n{DAY},{ids['b_slug']},{_task_slug(engine, task)},3,1,0\n".encode(),
            "h.csv",
            today=DAY,
            **e,
        ),
        "production.record_holdings": lambda a: production.record_holdings(a, b, DAY, {task: (1, 0, 0)}, **e),
        "production.import_production": lambda a: production.import_production(
            a,
            f"date,team,task,produced\n{DAY},{ids['b_slug']},{_task_slug(engine, task)},3\n".encode(),
            "p.csv",
            today=DAY,
            **e,
        ),
        "production.import_production_table": lambda a: production.import_production_table(
            a, _feed_table(engine, ids, "produced"), today=DAY, **e
        ),
        "holdings.import_holdings_table": lambda a: holdings.import_holdings_table(
            a, _feed_table(engine, ids, "open", due_today=0, overdue=0), today=DAY, **e
        ),
        "intake.record_intake": lambda a: intake.record_intake(a, b, DAY, {task: 5}, **e),
        "intake.import_intake": lambda a: intake.import_intake(
            a,
            f"date,team,task,received\n{DAY},{ids['b_slug']},{_task_slug(engine, task)},3\n".encode(),
            "i.csv",
            today=DAY,
            **e,
        ),
        "intake.set_intake_measures": lambda a: intake.set_intake_measures(a, b, set(), **e),
        "intake.import_intake_table": lambda a: intake.import_intake_table(
            a, _feed_table(engine, ids, "received"), today=DAY, **e
        ),
        "robots.save_robot": lambda a: robots.save_robot(a, b, robots.RobotInput("x", "x-robot", (task,), 0.5), **e),
        "robots.record_robot_runs": lambda a: robots.record_robot_runs(
            a, ids["robot_b"], _runs_table(), today=DAY, **e
        ),
        "api_tokens.create_api_token": lambda a: api_tokens.create_api_token(a, "x", ids["b_slug"], **e),
        "api_tokens.revoke_api_token": lambda a: api_tokens.revoke_api_token(a, ids["token_b"], **e),
        "users.create_user": lambda a: users.create_user(
            a, username="x@e.com", display_name="x", grants=[(b, Role.LEADER)], **e
        ),
        "users.add_user": lambda a: users.add_user(a, "y@e.com", Role.LEADER, ids["b_slug"], **e),
        "users.create_screen_link": lambda a: users.create_screen_link(a, ids["b_slug"], **e),
        "users.revoke_screen_link": lambda a: users.revoke_screen_link(a, ids["link_b"], **e),
        "tokens.revoke_token": lambda a: tokens.revoke_token(
            a, tokens.SCREEN, ids["link_b"], noun="screen link", entity="screen", **e
        ),
        "users.revoke_grant": lambda a: users.revoke_grant(a, ids["grant_b"], **e),
        "users.create_admin_token": lambda a: users.create_admin_token(a, **e),
        "weekplan.save_week_plan": lambda a: weekplan.save_week_plan(
            a, b, MONDAY, [AssignmentInput(person, DAY, task, 1.0)], **e
        ),
        "weekplan.publish_week_plan": lambda a: weekplan.publish_week_plan(a, b, MONDAY, **e),
        "weekplan.copy_previous_week": lambda a: weekplan.copy_previous_week(a, b, MONDAY + dt.timedelta(days=14), **e),
        "plan_grid.save_grid": lambda a: plan_grid.save_grid(a, b, MONDAY, [], seen_version=None, **e),
        "absences.record_absences": lambda a: absences.record_absences(
            a, b, [AbsenceInput(person, DAY, AbsenceKind.SICK, 7.5)], **e
        ),
        "absences.save_absences": lambda a: absences.save_absences(a, b, MONDAY, [], **e),
        "unit_setup.create_unit": lambda a: unit_setup.create_unit(a, "x", "y", ["z"], **e),
        "unit_setup.add_org_unit": lambda a: unit_setup.add_org_unit(a, OrgLevel.TEAM, "x", _parent(engine, b), **e),
        "unit_setup.rename_org_unit": lambda a: unit_setup.rename_org_unit(a, b, "x", **e),
        "unit_setup.move_org_unit": lambda a: unit_setup.move_org_unit(a, b, _parent(engine, b), **e),
        "unit_setup.set_org_active": lambda a: unit_setup.set_org_active(a, b, False, **e),
        "unit_setup.remove_unit": lambda a: unit_setup.remove_unit(a, ids["unit"], backup_dir=None, **e),
        "unit_setup.create_organisation": lambda a: unit_setup.create_organisation(
            a, "x", [u.slug for u in masterdata.units(engine)], **e
        ),
        "master_workbook.import_master_data": lambda a: master_workbook.import_master_data(
            a, unitdata.write_workbook(unitdata.example_rows(), "en", []), **e
        ),
        "maturity.save_assessment": lambda a: maturity.save_assessment(
            a, b, assessed_on=DAY, assessed_by="x", scores=_maturity_scores(), **e
        ),
        "maturity.import_assessment": lambda a: maturity.import_assessment(
            a, b, _maturity_csv(), "m.csv", assessed_on=DAY, assessed_by="x", **e
        ),
        "maturity.create_card_from_practice": lambda a: maturity.create_card_from_practice(
            a, maturity.assessments(b, engine)[0].id, "forecasting", b, title="x", target_level=5, **e
        ),
    } | standards_writes(b, ids["unit"], task, person, lambda: rows, engine)


def standards_writes(
    b: int, unit: int, task: int, person: int, rows: Callable[[], dict[str, int]], engine
) -> dict[str, Callable[[Actor], object]]:
    """The standards work's writes, aimed at team ``b`` (``rows``: its standard, training entry
    and confirmation, looked up when the call is made)."""
    from driftboard.services import confirmations, standards, standards_workbook, training
    from driftboard.standards import Followed, Rules, TrainingMethod

    e = {"engine": engine}
    entry = confirmations.ConfirmationInput(task, person, person, DAY, True, Followed.YES)
    keys = ("policy", "business_procedure", "work_description", "navigation_note")
    levels = [{"key": k, "name_en": k, "name_da": k} for k in keys]
    return {
        "standards.save_levels": lambda a: standards.save_levels(a, unit, levels, **e),
        "standards.save_standard": lambda a: standards.save_standard(
            a, b, standards.StandardInput("work_description", "Probe"), **e
        ),
        "standards.add_version": lambda a: standards.add_version(a, rows()["standard"], DAY, "x", **e),
        "standards.save_duties": lambda a: standards.save_duties(a, b, [], **e),
        "training.plan_training": lambda a: training.plan_training(
            a, person, task, TrainingMethod.ONE_TO_ONE, DAY, **e
        ),
        "training.acknowledge": lambda a: training.acknowledge(a, rows()["training"], **e),
        "training.record_training": lambda a: training.record_training(a, rows()["training"], **e),
        "confirmations.save_rules": lambda a: confirmations.save_rules(a, unit, Rules(), **e),
        "confirmations.set_started_on": lambda a: confirmations.set_started_on(a, person, DAY, **e),
        "confirmations.record_confirmation": lambda a: confirmations.record_confirmation(a, b, entry, **e),
        "confirmations.review_confirmation": lambda a: confirmations.review_confirmation(
            a, rows()["confirmation"], **e
        ),
        "standards_workbook.import_workbook": lambda a: standards_workbook.import_workbook(
            a, b, standards_workbook.export_workbook(b, **e) if engine is not None else b"", **e
        ),
    }


def _maturity_scores() -> dict:
    from driftboard.maturity import Score

    return {p.key: Score(3) for p in maturity.model().practices}


def _maturity_csv() -> bytes:
    return ("practice,level\n" + "".join(f"{p.key},3\n" for p in maturity.model().practices)).encode()


def _parent(engine, org_id: int) -> int:
    with read_session(engine) as s:
        return s.get(OrgUnit, org_id).parent_id


def _measure_input(org_id: int) -> measures.MeasureInput:
    from driftboard.domain import MeasureKind, Period

    return measures.MeasureInput(
        org_unit_id=org_id, name="x", slug="x", kind=MeasureKind.OPERATIONAL, period=Period.WEEK
    )


def _task_slug(engine, task_id: int) -> str:
    with read_session(engine) as s:
        return s.get(Task, task_id).slug


def _measure_csv(engine, ids: dict) -> bytes:
    with read_session(engine) as s:
        m = s.get(Measure, ids["measure_b"])
    return f"period,unit,measure,value\n2026-W47,{ids['b_slug']},{m.slug},1\n".encode()


def _feed_table(engine, ids: dict, count: str, **more: int) -> list:
    """One row for team B as the ingest API hands it to the services."""
    from driftboard import imports

    row = {"date": DAY.isoformat(), "team": ids["b_slug"], "task": _task_slug(engine, ids["task_b"]), count: 3, **more}
    return imports.table_from_rows([row])


def _runs_table() -> list:
    from driftboard import imports

    return imports.table_from_rows([{"date": DAY.isoformat(), "handled": 3, "handed_over": 1, "failed": 0}])


def _robot(engine, ids: dict) -> str:
    robots.save_robot(TRUSTED, ids["b"], robots.RobotInput("Probe robot", "probe-robot", (ids["task_b"],), 0.5),
                      engine=engine)  # fmt: skip
    return "probe-robot"


def _screen_link(engine, ids: dict) -> int:
    return users.create_screen_link(TRUSTED, ids["b_slug"], engine=engine)[0]


def _grant(engine, ids: dict) -> int:
    users.add_user(TRUSTED, "granted@e.com", Role.LEADER, ids["b_slug"], engine=engine)
    return next(g.grant_id for g in users.grants_table(engine) if g.email == "granted@e.com")


def _audit_count(engine) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count(AuditEntry.id)))


@pytest.mark.parametrize("who", ["member of team A", "viewer"])
def test_every_write_service_refuses_a_member_of_another_team_and_a_viewer(demo_engine, who, caplog):
    ids = _ids(demo_engine)
    ids["link_b"], ids["grant_b"] = _screen_link(demo_engine, ids), _grant(demo_engine, ids)
    ids["robot_b"] = _robot(demo_engine, ids)
    ids["token_b"] = api_tokens.create_api_token(TRUSTED, "probe", ids["b_slug"], engine=demo_engine)[0]
    ids["escalation_b"] = escalations.raise_escalation(
        TRUSTED, ids["b"], EscalationKind.BLOCKER, "probe", engine=demo_engine
    )
    actor = (
        Actor("Mia Member", grants=frozenset({(ids["a"], Role.MEMBER)}))
        if who == "member of team A"
        else Actor("Vic Viewer", grants=frozenset({(ids["unit"], Role.VIEWER)}))
    )
    writes = _writes(ids, demo_engine)
    for name, call in writes.items():
        before = _audit_count(demo_engine)
        with pytest.raises(AccessDenied) as info:
            call(actor)
        error = info.value
        assert error.message_key == "error.access_denied", name
        for lang in LANGUAGES:
            assert "{" not in t(error.message_key, lang, access=t(f"access.{error.params['access']}", lang)), name
        assert _audit_count(demo_engine) == before, f"{name}: a refused write wrote something"
    assert sum("refused" in r.getMessage() for r in caplog.records) >= len(writes)


def test_the_list_of_write_services_above_is_complete():
    """Every public function that opens a write session appears in ``_writes``."""
    listed = set(_writes(collections.defaultdict(int), None))
    public = {f"{mod}.{fn}" for mod, fn in _write_functions() if not fn.startswith("_")}
    assert public - listed == set(), "add the new write service to _writes in this test"


# Services written before this check arrived would be listed here until they make it. None are.
PENDING: set[str] = set()


def _write_functions() -> list[tuple[str, str]]:
    found = []
    for path in sorted(p for p in SERVICES.glob("*.py") if p.stem not in PENDING):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _calls(node, {"write_session"}):
                found.append((path.stem, node.name))
    return found


def _calls(node: ast.AST, names: set[str]) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            f = sub.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in names:
                return True
    return False


def test_every_write_service_checks_access():
    """An AST walk over driftboard/services: a function that opens ``write_session`` must call
    an ``access.require*`` check, itself or through a function it calls that does."""
    functions: dict[str, ast.FunctionDef] = {}
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                functions.setdefault(node.name, node)
    checking = {name for name in functions if name.startswith("require")}
    changed = True
    while changed:
        changed = False
        for name, node in functions.items():
            if name not in checking and _calls(node, checking):
                checking.add(name)
                changed = True
    missing = [f"{mod}.{fn}" for mod, fn in _write_functions() if fn not in checking]
    assert missing == [], f"write services without an access check: {missing}"


def test_a_grant_on_the_unit_covers_its_teams_and_a_leader_may_plan(demo_engine):
    ids = _ids(demo_engine)
    leader = Actor("Lea Leader", grants=frozenset({(ids["unit"], Role.LEADER)}))
    prioritisation.set_planned_volume(leader, ids["b"], ids["task_b"], DAY, 3, "test", engine=demo_engine)
    with pytest.raises(AccessDenied):  # master data is admin work
        masterdata.save_people(leader, ids["b"], [], engine=demo_engine)


def test_a_member_records_production_and_moves_cards_of_their_own_team(demo_engine):
    ids = _ids(demo_engine)
    member = Actor("Bo Member", grants=frozenset({(ids["b"], Role.MEMBER)}))
    assert production.record_production(member, ids["b"], DAY, {ids["task_b"]: 4}, engine=demo_engine) == 1
    improvement.move_card(member, ids["card_b"], improvement.Stage.PARKED, engine=demo_engine)
    with pytest.raises(AccessDenied):
        prioritisation.mark_sick(member, ids["b"], ids["person_b"], DAY, engine=demo_engine)


def test_a_unit_may_restrict_card_moves_to_the_owner_and_the_supporter(demo_engine):
    ids = _ids(demo_engine)
    with write_session(Actor("setup"), demo_engine) as s:
        s.get(OrgUnit, ids["unit"]).card_moves = CardMoves.OWNER.value
        card = s.get(ImprovementCard, ids["card_b"])
        card.owner_id = ids["person_b"]
    stranger = Actor("Bo Member", grants=frozenset({(ids["b"], Role.MEMBER)}), person_id=None)
    with pytest.raises(AccessDenied) as info:
        improvement.move_card(stranger, ids["card_b"], improvement.Stage.PARKED, engine=demo_engine)
    assert info.value.params["access"] == "improvement_supporter"
    owner = Actor("Owner", grants=frozenset({(ids["b"], Role.MEMBER)}), person_id=ids["person_b"])
    improvement.move_card(owner, ids["card_b"], improvement.Stage.PARKED, engine=demo_engine)
    supporter = Actor("Sup", grants=frozenset({(ids["b"], Role.IMPROVEMENT_SUPPORTER)}))
    improvement.move_card(supporter, ids["card_b"], improvement.Stage.INTAKE, engine=demo_engine)
