"""Methodology packs: one YAML file per methodology version, every value cited.

This package holds the data; ``bagalau.domain.methodology`` checks and types it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bagalau.domain.methodology import Registry, load_registry
from bagalau.domain.plaindata import PackError

PACK_DIR = Path(__file__).resolve().parent


def read_pack_files(directory: Path = PACK_DIR) -> dict[str, Any]:
    """Parse every ``*.yaml`` pack in ``directory``; a YAML error names the file."""
    files: dict[str, Any] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            files[path.name] = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise PackError(path.name, "", f"not valid YAML: {err}") from None
    return files


def load_directory(directory: Path = PACK_DIR) -> Registry:
    return load_registry(read_pack_files(directory))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The packs shipped with bagalau, loaded once per process."""
    return load_directory()
