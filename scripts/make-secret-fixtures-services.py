#!/usr/bin/env python3
"""Writes the planted and decoy fixtures of the service secret detectors (SaaS, chat,
payments, AI providers, credentials in URLs and curl commands, key stores, age keys, high-entropy
strings) under Tests/SecretsTests/Fixtures/<detector id>/{planted,decoy}/.

Every value is generated here from a fixed seed: none is, or was, a real credential. Each planted
file holds the detector's secret in the kind of file it is found in; each decoy holds values of the
same shape that must not be reported (placeholders, references to variables, a wrong layout, too
little entropy, no keyword). The .expected files are written by the tests' recording mode:
`PALISADE_RECORD_FIXTURES=1 swift test --filter SecretFixtureTests`.

    scripts/make-secret-fixtures-services.py
"""
import base64, json, os, string, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secretfixtures import *  # noqa: E402,F403
from secretfixtures import rng  # noqa: E402

reseed(0xB47C4B)

UPPER = string.ascii_uppercase + string.digits
BECH32 = ''.join(c for c in UPPER if c not in 'BIO1')  # bech32, upper-case






# --- planted values -----------------------------------------------------------------------
postman = 'PMAK-' + rand(HEX, 24) + '-' + rand(HEX, 34)
harness = 'pat.' + rand(URLSAFE, 22) + '.' + rand(ALNUM, 24) + '.' + rand(ALNUM, 20)
octopus = 'API-' + rand(UPPER, 26)
sourcegraph = 'sgp_' + rand(HEX, 16) + '_' + rand(HEX, 40)
codecov = uuid()
travis = rand(ALNUM, 22)
grafana_sa = 'glsa_' + rand(ALNUM, 32) + '_' + rand(HEX, 8)
grafana_cloud = 'glc_' + b64(json.dumps({'o': '744587', 'n': 'stack-475830-hl-write-logs',
                                         'k': rand(ALNUM, 24), 'm': {'r': 'eu'}}, separators=(',', ':')).encode())
sentry_user = 'sntryu_' + rand(HEX, 64)
sentry_org = 'sntrys_' + b64url(json.dumps({'iat': 1735689600.5, 'url': 'https://sentry.io', 'region_url':
                                            'https://de.sentry.io', 'org': 'acme'}, separators=(',', ':')).encode()) \
    + '_' + rand(ALNUM + '+/', 43)
dynatrace = 'dt0c01.' + rand(UPPER, 24) + '.' + rand(UPPER, 64)
nrak = 'NRAK-' + rand(UPPER, 27)
nrii = 'NRII-' + rand(URLSAFE, 32)
dd_api = rand(HEX, 32)
dd_app = rand(HEX, 40)
linear = 'lin_api_' + rand(ALNUM, 40)
notion = 'ntn_' + rand(string.digits, 11) + rand(ALNUM, 35)
notion_legacy = 'secret_' + rand(ALNUM, 43)
op_secret_key = 'A3-' + '-'.join(rand(UPPER, n) for n in (6, 6, 5, 5, 5, 5))
op_service = 'ops_' + b64(json.dumps({
    'signInAddress': 'acme.1password.com',
    'userAuth': {'method': 'SRPg-4096', 'alg': 'PBES2g-HS256', 'iterations': 650000, 'salt': rand(URLSAFE, 22)},
    'email': rand(string.ascii_lowercase + string.digits, 13) + '@1passwordserviceaccounts.com',
    'srpX': rand(HEX, 64),
    'muk': {'alg': 'A256GCM', 'ext': True, 'k': rand(URLSAFE, 43), 'key_ops': ['encrypt', 'decrypt'],
            'kty': 'oct', 'kid': 'mp'},
    'secretKey': 'A3-' + '-'.join(rand(UPPER, n) for n in (6, 6, 5, 5, 5, 5)),
    'deviceUuid': rand(string.ascii_lowercase + string.digits, 26)}, separators=(',', ':')).encode()).rstrip('=')
