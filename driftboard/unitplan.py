"""The plan of a master-data import: the rows of a filled workbook (``unitdata``) checked against
what the installation already holds.

Pure: rows in, a ``MasterDataPlan`` of clean rows (matched by slug and employee id) or
``RowError``s out, each naming sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from driftboard.domain import OrgLevel, RowError
from driftboard.planning import PlanningFactors
from driftboard.tables import BadCell, is_blank, parse_value, slugify, unique_slug
from driftboard.unitdata import FACTOR_NAMES, NEW_UNIT_FACTORS, SHEETS_BY_NAME, Rows

# --------------------------------------------------------------------------- what exists already


@dataclass(frozen=True)
class OrgRef:
    slug: str
    level: OrgLevel
    name: str
    parent_slug: str | None
    unit_slug: str


@dataclass
class Existing:
    """What the installation holds, as the validation needs it (keys casefolded): of the org
    units the importer may see; another unit's slugs are only ``taken`` and its people only
    ``elsewhere`` (a row naming one of them is refused, never moved out of that unit)."""

    orgs: dict[str, OrgRef] = field(default_factory=dict)  # by slug
    aliases: dict[str, str] = field(default_factory=dict)  # old slug → slug
    job_roles: dict[str, dict[str, str]] = field(default_factory=dict)  # unit slug → name/key → key
    job_role_names: dict[str, dict[str, str]] = field(default_factory=dict)  # unit slug → key → name
    people: dict[str, str] = field(default_factory=dict)  # employee id → team slug
    tasks: dict[str, dict[str, str]] = field(default_factory=dict)  # team slug → name/slug → slug
    # The names a team's people and tasks hold (exactly as stored: each is unique in its team).
    person_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (team, name) → employee id or ""
    task_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (team, name) → task slug
    factors: dict[str, dict[str, float | None]] = field(default_factory=dict)  # org slug → its own factors
    taken: set[str] = field(default_factory=set)  # slugs and old slugs of org units not seen
    elsewhere: set[str] = field(default_factory=set)  # employee ids of people in units not seen


# --------------------------------------------------------------------------- the clean result


@dataclass(frozen=True)
class OrgRow:
    level: OrgLevel
    name: str
    slug: str
    parent_slug: str | None
    language: str | None
    active: bool | None = None  # None: leave as it is


@dataclass(frozen=True)
class JobRoleRow:
    unit_slug: str
    key: str
    name_da: str
    name_en: str


@dataclass(frozen=True)
class PersonRow:
    team_slug: str
    name: str
    employee_id: str
    daily_hours: float
    job_role: str | None
    team_leader: bool
    board_leader: bool
    active: bool


@dataclass(frozen=True)
class TaskRow:
    team_slug: str
    name: str
    slug: str
    minutes_per_case: float
    service_goal_days: int
    expected_daily_volume: int
    error_rate_pct: float
    active: bool


@dataclass
class MasterDataPlan:
    orgs: list[OrgRow] = field(default_factory=list)
    job_roles: list[JobRoleRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    competences: list[tuple[str, str, str]] = field(default_factory=list)  # employee id, team slug, task slug
    factors: list[tuple[str, dict[str, float | None]]] = field(default_factory=list)  # org slug, values


def _text(value: Any) -> str:
    """A cell as text; Excel turns employee number 1001 into 1001.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if is_blank(value) else str(value).strip()


