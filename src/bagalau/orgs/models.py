"""State bodies, departments, positions, employees and their history.

Who held which position when is stored once, as assignments with dates; the direct
and superior manager on a date are derived from the positions' reporting lines
(``selectors.managers_on``), never stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bagalau.domain.methodology import AbsenceKind as DomainAbsenceKind

# Civil service categories as the staff lists write them: E-2, E-3, E-4, E-R-1, C-O-5...
CATEGORY_PATTERN = r"^[A-E](-[A-Z]{1,2})?-[0-9]{1,2}$"
category_validator = RegexValidator(
    CATEGORY_PATTERN, _("Write the category like E-2, E-3 or E-R-1.")
)


class BodyKind(models.TextChoices):
    AKIMAT = "akimat", _("akimat")
    AKIM_APPARATUS = "akim_apparatus", _("akim's apparatus")
    MASLIKHAT_APPARATUS = "maslikhat_apparatus", _("maslikhat apparatus")
    LOCAL_EXECUTIVE_BODY = "local_executive_body", _("local executive body")
    OTHER = "other", _("other state body")


class StateBody(models.Model):
    """A state body (мемлекеттік орган) that evaluates its "B" corps staff.

    ``methodology_code`` is the body code in the methodology packs whose versions the
    body applies, from ``methodology_from``; blank means the Typical Methodology.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    kind = models.CharField(_("kind"), max_length=40, choices=BodyKind.choices)
    region_kk = models.CharField(_("region (Kazakh)"), max_length=200, blank=True)
    region_ru = models.CharField(_("region (Russian)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    methodology_code = models.SlugField(_("methodology"), max_length=80, blank=True)
    methodology_from = models.DateField(_("applies its methodology from"), null=True, blank=True)

    class Meta:
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        ordering = ["name_ru"]

    def __str__(self) -> str:
        return self.name_ru

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class Department(models.Model):
    """A structural unit (құрылымдық бөлімше); units nest."""

    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(_("code"), max_length=80)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="department_code_unique_in_body")
        ]
        ordering = ["body", "name_ru"]

    def __str__(self) -> str:
        return self.name_ru

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class Position(models.Model):
    """A position on the staff list (штаттық кесте) with its category and reporting line."""

    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="positions")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="positions"
    )
    code = models.SlugField(_("code"), max_length=80)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    category = models.CharField(_("category"), max_length=12, validators=[category_validator])
    is_head_of_apparatus = models.BooleanField(_("head of apparatus"), default=False)
    is_head_of_unit = models.BooleanField(_("head of a structural unit"), default=False)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subordinates"
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="position_code_unique_in_body")
        ]
        ordering = ["body", "department", "code"]

    def __str__(self) -> str:
        return f"{self.title_ru} ({self.category})"

    def title(self, lang: str) -> str:
        return self.title_kk if lang == "kk" else self.title_ru


class Employee(models.Model):
    """A civil servant, identified by the IIN; names in Kazakh and Russian."""

    iin = models.CharField(_("IIN"), max_length=12, unique=True)
    last_name_kk = models.CharField(_("surname (Kazakh)"), max_length=100)
    first_name_kk = models.CharField(_("name (Kazakh)"), max_length=100)
    middle_name_kk = models.CharField(_("patronymic (Kazakh)"), max_length=100, blank=True)
    last_name_ru = models.CharField(_("surname (Russian)"), max_length=100)
    first_name_ru = models.CharField(_("name (Russian)"), max_length=100)
    middle_name_ru = models.CharField(_("patronymic (Russian)"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name_ru", "first_name_ru"]

    def __str__(self) -> str:
        return self.full_name("ru")

    def full_name(self, lang: str) -> str:
        if lang == "kk":
            parts = (self.last_name_kk, self.first_name_kk, self.middle_name_kk)
        else:
            parts = (self.last_name_ru, self.first_name_ru, self.middle_name_ru)
        return " ".join(p for p in parts if p)


class AssignmentKind(models.TextChoices):
    MAIN = "main", _("main position")
    ACTING = "acting", _("acting (temporarily performing duties)")
    COMBINED = "combined", _("combined duties")


class Assignment(models.Model):
    """An employee in a position from ``start`` to ``end`` (inclusive; open when empty)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(
        _("kind"), max_length=16, choices=AssignmentKind.choices, default=AssignmentKind.MAIN
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="assignment_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["position", "start"], name="assignment_position_start"),
            models.Index(fields=["employee", "start"], name="assignment_employee_start"),
        ]
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.position_id} {self.start}–{self.end or ''}"


class AbsenceKind(models.TextChoices):
    """R-ELIGIBLE (004 p5): the absences during which evaluation goes on without the person."""

    LABOUR_LEAVE = DomainAbsenceKind.LABOUR_LEAVE.value, _("labour leave")
    SOCIAL_LEAVE = DomainAbsenceKind.SOCIAL_LEAVE.value, _("social leave")
    SICK_LEAVE = DomainAbsenceKind.SICK_LEAVE.value, _("sick leave")
    BUSINESS_TRIP = DomainAbsenceKind.BUSINESS_TRIP.value, _("business trip")
    INTERNSHIP = DomainAbsenceKind.INTERNSHIP.value, _("internship")
    RETRAINING = DomainAbsenceKind.RETRAINING.value, _("retraining")
    TRAINING = DomainAbsenceKind.TRAINING.value, _("training")


class Absence(models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="absence_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["employee", "start"], name="absence_employee_start")]
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}–{self.end}"


class Dismissal(models.Model):
    """R-DISMISSED (004 p6): leaving the body; the last assignment ends on ``date``."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="dismissals")
    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="dismissals")
    date = models.DateField(_("date"))
    basis = models.CharField(_("basis"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dismissal")
        verbose_name_plural = _("dismissals")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "body", "date"], name="dismissal_unique_per_day"
            )
        ]
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date}"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("checked, ready to apply")
    INVALID = "invalid", _("has errors")
    APPLIED = "applied", _("applied")


class ImportJob(models.Model):
    """One uploaded staff file: its rows, the dry run's outcome and, once applied, the report.

    ``rows`` keeps the uploaded cells (sheet kind -> [[row number, cell, ...]]) so that
    applying checks them again against the data as it is then; ``result`` holds each
    row's outcome and every issue as codes, rendered in the reader's language on display.
    """

    body = models.ForeignKey(StateBody, on_delete=models.PROTECT, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file_names = models.CharField(_("files"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    rows = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff import")
        verbose_name_plural = _("staff imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.body_id} {self.file_names} ({self.status})"
