#!/usr/bin/env python3
"""Writes a ground-truth corpus for comparing secret scanners (Palisade, detect-secrets).

    scripts/make-secrets-corpus.py OUT_DIR [--repos N] [--seed S]

OUT_DIR gets N small "repositories" (services in Python, Node/TypeScript, Go and Java, and
infrastructure repositories) of ordinary source, configuration, manifests, scripts and docs, into
which the script plants FAKE credentials of every built-in detector's format
(Sources/Secrets/Detectors/*.yaml), each in the kind of file and line it is found in, and DECOYS a
good scanner must not report: documented example keys, placeholders and template references,
GitHub/npm tokens whose checksum is wrong, hashes and digests, UUIDs, base64 images, public keys and
certificates, encrypted values, and ordinary names such as `password_field = "password"`.

OUT_DIR/ground-truth.json lists every planted secret {file, line, end_line, detector, kind:
"planted", context, value_line, col, length, pattern_matches} and every decoy {file, line,
end_line, kind: "decoy", what}. Paths are relative to OUT_DIR. end_line differs from line for a
value over several lines (a PEM block, a key file); a value in a YAML block scalar or a heredoc
starts at its key's line. value_line, col (1-based) and length locate the value itself, so that a
report can mask it: the values are not in the ground truth. `pattern_matches` says whether the
detector's own pattern, run here with Python's re (keywords, entropy and allow list included),
matches the planted value where it was written: a miss where it is true is a filtering problem, a
miss where it is false is a context the pattern does not cover.

Every value comes from a seeded generator (the helpers of scripts/secretfixtures.py and the fixture
scripts): none is, or was, a real credential. The same seed and --repos give the same bytes.
The default (50 repositories) is about 60 MB in about 3,800 files, with about 550 planted
secrets and as many decoys; size, plants and decoys grow with --repos.
"""
import argparse, contextlib, importlib.util, io, json, os, random, re, shutil, string, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import secretfixtures as sf  # noqa: E402
from secretfixtures import (ALNUM, HEX, URLSAFE, b64, b64url, bad_checksum, checksummed, rand,  # noqa: E402
                            random_bytes, uuid)

DETECTORS = os.path.join(HERE, '..', 'Sources', 'Secrets', 'Detectors')


def load_fixture_script(name):
    """Imports one of the fixture scripts for its helper functions, without letting it write its fixtures."""
    real_write = sf.write
    sf.write = lambda *a, **k: None
    try:
        spec = importlib.util.spec_from_file_location(name.replace('-', '_')[:-3], os.path.join(HERE, name))
        module = importlib.util.module_from_spec(spec)
        with contextlib.redirect_stdout(io.StringIO()):
            spec.loader.exec_module(module)
        return module
    finally:
        sf.write = real_write


infra = load_fixture_script('make-secret-fixtures-infra.py')        # pem_body, jwt, service_account
services = load_fixture_script('make-secret-fixtures-services.py')  # jks, pkcs12, wrap

UPPER = string.ascii_uppercase + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
DIGITS = string.digits
BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
BECH32 = ''.join(c for c in UPPER if c not in 'BIO1')

# ----------------------------------------------------------------------------------------------
# Values of each detector's format (generated from the seeded generator of secretfixtures).
# ----------------------------------------------------------------------------------------------

def pem(kind='RSA PRIVATE KEY', lines=12):
    return f'-----BEGIN {kind}-----\n' + infra.pem_body(lines) + f'\n-----END {kind}-----'


def jwt_value():
    return infra.jwt({'alg': 'RS256', 'typ': 'JWT', 'kid': rand(URLSAFE, 16)},
                     {'sub': 'svc-' + rng().choice(NOUNS), 'aud': 'api.acme.io', 'iat': 1735689600 + rng().randrange(10**7),
                      'scope': 'read write'})


def op_service_token():
    return 'ops_' + b64(json.dumps({
        'signInAddress': 'acme.1password.com',
        'userAuth': {'method': 'SRPg-4096', 'alg': 'PBES2g-HS256', 'iterations': 650000, 'salt': rand(URLSAFE, 22)},
        'email': rand(LOWER_ALNUM, 13) + '@1passwordserviceaccounts.com', 'srpX': rand(HEX, 64),
        'muk': {'alg': 'A256GCM', 'ext': True, 'k': rand(URLSAFE, 43), 'key_ops': ['encrypt', 'decrypt'], 'kty': 'oct'},
        'secretKey': 'A3-' + '-'.join(rand(UPPER, n) for n in (6, 6, 5, 5, 5, 5)),
        'deviceUuid': rand(LOWER_ALNUM, 26)}, separators=(',', ':')).encode()).rstrip('=')


def b64_password(n=18):
    return b64(rand(ALNUM + '!#%', n).encode())


def password(n=20):
    return rand(ALNUM, n - 4) + rng().choice('!#%*_') + rand(ALNUM, 3)


def url_password(n=20):
    """A password as it is written in a URL's user info: no '#', '%', '/', ':' or '@' unencoded."""
    return rand(ALNUM, n - 4) + rng().choice('-_.~!*') + rand(ALNUM, 3)


def sas_sig():
    return b64(random_bytes(32)).replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')


def grafana_legacy():
    return b64(json.dumps({'k': rand(ALNUM, 32), 'n': 'ci-' + rng().choice(NOUNS), 'id': rng().randrange(1, 9)},
                          separators=(',', ':')).encode()).rstrip('=')


def discord_bot():
    return b64url(('1' + rand(DIGITS, 18)).encode()) + '.' + rand(URLSAFE, 6) + '.' + rand(URLSAFE, 38)


