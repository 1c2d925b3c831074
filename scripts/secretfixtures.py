"""Helpers for the scripts that write the secret detectors' fixtures (make-secret-fixtures*.py):
fake values from a seeded generator, tokens with GitHub/npm-style checksums, and the fixture
layout Tests/SecretsTests/Fixtures/<detector id>/{planted,decoy}/<file>.
"""
import base64, json, os, random, string, zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'SecretsTests', 'Fixtures')
rng = random.Random(0x5EC2E7)

def reseed(seed):
    """A generator of its own for each script, so that one script's values do not move another's."""
    global rng
    rng.seed(seed)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits

def rand(alphabet, n): return ''.join(rng.choice(alphabet) for _ in range(n))
def b62(n):
    out = ''
    while n: out = B62[n % 62] + out; n //= 62
    return out.rjust(6, '0')
def checksummed(prefix):
    body = rand(ALNUM, 30)
    return prefix + body + b62(zlib.crc32(body.encode()) & 0xffffffff)
def b64url(data): return base64.urlsafe_b64encode(data).decode().rstrip('=')

def write(detector, kind, name, text):
    folder = os.path.join(ROOT, detector, kind)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'w') as f: f.write(text)

def bad_checksum(token):
    last = token[-1]
    return token[:-1] + ('A' if last != 'A' else 'B')


HEX = '0123456789abcdef'
URLSAFE = ALNUM + '_-'

def uuid():
    """A version-4 UUID's text, from the seeded generator."""
    h = rand(HEX, 32)
    return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}'

def random_bytes(n): return bytes(rng.getrandbits(8) for _ in range(n))
def b64(data): return base64.b64encode(data).decode()
