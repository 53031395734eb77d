"""Who may set up units: the first unit of an empty installation by whoever opens the set-up
page (open mode has no grants yet), everything after that by an admin of the unit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.engine import read_session
from db.models import OrgUnit, RoleGrant
from driftboard import unitdata
from driftboard.domain import AccessDenied, Actor, OrgLevel, Role
from driftboard.services import master_workbook, unit_setup, users

NOBODY = Actor("Nina Newcomer", grants=frozenset())


def _orgs(engine) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count(OrgUnit.id)))


def test_anyone_may_create_the_first_unit_of_an_empty_installation(engine):
    unit_id = unit_setup.create_unit(NOBODY, "Borgerservice Nord", "Ydelser", ["Pension"], engine=engine)
    assert _orgs(engine) == 3
    with pytest.raises(AccessDenied):  # the second unit is admin work
        unit_setup.create_unit(NOBODY, "Borgerservice Syd", "Ydelser", ["Pension"], engine=engine)
    assert _orgs(engine) == 3
    open_mode_admin = users.open_mode_actor("Ada", None, admin=True, engine=engine)
    unit_setup.create_unit(open_mode_admin, "Borgerservice Syd", "Ydelser", ["Pension"], engine=engine)
    open_mode_leader = users.open_mode_actor("Lea", None, admin=False, engine=engine)
    with pytest.raises(AccessDenied):
        unit_setup.add_org_unit(open_mode_leader, OrgLevel.DEPARTMENT, "Borgerservice", unit_id, engine=engine)


def test_a_signed_in_person_who_creates_the_first_unit_administers_it(engine):
    creator = Actor("Sara Signed", grants=frozenset(), user_id=7)
    with unit_setup.write_session(Actor("setup"), engine) as s:
        from db.models import User

        s.add(User(id=7, username="sara@example.dk", display_name="Sara"))
    unit_id = unit_setup.create_unit(creator, "Borgerservice Nord", "Ydelser", ["Pension"], engine=engine)
    with read_session(engine) as s:
        grants = s.execute(select(RoleGrant.org_unit_id, RoleGrant.role).where(RoleGrant.user_id == 7)).all()
    assert grants == [(unit_id, Role.ADMIN)]


def test_the_workbook_import_needs_admin_on_the_units_it_changes(engine):
    unit_id = unit_setup.create_unit(Actor("setup"), "Borgerservice Nord", "Ydelser", ["Pension"], engine=engine)
    workbook = master_workbook.export_workbook(engine=engine)
    leader = Actor("Lea Leader", grants=frozenset({(unit_id, Role.LEADER)}))
    with pytest.raises(AccessDenied):
        master_workbook.import_master_data(leader, workbook, engine=engine)
    admin = Actor("Ada Admin", grants=frozenset({(unit_id, Role.ADMIN)}))
    assert not master_workbook.import_master_data(admin, workbook, engine=engine).changed
    new_unit = unitdata.write_workbook(unitdata.example_rows(), "en", [])  # the examples filled in as rows
    with pytest.raises(AccessDenied):  # a new unit: admin work
        master_workbook.import_master_data(leader, new_unit, engine=engine)
    assert master_workbook.import_master_data(admin, new_unit, engine=engine).changed
