"""The ingest API through the real HTTP server (``streamlit run server.py`` on a free port, the
same server ``scripts/start.sh`` starts): a good batch is written and attributed to the token,
a bad batch changes nothing and names every row, a re-send changes nothing, and a wrong token,
another unit's token, an oversized or malformed body get 401/403/413/422 — never a 500."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import dispose_engines, get_engine, read_session
from db.models import AuditEntry, ChangeStamp, HoldingsSnapshot, Production, Task
from db.models.feeds import Intake, Robot, RobotRun
from driftboard.domain import Actor, ProductionSource
from driftboard.services import api_tokens, live, tier_board
from tests import databases
from tests.browser.conftest import serve
from tests.conftest import DEMO_DAY

ADMIN = Actor("setup")
MAX_BYTES = 20_000
YESTERDAY = DEMO_DAY - dt.timedelta(days=1)
COOKIE_SECRET = "the same on every server"


@dataclass
class Api:
    url: str
    db_url: str
    token: str  # the whole unit
    team_token: str  # only the mortgage team
    revoked: str

    def post(self, path: str, body: Any, token: str | None = None, *, raw: bytes | None = None) -> tuple[int, dict]:
        data = raw if raw is not None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method="POST")
        request.add_header("Content-Type", "application/json")
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        return _send(request)

    def get(self, path: str) -> tuple[int, dict]:
        return _send(urllib.request.Request(f"{self.url}{path}"))


def _send(request: urllib.request.Request) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def api(demo_template_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    folder = tmp_path_factory.mktemp("api")
    url = databases.copy_of(demo_template_url, folder, "api")
    engine = get_engine(url)
    token = api_tokens.create_api_token(ADMIN, "Core banking", "loan-service", engine=engine)[1]
    team_token = api_tokens.create_api_token(ADMIN, "Mortgage system", "mortgage", engine=engine)[1]
    revoked_id, revoked = api_tokens.create_api_token(ADMIN, "Old system", "loan-service", engine=engine)
    api_tokens.revoke_api_token(ADMIN, revoked_id, engine=engine)
    dispose_engines()
    server = serve(
        Path(folder / "unused.db"),
        folder,
        now=f"{DEMO_DAY.isoformat()}T10:00",
        DRIFTBOARD_DATABASE_URL=url,
        DRIFTBOARD_API_MAX_BYTES=str(MAX_BYTES),
        STREAMLIT_SERVER_COOKIE_SECRET=COOKIE_SECRET,
    )
    running = next(server)
    yield Api(running.url, url, token, team_token, revoked)
    next(server, None)
    dispose_engines()
    databases.drop(url)


def _audit(url: str) -> int:
    with read_session(get_engine(url)) as s:
        return s.scalar(select(func.count(AuditEntry.id)))


def _stamp(url: str) -> int:
    with read_session(get_engine(url)) as s:
        return s.scalar(select(ChangeStamp.value).where(ChangeStamp.id == 1))


def _produced(url: str, task_slug: str, day: dt.date) -> Production | None:
    with read_session(get_engine(url)) as s:
        return s.scalar(
            select(Production)
            .join(Task, Task.id == Production.task_id)
            .where(Task.slug == task_slug, Production.date == day)
        )


def test_health_and_the_openapi_description(api):
    assert api.get("/api/v1/health") == (200, {"status": "ok"})
    status, doc = api.get("/api/v1/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    assert {"/api/v1/production", "/api/v1/holdings", "/api/v1/intake", "/api/v1/robots/{slug}/runs"} <= set(
        doc["paths"]
    )
    assert doc["components"]["schemas"]["production_row"]["required"] == ["date", "team", "task", "produced"]


def test_a_good_batch_is_written_and_attributed_to_the_token(api):
    rows = [
        {"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": 31},
        {"date": YESTERDAY.isoformat(), "team": "Mortgage", "task": "Register mortgage with the land registry",
         "produced": 17},
    ]  # fmt: skip
    status, body = api.post("/api/v1/production", {"rows": rows}, api.token)
    assert (status, body["rows"]) == (200, 2)
    payout = _produced(api.db_url, "mortgage-payout", YESTERDAY)
    assert (payout.produced, payout.source, payout.recorded_by) == (31, ProductionSource.API, "Core banking (API)")
    assert _produced(api.db_url, "land-registry", YESTERDAY).produced == 17
    with read_session(get_engine(api.db_url)) as s:
        actors = set(s.scalars(select(AuditEntry.actor).where(AuditEntry.entity == "production")))
    assert "Core banking (API)" in actors


def test_an_identical_resend_changes_nothing(api):
    rows = [{"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-signatures", "produced": 29}]
    first = api.post("/api/v1/production", {"rows": rows}, api.token)
    audit, stamp = _audit(api.db_url), _stamp(api.db_url)
    again = api.post("/api/v1/production", {"rows": rows}, api.token)
    assert first[0] == again[0] == 200
    assert again[1] == {"rows": 1, "changed": 0, "unchanged": 1}
    assert (_audit(api.db_url), _stamp(api.db_url)) == (audit, stamp)  # no audit noise, screens not woken


def test_a_bad_batch_changes_nothing_and_names_every_row(api):
    before = _produced(api.db_url, "mortgage-documents", YESTERDAY).produced
    audit = _audit(api.db_url)
    rows = [
        {"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-documents", "produced": 5},  # good
        {"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "no-such-task", "produced": 5},
        {"date": "2027-01-01", "team": "mortgage", "task": "mortgage-payout", "produced": -3},
        {"date": YESTERDAY.isoformat(), "team": "nowhere", "task": "x", "produced": 1},
    ]
    status, body = api.post("/api/v1/production", {"rows": rows}, api.token)
    assert status == 422 and body["error"] == "api.err.rows"
    reasons = {(e["row"], e["field"]) for e in body["errors"]}
    assert {(2, "task"), (3, "date"), (3, "produced"), (4, "team")} <= reasons
    assert all(e["message"] for e in body["errors"])
    assert _produced(api.db_url, "mortgage-documents", YESTERDAY).produced == before != 5
    assert _audit(api.db_url) == audit


def test_danish_reasons_on_request(api):
    rows = [{"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": -1}]
    status, body = api.post("/api/v1/production?lang=da", {"rows": rows}, api.token)
    assert status == 422 and body["message"] == "nogle rækker er ugyldige; intet blev gemt"


@pytest.mark.parametrize("which", ["missing", "wrong", "revoked"])
def test_no_valid_token_is_401(api, which):
    token = {"missing": None, "wrong": "dbt_not-a-token", "revoked": api.revoked}[which]
    rows = [{"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": 1}]
    status, body = api.post("/api/v1/production", {"rows": rows}, token)
    assert (status, body["error"]) == (401, "api.err.token")


def test_a_token_of_another_unit_is_403_and_writes_nothing(api):
    audit = _audit(api.db_url)
    rows = [{"date": YESTERDAY.isoformat(), "team": "home-coop", "task": "home-loan-payout", "produced": 1}]
    status, body = api.post("/api/v1/production", {"rows": rows}, api.team_token)
    assert (status, body["error"]) == (403, "api.err.scope")
    status, body = api.post("/api/v1/robots/land-registry-robot/runs", {"rows": []}, api.team_token)
    assert status == 422  # an empty batch is refused before anything else, with one reason
    assert [(e["row"], e["code"]) for e in body["errors"]] == [(None, "v.empty_file")]
    runs = [{"date": DEMO_DAY.isoformat(), "handled": 1, "handed_over": 0, "failed": 0}]
    status, body = api.post("/api/v1/robots/land-registry-robot/runs", {"rows": runs}, api.team_token)
    assert status == 403
    assert _audit(api.db_url) == audit
    # its own team is fine
    rows = [{"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": 30}]
    assert api.post("/api/v1/production", {"rows": rows}, api.team_token)[0] == 200


def test_an_oversized_body_is_413(api):
    row = {"date": YESTERDAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": 1}
    status, body = api.post("/api/v1/production", {"rows": [row] * 400}, api.token)
    assert (status, body["error"]) == (413, "api.err.too_large")
    assert str(MAX_BYTES) in body["message"]


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"{not json", "api.err.not_json"),
        (b"\xff\xfe", "api.err.not_json"),
        (b"[1, 2]", "api.err.no_rows"),
        (b'{"row": []}', "api.err.no_rows"),
        (b'{"rows": "all of them"}', "api.err.rows"),
        (b'{"rows": [1, 2]}', "api.err.rows"),
        (b'{"rows": [{"date": "2026-11-24"}]}', "api.err.rows"),  # columns missing
        (
            b'{"rows": [{"date": "2026-11-24", "team": "mortgage", "task": "land-registry", "received": true}]}',
            "api.err.rows",
        ),
        (b"[" * 5000, "api.err.not_json"),  # nested deeper than the parser recurses
        (b'{"rows": [' * 1500, "api.err.not_json"),
        (
            b'{"rows": [{"date": "2026-11-24", "team": "mortgage", "task": "land-registry", "received": NaN}]}',
            "api.err.not_finite",
        ),
        (b'{"rows": [{"received": -Infinity}]}', "api.err.not_finite"),
    ],
)
def test_a_malformed_body_is_422_never_500(api, raw, error):
    status, body = api.post("/api/v1/intake", None, api.token, raw=raw)
    assert (status, body["error"]) == (422, error)
    assert body["message"]


@pytest.mark.parametrize(
    ("value", "field", "code"),
    [
        ("1" * 5000, "received", "v.range"),  # past Python's limit on integer digits
        ("1" * 400, "received", "v.range"),  # too large for a float
        ("1e309", "received", "v.range"),  # infinite as a float
        ('"' + "9" * 5000 + '"', "received", "v.range"),  # as text: read by the shared parser, a count past its range
        ("-1e309", "received", "v.nonneg"),
    ],
)
def test_an_absurd_number_is_422_naming_the_field(api, value, field, code):
    raw = b'{"rows": [{"date": "2026-11-24", "team": "mortgage", "task": "land-registry", "received": %s}]}'
    status, body = api.post("/api/v1/intake", None, api.token, raw=raw % value.encode())
    assert (status, body["error"]) == (422, "api.err.rows")
    assert [(e["row"], e["field"], e["code"]) for e in body["errors"]] == [(1, field, code)]


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_a_date_outside_the_window_is_422_naming_the_field(api, day):
    row = {"date": day, "team": "mortgage", "task": "land-registry", "produced": 1}
    status, body = api.post("/api/v1/production", {"rows": [row]}, api.token)
    assert (status, body["error"]) == (422, "api.err.rows")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("date", "v.date_window")]


def test_holdings_intake_and_robot_runs_are_fed(api):
    day = YESTERDAY.isoformat()
    holdings = [
        {"date": day, "team": "home-coop", "task": "home-loan-payout", "open": 40, "due_today": 6, "overdue": 2}
    ]
    assert api.post("/api/v1/holdings", {"rows": holdings}, api.token) == (
        200,
        {"rows": 1, "changed": 1, "unchanged": 0},
    )
    assert api.post("/api/v1/holdings", {"rows": holdings}, api.token)[1]["changed"] == 0
    today = {**holdings[0], "date": DEMO_DAY.isoformat(), "open": 38}  # yesterday unchanged, today new
    assert api.post("/api/v1/holdings", {"rows": [*holdings, today]}, api.token)[1] == {
        "rows": 2, "changed": 1, "unchanged": 1,
    }  # fmt: skip
    intake = [{"date": day, "team": "home-coop", "task": "home-loan-payout", "received": 27}]
    assert api.post("/api/v1/intake", {"rows": intake}, api.token)[0] == 200
    runs = [{"date": DEMO_DAY.isoformat(), "handled": 30, "handed_over": 8, "failed": 2,
             "last_run_at": f"{DEMO_DAY.isoformat()}T08:58:00Z"}]  # fmt: skip
    assert api.post("/api/v1/robots/land-registry-robot/runs", {"rows": runs}, api.token)[0] == 200
    assert api.post("/api/v1/robots/no-such-robot/runs", {"rows": runs}, api.token)[0] == 404
    with read_session(get_engine(api.db_url)) as s:
        task = s.scalar(select(Task.id).where(Task.slug == "home-loan-payout"))
        h = s.scalar(
            select(HoldingsSnapshot).where(HoldingsSnapshot.task_id == task, HoldingsSnapshot.date == YESTERDAY)
        )
        i = s.scalar(select(Intake).where(Intake.task_id == task, Intake.date == YESTERDAY))
        run = s.scalar(
            select(RobotRun).join(Robot).where(Robot.slug == "land-registry-robot", RobotRun.date == DEMO_DAY)
        )
    assert (h.open_cases, h.due_today, h.overdue) == (40, 6, 2)
    assert (i.received, i.source, i.recorded_by) == (27, ProductionSource.API, "Core banking (API)")
    assert (run.handled, run.handed_over, run.failed) == (30, 8, 2)
    assert run.last_run_at == dt.datetime(2026, 11, 25, 8, 58)


# --------------------------------------------------------------------------- a shared screen's poll


def _team_id(url: str, slug: str) -> int:
    return databases.query(get_engine(url), f"SELECT id FROM org_units WHERE slug = '{slug}'")[0]["id"]


def _poll(api: Api, board: str, target: int, *, lang: str = "en", secret: str | None = None) -> tuple[int, dict]:
    """A poll signed as the installation's pages sign it (or with another ``secret``)."""
    sig = live.signature(secret or live.screen_secret(get_engine(api.db_url)), board, target)
    return api.get(f"/api/v1/live/{board}/{target}?lang={lang}&sig={sig}")


