"""The largest quantities an import accepts."""

from __future__ import annotations

import math

import pytest

from bioterm.importer.convert import (
    MEASURE_PARSERS,
    CellError,
    amount_converter,
    field_specs,
    measure_converter,
)
from bioterm.importer.limits import LIMITS, implausible
from bioterm.models import FxRate


@pytest.mark.parametrize("kind", list(LIMITS))
def test_at_and_beyond_each_limit(kind: str) -> None:
    limit = LIMITS[kind][0]
    assert implausible(kind, limit) is None
    assert implausible(kind, 0) is None
    reason = implausible(kind, limit * 10)
    assert reason is not None and "implausibly large" in reason
    assert "not a finite number" in (implausible(kind, math.inf) or "")
    assert "not a finite number" in (implausible(kind, math.nan) or "")


def test_amounts_beyond_the_limit_are_cell_errors() -> None:
    convert = amount_converter(None)
    assert convert("22.33 million").value == 22_330_000
    with pytest.raises(CellError, match="implausibly large"):
        convert("1.7e308")
    with pytest.raises(CellError, match="implausibly large"):
        amount_converter("EUR million")("9" * 300)


def test_volumes_areas_and_rates_beyond_the_limit() -> None:
    with pytest.raises(CellError, match="litres"):
        measure_converter(MEASURE_PARSERS["litres"], None)("1e200 L")
    with pytest.raises(CellError, match="km²"):
        measure_converter(MEASURE_PARSERS["area"], None)("1e200")
    usd = field_specs(FxRate)["usd"].converter
    assert usd is not None and usd("0.145") == 0.145
    with pytest.raises(CellError, match="US dollars per unit"):
        usd("1e300")
