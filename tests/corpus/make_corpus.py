"""Write the corpus of messy and hostile import files (run from anywhere; idempotent).

The files are committed; this script documents how each one was made and
re-creates them byte for byte. Every file refers only to rows of the stable
report dataset (Akeso, Cytiva, Ascentawits and their two sources), so the
tests can import them into a database built from that dataset.

    python tests/corpus/make_corpus.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
AKESO_SRC = "akeso-cytiva-flexfactory-2021"
ASC_SRC = "shenzhen-daily-ascentawits-2023"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).parent.mkdir(parents=True, exist_ok=True)
    (HERE / name).write_bytes(content.encode(encoding))


def raw(name: str, content: bytes) -> None:
    (HERE / name).parent.mkdir(parents=True, exist_ok=True)
    (HERE / name).write_bytes(content)


def accepted() -> None:
    # Friendly headers, every amount and date form the issue lists.
    text("good/funding_forms.csv", (
        "Company,Date,Round,Amount,Currency,Investors,Source\n"
        f"Akeso,2021-04-27,Series A,RMB 22.33 million,,Fund A; Fund B,{AKESO_SRC}\n"
        f"akeso,2021/4/27,Series B,US$683.2 million,,,{AKESO_SRC}\n"
        f"AKESO,27/04/2021,Series C,HK$1.2 billion,HKD,,{AKESO_SRC}\n"
        f"\"Akeso, Inc.\",\"April 26, 2021\",IPO,5 billion yuan,,,{AKESO_SRC}\n"
        f"9926.HK,\"Sept. 26, 2023\",Grant,2 billion,CNY,,{AKESO_SRC}\n"
        f"ascentawits,2021-04,Loan,1.5bn,USD,,{ASC_SRC}\n"
        f"Ascentawits Pharmaceuticals Ltd.,2019,Seed,80000,CNY,,{ASC_SRC}\n"
        f"ascentawits,44313,Angel,\"80,000\",EUR,,{ASC_SRC}\n"
        f"ascentawits,2020,Series D,over 2 billion,CNY,,{ASC_SRC}\n"
    ))
    # The same rows as Excel's "CSV UTF-8": a byte-order mark.
    text("good/funding_bom.csv", "\ufeff" + (HERE / "good/funding_forms.csv").read_text())
    # Chinese Excel: GB18030, Chinese headers and names.
    text("good/companies_gb18030.csv", (
        "名称,中文名,类型,股票代码,城市,来源\n"
        f"Kangfang Example,康方示例生物,biotech,HKEX:09999,广州,{AKESO_SRC}\n"
        f"Jinsai Example,晶赛示例,Biotech,,深圳,{ASC_SRC}\n"
    ), "gb18030")
    # Excel "Unicode text": UTF-16 with BOM, tab-separated; volume forms.
    text("good/capacity_utf16.txt", (
        "company_id\tsite_id\tdate\tlitres\tstatus\tsource_id\r\n"
        f"akeso\takeso-guangzhou-knowledge-city\t2022\t\"80,000 L\"\tplanned\t{AKESO_SRC}\r\n"
        f"akeso\takeso-guangzhou-knowledge-city\t2023\t80 000 L\tplanned\t{AKESO_SRC}\r\n"
        f"akeso\t\t2024-06\t8000\toperational\t{AKESO_SRC}\r\n"
    ), "utf-16")
    # European Excel: semicolons; area and investment forms.
    text("good/sites_semicolon.csv", (
        "id;company;name;kind;status;area;investment;since;source\n"
        f"akeso-example-a;Akeso;Example plant A;manufacturing;planned;8,000 sqm;"
        f"RMB 2 billion;2021-04;{AKESO_SRC}\n"
        f";Akeso;Example plant B;R&D;operational;8000 m²;;2021;{AKESO_SRC}\n"
    ))
    # Quoted fields with line breaks, trailing empty columns and rows.
    text("good/drugs_multiline.csv", (
        "id,name,company_id,modality,phase,first_in_class,description,source_id,,\n"
        "ak-ml-1,Multiline One,akeso,mAb,Phase 1,yes,"
        f"\"First line\nsecond line, with comma\",{AKESO_SRC},,\n"
        f"ak-ml-2,Multiline Two,akeso,bispecific,phase_2,no,\"He said \"\"hi\"\"\",{AKESO_SRC},,\n"
        ",,,,,,,,,\n\n\n"
    ))
    # Comment lines before the header, as `bioterm template` writes them.
    text("good/milestones_commented.csv", (
        "# bioterm import template for milestones.\n"
        "# date: a date\n"
        "drug_id,kind,date,region,source_id\n"
        f"Penpulimab,NDA submitted,44197,CN,{AKESO_SRC}\n"
        f"cadonilimab,approved,2022-06-29,CN,{AKESO_SRC}\n"
    ))
    # A header and nothing else: nothing to do (exit 0).
    text("good/drugs_header_only.csv", "id,name,company_id,modality,phase,source_id\n")
    # Cells an export neutralised with a leading ' keep their text.
    text("good/drugs_quoted_formulas.csv", (
        "id,name,company_id,modality,phase,description,source_id\n"
        f"ak-formula,'=HYPERLINK(\"x\"),akeso,mab,phase_1,'-starts with a dash,{AKESO_SRC}\n"
    ))
    # A unit in the header applies to the plain numbers below it.
    text("good/funding_header_unit.csv", (
        "company_id,date,kind,Amount (RMB million),source_id\n"
        f"akeso,2018,series_a,22.33,{AKESO_SRC}\n"
    ))
    # Markup and SQL in names are data; they are stored and shown literally.
    text("good/companies_markup.csv", (
        "id,name,kind,source_id\n"
        f"markup-co,[bold red]Loud[/] Corp,biotech,{AKESO_SRC}\n"
        f"sql-co,\"x'); DROP TABLE companies;--\",biotech,{AKESO_SRC}\n"
    ))
    # One run of three files that refer to each other (given in reverse order).
    text("multi/3_drugs.csv", (
        "id,name,company,modality,phase,source\n"
        "mx-101,MX-101,Multi Example Bio,small molecule,preclinical,Multi example report\n"
    ))
    text("multi/2_companies.csv", (
        "name,name_zh,kind,source_id\n"
        "Multi Example Bio,多例生物,biotech,multi-example-report\n"
    ))
    text("multi/1_sources.csv", (
        "title,publisher,date,url\n"
        "Multi example report,Example Daily,2024-01-02,https://example.com/multi\n"
    ))


def refused() -> None:
    text("bad/unknown_column.csv", (
        f"id,name,company_id,modality,phase,source_id,Colour\nx-1,X,akeso,mab,phase_1,{AKESO_SRC},red\n"
    ))
    text("bad/missing_required.csv",
         f"id,name,company_id,modality,source_id\nx-1,X,akeso,mab,{AKESO_SRC}\n")
    text("bad/wrong_type.csv", (
        "company_id,date,kind,amount,source_id\n"
        f"akeso,2021,grant,5,{AKESO_SRC}\n"
        f"akeso,soon,award,5,{AKESO_SRC}\n"
    ))
    text("bad/negative_amount.csv", (
        f"company_id,date,kind,amount,source_id\nakeso,2021,grant,-5 million,{AKESO_SRC}\n"
    ))
    text("bad/unknown_enum.csv", (
        f"id,name,company_id,modality,phase,source_id\nx-1,X,akeso,mab,Phase 7,{AKESO_SRC}\n"
    ))
    text("bad/unknown_company.csv", (
        "id,name,company_id,modality,phase,source_id\n"
        f"x-1,X,Umbrella Corp,mab,phase_1,{AKESO_SRC}\n"
    ))
    text("bad/duplicate_key.csv", (
        "id,name,company_id,modality,phase,source_id\n"
        f"x-1,X,akeso,mab,phase_1,{AKESO_SRC}\n"
        f"x-1,X again,akeso,mab,phase_2,{AKESO_SRC}\n"
    ))
    text("bad/too_many_cells.csv", (
        "company_id,date,kind,source_id\n"
        f"akeso,2021,grant,{AKESO_SRC},surprise\n"
    ))
    raw("bad/binary.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    raw("bad/empty.csv", b"")
    text("bad/conflicting_currency.csv", (
        "company_id,date,kind,amount,currency,source_id\n"
        f"akeso,2021,grant,US$5 million,CNY,{AKESO_SRC}\n"
    ))
    text("bad/ambiguous_date.csv", (
        f"company_id,date,kind,amount,source_id\nakeso,04/05/2021,grant,5,{AKESO_SRC}\n"
    ))
    text("bad/escape_sequence.csv", (
        f"id,name,kind,source_id\nesc-co,\x1b[31mRed\x1b[0m \x1b]0;pwned\x07,biotech,{AKESO_SRC}\n"
    ))
    text("bad/unbalanced_quote.csv", (
        f"id,name,kind,source_id\nq-co,\"Unclosed,biotech,{AKESO_SRC}\nr-co,R,biotech,{AKESO_SRC}\n"
    ))
    text("bad/unknown_table.csv", "colour,size\nred,5\n")


if __name__ == "__main__":
    accepted()
    refused()
