#!/usr/bin/env python3
"""Writes the archives of Tests/ArchivesTests/Fixtures: a zip (deflated, stored, a binary member,
a folder, an encrypted-flagged member), a zip whose member inflates to more than it says, a damaged
zip, a tar.gz with a long GNU name and a ustar prefix, and a gzip of one file. The token in them is
generated here with a valid checksum from a fixed seed: it is not, and never was, a credential."""
import gzip, io, os, sys, tarfile, zipfile

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'ArchivesTests', 'Fixtures')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secretfixtures import checksummed, reseed  # noqa: E402

reseed(0xA2C417)
token = checksummed('ghp_')
env = f'APP_ENV=production\nGITHUB_TOKEN={token}\n'.encode()
FIXED = (2026, 1, 1, 0, 0, 0)

def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as z:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=FIXED)
            info.compress_type = method
            z.writestr(info, data)
    return bytearray(buffer.getvalue())

def write(name, data):
    with open(os.path.join(out, name), 'wb') as f: f.write(bytes(data))

app = zip_bytes([
    ('config/', b'', zipfile.ZIP_STORED),
    ('config/.env', env, zipfile.ZIP_DEFLATED),
    ('README.md', b'# app\nNothing secret here.\n', zipfile.ZIP_STORED),
    ('bin/tool', b'\x7fELF\x00\x01' + env, zipfile.ZIP_DEFLATED),
    ('secret.txt', env, zipfile.ZIP_STORED),
])
# Mark `secret.txt` encrypted in the central directory (flag bit 0), as an encrypting tool would.
central = app.rfind(b'PK\x01\x02' + bytes(app[app.rfind(b'PK\x01\x02') + 4:app.rfind(b'PK\x01\x02') + 6]))
app[central + 8] |= 1
write('app.zip', app)

# A member that says it holds 100 bytes and inflates to a megabyte.
bomb = zip_bytes([('zeros.txt', b'0' * (1 << 20), zipfile.ZIP_DEFLATED)])
directory = bomb.rfind(b'PK\x01\x02')
bomb[directory + 24:directory + 28] = (100).to_bytes(4, 'little')
write('bomb.zip', bomb)

write('damaged.zip', zip_bytes([('a.txt', env, zipfile.ZIP_DEFLATED)])[:60])

tar_buffer = io.BytesIO()
with tarfile.open(fileobj=tar_buffer, mode='w', format=tarfile.GNU_FORMAT) as t:
    long_name = 'deploy/' + 'nested-folder/' * 8 + 'settings.env'
    for name, data in [(long_name, env), ('deploy/notes.txt', b'plain notes\n')]:
        info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 0
        t.addfile(info, io.BytesIO(data))
write('logs.tar.gz', gzip.compress(tar_buffer.getvalue(), mtime=0))
write('notes.env.gz', gzip.compress(env, mtime=0))
print('wrote', sorted(os.listdir(out)))
