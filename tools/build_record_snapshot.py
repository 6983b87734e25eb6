"""Build the record snapshot bundled with bilan (bilan/data/record_snapshot.json.gz).

    python3 tools/build_record_snapshot.py [RECORD_DIR] [--out FILE]

RECORD_DIR is a directory in the layout of shared/reference (default: ../shared/reference).
The snapshot is the normalised record, not the published files: the General Staff's columns
per report date, the corrections placed on the dates they apply to, and Oryx's rows from the
scrape covering each date (status columns included), as `bilan.record.read_normalised`
gives them, with the sources, their licences and the build date. `bilan` loads it when no
--record, $BILAN_RECORD or downloaded record is there.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bilan.model import BilanError  # noqa: E402
from bilan.record import SNAPSHOT_FILE, SOURCE_DESCRIPTIONS, load_snapshot, read_normalised  # noqa: E402

# Where the reference files come from (shared/reference/README.md): named in the snapshot.
PROVENANCE = {
    "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset": "data/ at the commit of the copy used",
    "https://github.com/scarnecchia/oryx_data": "daily_count.csv at commits 4c0224a, 42b87c2 and a8624b4",
}


def build(source: Path, out: Path) -> dict:
    data, warnings = read_normalised(source)
    data["meta"] = {
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "from": source.name,
        "sources": [{"name": name, "url": url, "license": licence, "files": PROVENANCE.get(url, "")}
                    for name, url, licence in SOURCE_DESCRIPTIONS],
        "warnings": warnings,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("record", nargs="?", default=str(ROOT.parent / "shared" / "reference"))
    parser.add_argument("--out", default=str(ROOT / "bilan" / "data" / SNAPSHOT_FILE))
    args = parser.parse_args()
    out = Path(args.out)
    try:
        build(Path(args.record), out)
        loaded = load_snapshot(out)  # what bilan will read, read back
    except BilanError as problem:
        sys.exit(f"error: {problem}")
    print(f"{out}: {out.stat().st_size:,} bytes; reports {loaded.first_date} to {loaded.last_date}; "
          f"series {', '.join(loaded.series)}")


if __name__ == "__main__":
    main()
