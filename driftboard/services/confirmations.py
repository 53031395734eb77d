"""Process confirmation, one function per intent: the unit's rules, this week's proposal by
rotation, recording a confirmation with its follow-up (an improvement card or a training entry),
the head's confirmation of it, and the views above it: the head's layered view, the line on the
operations board, the goal-board measures and the maturity page's evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import (
    Competence,
    Confirmation,
    ConfirmationMeasures,
    ImprovementCard,
    Measure,
    OrgUnit,
    Person,
    Standard,
    StandardTask,
    StandardVersion,
    Task,
    TaskDuty,
    Training,
)
from driftboard import clock, targets
from driftboard import standards as rules_
from driftboard.bounds import Bounds
from driftboard.domain import Actor, DomainError, OrgLevel, Role, Stage
from driftboard.improvement import CardOrigin
from driftboard.services import access, measures, org, scope, training
from driftboard.services.common import LONG_TEXT, check_text, check_version, column_limit, get_or_404
from driftboard.services.improvement import _create_card
from driftboard.services.standards import _levels, _orgs_shown, unit_of
from driftboard.standards import Candidate, Done, Evidence, Followed, FollowUp, Rules, TrainingMethod, TrainingReason

CLOSED_STAGES = (Stage.STANDARD, Stage.REJECTED)


# --------------------------------------------------------------------------- the unit's rules


@dataclass(frozen=True)
class RulesView:
    unit_id: int
    rules: Rules
    done_measure_id: int | None
    followed_measure_id: int | None
    version: int  # the unit's row, for the save's conflict check


RULE_FIELDS = (  # Rules field, OrgUnit column, allowed range
    ("per_week", "confirmations_per_week", Bounds(0, 50)),
    ("per_new_person", "confirmations_per_new_person", Bounds(0, 10)),
    ("new_weeks", "new_person_weeks", Bounds(0, 52)),
    ("follow_up_days", "follow_up_days", Bounds(1, 365)),
)


def _rules(s: Session, org_id: int) -> Rules:
    """The rules in force for an org unit (its own settings, else its department's or unit's, else
    the article's) — read from the org tree the read has already (no statement of its own)."""
    chain = org.ancestry(s, org_id)
    return Rules(**{f: org.inherited(chain, column, getattr(Rules(), f)) for f, column, _bounds in RULE_FIELDS})


def _measures(s: Session, unit_id: int) -> ConfirmationMeasures | None:
    return s.scalar(select(ConfirmationMeasures).where(ConfirmationMeasures.unit_id == unit_id))


def rules_view(org_id: int, engine: Engine | None = None) -> RulesView:
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        found = _rules(s, org_id)
        unit_id = unit_of(s, org_id)
        row = _measures(s, unit_id)
        return RulesView(
            unit_id,
            found,
            row.done_measure_id if row else None,
            row.followed_measure_id if row else None,
            get_or_404(s, OrgUnit, unit_id).version,
        )


def save_rules(
    actor: Actor,
    unit_id: int,
    rules: Rules,
    *,
    done_measure_id: int | None = None,
    followed_measure_id: int | None = None,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> None:
    """The unit's weekly target, extra per new person, how long a person is new, the days a
    follow-up has, and the goal-board measures the confirmations feed (the unit's own)."""
    for name, _column, bounds in RULE_FIELDS:
        if getattr(rules, name) not in bounds:
            raise DomainError(
                f"{name} out of range", message_key="pc.err.range", field=name, low=bounds.low, high=bounds.high
            )
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, unit_id, what="confirmation rules")
        unit = get_or_404(s, OrgUnit, unit_id)
        if unit.level != OrgLevel.UNIT:
            raise DomainError("rules belong to a unit", message_key="std.err.unit_only")
        check_version(s, unit, seen_version)
        inside = set(org.descendant_ids(s, unit_id)) | {unit_id}
        for measure_id in filter(None, (done_measure_id, followed_measure_id)):
            measure = s.get(Measure, measure_id)
            if measure is None or measure.org_unit_id not in inside:
                raise DomainError("not the unit's measure", message_key="pc.err.measure")
        for name, column, _bounds in RULE_FIELDS:
            if getattr(unit, column) != getattr(rules, name):
                setattr(unit, column, getattr(rules, name))
        row = _measures(s, unit_id)
        if row is None and (done_measure_id or followed_measure_id):
            row = ConfirmationMeasures(unit_id=unit_id)
            s.add(row)
        if row is not None:
            row.done_measure_id, row.followed_measure_id = done_measure_id, followed_measure_id


def set_started_on(actor: Actor, person_id: int, day: dt.date | None, engine: Engine | None = None) -> None:
    """The day a person started in the team (new people are confirmed more often)."""
    with write_session(actor, engine) as s:
        person = get_or_404(s, Person, person_id)
        access.require(s, actor, Role.LEADER, person.team_id, what="start date")
        person.started_on = day


# --------------------------------------------------------------------------- the week's proposal


def _leaders(s: Session, team_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """Team leader → (name, team) of the teams, in the teams' and names' order."""
    rows = s.execute(
        select(Person.id, Person.name, Person.team_id)
        .where(Person.team_id.in_(team_ids), Person.team_leader, Person.active)
        .order_by(Person.team_id, Person.name)
    )
    return {pid: (name, team) for pid, name, team in rows}


def _new_people(s: Session, team_id: int, rules: Rules, day: dt.date) -> int:
    starts = s.scalars(select(Person.started_on).where(Person.team_id == team_id, Person.active))
    return sum(1 for started in starts if rules_.is_new(started, day, rules))


def _target(s: Session, team_id: int, rules: Rules, day: dt.date) -> int:
    return rules_.weekly_target(rules, _new_people(s, team_id, rules, day))


def _last(s: Session, team_id: int, column: Any) -> dict[int, dt.date]:
    """The day each person (or task) of the team was last confirmed."""
    query = select(column, func.max(Confirmation.day)).where(Confirmation.team_id == team_id).group_by(column)
    return dict(s.execute(query).all())


@dataclass(frozen=True)
class ProposalItem:
    person_id: int
    person: str
    task_id: int
    task: str
    new: bool
    changed: bool
    last: dt.date | None


@dataclass(frozen=True)
class ProposalView:
    week: dt.date
    target: int
    done: int
    items: tuple[ProposalItem, ...]


def proposal(team_id: int, leader_id: int | None = None, engine: Engine | None = None) -> ProposalView:
    """This week's confirmations still to make for a leader of the team (by rotation)."""
    today = clock.today()
    week = rules_.week_of(today)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rules = _rules(s, team_id)
        target = _target(s, team_id, rules, today)
        done_query = select(func.count(Confirmation.id)).where(
            Confirmation.team_id == team_id, Confirmation.day >= week
        )
        if leader_id is not None:
            done_query = done_query.where(Confirmation.leader_id == leader_id)
        done = s.scalar(done_query) or 0
        people = s.execute(
            select(Person.id, Person.name, Person.started_on)
            .where(Person.team_id == team_id, Person.active, Person.team_leader.is_(False))
            .order_by(Person.name)
        ).all()
        tasks = dict(s.execute(select(Task.id, Task.name).where(Task.team_id == team_id, Task.active)).all())
        held: dict[int, list[int]] = {}
        for pid, tid in s.execute(
            select(Competence.person_id, Competence.task_id).where(Competence.task_id.in_(tasks))
        ):
            held.setdefault(pid, []).append(tid)
        person_last, task_last = _last(s, team_id, Confirmation.person_id), _last(s, team_id, Confirmation.task_id)
        since = today - dt.timedelta(weeks=rules_.RECENT_CHANGE_WEEKS)
        changed = dict(
            s.execute(
                select(StandardTask.task_id, func.max(StandardVersion.effective_on))
                .join(StandardVersion, StandardVersion.standard_id == StandardTask.standard_id)
                .where(
                    StandardTask.task_id.in_(tasks),
                    StandardVersion.effective_on > since,
                    StandardVersion.effective_on <= today,
                )
                .group_by(StandardTask.task_id)
            ).all()
        )
    candidates = [
        Candidate(pid, tuple(sorted(held.get(pid, ()))), rules_.is_new(started, today, rules), person_last.get(pid))
        for pid, _name, started in people
    ]
    names = {pid: name for pid, name, _started in people}
    new = {c.person_id for c in candidates if c.new}
    picked = rules_.propose(candidates, task_last, changed, max(0, target - done), week)
    items = tuple(
        ProposalItem(
            p.person_id,
            names[p.person_id],
            p.task_id,
            tasks[p.task_id],
            p.person_id in new,
            p.task_id in changed,
            person_last.get(p.person_id),
        )
        for p in picked
    )
    return ProposalView(week, target, done, items)


# --------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class ConfirmationInput:
    task_id: int
    person_id: int
    leader_id: int
    day: dt.date
    found: bool
    followed: Followed
    note: str = ""
    follow_up: FollowUp = FollowUp.NONE
    card_title: str = ""  # follow-up "standard": the improvement card's title
    method: TrainingMethod = TrainingMethod.SIDE_BY_SIDE  # follow-up "training"
    training_on: dt.date | None = None


def _version_in_force(s: Session, task_id: int, day: dt.date) -> StandardVersion | None:
    """The version in force on ``day`` of the task's standards, the highest level first."""
    rows = s.execute(
        select(StandardVersion, Standard.level)
        .join(Standard, Standard.id == StandardVersion.standard_id)
        .join(StandardTask, StandardTask.standard_id == Standard.id)
        .where(StandardTask.task_id == task_id, Standard.active, StandardVersion.effective_on <= day)
        .order_by(StandardVersion.number.desc())
    ).all()
    if not rows:
        return None
    order = {key: n for n, (key, _en, _da) in enumerate(_levels(s, unit_of(s, s.get(Task, task_id).team_id)))}
    return min(rows, key=lambda r: (-order.get(r[1], 99), -r[0].number))[0]


def _record(s: Session, actor: Actor, team_id: int, data: ConfirmationInput) -> int:
    task, person, leader = s.get(Task, data.task_id), s.get(Person, data.person_id), s.get(Person, data.leader_id)
    if task is None or task.team_id != team_id:
        raise DomainError("not the team's task", message_key="error.task_not_in_team")
    if person is None or person.team_id != team_id:
        raise DomainError("not the team's person", message_key="pc.err.person")
    if leader is None or leader.team_id != team_id or not leader.team_leader:
        raise DomainError("not the team's leader", message_key="pc.err.leader")
    if data.day > clock.today():
        raise DomainError("a confirmation is not made ahead", message_key="pc.err.future")
    check_text(data.note, "note", LONG_TEXT, multiline=True)
    rules = _rules(s, team_id)
    version = _version_in_force(s, task.id, data.day)
    row = Confirmation(
        team_id=team_id,
        task_id=task.id,
        person_id=person.id,
        leader_id=leader.id,
        version_id=version.id if version else None,
        day=data.day,
        found=data.found,
        followed=data.followed,
        note=data.note.strip(),
        follow_up=data.follow_up,
        follow_up_due=None if data.follow_up is FollowUp.NONE else data.day + dt.timedelta(days=rules.follow_up_days),
    )
    if data.follow_up is FollowUp.STANDARD:
        title = data.card_title.strip()
        if not title:
            raise DomainError("the card needs a title", message_key="pc.err.card_title")
        check_text(title, "title", column_limit(ImprovementCard, "title"))
        params: dict[str, object] = {"task_id": task.id, "task": task.name, "day": data.day.isoformat()}
        if version is not None:
            params["standard_id"] = version.standard_id
        row.card_id = _create_card(
            s,
            actor,
            team_id,
            title=title,
            problem=data.note.strip(),
            proposer_id=leader.id,
            origin_kind=CardOrigin.CONFIRMATION.value,
            origin_params=params,
        )
    elif data.follow_up is FollowUp.TRAINING:
        row.training_id = training._plan(s, person, task.id, data.method, data.training_on, TrainingReason.CONFIRMATION)
    s.add(row)
    s.flush()
    _publish(s, actor, team_id, data.day)
    return row.id


def record_confirmation(actor: Actor, team_id: int, data: ConfirmationInput, engine: Engine | None = None) -> int:
    """Record a process confirmation made by a leader of the team, with its follow-up."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="process confirmation")
        return _record(s, actor, team_id, data)


def review_confirmation(actor: Actor, confirmation_id: int, engine: Engine | None = None) -> None:
    """The head confirms a leader's confirmation (a leader above the team; never one's own)."""
    with write_session(actor, engine) as s:
        row = get_or_404(s, Confirmation, confirmation_id)
        team = get_or_404(s, OrgUnit, row.team_id)
        access.require(s, actor, Role.LEADER, team.parent_id, what="confirm a confirmation")
        if actor.person_id is not None and actor.person_id == row.leader_id:
            raise DomainError("not one's own", message_key="pc.err.own_review")
        if row.reviewed_at is not None:
            raise DomainError("already confirmed", message_key="pc.err.reviewed", who=row.reviewed_by or "")
        row.reviewed_by, row.reviewed_at = actor.name, clock.utcnow()


def _publish(s: Session, actor: Actor, team_id: int, day: dt.date) -> None:
    """Write the unit's confirmations done / planned (%) and share followed (%) of the period
    ``day`` falls in to the goal-board measures the unit's rules name (on the recorder's behalf,
    as a robot's share is: the admin who linked the measure decided it)."""
    row = _measures(s, unit_of(s, team_id))
    if row is None or not (row.done_measure_id or row.followed_measure_id):
        return
    teams = org.descendant_ids(s, row.unit_id, OrgLevel.TEAM)
    values = []
    for measure_id, kind in ((row.done_measure_id, "done"), (row.followed_measure_id, "followed")):
        measure = s.get(Measure, measure_id) if measure_id else None
        if measure is None or not measure.active:
            continue
        start = targets.period_start(day, measure.period)
        end = targets.period_end(start, measure.period)
        done = s.scalars(
            select(Confirmation).where(Confirmation.team_id.in_(teams), Confirmation.day.between(start, end))
        ).all()
        if kind == "done":
            mondays = {rules_.week_of(start + dt.timedelta(days=n)) for n in range((end - start).days + 1)}
            leaders = _leaders(s, teams)
            planned = sum(
                _target(s, team, _rules(s, team), monday)
                for _leader, (_n, team) in leaders.items()
                for monday in mondays
                if start <= monday <= end
            )
            value = rules_.done_share(len(done), planned)
        else:
            value = rules_.share_followed(Done(0, d.day, False, False, d.followed) for d in done)
        if value is not None:
            values.append(measures.ValueInput(measure.id, start, round(value, 1)))
    if values:
        measures._record_measure_values(s, Actor(actor.name, user_id=actor.user_id, person_id=actor.person_id), values)


# --------------------------------------------------------------------------- the views


@dataclass(frozen=True)
class ConfirmationView:
    id: int
    team: str
    day: dt.date
    leader_id: int
    leader: str
    person: str
    task: str
    standard: str | None
    number: int | None
    found: bool
    followed: Followed
    note: str
    follow_up: FollowUp
    follow_up_due: dt.date | None
    follow_up_open: bool
    card_id: int | None
    training_id: int | None
    reviewed_by: str | None


def _open(row: Confirmation, stage: Stage | None, training_done: dt.date | None) -> bool:
    if row.follow_up is FollowUp.STANDARD:
        return row.card_id is not None and stage not in CLOSED_STAGES
    if row.follow_up is FollowUp.TRAINING:
        return row.training_id is not None and training_done is None
    return False


def _confirmations(s: Session, team_ids: Sequence[int], since: dt.date, until: dt.date) -> list[ConfirmationView]:
    people = dict(s.execute(select(Person.id, Person.name).where(Person.team_id.in_(team_ids))).all())
    teams = dict(s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(team_ids))).all())
    rows = s.execute(
        select(Confirmation, Task.name, Standard.title, StandardVersion.number, ImprovementCard.stage, Training.done_on)
        .join(Task, Task.id == Confirmation.task_id)
        .outerjoin(StandardVersion, StandardVersion.id == Confirmation.version_id)
        .outerjoin(Standard, Standard.id == StandardVersion.standard_id)
        .outerjoin(ImprovementCard, ImprovementCard.id == Confirmation.card_id)
        .outerjoin(Training, Training.id == Confirmation.training_id)
        .where(Confirmation.team_id.in_(team_ids), Confirmation.day.between(since, until))
        .order_by(Confirmation.day.desc(), Confirmation.id.desc())
    ).all()
    return [
        ConfirmationView(
            c.id,
            teams.get(c.team_id, ""),
            c.day,
            c.leader_id,
            people.get(c.leader_id, ""),
            people.get(c.person_id, ""),
            task,
            title,
            number,
            c.found,
            c.followed,
            c.note,
            c.follow_up,
            c.follow_up_due,
            _open(c, stage, done_on),
            c.card_id,
            c.training_id,
            c.reviewed_by,
        )
        for c, task, title, number, stage, done_on in rows
    ]


