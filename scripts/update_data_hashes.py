"""Record each data file's SHA-256 and size in data/datapackage.json.

Run after a deliberate, reviewed change to a CSV in data/ (for example a corrected
transcription). Loading then fails loudly if a file is altered by accident. It names every
file whose hash or size changed, and says "no change" (leaving datapackage.json untouched)
when none did.

    python scripts/update_data_hashes.py              # the course's data/ package
    python scripts/update_data_hashes.py teaching/data # another package, e.g. the alternative task's
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def update(folder: pathlib.Path = DATA) -> list[str]:
    """Record the hashes and sizes in ``folder/datapackage.json``; return the paths that changed."""
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    changed = []
    for resource in package["resources"]:
        content = (folder / resource["path"]).read_bytes()
        new = {"hash": "sha256:" + hashlib.sha256(content).hexdigest(), "bytes": len(content)}
        if {key: resource.get(key) for key in new} != new:
            changed.append(resource["path"])
            resource.update(new)
    if changed:
        path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    folder = (pathlib.Path(argv[0]) if argv else DATA).resolve()
    if not (folder / "datapackage.json").exists():
        print(f"no datapackage.json in {folder}", file=sys.stderr)
        return 2
    try:
        changed = update(folder)
    except FileNotFoundError as error:
        print(f"a resource's file is missing: {error.filename}", file=sys.stderr)
        return 1
    where = folder / "datapackage.json"
    if not changed:
        print(f"no change: every hash and size in {where} is already up to date")
    for name in changed:
        print(f"updated hash and size of {name} in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
