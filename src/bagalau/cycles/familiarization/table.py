"""HR's familiarization list as a table: columns, sorting, search, the export of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.core.listing import ListColumn, ListSpec
from bagalau.cycles.familiarization.selectors import Row


def familiarization_spec(lang: str) -> ListSpec:
    suffix = "kk" if lang == "kk" else "ru"
    person = "participation__employee__"
    return ListSpec(
        columns=(
            ListColumn(
                "name",
                gettext_lazy("Employee"),
                (f"{person}last_name_{suffix}", f"{person}first_name_{suffix}"),
            ),
            ListColumn("method", gettext_lazy("Method"), ("method",)),
            ListColumn("deadline", gettext_lazy("Deadline")),
            ListColumn("familiarized", gettext_lazy("Familiarization"), ("familiarization__at",)),
        ),
        default_sort="name",
        search=(
            f"{person}last_name_kk",
            f"{person}first_name_kk",
            f"{person}last_name_ru",
            f"{person}first_name_ru",
            "participation__position__title_kk",
            "participation__position__title_ru",
        ),
    )


EXPORT_HEADER = (
    gettext_lazy("Employee"), gettext_lazy("Position"), gettext_lazy("Method"),
    gettext_lazy("Deadline"), gettext_lazy("Familiarization"), gettext_lazy("Channel"),
    gettext_lazy("Application"),
)  # fmt: skip


def _outcome(row: Row) -> tuple[Any, str]:
    found = row.familiarization
    if found is None:
        return _("awaiting"), ""
    day = timezone.localtime(found.at).date()
    if found.refused:
        return _("refused on %(day)s") % {"day": day.strftime("%d.%m.%Y")}, ""
    return day, found.get_channel_display()


def export_rows(rows: list[Row]) -> Iterator[list[Any]]:
    for row in rows:
        outcome, channel = _outcome(row)
        due = row.deadline.due if row.deadline else None
        applied = _("application submitted") if row.applied else ""
        yield [row.name, row.position, capfirst(row.method), due, outcome, channel, applied]