hubspot = 'pat-eu1-' + uuid()
zendesk = rand(ALNUM, 40)
xoxp = 'xoxp-' + '-'.join(rand(string.digits, n) for n in (12, 13, 13)) + '-' + rand(HEX, 32)
xapp = 'xapp-1-A' + rand(UPPER, 10) + '-' + rand(string.digits, 13) + '-' + rand(HEX, 64)
xoxe_access = 'xoxe.xoxp-1-' + rand(ALNUM, 163)
xoxe_refresh = 'xoxe-1-' + rand(ALNUM, 146)
xoxs = 'xoxs-' + '-'.join(rand(string.digits, 10) for _ in range(3)) + '-' + rand(HEX, 10)
xoxb_legacy = 'xoxb-' + rand(string.digits, 12) + '-' + rand(ALNUM, 24)
discord_hook = 'https://discord.com/api/webhooks/1' + rand(string.digits, 18) + '/' + rand(URLSAFE, 68)
discord_id = '1' + rand(string.digits, 18)
discord_bot = b64url(discord_id.encode()) + '.' + rand(URLSAFE, 6) + '.' + rand(URLSAFE, 38)
teams_hook = ('https://acmecorp.webhook.office.com/webhookb2/' + uuid() + '@' + uuid() + '/IncomingWebhook/'
              + rand(HEX, 32) + '/' + uuid() + '/V2' + rand(URLSAFE, 40))
telegram = '7' + rand(string.digits, 9) + ':AA' + rand(URLSAFE, 33)
twilio_sid = 'SK' + rand(HEX, 32)
twilio_account = 'AC' + rand(HEX, 32)
twilio_token = rand(HEX, 32)
mailgun_old = 'key-' + rand(HEX, 32)
mailgun_new = rand(HEX, 32) + '-' + rand(HEX, 8) + '-' + rand(HEX, 8)
mailchimp = rand(HEX, 32) + '-us14'
brevo = 'xkeysib-' + rand(HEX, 64) + '-' + rand(ALNUM, 16)
stripe_test = 'sk_test_51' + rand(ALNUM, 97)
whsec = 'whsec_' + rand(ALNUM, 32)
square = 'EAAA' + rand(URLSAFE, 60)
square_secret = 'sq0csp-' + rand(URLSAFE, 43)
braintree = 'access_token$production$' + rand(string.ascii_lowercase + string.digits, 16) + '$' + rand(HEX, 32)
shopify = 'shpat_' + rand(HEX, 32)
plaid = 'access-production-' + uuid()
gocardless = 'live_' + rand(ALNUM + '_-', 40)
flutterwave = 'FLWSECK-' + rand(HEX, 32) + '-X'
easypost = 'EZAK' + rand(ALNUM, 54)
shippo = 'shippo_live_' + rand(HEX, 40)
anthropic_admin = 'sk-ant-admin01-' + rand(URLSAFE, 93) + 'AA'
cohere = rand(ALNUM, 40)
pplx = 'pplx-' + rand(ALNUM, 48)
groq = 'gsk_' + rand(ALNUM, 52)
replicate = 'r8_' + rand(ALNUM, 37)
url_password = rand(ALNUM + '!*~', 20)
curl_password = rand(ALNUM + '!%^', 16)
curl_bearer = rand(ALNUM, 40)
age_key = 'AGE-SECRET-KEY-1' + rand(BECH32, 58)
age_public = 'age1' + rand(BECH32.lower(), 58)
high_entropy = b64(random_bytes(30))


def jks():
    """The first bytes of a Java KeyStore with one private-key entry, then random bytes."""
    alias = b'upload'
    head = struct.pack('>IIII', 0xFEEDFEED, 2, 1, 1) + struct.pack('>H', len(alias)) + alias
    head += struct.pack('>Q', 1714640000000)
    return head + random_bytes(1200)


def pkcs12():
    """A DER PFX (version 3) header with a two-byte length, then random bytes."""
    body = bytes([0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0x00, 0x06, 0x09]) + random_bytes(2400)
    return bytes([0x30, 0x82]) + struct.pack('>H', len(body)) + body


jks_b64 = b64(jks())
p12_b64 = b64(pkcs12())


def wrap(text, width=76): return '\n'.join(text[i:i + width] for i in range(0, len(text), width))


# --- files ----------------------------------------------------------------------------------
write('secret-postman-api-key', 'planted', 'newman.sh',
      '#!/bin/sh\n# Run the contract tests against staging\n'
      f'newman run "https://api.getpostman.com/collections/8154-api?apikey={postman}" -e staging.json\n')
write('secret-postman-api-key', 'decoy', 'newman.sh',
      '#!/bin/sh\nnewman run "https://api.getpostman.com/collections/8154-api?apikey=$POSTMAN_API_KEY"\n'
      '# keys look like PMAK-<24 hex>-<34 hex>; an all-zero one is not a key:\n'
      '# PMAK-000000000000000000000000-0000000000000000000000000000000000\n')

write('secret-harness-token', 'planted', 'main.tf',
      'provider "harness" {\n  endpoint   = "https://app.harness.io/gateway"\n  account_id = "px7xd_BFRCi-pfWPYXVjvw"\n'
      f'  platform_api_key = "{harness}"\n}}\n')
