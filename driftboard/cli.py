"""``python -m driftboard``: a thin command line over ``driftboard.services`` (parse, call, print).

Every command has ``--help``, prints a clear message on failure and exits non-zero. The README's
"Command line" section documents each command; a test fails when one is missing there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.engine import ENV_URL, database_url, get_engine, unreachable
from driftboard import admin
from driftboard.domain import Actor, DomainError, ValidationError
from driftboard.i18n import t
from driftboard.importchoices import said_once
from driftboard.plausibility import RowDoubt
from driftboard.services import master_workbook

if TYPE_CHECKING:
    from driftboard.services.api_tokens import ApiToken
    from driftboard.services.users import ScreenLink

CLI_ACTOR = Actor(f"cli:{os.environ.get('USER', 'admin')}")


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return get_engine(args.database or database_url())


def cmd_init_db(args: argparse.Namespace) -> int:

    changed = admin.init_db(_engine(args))
    print("Database migrated to the newest schema." if changed else "Database schema is up to date.")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if args.if_empty:
        loaded = admin.seed_if_empty(today=args.date, engine=engine)
        if loaded is None:
            print("The database already holds data; left as it is.")
            return 0
        _print_summary(loaded)
        return 0
    result = admin.seed(
        CLI_ACTOR,
        replace=args.replace,
        today=args.date,
        engine=engine,
        backup_dir=Path(args.backup_dir),
    )
    if result.backup:
        print(f"Backed up the previous data to {result.backup}.")
    _print_summary(result.summary)
    return 0


def _print_summary(s: admin.demo.DemoSummary) -> None:
    print(f"Loaded the demo unit {s.unit!r}: {s.teams} teams, {s.people} people, {s.tasks} tasks, ", end="")
    print(f"{s.cards} improvement cards.")


def cmd_generate(args: argparse.Namespace) -> int:
    from driftboard import clock, generate

    s = generate.generate(
        _engine(args),
        teams=args.teams,
        years=args.years,
        seed=args.seed,
        today=args.date or clock.today(),
        replace=args.replace,
        actor=CLI_ACTOR,
    )
    print(f"Generated {s.units} units, {s.departments} departments, {s.teams} teams, {s.people} people, ", end="")
    print(f"{s.tasks} tasks, {s.cards} improvement cards: {s.rows:,} rows in {s.seconds:.0f} s.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:

    path = admin.backup(Path(args.path), _engine(args))
    print(f"Backup written to {path}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    kept = admin.restore(Path(args.path), force=args.force, backup_dir=Path(args.backup_dir), engine=_engine(args))
    if kept:
        print(f"Backed up the replaced data to {kept}.")
    print(f"Restored {args.path}; the schema is up to date.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.directory == "masterdata" and args.file:
        engine = _engine(args)
        admin.init_db(engine)
        Path(args.file).write_bytes(master_workbook.export_workbook(args.lang, engine))
        print(f"Master data written to {args.file}.")
        return 0
    counts = admin.export_csv(Path(args.directory), _engine(args))
    print(f"Exported {len(counts)} tables ({sum(counts.values())} rows) to {args.directory}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:

    problems = admin.check(_engine(args))
    if problems:
        for problem in problems:
            print(f"PROBLEM: {problem}", file=sys.stderr)
        print("1 problem found." if len(problems) == 1 else f"{len(problems)} problems found.", file=sys.stderr)
        return 1
    print("OK: schema up to date, integrity and foreign keys checked, no problems found.")
    return 0


def _import_source(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The file ``args.file`` (refused unless it exists) and the database, migrated first."""
    path = Path(args.file)
    if not path.is_file():
        raise DomainError(f"{path} does not exist or is not a file", message_key="cli.err.no_file", path=str(path))
    engine = _engine(args)
    admin.init_db(engine)
    return path, engine


def cmd_import_production(args: argparse.Namespace) -> int:
    from driftboard import clock
    from driftboard.services import production

    path, engine = _import_source(args)
    result = production.import_production(CLI_ACTOR, path.read_bytes(), path.name, today=clock.today(), engine=engine)
    days = f"{result.days[0].isoformat()}..{result.days[-1].isoformat()}" if result.days else "-"
    print(f"Imported {result.rows} rows ({days}): {result.added} new, {result.replaced} replaced.")
    _print_doubts(result.doubts)
    return 0


