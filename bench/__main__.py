"""``python -m bench [NAME ...] [--quick]``: run the benchmarks (see bench/README.md)."""

import sys

from bench.harness import main

if __name__ == "__main__":
    sys.exit(main())