write('secret-harness-token', 'decoy', 'main.tf',
      'provider "harness" {\n  platform_api_key = var.harness_api_key # pat.<account>.<id>.<secret>\n}\n'
      'locals {\n  note = "a token pat.short.value is not a Harness token"\n}\n')

write('secret-octopus-api-key', 'planted', 'deploy.ps1',
      '$server = "https://octopus.acme.internal"\n'
      f'$headers = @{{ "X-Octopus-ApiKey" = "{octopus}" }}\n'
      'Invoke-RestMethod -Uri "$server/api/releases" -Headers $headers -Method Post -Body $release\n')
write('secret-octopus-api-key', 'decoy', 'deploy.ps1',
      '$headers = @{ "X-Octopus-ApiKey" = $env:OCTOPUS_API_KEY }\n'
      '# API-XXXXXXXXXXXXXXXXXXXXXXXXXX goes in the variable above\n'
      '$mode = "API-AAAAAAAAAAAAAAAAAAAAAAAAAA"\n')

write('secret-sourcegraph-token', 'planted', 'src-search.sh',
      f'#!/bin/sh\nexport SRC_ENDPOINT=https://sourcegraph.acme.io\nexport SRC_ACCESS_TOKEN={sourcegraph}\n'
      'src search "repo:^acme/ lang:go os.Getenv"\n')
write('secret-sourcegraph-token', 'decoy', 'src-search.sh',
      '#!/bin/sh\nexport SRC_ACCESS_TOKEN="${SRC_ACCESS_TOKEN:?set it}"\n'
      '# test value: sgp_local_0000000000000000000000000000000000000000\n')

write('secret-travis-codecov-token', 'planted', 'codecov.yml',
      f'codecov:\n  token: {codecov}\n  require_ci_to_pass: true\ncoverage:\n  precision: 2\n')
write('secret-travis-codecov-token', 'planted', 'travis-release.sh',
      f'#!/bin/sh\nTRAVIS_TOKEN={travis}\ntravis restart --api-token "$TRAVIS_TOKEN" --repo acme/api\n')
write('secret-travis-codecov-token', 'decoy', 'ci.yml',
      'jobs:\n  test:\n    steps:\n      - uses: codecov/codecov-action@v4\n        with:\n'
      '          token: ${{ secrets.CODECOV_TOKEN }}\n'
      'env:\n  CODECOV_TOKEN: "00000000-0000-0000-0000-000000000000"\n  TRAVIS_TOKEN: set-in-travis-settings\n')

write('secret-grafana-token', 'planted', 'datasources.yaml',
      'apiVersion: 1\ndatasources:\n  - name: Loki\n    type: loki\n    url: https://logs-prod-eu-west-0.grafana.net\n'
      f'    basicAuth: true\n    basicAuthUser: 744587\n    secureJsonData:\n      basicAuthPassword: {grafana_cloud}\n')
write('secret-grafana-token', 'planted', 'dashboards.py',
      'import requests\n\nsession = requests.Session()\n'
      f'session.headers["Authorization"] = "Bearer {grafana_sa}"\n'
      'session.get("https://grafana.acme.io/api/search")\n')
write('secret-grafana-token', 'decoy', 'dashboards.py',
      'session.headers["Authorization"] = "Bearer " + os.environ["GRAFANA_TOKEN"]  # glsa_...\n'
      'SAMPLE = "glsa_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX_AAAAAAAA"\n'
      'static void GLC_UploadLightmap(int textureUnit, int lightmapnum);\n')

write('secret-sentry-token', 'planted', '.sentryclirc',
      f'[defaults]\norg = acme\nproject = web\n\n[auth]\ntoken={sentry_user}\n')
write('secret-sentry-token', 'planted', 'release.yml',
      'steps:\n  - run: npx @sentry/cli releases new "$VERSION"\n    env:\n'
      f'      SENTRY_AUTH_TOKEN: {sentry_org}\n')
write('secret-sentry-token', 'decoy', '.sentryclirc',
      '[auth]\ntoken=${SENTRY_AUTH_TOKEN}\n; sntryu_0000000000000000000000000000000000000000000000000000000000000000\n')

write('secret-dynatrace-token', 'planted', 'dynakube.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dynatrace-bootstrap\ndata:\n'
      f'  apiUrl: https://abc12345.live.dynatrace.com/api\n  apiToken: {dynatrace}\n')
write('secret-dynatrace-token', 'decoy', 'dynakube.yaml',
      'spec:\n  apiUrl: https://abc12345.live.dynatrace.com/api\n  tokens: dynakube   # holds dt0c01.<public>.<secret>\n')

