"""One module per report kind; each defines ``KIND`` (a ReportKind). See desktop_app/reports/__init__.py."""
