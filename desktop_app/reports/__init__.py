"""Reports for the working group: PDF in every script, XLSX and CSV. Qt-free.

How it fits together
--------------------
- :mod:`model` — the neutral document (headings, text, key-value blocks, tables, charts).
- :mod:`registry` — the report kinds and :func:`registry.build_report` (gather, then write).
- :mod:`pdf`, :mod:`pdf_flowables`, :mod:`textlayout`, :mod:`fonts` — the PDF writer; text of every
  script is set by our own layout (font per script run, bidi, HarfBuzz shaping), never as markup.
- :mod:`spreadsheets` — XLSX and CSV, with formula injection neutralised.
- ``kinds/`` — one module per report kind.

Adding a report kind (e.g. "agreement register" from the agreements area)
-------------------------------------------------------------------------
1. Write ``desktop_app/reports/kinds/agreement_register.py``::

       from desktop_app.i18n import N_
       from desktop_app.reports.kinds.common import new_document, number, state
       from desktop_app.reports.model import Column, Heading, Table
       from desktop_app.reports.registry import ReportContext, ReportKind
       from desktop_app.services import agreements          # your area's read-only queries

       def gather(ctx: ReportContext):
           _ = ctx._                                         # the REPORT's language, not the interface's
           rows = agreements.for_report(ctx.db)              # plain data, read in one session
           doc = new_document(ctx, _("Agreement register"))  # cover, header, personal-data note
           doc.add(Heading(_("Agreements")),
                   Table(_("Agreements"), [Column(_("Partners"), 3), Column(_("Expires"), 1)],
                         [[r.partners, format_date(r.expires, lang=ctx.options.lang)] for r in rows],
                         values=[[r.partners, r.expires] for r in rows]))   # typed values for XLSX/CSV
           return doc

       KIND = ReportKind("agreement-register", N_("Agreement register"), tabular=True, gather=gather)

2. Append ``"desktop_app.reports.kinds.agreement_register"`` to ``registry.KIND_MODULES``.

That is all: the CLI (``report list``, ``report agreement-register --format xlsx …``), the Reports
page and every output format pick it up. Rules for a ``gather`` function: translate with ``ctx._`` /
``ctx.tr.ngettext`` and format with ``lang=ctx.options.lang``; leave personal data out unless
``ctx.options.include_personal_data``; call ``ctx.progress.check_cancelled()`` in long loops; put
``Chart("bar"|"pie", …)`` blocks for figures worth seeing; set ``document.table_of_contents`` for
long reports. Besides tables and charts a report can hold a ``YearPlanner`` (coloured date spans per
row over a year, drawn by :mod:`pdf_planner`), give rows to highlight (``Table.highlight``), keep a
table out of the spreadsheets (``in_sheets=False``) or add sheet-only tables
(``Document.sheet_only``). A kind that needs a joint programme or a year says so
(``needs_programme``, ``uses_year``): the Reports page and ``report --programme/--year`` offer them.
"""
