"""plan.xlsx read back by openpyxl, and its XML checked for formulas."""

import zipfile

from openpyxl import load_workbook

from magroute.export.sheets import route_sheets
from magroute.export.xlsx import write_plan_xlsx


def test_summary_sheet_and_one_sheet_per_route(solved, tmp_path):
    problem, plan, kpis = solved
    sheets = route_sheets(problem, plan)
    path = write_plan_xlsx(problem, plan, kpis, sheets, tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Summary" and wb.sheetnames[-1] == "Unserved"
    assert len(wb.sheetnames) == 2 + len(plan.routes)
    for name, route in zip(wb.sheetnames[1:-1], plan.routes, strict=True):
        ws = wb[name]
        rows = list(ws.iter_rows(min_row=4, values_only=True))
        assert len(rows) == len(route.events)
        kinds = [r[3] for r in rows]
        assert kinds == [e.kind for e in route.events]
        assert [r[2] for r in rows] == [e.trip for e in route.events]
        assert [r[5] for r in rows if r[3] == "pickup"] == list(route.site_ids)
        assert rows[0][9] == route.events[0].arrival.astimezone(problem.horizon.tz) \
            .replace(tzinfo=None)
    unserved = list(wb["Unserved"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in unserved] == [u.site_id for u in plan.unserved]
    assert all(r[6] for r in unserved)  # a reason for each


def test_hostile_text_is_text_not_a_formula(hostile, tmp_path):
    problem, plan, kpis = hostile
    path = write_plan_xlsx(problem, plan, kpis, route_sheets(problem, plan), tmp_path / "p.xlsx")
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the workbook
    wb = load_workbook(path)
    route = wb[wb.sheetnames[1]]
    cells = {c.value: c for row in route.iter_rows() for c in row if isinstance(c.value, str)}
    name = cells['=HYPERLINK("x")<script>']
    assert name.data_type == "s" and name.quotePrefix
    assert cells["+91-98100-00000"].data_type == "s"
    assert cells['=cmd|" /C calc"!A0'].data_type == "s"
    # a vehicle id full of path and sheet-name characters still gives a valid, unique name
    assert all(not set(n) & set("[]:*?/\\'") and len(n) <= 31 for n in wb.sheetnames)