VALUES = {
    'secret-1password-secret-key': lambda: 'A3-' + '-'.join(rand(UPPER, n) for n in (6, 6, 5, 5, 5, 5)),
    'secret-1password-service-account-token': op_service_token,
    'secret-age-secret-key': lambda: 'AGE-SECRET-KEY-1' + rand(BECH32, 58),
    'secret-alibaba-access-key-id': lambda: 'LTAI' + rand(ALNUM, 20),
    'secret-anthropic-admin-key': lambda: 'sk-ant-admin01-' + rand(URLSAFE, 93) + 'AA',
    'secret-anthropic-api-key': lambda: 'sk-ant-api03-' + rand(URLSAFE, 93) + 'AA',
    'secret-artifactory-api-key': lambda: rng().choice(['AKCp' + rand(ALNUM, 69), 'cmVmdGtuOjAxOj' + rand(ALNUM, 50)]),
    'secret-atlassian-api-token': lambda: 'ATATT3xFfGF0' + rand(URLSAFE, 180) + '=' + rand('0123456789ABCDEF', 8),
    'secret-aws-access-key-id': lambda: rng().choice(['AKIA', 'AKIA', 'ASIA']) + rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    'secret-aws-bedrock-api-key': lambda: 'ABSK' + b64(f'BedrockAPIKey-{rand(LOWER_ALNUM, 4)}-at-{rand(DIGITS, 12)}:'.encode() + random_bytes(60)),
    'secret-aws-secret-access-key': lambda: rand(ALNUM + '/+', 40),
    'secret-aws-session-token': lambda: 'IQoJb3JpZ2luX2VjE' + rand(ALNUM + '+/', 599) + '=',
    'secret-azure-account-key': lambda: b64(random_bytes(64)),
    'secret-azure-devops-pat': lambda: rng().choice([
        rand(ALNUM, 52) + 'JQQJ99' + rand('ABCDEFGHIJKLMNOP', 2) + 'ACAAAAAAAAAAAAAS' + 'AZDO' + rand(ALNUM, 4),
        rand(BASE32, 52)]),
    'secret-azure-entra-client-secret': lambda: rand(ALNUM, 3) + rand(DIGITS, 1) + 'Q~' + rand(ALNUM + '_~.-', 33) + rand(ALNUM, 1),
    'secret-azure-sas-token': sas_sig,
    'secret-azure-shared-access-key': lambda: b64(random_bytes(32)),
    'secret-bitbucket-app-password': lambda: 'ATBB' + rand(ALNUM, 28) + rand('0123456789ABCDEF', 8),
    'secret-braintree-access-token': lambda: 'access_token$production$' + rand(LOWER_ALNUM, 16) + '$' + rand(HEX, 32),
    'secret-brevo-api-key': lambda: 'xkeysib-' + rand(HEX, 64) + '-' + rand(ALNUM, 16),
    'secret-clojars-token': lambda: 'CLOJARS_' + rand(LOWER_ALNUM, 60),
    'secret-cloudant-credentials': lambda: rand(HEX, 64),
    'secret-cloudflare-api-token': lambda: rand(URLSAFE, 40),
    'secret-cloudflare-global-api-key': lambda: rand(HEX, 37),
    'secret-cloudflare-origin-ca-key': lambda: 'v1.0-' + rand(HEX, 24) + '-' + rand(HEX, 146),
    'secret-cohere-api-key': lambda: rand(ALNUM, 40),
    'secret-curl-authorization-header': lambda: rand(ALNUM, 40),
    'secret-curl-user-password': lambda: password(16),
    'secret-database-uri-credentials': lambda: url_password(18),
    'secret-databricks-token': lambda: 'dapi' + rand(HEX, 32),
    'secret-datadog-key': lambda: rand(HEX, rng().choice([32, 40])),
    'secret-digitalocean-token': lambda: rng().choice(['dop_v1_', 'dop_v1_', 'doo_v1_']) + rand(HEX, 64),
    'secret-discord-bot-token': discord_bot,
    'secret-discord-webhook-url': lambda: 'https://discord.com/api/webhooks/1' + rand(DIGITS, 18) + '/' + rand(URLSAFE, 68),
    'secret-docker-config-auth': lambda: b64(f'ci-bot:{rand(ALNUM, 24)}'.encode()),
    'secret-docker-hub-pat': lambda: 'dckr_pat_' + rand(URLSAFE, 27),
    'secret-doppler-token': lambda: rng().choice(['dp.st.prd.', 'dp.st.dev.', 'dp.pt.', 'dp.sa.']) + rand(ALNUM, 43),
    'secret-dynatrace-token': lambda: 'dt0c01.' + rand(UPPER, 24) + '.' + rand(UPPER, 64),
    'secret-easypost-api-key': lambda: 'EZAK' + rand(ALNUM, 54),
    'secret-flutterwave-secret-key': lambda: 'FLWSECK-' + rand(HEX, 32) + '-X',
    'secret-flyio-token': lambda: rng().choice(['fo1_' + rand(URLSAFE, 43), 'FlyV1 fm2_' + b64(random_bytes(180))]),
    'secret-gcp-api-key': lambda: 'AIza' + rand(URLSAFE, 35),
    'secret-gcp-oauth-access-token': lambda: 'ya29.a0' + rand(URLSAFE, 210),
    'secret-gcp-oauth-client-secret': lambda: 'GOCSPX-' + rand(URLSAFE, 28),
    'secret-gcp-oauth-refresh-token': lambda: '1//0' + rand(URLSAFE, 99),
    'secret-gcp-service-account-key': lambda: None,  # a whole key file, written by its context
    'secret-generic-assignment': lambda: rand(ALNUM + '!#%^*', rng().randrange(16, 33)),
    'secret-github-app-token': lambda: checksummed(rng().choice(['ghs_', 'ghu_'])),
    'secret-github-fine-grained-pat': lambda: 'github_pat_' + rand(ALNUM, 22) + '_' + rand(ALNUM, 59),
    'secret-github-oauth-token': lambda: checksummed('gho_'),
    'secret-github-pat': lambda: checksummed('ghp_'),
    'secret-github-refresh-token': lambda: 'ghr_' + rand(ALNUM, 76),
    'secret-gitlab-access-token': lambda: 'glpat-' + rand(URLSAFE, 20),
    'secret-gitlab-deploy-token': lambda: 'gldt-' + rand(URLSAFE, 20),
    'secret-gitlab-job-token': lambda: 'glcbt-' + rand(ALNUM, 2) + '_' + rand(URLSAFE, 20),
    'secret-gitlab-oauth-secret': lambda: 'gloas-' + rand(URLSAFE, 64),
    'secret-gitlab-other-tokens': lambda: rng().choice(['glft-' + rand(URLSAFE, 20), 'glimt-' + rand(URLSAFE, 25),
                                                        'glagent-' + rand(URLSAFE, 50), 'glsoat-' + rand(URLSAFE, 20)]),
    'secret-gitlab-runner-token': lambda: rng().choice(['glrt-t1_' + rand(URLSAFE, 27) + '.' + rand(LOWER_ALNUM, 9),
                                                        'GR1348941' + rand(URLSAFE, 20)]),
    'secret-gitlab-trigger-token': lambda: 'glptt-' + rand(HEX, 40),
    'secret-gocardless-token': lambda: 'live_' + rand(ALNUM + '_-', 40),
    'secret-grafana-token': lambda: rng().choice(['glsa_' + rand(ALNUM, 32) + '_' + rand(HEX, 8),
                                                  'glc_' + b64(json.dumps({'o': rand(DIGITS, 6), 'n': 'stack-' + rand(DIGITS, 6) + '-write',
                                                                           'k': rand(ALNUM, 24), 'm': {'r': 'eu'}}, separators=(',', ':')).encode()),
                                                  grafana_legacy()]),
    'secret-groq-api-key': lambda: 'gsk_' + rand(ALNUM, 52),
    'secret-harness-token': lambda: 'pat.' + rand(URLSAFE, 22) + '.' + rand(ALNUM, 24) + '.' + rand(ALNUM, 20),
    'secret-heroku-api-key-legacy': uuid,
    'secret-heroku-api-key': lambda: 'HRKU-AA' + rand(URLSAFE, 58),
    'secret-high-entropy-string': lambda: b64(random_bytes(rng().choice([24, 30, 33, 48]))),
    'secret-hubspot-token': lambda: 'pat-' + rng().choice(['na1', 'eu1', 'na2']) + '-' + uuid(),
    'secret-huggingface-token': lambda: rng().choice(['hf_', 'hf_', 'api_org_']) + rand(string.ascii_letters, 34),
    'secret-ibm-cloud-api-key': lambda: rand(URLSAFE, 44),
    'secret-ibm-cos-hmac-secret': lambda: rand(HEX, 48),
    'secret-infracost-api-key': lambda: 'ico-' + rand(ALNUM, 32),
    'secret-jfrog-token': lambda: rand(ALNUM, 64),
    'secret-jwt': jwt_value,
    'secret-keystore-file': lambda: b64(rng().choice([services.jks, services.pkcs12])()),
    'secret-kubeconfig-credentials': lambda: rand(ALNUM, 40),
    'secret-kubernetes-secret-manifest': b64_password,
    'secret-linear-api-key': lambda: 'lin_api_' + rand(ALNUM, 40),
    'secret-mailchimp-api-key': lambda: rand(HEX, 32) + '-us' + str(rng().randrange(1, 21)),
    'secret-mailgun-api-key': lambda: rng().choice(['key-' + rand(HEX, 32), rand(HEX, 32) + '-' + rand(HEX, 8) + '-' + rand(HEX, 8)]),
    'secret-new-relic-key': lambda: rng().choice(['NRAK-' + rand(UPPER, 27), 'NRII-' + rand(URLSAFE, 32)]),
    'secret-notion-token': lambda: rng().choice(['ntn_' + rand(DIGITS, 11) + rand(ALNUM, 35), 'secret_' + rand(ALNUM, 43)]),
    'secret-npm-token': lambda: checksummed('npm_'),
    'secret-npmrc-auth': lambda: b64(f'ci-bot:{rand(ALNUM, 20)}'.encode()),
    'secret-nuget-config-password': lambda: rand(ALNUM, 24),
    'secret-octopus-api-key': lambda: 'API-' + rand(UPPER, 26),
    'secret-okta-api-token': lambda: '00' + rand(URLSAFE, 40),
    'secret-openai-api-key': lambda: rng().choice(['sk-proj-', 'sk-svcacct-']) + rand(URLSAFE, 74) + 'T3BlbkFJ' + rand(URLSAFE, 74),
    'secret-openshift-token': lambda: 'sha256~' + rand(URLSAFE, 43),
    'secret-perplexity-api-key': lambda: 'pplx-' + rand(ALNUM, 48),
    'secret-plaid-access-token': lambda: 'access-' + rng().choice(['production', 'sandbox']) + '-' + uuid(),
    'secret-planetscale-token': lambda: rng().choice(['pscale_tkn_', 'pscale_pw_']) + rand(URLSAFE, 43),
    'secret-postman-api-key': lambda: 'PMAK-' + rand(HEX, 24) + '-' + rand(HEX, 34),
    'secret-private-key': lambda: pem(rng().choice(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']),
                                      rng().randrange(6, 26)),
    'secret-pulumi-token': lambda: 'pul-' + rand(HEX, 40),
    'secret-pypi-token': lambda: 'pypi-AgEIcHlwaS5vcmc' + rand(URLSAFE, 70 + rng().randrange(80)),
    'secret-replicate-token': lambda: 'r8_' + rand(ALNUM, 37),
    'secret-rubygems-api-key': lambda: 'rubygems_' + rand(HEX, 48),
    'secret-scalingo-token': lambda: 'tk-us-' + rand(URLSAFE, 48),
    'secret-sendgrid-api-key': lambda: 'SG.' + rand(URLSAFE, 22) + '.' + rand(URLSAFE, 43),
    'secret-sentry-token': lambda: rng().choice(['sntryu_' + rand(HEX, 64), 'sntrys_' + b64url(json.dumps(
        {'iat': 1735689600.5, 'url': 'https://sentry.io', 'region_url': 'https://de.sentry.io', 'org': 'acme'},
        separators=(',', ':')).encode()) + '_' + rand(ALNUM + '+/', 43)]),
    'secret-shippo-token': lambda: 'shippo_live_' + rand(HEX, 40),
    'secret-shopify-token': lambda: rng().choice(['shpat_', 'shpss_', 'shpca_']) + rand(HEX, 32),
    'secret-slack-app-token': lambda: 'xapp-1-A' + rand(UPPER, 10) + '-' + rand(DIGITS, 13) + '-' + rand(HEX, 64),
    'secret-slack-bot-token': lambda: 'xoxb-' + rand(DIGITS, 12) + '-' + rand(DIGITS, 13) + '-' + rand(ALNUM, 24),
    'secret-slack-config-token': lambda: rng().choice(['xoxe.xoxp-1-' + rand(ALNUM, 163), 'xoxe-1-' + rand(ALNUM, 146)]),
    'secret-slack-legacy-token': lambda: rng().choice(['xoxs-' + '-'.join(rand(DIGITS, 10) for _ in range(3)) + '-' + rand(HEX, 10),
                                                       'xoxb-' + rand(DIGITS, 12) + '-' + rand(ALNUM, 24)]),
    'secret-slack-user-token': lambda: 'xoxp-' + '-'.join(rand(DIGITS, n) for n in (12, 13, 13)) + '-' + rand(HEX, 32),
    'secret-slack-webhook-url': lambda: 'https://hooks.slack.com/services/T' + rand(UPPER, 8) + '/B' + rand(UPPER, 10) + '/' + rand(ALNUM, 24),
    'secret-snyk-token': uuid,
    'secret-softlayer-api-key': lambda: rand(HEX, 64),
    'secret-sonarqube-token': lambda: rng().choice(['sqp_', 'squ_']) + rand(HEX, 40),
    'secret-sourcegraph-token': lambda: 'sgp_' + rand(HEX, 16) + '_' + rand(HEX, 40),
    'secret-square-access-token': lambda: rng().choice(['EAAA' + rand(URLSAFE, 60), 'sq0atp-' + rand(URLSAFE, 22)]),
    'secret-square-oauth-secret': lambda: 'sq0csp-' + rand(URLSAFE, 43),
    'secret-stripe-live-key': lambda: rng().choice(['sk_live_51', 'rk_live_51']) + rand(ALNUM, 97),
    'secret-stripe-test-key': lambda: 'sk_test_51' + rand(ALNUM, 97),
    'secret-stripe-webhook-secret': lambda: 'whsec_' + rand(ALNUM, 32),
    'secret-teams-webhook-url': lambda: ('https://acmecorp.webhook.office.com/webhookb2/' + uuid() + '@' + uuid() + '/IncomingWebhook/'
                                         + rand(HEX, 32) + '/' + uuid() + '/V2' + rand(URLSAFE, 40)),
    'secret-telegram-bot-token': lambda: rng().choice('5678') + rand(DIGITS, 9) + ':AA' + rand(URLSAFE, 33),
    'secret-terraform-cloud-token': lambda: rand(ALNUM, 14) + '.atlasv1.' + rand(URLSAFE, 67),
    'secret-terraform-hardcoded-password': lambda: password(20),
    'secret-travis-codecov-token': lambda: rng().choice([uuid(), rand(ALNUM, 22)]),
    'secret-twilio-api-key': lambda: 'SK' + rand(HEX, 32),
    'secret-twilio-auth-token': lambda: rand(HEX, 32),
    'secret-url-basic-auth': lambda: url_password(20),
    'secret-vault-token': lambda: rng().choice(['hvs.CAESI' + rand(URLSAFE, 90), 'hvs.' + rand(ALNUM, 24)]),
    'secret-zendesk-token': lambda: rand(ALNUM, 40),
}


def rng():
    return sf.rng


# ----------------------------------------------------------------------------------------------
# Where each detector's secret is planted. A context is one of
#   ('assign', NAME[, kinds])  NAME=value rendered the way the host kind writes it (an .env line, an
#                              export in a script, ENV in a Dockerfile, an env entry in a Deployment,
#                              a constant in code, a key in a YAML config, ...);
#   (KIND, TEMPLATE)           lines inserted into a file of that kind among its ordinary code;
#   ('file', PATH, TEMPLATE)   a file of its own.
# In a template «v» is the planted value, «s:DETECTOR» another planted secret, «d:KIND» a decoy
# value, «svc» «org» «host» «user» «n» ordinary words; a line ending in ⟦what⟧ is a decoy line.
# ----------------------------------------------------------------------------------------------

K8S_SECRET_DATA = '''apiVersion: v1
kind: Secret
metadata:
  name: «svc»-credentials
  namespace: «svc»
  labels:
    app.kubernetes.io/name: «svc»
type: Opaque
data:
  password: «v»
'''

KUBECONFIG = '''apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: «d:cert-b64»
    server: https://k8s-«n».«host»:6443
  name: «svc»-prod
contexts:
- context:
    cluster: «svc»-prod
    user: deployer
  name: deployer@«svc»-prod
current-context: deployer@«svc»-prod
preferences: {}
users:
- name: deployer
  user:
    token: «v»
'''

CONTEXTS = {
    'secret-1password-secret-key': [
        ('file', 'docs/onboarding/emergency-kit.txt', 'Sign-in address: https://«org».1password.com\nEmail: ops@«org».io\nSecret Key: «v»\n'),
        ('assign', 'OP_SECRET_KEY', ('env', 'sh')),
    ],
    'secret-1password-service-account-token': [
        ('assign', 'OP_SERVICE_ACCOUNT_TOKEN', ('gha', 'env', 'compose', 'k8s')),
    ],
    'secret-age-secret-key': [
        ('file', 'secrets/keys.txt', '# created: 2025-01-14T09:12:44Z\n# public key: «d:age-pub»\n«v»\n'),
        ('assign', 'SOPS_AGE_KEY', ('gha', 'env', 'sh')),
    ],
    'secret-alibaba-access-key-id': [
        ('assign', 'ALIBABA_CLOUD_ACCESS_KEY_ID'),
        ('tf', 'provider "alicloud" {\n  region     = "cn-hangzhou"\n  access_key = "«v»"\n  secret_key = var.alicloud_secret_key\n}'),
    ],
    'secret-anthropic-admin-key': [('assign', 'ANTHROPIC_ADMIN_KEY', ('env', 'sh', 'gha'))],
    'secret-anthropic-api-key': [
        ('ts', 'const anthropic = new Anthropic({ apiKey: "«v»" });'),
        ('py', 'client = anthropic.Anthropic(api_key="«v»")'),
        ('assign', 'ANTHROPIC_API_KEY'),
    ],
    'secret-artifactory-api-key': [
        ('file', 'gradle.properties', 'org.gradle.jvmargs=-Xmx2g\nartifactory_contextUrl=https://«org».jfrog.io/artifactory\nartifactory_user=ci-bot\nartifactory_password=«v»\n'),
        ('assign', 'ARTIFACTORY_API_KEY'),
    ],
    'secret-atlassian-api-token': [
        ('assign', 'JIRA_API_TOKEN'),
        ('py', 'jira = JIRA(server="https://«org».atlassian.net", basic_auth=("ci@«org».io", "«v»"))'),
    ],
    'secret-aws-access-key-id': [
        ('file', 'deploy/aws/credentials', '[default]\nregion = eu-west-1\naws_access_key_id = «v»\naws_secret_access_key = «s:secret-aws-secret-access-key»\n'),
        ('assign', 'AWS_ACCESS_KEY_ID'),
        ('tf', 'provider "aws" {\n  region     = "us-west-2"\n  access_key = "«v»"\n  secret_key = "«s:secret-aws-secret-access-key»"\n}'),
        ('py', 's3 = boto3.client(\n    "s3",\n    aws_access_key_id="«v»",\n    aws_secret_access_key="«s:secret-aws-secret-access-key»",\n)'),
    ],
    'secret-aws-bedrock-api-key': [('assign', 'AWS_BEARER_TOKEN_BEDROCK', ('env', 'sh', 'gha', 'k8s'))],
    'secret-aws-secret-access-key': [
        ('assign', 'AWS_SECRET_ACCESS_KEY'),
        ('java', '    private static final BasicAWSCredentials CREDS = new BasicAWSCredentials(\n        "«s:secret-aws-access-key-id»",\n        "«v»");'),
    ],
    'secret-aws-session-token': [
        ('assign', 'AWS_SESSION_TOKEN', ('env', 'sh')),
        ('file', 'deploy/aws/assumed-role.ini', '[assumed]\nregion = eu-west-1\naws_session_token = «v»\n'),
    ],
    'secret-azure-account-key': [
        ('file', 'src/Functions/local.settings.json', '{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=«svc»files;AccountKey=«v»;EndpointSuffix=core.windows.net",\n    "FUNCTIONS_WORKER_RUNTIME": "python"\n  }\n}\n'),
        ('assign', 'AZURE_STORAGE_KEY'),
        ('tf', 'resource "azurerm_storage_account_customer_managed_key" "«svc»" {\n  storage_account_id = azurerm_storage_account.«svc».id\n}\n\nlocals {\n  storage_connection = "DefaultEndpointsProtocol=https;AccountName=«svc»logs;AccountKey=«v»;EndpointSuffix=core.windows.net"\n}'),
    ],
    'secret-azure-devops-pat': [
        ('file', 'azure-pipelines.yml', 'trigger:\n- main\nvariables:\n  AZURE_DEVOPS_EXT_PAT: «v»\nsteps:\n- script: az devops configure --defaults organization=https://dev.azure.com/«org»\n- script: make test\n'),
        ('assign', 'AZDO_PERSONAL_ACCESS_TOKEN', ('env', 'sh')),
    ],
    'secret-azure-entra-client-secret': [
        ('file', 'src/Api/appsettings.Production.json', '{\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "TenantId": "«d:uuid»",\n    "ClientId": "«d:uuid»",\n    "ClientSecret": "«v»"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n'),
        ('assign', 'AZURE_CLIENT_SECRET'),
    ],
    'secret-azure-sas-token': [
        ('sh', 'azcopy copy \\\n  "https://«svc»exports.blob.core.windows.net/exports/2025/ledger.parquet?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=«v»" \\\n  ./ledger.parquet'),
        ('env', 'EXPORTS_CONTAINER_URL=https://«svc»exports.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-06-30T00:00:00Z&spr=https&sig=«v»'),
    ],
    'secret-azure-shared-access-key': [
        ('env', 'SERVICEBUS_CONNECTION=Endpoint=sb://«svc»-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«v»'),
        ('yaml', 'eventhub:\n  connection_string: "Endpoint=sb://«svc»-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=«v»;EntityPath=orders"'),
    ],
    'secret-bitbucket-app-password': [('assign', 'BITBUCKET_APP_PASSWORD')],
    'secret-braintree-access-token': [
        ('js', 'const gateway = new braintree.BraintreeGateway({ accessToken: "«v»" });'),
        ('assign', 'BRAINTREE_ACCESS_TOKEN', ('env', 'k8s', 'compose')),
    ],
    'secret-brevo-api-key': [
        ('assign', 'BREVO_API_KEY'),
        ('py', 'configuration = sib_api_v3_sdk.Configuration()\nconfiguration.api_key["api-key"] = "«v»"'),
    ],
    'secret-clojars-token': [
        ('sh', 'export CLOJARS_USERNAME=«org»\nexport CLOJARS_PASSWORD=«v»\nlein deploy clojars'),
        ('assign', 'CLOJARS_TOKEN', ('gha', 'env')),
    ],
    'secret-cloudant-credentials': [
        ('env', 'CLOUDANT_URL=https://«org»-bluemix:«v»@«org»-bluemix.cloudantnosqldb.appdomain.cloud'),
        ('py', 'CLOUDANT_ACCOUNT = "«org»"\nCLOUDANT_PASSWORD = "«v»"'),
    ],
    'secret-cloudflare-api-token': [
        ('tf', 'provider "cloudflare" {\n  api_token = "«v»"\n}'),
        ('assign', 'CLOUDFLARE_API_TOKEN'),
    ],
    'secret-cloudflare-global-api-key': [
        ('file', 'deploy/certbot/cloudflare.ini', '# Cloudflare credentials used by the certbot dns-cloudflare plugin\ndns_cloudflare_email = ops@«org».io\ndns_cloudflare_api_key = «v»\n'),
        ('assign', 'CLOUDFLARE_API_KEY'),
    ],
    'secret-cloudflare-origin-ca-key': [
        ('tf', 'provider "cloudflare" {\n  api_user_service_key = "«v»"\n}'),
        ('assign', 'CLOUDFLARE_API_USER_SERVICE_KEY', ('env', 'gha')),
    ],
    'secret-cohere-api-key': [
        ('assign', 'COHERE_API_KEY'),
        ('py', 'co = cohere.ClientV2(api_key="«v»")'),
    ],
    'secret-curl-authorization-header': [
        ('sh', 'curl -fsS -X POST \\\n  -H "Authorization: Bearer «v»" \\\n  https://deploy.«host»/hooks/release'),
        ('md', '```sh\ncurl -s -H "Authorization: Bearer «v»" https://api.«host»/v1/reports\n```'),
        ('gha', '      - name: Notify deploy service\n        run: curl -fsS -H "Authorization: Token «v»" https://deploy.«host»/api/releases'),
    ],
    'secret-curl-user-password': [
        ('sh', 'curl -s -X PUT -u elastic:«v» "https://es.«host»:9200/_snapshot/nightly/$(date +%F)"'),
        ('dockerfile', 'RUN curl -fsSL --user deploy:«v» https://artifacts.«host»/releases/«svc».tar.gz | tar -xz -C /opt'),
    ],
    'secret-database-uri-credentials': [
        ('assign', 'DATABASE_URL', ('env', 'k8s', 'compose', 'gha', 'sh')),
        ('py', 'SQLALCHEMY_DATABASE_URI = "postgresql://«svc»:«v»@db.«host»:5432/«svc»"'),
        ('js', 'await mongoose.connect("mongodb+srv://«svc»:«v»@cluster0.«n»abc.mongodb.net/«svc»?retryWrites=true");'),
        ('yaml', 'database:\n  url: mysql://«svc»:«v»@mysql.«host»:3306/«svc»\n  pool: 10'),
        ('env', 'CELERY_BROKER_URL=amqp://«svc»:«v»@rabbitmq.«host»:5672/«svc»'),
        ('env', 'REDIS_URL=redis://:«v»@redis.«host»:6379/0'),
        ('java', '    private static final String JDBC_URL = "jdbc:postgresql://db.«host»:5432/«svc»?user=«svc»&password=«v»";'),
    ],
    'secret-databricks-token': [
        ('file', 'ci/databrickscfg', '[DEFAULT]\nhost = https://adb-«n»012345678901.5.azuredatabricks.net\ntoken = «v»\n'),
        ('assign', 'DATABRICKS_TOKEN'),
    ],
    'secret-datadog-key': [
        ('assign', 'DD_API_KEY'),
        ('file', 'deploy/helm/datadog-values.yaml', 'datadog:\n  apiKey: «v»\n  site: datadoghq.eu\n  logs:\n    enabled: true\n    containerCollectAll: true\n'),
        ('tf', 'provider "datadog" {\n  api_key = "«v»"\n  app_key = var.datadog_app_key\n}'),
        ('assign', 'DATADOG_APP_KEY', ('env', 'k8s')),
    ],
    'secret-digitalocean-token': [
        ('file', 'infra/terraform.tfvars', 'region   = "ams3"\ndo_token = "«v»"\n'),
        ('assign', 'DIGITALOCEAN_ACCESS_TOKEN'),
    ],
    'secret-discord-bot-token': [
        ('file', 'bots/discord/bot.js', 'const { Client, GatewayIntentBits } = require("discord.js");\n\nconst client = new Client({ intents: [GatewayIntentBits.Guilds] });\nclient.once("ready", () => console.log("ready"));\nclient.login("«v»");\n'),
        ('assign', 'DISCORD_BOT_TOKEN', ('env', 'compose', 'k8s')),
    ],
    'secret-discord-webhook-url': [
        ('assign', 'DISCORD_WEBHOOK_URL'),
        ('gha', '      - name: Announce\n        run: curl -sS -H "Content-Type: application/json" -d \'{"content": "released"}\' «v»'),
    ],
    'secret-docker-config-auth': [
        ('file', 'ci/docker/config.json', '{\n\t"auths": {\n\t\t"registry.«host»": {\n\t\t\t"auth": "«v»"\n\t\t}\n\t}\n}\n'),
    ],
    'secret-docker-hub-pat': [
        ('sh', 'echo «v» | docker login -u «org» --password-stdin'),
        ('assign', 'DOCKERHUB_TOKEN', ('env', 'gha')),
    ],
    'secret-doppler-token': [('assign', 'DOPPLER_TOKEN', ('compose', 'env', 'k8s', 'gha', 'sh'))],
    'secret-dynatrace-token': [
        ('assign', 'DT_API_TOKEN'),
        ('file', 'deploy/k8s/dynatrace-bootstrap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dynatrace-bootstrap\ndata:\n  apiUrl: https://abc«n»345.live.dynatrace.com/api\n  apiToken: «v»\n'),
    ],
    'secret-easypost-api-key': [
        ('file', 'lib/shipping/client.rb', "require 'easypost'\n\nmodule Shipping\n  CLIENT = EasyPost::Client.new(api_key: '«v»')\nend\n"),
        ('assign', 'EASYPOST_API_KEY'),
    ],
    'secret-flutterwave-secret-key': [
        ('assign', 'FLW_SECRET_KEY'),
        ('js', 'const flw = new Flutterwave(process.env.FLW_PUBLIC_KEY, "«v»");'),
    ],
    'secret-flyio-token': [('assign', 'FLY_API_TOKEN', ('gha', 'env', 'sh'))],
    'secret-gcp-api-key': [
        ('js', 'const mapsClient = new google.maps.Map(el, { center, zoom: 12, key: "«v»" });'),
        ('file', 'public/store-locator.html', '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Store locator</title>\n  <script async src="https://maps.googleapis.com/maps/api/js?key=«v»&callback=initMap"></script>\n</head>\n<body><div id="map"></div></body>\n</html>\n'),
        ('assign', 'GOOGLE_API_KEY'),
        ('file', 'android/app/src/main/res/values/google_maps_api.xml', '<resources>\n    <string name="google_maps_key" templateMergeStrategy="preserve" translatable="false">«v»</string>\n</resources>\n'),
    ],
    'secret-gcp-oauth-access-token': [
        ('py', 'creds = Credentials(token="«v»")'),
        ('sh', 'curl -s -H "Authorization: Bearer «v»" https://storage.googleapis.com/storage/v1/b/«svc»-exports/o'),
    ],
    'secret-gcp-oauth-client-secret': [
        ('file', 'config/google/client_secret.json', '{\n  "installed": {\n    "client_id": "«n»60538672286-zp1ayq9dc9tzgn3mejab9qbo2hwrkxbs.apps.googleusercontent.com",\n    "project_id": "«svc»-cli",\n    "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n    "token_uri": "https://oauth2.googleapis.com/token",⟦token URL⟧\n    "client_secret": "«v»",\n    "redirect_uris": ["http://localhost"]\n  }\n}\n'),
        ('assign', 'GOOGLE_CLIENT_SECRET'),
    ],
    'secret-gcp-oauth-refresh-token': [
        ('file', 'config/google/authorized_user.json', '{\n  "client_id": "«n»60074475841-76obvs4opynek2qr5ljajv26vij5k3cr.apps.googleusercontent.com",\n  "client_secret": "«s:secret-gcp-oauth-client-secret»",\n  "refresh_token": "«v»",\n  "type": "authorized_user"\n}\n'),
        ('assign', 'GOOGLE_REFRESH_TOKEN', ('env', 'sh')),
    ],
    'secret-gcp-service-account-key': [
        ('gcp-sa', False), ('gcp-sa', True),
    ],
    'secret-generic-assignment': [
        ('py', 'SECRET_KEY = "«v»"'),
        ('yaml', 'smtp:\n  host: smtp.«host»\n  port: 587\n  username: mailer\n  password: "«v»"'),
        ('js', 'const sessionSecret = "«v»";'),
        ('go', 'const adminPassword = "«v»"'),
        ('java', '    private static final String KEYSTORE_PASSWORD = "«v»";'),
        ('file', 'config/settings.rb', "Rails.application.configure do\n  config.x.payments.api_key = '«v»'\n  config.x.payments.timeout = 30\nend\n"),
        ('props', 'spring.datasource.password=«v»'),
        ('file', 'config/appsettings.json', '{\n  "Smtp": {\n    "Host": "smtp.«host»",\n    "Port": 587,\n    "Password": "«v»"\n  }\n}\n'),
    ],
    'secret-github-app-token': [
        ('file', 'ci/logs/release-«n».log', '2025-03-02T10:14:00Z fetching installation token\nFetched installation token «v» for repo «org»/«svc»\n2025-03-02T10:14:02Z pushing tag v1.«n».0\n'),
        ('assign', 'GITHUB_TOKEN', ('env', 'sh')),
    ],
    'secret-github-fine-grained-pat': [
        ('file', '.npmrc', '@«org»:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=«v»\n'),
        ('assign', 'GH_TOKEN'),
    ],
    'secret-github-oauth-token': [
        ('file', 'ci/gh/hosts.yml', 'github.com:\n    oauth_token: «v»\n    user: ci-bot\n    git_protocol: https\n'),
        ('assign', 'GITHUB_OAUTH_TOKEN', ('env', 'sh')),
    ],
    'secret-github-pat': [
        ('assign', 'GITHUB_TOKEN'),
        ('py', 'gh = Github("«v»")'),
        ('sh', 'git clone https://«v»@github.com/«org»/«svc»-config.git /tmp/config'),
        ('go', 'client := github.NewClient(nil).WithAuthToken("«v»")'),
    ],
    'secret-github-refresh-token': [
        ('file', 'ci/gh/session.json', '{\n  "access_token": "«s:secret-github-app-token»",\n  "refresh_token": "«v»",\n  "expires_in": 28800\n}\n'),
    ],
    'secret-gitlab-access-token': [
        ('assign', 'GITLAB_TOKEN'),
        ('sh', 'curl --header "PRIVATE-TOKEN: «v»" "https://gitlab.«host»/api/v4/projects/42/pipelines"'),
        ('file', '.gitlab-ci.yml', 'stages: [test, release]\nvariables:\n  PRIVATE_TOKEN: «v»\ntest:\n  stage: test\n  script:\n    - make test\n'),
    ],
    'secret-gitlab-deploy-token': [('assign', 'CI_DEPLOY_PASSWORD', ('env', 'sh', 'gha'))],
    'secret-gitlab-job-token': [
        ('file', 'ci/logs/job-«n».log', '$ echo "using token $CI_JOB_TOKEN"\nusing token «v»\n$ make release\n'),
    ],
    'secret-gitlab-oauth-secret': [('assign', 'GITLAB_OAUTH_SECRET', ('env', 'k8s', 'yaml'))],
    'secret-gitlab-other-tokens': [
        ('md', 'Subscribe to the activity feed: https://gitlab.«host»/«org»/«svc».atom?feed_token=«v»'),
        ('yaml', 'gitlab_agent:\n  kasAddress: wss://kas.gitlab.«host»\n  token: «v»'),
    ],
    'secret-gitlab-runner-token': [
        ('file', 'ci/runner/config.toml', 'concurrent = 4\n\n[[runners]]\n  name = "docker-ci"\n  url = "https://gitlab.«host»/"\n  token = "«v»"\n  executor = "docker"\n  [runners.docker]\n    image = "alpine:3.20"\n'),
        ('sh', 'gitlab-runner register --non-interactive --url https://gitlab.«host»/ \\\n  --registration-token «v» --executor docker'),
    ],
    'secret-gitlab-trigger-token': [
        ('sh', 'TRIGGER_TOKEN=«v»\ncurl -X POST -F token="$TRIGGER_TOKEN" -F ref=main https://gitlab.«host»/api/v4/projects/42/trigger/pipeline'),
    ],
    'secret-gocardless-token': [('assign', 'GOCARDLESS_ACCESS_TOKEN')],
    'secret-grafana-token': [
        ('py', 'session.headers["Authorization"] = "Bearer «v»"  # grafana'),
        ('file', 'deploy/grafana/provisioning/datasources/loki.yaml', 'apiVersion: 1\ndatasources:\n  - name: Loki\n    type: loki\n    url: https://logs-prod-eu-west-0.grafana.net\n    basicAuth: true\n    basicAuthUser: 7445«n»7\n    secureJsonData:\n      basicAuthPassword: «v»\n'),
        ('assign', 'GRAFANA_TOKEN'),
    ],
    'secret-groq-api-key': [('ts', 'const groq = new Groq({ apiKey: "«v»" });'), ('assign', 'GROQ_API_KEY')],
    'secret-harness-token': [
        ('tf', 'provider "harness" {\n  endpoint         = "https://app.harness.io/gateway"\n  account_id       = "px7xd_BFRCi-pfWPYXVjvw"\n  platform_api_key = "«v»"\n}'),
        ('assign', 'HARNESS_PLATFORM_API_KEY', ('env', 'gha')),
    ],
    'secret-heroku-api-key-legacy': [
        ('assign', 'HEROKU_API_KEY', ('env', 'gha', 'sh')),
        ('file', 'ci/netrc', 'machine api.heroku.com\n  login ops@«org».io\n  password «v»\n'),
    ],
    'secret-heroku-api-key': [('assign', 'HEROKU_API_KEY')],
    'secret-high-entropy-string': [
        ('js', 'module.exports.cookieSigning = "«v»";'),
        ('yaml', 'session:\n  signing_salt: "«v»"\n  max_age: 86400'),
        ('py', 'FIELD_ENCRYPTION_KEY = "«v»"'),
        ('go', 'var hmacKey = []byte("«v»")'),
    ],
    'secret-hubspot-token': [
        ('py', 'api_client = HubSpot(access_token="«v»")'),
        ('assign', 'HUBSPOT_ACCESS_TOKEN'),
    ],
    'secret-huggingface-token': [
        ('py', 'snapshot_download("«org»/«svc»-model", token="«v»")'),
        ('assign', 'HF_TOKEN'),
    ],
    'secret-ibm-cloud-api-key': [
        ('assign', 'IBMCLOUD_API_KEY'),
        ('file', 'config/ibm/cos-writer-credentials.json', '{\n  "apikey": "«v»",\n  "iam_apikey_name": "svc-cos-writer",⟦name of an API key⟧\n  "iam_role_crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer"\n}\n'),
    ],
    'secret-ibm-cos-hmac-secret': [
        ('file', 'deploy/ibm/credentials', '[ibm-cos]\naws_secret_access_key = «v»\n'),
    ],
    'secret-infracost-api-key': [
        ('gha', '      - name: Cost estimate\n        run: infracost configure set api_key «v» && infracost breakdown --path .'),
        ('assign', 'INFRACOST_API_KEY'),
    ],
    'secret-jfrog-token': [
        ('tf', 'provider "artifactory" {\n  url          = "https://«org».jfrog.io"\n  access_token = "«v»"\n}'),
        ('assign', 'JFROG_ACCESS_TOKEN'),
    ],
    'secret-jwt': [
        ('file', 'tests/http/invoices.http', 'GET https://api.«host»/v1/invoices HTTP/1.1\nAuthorization: Bearer «v»\nAccept: application/json\n'),
        ('py', 'SERVICE_JWT = "«v»"'),
        ('js', 'const authHeader = { Authorization: `Bearer «v»` };'),
        ('assign', 'API_JWT'),
    ],
    'secret-keystore-file': [
        ('file', '.gitlab-ci.yml', 'stages: [build]\nvariables:\n  KEY_ALIAS: upload\n  ANDROID_KEYSTORE_BASE64: «v»\nbuild:\n  stage: build\n  script:\n    - ./gradlew assembleRelease\n'),
        ('assign', 'SIGNING_KEYSTORE_B64', ('env', 'gha')),
    ],
    'secret-kubeconfig-credentials': [('file', 'ops/kubeconfig-«svc».yaml', KUBECONFIG)],
    'secret-kubernetes-secret-manifest': [
        ('file', 'deploy/k8s/«svc»-secret.yaml', K8S_SECRET_DATA),
        ('file', 'deploy/k8s/«svc»-smtp-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: «svc»-smtp\ntype: Opaque\nstringData:\n  host: "{{ .Values.smtp.host }}"\n  password: «v:password»\n'),
        ('file', 'deploy/k8s/«svc»-api-secret.yaml', 'apiVersion: v1\ndata:\n  api-token: «v»\n  signing-key: «v»\nkind: Secret\nmetadata:\n  creationTimestamp: "2025-05-02T09:14:11Z"\n  name: «svc»-api\n  namespace: «svc»\n  uid: «d:uuid»\ntype: Opaque\n'),
    ],
    'secret-linear-api-key': [('ts', 'const linear = new LinearClient({ apiKey: "«v»" });'), ('assign', 'LINEAR_API_KEY')],
    'secret-mailchimp-api-key': [
        ('file', 'web/newsletter.php', "<?php\n$mailchimp = new \\MailchimpMarketing\\ApiClient();\n$mailchimp->setConfig(['apiKey' => '«v»', 'server' => 'us14']);\n"),
        ('assign', 'MAILCHIMP_API_KEY'),
    ],
    'secret-mailgun-api-key': [
        ('assign', 'MAILGUN_API_KEY'),
        ('py', 'requests.post(MAILGUN_URL, auth=("api", "«v»"), data=message)  # mailgun'),
    ],
    'secret-new-relic-key': [
        ('assign', 'NEW_RELIC_API_KEY'),
        ('file', 'deploy/fluent-bit/output.conf', '[OUTPUT]\n    Name     nrlogs\n    Match    *\n    api_key  «v»\n'),
    ],
    'secret-notion-token': [('js', 'const notion = new Client({ auth: "«v»" });'), ('assign', 'NOTION_TOKEN')],
    'secret-npm-token': [
        ('file', 'ci/npmrc', '//registry.npmjs.org/:_authToken=«v»\n'),
        ('assign', 'NPM_TOKEN'),
    ],
    'secret-npmrc-auth': [
        ('file', 'frontend/.npmrc', '@«org»:registry=https://«org».jfrog.io/artifactory/api/npm/npm-local/\n//«org».jfrog.io/artifactory/api/npm/npm-local/:_auth=«v»\nalways-auth=true\n'),
        ('file', 'frontend/.yarnrc.yml', 'nodeLinker: node-modules\nnpmRegistries:\n  "https://npm.pkg.«host»":\n    npmAuthToken: «v»\n'),
    ],
    'secret-nuget-config-password': [
        ('file', 'NuGet.config', '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="«org»" value="https://pkgs.«host»/nuget/v3/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <«org»>\n      <add key="Username" value="ci-bot" />\n      <add key="ClearTextPassword" value="«v»" />\n    </«org»>\n  </packageSourceCredentials>\n</configuration>\n'),
    ],
    'secret-octopus-api-key': [
        ('file', 'deploy/octopus/release.ps1', '$server = "https://octopus.«host»"\n$headers = @{ "X-Octopus-ApiKey" = "«v»" }\nInvoke-RestMethod -Uri "$server/api/releases" -Headers $headers -Method Post -Body $release\n'),
        ('assign', 'OCTOPUS_API_KEY'),
    ],
    'secret-okta-api-token': [
        ('assign', 'OKTA_API_TOKEN'),
        ('py', 'HEADERS = {"Accept": "application/json", "Authorization": "SSWS «v»"}'),
    ],
    'secret-openai-api-key': [
        ('py', 'client = OpenAI(api_key="«v»")'),
        ('assign', 'OPENAI_API_KEY'),
        ('ts', 'const openai = new OpenAI({ apiKey: "«v»" });'),
    ],
    'secret-openshift-token': [('sh', 'oc login --token=«v» --server=https://api.ocp.«host»:6443'), ('assign', 'OPENSHIFT_TOKEN', ('gha', 'env'))],
    'secret-perplexity-api-key': [('assign', 'PERPLEXITY_API_KEY')],
    'secret-plaid-access-token': [
        ('py', 'request = AccountsGetRequest(access_token="«v»")'),
        ('assign', 'PLAID_ACCESS_TOKEN', ('env', 'k8s')),
    ],
    'secret-planetscale-token': [('assign', 'PLANETSCALE_SERVICE_TOKEN'), ('assign', 'DATABASE_PASSWORD', ('env', 'compose'))],
    'secret-postman-api-key': [
        ('sh', 'newman run "https://api.getpostman.com/collections/8154-api?apikey=«v»" -e staging.json'),
        ('assign', 'POSTMAN_API_KEY'),
    ],
    'secret-private-key': [
        ('file', 'deploy/keys/deploy_key', '«v»\n'),
        ('file', 'deploy/tls/«svc».key', '«v»\n'),
        ('yaml', 'tls:\n  certificate_file: /etc/«svc»/tls.crt\n  private_key: |\n«v-indent4»'),
        ('py', 'SIGNING_KEY = """«v»\n"""'),
        ('tf', 'resource "tls_self_signed_cert" "«svc»" {\n  private_key_pem = <<-EOT\n«v-indent4»\n  EOT\n  validity_period_hours = 8760\n}'),
    ],
    'secret-pulumi-token': [('assign', 'PULUMI_ACCESS_TOKEN')],
    'secret-pypi-token': [
        ('file', 'ci/pypirc', '[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = «v»\n'),
        ('assign', 'TWINE_PASSWORD', ('gha', 'env', 'sh')),
    ],
    'secret-replicate-token': [('assign', 'REPLICATE_API_TOKEN')],
    'secret-rubygems-api-key': [
        ('file', 'ci/gem/credentials', '---\n:rubygems_api_key: «v»\n'),
        ('assign', 'GEM_HOST_API_KEY', ('gha', 'env')),
    ],
    'secret-scalingo-token': [('sh', 'scalingo login --api-token «v»\nscalingo --app «svc» deploy build.tar.gz'), ('assign', 'SCALINGO_API_TOKEN')],
    'secret-sendgrid-api-key': [
        ('file', 'app/mailers/client.rb', 'SENDGRID = SendGrid::API.new(api_key: "«v»")\n'),
        ('assign', 'SENDGRID_API_KEY'),
        ('py', 'sg = SendGridAPIClient("«v»")'),
    ],
    'secret-sentry-token': [
        ('file', 'web/.sentryclirc', '[defaults]\norg = «org»\nproject = web\n\n[auth]\ntoken=«v»\n'),
        ('assign', 'SENTRY_AUTH_TOKEN', ('gha', 'env')),
    ],
    'secret-shippo-token': [('py', 'client = shippo.Shippo(api_key_header="ShippoToken «v»")'), ('assign', 'SHIPPO_API_TOKEN')],
    'secret-shopify-token': [('assign', 'SHOPIFY_ADMIN_TOKEN'), ('js', 'const shopify = shopifyApi({ adminApiAccessToken: "«v»", hostName: "«svc».myshopify.com" });')],
    'secret-slack-app-token': [('assign', 'SLACK_APP_TOKEN')],
    'secret-slack-bot-token': [
        ('py', 'client = WebClient(token="«v»")'),
        ('assign', 'SLACK_BOT_TOKEN'),
        ('js', 'const app = new App({ token: "«v»", signingSecret: process.env.SLACK_SIGNING_SECRET });'),
    ],
    'secret-slack-config-token': [('assign', 'SLACK_CONFIG_ACCESS_TOKEN', ('env', 'sh'))],
    'secret-slack-legacy-token': [
        ('assign', 'HUBOT_SLACK_TOKEN', ('env', 'compose')),
        ('file', 'lib/slack_archive.rb', "Slack.configure do |config|\n  config.token = '«v»'\nend\n"),
    ],
    'secret-slack-user-token': [('py', 'client = WebClient(token="«v»")'), ('assign', 'SLACK_USER_TOKEN')],
    'secret-slack-webhook-url': [
        ('file', 'deploy/alertmanager/alertmanager.yml', 'route:\n  receiver: ops\nreceivers:\n- name: ops\n  slack_configs:\n  - api_url: «v»\n    channel: "#ops-alerts"\n'),
        ('assign', 'SLACK_WEBHOOK_URL'),
        ('go', 'const slackWebhook = "«v»"'),
    ],
    'secret-snyk-token': [('assign', 'SNYK_TOKEN'), ('sh', 'snyk auth «v»\nsnyk test --all-projects')],
    'secret-softlayer-api-key': [
        ('file', 'ops/softlayer.conf', '[softlayer]\nusername = ops-automation\napi_key = «v»\nendpoint_url = https://api.softlayer.com/xmlrpc/v3.1/\ntimeout = 0\n'),
        ('assign', 'SL_API_KEY', ('env', 'sh')),
    ],
    'secret-sonarqube-token': [
        ('file', 'sonar-project.properties', 'sonar.projectKey=«org»_«svc»\nsonar.host.url=https://sonar.«host»\nsonar.token=«v»\n'),
        ('assign', 'SONAR_TOKEN', ('gha', 'env')),
    ],
    'secret-sourcegraph-token': [('assign', 'SRC_ACCESS_TOKEN', ('sh', 'env'))],
    'secret-square-access-token': [
        ('file', 'config/square.json', '{\n  "environment": "production",\n  "accessToken": "«v»",\n  "locationId": "LLHQI12VUWSSO"\n}\n'),
        ('assign', 'SQUARE_ACCESS_TOKEN'),
    ],
    'secret-square-oauth-secret': [
        ('yaml', 'square:\n  application-id: sq0idp-QwMcv1_Zy1oUtPdfs_HkzO⟦Square application id (public)⟧\n  application-secret: «v»'),
    ],
    'secret-stripe-live-key': [
        ('assign', 'STRIPE_SECRET_KEY'),
        ('py', 'stripe.api_key = "«v»"'),
        ('js', 'const stripe = require("stripe")("«v»");'),
        ('java', '        Stripe.apiKey = "«v»";'),
    ],
    'secret-stripe-test-key': [('assign', 'STRIPE_SECRET_KEY', ('env', 'gha', 'py', 'js')), ('ts', 'const stripe = new Stripe("«v»", { apiVersion: "2024-06-20" });')],
    'secret-stripe-webhook-secret': [('assign', 'STRIPE_WEBHOOK_SECRET')],
    'secret-teams-webhook-url': [
        ('file', 'Jenkinsfile', "pipeline {\n  agent any\n  stages {\n    stage('Test') { steps { sh 'make test' } }\n  }\n  post {\n    failure {\n      office365ConnectorSend webhookUrl: '«v»', message: 'Build failed'\n    }\n  }\n}\n"),
        ('assign', 'TEAMS_WEBHOOK_URL'),
    ],
    'secret-telegram-bot-token': [
        ('sh', 'TOKEN="«v»"\ncurl -s "https://api.telegram.org/bot$TOKEN/sendMessage" -d chat_id="$CHAT_ID" -d text="$1"'),
        ('assign', 'TELEGRAM_BOT_TOKEN'),
    ],
    'secret-terraform-cloud-token': [
        ('file', 'ci/credentials.tfrc.json', '{\n  "credentials": {\n    "app.terraform.io": {\n      "token": "«v»"\n    }\n  }\n}\n'),
        ('assign', 'TF_TOKEN_app_terraform_io', ('env', 'gha', 'sh')),
    ],
    'secret-terraform-hardcoded-password': [
        ('tf', 'resource "azurerm_mssql_server" "«svc»" {\n  name                         = "«svc»-sql"\n  resource_group_name          = azurerm_resource_group.«svc».name\n  location                     = "westeurope"\n  version                      = "12.0"\n  administrator_login          = "«svc»admin"\n  administrator_login_password = "«v»"\n}'),
        ('tf', 'variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "«v»"\n}'),
        ('tf', 'resource "aws_db_instance" "«svc»" {\n  identifier        = "«svc»-db"\n  engine            = "postgres"\n  instance_class    = "db.t4g.medium"\n  allocated_storage = 50\n  username          = "«svc»"\n  password          = "«v»"\n}'),
    ],
    'secret-travis-codecov-token': [
        ('file', 'codecov.yml', 'codecov:\n  token: «v»\n  require_ci_to_pass: true\ncoverage:\n  precision: 2\n'),
        ('assign', 'CODECOV_TOKEN', ('gha', 'env', 'sh')),
    ],
    'secret-twilio-api-key': [('env', 'TWILIO_ACCOUNT_SID=«d:twilio-sid»\nTWILIO_API_KEY=«v»')],
    'secret-twilio-auth-token': [
        ('assign', 'TWILIO_AUTH_TOKEN'),
        ('py', 'TWILIO_ACCOUNT_SID = "«d:twilio-sid»"\nTWILIO_AUTH_TOKEN = "«v»"'),
    ],
    'secret-url-basic-auth': [
        ('file', 'ci/gitconfig', '[remote "origin"]\n\turl = https://ci-bot:«v»@git.«host»/platform/«svc».git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n'),
        ('file', 'requirements-private.txt', '--extra-index-url https://deploy:«v»@pypi.«host»/simple/\nrequests==2.32.3\n'),
        ('assign', 'ELASTICSEARCH_URL'),
        ('yaml', 'webhooks:\n  release: https://hooks:«v»@ci.«host»/generic-webhook-trigger/invoke'),
    ],
    'secret-vault-token': [('assign', 'VAULT_TOKEN')],
    'secret-zendesk-token': [
        ('file', 'config/zendesk.yml', 'zendesk_subdomain: «org»\nzendesk_email: support-bot@«org».io/token\nzendesk_api_token: «v»\n'),
        ('assign', 'ZENDESK_API_TOKEN'),
    ],
}

# Detectors planted more often (the formats most often leaked).
WEIGHTS = {'secret-generic-assignment': 4, 'secret-private-key': 3, 'secret-database-uri-credentials': 4,
           'secret-aws-access-key-id': 2, 'secret-aws-secret-access-key': 2, 'secret-github-pat': 2,
           'secret-jwt': 2, 'secret-url-basic-auth': 2, 'secret-slack-webhook-url': 2, 'secret-stripe-live-key': 2,
           'secret-terraform-hardcoded-password': 2, 'secret-high-entropy-string': 2, 'secret-kubernetes-secret-manifest': 2}


# ----------------------------------------------------------------------------------------------
# Decoys: values of a secret's shape, or near a secret's name, that are not secrets.
# ----------------------------------------------------------------------------------------------

def ssh_pub(kind):
    def blob(*parts):
        return b''.join(struct.pack('>I', len(p)) + p for p in parts)
    if kind == 'ed25519':
        return 'ssh-ed25519 ' + b64(blob(b'ssh-ed25519', random_bytes(32))) + ' ci@' + rng().choice(NOUNS) + '-runner'
    return 'ssh-rsa ' + b64(blob(b'ssh-rsa', b'\x01\x00\x01', b'\x00' + random_bytes(256))) + ' deploy@' + rng().choice(NOUNS)


def pem_public(kind='PUBLIC KEY', n=6):
    return f'-----BEGIN {kind}-----\n' + infra.pem_body(n) + f'\n-----END {kind}-----'


def png_data():
    return b64(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa'
               + random_bytes(rng().randrange(120, 600)))


def sops_value():
    return (f'ENC[AES256_GCM,data:{b64(random_bytes(rng().randrange(12, 40)))},iv:{b64(random_bytes(32))},'
            f'tag:{b64(random_bytes(16))},type:str]')


DECOY_VALUES = {
    # documented examples
    'aws-doc-id': (lambda: 'AKIAIOSFODNN7EXAMPLE', "AWS's documented example access key id"),
    'aws-doc-secret': (lambda: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', "AWS's documented example secret key"),
    'azurite-key': (lambda: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
                    'Azurite emulator account key (published)'),
    'jwt-io': (lambda: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
               "jwt.io's documented example token"),
    'docker-doc-auth': (lambda: 'dXNlcm5hbWU6cGFzc3dvcmQ=', 'base64 of "username:password"'),
    # checksums that do not hold
    'ghp-bad': (lambda: bad_checksum(checksummed('ghp_')), 'GitHub PAT with a wrong checksum'),
    'gho-bad': (lambda: bad_checksum(checksummed('gho_')), 'GitHub OAuth token with a wrong checksum'),
    'ghs-bad': (lambda: bad_checksum(checksummed('ghs_')), 'GitHub App token with a wrong checksum'),
    'npm-bad': (lambda: bad_checksum(checksummed('npm_')), 'npm token with a wrong checksum'),
    # hashes, digests, identifiers
    'sha256': (lambda: rand(HEX, 64), 'sha256 hex digest'),
    'sha512': (lambda: rand(HEX, 128), 'sha512 hex digest'),
    'sha1': (lambda: rand(HEX, 40), 'git commit SHA'),
    'md5': (lambda: rand(HEX, 32), 'md5 digest'),
    'sha256-b64': (lambda: b64(random_bytes(32)), 'base64 sha256 of a build artifact'),
    'image-digest': (lambda: 'sha256:' + rand(HEX, 64), 'container image digest'),
    'sri': (lambda: 'sha384-' + b64(random_bytes(48)), 'subresource-integrity hash'),
    'npm-integrity': (lambda: 'sha512-' + b64(random_bytes(64)), 'lock-file integrity hash'),
    'csp': (lambda: 'sha256-' + b64(random_bytes(32)), 'CSP script hash'),
    'uuid': (uuid, 'UUID'),
    'twilio-sid': (lambda: 'AC' + rand(HEX, 32), 'Twilio account SID (an identifier)'),
    'pk-live': (lambda: 'pk_live_51' + rand(ALNUM, 97), 'Stripe publishable key (public by design)'),
    'sentry-dsn': (lambda: f'https://{rand(HEX, 32)}@o{rand(DIGITS, 6)}.ingest.sentry.io/{rand(DIGITS, 7)}', 'Sentry DSN (public client key)'),
    'recaptcha-site': (lambda: '6L' + rand(URLSAFE, 38), 'reCAPTCHA site key (public)'),
    'gpg-fpr': (lambda: rand('0123456789ABCDEF', 40), 'GPG key fingerprint'),
    'bcrypt': (lambda: '$2b$12$' + rand('./' + ALNUM, 53), 'bcrypt password hash'),
    'sops': (sops_value, 'SOPS-encrypted value'),
    'sealed': (lambda: 'AgB' + b64(random_bytes(rng().randrange(280, 420))), 'SealedSecret ciphertext'),
    # public material
    'png': (png_data, 'base64 image'),
    'ssh-ed25519': (lambda: ssh_pub('ed25519'), 'SSH public key'),
    'ssh-rsa': (lambda: ssh_pub('rsa'), 'SSH public key'),
    'pubkey-pem': (lambda: pem_public('PUBLIC KEY', 6), 'PEM public key'),
    'cert-pem': (lambda: pem_public('CERTIFICATE', 18), 'PEM certificate'),
    'cert-b64': (lambda: b64(pem_public('CERTIFICATE', 18).encode()), 'CA certificate (base64)'),
    'age-pub': (lambda: 'age1' + rand(BECH32.lower(), 58), 'age public key'),
    'public-ip': (lambda: rng().choice(['8.8.8.8', '1.1.1.1', '9.9.9.9', '8.8.4.4', '1.0.0.1', '208.67.222.222']), 'public IP address (a DNS resolver)'),
    'hex32': (lambda: rand(HEX, 32), 'hex identifier'),
}

# Decoy contexts, in the same forms as CONTEXTS: «d:KIND» is a decoy value, a line ending in
# ⟦what⟧ is a decoy line as written.
DECOYS = [
    # documented examples
    ('file', '.env.example', '# Copy to .env and fill in\nSECRET_KEY=changeme⟦placeholder "changeme"⟧\nAWS_ACCESS_KEY_ID=«d:aws-doc-id»\nAWS_SECRET_ACCESS_KEY=«d:aws-doc-secret»\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx⟦placeholder xxxx⟧\nSENDGRID_API_KEY=<your-sendgrid-api-key>⟦placeholder <...>⟧\nDATABASE_URL=postgres://app:password@localhost:5432/app⟦placeholder password in a local URL⟧\nSLACK_BOT_TOKEN=xoxb-your-bot-token⟦placeholder⟧\n'),
    ('md', '```ini\n[default]\naws_access_key_id = «d:aws-doc-id»\naws_secret_access_key = «d:aws-doc-secret»\n```'),
    ('compose', '  azurite:\n    image: mcr.microsoft.com/azure-storage/azurite:3.31.0\n    environment:\n      AZURITE_ACCOUNTS: "devstoreaccount1:«d:azurite-key»"'),
    ('env', 'AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«d:azurite-key»;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;'),
    ('md', 'A token looks like this (the example from jwt.io):\n\n    «d:jwt-io»'),
    ('py', '# the example token from jwt.io, used to test the parser\nEXAMPLE_JWT = "«d:jwt-io»"'),
    ('file', 'docs/registry-auth.md', '# Registry authentication\n\nThe `auth` field is base64 of `user:password`, for example:\n\n```json\n{"auths": {"registry.example.com": {"auth": "«d:docker-doc-auth»"}}}\n```\n'),
    # placeholders and references
    ('env', 'STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}⟦${VAR} reference⟧'),
    ('env', 'GITHUB_TOKEN=<your-token>⟦placeholder <your-token>⟧'),
    ('env', 'OPENAI_API_KEY=sk-...⟦placeholder sk-...⟧\nANTHROPIC_API_KEY=your-api-key-here⟦placeholder⟧'),
    ('yaml', 'database:\n  password: "{{ .Values.database.password }}"⟦template reference⟧\n  user: app'),
    ('yaml', 'redis:\n  password: ${REDIS_PASSWORD}⟦${VAR} reference⟧\n  url: redis://:${REDIS_PASSWORD}@redis:6379/0⟦${VAR} reference in a URL⟧'),
    ('gha', '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}⟦${{ secrets.X }} reference⟧\n      SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}⟦${{ secrets.X }} reference⟧'),
    ('tf', 'provider "datadog" {\n  api_key = var.datadog_api_key⟦variable reference⟧\n  app_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"⟦placeholder xxxx⟧\n}'),
    ('tf', 'resource "aws_db_instance" "replica" {\n  identifier = "replica"\n  username   = "app"\n  password   = random_password.db.result⟦resource reference⟧\n}'),
    ('k8s-env', '            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db-credentials⟦secretKeyRef name⟧\n                  key: password⟦secretKeyRef key⟧'),
    ('py', 'API_KEY = os.environ["API_KEY"]⟦read from the environment⟧\nDB_PASSWORD = os.getenv("DB_PASSWORD", "")⟦read from the environment⟧'),
    ('js', 'const apiKey = process.env.STRIPE_SECRET_KEY;⟦read from the environment⟧\nconst token = "<YOUR_TOKEN_HERE>";⟦placeholder <...>⟧'),
    ('sh', 'export VAULT_TOKEN="$(vault print token)"⟦command substitution⟧\nexport GITHUB_TOKEN=${GITHUB_TOKEN:?set GITHUB_TOKEN}⟦${VAR} reference⟧'),
    ('java', '    private static final String PASSWORD = "********";⟦masked value⟧'),
    ('props', 'spring.datasource.password=${DB_PASSWORD}⟦${VAR} reference⟧\nspring.mail.password=changeme⟦placeholder "changeme"⟧'),
    ('dockerfile', 'ARG NPM_TOKEN⟦build argument without a value⟧\nENV API_KEY=REPLACE_ME⟦placeholder REPLACE_ME⟧'),
    ('md', 'Set `SLACK_BOT_TOKEN` to the bot token (it starts with `xoxb-`) and `GITHUB_TOKEN` to a `ghp_…` token.⟦prose about token formats⟧'),
    # checksums that do not hold
    ('py', '# a token whose checksum is wrong must be rejected\nINVALID_PAT = "«d:ghp-bad»"'),
    ('go', '\t{name: "bad checksum", token: "«d:ghs-bad»", valid: false},'),
    ('js', '  it("rejects a token with a bad checksum", () => expect(isValid("«d:npm-bad»")).toBe(false));'),
    ('file', 'ci/logs/token-check-«n».log', 'checking token «d:gho-bad»: checksum mismatch, ignored\n'),
    # hashes, digests, identifiers
    ('dockerfile', 'ENV NODE_VERSION=20.15.1\nENV NODE_SHA256=«d:sha256»\nRUN echo "${NODE_SHA256}  node.tar.xz" | sha256sum -c -'),
    ('dockerfile', 'RUN echo "«d:sha256»  /tmp/terraform.zip" | sha256sum -c -'),
    ('file', 'dist/checksums.txt', '«d:sha256»  «svc»-linux-amd64.tar.gz\n«d:sha256»  «svc»-linux-arm64.tar.gz\n«d:sha256»  «svc»-darwin-arm64.tar.gz\n'),
    ('file', 'tools/manifest.json', '{\n  "name": "«svc»-cli",\n  "version": "2.«n».1",\n  "sha256": "«d:sha256»",\n  "url": "https://releases.«host»/«svc»-cli.tar.gz"\n}\n'),
    ('file', '.pre-commit-config.yaml', 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: «d:sha1»  # frozen: v4.6.0\n    hooks:\n      - id: trailing-whitespace\n      - id: end-of-file-fixer\n'),
    ('gha', '      - uses: actions/checkout@«d:sha1» # v4.1.7'),
    ('k8s-image', '          image: ghcr.io/«org»/«svc»@«d:image-digest»'),
    ('tf', 'resource "aws_lambda_function" "«svc»" {\n  function_name    = "«svc»-handler"\n  filename         = "build/handler.zip"\n  source_code_hash = "«d:sha256-b64»"\n  handler          = "main.handler"\n  runtime          = "python3.12"\n}'),
    ('file', 'web/index.html', '<!doctype html>\n<html>\n<head>\n  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="«d:sri»" crossorigin="anonymous"></script>\n  <link rel="stylesheet" href="/static/app.css">\n</head>\n<body></body>\n</html>\n'),
    ('file', 'deploy/nginx/security-headers.conf', "add_header Content-Security-Policy \"script-src 'self' '«d:csp»'\" always;\nadd_header X-Frame-Options DENY always;\n"),
    ('file', 'Formula/«svc».rb', 'class «Svc» < Formula\n  desc "Command-line client"\n  url "https://releases.«host»/«svc»-2.«n».0.tar.gz"\n  sha256 "«d:sha256»"\n  license "MIT"\nend\n'),
    ('py', 'EXPECTED_DIGEST = "«d:sha512»"'),
    ('js', 'const ETAG = \'"«d:md5»"\';'),
    ('py', 'REQUEST_ID = "«d:uuid»"'),
    ('tf', 'provider "azurerm" {\n  features {}\n  subscription_id = "«d:uuid»"\n  tenant_id       = "«d:uuid»"\n}'),
    ('yaml', 'oauth:\n  client_id: «d:uuid»\n  token_url: https://login.«host»/oauth2/token⟦token URL⟧'),
    ('go', 'const correlationHeaderExample = "«d:uuid»"'),
    ('py', 'TWILIO_ACCOUNT_SID = "«d:twilio-sid»"'),
    ('js', 'const stripe = Stripe("«d:pk-live»");'),
    ('js', 'Sentry.init({ dsn: "«d:sentry-dsn»", tracesSampleRate: 0.1 });'),
    ('yaml', 'recaptcha:\n  site_key: «d:recaptcha-site»'),
    ('file', 'keys/release-signing.txt', 'Releases are signed with the key «d:gpg-fpr».\n'),
    ('file', 'deploy/nginx/htpasswd', 'metrics:«d:bcrypt»\n'),
    ('file', 'deploy/secrets/«svc».enc.yaml', 'database:\n    password: «d:sops»\n    user: «d:sops»\nsops:\n    age:\n        - recipient: «d:age-pub»\n    lastmodified: "2025-04-02T09:14:11Z"\n    version: 3.9.0\n'),
    ('file', 'deploy/k8s/«svc»-sealed.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: «svc»-db\n  namespace: «svc»\nspec:\n  encryptedData:\n    password: «d:sealed»\n'),
    ('file', 'deploy/k8s/«svc»-templated-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: «svc»-db\ntype: Opaque\ndata:\n  password: {{ .Values.db.password | b64enc | quote }}⟦templated Secret value⟧\n'),
    # public material
    ('file', 'web/static/css/badges.css', '.badge-ok {\n  background-image: url("data:image/png;base64,«d:png»");\n  background-repeat: no-repeat;\n}\n'),
    ('md', '![status](data:image/png;base64,«d:png»)'),
    ('js', 'export const PLACEHOLDER_IMAGE = "data:image/png;base64,«d:png»";'),
    ('file', 'deploy/ssh/authorized_keys', '«d:ssh-ed25519»\n«d:ssh-rsa»\n'),
    ('tf', 'resource "aws_key_pair" "deployer" {\n  key_name   = "deployer"\n  public_key = "«d:ssh-ed25519»"\n}'),
    ('file', 'keys/release-signing.pub', '«d:pubkey-pem»\n'),
    ('file', 'deploy/k8s/«svc»-ca.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: «svc»-ca\ndata:\n  ca.crt: |\n«d:cert-pem-indent4»\n'),
    ('yaml', 'resolver:\n  nameservers: ["«d:public-ip»", "«d:public-ip»"]'),
    # ordinary names
    ('py', 'password_field = "password"⟦identifier assigned to a password name⟧\nTOKEN_HEADER = "X-Auth-Token"⟦header name⟧'),
    ('py', 'secret_name = f"{prefix}-db-credentials"⟦secret name⟧\nPASSWORD_RESET_URL = "/account/password/reset"⟦URL path⟧'),
    ('js', 'const passwordInput = document.querySelector("#password");⟦DOM selector⟧\nconst TOKEN_STORAGE_KEY = "auth.refreshToken";⟦storage key name⟧'),
    ('ts', 'export const API_KEY_HEADER = "X-Api-Key";⟦header name⟧\nexport const tokenType: TokenType = "Bearer";⟦token type⟧'),
    ('go', 'const passwordEnv = "DB_PASSWORD"⟦environment variable name⟧\nvar errInvalidToken = errors.New("invalid token")⟦error message⟧'),
    ('java', '    private static final String PASSWORD_PARAM = "password";⟦parameter name⟧\n    private static final String SECRET_KEY_ALGORITHM = "HmacSHA256";⟦algorithm name⟧'),
    ('yaml', 'security:\n  password_policy: strong⟦setting value⟧\n  token_ttl: 3600⟦setting value⟧\n  secret_store: vault⟦setting value⟧'),
    ('tf', 'resource "aws_secretsmanager_secret" "db" {\n  name = "prod/«svc»/db-password"⟦secret name⟧\n}'),
    ('env', 'DB_PASSWORD_FILE=/run/secrets/db_password⟦path to a secret file⟧\nAPI_TOKEN_PATH=/var/run/secrets/tokens/api-token⟦path to a secret file⟧'),
    ('sh', 'read -rsp "Password: " PASSWORD⟦prompt for a password⟧\nkubectl create secret generic db --from-literal=password="$PASSWORD"⟦variable reference⟧'),
    ('k8s-env', '            - name: OTEL_EXPORTER_OTLP_HEADERS\n              value: "x-honeycomb-team=$(HONEYCOMB_API_KEY)"⟦$(VAR) reference⟧'),
    ('props', 'spring.security.oauth2.client.provider.acme.token-uri=https://auth.«host»/oauth/token⟦token URL⟧'),
]


# ----------------------------------------------------------------------------------------------
# Ordinary content: code, configuration, manifests and prose without secrets, from word lists.
# ----------------------------------------------------------------------------------------------

NOUNS = ('invoice customer order shipment account ledger payment refund report user session cache queue event '
         'message subscription plan coupon product inventory warehouse carrier address profile tenant webhook '
         'notification export batch job schedule metric alert dashboard record entry transfer balance statement '
         'receipt discount cart checkout review rating document attachment upload region cluster node volume '
         'snapshot backup release build artifact deployment pipeline catalog price quote contract supplier').split()
VERBS = ('get fetch load create update delete list sync build parse validate render export import compute apply '
         'merge resolve schedule publish consume enqueue retry archive normalize serialize format send notify '
         'refresh reconcile collect filter group count').split()
ATTRS = 'id name status created_at updated_at total amount currency email region count items owner version kind priority due_date'.split()
ADJS = 'open pending active archived failed stale current previous default primary remote local partial daily monthly'.split()
ORGS = 'acme globex initech umbrella hooli vandelay stark wayne soylent tyrell'.split()
WORDS = ('the a service request response value field client server queue worker handler record batch retry timeout limit '
         'page cursor schema table index column migration release version build test fixture config option default '
         'error warning log metric trace span label annotation namespace cluster node pod volume image tag registry '
         'when if each every after before while until with without for from into over under between across').split()


class Filler:
    def __init__(self, seed):
        self.R = random.Random(seed)

    # small helpers -------------------------------------------------------------------------
    def noun(self): return self.R.choice(NOUNS)
    def verb(self): return self.R.choice(VERBS)
    def attr(self): return self.R.choice(ATTRS)
    def camel(self, *parts): return parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])
    def pascal(self, *parts): return ''.join(p[:1].upper() + p[1:] for p in parts)
    def snake(self, *parts): return '_'.join(parts)

    def sentence(self, lo=6, hi=16):
        w = [self.R.choice(WORDS + NOUNS + VERBS) for _ in range(self.R.randrange(lo, hi))]
        return (' '.join(w)).capitalize() + '.'

    def paragraph(self, n=None):
        return ' '.join(self.sentence() for _ in range(n or self.R.randrange(2, 6)))

    # Python --------------------------------------------------------------------------------
    def py_stmt(self, ind):
        R, n, a = self.R, self.noun(), self.attr()
        p = ' ' * ind
        c = R.randrange(14)
        if c == 0: return [f'{p}{n}_{a} = {n}.get("{a}")']
        if c == 1: return [f'{p}if not {n}:', f'{p}    raise ValueError("{n} {a} is required")']
        if c == 2: return [f'{p}log.debug("{self.verb()} {n} %s", {n}.{a})']
        if c == 3: return [f'{p}for item in {n}s:', f'{p}    results.append(item.{a})']
        if c == 4: return [f'{p}{n}s = [x for x in {n}s if x.{a} is not None]']
        if c == 5: return [f'{p}with session.begin():', f'{p}    session.add({n})']
        if c == 6: return [f'{p}try:', f'{p}    {n} = client.{self.verb()}_{n}({n}_id)', f'{p}except HTTPError as exc:',
                           f'{p}    log.warning("could not {self.verb()} {n}: %s", exc)', f'{p}    return None']
        if c == 7: return [f'{p}{n}.{a} = {R.choice(["now()", "None", "0", "[]", repr(R.choice(ADJS))])}']
        if c == 8: return [f'{p}total += {n}.{a} or 0']
        if c == 9: return [f'{p}if {n}.status == "{R.choice(ADJS)}":', f'{p}    continue' if ind > 4 else f'{p}    return {n}']
        if c == 10: return [f'{p}cache.set(f"{n}:{{{n}.id}}", {n}, ttl={R.choice([60, 300, 3600])})']
        if c == 11: return [f'{p}token = request.headers.get("Authorization", "").removeprefix("Bearer ")']
        if c == 12: return [f'{p}metrics.increment("{n}.{self.verb()}", tags={{"region": region}})']
        return [f'{p}results = sorted(results, key=lambda r: r.{a}, reverse=True)']

    def py_function(self):
        R, v, n = self.R, self.verb(), self.noun()
        args = ', '.join(['session'] + [f'{self.noun()}_{self.attr()}' for _ in range(R.randrange(0, 3))])
        lines = [f'def {v}_{n}({args}):', f'    """{self.sentence().capitalize()}"""', '    results = []', '    total = 0']
        for _ in range(R.randrange(3, 12)):
            lines += self.py_stmt(4)
        lines.append(f'    return {R.choice(["results", "total", n, "None"])}')
        return lines

    def py_class(self):
        n = self.noun()
        lines = ['@dataclass', f'class {self.pascal(n, self.R.choice(["summary", "record", "view", "request"]))}:',
                 f'    """{self.sentence()}"""']
        for _ in range(self.R.randrange(3, 9)):
            lines.append(f'    {self.noun()}_{self.attr()}: {self.R.choice(["int", "str", "float", "bool", "Optional[str]", "list[str]"])}')
        lines += ['', '    def as_dict(self):', '        return asdict(self)']
        return lines

    def py_header(self, pkg):
        mods = self.R.sample(['logging', 'os', 'json', 'time', 'datetime', 'typing', 'itertools', 'functools', 're'], 4)
        return ([f'"""{self.sentence()}"""', 'from __future__ import annotations', ''] + [f'import {m}' for m in sorted(mods)]
                + ['from dataclasses import asdict, dataclass', 'from typing import Optional', '',
                   f'from {pkg}.models import {self.pascal(self.noun())}, {self.pascal(self.noun())}',
                   f'from {pkg}.http import HTTPError, client', '', 'log = logging.getLogger(__name__)', '',
                   f'DEFAULT_PAGE_SIZE = {self.R.choice([20, 50, 100])}', f'RETRY_LIMIT = {self.R.randrange(2, 6)}'])

    def py_blocks(self, n):
        return [self.py_class() if self.R.random() < 0.2 else self.py_function() for _ in range(n)]

    # JavaScript / TypeScript ---------------------------------------------------------------
    def js_stmt(self, ind, ts=False):
        R, n, a = self.R, self.noun(), self.camel(self.attr())
        p = ' ' * ind
        c = R.randrange(11)
        if c == 0: return [f'{p}const {n}{a.capitalize()} = {n}?.{a} ?? null;']
        if c == 1: return [f'{p}if (!{n}) {{', f'{p}  throw new Error("{n} not found");', f'{p}}}']
        if c == 2: return [f'{p}logger.debug("{self.verb()} {n}", {{ id: {n}.id }});']
        if c == 3: return [f'{p}for (const item of {n}s) {{', f'{p}  results.push(item.{a});', f'{p}}}']
        if c == 4: return [f'{p}const {n}s = await db.{n}.findMany({{ where: {{ {a}: {{ not: null }} }}, take: PAGE_SIZE }});']
        if c == 5: return [f'{p}const response = await fetch(`${{BASE_URL}}/{n}s/${{{n}.id}}`, {{ headers }});']
        if c == 6: return [f'{p}total += Number({n}.{a} ?? 0);']
        if c == 7: return [f'{p}cache.set(`{n}:${{{n}.id}}`, {n}, {{ ttl: {R.choice([60, 300, 3600])} }});']
        if c == 8: return [f'{p}const token = req.headers.authorization?.replace(/^Bearer /, "");']
        if c == 9: return [f'{p}results.sort((a, b) => b.{a} - a.{a});']
        return [f'{p}metrics.increment("{n}.{self.verb()}", {{ region }});']

    def js_function(self, ts=False):
        R, v, n = self.R, self.verb(), self.noun()
        sig = f'({n}Id: string, options: Options = {{}}): Promise<{self.pascal(n)}[]>' if ts else f'({n}Id, options = {{}})'
        lines = ['/**', f' * {self.sentence()}', ' */', f'export async function {self.camel(v, n)}{sig} {{',
                 '  const results = [];', '  let total = 0;']
        for _ in range(R.randrange(3, 10)):
            lines += self.js_stmt(2, ts)
        lines += [f'  return {R.choice(["results", "total"])};', '}']
        return lines

    def js_header(self, ts=False):
        imps = [f'import {{ {self.pascal(self.noun())} }} from "../models/{self.noun()}";',
                'import { logger } from "../lib/logger";', 'import { metrics } from "../lib/metrics";',
                'import { cache } from "../lib/cache";', 'import { db } from "../db";']
        return imps + ['', f'const BASE_URL = process.env.API_BASE_URL ?? "https://api.{self.R.choice(ORGS)}.io";',
                       f'const PAGE_SIZE = {self.R.choice([20, 50, 100])};', 'const headers = { Accept: "application/json" };']

    def js_blocks(self, n, ts=False):
        out = []
        for _ in range(n):
            if ts and self.R.random() < 0.25:
                nm = self.pascal(self.noun())
                out.append([f'export interface {nm} {{'] + [f'  {self.camel(self.noun(), self.attr())}: {self.R.choice(["string", "number", "boolean", "Date", "string[]"])};'
                                                           for _ in range(self.R.randrange(3, 9))] + ['}'])
            else:
                out.append(self.js_function(ts))
        return out

    # Go --------------------------------------------------------------------------------------
    def go_stmt(self):
        R, n, a = self.R, self.noun(), self.pascal(self.attr())
        c = R.randrange(9)
        if c == 0: return [f'\t{n}, err := s.store.Get{self.pascal(n)}(ctx, id)', '\tif err != nil {', f'\t\treturn nil, fmt.Errorf("get {n}: %w", err)', '\t}']
        if c == 1: return [f'\tlog.Printf("{self.verb()} {n} %s", {n}.{a})'] if False else [f'\ts.log.Debug("{self.verb()} {n}", "id", id)']
        if c == 2: return [f'\tfor _, item := range {n}s {{', f'\t\tresults = append(results, item.{a})', '\t}']
        if c == 3: return ['\tif len(results) == 0 {', '\t\treturn nil, ErrNotFound', '\t}']
        if c == 4: return [f'\ttotal += {n}.{a}']
        if c == 5: return [f'\tctx, cancel := context.WithTimeout(ctx, {R.choice([5, 10, 30])}*time.Second)', '\tdefer cancel()']
        if c == 6: return [f'\ts.metrics.Inc("{n}_{self.verb()}_total")']
        if c == 7: return [f'\ttoken := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")']
        return ['\tsort.Slice(results, func(i, j int) bool { return results[i] < results[j] })']

    def go_function(self):
        v, n = self.verb(), self.noun()
        lines = [f'// {self.pascal(v, n)} {self.sentence().lower()}', f'func (s *Service) {self.pascal(v, n)}(ctx context.Context, id string) ([]string, error) {{',
                 '\tvar results []string', '\tvar total int']
        for _ in range(self.R.randrange(3, 10)):
            lines += self.go_stmt()
        lines += ['\t_ = total', '\treturn results, nil', '}']
        return lines

    def go_header(self, pkg):
        return [f'// Package {pkg} {self.sentence().lower()}', f'package {pkg}', '', 'import (', '\t"context"', '\t"fmt"',
                '\t"sort"', '\t"strings"', '\t"time"', ')', '']

    # Java ------------------------------------------------------------------------------------
    def java_method(self):
        v, n = self.verb(), self.noun()
        lines = ['    /**', f'     * {self.sentence()}', '     */', f'    public List<String> {self.camel(v, n)}(String id) {{',
                 '        List<String> results = new ArrayList<>();']
        for _ in range(self.R.randrange(3, 9)):
            a = self.pascal(self.attr()); m = self.noun()
            lines += self.R.choice([
                [f'        {self.pascal(m)} {m} = repository.find{self.pascal(m)}(id).orElseThrow();'],
                [f'        log.debug("{v} {m} {{}}", {m}.get{a}());'],
                [f'        for (var item : {m}s) {{', f'            results.add(item.get{a}());', '        }'],
                [f'        if ({m}.get{a}() == null) {{', f'            throw new IllegalStateException("{m} has no {a}");', '        }'],
                [f'        metrics.counter("{m}.{v}").increment();'],
                ['        String token = request.getHeader("Authorization");'],
            ])
        lines += ['        return results;', '    }']
        return lines

    def java_header(self, pkg, cls):
        return [f'package {pkg};', '', 'import java.util.ArrayList;', 'import java.util.List;', 'import org.slf4j.Logger;',
                'import org.slf4j.LoggerFactory;', '', f'/** {self.sentence()} */', f'public class {cls} {{',
                f'    private static final Logger log = LoggerFactory.getLogger({cls}.class);', '']

    # configuration ---------------------------------------------------------------------------
    def yaml_section(self):
        R = self.R
        name = R.choice(['server', 'logging', 'cache', 'queues', 'features', 'limits', 'http', 'metrics', 'storage',
                         'scheduler', 'search', 'tracing', 'i18n', 'uploads', 'notifications'])
        lines = [f'{name}{R.randrange(1, 99) if R.random() < 0.4 else ""}:']
        for _ in range(R.randrange(2, 8)):
            k = self.snake(self.noun(), R.choice(['timeout', 'size', 'enabled', 'url', 'path', 'interval', 'limit', 'name']))
            val = R.choice([str(R.randrange(1, 5000)), 'true', 'false', f'"{self.noun()}-{self.noun()}"', f'https://{self.noun()}.internal/{self.noun()}',
                            f'/var/lib/{self.noun()}', f'{R.randrange(1, 60)}s'])
            lines.append(f'  {k}: {val}')
        return lines

    def env_line(self):
        R = self.R
        k = (self.noun() + '_' + R.choice(['HOST', 'PORT', 'TIMEOUT', 'ENABLED', 'URL', 'LIMIT', 'REGION', 'BUCKET', 'QUEUE', 'LOG_LEVEL'])).upper()
        v = R.choice([str(R.randrange(1, 65535)), 'true', 'false', f'{self.noun()}.internal', 'eu-west-1', 'info', f'{self.noun()}-{self.noun()}',
                      f'https://{self.noun()}.{R.choice(ORGS)}.io'])
        return [f'{k}={v}']

    def sh_block(self):
        R, n = self.R, self.noun()
        return R.choice([
            [f'echo "==> {self.verb()} {n}"', f'{self.verb()}_{n} "$@"'],
            [f'if [ -z "${{{n.upper()}_DIR:-}}" ]; then', f'  {n.upper()}_DIR="$(mktemp -d)"', 'fi'],
            [f'for f in "$BUILD_DIR"/{n}/*.json; do', '  jq -c . "$f" > "$f.min"', 'done'],
            [f'{self.verb()}_{n}() {{', f'  local target="$1"', f'  docker build -t "$REGISTRY/{n}:$VERSION" "$target"', '}'],
            [f'kubectl -n "$NAMESPACE" rollout status deploy/{n} --timeout=120s'],
            [f'aws s3 sync "./dist/{n}" "s3://$BUCKET/{n}/" --delete'],
        ])

    def tf_block(self):
        R, n = self.R, self.noun()
        return R.choice([
            [f'resource "aws_s3_bucket" "{n}" {{', f'  bucket = "${{var.prefix}}-{n}"', '  tags = local.tags', '}'],
            [f'resource "aws_sqs_queue" "{n}" {{', f'  name                      = "{n}-events"', f'  message_retention_seconds = {R.choice([86400, 345600])}', '}'],
            [f'variable "{n}_{R.choice(["count", "size", "name", "enabled"])}" {{', f'  type    = {R.choice(["number", "string", "bool"])}',
             f'  description = "{self.sentence()}"', '}'],
            [f'output "{n}_arn" {{', f'  value = aws_s3_bucket.{n}.arn', '}'],
            [f'module "{n}" {{', f'  source  = "./modules/{n}"', '  prefix  = var.prefix', f'  enabled = {R.choice(["true", "false"])}', '}'],
            [f'resource "aws_cloudwatch_log_group" "{n}" {{', f'  name              = "/{n}/app"', f'  retention_in_days = {R.choice([7, 14, 30, 90])}', '}'],
        ])

    def md_block(self):
        R = self.R
        c = R.randrange(5)
        if c == 0: return [f'## {self.pascal(self.noun())} {self.noun()}s', '', self.paragraph()]
        if c == 1: return [f'- {self.sentence()}' for _ in range(R.randrange(2, 6))]
        if c == 2: return ['```sh', f'make {self.verb()}-{self.noun()}', f'./scripts/{self.verb()}.sh --{self.noun()} {R.randrange(1, 9)}', '```']
        return [self.paragraph()]

    def k8s_doc(self, svc, org):
        R, n = self.R, self.noun()
        c = R.randrange(3)
        if c == 0:
            return ['apiVersion: v1', 'kind: Service', 'metadata:', f'  name: {svc}-{n}', 'spec:', '  selector:', f'    app: {svc}-{n}',
                    '  ports:', f'    - port: {R.choice([80, 443, 8080])}', f'      targetPort: {R.choice([8080, 8000, 3000])}']
        if c == 1:
            return ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', f'  name: {svc}-{n}-config', 'data:',
                    f'  LOG_LEVEL: {R.choice(["info", "debug", "warn"])}', f'  {n.upper()}_TIMEOUT: "{R.randrange(1, 60)}s"',
                    f'  FEATURE_{self.noun().upper()}: "{R.choice(["true", "false"])}"']
        return self.deployment(svc, org, n, [])

    def deployment(self, svc, org, name, env_lines, image=None):
        R = self.R
        env = [f'            - name: LOG_LEVEL', f'              value: {R.choice(["info", "debug"])}',
               f'            - name: {name.upper()}_QUEUE', f'              value: {svc}-{name}']
        return (['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', f'  name: {svc}-{name}', '  labels:', f'    app: {svc}',
                 'spec:', f'  replicas: {R.randrange(1, 5)}', '  selector:', '    matchLabels:', f'      app: {svc}-{name}',
                 '  template:', '    metadata:', '      labels:', f'        app: {svc}-{name}', '    spec:', '      containers:',
                 f'        - name: {name}'] + [image or f'          image: ghcr.io/{org}/{svc}:1.{R.randrange(20)}.{R.randrange(10)}']
                + ['          ports:', f'            - containerPort: {R.choice([8080, 8000, 3000])}', '          env:'] + env + env_lines
                + ['          resources:', '            limits:', f'              memory: {R.choice(["256Mi", "512Mi", "1Gi"])}'])

    def gha_job(self, env_lines=(), step_lines=()):
        R, n = self.R, self.noun()
        lines = [f'  {self.verb()}-{n}:', '    runs-on: ubuntu-latest']
        if env_lines:
            lines += ['    env:'] + list(env_lines)
        lines += ['    steps:', '      - uses: actions/checkout@v4', f'      - run: make {self.verb()}-{n}'] + list(step_lines)
        return lines

    def compose_service(self, svc, env_lines=()):
        n = self.noun()
        lines = [f'  {n}:', f'    image: ghcr.io/{self.R.choice(ORGS)}/{svc}-{n}:latest', '    restart: unless-stopped']
        lines += ['    environment:', f'      LOG_LEVEL: info'] + list(env_lines)
        lines += ['    ports:', f'      - "{self.R.randrange(3000, 9000)}:8080"']
        return lines

    def dockerfile_block(self):
        R = self.R
        return R.choice([['WORKDIR /app'], ['COPY . .'], [f'RUN apt-get update && apt-get install -y --no-install-recommends {R.choice(["curl", "ca-certificates", "git", "tini"])} && rm -rf /var/lib/apt/lists/*'],
                         [f'ENV {self.noun().upper()}_PORT={R.randrange(3000, 9000)}'], [f'EXPOSE {R.choice([8080, 8000, 3000])}'],
                         ['USER 10001'], [f'RUN make {self.verb()}']])

    def json_records(self, n):
        R = self.R
        recs = []
        for i in range(n):
            recs.append({'id': R.randrange(10**6, 10**7), 'name': f'{self.noun().capitalize()} {self.noun()}',
                         'email': f'{self.noun()}.{self.noun()}{R.randrange(100)}@example.com', 'status': R.choice(ADJS),
                         'amount': round(R.random() * 1000, 2), 'currency': R.choice(['EUR', 'USD', 'GBP']),
                         'created_at': f'2025-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}T{R.randrange(24):02d}:{R.randrange(60):02d}:00Z',
                         'tags': R.sample(NOUNS, R.randrange(0, 4)),
                         'address': {'city': R.choice(['Berlin', 'Lyon', 'Leeds', 'Austin', 'Porto', 'Osaka']), 'zip': str(R.randrange(10000, 99999))}})
        return recs


