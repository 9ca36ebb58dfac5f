"""Record each data file's SHA-256 and size in data/datapackage.json.

Run after a deliberate, reviewed change to a CSV in data/ (for example a corrected
transcription). Loading then fails loudly if a file is altered by accident.

    python scripts/update_data_hashes.py
"""
import hashlib
import json
import pathlib

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def main() -> None:
    path = DATA / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        content = (DATA / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"updated {len(package['resources'])} resources in {path}")


if __name__ == "__main__":
    main()
