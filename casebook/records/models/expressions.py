"""Query expressions the record querysets need and Django does not have."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, Expression, F, Model, Q, QuerySet, Subquery

from casebook.records.models.base import PublishableModel


class InIdsReadFirst(Expression):
    """``<column> IN (<subquery>)``, with the subquery's ids read first on PostgreSQL.

    There it is written ``column = ANY(ARRAY(subquery))``: the subquery runs once, as
    an init plan, and the rows are found through the column's index. Written as a
    semi-join (``IN``, ``EXISTS``), PostgreSQL may scan the whole table instead when
    the table's other conditions hold hashed subplans, as ``Event.objects.public()``
    does: it charges their set-up once per row of a nested loop. A party's 30 events
    of 100,000 took 37 ms that way and 2.5 ms this way (issue #12). On other
    databases (SQLite) it is the plain ``IN``, which SQLite reads first already.

    ``column`` names a field of the filtered model; ``subquery`` is a ``.values()``
    queryset of one column of the same type. Use it in ``.filter()``.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, subquery: QuerySet):
        super().__init__()
        self.column, self.subquery = F(column), Subquery(subquery)

    def get_source_expressions(self) -> list:
        return [self.column, self.subquery]

    def set_source_expressions(self, expressions: list) -> None:
        self.column, self.subquery = expressions

    def as_sql(self, compiler, connection, template: str = "%s IN %s"):
        column_sql, column_params = compiler.compile(self.column)
        subquery_sql, subquery_params = compiler.compile(self.subquery)  # "(SELECT …)"
        return template % (column_sql, subquery_sql), (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def starts_to_many(model: type[Model], path: str) -> bool:
    """Whether the lookup ``path`` (``"topics"``, ``"accused__party"``) from ``model``
    starts with a relation that can match more than one row."""
    relation = model._meta.get_field(path.partition("__")[0])
    return bool(relation.many_to_many or relation.one_to_many)


def linked_to(model: type[Model], path: str, values: Iterable[Model] | QuerySet) -> Q:
    """The condition "a ``model`` row with any of ``values`` at the end of ``path``", for
    a ``path`` that starts with a many-to-many relation (``"topics"``), or a reverse
    foreign key and a field of its rows (``"accused__party"``); else ValueError.

    Each row matches once, without the ``DISTINCT`` a join needs (over every column:
    64 ms of a count of 100,000 events). The ids are read from the relation's own
    table (a many-to-many's link table, or the rows of a reverse foreign key), not
    joined back to ``model``, and how depends on what ``values`` are:

    - records (parties): each is linked to few rows, so their ids are read first
      (:class:`InIdsReadFirst`; a party's 30 events of 100,000: 37 ms to 2.5 ms);
    - vocabulary terms (topics): each is linked to many rows, so the rows are a
      semi-join (``pk IN (…)``) that PostgreSQL can walk in the list's order and stop
      at a page (a topic's first page of 10,000 events: 3 ms, read first: 16 ms).
    """
    first, _, rest = path.partition("__")
    relation = model._meta.get_field(first)
    lookup = f"{rest}__in" if rest else "in"  # the far side's lookup of ``values``
    if relation.many_to_many:
        # The link table's two columns: ``owner`` points at ``model``, ``other`` away.
        if relation.auto_created:  # the reverse side of a many-to-many declared elsewhere
            field = relation.field
            through, owner, other = (
                field.remote_field.through,
                field.m2m_reverse_field_name(),
                field.m2m_field_name(),
            )
        else:
            through = relation.remote_field.through
            owner, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        rows = through._base_manager.filter(**{f"{other}__{lookup}": values}).values(owner)
    elif relation.one_to_many and rest:  # a reverse foreign key: related rows point at ``model``
        rows = relation.related_model._base_manager.filter(**{lookup: values})
        rows = rows.values(relation.field.name)
    else:
        raise ValueError(
            f"{model.__name__}.{path} must start with a many-to-many relation, or with a "
            "reverse foreign key and a field of its rows."
        )
    rows = rows.order_by()  # in no order: a set of ids
    if issubclass(_far_model(relation.related_model, rest), PublishableModel):
        return Q(InIdsReadFirst("pk", rows))
    return Q(pk__in=rows)


def _far_model(model: type[Model], path: str) -> type[Model]:
    """The model at the end of the lookup ``path`` from ``model`` (``model`` if empty)."""
    for name in filter(None, path.split("__")):
        model = model._meta.get_field(name).related_model
    return model
