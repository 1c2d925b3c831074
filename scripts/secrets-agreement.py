#!/usr/bin/env python3
"""Scores Palisade and detect-secrets against a secrets corpus's ground truth, line by line.

    scripts/secrets-agreement.py GROUND_TRUTH.json PALISADE.json DETECT_SECRETS.json \
        [--root CORPUS_DIR] [--json OUT.json] [--examples N]

GROUND_TRUTH.json is written by scripts/make-secrets-corpus.py; PALISADE.json by
`palisade scan CORPUS --kinds secrets --format json`; DETECT_SECRETS.json by
`detect-secrets scan --all-files CORPUS`. Paths in the three are made relative to the corpus root
(--root, by default the ground truth's folder).

A tool finds a planted secret when it reports a finding on the secret's file and on one of its
lines (a PEM block or a key file spans several). A reported line (file and line, whatever number
of findings or detectors on it) is a true positive when it is a planted secret's line, and a false
positive otherwise: on a decoy's line, or on a line that holds neither. So:

    recall    = planted secrets found / planted secrets
    precision = reported lines that are planted secrets' lines / reported lines

The report prints both tools' figures, recall per detector, every planted secret Palisade missed
or reported under another detector, and the distinct false positives of each tool with a redacted
excerpt of the line, grouped by what the line is, so a person can judge them. Secret values are
never printed: a long token in an excerpt is cut to its first four characters and its length.
"""
import argparse, collections, json, os, re, sys

TOKENISH = re.compile(r'[A-Za-z0-9+/_\-~$%*!#^]{16,}')


def norm(path, root):
    p = path.replace('\\', '/')
    if os.path.isabs(p):
        p = os.path.relpath(p, root)
    while p.startswith('./'):
        p = p[2:]
    return p


def redact(line, width=120):
    """Cuts every long token that has both letters and digits to its first four characters and its length."""
    def cut(m):
        t = m.group(0)
        if '_' in t and (t.upper() == t or t.lower() == t) and not re.search('[+/=]', t):
            return t  # an identifier: SIGNING_KEYSTORE_B64, deploy_key_v2
        if re.search('[A-Za-z]', t) and re.search('[0-9]', t):
            return t[:4] + f'…({len(t)})'
        return t
    line = TOKENISH.sub(cut, line.strip())
    return line if len(line) <= width else line[:width - 1] + '…'


def mask_planted(line, lineno, records):
    """Replaces the planted values on this line by «secret:N» (N its length)."""
    spans = []
    for p in records:
        vl, col, n = p.get('value_line', p['line']), p.get('col', 1), p.get('length', 0)
        if lineno == vl:
            end = col - 1 + n if p.get('end_line', vl) == vl else len(line)
            spans.append((col - 1, min(end, len(line))))
        elif vl < lineno <= p.get('end_line', vl):
            spans.append((0, len(line)))
    for a, b in sorted(spans, reverse=True):
        line = line[:a] + f'«secret:{b - a}»' + line[b:]
    return line


def load_palisade(path, root):
    d = json.load(open(path))
    out = []
    for f in d.get('findings', []):
        if not str(f.get('policy', '')).startswith('secret-'):
            continue
        out.append((norm(f['file'], root), int(f['line']), f['policy']))
    return out, d.get('errors', [])


def load_detect_secrets(path, root):
    d = json.load(open(path))
    out = []
    for fname, items in d.get('results', {}).items():
        for it in items:
            out.append((norm(fname, root), int(it['line_number']), it['type']))
    return out, d.get('version')


