"""How large a staff import may be: the settings ``IMPORT_MAX_BYTES`` (all files of one
upload together) and ``IMPORT_MAX_ROWS`` (all sheets together).

A body's staff list is a few thousand rows at most; a larger upload is refused before
anything is stored, with a message saying the limit and how to split the file. The
national benchmark raises both limits for itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bagalau.orgs.imports.read import ReadResult, read_files


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def check_upload_bytes(size: int) -> None:
    """Refuses an upload whose files together are larger than ``IMPORT_MAX_BYTES``."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _(
                "The files are %(size)s MB together; an import takes at most %(limit)s MB. "
                "Split the staff list into several files and import them one after another."
            )
            % {"size": _mb(size), "limit": _mb(limit)},
            code="import_too_large",
        )


def _mb(size: int) -> str:
    return number_format(round(size / (1024 * 1024), 1), decimal_pos=1)


def read_within_limits(files: Iterable[tuple[str, bytes]]) -> ReadResult:
    """The files read, when they hold at most ``IMPORT_MAX_ROWS`` rows of data."""
    files = list(files)
    check_upload_bytes(sum(len(content) for _name, content in files))
    read = read_files(files)
    limit = settings.IMPORT_MAX_ROWS
    if read.row_count > limit:
        raise ValidationError(
            _(
                "The files hold %(rows)s rows; an import takes at most %(limit)s. Split the "
                "staff list into several files and import them one after another."
            )
            % {"rows": _n(read.row_count), "limit": _n(limit)},
            code="import_too_many_rows",
        )
    return read
