"""Kazakh and Russian are complete: every text the code and templates mark for
translation has a translation in both catalogues, not fuzzy and not left obsolete.

The texts are extracted the way ``makemessages`` does (``xgettext`` over the Python
files, and over the templates once ``templatize`` has turned them into Python), into a
temporary file: the catalogues themselves are only read."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

import bagalau

SOURCE = Path(bagalau.__file__).parent
CATALOGUE = SOURCE / "web" / "locale" / "{lang}" / "LC_MESSAGES" / "django.po"
KEYWORDS = [
    "gettext", "gettext_lazy", "gettext_noop", "_", "ngettext:1,2", "ngettext_lazy:1,2",
    "pgettext:1c,2", "pgettext_lazy:1c,2", "npgettext:1c,2,3", "npgettext_lazy:1c,2,3",
]  # fmt: skip
Key = tuple[str, str]


def _text(quoted: str | None) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted or ""))


def entries(catalogue: str) -> dict[Key, bool]:
    """Each active entry's (context, text), and whether it is translated and not fuzzy."""
    found: dict[Key, bool] = {}
    for block in catalogue.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        body = "\n".join(lines)
        text = re.search(r'^msgid (.*(?:\n".*")*)', body, re.M)
        if text is None or not _text(text.group(1)):
            continue  # the header, or an obsolete (#~) entry
        context = re.search(r'^msgctxt (.*(?:\n".*")*)', body, re.M)
        strings = re.findall(r'^msgstr(?:\[\d\])? (.*(?:\n".*")*)', body, re.M)
        done = bool(strings) and all(_text(s) for s in strings) and "fuzzy" not in block
        found[(_text(context.group(1)) if context else "", _text(text.group(1)))] = done
    return found


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, bool]:
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: `make setup` installs gettext")
    folder = tmp_path_factory.mktemp("messages")
    files = [str(p) for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]
    for n, template in enumerate(sorted(SOURCE.rglob("*.html"))):
        as_python = folder / f"template_{n}.py"
        as_python.write_text(templatize(template.read_text(), origin=str(template)))
        files.append(str(as_python))
    listing = folder / "files.txt"
    listing.write_text("\n".join(files))
    done = subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-",
         f"--files-from={listing}", *[f"--keyword={k}" for k in KEYWORDS]],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = entries(done.stdout)
    assert len(found) > 500  # the extraction saw the whole project
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_marked_text_is_translated(marked: dict[Key, bool], lang: str) -> None:
    have = entries(Path(str(CATALOGUE).format(lang=lang)).read_text(encoding="utf-8"))
    missing = sorted(text for key in marked if not have.get(key) for text in [key[1]])
    assert not missing, f"{len(missing)} texts without a {lang} translation: {missing[:20]}"
