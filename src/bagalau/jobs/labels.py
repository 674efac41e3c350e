"""Words for a run's stage codes and outcome figures. A capability adds its own
(``add_labels(stages={"write": _("writing results")})``) when its tasks module loads;
an unknown code shows as itself rather than hiding the progress."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STAGES: dict[str, Promise] = {
    "": _("waiting for a worker"),
    "read": _("reading"),
    "compute": _("computing"),
    "write": _("writing"),
    "send": _("sending"),
    "finish": _("finishing"),
}
FIGURES: dict[str, Promise] = {
    "processed": _("processed"),
    "created": _("added"),
    "updated": _("modified"),
    "skipped": _("skipped"),
    "sent": _("e-mails sent"),
    "notices": _("notices created"),
}


def add_labels(
    *, stages: Mapping[str, Promise] | None = None, figures: Mapping[str, Promise] | None = None
) -> None:
    STAGES.update(stages or {})
    FIGURES.update(figures or {})


def stage_label(code: str) -> str:
    return str(STAGES.get(code, code))


def figure_label(code: str) -> str:
    return str(FIGURES.get(code, code))


def figure_order(code: str) -> tuple[int, str]:
    """Figures in the order they are declared, unknown ones after them by name: the
    database (PostgreSQL's jsonb) does not keep the order the task wrote them in."""
    order = list(FIGURES)
    return (order.index(code) if code in FIGURES else len(order), code)
