"""Showing a run on a page: the progress partial for htmx polls, the full page otherwise.

A capability's view checks its own permission, then::

    return render_run(request, run, poll_url=request.path, retry_url=...)

and its page template includes ``jobs/_progress.html`` (with the same context) wherever
the progress goes; ``jobs/_runs.html`` lists past runs (``runs`` from ``runs_for``).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bagalau.jobs.models import TaskRun
from bagalau.jobs.selectors import Progress, progress_of

PARTIAL = "jobs/_progress.html"


def render_run(
    request: HttpRequest,
    run: TaskRun,
    *,
    poll_url: str,
    retry_url: str = "",
    page: str = "jobs/run.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The partial when htmx polls (``request.htmx``), else ``page`` around it."""
    values = {**(context or {}), **progress_context(run, poll_url=poll_url, retry_url=retry_url)}
    template = PARTIAL if getattr(request, "htmx", False) else page
    return render(request, template, values)


def progress_context(run: TaskRun, *, poll_url: str, retry_url: str = "") -> dict[str, Any]:
    progress = progress_of(run)
    return {
        "run": run,
        "progress": progress,
        "poll_url": poll_url,
        "retry_url": retry_url,
        "progress_text": progress_text(progress),
    }


def progress_text(progress: Progress) -> str:
    """E.g. "1 200 / 4 000, writing, 02:10, about 5 min left"."""
    parts = []
    if progress.total is not None:
        parts.append(f"{progress.processed} / {progress.total}")
    elif progress.processed:
        parts.append(str(progress.processed))
    if not progress.finished:
        parts.append(progress.stage_label)
    parts.append(clock_text(progress.elapsed))
    if progress.remaining is not None:
        parts.append(remaining_text(progress.remaining))
    return ", ".join(parts)


def clock_text(elapsed: timedelta) -> str:
    """Elapsed time as MM:SS, or H:MM:SS from an hour."""
    seconds = int(elapsed.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


def remaining_text(remaining: timedelta) -> str:
    if remaining < timedelta(minutes=1):
        return _("less than a minute left")
    minutes = math.ceil(remaining.total_seconds() / 60)
    return ngettext("about %(count)d min left", "about %(count)d min left", minutes) % {
        "count": minutes
    }