class _Rows:
    """Parse the rows of one sheet, collecting errors named by sheet and column."""

    def __init__(self, sheet: str, errors: list[RowError]) -> None:
        self.sheet = SHEETS_BY_NAME[sheet]
        self.errors = errors

    def error(self, row: int, column: str, code: str, /, **params: Any) -> None:
        """Refuse a cell; ``params`` are the catalogue text's (a text may say ``{row}`` too)."""
        self.errors.append(RowError(row, f"{self.sheet.name}.{column}", code, tuple(params.items())))

    def parse(self, row: int, raw: Mapping[str, Any]) -> dict[str, Any] | None:
        clean: dict[str, Any] = {}
        ok = True
        for column in self.sheet.columns:
            value = raw.get(column.name)
            if column.field.kind == "str" and not isinstance(value, BadCell):
                value = _text(value) or None
            value, error = parse_value(column.field, row, value)
            if error:
                ok = False
                self.errors.append(RowError(row, f"{self.sheet.name}.{column.name}", error.code, error.params))
            clean[column.name] = value
        return clean if ok else None

    def rows(self, sheets: Mapping[str, Rows]) -> Iterator[tuple[int, dict[str, Any]]]:
        """The sheet's rows of the workbook that parse: (row number, values); the others are refused."""
        for row, raw in sheets.get(self.sheet.name, []):
            r = self.parse(row, raw)
            if r is not None:
                yield row, r


