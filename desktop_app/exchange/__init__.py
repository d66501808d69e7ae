"""Files in and out: data packages, CSV/XLSX/ROR imports, with validation."""
