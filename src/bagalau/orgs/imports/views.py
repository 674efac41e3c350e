"""Staff import and export pages: upload, dry run, apply, report, template, export.

Checking a file takes seconds, so the upload answers with a streamed page: the top of
the page first, then a line and a progress bar update for each chunk of rows as the work
goes on, then a link (and, with JavaScript, a redirect) to the result. This works in
``runserver``, behind a proxy that does not buffer (``X-Accel-Buffering: no``) and in
tests; the request itself does the check. Applying is a background run
(``tasks.apply_import``): the request only refuses what cannot be applied and queues it;
the job's page shows the run's progress, polling itself with htmx while it runs (the
user may leave and come back), its outcome when done, the error in words and a Retry
button when it failed, and the body's past imports.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.access import Action, require
from bagalau.core import clock
from bagalau.core.export import table_response
from bagalau.core.outcomes import Refusal, attempt
from bagalau.jobs.models import ACTIVE, RunKind
from bagalau.jobs.pages import progress_context, render_run
from bagalau.jobs.selectors import runs_for
from bagalau.jobs.services import do_retry_run
from bagalau.orgs.imports.columns import SHEET_LABELS, SheetKind
from bagalau.orgs.imports.issues import Issue, full_message
from bagalau.orgs.imports.limits import check_upload_bytes, read_within_limits
from bagalau.orgs.imports.services import check_staff_import_steps, do_start_apply, latest_run
from bagalau.orgs.imports.xlsx import export_workbook, report_workbook, template_workbook
from bagalau.orgs.models import ImportJob, ImportStatus, StateBody

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_PAGE = 500
ISSUES_PER_PAGE = 100
MAX_FILES = 3
_MARKER = "<!--progress-->"
PHASES = {
    "read": gettext_lazy("Rows read"),
    "check": gettext_lazy("Rows checked"),
}
OUTCOMES = {
    "create": gettext_lazy("create"),
    "update": gettext_lazy("update"),
    "unchanged": gettext_lazy("unchanged"),
    "error": gettext_lazy("error"),
}


def _body(request: HttpRequest, code: str, action: Action = Action.IMPORT_STAFF) -> StateBody:
    body = get_object_or_404(StateBody, code=code)
    require(request.user, action, body, today=clock.today())
    return body


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(template_workbook(), "bagalau-staff-template.xlsx")


@login_required
@require_GET
def export_staff(request: HttpRequest, code: str) -> HttpResponse:
    body = _body(request, code, Action.EXPORT_STAFF)
    return _xlsx(export_workbook(body), f"{body.code}-staff-{clock.today():%Y-%m-%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, code: str) -> HttpResponseBase:
    body = _body(request, code)
    context: dict[str, Any] = {
        "body": body,
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "max_rows": _n(settings.IMPORT_MAX_ROWS),
    }
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        if not uploads or len(uploads) > MAX_FILES:
            context["error"] = _("Choose one .xlsx workbook, or up to three .csv files.")
        else:
            try:  # the size before reading anything into memory, then the rows
                check_upload_bytes(sum(f.size or 0 for f in uploads))
                files = [(f.name or "file", f.read()) for f in uploads]
                read = read_within_limits(files)
            except ValidationError as err:
                context["error"] = " ".join(err.messages)
            else:
                steps = check_staff_import_steps(
                    body=body, files=files, actor=request.user, read=read
                )
                return _stream(request, body, _("Checking the file"), steps)
    jobs = ImportJob.objects.filter(body=body).only("id", "created_at", "status", "file_names")
    context["jobs"] = jobs[:10]
    return render(
        request, "orgs/import_upload.html", context, status=400 if "error" in context else 200
    )


@login_required
@require_POST
def import_apply(request: HttpRequest, code: str, job_id: int) -> HttpResponseBase:
    """Queue the background apply, then show the job's page with its progress."""
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows", "result"), pk=job_id, body=body)
    started = attempt(do_start_apply, job=job, actor=request.user)  # type: ignore[arg-type]
    if isinstance(started, Refusal):
        messages.error(request, started.message)
    return redirect("orgs:import_job", code=body.code, job_id=job.pk)


@login_required
@require_POST
def import_retry(request: HttpRequest, code: str, job_id: int) -> HttpResponseBase:
    """Run the job's failed background apply again from the start."""
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.only("id", "body_id"), pk=job_id, body=body)
    run = latest_run(job)
    if run is None:
        messages.error(request, _("This import has not been applied yet: apply it first."))
    else:
        retried = attempt(do_retry_run, run_id=run.pk, actor=request.user)  # type: ignore[arg-type]
        if isinstance(retried, Refusal):
            messages.error(request, retried.message)
    return redirect("orgs:import_job", code=body.code, job_id=job.pk)