def validate_master_data(sheets: Mapping[str, Rows], existing: Existing) -> tuple[MasterDataPlan, list[RowError]]:
    """Check every row of every sheet against the file and the installation; return the plan
    of clean rows and every error (the plan is only applied when there are none)."""
    errors: list[RowError] = []
    plan = MasterDataPlan()
    orgs = dict(existing.orgs)
    taken = set(orgs) | set(existing.aliases) | existing.taken

    org_rows = sheets.get("org", [])

    def slug_cell(raw: Mapping[str, Any]) -> str:
        return slugify(_text(raw.get("slug")))

    # Org units the workbook renames by slug: their new names find them from any row, in any order.
    renamed: dict[tuple[OrgLevel, str], str] = {}
    for _, raw in org_rows:
        given = slug_cell(raw)
        known = given if given in orgs else existing.aliases.get(given)
        name = next((_text(raw.get(x)) for x in ("team", "department", "unit") if _text(raw.get(x))), "")
        if given and known in orgs and name:
            renamed[(orgs[known].level, name.casefold())] = known

    def find_org(name: str, level: OrgLevel, parent_slug: str | None) -> str | None:
        """An org unit of ``level`` by name or slug (or an old slug), in the parent's unit."""
        key = name.casefold()
        unit = orgs[parent_slug].unit_slug if parent_slug else None
        if (level, key) in renamed:
            return renamed[(level, key)]
        for ref in orgs.values():
            if ref.level == level and key in (ref.name.casefold(), ref.slug) and unit in (None, ref.unit_slug):
                return ref.slug
        for ref in existing.orgs.values():  # the name before a rename in this workbook
            if ref.level == level and key == ref.name.casefold() and unit in (None, orgs[ref.slug].unit_slug):
                return ref.slug
        alias = existing.aliases.get(key)
        if alias in orgs and orgs[alias].level == level:
            return alias
        found = name_slug(key, level)  # the name it had when its slug was made (kept on a rename)
        return found if found and unit in (None, orgs[found].unit_slug) else None

    def name_slug(key: str, level: OrgLevel | None = None) -> str | None:
        """The org unit whose slug (or old slug) is made from this name."""
        slug = slugify(key)
        slug = slug if slug in orgs else existing.aliases.get(slug)
        return slug if slug in orgs and level in (None, orgs[slug].level) else None

    planned: dict[str, int] = {}

    def add_org(
        level: OrgLevel,
        name: str,
        parent: str | None,
        language: str | None,
        given: str = "",
        active: bool | None = None,
    ) -> str:
        """The org unit of this row part: by ``given`` slug (a rename when the name is new),
        else by name; a new one gets ``given`` or a slug made from its name."""
        slug = (given if given in orgs else existing.aliases.get(given)) if given else None
        if slug not in orgs:  # an unknown slug: by name as without one, else the new one's slug
            slug = find_org(name, level, parent)
        if slug is None:
            slug = given if given and given not in taken else unique_slug(name, taken)
            taken.add(slug)
        orgs[slug] = OrgRef(slug, level, name, parent, slug if parent is None else orgs[parent].unit_slug)
        if slug not in planned:
            planned[slug] = len(plan.orgs)
            plan.orgs.append(OrgRow(level, name, slug, parent, language, active))
        elif language or given or active is not None:
            before = plan.orgs[planned[slug]]
            active = before.active if active is None else active
            plan.orgs[planned[slug]] = OrgRow(level, name, slug, parent, language or before.language, active)
        return slug

    sheet = _Rows("org", errors)
    for row, raw in org_rows:
        r = sheet.parse(row, raw)
        if r is None:
            continue
        if r["team"] and not r["department"]:
            sheet.error(row, "department", "v.required")
            continue
        deepest = [x for x in ("unit", "department", "team") if r[x]][-1]
        level = {"unit": OrgLevel.UNIT, "department": OrgLevel.DEPARTMENT, "team": OrgLevel.TEAM}[deepest]
        given = slug_cell(raw)
        known = given if given in orgs else existing.aliases.get(given)
        if given and known in orgs and orgs[known].level != level:
            sheet.error(row, "slug", "v.unknown", value=r["slug"], choices=orgs[known].name)
            continue
        mine = {"given": given, "active": r["active"]}
        unit = add_org(OrgLevel.UNIT, r["unit"], None, r["language"] if deepest == "unit" else None,
                       **(mine if deepest == "unit" else {}))  # fmt: skip
        if r["department"]:
            dept_lang = r["language"] if deepest == "department" else None
            dept = add_org(OrgLevel.DEPARTMENT, r["department"], unit, dept_lang,
                           **(mine if deepest == "department" else {}))  # fmt: skip
            if r["team"]:
                add_org(OrgLevel.TEAM, r["team"], dept, r["language"], **mine)

    def old_name(key: str, level: OrgLevel | None = None) -> str | None:
        """The org unit the workbook renamed from this name (other sheets may keep the old one)."""
        old = [o.slug for o in existing.orgs.values() if o.name.casefold() == key and level in (None, o.level)]
        return old[0] if len(old) == 1 and orgs[old[0]].name.casefold() != key else None

    def team_slug(sheet: _Rows, row: int, value: str) -> str | None:
        key = value.casefold()
        teams = [o for o in orgs.values() if o.level == OrgLevel.TEAM]
        slug = next((o.slug for o in teams if o.slug == key or o.name.casefold() == key), None)
        slug = slug or (existing.aliases.get(key) if existing.aliases.get(key) in orgs else None)
        slug = slug or old_name(key, OrgLevel.TEAM) or name_slug(key, OrgLevel.TEAM)
        if slug is None:
            sheet.error(row, "team", "v.unknown", value=value, choices=", ".join(sorted(o.name for o in teams)) or "–")
        return slug

    roles = {unit: dict(keys) for unit, keys in existing.job_roles.items()}
    role_names = {unit: dict(names) for unit, names in existing.job_role_names.items()}
    sheet = _Rows("job_roles", errors)
    for row, r in sheet.rows(sheets):
        unit = find_org(r["unit"], OrgLevel.UNIT, None)
        if unit is None:
            units = ", ".join(sorted(o.name for o in orgs.values() if o.level == OrgLevel.UNIT)) or "–"
            sheet.error(row, "unit", "v.unknown", value=r["unit"], choices=units)
            continue
        unit_roles = roles.setdefault(unit, {})
        key = unit_roles.get(r["job_role"].casefold()) or slugify(r["job_role"]) or "x"
        if any(j.unit_slug == unit and j.key == key for j in plan.job_roles):
            sheet.error(row, "job_role", "v.duplicate", value=r["job_role"])
            continue
        unit_roles[r["job_role"].casefold()] = unit_roles[key] = key
        role_names.setdefault(unit, {})[key] = r["job_role"]
        plan.job_roles.append(JobRoleRow(unit, key, r["job_role"], r["name_en"] or r["job_role"]))

    people = dict(existing.people)
    # Who holds each name in each team as the rows are applied, one after the other: two people
    # of a team may not share a name (the database's rule), said with the row, never a crash.
    person_names = dict(existing.person_names)
    name_of = {emp: key for key, emp in person_names.items() if emp}
    sheet = _Rows("people", errors)
    seen: dict[str, int] = {}
    for row, r in sheet.rows(sheets):
        team = team_slug(sheet, row, r["team"])
        if team is None:
            continue
        if r["employee_id"] in existing.elsewhere:
            sheet.error(row, "employee_id", "v.not_your_person", value=r["employee_id"])
            continue
        if r["employee_id"] in seen:
            sheet.error(row, "employee_id", "v.same_as_row", value=r["employee_id"], other=seen[r["employee_id"]])
            continue
        seen[r["employee_id"]] = row
        job_role = None
        if r["job_role"]:
            unit_roles = roles.get(orgs[team].unit_slug, {})
            job_role = unit_roles.get(r["job_role"].casefold())
            if job_role is None:
                names = sorted(role_names.get(orgs[team].unit_slug, {}).values())
                sheet.error(row, "job_role", "v.unknown", value=r["job_role"], choices=", ".join(names) or "–")
                continue
        holder = person_names.get((team, r["name"]), r["employee_id"])
        if holder != r["employee_id"]:
            sheet.error(row, "name", "v.same_person_name", value=r["name"], team=r["team"], other=holder or "–")
            continue
        if r["employee_id"] in name_of:  # the name this person held is free from here on
            person_names.pop(name_of[r["employee_id"]], None)
        person_names[(team, r["name"])] = r["employee_id"]
        name_of[r["employee_id"]] = (team, r["name"])
        people[r["employee_id"]] = team
        plan.people.append(
            PersonRow(
                team, r["name"], r["employee_id"], r["daily_hours"], job_role,
                r["team_leader"], r["board_leader"], r["active"],
            )
        )  # fmt: skip

    tasks = {team: dict(keys) for team, keys in existing.tasks.items()}
    task_names = dict(existing.task_names)  # as the people's names: one task of a name per team
    named = {(team, slug): (team, name) for (team, name), slug in task_names.items()}
    sheet = _Rows("tasks", errors)
    for row, r in sheet.rows(sheets):
        team = team_slug(sheet, row, r["team"])
        if team is None:
            continue
        team_tasks = tasks.setdefault(team, {})
        slug = team_tasks.get(r["task"].casefold()) or unique_slug(r["task"], set(team_tasks.values()))
        if any(t.team_slug == team and t.slug == slug for t in plan.tasks):
            sheet.error(row, "task", "v.duplicate", value=r["task"])
            continue
        if task_names.get((team, r["task"]), slug) != slug:
            sheet.error(row, "task", "v.same_task_name", value=r["task"], team=r["team"])
            continue
        if (team, slug) in named:  # a renamed task's old name is free from here on
            task_names.pop(named[(team, slug)], None)
        task_names[(team, r["task"])] = slug
        named[(team, slug)] = (team, r["task"])
        team_tasks[r["task"].casefold()] = team_tasks[slug] = slug
        plan.tasks.append(
            TaskRow(
                team, r["task"], slug, r["minutes_per_case"], r["service_goal_days"],
                r["expected_daily_volume"], r["error_rate_pct"], r["active"],
            )
        )  # fmt: skip

    sheet = _Rows("competences", errors)
    for row, r in sheet.rows(sheets):
        person_team = people.get(r["employee_id"])
        if r["employee_id"] in existing.elsewhere:
            sheet.error(row, "employee_id", "v.not_your_person", value=r["employee_id"])
            continue
        if person_team is None:
            sheet.error(row, "employee_id", "v.unknown_person", value=r["employee_id"])
            continue
        team = team_slug(sheet, row, r["team"])
        if team is None:
            continue
        task = tasks.get(team, {}).get(r["task"].casefold())
        if task is None:
            sheet.error(row, "task", "v.unknown_task", value=r["task"], team=r["team"])
            continue
        if orgs[team].unit_slug != orgs[person_team].unit_slug:
            sheet.error(row, "team", "v.other_unit", value=r["team"])
            continue
        if (r["employee_id"], team, task) not in plan.competences:
            plan.competences.append((r["employee_id"], team, task))

    sheet = _Rows("factors", errors)
    factor_rows: dict[str, int] = {}  # org slug → its row on the factors sheet
    for row, r in sheet.rows(sheets):
        key = r["org_unit"].casefold()
        slug = next((o.slug for o in orgs.values() if o.slug == key or o.name.casefold() == key), None)
        slug = slug or old_name(key) or name_slug(key)
        if slug is None:
            names = ", ".join(sorted(o.name for o in orgs.values())) or "–"
            sheet.error(row, "org_unit", "v.unknown", value=r["org_unit"], choices=names)
            continue
        if slug in factor_rows:
            sheet.error(row, "org_unit", "v.same_as_row", value=r["org_unit"], other=factor_rows[slug])
            continue
        daily, facing = r["daily_hours"], r["customer_facing_hours"]
        if daily is not None and facing is not None and facing > daily:
            sheet.error(row, "customer_facing_hours", "v.cf_exceeds_daily", daily=daily)
            continue
        factor_rows[slug] = row
        plan.factors.append((slug, {name: r[name] for name in FACTOR_NAMES}))

    inheritance = _Inheritance(orgs, existing, plan, {o.slug for o in plan.orgs if o.level == OrgLevel.UNIT})
    for slug, row in inheritance.inconsistent(factor_rows):
        factors = inheritance.merged(slug)
        facing, daily = (_whole(factors[n]) for n in ("customer_facing_hours", "daily_hours"))
        sheet.error(row, "customer_facing_hours", "v.cf_exceeds_inherited", org=orgs[slug].name, facing=facing,
                    daily=daily)  # fmt: skip
    plan.people = [
        p if p.daily_hours is not None else replace(p, daily_hours=inheritance.merged(p.team_slug)["daily_hours"])
        for p in plan.people
    ]
    return plan, errors


