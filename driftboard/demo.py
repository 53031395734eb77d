"""Load the demo unit ("Loan Service") from ``sample_data/`` through the app's own services.

The unit, people, tasks, competences, measures and cards are read from readable files; the
history (10 weeks of plans, absences, production, holdings, weekly measure values for the year
so far, error registrations) is generated relative to ``today`` with a random generator seeded
by that date, so the demo always looks alive and the same date always gives the same data.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from db.engine import Engine
from driftboard import calendar, clock, demo_standards, imports, planning
from driftboard.domain import (
    AbsenceKind,
    ActionStatus,
    Actor,
    Comparator,
    CompetenceLevel,
    Direction,
    MeasureKind,
    OrgLevel,
    Period,
    PersonRole,
    PlanChangeKind,
    PlanEvent,
    ProductionSource,
    Role,
    RollUp,
    Stage,
)
from driftboard.intake_history import demo_history
from driftboard.maturity import Score
from driftboard.services import (
    absences,
    actions,
    improvement,
    improvement_pareto,
    intake_history,
    masterdata,
    maturity,
    measures,
    org_settings,
    planlog,
    production,
    robots,
    users,
    weekplan,
)
from driftboard.tables import slugify

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
# The name the demo data is "entered by": the product itself, which reads the same in every language.
LOADER = Actor("Driftboard (demo)")
HISTORY_WEEKS = 10
# Monday: the weekend's digital consumer-loan applications arrive.
MONDAY_PEAK = {"consumer-loan-applications": 1.9, "customer-enquiries": 1.3}
STAGE_PATH = (Stage.PRIORITISATION, Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT, Stage.STANDARD)


@dataclass
class TeamData:
    id: int
    slug: str
    name: str
    leader: str
    people: dict[str, int] = field(default_factory=dict)  # name -> id
    roles: dict[str, list[str]] = field(default_factory=dict)
    hours: dict[str, float] = field(default_factory=dict)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> row incl. id


@dataclass(frozen=True)
class DemoSummary:
    unit: str
    teams: int
    people: int
    tasks: int
    cards: int


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _utc(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """A local (Copenhagen) time on ``day`` as the naive UTC timestamp the database stores."""
    local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo("Europe/Copenhagen"))
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    """Monday–Friday dates from ``start`` to ``end`` inclusive."""
    days, day = [], start
    while day <= end:
        if calendar.is_work_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def load_demo(today: dt.date, engine: Engine | None = None, sample_dir: Path = SAMPLE_DIR) -> DemoSummary:
    """Create the demo unit and its history as of ``today`` in an empty database."""
    rng = random.Random(today.toordinal())
    spec = yaml.safe_load((sample_dir / "unit.yaml").read_text(encoding="utf-8"))
    unit_spec = spec["unit"]
    unit_id = masterdata.create_org_unit(
        LOADER,
        level=OrgLevel.UNIT,
        name=unit_spec["name"],
        slug=unit_spec["slug"],
        engine=engine,
        language=unit_spec.get("language"),
        status_tolerance_pct=unit_spec.get("status_tolerance_pct"),
        refresh_seconds=unit_spec.get("refresh_seconds"),
        meeting_minutes=unit_spec.get("meeting_minutes"),
        competence_margin_fte=unit_spec.get("competence_margin_fte"),
        escalation_order=unit_spec.get("escalation_order"),
        wip_limits=unit_spec.get("wip_limits"),
    )
    masterdata.save_planning_factors(
        LOADER, unit_id, [{"org_unit_id": unit_id, **unit_spec["planning_factors"]}], engine=engine
    )
    teams: dict[str, TeamData] = {}
    team_ids_by_slug: dict[str, int] = {}

    def add_org_unit(level: OrgLevel, node: dict[str, Any], parent_id: int, order: int) -> int:
        return masterdata.create_org_unit(
            LOADER,
            level=level,
            name=node["name"],
            slug=node["slug"],
            parent_id=parent_id,
            sort_order=order,
            engine=engine,
        )

    for d_order, dept in enumerate(spec["departments"]):
        dept_id = add_org_unit(OrgLevel.DEPARTMENT, dept, unit_id, d_order)
        for t_order, team in enumerate(dept["teams"]):
            team_ids_by_slug[team["slug"]] = add_org_unit(OrgLevel.TEAM, team, dept_id, t_order)

    job_roles = _job_roles(unit_id, unit_spec.get("job_roles", []), engine)
    people_rows = _read_csv(sample_dir / "people.csv")
    for slug, team_id in team_ids_by_slug.items():
        rows = [r for r in people_rows if r["team"] == slug]
        leader = next(r["name"] for r in rows if "team_leader" in r["roles"].split(";"))
        masterdata.save_people(LOADER, team_id, [_person(r, job_roles) for r in rows], engine=engine)
        data = TeamData(id=team_id, slug=slug, name=slug, leader=leader)
        frame = masterdata.people_frame(team_id, engine)
        roles = {r["name"]: r["roles"].split(";") for r in rows}
        for rec in frame.to_dict("records"):
            data.people[rec["name"]] = int(rec["id"])
            data.roles[rec["name"]] = roles[rec["name"]]
            data.hours[rec["name"]] = float(rec["daily_hours"])
        teams[slug] = data

    task_rows = _read_csv(sample_dir / "tasks.csv")
    for slug, data in teams.items():
        rows = [{k: v for k, v in r.items() if k != "team"} for r in task_rows if r["team"] == slug]
        masterdata.save_tasks(Actor(data.leader), data.id, rows, engine=engine)
        for rec in masterdata.tasks_frame(data.id, engine).to_dict("records"):
            data.tasks[rec["slug"]] = rec

    person_ids = {name: pid for t in teams.values() for name, pid in t.people.items()}
    task_ids = {slug: int(rec["id"]) for t in teams.values() for slug, rec in t.tasks.items()}
    competences: dict[int, dict[str, CompetenceLevel]] = defaultdict(dict)
    entries = []
    for row in _read_csv(sample_dir / "competences.csv"):
        for column, level in (
            ("expert", CompetenceLevel.EXPERT),
            ("competent", CompetenceLevel.COMPETENT),
            ("in_training", CompetenceLevel.IN_TRAINING),
        ):
            for task_slug in filter(None, row[column].split(";")):
                entries.append((person_ids[row["person"]], task_ids[task_slug], level))
                competences[person_ids[row["person"]]][task_slug] = level
    masterdata.set_competences(LOADER, entries, engine=engine)

    _create_users(spec, unit_id, teams, engine)
    factors = masterdata.team_factors(next(iter(teams.values())).id, engine)
    for data in teams.values():
        _generate_operations(rng, today, data, competences, factors, engine)
        intake = demo_history(
            [(int(t["id"]), slug, t["expected_daily_volume"]) for slug, t in data.tasks.items()], today, MONDAY_PEAK
        )
        intake_history.load_intake_history(Actor(data.leader), data.id, intake, engine=engine)
    _generate_measures(rng, today, unit_id, teams, sample_dir, engine)
    _create_robot(rng, today, teams["home-coop"], engine)
    cards = _load_cards(today, teams, sample_dir, engine)
    _generate_errors(rng, today, teams, sample_dir, engine)
    _load_assessments(today, unit_id, teams, sample_dir, engine)
    demo_standards.load_standards(rng, today, unit_id, teams, competences, sample_dir, engine)
    return DemoSummary(
        unit=unit_spec["name"], teams=len(teams), people=len(person_ids), tasks=len(task_ids), cards=cards
    )


def _create_robot(rng: random.Random, today: dt.date, team: TeamData, engine: Engine | None) -> None:
    """The land-registry robot of the home-loan team (it must fully process 75 % of home loans)
    and its runs, as its scheduler would have sent them through the API: a share around 77 %,
    today's run a few minutes ago. It feeds the team's robot-share measure on the goal board with
    the weeks before this one (like the other measures, the week under way has no value yet)."""
    task = int(team.tasks["registry-replies"]["id"])
    robot = robots.RobotInput("Land-registry robot", "land-registry-robot", (task,), 0.75)
    robot_id = robots.save_robot(LOADER, team.id, robot, engine=engine)
    now = clock.utcnow()
    rows = []
    for day in workdays(today - dt.timedelta(weeks=4), today):
        cases = rng.randint(55, 75) if day < today else rng.randint(12, 20)
        handled = round(cases * min(0.95, max(0.6, rng.gauss(0.775, 0.04))))
        failed = min(rng.randint(0, 2), cases - handled)
        ran = now - dt.timedelta(minutes=4) if day == today else _utc(day, 16, 0)
        rows.append(
            {
                "date": day.isoformat(),
                "handled": handled,
                "handed_over": cases - handled - failed,
                "failed": failed,
                "last_run_at": ran.isoformat(),
            }
        )
    monday = calendar.week_start(today).isoformat()
    this_week = [r for r in rows if r["date"] >= monday]
    if this_week:  # none on a weekend
        robots.record_robot_runs(LOADER, robot.slug, imports.table_from_rows(this_week), today=today, engine=engine)
    measure = next((m.id for m in robots.team_measures(team.id, engine) if m.slug == "robot-share"), None)
    linked = dataclasses.replace(robot, measure_id=measure)
    robots.save_robot(LOADER, team.id, linked, robot_id=robot_id, engine=engine)
    before = [r for r in rows if r["date"] < monday]
    robots.record_robot_runs(LOADER, robot.slug, imports.table_from_rows(before), today=today, engine=engine)


def _load_assessments(
    today: dt.date, unit_id: int, teams: dict[str, TeamData], sample_dir: Path, engine: Engine | None
) -> None:
    """The unit's maturity self-assessments a year apart and each team's latest one."""
    path = sample_dir / "maturity_assessments.yaml"
    if not path.exists():
        return
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in spec["unit"]:
        day, levels = today - dt.timedelta(weeks=entry["weeks_ago"]), entry["levels"]
        scores = {key: Score(level) for key, level in levels.items()}
        maturity.save_assessment(
            LOADER, unit_id, assessed_on=day, assessed_by=entry["by"], scores=scores, engine=engine
        )
    for slug, changes in spec["teams"].items():
        scores = {key: Score(level) for key, level in {**levels, **changes}.items()}
        leader = teams[slug].leader
        maturity.save_assessment(
            LOADER, teams[slug].id, assessed_on=day, assessed_by=leader, scores=scores, engine=engine
        )


def _job_roles(unit_id: int, spec: list[dict[str, str]], engine: Engine | None) -> dict[str, str]:
    """The unit's job roles from unit.yaml; returns the file's key → the stored key."""
    org_settings.save_job_roles(
        LOADER, unit_id, [{"name_da": r["da"], "name_en": r["en"], "active": True} for r in spec], engine=engine
    )
    stored = org_settings.job_role_keys_by_name(unit_id, engine)
    return {r["key"]: stored[r["da"]] for r in spec}


def _person(row: dict[str, str], job_roles: dict[str, str]) -> dict[str, Any]:
    """A people.csv row for the people grid: its job role, and team/board leader as flags."""
    roles = row["roles"].split(";")
    return {
        "name": row["name"],
        "employee_id": row["employee_id"],
        "job_role": next((job_roles[r] for r in roles if r in job_roles), None),
        "team_leader": PersonRole.TEAM_LEADER.value in roles,
        "board_leader": PersonRole.BOARD_LEADER.value in roles,
        "daily_hours": row["daily_hours"],
        "active": True,
    }


def _create_users(spec: dict[str, Any], unit_id: int, teams: dict[str, TeamData], engine: Engine | None) -> None:
    head = spec["unit"]["head"]
    users.create_user(
        LOADER, username=head["username"], display_name=head["name"], grants=[(unit_id, Role.LEADER)], engine=engine
    )
    users.create_user(
        LOADER, username="admin", display_name="Administrator", grants=[(unit_id, Role.ADMIN)], engine=engine
    )
    for data in teams.values():
        for name, person_id in data.people.items():
            grants = [(data.id, Role.MEMBER)]
            if PersonRole.TEAM_LEADER.value in data.roles[name]:
                grants.append((data.id, Role.LEADER))
            if PersonRole.IMPROVEMENT_SUPPORTER.value in data.roles[name]:
                grants.append((data.id, Role.IMPROVEMENT_SUPPORTER))
            users.create_user(
                LOADER,
                username=slugify(name).replace("-", "."),
                display_name=name,
                person_id=person_id,
                grants=grants,
                engine=engine,
            )


# --------------------------------------------------------------------------- operations history


def _absences(
    rng: random.Random, data: TeamData, days: list[dt.date], today: dt.date
) -> dict[tuple[str, dt.date], absences.AbsenceInput]:
    """Vacation blocks, sick days, training and development-project time (the reserve)."""
    found: dict[tuple[str, dt.date], absences.AbsenceInput] = {}
    names = list(data.people)

    def add(name: str, day: dt.date, kind: AbsenceKind, hours: float, note: str = "") -> None:
        if (name, day) not in found:
            found[(name, day)] = absences.AbsenceInput(data.people[name], day, kind, hours, note)

    for name in names:
        hours = data.hours[name]
        if rng.random() < 0.45:  # a vacation week or a few days
            start = rng.randrange(len(days))
            for day in days[start : start + rng.choice((3, 5))]:
                add(name, day, AbsenceKind.VACATION, hours)
        for day in days:
            r = rng.random()
            if r < 0.03:
                for extra in range(rng.choice((1, 1, 2, 3))):
                    sick_day = day + dt.timedelta(days=extra)
                    if sick_day in days:
                        add(name, sick_day, AbsenceKind.SICK, hours)
            elif r < 0.04:
                add(name, day, AbsenceKind.TRAINING, hours / 2, "course")
    handlers = [n for n in names if PersonRole.TEAM_LEADER.value not in data.roles[n]]
    for day in days:  # the development reserve: someone on a project every Wednesday
        if day.weekday() == 2:
            add(rng.choice(handlers), day, AbsenceKind.DEVELOPMENT_PROJECT, 3.75, "digital onboarding project")
    # Keep the board interesting: someone in the team is sick today.
    if today in days:
        add(rng.choice(handlers), today, AbsenceKind.SICK, 7.5)
    return found


def _daily_need(task: dict[str, Any], day: dt.date) -> float:
    volume = task["expected_daily_volume"] * (MONDAY_PEAK.get(task["slug"], 1.0) if day.weekday() == 0 else 1.0)
    return planning.hours_needed(volume, task["minutes_per_case"])


def _plan_day(
    rng: random.Random,
    data: TeamData,
    day: dt.date,
    absent: dict[str, float],
    competences: dict[int, dict[str, CompetenceLevel]],
    factors: planning.PlanningFactors,
) -> list[weekplan.AssignmentInput]:
    """Spread the present case handlers over the tasks with the largest remaining need."""
    need = {slug: _daily_need(task, day) / factors.customer_facing_share for slug, task in data.tasks.items()}
    plan: list[weekplan.AssignmentInput] = []
    handlers = [n for n in data.people if PersonRole.TEAM_LEADER.value not in data.roles[n]]
    rng.shuffle(handlers)
    for name in handlers:
        hours = data.hours[name] - absent.get(name, 0.0)
        if PersonRole.BOARD_LEADER.value in data.roles[name]:
            hours *= factors.board_leader_load_pct / 100
        hours = math.floor(hours * 4) / 4  # plans are made in quarter hours
        skills = competences.get(data.people[name], {})
        options = [s for s in data.tasks if skills.get(s) in (CompetenceLevel.EXPERT, CompetenceLevel.COMPETENT)]
        while hours > 0.01 and options:
            best = max(options, key=lambda s: need[s])
            share = hours if need[best] >= hours * 0.75 else max(round(need[best] * 4) / 4, 1.0)
            share = min(share, hours)
            plan.append(weekplan.AssignmentInput(data.people[name], day, data.tasks[best]["id"], share))
            need[best] -= share
            hours -= share
            options.remove(best)
    return plan


def _generate_operations(
    rng: random.Random,
    today: dt.date,
    data: TeamData,
    competences: dict[int, dict[str, CompetenceLevel]],
    factors: planning.PlanningFactors,
    engine: Engine | None,
) -> None:
    this_monday = calendar.week_start(today)
    first = this_monday - dt.timedelta(weeks=HISTORY_WEEKS - 1)
    plan_next = calendar.planning_week(today) > this_monday  # made Thursday, published Friday
    last = this_monday + dt.timedelta(days=4 + (7 if plan_next else 0))
    days = workdays(first, last)
    absent = _absences(rng, data, days, today)
    absences.record_absences(Actor(data.leader), data.id, absent.values(), engine=engine)
    absent_by_day: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for (name, day), a in absent.items():
        absent_by_day[day][name] = a.hours

    planned_hours: dict[tuple[int, dt.date], float] = defaultdict(float)  # hours on cases
    load = {pid: planning.person_load(data.roles[name], factors) for name, pid in data.people.items()}
    monday = first
    while monday <= last:
        week_days = [d for d in days if calendar.week_start(d) == monday]
        assignments = [a for d in week_days for a in _plan_day(rng, data, d, absent_by_day[d], competences, factors)]
        weekplan.save_week_plan(Actor(data.leader), data.id, monday, assignments, engine=engine)
        if monday <= this_monday or today.weekday() >= 4:
            weekplan.publish_week_plan(Actor(data.leader), data.id, monday, engine=engine)
        for a in assignments:
            planned_hours[(a.task_id, a.date)] += planning.case_hours(a.hours, factors, load[a.person_id])
        monday += dt.timedelta(weeks=1)

    board_leader = next((n for n in data.people if PersonRole.BOARD_LEADER.value in data.roles[n]), data.leader)
    tasks = list(data.tasks.values())
    # One task misses its registration on one day this week: the board must show it grey.
    missing = (tasks[-1]["id"], calendar.previous_work_day(today)) if data.slug == "home-coop" else None
    backlog = {t["id"]: 0.0 for t in tasks}
    for day in days:
        if day > today:
            break
        day_factor = 0.85 if rng.random() < 0.12 else 1.0
        produced: dict[int, int] = {}
        holdings: dict[int, tuple[int, int, int]] = {}
        for task in tasks:
            planned = planning.planned_volume(planned_hours[(task["id"], day)], task["minutes_per_case"])
            if day < today and (task["id"], day) != missing:
                n = max(0, round(planned * day_factor * rng.gauss(1.03, 0.06)))
                produced[task["id"]] = n
                backlog[task["id"]] = max(0.0, backlog[task["id"]] * 0.6 + planned - n)
            arriving = task["expected_daily_volume"] * (
                MONDAY_PEAK.get(task["slug"], 1.0) if day.weekday() == 0 else 1.0
            )
            open_cases = max(
                1, round(arriving * task["service_goal_days"] * rng.uniform(0.75, 1.05) + backlog[task["id"]])
            )
            overdue = min(open_cases // 4, round(backlog[task["id"]] * 0.3 + rng.choice((0, 0, 0, 1, 2))))
            due_today = min(open_cases - overdue, round(open_cases / task["service_goal_days"] * rng.uniform(0.3, 0.6)))
            holdings[task["id"]] = (open_cases, due_today, overdue)
        if produced:
            production.record_production(
                Actor(board_leader),
                data.id,
                day,
                produced,
                source=ProductionSource.MANUAL if rng.random() < 0.6 else ProductionSource.IMPORT,
                engine=engine,
            )
        production.record_holdings(Actor(board_leader), data.id, day, holdings, engine=engine)

    for (name, day), absence in sorted(absent.items(), key=lambda item: item[0][1]):
        if absence.kind is AbsenceKind.SICK and this_monday <= day <= today:
            planlog.log_plan_change(
                Actor(data.leader),
                data.id,
                day,
                PlanChangeKind.SICKNESS,
                PlanEvent.SICK,
                person_id=data.people[name],
                at=_utc(day, 8, 10),
                engine=engine,
                person=name,
                tasks=[],
            )
    if this_monday <= today:
        peak = next((t for t in tasks if t["slug"] in MONDAY_PEAK), None)
        if peak is not None:
            planlog.log_plan_change(
                Actor(data.leader),
                data.id,
                this_monday,
                PlanChangeKind.VOLUME_HIGH,
                PlanEvent.NOTE,
                note=f"Weekend applications: two extra people on {peak['name'].lower()} until 11:00.",
                task_id=peak["id"],
                at=_utc(this_monday, 9, 5),
                engine=engine,
            )


# --------------------------------------------------------------------------- goal steering


def year_weeks(today: dt.date) -> list[dt.date]:
    """Mondays of the ISO weeks of ``today``'s year that have ended before this week."""
    year = today.isocalendar().year
    monday = dt.date.fromisocalendar(year, 1, 1)
    this_monday = calendar.week_start(today)
    weeks = []
    while monday < this_monday:
        weeks.append(monday)
        monday += dt.timedelta(weeks=1)
    return weeks


