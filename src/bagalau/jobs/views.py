"""One run's page, for the user who started it (and superusers): capability pages show
their runs themselves, after their own permission checks, with ``pages.render_run``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from bagalau.core.messages import error_message
from bagalau.domain.errors import DomainError
from bagalau.jobs import services
from bagalau.jobs.models import TaskRun
from bagalau.jobs.pages import render_run


def access_run(request: HttpRequest, run_id: int) -> TaskRun:
    """The run if the user started it or is a superuser; otherwise 404, not 403, so the
    existence of other people's runs is not revealed."""
    run = TaskRun.objects.select_related("started_by").filter(pk=run_id).first()
    user = request.user
    if run is None or not (user.is_superuser or run.started_by_id == user.pk):
        raise Http404
    return run


@login_required
@require_GET
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request, run_id)
    return render_run(
        request,
        run,
        poll_url=reverse("jobs:run", args=[run.pk]),
        retry_url=reverse("jobs:retry", args=[run.pk]),
    )


@login_required
@require_POST
def retry(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access_run(request, run_id)
    try:
        services.do_retry_run(run_id=run.pk, actor=request.user)  # type: ignore[arg-type]
    except DomainError as err:
        messages.error(request, error_message(err))
    return redirect("jobs:run", run_id=run.pk)