def test_a_screen_poll_answers_a_version_that_moves_only_with_its_own_board(api):
    mortgage, other = _team_id(api.db_url, "mortgage"), _team_id(api.db_url, "car-consumer")
    status, first = _poll(api, "operations", mortgage)
    assert status == 200 and len(first["version"]) == 24
    assert first["updated"].startswith("Updated ") and first["stale"].startswith("Not updated since ")
    assert _poll(api, "operations", mortgage)[1]["version"] == first["version"]
    goals_before = _poll(api, "goals", mortgage)[1]["version"]

    other_task = databases.query(get_engine(api.db_url), f"SELECT name FROM tasks WHERE team_id = {other} LIMIT 1")
    post = {
        "rows": [{"date": DEMO_DAY.isoformat(), "team": "car-consumer", "task": other_task[0]["name"], "produced": 3}]
    }
    written = _stamp(api.db_url)
    assert api.post("/api/v1/production", post, api.token)[0] == 200
    assert _stamp(api.db_url) > written
    time.sleep(live.STAMP_SECONDS + 0.2)  # the server reads the stamps at most every 2 s
    assert _poll(api, "operations", mortgage)[1]["version"] == first["version"]  # another team's write

    post = {"rows": [{"date": DEMO_DAY.isoformat(), "team": "mortgage", "task": "mortgage-payout", "produced": 61}]}
    assert api.post("/api/v1/production", post, api.token)[0] == 200
    time.sleep(live.STAMP_SECONDS + 0.2)
    assert _poll(api, "operations", mortgage)[1]["version"] != first["version"]  # its own team's write
    assert _poll(api, "goals", mortgage)[1]["version"] == goals_before  # production is not on the goal board


