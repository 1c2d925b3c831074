#!/usr/bin/env python3
"""Build the regex benchmark's haystacks in bench-data/ (git-ignored).

bench-data/corpus.txt
    Exactly 16 MiB of real source text, valid UTF-8: Python standard-library modules
    (.py, site-packages left out), C headers under /usr/include (.h) and this repository's
    Sources/ (.swift). Each source's files are taken in sorted path order; the three streams
    are interleaved by always taking the next file from the stream that has contributed the
    fewest bytes so far, so any 64 KiB window holds a mix. Files that are not UTF-8 or hold
    NUL bytes are skipped. Then 200 secret-like tokens, ten for each of the benchmark's twenty
    secret patterns, are planted on lines of their own at fixed intervals; their random parts
    come from a fixed seed.

bench-data/corpus.manifest.txt
    Every file that went in (and how many bytes of it), the planted tokens with their byte
    offsets, and the corpus's SHA-256. The corpus depends on what this machine has installed
    and on the state of Sources/; the manifest says exactly which text was measured.

bench-data/pathological/{a,x}-N.txt
    N characters: N-1 copies of the letter and one '!' (no newline), for N in SIZES. The '!'
    makes every pathological pattern fail, which is what drives a backtracker through all of
    its alternatives: `(a+)+$` on a run of 'a' alone would match at once.

The script prints how many tokens of each kind it planted.
"""

from __future__ import annotations

import hashlib
import os
import random
import string
import sys
import sysconfig
from pathlib import Path

CORPUS_SIZE = 16 * 1024 * 1024
SEED = 20240229
PLANTS_PER_KIND = 10
SIZES = [16, 24, 32, 48, 64, 1_000, 10_000, 100_000, 1_000_000]

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-data"

UPPER_DIGITS = string.ascii_uppercase + string.digits
LOWER_DIGITS = string.ascii_lowercase + string.digits
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"


def pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


# One maker per secret pattern of the benchmark (Benchmarks/RegexBenchmark/Cases.swift),
# in the same order. Each returns the whole planted line, without its newline. The
# surrounding text names no keyword of the generic-password pattern, so a plant of one
# kind is meant to be found by its own pattern only.
def plant_makers():
    return [
        ("aws-access-key", lambda r: f'aws_id = "AKIA{pick(r, UPPER_DIGITS, 16)}"'),
        ("github-pat", lambda r: f'gh = "ghp_{pick(r, ALNUM, 36)}"'),
        ("github-oauth", lambda r: f'gh_oauth = "gho_{pick(r, ALNUM, 36)}"'),
        ("github-app", lambda r: f'gh_app = "ghs_{pick(r, ALNUM, 36)}"'),
        ("github-fine-grained", lambda r: f'gh_fg = "github_pat_{pick(r, ALNUM + "_", 82)}"'),
        ("slack-token", lambda r: f'slack = "xoxb-{pick(r, string.digits, 12)}-{pick(r, string.digits, 12)}-{pick(r, ALNUM, 24)}"'),
        (
            "slack-webhook",
            lambda r: "hook = \"https://hooks.slack.com/services/"
            f"T{pick(r, UPPER_DIGITS, 9)}/B{pick(r, UPPER_DIGITS, 9)}/{pick(r, ALNUM, 24)}\"",
        ),
        ("stripe-live", lambda r: f'stripe = "sk_live_{pick(r, ALNUM, 32)}"'),
        ("google-api-key", lambda r: f'gcp = "AIza{pick(r, URLSAFE, 35)}"'),
        ("private-key", lambda r: "-----BEGIN RSA PRIVATE KEY-----"),
        (
            "jwt",
            lambda r: f'jwt = "eyJ{pick(r, URLSAFE, 20)}.eyJ{pick(r, URLSAFE, 40)}.{pick(r, URLSAFE, 43)}"',
        ),
        ("npm-token", lambda r: f'npm = "npm_{pick(r, ALNUM, 36)}"'),
        ("pypi-token", lambda r: f'pypi = "pypi-AgEIcHlwaS5vcmc{pick(r, URLSAFE, 60)}"'),
        ("gitlab-pat", lambda r: f'gl = "glpat-{pick(r, URLSAFE, 20)}"'),
        ("twilio-key", lambda r: f'tw = "SK{pick(r, HEX, 32)}"'),
        ("sendgrid-key", lambda r: f'sg = "SG.{pick(r, URLSAFE, 22)}.{pick(r, URLSAFE, 43)}"'),
        ("mailgun-key", lambda r: f'mg = "key-{pick(r, LOWER_DIGITS, 32)}"'),
        ("generic-password", lambda r: f'password = "{pick(r, ALNUM, 16)}"'),
        ("azure-storage-key", lambda r: f'conn = "AccountKey={pick(r, ALNUM + "+/", 86)}=="'),
        ("shopify-token", lambda r: f'shop = "shpat_{pick(r, HEX, 32)}"'),
    ]


