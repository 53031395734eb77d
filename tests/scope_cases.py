"""The registry of every public service, each with its scope declaration and a call aimed at one
team's (or unit's) rows: ``writes`` (the role a write needs there), ``reads`` (what a read shows:
one org unit's data, or a list of the whole installation narrowed to the reader's) and
``UNSCOPED`` (functions that show no unit's data, and why). ``tests/test_access.py`` aims the
writes at another team of the same unit; ``tests/test_scope_matrix.py`` aims writes and reads at
the actor's own unit and at another unit. A public service function in none of them fails
``test_every_service_declares_its_scope``.

A target ``t`` names the rows aimed at: ``team``, ``team_slug``, ``team_name``, ``unit``,
``task``, ``task_slug``, ``person``, ``person_name``, ``employee``, ``card``, ``other_card``,
``measure``, ``action``, ``change`` (an audit entry of ``card``), ``link``, ``grant``, ``token``,
``robot`` (slug), ``assessment``, ``old_slug``, ``parent`` (the team's department), ``units``
(every unit's slug) and ``home_team`` (the name of a team of the actor's own unit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from db.models import Production
from driftboard import unitdata
from driftboard.domain import (
    AccessDenied,
    Role,
    RowError,
    ValidationError,
)
from driftboard.services import (
    absences,
    actions,
    api_tokens,
    capacity,
    competence,
    confirmations,
    day_counts,
    escalations,
    feeds_board,
    forecast,
    goalboard,
    history,
    import_choices,
    improvement_board,
    improvement_coordination,
    improvement_pareto,
    intake,
    live,
    master_workbook,
    masterdata,
    maturity,
    measures,
    operations_board,
    org,
    org_settings,
    plan_grid,
    plausibility,
    production,
    robots,
    standards,
    standards_workbook,
    tier_board,
    training,
    unit_setup,
    users,
    weekplan,
    workplace,
)
from tests import standards_rows
from tests.conftest import DEMO_DAY

DAY = DEMO_DAY
MONDAY = DAY - dt.timedelta(days=DAY.weekday())
Target = Mapping[str, Any]


@dataclass(frozen=True)
class Write:
    """A write and the role it needs on the target's org unit (None: an admin of the top of the
    tree — a new unit, an organisation, the admin token)."""

    needs: Role | None
    call: Callable[[Any], object]  # the actor → the service's answer


@dataclass(frozen=True)
class Read:
    """A read made by the reader of the moment. ``narrows``: a list of the whole installation
    (or a lookup by name), never refused, narrowed to the org units the reader holds ``needs``
    on; otherwise the read shows the target's org unit and is refused to anyone without a grant
    there."""

    call: Callable[[], object]
    needs: Role = Role.VIEWER
    narrows: bool = False


def refused(error: BaseException) -> bool:
    """A refusal for scope or role: ``AccessDenied``, or the workbook's row error for a person of
    another unit (refused with the row, not as a whole)."""
    if isinstance(error, AccessDenied):
        return True
    return isinstance(error, ValidationError) and all(e.code == "v.not_your_person" for e in error.errors)


# The role each write of tests/test_access.py's registry needs on the org unit it is aimed at
# (None: an admin of the top of the tree — a new unit, an organisation, the admin token).
_member, _leader, _admin = Role.MEMBER, Role.LEADER, Role.ADMIN
NEEDS: dict[str, Role | None] = {
    "actions.add_action": _leader,
    "actions.set_action_status": _leader,
    "actions.move_action_to_improvement": _leader,
    "competence.save_competence_frame": _leader,
    "competence.add_borrowed_person": _leader,
    "org_settings.save_settings": _admin,
    "org_settings.save_factors": _admin,
    "org_settings.save_job_roles": _admin,
    "improvement.create_card": _member,
    "improvement.edit_card": _member,
    "improvement.move_card": _member,
    "improvement_pareto.register_errors": _member,
    "improvement.take_ownership": _member,
    "history.undo_change": _leader,
    "escalations.raise_escalation": _member,
    "escalations.answer_escalation": _leader,
    "escalations.escalate_to_unit": _leader,
    "escalations.close_escalation": _member,
    "improvement.add_comment": _member,
    "improvement.link_cards": _member,
    "masterdata.create_org_unit": _admin,
    "masterdata.save_teams": _admin,
    "masterdata.save_people": _admin,
    "masterdata.save_tasks": _admin,
    "masterdata.save_planning_factors": _admin,
    "masterdata.set_competences": _leader,
    "measures.define_measure": _leader,
    "measures.record_measure_values": _leader,
    "measures.save_values": _leader,
    "measures.import_measures": _leader,
    "measures.save_measures": _leader,
    "planlog.log_plan_change": _leader,
    "prioritisation.set_planned_volume": _leader,
    "prioritisation.restore_planned_volume": _leader,
    "prioritisation.mark_sick": _leader,
    "prioritisation.move_person": _leader,
    "prioritisation.add_overtime": _leader,
    "production.record_production": _member,
    "intake_history.load_intake_history": _leader,
    "workplace.save_week_places": _leader,
    "holdings.import_holdings": _leader,
    "production.record_holdings": _leader,
    "production.import_production": _member,
    "production.import_production_table": _member,
    "holdings.import_holdings_table": _leader,
    "intake.record_intake": _member,
    "intake.import_intake": _member,
    "intake.set_intake_measures": _leader,
    "intake.import_intake_table": _member,
    "robots.save_robot": _admin,
    "robots.record_robot_runs": _leader,
    "api_tokens.create_api_token": _admin,
    "api_tokens.revoke_api_token": _admin,
    "users.create_user": _admin,
    "users.add_user": _admin,
    "users.create_screen_link": _admin,
    "users.revoke_screen_link": _admin,
    "tokens.revoke_token": _admin,
    "users.revoke_grant": _admin,
    "users.create_admin_token": None,
    "weekplan.save_week_plan": _leader,
    "weekplan.publish_week_plan": _leader,
    "weekplan.copy_previous_week": _leader,
    "plan_grid.save_grid": _leader,
    "absences.record_absences": _leader,
    "absences.save_absences": _leader,
    "unit_setup.create_unit": None,
    "unit_setup.add_org_unit": _admin,
    "unit_setup.rename_org_unit": _admin,
    "unit_setup.move_org_unit": _admin,
    "unit_setup.set_org_active": _admin,
    "unit_setup.remove_unit": _admin,
    "unit_setup.create_organisation": None,
    "master_workbook.import_master_data": _admin,
    "maturity.save_assessment": _leader,
    "maturity.import_assessment": _leader,
    "maturity.create_card_from_practice": _member,
    "standards.save_levels": _admin,
    "standards.save_standard": _leader,
    "standards.add_version": _leader,
    "standards.save_duties": _leader,
    "training.plan_training": _leader,
    "training.acknowledge": _member,
    "training.record_training": _leader,
    "confirmations.save_rules": _admin,
    "confirmations.set_started_on": _leader,
    "confirmations.record_confirmation": _leader,
    "confirmations.review_confirmation": _leader,
    "standards_workbook.import_workbook": _leader,
}
UNDECLARED = Role.VIEWER  # what writes() says of a write NEEDS does not name (the completeness test fails)


def writes(t: Target, engine: Any) -> dict[str, Write]:
    """Every public write service of tests/test_access.py's registry, aimed at ``t``'s rows, with
    the role it needs."""
    from tests.test_access import _writes, standards_writes

    ids = {"a": 0, "b": t["team"], "b_slug": t["team_slug"], "unit": t["unit"], "task_b": t["task"],
           "person_b": t["person"], "card_b": t["card"], "card_a": t["other_card"], "measure_b": t["measure"],
           "action_b": t["action"], "change_b": t["change"], "link_b": t["link"], "grant_b": t["grant"],
           "robot_b": t["robot"], "token_b": t["token"], "escalation_b": t["escalation"]}  # fmt: skip
    e = {"engine": engine}
    aimed = {  # the same intents, aimed where the registry's own aim reads or creates elsewhere
        # the take-over of issue #23: the target's person by employee number into the actor's team
        "master_workbook.import_master_data": lambda a: master_workbook.import_master_data(a, _people_workbook(t), **e),
        "maturity.create_card_from_practice": lambda a: maturity.create_card_from_practice(
            a, t["assessment"], "forecasting", t["team"], title="x", target_level=5, **e
        ),
        "unit_setup.create_organisation": lambda a: unit_setup.create_organisation(a, "x", t["units"], **e),
    }
    if engine is not None:  # the standards work's rows of the target, made before the calls
        rows = standards_rows.rows_for(engine, t["team"], DAY)
        aimed |= standards_writes(t["team"], t["unit"], t["task"], t["person"], lambda: rows, engine)
    calls = _writes(ids, engine) | aimed
    return {name: Write(NEEDS.get(name, UNDECLARED), call) for name, call in calls.items()}


def reads(t: Target, engine: Any) -> dict[str, Read]:
    """Every public read service, aimed at ``t``'s rows (made by the reader of the moment)."""
    team, card = t["team"], t["card"]
    e = {"engine": engine}
    unknown_team = [RowError(2, "team", "v.unknown_ref", (("value", "nowhere"),))]
    return {
        "actions.actions_for": Read(lambda: actions.actions_for(team, DAY, **e)),
        "api_tokens.api_tokens": Read(lambda: api_tokens.api_tokens(**e), Role.ADMIN, narrows=True),
        "competence.competence_rule": Read(lambda: competence.competence_rule(team, **e)),
        "competence.borrowable_people": Read(lambda: competence.borrowable_people(team, **e)),
        "competence.competence_frame": Read(lambda: competence.competence_frame(team, **e)),
        "feeds_board.load_feeds": Read(lambda: feeds_board.load_feeds(team, DAY, **e)),
        "escalations.team_escalations": Read(lambda: escalations.team_escalations(team, DAY, **e)),
        "escalations.open_escalations": Read(lambda: escalations.open_escalations(t["unit"], **e)),
        "escalations.open_under": Read(lambda: escalations.open_under(t["unit_slug"], 0, **e)),
        "escalations.escalation_of": Read(lambda: escalations.escalation_of(t["escalation"], **e)),
        "tier_board.load_tier_board": Read(lambda: tier_board.load_tier_board(t["unit"], DAY, **e)),
        "tier_board.find_level": Read(lambda: tier_board.find_level(t["unit_slug"], **e), narrows=True),
        "tier_board.lendable": Read(lambda: tier_board.lendable(t["escalation"], **e)),
        "forecast.intake_stamp": Read(lambda: forecast.intake_stamp(team, **e)),
        "forecast.team_forecast": Read(lambda: forecast.team_forecast(team, MONDAY, {t["task"]: 10.0}, **e)),
        "forecast.plannable_people": Read(lambda: forecast.plannable_people(team, MONDAY, **e)),
        "goalboard.goal_board": Read(lambda: goalboard.goal_board(t["unit"], MONDAY - dt.timedelta(weeks=1), **e)),
        "history.recent_changes": Read(lambda: history.recent_changes(t["unit"], **e)),
        "history.row_history": Read(lambda: history.row_history("improvement_cards", card, **e)),
        "history.rows_history": Read(lambda: history.rows_history("improvement_cards", [card], **e)),
        "history.plan_history": Read(lambda: history.plan_history(team, MONDAY, **e)),
        "history.production_day_history": Read(lambda: history.production_day_history(team, DAY, **e)),
        "history.measure_values_history": Read(lambda: history.measure_values_history(team, **e)),
        "import_choices.explain_errors": Read(lambda: import_choices.explain_errors(unknown_team, **e), narrows=True),
        "improvement_board.board": Read(lambda: improvement_board.board(team, **e)),
        "improvement_board.card": Read(lambda: improvement_board.card(card, **e)),
        "improvement_board.history": Read(lambda: improvement_board.history(card, **e)),
        "improvement_board.related": Read(lambda: improvement_board.related(card, **e)),
        "improvement_board.standards": Read(lambda: improvement_board.standards(team, dt.datetime(2020, 1, 1), **e)),
        "improvement_coordination.active_cards": Read(lambda: improvement_coordination.active_cards(t["unit"], **e)),
        "improvement_coordination.duplicate_suggestions": Read(lambda: improvement_coordination.duplicate_suggestions(card, **e)),
        "improvement_coordination.duplicate_pairs": Read(lambda: improvement_coordination.duplicate_pairs(t["unit"], **e)),
        "improvement_pareto.error_counts": Read(lambda: improvement_pareto.error_counts(team, MONDAY, DAY, **e)),
        "improvement_pareto.error_categories": Read(lambda: improvement_pareto.error_categories(team, **e)),
        "intake.day_values": Read(lambda: intake.day_values(team, DAY, **e)),
        "intake.week_values": Read(lambda: intake.week_values(team, [MONDAY, DAY], **e)),
        "intake.measure_choices": Read(lambda: intake.measure_choices(team, **e)),
        "live.shown": Read(lambda: live.shown("improvement", team)),
        "live.version": Read(lambda: live.version("improvement", team)),
        "masterdata.list_teams": Read(lambda: masterdata.list_teams(**e), narrows=True),
        "masterdata.find_team": Read(lambda: masterdata.find_team(t["team_slug"], **e), narrows=True),
        "masterdata.units": Read(lambda: [u.name for u in masterdata.units(**e)], narrows=True),
        "masterdata.teams_frame": Read(lambda: masterdata.teams_frame(t["unit"], **e)),
        "masterdata.departments": Read(lambda: masterdata.departments(t["unit"], **e)),
        "masterdata.people_frame": Read(lambda: masterdata.people_frame(team, **e)),
        "masterdata.tasks_frame": Read(lambda: masterdata.tasks_frame(team, **e)),
        "masterdata.factors_frame": Read(lambda: masterdata.factors_frame(t["unit"], **e)),
        "masterdata.team_factors": Read(lambda: masterdata.team_factors(team, **e)),
        "maturity.assessments": Read(lambda: maturity.assessments(team, **e)),
        "maturity.unit_history": Read(lambda: maturity.unit_history(team, **e)),
        "maturity.teams_latest": Read(lambda: maturity.teams_latest(t["unit"], **e)),
        "measures.values_frame": Read(lambda: measures.values_frame(team, MONDAY, **e)),
        "measures.measures_frame": Read(lambda: measures.measures_frame(team, **e)),
        "measures.value_doubts": Read(lambda: measures.value_doubts({t["measure"]: 1.0}, **e)),
        "operations_board.load_board": Read(lambda: operations_board.load_board(team, DAY, **e)),
        "operations_board.refresh_seconds": Read(lambda: operations_board.refresh_seconds(team, **e)),
        "operations_board.meeting_minutes": Read(lambda: operations_board.meeting_minutes(team, **e)),
        "org.org_tree": Read(lambda: org.org_tree(**e), narrows=True),
        "org_settings.settings_view": Read(lambda: org_settings.settings_view(team, **e)),
        "org_settings.job_roles_frame": Read(lambda: org_settings.job_roles_frame(t["unit"], **e)),
        "org_settings.job_role_names": Read(lambda: org_settings.job_role_names(team, "en", **e)),
        "org_settings.job_role_keys_by_name": Read(lambda: org_settings.job_role_keys_by_name(t["unit"], **e)),
        "production.day_values": Read(lambda: production.day_values(team, DAY, **e)),
        "plausibility.production": Read(lambda: plausibility.production(DAY, {t["task"]: 5}, **e)),
        "plausibility.intake": Read(lambda: plausibility.intake(DAY, {t["task"]: 5}, **e)),
        "plausibility.holdings": Read(lambda: plausibility.holdings(DAY, {t["task"]: (5, 0, 0)}, **e)),
        "plausibility.import_doubts": Read(lambda: plausibility.import_doubts([(2, t["task"], DAY, 5)], field="produced", produced=True, **e)),
        "robots.team_robots": Read(lambda: robots.team_robots(team, **e)),
        "robots.team_measures": Read(lambda: robots.team_measures(team, **e)),
        "robots.robot_board": Read(lambda: robots.robot_board(team, DAY, **e)),
        "unit_setup.resolve_alias": Read(lambda: unit_setup.resolve_alias(t["old_slug"], **e), narrows=True),
        "master_workbook.master_data_rows": Read(lambda: master_workbook.master_data_rows(**e), Role.ADMIN, narrows=True),
        "master_workbook.export_workbook": Read(lambda: master_workbook.export_workbook(**e), Role.ADMIN, narrows=True),
        "users.grants_table": Read(lambda: users.grants_table(**e), Role.ADMIN, narrows=True),
        "users.screen_links": Read(lambda: [x.team_slug for x in users.screen_links(**e)], Role.ADMIN, narrows=True),
        "weekplan.plan_info": Read(lambda: weekplan.plan_info(team, MONDAY, **e)),
        "plan_grid.grid_frame": Read(lambda: plan_grid.grid_frame(team, MONDAY, **e)),
        "absences.absences_frame": Read(lambda: absences.absences_frame(team, MONDAY, **e)),
        "capacity.capacity_summary": Read(lambda: capacity.capacity_summary(team, MONDAY, **e)),
        "day_counts.counts_on": Read(lambda: day_counts.counts_on(Production, team, DAY, **e)),
        "workplace.week_places": Read(lambda: workplace.week_places(team, MONDAY, **e)),
        **standards_reads(t, engine),
    }  # fmt: skip


