"""The organisation level above units (a bank or a municipality with several units): its goal
board rolls up over every unit, a grant on it covers everything below, the schema allows it and
migration 0012 goes up and down."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from streamlit.testing.v1 import AppTest

from db import migrate
from db.engine import get_engine, read_session
from db.models import Measure
from driftboard import targets
from driftboard.domain import AccessDenied, Actor, DomainError, OrgLevel, Period, Role
from driftboard.i18n import fmt_number, t
from driftboard.services import access, goalboard, master_workbook, masterdata, measures, org, unit_setup, users
from tests import databases
from tests.conftest import DEMO_DAY, ROOT, TESTER
from tests.test_unit_setup import filled  # noqa: F401 (a fixture)

LAST_WEEK = targets.previous_period(DEMO_DAY, Period.WEEK)


def _second_unit_with_fte_saved(engine) -> int:  # type: ignore[no-untyped-def]
    """A second unit, Pension Service, whose one team reports FTE saved as the demo's teams do;
    returns that team's id."""
    unit_setup.create_unit(TESTER, "Pension Service", "Pensions", ["Payouts"], engine=engine)
    team = next(n for n in org.org_tree(engine) if n.slug == "payouts")
    with read_session(engine) as s:
        like = s.query(Measure).filter(Measure.slug == "fte-saved").first()
        fields = {f.name: getattr(like, f.name) for f in dataclasses.fields(measures.MeasureInput)}
    measure_id = measures.define_measure(TESTER, measures.MeasureInput(**{**fields, "org_unit_id": team.id}), engine)
    measures.record_measure_values(TESTER, [measures.ValueInput(measure_id, LAST_WEEK, 2.5)], engine)
    return team.id


def _fte(org_id: int, engine) -> goalboard.Tile:  # type: ignore[no-untyped-def]
    return next(t for t in goalboard.goal_board(org_id, LAST_WEEK, engine) if t.slug == "fte-saved")


def test_the_organisations_goal_board_rolls_up_over_every_unit(demo_engine):
    _second_unit_with_fte_saved(demo_engine)
    slug = unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service", "pension-service"], engine=demo_engine)
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    assert tree[slug].level is OrgLevel.ORGANISATION and tree[slug].depth == 0
    assert tree["loan-service"].depth == tree["pension-service"].depth == 1 and tree["mortgage"].depth == 3

    loans, pensions = _fte(tree["loan-service"].id, demo_engine), _fte(tree["pension-service"].id, demo_engine)
    whole = _fte(tree[slug].id, demo_engine)
    assert whole.rolled_up and loans.value is not None and pensions.value == 2.5
    assert whole.value == pytest.approx(loans.value + pensions.value)
    assert {c.org_unit_name for c in whole.contributors} >= {"Payouts", "Mortgage"}
    # Things that belong to the unit still find the unit, not the organisation.
    with read_session(demo_engine) as s:
        assert org.unit_in(org.ancestry(s, tree["mortgage"].id)).slug == "loan-service"


def test_a_grant_on_the_organisation_covers_every_unit_and_a_units_grant_does_not(demo_engine):
    payouts = _second_unit_with_fte_saved(demo_engine)
    slug = unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service", "pension-service"], engine=demo_engine)
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    head = Actor("Head of operations", grants=frozenset({(tree[slug].id, Role.LEADER)}))
    loans_only = Actor("Loan leader", grants=frozenset({(tree["loan-service"].id, Role.ADMIN)}))
    with read_session(demo_engine) as s:
        assert access.allowed(s, head, Role.LEADER, payouts)
        assert access.allowed(s, head, Role.LEADER, tree["mortgage"].id)
        assert not access.allowed(s, loans_only, Role.VIEWER, payouts)
    measure_id = _fte(payouts, demo_engine).contributors[0].measure_id
    measures.record_measure_values(head, [measures.ValueInput(measure_id, LAST_WEEK, 3.0)], demo_engine)
    with pytest.raises(AccessDenied):  # the whole installation is the organisation's admin's
        unit_setup.create_organisation(loans_only, "Another", [], engine=demo_engine)
    with pytest.raises(AccessDenied):
        measures.record_measure_values(loans_only, [measures.ValueInput(measure_id, LAST_WEEK, 4.0)], demo_engine)


