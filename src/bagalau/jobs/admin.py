"""Background runs in the admin, read only: support sees what ran, for whom, how it
ended and its error code (the traceback is in the server log, not here)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.jobs.models import TaskRun


@admin.register(TaskRun)
class TaskRunAdmin(admin.ModelAdmin[TaskRun]):
    list_display = ("created_at", "kind", "key", "status", "processed", "total", "attempts")
    list_filter = ("kind", "status")
    search_fields = ("key", "task_id")
    date_hierarchy = "created_at"
    list_select_related = ("started_by",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in TaskRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
