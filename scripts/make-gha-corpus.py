#!/usr/bin/env python3
"""Replicate a fetched benchmark corpus N times, for timing at 1x, 10x, 50x.

usage: make-gha-corpus.py N [--src DIR] [--out DIR] [--force]

The source (default bench-data/gha-corpus, gathered as scripts/fetch-gha-corpus.md describes) is
copied N times into OUT (default bench-data/gha-gen-N): copy K goes to OUT/copy-K/, under which
the source's own layout is kept, so every workflow stays under a `.github/workflows/` folder and
every action stays an `action.yml` and both Palisade and zizmor pick them up by path. Each copy
is a distinct folder with distinct files (the bytes are the same: the scanners keep no cache
between files, and a per-file cost is what the series measures). The same script replicates
the Dockerfile corpus: `--src bench-data/docker-corpus --out bench-data/docker-gen-N`.

Hidden files other than the `.github` folder are not copied. OUT is left alone when it already
holds a stamp naming the same source, file list and N, unless --force is given; otherwise it is
removed and written again. Python 3 standard library only. Prints the number of files and bytes
written.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path


def source_files(src: Path) -> list[Path]:
    files = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part.startswith(".") and part != ".github" for part in rel.parts):
            continue
        if path.is_file():
            files.append(path)
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("copies", type=int, metavar="N")
    ap.add_argument("--src", default="bench-data/gha-corpus")
    ap.add_argument("--out")
    ap.add_argument("--force", action="store_true")
    o = ap.parse_args()
    if o.copies < 1:
        ap.error("N must be at least 1")
    src = Path(o.src)
    if not src.is_dir():
        print(f"make-gha-corpus.py: {src} not found; fetch the corpus first (scripts/fetch-gha-corpus.md)",
              file=sys.stderr)
        return 2
    out = Path(o.out or f"bench-data/gha-gen-{o.copies}")
    files = source_files(src)
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(src)} {path.stat().st_size}\n".encode())
    stamp_text = f"{src.resolve()} {digest.hexdigest()[:16]} x{o.copies}\n"
    stamp = out / ".stamp"
    if not o.force and stamp.is_file() and stamp.read_text() == stamp_text:
        print(f"{out}: up to date ({len(files) * o.copies} files)")
        return 0
    if out.exists():
        shutil.rmtree(out)
    written = size = 0
    for k in range(1, o.copies + 1):
        base = out / f"copy-{k:03d}"
        for path in files:
            target = base / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written += 1
            size += path.stat().st_size
    stamp.write_text(stamp_text)
    print(f"{out}: {o.copies} copies of {src}, {written} files, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
