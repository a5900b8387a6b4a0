"""WEIGHBRIDGE.csv -> `WeighIn` records: what the hub weighed in, by pickup ID.

Required columns ``pickup_id, received_kg``; optional ``vehicle_id, weighed_at, note`` and,
where the hub's sorting reports it, ``magnet_kg_<magnet type>`` (magnet kg sorted out of the
lot, e.g. ``magnet_kg_ndfeb_motor``; a blank cell: not sorted yet). Other columns are ignored,
so a weighbridge's own export can be used after renaming two headers. A pickup ID weighed
twice is a problem: the hub adds the two slips up first.
"""

from __future__ import annotations

from pathlib import Path

from magroute.domain import limits
from magroute.domain.pickup import WeighIn
from magroute.errors import InputProblem
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("pickup_id", "received_kg")
OPTIONAL = ("vehicle_id", "weighed_at", "note")
SORTED_PREFIX = "magnet_kg_"  # the hub's sorting report, one column per magnet type


def read_weighbridge(path: Path | str, *, problems: list[InputProblem] | None = None
                     ) -> tuple[WeighIn, ...]:
    """Read weighbridge records; every bad cell is reported at once (`InputError`)."""
    collect: list[InputProblem] = [] if problems is None else problems
    # A day when every truck came back empty has no weigh-ins, only no-shows.
    table = read_table(Path(path), collect, required=REQUIRED, allow_empty=True)
    out: list[WeighIn] = []
    first: dict[str, int] = {}
    for n, cells in table or ():
        assert table is not None  # the loop runs only over a table
        r = table.reader(n, cells, collect)
        pid = r.text("pickup_id")
        if pid is not None:
            if pid in first:
                r.report("pickup_id", f"pickup ID also weighed on row {first[pid]}", pid,
                         "one row per pickup ID (add the slips of a split load together)")
            else:
                first[pid] = n
        kg = r.number("received_kg", limit=limits.RECEIVED_KG)
        sorted_kg = tuple((c[len(SORTED_PREFIX):], r.number(c, limit=limits.RECEIVED_KG))
                          for c in table.columns if c.startswith(SORTED_PREFIX) and r.get(c))
        if r.bad:
            continue
        assert pid is not None and kg is not None  # r.bad is False, so both parsed
        out.append(WeighIn(pid, kg, n, r.get("vehicle_id"), r.get("weighed_at"), r.get("note"),
                           tuple((m, float(x or 0.0)) for m, x in sorted_kg)))
    if problems is None:
        raise_if_any(collect)
    return tuple(out)
