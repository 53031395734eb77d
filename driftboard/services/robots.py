"""Robots ("virtual colleagues"): their master data (name, tasks, target share handled fully)
and their runs per day (handled fully / handed to a person / failed), fed by the ingest API.

``robot_board`` is the read model the operations board and the kiosk draw; the rule (up/down,
red/green) is the pure ``driftboard.robots``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import Measure, OrgUnit, Task
from db.models.feeds import Robot, RobotRun, RobotTask
from driftboard import calendar, clock, imports, robots, targets
from driftboard.bounds import Bounds
from driftboard.domain import (
    AccessDenied,
    Actor,
    DomainError,
    NotFoundError,
    OrgLevel,
    ProductionSource,
    Role,
    WriteCollided,
)
from driftboard.services import access, measures, org, scope
from driftboard.services.common import (
    BatchResult,
    check_team_tasks,
    check_text,
    check_version,
    column_limit,
    get_by_slug,
    set_task_links,
    valid_rows,
)
from driftboard.tables import SLUG_RE

SHARE = Bounds(0, 1)  # a target share of the cases, 0 to 100 %
ROBOT_TURNS = 11  # take_turns namespace: a robot's runs, keyed by robot id
ROBOT_MEASURE_TURNS = 13  # take_turns namespace: linking robots to a measure, keyed by measure id


@dataclass(frozen=True)
class RobotInput:
    """A robot as the master-data form sends it."""

    name: str
    slug: str
    task_ids: tuple[int, ...]
    target_share: float  # 0–1
    active: bool = True
    measure_id: int | None = None  # a goal-board measure that takes its share per period


@dataclass(frozen=True)
class RobotInfo:
    """A robot as the master-data page lists it (with the version its save sends back)."""

    id: int
    team_id: int
    slug: str
    name: str
    task_ids: tuple[int, ...]
    target_share: float
    active: bool
    version: int
    measure_id: int | None = None


# --------------------------------------------------------------------------- master data


def team_robots(team_id: int, engine: Engine | None = None) -> list[RobotInfo]:
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        found = s.scalars(select(Robot).where(Robot.team_id == team_id).order_by(Robot.name)).all()
        tasks: dict[int, list[int]] = defaultdict(list)
        for robot_id, task_id in s.execute(
            select(RobotTask.robot_id, RobotTask.task_id).where(RobotTask.robot_id.in_([r.id for r in found]))
        ):
            tasks[robot_id].append(task_id)
    return [
        RobotInfo(
            r.id,
            r.team_id,
            r.slug,
            r.name,
            tuple(sorted(tasks[r.id])),
            r.target_share,
            r.active,
            r.version,
            r.measure_id,
        )
        for r in found
    ]


def save_robot(
    actor: Actor,
    team_id: int,
    robot: RobotInput,
    *,
    robot_id: int | None = None,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Create a robot in the team (``robot_id`` None) or change one; a change based on an
    outdated version is refused naming who changed what. Returns the robot's id."""
    _check_robot(robot)
    try:
        with write_session(actor, engine) as s:
            access.require(s, actor, Role.ADMIN, team_id, what="robots")
            team = s.get(OrgUnit, team_id)
            if team is None or team.level is not OrgLevel.TEAM:
                raise DomainError("robots belong to a team", message_key="error.no_team")
            check_team_tasks(s, team_id, set(robot.task_ids))
            row = None
            if robot_id is not None:
                row = s.get(Robot, robot_id)
                if row is None or row.team_id != team_id:
                    raise NotFoundError(f"robot {robot_id} does not exist", message_key="error.row_gone")
                check_version(s, row, seen_version)
            # A link the robot already has is kept as it is (whoever made it led the measure's unit).
            if robot.measure_id is not None and robot.measure_id != (row.measure_id if row else None):
                _check_measure(s, actor, team_id, robot.measure_id)
                _check_not_fed(s, robot.measure_id, row.id if row else None)
            if row is None:
                row = Robot(team_id=team_id, slug=robot.slug, name=robot.name.strip(), target_share=robot.target_share)
                row.active, row.measure_id = robot.active, robot.measure_id
                s.add(row)
                s.flush()
            else:
                for name, value in (
                    ("slug", robot.slug),
                    ("name", robot.name.strip()),
                    ("target_share", robot.target_share),
                    ("active", robot.active),
                    ("measure_id", robot.measure_id),
                ):
                    if getattr(row, name) != value:
                        setattr(row, name, value)
            set_task_links(s, RobotTask, "robot_id", row.id, set(robot.task_ids))
            return row.id
    except WriteCollided as exc:  # the slug is taken (by a robot of any team)
        raise DomainError(
            f"the robot slug {robot.slug!r} is taken", message_key="feeds.err.slug_taken", slug=robot.slug
        ) from exc