def test_an_unknown_unit_is_refused_naming_only_the_units_the_admin_may_see(demo_engine):
    """Issue #23: a refusal names only what its actor may see. An admin of the demo unit who
    names no unit, or another unit's slug, is told the same thing: no such unit; the units
    listed are their own."""
    _second_unit_with_fte_saved(demo_engine)
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    loans_admin = Actor("Loan admin", grants=frozenset({(tree["loan-service"].id, Role.ADMIN)}))
    for slug in ("nowhere", "pension-service"):
        with pytest.raises(DomainError) as refused:
            unit_setup.create_organisation(loans_admin, "Nordbank", ["loan-service", slug], engine=demo_engine)
        assert refused.value.message_key == "error.not_a_unit"
        assert refused.value.params == {"slug": slug, "choices": "loan-service"}
    with pytest.raises(DomainError) as refused:  # a trusted caller is told every unit
        unit_setup.create_organisation(TESTER, "Nordbank", ["nowhere"], engine=demo_engine)
    assert refused.value.params["choices"] == "loan-service, pension-service"


def test_only_units_go_under_an_organisation_and_an_organisation_has_no_parent(demo_engine):
    with pytest.raises(Exception, match="no unit 'mortgage'"):
        unit_setup.create_organisation(TESTER, "Nordbank", ["mortgage"], engine=demo_engine)
    unit_setup.create_organisation(TESTER, "Nordbank", [], engine=demo_engine)
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    unit_setup.move_org_unit(TESTER, tree["loan-service"].id, tree["nordbank"].id, engine=demo_engine)
    assert {n.slug: n.depth for n in org.org_tree(demo_engine)}["mortgage"] == 3
    with pytest.raises(IntegrityError):
        databases.Database(str(demo_engine.url.render_as_string(hide_password=False))).execute(
            "update org_units set parent_id = ? where slug = 'nordbank'", [tree["loan-service"].id]
        )
    assert master_workbook.master_data_rows(demo_engine)["org"][0]["unit"] == "Loan Service"
    # A unit may be made under the organisation; a department may not.
    from driftboard.services import masterdata

    masterdata.create_org_unit(
        TESTER, level=OrgLevel.UNIT, name="Tax", slug="tax", parent_id=tree["nordbank"].id, engine=demo_engine
    )
    with pytest.raises(DomainError):
        masterdata.create_org_unit(
            TESTER, level=OrgLevel.DEPARTMENT, name="D", slug="d", parent_id=tree["nordbank"].id, engine=demo_engine
        )


def test_the_cli_creates_the_organisation(demo_url):
    from tests.test_cli import run

    done = run("org", "add-organisation", "Nordbank", "--units", "loan-service", db=demo_url)
    assert done.returncode == 0, done.stderr
    assert "/goals?unit=nordbank" in done.stdout
    assert databases.value(get_engine(demo_url), "select level from org_units where slug = 'nordbank'") == (
        "organisation"
    )
    check = run("check", db=demo_url)
    assert check.returncode == 0, check.stderr


def test_the_goal_board_of_the_organisation_in_the_app(demo_app, demo_url):
    engine = get_engine(demo_url)
    _second_unit_with_fte_saved(engine)
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service", "pension-service"], engine=engine)
    expected = _fte(next(n.id for n in org.org_tree(engine) if n.slug == "nordbank"), engine)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = "nordbank"
    at.query_params["lang"] = "da"
    at.run()
    at.switch_page("pages/goals.py").run()
    assert not at.exception, at.exception
    assert any(m.value.startswith("## Nordbank") for m in at.markdown)
    assert at.selectbox(key="goals_unit").value == "nordbank"
    tiles = [m.value for m in at.markdown if m.value.startswith("**")]
    metric = at.metric[tiles.index(next(t for t in tiles if t.startswith(f"**{expected.name}**")))]
    shown = fmt_number(expected.value, "da", targets.shown_decimals(expected.value, expected.decimals))
    assert metric.value.startswith(shown)
    rolled = t("goals.rolled_up", "da", count=len(expected.contributors), method=t("rollup.sum", "da"))
    assert rolled in [c.value for c in at.caption]


