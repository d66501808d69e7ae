"""Entry point of the frozen application: the same command line as ``cica-coordinator``."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