# ----------------------------------------------------------------------------------------------
# Templates to lines, with the line of every planted value and decoy.
# ----------------------------------------------------------------------------------------------

TOKEN = re.compile(r'«([^«»]+)»')
MARK = re.compile(r'⟦([^⟦⟧]*)⟧[ \t]*$')
ALT_VALUES = {'password': lambda: password(20)}


def indent(text, n):
    return '\n'.join(' ' * n + line for line in text.split('\n'))


def render(template, detector, words):
    """Fills a template. Returns (lines, records): each record has its line and end line (0-based,
    within these lines), the column and length of the value, and what it is."""
    records, pieces, pos = [], [], 0
    for m in TOKEN.finditer(template):
        pieces.append(template[pos:m.start()])
        pos = m.end()
        tok = m.group(1)
        ind = 0
        if tok.endswith('-indent4'):
            tok, ind = tok[:-len('-indent4')], 4
        if tok in words:
            pieces.append(words[tok])
            continue
        if tok == 'v' or tok.startswith('v:') or tok.startswith('s:'):
            det = tok[2:] if tok.startswith('s:') else detector
            value = ALT_VALUES[tok[2:]]() if tok.startswith('v:') else VALUES[det]()
            rec = {'kind': 'planted', 'detector': det}
        elif tok.startswith('d:'):
            fn, what = DECOY_VALUES[tok[2:]]
            value = fn()
            rec = {'kind': 'decoy', 'what': what}
        else:
            raise KeyError(f'unknown token «{tok}» in a template of {detector}')
        if ind:
            value = indent(value, ind)
        i = len(records)
        records.append(rec)
        pieces.append(f'\x02{i}\x03{value}\x04{i}\x05')
    pieces.append(template[pos:])
    text = ''.join(pieces)
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    # where each value starts and ends
    for li, line in enumerate(lines):
        for m in re.finditer('\x02(\\d+)\x03', line):
            rec = records[int(m.group(1))]
            rec['line'] = li
            rec['col'] = len(re.sub('[\x02\x04]\\d+[\x03\x05]', '', line[:m.start()]))
        for m in re.finditer('\x04(\\d+)\x05', line):
            records[int(m.group(1))]['end_line'] = li
    out = []
    for li, line in enumerate(lines):
        clean = re.sub('[\x02\x04]\\d+[\x03\x05]', '', line)
        mk = MARK.search(clean)
        if mk:
            clean = clean[:mk.start()].rstrip()
            records.append({'kind': 'decoy', 'what': mk.group(1) or 'decoy line', 'line': li, 'end_line': li, 'vline': li, 'col': 0})
        out.append(clean)
    # a value written as a YAML block scalar or a heredoc belongs to the key that opens it
    for rec in records:
        rec['vline'] = rec['line']
        if rec.get('end_line', rec['line']) > rec['line'] and rec['line'] > 0 and \
                re.search(r'(:\s*[|>][-+]?|<<-?\s*[A-Z]+)\s*$', out[rec['line'] - 1]):
            rec['line'] -= 1
    # the length of each value, for the pattern check
    for rec in records:
        if rec['kind'] == 'planted':
            if rec['end_line'] == rec['vline']:
                seg = lines[rec['vline']]
                m1 = re.search(f'\x02{records.index(rec)}\x03', seg)
                m2 = re.search(f'\x04{records.index(rec)}\x05', seg)
                rec['length'] = len(re.sub('[\x02\x04]\\d+[\x03\x05]', '', seg[m1.end():m2.start()]))
            else:
                rec['length'] = sum(len(out[k]) + 1 for k in range(rec['vline'], rec['end_line'] + 1)) - rec['col']
    return out, records


