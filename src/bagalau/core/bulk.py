"""Inserting many new model objects quickly: a lean ``bulk_create`` for large imports.

Django's ``bulk_create`` compiles every value of every object through the field
machinery (``pre_save``, ``get_db_prep_save``, expression checks), which costs more than
the database itself when an import writes hundreds of thousands of rows. ``insert_many``
writes the same rows with plain multi-row ``INSERT … RETURNING id`` statements (on
PostgreSQL: ``COPY``, with ids reserved from the table's sequence first): text,
numbers, booleans and foreign key ids go to the driver as they are (Django would pass
them unchanged too), every other value still goes through ``get_db_prep_save``, and
``auto_now``/``auto_now_add`` fields get their ``pre_save`` value. Each object gets its
new primary key, as with ``bulk_create``. No signals are sent, as with ``bulk_create``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)
BULK_GC_THRESHOLD = (100_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a bulk job builds millions of
    short-lived rows (dicts and tuples, no cycles): at the default threshold it walks
    the whole young heap every 700 allocations, a quarter of a large import's time."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(before, BULK_GC_THRESHOLD, strict=False)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


# Values of these exact types go to the driver unchanged; Django's preparation would
# return them as they are too. Anything else is prepared by the field.
_NONE = type(None)
_TEXT = frozenset({"CharField", "EmailField", "SlugField", "TextField"})
_INTEGER = frozenset({
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "IntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField",
})  # fmt: skip


def _plain_types(field: models.Field[Any, Any]) -> frozenset[type]:
    kind = field.get_internal_type()
    if isinstance(field, models.ForeignKey):
        kind = field.target_field.get_internal_type()
    if kind in _TEXT:
        return frozenset({str, _NONE})
    if kind in _INTEGER:
        return frozenset({int, _NONE})
    if kind == "BooleanField":
        return frozenset({bool, _NONE})
    return frozenset()


ROWS_PER_STATEMENT = 1000  # when the database sets no limit on parameters


def insert_many(
    objs: Sequence[M], *, using: str | None = None, keep_ids: bool = True
) -> Sequence[M]:
    """Insert new objects of one model, setting their primary keys; see the module.

    PostgreSQL receives the rows by ``COPY`` with ids reserved from the table's sequence.
    With ``keep_ids=False`` (records nobody reads back, such as the audit trail's) the
    objects keep ``pk=None`` and no ids are reserved.
    """
    if not objs:
        return objs
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    pk = model._meta.pk
    assert pk is not None
    auto_pk = isinstance(pk, models.AutoField)
    fresh = auto_pk and all(getattr(obj, pk.attname) is None for obj in objs)
    if not fresh or not connection.features.can_return_rows_from_bulk_insert:
        return model._default_manager.using(alias).bulk_create(objs)
    opts = model._meta
    fields = [f for f in opts.concrete_fields if f is not pk]
    auto = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    columns = [(f, f.attname, _plain_types(f)) for f in fields]
    per_statement = max(1, connection.ops.bulk_batch_size(fields, objs))
    if connection.features.max_query_params is None:
        per_statement = min(per_statement, ROWS_PER_STATEMENT)
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    # Only quoted names from the model's metadata go into the text; values are parameters.
    head = f"INSERT INTO {quote(opts.db_table)} ({names}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(pk.column)}"
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    prepare = _preparer(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            streamed = _iter_rows(objs, auto, columns, prepare)
            kept = pk if keep_ids else None
            _copy_new(cursor, objs, table=opts.db_table, pk=kept, fields=fields, rows=streamed)
            for obj in objs if keep_ids else ():
                obj._state.adding = False
                obj._state.db = alias
            return objs
        if not keep_ids:
            # One prepared statement run for every row: SQLite's fastest way in.
            cursor.executemany(f"{head}{one_row}", _rows(objs, auto, columns, prepare))
            return objs
        for start in range(0, len(objs), per_statement):
            batch = objs[start : start + per_statement]
            rows = _rows(batch, auto, columns, prepare)
            params = [value for row in rows for value in row]
            cursor.execute(head + ", ".join([one_row] * len(rows)) + tail, params)
            new_pks = [new_pk for (new_pk,) in cursor.fetchall()]
            for obj, new_pk in zip(batch, new_pks, strict=True):
                setattr(obj, pk.attname, new_pk)
                obj._state.adding = False
                obj._state.db = alias
    return objs


def _copy_new(
    cursor: Any,
    objs: Sequence[M],
    *,
    table: str,
    pk: models.Field[Any, Any] | None,
    fields: list[models.Field[Any, Any]],
    rows: Iterator[list[Any]],
) -> None:
    """All the rows in one ``COPY``, built while the server reads them; with ``pk``, ids
    reserved first and set on the objects."""
    names = [str(f.column) for f in fields]
    if pk is None:
        _copy(cursor, table, names, rows)
        return
    new_pks = _reserve_ids(cursor, table, str(pk.column), len(objs))
    for obj, new_pk in zip(objs, new_pks, strict=True):
        setattr(obj, pk.attname, new_pk)
    _copy(cursor, table, [str(pk.column), *names],
          ([new_pk, *row] for new_pk, row in zip(new_pks, rows, strict=True)))  # fmt: skip


def insert_values(
    model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """Insert rows of values the driver takes as they are (the caller prepares them:
    JSON as text, moments through ``adapt_datetimefield_value``), without ids: ``COPY``
    on PostgreSQL, one prepared statement run for every row elsewhere."""
    if not rows:
        return 0
    opts = model._meta
    connection = connections[router.db_for_write(model)]
    columns = [str(opts.get_field(name).column) for name in attnames]  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, opts.db_table, columns, rows)
        else:
            quote = connection.ops.quote_name
            names = ", ".join(quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            # Only quoted names from the model's metadata go into the text.
            sql = f"INSERT INTO {quote(opts.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
    return len(rows)


def _rows(
    objs: Sequence[M],
    auto: list[models.Field[Any, Any]],
    columns: list[tuple[models.Field[Any, Any], str, frozenset[type]]],
    prepare: Callable[[models.Field[Any, Any], Any], Any],
) -> list[list[Any]]:
    return list(_iter_rows(objs, auto, columns, prepare))


def _iter_rows(
    objs: Sequence[M],
    auto: list[models.Field[Any, Any]],
    columns: list[tuple[models.Field[Any, Any], str, frozenset[type]]],
    prepare: Callable[[models.Field[Any, Any], Any], Any],
) -> Iterator[list[Any]]:
    for obj in objs:
        for field in auto:
            field.pre_save(obj, add=True)
        row = []
        for field, attname, plain in columns:
            value = getattr(obj, attname)
            if type(value) not in plain:
                value = prepare(field, value)
            row.append(value)
        yield row


def _preparer(connection: Any) -> Callable[[models.Field[Any, Any], Any], Any]:
    """A field's value for the database. For PostgreSQL's COPY (text), JSON goes as its
    text, encoded once per object: rows built in bulk often share one list or dict (the
    same citations on every result), and encoding is most of the cost of a row."""
    if connection.vendor != "postgresql":
        return _shared_once(lambda field, value: field.get_db_prep_save(value, connection))
    encoded: dict[int, tuple[Any, str]] = {}

    def prepare(field: models.Field[Any, Any], value: Any) -> Any:
        kind = type(value)
        if kind is Decimal or (kind is datetime and value.tzinfo is not None):
            return value  # what Django's PostgreSQL backend would send too
        if not isinstance(field, models.JSONField) or value is None:
            return field.get_db_prep_save(value, connection)
        hit = encoded.get(id(value))
        if hit is None or hit[0] is not value:  # the object is kept, so its id is not reused
            hit = (value, json.dumps(value, cls=field.encoder))
            encoded[id(value)] = hit
        return hit[1]

    return prepare


def _shared_once(
    prepare: Callable[[models.Field[Any, Any], Any], Any],
) -> Callable[[models.Field[Any, Any], Any], Any]:
    """``prepare``, run once per value object: rows built in bulk share values (one
    moment on every audit record of a chunk)."""
    done: dict[tuple[int, str], tuple[Any, Any]] = {}

    def once(field: models.Field[Any, Any], value: Any) -> Any:
        key = (id(value), field.get_internal_type())
        hit = done.get(key)
        if hit is None or hit[0] is not value:  # the object is kept, so its id is not reused
            hit = done[key] = (value, prepare(field, value))
        return hit[1]

    return once


def _reserve_ids(cursor: Any, table: str, column: str, count: int) -> list[int]:
    """Take ``count`` ids from the table's own sequence, as inserts without an id would."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [table, column, count],
    )
    return [new_id for (new_id,) in cursor.fetchall()]


