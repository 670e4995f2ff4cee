from __future__ import annotations

import pytest
from pydantic import ValidationError

from bioterm.enums import FundingKind, Phase
from bioterm.models import RECORDS, CapacityPoint, Company, Drug, Funding, Site
from bioterm.text import split_list

SOURCE = "src"


def test_every_design_table_has_one_model() -> None:
    assert set(RECORDS) >= {
        "companies", "drugs", "milestones", "sites", "capacity", "funding", "partnerships",
        "sources",
    }


@pytest.mark.parametrize("date", ["2021", "2021-04", "2021-04-27"])
def test_partial_dates_are_accepted(date: str) -> None:
    assert Funding(company_id="a", date=date, kind="grant", source_id=SOURCE).date == date


@pytest.mark.parametrize("date", ["2021-13", "2023-06-31", "21", "April 2021", "2021/04/27", ""])
def test_non_canonical_or_impossible_dates_are_refused(date: str) -> None:
    with pytest.raises(ValidationError):
        Funding(company_id="a", date=date, kind="grant", source_id=SOURCE)


def test_amounts_and_litres_cannot_be_negative() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Funding(company_id="a", date="2021", kind="grant", amount=-1, source_id=SOURCE)
    with pytest.raises(ValidationError):
        CapacityPoint(company_id="a", date="2021", litres=-5, status="planned", source_id=SOURCE)
    with pytest.raises(ValidationError):
        Site(id="s", company_id="a", name="S", kind="rnd", status="planned", area_m2=-1,
             source_id=SOURCE)


@pytest.mark.parametrize("currency", ["RMB?", "cny", "US$", "DOLLARS"])
def test_currency_must_be_an_iso_code(currency: str) -> None:
    with pytest.raises(ValidationError, match="ISO currency"):
        Funding(company_id="a", date="2021", kind="grant", amount=1, currency=currency,
                source_id=SOURCE)


def test_enumerations_are_closed() -> None:
    with pytest.raises(ValidationError):
        Drug(id="d", name="D", company_id="a", modality="magic", phase="phase_2", source_id=SOURCE)
    with pytest.raises(ValidationError):
        Drug(id="d", name="D", company_id="a", modality="mab", phase="phase 9", source_id=SOURCE)
    with pytest.raises(ValidationError):
        Company(id="c", name="C", kind="bakery", source_id=SOURCE)
    with pytest.raises(ValidationError):
        Funding(company_id="a", date="2021", kind="series_z", source_id=SOURCE)


def test_every_fact_row_requires_a_source() -> None:
    for model in (Company, Drug, Funding, Site, CapacityPoint):
        assert model.model_fields["source_id"].is_required()
    with pytest.raises(ValidationError, match="source_id"):
        Company(id="c", name="C", kind="biotech")


def test_ids_are_slugs() -> None:
    with pytest.raises(ValidationError, match="not an id"):
        Company(id="Akeso Inc", name="Akeso", kind="biotech", source_id=SOURCE)


def test_lists_are_normalised_whatever_the_separator() -> None:
    drug = Drug(id="d", name="D", company_id="a", modality="bispecific", phase="phase_3",
                targets="PD-1；CTLA-4、PD-1", source_id=SOURCE)
    assert drug.targets == "PD-1; CTLA-4"
    assert split_list(drug.targets) == ["PD-1", "CTLA-4"]


def test_unknown_fields_are_refused_not_dropped() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Company(id="c", name="C", kind="biotech", source_id=SOURCE, colour="red")


def test_vocabulary_lookup_accepts_labels_and_aliases() -> None:
    assert Phase.lookup("Phase 1/2") is Phase.PHASE_1_2
    assert Phase.lookup("phase III") is Phase.PHASE_3
    assert FundingKind.lookup("Series A") is FundingKind.SERIES_A
    with pytest.raises(ValueError, match="not one of"):
        Phase.lookup("phase 9")


def test_phase_rank_orders_the_development_path() -> None:
    ranks = [p.rank for p in Phase if p is not Phase.DISCONTINUED]
    assert ranks == sorted(ranks)
    assert Phase.DISCONTINUED.rank < Phase.PRECLINICAL.rank


def test_the_store_lists_the_same_tables_as_the_models() -> None:
    from bioterm.store.schema import DATA_TABLES

    assert tuple(RECORDS) == DATA_TABLES
