"""Organizations in the admin, for superusers: the same data the pages and import edit.

The admin bypasses the services' audit trail, so only superusers get it (``has_*``
below); HR edits people through the pages, which are audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    Position,
    StateBody,
)


class SuperuserOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(StateBody)
class StateBodyAdmin(SuperuserOnly, admin.ModelAdmin[StateBody]):
    list_display = ("name_ru", "name_kk", "code", "kind", "parent", "methodology_code")
    list_filter = ("kind",)
    search_fields = ("name_ru", "name_kk", "code")
    autocomplete_fields = ("parent",)


@admin.register(Department)
class DepartmentAdmin(SuperuserOnly, admin.ModelAdmin[Department]):
    list_display = ("name_ru", "name_kk", "code", "body", "parent")
    list_filter = ("body",)
    search_fields = ("name_ru", "name_kk", "code")
    list_select_related = ("body", "parent")
    autocomplete_fields = ("body", "parent")


@admin.register(Position)
class PositionAdmin(SuperuserOnly, admin.ModelAdmin[Position]):
    list_display = (
        "title_ru",
        "category",
        "body",
        "department",
        "is_head_of_apparatus",
        "is_head_of_unit",
    )
    list_filter = ("category", "is_head_of_apparatus", "is_head_of_unit", "body")
    search_fields = ("title_ru", "title_kk", "code")
    list_select_related = ("body", "department")
    autocomplete_fields = ("body", "department", "reports_to")


class AssignmentInline(admin.TabularInline[Assignment, Employee]):
    model = Assignment
    extra = 0
    autocomplete_fields = ("position",)


class AbsenceInline(admin.TabularInline[Absence, Employee]):
    model = Absence
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(SuperuserOnly, admin.ModelAdmin[Employee]):
    list_display = ("last_name_ru", "first_name_ru", "middle_name_ru", "iin", "user")
    search_fields = ("last_name_ru", "last_name_kk", "first_name_ru", "iin")
    raw_id_fields = ("user",)
    inlines = (AssignmentInline, AbsenceInline)


@admin.register(Assignment)
class AssignmentAdmin(SuperuserOnly, admin.ModelAdmin[Assignment]):
    list_display = ("employee", "position", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("employee__last_name_ru", "employee__iin", "position__title_ru")
    list_select_related = ("employee", "position")
    autocomplete_fields = ("employee", "position")
    date_hierarchy = "start"


@admin.register(Absence)
class AbsenceAdmin(SuperuserOnly, admin.ModelAdmin[Absence]):
    list_display = ("employee", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("employee__last_name_ru", "employee__iin")
    list_select_related = ("employee",)
    autocomplete_fields = ("employee",)


@admin.register(Dismissal)
class DismissalAdmin(SuperuserOnly, admin.ModelAdmin[Dismissal]):
    list_display = ("employee", "body", "date", "basis")
    search_fields = ("employee__last_name_ru", "employee__iin")
    list_select_related = ("employee", "body")
    autocomplete_fields = ("employee", "body")
