"""Ranking sheets (R-RANK, 004 p28-32): the team page's drafts, refusals that save
nothing, the sheet workflow, paper sheets with their scans, and the results written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings

from bagalau.audit.models import AuditRecord
from bagalau.core.messages import error_message
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    RankingEntry,
    RankingSheet,
    Result,
)
from bagalau.cycles.periods.services import do_open_period
from bagalau.cycles.ranking import services as ranking
from bagalau.cycles.ranking.selectors import team_page
from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.orgs.models import Absence
from tests.cycles.factories import Body, shakhtinsk_body

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% signed ranking sheet\n"
CODES = ("quality", "deadlines", "independence", "discipline")


def hr_user() -> User:
    return User.objects.get_or_create(username="hr-officer")[0]


def open_quarter(org: Body, code: str = "2024-Q1") -> EvaluationPeriod:
    return do_open_period(actor=hr_user(), body=org.body, period=Period.parse(code))


def scores(*values: object) -> dict[str, object]:
    return dict(zip(CODES, values, strict=True))


def team_ids(period: EvaluationPeriod, org: Body) -> list[int]:
    rows = Participation.objects.filter(period=period, employee__in=org.staff)
    by_employee = {p.employee_id: p.pk for p in rows}
    return [by_employee[e.pk] for e in org.staff]


def save(org: Body, period: EvaluationPeriod, rows: dict[int, dict[str, object]], version: int):  # type: ignore[no-untyped-def]
    return ranking.do_save_ranking_sheet(
        actor=org.head.user,
        period_id=period.pk,
        evaluator_id=org.head.pk,
        entries=[ranking.EntryInput(pid, s, f"note {pid}") for pid, s in rows.items()],
        version=version,
    )


def scored_and_submitted(org: Body, period: EvaluationPeriod) -> RankingSheet:
    a, b, c = team_ids(period, org)
    sheet = save(
        org, period, {a: scores(5, 4, 4, 3), b: scores(3, 3, 3, 2), c: scores(4, 4, 3, 3)}, 0
    )
    return ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )


def test_a_draft_may_be_partial_and_submitting_writes_each_result_with_its_why() -> None:
    org = shakhtinsk_body(staff=3)
    period = open_quarter(org)
    a, b, c = team_ids(period, org)
    sheet = save(
        org,
        period,
        {a: {"quality": "5", "deadlines": "", "independence": "4", "discipline": ""}},
        0,
    )
    assert (sheet.state, sheet.version) == ("draft", 1)
    assert RankingEntry.objects.get(participation_id=a).scores == {"quality": 5, "independence": 4}
    sheet = save(
        org, period, {a: scores(5, 4, 4, 3), b: scores(3, 3, 3, 2), c: scores("4", "4.00", 3, 3)}, 1
    )
    submitted = ranking.do_submit_ranking_sheet(actor=org.head.user, sheet_id=sheet.pk, version=2)
    assert (submitted.state, submitted.version) == ("submitted", 3)
    results = {r.participation_id: r for r in Result.objects.filter(method="ranking")}
    # hand-computed: (5+4+4+3)/4 = 4.00 effective; 11/4 = 2.75 satisfactory; 14/4 = 3.50 proper
    assert [(results[p].score, results[p].band, results[p].state) for p in (a, b, c)] == [
        (Decimal("4.00"), "effective", "submitted"),
        (Decimal("2.75"), "satisfactory", "submitted"),
        (Decimal("3.50"), "proper", "submitted"),
    ]
    why = results[a]
    assert why.inputs["parameters"] == [
        {"code": "quality", "score": 5}, {"code": "deadlines", "score": 4},
        {"code": "independence", "score": 4}, {"code": "discipline", "score": 3},
    ]  # fmt: skip
    assert [(c["act"], c["paragraph"]) for c in why.cites] == [
        ("shakhtinsk-278-5", "32"), ("shakhtinsk-278-5", "31"),
        ("shakhtinsk-278-5", "app. 4"), ("shakhtinsk-278-5", "7"),
    ]  # fmt: skip
    assert why.unverified == ["ranking.aggregation"]
    assert AuditRecord.objects.filter(object_type="cycles.result", action="create").count() == 3


@pytest.mark.parametrize(
    ("bad", "code", "paragraph"),
    [
        ("6", ErrorCode.SCORE_OUT_OF_RANGE, "31"),
        ("-1", ErrorCode.SCORE_OUT_OF_RANGE, "31"),
        ("4.5", ErrorCode.SCORE_NOT_INTEGER, "31"),
        ("four", ErrorCode.SCORE_NOT_INTEGER, "31"),
    ],
)
def test_a_bad_score_is_refused_with_its_rule_and_nothing_is_saved(
    bad: str, code: ErrorCode, paragraph: str
) -> None:
    org = shakhtinsk_body(staff=3)
    period = open_quarter(org)
    a, b, _c = team_ids(period, org)
    with pytest.raises(DomainError) as err:
        save(org, period, {a: scores(5, 5, 5, 5), b: scores(3, bad, 3, 3)}, 0)
    assert err.value.code is code
    assert err.value.cite is not None and err.value.cite.paragraph == paragraph
    assert err.value.params["participation_id"] == b
    assert not RankingSheet.objects.exists() and not RankingEntry.objects.exists()


def test_an_unknown_parameter_or_a_stranger_is_refused() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, _b = team_ids(period, org)
    with pytest.raises(DomainError) as err:
        save(org, period, {a: scores(5, 5, 5, 5) | {"volume": 5}}, 0)
    assert err.value.code is ErrorCode.PARAMETER_UNKNOWN
    head = Participation.objects.get(period=period, employee=org.head)
    with pytest.raises(DomainError) as err:
        save(org, period, {head.pk: scores(5, 5, 5, 5)}, 0)
    assert err.value.code is ErrorCode.NOT_ON_SHEET
    assert not RankingEntry.objects.exists()


def test_submitting_with_a_score_missing_names_the_row_and_changes_nothing() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    sheet = save(org, period, {a: scores(5, 5, 5, 5), b: scores(3, 3, "", 3)}, 0)
    with pytest.raises(DomainError) as err:
        ranking.do_submit_ranking_sheet(actor=org.head.user, sheet_id=sheet.pk, version=1)
    assert err.value.code is ErrorCode.PARAMETER_MISSING
    assert err.value.params["field"] == "independence"
    assert err.value.params["participation_id"] == b
    assert "самостоятельность" in error_message(err.value)  # the name, never the key
    sheet.refresh_from_db()
    assert (sheet.state, sheet.version) == ("draft", 1)
    assert not Result.objects.exists()


def test_a_stale_save_is_refused_and_the_newer_scores_stay() -> None:
    org = shakhtinsk_body(staff=1)
    period = open_quarter(org)
    (a,) = team_ids(period, org)
    save(org, period, {a: scores(4, 4, 4, 4)}, 0)
    with pytest.raises(DomainError) as err:
        save(org, period, {a: scores(1, 1, 1, 1)}, 0)  # a second tab still at version 0
    assert err.value.code is ErrorCode.STALE_VERSION
    assert RankingEntry.objects.get().scores == scores(4, 4, 4, 4)


def test_the_sheet_is_returned_corrected_resubmitted_and_approved_with_its_results() -> None:
    org = shakhtinsk_body(staff=3)
    period = open_quarter(org)
    sheet = scored_and_submitted(org, period)
    a = team_ids(period, org)[0]
    hr = hr_user()
    with pytest.raises(DomainError) as err:  # a submitted sheet is not edited
        save(org, period, {a: scores(1, 1, 1, 1)}, sheet.version)
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED
    sheet = ranking.do_review_ranking_sheet(
        actor=hr, sheet_id=sheet.pk, to_state="returned", version=sheet.version, reason="p. 1?"
    )
    assert set(Result.objects.values_list("state", flat=True)) == {"returned"}
    sheet = save(org, period, {a: scores(5, 5, 5, 5)}, sheet.version)
    sheet = ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )
    assert Result.objects.get(participation_id=a).score == Decimal("5.00")
    sheet = ranking.do_review_ranking_sheet(
        actor=hr, sheet_id=sheet.pk, to_state="approved", version=sheet.version
    )
    assert sheet.state == "approved" and sheet.approved_by == hr
    assert set(Result.objects.values_list("state", "approved_by")) == {("approved", hr.pk)}
    with pytest.raises(DomainError) as err:
        ranking.do_review_ranking_sheet(
            actor=hr, sheet_id=sheet.pk, to_state="returned", version=sheet.version
        )
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED


def test_people_evaluated_without_participation_are_marked_on_the_team_page() -> None:
    org = shakhtinsk_body(staff=2)
    Absence.objects.create(
        employee=org.staff[0], kind="labour_leave", start=date(2024, 4, 1), end=date(2024, 4, 20)
    )
    period = open_quarter(org)
    rows = {r.participation.employee_id: r for r in team_page(period.pk, org.head.pk).rows}
    assert rows[org.staff[0].pk].without_participation
    assert not rows[org.staff[1].pk].without_participation
    assert org.head.pk not in rows


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_hr_enters_a_paper_sheet_with_its_scan(media: Path) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    entry = ranking.do_enter_paper_ranking(
        actor=hr_user(), participation_id=a, scores=scores(3, 4, 4, 5), comment="signed 05.04",
        scan=ranking.ScanFile("sheet.pdf", PDF), version=0,
    )  # fmt: skip
    assert entry.on_paper and entry.scores == scores(3, 4, 4, 5)
    stored = media / entry.scan.name
    assert stored.read_bytes() == PDF and entry.scan.name.endswith(".pdf")
    # the evaluator scores the rest; the paper row is not theirs to change
    with pytest.raises(DomainError) as err:
        save(org, period, {a: scores(1, 1, 1, 1)}, 1)
    assert err.value.code is ErrorCode.NOT_ON_SHEET
    sheet = save(org, period, {b: scores(2, 2, 2, 2)}, 1)
    ranking.do_submit_ranking_sheet(actor=org.head.user, sheet_id=sheet.pk, version=sheet.version)
    result = Result.objects.get(participation_id=a)
    assert result.score == Decimal("4.00") and result.inputs["on_paper"] is True


@pytest.mark.parametrize(
    ("scan", "given", "code"),
    [
        (
            ranking.ScanFile("sheet.gif", b"GIF89a..."),
            scores(3, 3, 3, 3),
            ErrorCode.SCAN_TYPE_NOT_ALLOWED,
        ),
        (
            ranking.ScanFile("sheet.pdf", b"<html>%PDF-"),
            scores(3, 3, 3, 3),
            ErrorCode.SCAN_TYPE_NOT_ALLOWED,
        ),
        (None, scores(3, 3, 3, 3), ErrorCode.SCAN_MISSING),
        (ranking.ScanFile("sheet.pdf", PDF), scores(3, 3, "", 3), ErrorCode.PARAMETER_MISSING),
        (ranking.ScanFile("sheet.pdf", PDF), scores(3, 3, 9, 3), ErrorCode.SCORE_OUT_OF_RANGE),
    ],
)
def test_a_paper_sheet_is_refused_whole(
    media: Path, scan: ranking.ScanFile | None, given: dict[str, object], code: ErrorCode
) -> None:
    org = shakhtinsk_body(staff=1)
    period = open_quarter(org)
    (a,) = team_ids(period, org)
    with pytest.raises(DomainError) as err:
        ranking.do_enter_paper_ranking(
            actor=hr_user(), participation_id=a, scores=given, comment="", scan=scan, version=0
        )
    assert err.value.code is code
    assert not RankingEntry.objects.exists() and not RankingSheet.objects.exists()
    assert not any(media.rglob("*.*"))


def test_a_scan_over_the_size_limit_is_refused(
    media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ranking, "MAX_SCAN_MB", 1)
    org = shakhtinsk_body(staff=1)
    period = open_quarter(org)
    (a,) = team_ids(period, org)
    big = ranking.ScanFile("big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(DomainError) as err:
        ranking.do_enter_paper_ranking(
            actor=hr_user(),
            participation_id=a,
            scores=scores(3, 3, 3, 3),
            comment="",
            scan=big,
            version=0,
        )
    assert (err.value.code, err.value.params["max"]) == (ErrorCode.SCAN_TOO_LARGE, 1)
    assert not RankingEntry.objects.exists()