def _whole(number: float) -> float | int:
    """6.0 said as 6."""
    return int(number) if float(number).is_integer() else number


class _Inheritance:
    """Planning factors as the org tree will hold them once the workbook is applied: an org unit's
    own values are the factors sheet's row, else what is stored, else (a unit the workbook names
    that has none) ``NEW_UNIT_FACTORS``; an empty value inherits from the level above, as
    ``planning.resolve_factors`` does on every board (which refuses more customer-facing than
    daily hours at any level)."""

    def __init__(self, orgs: Mapping[str, OrgRef], existing: Existing, plan: MasterDataPlan, units: set[str]) -> None:
        self.orgs = orgs
        self.own: dict[str, Mapping[str, float | None]] = dict(existing.factors)
        for unit in units:
            self.own.setdefault(unit, NEW_UNIT_FACTORS)
        self.own.update(dict(plan.factors))

    def chain(self, slug: str) -> list[str]:
        """The org unit and those above it, the top first."""
        found: list[str] = []
        while slug in self.orgs and slug not in found:
            found.append(slug)
            slug = self.orgs[slug].parent_slug or ""
        return found[::-1]

    def merged(self, slug: str) -> dict[str, float]:
        """Each factor from the nearest org unit that sets it (the product's default above all)."""
        merged = {name: getattr(PlanningFactors(), name) for name in FACTOR_NAMES}
        for above in self.chain(slug):
            merged.update({k: v for k, v in self.own.get(above, {}).items() if v is not None})
        return merged

    def inconsistent(self, rows: Mapping[str, int]) -> list[tuple[str, int]]:
        """(org unit, row) for each org unit whose factors the rows make impossible (more
        customer-facing than daily hours), blamed on the nearest row above it; once a row."""
        blamed: dict[int, str] = {}
        for slug in self.orgs:
            chain = self.chain(slug)
            nearest = next((rows[s] for s in reversed(chain) if s in rows), None)
            if nearest is None or nearest in blamed:
                continue
            merged = self.merged(slug)
            if merged["customer_facing_hours"] > merged["daily_hours"]:
                blamed[nearest] = slug
        return [(slug, row) for row, slug in sorted(blamed.items())]