def _generate_measures(
    rng: random.Random,
    today: dt.date,
    unit_id: int,
    teams: dict[str, TeamData],
    sample_dir: Path,
    engine: Engine | None,
) -> None:
    year = today.isocalendar().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = (end - start).days
    specs = yaml.safe_load((sample_dir / "measures.yaml").read_text(encoding="utf-8"))
    weeks = year_weeks(today)
    values: list[measures.ValueInput] = []
    kpi_measures: list[tuple[int, dict[str, Any], str]] = []
    for order, spec in enumerate(specs):
        on = spec["scope"]
        scopes = (
            [(unit_id, "unit")]
            if on == "unit"
            else [(teams[on.split(":", 1)[1]].id, on.split(":", 1)[1])]
            if on.startswith("team:")
            else [(t.id, slug) for slug, t in teams.items()]
        )
        kind = MeasureKind(spec["kind"])
        for org_id, scope in scopes:
            measure_id = measures.define_measure(
                LOADER,
                measures.MeasureInput(
                    org_unit_id=org_id,
                    name=spec["name"],
                    slug=spec["slug"],
                    kind=kind,
                    period=Period.WEEK,
                    unit_label=spec.get("unit", ""),
                    decimals=spec.get("decimals"),
                    direction=Direction(spec["direction"]) if "direction" in spec else None,
                    baseline=spec.get("baseline"),
                    baseline_date=start if kind is MeasureKind.KPI else None,
                    target=spec.get("target"),
                    target_date=end if kind is MeasureKind.KPI else None,
                    comparator=Comparator(spec["comparator"]) if "comparator" in spec else None,
                    threshold=spec.get("threshold"),
                    rollup=RollUp(spec.get("rollup", "none")),
                    sort_order=order,
                ),
                engine=engine,
            )
            if kind is MeasureKind.KPI:
                kpi_measures.append((measure_id, spec, scope))
            for monday in weeks:
                frac = min(1.0, max(0.0, ((monday + dt.timedelta(days=6)) - start).days / span))
                value, weight = _measure_value(rng, spec, scope, frac, teams)
                values.append(measures.ValueInput(measure_id, monday, value, weight))
    measures.record_measure_values(LOADER, values, engine=engine)
    _generate_actions(rng, today, kpi_measures, values, start, span, teams, engine)


