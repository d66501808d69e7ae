#!/usr/bin/env bash
# Runs the test suite with the clock set to later dates (1 June 2027, 1 January 2029), to catch tests and
# rules that follow the real date instead of taking "today" as a parameter. Extra arguments go to pytest.
# Needs faketime (installed with apt when run as root). PYTHON=... chooses the interpreter (default .venv).
#
# Only the wall clock is faked (FAKETIME_DONT_FAKE_MONOTONIC=1): with a faked monotonic clock Qt's timers and
# Python's timed waits hang. Under libfaketime 0.9.10 Python's time.sleep() then fails with EINVAL, so tests
# wait on events and conditions rather than sleep.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-.venv/bin/python}"

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    echo "faketime is missing: sudo apt-get install faketime" >&2; exit 1
  fi
fi

failed=()
for day in 2027-06-01 2029-01-01; do
  echo "== the clock at $day"
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$day 12:00:00" "$PYTHON" -m pytest -q -p no:cacheprovider "$@" ||
    failed+=("$day")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "The suite fails with the clock at: ${failed[*]}" >&2
  exit 1
fi
echo "The suite passes with the clock at 2027-06-01 and 2029-01-01."
