"""The signed-in user's notices: the list (newest first, unread marked), marking one or
all read, and the language of e-mailed notices. Every notice is the reader's own:
nobody sees or marks another user's notices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from bagalau.core import clock
from bagalau.notify import selectors, services
from bagalau.notify.models import NoticeLanguage, Notification
from bagalau.notify.texts import notice_text
from bagalau.notify.worklist import worklist

PAGE_SIZE = 50


class NoticeLanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("E-mail me notices in"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, str(name)) for code, name in settings.LANGUAGES]
        self.fields["language"].choices = choices  # type: ignore[attr-defined]


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    user_id = int(request.user.pk or 0)
    page = Paginator(selectors.notices_of(user_id), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_row(n) for n in page]
    chosen = NoticeLanguage.objects.filter(user_id=user_id).values_list("language", flat=True)
    language = chosen.first() or settings.LANGUAGE_CODE
    context = {
        "rows": rows,
        "page": page,
        "language_form": NoticeLanguageForm(initial={"language": language}),
    }
    return render(request, "notify/notice_list.html", context)


def _row(notice: Notification) -> dict[str, Any]:
    text = notice_text(notice)
    return {
        "pk": notice.pk,
        "title": text.title,
        "detail": text.detail,
        "url": notice.url,
        "unread": notice.read_at is None,
        "created_at": notice.created_at,
        "kind": notice.kind,
    }


@login_required
@require_POST
def mark_read(request: HttpRequest, notice_id: int) -> HttpResponse:
    services.do_mark_notice_read(user=request.user, notice_id=notice_id)  # type: ignore[arg-type]
    return redirect("notify:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    done = services.do_mark_all_notices_read(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Notices marked read: %(count)d.") % {"count": done})
    return redirect("notify:list")


@login_required
@require_POST
def notice_language(request: HttpRequest) -> HttpResponse:
    form = NoticeLanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the site's languages."))
        return redirect("notify:list")
    services.do_set_notice_language(
        user=request.user,  # type: ignore[arg-type]
        language=form.cleaned_data["language"],
    )
    messages.success(request, _("Notices will be e-mailed in the language chosen."))
    return redirect("notify:list")


@never_cache
@login_required
@require_GET
def work_count(request: HttpRequest) -> JsonResponse:
    """How many steps wait for the user, for the header's "My work" link (only theirs)."""
    count = worklist(request.user, today=clock.today()).count
    label = ngettext("%(counter)s step waits for you", "%(counter)s steps wait for you", count) % {
        "counter": count
    }
    return JsonResponse({"count": count, "label": label})
