"""An organisation of two units on one installation, for the tests that keep units apart.

The demo's "Loan Service" is unit A; a small "Pension Service" is unit B, made through the
services: two teams, people with employee numbers (B's team leader among them), tasks, a card
pair, a measure with a value and an action, production, a robot, a maturity assessment, a screen
link, a user's grant and an API token; both units under the organisation "Nordbank". ``Side``
holds the ids a test aims at in one unit; ``MARKERS`` the names that betray a unit's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from db.engine import read_session
from db.models import AuditEntry, Escalation, ImprovementCard, Measure, OrgUnit, Person, Task
from driftboard import unitdata
from driftboard.domain import Actor, MeasureKind, OrgLevel, Period, Role
from driftboard.maturity import Score
from driftboard.services import (
    actions,
    api_tokens,
    escalations,
    improvement,
    master_workbook,
    maturity,
    measures,
    production,
    robots,
    unit_setup,
    users,
)
from driftboard.tiers import EscalationKind
from tests.conftest import DEMO_DAY

TRUSTED = Actor("setup")
MONDAY = DEMO_DAY - dt.timedelta(days=DEMO_DAY.weekday())
B_LEADER = "PEN-901"  # unit B's team leader: the person the workbook attack took over

# Names that only the unit's own data holds (never typed into a URL by the tests).
MARKERS = {
    "a": ("Loan Service",),
    "b": ("Pension Service", "Pension claims", "Petra Pensionsen", B_LEADER, "Pension backlog",
          "Pension card", "b-leader@pension.dk", "Pension core", "Pension robot"),
}  # fmt: skip


@dataclass(frozen=True)
class Side:
    """The ids of one unit's rows that a case aims at (``team`` is its first team)."""

    unit: int
    unit_slug: str
    team: int
    team_slug: str
    team_name: str
    parent: int  # the team's department
    task: int
    task_slug: str
    person: int
    person_name: str
    employee: str
    card: int
    other_card: int
    measure: int
    measure_slug: str
    action: int
    change: int  # an audit entry of ``card``
    link: int  # a screen link of ``team``
    link_secret: str
    grant: int
    token: int
    token_secret: str
    robot: str  # slug
    assessment: int
    old_slug: str  # a slug the unit's second team had before a rename
    escalation: int = 0  # an escalation ``team`` handed up

    def __getitem__(self, key: str) -> object:
        return getattr(self, key)


def _workbook() -> bytes:
    team, other = "Pension claims", "Pension payout"
    rows = {
        "people": [
            {"team": team, "name": "Petra Pensionsen", "employee_id": B_LEADER, "daily_hours": 7.4,
             "team_leader": True, "board_leader": False, "active": True},
            {"team": team, "name": "Palle Pension", "employee_id": "PEN-902", "daily_hours": 7.4,
             "team_leader": False, "board_leader": True, "active": True},
            {"team": other, "name": "Pia Payout", "employee_id": "PEN-903", "daily_hours": 7.4,
             "team_leader": False, "board_leader": False, "active": True},
        ],
        "tasks": [
            {"team": team, "task": "Pension claim", "minutes_per_case": 20, "service_goal_days": 3,
             "expected_daily_volume": 30, "error_rate_pct": 1, "active": True},
            {"team": other, "task": "Pension payment", "minutes_per_case": 15, "service_goal_days": 2,
             "expected_daily_volume": 20, "error_rate_pct": 1, "active": True},
        ],
        "competences": [{"employee_id": "PEN-902", "team": team, "task": "Pension claim"}],
    }  # fmt: skip
    return unitdata.write_workbook(rows, "en", unitdata.instructions("en"))


# Each unit's own names for what ``build`` adds: unit B's are among the markers of its data.
_NAMES = {
    "loan-service": {"prefix": "Loan", "email": "a-leader@loan.dk"},
    "pension-service": {"prefix": "Pension", "email": "b-leader@pension.dk"},
}


