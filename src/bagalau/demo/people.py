"""Synthetic people for the demo and the benchmarks: Kazakh names in kk and ru, valid IINs.

Everything is derived from a number, so the same number always gives the same person
(the demo is idempotent and the generator reproducible). No real person is meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bagalau.domain.people import with_check_digit

# (Kazakh spelling, Russian spelling)
MALE_NAMES = (
    ("Ерлан", "Ерлан"),
    ("Нұрлан", "Нурлан"),
    ("Асқар", "Аскар"),
    ("Дәурен", "Даурен"),
    ("Бауыржан", "Бауыржан"),
    ("Ержан", "Ержан"),
    ("Серік", "Серик"),
    ("Марат", "Марат"),
    ("Қайрат", "Кайрат"),
    ("Талғат", "Талгат"),
    ("Ғалым", "Галым"),
    ("Жандос", "Жандос"),
    ("Әділет", "Адилет"),
    ("Мұрат", "Мурат"),
    ("Арман", "Арман"),
    ("Бекжан", "Бекжан"),
    ("Темірлан", "Темирлан"),
    ("Нұржан", "Нуржан"),
    ("Ерболат", "Ерболат"),
    ("Санжар", "Санжар"),
)
FEMALE_NAMES = (
    ("Айгерім", "Айгерим"),
    ("Гүлнар", "Гульнар"),
    ("Әсел", "Асель"),
    ("Жанар", "Жанар"),
    ("Мәдина", "Мадина"),
    ("Салтанат", "Салтанат"),
    ("Динара", "Динара"),
    ("Айжан", "Айжан"),
    ("Гүлмира", "Гульмира"),
    ("Ақмарал", "Акмарал"),
    ("Назерке", "Назерке"),
    ("Қарлығаш", "Карлыгаш"),
    ("Перизат", "Перизат"),
    ("Ботагөз", "Ботагоз"),
    ("Жұлдыз", "Жулдыз"),
    ("Сәуле", "Сауле"),
    ("Меруерт", "Меруерт"),
    ("Гүлжан", "Гульжан"),
    ("Ләззат", "Ляззат"),
    ("Аружан", "Аружан"),
)
# Male surnames; the female form adds "а" in both languages.
SURNAMES = (
    ("Ахметов", "Ахметов"),
    ("Жұмабаев", "Жумабаев"),
    ("Серікбаев", "Серикбаев"),
    ("Оспанов", "Оспанов"),
    ("Қасымов", "Касымов"),
    ("Төлеуов", "Тулеуов"),
    ("Бекмұхамбетов", "Бекмухамбетов"),
    ("Әбдірахманов", "Абдрахманов"),
    ("Нұрпейісов", "Нурпеисов"),
    ("Ермекбаев", "Ермекбаев"),
    ("Сәрсенбаев", "Сарсенбаев"),
    ("Тоқтаров", "Токтаров"),
    ("Мұқанов", "Муканов"),
    ("Исабеков", "Исабеков"),
    ("Байжанов", "Байжанов"),
    ("Құдайбергенов", "Кудайбергенов"),
    ("Әлиев", "Алиев"),
    ("Шәкенов", "Шакенов"),
    ("Өтепов", "Утепов"),
    ("Жақсылықов", "Жаксылыков"),
    ("Қуанышев", "Куанышев"),
    ("Ғабдуллин", "Габдуллин"),
    ("Төлегенов", "Тулегенов"),
    ("Мырзахметов", "Мырзахметов"),
)
_FIRST_BIRTH = date(1966, 1, 1)
_BIRTH_SPAN_DAYS = 365 * 36  # born 1966-2001


@dataclass(frozen=True)
class Person:
    iin: str
    last_name_kk: str
    first_name_kk: str
    middle_name_kk: str
    last_name_ru: str
    first_name_ru: str
    middle_name_ru: str


def make_iin(number: int, *, female: bool, serial_base: int) -> str:
    """A valid IIN: birth date and serial derived from ``number``, then the check digit.

    ``serial_base`` keeps separate ranges apart (demo 0100-0999, synthetic from 1000).
    """
    born = _FIRST_BIRTH + timedelta(days=(number * 7919) % _BIRTH_SPAN_DAYS)
    century = ("4" if female else "3") if born.year < 2000 else ("6" if female else "5")
    serial = serial_base + number // _BIRTH_SPAN_DAYS * 2
    for step in (0, 1):  # one in ~121 serials has no valid check digit; the next one does
        found = with_check_digit(f"{born:%y%m%d}{century}{serial + step:04d}")
        if found is not None:
            return found
    raise ValueError(f"no valid IIN for {number}")  # cannot happen: two serials in a row


def make_person(number: int, *, serial_base: int = 100) -> Person:
    """The ``number``-th synthetic person (alternately male and female)."""
    female = number % 2 == 1
    first = (FEMALE_NAMES if female else MALE_NAMES)[(number * 7) % 20]
    father = MALE_NAMES[(number * 11 + 3) % 20]
    surname = SURNAMES[(number * 13 + number // 24) % len(SURNAMES)]
    suffix = "а" if female else ""
    return Person(
        iin=make_iin(number, female=female, serial_base=serial_base),
        last_name_kk=surname[0] + suffix,
        first_name_kk=first[0],
        middle_name_kk=father[0] + ("қызы" if female else "ұлы"),
        last_name_ru=surname[1] + suffix,
        first_name_ru=first[1],
        middle_name_ru=father[1] + ("овна" if female else "ович"),
    )