ASSIGN_KINDS = {'env': 4, 'sh': 2, 'dockerfile': 1, 'compose': 1, 'k8s': 1, 'gha': 1, 'py': 1, 'js': 1, 'ts': 1,
                'go': 1, 'java': 1, 'yaml': 1, 'props': 0.5, 'tf': 1, 'md': 0.5}


def camel_of(name):
    parts = name.lower().split('_')
    return parts[0] + ''.join(p.capitalize() for p in parts[1:])


def assign_template(kind, name, x, R):
    """NAME = x as the host kind writes it (x holds «v»)."""
    quoted_only = ' ' in x
    camel, lower = camel_of(name), name.lower()
    pick = lambda first, *more: first if R.random() < 0.7 else R.choice(more)  # noqa: E731  (the plain form most often)
    if kind == 'env': return f'{name}="{x}"' if quoted_only else pick(f'{name}={x}', f'{name}="{x}"')
    if kind == 'sh': return f'export {name}="{x}"' if quoted_only else pick(f'export {name}={x}', f'export {name}="{x}"', f'{name}="{x}"')
    if kind == 'dockerfile': return f'ENV {name}="{x}"' if quoted_only else pick(f'ENV {name}={x}', f'ENV {name}="{x}"', f'ARG {name}={x}')
    if kind == 'compose': return pick(f'      {name}: "{x}"', f'      {name}: {x}')
    if kind == 'k8s': return pick(f'            - name: {name}\n              value: "{x}"', f'            - name: {name}\n              value: {x}')
    if kind == 'gha': return pick(f'      {name}: {x}', f'      {name}: "{x}"')
    if kind == 'py': return pick(f'{name} = "{x}"', f'os.environ.setdefault("{name}", "{x}")', f'{name} = os.getenv("{name}", "{x}")')
    if kind == 'js': return pick(f'const {camel} = "{x}";', f'process.env.{name} = process.env.{name} || "{x}";')
    if kind == 'ts': return pick(f'export const {camel}: string = "{x}";', f'const {camel} = process.env.{name} ?? "{x}";')
    if kind == 'go': return pick(f'const {camel} = "{x}"', f'var {camel} = envOr("{name}", "{x}")')
    if kind == 'java': return pick(f'    private static final String {name} = "{x}";',
                                   f'    static final String {name} = System.getenv().getOrDefault("{name}", "{x}");')
    if kind == 'yaml': return pick(f'{lower}: {x}', f'{lower}: "{x}"')
    if kind == 'props': return f'{lower.replace("_", ".")}={x}'
    if kind == 'tf': return f'locals {{\n  {lower} = "{x}"\n}}'
    if kind == 'md': return f'```sh\nexport {name}="{x}"\n```'
    raise KeyError(kind)


