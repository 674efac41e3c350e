"""Notices in the admin, read only: support can see what was sent to whom and when."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.notify.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("created_at", "recipient", "kind", "rule_id", "due", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("key", "recipient__username")
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