def test_migration_0012_goes_down_and_up_again(demo_engine):
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service"], engine=demo_engine)
    migrate.downgrade(demo_engine, "0011")
    assert migrate.current_revision(demo_engine) == "0011"
    assert databases.value(demo_engine, "select count(*) from org_units where level = 'organisation'") == 0
    assert databases.value(demo_engine, "select parent_id from org_units where slug = 'loan-service'") is None
    checks = {c["name"]: c["sqltext"] for c in inspect(demo_engine).get_check_constraints("org_units")}
    assert "organisation" not in checks["ck_org_units_level_valid"]
    assert migrate.upgrade(demo_engine)
    checks = {c["name"]: c["sqltext"] for c in inspect(demo_engine).get_check_constraints("org_units")}
    assert "organisation" in checks["ck_org_units_level_valid"]
    assert "organisation" in checks["ck_org_units_parent_by_level"]
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service"], engine=demo_engine)
    from db.maintenance import check

    assert check(demo_engine) == []


def test_the_org_tree_tab_creates_the_organisation_and_moves_a_unit_under_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit_setup.create_unit(TESTER, "Pension Service", "Pensions", ["Payouts"], engine=engine)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "da"
    at.session_state["admin_unlocked"] = True  # open mode: the org tree is admin work
    at.run()
    at.switch_page("pages/unit_settings.py").run()
    assert not at.exception
    at.text_input(key="organisation_name").input("Nordbank")
    at.button(key="add_organisation").click().run()
    assert not at.exception, at.exception
    assert any("Organisationen Nordbank samler nu alle enheder" in s.value for s in at.toast)
    tree = {n.slug: n for n in org.org_tree(engine)}
    assert tree["nordbank"].level is OrgLevel.ORGANISATION
    assert tree["loan-service"].depth == tree["pension-service"].depth == 1
    levels = [frame.value[""].tolist() for frame in at.dataframe if "" in frame.value.columns]
    assert levels and levels[0][0] == "Organisation"  # the level, named in Danish
    assert not [f for f in at.text_input if f.key == "organisation_name"]  # one organisation is enough

    # A unit made later is moved under it on the same tab.
    unit_setup.create_unit(TESTER, "Tax Service", "Tax", ["Returns"], engine=engine)
    at.run()
    tax = next(n.id for n in org.org_tree(engine) if n.slug == "tax-service")
    at.selectbox(key="org_chosen").set_value(tax).run()
    assert at.selectbox(key="move_target").options == ["Nordbank"]
    at.button(key="move_org").click().run()
    assert not at.exception, at.exception
    assert {n.slug: n.depth for n in org.org_tree(engine)}["tax-service"] == 1


def test_a_workbook_imported_again_keeps_units_under_their_organisation(engine, filled):  # noqa: F811
    # (the workbook has no organisation column: a unit it names stays where it is)
    master_workbook.import_master_data(TESTER, filled.read_bytes(), engine=engine)
    units = [n.slug for n in org.org_tree(engine) if n.level is OrgLevel.UNIT]
    unit_setup.create_organisation(TESTER, "Kommune", units, engine=engine)
    assert not master_workbook.import_master_data(TESTER, filled.read_bytes(), engine=engine).changed
    exported = master_workbook.export_workbook("da", engine)
    assert not master_workbook.import_master_data(TESTER, exported, engine=engine).changed
    assert all(n.depth == 1 for n in org.org_tree(engine) if n.level is OrgLevel.UNIT)