ASSIGN_WRAP = {
    'secret-database-uri-credentials': lambda: R_CHOICE(['postgres://app:«v»@db.«host»:5432/app', 'mysql://app:«v»@mysql.«host»:3306/app',
                                                         'mongodb://app:«v»@mongo.«host»:27017/app?authSource=admin']),
    'secret-url-basic-auth': lambda: 'https://elastic:«v»@es.«host»:9200',
}


def R_CHOICE(seq):
    return rng().choice(seq)


# ----------------------------------------------------------------------------------------------
# Repositories and files
# ----------------------------------------------------------------------------------------------

SEPARATOR = {'py': [''], 'js': [''], 'ts': [''], 'go': [''], 'java': [''], 'tf': [''], 'md': [''], 'k8s': ['---'],
             'yaml': [''], 'gha': [''], 'compose': [''], 'sh': [''], 'env': [], 'props': [], 'dockerfile': ['']}


class File:
    def __init__(self, path, kind=None, header=(), blocks=(), footer=(), raw=None):
        self.path, self.kind = path, kind
        self.chunks = [(list(header), [])] + [(list(b), []) for b in blocks] + [(list(footer), [])]
        self.raw = raw  # bytes, for binary files
        self.inserts = 0

    def insert(self, lines, records, R):
        pos = R.randrange(1, len(self.chunks))  # after the header, before the footer
        self.chunks.insert(pos, (lines, records))
        self.inserts += 1

    def text(self):
        sep = SEPARATOR.get(self.kind, [])
        out, recs = [], []
        body = [c for c in self.chunks]
        for i, (lines, records) in enumerate(body):
            if not lines and not records:
                continue
            if out and i > 0 and 0 < i < len(body) - 1 or (i == len(body) - 1 and out and self.kind in ('py', 'js', 'ts', 'go', 'tf', 'md')):
                out += sep
            base = len(out)
            for r in records:
                r2 = dict(r)
                for k in ('line', 'end_line', 'vline'):
                    r2[k] += base
                recs.append(r2)
            out += lines
        return '\n'.join(out) + '\n', recs


