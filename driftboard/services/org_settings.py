"""A unit's settings page: the settings and planning factors of a unit, department or team,
each shown with where it comes from (its own, or inherited from …), saved versioned; and the
unit's own list of job roles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import JobRole, OrgUnit, Person, PlanningFactors
from driftboard import orgsettings
from driftboard.domain import Actor, NotFoundError, OrgLevel, Role, RowError, ValidationError
from driftboard.masterdata import FACTOR_FIELDS
from driftboard.orgsettings import SETTINGS, Inherited, Layer
from driftboard.planning import FACTOR_NAMES, resolve_factors
from driftboard.planning import PlanningFactors as Factors
from driftboard.services import access, org, scope
from driftboard.services.common import SaveSummary, check_version, conflict_for, save_rows
from driftboard.tables import Field, parse_rows, unique_slug

FACTOR_DEFAULTS = {name: getattr(Factors(), name) for name in FACTOR_NAMES}


@dataclass(frozen=True)
class OrgSettingsView:
    """What the settings page shows for one org unit: each setting and factor in force, with
    its source, and the versions the save must carry."""

    org_id: int
    name: str
    level: OrgLevel
    version: int
    settings: dict[str, Inherited]
    factors: dict[str, Inherited]
    factors_version: int | None  # None: the org unit has no factors row of its own yet


FACTORS_TURNS = 22  # take_turns namespace: an org unit's own planning factors, keyed by its id


def _chain(s: Session, org_id: int) -> list[OrgUnit]:
    chain = org.ancestry(s, org_id)
    if not chain:
        raise NotFoundError(f"there is no org unit {org_id}", message_key="error.row_gone")
    return chain


def settings_view(org_id: int, engine: Engine | None = None) -> OrgSettingsView:
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        chain = _chain(s, org_id)
        rows = {
            f.org_unit_id: f
            for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_([o.id for o in chain])))
        }
        layers = [Layer(o.name, {x.name: getattr(o, x.name) for x in SETTINGS}) for o in chain]
        factor_layers = [
            Layer(o.name, {n: getattr(rows[o.id], n) for n in FACTOR_NAMES} if o.id in rows else {}) for o in chain
        ]
        own = rows.get(org_id)
        return OrgSettingsView(
            org_id=org_id,
            name=chain[0].name,
            level=chain[0].level,
            version=chain[0].version,
            settings=orgsettings.inherit_all(layers, {x.name: x.default for x in SETTINGS}),
            factors=orgsettings.inherit_all(factor_layers, FACTOR_DEFAULTS),
            factors_version=own.version if own else None,
        )


def save_settings(
    actor: Actor, org_id: int, changes: Mapping[str, Any], *, seen_version: int | None, engine: Engine | None = None
) -> bool:
    """Save the settings the person changed on an org unit (None: inherit again); refused when
    someone changed the org unit since the page showed it. True when anything changed."""
    clean, errors = orgsettings.validate_settings(changes)
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, org_id, what="settings")
        row = _chain(s, org_id)[0]
        check_version(s, row, seen_version)
        if row.level == OrgLevel.UNIT and clean.get("language", "") is None:
            clean.pop("language")  # a unit always says its language
        changed = False
        for name, value in clean.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        s.flush()
        return changed


def save_factors(
    actor: Actor,
    org_id: int,
    values: Mapping[str, float | None],
    *,
    seen_version: int | None,
    engine: Engine | None = None,
) -> bool:
    """Save an org unit's own planning factors (None: inherit; the unit sets all of them);
    refused when someone changed them since the page showed them. True when anything changed."""
    clean, errors = parse_rows([{"org_unit_id": org_id, **values}], _factor_fields())
    if errors:
        raise ValidationError(errors)
    wanted = {n: clean[0][n] for n in FACTOR_NAMES if n in values}
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, org_id, what="planning factors")
        chain = _chain(s, org_id)
        take_turns(s, FACTORS_TURNS, {org_id})  # two first saves: the second is told who made the row
        row = s.scalar(select(PlanningFactors).where(PlanningFactors.org_unit_id == org_id))
        if row is None and seen_version is not None:
            raise NotFoundError("the planning factors were removed; reload the page", message_key="error.row_gone")
        if row is not None:
            if seen_version is None:  # someone made the row after the page showed none
                raise conflict_for(s, row, 0)
            check_version(s, row, seen_version)
        own = {n: getattr(row, n) if row else None for n in FACTOR_NAMES} | wanted
        if chain[0].level == OrgLevel.UNIT:
            missing = [RowError(1, n, "v.required") for n in FACTOR_NAMES if own[n] is None]
            if missing:
                raise ValidationError(missing)
        _check_in_force(s, chain, own)
        if row is None:
            if all(v is None for v in own.values()):
                return False
            s.add(PlanningFactors(org_unit_id=org_id, **own))
            s.flush()
            return True
        changed = any(getattr(row, n) != v for n, v in own.items())
        for n, v in own.items():
            setattr(row, n, v)
        s.flush()
        return changed


def _factor_fields() -> tuple[Field, ...]:
    return FACTOR_FIELDS


def _check_in_force(s: Session, chain: list[OrgUnit], own: dict[str, Any]) -> None:
    """Customer-facing hours may not exceed daily hours once inheritance is applied."""
    rows = {
        f.org_unit_id: f
        for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_([o.id for o in chain[1:]])))
    }
    layers = [{n: getattr(rows[o.id], n) for n in FACTOR_NAMES} if o.id in rows else None for o in reversed(chain[1:])]
    try:
        resolve_factors(*layers, own)
    except ValueError:  # the factors in force refuse themselves (customer-facing hours over the day)
        daily = next((layer["daily_hours"] for layer in [own, *reversed(layers)] if layer and layer["daily_hours"]), "")
        raise ValidationError(
            [RowError(1, "customer_facing_hours", "v.cf_exceeds_daily", (("daily", daily),))]
        ) from None


# --------------------------------------------------------------------------- job roles

JOB_ROLE_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name_da", "str", max_length=120),
    Field("name_en", "str", max_length=120),
    Field("active", "bool", default=True),
)


def unit_of(s: Session, org_id: int) -> int:
    """The unit an org unit belongs to."""
    return org.unit_in(_chain(s, org_id)).id


def job_roles_frame(unit_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """The unit's job roles as an editable table (named in each language)."""
    columns = [f.name for f in JOB_ROLE_FIELDS]
    with read_session(engine) as s:
        scope.require_read(s, unit_id)
        roles = s.scalars(select(JobRole).where(JobRole.unit_id == unit_id).order_by(JobRole.sort_order, JobRole.id))
        return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in roles], columns=columns)


