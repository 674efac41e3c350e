"""``bagalau retention`` (R-RETAIN, 004 p14): listing changes nothing; removing needs a
confirmation, takes exactly the documents of the periods past their retention period
(kept to the third anniversary of the close, removable the day after), redacts their
audit records, writes one audit record per period, and a second run removes nothing."""

from __future__ import annotations

import io
import json
from datetime import date, time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import TestCase
from django.urls import reverse
from pytest_django.fixtures import Settings

from bagalau.audit.models import AuditRecord
from bagalau.audit.services import REDACTED
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, Participation, Schedule
from tests.conftest import ClockAt
from tests.cycles.factories import Body
from tests.cycles.retention_world import (
    closed_quarter,
    documents_of,
    everything,
    plans_and_kpis,
    retention_body,
    scans_of,
)
from tests.cycles.test_close_period import _hr_client

pytestmark = pytest.mark.django_db

# 2024-Q1 closed on 10.04.2024: kept to 10.04.2027. 2024-Q2 closed on 10.07.2024: kept
# to 10.07.2027, which is the day the tests run on, its last day.
Q1_CLOSED, Q2_CLOSED, TODAY = date(2024, 4, 10), date(2024, 7, 10), date(2027, 7, 10)
FULL = {
    "Result": 3, "Familiarization": 2, "Disagreement": 1, "RankingSheet": 1, "RankingEntry": 3,
    "KpiSheet": 1, "KpiSheetLine": 3, "BonusAward": 1,
}  # fmt: skip
EMPTY = dict.fromkeys(FULL, 0) | {"ScheduleItem": 0}


class Tty(io.StringIO):
    """A terminal's input: ``isatty`` is true."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(media: Path, clock_at: ClockAt) -> tuple[Body, EvaluationPeriod, EvaluationPeriod]:
    org = retention_body()
    q1 = closed_quarter(org, "2024-Q1", Q1_CLOSED, clock_at)
    q2 = closed_quarter(org, "2024-Q2", Q2_CLOSED, clock_at)
    clock_at(TODAY)
    return org, q1, q2


def retention(*args: str, stdin: io.StringIO | None = None) -> str:
    """The command's output; what it leaves for after the commit (the files) is run."""
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("retention", *args, "--lang", "en", stdout=out, stdin=stdin or io.StringIO())
    return out.getvalue()


def test_the_world_holds_every_kind_of_document(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod], media: Path
) -> None:
    org, q1, q2 = world
    assert plans_and_kpis(org, 2024) == (2, 6)  # the year's plan: r1 for Q1, r2 for Q2
    for period in (q1, q2):
        found = documents_of(period)
        assert found == FULL | {"ScheduleItem": found["ScheduleItem"]} and found["ScheduleItem"]
        assert len(scans_of(period)) == 2 and all((media / n).exists() for n in scans_of(period))
    assert q1.closed_at is not None and clock.local_day(q1.closed_at) == Q1_CLOSED
    assert q2.closed_at is not None and clock.local_day(q2.closed_at) == Q2_CLOSED


