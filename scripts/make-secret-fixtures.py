#!/usr/bin/env python3
"""Writes the planted and decoy fixtures of the built-in secret detectors (Tests/SecretsTests/Fixtures).

Every value is generated here from a fixed seed: none is, or was, a real credential. Each planted
file holds the detector's secret in the kind of file it is found in (an .env, a YAML config, code);
each decoy holds values of the same shape that must not be reported (documented examples,
placeholders, template references, a wrong checksum, too little entropy). The .expected files are
written by the tests' recording mode, not here: run `PALISADE_RECORD_FIXTURES=1 swift test --filter
SecretFixtureTests` and read the diff.

    scripts/make-secret-fixtures.py            # the first 24 detectors
    scripts/make-secret-fixtures-infra.py      # cloud, infrastructure, CI and registries
    scripts/make-secret-fixtures-services.py   # SaaS, chat, payments, AI and the generic ones
"""
import base64, json, os, random, string, sys, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secretfixtures import *  # noqa: E402,F403
from secretfixtures import rng  # noqa: E402

# --- planted values -----------------------------------------------------------------------
aws_id = 'AKIA' + rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
aws_secret = rand(ALNUM + '/+', 40)
gcp = 'AIza' + rand(ALNUM + '_-', 35)
do = 'dop_v1_' + rand('0123456789abcdef', 64)
ghp = checksummed('ghp_'); gho = checksummed('gho_'); ghs = checksummed('ghs_'); npm = checksummed('npm_')
ghr = 'ghr_' + rand(ALNUM, 76)
gh_fine = 'github_pat_' + rand(ALNUM, 22) + '_' + rand(ALNUM, 59)
glpat = 'glpat-' + rand(ALNUM + '_-', 20)
pypi = 'pypi-AgEIcHlwaS5vcmc' + rand(ALNUM + '_-', 70)
dckr = 'dckr_pat_' + rand(ALNUM + '_-', 27)
xoxb = 'xoxb-' + rand(string.digits, 12) + '-' + rand(string.digits, 13) + '-' + rand(ALNUM, 24)
slack_hook = 'https://hooks.slack.com/services/T' + rand(string.ascii_uppercase + string.digits, 8) + '/B' + rand(string.ascii_uppercase + string.digits, 10) + '/' + rand(ALNUM, 24)
sendgrid = 'SG.' + rand(ALNUM + '_-', 22) + '.' + rand(ALNUM + '_-', 43)
stripe = 'sk_live_' + rand(ALNUM, 99)
openai = 'sk-proj-' + rand(ALNUM + '_-', 48) + 'T3BlbkFJ' + rand(ALNUM + '_-', 48)
anthropic = 'sk-ant-api03-' + rand(ALNUM + '_-', 93) + 'AA'
hf = 'hf_' + rand(string.ascii_letters, 34)
db_password = rand(ALNUM, 18)
jwt_token = '.'.join([b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode()),
                      b64url(json.dumps({'sub': 'svc-billing', 'iat': 1735689600}).encode()),
                      b64url(bytes(rng.getrandbits(8) for _ in range(32)))])
pem_body = '\n'.join(base64.b64encode(bytes(rng.getrandbits(8) for _ in range(48))).decode() for _ in range(6))
generic = rand(ALNUM + '!#%^*', 24)

# --- files ----------------------------------------------------------------------------------
write('secret-aws-access-key-id', 'planted', 'credentials.ini',
      f'[default]\nregion = eu-west-1\naws_access_key_id = {aws_id}\n')
write('secret-aws-access-key-id', 'decoy', 'docs.md',
      '# Configure the CLI\n\nThe documentation uses `AKIAIOSFODNN7EXAMPLE`; yours goes in ~/.aws/credentials.\n'
      'A key id of the wrong alphabet, AKIA0000111122223333, is not one.\n')
write('secret-aws-secret-access-key', 'planted', 'deploy.env',
      f'AWS_REGION=eu-west-1\nAWS_SECRET_ACCESS_KEY={aws_secret}\n')
write('secret-aws-secret-access-key', 'decoy', 'settings.env',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\n'
      'aws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n')