write('secret-new-relic-key', 'planted', '.env',
      f'NEW_RELIC_APP_NAME=billing\nNEW_RELIC_API_KEY={nrak}\n')
write('secret-new-relic-key', 'planted', 'fluent-bit.conf',
      '[OUTPUT]\n    Name     nrlogs\n    Match    *\n'
      f'    api_key  {nrii}\n')
write('secret-new-relic-key', 'decoy', '.env',
      'NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX\nNEW_RELIC_LICENSE_KEY=${NR_LICENSE}\n')

write('secret-datadog-key', 'planted', 'values.yaml',
      f'datadog:\n  apiKey: {dd_api}\n  appKey: {dd_app}\n  site: datadoghq.eu\n  logs:\n    enabled: true\n')
write('secret-datadog-key', 'planted', 'agent.env',
      f'DD_SITE=datadoghq.eu\nDD_API_KEY={dd_api[::-1]}\nDD_APP_KEY={dd_app[::-1]}\n')
write('secret-datadog-key', 'decoy', 'agent.env',
      'DD_API_KEY=${DD_API_KEY}\nDD_APP_KEY=\ndatadog_api_key = "00000000000000000000000000000000"\n'
      'DD_TRACE_ID=' + rand(HEX, 32) + '\n')

write('secret-linear-api-key', 'planted', 'sync-issues.ts',
      'import { LinearClient } from "@linear/sdk";\n\n'
      f'const linear = new LinearClient({{ apiKey: "{linear}" }});\n')
write('secret-linear-api-key', 'decoy', 'sync-issues.ts',
      'const linear = new LinearClient({ apiKey: process.env.LINEAR_API_KEY }); // lin_api_...\n')

write('secret-notion-token', 'planted', 'notion.js',
      'const { Client } = require("@notionhq/client");\n\n'
      f'const notion = new Client({{ auth: "{notion}" }});\n')
write('secret-notion-token', 'planted', '.env',
      f'NOTION_TOKEN={notion_legacy}\nNOTION_DATABASE_ID={rand(HEX, 32)}\n')
write('secret-notion-token', 'decoy', 'notion.js',
      'const notion = new Client({ auth: process.env.NOTION_TOKEN }); // ntn_ followed by 46 characters\n'
      'const weak = "ntn_11111111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";\n')
write('secret-notion-token', 'decoy', 'constants.py',
      '# no mention of the integration here, so the old secret_ form is not looked for\n'
      f'CACHE_NAMESPACE = "secret_{rand(ALNUM, 43)}"\n')

write('secret-1password-service-account-token', 'planted', 'deploy.yml',
      'jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n'
      f'      OP_SERVICE_ACCOUNT_TOKEN: {op_service}\n'
      '    steps:\n      - uses: 1password/load-secrets-action@v2\n')
write('secret-1password-service-account-token', 'decoy', 'deploy.yml',
      'env:\n  OP_SERVICE_ACCOUNT_TOKEN: ${{ secrets.OP_SERVICE_ACCOUNT_TOKEN }}\n'
      '# export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...\n')

write('secret-1password-secret-key', 'planted', 'emergency-kit.txt',
      'Sign-in address: https://acme.1password.com\nEmail: ops@acme.io\n'
      f'Secret Key: {op_secret_key}\n')
write('secret-1password-secret-key', 'decoy', 'onboarding.md',
      'Your Secret Key has the form `A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX`; find it in the Emergency Kit.\n'
      'A lower-case a3-abcdef-ghijkl-mnopq-rstuv-wxyz0-12345 is not one.\n')

write('secret-hubspot-token', 'planted', 'crm_sync.py',
      'from hubspot import HubSpot\n\n'
      f'api_client = HubSpot(access_token="{hubspot}")\n')
write('secret-hubspot-token', 'decoy', 'crm_sync.py',
      'api_client = HubSpot(access_token=os.environ["HUBSPOT_TOKEN"])  # pat-na1-<uuid>\n'
      'SAMPLE = "pat-na1-00000000-0000-0000-0000-000000000000"\n')

write('secret-zendesk-token', 'planted', 'zendesk.yml',
      f'zendesk_subdomain: acme\nzendesk_email: support-bot@acme.io/token\nzendesk_api_token: {zendesk}\n')
write('secret-zendesk-token', 'decoy', 'zendesk.yml',
      'zendesk_api_token: ${ZENDESK_API_TOKEN}\nzendesk_api_key: abcdefghijabcdefghijabcdefghijabcdefghij\n')