def test_listing_changes_nothing_and_says_what_would_go(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    before = everything()
    text = retention()
    assert everything() == before
    past, soon = text.split("Coming due within 30 days:")
    assert "Evaluation documents past their retention period on 10.07.2027:" in past
    assert (
        "Аппарат Шахтинского городского маслихата (shakhtinsk-test), period 2024-Q1: completed "
        "on 10.04.2024, retention ended 10.04.2027 (" in past
    )
    assert "paragraph 14)" in past and "2024-Q2" not in past
    assert (
        "to remove: results: 3, familiarization records: 1, refusal acts: 1, disagreements: 1, "
        "ranking sheets: 1, ranking sheet lines: 3, KPI evaluation sheets: 1, KPI evaluation "
        "sheet lines: 3, bonus point awards: 1, schedule steps:"
    ) in past
    # The year's plan goes with the last of the year's periods: 2024-Q2, not yet due.
    assert "KPI plans" not in past and "KPI plans: 2, KPIs of the plans: 6" in soon
    assert "scanned paper sheets (files): 2" in past
    assert "kept: the period and its participations (4)" in past
    assert "period 2024-Q2: completed on 10.07.2024, kept until 10.07.2027 (" in soon
    assert text.strip().endswith("Nothing was changed. To remove: bagalau retention --remove")


def test_one_body_and_json(world: tuple[Body, EvaluationPeriod, EvaluationPeriod]) -> None:
    data = json.loads(retention("--body", "shakhtinsk-test", "--json"))
    [past] = data["past"]
    assert (past["period"], past["completed"], past["kept_until"], past["removable_from"]) == (
        "2024-Q1",
        "10.04.2024",
        "10.04.2027",
        "11.04.2027",
    )
    assert past["cite"]["paragraph"] == "14" and past["documents"]["results"] == 3
    assert [s["period"] for s in data["soon"]] == ["2024-Q2"]
    with pytest.raises(CommandError) as err:
        retention("--body", "nowhere")
    assert err.value.returncode == 2 and "Unknown state body nowhere" in str(err.value)


def test_remove_without_confirmation_is_refused_and_removes_nothing(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    before = everything()
    for args, stdin in (
        (("--remove",), io.StringIO("yes\n")),  # not a terminal: no prompt, no answer read
        (("--remove", "--json"), Tty("yes\n")),  # a script reading JSON is not asked
        (("--remove",), Tty("no\n")),
        (("--remove",), Tty("\n")),
    ):
        with pytest.raises(CommandError) as err:
            retention(*args, stdin=stdin)
        assert err.value.returncode == 2
        assert str(err.value) == (
            "Nothing was removed: removing documents past their retention period must be "
            "confirmed. Run bagalau retention --remove in a terminal and answer yes, or add --yes."
        )
        assert everything() == before


def test_remove_with_yes_takes_exactly_what_is_past(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod], media: Path
) -> None:
    org, q1, q2 = world
    q1_scans, q2_before, q2_scans = scans_of(q1), documents_of(q2), scans_of(q2)
    plan_records = list(
        AuditRecord.objects.filter(object_type="cycles.kpiplan").values_list(
            "pk", "before", "after", "note"
        )
    )
    q2_records = list(
        AuditRecord.objects.exclude(object_type="cycles.evaluationperiod")
        .filter(at__gte=clock.start_of_day(date(2024, 7, 1)))
        .values_list("pk", "before", "after", "note")
    )
    text = retention("--remove", "--yes")
    assert "Removed:\n  shakhtinsk-test 2024-Q1: results: 3," in text
    assert "participations anonymized: 4; audit record No." in text
    # 2024-Q1: every document gone, its files too; the period and its people kept
    assert documents_of(q1) == EMPTY and not any((media / n).exists() for n in q1_scans)
    parts = Participation.objects.filter(period=q1)
    assert list(parts.values_list("evaluator_id", "reasons")) == [(None, [])] * 4
    assert set(parts.values_list("status", flat=True)) == {"evaluated", "not_evaluated"}
    schedule = Schedule.objects.get(period=q1)
    assert (schedule.state, schedule.note, schedule.approved_by_id) == ("approved", "", None)
    q1.refresh_from_db()
    assert q1.documents_removed_at == clock.now() and q1.status == "closed"
    # 2024-Q2, on its last day of retention: untouched, records and files alike; and the
    # year's plan its sheet is scored on, with the earlier revision Q1's sheet was
    assert documents_of(q2) == q2_before and all((media / n).exists() for n in q2_scans)
    assert plans_and_kpis(org, 2024) == (2, 6)
    assert (
        list(
            AuditRecord.objects.filter(object_type="cycles.kpiplan").values_list(
                "pk", "before", "after", "note"
            )
        )
        == plan_records
    )
    assert (
        list(
            AuditRecord.objects.filter(pk__in=[r[0] for r in q2_records]).values_list(
                "pk", "before", "after", "note"
            )
        )
        == q2_records
    )


def test_the_audit_trail_keeps_who_and_when_and_one_record_says_what_went(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    _org, q1, _q2 = world
    result_records = AuditRecord.objects.filter(
        object_type="cycles.result", at__lt=clock.start_of_day(date(2024, 7, 1))
    )
    kept = list(
        result_records.order_by("pk").values_list("pk", "at", "actor_name", "action", "object_id")
    )
    assert kept and all(r.after for r in result_records)
    retention("--remove", "--yes")
    redacted = result_records.order_by("pk")
    assert list(redacted.values_list("pk", "at", "actor_name", "action", "object_id")) == kept
    assert {(r.before, r.after, r.object_repr) for r in redacted} == {(None, None, REDACTED)}
    assert {r.note for r in redacted} == {"shakhtinsk-278-5 p14"}
    # nothing about 2024-Q1's documents is left in a record's before or after
    for kind in (
        "cycles.familiarization",
        "cycles.disagreement",
        "cycles.kpisheet",
        "cycles.rankingsheet",
        "cycles.schedule",
    ):
        rows = AuditRecord.objects.filter(
            object_type=kind, at__lt=clock.start_of_day(date(2024, 7, 1))
        )
        assert rows.exists(), kind
        assert not rows.filter(Q(before__isnull=False) | Q(after__isnull=False)).exists(), kind
    [record] = AuditRecord.objects.filter(
        object_type="cycles.evaluationperiod", object_id=str(q1.pk), at=clock.now()
    )
    assert (record.action, record.actor_name, record.note) == (
        "update",
        "system",
        "shakhtinsk-278-5 p14",
    )
    after = record.after or {}
    assert (
        after["rule"],
        after["completed_on"],
        after["kept_until"],
        after["retention_years"],
    ) == ("R-RETAIN", "2024-04-10", "2027-04-10", 3)
    assert after["removed"] == {
        "results": 3, "familiarizations": 1, "refusal_acts": 1, "disagreements": 1,
        "ranking_sheets": 1, "ranking_entries": 3, "kpi_plans": 0, "kpi_items": 0,
        "kpi_sheets": 1, "kpi_lines": 3, "bonus_awards": 1,
        "schedule_steps": after["removed"]["schedule_steps"], "scans": 2,
    }  # fmt: skip
    assert len(after["removed_ids"]["results"]) == 3 and after["anonymized"] == {
        "participations": 4
    }
    assert after["confirmed"]["how"] == "--yes" and after["confirmed"]["by"]
    assert (record.before or {})["documents_removed_at"] is None


def test_a_second_run_removes_nothing_more(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    retention("--remove", "--yes")
    after_first = everything()
    text = retention("--remove", "--yes")
    assert "Nothing is past its retention period; nothing was removed." in text
    assert everything() == after_first


def test_the_day_after_the_anniversary_the_next_period_goes(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod], clock_at: ClockAt
) -> None:
    org, q1, q2 = world
    clock_at(date(2027, 7, 11), time(0, 30))  # just after local midnight: 18:30 UTC the day before
    text = retention("--remove", "--yes")
    assert documents_of(q1) == EMPTY and documents_of(q2) == EMPTY
    # the last of 2024's periods takes the year's plan, both revisions, and its records
    assert (
        "shakhtinsk-test 2024-Q2: results: 3, " in text
        and "KPI plans: 2, KPIs of the plans: 6" in text
    )
    assert plans_and_kpis(org, 2024) == (0, 0)
    plan_records = AuditRecord.objects.filter(object_type="cycles.kpiplan")
    assert plan_records.count() == 2 and set(plan_records.values_list("after", flat=True)) == {None}


def test_a_terminal_confirms_with_yes_in_its_language(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    _org, q1, q2 = world
    out = io.StringIO()
    call_command("retention", "--remove", "--lang", "ru", stdout=out, stdin=Tty("да\n"))
    text = out.getvalue()
    assert "Удалить документы периодов, перечисленных выше (1)?" in text and "Удалено:" in text
    assert documents_of(q1) == EMPTY and documents_of(q2)["Result"] == 3
    record = AuditRecord.objects.get(
        object_type="cycles.evaluationperiod", object_id=str(q1.pk), at=clock.now()
    )
    assert (record.after or {})["confirmed"]["how"] == "prompt"


def test_the_period_page_says_its_documents_were_removed(
    world: tuple[Body, EvaluationPeriod, EvaluationPeriod],
) -> None:
    org, _q1, _q2 = world
    retention("--remove", "--yes")
    hr = _hr_client(org)
    q1_page = hr.get(reverse("cycles:period", args=[org.body.code, "2024-Q1"])).content.decode()
    assert (
        "Its evaluation documents were removed on 10.07.2027, after their retention period; "
        "the people who took part and how are kept."
    ) in q1_page
    assert "Маман1" in q1_page  # the participants are still listed, with their status
    q2_page = hr.get(reverse("cycles:period", args=[org.body.code, "2024-Q2"])).content.decode()
    assert "period-documents-removed" not in q2_page