class Repo:
    LANGS = ['python', 'python', 'python', 'node', 'node', 'node', 'go', 'go', 'java', 'infra']

    def __init__(self, index, F):
        R = F.R
        self.F, self.R = F, R
        self.lang = self.LANGS[index % len(self.LANGS)] if index < len(self.LANGS) else R.choice(self.LANGS)
        self.org = R.choice(ORGS)
        self.svc = NOUNS[(index * 7) % len(NOUNS)]
        self.name = f'r{index:03d}-{self.org}-{self.svc}-{self.lang}'
        self.files = {}
        self.hosts = {}
        self.build()

    def words(self):
        return {'svc': self.svc, 'Svc': self.svc.capitalize(), 'org': self.org, 'host': f'{self.org}.internal',
                'n': str(self.R.randrange(1, 10))}

    def add(self, f):
        self.files[f.path] = f
        if f.kind:
            self.hosts.setdefault(f.kind, []).append(f)
        return f

    def build(self):
        F, R, svc, org = self.F, self.R, self.svc, self.org
        pkg = svc
        # prose
        self.add(File('README.md', 'md', [f'# {svc}', '', F.paragraph()], [F.md_block() for _ in range(R.randrange(10, 30))]))
        for d in R.sample(['architecture', 'operations', 'runbook', 'api', 'development', 'security', 'migrations'], 4):
            self.add(File(f'docs/{d}.md', 'md', [f'# {d.capitalize()}', ''], [F.md_block() for _ in range(R.randrange(15, 60))]))
        log = []
        for v in range(R.randrange(40, 120), 0, -1):
            log += [f'## {v // 20}.{v % 20}.0', ''] + [f'- {F.sentence()}' for _ in range(R.randrange(2, 8))] + ['']
        self.add(File('CHANGELOG.md', None, ['# Changelog', ''], [log]))
        # configuration
        for p in ['.env', 'config/staging.env', 'deploy/production.env']:
            self.add(File(p, 'env', [f'# {svc} settings'], [F.env_line() for _ in range(R.randrange(6, 20))]))
        for p in ['config/app.yaml', 'config/worker.yaml', 'config/features.yaml']:
            self.add(File(p, 'yaml', [f'# {F.sentence()}'], [F.yaml_section() for _ in range(R.randrange(4, 14))]))
        for p in R.sample(['build', 'deploy', 'release', 'backup', 'migrate', 'seed', 'lint', 'smoke-test'], 4):
            self.add(File(f'scripts/{p}.sh', 'sh', ['#!/usr/bin/env bash', 'set -euo pipefail', ''], [F.sh_block() for _ in range(R.randrange(5, 25))]))
        for p in ['api', 'worker', 'cron']:
            self.add(File(f'deploy/k8s/{p}.yaml', 'k8s', [], [F.k8s_doc(svc, org) for _ in range(R.randrange(2, 6))]))
        for p in ['ci', 'release']:
            self.add(File(f'.github/workflows/{p}.yml', 'gha', [f'name: {p}', 'on:', '  push:', '    branches: [main]', 'jobs:'],
                          [F.gha_job() for _ in range(R.randrange(2, 5))]))
        ntf = 4 if self.lang != 'infra' else 40
        for i in range(ntf):
            name = ['main', 'variables', 'outputs', 'storage'][i] if i < 4 else f'{F.noun()}-{i}'
            self.add(File(f'infra/{name}.tf', 'tf', [], [F.tf_block() for _ in range(R.randrange(8, 40 if self.lang != 'infra' else 120))]))
        self.add(File('Dockerfile', 'dockerfile', [f'FROM {R.choice(["python:3.12-slim", "node:20-alpine", "golang:1.22", "eclipse-temurin:21-jre"])}'],
                      [F.dockerfile_block() for _ in range(R.randrange(5, 12))], ['CMD ["./start.sh"]']))
        self.add(File('docker-compose.yml', 'compose', ['services:'], [F.compose_service(svc) for _ in range(R.randrange(2, 5))]))
        # data
        for i in range(R.randrange(2, 5)):
            self.add(File(f'testdata/fixtures/{F.noun()}s-{i}.json', None, [], [json.dumps(F.json_records(R.randrange(100, 450)), indent=2).split('\n')]))
        for i in range(R.randrange(1, 4)):
            self.add(File(f'web/static/img/{F.noun()}-{i}.png', raw=b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(R.getrandbits(8) for _ in range(R.randrange(500, 4000)))))
        # code
        if self.lang == 'python':
            for i in range(R.randrange(25, 40)):
                self.add(File(f'src/{pkg}/{F.noun()}_{F.verb()}{i}.py', 'py', F.py_header(pkg), F.py_blocks(R.randrange(12, 60))))
            for i in range(R.randrange(5, 10)):
                self.add(File(f'tests/test_{F.noun()}{i}.py', 'py', F.py_header(pkg), F.py_blocks(R.randrange(6, 20))))
            self.add(File(f'src/{pkg}/generated/api_client.py', 'py', F.py_header(pkg), F.py_blocks(R.randrange(300, 600))))
            self.add(File('requirements.txt', None, [], [[f'{w}=={R.randrange(1, 5)}.{R.randrange(30)}.{R.randrange(10)}' for w in
                                                        ['requests', 'sqlalchemy', 'pydantic', 'fastapi', 'uvicorn', 'boto3', 'celery', 'redis']]]))
            self.add(File('poetry.lock', None, [], [self.lock_lines('poetry')]))
        elif self.lang == 'node':
            for i in range(R.randrange(20, 32)):
                self.add(File(f'src/{F.noun()}/{F.verb()}{i}.ts', 'ts', F.js_header(True), F.js_blocks(R.randrange(10, 45), True)))
            for i in range(R.randrange(5, 10)):
                self.add(File(f'src/legacy/{F.noun()}{i}.js', 'js', F.js_header(False), F.js_blocks(R.randrange(10, 40))))
            self.add(File('src/generated/client.ts', 'ts', F.js_header(True), F.js_blocks(R.randrange(300, 550), True)))
            self.add(File('package.json', None, [], [json.dumps({'name': f'@{org}/{svc}', 'version': '1.0.0', 'private': True,
                                                                 'scripts': {'build': 'tsc -p .', 'test': 'vitest run'},
                                                                 'dependencies': {'express': '^4.19.2', 'zod': '^3.23.8'}}, indent=2).split('\n')]))
            self.add(File('package-lock.json', None, [], [self.lock_lines('npm')]))
        elif self.lang == 'go':
            for d in R.sample(NOUNS, 6):
                for i in range(R.randrange(3, 7)):
                    self.add(File(f'internal/{d}/{F.verb()}{i}.go', 'go', F.go_header(d), [F.go_function() for _ in range(R.randrange(10, 45))]))
            self.add(File('internal/gen/api.gen.go', 'go', F.go_header('gen'), [F.go_function() for _ in range(R.randrange(300, 550))]))
            self.add(File('go.mod', None, [], [[f'module github.com/{org}/{svc}', '', 'go 1.22']]))
            self.add(File('go.sum', None, [], [self.lock_lines('go')]))
        elif self.lang == 'java':
            base = f'src/main/java/com/{org}/{svc}'
            for i in range(R.randrange(20, 35)):
                cls = F.pascal(F.noun(), F.R.choice(['Service', 'Repository', 'Controller', 'Mapper', 'Client'])) + str(i)
                self.add(File(f'{base}/{cls}.java', 'java', F.java_header(f'com.{org}.{svc}', cls), [F.java_method() for _ in range(R.randrange(8, 40))], ['}']))
            self.add(File(f'{base}/generated/ApiClient.java', 'java', F.java_header(f'com.{org}.{svc}.generated', 'ApiClient'),
                          [F.java_method() for _ in range(R.randrange(300, 500))], ['}']))
            self.add(File('src/main/resources/application.properties', 'props', [f'spring.application.name={svc}'],
                          [[f'{F.noun()}.{F.attr().replace("_", "-")}={R.randrange(1, 500)}'] for _ in range(R.randrange(10, 30))]))
            self.add(File('pom.xml', None, [], [['<project>', f'  <groupId>com.{org}</groupId>', f'  <artifactId>{svc}</artifactId>', '  <version>1.0.0</version>', '</project>']]))
        else:  # infrastructure repository
            for i in range(R.randrange(15, 30)):
                self.add(File(f'clusters/{F.noun()}/{F.noun()}-{i}.yaml', 'k8s', [], [F.k8s_doc(svc, org) for _ in range(R.randrange(3, 10))]))
            self.add(File(f'charts/{svc}/values.yaml', 'yaml', [], [F.yaml_section() for _ in range(R.randrange(20, 60))]))
            self.add(File(f'charts/{svc}/templates/deployment.yaml', None, [], [[
                'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "chart.fullname" . }}', 'spec:',
                '  replicas: {{ .Values.replicaCount }}', '  template:', '    spec:', '      containers:', '        - name: app',
                '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', '          env:',
                '            - name: DB_PASSWORD', '              valueFrom:', '                secretKeyRef:',
                '                  name: {{ .Values.db.secretName }}', '                  key: password']]))
            self.add(File('.terraform.lock.hcl', None, [], [self.lock_lines('terraform')]))

    def lock_lines(self, kind):
        R, F = self.R, self.F
        out = []
        for _ in range(R.randrange(150, 600)):
            name, ver = f'{F.noun()}-{F.verb()}', f'{R.randrange(10)}.{R.randrange(30)}.{R.randrange(10)}'
            if kind == 'npm':
                out += [f'    "node_modules/{name}": {{', f'      "version": "{ver}",', f'      "resolved": "https://registry.npmjs.org/{name}/-/{name}-{ver}.tgz",',
                        f'      "integrity": "sha512-{b64(bytes(R.getrandbits(8) for _ in range(64)))}",', '      "dev": true', '    },']
            elif kind == 'go':
                out += [f'github.com/{F.noun()}/{name} v{ver} h1:{b64(bytes(R.getrandbits(8) for _ in range(32)))}',
                        f'github.com/{F.noun()}/{name} v{ver}/go.mod h1:{b64(bytes(R.getrandbits(8) for _ in range(32)))}']
            elif kind == 'poetry':
                out += ['[[package]]', f'name = "{name}"', f'version = "{ver}"', 'files = [',
                        f'    {{file = "{name}-{ver}.tar.gz", hash = "sha256:{"".join(R.choice(HEX) for _ in range(64))}"}},', ']', '']
            else:
                out += [f'provider "registry.terraform.io/hashicorp/{F.noun()}" {{', f'  version = "{ver}"', '  hashes = [',
                        f'    "h1:{b64(bytes(R.getrandbits(8) for _ in range(32)))}",', '  ]', '}', '']
        if kind == 'npm':
            out = ['{', '  "lockfileVersion": 3,', '  "packages": {'] + out + ['    "": {}', '  }', '}']
        return out