write('secret-slack-user-token', 'planted', 'export_channels.py',
      'from slack_sdk import WebClient\n\n'
      f'client = WebClient(token="{xoxp}")\n')
write('secret-slack-user-token', 'decoy', 'export_channels.py',
      'client = WebClient(token=os.environ["SLACK_USER_TOKEN"])\n'
      'SHORT = "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"\n')

write('secret-slack-app-token', 'planted', '.env',
      f'SLACK_APP_TOKEN={xapp}\nSLACK_SOCKET_MODE=true\n')
write('secret-slack-app-token', 'decoy', '.env',
      'SLACK_APP_TOKEN=xapp-1-A0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')

write('secret-slack-config-token', 'planted', 'manifest.env',
      f'SLACK_CONFIG_ACCESS_TOKEN={xoxe_access}\nSLACK_CONFIG_REFRESH_TOKEN={xoxe_refresh}\n')
write('secret-slack-config-token', 'decoy', 'manifest.env',
      'SLACK_CONFIG_ACCESS_TOKEN=xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere\nSLACK_CONFIG_REFRESH_TOKEN=xoxe-1-xxx\n')

write('secret-slack-legacy-token', 'planted', 'hubot.env',
      f'HUBOT_SLACK_TOKEN={xoxb_legacy}\n')
write('secret-slack-legacy-token', 'planted', 'slack_archive.rb',
      f"Slack.configure do |config|\n  config.token = '{xoxs}'\nend\n")
write('secret-slack-legacy-token', 'decoy', 'README.md',
      '![xoxo](https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg)\n'
      'Set `HUBOT_SLACK_TOKEN` to the bot token (xoxb-Slack_BOT_TOKEN in the examples).\n')

write('secret-discord-webhook-url', 'planted', 'notify.yml',
      'on: [release]\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    steps:\n'
      f'      - run: curl -sS -H "Content-Type: application/json" -d \'{{"content": "released"}}\' {discord_hook}\n')
write('secret-discord-webhook-url', 'decoy', 'notify.yml',
      '      - run: curl -sS -d \'{"content": "released"}\' "https://discord.com/api/webhooks/${WEBHOOK_ID}/${WEBHOOK_TOKEN}"\n')

write('secret-discord-bot-token', 'planted', 'bot.js',
      'const { Client, GatewayIntentBits } = require("discord.js");\n\n'
      'const client = new Client({ intents: [GatewayIntentBits.Guilds] });\n'
      f'client.login("{discord_bot}");\n')
write('secret-discord-bot-token', 'decoy', 'bot.js',
      'const { Client } = require("discord.js");\nclient.login(process.env.DISCORD_TOKEN);\n'
      '// MTAxxxxxxxxxxxxxxxxxxxxxxx.XXXXXX.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')

write('secret-teams-webhook-url', 'planted', 'Jenkinsfile',
      'pipeline {\n  agent any\n  post {\n    failure {\n'
      f"      office365ConnectorSend webhookUrl: '{teams_hook}', message: 'Build failed'\n"
      '    }\n  }\n}\n')
write('secret-teams-webhook-url', 'decoy', 'Jenkinsfile',
      "      office365ConnectorSend webhookUrl: env.TEAMS_WEBHOOK, message: 'Build failed'\n"
      '// https://<tenant>.webhook.office.com/webhookb2/<group>@<tenant-id>/IncomingWebhook/<id>/<owner>\n')

write('secret-telegram-bot-token', 'planted', 'alert.sh',
      f'#!/bin/sh\nTOKEN="{telegram}"\nCHAT_ID=-1001234567890\n'
      'curl -s "https://api.telegram.org/bot$TOKEN/sendMessage" -d chat_id="$CHAT_ID" -d text="$1"\n')
write('secret-telegram-bot-token', 'decoy', 'alert.sh',
      '#!/bin/sh\nTOKEN="${TELEGRAM_BOT_TOKEN}"\n# the documentation writes 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11\n')

write('secret-twilio-api-key', 'planted', '.env',
      f'TWILIO_ACCOUNT_SID={twilio_account}\nTWILIO_API_KEY={twilio_sid}\n')
write('secret-twilio-api-key', 'decoy', '.env',
      'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nTWILIO_API_SECRET=${TWILIO_API_SECRET}\n')
write('secret-twilio-api-key', 'decoy', 'build-ids.txt',
      '# build identifiers, nothing to do with messaging\n' f'SK{rand(HEX, 32)}\n')

write('secret-twilio-auth-token', 'planted', 'sms.env',
      f'TWILIO_ACCOUNT_SID={twilio_account}\nTWILIO_AUTH_TOKEN={twilio_token}\n')
