"""Generate a large, realistic organisation for load tests and the benchmark (``bench/``).

``python -m driftboard generate --teams 500 --years 3 --seed 1`` builds about ten units of five
departments of ten teams, ten people and about twelve tasks per team (Danish names), years of
daily production, intake and holdings per task, weekly values of seven measures per team, the
last half year of week plans with absences, ~60 improvement cards per team with their history
(about 3 % near-duplicates of another team's card in the same unit), actions, error
registrations and an audit log with a row per recorded production day.

Unlike the demo (``demo.py``, through the services one intent at a time) the rows are written in
bulk (``db.bulk``): millions of rows in minutes. The same seed and date give the same database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from db.bulk import bulk_loader, max_ids
from db.engine import Engine
from db.maintenance import database_is_empty, wipe
from driftboard import admin, calendar
from driftboard.domain import Actor, DomainError
from driftboard.tables import slugify

DEPARTMENTS_PER_UNIT = 5
TEAMS_PER_DEPARTMENT = 10
PEOPLE_PER_TEAM = 10
PLAN_WEEKS = 26  # week plans, assignments and absences: the last half year and next week
LOADER_NAME = "Driftboard (generated)"

UNIT_NAMES = [
    "Lån & Kredit",
    "Pension & Forsikring",
    "Betalinger",
    "Erhvervskunder",
    "Borgerservice",
    "Ydelser",
    "Skat & Inddrivelse",
    "Byggesager",
    "Sundhed & Omsorg",
    "Beskæftigelse",
]
DEPARTMENT_NAMES = ["Nord", "Syd", "Øst", "Vest", "Midt", "Hovedstaden", "Fyn", "Sjælland"]
TEAM_WORDS = [
    "Ansøgninger",
    "Dokumenter",
    "Udbetaling",
    "Kundeservice",
    "Opfølgning",
    "Kontrol",
    "Tinglysning",
    "Klager",
    "Afregning",
    "Sikkerheder",
    "Ændringer",
    "Indfrielser",
]
FIRST_NAMES = (  # noqa: SIM905
    "Anders Anne Birgitte Bo Camilla Christian Dorthe Emil Emma Frederik Gitte Hanne Henrik Ida Jakob "
    "Jens Julie Karen Kasper Kirsten Lars Laura Lene Lise Louise Mads Maja Malene Marianne Martin Mette "
    "Michael Mikkel Morten Niels Nikolaj Ole Peter Pia Rasmus Rikke Sara Signe Simon Sofie Susanne Søren "
    "Thomas Tina Troels Ulla Vibeke Astrid Freja Jonas Lucas Oliver William Clara Karoline"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen "
    "Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen "
    "Mikkelsen Lund Holm Dahl Bech Kjær Holt Frandsen Schmidt Berg Skov Vestergaard Juhl Bruun Lauridsen "
    "Friis Dalgaard Bak"
).split()
TASK_NAMES = [
    "Behandle ansøgninger",
    "Kontrollere dokumentation",
    "Indhente underskrifter",
    "Tinglyse pantebreve",
    "Udbetale lån",
    "Besvare kundehenvendelser",
    "Behandle klager",
    "Sende rykkere",
    "Registrere ændringer",
    "Indfri lån",
    "Oprette fuldmagter",
    "Behandle dødsboer",
    "Kreditvurdere kunder",
    "Registrere sikkerheder",
    "Afregne provision",
    "Behandle refusioner",
    "Partshøre borgere",
    "Træffe afgørelser",
    "Journalisere post",
    "Behandle aktindsigt",
    "Opdatere stamdata",
    "Følge op på restancer",
    "Genberegne ydelser",
    "Behandle flytninger",
    "Afslutte sager",
    "Scanne indgående post",
    "Kvalitetssikre afgørelser",
    "Behandle indsigelser",
]
PROCESS_GROUPS = ["Modtagelse", "Behandling", "Kontrol", "Afslutning"]
JOB_ROLES = [("sagsbehandler", "Sagsbehandler", "Case handler"), ("kundekontakt", "Kundekontakt", "Customer contact")]
# Improvement-card titles: a verb, what it acts on and where; about 20,000 distinct titles.
CARD_VERBS = [
    "Automatisér",
    "Forenkl",
    "Fjern",
    "Standardisér",
    "Digitalisér",
    "Saml",
    "Flyt",
    "Forkort",
    "Tjek tidligere",
    "Del skabelon for",
    "Undgå dobbelt",
    "Lav tjekliste til",
    "Prioritér",
    "Gør selvbetjening mulig for",
]
CARD_OBJECTS = [
    "kontrol af lønsedler",
    "indtastning af CPR-nummer",
    "påmindelser om manglende bilag",
    "udsendelse af låneaftaler",
    "opslag i tingbogen",
    "behandling af fuldmagter",
    "svar på standardspørgsmål",
    "registrering af sikkerheder",
    "afstemning af udbetalinger",
    "journalisering af post",
    "sagsoverdragelse mellem teams",
    "godkendelse af undtagelser",
    "indhentning af årsopgørelser",
    "opfølgning på rykkere",
    "oprettelse af nye kunder",
    "ændring af adresser",
    "beregning af restgæld",
    "kvittering for modtagne sager",
    "skift mellem fagsystemer",
    "håndtering af returpost",
    "vurdering af boligværdi",
    "opsigelse af aftaler",
    "fordeling af morgenpost",
    "kopiering af skabeloner",
    "genfremsendelse af breve",
    "telefonkø om mandagen",
    "sagsnotater i fritekst",
    "udskrivning til scanning",
    "kontrol af underskrifter",
    "ventetid på kreditvurdering",
]
CARD_PLACES = [
    "i kundeservice",
    "ved udbetaling",
    "for erhvervskunder",
    "ved månedsskifte",
    "i tinglysningen",
    "ved nye medarbejdere",
    "på tværs af afdelinger",
    "i ferieperioder",
    "for dødsboer",
    "i klagesager",
    "ved ændring af lån",
    "for pensionister",
    "i morgenmødet",
    "i sagsbehandlingen",
    "ved indfrielse",
    "",
    "",
    "",
    "",
    "",
]
ERROR_CATEGORIES = [
    "Manglende dokumentation",
    "Forkert CPR-nummer",
    "Underskrift mangler",
    "Forkert beløb",
    "Forkert adresse",
    "Sag sendt til forkert team",
]
COMMENTS = [
    "Har talt med IT om det.",
    "Vi tager den op på tavlemødet i morgen.",
    "Samme problem ses i nabo-teamet.",
    "Afventer svar fra leverandøren.",
    "God idé, men hvad koster det?",
    "Prøvet af i to uger: virker.",
]
ACTION_TEXTS = [
    "Gennemgå sager med lang liggetid på tavlemødet",
    "Flyt en medarbejder til den ældste kø i to uger",
    "Ring fem kritiske kunder op og notér årsagen",
    "Aftal fast tid til opfølgning med leverandøren",
]
ACTIVE_STAGES = ("intake", "prioritisation", "plan", "do", "check", "act")
STAGE_PATH = ("prioritisation", "plan", "do", "check", "act", "standard")
MONTH_SEASON = {
    1: 1.08,
    2: 1.0,
    3: 1.05,
    4: 1.0,
    5: 0.97,
    6: 0.95,
    7: 0.7,
    8: 0.9,
    9: 1.05,
    10: 1.05,
    11: 1.1,
    12: 0.85,
}


def _ts(day: dt.date, hour: int, minute: int = 0) -> str:
    """A timestamp as the database stores it (naive UTC; SQLAlchemy's SQLite text format)."""
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00.000000"


@dataclass(frozen=True)
class GenerateSummary:
    units: int
    departments: int
    teams: int
    people: int
    tasks: int
    cards: int
    rows: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


class Progress:
    """A one-line progress bar on a stream (standard error): rows written of the estimate."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream
        self.start = time.monotonic()
        self._last = 0.0

    def __call__(self, table: str, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if self.stream is None or now - self._last < 0.5:
            return
        self._last = now
        self._draw(table)

    def _draw(self, table: str) -> None:
        share = min(1.0, self.done / self.total)
        bar = "#" * int(share * 30)
        elapsed = time.monotonic() - self.start
        line = f"\r[{bar:<30}] {share * 100:5.1f}% {self.done:>11,} rows {elapsed:6.0f}s  {table:<22}"
        assert self.stream is not None
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.done = max(self.done, self.total)
            self._draw("done")
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class TeamSpec:
    id: int
    slug: str
    unit_index: int
    leader: str
    board_leader: str
    people: list[tuple[int, str, float, bool]] = field(default_factory=list)  # id, name, hours, team leader
    tasks: list[dict[str, Any]] = field(default_factory=list)
    skills: dict[int, list[int]] = field(default_factory=dict)  # person id -> task ids (competent or expert)


class _Ids:
    """Ids handed out per table, after those the database already holds."""

    def __init__(self, start: dict[str, int]) -> None:
        self.last = dict(start)

    def next(self, table: str) -> int:
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


def _shape(teams: int) -> list[list[int]]:
    """Teams per department per unit: departments of up to ten teams, units of up to five."""
    departments = max(1, math.ceil(teams / TEAMS_PER_DEPARTMENT))
    sizes = [teams // departments + (1 if i < teams % departments else 0) for i in range(departments)]
    return [sizes[i : i + DEPARTMENTS_PER_UNIT] for i in range(0, departments, DEPARTMENTS_PER_UNIT)]


def estimate_rows(teams: int, years: int) -> int:
    """Roughly how many rows ``generate`` writes (the progress bar's 100 %)."""
    days = years * 261
    tasks = teams * 12
    return tasks * days * 4 + teams * (years * 52 * 8 + PLAN_WEEKS * 85 + 60 * 5 + PEOPLE_PER_TEAM * 5)


def generate(
    engine: Engine,
    *,
    teams: int = 500,
    years: int = 3,
    seed: int = 1,
    today: dt.date,
    replace: bool = False,
    actor: Actor,
    progress: TextIO | None = sys.stderr,
) -> GenerateSummary:
    """Build a generated organisation into ``engine``'s database (migrated first). A database
    that holds data is refused unless ``replace``, which wipes it (no backup: generated data is
    for trials, not for keeping)."""
    if teams < 1 or years < 1:
        raise DomainError("--teams and --years must be at least 1", message_key="generate.err.size")
    started = time.monotonic()
    admin.init_db(engine)
    if not database_is_empty(engine):
        if not replace:
            raise DomainError(
                "the database already holds data; use --replace to wipe it and generate an organisation",
                message_key="generate.err.not_empty",
            )
        wipe(actor, engine)
    bar = Progress(estimate_rows(teams, years), progress)
    counts: dict[str, int] = {}

    def counted(table: str, rows: int) -> None:
        counts[table] = counts.get(table, 0) + rows
        bar(table, rows)

    gen = _Generator(random.Random(seed), seed, today, years, _Ids(max_ids(engine)))
    with bulk_loader(engine, counted) as loader:
        gen.run(teams, loader.insert)
    bar.close()
    return GenerateSummary(
        units=gen.n_units,
        departments=gen.n_departments,
        teams=len(gen.teams),
        people=counts.get("people", 0),
        tasks=counts.get("tasks", 0),
        cards=counts.get("improvement_cards", 0),
        rows=sum(counts.values()),
        seconds=time.monotonic() - started,
        counts=counts,
    )


Insert = Callable[[str, list[str], Any], int]
VERSIONED = ["version", "created_at", "updated_at"]


class _Generator:
    def __init__(self, rng: random.Random, seed: int, today: dt.date, years: int, ids: _Ids) -> None:
        self.rng = rng
        self.seed = seed
        self.today = today
        self.ids = ids
        self.first = today - dt.timedelta(days=365 * years)
        self.days = [
            self.first + dt.timedelta(days=i)
            for i in range((today - self.first).days + 1)
            if calendar.is_work_day(self.first + dt.timedelta(days=i))
        ]
        self.created = _ts(self.first - dt.timedelta(days=30), 8)
        self.teams: list[TeamSpec] = []
        self.units: list[int] = []
        self.n_units = 0
        self.n_departments = 0

    def run(self, n_teams: int, insert: Insert) -> None:
        self._org(n_teams, insert)
        self._people_and_tasks(insert)
        self._users(insert)
        self._plans(insert)
        self._daily(insert)
        self._measures(insert)
        self._cards(insert)
        self._errors(insert)

    # ----------------------------------------------------------------- organisation

    def _org(self, n_teams: int, insert: Insert) -> None:
        rows: list[tuple[Any, ...]] = []
        factors: list[tuple[Any, ...]] = []
        roles: list[tuple[Any, ...]] = []
        used: set[str] = set()
        escalation = json.dumps(["borrow_unit", "overtime", "borrow_departments", "temporary_staff"])
        wip = json.dumps({"plan": 4, "do": 4, "check": 3, "act": 3})
        for u, departments in enumerate(_shape(n_teams)):
            name = UNIT_NAMES[u % len(UNIT_NAMES)] + (f" {u // len(UNIT_NAMES) + 1}" if u >= len(UNIT_NAMES) else "")
            unit_id = self.ids.next("org_units")
            unit_slug = slugify(name)
            used.add(unit_slug)
            self.units.append(unit_id)
            rows.append((unit_id, None, "unit", name, unit_slug, u, True, "da", 0.0, 60, 10, 1.0, wip, escalation))
            factors.append((self.ids.next("planning_factors"), unit_id, 7.4, 6.0, 75.0, 10.0, 2.0))
            for order, (key, da, en) in enumerate(JOB_ROLES):
                roles.append((self.ids.next("job_roles"), unit_id, key, en, da, order, True))
            for d, size in enumerate(departments):
                dept_name = f"{name} {DEPARTMENT_NAMES[d % len(DEPARTMENT_NAMES)]}"
                dept_id = self.ids.next("org_units")
                dept_slug = slugify(dept_name)
                rows.append((dept_id, unit_id, "department", dept_name, dept_slug, d) + (True,) + (None,) * 7)
                for t in range(size):
                    team_name = f"{dept_name} {TEAM_WORDS[t % len(TEAM_WORDS)]}"
                    if t >= len(TEAM_WORDS):
                        team_name += f" {t // len(TEAM_WORDS) + 1}"
                    slug = slugify(team_name)[:60]
                    team_id = self.ids.next("org_units")
                    rows.append((team_id, dept_id, "team", team_name, slug, t) + (True,) + (None,) * 7)
                    self.teams.append(TeamSpec(team_id, slug, u, "", ""))
                self.n_departments += 1
        self.n_units = len(self.units)
        insert(
            "org_units",
            [
                "id",
                "parent_id",
                "level",
                "name",
                "slug",
                "sort_order",
                "active",
                "language",
                "status_tolerance_pct",
                "refresh_seconds",
                "meeting_minutes",
                "competence_margin_fte",
                "wip_limits",
                "escalation_order",
                *VERSIONED,
            ],
            [(*r, 1, self.created, self.created) for r in rows],
        )
        insert(
            "planning_factors",
            [
                "id",
                "org_unit_id",
                "daily_hours",
                "customer_facing_hours",
                "board_leader_load_pct",
                "development_reserve_pct",
                "overtime_cap_hours_per_week",
                *VERSIONED,
            ],
            [(*r, 1, self.created, self.created) for r in factors],
        )
        insert(
            "job_roles",
            ["id", "unit_id", "key", "name_en", "name_da", "sort_order", "active", *VERSIONED],
            [(*r, 1, self.created, self.created) for r in roles],
        )

    def _people_and_tasks(self, insert: Insert) -> None:
        rng = self.rng
        people: list[tuple[Any, ...]] = []
        tasks: list[tuple[Any, ...]] = []
        skills: list[tuple[Any, ...]] = []
        employee = 0
        for team in self.teams:
            names: list[str] = []
            while len(names) < PEOPLE_PER_TEAM:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if name not in names:
                    names.append(name)
            for i, name in enumerate(names):
                employee += 1
                person_id = self.ids.next("people")
                hours = 7.4 if rng.random() < 0.85 else 6.0
                leader, board = i == 0, i == 1
                role = "kundekontakt" if i == PEOPLE_PER_TEAM - 1 else "sagsbehandler"
                team.people.append((person_id, name, hours, leader))
                people.append(
                    (person_id, team.id, name, "[]", hours, True, f"E{employee:06d}", role, leader, board, None)
                )
            team.leader, team.board_leader = names[0], names[1]
            n_tasks = max(4, min(20, round(rng.gauss(12, 3))))
            for order, task_name in enumerate(rng.sample(TASK_NAMES, n_tasks)):
                task_id = self.ids.next("tasks")
                task = {
                    "id": task_id,
                    "minutes": float(rng.choice((5, 8, 10, 12, 15, 20, 25, 30, 35, 45, 60))),
                    "goal": rng.choice((1, 2, 2, 3, 3, 4, 5, 10)),
                    "volume": 0,
                    "error": round(rng.uniform(0.5, 6.0), 1),
                }
                # Volumes sized so the team's handlers can carry the work (~5 customer-facing h each).
                task["volume"] = max(2, round(rng.uniform(0.5, 1.5) * 8 * 5 * 60 / n_tasks / task["minutes"]))
                team.tasks.append(task)
                tasks.append(
                    (
                        task_id,
                        team.id,
                        task_name,
                        slugify(task_name),
                        PROCESS_GROUPS[order * len(PROCESS_GROUPS) // n_tasks],
                        task["minutes"],
                        task["goal"],
                        task["volume"],
                        task["error"],
                        order,
                        True,
                    )
                )
            task_ids = [t["id"] for t in team.tasks]
            for person_id, _name, _hours, leader in team.people:
                if leader:
                    continue
                mine = rng.sample(task_ids, min(len(task_ids), rng.randint(3, 6)))
                team.skills[person_id] = mine[:-1] if len(mine) > 3 else mine
                for k, task_id in enumerate(mine):
                    level = (
                        "in_training" if k == len(mine) - 1 and len(mine) > 3 else rng.choice(("expert", "competent"))
                    )
                    skills.append((self.ids.next("competences"), person_id, task_id, level))
        stamp = [1, self.created, self.created]
        insert(
            "people",
            [
                "id",
                "team_id",
                "name",
                "roles",
                "daily_hours",
                "active",
                "employee_id",
                "job_role",
                "team_leader",
                "board_leader",
                "email",
                *VERSIONED,
            ],
            [(*r, *stamp) for r in people],
        )
        insert(
            "tasks",
            [
                "id",
                "team_id",
                "name",
                "slug",
                "process_group",
                "minutes_per_case",
                "service_goal_days",
                "expected_daily_volume",
                "input_error_rate_pct",
                "sort_order",
                "active",
                *VERSIONED,
            ],
            [(*r, *stamp) for r in tasks],
        )
        insert("competences", ["id", "person_id", "task_id", "level", *VERSIONED], [(*r, *stamp) for r in skills])

    def _users(self, insert: Insert) -> None:
        users: list[tuple[Any, ...]] = []
        grants: list[tuple[Any, ...]] = []
        admin_id = self.ids.next("users")
        users.append((admin_id, "admin", "Administrator", None, None, True))
        for unit_id in self.units:
            grants.append((self.ids.next("role_grants"), admin_id, unit_id, "admin", self.created))
        for team in self.teams:  # each team leader signs in and leads the team
            person_id, name, _hours, _leader = team.people[0]
            user_id = self.ids.next("users")
            users.append((user_id, f"{team.slug}.leader"[:60], name, person_id, None, True))
            grants.append((self.ids.next("role_grants"), user_id, team.id, "leader", self.created))
            grants.append((self.ids.next("role_grants"), user_id, team.id, "member", self.created))
        insert(
            "users",
            ["id", "username", "display_name", "person_id", "language", "active", *VERSIONED],
            [(*r, 1, self.created, self.created) for r in users],
        )
        insert("role_grants", ["id", "user_id", "org_unit_id", "role", "created_at"], grants)

    # ----------------------------------------------------------------- week plans

    def _plans(self, insert: Insert) -> None:
        this_monday = calendar.week_start(self.today)
        mondays = [this_monday - dt.timedelta(weeks=w) for w in range(PLAN_WEEKS - 1, -2, -1)]
        plans: list[tuple[Any, ...]] = []
        assignments: list[tuple[Any, ...]] = []
        absences: list[tuple[Any, ...]] = []
        changes: list[tuple[Any, ...]] = []
        for team in self.teams:
            rng = random.Random(self.seed * 1_000_003 + team.id)
            tasks = {t["id"]: t for t in team.tasks}
            for monday in mondays:
                plan_id = self.ids.next("week_plans")
                planned: list[list[Any]] = []
                for offset in range(5):
                    day = monday + dt.timedelta(days=offset)
                    iso = day.isoformat()
                    need = {tid: t["volume"] * t["minutes"] / 60 for tid, t in tasks.items()}
                    for person_id, name, hours, leader in team.people:
                        if leader:
                            continue
                        r = rng.random()
                        if r < 0.04:
                            kind = "sick" if r < 0.03 else "vacation"
                            absences.append((self.ids.next("absences"), person_id, iso, kind, hours, ""))
                            if kind == "sick" and day <= self.today:
                                changes.append(
                                    (
                                        self.ids.next("plan_changes"),
                                        team.id,
                                        iso,
                                        "sickness",
                                        person_id,
                                        None,
                                        "",
                                        json.dumps({"event": "sick", "person": name, "tasks": []}),
                                        team.leader,
                                        _ts(day, 7, 10),
                                    )
                                )
                            continue
                        left = math.floor(hours * 0.8 * 4) / 4
                        for task_id in sorted(team.skills[person_id], key=lambda t: -need[t]):
                            if left <= 0:
                                break
                            share = min(left, max(1.0, round(need[task_id] * 4) / 4))
                            need[task_id] -= share
                            left -= share
                            planned.append([person_id, iso, task_id, share])
                for person_id, iso, task_id, share in planned:
                    assignments.append((self.ids.next("assignments"), plan_id, person_id, task_id, iso, share))
                published = monday <= this_monday
                iso_year, iso_week, _ = monday.isocalendar()
                plans.append(
                    (
                        plan_id,
                        team.id,
                        iso_year,
                        iso_week,
                        "published" if published else "draft",
                        _ts(monday - dt.timedelta(days=3), 13) if published else None,
                        team.leader if published else None,
                        json.dumps(planned),
                    )
                )
        stamp = [1, self.created, self.created]
        insert(
            "week_plans",
            ["id", "team_id", "iso_year", "iso_week", "status", "published_at", "published_by", "planned", *VERSIONED],
            [(*r, *stamp) for r in plans],
        )
        insert(
            "assignments",
            ["id", "week_plan_id", "person_id", "task_id", "date", "hours", *VERSIONED],
            [(*r, *stamp) for r in assignments],
        )
        insert(
            "absences",
            ["id", "person_id", "date", "kind", "hours", "note", *VERSIONED],
            [(*r, *stamp) for r in absences],
        )
        insert(
            "plan_changes",
            ["id", "team_id", "date", "kind", "person_id", "task_id", "description", "params", "author", "created_at"],
            changes,
        )

    # ----------------------------------------------------------------- daily numbers

    def _daily(self, insert: Insert) -> None:
        """Production, intake and holdings per task and work day, with an audit row per
        production day; written task by task so the three stay consistent."""
        prod: list[tuple[Any, ...]] = []
        intake: list[tuple[Any, ...]] = []
        holdings: list[tuple[Any, ...]] = []
        audit: list[tuple[Any, ...]] = []
        days = [(d, d.isoformat(), d.weekday(), MONTH_SEASON[d.month], d < self.today) for d in self.days]

        def flush() -> None:
            insert("production", ["id", "task_id", "date", "produced", "source", "recorded_by", *VERSIONED], prod)
            insert("intake", ["id", "task_id", "date", "received", "source", "recorded_by", *VERSIONED], intake)
            insert(
                "holdings",
                ["id", "task_id", "date", "open_cases", "due_today", "overdue", "recorded_by", *VERSIONED],
                holdings,
            )
            insert(
                "audit_log",
                ["entity", "entity_id", "action", "new_value", "actor", "row_version", "at"],
                audit,
            )
            for rows in (prod, intake, holdings, audit):
                rows.clear()

        for team in self.teams:
            rng = random.Random(self.seed * 7_919 + team.id)
            recorder = team.board_leader
            for task in team.tasks:
                task_id, volume, goal = task["id"], task["volume"], task["goal"]
                backlog = 0.0
                for _day, iso, weekday, season, past in days:
                    stamp = f"{iso} 15:{weekday * 7:02d}:00.000000"
                    arriving = volume * season * (1.35 if weekday == 0 else 1.0)
                    received = max(0, round(rng.gauss(arriving, arriving * 0.12)))
                    intake_id = self.ids.next("intake")
                    intake.append((intake_id, task_id, iso, received, "import", "Kernesystem", 1, stamp, stamp))
                    if past:
                        produced = max(0, round((volume * season + backlog * 0.3) * rng.gauss(1.0, 0.08)))
                        backlog = max(0.0, backlog + received - produced)
                        prod_id = self.ids.next("production")
                        source = "manual" if rng.random() < 0.6 else "import"
                        prod.append((prod_id, task_id, iso, produced, source, recorder, 1, stamp, stamp))
                        audit.append(
                            (
                                "production",
                                prod_id,
                                "insert",
                                f'{{"date": "{iso}", "id": "{prod_id}", "produced": "{produced}", '
                                f'"recorded_by": "{recorder}", "source": "{source}", "task_id": "{task_id}"}}',
                                recorder,
                                1,
                                stamp,
                            )
                        )
                    open_cases = max(1, round(arriving * goal * rng.uniform(0.75, 1.05) + backlog))
                    overdue = min(open_cases // 4, round(backlog * 0.3))
                    due_today = min(open_cases - overdue, round(open_cases / goal * rng.uniform(0.3, 0.6)))
                    holdings.append(
                        (
                            self.ids.next("holdings"),
                            task_id,
                            iso,
                            open_cases,
                            due_today,
                            overdue,
                            recorder,
                            1,
                            stamp,
                            stamp,
                        )
                    )
            if len(prod) > 200_000:
                flush()
        flush()

    # ----------------------------------------------------------------- goal steering

    def _measures(self, insert: Insert) -> None:
        year_end = dt.date(self.today.year, 12, 31)
        this_monday = calendar.week_start(self.today)
        mondays = []
        monday = calendar.week_start(self.first) + dt.timedelta(weeks=1)
        while monday < this_monday:
            mondays.append(monday)
            monday += dt.timedelta(weeks=1)
        first_iso = self.first.isoformat()
        end_iso = year_end.isoformat()
        # name, slug, kind, unit, decimals, direction, baseline, target, comparator, threshold, rollup
        specs = [
            ("FTE frigjort ved automatisering", "fte-saved", "kpi", "FTE", 2, "higher", 0.0, 1.5, None, None, "sum"),
            (
                "Gennemsnitlig leveringstid",
                "delivery-time",
                "kpi",
                "dage",
                2,
                "lower",
                5.0,
                4.4,
                None,
                None,
                "weighted_mean",
            ),
            (
                "Overholdelse af servicemål",
                "service-goal-compliance",
                "control",
                "%",
                1,
                None,
                None,
                None,
                ">",
                98.0,
                "worst",
            ),
            ("Fejlrate i output", "output-error-rate", "control", "%", 1, None, None, None, "<", 2.0, "worst"),
            ("Indgående mængde", "incoming-volume", "operational", "sager", 0, None, None, None, None, None, "sum"),
            (
                "Timer på kundevendte opgaver",
                "customer-facing-hours",
                "operational",
                "timer",
                0,
                None,
                None,
                None,
                None,
                None,
                "sum",
            ),
            ("Kundetilfredshed", "customer-satisfaction", "kpi", "point", 1, "higher", 3.8, 4.3, None, None, "mean"),
        ]
        measures: list[tuple[Any, ...]] = []
        values: list[tuple[Any, ...]] = []
        actions: list[tuple[Any, ...]] = []
        span = (year_end - self.first).days
        for team in self.teams:
            rng = random.Random(self.seed * 104_729 + team.id)
            weekly_volume = float(sum(t["volume"] for t in team.tasks) * 5)
            hours = sum(t["volume"] * t["minutes"] / 60 for t in team.tasks) * 5
            for order, (
                name,
                slug,
                kind,
                unit,
                decimals,
                direction,
                base,
                target,
                comp,
                threshold,
                rollup,
            ) in enumerate(specs):
                measure_id = self.ids.next("measures")
                kpi = kind == "kpi"
                measures.append(
                    (
                        measure_id,
                        team.id,
                        name,
                        slug,
                        kind,
                        unit,
                        decimals,
                        direction,
                        base,
                        first_iso if kpi else None,
                        target,
                        end_iso if kpi else None,
                        comp,
                        threshold,
                        0.0,
                        "week",
                        rollup,
                        order,
                        True,
                    )
                )
                for week, monday in enumerate(mondays):
                    frac = (monday - self.first).days / span
                    weight = None
                    if slug == "fte-saved":
                        value = max(0.0, math.floor(1.5 * frac * rng.uniform(0.8, 1.1) * 4) / 4)
                    elif slug == "delivery-time":
                        value, weight = round(5.0 - 0.6 * frac + rng.gauss(0.05, 0.15), 2), weekly_volume
                    elif slug == "service-goal-compliance":
                        value, weight = round(min(100.0, rng.gauss(98.6, 0.6)), 1), weekly_volume
                    elif slug == "output-error-rate":
                        value, weight = round(max(0.0, rng.gauss(1.5, 0.35)), 2), weekly_volume
                    elif slug == "incoming-volume":
                        value = float(round(weekly_volume * rng.uniform(0.88, 1.12)))
                    elif slug == "customer-facing-hours":
                        value = round(hours * rng.uniform(0.9, 1.05), 1)
                    else:
                        value = round(3.8 + 0.5 * frac + rng.gauss(0.0, 0.15), 1)
                    values.append((self.ids.next("measure_values"), measure_id, monday.isoformat(), value, weight))
                    if kpi and week % 8 == 7 and rng.random() < 0.6:
                        recent = monday >= this_monday - dt.timedelta(weeks=4)
                        status = "open" if recent else rng.choice(("done", "done", "done", "cancelled", "moved"))
                        actions.append(
                            (
                                self.ids.next("actions"),
                                measure_id,
                                monday.isoformat(),
                                rng.choice(ACTION_TEXTS),
                                team.leader,
                                (monday + dt.timedelta(days=14)).isoformat(),
                                status,
                                None,
                                team.leader,
                                _ts(monday, 9, 5),
                            )
                        )
        stamp = [1, self.created, self.created]
        insert(
            "measures",
            [
                "id",
                "org_unit_id",
                "name",
                "slug",
                "kind",
                "unit",
                "decimals",
                "direction",
                "baseline",
                "baseline_date",
                "target",
                "target_date",
                "comparator",
                "threshold",
                "tolerance_pct",
                "period",
                "rollup",
                "sort_order",
                "active",
                *VERSIONED,
            ],
            [(*r, *stamp) for r in measures],
        )
        insert(
            "measure_values",
            ["id", "measure_id", "period_start", "value", "weight", "entered_by", *VERSIONED],
            ((*r, LOADER_NAME, *stamp) for r in values),
        )
        insert(
            "actions",
            [
                "id",
                "measure_id",
                "period_start",
                "text",
                "owner",
                "due_date",
                "status",
                "improvement_card_id",
                "created_by",
                "version",
                "created_at",
                "updated_at",
            ],
            [(*a[:-1], 1, a[-1], a[-1]) for a in actions],
        )

    # ----------------------------------------------------------------- improvement

    def _title(self, rng: random.Random) -> str:
        place = rng.choice(CARD_PLACES)
        title = f"{rng.choice(CARD_VERBS)} {rng.choice(CARD_OBJECTS)}"
        return f"{title} {place}" if place else title

    @staticmethod
    def _near_copy(rng: random.Random, title: str) -> str:
        """Another team's wording of the same problem: a typo, a word dropped or added."""
        words = title.split()
        how = rng.randrange(3)
        if how == 0 and len(words) > 3:
            del words[rng.randrange(1, len(words))]
        elif how == 1:
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 4:
                j = rng.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        else:
            words.append(rng.choice(("igen", "stadig", "også hos os", "(samme problem)")))
        return " ".join(words)

    def _cards(self, insert: Insert) -> None:
        start = dt.datetime.combine(self.first, dt.time(9))
        span = (dt.datetime.combine(self.today, dt.time(9)) - start).total_seconds()
        now = dt.datetime.combine(self.today, dt.time(8))
        cards: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        audit: list[tuple[Any, ...]] = []
        by_unit: dict[int, list[tuple[int, int, str]]] = {}  # unit index -> (card id, team id, title)
        for team in self.teams:
            rng = random.Random(self.seed * 15_485_863 + team.id)
            handlers = [(pid, name) for pid, name, _h, leader in team.people if not leader]
            earlier = by_unit.setdefault(team.unit_index, [])
            for _ in range(60):
                card_id = self.ids.next("improvement_cards")
                created = start + dt.timedelta(seconds=int(rng.random() ** 0.8 * span))
                created = min(created, now - dt.timedelta(hours=1))
                age_days = (now - created).days
                copy_of = None
                if earlier and rng.random() < 0.03:
                    copy_of = rng.choice(earlier)
                    title = self._near_copy(rng, copy_of[2])
                else:
                    title = self._title(rng)
                earlier.append((card_id, team.id, title))
                proposer_id, proposer = rng.choice(handlers)
                # Old cards have mostly ended (standard, parked, rejected); new ones are active.
                r = rng.random()
                if age_days > 180:
                    stage = "standard" if r < 0.55 else "rejected" if r < 0.7 else "parked" if r < 0.8 else None
                elif age_days > 60:
                    stage = "standard" if r < 0.25 else "rejected" if r < 0.33 else "parked" if r < 0.37 else None
                else:
                    stage = None
                if stage is None:
                    stage = rng.choice(ACTIVE_STAGES)
                path = list(STAGE_PATH[: STAGE_PATH.index(stage) + 1]) if stage in STAGE_PATH else []
                if stage in ("parked", "rejected"):
                    path = [*list(STAGE_PATH[: rng.randrange(0, 3)]), stage]
                lifetime = min(age_days, 120) if stage in ("standard", "parked", "rejected") else max(1, age_days)
                step = dt.timedelta(days=lifetime) / (len(path) + 1)
                owner = rng.choice(handlers) if stage not in ("intake", "prioritisation") else None
                actor = owner[1] if owner else team.leader
                moved_at = created
                events.append((self.ids.next("card_events"), card_id, "created", None, None, "intake", proposer,
                               created))  # fmt: skip
                previous = "intake"
                for i, to in enumerate(path, start=1):
                    moved_at = created + step * i
                    events.append(
                        (self.ids.next("card_events"), card_id, "moved", "stage", previous, to, actor, moved_at)
                    )
                    previous = to
                if owner:
                    events.append((self.ids.next("card_events"), card_id, "owner_taken", "owner", None, owner[1],
                                   owner[1], created + step / 2))  # fmt: skip
                if rng.random() < 0.25:
                    events.append((self.ids.next("card_events"), card_id, "comment", None, None,
                                   rng.choice(COMMENTS), rng.choice(handlers)[1], created + step))  # fmt: skip
                if copy_of is not None and rng.random() < 0.3:
                    a, b = sorted((copy_of[0], card_id))
                    links.append((self.ids.next("card_links"), a, b, team.leader, _ts(self.today, 8)))
                prioritised = stage not in ("intake",)
                problem = f"Vi bruger tid på {title.split(' ', 1)[-1].lower()} hver uge."
                idea = "Lav en fælles skabelon og aftal én måde at gøre det på." if rng.random() < 0.6 else ""
                standard = stage == "standard"
                cards.append(
                    (
                        card_id,
                        team.id,
                        title[:200],
                        problem,
                        idea,
                        proposer_id,
                        owner[0] if owner else None,
                        stage,
                        rng.randint(1, 5) if prioritised else None,
                        rng.randint(1, 5) if prioritised else None,
                        "Ny standard beskrevet i teamets vejledning." if standard else "",
                        "Løses bedre af et fælles IT-projekt." if stage == "rejected" else "",
                        rng.random() < 0.15,
                        moved_at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                        moved_at.strftime("%Y-%m-%d %H:%M:%S.%f") if standard else None,
                        1 + len(path) + (1 if owner else 0),
                        created.strftime("%Y-%m-%d %H:%M:%S.%f"),
                        moved_at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    )
                )
                audit.append(
                    (
                        "improvement_cards",
                        card_id,
                        "insert",
                        json.dumps({"title": title, "stage": "intake"}),
                        proposer,
                        1,
                        created.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    )
                )
        empty = ("",) * 8  # a3_* (7) and origin
        insert(
            "improvement_cards",
            [
                "id",
                "team_id",
                "title",
                "problem",
                "idea",
                "proposer_id",
                "owner_id",
                "stage",
                "impact",
                "effort",
                "new_standard",
                "rejection_reason",
                "needs_it_change",
                "stage_changed_at",
                "standard_at",
                "version",
                "created_at",
                "updated_at",
                "a3_background",
                "a3_current_state",
                "a3_goal",
                "a3_root_cause",
                "a3_countermeasures",
                "a3_plan",
                "a3_follow_up",
                "origin",
            ],
            ((*c, *empty) for c in cards),
        )
        insert(
            "card_events",
            ["id", "card_id", "kind", "field", "old_value", "new_value", "actor", "created_at"],
            ((*e[:-1], e[-1].strftime("%Y-%m-%d %H:%M:%S.%f")) for e in events),
        )
        insert("card_links", ["id", "card_a_id", "card_b_id", "created_by", "created_at"], _unique_links(links))
        insert("audit_log", ["entity", "entity_id", "action", "new_value", "actor", "row_version", "at"], audit)

    def _errors(self, insert: Insert) -> None:
        rows: list[tuple[Any, ...]] = []
        this_monday = calendar.week_start(self.today)
        monday = calendar.week_start(self.first) + dt.timedelta(weeks=1)
        while monday < this_monday:
            for team in self.teams:
                rng = random.Random(self.seed * 31 + team.id * 1_009 + monday.toordinal())
                for category in rng.sample(ERROR_CATEGORIES, 2):
                    day = monday + dt.timedelta(days=rng.randrange(5))
                    rows.append(
                        (
                            self.ids.next("error_registrations"),
                            team.id,
                            rng.choice(team.tasks)["id"],
                            day.isoformat(),
                            category,
                            rng.randint(1, 9),
                            team.leader,
                            1,
                            _ts(day, 14),
                            _ts(day, 14),
                        )
                    )
            monday += dt.timedelta(weeks=1)
        insert(
            "error_registrations",
            ["id", "team_id", "task_id", "date", "category", "count", "registered_by", *VERSIONED],
            rows,
        )


def _unique_links(links: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    seen: set[tuple[int, int]] = set()
    for link in links:
        if (link[1], link[2]) not in seen and link[1] != link[2]:
            seen.add((link[1], link[2]))
            yield link