def standards_reads(t: Target, engine: Any) -> dict[str, Read]:
    """The standards work's reads, aimed at ``t``'s team."""
    team, e = t["team"], {"engine": engine}
    standard = standards_rows.rows_for(engine, team, DAY)["standard"] if engine is not None else 0
    return {
        "standards.level_names": Read(lambda: standards.level_names(team, "en", **e)),
        "standards.library": Read(lambda: standards.library(team, **e)),
        "standards.task_standards": Read(lambda: standards.task_standards(team, **e)),
        "standards.versions": Read(lambda: standards.versions(standard, **e)),
        "standards.card_standards": Read(lambda: standards.card_standards([t["card"]], **e)),
        "standards.duties_frame": Read(lambda: standards.duties_frame(team, **e)),
        "standards.published": Read(lambda: standards.published(t["team_slug"], default_org=team, **e)),
        "standards_workbook.export_workbook": Read(lambda: standards_workbook.export_workbook(team, **e)),
        "training.trainings": Read(lambda: training.trainings(team, **e)),
        "training.matrix": Read(lambda: training.matrix(team, **e)),
        "training.rule_plan": Read(lambda: training.rule_plan(team, **e)),
        "confirmations.rules_view": Read(lambda: confirmations.rules_view(team, **e)),
        "confirmations.proposal": Read(lambda: confirmations.proposal(team, **e)),
        "confirmations.confirmations": Read(
            lambda: confirmations.confirmations(team, DAY - dt.timedelta(weeks=4), **e)
        ),
        "confirmations.layered_view": Read(lambda: confirmations.layered_view(team, **e)),
        "confirmations.evidence": Read(lambda: confirmations.evidence(team, **e)),
    }


