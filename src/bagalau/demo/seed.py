"""The demo's seed bodies: the bodies of the five seed acts, their structure and staff.

``plan_body`` turns a ``BodySpec`` into rows (departments, positions, people, assignments,
absences, a dismissal) from numbers alone, dated relative to a reference day, so the same
day always gives the same plan. ``bagalau.demo.sync`` writes a plan idempotently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from bagalau.demo.people import Person, make_person
from bagalau.orgs.models import AbsenceKind, AssignmentKind, BodyKind

# (code, Kazakh, Russian)
DEPARTMENTS = (
    ("org-control", "Ұйымдастыру-бақылау бөлімі", "Организационно-контрольный отдел"),
    ("hr", "Персоналды басқару қызметі", "Служба управления персоналом"),
    ("finance", "Қаржы-шаруашылық бөлімі", "Финансово-хозяйственный отдел"),
    ("legal", "Заң бөлімі", "Юридический отдел"),
    ("documents", "Құжаттамалық қамтамасыз ету бөлімі", "Отдел документационного обеспечения"),
    ("internal-policy", "Ішкі саясат бөлімі", "Отдел внутренней политики"),
    ("analysis", "Әлеуметтік-экономикалық талдау бөлімі", "Отдел социально-экономического анализа"),
    ("appeals", "Азаматтардың өтініштерімен жұмыс бөлімі", "Отдел по работе с обращениями граждан"),
)
SECTOR = ("monitoring", "Мониторинг секторы", "Сектор мониторинга")
CHAIR = ("Мәслихат төрағасы", "Председатель маслихата")
HEAD_OF_APPARATUS = ("Аппарат басшысы", "Руководитель аппарата")
HEAD_OF_UNIT = ("Бөлім басшысы", "Руководитель отдела")
HEAD_OF_SECTOR = ("Сектор меңгерушісі", "Заведующий сектором")
CHIEF_SPECIALIST = ("Бас маман", "Главный специалист")
LEADING_SPECIALIST = ("Жетекші маман", "Ведущий специалист")


@dataclass(frozen=True)
class BodySpec:
    code: str
    name_kk: str
    name_ru: str
    kind: BodyKind
    region_kk: str
    region_ru: str
    methodology_code: str
    employees: int
    departments: int
    parent: str = ""
    rural: bool = False  # rural akims' apparatuses use the E-R categories
    sector: bool = False  # a nested sector in the first department
    dismissal: bool = False
    # the maslikhat chair, not a "B" corps post, above the head of apparatus: the head's
    # evaluator (004 p2(3)) and, as the first head, the approver of the head's KPIs
    chair: bool = False
    # posts whose holders were on social or sick leave in 2022: Atyrau chapter 6 (001 p43)
    leave_2022: tuple[str, ...] = ()


SEED_BODIES = (
    BodySpec(
        "aktau-city-akim-apparatus",
        "«Ақтау қаласы әкімінің аппараты» ММ",
        "ГУ «Аппарат акима города Актау»",
        BodyKind.AKIM_APPARATUS,
        "Маңғыстау облысы",
        "Мангистауская область",
        "aktau-city-akim-apparatus",
        44,
        6,
        sector=True,
    ),
    BodySpec(
        "omirzaq-rural-akim-apparatus",
        "«Өмірзақ ауылы әкімінің аппараты» ММ",
        "ГУ «Аппарат акима села Умирзак»",
        BodyKind.AKIM_APPARATUS,
        "Маңғыстау облысы",
        "Мангистауская область",
        "omirzaq-rural-akim-apparatus",
        20,
        2,
        parent="aktau-city-akim-apparatus",
        rural=True,
    ),
    BodySpec(
        "aktau-city-finance-department",
        "«Ақтау қалалық қаржы бөлімі» ММ",
        "ГУ «Отдел финансов города Актау»",
        BodyKind.LOCAL_EXECUTIVE_BODY,
        "Маңғыстау облысы",
        "Мангистауская область",
        "aktau-city-executive-bodies",
        24,
        3,
        parent="aktau-city-akim-apparatus",
    ),
    BodySpec(
        "atyrau-region-akimat",
        "Атырау облысының әкімдігі",
        "Акимат Атырауской области",
        BodyKind.AKIMAT,
        "Атырау облысы",
        "Атырауская область",
        "atyrau-region-akimat",
        58,
        8,
        sector=True,
        leave_2022=("finance-03", "finance-11"),
    ),
    BodySpec(
        "almaty-region-akimat",
        "Алматы облысының әкімдігі",
        "Акимат Алматинской области",
        BodyKind.AKIMAT,
        "Алматы облысы",
        "Алматинская область",
        "almaty-region-akimat",
        52,
        7,
        sector=True,
    ),
    BodySpec(
        "kentau-maslikhat",
        "«Кентау қалалық мәслихатының аппараты» ММ",
        "ГУ «Аппарат Кентауского городского маслихата»",
        BodyKind.MASLIKHAT_APPARATUS,
        "Түркістан облысы",
        "Туркестанская область",
        "kentau-maslikhat",
        21,
        2,
    ),
    BodySpec(
        "shakhtinsk-maslikhat",
        "«Шахтинск қалалық мәслихатының аппараты» ММ",
        "ГУ «Аппарат Шахтинского городского маслихата»",
        BodyKind.MASLIKHAT_APPARATUS,
        "Қарағанды облысы",
        "Карагандинская область",
        "shakhtinsk-maslikhat",
        26,
        3,
        dismissal=True,
        chair=True,
    ),
)


@dataclass(frozen=True)
class PositionPlan:
    code: str
    department: str  # department code, "" for the root
    title: tuple[str, str]
    category: str
    head_of_apparatus: bool = False
    head_of_unit: bool = False
    reports_to: str = ""


@dataclass(frozen=True)
class AssignmentPlan:
    person: int  # index into BodyPlan.people
    position: str
    kind: AssignmentKind
    start: date
    end: date | None = None


@dataclass
class BodyPlan:
    spec: BodySpec
    departments: list[tuple[str, str, str, str]] = field(default_factory=list)  # + parent
    positions: list[PositionPlan] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    assignments: list[AssignmentPlan] = field(default_factory=list)
    absences: list[tuple[int, AbsenceKind, date, date]] = field(default_factory=list)
    dismissals: list[tuple[int, date, str]] = field(default_factory=list)


def _categories(spec: BodySpec) -> tuple[str, str, str, str]:
    if spec.rural:
        return "E-R-2", "E-R-3", "E-R-4", "E-R-4"
    return "E-2", "E-3", "E-4", "E-5"


def _positions(spec: BodySpec, total: int) -> list[PositionPlan]:
    """The head of apparatus, a head per unit, then specialists round the units."""
    head_cat, unit_cat, chief_cat, leading_cat = _categories(spec)
    units = [d[0] for d in DEPARTMENTS[: spec.departments]]
    above = "chair" if spec.chair else ""
    rows = [PositionPlan("chair", "", CHAIR, "")] if spec.chair else []
    rows.append(
        PositionPlan(
            "head", "", HEAD_OF_APPARATUS, head_cat, head_of_apparatus=True, reports_to=above
        )
    )
    rows += [
        PositionPlan(f"{u}-head", u, HEAD_OF_UNIT, unit_cat, head_of_unit=True, reports_to="head")
        for u in units
    ]
    if spec.sector:
        rows.append(
            PositionPlan(
                f"{SECTOR[0]}-head",
                SECTOR[0],
                HEAD_OF_SECTOR,
                chief_cat,
                head_of_unit=True,
                reports_to=f"{units[0]}-head",
            )
        )
    number = 0
    while len(rows) < total:
        unit = units[number % len(units)]
        chief = number // len(units) % 2 == 0
        dept = SECTOR[0] if spec.sector and unit == units[0] and number % 3 == 0 else unit
        rows.append(
            PositionPlan(
                f"{dept}-{number + 1:02d}",
                dept,
                CHIEF_SPECIALIST if chief else LEADING_SPECIALIST,
                chief_cat if chief else leading_cat,
                reports_to=f"{dept}-head",
            )
        )
        number += 1
    return rows


def plan_body(spec: BodySpec, index: int, ref: date) -> BodyPlan:
    """The whole demo content of one body; ``ref`` is the first day of the current month.

    Two positions stay vacant (the last unit's head, with a specialist of that unit
    acting, and one specialist post that a transferred employee left last year); a few
    people were appointed this year; about a third have absences; one body has a
    dismissal whose post was filled again.
    """
    plan = BodyPlan(spec)
    units = DEPARTMENTS[: spec.departments]
    plan.departments = [(c, kk, ru, "") for c, kk, ru in units]
    if spec.sector:
        plan.departments.append((*SECTOR, units[0][0]))
    plan.positions = _positions(spec, spec.employees + 2 + spec.chair)
    vacant_head = f"{units[-1][0]}-head"
    vacant_post = plan.positions[-1].code
    held = [p for p in plan.positions if p.code not in (vacant_head, vacant_post)]
    plan.people = [make_person(index * 100 + i) for i in range(len(held))]
    year_start = date(ref.year, 1, 1)
    for i, position in enumerate(held):
        hired = date(2012 + i % 11, 1 + i * 5 % 12, 1 + i * 3 % 27)
        if i % 9 == 4:  # appointed this year, to a post vacant until then
            hired = ref - timedelta(days=20 + i * 3 % 90)
        plan.assignments.append(AssignmentPlan(i, position.code, AssignmentKind.MAIN, hired))
    mover = len(held) - 1  # held vacant_post until last summer, then moved up
    first = plan.assignments[mover]
    moved = date(year_start.year - 1, 7, 1)
    plan.assignments[mover] = AssignmentPlan(mover, first.position, first.kind, moved)
    plan.assignments.append(
        AssignmentPlan(
            mover, vacant_post, AssignmentKind.MAIN, date(2019, 3, 11), moved - timedelta(days=1)
        )
    )
    acting = next(
        i for i, p in enumerate(held) if p.department == units[-1][0] and not p.head_of_unit
    )
    plan.assignments.append(
        # acting since two years back's last quarter, so that quarter (which the close's
        # worker tests evaluate) and every later one have an evaluator there
        AssignmentPlan(acting, vacant_head, AssignmentKind.ACTING, date(ref.year - 2, 10, 1))
    )
    _plan_absences(plan, ref)
    for n, code in enumerate(spec.leave_2022):
        person = next(i for i, p in enumerate(held) if p.code == code)
        kind = AbsenceKind.SICK_LEAVE if n % 2 else AbsenceKind.SOCIAL_LEAVE
        plan.absences.append((person, kind, date(2022, 2, 1), date(2022, 11, 30)))
    if spec.dismissal:
        _plan_dismissal(plan, held, ref)
    return plan


def _plan_absences(plan: BodyPlan, ref: date) -> None:
    kinds = (
        AbsenceKind.LABOUR_LEAVE,
        AbsenceKind.SICK_LEAVE,
        AbsenceKind.BUSINESS_TRIP,
        AbsenceKind.TRAINING,
        AbsenceKind.LABOUR_LEAVE,
        AbsenceKind.SOCIAL_LEAVE,
    )
    lengths = {
        AbsenceKind.LABOUR_LEAVE: 21,
        AbsenceKind.SICK_LEAVE: 7,
        AbsenceKind.BUSINESS_TRIP: 4,
        AbsenceKind.TRAINING: 5,
        AbsenceKind.SOCIAL_LEAVE: 60,
    }
    for i in range(0, len(plan.people), 3):
        kind = kinds[i // 3 % len(kinds)]
        start = ref - timedelta(days=30 + i * 7 % 200)
        plan.absences.append((i, kind, start, start + timedelta(days=lengths[kind] - 1)))
        if i % 2 == 0:  # a second, short one earlier in the year
            trip = start - timedelta(days=40)
            plan.absences.append((i, AbsenceKind.BUSINESS_TRIP, trip, trip + timedelta(days=2)))


def _plan_dismissal(plan: BodyPlan, held: list[PositionPlan], ref: date) -> None:
    """A specialist dismissed this year; the post was filled a month later."""
    post = held[-2].code
    leaver = len(plan.people)
    plan.people.append(make_person(90 * 100 + leaver))
    index = next(n for n, a in enumerate(plan.assignments) if a.position == post)
    successor = plan.assignments[index]
    left = ref - timedelta(days=75)
    plan.assignments[index] = AssignmentPlan(
        successor.person, post, successor.kind, left + timedelta(days=31)
    )
    plan.assignments.append(
        AssignmentPlan(leaver, post, AssignmentKind.MAIN, date(2016, 9, 1), left)
    )
    plan.dismissals.append((leaver, left, "Өз қалауы бойынша / По собственному желанию"))