def _teams_under(s: Session, org_id: int) -> list[int]:
    return org.descendant_ids(s, org_id, OrgLevel.TEAM) or [org_id]


def confirmations(
    org_id: int, since: dt.date, until: dt.date | None = None, engine: Engine | None = None
) -> list[ConfirmationView]:
    """The confirmations made in the org unit's teams between two days, newest first."""
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        return _confirmations(s, _teams_under(s, org_id), since, until or clock.today())


@dataclass(frozen=True)
class LayerRow:
    leader_id: int
    leader: str
    team: str
    week: dt.date
    done: int
    target: int
    open_follow_ups: int
    reviewed: int


def layered_view(org_id: int, weeks: int = 4, engine: Engine | None = None) -> list[LayerRow]:
    """The head's view: per team leader under the org unit and week, done against target, the
    follow-ups still open and how many the head has confirmed."""
    today = clock.today()
    mondays = rules_.weeks_back(today, weeks)
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        team_ids = _teams_under(s, org_id)
        leaders = _leaders(s, team_ids)
        teams = dict(s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(team_ids))).all())
        found = _confirmations(s, team_ids, mondays[0], today + dt.timedelta(days=6))
        rows = []
        for monday in mondays:
            targets_ = {lid: _target(s, team, _rules(s, team), monday) for lid, (_n, team) in leaders.items()}
            done = [Done(c.leader_id, c.day, c.follow_up_open, c.reviewed_by is not None) for c in found]
            for week_row in rules_.layered(done, targets_, [monday]):
                name, team = leaders[week_row.leader_id]
                rows.append(
                    LayerRow(
                        week_row.leader_id,
                        name,
                        teams.get(team, ""),
                        monday,
                        week_row.done,
                        week_row.target,
                        week_row.open_follow_ups,
                        week_row.reviewed,
                    )
                )
        return rows