# Public service functions that show no unit's data, and why. (Functions whose first parameter is
# the caller's session are cores: the service that opens the session checks.)
UNSCOPED: dict[str, str] = {
    "access.*": "the rule itself: who may change what",
    "scope.*": "the rule itself: whose data a read may show",
    "common.*": "helpers for the services (lengths, versions, page_reads)",
    "improvement_board.card_query": "a query, not its rows",
    "improvement_board.card_view": "shapes a row already read",
    "org.unit_in": "picks from an ancestry already read",
    "org.inherited": "picks from an ancestry already read",
    "escalations.as_json": "shapes an escalation already read",
    "org.factors_in": "resolves planning factors from rows already read",
    "operations_board.board_settings": "picks the board's settings from an ancestry already read",
    "maturity.model": "the maturity model: the same for every unit",
    "maturity.previous": "picks from assessments already read",
    "measures.check_measure": "checks a measure definition (pure)",
    "measures.measure_def": "shapes a measure definition (pure)",
    "unit_setup.installation_is_empty": "whether any unit exists (the set-up page's first-unit rule)",
    "master_workbook.template_workbook": "the empty workbook with its example rows",
    "users.screen_url": "formats a URL",
    "users.actor_for_email": "identity: the signed-in person's own grants",
    "users.open_mode_actor": "identity: open mode's actor",
    "users.admin_token_valid": "identity: checks an admin token",
    "users.screen_team": "identity: the team a screen link opens",
    "api_tokens.api_caller": "identity: the org unit an API token is scoped to",
    "live.stamps": "the change stamps (counters)",
    "live.forget": "empties the screens' cache",
    "live.signature": "signs a poll URL",
    "live.signed": "checks a poll URL's signature",
    "live.screen_secret": "the installation's secret that signs the poll URLs",
    "tokens.hash_secret": "hashes a secret",
    "tokens.live_token": "identity: the org unit a screen link or API token stands for",
    "day_counts.check_counts": "checks typed counts (pure)",
    "day_counts.checked_rows": "checks an import table; a refusal names only what the importer may see",
    "day_counts.checked_import": "checked_rows, and the rows far from the plausible (read as the importer)",
}


# --------------------------------------------------------------------------- what the calls send


def _people_workbook(t: Target) -> bytes:
    """A people row putting the target's person (by employee number) into ``home_team``: for a
    team of the actor's own unit, an update; for another unit's person, the take-over of issue
    #23 (found by employee number across all units, moved into the uploader's team)."""
    row = {"team": t["home_team"], "name": t["person_name"], "employee_id": t["employee"], "daily_hours": 7.0,
           "team_leader": False, "board_leader": False, "active": True}  # fmt: skip
    return unitdata.write_workbook({"people": [row]}, "en", unitdata.instructions("en"))