def wrap_snippet(kind, lines, records, repo):
    """Puts snippet lines where they belong in a file of that kind (an env entry into a Deployment, a
    step into a workflow job, a statement into a Java block...). Returns (lines, records)."""
    F, svc, org = repo.F, repo.svc, repo.org
    SNIP = '\x00SNIP'
    if kind == 'k8s':
        if lines[0].lstrip().startswith('image:'):
            doc = F.deployment(svc, org, F.noun(), [], image=SNIP)
        else:
            doc = F.deployment(svc, org, F.noun(), [SNIP])
    elif kind == 'gha':
        if lines[0].lstrip().startswith('- '):
            doc = F.gha_job(step_lines=[SNIP])
        else:
            doc = F.gha_job(env_lines=[SNIP])
    elif kind == 'compose' and not lines[0].startswith('  ') or kind == 'compose' and lines[0].startswith('      '):
        doc = F.compose_service(svc, [SNIP])
    elif kind == 'java' and lines[0].startswith('        '):
        doc = ['    static {', SNIP, '    }']
    else:
        return lines, records
    at = doc.index(SNIP)
    for r in records:
        for k in ('line', 'end_line', 'vline'):
            r[k] += at
    return doc[:at] + lines + doc[at + 1:], records


# ----------------------------------------------------------------------------------------------
# The detectors' own patterns, to tell whether a planted value is one the detector is meant to find
# ----------------------------------------------------------------------------------------------

