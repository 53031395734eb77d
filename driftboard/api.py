"""The ingest API: core systems push produced volumes, holdings, intake and robot runs in.

Starlette routes served by the app's own server (``server.py`` hands them to ``st.App``). A
handler authenticates the token, reads a bounded JSON body, turns its rows into the table a
file import makes and calls the same service a file import calls — so the rows are checked by
the one validation function (``driftboard.imports``), written all or nothing, and an identical
re-send changes nothing. Handlers call services only; refusals map to status codes:

401 missing, unknown or revoked token · 403 rows of an org unit the token does not cover ·
404 unknown robot · 413 body above ``DRIFTBOARD_API_MAX_BYTES`` (default 1 MB) ·
422 not JSON (or NaN/Infinity), not ``{"rows": [...]}``, or bad rows (every row's reason) · 503 database busy.
A row far outside the plausible (``driftboard.plausibility``: more than 3× the day's plan, …) is
written and named in the answer's ``warnings``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from driftboard import admin, clock, imports
from driftboard.domain import AccessDenied, ConflictError, DomainError, NotFoundError, ProductionSource, RowError
from driftboard.domain import ValidationError as RowsInvalid
from driftboard.i18n import LANGUAGES, fmt_time, t
from driftboard.plausibility import RowDoubt
from driftboard.services import (
    api_tokens,
    escalations,
    holdings,
    intake,
    live,
    production,
    robots,
    scope,
    standards,
    users,
)

log = logging.getLogger("driftboard.api")

PREFIX = "/api/v1"
DEFAULT_MAX_BYTES = 1024 * 1024


def max_bytes() -> int:
    """The largest request body accepted (``DRIFTBOARD_API_MAX_BYTES``, default 1 MB)."""
    raw = os.environ.get("DRIFTBOARD_API_MAX_BYTES", "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BYTES


class _Refused(Exception):
    def __init__(self, status: int, code: str, errors: list[RowError] | None = None, **params: object) -> None:
        super().__init__(code)
        self.status, self.code, self.errors, self.params = status, code, errors or [], params


def _lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.headers.get("accept-language", "")[:2].lower()
    return wanted if wanted in LANGUAGES else "en"


def _row_json(error: RowError, lang: str) -> dict[str, Any]:
    # A file counts its header as row 1; a JSON body's first row is row 1.
    return {
        "row": error.row - 1 if error.row >= 2 else None,
        "field": error.field,
        "code": error.code,
        "message": error.text(lang),
    }


def _doubt_json(doubt: RowDoubt, lang: str) -> dict[str, Any]:
    return {
        "row": doubt.row - 1,
        "field": doubt.field,
        "code": f"num.doubt.{doubt.doubt.basis.value}",
        "value": doubt.doubt.value,
        "reference": doubt.doubt.reference,
        "message": doubt.text(lang),
    }


def _error(request: Request, status: int, code: str, errors: Sequence[RowError] = (), **params: object) -> JSONResponse:
    lang = _lang(request)
    body: dict[str, Any] = {"error": code, "message": t(code, lang, **params)}
    if errors:
        body["errors"] = [_row_json(e, lang) for e in errors]
    return JSONResponse(body, status_code=status)


class _NotFinite(ValueError):
    pass


def _not_finite(constant: str) -> Any:
    """``NaN``, ``Infinity`` and ``-Infinity`` are not JSON numbers (Python's parser takes them)."""
    raise _NotFinite(constant)


def _json_int(text: str) -> int | float:
    """A JSON integer; one of more digits than any count holds is read as a float (infinite for
    thousands of digits), so the row check refuses it with its field and range instead of
    Python's limit on integer digits raising."""
    return int(text) if len(text) <= 30 else float(text)


async def _body_rows(request: Request) -> list[Any]:
    """The request's ``rows`` as an import table; refuses an oversized or malformed body."""
    limit = max_bytes()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _Refused(413, "api.err.too_large", limit=limit)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > limit:
            raise _Refused(413, "api.err.too_large", limit=limit)
    try:
        body = json.loads(bytes(data).decode("utf-8"), parse_constant=_not_finite, parse_int=_json_int)
    except _NotFinite as exc:
        raise _Refused(422, "api.err.not_finite", value=exc.args[0]) from None
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past the parser's depth
        raise _Refused(422, "api.err.not_json") from None
    if not isinstance(body, dict) or "rows" not in body:
        raise _Refused(422, "api.err.no_rows")
    try:
        return imports.table_from_rows(body["rows"])
    except imports.ImportFileError as exc:
        raise _Refused(422, "api.err.rows", exc.errors) from None


def _caller(request: Request) -> api_tokens.ApiCaller:
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    caller = api_tokens.api_caller(secret.strip()) if scheme.lower() == "bearer" else None
    if caller is None:
        raise _Refused(401, "api.err.token")
    return caller


Write = Callable[[api_tokens.ApiCaller, list[Any], dt.date, Request], Any]


# A write route answers every method itself: left to the app's catch-all route (the pages), an
# OPTIONS or GET on it was answered "Allow: GET, HEAD".
WRITE_ALLOW = "POST, OPTIONS"
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


def _writer(write: Write) -> Callable[[Request], Awaitable[Response]]:
    """A POST handler around ``write``: token, body, the service call in a worker thread (the
    services are synchronous), the result or the refusal as JSON."""

    async def handler(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": WRITE_ALLOW})
        if request.method != "POST":
            response = _error(request, 405, "api.err.method", allow=WRITE_ALLOW)
            response.headers["Allow"] = WRITE_ALLOW
            return response
        try:
            caller = await run_in_threadpool(_caller, request)
            table = await _body_rows(request)
            result = await run_in_threadpool(_as_caller, write, caller, table, request)
        except _Refused as refused:
            return _error(request, refused.status, refused.code, refused.errors, **refused.params)
        except RowsInvalid as exc:
            return _error(request, 422, "api.err.rows", exc.errors)
        except AccessDenied:
            return _error(request, 403, "api.err.scope")
        except NotFoundError as exc:
            return _error(request, 404, exc.message_key or "error.not_found", **_params(exc))
        except ConflictError:
            return _error(request, 409, "api.err.conflict")
        except DomainError as exc:
            status = 503 if exc.message_key == "error.busy" else 422
            if exc.message_key:
                return _error(request, status, exc.message_key, **_params(exc))
            return _error(request, status, "api.err.refused")
        except Exception:
            error_id = uuid.uuid4().hex[:8]
            log.exception("API error %s on %s", error_id, request.url.path)
            return _error(request, 500, "api.err.internal", error_id=error_id)
        body: dict[str, Any] = {
            "rows": result.rows,
            "changed": result.changed,
            "unchanged": result.rows - result.changed,
        }
        doubts = getattr(result, "doubts", ())
        if doubts:  # saved, but far from the plausible: the sender is told which rows to look at
            body["warnings"] = [_doubt_json(d, _lang(request)) for d in doubts]
        return JSONResponse(body)

    return handler


def _as_caller(write: Write, caller: api_tokens.ApiCaller, table: list[Any], request: Request) -> Any:
    """The service call, every read in it made by the token (a refusal names only what the
    token may see: an unknown team lists its own unit's teams, never another unit's)."""
    with scope.reading_as(caller.actor):
        return write(caller, table, clock.today(), request)


def _params(exc: DomainError) -> dict[str, object]:
    return {k: v for k, v in exc.params.items() if isinstance(v, str | int | float)}


def _production(caller: api_tokens.ApiCaller, table: list[Any], today: dt.date, _r: Request) -> Any:
    return production.import_production_table(caller.actor, table, today=today, source=ProductionSource.API)


def _holdings(caller: api_tokens.ApiCaller, table: list[Any], today: dt.date, _r: Request) -> Any:
    return holdings.import_holdings_table(caller.actor, table, today=today)


def _intake(caller: api_tokens.ApiCaller, table: list[Any], today: dt.date, _r: Request) -> Any:
    return intake.import_intake_table(caller.actor, table, today=today, source=ProductionSource.API)


def _robot_runs(caller: api_tokens.ApiCaller, table: list[Any], today: dt.date, request: Request) -> Any:
    return robots.record_robot_runs(caller.actor, request.path_params["slug"], table, today=today)


async def health(request: Request) -> JSONResponse:
    """Whether the server can read its database (no token needed; says nothing about data)."""
    try:
        await run_in_threadpool(admin.data_stamp)
    except Exception:
        log.exception("health check: the database cannot be read")
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


async def live_version(request: Request) -> JSONResponse:
    """A shared screen's poll: the version of what its board would show now, and its "updated"
    and "not updated since" lines in the screen's language. The screen reruns its board only when
    the version differs from the one it shows (``driftboard.services.live``). Not part of the
    ingest API: the URL is signed with the installation's screen secret, which every server of
    the installation shares across restarts (403 otherwise)."""
    board, target = request.path_params["board"], request.path_params["target"]
    secret = await run_in_threadpool(live.screen_secret)
    link = request.query_params.get("screen", "")
    if board not in live.BOARDS or not live.signed(secret, board, target, request.query_params.get("sig", ""), link):
        return JSONResponse({"error": "api.err.scope"}, status_code=403)
    lang = request.query_params.get("lang", "")
    lang = lang if lang in LANGUAGES else "en"
    if link:  # a screen link's screen: only while the link is live (a revoke reaches it here)
        team = await run_in_threadpool(users.screen_team, link)
        if team is None:
            body = {"revoked": True, "message": t("identity.screen_revoked", lang)}
            return JSONResponse(body, status_code=401, headers={"Cache-Control": "no-store"})
        if team != target:
            return JSONResponse({"error": "api.err.scope"}, status_code=403)
    try:
        version = await run_in_threadpool(live.version, board, target)
    except NotFoundError:  # the org unit is gone: the screen says it is not updated
        return JSONResponse({"error": "error.not_found"}, status_code=410, headers={"Cache-Control": "no-store"})
    except Exception:
        log.exception("screen poll: %s board of org unit %s cannot be read", board, target)
        return JSONResponse({"status": "unavailable"}, status_code=503, headers={"Cache-Control": "no-store"})
    now = fmt_time(clock.utcnow(), lang)
    texts = {"updated": t("kiosk.updated", lang, time=now), "stale": t("kiosk.stale", lang, time=now)}
    return JSONResponse({"version": version, "boot": live.BOOT, **texts}, headers={"Cache-Control": "no-store"})


async def open_escalations(request: Request) -> JSONResponse:
    """The escalations waiting for an answer under the token's org unit (``?org=<slug>``: a
    department or team below it), oldest first, with their age and whether they are late."""
    return await _token_read(request, _open_escalations, "escalations", {"Cache-Control": "no-store"})


def _open_escalations(caller: api_tokens.ApiCaller, slug: str | None) -> list[dict[str, Any]]:
    with scope.reading_as(caller.actor):
        return [escalations.as_json(e) for e in escalations.open_under((slug or "").strip() or None, caller.unit_id)]


async def standards_read(request: Request) -> JSONResponse:
    """The standards that apply to an org unit (``?org=`` a slug; the token's own by default),
    for an intranet page: read only, scoped to the token's org unit."""
    return await _token_read(request, _read_standards, "standards")


def _read_standards(caller: api_tokens.ApiCaller, slug: str | None) -> list[dict[str, Any]]:
    with scope.reading_as(caller.actor):
        return standards.published(slug, default_org=caller.unit_id)


async def _token_read(
    request: Request,
    read: Callable[[api_tokens.ApiCaller, str | None], Any],
    key: str,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A read route of a token: ``read`` of the org unit ``?org=`` names, as the token's org
    unit sees it, answered under ``key``; a missing token, an org unit it does not cover or an
    unknown slug is answered with its catalogue key (401, 403, 404)."""
    try:
        caller = await run_in_threadpool(_caller, request)
        found = await run_in_threadpool(read, caller, request.query_params.get("org"))
    except _Refused as refused:
        return _error(request, refused.status, refused.code)
    except AccessDenied:
        return _error(request, 403, "api.err.scope")
    except NotFoundError as exc:
        return _error(request, 404, exc.message_key or "error.not_found", **_params(exc))
    return JSONResponse({key: found}, headers=headers)


async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(openapi_document())


# Whose data each route touches and how that is checked (tests/test_scope_matrix.py tries each):
# "public" says nothing about any unit; "token" writes rows of the token's org unit only, and its
# refusals name only what the token may see; "token read" reads the token's org unit only;
# "screen" answers the page that drew the board (its
# signature), and for a screen link only while the link is live and of that board's team.
SCOPES: dict[str, str] = {
    f"{PREFIX}/health": "public",
    f"{PREFIX}/openapi.json": "public",
    f"{PREFIX}/live/{{board}}/{{target:int}}": "screen",
    f"{PREFIX}/production": "token",
    f"{PREFIX}/holdings": "token",
    f"{PREFIX}/intake": "token",
    f"{PREFIX}/robots/{{slug}}/runs": "token",
    f"{PREFIX}/escalations": "token read",
    f"{PREFIX}/standards": "token read",
}


def routes() -> list[Route]:
    """The API's routes (the shared screens' poll among them)."""
    return [
        Route(f"{PREFIX}/health", health, methods=["GET"]),
        Route(f"{PREFIX}/openapi.json", openapi, methods=["GET"]),
        Route(f"{PREFIX}/live/{{board}}/{{target:int}}", live_version, methods=["GET"]),
        Route(f"{PREFIX}/production", _writer(_production), methods=ALL_METHODS),
        Route(f"{PREFIX}/holdings", _writer(_holdings), methods=ALL_METHODS),
        Route(f"{PREFIX}/intake", _writer(_intake), methods=ALL_METHODS),
        Route(f"{PREFIX}/robots/{{slug}}/runs", _writer(_robot_runs), methods=ALL_METHODS),
        Route(f"{PREFIX}/escalations", open_escalations, methods=["GET"]),
        Route(f"{PREFIX}/standards", standards_read, methods=["GET"]),
    ]


# --------------------------------------------------------------------------- OpenAPI


def _row_schema(required: dict[str, dict[str, Any]], optional: dict[str, dict[str, Any]] | None = None) -> dict:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }


_DATE = {
    "type": "string",
    "format": "date",
    "description": "from 2000-01-01, not in the future",
    "example": "2026-11-27",
}
_TEAM = {"type": "string", "description": "team slug or name", "example": "mortgage"}
_TASK = {"type": "string", "description": "task slug or name (of that team)", "example": "mortgage-payout"}
_COUNT = {"type": "integer", "minimum": 0, "maximum": imports.MAX_PRODUCED}
_HOLD = {"type": "integer", "minimum": 0, "maximum": imports.MAX_COUNT}


def openapi_document() -> dict[str, Any]:
    """The API described as OpenAPI 3.1 (served at ``/api/v1/openapi.json``)."""
    rows = {
        "production": _row_schema({"date": _DATE, "team": _TEAM, "task": _TASK, "produced": _COUNT}),
        "holdings": _row_schema(
            {"date": _DATE, "team": _TEAM, "task": _TASK, "open": _HOLD, "due_today": _HOLD, "overdue": _HOLD}
        ),
        "intake": _row_schema({"date": _DATE, "team": _TEAM, "task": _TASK, "received": _COUNT}),
        "robot_runs": _row_schema(
            {"date": _DATE, "handled": _COUNT, "handed_over": _COUNT, "failed": _COUNT},
            {"last_run_at": {"type": "string", "format": "date-time", "description": "UTC unless an offset is given"}},
        ),
    }
    schemas: dict[str, Any] = {
        "Result": {
            "type": "object",
            "properties": {
                **{n: {"type": "integer"} for n in ("rows", "changed", "unchanged")},
                "warnings": {
                    "type": "array",
                    "description": "rows written that lie far outside the plausible: look at them again",
                    "items": {
                        "type": "object",
                        "properties": {
                            "row": {"type": "integer", "description": "1-based position in rows"},
                            "field": {"type": "string"},
                            "code": {"type": "string", "example": "num.doubt.plan"},
                            "value": {"type": "number"},
                            "reference": {"type": "number", "description": "the plan, count or target it is far from"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
        "Error": {
            "type": "object",
            "properties": {
                "error": {"type": "string"},
                "message": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "row": {"type": ["integer", "null"], "description": "1-based position in rows"},
                            "field": {"type": "string"},
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
    }
    for name, schema in rows.items():
        schemas[f"{name}_row"] = schema
        schemas[f"{name}_body"] = {
            "type": "object",
            "required": ["rows"],
            "properties": {
                "rows": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": imports.max_rows(),
                    "items": {"$ref": f"#/components/schemas/{name}_row"},
                }
            },
        }
    errors = {
        str(code): {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code, text in (
            (401, "missing, unknown or revoked token"),
            (403, "a row of an org unit the token does not cover"),
            (413, "body larger than the limit"),
            (422, "not JSON, no rows, or bad rows (nothing written)"),
            (503, "the database is busy; send again"),
        )
    }

    def post(name: str, summary: str) -> dict[str, Any]:
        return {
            "post": {
                "summary": summary,
                "security": [{"token": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}_body"}}},
                },
                "responses": {
                    "200": {
                        "description": "all rows written (or already so)",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Result"}}},
                    },
                    **errors,
                },
            }
        }

    def token_read(summary: str, found: dict[str, Any]) -> dict[str, Any]:
        return {
            "get": {
                "summary": summary,
                "security": [{"token": []}],
                "parameters": [{"name": "org", "in": "query", "required": False, "schema": {"type": "string"}}],
                "responses": {
                    "200": found,
                    "401": errors["401"],
                    "403": errors["403"],
                    "404": {**errors["401"], "description": "no org unit with that slug"},
                },
            }
        }

    escalation_fields = {
        **{n: {"type": "integer"} for n in ("id", "age_minutes")},
        **{n: {"type": "string"} for n in ("team", "kind", "status", "date", "note", "raised_by", "raised_at")},
        **{n: {"type": "string"} for n in ("level", "with", "answer_due")},
        "task": {"type": ["string", "null"]},
        "hours": {"type": ["number", "null"]},
        "amount": {"type": ["integer", "null"]},
        "late": {"type": "boolean"},
    }
    escalations_schema = {
        "type": "object",
        "required": ["escalations"],
        "properties": {"escalations": {"type": "array", "items": {"type": "object", "properties": escalation_fields}}},
    }
    robot = post("robot_runs", "A robot's cases per day: handled fully, handed to a person, failed")
    robot["post"]["parameters"] = [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}]
    robot["post"]["responses"]["404"] = {"description": "no robot with that slug"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Driftboard ingest API",
            "version": "1",
            "description": "Core systems feed numbers in. All rows or none; an identical re-send changes nothing.",
        },
        "paths": {
            f"{PREFIX}/health": {"get": {"summary": "The server can read its database", "responses": {"200": {}}}},
            f"{PREFIX}/production": post("production", "Produced volumes per task and day"),
            f"{PREFIX}/holdings": post("holdings", "Open cases, due today and overdue per task and day"),
            f"{PREFIX}/intake": post("intake", "Cases received per task and day"),
            f"{PREFIX}/robots/{{slug}}/runs": robot,
            f"{PREFIX}/escalations": token_read(
                "Escalations waiting for an answer under the token's org unit, oldest first",
                {
                    "description": "the escalations waiting, oldest first",
                    "content": {"application/json": {"schema": escalations_schema}},
                },
            ),
            f"{PREFIX}/standards": token_read(
                "The standards that apply to an org unit (read only, for an intranet)", {"description": "the standards"}
            ),
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
