"""The PostgreSQL the benchmarks measure on: this machine's, when it answers."""

from __future__ import annotations

import socket

PG = ("127.0.0.1", 5432)


def postgres_up() -> bool:
    """Whether PostgreSQL answers on ``PG``; the benchmarks that need it skip otherwise."""
    try:
        socket.create_connection(PG, 2).close()
    except OSError:
        return False
    return True