write('secret-twilio-auth-token', 'decoy', 'sms.env',
      'TWILIO_AUTH_TOKEN=your_auth_token\ntwilio_auth_token: "{{ vault_twilio_auth_token }}"\n'
      'TWILIO_AUTH_TOKEN=00000000000000000000000000000000\n')

write('secret-mailgun-api-key', 'planted', 'mailer.py',
      'import requests\n\n'
      f'MAILGUN_API_KEY = "{mailgun_old}"\n'
      'requests.post("https://api.mailgun.net/v3/mg.acme.io/messages", auth=("api", MAILGUN_API_KEY))\n')
write('secret-mailgun-api-key', 'planted', 'mailgun.env',
      f'MAILGUN_DOMAIN=mg.acme.io\nMAILGUN_API_KEY={mailgun_new}\n')
write('secret-mailgun-api-key', 'decoy', 'mailgun.env',
      'MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nMAILGUN_SIGNING_KEY=${MAILGUN_SIGNING_KEY}\n')

write('secret-mailchimp-api-key', 'planted', 'newsletter.php',
      '<?php\n$mailchimp = new \\MailchimpMarketing\\ApiClient();\n'
      f"$mailchimp->setConfig(['apiKey' => '{mailchimp}', 'server' => 'us14']);\n")
write('secret-mailchimp-api-key', 'decoy', 'newsletter.php',
      "<?php\n$mailchimp->setConfig(['apiKey' => getenv('MAILCHIMP_API_KEY'), 'server' => 'us14']);\n"
      "// keys end in the data centre: 00000000000000000000000000000000-us14\n")

write('secret-brevo-api-key', 'planted', '.env',
      f'BREVO_API_KEY={brevo}\nBREVO_SENDER=news@acme.io\n')
write('secret-brevo-api-key', 'decoy', '.env',
      'BREVO_API_KEY=xkeysib-<your key>\nSENDINBLUE_KEY=xkeysib-' + '0' * 64 + '-' + 'A' * 16 + '\n')

write('secret-stripe-test-key', 'planted', '.env.test',
      f'STRIPE_PUBLISHABLE_KEY=pk_test_51{rand(ALNUM, 60)}\nSTRIPE_SECRET_KEY={stripe_test}\n')
write('secret-stripe-test-key', 'decoy', '.env.test',
      'STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\nSTRIPE_RESTRICTED_KEY=${STRIPE_RK}\n')

write('secret-stripe-webhook-secret', 'planted', 'webhooks.env',
      f'STRIPE_WEBHOOK_SECRET={whsec}\n')
write('secret-stripe-webhook-secret', 'decoy', 'webhooks.env',
      'STRIPE_WEBHOOK_SECRET=whsec_...\n# stripe listen prints whsec_<signing secret>\n'
      'STRIPE_WEBHOOK_SECRET_OLD=whsec_00000000000000000000000000000000\n')

write('secret-square-access-token', 'planted', 'square.json',
      json.dumps({'environment': 'production', 'accessToken': square, 'locationId': 'L' + rand(UPPER, 12)}, indent=2) + '\n')
write('secret-square-access-token', 'decoy', 'square.json',
      json.dumps({'environment': 'production', 'accessToken': 'EAAA' + 'x' * 60}, indent=2) + '\n')

write('secret-square-oauth-secret', 'planted', 'application.yml',
      f'square:\n  application-id: sq0idp-{rand(URLSAFE, 22)}\n  application-secret: {square_secret}\n')
write('secret-square-oauth-secret', 'decoy', 'application.yml',
      'square:\n  application-secret: ${SQUARE_APP_SECRET}   # sq0csp-...\n')

write('secret-braintree-access-token', 'planted', 'gateway.js',
      'const braintree = require("braintree");\n\n'
      f'const gateway = new braintree.BraintreeGateway({{ accessToken: "{braintree}" }});\n')
write('secret-braintree-access-token', 'decoy', 'gateway.js',
      'const gateway = new braintree.BraintreeGateway({ accessToken: process.env.BT_ACCESS_TOKEN });\n'
      '// access_token$sandbox$<merchant>$<secret>\n')

write('secret-shopify-token', 'planted', '.env',
      f'SHOPIFY_SHOP=acme-outlet.myshopify.com\nSHOPIFY_ADMIN_TOKEN={shopify}\n')
write('secret-shopify-token', 'decoy', '.env',
      'SHOPIFY_ADMIN_TOKEN=shpat_00000000000000000000000000000000\nSHOPIFY_API_SECRET=${SHOPIFY_API_SECRET}\n')