def cmd_import_measures(args: argparse.Namespace) -> int:
    from driftboard.services import measures

    path, engine = _import_source(args)
    result = measures.import_measures(CLI_ACTOR, path.read_bytes(), path.name, engine=engine)
    print(f"Imported {result.rows} measure values.")
    _print_doubts(result.doubts)
    return 0


def _print_doubts(doubts: Sequence[RowDoubt]) -> None:
    """The imported rows that lie far outside the plausible, one a line (written, not refused)."""
    for doubt in doubts:
        print(t("num.row_doubt", "en", row=doubt.row, field=doubt.field, doubt=doubt.text("en")))


def cmd_template(args: argparse.Namespace) -> int:

    Path(args.file).write_bytes(master_workbook.template_workbook(args.lang))
    print(f"Master-data template written to {args.file}: fill in the sheets, then `import masterdata {args.file}`.")
    return 0


def cmd_import_masterdata(args: argparse.Namespace) -> int:

    path, engine = _import_source(args)
    result = master_workbook.import_master_data(CLI_ACTOR, path.read_bytes(), engine=engine)
    key, params = result.said()
    if key == "us.import.done":  # the command line says what of each kind
        none = t("us.import.cli_none")
        created = ", ".join(f"{n} {kind}" for kind, n in result.created.items()) or none
        updated = ", ".join(f"{n} {kind}" for kind, n in result.updated.items()) or none
        key, params = "us.import.cli_done", {"created": created, "updated": updated, "unchanged": result.unchanged}
    print(t(key, **params))
    return 0


def cmd_import_holdings(args: argparse.Namespace) -> int:
    from driftboard.services import holdings

    return _import_day_rows(args, holdings.import_holdings, "holdings")


def cmd_import_intake(args: argparse.Namespace) -> int:
    from driftboard.services import intake

    return _import_day_rows(args, intake.import_intake, "intake")


def _import_day_rows(args: argparse.Namespace, importer: Callable[..., Any], noun: str) -> int:
    """Import ``args.file`` through ``importer`` (rows per task and day as of today, each stored
    or already so) and say how many rows changed and which look doubtful."""
    from driftboard import clock

    path, engine = _import_source(args)
    result = importer(CLI_ACTOR, path.read_bytes(), path.name, today=clock.today(), engine=engine)
    print(f"Imported {result.rows} {noun} rows: {result.changed} changed, {result.unchanged} unchanged.")
    _print_doubts(result.doubts)
    return 0


def _credential_line(credential: ApiToken | ScreenLink, *fields: str) -> str:
    """A token's or link's list line: its id, ``fields``, live or revoked, and when it was last
    used."""
    revoked_at, last_used_at = credential.revoked_at, credential.last_used_at
    state = f"revoked {revoked_at:%Y-%m-%d %H:%M}" if revoked_at else "live"
    used = f"{last_used_at:%Y-%m-%d %H:%M}" if last_used_at else "never"
    return "\t".join((str(credential.id), *fields, state, f"last used {used} (UTC)"))


def cmd_token_create(args: argparse.Namespace) -> int:
    from driftboard.services import api_tokens

    token_id, secret = api_tokens.create_api_token(CLI_ACTOR, args.name, args.unit, engine=_engine(args))
    print(f"API token {token_id} for {args.unit}, shown once (revoke with: token revoke {token_id}):")
    print(secret)
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    from driftboard.services import api_tokens

    for token in api_tokens.api_tokens(_engine(args)):
        print(_credential_line(token, token.name, token.unit_slug))
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from driftboard.services import api_tokens

    return _revoke(args, api_tokens.revoke_api_token, "API token {id} revoked; a system using it now gets 401.")


def cmd_user_add(args: argparse.Namespace) -> int:
    from driftboard.domain import Role
    from driftboard.services import users

    user_id = users.add_user(CLI_ACTOR, args.email, Role(args.role), args.unit, engine=_engine(args))
    print(f"User {user_id} ({args.email.strip().lower()}) is {args.role} on {args.unit}.")
    return 0