def _measure_value(
    rng: random.Random, spec: dict[str, Any], scope: str, frac: float, teams: dict[str, TeamData]
) -> tuple[float, float | None]:
    slug = spec["slug"]
    team = teams.get(scope)
    weekly_volume = sum(t["expected_daily_volume"] for t in team.tasks.values()) * 5 if team else 0.0
    if slug == "fte-saved":
        target = spec["target"] * frac
        # Savings arrive in steps of a quarter FTE, sometimes late.
        return max(0.0, math.floor(target * rng.uniform(0.85, 1.1) * 4) / 4), None
    if slug == "delivery-time":
        target = spec["baseline"] + (spec["target"] - spec["baseline"]) * frac
        return round(target + rng.gauss(0.04, 0.12), 2), float(weekly_volume)
    if slug == "nps":
        target = spec["baseline"] + (spec["target"] - spec["baseline"]) * frac
        return float(round(target + rng.gauss(-0.3, 2.2))), None
    if slug == "service-goal-compliance":
        return round(min(100.0, rng.gauss(98.7, 0.55)), 1), float(weekly_volume)
    if slug == "output-error-rate":
        return round(max(0.0, rng.gauss(1.45, 0.33)), 2), float(weekly_volume)
    if slug == "incoming-volume":
        return float(round(weekly_volume * rng.uniform(0.88, 1.12))), None
    if slug == "customer-facing-hours":
        hours = (
            sum(planning.hours_needed(t["expected_daily_volume"], t["minutes_per_case"]) for t in team.tasks.values())
            * 5
            if team
            else 0
        )
        return round(hours * rng.uniform(0.9, 1.05), 1), None
    if slug == "robot-share":
        return round(rng.gauss(77.5, 2.5), 1), None
    raise ValueError(f"no value generator for measure {slug!r}")


