"""Material passports: one per received lot, every record valid against the shipped schema,
rare-earth kg from the bundled compositions."""

import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator

from magroute.analysis.receipts import reconcile
from magroute.bundled import DATA_DIR
from magroute.domain.pickup import PlannedPickup, WeighIn
from magroute.errors import InputProblem
from magroute.export.passports import SCHEMA_PATH, passport_records, write_passports
from magroute.inputs.supply import read_composition

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def pickup(pid: str, kg: float, by_type: tuple[tuple[str, float], ...], value: float = 30_000.0,
           purchase: float = 20_000.0) -> PlannedPickup:
    return PlannedPickup(pid, "R01", "ace-01", f"S-{pid[-2:]}", "Kabadi & Sons \"ई-कचरा\"",
                         date(2026, 11, 23), kg, sum(m for _, m in by_type), 1,
                         site_type="scrap_yard", pincode="110001", city="Delhi", state="Delhi",
                         expected_items=(("e2w_motor", 12),), expected_value_inr=value,
                         expected_purchase_inr=purchase, magnet_kg_by_type=by_type)


def test_bundled_compositions_read_and_sum_below_the_magnet():
    problems: list[InputProblem] = []
    comp = read_composition(DATA_DIR / "magnet_composition.csv", problems)
    assert problems == []
    assert set(comp) == {"ndfeb_hdd", "ndfeb_motor", "ndfeb_ev", "smco"}
    assert all(sum(c.values()) < 0.4 for c in comp.values())
    assert comp["ndfeb_motor"]["Dy"] == 0.04


def test_a_passport_per_received_lot_valid_against_the_schema(tmp_path):
    comp = read_composition(DATA_DIR / "magnet_composition.csv", [])
    # The first lot is bought for more than the e-way bill threshold; the second's magnets are
    # worth more than it, but the seller's invoice (the consignment's value) is not.
    ledger = (pickup("PK-20261123-R01-01", 100.0, (("ndfeb_motor", 10.0),), purchase=60_000.0),
              pickup("PK-20261123-R01-02", 50.0, (("ndfeb_hdd", 2.0), ("smco", 1.0)),
                     value=80_000.0),
              pickup("PK-20261123-R01-03", 80.0, (("ndfeb_ev", 4.0),)))
    weighed = (WeighIn("PK-20261123-R01-01", 90.0, 1, "ace-01", "2026-11-23T18:10+05:30"),
               WeighIn("PK-20261123-R01-02", 50.0, 2))  # the third never arrived
    rec = reconcile(ledger, weighed, 0.10)
    records = passport_records(ledger, rec, weighed, comp, {("R01", 1): "SKD"})
    assert [r["pickup_id"] for r in records] == ["PK-20261123-R01-01", "PK-20261123-R01-02"]
    validator = Draft202012Validator(SCHEMA)
    for r in records:
        assert list(validator.iter_errors(r)) == []
    first = records[0]
    assert first["magnet_kg_estimated"] == {"ndfeb_motor": 9.0}  # 10 kg x 90 / 100 kg weighed
    assert first["ree_kg_estimated"] == pytest.approx(
        {"Nd": 9 * 0.195, "Pr": 9 * 0.065, "Dy": 9 * 0.04, "Tb": 9 * 0.005})
    assert first["documents"]["e_way_bill_needed"] is True
    assert first["documents"]["invoice_value_inr_expected"] == 60_000.0
    assert records[1]["documents"]["e_way_bill_needed"] is False
    assert records[1]["value_inr_expected"] == 80_000.0
    assert first["documents"]["consignee"]["hub_id"] == "SKD"
    assert records[1]["ree_kg_estimated"]["Sm"] == pytest.approx(0.255)
    # JSON Lines, UTF-8, read back equal.
    path = write_passports(tmp_path / "passports.jsonl", records)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records and "ई-कचरा" in lines[0]


def test_the_schema_rejects_a_broken_passport():
    comp = read_composition(DATA_DIR / "magnet_composition.csv", [])
    ledger = (pickup("PK-20261123-R01-01", 100.0, (("ndfeb_motor", 10.0),)),)
    weighed = (WeighIn("PK-20261123-R01-01", 100.0, 1),)
    record = passport_records(ledger, reconcile(ledger, weighed, 0.1), weighed, comp, {})[0]
    validator = Draft202012Validator(SCHEMA)
    for broken in ({**record, "status": "missing"},
                   {**record, "ree_kg_estimated": {"Unobtainium": 1.0}},
                   {**record, "gross_kg": {**record["gross_kg"], "weighed": -1}},
                   {k: v for k, v in record.items() if k != "site"}):
        assert list(validator.iter_errors(broken)), broken


def test_a_sorted_lot_carries_the_hubs_magnet_kg():
    comp = read_composition(DATA_DIR / "magnet_composition.csv", [])
    ledger = (pickup("PK-20261123-R01-01", 100.0, (("ndfeb_motor", 10.0),)),)
    weighed = (WeighIn("PK-20261123-R01-01", 100.0, 1,
                       sorted_magnet_kg=(("ndfeb_motor", 6.0), ("smco", 0.5))),)
    (record,) = passport_records(ledger, reconcile(ledger, weighed, 0.1), weighed, comp, {})
    assert record["magnet_kg_source"] == "sorted"
    assert record["magnet_kg_estimated"] == {"ndfeb_motor": 6.0, "smco": 0.5}
    assert record["ree_kg_estimated"]["Dy"] == pytest.approx(6.0 * 0.04)
    assert list(Draft202012Validator(SCHEMA).iter_errors(record)) == []