def _copy(cursor: Any, table: str, columns: list[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's COPY: the fastest way in (ids, when kept, are reserved beforehand).
    A thread sends the data while the rows are still being built and formatted, so the
    server parses and checks them meanwhile instead of after."""
    from psycopg.copy import QueuedLibpqWriter  # PostgreSQL only

    names = ", ".join(f'"{column}"' for column in columns)
    raw = cursor.cursor
    # Only names from the model's metadata go into the text; values are streamed rows.
    with raw.copy(f'COPY "{table}" ({names}) FROM STDIN', writer=QueuedLibpqWriter(raw)) as copy:
        for row in rows:
            copy.write_row(row)


def update_many(objs: Sequence[M], fields: Sequence[str], *, using: str | None = None) -> int:
    """Write ``fields`` of saved objects of one model; returns how many were given.

    On PostgreSQL the rows go by ``COPY`` into a temporary table and one ``UPDATE … FROM``
    writes them all, instead of ``bulk_update``'s statements of one ``CASE`` per field,
    which grow with the number of rows; on SQLite one prepared ``UPDATE`` per object.
    """
    if not objs:
        return 0
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return _update_each(connection, objs, fields)
    opts = model._meta
    pk = opts.pk
    assert pk is not None
    chosen: list[models.Field[Any, Any]] = []
    for name in fields:
        field = opts.get_field(name)
        assert isinstance(field, models.Field)
        chosen.append(field)
    columns = [(f, f.attname, _plain_types(f)) for f in chosen]
    names = [str(f.column) for f in chosen]
    prepare = _preparer(connection)
    rows = []
    for obj in objs:
        row: list[Any] = [obj.pk]
        for column, attname, plain in columns:
            value = getattr(obj, attname)
            if type(value) not in plain:
                value = prepare(column, value)
            row.append(value)
        rows.append(row)
    table, temp = opts.db_table, f"update_{opts.db_table}"
    quoted = ", ".join(f'"{n}"' for n in names)
    sets = ", ".join(f'"{n}" = u."{n}"' for n in names)
    # Only names from the model's metadata go into the text; values are streamed rows.
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TEMPORARY TABLE "{temp}" AS SELECT "{pk.column}", {quoted} '  # noqa: S608
            f'FROM "{table}" WITH NO DATA'
        )
        _copy(cursor, temp, [pk.column, *names], rows)
        cursor.execute(
            f'UPDATE "{table}" AS t SET {sets} FROM "{temp}" AS u '  # noqa: S608
            f'WHERE t."{pk.column}" = u."{pk.column}"'
        )
        cursor.execute(f'DROP TABLE "{temp}"')
    return len(objs)


def _update_each(connection: Any, objs: Sequence[M], fields: Sequence[str]) -> int:
    """SQLite: one prepared ``UPDATE … WHERE id = ?`` run for every object."""
    opts = objs[0]._meta
    pk = opts.pk
    assert pk is not None
    chosen = [f for f in opts.concrete_fields if f.name in fields or f.attname in fields]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f in chosen)
    # Only quoted names from the model's metadata go into the text; values are parameters.
    sql = f"UPDATE {quote(opts.db_table)} SET {sets} WHERE {quote(pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in chosen] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(objs)


def new_objects(model: type[M], rows: Iterable[Mapping[str, Any]]) -> list[M]:
    """Unsaved instances of ``model`` from rows of values by attname, without
    ``Model.__init__``: its per-field descriptor and default work costs more than the
    rest of a bulk write of plain rows. Like ``bulk_create``, no signal is sent (none of
    the models built so has a receiver). A field a row does not name gets its default
    (the primary key: None); a name that is not a field is a ValueError.
    """
    fields = [(f.attname, f) for f in model._meta.concrete_fields]
    objs = []
    for row in rows:
        obj = model.__new__(model)
        obj._state = ModelState()
        values = obj.__dict__
        used = 0
        for name, f in fields:
            if name in row:
                values[name] = row[name]
                used += 1
            else:
                values[name] = None if f.primary_key else f.get_default()
        if used != len(row):
            known = {name for name, _f in fields}
            raise ValueError(f"{model.__name__} has no field {sorted(set(row) - known)}")
        objs.append(obj)
    return objs