ACTION_TEXTS = {
    "fte-saved": "Put the next robot step (land registry replies with remarks) before the steering group",
    "delivery-time": "Daily check of cases due tomorrow at the 9 o'clock meeting",
    "nps": "Call back five detractors a week and log the reasons",
}


def _generate_actions(
    rng: random.Random,
    today: dt.date,
    kpis: list[tuple[int, dict[str, Any], str]],
    values: list[measures.ValueInput],
    start: dt.date,
    span: int,
    teams: dict[str, TeamData],
    engine: Engine | None,
) -> None:
    """An action for each KPI that was behind in one of the last four weeks."""
    by_measure = defaultdict(list)
    for v in values:
        by_measure[v.measure_id].append(v)
    for measure_id, spec, scope in kpis:
        recent = sorted(by_measure[measure_id], key=lambda v: v.period_start)[-4:]
        for v in reversed(recent):
            frac = min(1.0, ((v.period_start + dt.timedelta(days=6)) - start).days / span)
            target = spec["baseline"] + (spec["target"] - spec["baseline"]) * frac
            behind = v.value < target if spec["direction"] == "higher" else v.value > target
            if not behind:
                continue
            owner = teams[scope].leader if scope in teams else "Birgitte Holm"
            done = v is not recent[-1] and rng.random() < 0.4
            actions.add_action(
                Actor(owner),
                measure_id,
                text=ACTION_TEXTS[spec["slug"]],
                owner=owner,
                due_date=v.period_start + dt.timedelta(days=14),
                period_start=v.period_start,
                status=ActionStatus.DONE if done else ActionStatus.OPEN,
                engine=engine,
            )
            break


