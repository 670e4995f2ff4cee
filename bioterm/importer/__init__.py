"""CSV files -> validated records -> the store, all or nothing.

    reader.py      bytes -> header and rows (encodings, delimiters, line numbers)
    columns.py     header -> table and fields (aliases, units in brackets)
    convert.py     cell -> canonical value, per field kind
    references.py  names of companies, drugs, sites, sources -> ids
    rows.py        row -> tuple of values, problems as file:line: column: reason
    run.py         one import run: every file read and checked, then one transaction
    report.py      what the commands print
    template.py    `bioterm template` and the accepted forms in `import --help`

Exporting is `bioterm.exporter`; writing, undo and history are in `bioterm.store`.
"""
