"""``bagalau jobs``: background runs from the console.

bagalau jobs recover        # queue again the runs whose worker died (heartbeat too old)
bagalau jobs check          # start a worker check run; a worker should finish it
bagalau jobs show 12        # how far run 12 got
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.core.management.base import DomainCommand, Output
from bagalau.jobs.models import RunKind, TaskRun
from bagalau.jobs.pages import progress_text
from bagalau.jobs.selectors import progress_of
from bagalau.jobs.services import do_recover_runs, do_start_run
from bagalau.jobs.tasks import check_worker


class Command(DomainCommand):
    help = "Background runs: recover abandoned ones, check the workers, show a run."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        actions = parser.add_subparsers(dest="action", required=True)
        self.add_subcommand(actions, "recover", help="queue again the runs of dead workers")
        check = self.add_subcommand(actions, "check", help="start a worker check run")
        check.add_argument("--steps", type=int, default=3)
        check.add_argument("--pause", type=float, default=0.0, help="seconds per step")
        show = self.add_subcommand(actions, "show", help="the progress of one run")
        show.add_argument("run_id", type=int)

    def run(self, **options: Any) -> Output:
        action = options["action"]
        if action == "recover":
            ids = do_recover_runs()
            text = _("Abandoned runs queued again: %(count)d.") % {"count": len(ids)}
            return Output(text=text, data={"recovered": ids})
        if action == "check":
            run = do_start_run(
                kind=RunKind.CHECK,
                key=f"check:{clock.now().isoformat()}",
                actor=None,
                body_id=None,
                params={"steps": options["steps"], "pause": options["pause"]},
                task=check_worker,
            )
            return Output(
                text=_("Worker check queued: run %(id)d.") % {"id": run.pk}, data={"run": run.pk}
            )
        return _show(options["run_id"])


def _show(run_id: int) -> Output:
    run = TaskRun.objects.filter(pk=run_id).first()
    if run is None:
        raise CommandError(_("There is no run %(id)d.") % {"id": run_id})
    progress = progress_of(run)
    text = f"{progress.kind_label}: {progress.status_label}. {progress_text(progress)}"
    if progress.error:
        text += f"\n{progress.error}"
    data = {
        "id": run.pk,
        "status": run.status,
        "processed": run.processed,
        "total": run.total,
        "attempts": run.attempts,
        "outcome": run.outcome,
        "error_code": run.error_code,
    }
    return Output(text=text, data=data)
