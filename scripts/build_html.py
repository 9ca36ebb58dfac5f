"""Build the static HTML edition of the course: one page per section notebook and an index.

Each notebook is run afresh on a temporary copy (the committed notebooks are not touched), with
the explorers shown at their starting settings. The pages work offline and without a kernel.

    python scripts/build_html.py [--out site]
"""
import argparse
import logging
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ (never installed) and the course package, also when it is not installed

from tools.html_edition import BuildError, build  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument("--notebooks", type=pathlib.Path, default=ROOT / "notebooks",
                        help="folder of the section notebooks (default: notebooks/)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="notebooks run at a time (default: one per core, at most 4)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed for one cell (default: 600)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s")
    logging.getLogger("tools").setLevel(logging.INFO)
    start = time.monotonic()
    try:
        pages = build(args.notebooks, args.out, timeout=args.timeout, jobs=args.jobs)
    except BuildError as error:
        print(f"build_html: {error}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in pages) / 1e6
    print(f"Wrote {len(pages)} pages ({size:.1f} MB) and index.html to {args.out} "
          f"in {time.monotonic() - start:.0f} s. Open {args.out / 'index.html'} in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