write('secret-plaid-access-token', 'planted', 'link_accounts.py',
      'from plaid.model.accounts_get_request import AccountsGetRequest\n\n'
      f'request = AccountsGetRequest(access_token="{plaid}")\n')
write('secret-plaid-access-token', 'decoy', 'link_accounts.py',
      'request = AccountsGetRequest(access_token=item.access_token)  # access-sandbox-<uuid>\n'
      'TEST_TOKEN = "access-sandbox-00000000-0000-0000-0000-000000000000"\n')

write('secret-gocardless-token', 'planted', 'gocardless.env',
      f'GOCARDLESS_ENVIRONMENT=live\nGOCARDLESS_ACCESS_TOKEN={gocardless}\n')
write('secret-gocardless-token', 'decoy', 'gocardless.env',
      'GOCARDLESS_ENVIRONMENT=sandbox\nGOCARDLESS_ACCESS_TOKEN=${GC_TOKEN}\n'
      'GOCARDLESS_FALLBACK=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')
write('secret-gocardless-token', 'decoy', 'feature_flags.env',
      f'# no payments provider named in this file\nFLAG_KEY=live_{rand(ALNUM, 40)}\n')

write('secret-flutterwave-secret-key', 'planted', '.env',
      f'FLW_PUBLIC_KEY=FLWPUBK-{rand(HEX, 32)}-X\nFLW_SECRET_KEY={flutterwave}\n')
write('secret-flutterwave-secret-key', 'decoy', '.env',
      'FLW_SECRET_KEY=FLWSECK_TEST-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X\nFLW_SECRET_HASH=${FLW_HASH}\n')

write('secret-easypost-api-key', 'planted', 'shipping.rb',
      "require 'easypost'\n\n"
      f"client = EasyPost::Client.new(api_key: '{easypost}')\n")
write('secret-easypost-api-key', 'decoy', 'shipping.rb',
      "client = EasyPost::Client.new(api_key: ENV.fetch('EASYPOST_API_KEY'))  # EZAK... in production, EZTK... in test\n")

write('secret-shippo-token', 'planted', 'labels.py',
      'import shippo\n\n'
      f'client = shippo.Shippo(api_key_header="ShippoToken {shippo}")\n')
write('secret-shippo-token', 'decoy', 'labels.py',
      'client = shippo.Shippo(api_key_header=f"ShippoToken {os.environ[\'SHIPPO_TOKEN\']}")  # shippo_test_<token>\n')

write('secret-anthropic-admin-key', 'planted', 'rotate-keys.sh',
      f'#!/bin/sh\nexport ANTHROPIC_ADMIN_KEY={anthropic_admin}\n'
      'curl -s https://api.anthropic.com/v1/organizations/api_keys -H "anthropic-version: 2023-06-01" '
      '-H "x-api-key: $ANTHROPIC_ADMIN_KEY"\n')
write('secret-anthropic-admin-key', 'decoy', 'rotate-keys.sh',
      '#!/bin/sh\n: "${ANTHROPIC_ADMIN_KEY:?an sk-ant-admin01-... key from the Console}"\n')

write('secret-cohere-api-key', 'planted', 'rerank.py',
      'import cohere\n\n'
      f'co = cohere.ClientV2(api_key="{cohere}")\n')
write('secret-cohere-api-key', 'planted', '.env',
      f'COHERE_API_KEY={cohere[::-1]}\n')
write('secret-cohere-api-key', 'decoy', 'rerank.py',
      'co = cohere.ClientV2(api_key=os.environ["CO_API_KEY"])\n'
      'COHERE_API_KEY = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'
      'coherence_threshold = 0.75\n')

write('secret-perplexity-api-key', 'planted', 'search.env',
      f'PERPLEXITY_API_KEY={pplx}\n')
write('secret-perplexity-api-key', 'decoy', 'search.env',
      'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')

write('secret-groq-api-key', 'planted', 'chat.ts',
      'import Groq from "groq-sdk";\n\n'
      f'const groq = new Groq({{ apiKey: "{groq}" }});\n')
write('secret-groq-api-key', 'decoy', 'chat.ts',
      'const groq = new Groq({ apiKey: process.env.GROQ_API_KEY }); // gsk_...\n')

write('secret-replicate-token', 'planted', '.env',
      f'REPLICATE_API_TOKEN={replicate}\n')
write('secret-replicate-token', 'decoy', '.env',
      'REPLICATE_API_TOKEN=r8_<paste your token>\nREPLICATE_MODEL=stability-ai/sdxl\n')

