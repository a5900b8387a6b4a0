"""hubs.csv -> `Hub` objects (where trucks are based and where scrap is unloaded)."""

from __future__ import annotations

from pathlib import Path

from magroute.domain import limits
from magroute.domain.hub import Hub
from magroute.errors import InputProblem
from magroute.inputs.region import Region
from magroute.inputs.table import raise_if_any, read_table

REQUIRED = ("hub_id", "name", "lat", "lon", "receiving_days", "receiving_open", "receiving_close",
            "unload_minutes")
OPTIONAL = ("pincode",)


def read_hubs(path: Path | str, *, problems: list[InputProblem] | None = None,
              region: Region | None = None) -> tuple[Hub, ...]:
    """Read the hub table.

    Parameters
    ----------
    path
        CSV (or GeoPackage/GeoJSON of points) with columns `hub_id, name, lat, lon,
        receiving_days, receiving_open, receiving_close, unload_minutes` and optional `pincode`.
    problems
        If given, problems are appended to it and the clean rows are returned; otherwise an
        `InputError` listing every problem is raised.
    region
        Where hubs may lie (`inputs.region`); None checks India's bounding box only.
    """
    collect: list[InputProblem] = [] if problems is None else problems
    hubs = _read(Path(path), collect, region)
    if problems is None:
        raise_if_any(collect)
    return hubs


def _read(path: Path, problems: list[InputProblem], region: Region | None) -> tuple[Hub, ...]:
    table = read_table(path, problems, required=REQUIRED)
    if table is None:
        return ()
    hubs: list[Hub] = []
    first_row: dict[str, int] = {}
    for n, cells in table:
        r = table.reader(n, cells, problems)
        hub_id = r.unique_text("hub_id", first_row)
        name = r.text("name")
        location = r.location(region)
        receiving = r.weekly_hours("receiving_days", "receiving_open", "receiving_close")
        unload = r.count("unload_minutes", default=None, limit=limits.UNLOAD_MINUTES)
        if r.bad:
            continue
        # r.bad is False, so every cell parsed
        assert hub_id is not None and name is not None and location is not None
        assert receiving is not None and unload is not None
        try:
            hubs.append(Hub(hub_id=hub_id, name=name, lat=location[0], lon=location[1],
                            pincode=r.get("pincode"), receiving=receiving, unload_minutes=unload))
        except ValueError as exc:
            r.report(None, str(exc))
    return tuple(hubs)