@dataclass(frozen=True)
class BoardLine:
    """The operations board's line: per leader of the team this week's done of target, and the
    follow-ups past their due day."""

    leaders: tuple[tuple[str, int, int], ...]
    overdue: int


def board_line(s: Session, team_id: int, day: dt.date, people: Sequence[Person]) -> BoardLine | None:
    """None for a team without a leader on record. ``people``: the team's active people, as the
    board read them. One statement: the operations board's page has a budget
    (tests/test_read_scope.py)."""
    leaders = [(p.id, p.name) for p in people if p.team_leader]
    if not leaders:
        return None
    rules = _rules(s, team_id)
    target = rules_.weekly_target(rules, sum(1 for p in people if rules_.is_new(p.started_on, day, rules)))
    week = rules_.week_of(day)
    rows = s.execute(
        select(Confirmation, ImprovementCard.stage, Training.done_on)
        .outerjoin(ImprovementCard, ImprovementCard.id == Confirmation.card_id)
        .outerjoin(Training, Training.id == Confirmation.training_id)
        .where(
            Confirmation.team_id == team_id,
            Confirmation.day <= day,
            (Confirmation.day >= week)
            | (
                (Confirmation.follow_up_due < day)
                & (
                    ImprovementCard.stage.not_in(CLOSED_STAGES)
                    | (Training.id.is_not(None) & Training.done_on.is_(None))
                )
            ),
        )
    ).all()
    done: dict[int, int] = {}
    overdue = 0
    for row, stage, done_on in rows:
        if row.day >= week:
            done[row.leader_id] = done.get(row.leader_id, 0) + 1
        if row.follow_up_due is not None and row.follow_up_due < day and _open(row, stage, done_on):
            overdue += 1
    return BoardLine(tuple((name, done.get(pid, 0), target) for pid, name in leaders), overdue)