def test_a_screen_poll_speaks_the_screens_language(api):
    status, body = _poll(api, "improvement", _team_id(api.db_url, "mortgage"), lang="da")
    assert status == 200
    assert body["updated"].startswith("Opdateret ") and body["stale"].startswith("Ikke opdateret siden ")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/live/operations/{id}?sig=0123",  # a made-up signature
        "/api/v1/live/operations/{id}",  # none
        "/api/v1/live/history/{id}?sig={history_sig}",  # not a shared screen, even signed
    ],
)
def test_a_screen_poll_without_the_servers_signature_is_refused(api, path):
    target = _team_id(api.db_url, "mortgage")
    history_sig = live.signature(live.screen_secret(get_engine(api.db_url)), "history", target)
    assert api.get(path.format(id=target, history_sig=history_sig))[0] == 403
    assert _poll(api, "operations", target, secret="another installation")[0] == 403


def test_a_screen_poll_for_an_org_unit_that_is_gone_is_410(api):
    assert _poll(api, "operations", 999_999)[0] == 410


def _raw(api: Api, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(f"{api.url}{path}", method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize("path", ["/api/v1/production", "/api/v1/intake", "/api/v1/robots/land-registry-robot/runs"])
def test_a_write_route_answers_options_and_other_methods_truthfully(api, path):
    status, headers, _body = _raw(api, "OPTIONS", path)
    assert (status, headers["allow"]) == (204, "POST, OPTIONS")
    for method in ("GET", "PUT", "DELETE"):
        status, headers, body = _raw(api, method, path)
        assert (status, headers["allow"], json.loads(body)["error"]) == (405, "POST, OPTIONS", "api.err.method")


def test_the_openapi_description_refuses_what_the_server_refuses(api):
    _status, doc = api.get("/api/v1/openapi.json")
    rows = doc["components"]["schemas"]["intake_body"]["properties"]["rows"]
    assert rows["minItems"] == 1
    status, body = api.post("/api/v1/intake", {"rows": []}, api.token)
    assert (status, body["error"]) == (422, "api.err.rows")


@pytest.mark.parametrize("route", ["escalations", "standards"])
@pytest.mark.parametrize("org", ["%00", "mortgage%00", "mort%01gage", "%C3%A5%00"])
def test_an_org_no_slug_can_name_is_404_on_either_database(api, route, org):
    """A NUL in ``?org=`` reached PostgreSQL, which refuses it in any string: a 500 that
    schemathesis found on 2026-12-07 (SQLite simply found no such slug). Now a control character
    names no org unit on either database, and the answer says so."""
    request = urllib.request.Request(f"{api.url}/api/v1/{route}?org={org}")
    request.add_header("Authorization", f"Bearer {api.token}")
    status, body = _send(request)
    assert status == 404, body
    assert body["error"] in ("feeds.err.no_unit", "std.err.no_org")
    assert tier_board.find_level("mortgage\x00", engine=get_engine(api.db_url)) is None
    assert tier_board.find_level("mortgage", engine=get_engine(api.db_url)) is not None


def test_schemathesis_finds_no_server_error_and_no_departure_from_the_description(api):
    """Schemathesis' generated requests (bounded: a few examples per route) get no 5xx, and every
    answer has a documented status, content type and shape."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import (
        content_type_conformance,
        negative_data_rejection,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_url(f"{api.url}/api/v1/openapi.json")
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        negative_data_rejection,
    ]
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case) -> None:
            case.call_and_validate(base_url=api.url, headers={"Authorization": f"Bearer {api.token}"}, checks=checks)

        call()
