"""yields.toml -> `YieldParams`: recovery rate, magnet types with values, item categories with
their purchase prices and by-product values, and the purchase factors by site type."""

from __future__ import annotations

from pathlib import Path
from typing import overload

from magroute.domain import limits
from magroute.domain.site import SITE_TYPES
from magroute.domain.yields import PURCHASE_PER, ZERO, ItemCategory, MagnetType, YieldParams
from magroute.errors import InputProblem
from magroute.inputs.table import raise_if_any
from magroute.inputs.tomlfile import TomlTable, read_toml

TOP_KEYS = ("recovery", "magnet_types", "items", "purchase_factor_by_site_type")
RECOVERY_KEYS = ("expected", "low", "high", "source")
MAGNET_KEYS = ("label", "value_inr_per_kg", "source")
ITEM_KEYS = ("label", "magnet_type", "magnet_kg_per_item", "share_with_magnets",
             "gross_kg_per_item", "purchase_inr", "purchase_per", "byproduct_inr", "source",
             "economics_source")
FACTOR_KEYS = (*SITE_TYPES, "source")


@overload
def read_yield_params(path: Path | str) -> YieldParams: ...
@overload
def read_yield_params(path: Path | str, *,
                      problems: list[InputProblem] | None) -> YieldParams | None: ...
def read_yield_params(
    path: Path | str, *, problems: list[InputProblem] | None = None
) -> YieldParams | None:
    """Read the yield model's parameters.

    Parameters
    ----------
    path
        TOML with `[recovery]` (expected, low, high: fractions), `[magnet_types.<id>]` (label,
        value_inr_per_kg range) and `[items.<id>]` (label, magnet_type, magnet_kg_per_item and
        share_with_magnets ranges, gross_kg_per_item; optional: purchase_inr range with
        purchase_per "item" or "kg", byproduct_inr range per item, both 0 when absent) and an
        optional `[purchase_factor_by_site_type]` (site type = factor > 0; types not named
        pay 1x). A range is `{ expected, low, high }` or a bare number; `source` and
        `economics_source` keys are free text and ignored.
    problems
        If given, problems are appended to it and None is returned when the file has any;
        otherwise an `InputError` listing every problem is raised.
    """
    collect: list[InputProblem] = [] if problems is None else problems
    params = _read(Path(path), collect)
    if problems is None:
        raise_if_any(collect)
        assert params is not None  # _read gives None only after recording a problem
    return params


def _read(path: Path, problems: list[InputProblem]) -> YieldParams | None:
    data = read_toml(path, problems)
    if data is None:
        return None
    n_before = len(problems)
    top = TomlTable(path.name, "", data, problems)
    top.check_keys(TOP_KEYS)

    recovery = None
    rec = top.table("recovery")
    if rec is not None:
        rec.check_keys(RECOVERY_KEYS)
        rec.free_text("source")
        recovery = rec.range("recovery", top_level=True, maximum=1.0)

    magnets: list[MagnetType] = []
    magnet_ids: list[str] = []
    for magnet_id, m in _entries(top, "magnet_types"):
        magnet_ids.append(magnet_id)
        m.check_keys(MAGNET_KEYS)
        label = m.text("label")
        value = m.range("value_inr_per_kg", limit=limits.VALUE_INR_PER_KG)
        m.free_text("source")
        if not m.bad:
            assert label is not None and value is not None  # m.bad is False, so both parsed
            magnets.append(MagnetType(magnet_id, label, value))

    items: list[ItemCategory] = []
    for item_id, it in _entries(top, "items"):
        it.check_keys(ITEM_KEYS)
        label = it.text("label")
        magnet_type = it.text("magnet_type")
        if magnet_type is not None and magnet_type not in magnet_ids:
            it.report("magnet_type", "unknown magnet type", magnet_type,
                      f"a type defined as [magnet_types.<name>]: {', '.join(magnet_ids) or 'none'}")
        kg = it.range("magnet_kg_per_item", limit=limits.MAGNET_KG_PER_ITEM)
        share = it.range("share_with_magnets", maximum=1.0)
        gross = it.number("gross_kg_per_item", limit=limits.GROSS_KG_PER_ITEM)
        purchase = it.range("purchase_inr", default=ZERO, limit=limits.PURCHASE_INR)
        per = it.text("purchase_per", default="item")
        if per is not None and per not in PURCHASE_PER:
            it.report("purchase_per", "unknown unit of the purchase price", per,
                      '"item" (INR per item) or "kg" (INR per kg of gross weight)')
        byproduct = it.range("byproduct_inr", default=ZERO, limit=limits.BYPRODUCT_INR_PER_ITEM)
        it.free_text("source")
        it.free_text("economics_source")
        if it.bad:
            continue
        # it.bad is False, so every key parsed
        assert label is not None and magnet_type is not None and kg is not None
        assert share is not None and gross is not None and per is not None
        assert purchase is not None and byproduct is not None
        try:
            items.append(ItemCategory(item_id, label, magnet_type, kg, share, gross,
                                      purchase, per, byproduct))
        except ValueError as exc:
            it.report(None, str(exc))

    factors = _purchase_factors(top)
    if len(problems) > n_before or recovery is None:
        return None
    try:
        return YieldParams(recovery, tuple(magnets), tuple(items), factors)
    except ValueError as exc:
        top.report(None, str(exc))
        return None


def _purchase_factors(top: TomlTable) -> tuple[tuple[str, float], ...]:
    """`[purchase_factor_by_site_type]`: site type = factor on the purchase prices (optional)."""
    table = top.table("purchase_factor_by_site_type", required=False)
    if table is None:
        return ()
    table.check_keys(FACTOR_KEYS)
    table.free_text("source")
    out = []
    for site_type in SITE_TYPES:
        if table.has(site_type):
            factor = table.number(site_type, limit=limits.PURCHASE_FACTOR)
            if factor is not None:
                out.append((site_type, factor))
    return tuple(out)


def _entries(top: TomlTable, key: str) -> list[tuple[str, TomlTable]]:
    """The `[key.<id>]` sub-tables of a table, each as a TomlTable named by its header."""
    table = top.table(key)
    if table is None:
        return []
    if not table.data:
        top.report(key, f"no [{key}.<name>] tables", expected=f"at least one [{key}.<name>] table")
    out = []
    for name, body in table.data.items():
        header = f"[{key}.{name}]"
        if not isinstance(body, dict):
            table.report(name, f"{header} must be a table", body, f"a {header} table")
            continue
        out.append((name, TomlTable(top.file, header, body, top.problems)))
    return out