QUOTED = re.compile(r"'((?:[^']|'')*)'|\"((?:[^\"\\]|\\.)*)\"")


def yaml_scalars(text):
    """The quoted strings of a YAML flow list or scalar, unescaped."""
    return [a.replace("''", "'") if a or not b else b for a, b in QUOTED.findall(text)]


def detector_texts(folder, rev=None):
    """The detector YAMLs of the folder, or of that folder at git revision REV."""
    if rev is None:
        return {n: open(os.path.join(folder, n)).read() for n in sorted(os.listdir(folder)) if n.endswith('.yaml')}
    import subprocess
    top = subprocess.run(['git', '-C', folder, 'rev-parse', '--show-toplevel'], capture_output=True, text=True, check=True).stdout.strip()
    rel = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    names = subprocess.run(['git', '-C', top, 'ls-tree', '--name-only', f'{rev}:{rel}'], capture_output=True, text=True, check=True).stdout.split()
    return {n: subprocess.run(['git', '-C', top, 'show', f'{rev}:{rel}/{n}'], capture_output=True, text=True, check=True).stdout
            for n in names if n.endswith('.yaml')}


def load_detectors(texts):
    """Reads the keys the check needs (pattern, keywords, entropy, allow, allow-line) from each
    detector's YAML: one-line scalars, flow lists and block lists of quoted strings."""
    dets = {}
    for name, text in sorted(texts.items()):
        d, key = {}, None
        for line in text.split('\n'):
            if line.lstrip().startswith('#') or not line.strip():
                continue
            m = re.match(r'^([\w-]+):[ \t]*(.*?)[ \t]*$', line)
            if m:
                key, raw = m.group(1), m.group(2)
                if key in ('id', 'pattern'):
                    d[key] = yaml_scalars(raw)[0] if raw[:1] in '\'"' else raw
                elif key == 'entropy':
                    d[key] = float(raw)
                elif key in ('keywords', 'allow', 'allow-line'):
                    d[key] = yaml_scalars(raw)
                continue
            m = re.match(r'^[ \t]+-[ \t]+(.*)$', line)
            if m and key in ('keywords', 'allow', 'allow-line'):
                d[key] += yaml_scalars(m.group(1))
        try:
            d['re'] = re.compile(d['pattern'])
        except (re.error, KeyError):
            d['re'] = None
        dets[d.get('id', name[:-5])] = d
    return dets


def entropy(s):
    import math
    if not s:
        return 0.0
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def pattern_matches(det, text, start, length):
    if det is None or det.get('re') is None:
        return None
    low = text.lower()
    if det.get('keywords') and not any(k.lower() in low for k in det['keywords']):
        return False
    rx = det['re']
    for m in rx.finditer(text):
        g = 'secret' if 'secret' in rx.groupindex else (1 if rx.groups else 0)
        s, e = m.span(g)
        if s < 0 or e <= start or s >= start + length:
            continue
        secret = m.group(g)
        if det.get('entropy') and entropy(secret) < det['entropy']:
            continue
        if any(re.search(a, secret) for a in det.get('allow', [])):
            continue
        line = text[text.rfind('\n', 0, s) + 1:text.find('\n', s) if text.find('\n', s) >= 0 else len(text)]
        if any(re.search(a, line) for a in det.get('allow-line', [])):
            continue
        return True
    return False


# ----------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('out')
    ap.add_argument('--repos', type=int, default=50)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--per-repo', type=int, default=11, help='planted secrets (and decoys) per repository (default 11)')
    ap.add_argument('--detectors', default=DETECTORS,
                    help='the detector YAMLs whose patterns tell pattern_matches (default: Sources/Secrets/Detectors)')
    ap.add_argument('--detectors-rev', help='read them at this git revision (the one the Palisade binary was built from)')
    o = ap.parse_args()

    out = os.path.abspath(o.out)
    if os.path.exists(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, 'ground-truth.json')):
            sys.exit(f'{out} is not empty and holds no ground-truth.json: refusing to overwrite it')
        shutil.rmtree(out)
    sf.reseed(o.seed)
    F = Filler(o.seed * 7919 + 1)
    R = random.Random(o.seed * 104729 + 3)
    repos = [Repo(i, Filler(o.seed * 1000003 + i)) for i in range(o.repos)]

    def repos_with(kind):
        return [r for r in repos if kind in r.hosts]

    def place(kind, template, detector, context_name):
        if kind == 'file':
            path_t, body = template
            for _ in range(len(repos) * 2):
                repo = R.choice(repos)
                path = TOKEN.sub(lambda m: repo.words()[m.group(1)], path_t)
                if path not in repo.files:
                    break
            else:
                repo = R.choice(repos)
                path = f'services/{F.noun()}{R.randrange(1000)}/' + TOKEN.sub(lambda m: repo.words()[m.group(1)], path_t)
            lines, recs = render(body, detector, repo.words())
            for r in recs:
                r['context'] = context_name
            f = File(path, None, [], [])
            f.chunks = [(lines, recs)]
            repo.add(f)
            return recs
        host_kind = 'k8s' if kind in ('k8s-env', 'k8s-image') else kind
        if not repos_with(host_kind):
            return []
        repo = R.choice(repos_with(host_kind))
        lines, recs = render(template, detector, repo.words())
        lines, recs = wrap_snippet(host_kind, lines, recs, repo)
        for r in recs:
            r['context'] = context_name
        hosts = repo.hosts[host_kind]
        R.choice(hosts).insert(lines, recs, R)
        return recs

    # planted secrets
    detectors = sorted(CONTEXTS)
    missing = set(VALUES) - set(CONTEXTS)
    assert not missing, missing
    cycle = []
    for d in detectors:
        cycle += [d] * WEIGHTS.get(d, 1)
    used = {d: 0 for d in detectors}
    target = o.repos * o.per_repo
    planted = 0
    while planted < target:
        R.shuffle(cycle)
        for d in cycle:
            if planted >= target:
                break
            ctxs = CONTEXTS[d]
            ctx = ctxs[used[d] % len(ctxs)]
            used[d] += 1
            if ctx[0] == 'assign':
                kinds = ctx[2] if len(ctx) > 2 else tuple(ASSIGN_KINDS)
                kinds = [k for k in kinds if repos_with(k)]
                kind = R.choices(kinds, weights=[ASSIGN_KINDS.get(k, 1) for k in kinds])[0]
                expr = ASSIGN_WRAP[d]() if d in ASSIGN_WRAP else '«v»'
                recs = place(kind, assign_template(kind, ctx[1], expr, R), d, f'{kind}: {ctx[1]}')
            elif ctx[0] == 'gcp-sa':
                text = infra.service_account(ctx[1])
                lines = text.rstrip('\n').split('\n')
                ks = [i for i, l in enumerate(lines) if l.lstrip().startswith(('"private_key"', '"private_key_id"'))]
                rec = {'kind': 'planted', 'detector': d, 'line': min(ks), 'end_line': max(ks), 'vline': min(ks), 'col': 0,
                       'length': sum(len(lines[k]) + 1 for k in range(min(ks), max(ks) + 1)), 'context': 'file: service account key'}
                repo = R.choice(repos)
                path = f'config/gcp/{repo.svc}-{F.noun()}{R.randrange(100)}-sa.json'
                f = File(path, None, [], [])
                f.chunks = [(lines, [rec])]
                repo.add(f)
                recs = [rec]
            elif ctx[0] == 'file':
                recs = place('file', (ctx[1], ctx[2]), d, f'file: {ctx[1]}')
            else:
                recs = place(ctx[0], ctx[1], d, f'{ctx[0]}: ' + ctx[1].split('\n')[0].strip()[:60])
            planted += sum(1 for r in recs if r['kind'] == 'planted')

    # decoys: as many decoy lines as planted secrets
    decoys = 0
    order = list(range(len(DECOYS)))
    while decoys < planted:
        R.shuffle(order)
        for i in order:
            if decoys >= planted:
                break
            ctx = DECOYS[i]
            if ctx[0] == 'file':
                recs = place('file', (ctx[1], ctx[2]), None, f'file: {ctx[1]}')
            else:
                recs = place(ctx[0], ctx[1], None, ctx[0])
            decoys += sum(1 for r in recs if r['kind'] == 'decoy')

    # write
    dets = load_detectors(detector_texts(o.detectors, o.detectors_rev))
    truth_p, truth_d = [], []
    nfiles = nbytes = 0
    for repo in repos:
        for path, f in sorted(repo.files.items()):
            rel = f'{repo.name}/{path}'
            full = os.path.join(out, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            if f.raw is not None:
                data = f.raw
            else:
                text, recs = f.text()
                data = text.encode()
                starts = [0]
                for line in text.split('\n'):
                    starts.append(starts[-1] + len(line) + 1)
                for r in recs:
                    if r['kind'] == 'planted':
                        off = starts[r['vline']] + r.get('col', 0)
                        truth_p.append({'file': rel, 'line': r['line'] + 1, 'end_line': r['end_line'] + 1, 'detector': r['detector'],
                                        'kind': 'planted', 'context': r['context'],
                                        'value_line': r['vline'] + 1, 'col': r['col'] + 1, 'length': r['length'],
                                        'pattern_matches': pattern_matches(dets.get(r['detector']), text, off, r['length'])})
                    else:
                        truth_d.append({'file': rel, 'line': r['line'] + 1, 'end_line': r['end_line'] + 1, 'kind': 'decoy', 'what': r['what']})
            with open(full, 'wb') as fh:
                fh.write(data)
            nfiles += 1
            nbytes += len(data)
    truth = {'generator': 'scripts/make-secrets-corpus.py', 'seed': o.seed, 'repos': o.repos, 'files': nfiles, 'bytes': nbytes,
             'planted_count': len(truth_p), 'decoy_count': len(truth_d),
             'detectors_planted': len({p['detector'] for p in truth_p}),
             'planted': sorted(truth_p, key=lambda r: (r['file'], r['line'])), 'decoys': sorted(truth_d, key=lambda r: (r['file'], r['line']))}
    with open(os.path.join(out, 'ground-truth.json'), 'w') as fh:
        json.dump(truth, fh, indent=1)
        fh.write('\n')
    nomatch = [p for p in truth_p if p['pattern_matches'] is False]
    print(f'{out}: {nfiles} files, {nbytes / 1e6:.1f} MB, {len(truth_p)} planted secrets of {truth["detectors_planted"]} detectors, '
          f'{len(truth_d)} decoys; {len(nomatch)} planted where the detector\'s own pattern does not match')


if __name__ == '__main__':
    main()
