"""The entity registry: each kind of record bioterm shows, declared once.

Everything that differs between companies, drugs, sites and funding rounds is
stated here and nowhere else: its table and kind, its labels and nouns, its
section (tab order, and so its number key), the columns and facets of its
list, what the search index holds of it, how the palette and the importer
name it, and which screens show it. The store builds its search SQL and
summary dimensions from these declarations, presentation builds the table
cells, and the UI builds tabs, number keys, help, palette and links.

This module is pure data: it imports nothing above the core, so every layer
may read it. SQL for a list (which expression each field is) lives in the
store's list spec, keyed by the same field names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bioterm.enums import (
    CompanyKind,
    DealDirection,
    DealKind,
    DealStatus,
    FundingKind,
    Modality,
    Phase,
    SiteKind,
    SiteStatus,
    Vocabulary,
)

CellFormat = Literal[
    "text", "list", "vocab", "area", "fic", "amount", "usd", "capacity", "money", "count",
    "litres"]
"""How a table cell shows its field; presentation maps each to a renderer."""


@dataclass(frozen=True)
class Column:
    """One column of a list table, naming the store field it shows by key."""

    key: str
    label: str
    width: int
    format: CellFormat = "text"
    vocabulary: type[Vocabulary] | None = None
    sortable: bool = True
    """Sorted by the list spec's field of the same key."""


@dataclass(frozen=True)
class Facet:
    name: str
    """The list spec facet it sets."""
    prompt: str
    vocabulary: type[Vocabulary] | None = None
    """Labels and order for enum facets; None shows stored values as they are."""

    @property
    def title(self) -> str:
        """What the facet is called ("Phase", from the prompt "Any phase")."""
        return self.prompt.removeprefix("Any ").capitalize()


@dataclass(frozen=True)
class Search:
    """What the search index (palette, filters) holds of each row, by column name."""

    name: str
    name_zh: str | None
    extra: tuple[str, ...]
    """More columns whose '; '-separated parts are searchable terms."""
    secondary: str
    """The list field shown after the name in a palette hit."""
    detail: str
    """The list field shown last in a palette hit."""
    detail_vocabulary: type[Vocabulary] | None = None
    from_list: bool = False
    """Index the list spec's fields (joined names) instead of the table's columns."""
    labelled: tuple[tuple[str, type[Vocabulary]], ...] = ()
    """Extra columns holding a vocabulary value, indexed by the label a row shows."""


FieldMatch = Literal["company", "vocab", "list", "text", "year", "number"]
"""How a filter field's value is matched: a company by its names (through the
search index), a vocabulary by label or alias, a list column by one of its
parts, text by substring, a date by its year, an amount by comparison."""


@dataclass(frozen=True)
class FilterField:
    """A `name:value` (or `name>value`) term a section's filter understands."""

    name: str
    match: FieldMatch
    columns: tuple[str, ...]
    """The listed table's columns it tests (any of them matching)."""
    vocabulary: type[Vocabulary] | None = None

    @property
    def compares(self) -> bool:
        """Takes `>`, `<`, `>=`, `<=` as well as `:`."""
        return self.match in ("year", "number")


@dataclass(frozen=True)
class Reference:
    """How an imported row may name a record of this table besides its id."""

    columns: tuple[tuple[str, bool], ...]
    """Columns tried in order, each with whether it holds a '; '-separated list."""
    how: str
    """How an error message tells the user to name one."""


@dataclass(frozen=True)
class Entity:
    kind: str
    """What a link or a search hit calls a record: company, drug, site …"""
    table: str
    label: str
    """A record's kind as a person reads it ("Drug")."""
    noun: str
    """Plural, for counts ("12 drugs")."""
    one: str = ""
    """Singular, for a count of one ("1 drug")."""
    section: str | None = None
    """The mode of its list section; None when it has no section."""
    tab: str = ""
    list_screen: str = ""
    """`module:Class` of its list screen under bioterm.screens."""
    detail_screen: str = ""
    """`module:Class` of its detail view; empty when records cannot be opened."""
    columns: tuple[Column, ...] = ()
    facets: tuple[Facet, ...] = ()
    filter_hint: str = "name, 中文名, pinyin or ticker"
    """What the filter box's placeholder names: a few of what plain text finds and
    one field term (`?` lists them all, see bindings.filter_field_rows)."""
    default_sort: str = "name"
    descending: bool = False
    search: Search | None = None
    palette_style: str = ""
    reference: Reference | None = None
    filter_fields: tuple[FilterField, ...] = ()
    """The field terms its filter takes, in the order the hint and help name them."""
    list_spec: str = ""
    """The store's list spec it is shown with; its table's unless set."""
    watch_kind: str | None = None
    """The kind its records are watched and noted as (an investor is its company);
    None when they cannot be (a round has no id that outlives a rebuild)."""
    key_column: str = "name"
    """The column that says which record a row is: frozen when the table scrolls
    sideways (with the columns before it), never hidden by the column chooser."""

    @property
    def list_key(self) -> str:
        return self.list_spec or self.table

    def counted(self, n: int) -> str:
        """`n` records in words: "1 drug", "1,204 drugs"."""
        return f"{n:,} {self.one if n == 1 and self.one else self.noun}"


