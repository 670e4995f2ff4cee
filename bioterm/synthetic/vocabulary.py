"""Vocabulary and name builders for the synthetic large database (see generate.py).

The distributions are rough shapes of the real industry — most programmes
preclinical, small molecules and antibodies dominant, China and the US the
biggest regions — so that query plans and screens meet realistic skew.
Chinese names are built from a small syllable table whose pinyin is known,
because asking pypinyin about a hundred thousand names would take minutes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PUBLISHER = "bioterm synthetic data"
Row = tuple[Any, ...]

ZH_SYLLABLES: tuple[tuple[str, str], ...] = (
    ("康", "kang"), ("方", "fang"), ("恒", "heng"), ("瑞", "rui"), ("信", "xin"),
    ("达", "da"), ("百", "bai"), ("君", "jun"), ("复", "fu"), ("星", "xing"),
    ("明", "ming"), ("海", "hai"), ("天", "tian"), ("晴", "qing"), ("科", "ke"),
    ("伦", "lun"), ("齐", "qi"), ("鲁", "lu"), ("先", "xian"), ("声", "sheng"),
    ("翰", "han"), ("森", "sen"), ("豪", "hao"), ("泽", "ze"), ("诺", "nuo"),
    ("亚", "ya"), ("博", "bo"), ("安", "an"), ("宁", "ning"), ("泰", "tai"),
    ("嘉", "jia"), ("源", "yuan"), ("益", "yi"), ("联", "lian"), ("云", "yun"),
    ("金", "jin"), ("光", "guang"), ("新", "xin"), ("润", "run"), ("德", "de"),
    ("普", "pu"), ("健", "jian"), ("迈", "mai"), ("凯", "kai"), ("睿", "rui"),
    ("昂", "ang"), ("荣", "rong"), ("宜", "yi"), ("远", "yuan"), ("贝", "bei"),
    ("思", "si"), ("英", "ying"), ("杰", "jie"), ("美", "mei"), ("丽", "li"),
    ("东", "dong"), ("南", "nan"), ("松", "song"), ("林", "lin"), ("峰", "feng"),
)
"""Characters with one common reading, so the pinyin written here is what pypinyin says."""

ZH_SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("生物", "shengwu", "Biologics"),
    ("医药", "yiyao", "Pharmaceutical"),
    ("制药", "zhiyao", "Pharma"),
    ("药业", "yaoye", "Pharmaceutical Co."),
    ("生物科技", "shengwukeji", "Biotechnology"),
    ("医疗", "yiliao", "Medical"),
)

LATIN_HEADS = (
    "Al", "Ar", "Bel", "Cor", "Dyn", "Ev", "Gen", "Hel", "Im", "Jan", "Ky", "Lum", "Mer",
    "Nov", "Or", "Pyx", "Quan", "Ren", "Syn", "Ther", "Ul", "Ver", "Xen", "Zy", "Ab", "Cel",
    "Ep", "Fi", "Gal", "Ist", "Kor", "Lex", "Mon", "Neu", "Op", "Pra", "Rho", "Sol", "Tes",
    "Vir", "Ax", "Bri", "Cy", "Den", "El", "Fre", "Gly", "Hy", "Io", "Ju", "Kai", "Lyr",
)
LATIN_MIDS = ("a", "e", "i", "o", "vi", "ra", "li", "ne", "ta", "mo", "ca", "xi", "da", "")
LATIN_TAILS = (
    "gen", "nix", "ra", "vant", "cyte", "mune", "thera", "bio", "vax", "nova", "sys", "lex",
    "via", "gene", "rion", "tas", "dex", "lon", "mab", "tek",
)
COMPANY_SUFFIX = {
    "biotech": ("Therapeutics", "Bio", "Biosciences", "Biotherapeutics", "Oncology",
                "Genomics", "Medicines"),
    "pharma": ("Pharmaceuticals", "Pharma", "Healthcare", "Laboratories"),
    "cdmo": ("Biologics", "Biomanufacturing", "BioServices", "CDMO"),
    "cro": ("Clinical Research", "Research Services", "Trials"),
    "supplier": ("Bioprocess", "Life Sciences", "Instruments", "Scientific"),
    "investor": ("Capital", "Ventures", "Partners", "Healthcare Fund", "Investment"),
}
FIELDS = ("Biomedicine", "Materia Medica", "Immunology", "Bioengineering", "Life Sciences")

COMPANY_KINDS = (
    ("biotech", 60), ("pharma", 8), ("cdmo", 5), ("cro", 4), ("supplier", 5),
    ("investor", 12), ("government", 2), ("university", 3), ("research_institute", 1),
)
DRUG_OWNERS = {"biotech": 1.0, "pharma": 25.0, "university": 0.5, "research_institute": 0.5}
SITE_OWNERS = {"biotech": 1.0, "pharma": 6.0, "cdmo": 12.0, "cro": 2.0, "supplier": 2.0,
               "university": 0.5, "research_institute": 0.5}

PHASES = (
    ("preclinical", 44), ("phase_1", 20), ("phase_1_2", 5), ("phase_2", 13),
    ("phase_2_3", 2), ("phase_3", 6), ("registrational", 1), ("filed", 1.5),
    ("approved", 5), ("discontinued", 2.5),
)
PHASE_MILESTONES = {
    "preclinical": (),
    "phase_1": ("ind_cleared", "phase_1_started"),
    "phase_1_2": ("ind_cleared", "phase_1_started"),
    "phase_2": ("ind_cleared", "phase_1_started", "phase_2_started"),
    "phase_2_3": ("ind_cleared", "phase_1_started", "phase_2_started"),
    "phase_3": ("ind_cleared", "phase_1_started", "phase_2_started", "phase_3_started"),
    "registrational": ("ind_cleared", "phase_1_started", "phase_2_started", "phase_3_started"),
    "filed": ("phase_1_started", "phase_2_started", "phase_3_started", "nda_submitted"),
    "approved": ("phase_2_started", "phase_3_started", "nda_submitted", "approved"),
    "discontinued": ("ind_cleared", "phase_1_started"),
}
MODALITIES = (
    ("small_molecule", 34), ("mab", 15), ("bispecific", 5), ("adc", 5), ("smdc", 1),
    ("cell_therapy", 10), ("gene_therapy", 6), ("vaccine", 6), ("protein", 5),
    ("peptide", 4), ("oligonucleotide", 3), ("mrna", 2), ("radiopharmaceutical", 1.5),
    ("other", 2.5),
)
STEMS = {
    "small_molecule": ("tinib", "ciclib", "parib", "lisib", "rafenib", "sertib", "degib",
                       "stat", "vir", "gliptin", "flozin", "prazole"),
    "mab": ("lizumab", "limab", "tamab", "cimab", "zumab", "umab", "ximab"),
    "bispecific": ("tamig", "stomig", "tamab", "bart"),
    "adc": ("mab vedotin", "mab deruxtecan", "mab govitecan", "mab tesirine"),
    "smdc": ("tide conjugate", "zotide"),
    "cell_therapy": ("leucel", "temcel", "autoleucel"),
    "gene_therapy": ("parvovec", "repvec", "genvec"),
    "vaccine": ("vac",),
    "protein": ("cept", "ase", "fermin", "poetin"),
    "peptide": ("glutide", "relin", "pressin", "tide"),
    "oligonucleotide": ("rsen", "siran", "lirsen"),
    "mrna": ("meran",),
    "radiopharmaceutical": ("tide (177Lu)", "zotide (225Ac)"),
    "other": ("stat", "ide"),
}
TARGETS = (
    "PD-1", "PD-L1", "HER2", "EGFR", "CD20", "CD19", "BCMA", "VEGF", "TROP2", "Claudin18.2",
    "CTLA-4", "TIGIT", "LAG-3", "KRAS G12C", "BTK", "JAK1", "IL-17A", "IL-23", "TNF-α",
    "GLP-1R", "GIP", "PCSK9", "ANGPTL3", "FGFR2", "MET", "ALK", "ROS1", "BCL2", "CDK4/6",
    "PARP", "PI3Kδ", "EZH2", "FcRn", "C5", "IL-4Rα", "TSLP", "B7-H3", "Nectin-4", "DLL3",
    "GPRC5D", "CD3", "CD47", "4-1BB", "HBV", "RSV F", "SARS-CoV-2 spike", "TfR1", "KIT",
)
INDICATIONS = (
    "non-small cell lung cancer", "breast cancer", "gastric cancer", "colorectal cancer",
    "hepatocellular carcinoma", "multiple myeloma", "diffuse large B-cell lymphoma",
    "chronic lymphocytic leukaemia", "acute myeloid leukaemia", "melanoma",
    "prostate cancer", "ovarian cancer", "pancreatic cancer", "nasopharyngeal carcinoma",
    "type 2 diabetes", "obesity", "psoriasis", "atopic dermatitis", "rheumatoid arthritis",
    "ulcerative colitis", "Crohn's disease", "systemic lupus erythematosus", "asthma",
    "COPD", "hypercholesterolaemia", "heart failure", "Alzheimer's disease",
    "Parkinson's disease", "chronic hepatitis B", "RSV infection", "COVID-19",
    "haemophilia A", "spinal muscular atrophy", "Duchenne muscular dystrophy",
    "myasthenia gravis", "IgA nephropathy", "NASH", "solid tumours",
)
REGIONS = (("CN", 40), ("US", 35), ("EU", 12), ("JP", 5), ("KR", 3), ("AU", 3), ("UK", 2))

CITIES: tuple[tuple[str, str, str, float], ...] = (
    ("Shanghai", "Shanghai", "China", 9), ("Suzhou", "Jiangsu", "China", 6),
    ("Beijing", "Beijing", "China", 7), ("Shenzhen", "Guangdong", "China", 5),
    ("Guangzhou", "Guangdong", "China", 4), ("Hangzhou", "Zhejiang", "China", 4),
    ("Wuxi", "Jiangsu", "China", 2), ("Nanjing", "Jiangsu", "China", 3),
    ("Chengdu", "Sichuan", "China", 3), ("Wuhan", "Hubei", "China", 2),
    ("Taizhou", "Jiangsu", "China", 1.5), ("Hong Kong", "Hong Kong", "China", 2),
    ("Boston", "Massachusetts", "United States", 7),
    ("Cambridge", "Massachusetts", "United States", 5),
    ("South San Francisco", "California", "United States", 5),
    ("San Diego", "California", "United States", 4),
    ("New York", "New York", "United States", 3),
    ("Philadelphia", "Pennsylvania", "United States", 2),
    ("Durham", "North Carolina", "United States", 2),
    ("Seattle", "Washington", "United States", 1.5),
    ("Basel", "Basel-Stadt", "Switzerland", 2), ("London", "England", "United Kingdom", 2.5),
    ("Oxford", "England", "United Kingdom", 1), ("Paris", "Île-de-France", "France", 1.5),
    ("Munich", "Bavaria", "Germany", 1.5), ("Copenhagen", "Capital Region", "Denmark", 1),
    ("Dublin", "Leinster", "Ireland", 1), ("Cork", "Munster", "Ireland", 0.8),
    ("Tokyo", "Tokyo", "Japan", 2.5), ("Osaka", "Osaka", "Japan", 1),
    ("Seoul", "Seoul", "South Korea", 2), ("Incheon", "Incheon", "South Korea", 1),
    ("Singapore", "", "Singapore", 1.5), ("Hyderabad", "Telangana", "India", 1.5),
    ("Bengaluru", "Karnataka", "India", 1), ("Sydney", "New South Wales", "Australia", 1),
    ("Tel Aviv", "Tel Aviv", "Israel", 0.8), ("Toronto", "Ontario", "Canada", 1),
)
SITE_KINDS = (("manufacturing", 45), ("rnd", 30), ("rnd_manufacturing", 15), ("office", 10))
SITE_STATUSES = (("operational", 70), ("under_construction", 12), ("planned", 12),
                 ("closed", 6))
TECHNOLOGIES = (
    "Single-use bioreactors", "Stainless-steel bioreactors", "Continuous bioprocessing",
    "Fed-batch cell culture", "Perfusion cell culture", "Viral vector production",
    "Aseptic fill-finish", "ADC conjugation suite", "Oral solid dose", "mRNA-LNP line",
)
FUNDING_KINDS = (
    ("seed", 8), ("angel", 4), ("pre_a", 6), ("series_a", 16), ("series_b", 12),
    ("series_c", 7), ("series_d", 3), ("series_e", 1), ("series_f", 0.5),
    ("pre_ipo", 2), ("ipo", 3), ("placement", 5), ("strategic", 6), ("grant", 10),
    ("subsidy", 6), ("award", 3), ("government_fund", 2), ("loan", 4), ("other", 1.5),
)
FUNDING_MEDIAN_USD = {
    "seed": 2e6, "angel": 1e6, "pre_a": 5e6, "series_a": 2e7, "series_b": 5e7,
    "series_c": 8e7, "series_d": 1.2e8, "series_e": 1.5e8, "series_f": 2e8, "pre_ipo": 1e8,
    "ipo": 2.5e8, "placement": 1.5e8, "strategic": 1e8, "grant": 1e6, "subsidy": 5e5,
    "award": 2e5, "government_fund": 5e7, "loan": 3e7, "other": 1e7,
}
CURRENCIES = (("USD", 45), ("CNY", 35), ("HKD", 6), ("EUR", 8), ("GBP", 3), ("JPY", 3))
USD_PER_UNIT = {"USD": 1.0, "CNY": 0.148, "HKD": 0.128, "EUR": 1.12, "GBP": 1.3,
                "JPY": 0.0085}
"""Rough annual averages; each year wobbles around these (synthetic, clearly labelled)."""
PARTNERSHIP_KINDS = (
    ("research", 20), ("manufacturing", 20), ("supply", 10), ("licensing", 25),
    ("co_development", 10), ("commercial", 8), ("investment", 5), ("government_support", 2),
)
CAPACITY_STEP_LITRES = (500, 1000, 2000, 2000, 4000, 5000, 12000, 15000, 20000)


@dataclass(frozen=True)
class Weighted:
    """A population with cumulative weights, for fast repeated `choices` calls."""

    values: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Sequence[tuple[str, float]]) -> Weighted:
        total, cum = 0.0, []
        for _, weight in pairs:
            total += weight
            cum.append(total)
        return cls(tuple(v for v, _ in pairs), tuple(cum))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]

    def many(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.values, cum_weights=self.cum, k=k)


def latin_word(rng: random.Random) -> str:
    return rng.choice(LATIN_HEADS) + rng.choice(LATIN_MIDS) + rng.choice(LATIN_TAILS)


@dataclass(frozen=True)
class ZhName:
    name_zh: str
    pinyin: str
    initials: str
    english_head: str
    english_suffix: str


def zh_name(rng: random.Random) -> ZhName:
    syllables = [rng.choice(ZH_SYLLABLES) for _ in range(rng.choice((2, 2, 2, 3)))]
    suffix_zh, suffix_py, suffix_en = rng.choice(ZH_SUFFIXES)
    head_py = "".join(p for _, p in syllables)
    # Initials follow pypinyin's syllable split: one letter per character.
    suffix_initials = "".join(
        py[0] for py in _SUFFIX_SYLLABLES[suffix_zh]
    )
    return ZhName(
        name_zh="".join(c for c, _ in syllables) + suffix_zh,
        pinyin=head_py + suffix_py,
        initials="".join(p[0] for _, p in syllables) + suffix_initials,
        english_head=head_py.capitalize(),
        english_suffix=suffix_en,
    )


_SUFFIX_SYLLABLES = {
    "生物": ("sheng", "wu"), "医药": ("yi", "yao"), "制药": ("zhi", "yao"),
    "药业": ("yao", "ye"), "生物科技": ("sheng", "wu", "ke", "ji"), "医疗": ("yi", "liao"),
}


def code_prefix(name: str) -> str:
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    return ("".join(letters[:2]) or "X").upper() + name[1:2].upper()


def drug_inn(rng: random.Random, modality: str) -> str:
    head = rng.choice(LATIN_HEADS).lower() + rng.choice(LATIN_MIDS) + rng.choice(("", "li", "ro"))
    name = head + rng.choice(STEMS[modality])
    if modality == "vaccine":
        return name.capitalize() + " vaccine"
    return name.capitalize()


def company_name(rng: random.Random, kind: str, city: str, zh: ZhName | None) -> str:
    if kind == "government":
        return f"{city} {rng.choice(('Science and Technology Bureau', 'Health Commission', 'Development and Reform Commission', 'Biomedicine Guidance Fund'))}"  # noqa: E501
    if kind == "university":
        return rng.choice((f"{city} Medical University", f"University of {city}",
                                f"{city} {latin_word(rng)} University"))
    if kind == "research_institute":
        return f"{city} Institute of {rng.choice(FIELDS)}"
    if zh is not None and kind in ("biotech", "pharma", "cdmo"):
        return f"{zh.english_head} {zh.english_suffix}"
    head = zh.english_head if zh is not None else latin_word(rng)
    return f"{head} {rng.choice(COMPANY_SUFFIX[kind])}"
