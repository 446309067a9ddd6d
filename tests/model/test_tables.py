"""The tables hold exactly the columns and types their one schema declares."""

import pyarrow as pa

from bargainsim.model.ensemble import simulate
from bargainsim.model.tables import DEFAULT_TABLES, TABLE_NAMES, TABLES, build_tables

TYPES = {
    "int64": pa.int64(),
    "int32": pa.int32(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "string": pa.large_string(),
}


def _check(table: pa.Table, name: str) -> None:
    spec = TABLES[name]
    assert table.column_names == list(spec.all_columns), name
    for column, kind in spec.all_columns.items():
        field = table.schema.field(column)
        if kind == "label":
            assert pa.types.is_dictionary(field.type) and field.type.ordered, (name, column)
        else:
            assert field.type == TYPES[kind], (name, column, field.type)


def test_every_table_matches_its_schema(toy_compiled):
    with_parts = build_tables(simulate(toy_compiled, [1, 2], contributions=True))
    assert tuple(with_parts) == TABLE_NAMES
    for name, table in with_parts.items():
        _check(table, name)
        assert table.num_rows > 0 or name == "events"


def test_the_contribution_table_is_built_only_when_recorded(toy_compiled):
    assert tuple(build_tables(simulate(toy_compiled, [1]))) == DEFAULT_TABLES
    assert "contributions" not in DEFAULT_TABLES