COMPANY = Entity(
    kind="company", watch_kind="company", table="companies", label="Company",
    noun="companies", one="company",
    section="companies", tab="Companies",
    list_screen="companies:CompaniesScreen", detail_screen="company_detail:CompanyDetailScreen",
    columns=(
        Column("name", "Name", 28),
        # The litres before the Chinese name, so at 120 columns both show whole
        # beside the pane: a number cut at the table's edge reads as another.
        Column("capacity_now", "Bioreactor L now", 18, "litres"),
        Column("capacity_planned", "L planned", 12, "litres"),
        Column("name_zh", "中文名", 10),
        Column("capacity", "Trend", 8, "capacity", sortable=False),
        Column("kind", "Kind", 15, "vocab", CompanyKind),
        Column("tickers", "Tickers", 12, "list"),
        Column("city", "City", 12),
        Column("country", "Country", 13),
        Column("founded", "Founded", 10),
    ),
    facets=(Facet("kind", "Any kind", CompanyKind), Facet("country", "Any country")),
    filter_hint="name, 中文名, pinyin or kind:…",
    search=Search("name", "name_zh", ("tickers", "hq_city"), secondary="name_zh",
                  detail="kind", detail_vocabulary=CompanyKind),
    filter_fields=(
        FilterField("kind", "vocab", ("kind",), CompanyKind),
        FilterField("city", "text", ("hq_city",)),
        FilterField("country", "text", ("hq_country",)),
    ),
    palette_style="$text-accent",
    reference=Reference((("name", False), ("name_zh", False), ("tickers", True)),
                        "its id, English name, Chinese name or ticker"),
)

DRUG = Entity(
    kind="drug", watch_kind="drug", table="drugs", label="Drug", noun="drugs", one="drug",
    section="pipeline", tab="Pipeline",
    list_screen="pipeline:PipelineScreen", detail_screen="drug_detail:DrugDetailScreen",
    columns=(
        Column("name", "Drug", 24),
        Column("company", "Company", 20),
        Column("phase", "Phase", 14, "vocab", Phase),
        Column("modality", "Modality", 15, "vocab", Modality),
        Column("fic", "FIC", 3, "fic"),
        Column("targets", "Targets", 14, "list"),
        Column("indications", "Indications", 40, "list"),
    ),
    facets=(Facet("phase", "Any phase", Phase), Facet("modality", "Any modality", Modality)),
    filter_hint="drug, company, target… or phase:3",
    search=Search("name", None, ("code_names", "targets", "modality", "indications"),
                  secondary="company", detail="phase", detail_vocabulary=Phase,
                  labelled=(("modality", Modality),)),
    filter_fields=(
        FilterField("company", "company", ("company_id",)),
        FilterField("phase", "vocab", ("phase",), Phase),
        FilterField("modality", "vocab", ("modality",), Modality),
        FilterField("target", "list", ("targets",)),
        FilterField("indication", "list", ("indications",)),
    ),
    palette_style="$text-success",
    reference=Reference((("name", False), ("code_names", True)), "its id, name or code name"),
)

SITE = Entity(
    kind="site", watch_kind="site", table="sites", label="Site", noun="sites", one="site",
    section="sites", tab="Sites",
    list_screen="sites:SitesScreen", detail_screen="site_detail:SiteDetailScreen",
    columns=(
        Column("name", "Site", 30),
        Column("capacity_now", "Bioreactor L now", 18, "litres"),
        Column("capacity_planned", "L planned", 12, "litres"),
        Column("capacity", "Trend", 8, "capacity", sortable=False),
        Column("company", "Company", 18),
        Column("status", "Status", 14, "vocab", SiteStatus),
        Column("kind", "Kind", 14, "vocab", SiteKind),
        Column("city", "City", 14),
        Column("country", "Country", 13),
        Column("area", "Area m²", 9, "area"),
    ),
    facets=(
        Facet("status", "Any status", SiteStatus),
        Facet("kind", "Any kind", SiteKind),
        Facet("country", "Any country"),
    ),
    filter_hint="site or kind:…",
    search=Search("name", None, ("city", "country"), secondary="company", detail="city"),
    filter_fields=(
        FilterField("company", "company", ("company_id",)),
        FilterField("status", "vocab", ("status",), SiteStatus),
        FilterField("kind", "vocab", ("kind",), SiteKind),
        FilterField("city", "text", ("city",)),
        FilterField("country", "text", ("country",)),
    ),
    palette_style="$text-warning",
    reference=Reference((("name", False),), "its id or name"),
)

