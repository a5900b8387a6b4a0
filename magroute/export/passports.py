"""passports.jsonl: a material passport per received lot, written by `magroute receive`.

One JSON object per line follows a lot from the site to the hub: the pickup ID, the site
(type, PIN, city, state), truck, route and trip, planned and weighed dates, the declared items,
gross kg planned and weighed, the estimated magnet kg by type and rare-earth content (Nd, Pr,
Dy, Tb, Sm kg from typical compositions, data/magnet_composition.csv), and the documents'
fields (consignor, consignee, the expected invoice value, i.e. the purchase price paid to the
seller, and whether it needs an e-way bill; registration and document numbers stay null until
filled in). Every record validates against `passport.schema.json`, which ships
with the package. Estimates scale the plan's expected magnet kg by weighed / planned gross kg:
a lot's magnet content is not weighed, only its gross.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from magroute.analysis.receipts import Reconciliation
from magroute.domain.pickup import RECEIVED_STATUSES, PlannedPickup, WeighIn
from magroute.export.sheets import EWAY_BILL_THRESHOLD_INR

SCHEMA_PATH = Path(__file__).with_name("passport.schema.json")
SCHEMA_ID = "https://magroute.example/schemas/material-passport-1.json"


def passport_records(ledger: Iterable[PlannedPickup], rec: Reconciliation,
                     weighed: Iterable[WeighIn], composition: Mapping[str, Mapping[str, float]],
                     unload_hub: Mapping[tuple[str, int], str]) -> list[dict[str, Any]]:
    """A passport per pickup the hub received (ok, short or over), in ledger order.
    `unload_hub` maps (route_id, trip) to the hub the trip unloads at (routes.csv)."""
    by_id = {w.pickup_id: w for w in weighed}
    status = {r.pickup_id: r.status for r in rec.pickups}
    out = []
    for p in ledger:
        w = by_id.get(p.pickup_id)
        if w is None or status.get(p.pickup_id) not in RECEIVED_STATUSES:
            continue
        share = w.received_kg / p.expected_kg if p.expected_kg > 0 else 0.0
        # The hub's sorting report where it has one; else the plan's expected content scaled
        # by the gross kg weighed.
        magnet = {m: round(kg, 4) for m, kg in w.sorted_magnet_kg if kg > 0} \
            if w.sorted_magnet_kg else \
            {m: round(kg * share, 4) for m, kg in p.magnet_kg_by_type if kg > 0}
        ree: dict[str, float] = {}
        for m, kg in magnet.items():
            for element, frac in composition.get(m, {}).items():
                ree[element] = ree.get(element, 0.0) + kg * frac
        out.append({
            "$schema": SCHEMA_ID,
            "passport_id": p.pickup_id,
            "pickup_id": p.pickup_id,
            "status": status[p.pickup_id],
            "site": {"site_id": p.site_id, "name": p.site_name, "site_type": p.site_type,
                     "pincode": p.pincode, "city": p.city, "state": p.state},
            "transport": {"route_id": p.route_id, "vehicle_id": p.vehicle_id, "trip": p.trip,
                          "unload_hub": unload_hub.get((p.route_id, p.trip), "")},
            "dates": {"planned": p.planned_date.isoformat(), "weighed_at": w.weighed_at or None},
            "declared_items": [{"item_id": i, "count": n} for i, n in p.expected_items],
            "gross_kg": {"planned": p.expected_kg, "weighed": w.received_kg,
                         "weighbridge_row": w.row},
            "magnet_kg_source": "sorted" if w.sorted_magnet_kg else "estimated",
            "magnet_kg_estimated": magnet,
            "ree_kg_estimated": {e: round(kg, 4) for e, kg in sorted(ree.items())},
            "value_inr_expected": p.expected_value_inr,
            "documents": {
                "consignor": {"site_id": p.site_id, "name": p.site_name, "pincode": p.pincode,
                              "state": p.state, "gstin": None, "cpcb_registration": None},
                "consignee": {"hub_id": unload_hub.get((p.route_id, p.trip), ""),
                              "gstin": None, "cpcb_registration": None},
                # One pickup is one consignment, valued at what its seller is paid.
                "invoice_value_inr_expected": p.expected_purchase_inr,
                "e_way_bill_needed": p.expected_purchase_inr > EWAY_BILL_THRESHOLD_INR,
                "e_way_bill_threshold_inr": EWAY_BILL_THRESHOLD_INR,
                "e_way_bill_no": None, "invoice_no": None, "hsn": None,
            },
            "note": w.note,
        })
    return out


def write_passports(path: Path | str, records: Iterable[Mapping[str, Any]]) -> Path:
    """JSON Lines, UTF-8: one passport a line."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n")
    return path
