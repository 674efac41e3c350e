"""What every domain command shares: ``--json`` output and refusals with exit code 2.

A command subclasses ``DomainCommand``, declares its arguments in ``add_arguments``
(calling ``super()`` first, and ``add_subcommand`` for each action), and implements
``run`` returning an ``Output``. A ``DomainError`` raised anywhere inside ``run`` is
printed on stderr as a translated message and the process exits with code 2, the code
argparse uses for bad input; so is a database that cannot answer. ``working_calendar``
gives the calendar even before ``migrate``, saying on stderr when the decreed day
transfers could not be read.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from bagalau.core.calendar import calendar_without_database
from bagalau.core.messages import error_message
from bagalau.domain.calendar import WorkCalendar
from bagalau.domain.errors import DomainError, ErrorCode

BAD_INPUT = 2
LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Output:
    """A command's answer: ``text`` for people, ``data`` for ``--json``."""

    text: str
    data: dict[str, Any]


class DomainCommand(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the answer as JSON")
        parser.add_argument(
            "--lang", choices=LANGUAGES, default=None, help="language of names and messages"
        )

    def add_subcommand(
        self, subparsers: argparse._SubParsersAction[CommandParser], name: str, help: str
    ) -> CommandParser:
        """A sub-action that also accepts ``--json`` after its own arguments."""
        sub = subparsers.add_parser(name, help=help)
        # SUPPRESS keeps the main parser's value when the flag is not repeated here.
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        sub.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
        return sub

    def run(self, **options: Any) -> Output:
        raise NotImplementedError

    def working_calendar(self) -> WorkCalendar:
        calendar, complete = calendar_without_database()
        if not complete:
            self.stderr.write(
                _(
                    "The day transfers added from later decrees could not be read (the "
                    "database is not set up: run bagalau migrate); only the published "
                    "calendar was used."
                )
            )
        return calendar

    def handle(self, *args: Any, **options: Any) -> None:
        lang = options.get("lang") or translation.get_language() or settings.LANGUAGE_CODE
        options["lang"] = lang
        with translation.override(lang):
            try:
                output = self.run(**options)
            except DomainError as err:
                raise CommandError(error_message(err), returncode=BAD_INPUT) from err
            except DatabaseError as err:
                raise CommandError(
                    _(
                        "The database cannot answer (%(reason)s). Check DATABASE_URL and run "
                        "bagalau migrate."
                    )
                    % {"reason": err},
                    returncode=BAD_INPUT,
                ) from err
        if options["json"]:
            self.stdout.write(json.dumps(output.data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(output.text)


def parse_int(text: str) -> int:
    """An integer argument; a malformed one is a ``DomainError`` like any bad input."""
    try:
        return int(text.strip())
    except ValueError:
        raise DomainError(ErrorCode.BAD_INTEGER, {"value": text}) from None