def test_the_history_and_measures_pickers_offer_the_organisation(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service"], engine=engine)
    mortgage = next(n.id for n in org.org_tree(engine) if n.slug == "mortgage")
    task = databases.value(engine, "select id from tasks where team_id = ? order by id", mortgage)
    from driftboard.services import production

    production.record_production(Actor("Anna Leader"), mortgage, DEMO_DAY, {task: 41}, engine=engine)
    nordbank = next(n.id for n in org.org_tree(engine) if n.slug == "nordbank")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/history.py").run()
    at.selectbox(key="history_unit").set_value(nordbank).run()
    assert not at.exception, at.exception
    assert "Anna Leader" in at.dataframe[0].value.to_string()  # a team's change, under the organisation
    at.switch_page("pages/measures.py").run()
    assert at.selectbox(key="measures_org").options[0] == "Nordbank"  # the top of the tree
    at.selectbox(key="measures_org").set_value(nordbank).run()
    assert not at.exception, at.exception


# --------------------------------------------------------------------------- who may create one


def _admin_of(engine, *slugs: str) -> Actor:  # type: ignore[no-untyped-def]
    """A signed-in user who administers the units ``slugs``, as a request builds them."""
    tree = {n.slug: n.id for n in org.org_tree(engine)}
    email = f"admin-{'-'.join(slugs)}@example.com"
    users.create_user(
        TESTER, username=email, display_name="Admin", grants=[(tree[x], Role.ADMIN) for x in slugs], engine=engine
    )
    return users.actor_for_email(email, engine=engine).actor


def test_the_creator_administers_the_organisation_and_may_create_another_and_units(demo_engine):
    admin = _admin_of(demo_engine, "loan-service")
    slug = unit_setup.create_organisation(admin, "Nordbank", ["loan-service"], engine=demo_engine)
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    assert tree["loan-service"].depth == 1
    again = users.actor_for_email("admin-loan-service@example.com", engine=demo_engine).actor  # the next request
    with read_session(demo_engine) as s:
        assert access.role_on(s, again, tree[slug].id) is Role.ADMIN
    # Their unit moved under the organisation; they still administer a top of the tree.
    unit_setup.create_organisation(again, "Holding", [], engine=demo_engine)
    unit_setup.create_unit(again, "Pension Service", "Pensions", ["Payouts"], engine=demo_engine)
    assert {"holding", "pension-service"} <= {n.slug for n in org.org_tree(demo_engine)}


def test_a_unit_another_admin_administers_is_not_put_under_the_organisation(demo_engine):
    _second_unit_with_fte_saved(demo_engine)
    admin = _admin_of(demo_engine, "loan-service")
    with pytest.raises(DomainError) as refused:  # a unit the admin does not see is no unit to them
        unit_setup.create_organisation(admin, "Nordbank", ["loan-service", "pension-service"], engine=demo_engine)
    assert refused.value.message_key == "error.not_a_unit"
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    assert "nordbank" not in tree and tree["loan-service"].depth == tree["pension-service"].depth == 0


def test_a_unit_already_under_an_organisation_stays_there(demo_engine):
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service"], engine=demo_engine)
    with pytest.raises(DomainError) as info:
        unit_setup.create_organisation(TESTER, "Rival", ["loan-service"], engine=demo_engine)
    error = info.value
    assert error.message_key == "us.err.unit_has_organisation"
    for lang in ("en", "da"):
        text = t(error.message_key, lang, **error.params)
        assert "Loan Service" in text and "Nordbank" in text and "{" not in text
    tree = {n.slug: n for n in org.org_tree(demo_engine)}
    assert "rival" not in tree and tree["loan-service"].depth == 1


def test_a_team_borrows_and_plans_overtime_only_for_people_of_its_own_unit(demo_engine):
    from driftboard.services import operations_board, prioritisation
    from tests.test_weekplan import _add_person

    payouts = _second_unit_with_fte_saved(demo_engine)
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service", "pension-service"], engine=demo_engine)
    _add_person(demo_engine, payouts, "Ebba Nordlys")
    ebba = int(masterdata.people_frame(payouts, demo_engine).set_index("name").loc["Ebba Nordlys", "id"])
    home = masterdata.find_team("home-coop", demo_engine)
    task = operations_board.load_board(home.id, DEMO_DAY, demo_engine).tasks[0]
    changes = len(operations_board.load_board(home.id, DEMO_DAY, demo_engine).changes)
    for call in (
        lambda: prioritisation.move_person(
            TESTER, home.id, ebba, DEMO_DAY, to_task_id=task.id, hours=2, engine=demo_engine
        ),
        lambda: prioritisation.add_overtime(
            TESTER, home.id, ebba, DEMO_DAY, task_id=task.id, hours=1, engine=demo_engine
        ),
    ):  # fmt: skip
        with pytest.raises(DomainError) as info:
            call()
        assert info.value.message_key == "ops.err.not_in_unit"
        for lang in ("en", "da"):
            assert "Ebba Nordlys" in t(info.value.message_key, lang, **info.value.params)
    assert len(operations_board.load_board(home.id, DEMO_DAY, demo_engine).changes) == changes
    # A person of another team of the same unit is still borrowed.
    mortgage_people = masterdata.people_frame(masterdata.find_team("mortgage", demo_engine).id, demo_engine)
    lender = int(mortgage_people.set_index("name").loc["Mette Kjær", "id"])  # 2 h free today
    prioritisation.move_person(TESTER, home.id, lender, DEMO_DAY, to_task_id=task.id, hours=2, engine=demo_engine)
