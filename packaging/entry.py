"""Entry point of the frozen application: the same command line as ``cica-coordinator``."""

import sys

# The bundle lives in a system folder (/opt, Program Files): never write bytecode caches beside it
# (Alembic imports the migration scripts as source files), so removal leaves nothing behind.
sys.dont_write_bytecode = True

import multiprocessing  # noqa: E402

from desktop_app.cli import main  # noqa: E402

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
