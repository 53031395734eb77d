"""The organisation's tree: units of departments of teams (Danish names), with each unit's
settings, planning factors and job roles."""

from __future__ import annotations

import json
import math
from dataclasses import astuple, dataclass

from driftboard.generate.common import VERSIONED, Generation, Row, TeamSpec
from driftboard.planning import FACTOR_NAMES, PlanningFactors
from driftboard.tables import slugify

DEPARTMENTS_PER_UNIT = 5
TEAMS_PER_DEPARTMENT = 10

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
UNIT_FACTORS = PlanningFactors(daily_hours=7.4)  # as a new unit's (services.unit_setup.DEFAULT_FACTORS)
JOB_ROLES = [("sagsbehandler", "Sagsbehandler", "Case handler"), ("kundekontakt", "Kundekontakt", "Customer contact")]
WIP_LIMITS = json.dumps({"plan": 4, "do": 4, "check": 3, "act": 3})
ESCALATION_ORDER = json.dumps(["borrow_unit", "overtime", "borrow_departments", "temporary_staff"])
ORG_UNIT_COLUMNS = [
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
]
UNIT_ONLY = (None,) * 7  # the unit settings (language … escalation order), empty below a unit


@dataclass
class Organisation:
    units: list[int]  # ids
    departments: int
    teams: list[TeamSpec]


def shape(teams: int) -> list[list[int]]:
    """Teams per department per unit: departments of up to ten teams, units of up to five."""
    departments = max(1, math.ceil(teams / TEAMS_PER_DEPARTMENT))
    sizes = [teams // departments + (1 if i < teams % departments else 0) for i in range(departments)]
    return [sizes[i : i + DEPARTMENTS_PER_UNIT] for i in range(0, departments, DEPARTMENTS_PER_UNIT)]


def numbered(names: list[str], i: int) -> str:
    """The i-th name, with a number once the list has been used up ("Nord", …, "Nord 2")."""
    name = names[i % len(names)]
    return f"{name} {i // len(names) + 1}" if i >= len(names) else name


def write_organisation(gen: Generation, n_teams: int) -> Organisation:
    """Write the tree of ``n_teams`` teams; the teams come back without people or tasks."""
    org = Organisation(units=[], departments=0, teams=[])
    rows: list[Row] = []
    factors: list[Row] = []
    roles: list[Row] = []
    for u, departments in enumerate(shape(n_teams)):
        name = numbered(UNIT_NAMES, u)
        unit_id = gen.ids.next("org_units")
        org.units.append(unit_id)
        rows.append(
            (unit_id, None, "unit", name, slugify(name), u, True, "da", 0.0, 60, 10, 1.0, WIP_LIMITS, ESCALATION_ORDER)
        )
        factors.append((gen.ids.next("planning_factors"), unit_id, *astuple(UNIT_FACTORS)))
        for order, (key, da, en) in enumerate(JOB_ROLES):
            roles.append((gen.ids.next("job_roles"), unit_id, key, en, da, order, True))
        for d, size in enumerate(departments):
            dept_name = f"{name} {DEPARTMENT_NAMES[d % len(DEPARTMENT_NAMES)]}"
            dept_id = gen.ids.next("org_units")
            rows.append((dept_id, unit_id, "department", dept_name, slugify(dept_name), d, True, *UNIT_ONLY))
            for t in range(size):
                team_name = f"{dept_name} {numbered(TEAM_WORDS, t)}"
                slug = slugify(team_name)[:60]
                team_id = gen.ids.next("org_units")
                rows.append((team_id, dept_id, "team", team_name, slug, t, True, *UNIT_ONLY))
                org.teams.append(TeamSpec(team_id, slug, u))
            org.departments += 1
    gen.insert("org_units", ORG_UNIT_COLUMNS, gen.versioned(rows))
    gen.insert("planning_factors", ["id", "org_unit_id", *FACTOR_NAMES, *VERSIONED], gen.versioned(factors))
    gen.insert(
        "job_roles",
        ["id", "unit_id", "key", "name_en", "name_da", "sort_order", "active", *VERSIONED],
        gen.versioned(roles),
    )
    return org