# --------------------------------------------------------------------------- improvement


def _load_cards(today: dt.date, teams: dict[str, TeamData], sample_dir: Path, engine: Engine | None) -> int:
    specs = yaml.safe_load((sample_dir / "improvement_cards.yaml").read_text(encoding="utf-8"))
    noon = dt.datetime.combine(today, dt.time(12, 0))
    for spec in specs:
        team = teams[spec["team"]]
        proposer = Actor(spec["proposer"])
        reached = noon - dt.timedelta(weeks=spec.get("weeks_ago", 0), days=1)
        created = reached - dt.timedelta(days=10)
        card_id = improvement.create_card(
            proposer,
            team.id,
            title=spec["title"],
            problem=spec.get("problem", ""),
            idea=spec.get("idea", ""),
            proposer_id=team.people[spec["proposer"]],
            at=created,
            engine=engine,
        )
        changes: dict[str, Any] = {f"a3_{k}": v for k, v in spec.get("a3", {}).items()}
        for key in ("impact", "effort", "new_standard", "rejection_reason", "needs_it_change"):
            if key in spec:
                changes[key] = spec[key]
        if "owner" in spec:
            changes["owner_id"] = team.people[spec["owner"]]
        if changes:
            improvement.edit_card(Actor(spec.get("owner", spec["proposer"])), card_id, changes, engine=engine)
        target = Stage(spec["stage"])
        mover = Actor(spec.get("owner", team.leader))
        if target in (Stage.PARKED, Stage.REJECTED):
            improvement.move_card(mover, card_id, target, at=reached, engine=engine)
        elif target is not Stage.INTAKE:
            path = STAGE_PATH[: STAGE_PATH.index(target) + 1]
            step = (reached - created) / (len(path) + 1)
            for i, stage in enumerate(path, start=1):
                at = reached if stage is target else created + step * i
                improvement.move_card(mover, card_id, stage, at=at, engine=engine)
    return len(specs)


def _generate_errors(
    rng: random.Random, today: dt.date, teams: dict[str, TeamData], sample_dir: Path, engine: Engine | None
) -> None:
    """Eight weeks of manually registered input errors, shaped by the category weights."""
    this_monday = calendar.week_start(today)
    for row in _read_csv(sample_dir / "error_categories.csv"):
        team = teams[row["team"]]
        weekly = int(row["weight"]) / 8
        for week in range(8, 0, -1):
            count = max(0, round(rng.gauss(weekly, max(1.0, weekly * 0.3))))
            if count == 0:
                continue
            day = this_monday - dt.timedelta(weeks=week) + dt.timedelta(days=rng.randrange(5))
            improvement_pareto.register_errors(
                Actor(team.leader),
                team.id,
                day=day,
                category=row["category"],
                count=count,
                task_id=team.tasks[row["task"]]["id"],
                engine=engine,
            )