def build(engine: Engine) -> dict[str, dict[str, str]]:
    """Add unit B, and the rows both sides need, to the demo database behind ``engine``; returns
    each unit's screen-link and API-token secrets."""
    e = {"engine": engine}
    unit_setup.create_unit(TRUSTED, "Pension Service", "Pension payments", ["Pension claims", "Pension payout"],
                           language="en", **e)  # fmt: skip
    master_workbook.import_master_data(TRUSTED, _workbook(), **e)
    secrets: dict[str, dict[str, str]] = {}
    for unit_slug, names in _NAMES.items():
        found, prefix = _ids(engine, unit_slug), names["prefix"]
        team = found["team"]
        robots.save_robot(TRUSTED, team, robots.RobotInput(f"{prefix} robot", f"{unit_slug}-robot", (found["task"],),
                                                           0.5), **e)  # fmt: skip
        _link, link_secret = users.create_screen_link(TRUSTED, found["team_slug"], label="TV", **e)
        users.add_user(TRUSTED, names["email"], Role.LEADER, found["team_slug"], **e)
        _token, token_secret = api_tokens.create_api_token(TRUSTED, f"{prefix} core", unit_slug, **e)
        secrets[unit_slug] = {"link": link_secret, "token": token_secret}
        unit_setup.rename_org_unit(TRUSTED, found["second_team"], f"{found['second_name']} renamed",
                                   f"{found['second_slug']}-renamed", **e)  # fmt: skip
        for title in (f"{prefix} card one", f"{prefix} card two"):
            improvement.create_card(TRUSTED, team, title=title, **e)
        measure = measures.define_measure(TRUSTED, measures.MeasureInput(
            org_unit_id=team, name=f"{prefix} backlog", slug=f"{prefix.lower()}-backlog",
            kind=MeasureKind.OPERATIONAL, period=Period.WEEK), **e)  # fmt: skip
        measures.record_measure_values(TRUSTED, [measures.ValueInput(measure, MONDAY - dt.timedelta(weeks=1), 4)],
                                       **e)  # fmt: skip
        actions.add_action(TRUSTED, measure, text=f"{prefix} action", owner="Petra", due_date=DEMO_DAY, **e)
        production.record_production(TRUSTED, team, DEMO_DAY, {found["task"]: 5}, **e)
        escalations.raise_escalation(TRUSTED, team, EscalationKind.BLOCKER, f"{prefix} blocker", **e)
        scores = {p.key: Score(2) for p in maturity.model().practices}
        maturity.save_assessment(TRUSTED, team, assessed_on=DEMO_DAY, assessed_by="Petra", scores=scores, **e)
    unit_setup.create_organisation(TRUSTED, "Nordbank", list(_NAMES), **e)
    return secrets


def _ids(engine: Engine, unit_slug: str) -> dict:
    with read_session(engine) as s:
        unit = s.scalar(select(OrgUnit).where(OrgUnit.slug == unit_slug))
        depts = s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == unit.id)).all()
        teams = s.scalars(
            select(OrgUnit).where(OrgUnit.parent_id.in_(depts), OrgUnit.level == OrgLevel.TEAM).order_by(OrgUnit.id)
        ).all()
        team, second = teams[0], teams[1]
        return {
            "team": team.id,
            "team_slug": team.slug,
            "task": s.scalar(select(Task.id).where(Task.team_id == team.id).order_by(Task.id).limit(1)),
            "second_team": second.id,
            "second_name": second.name,
            "second_slug": second.slug,
        }


def side(engine: Engine, unit_slug: str, secrets: dict[str, dict[str, str]]) -> Side:
    """The ids a case aims at in the unit ``unit_slug`` (after ``build``, which gave ``secrets``)."""
    found = _ids(engine, unit_slug)
    team = found["team"]
    with read_session(engine) as s:
        unit = s.scalar(select(OrgUnit).where(OrgUnit.slug == unit_slug))
        team_row = s.get(OrgUnit, team)
        task = s.get(Task, found["task"])
        prefix = _NAMES[unit_slug]["prefix"]
        cards = s.scalars(
            select(ImprovementCard.id)
            .where(ImprovementCard.team_id == team, ImprovementCard.title.like(f"{prefix} card %"))
            .order_by(ImprovementCard.id)
        ).all()
        measure = s.scalar(select(Measure.id).where(Measure.slug == f"{prefix.lower()}-backlog"))
        change = s.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.entity == "improvement_cards", AuditEntry.entity_id == cards[0])
            .order_by(AuditEntry.id)
            .limit(1)
        )
        person = s.scalars(select(Person).where(Person.team_id == team).order_by(Person.id).limit(1)).one()
        old_slug = next(iter(s.get(OrgUnit, found["second_team"]).slug_aliases))
        escalation = s.scalar(select(Escalation.id).where(Escalation.team_id == team).order_by(Escalation.id).limit(1))
    links = [x for x in users.screen_links(engine) if x.team_id == team]
    grant = next(g for g in users.grants_table(engine) if g.email == _NAMES[unit_slug]["email"])
    token = next(t for t in api_tokens.api_tokens(engine) if t.unit_slug == unit_slug)
    assessment = maturity.assessments(team, engine)
    action = next(a.id for a in actions.actions_for(team, DEMO_DAY, engine) if a.measure_id == measure)
    return Side(
        unit=unit.id,
        unit_slug=unit_slug,
        team=team,
        team_slug=team_row.slug,
        team_name=team_row.name,
        parent=team_row.parent_id,
        task=task.id,
        task_slug=task.slug,
        person=person.id,
        person_name=person.name,
        employee=person.employee_id or "",
        card=cards[0],
        other_card=cards[1],
        measure=measure,
        measure_slug=f"{prefix.lower()}-backlog",
        action=action,
        change=change,
        link=links[0].id,
        link_secret=secrets[unit_slug]["link"],
        grant=grant.grant_id,
        token=token.id,
        token_secret=secrets[unit_slug]["token"],
        robot=f"{unit_slug}-robot",
        assessment=assessment[0].id,
        old_slug=old_slug,
        escalation=escalation,
    )
