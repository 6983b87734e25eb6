"""Install size and time of bilan into a fresh virtual environment.

    python3 bench/install_size.py [--source DIR] [--extras ner] [--venv /tmp/bilan-install]

Creates the venv anew, times `pip install [-c constraints] SOURCE[extras]` (a regular, not
editable, install, as a user's `pip install bilan` would be), then prints the size of
site-packages, whether spaCy came along, and whether `bilan check examples/articles` runs.
The constraints file is used when the source has one (requirements/constraints.txt).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path


def directory_size(path: Path) -> int:
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file() and not entry.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--extras", default="", help="comma-separated extras, e.g. ner")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/bilan-install"))
    args = parser.parse_args()

    source = args.source.resolve()
    shutil.rmtree(args.venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(args.venv)], check=True)
    python = args.venv / "bin" / "python"
    target = f"{source}[{args.extras}]" if args.extras else str(source)
    command = [str(python), "-m", "pip", "install", "-q", "--no-cache-dir"]
    constraints = source / "requirements" / "constraints.txt"
    if constraints.exists():
        command += ["-c", str(constraints)]
    command.append(target)

    started = time.perf_counter()
    subprocess.run(command, check=True)
    elapsed = time.perf_counter() - started

    site_packages = next((args.venv / "lib").glob("python*/site-packages"))
    size = directory_size(site_packages)
    distributions = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"], check=True, capture_output=True, text=True
    ).stdout.split()
    has_spacy = any(line.lower().startswith("spacy==") for line in distributions)
    check = subprocess.run(
        [str(args.venv / "bin" / "bilan"), "check", "examples/articles"],
        cwd=source,
        capture_output=True,
        text=True,
    )

    print(f"command: {' '.join(command[2:])}")
    print(f"install time: {elapsed:.1f} s")
    print(f"site-packages: {size / 2**20:.0f} MiB, {len(distributions)} distributions")
    print(f"spacy installed: {'yes' if has_spacy else 'no'}")
    print(f"bilan check examples/articles: exit {check.returncode}")
    if check.returncode != 0:
        print(check.stderr.strip().splitlines()[-1] if check.stderr.strip() else "(no stderr)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
