"""Bring your own data: import a branch's customer, opportunity and holdings lists (`.xlsx` or
`.csv`) into the course's tools, with column mapping, row-by-row checks and templates.

``readers`` (files to cells, with size limits), ``mapping`` (headers recognised and remembered),
``cells`` and ``schemas`` (one row schema per table), ``tables`` (one call per table),
``templates`` (an empty workbook per table), ``rollup`` (aggregates for the instructor),
``widgets`` (the upload panel)::

    from salestrain.imports import load_customers
    customers, rejected = load_customers("my_customers.xlsx")
"""

from salestrain.core.exports import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    "readers": ["ImportFileError"],
    "tables": ["ImportResult", "Rejection", "load", "load_customers", "load_opportunities",
               "load_holdings"],
    "templates": ["write_template"],
    "widgets": ["ImportPanel"],
})