def stdlib_files() -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in ("site-packages", "dist-packages", "__pycache__")]
        found += [Path(dirpath) / f for f in filenames if f.endswith(".py")]
    return sorted(found, key=str)


def header_files() -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk("/usr/include"):
        found += [Path(dirpath) / f for f in filenames if f.endswith(".h")]
    return sorted((p for p in found if p.is_file() and not p.is_symlink()), key=str)


def repo_sources() -> list[Path]:
    return sorted((p for p in (REPO / "Sources").rglob("*.swift") if p.is_file()), key=str)


def readable_text(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if b"\0" in data or not data:
        return None
    return data if data.endswith(b"\n") else data + b"\n"


def build_base(budget: int, manifest: list[str]) -> bytearray:
    streams = [("python", stdlib_files()), ("c-headers", header_files()), ("repo-swift", repo_sources())]
    taken = {name: 0 for name, _ in streams}
    cursor = {name: 0 for name, _ in streams}
    files = {name: paths for name, paths in streams}
    base = bytearray()
    while len(base) < budget:
        live = [name for name, _ in streams if cursor[name] < len(files[name])]
        if not live:
            sys.exit("make-bench-corpus: ran out of source files before 16 MiB")
        name = min(live, key=lambda n: (taken[n], [s for s, _ in streams].index(n)))
        path = files[name][cursor[name]]
        cursor[name] += 1
        data = readable_text(path)
        if data is None:
            continue
        room = budget - len(base)
        if len(data) > room:
            # Cut the last file at a line end so no UTF-8 sequence is split, then pad.
            cut = data.rfind(b"\n", 0, room)
            data = data[: cut + 1] if cut >= 0 else b""
            data += b"\n" * (room - len(data))
        base += data
        taken[name] += len(data)
        manifest.append(f"{name}\t{len(data)}\t{path}")
    manifest.insert(0, "# bytes by stream: " + ", ".join(f"{k}={v}" for k, v in taken.items()))
    return base


def main() -> None:
    rng = random.Random(SEED)
    makers = plant_makers()
    plants: list[tuple[str, bytes]] = []
    for _ in range(PLANTS_PER_KIND):
        for kind, make in makers:
            plants.append((kind, (make(rng) + "\n").encode()))
    planted_bytes = sum(len(line) for _, line in plants)

    manifest: list[str] = []
    base = build_base(CORPUS_SIZE - planted_bytes, manifest)

    # Plant the k-th token on its own line at the first line start at or after k * step.
    step = len(base) // len(plants)
    out = bytearray()
    previous = 0
    plant_log = []
    for k, (kind, line) in enumerate(plants):
        at = base.find(b"\n", max(k * step, previous)) + 1
        if at <= 0:
            at = len(base)
        out += base[previous:at]
        plant_log.append(f"{len(out)}\t{kind}\t{line.decode().rstrip()}")
        out += line
        previous = at
    out += base[previous:]
    assert len(out) == CORPUS_SIZE, len(out)
    out.decode("utf-8")  # still valid UTF-8

    OUT.mkdir(exist_ok=True)
    (OUT / "corpus.txt").write_bytes(out)
    digest = hashlib.sha256(out).hexdigest()
    with open(OUT / "corpus.manifest.txt", "w") as f:
        f.write(f"# corpus.txt: {len(out)} bytes, sha256 {digest}\n")
        f.write(f"# seed {SEED}, {len(plants)} planted tokens\n")
        f.write("\n".join(manifest) + "\n")
        f.write("# planted tokens: offset, kind, line\n")
        f.write("\n".join(plant_log) + "\n")

    patho = OUT / "pathological"
    patho.mkdir(exist_ok=True)
    for letter in "ax":
        for n in SIZES:
            (patho / f"{letter}-{n}.txt").write_bytes(letter.encode() * (n - 1) + b"!")

    print(f"wrote {OUT / 'corpus.txt'}: {len(out)} bytes, sha256 {digest}")
    print(manifest[0].lstrip("# "))
    print(f"planted {len(plants)} tokens ({PLANTS_PER_KIND} of each of {len(makers)} kinds):")
    for kind, _ in makers:
        print(f"  {kind}: {PLANTS_PER_KIND}")
    print(f"wrote {patho}/{{a,x}}-N.txt for N in {', '.join(map(str, SIZES))}")


if __name__ == "__main__":
    main()
