"""``bagalau methodology`` and ``bagalau deadlines`` on the shipped packs."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_list_names_every_pack_with_its_validity() -> None:
    data = json.loads(run("methodology", "list", "--json"))
    by_id = {p["id"]: p for p in data["packs"]}
    assert by_id["typical-2025"]["valid_from"] == "01.08.2025"
    assert by_id["typical-2022"]["valid_to"] == "31.07.2025"
    assert by_id["typical-2022"]["fallback"] is True
    assert by_id["shakhtinsk-2024"]["bodies"][0]["code"] == "shakhtinsk-maslikhat"


def test_show_gives_the_version_in_force_with_citations() -> None:
    data = json.loads(
        run("methodology", "show", "shakhtinsk-maslikhat", "--on", "01.03.2024", "--json")
    )
    assert data["id"] == "shakhtinsk-2023"
    params = {p["key"]: p for p in data["parameters"]}
    assert params["kpi.count_min"]["value"] == 3
    assert params["kpi.count_max"]["value"] == 5
    assert params["kpi.count_min"]["cite"]["label"].startswith("shakhtinsk-278-5 p23")
    assert params["kpi.achievement_table"]["unverified"] is True


def test_show_text_marks_unverified_rules() -> None:
    text = run("methodology", "show", "shakhtinsk-maslikhat", "--on", "2024-03-01", "--lang", "en")
    assert "kpi.achievement_table" in text and "UNVERIFIED" in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("methodology", "show", "nobody", "--on", "01.01.2024"), "nobody"),
        (("methodology", "show", "shakhtinsk-maslikhat", "--on", "01.13.2024"), "01.13.2024"),
        (("methodology", "show", "shakhtinsk-maslikhat", "--on", "01.01.2016"), "01.01.2016"),
        (("deadlines", "shakhtinsk-maslikhat", "2026-Q5"), "2026-Q5"),
        (("deadlines", "nobody", "2026-Q1"), "nobody"),
        (("deadlines", "shakhtinsk-maslikhat", "2026-Q1", "--event", "lunch=01.04.2026"), "lunch"),
    ],
)
def test_bad_input_exits_2_naming_the_value(args: tuple[str, ...], fragment: str) -> None:
    with pytest.raises(CommandError) as err:
        call_command(*args, stdout=StringIO())
    assert err.value.returncode == 2
    assert fragment in str(err.value)


def test_deadlines_of_a_quarter_in_date_order_with_citations() -> None:
    data = json.loads(run("deadlines", "shakhtinsk-maslikhat", "2026-Q1", "--json"))
    assert data["pack"] == "shakhtinsk-2024"
    rows = {d["id"]: d for d in data["deadlines"]}
    # R-PERIODS (004 p4): not later than the 10th of the month after the quarter
    evaluation = rows["quarter_evaluation"]
    assert (evaluation["due"], evaluation["projected"]) == ("10.04.2026", False)
    assert evaluation["cite"]["label"].startswith("shakhtinsk-278-5 p4")
    # R-FAMILIARIZE (004 p11): 2 working days after completion, projected: 14.04.2026
    assert any(d["due"] == "14.04.2026" and d["projected"] for d in rows.values())


def test_deadlines_use_events_that_happened() -> None:
    data = json.loads(
        run(
            "deadlines",
            "shakhtinsk-maslikhat",
            "2026-Q1",
            "--event",
            "familiarized=06.04.2026",
            "--json",
        )
    )
    # R-DISAGREE (004 p12): 5 working days after familiarization on Monday 06.04.2026
    assert any(d["due"] == "13.04.2026" and not d["projected"] for d in data["deadlines"])