class Scored:
    def __init__(self, name, findings, planted, decoys, pl_index, dc_index):
        self.name, self.findings = name, findings
        self.lines = collections.defaultdict(set)  # (file, line) -> detectors / plugins reported
        for f, l, t in findings:
            self.lines[(f, l)].add(t)
        self.hit = {}            # planted index -> set of detectors reported on its lines
        self.tp, self.fp_decoy, self.fp_other = [], [], []
        for key, types in sorted(self.lines.items()):
            if key in pl_index:
                i = pl_index[key]
                self.hit.setdefault(i, set()).update(types)
                self.tp.append(key)
            elif key in dc_index:
                self.fp_decoy.append((key, dc_index[key], types))
            else:
                self.fp_other.append((key, None, types))
        self.recall = len(self.hit) / len(planted) if planted else 0.0
        n = len(self.lines)
        self.precision = len(self.tp) / n if n else 0.0

    @property
    def fps(self):
        return self.fp_decoy + self.fp_other


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('truth'); ap.add_argument('palisade'); ap.add_argument('detect_secrets')
    ap.add_argument('--root', help='the corpus folder (default: the ground truth\'s folder)')
    ap.add_argument('--json', help='write the full scoring (every miss and false positive) here')
    ap.add_argument('--examples', type=int, default=4, help='excerpts shown per group of false positives (default 4)')
    o = ap.parse_args()
    root = os.path.abspath(o.root or os.path.dirname(os.path.abspath(o.truth)))

    truth = json.load(open(o.truth))
    planted, decoys = truth['planted'], truth['decoys']
    pl_index, dc_index = {}, {}
    for i, p in enumerate(planted):
        for l in range(p['line'], p.get('end_line', p['line']) + 1):
            pl_index[(p['file'], l)] = i
    for i, d in enumerate(decoys):
        for l in range(d['line'], d.get('end_line', d['line']) + 1):
            dc_index.setdefault((d['file'], l), i)

    pal_f, pal_err = load_palisade(o.palisade, root)
    ds_f, ds_version = load_detect_secrets(o.detect_secrets, root)
    pal = Scored('Palisade', pal_f, planted, decoys, pl_index, dc_index)
    ds = Scored('detect-secrets', ds_f, planted, decoys, pl_index, dc_index)

    cache = {}
    by_file = collections.defaultdict(list)
    for p in planted:
        by_file[p['file']].append(p)

    def excerpt(f, l):
        if f not in cache:
            try:
                cache[f] = open(os.path.join(root, f), errors='replace').read().split('\n')
            except OSError:
                cache[f] = []
        lines = cache[f]
        if not 0 < l <= len(lines):
            return ''
        return redact(mask_planted(lines[l - 1], l, by_file.get(f, ())))

    P = print
    P(f'# Secrets: Palisade vs detect-secrets {ds_version or ""}'.rstrip())
    P()
    P(f'Corpus: {truth["files"]} files, {truth["bytes"] / 1e6:.1f} MB, {len(planted)} planted secrets of '
      f'{len({p["detector"] for p in planted})} detectors, {len(decoys)} decoys (seed {truth.get("seed")}, {truth.get("repos")} repositories).')
    if pal_err:
        P(f'Palisade reported {len(pal_err)} errors; the first: {pal_err[0]}')
    P()
    both = set(pal.hit) & set(ds.hit)
    P('| | Palisade | detect-secrets |')
    P('|---|---:|---:|')
    P(f'| planted secrets found (recall) | {len(pal.hit)}/{len(planted)} = {pal.recall:.1%} | {len(ds.hit)}/{len(planted)} = {ds.recall:.1%} |')
    P(f'| findings (raw) | {len(pal.findings)} | {len(ds.findings)} |')
    P(f'| reported lines | {len(pal.lines)} | {len(ds.lines)} |')
    P(f'| … on planted secrets (true positives) | {len(pal.tp)} | {len(ds.tp)} |')
    P(f'| … on decoys (false positives) | {len(pal.fp_decoy)} | {len(ds.fp_decoy)} |')
    P(f'| … on lines with neither (false positives) | {len(pal.fp_other)} | {len(ds.fp_other)} |')
    P(f'| precision | {pal.precision:.1%} | {ds.precision:.1%} |')
    decoy_lines = {(d['file'], d['line']) for d in decoys}
    P(f'| decoys reported | {sum(1 for k, _, _ in pal.fp_decoy if k in decoy_lines)}/{len(decoys)} | '
      f'{sum(1 for k, _, _ in ds.fp_decoy if k in decoy_lines)}/{len(decoys)} |')
    P()
    P(f'Found by both: {len(both)}; only by Palisade: {len(set(pal.hit) - set(ds.hit))}; only by detect-secrets: '
      f'{len(set(ds.hit) - set(pal.hit))}; by neither: {len(planted) - len(set(pal.hit) | set(ds.hit))}. '
      f'Palisade under the planted detector: {sum(1 for i, t in pal.hit.items() if planted[i]["detector"] in t)}.')
    pm = [i for i, p in enumerate(planted) if p.get('pattern_matches') is False]
    P(f'Planted where the detector\'s own pattern does not match (contexts it does not cover): {len(pm)}; '
      f'Palisade found {sum(1 for i in pm if i in pal.hit)} of them.')
    P()

    # recall per detector
    by_det = collections.defaultdict(list)
    for i, p in enumerate(planted):
        by_det[p['detector']].append(i)
    P('## Recall per detector (detectors where either tool missed one)')
    P()
    P('| detector | planted | Palisade | detect-secrets | detect-secrets reported it as |')
    P('|---|---:|---:|---:|---|')
    full = []
    for det in sorted(by_det):
        idx = by_det[det]
        a, b = sum(1 for i in idx if i in pal.hit), sum(1 for i in idx if i in ds.hit)
        kinds = collections.Counter(t for i in idx if i in ds.hit for t in ds.hit[i])
        if a == b == len(idx):
            full.append(det)
            continue
        P(f'| {det} | {len(idx)} | {a} | {b} | {", ".join(f"{k} ×{n}" for k, n in kinds.most_common())} |')
    P()
    P(f'Found every time by both ({len(full)}): {", ".join(d[len("secret-"):] for d in full)}.')
    P()
    ds_none = [d for d in sorted(by_det) if not any(i in ds.hit for i in by_det[d])]
    P(f'detect-secrets found none of ({len(ds_none)}): {", ".join(d[len("secret-"):] for d in ds_none)}.')
    P()

    # Palisade's misses
    P('## Planted secrets Palisade missed')
    P()
    missed = [i for i in range(len(planted)) if i not in pal.hit]
    for i in missed:
        p = planted[i]
        P(f'- {p["file"]}:{p["line"]} {p["detector"]} ({p["context"]}; pattern matches: {p.get("pattern_matches")}; '
          f'detect-secrets: {", ".join(sorted(ds.hit[i])) if i in ds.hit else "missed"})  `{excerpt(p["file"], p["line"])}`')
    if not missed:
        P('- none')
    P()
    other = [(i, t) for i, t in sorted(pal.hit.items()) if planted[i]['detector'] not in t]
    P(f'## Planted secrets Palisade reported under another detector ({len(other)})')
    P()
    for i, t in other:
        p = planted[i]
        P(f'- {p["file"]}:{p["line"]} planted {p["detector"]}, reported {", ".join(sorted(t))}')
    P()

    # false positives
    def fp_report(s):
        P(f'## False positives of {s.name} ({len(s.fps)} lines: {len(s.fp_decoy)} on decoys, {len(s.fp_other)} on lines with neither)')
        P()
        groups = collections.defaultdict(list)
        for key, di, types in s.fps:
            what = decoys[di]['what'] if di is not None else 'not a decoy'
            groups[(what, ', '.join(sorted(types)))].append(key)
        for (what, types), keys in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            P(f'- **{what}** reported as {types}: {len(keys)}')
            for f, l in keys[:o.examples]:
                P(f'  - {f}:{l} `{excerpt(f, l)}`')
        P()
    fp_report(pal)
    fp_report(ds)

    if o.json:
        def fp_list(s):
            return [{'file': f, 'line': l, 'reported': sorted(t), 'what': decoys[di]['what'] if di is not None else None,
                     'excerpt': excerpt(f, l)} for (f, l), di, t in s.fps]
        json.dump({
            'corpus': {k: truth[k] for k in ('files', 'bytes', 'seed', 'repos', 'planted_count', 'decoy_count')},
            'detect_secrets_version': ds_version,
            'tools': {s.name: {'recall': s.recall, 'precision': s.precision, 'found': len(s.hit), 'findings': len(s.findings),
                               'reported_lines': len(s.lines), 'true_positive_lines': len(s.tp), 'fp_decoy_lines': len(s.fp_decoy),
                               'fp_other_lines': len(s.fp_other)} for s in (pal, ds)},
            'per_detector': {d: {'planted': len(ix), 'palisade': sum(1 for i in ix if i in pal.hit),
                                 'detect_secrets': sum(1 for i in ix if i in ds.hit)} for d, ix in sorted(by_det.items())},
            'palisade_missed': [dict(planted[i], detect_secrets=sorted(ds.hit.get(i, ()))) for i in missed],
            'detect_secrets_missed': [planted[i] for i in range(len(planted)) if i not in ds.hit],
            'palisade_other_detector': [dict(planted[i], reported=sorted(t)) for i, t in other],
            'palisade_false_positives': fp_list(pal),
            'detect_secrets_false_positives': fp_list(ds),
        }, open(o.json, 'w'), indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
