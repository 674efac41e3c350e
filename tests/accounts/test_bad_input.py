"""Bad input to every form and API endpoint that changes data: text in a number field, a
huge number (1e30, 10**40), a negative number, a decimal where a whole number is
expected, an empty value. Never a 500; a value no field can take ("x", 1e30, 10**40) is
refused (a re-rendered page with a message at the field, or the API's 400 error with
the field named) and saves nothing; the others are refused the same way or accepted.

The endpoints are the permission matrix's table, which every URL pattern of the project
must be in (``test_every_url_pattern_is_in_the_matrix``); each one that changes data is
exercised here, or listed in ``NO_NUMBER_IN_INPUT`` with what it takes instead.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from bagalau.audit.models import AuditRecord
from tests.accounts.test_permission_matrix import (
    PAGES,
    ROLES,
    Matrix,
    Page,
    _snapshot_queries,
    client_for,
    expected,
    matrix,
    world_db,
)

__all__ = ["matrix", "world_db"]  # the matrix's world, shared as fixtures

NEVER_VALID = ("x", "1e30", str(10**40))
MAYBE_VALID = ("-1", "2.5", "")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
# Forms whose input the matrix leaves out: the numbers each one takes.
EXTRA: dict[str, Any] = {
    "cycles:ranking_team": lambda m, t: {
        "do": "save",
        "version": str(m.sheets[t].version),
        "row": str(m.participations["employee"].pk),
        f"s-{m.participations['employee'].pk}-quality": "4",
    },
    "cycles:ranking_review": lambda m, t: {
        "decision": "approved",
        "version": str(m.sheets[t].version),
    },
    "cycles:ranking_paper": lambda m, t: {
        "version": str(m.sheets["body_a"].version),
        "score_quality": "4",
    },
    "api:ranking_team": lambda m, t: {
        "version": m.sheets[t].version,
        "entries": [{"participation": m.participations["employee"].pk, "scores": {"quality": "4"}}],
    },
}
# Endpoints that change data but take no number: what they take instead.
NO_NUMBER_IN_INPUT = {
    "accounts:create_login[POST]": "an employee, a user name and a password",
    "accounts:revoke_role[POST]": "nothing but the address",
    "accounts:deactivate_login[POST]": "nothing but the address",
    "orgs:employee_edit[POST]": "names, an IIN (checked as an IIN, not a number) and contacts",
    "orgs:absence_add[POST]": "a kind and dates",
    "orgs:import_upload[POST]": "a file",
    "orgs:import_apply[POST]": "nothing but the address",
    "orgs:import_retry[POST]": "nothing but the address",
    "cycles:period_close_retry[POST]": "nothing but the address",
    "cycles:bonus_withdraw[POST]": "nothing but the address",
    "cycles:result_acknowledge[POST]": "nothing but the address",
    "cycles:disagreement_submit[POST]": "a free text",
    "cycles:bonus[POST]": "an activity and its evidence",
    "notify:read[POST]": "nothing but the address",
    "notify:read_all[POST]": "nothing",
    "notify:language[POST]": "a language code",
    "api:kpi_sheet_open[POST]": "nothing but the address",
    "api:familiarization_acknowledge[POST]": "nothing but the address",
    "api:disagreement[POST]": "a free text",
    "api:bonus_award[DELETE]": "nothing but the address",
    "api:periods[POST]": "a body's code and a period's code (checked as a period)",
}
# Refused without a field to mark: what the page says instead.
NO_FORM_SHOWN = {
    "cycles:familiarization_refusal[POST]": "the matrix body's methodology provides no "
    "refusal act, and the page says so instead of showing the form",
}


def snapshot() -> list[list[tuple[Any, ...]]]:
    """Every row of the project's tables, leaving out the audit trail's records of views:
    a refused review page still shows the scores, and that view is logged."""
    audit = connection.ops.quote_name(AuditRecord._meta.db_table)
    rows = []
    with connection.cursor() as cursor:
        for query in _snapshot_queries():
            kept = query
            if f"FROM {audit} " in query:
                kept = query.replace(" ORDER BY", " WHERE action <> 'view' ORDER BY")
            cursor.execute(kept)
            rows.append(cursor.fetchall())
    return rows


def _data(page: Page, m: Matrix, target: str) -> dict[str, Any]:
    extra = EXTRA.get(page.name)
    return page.data(m, target) | (extra(m, target) if extra else {})


def _number_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where the input holds a number (or a number as text), as paths into it."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _number_paths(inner, (*path, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _number_paths(inner, (*path, n))
    elif (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and NUMBER.match(value)
    ):
        yield path


def _with(data: dict[str, Any], path: tuple[Any, ...], bad: str) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    inner: Any = changed
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = bad
    return changed


def _changing() -> list[Page]:
    return [p for p in PAGES if p.method != "GET"]


def _allowed(page: Page) -> tuple[str, str] | None:
    """Someone allowed to use the page, not the superuser where another may."""
    found = [
        (role, target)
        for target in page.targets
        for role in ROLES
        if expected(page, role, target) == "allowed"
    ]
    found.sort(key=lambda rt: rt[0] == "superuser")
    return found[0] if found else None


def _cases() -> list[Any]:
    cases = []
    for page in _changing():
        if page.id in NO_NUMBER_IN_INPUT or _allowed(page) is None:
            continue
        cases += [
            pytest.param(page, bad, id=f"{page.id}-{bad[:6] or 'empty'}")
            for bad in (*NEVER_VALID, *MAYBE_VALID)
        ]
    return cases


def test_every_endpoint_that_changes_data_is_tried_or_says_what_it_takes() -> None:
    ids = {p.id for p in _changing()}
    assert set(NO_NUMBER_IN_INPUT) <= ids, set(NO_NUMBER_IN_INPUT) - ids


def _post(page: Page, m: Matrix, target: str, role: str, data: dict[str, Any]) -> Any:
    client = client_for(m, role)
    url = page.url(m, target)
    if page.is_api:
        send = {"POST": client.post, "PUT": client.put, "DELETE": client.delete}[page.method]
        return send(url, json.dumps(data), content_type="application/json")
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru")


@pytest.mark.parametrize(("page", "bad"), _cases())
def test_bad_numbers_are_refused_with_a_message_and_save_nothing(
    world_db: Matrix, page: Page, bad: str
) -> None:
    allowed = _allowed(page)
    assert allowed is not None
    role, target = allowed
    data = _data(page, world_db, target)
    paths = list(_number_paths(data))
    if not paths:
        pytest.fail(f"{page.id} takes no number: list it in NO_NUMBER_IN_INPUT")
    for path in paths:
        before = snapshot()
        response = _post(page, world_db, target, role, _with(data, path, bad))
        status = response.status_code
        where = f"{page.id} {'/'.join(map(str, path))}={bad!r}: {status}"
        assert status < 500, where
        refused = status in (200, 400, 404, 409) and not (page.is_api and status == 200)
        if bad in NEVER_VALID:
            assert refused, where
        if refused:
            assert snapshot() == before, f"{where} changed data"
            if status == 400 and page.id not in NO_FORM_SHOWN:
                assert _says_what(response, page), where


def _says_what(response: Any, page: Page) -> bool:
    """A refusal names what is wrong: the API's error body, a page's message."""
    if page.is_api:
        body = response.json()
        return bool(body.get("error", {}).get("message"))
    html = response.content.decode()
    return any(
        mark in html
        for mark in ('aria-invalid="true"', "errorlist", "field-error", "message-error")
    )