def _stream(
    request: HttpRequest,
    body: StateBody,
    title: str,
    steps: Generator[tuple[str, int, int], None, ImportJob],
) -> StreamingHttpResponse:
    page = render_to_string(
        "orgs/import_progress.html", {"body": body, "title": title}, request=request
    )
    top, bottom = page.split(_MARKER, 1)
    language = translation.get_language()

    def lines() -> Iterator[str]:
        with translation.override(language):
            yield top
            job = yield from _progress_lines(steps)
            url = reverse("orgs:import_job", args=[body.code, job.pk])
            # import-progress.js follows the link as soon as it arrives
            see = escape(_("See the result"))
            yield f'<p><a class="button" data-go href="{escape(url)}">{see}</a></p>'
            yield bottom

    response = StreamingHttpResponse(lines(), content_type="text/html; charset=utf-8")
    response["X-Accel-Buffering"] = "no"
    response["Cache-Control"] = "no-store"
    return response


def _progress_lines(
    steps: Generator[tuple[str, int, int], None, ImportJob],
) -> Generator[str, None, ImportJob]:
    """One line per phase and at most one update a second within it."""
    shown_phase, shown_at = "", 0.0
    while True:
        try:
            phase, done, total = next(steps)
        except StopIteration as finished:
            job: ImportJob = finished.value
            return job
        now = time.monotonic()
        if phase == shown_phase and now - shown_at < 1 and done < total:
            continue
        shown_phase, shown_at = phase, now
        label = escape(str(PHASES.get(phase, phase)))
        count = f"{_n(done)} / {_n(total)}"
        percent = 100 if not total else done * 100 // total
        yield f'<li data-percent="{percent}">{label}: {count}</li>\n'


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


@login_required
@require_GET
def import_job(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=job_id, body=body)
    run = latest_run(job)
    url = reverse("orgs:import_job", args=[body.code, job.pk])
    retry_url = reverse("orgs:import_retry", args=[body.code, job.pk])
    if run is not None and getattr(request, "htmx", False):
        # A poll of the progress; once the run has ended, the whole page is shown again
        # (its status, rows and buttons changed with it).
        response = render_run(request, run, poll_url=url, retry_url=retry_url)
        if run.finished:
            response["HX-Refresh"] = "true"
        return response
    issues = [Issue.from_data(i) for i in job.result.get("issues", [])]
    page = Paginator(job.result.get("outcomes", []), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = {(s, r) for s, r, _o in page.object_list}  # only this page's sentences
    by_row: dict[tuple[str | None, int | None], list[str]] = {}
    for issue in issues:
        key = (issue.sheet.value if issue.sheet else None, issue.row)
        if key in shown:
            by_row.setdefault(key, []).append(full_message(issue))
    issue_page = Paginator([i for i in issues if i.row is not None], ISSUES_PER_PAGE).get_page(
        request.GET.get("issues")
    )
    rows = [
        {
            "sheet": SHEET_LABELS[SheetKind(s)],
            "row": r,
            "outcome": o,
            "label": OUTCOMES[o],
            "messages": by_row.get((s, r), []),
        }
        for s, r, o in page.object_list
    ]
    context = {
        "body": body,
        "job": job,
        "counts": [(OUTCOMES[k], k, v) for k, v in job.result.get("counts", {}).items()],
        "file_issues": [full_message(i) for i in issues if i.row is None],
        "row_issues": [full_message(i) for i in issue_page],
        "issue_page": issue_page,
        "issue_links": _page_links(request, issue_page, "issues"),
        "page": page,
        "row_links": _page_links(request, page, "page"),
        "rows": rows,
        "can_apply": job.status == ImportStatus.CHECKED
        and (run is None or run.status not in ACTIVE),
        "applied": job.status == ImportStatus.APPLIED,
        "runs": runs_for(body.pk, RunKind.IMPORT_STAFF),
    }
    if run is not None:
        context |= progress_context(run, poll_url=url, retry_url=retry_url)
    return render(request, "orgs/import_job.html", context)


def _page_links(request: HttpRequest, page: Page[Any], name: str) -> dict[str, str]:
    """Links to the previous and next page of one of the page's two lists, keeping the
    other list's page."""
    params = request.GET.copy()
    links = {}
    for key, has, number in (
        ("prev", page.has_previous, page.previous_page_number),
        ("next", page.has_next, page.next_page_number),
    ):
        if has():
            params[name] = str(number())
            links[key] = "?" + params.urlencode()
    return links


@login_required
@require_GET
def import_issues(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    """Every issue of the job as csv, in the reader's language."""
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=job_id, body=body)
    issues = [Issue.from_data(i) for i in job.result.get("issues", [])]
    header = [_("Sheet"), _("Row"), _("Message")]
    rows = (
        [str(SHEET_LABELS[i.sheet]) if i.sheet else "", i.row or "", full_message(i)]
        for i in issues
    )
    return table_response("csv", f"{body.code}-import-{job.pk}-errors", header, rows)


@login_required
@require_GET
def import_report(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=job_id, body=body)
    return _xlsx(report_workbook(job), f"{body.code}-import-{job.pk}-report.xlsx")
