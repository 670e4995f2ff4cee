"""The closed vocabularies of the data model, with the labels people read.

Each enum's value is what is stored and what a CSV holds; `label` is what a
screen shows. Imports accept either (see `lookup`).
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum whose members carry a display label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def lookup(cls, text: str) -> Vocabulary:
        """The member named by its value or label, ignoring case, spaces and dashes."""
        key = _fold(text)
        for member in cls:
            if key in (_fold(member.value), _fold(member.label)):
                return member
        for member in cls:
            if key in _ALIASES.get(cls.__name__, {}).get(member.value, ()):
                return member
        raise ValueError(
            f"'{text}' is not one of: {', '.join(m.value for m in cls)}"
        )

    @classmethod
    def choices(cls) -> list[str]:
        return [m.value for m in cls]


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum() or ch == "+")


class CompanyKind(Vocabulary):
    BIOTECH = "biotech", "Biotech"
    PHARMA = "pharma", "Pharma"
    CDMO = "cdmo", "CDMO"
    CRO = "cro", "CRO"
    SUPPLIER = "supplier", "Supplier"
    INVESTOR = "investor", "Investor"
    GOVERNMENT = "government", "Government body"
    UNIVERSITY = "university", "University"
    RESEARCH_INSTITUTE = "research_institute", "Research institute"


class Modality(Vocabulary):
    MAB = "mab", "mAb"
    BISPECIFIC = "bispecific", "Bispecific"
    ADC = "adc", "ADC"
    SMDC = "smdc", "SMDC"
    SMALL_MOLECULE = "small_molecule", "Small molecule"
    CELL_THERAPY = "cell_therapy", "Cell therapy"
    GENE_THERAPY = "gene_therapy", "Gene therapy"
    VACCINE = "vaccine", "Vaccine"
    PROTEIN = "protein", "Protein"
    PEPTIDE = "peptide", "Peptide"
    OLIGONUCLEOTIDE = "oligonucleotide", "Oligonucleotide"
    MRNA = "mrna", "mRNA"
    RADIOPHARMACEUTICAL = "radiopharmaceutical", "Radiopharmaceutical"
    OTHER = "other", "Other"


class Phase(Vocabulary):
    PRECLINICAL = "preclinical", "Preclinical"
    PHASE_1 = "phase_1", "Phase 1"
    PHASE_1_2 = "phase_1_2", "Phase 1/2"
    PHASE_2 = "phase_2", "Phase 2"
    PHASE_2_3 = "phase_2_3", "Phase 2/3"
    PHASE_3 = "phase_3", "Phase 3"
    REGISTRATIONAL = "registrational", "Registrational"
    FILED = "filed", "Filed"
    APPROVED = "approved", "Approved"
    DISCONTINUED = "discontinued", "Discontinued"

    @property
    def rank(self) -> int:
        """Order along the development path; discontinued sorts first."""
        return -1 if self is Phase.DISCONTINUED else list(Phase).index(self)


class MilestoneKind(Vocabulary):
    IND_CLEARED = "ind_cleared", "IND cleared"
    PHASE_1_STARTED = "phase_1_started", "Phase 1 started"
    PHASE_2_STARTED = "phase_2_started", "Phase 2 started"
    PHASE_3_STARTED = "phase_3_started", "Phase 3 started"
    NDA_SUBMITTED = "nda_submitted", "NDA submitted"
    BLA_SUBMITTED = "bla_submitted", "BLA submitted"
    APPROVED = "approved", "Approved"
    LAUNCHED = "launched", "Launched"
    DESIGNATION = "designation", "Designation"
    OTHER = "other", "Other"


class EventStatus(Vocabulary):
    OCCURRED = "occurred", "Occurred"
    EXPECTED = "expected", "Expected"


class SiteKind(Vocabulary):
    MANUFACTURING = "manufacturing", "Manufacturing"
    RND = "rnd", "R&D"
    RND_MANUFACTURING = "rnd_manufacturing", "R&D + manufacturing"
    OFFICE = "office", "Office"


class SiteStatus(Vocabulary):
    PLANNED = "planned", "Planned"
    UNDER_CONSTRUCTION = "under_construction", "Under construction"
    OPERATIONAL = "operational", "Operational"
    CLOSED = "closed", "Closed"


class CapacityStatus(Vocabulary):
    PLANNED = "planned", "Planned"
    UNDER_CONSTRUCTION = "under_construction", "Under construction"
    OPERATIONAL = "operational", "Operational"


class CapacityKind(Vocabulary):
    """What a capacity figure measures; litres of different kinds are never added up."""

    BIOLOGICS_BIOREACTOR = "biologics_bioreactor", "Biologics (bioreactor)"
    CHEMICAL_REACTOR = "chemical_reactor", "Chemical (reactor)"
    PEPTIDE_OLIGO = "peptide_oligo", "Peptide / oligo"
    CELL_GENE = "cell_gene", "Cell & gene"
    FILL_FINISH = "fill_finish", "Fill-finish"


class FundingKind(Vocabulary):
    SEED = "seed", "Seed"
    ANGEL = "angel", "Angel"
    PRE_A = "pre_a", "Pre-A"
    SERIES_A = "series_a", "Series A"
    SERIES_B = "series_b", "Series B"
    SERIES_C = "series_c", "Series C"
    SERIES_D = "series_d", "Series D"
    SERIES_E = "series_e", "Series E"
    SERIES_F = "series_f", "Series F"
    PRE_IPO = "pre_ipo", "Pre-IPO"
    IPO = "ipo", "IPO"
    PLACEMENT = "placement", "Placement"
    STRATEGIC = "strategic", "Strategic investment"
    GRANT = "grant", "Grant"
    SUBSIDY = "subsidy", "Subsidy"
    AWARD = "award", "Award"
    GOVERNMENT_FUND = "government_fund", "Government fund"
    LOAN = "loan", "Loan"
    OTHER = "other", "Other"


class PartnershipKind(Vocabulary):
    RESEARCH = "research", "Research"
    MANUFACTURING = "manufacturing", "Manufacturing"
    SUPPLY = "supply", "Supply"
    LICENSING = "licensing", "Licensing"
    CO_DEVELOPMENT = "co_development", "Co-development"
    COMMERCIAL = "commercial", "Commercial"
    INVESTMENT = "investment", "Investment"
    GOVERNMENT_SUPPORT = "government_support", "Government support"
    OTHER = "other", "Other"


class DealKind(Vocabulary):
    LICENCE = "licence", "Licence"
    CO_DEVELOPMENT = "co_development", "Co-development"
    OPTION = "option", "Option"
    ACQUISITION = "acquisition", "Acquisition"
    ASSET_PURCHASE = "asset_purchase", "Asset purchase"
    NEWCO = "newco", "NewCo"
    COLLABORATION = "collaboration", "Collaboration"


class DealDirection(Vocabulary):
    """Which way the rights move, seen from China."""

    OUT_OF_CHINA = "out_of_china", "Out of China"
    INTO_CHINA = "into_china", "Into China"
    DOMESTIC = "domestic", "Domestic"
    OTHER = "other", "Other"


class DealStatus(Vocabulary):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    TERMINATED = "terminated", "Terminated"


class RecordKind(Vocabulary):
    """What a user may watch or keep a note on; an investor is its company record."""

    COMPANY = "company", "Company"
    DRUG = "drug", "Drug"
    SITE = "site", "Site"
    DEAL = "deal", "Deal"


class Qualifier(Vocabulary):
    """How a reported figure relates to the true one ("over 2 billion")."""

    EXACT = "exact", "Exact"
    ABOUT = "about", "About"
    NEARLY = "nearly", "Nearly"
    OVER = "over", "Over"
    AT_LEAST = "at_least", "At least"
    UP_TO = "up_to", "Up to"

    @property
    def prefix(self) -> str:
        return {"exact": "", "about": "~", "nearly": "<", "over": ">", "at_least": "≥",
                "up_to": "≤"}[self.value]


_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "CompanyKind": {
        "government": ("governmentbody", "gov", "regulator", "agency"),
        "research_institute": ("institute", "lab", "laboratory", "researchinstitution"),
        "pharma": ("pharmaceutical", "bigpharma"),
    },
    "Modality": {
        "mab": ("monoclonalantibody", "antibody", "monoclonal"),
        "bispecific": ("bispecificantibody", "bsab"),
        "adc": ("antibodydrugconjugate",),
        "smdc": ("smallmoleculedrugconjugate",),
        "small_molecule": ("sm", "chemical"),
        "cell_therapy": ("cart", "celltherapies"),
    },
    "Phase": {
        "phase_1": ("1", "i", "phasei", "ph1"),
        "phase_1_2": ("12", "phase12", "phaseiandii"),
        "phase_2": ("2", "ii", "phaseii", "ph2"),
        "phase_2_3": ("23", "phase23"),
        "phase_3": ("3", "iii", "phaseiii", "ph3"),
        "filed": ("nda", "bla", "ndafiled", "blafiled", "submitted", "registration"),
        "approved": ("marketed", "launched"),
        "registrational": ("pivotal",),
    },
    "FundingKind": {
        "series_a": ("a", "seriesa+", "a+"),
        "series_b": ("b", "seriesb+", "b+"),
        "series_c": ("c",),
        "series_d": ("d",),
        "series_e": ("e",),
        "series_f": ("f",),
        "government_fund": ("fund", "governmentguidancefund", "guidancefund"),
        "placement": ("followon", "secondaryoffering", "privateplacement"),
        "award": ("reward", "prize"),
    },
    "Qualifier": {
        "about": ("approximately", "approx", "around", "~"),
        "over": ("morethan", "exceeds", "above", ">"),
        "at_least": ("minimum", ">=", "≥"),
        "up_to": ("atmost", "<=", "≤"),
    },
    "DealKind": {
        "licence": ("license", "licensing", "licenseagreement", "licenceagreement"),
        "co_development": ("codev", "codevelopment"),
        "acquisition": ("merger", "m&a", "buyout", "takeover"),
    },
    "DealDirection": {
        "out_of_china": ("out", "outlicensing", "outbound", "fromchina"),
        "into_china": ("in", "inlicensing", "inbound", "tochina"),
    },
    "RecordKind": {"company": ("investor", "organisation", "organization")},
    "CapacityKind": {
        "biologics_bioreactor": ("biologics", "bioreactor", "mab", "antibody"),
        "chemical_reactor": ("chemical", "reactor", "smallmolecule", "api"),
        "peptide_oligo": ("peptide", "oligo", "oligonucleotide"),
        "cell_gene": ("cgt", "cellandgene", "celltherapy", "genetherapy"),
        "fill_finish": ("fillfinish", "drugproduct", "sterilefill"),
    },
}
