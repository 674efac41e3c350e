from django.contrib import admin

from bagalau.core.models import DayTransfer


@admin.register(DayTransfer)
class DayTransferAdmin(admin.ModelAdmin[DayTransfer]):
    list_display = ("rest_day", "work_day", "basis", "created_at")
    search_fields = ("basis",)
    date_hierarchy = "rest_day"
    readonly_fields = ("created_at",)
