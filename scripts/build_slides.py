"""Build reveal.js slide decks for lecturers, one per section notebook, from the notebooks' stored outputs.

The notebooks are read, never run or written. The decks work offline: reveal.js comes from the pinned
npm package in tools/slides/ (install it once with `npm ci --prefix tools/slides`) and is copied next
to them. Open build/slides/index.html, or serve the folder (python -m http.server -d build/slides).

    python scripts/build_slides.py [NN ...] [--out build/slides]
"""
import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ (never installed) and the course package, also when it is not installed

from tools.slide_decks import REVEAL_PACKAGE, RevealMissing, SlidesError, build, reveal_version  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", metavar="NN",
                        help="section numbers to build, like 00 03 (default: every section)")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "slides",
                        help="output folder (default: build/slides/)")
    parser.add_argument("--notebooks", type=pathlib.Path, default=ROOT / "notebooks",
                        help="folder of the section notebooks (default: notebooks/)")
    parser.add_argument("--reveal", type=pathlib.Path, default=REVEAL_PACKAGE,
                        help="the installed reveal.js package (default: tools/slides/node_modules/reveal.js)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        version = reveal_version(args.reveal)
        decks = build(args.notebooks, args.out, args.sections, package=args.reveal)
    except RevealMissing as error:
        print(f"build_slides: {error}", file=sys.stderr)
        return 2
    except SlidesError as error:
        print(f"build_slides: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(decks)} slide deck(s) with reveal.js {version} to {args.out} in "
          f"{time.monotonic() - start:.1f} s. Open {args.out / 'index.html'} in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