def cmd_screen_add(args: argparse.Namespace) -> int:
    from driftboard.services import users

    link_id, secret = users.create_screen_link(CLI_ACTOR, args.team, args.label or "", engine=_engine(args))
    print(f"Screen link {link_id} for {args.team} (read-only; revoke with: screen revoke {link_id}):")
    print(users.screen_url(args.base_url, args.team, secret))
    return 0


def cmd_screen_list(args: argparse.Namespace) -> int:
    from driftboard.services import users

    for link in users.screen_links(_engine(args)):
        print(_credential_line(link, link.team_slug, link.label or "-"))
    return 0


def cmd_screen_revoke(args: argparse.Namespace) -> int:
    from driftboard.services import users

    return _revoke(args, users.revoke_screen_link, "Screen link {id} revoked; a screen using it now shows no board.")


def _revoke(args: argparse.Namespace, revoke: Callable[..., None], said: str) -> int:
    """Revoke the token or link ``args.id`` through its service and say what that means for
    whoever uses it."""
    revoke(CLI_ACTOR, args.id, engine=_engine(args))
    print(said.format(id=args.id))
    return 0


def cmd_admin_token(args: argparse.Namespace) -> int:
    from driftboard.services import users

    print(users.create_admin_token(CLI_ACTOR, engine=_engine(args)))
    return 0


def cmd_migrate_data(args: argparse.Namespace) -> int:
    from db.transfer import copy_installation

    source, target = _open(args.source, "source"), _open(args.target, "target")
    done = copy_installation(source, target, replace=args.replace, backup_dir=Path(args.backup_dir))
    if done.backup:
        print(f"Backed up the replaced data to {done.backup}.")
    width = max(len(c.table) for c in done.checks)
    print(f"{'table':<{width}}  {'rows':>9}  {'copied':>9}  {'checksum':<32}  ok")
    for c in done.checks:
        mark = "ok" if c.ok else f"MISMATCH (target {c.target_sum})"
        print(f"{c.table:<{width}}  {c.source_rows:>9}  {c.target_rows:>9}  {c.source_sum}  {mark}")
    if not done.ok:
        bad = ", ".join(c.table for c in done.checks if not c.ok)
        print(f"error: the copy differs from the source in {bad}", file=sys.stderr)
        return 1
    print(f"Copied {done.rows} rows in {len(done.checks)} tables, all verified; change stamp {done.change_stamp}.")
    return 0


def cmd_org_add_organisation(args: argparse.Namespace) -> int:
    from driftboard.services import unit_setup

    units = [u for u in args.units.split(",") if u.strip()]
    slug = unit_setup.create_organisation(CLI_ACTOR, args.name, units, engine=_engine(args))
    print(f"Organisation {args.name!r} ({slug}) holds {len(units)} unit(s); its goal board is /goals?unit={slug}.")
    return 0


def _open(url: str, side: str):  # type: ignore[no-untyped-def]
    """The engine of ``url``, connected once so a bad URL or password says which side it is."""
    try:
        engine = get_engine(url)
        with engine.connect():
            pass
    except Exception as exc:
        reason = unreachable(exc)
        if reason is None:
            raise
        raise DomainError(f"{side}: {reason}", message_key="migrate.err.open", side=side, reason=reason) from None
    return engine


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from exc


Command = Callable[[argparse.Namespace], int]
Commands = argparse._SubParsersAction  # the subcommands of a command


def _subcommand(commands: Commands, name: str, func: Command, help_: str, **kwargs: str) -> argparse.ArgumentParser:
    p = commands.add_parser(name, help=help_, **kwargs)
    p.set_defaults(func=func)
    return p


def _backup_dir(p: argparse.ArgumentParser, keeps: str) -> None:
    p.add_argument("--backup-dir", default="data/backups", metavar="DIR", help=f"where {keeps} (default: %(default)s)")