def job_role_names(team_or_unit_id: int, lang: str, engine: Engine | None = None) -> dict[str, str]:
    """The active job roles of the org unit's unit, key → name in ``lang``, in the unit's order."""
    with read_session(engine) as s:
        scope.require_read(s, team_or_unit_id)
        unit_id = unit_of(s, team_or_unit_id)
        roles = s.scalars(
            select(JobRole).where(JobRole.unit_id == unit_id, JobRole.active).order_by(JobRole.sort_order, JobRole.id)
        )
        return {r.key: r.name_da if lang == "da" else r.name_en for r in roles}


def job_role_keys_by_name(unit_id: int, engine: Engine | None = None) -> dict[str, str]:
    """The unit's job roles, Danish name → key."""
    with read_session(engine) as s:
        scope.require_read(s, unit_id)
        return dict(s.execute(select(JobRole.name_da, JobRole.key).where(JobRole.unit_id == unit_id)).all())


def save_job_roles(
    actor: Actor, unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Add, rename and deactivate the unit's job roles; a role people hold cannot be removed
    (deactivate it instead). The key stays when a role is renamed."""
    clean, errors = parse_rows(rows, JOB_ROLE_FIELDS, unique=("name_da", "name_en"))
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, unit_id, what="job roles")
        if _chain(s, unit_id)[0].level != OrgLevel.UNIT:
            raise NotFoundError(f"there is no unit {unit_id}", message_key="error.row_gone")
        existing = s.scalars(select(JobRole).where(JobRole.unit_id == unit_id)).all()
        keys = {r.key for r in existing}
        order = iter(range(max((r.sort_order for r in existing), default=0) + 1, 10**6))
        team_ids = org.descendant_ids(s, unit_id, OrgLevel.TEAM)

        def create(row: dict[str, Any]) -> JobRole:
            key = unique_slug(row["name_da"], keys)
            keys.add(key)
            return JobRole(unit_id=unit_id, key=key, sort_order=next(order), **row)

        def in_use(role: JobRole) -> str | None:
            held = exists().where(Person.job_role == role.key, Person.team_id.in_(team_ids))
            return "people" if s.scalar(select(held)) else None

        return save_rows(
            s,
            existing,
            [{k: v for k, v in r.items() if k not in ("id", "version")} | {"id": r["id"], "version": r["version"]}
             for r in clean],
            columns=("name_da", "name_en", "active"),
            create=lambda r: create({k: r[k] for k in ("name_da", "name_en", "active")}),
            in_use=in_use,
        )  # fmt: skip
