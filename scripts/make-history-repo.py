#!/usr/bin/env python3
"""Makes a git repository of N commits (default 10,000) with `git fast-import`, for timing
`palisade secrets history`: each commit changes one to five lines of one of 200 text files, and
every 500th commit adds a fake credential (a GitHub token with a valid checksum, generated here
from a fixed seed; none is real).

    scripts/make-history-repo.py bench-data/history-10k [--commits N]
    cd bench-data/history-10k && palisade secrets history --format json > /dev/null
"""
import argparse, os, subprocess, sys

parser = argparse.ArgumentParser()
parser.add_argument('out')
parser.add_argument('--commits', type=int, default=10_000)
args = parser.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secretfixtures  # noqa: E402

secretfixtures.reseed(0x415)
rng = secretfixtures.rng

os.makedirs(args.out, exist_ok=True)
subprocess.run(['git', 'init', '-q', '-b', 'main', args.out], check=True)
files = {f'src/module_{i:03}.py': [f'# module {i}\n'] + [f'value_{j} = {rng.randint(0, 9999)}\n' for j in range(40)]
         for i in range(200)}
stream = []
for number in range(1, args.commits + 1):
    path = rng.choice(list(files))
    lines = files[path]
    for _ in range(rng.randint(1, 5)):
        lines[rng.randrange(1, len(lines))] = f'value_{rng.randint(0, 99)} = {rng.randint(0, 99999)}\n'
    if number % 500 == 0:
        lines.append('GITHUB_TOKEN = "' + secretfixtures.checksummed('ghp_') + '"\n')
    data = ''.join(lines).encode()
    message = f'change {number}\n'.encode()
    stream.append(b'commit refs/heads/main\n')
    stream.append(f'committer Dev <dev@example.com> {1_700_000_000 + number * 60} +0000\n'.encode())
    stream.append(b'data %d\n%s' % (len(message), message))
    stream.append(b'M 100644 inline %s\ndata %d\n%s\n' % (path.encode(), len(data), data))
subprocess.run(['git', '-C', args.out, 'fast-import', '--quiet'], input=b''.join(stream), check=True)
subprocess.run(['git', '-C', args.out, 'checkout', '-q', 'main'], check=True)
print(f'{args.commits} commits in {args.out}')