def _workbook_language(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("en", "da"), default="en", help="sheet and header language (default: en)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m driftboard",
        description="Driftboard administration: database set-up, demo data, backups, exports and checks.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"SQLAlchemy database URL (default: ${ENV_URL} or the SQLite file data/driftboard.db)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Command, help_: str) -> argparse.ArgumentParser:
        return _subcommand(sub, name, func, help_, description=help_)

    def group(name: str, help_: str, dest: str = "action") -> Commands:
        """A command that only holds subcommands (``token create``, ``import production``)."""
        return add(name, lambda _args: 2, help_).add_subparsers(dest=dest, required=True, metavar=dest.upper())

    add("init-db", cmd_init_db, "Create the database or migrate it to the newest schema.")
    p = add("seed", cmd_seed, "Load the demo unit (Loan Service) with history relative to today.")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--replace", action="store_true", help="wipe a database that holds data first (a backup is taken)"
    )
    mode.add_argument("--if-empty", action="store_true", help="load only into an empty database; otherwise do nothing")
    p.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="generate the history as of this date (default: today)"
    )
    _backup_dir(p, "--replace keeps the backup")
    p = add("generate", cmd_generate, "Generate a large organisation with years of history (load tests, bench/).")
    p.add_argument("--teams", type=int, default=500, help="how many teams (default: %(default)s)")
    p.add_argument("--years", type=int, default=3, help="years of daily history (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="the same seed and date give the same data (default: 1)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the history ends on this day (default: today)")
    p.add_argument("--replace", action="store_true", help="wipe a database that holds data first (no backup)")
    p = add("backup", cmd_backup, "Write a consistent copy of the database while the app keeps running.")
    p.add_argument("path", help="the backup file to create (must not exist)")
    p = add("restore", cmd_restore, "Bring back a backup; a database holding data is replaced only with --force.")
    p.add_argument("path", help="a file written by `backup`")
    p.add_argument("--force", action="store_true", help="replace a database that holds data (it is backed up first)")
    _backup_dir(p, "--force keeps the replaced data")
    p = add(
        "export",
        cmd_export,
        "Export every table as a CSV file into a directory, or (`export masterdata FILE.xlsx`) the master-data "
        "workbook.",
    )
    p.add_argument("directory", help="directory to write the CSV files to (created if missing), or masterdata")
    p.add_argument("file", nargs="?", help="with masterdata: the workbook to write")
    _workbook_language(p)
    p = add("template", cmd_template, "Write an empty workbook to fill in: `template masterdata FILE.xlsx`.")
    p.add_argument("kind", choices=("masterdata",), help="what the template is for (masterdata)")
    p.add_argument("file", help="the workbook to write")
    _workbook_language(p)
    add("check", cmd_check, "Check schema version, integrity and foreign keys; exit 1 on problems.")
    _import_commands(group("import", "Import data from a CSV or XLSX file (all rows or none).", dest="kind"))
    tokens = group("token", "API tokens for core systems feeding numbers in (POST /api/v1/...).")
    q = _subcommand(tokens, "create", cmd_token_create, "make a token for one org unit and print it (shown once)")
    q.add_argument("name", help="the system's name, e.g. 'Core banking'; writes are attributed to it")
    q.add_argument("--unit", required=True, metavar="SLUG", help="the org unit (unit, department or team) it may feed")
    _subcommand(tokens, "list", cmd_token_list, "every token, live or revoked, and when it was last used")
    q = _subcommand(tokens, "revoke", cmd_token_revoke, "revoke a token by id")
    q.add_argument("id", type=int, help="the token's id (see token list)")
    _trust_commands(add, group)
    _scale_commands(add, group)
    return parser


def _import_commands(kinds: Commands) -> None:
    """``import KIND FILE``: one file, all rows or none."""
    for kind, func, help_, description in (
        (
            "production",
            cmd_import_production,
            "produced volumes: columns date, team, task, produced",
            "Import produced volumes per task and day. Columns: date, team, task, produced; team and task by slug or "
            "name; dates ISO (2026-11-28) or dd-mm-yyyy. Any bad row rejects the whole file; a day already registered "
            "is replaced (the audit log keeps the old value).",
        ),
        (
            "measures",
            cmd_import_measures,
            "measure values: columns period, unit, measure, value",
            "Import goal-steering values. Columns: period, unit, measure, value; period as 2026-W47, 2026-11 or a date "
            "in the period; unit (any level) and measure by slug or name. Any bad row rejects the whole file; a period "
            "already entered is replaced.",
        ),
        (
            "masterdata",
            cmd_import_masterdata,
            "the master-data workbook: org, job_roles, people, tasks, competences, factors",
            "Create or update units, departments, teams, job roles, people, tasks, competences and planning factors "
            "from a workbook (see `template masterdata`), in one transaction; English or Danish sheet names and "
            "headers. Matched by name/slug and employee_id. Any bad row rejects the whole workbook.",
        ),
        (
            "holdings",
            cmd_import_holdings,
            "holdings: columns date, team, task, open, due_today, overdue",
            "Import holdings (open cases, due today, over the service goal) per task and day. Danish headers (dato, "
            "opgave, åbne, forfalder_i_dag, over_servicemål) and semicolon-separated files are accepted. Any bad row "
            "rejects the whole file.",
        ),
        (
            "intake",
            cmd_import_intake,
            "cases received: columns date, team, task, received",
            "Import cases received per task and day. Columns: date, team, task, received (Danish: dato, team, opgave, "
            "modtaget); team and task by slug or name. Any bad row rejects the whole file; a day already registered "
            "is replaced; the same file twice changes nothing.",
        ),
    ):
        q = _subcommand(kinds, kind, func, help_, description=description)
        q.add_argument("file", help="the XLSX workbook" if kind == "masterdata" else "the CSV or XLSX file")


def _scale_commands(add: Callable[..., argparse.ArgumentParser], group: Callable[..., Commands]) -> None:
    p = add(
        "migrate-data",
        cmd_migrate_data,
        "Copy a whole installation to another database (SQLite to PostgreSQL or back), verified per table.",
    )
    p.add_argument("--from", dest="source", required=True, metavar="URL", help="the database to copy from")
    p.add_argument("--to", dest="target", required=True, metavar="URL", help="the database to copy into")
    p.add_argument("--replace", action="store_true", help="replace a target that holds data (it is backed up first)")
    _backup_dir(p, "--replace keeps the replaced data")
    actions = group("org", "The organisation above units (a bank, a municipality).")
    q = _subcommand(
        actions,
        "add-organisation",
        cmd_org_add_organisation,
        "create the organisation and put units under it (its goal board rolls them up)",
    )
    q.add_argument("name", help="the organisation's name, e.g. 'Nordbank'")
    q.add_argument("--units", required=True, metavar="SLUG,SLUG", help="the units it holds, by slug")


def _trust_commands(add: Callable[..., argparse.ArgumentParser], group: Callable[..., Commands]) -> None:
    users_sub = group("user", "Users and their role grants (sign-in mode).")
    q = _subcommand(
        users_sub, "add", cmd_user_add, "grant a role on an org unit to the user with an e-mail (created if new)"
    )
    q.add_argument("email", help="the e-mail address the identity provider signs people in with")
    q.add_argument("--role", required=True, choices=["viewer", "member", "improvement_supporter", "leader", "admin"])
    q.add_argument("--unit", required=True, metavar="SLUG", help="the org unit (unit, department or team) by slug")
    screens = group("screen", "Read-only screen links for a team's shared screen.")
    q = _subcommand(screens, "add", cmd_screen_add, "make a link and print its full URL")
    q.add_argument("--team", required=True, metavar="SLUG")
    q.add_argument("--label", help="where the screen hangs, e.g. 'TV by the coffee machine'")
    q.add_argument("--base-url", default="http://localhost:8501", help="the app's address (default: %(default)s)")
    _subcommand(screens, "list", cmd_screen_list, "every link, live or revoked, and when it was last used")
    q = _subcommand(screens, "revoke", cmd_screen_revoke, "revoke a link by id")
    q.add_argument("id", type=int)
    add("admin-token", cmd_admin_token, "Print a new admin token: open mode needs it for admin pages.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ValidationError as exc:
        problems = "1 problem" if len(exc.errors) == 1 else f"{len(exc.errors)} problems"
        print(f"error: {problems}; nothing was imported or changed:", file=sys.stderr)
        for line in said_once(exc.errors):  # a list of valid teams or tasks once, not on every row
            print(f"  {line}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        reason = unreachable(exc)
        if reason is None:
            raise
        print(f"error: {reason}", file=sys.stderr)
        return 1
