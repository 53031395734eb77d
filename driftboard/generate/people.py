"""Each team's people and tasks, who is competent at what, and the sign-ins: an administrator
for every unit and each team leader for the team."""

from __future__ import annotations

import random

from driftboard.generate.common import VERSIONED, Generation, PersonSpec, Row, TaskSpec, TeamSpec
from driftboard.generate.organisation import Organisation
from driftboard.tables import slugify

PEOPLE_PER_TEAM = 10

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
MINUTES_PER_CASE = (5, 8, 10, 12, 15, 20, 25, 30, 35, 45, 60)
SERVICE_GOAL_DAYS = (1, 2, 2, 3, 3, 4, 5, 10)


def write_people_and_tasks(gen: Generation, teams: list[TeamSpec]) -> None:
    """Fill in every team's people, tasks and skills, and write them with their competences."""
    rng = random.Random(gen.seed)  # one stream through all teams, in order
    people: list[Row] = []
    tasks: list[Row] = []
    competences: list[Row] = []
    for team in teams:
        people.extend(_people(gen, rng, team, employees_before=len(people)))
        tasks.extend(_tasks(gen, rng, team))
        competences.extend(_competences(gen, rng, team))
    gen.insert(
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
        gen.versioned(people),
    )
    gen.insert(
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
        gen.versioned(tasks),
    )
    gen.insert("competences", ["id", "person_id", "task_id", "level", *VERSIONED], gen.versioned(competences))


def _people(gen: Generation, rng: random.Random, team: TeamSpec, employees_before: int) -> list[Row]:
    """Ten different names; the first leads the team, the second the board meeting, the last
    has customer contact."""
    names: list[str] = []
    while len(names) < PEOPLE_PER_TEAM:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in names:
            names.append(name)
    rows = []
    for i, name in enumerate(names):
        person_id = gen.ids.next("people")
        hours = 7.4 if rng.random() < 0.85 else 6.0
        leader, board = i == 0, i == 1
        role = "kundekontakt" if i == PEOPLE_PER_TEAM - 1 else "sagsbehandler"
        team.people.append(PersonSpec(person_id, name, hours, leader))
        employee = f"E{employees_before + i + 1:06d}"
        rows.append((person_id, team.id, name, "[]", hours, True, employee, role, leader, board, None))
    team.leader, team.board_leader = names[0], names[1]
    return rows


def _tasks(gen: Generation, rng: random.Random, team: TeamSpec) -> list[Row]:
    n_tasks = max(4, min(20, round(rng.gauss(12, 3))))
    rows = []
    for order, task_name in enumerate(rng.sample(TASK_NAMES, n_tasks)):
        task_id = gen.ids.next("tasks")
        minutes = float(rng.choice(MINUTES_PER_CASE))
        goal = rng.choice(SERVICE_GOAL_DAYS)
        error = round(rng.uniform(0.5, 6.0), 1)
        # Volumes sized so the team's handlers can carry the work (~5 customer-facing h each).
        volume = max(2, round(rng.uniform(0.5, 1.5) * 8 * 5 * 60 / n_tasks / minutes))
        team.tasks.append(TaskSpec(task_id, minutes, goal, volume, error))
        group = PROCESS_GROUPS[order * len(PROCESS_GROUPS) // n_tasks]
        rows.append((task_id, team.id, task_name, slugify(task_name), group, minutes, goal, volume, error, order, True))
    return rows


def _competences(gen: Generation, rng: random.Random, team: TeamSpec) -> list[Row]:
    """Three to six tasks per handler, competent or expert; of more than three, the last is
    still in training (and not planned)."""
    task_ids = [t.id for t in team.tasks]
    rows = []
    for person in team.handlers():
        mine = rng.sample(task_ids, min(len(task_ids), rng.randint(3, 6)))
        training = len(mine) > 3
        team.skills[person.id] = mine[:-1] if training else mine
        for k, task_id in enumerate(mine):
            level = "in_training" if training and k == len(mine) - 1 else rng.choice(("expert", "competent"))
            rows.append((gen.ids.next("competences"), person.id, task_id, level))
    return rows


def write_users(gen: Generation, org: Organisation) -> None:
    """The administrator (of every unit) and a sign-in per team leader, who leads the team."""
    users: list[Row] = []
    grants: list[Row] = []
    admin_id = gen.ids.next("users")
    users.append((admin_id, "admin", "Administrator", None, None, True))
    for unit_id in org.units:
        grants.append((gen.ids.next("role_grants"), admin_id, unit_id, "admin", gen.created))
    for team in org.teams:
        leader = team.people[0]
        user_id = gen.ids.next("users")
        users.append((user_id, f"{team.slug}.leader"[:60], leader.name, leader.id, None, True))
        grants.append((gen.ids.next("role_grants"), user_id, team.id, "leader", gen.created))
        grants.append((gen.ids.next("role_grants"), user_id, team.id, "member", gen.created))
    gen.insert(
        "users",
        ["id", "username", "display_name", "person_id", "language", "active", *VERSIONED],
        gen.versioned(users),
    )
    gen.insert("role_grants", ["id", "user_id", "org_unit_id", "role", "created_at"], grants)