FUNDING = Entity(
    kind="funding", table="funding", label="Funding", noun="rounds", one="round",
    section="funding", tab="Funding",
    list_screen="funding:FundingScreen", detail_screen="funding_detail:FundingDetailScreen",
    key_column="company",
    columns=(
        Column("date", "Date", 10),
        Column("company", "Recipient", 22),
        Column("kind", "Kind", 15, "vocab", FundingKind),
        Column("amount", "Amount", 13, "amount"),
        Column("usd", "USD", 10, "usd"),
        Column("investors", "Investors / body", 40, "list"),
    ),
    facets=(Facet("kind", "Any kind", FundingKind), Facet("currency", "Any currency")),
    filter_hint="recipient, investor or usd>100m",
    filter_fields=(
        FilterField("company", "company", ("company_id",)),
        FilterField("kind", "vocab", ("kind",), FundingKind),
        FilterField("investor", "list", ("investors",)),
        FilterField("currency", "text", ("currency",)),
        FilterField("year", "year", ("date",)),
        FilterField("usd", "number", ("amount_usd",)),
    ),
    default_sort="date",
    descending=True,
)

DEAL = Entity(
    kind="deal", watch_kind="deal", table="deals", label="Deal", noun="deals", one="deal",
    section="deals", tab="Deals",
    list_screen="deals:DealsScreen", detail_screen="deal_detail:DealDetailScreen",
    key_column="licensor",
    columns=(
        Column("date", "Date", 10),
        Column("licensor", "Licensor / target", 20),
        Column("licensee", "Licensee / buyer", 20),
        Column("upfront_usd", "Upfront", 9, "money"),
        Column("total_usd", "Total", 9, "money"),
        Column("kind", "Kind", 14, "vocab", DealKind),
        Column("direction", "Direction", 13, "vocab", DealDirection),
        Column("programmes", "Drugs", 30, "list"),
        Column("territory", "Territory", 24),
        Column("status", "Status", 11, "vocab", DealStatus),
    ),
    facets=(
        Facet("kind", "Any kind", DealKind),
        Facet("direction", "Any direction", DealDirection),
        Facet("territory", "Any territory"),
    ),
    filter_hint="party, drug or year:2024",
    filter_fields=(
        FilterField("company", "company", ("licensor_id", "licensee_id")),
        FilterField("kind", "vocab", ("kind",), DealKind),
        FilterField("direction", "vocab", ("direction",), DealDirection),
        FilterField("status", "vocab", ("status",), DealStatus),
        FilterField("drug", "list", ("programmes",)),
        FilterField("territory", "text", ("territory",)),
        FilterField("year", "year", ("date",)),
        FilterField("usd", "number", ("total_usd",)),
        FilterField("upfront", "number", ("upfront_usd",)),
    ),
    default_sort="date",
    descending=True,
    search=Search("licensor", None, ("licensee", "programmes", "territory"), secondary="licensee",
                  detail="kind", detail_vocabulary=DealKind, from_list=True),
    palette_style="$text-error",
    reference=Reference((), "its id"),
)

INVESTOR = Entity(
    kind="investor", watch_kind="company", table="companies", label="Investor",
    noun="investors", one="investor",
    list_spec="investors",
    section="investors", tab="Investors",
    list_screen="investors:InvestorsScreen", detail_screen="investor_detail:InvestorDetailScreen",
    columns=(
        Column("name", "Investor", 30),
        Column("name_zh", "中文名", 10),
        Column("kind", "Kind", 13, "vocab", CompanyKind),
        Column("rounds", "Rounds", 7, "count"),
        Column("led", "Led", 5, "count"),
        Column("size_usd", "Rounds' size US$", 16, "money"),
        Column("first", "First", 10),
        Column("last", "Last", 10),
        Column("country", "Country", 13),
    ),
    facets=(Facet("kind", "Any kind", CompanyKind), Facet("country", "Any country")),
    filter_hint="name, 中文名, pinyin or kind:…",
    filter_fields=(
        FilterField("kind", "vocab", ("kind",), CompanyKind),
        FilterField("country", "text", ("hq_country",)),
    ),
)

SOURCE = Entity(
    kind="source", table="sources", label="Source", noun="sources", one="source",
    reference=Reference((("title", False), ("url", False)), "its id, title or URL"),
)

LANDSCAPE_LINKS: dict[str, str] = {"target": "targets", "indication": "indications"}
"""Link kinds that open a competitive landscape, each with the drugs column it reads;
the link's ref is the target or indication itself."""

OVERVIEW = ("overview", "Overview")
"""The first section, which shows no one kind of record."""


class Registry:
    """The entities in section order, with the look-ups every layer needs."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.entities = entities
        self.by_kind = {e.kind: e for e in entities}
        self.by_table = {e.table: e for e in reversed(entities)}
        """The first entity declared on a table is the table's own (companies, not investors)."""
        self.by_section = {e.section: e for e in entities if e.section}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.entities)

    def sections(self) -> tuple[tuple[str, str], ...]:
        """Mode and tab label, in tab-bar order; key N opens the N-th."""
        return (OVERVIEW, *((e.section, e.tab) for e in self.entities if e.section))

    def listed(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.section)

    def openable(self) -> frozenset[str]:
        """Kinds a link or a search hit can open."""
        return frozenset(e.kind for e in self.entities if e.detail_screen)

    def searched(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.search is not None)

    def referenced(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.reference is not None)


REGISTRY = Registry((COMPANY, DRUG, SITE, FUNDING, DEAL, INVESTOR, SOURCE))