write('secret-url-basic-auth', 'planted', 'requirements.txt',
      f'--extra-index-url https://deploy:{url_password}@pypi.acme.internal/simple/\nrequests==2.32.3\n')
write('secret-url-basic-auth', 'planted', 'gitconfig',
      f'[remote "origin"]\n\turl = https://ci-bot:{url_password[::-1]}@git.acme.io/platform/api.git\n'
      '\tfetch = +refs/heads/*:refs/remotes/origin/*\n')
write('secret-url-basic-auth', 'decoy', 'requirements.txt',
      '--extra-index-url https://${PYPI_USER}:${PYPI_PASSWORD}@pypi.acme.internal/simple/\n'
      '# https://user:password@host/simple/ in the documentation\n'
      '# https://pypi.acme.internal:8443/simple/ needs no password\n'
      '# index_url = f"https://{user}:{cfg.password}@pypi.acme.internal/simple/"\n')

write('secret-curl-user-password', 'planted', 'snapshot.sh',
      '#!/bin/sh\nset -eu\n'
      f'curl -s -X PUT -u elastic:{curl_password} "https://es.acme.internal:9200/_snapshot/nightly/$(date +%F)"\n')
write('secret-curl-user-password', 'decoy', 'snapshot.sh',
      '#!/bin/sh\ncurl -s -u "$ES_USER:$ES_PASSWORD" https://es.acme.internal:9200/_cluster/health\n'
      'curl -s -u elastic:changeme https://localhost:9200\ncurl -s --user-agent "probe: 1" https://es.acme.internal\n')

write('secret-curl-authorization-header', 'planted', 'deploy-hook.sh',
      '#!/bin/sh\ncurl -fsS -X POST \\\n'
      f'  -H "Authorization: Bearer {curl_bearer}" \\\n'
      '  https://deploy.acme.io/hooks/release\n')
write('secret-curl-authorization-header', 'decoy', 'deploy-hook.sh',
      '#!/bin/sh\ncurl -fsS -X POST -H "Authorization: Bearer $DEPLOY_TOKEN" https://deploy.acme.io/hooks/release\n'
      'curl -H "Authorization: Bearer <token>" https://deploy.acme.io/hooks/status\n'
      'curl -H "Authorization: Bearer XXXXXXXXXXXX" https://deploy.acme.io/hooks/status\n')

write('secret-keystore-file', 'planted', 'android-release.yml',
      'stages: [build]\nvariables:\n  KEY_ALIAS: upload\n'
      f'  ANDROID_KEYSTORE_BASE64: {jks_b64}\n'
      'release:\n  stage: build\n  script:\n    - echo "$ANDROID_KEYSTORE_BASE64" | base64 -d > app/upload.jks\n')
write('secret-keystore-file', 'planted', 'server-tls.p12.b64', wrap(p12_b64) + '\n')
write('secret-keystore-file', 'decoy', 'android-release.yml',
      'variables:\n  ANDROID_KEYSTORE_BASE64: $UPLOAD_KEYSTORE   # a base64 JKS starts with /u3+7QAAAAI\n'
      '  CA_CERT_DER: MIIDdzCCAl+gAwIBAgIEbF1q2jANBgkqhkiG9w0BAQsFADBsMRAwDgYDVQQGEwdVbmtub3duMRAwDgYD\n')

write('secret-age-secret-key', 'planted', 'keys.txt',
      f'# created: 2025-01-14T09:12:44Z\n# public key: {age_public}\n{age_key}\n')
write('secret-age-secret-key', 'decoy', '.sops.yaml',
      f'creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: {age_public}\n'
      '# the matching AGE-SECRET-KEY-1... lives in ~/.config/sops/age/keys.txt\n')

write('secret-high-entropy-string', 'planted', 'settings.js',
      'module.exports = {\n  port: 8080,\n'
      f'  cookieSigning: "{high_entropy}",\n'
      '  region: "eu-west-1",\n};\n')
write('secret-high-entropy-string', 'decoy', 'settings.js',
      'module.exports = {\n'
      f'  checksum: "{rand(HEX, 64)}",\n'
      '  component: "ThisIsAVeryLongComponentNameForTests",\n'
      f'  icon: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",\n'
      f'  banner: "{b64(random_bytes(120))}",\n'
      f'  build: decode("{b64(random_bytes(30))}"),\n'
      f'  motto: "{b64(b"These are not the droids you are looking for")}",\n'
      f'  state: "{b64(json.dumps({"page": 2, "size": 50}).encode())}",\n'
      '};\n')

print('fixtures written under', os.path.normpath(ROOT))