write('secret-gcp-api-key', 'planted', 'maps.js', f'const client = new Maps({{ key: "{gcp}" }});\n')
write('secret-gcp-api-key', 'decoy', 'maps.js', 'const client = new Maps({ key: "AIzaYOUR_API_KEY_GOES_HERE_xxxxxxxxxxxxxx" });\n')
write('secret-digitalocean-token', 'planted', 'terraform.tfvars', f'do_token = "{do}"\n')
write('secret-digitalocean-token', 'decoy', 'terraform.tfvars', 'do_token = "dop_v1_' + '0' * 64 + '"\n# dop_v1_ tokens are 64 hex characters\n')
write('secret-github-pat', 'planted', 'release.sh', f'#!/bin/sh\nexport GITHUB_TOKEN={ghp}\ngh release create "$TAG"\n')
write('secret-github-pat', 'decoy', 'release.sh', f'#!/bin/sh\nexport GITHUB_TOKEN={bad_checksum(ghp)}\n# ghp_ + 36 characters whose checksum does not hold is not a token\n')
write('secret-github-fine-grained-pat', 'planted', '.npmrc', f'//npm.pkg.github.com/:_authToken={gh_fine}\n')
write('secret-github-fine-grained-pat', 'decoy', 'README.md', 'Create a token (it starts with `github_pat_`) and store it as `GH_TOKEN`.\n')
write('secret-github-oauth-token', 'planted', 'hosts.yml', f'github.com:\n    oauth_token: {gho}\n    user: ci-bot\n')
write('secret-github-oauth-token', 'decoy', 'hosts.yml', f'github.com:\n    oauth_token: {bad_checksum(gho)}\n')
write('secret-github-app-token', 'planted', 'ci.log', f'Fetched installation token {ghs} for repo acme/api\n')
write('secret-github-app-token', 'decoy', 'ci.log', f'Fetched installation token {bad_checksum(ghs)}\n')
write('secret-github-refresh-token', 'planted', 'session.json', json.dumps({'refresh_token': ghr}, indent=2) + '\n')
write('secret-github-refresh-token', 'decoy', 'session.json', json.dumps({'refresh_token': 'ghr_' + 'x' * 76}, indent=2) + '\n')
write('secret-gitlab-access-token', 'planted', '.gitlab-ci.yml', f'variables:\n  PRIVATE_TOKEN: {glpat}\n')
write('secret-gitlab-access-token', 'decoy', '.gitlab-ci.yml', 'variables:\n  PRIVATE_TOKEN: $GITLAB_TOKEN   # glpat-xxxxxxxxxxxxxxxxxxxx\n')
write('secret-npm-token', 'planted', '.npmrc', f'//registry.npmjs.org/:_authToken={npm}\n')
write('secret-npm-token', 'decoy', '.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' + f'# old: {bad_checksum(npm)}\n')
write('secret-pypi-token', 'planted', '.pypirc', f'[pypi]\nusername = __token__\npassword = {pypi}\n')
write('secret-pypi-token', 'decoy', '.pypirc', '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc<your token>\n')
write('secret-docker-hub-pat', 'planted', 'login.sh', f'echo {dckr} | docker login -u acme --password-stdin\n')
write('secret-docker-hub-pat', 'decoy', 'login.sh', 'echo "$DOCKERHUB_TOKEN" | docker login -u acme --password-stdin  # a dckr_pat_ token\n')
write('secret-slack-bot-token', 'planted', 'bot.py', f'client = WebClient(token="{xoxb}")\n')
write('secret-slack-bot-token', 'decoy', 'bot.py', 'client = WebClient(token=os.environ["SLACK_BOT_TOKEN"])  # xoxb-...\n')
write('secret-slack-webhook-url', 'planted', 'alerts.yaml', f'receivers:\n- name: ops\n  slack_configs:\n  - api_url: {slack_hook}\n')
write('secret-slack-webhook-url', 'decoy', 'alerts.yaml', 'receivers:\n- name: ops\n  slack_configs:\n  - api_url_file: /etc/alertmanager/slack-url  # https://hooks.slack.com/services/...\n')
write('secret-sendgrid-api-key', 'planted', 'mailer.rb', f'SendGrid::API.new(api_key: "{sendgrid}")\n')
write('secret-sendgrid-api-key', 'decoy', 'mailer.rb', 'SendGrid::API.new(api_key: ENV.fetch("SENDGRID_API_KEY"))  # SG.<id>.<secret>\n')
write('secret-stripe-live-key', 'planted', 'payments.env', f'STRIPE_SECRET_KEY={stripe}\n')
write('secret-stripe-live-key', 'decoy', 'payments.env', 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')
write('secret-openai-api-key', 'planted', 'app.py', f'client = OpenAI(api_key="{openai}")\n')
write('secret-openai-api-key', 'decoy', 'app.py', 'client = OpenAI()  # reads OPENAI_API_KEY, which looks like sk-proj-...T3BlbkFJ...\n')
write('secret-anthropic-api-key', 'planted', 'agent.ts', f'const anthropic = new Anthropic({{ apiKey: "{anthropic}" }});\n')
write('secret-anthropic-api-key', 'decoy', 'agent.ts', 'const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // sk-ant-api03-...\n')
write('secret-huggingface-token', 'planted', 'download.py', f'snapshot_download("acme/model", token="{hf}")\n')
write('secret-huggingface-token', 'decoy', 'download.py', 'snapshot_download("acme/model", token="hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")\n')
write('secret-database-uri-credentials', 'planted', 'database.yml', f'production:\n  url: postgres://billing:{db_password}@db.internal:5432/billing\n')
write('secret-database-uri-credentials', 'decoy', 'database.yml',
      'development:\n  url: postgres://postgres:postgres@localhost:5432/dev\nproduction:\n  url: postgres://billing:${DB_PASSWORD}@db.internal:5432/billing\n')
write('secret-private-key', 'planted', 'deploy_key', f'-----BEGIN OPENSSH PRIVATE KEY-----\n{pem_body}\n-----END OPENSSH PRIVATE KEY-----\n')
write('secret-private-key', 'decoy', 'tls.md', 'Paste the key between `-----BEGIN PRIVATE KEY-----` and `-----END PRIVATE KEY-----` in the form.\n')
write('secret-jwt', 'planted', 'request.http', f'GET /v1/invoices HTTP/1.1\nAuthorization: Bearer {jwt_token}\n')
write('secret-jwt', 'decoy', 'request.http', 'GET /v1/invoices HTTP/1.1\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9xx.eyJzdWIiOiJ4In0xx.notbase64!!signature\n')
write('secret-generic-assignment', 'planted', 'settings.py', f'DEBUG = False\nSECRET_KEY = "{generic}"\n')
write('secret-generic-assignment', 'decoy', 'settings.py',
      'SECRET_KEY = os.environ["SECRET_KEY"]\npassword = "changeme123"\napi_key: "your-api-key-here"\ntoken = "aaaaaaaaaaaa"\n')
print('fixtures written under', os.path.normpath(ROOT))