def evidence(org_id: int, engine: Engine | None = None) -> Evidence:
    """The product's evidence for the maturity page's standards practices."""
    today = clock.today()
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        team_ids = _teams_under(s, org_id)
        standards = s.scalars(
            select(Standard).where(Standard.org_unit_id.in_(_orgs_shown(s, org_id)), Standard.active)
        ).all()
        found = _confirmations(s, team_ids, today - dt.timedelta(weeks=12), today)
        follow = [c for c in found if c.follow_up is not FollowUp.NONE]
        people = select(Person.id).where(Person.team_id.in_(team_ids))
        done = s.scalar(
            select(func.count(Training.id)).where(Training.person_id.in_(people), Training.done_on.is_not(None))
        )
        open_ = s.scalar(
            select(func.count(Training.id)).where(Training.person_id.in_(people), Training.done_on.is_(None))
        )
        duties = s.scalar(
            select(func.count(TaskDuty.id)).join(Task, Task.id == TaskDuty.task_id).where(Task.team_id.in_(team_ids))
        )
        return Evidence(
            len(standards),
            sum(1 for r in standards if r.owner_id is not None and r.review_on is not None),
            len(found),
            len(follow),
            sum(1 for c in follow if not c.follow_up_open),
            done or 0,
            open_ or 0,
            duties or 0,
        )
