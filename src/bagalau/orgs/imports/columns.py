"""The staff import template: its sheets, columns and their Kazakh and Russian headers.

One row of the staff sheet is one assignment (тағайындау / назначение): the employee,
the department and position, and the dates. Absences and dismissals have sheets of
their own. A file may use the Kazakh or the Russian header row, or both (the template
and the export write the Kazakh row first, then the Russian one).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SheetKind(StrEnum):
    STAFF = "staff"
    ABSENCES = "absences"
    DISMISSALS = "dismissals"


@dataclass(frozen=True)
class Column:
    key: str
    kk: str
    ru: str
    label: Promise  # in the reader's language, for messages
    required: bool = False
    max_length: int = 500


STAFF_COLUMNS: tuple[Column, ...] = (
    Column("iin", "ЖСН", "ИИН", _("IIN"), required=True, max_length=12),
    Column("last_name_kk", "Тегі (қаз.)", "Фамилия (каз.)", _("surname (Kazakh)"), max_length=100),
    Column("first_name_kk", "Аты (қаз.)", "Имя (каз.)", _("name (Kazakh)"), max_length=100),
    Column(
        "middle_name_kk",
        "Әкесінің аты (қаз.)",
        "Отчество (каз.)",
        _("patronymic (Kazakh)"),
        max_length=100,
    ),
    Column(
        "last_name_ru", "Тегі (орыс.)", "Фамилия (рус.)", _("surname (Russian)"), max_length=100
    ),
    Column("first_name_ru", "Аты (орыс.)", "Имя (рус.)", _("name (Russian)"), max_length=100),
    Column(
        "middle_name_ru",
        "Әкесінің аты (орыс.)",
        "Отчество (рус.)",
        _("patronymic (Russian)"),
        max_length=100,
    ),
    Column("email", "Электрондық пошта", "Электронная почта", _("e-mail"), max_length=254),
    Column("phone", "Телефон", "Телефон", _("phone"), max_length=32),
    Column(
        "department_code",
        "Бөлімше коды",
        "Код подразделения",
        _("department code"),
        max_length=80,
    ),
    Column(
        "department_name_kk",
        "Бөлімше атауы (қаз.)",
        "Подразделение (каз.)",
        _("department (Kazakh)"),
    ),
    Column(
        "department_name_ru",
        "Бөлімше атауы (орыс.)",
        "Подразделение (рус.)",
        _("department (Russian)"),
    ),
    Column(
        "position_code",
        "Лауазым коды",
        "Код должности",
        _("position code"),
        required=True,
        max_length=80,
    ),
    Column("position_title_kk", "Лауазым (қаз.)", "Должность (каз.)", _("position (Kazakh)")),
    Column("position_title_ru", "Лауазым (орыс.)", "Должность (рус.)", _("position (Russian)")),
    Column("category", "Санаты", "Категория", _("category"), max_length=12),
    Column("head_of_apparatus", "Аппарат басшысы", "Руководитель аппарата", _("head of apparatus")),
    Column(
        "head_of_unit",
        "Бөлімше басшысы",
        "Руководитель подразделения",
        _("head of a structural unit"),
    ),
    Column(
        "reports_to",
        "Кімге бағынады (лауазым коды)",
        "Подчиняется (код должности)",
        _("reports to (position code)"),
        max_length=80,
    ),
    Column("kind", "Тағайындау түрі", "Вид назначения", _("assignment kind")),
    Column("start", "Басталуы", "Дата начала", _("start"), required=True),
    Column("end", "Аяқталуы", "Дата окончания", _("end")),
)

ABSENCE_COLUMNS: tuple[Column, ...] = (
    Column("iin", "ЖСН", "ИИН", _("IIN"), required=True, max_length=12),
    Column("kind", "Болмау түрі", "Вид отсутствия", _("absence kind"), required=True),
    Column("start", "Басталуы", "Дата начала", _("start"), required=True),
    Column("end", "Аяқталуы", "Дата окончания", _("end"), required=True),
)

DISMISSAL_COLUMNS: tuple[Column, ...] = (
    Column("iin", "ЖСН", "ИИН", _("IIN"), required=True, max_length=12),
    Column("date", "Босату күні", "Дата увольнения", _("dismissal date"), required=True),
    Column("basis", "Негіздеме", "Основание", _("basis"), max_length=500),
)

COLUMNS: dict[SheetKind, tuple[Column, ...]] = {
    SheetKind.STAFF: STAFF_COLUMNS,
    SheetKind.ABSENCES: ABSENCE_COLUMNS,
    SheetKind.DISMISSALS: DISMISSAL_COLUMNS,
}

SHEET_TITLES: dict[SheetKind, str] = {
    SheetKind.STAFF: "Штат",
    SheetKind.ABSENCES: "Болмау · Отсутствия",
    SheetKind.DISMISSALS: "Босату · Увольнения",
}
SHEET_LABELS: dict[SheetKind, Promise] = {
    SheetKind.STAFF: _("staff"),
    SheetKind.ABSENCES: _("absences"),
    SheetKind.DISMISSALS: _("dismissals"),
}
# The template's explanation sheet; the reader skips it.
GUIDE_SHEET_TITLE = "Нұсқаулық · Инструкция"


def normalize_header(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").split()).casefold()


def header_index(kind: SheetKind) -> dict[str, str]:
    """Normalized Kazakh, Russian and key spellings of a sheet's headers -> column key."""
    index: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for spelling in (column.key, column.kk, column.ru):
            index[normalize_header(spelling)] = column.key
    return index
