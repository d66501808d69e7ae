"""The fuzz script in its quick mode: a few hundred mutated files through every importer, each in a worker
with a time limit — no crash, no hang, no row written after a refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_mutated_files_never_crash_hang_or_write_after_a_refusal():
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "fuzz_importers.py"), "--quick", "--json",
                             "--seed", "20261203"], cwd=REPO, capture_output=True, text=True, timeout=900)
    report = json.loads(result.stdout)
    total = report["total"]
    print(f"{total['trials']} files: {total.get('accepted', 0)} imported, {total.get('rejected', 0)} refused, "
          f"{total.get('crash', 0)} crashes, {total.get('hang', 0)} hangs, "
          f"{total.get('written_after_rejection', 0)} written after a refusal")
    assert total["trials"] >= 300 and len(report["formats"]) == 9
    assert total.get("crash", 0) == 0, report["crashes"]
    assert total.get("hang", 0) == 0, report["hangs"]
    assert total.get("written_after_rejection", 0) == 0, report["written_after_rejection"]
    assert result.returncode == 0, result.stderr[-2000:]
