import pytest

from magroute.errors import InputError
from magroute.inputs.places import fold, resolve_place


def test_fold_ignores_case_and_diacritics():
    assert fold("  Sikandarābād ") == "sikandarabad" == fold("SIKANDARABAD")


@pytest.mark.parametrize("text,kind,lat", [
    ("28.45, 77.70", "coordinates", 28.45), ("110001", "pin", 28.62273),
    ("SKD", "hub", 28.4512), ("Bangalore", "town", 12.97194), ("Sikandrabad", "town", 28.45226),
])
def test_every_kind_of_place_resolves(text, kind, lat):
    p = resolve_place(text)
    assert p.kind == kind and p.lat == pytest.approx(lat)


def test_state_picks_among_towns_of_the_same_name():
    bihar = resolve_place("Aurangabad, Bihar")
    default = resolve_place("Aurangabad")  # the most populous: Maharashtra
    assert "Bih" in bihar.label and "Mah" in default.label and bihar.point != default.point


def test_unknown_pin_and_name_are_input_errors():
    for text in ("000000", "Qwertyuiop"):
        with pytest.raises(InputError) as e:
            resolve_place(text, what="FROM")
        assert e.value.problems[0].column == "FROM"