def _check_robot(robot: RobotInput) -> None:
    if not robot.name.strip():
        raise DomainError("a robot needs a name", message_key="feeds.err.robot_name")
    check_text(robot.name.strip(), "name", column_limit(Robot, "name"))
    if not SLUG_RE.match(robot.slug or "") or len(robot.slug) > (column_limit(Robot, "slug") or 60):
        raise DomainError(f"{robot.slug!r} is not a slug", message_key="feeds.err.robot_slug", slug=robot.slug[:60])
    if robot.target_share not in SHARE:
        raise DomainError(
            "the target share is between 0 and 100 %", message_key="feeds.err.target_share", low=0, high=100
        )


# --------------------------------------------------------------------------- runs


def record_robot_runs(
    actor: Actor,
    robot_slug: str,
    table: list,
    *,
    today: dt.date,
    source: ProductionSource = ProductionSource.API,
    engine: Engine | None = None,
) -> BatchResult:
    """Set a robot's cases per day (all rows or none, with every bad row's reason). A day that
    has counts is replaced (last write wins); an identical re-send changes nothing. A row
    without ``last_run_at`` whose counts changed records the moment of receipt as the last run;
    a ``last_run_at`` later than now (beyond a few minutes' clock skew) is refused."""
    # The latest a run can have happened: now; when the caller dates the batch to a later day
    # than the clock's (the demo seeding a coming Monday), that day's end.
    latest = clock.utcnow()
    if today > clock.today():
        latest = max(latest, dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    rows = valid_rows(lambda: imports.validate_robot_runs(table, today, latest=latest), engine, actor)
    with write_session(actor, engine) as s:
        robot = get_by_slug(s, Robot, robot_slug, noun="robot", message_key="feeds.err.no_robot")
        access.require(s, actor, Role.LEADER, robot.team_id, what="robot runs")
        take_turns(s, ROBOT_TURNS, {robot.id})  # two first posts of a day must not both insert it
        existing = {
            r.date: r
            for r in s.scalars(
                select(RobotRun).where(RobotRun.robot_id == robot.id, RobotRun.date.in_({r.date for r in rows}))
            )
        }
        now = clock.utcnow()
        changed = 0
        for r in rows:
            counts = (r.handled, r.handed_over, r.failed)
            run = existing.get(r.date)
            if run is None:
                s.add(
                    RobotRun(
                        robot_id=robot.id,
                        date=r.date,
                        handled=r.handled,
                        handed_over=r.handed_over,
                        failed=r.failed,
                        last_run_at=r.last_run_at or now,
                        source=source,
                        recorded_by=actor.name,
                    )
                )
                changed += 1
                continue
            same_counts = (run.handled, run.handed_over, run.failed) == counts
            if same_counts and (r.last_run_at is None or r.last_run_at == run.last_run_at):
                continue
            run.handled, run.handed_over, run.failed = counts
            run.last_run_at = r.last_run_at or (run.last_run_at if same_counts else now)
            run.source, run.recorded_by = source, actor.name
            changed += 1
        if changed:
            s.flush()
            _publish_share(s, actor, robot, {r.date for r in rows})
        return BatchResult(len(rows), changed)


def _check_measure(s: Session, actor: Actor, team_id: int, measure_id: int) -> None:
    """The measure a robot is newly linked to is one of the team's own (or its department's or
    unit's) and one the actor may write (leads its org unit): the robot's share is written to
    it later on whoever posts the runs' behalf, so linking is where that right is checked."""
    measure = s.get(Measure, measure_id)
    if measure is None or measure.org_unit_id not in {o.id for o in org.ancestry(s, team_id)}:
        raise DomainError("the measure is not the team's", message_key="feeds.err.robot_measure")
    if not access.allowed(s, actor, Role.LEADER, measure.org_unit_id):
        access.log.warning(
            "refused: %s (user %s) may not link a robot to measure %s of org unit %s",
            actor.name,
            actor.user_id,
            measure.id,
            measure.org_unit_id,
        )
        raise AccessDenied(
            f"{actor.name} may not write the measure {measure.name!r}",
            message_key="feeds.err.robot_measure_not_yours",
            measure=measure.name,
        )


def _check_not_fed(s: Session, measure_id: int, robot_id: int | None) -> None:
    """A measure takes its value from one robot: each robot writes its own share of a period to
    it, so a second robot's share would overwrite the first's (and back again at the next run).
    Two saves linking at once take turns, so the second sees the first's link."""
    take_turns(s, ROBOT_MEASURE_TURNS, {measure_id})
    other = s.scalar(
        select(Robot).where(Robot.measure_id == measure_id, Robot.id != (robot_id or 0)).order_by(Robot.id).limit(1)
    )
    if other is not None:
        measure = s.get(Measure, measure_id)
        raise DomainError(
            f"the measure {measure.name!r} is already fed by the robot {other.name!r}",
            message_key="feeds.err.measure_fed_by_robot",
            measure=measure.name,
            robot=other.name,
        )


def _publish_share(s: Session, actor: Actor, robot: Robot, days: set[dt.date]) -> None:
    """Write the robot's share handled fully (%) of every period ``days`` touch to the
    goal-board measure it feeds, through the measures' own write core (audited, idempotent).
    The caller was allowed to write the robot's runs and whoever linked the measure had to lead
    its org unit; the share follows from the runs, so it is written on the caller's behalf
    without a role check of its own (as intake's ``_publish``; their name is on it)."""
    measure = s.get(Measure, robot.measure_id) if robot.measure_id is not None else None
    if measure is None or not measure.active or not days:
        return
    starts = {targets.period_start(d, measure.period) for d in days}
    totals: dict[dt.date, robots.RobotCounts] = defaultdict(robots.RobotCounts)
    for day, handled, handed_over, failed in s.execute(
        select(RobotRun.date, RobotRun.handled, RobotRun.handed_over, RobotRun.failed).where(
            RobotRun.robot_id == robot.id,
            RobotRun.date >= min(starts),
            RobotRun.date <= targets.period_end(max(starts), measure.period),
        )
    ):
        start = targets.period_start(day, measure.period)
        if start in starts:
            totals[start] = totals[start] + robots.RobotCounts(handled, handed_over, failed)
    values = [
        measures.ValueInput(measure.id, start, round(counts.share * 100, 1))
        for start, counts in sorted(totals.items())
        if counts.share is not None
    ]
    if values:
        on_behalf = Actor(actor.name, user_id=actor.user_id, person_id=actor.person_id)  # grants=None: derived
        measures._record_measure_values(s, on_behalf, values)


@dataclass(frozen=True)
class MeasureChoice:
    id: int
    slug: str
    name: str


def team_measures(
    team_id: int, engine: Engine | None = None, *, actor: Actor | None = None, current: int | None = None
) -> list[MeasureChoice]:
    """The measures a robot of the team may feed: the team's own and its department's and unit's;
    given an ``actor``, only those it may write (leads their org unit), plus the robot's
    ``current`` measure, which a save that leaves it as it is keeps."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        chain = [o.id for o in org.ancestry(s, team_id)]
        if actor is not None:
            chain = [o for o in chain if access.allowed(s, actor, Role.LEADER, o)]
        rows = s.execute(
            select(Measure.id, Measure.slug, Measure.name)
            .where(or_(Measure.org_unit_id.in_(chain), Measure.id == current), Measure.active)
            .order_by(Measure.sort_order, Measure.name)
        ).all()
    return [MeasureChoice(*row) for row in rows]


# --------------------------------------------------------------------------- the board


def robot_board(
    team_id: int, day: dt.date, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> list[robots.RobotLine]:
    """The team's active robots on ``day``: up or down at ``now`` (naive UTC; default the
    clock's), today's and the week so far's share handled fully against the target."""
    now = now or clock.utcnow()
    start = calendar.week_start(day)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        found = s.scalars(select(Robot).where(Robot.team_id == team_id, Robot.active).order_by(Robot.name)).all()
        if not found:
            return []
        ids = [r.id for r in found]
        tolerance = org.inherited(org.ancestry(s, team_id), "status_tolerance_pct", 0.0)
        task_names: dict[int, list[str]] = defaultdict(list)
        for robot_id, name in s.execute(
            select(RobotTask.robot_id, Task.name)
            .join(Task, Task.id == RobotTask.task_id)
            .where(RobotTask.robot_id.in_(ids))
            .order_by(Task.sort_order, Task.name)
        ):
            task_names[robot_id].append(name)
        runs = s.execute(
            select(RobotRun.robot_id, RobotRun.date, RobotRun.handled, RobotRun.handed_over, RobotRun.failed).where(
                RobotRun.robot_id.in_(ids), RobotRun.date >= start, RobotRun.date <= day
            )
        ).all()
        last = dict(
            s.execute(
                select(RobotRun.robot_id, func.max(RobotRun.last_run_at))
                .where(RobotRun.robot_id.in_(ids))
                .group_by(RobotRun.robot_id)
            ).all()
        )
    today_counts: dict[int, robots.RobotCounts] = {}
    week_counts: dict[int, list[robots.RobotCounts]] = defaultdict(list)
    for robot_id, run_day, handled, handed_over, failed in runs:
        counts = robots.RobotCounts(handled, handed_over, failed)
        week_counts[robot_id].append(counts)
        if run_day == day:
            today_counts[robot_id] = counts
    minutes = robots.down_minutes()
    return [
        robots.robot_line(
            id=r.id,
            slug=r.slug,
            name=r.name,
            tasks=tuple(task_names[r.id]),
            target_share=r.target_share,
            last_run_at=last.get(r.id),
            today=today_counts.get(r.id, robots.RobotCounts()),
            week=robots.summed(week_counts[r.id]),
            now=now,
            minutes=minutes,
            tolerance_pct=float(tolerance or 0.0),
        )
        for r in found
    ]
