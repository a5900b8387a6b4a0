"""explain.csv: each site's magnet value, by-products, purchase and contribution beside the prize
the search weighed."""

from factories import FAST, PARAMS_TRADED, make_problem, make_site

from magroute.export.explain import EXPLAIN_COLUMNS, explain_rows
from magroute.solver.explain import explain_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource


def test_explain_rows_show_the_site_economics_and_the_prize():
    p = make_problem([make_site("GOOD", 28.60, 77.30, 40, item="traded"),
                      make_site("DEAR", 28.60, 77.30, 40, item="dear")], params=PARAMS_TRADED)
    matrices = GreatCircleSource().matrices(p.points())
    rows = {r["site_id"]: r for r in explain_rows(p, explain_plan(p, matrices,
                                                                  solve(p, matrices, FAST)))}
    assert all(list(r) == list(EXPLAIN_COLUMNS) for r in rows.values())
    got = {s: (r["magnet_value_inr"], r["byproduct_inr"], r["purchase_inr"],
               r["contribution_inr"], r["expected_value_inr"], r["binding"])
           for s, r in rows.items()}
    assert got == {"GOOD": ("40000.00", "20000.00", "40000.00", "20000.00", "20000.00", ""),
                   "DEAR": ("40000.00", "20000.00", "64000.00", "-4000.00", "0.00", "value")}
