"""Events: what happened, told to whoever subscribed, after the transaction commits.

A lower app announces a fact (a frozen dataclass it defines) without knowing who
listens; a higher app subscribes a handler in its ``AppConfig.ready``. Handlers run
only once the change is committed (``transaction.on_commit``), so nothing is told of
a change that was rolled back; a handler's error is not swallowed (``robust=False``).
Outside a transaction a handler runs at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.db import transaction

E = TypeVar("E")

_handlers: dict[type[Any], list[Callable[[Any], None]]] = {}


def subscribe(event_type: type[E], handler: Callable[[E], None]) -> None:
    """Call ``handler`` with every ``event_type`` published from now on (once each)."""
    handlers = _handlers.setdefault(event_type, [])
    if handler not in handlers:  # ``ready`` may run again, e.g. in tests
        handlers.append(handler)


def publish(event: object) -> None:
    """Hand ``event`` to each handler of its type after the current transaction commits."""
    for handler in _handlers.get(type(event), []):
        transaction.on_commit(partial(handler, event), robust=False)
