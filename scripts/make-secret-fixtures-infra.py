#!/usr/bin/env python3
"""Writes the planted and decoy fixtures of the infrastructure secret detectors (cloud
providers, infrastructure and CI platforms, Kubernetes, GitLab's other tokens, package registries)
under Tests/SecretsTests/Fixtures/<detector id>/{planted,decoy}/.

Every value is generated here from a fixed seed: none is, or was, a real credential. Each planted
file holds the detector's secret in the kind of file it is found in (an .env, a Terraform file, a
kubeconfig, an .npmrc, a Docker config.json, ...); each decoy holds values of the same shape that
must not be reported (placeholders, references to variables or secret stores, published emulator
keys, a wrong layout, too little entropy, no keyword). The .expected files are written by the
tests' recording mode: `PALISADE_RECORD_FIXTURES=1 swift test --filter SecretFixtureTests`.

    scripts/make-secret-fixtures-infra.py
"""
import base64, json, os, string, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secretfixtures import *  # noqa: E402,F403
from secretfixtures import rng  # noqa: E402

reseed(0xA11CE5)

LOWER_ALNUM = string.ascii_lowercase + string.digits
BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'






def pem_body(lines=8):
    return '\n'.join(b64(random_bytes(48)) for _ in range(lines))


def jwt(header, payload):
    return '.'.join([b64url(json.dumps(header, separators=(',', ':')).encode()),
                     b64url(json.dumps(payload, separators=(',', ':')).encode()),
                     b64url(random_bytes(256))])


# --- AWS ----------------------------------------------------------------------------------
session_token = 'IQoJb3JpZ2luX2VjE' + rand(ALNUM + '+/', 599) + '='
write('secret-aws-session-token', 'planted', 'assume-role.env',
      'export AWS_REGION=eu-west-1\n'
      f'export AWS_SESSION_TOKEN={session_token}\n'
      'export AWS_CREDENTIAL_EXPIRATION=2026-03-01T12:00:00Z\n')
write('secret-aws-session-token', 'decoy', 'ci.env',
      'AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}\n'
      '# aws_session_token = <the SessionToken printed by aws sts assume-role>\n'
      'aws_session_token = ' + 'QUJD' * 40 + '\n')

bedrock = 'ABSK' + b64(f'BedrockAPIKey-{rand(LOWER_ALNUM, 4)}-at-{rand(string.digits, 12)}:'.encode() + random_bytes(60))
write('secret-aws-bedrock-api-key', 'planted', 'bedrock.env',
      f'AWS_REGION=us-east-1\nAWS_BEARER_TOKEN_BEDROCK={bedrock}\n')
write('secret-aws-bedrock-api-key', 'decoy', 'README.md',
      'Set `AWS_BEARER_TOKEN_BEDROCK` to your Bedrock API key (it starts with `ABSK`).\n\n'
      '    AWS_BEARER_TOKEN_BEDROCK=ABSK' + b64(b'BedrockAPIKey-short') + '\n\n'
      'A key that is too short, like the one above, is not one.\n')

# --- Google Cloud -----------------------------------------------------------------------------
def service_account(sort_keys):
    key = {
        'type': 'service_account',
        'project_id': 'acme-billing-prod',
        'private_key_id': rand(HEX, 40),
        'private_key': '-----BEGIN PRIVATE KEY-----\n' + pem_body(16) + '\n-----END PRIVATE KEY-----\n',
        'client_email': 'billing-exporter@acme-billing-prod.iam.gserviceaccount.com',
        'client_id': rand(string.digits, 21),
        'auth_uri': 'https://accounts.google.com/o/oauth2/auth',
        'auth_provider_x509_cert_url': 'https://www.googleapis.com/oauth2/v1/certs',
        'client_x509_cert_url': 'https://www.googleapis.com/robot/v1/metadata/x509/billing-exporter%40acme-billing-prod.iam.gserviceaccount.com',
        'universe_domain': 'googleapis.com',
    }
    return json.dumps(key, indent=2, sort_keys=sort_keys) + '\n'


write('secret-gcp-service-account-key', 'planted', 'billing-exporter.json', service_account(False))
write('secret-gcp-service-account-key', 'planted', 'sorted-keys.json', service_account(True))
write('secret-gcp-service-account-key', 'decoy', 'service-account.template.json', json.dumps({
    'type': 'service_account',
    'project_id': 'acme-billing-prod',
    'private_key_id': rand(HEX, 40),
    'private_key': '-----BEGIN PRIVATE KEY-----\n' + 'X' * 64 + '\n-----END PRIVATE KEY-----\n',
    'client_email': 'billing-exporter@acme-billing-prod.iam.gserviceaccount.com',
}, indent=2) + '\n')

gocspx = 'GOCSPX-' + rand(URLSAFE, 28)
write('secret-gcp-oauth-client-secret', 'planted', 'client_secret.json', json.dumps({'installed': {
    'client_id': rand(string.digits, 12) + '-' + rand(LOWER_ALNUM, 32) + '.apps.googleusercontent.com',
    'project_id': 'acme-cli',
    'auth_uri': 'https://accounts.google.com/o/oauth2/auth',
    'client_secret': gocspx,
    'redirect_uris': ['http://localhost'],
}}, indent=2) + '\n')
write('secret-gcp-oauth-client-secret', 'decoy', 'client_secret.json', json.dumps({'installed': {
    'client_id': 'YOUR_CLIENT_ID.apps.googleusercontent.com',
    'client_secret': 'GOCSPX-' + 'x' * 28,
    'note': 'client secrets start with GOCSPX-',
}}, indent=2) + '\n')

ya29 = 'ya29.a0' + rand(URLSAFE, 210)
write('secret-gcp-oauth-access-token', 'planted', 'upload.py',
      'from google.oauth2.credentials import Credentials\n\n'
      f'creds = Credentials(token="{ya29}")\n')
write('secret-gcp-oauth-access-token', 'decoy', 'upload.py',
      'creds = Credentials(token=os.environ["GOOGLE_OAUTH_TOKEN"])  # an access token looks like ya29.<opaque>\n'
      'FAKE = "ya29.' + 'a0' * 24 + '"\n')

refresh = '1//0' + rand(URLSAFE, 99)
write('secret-gcp-oauth-refresh-token', 'planted', 'authorized_user.json', json.dumps({
    'client_id': rand(string.digits, 12) + '-' + rand(LOWER_ALNUM, 32) + '.apps.googleusercontent.com',
    'refresh_token': refresh,
    'type': 'authorized_user',
    'quota_project_id': 'acme-analytics',
}, indent=2) + '\n')
write('secret-gcp-oauth-refresh-token', 'decoy', 'authorized_user.json', json.dumps({
    'refresh_token': '$GOOGLE_REFRESH_TOKEN',
    'note': 'refresh tokens start with 1//0 and are kept in the keychain, not here: 1//0' + 'A' * 40,
    'type': 'authorized_user',
}, indent=2) + '\n')

# --- Azure ------------------------------------------------------------------------------------
entra = rand(ALNUM + '_~.', 3) + rand(string.digits, 1) + 'Q~' + rand(ALNUM + '_~.-', 33) + rand(ALNUM, 1)
write('secret-azure-entra-client-secret', 'planted', 'appsettings.json', json.dumps({'AzureAd': {
    'Instance': 'https://login.microsoftonline.com/',
    'TenantId': uuid(),
    'ClientId': uuid(),
    'ClientSecret': entra,
}}, indent=2) + '\n')
write('secret-azure-entra-client-secret', 'decoy', 'appsettings.json', json.dumps({'AzureAd': {
    'ClientSecret': '$(AZURE_CLIENT_SECRET)',
    'Comment': 'a secret looks like abc8Q~ followed by 34 characters, e.g. abc8Q~' + 'x' * 34,
    'Short': 'ab1Q~tooShort',
}}, indent=2) + '\n')

account_key = b64(random_bytes(64))
write('secret-azure-account-key', 'planted', 'local.settings.json', json.dumps({
    'IsEncrypted': False,
    'Values': {
        'AzureWebJobsStorage': 'DefaultEndpointsProtocol=https;AccountName=acmeprodfiles;'
                               f'AccountKey={account_key};EndpointSuffix=core.windows.net',
        'FUNCTIONS_WORKER_RUNTIME': 'python',
    },
}, indent=2) + '\n')
state_key = b64(random_bytes(64))
write('secret-azure-account-key', 'planted', 'terraform.tfstate', json.dumps({
    'version': 4,
    'resources': [{
        'mode': 'managed', 'type': 'azurerm_storage_account', 'name': 'files',
        'instances': [{'attributes': {'name': 'acmeprodfiles', 'primary_access_key': state_key}}],
    }],
}, indent=2) + '\n')
write('secret-azure-account-key', 'decoy', 'docker-compose.yml',
      'services:\n  app:\n    environment:\n'
      '      # Azurite, the local storage emulator, and the Cosmos DB emulator publish these keys\n'
      '      STORAGE: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://azurite:10000/devstoreaccount1;"\n'
      '      COSMOS: "AccountEndpoint=https://cosmos:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;"\n'
      '      PROD: "DefaultEndpointsProtocol=https;AccountName=acmeprodfiles;AccountKey=${STORAGE_ACCOUNT_KEY}"\n')

sig = b64(random_bytes(32)).replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')
write('secret-azure-sas-token', 'planted', 'fetch-exports.sh',
      '#!/bin/sh\nazcopy copy \\\n'
      '  "https://acmeexports.blob.core.windows.net/exports/2025/ledger.parquet?sv=2022-11-02&ss=b&srt=o&sp=r'
      f'&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}" \\\n  ./ledger.parquet\n')
write('secret-azure-sas-token', 'decoy', 'fetch-exports.sh',
      '#!/bin/sh\n# The SAS comes from Key Vault: ?sv=<version>&...&sig=<signature>\n'
      'azcopy copy "https://acmeexports.blob.core.windows.net/exports/ledger.parquet?sv=2022-11-02&sp=r&sig=${SAS_SIG}" .\n'
      'azcopy copy "https://acmeexports.blob.core.windows.net/exports/ledger.parquet?sv=2022-11-02&sp=r&sig=' + 'AAAA' * 11 + '" .\n')

shared_key = b64(random_bytes(32))
write('secret-azure-shared-access-key', 'planted', 'orders.env',
      'SERVICEBUS_CONNECTION=Endpoint=sb://acme-orders.servicebus.windows.net/;'
      f'SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={shared_key}\n')
write('secret-azure-shared-access-key', 'decoy', 'orders.env',
      'SERVICEBUS_CONNECTION=Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>\n'
      'IOTHUB_CONNECTION=HostName=acme.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={{ .Values.iotKey }}\n')

ado_new = (rand(ALNUM, 52) + 'JQQJ99' + rand('ABCDEFGHIJKLMNOP', 2) + 'ACAAAAAAAAAAAAAS' + 'AZDO'
           + rand(ALNUM, 4))
ado_legacy = rand(BASE32, 52)
write('secret-azure-devops-pat', 'planted', 'azure-pipelines.yml',
      'trigger:\n- main\nvariables:\n'
      f'  AZURE_DEVOPS_EXT_PAT: {ado_new}\n'
      'steps:\n- script: az devops configure --defaults organization=https://dev.azure.com/acme\n')
write('secret-azure-devops-pat', 'planted', 'terraform.env',
      f'AZDO_ORG_SERVICE_URL=https://dev.azure.com/acme\nAZDO_PERSONAL_ACCESS_TOKEN={ado_legacy}\n')
write('secret-azure-devops-pat', 'decoy', 'azure-pipelines.yml',
      'variables:\n  AZURE_DEVOPS_EXT_PAT: $(System.AccessToken)\n'
      '  # a legacy PAT is 52 characters of base32, e.g. ' + 'abcd' * 13 + '\n'
      'steps:\n- script: git clone https://dev.azure.com/acme/_git/api\n')
write('secret-azure-devops-pat', 'decoy', 'checksums.txt',
      f'{rand(BASE32, 52)}  release.tar.gz\n')

# --- Alibaba, IBM -----------------------------------------------------------------------------
ltai = 'LTAI' + rand(ALNUM, 20)
write('secret-alibaba-access-key-id', 'planted', 'aliyun.env',
      f'ALIBABA_CLOUD_ACCESS_KEY_ID={ltai}\nALIBABA_CLOUD_REGION_ID=cn-hangzhou\n')
write('secret-alibaba-access-key-id', 'decoy', 'aliyun.env',
      'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxx\nALIBABA_CLOUD_ACCESS_KEY_ID=LTAIAAAABBBBAAAABBBB\n'
      'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI12\n')

ibm_key = rand(URLSAFE, 44)
account = rand(HEX, 32)
write('secret-ibm-cloud-api-key', 'planted', 'cos-writer-credentials.json', json.dumps({
    'apikey': ibm_key,
    'iam_apikey_name': 'svc-cos-writer',
    'iam_role_crn': 'crn:v1:bluemix:public:iam::::serviceRole:Writer',
    'iam_serviceid_crn': f'crn:v1:bluemix:public:iam-identity::a/{account}::serviceid:ServiceId-{uuid()}',
}, indent=2) + '\n')
write('secret-ibm-cloud-api-key', 'planted', 'deploy.env',
      f'IBMCLOUD_API_KEY={rand(URLSAFE, 44)}\nIBMCLOUD_REGION=eu-de\n')
write('secret-ibm-cloud-api-key', 'decoy', 'deploy.env',
      'IBMCLOUD_API_KEY=${IBMCLOUD_API_KEY}\nIAM_API_KEY=<your IBM Cloud API key>\nIBMCLOUD_API_KEY=tooShort123\n')

hmac_secret = rand(HEX, 48)
write('secret-ibm-cos-hmac-secret', 'planted', 'credentials',
      '[ibm-cos]\n'
      f'aws_access_key_id = {rand(HEX, 32)}\n'
      f'aws_secret_access_key = {hmac_secret}\n')
write('secret-ibm-cos-hmac-secret', 'decoy', 'credentials',
      '[ibm-cos]\naws_secret_access_key = ${COS_HMAC_SECRET}\n'
      'aws_secret_access_key = ' + 'deadbeef' * 6 + '\n'
      'aws_secret_access_key = ' + '0' * 48 + '\n')

softlayer = rand(HEX, 64)
write('secret-softlayer-api-key', 'planted', '.softlayer',
      '[softlayer]\nusername = ops-automation\n'
      f'api_key = {softlayer}\n'
      'endpoint_url = https://api.softlayer.com/xmlrpc/v3.1/\ntimeout = 0\n')
write('secret-softlayer-api-key', 'decoy', '.softlayer',
      '[softlayer]\nusername = ops-automation\napi_key = ${SL_API_KEY}\n'
      'SL_API_KEY=' + '0' * 64 + '\n')

cloudant_pw = rand(HEX, 64)
write('secret-cloudant-credentials', 'planted', 'cloudant.env',
      f'CLOUDANT_URL=https://acme-bluemix:{cloudant_pw}@acme-bluemix.cloudantnosqldb.appdomain.cloud\n')
write('secret-cloudant-credentials', 'planted', 'settings.py',
      f'CLOUDANT_ACCOUNT = "acme"\nCLOUDANT_PASSWORD = "{rand(string.ascii_lowercase, 24)}"\n')
write('secret-cloudant-credentials', 'decoy', 'cloudant.env',
      'CLOUDANT_URL=https://acme-bluemix:${CLOUDANT_PASSWORD}@acme-bluemix.cloudantnosqldb.appdomain.cloud\n'
      'CLOUDANT_PASSWORD=changeme-please-now\n'
      f'MIRROR_URL=https://mirror:{rand(string.ascii_lowercase, 24)}@mirror.internal.acme.io/packages\n')

# --- Heroku, Cloudflare -----------------------------------------------------------------------
write('secret-heroku-api-key', 'planted', 'release.sh',
      f'#!/bin/sh\nexport HEROKU_API_KEY=HRKU-AA{rand(URLSAFE, 58)}\nheroku container:release web -a acme-api\n')
write('secret-heroku-api-key', 'decoy', 'release.sh',
      '#!/bin/sh\nexport HEROKU_API_KEY=HRKU-AA' + 'x' * 58 + '\n# keys look like HRKU-AA followed by 58 characters\n')

heroku_uuid = uuid()
write('secret-heroku-api-key-legacy', 'planted', '.netrc',
      f'machine api.heroku.com\n  login ops@acme.io\n  password {heroku_uuid}\n'
      f'machine git.heroku.com\n  login ops@acme.io\n  password {heroku_uuid}\n')
write('secret-heroku-api-key-legacy', 'planted', 'ci.env', f'HEROKU_API_KEY={uuid()}\nHEROKU_APP=acme-api\n')
write('secret-heroku-api-key-legacy', 'decoy', 'ci.env',
      f'HEROKU_APP_ID={uuid()}\nHEROKU_API_KEY=00000000-0000-0000-0000-000000000000\n')

write('secret-cloudflare-api-token', 'planted', 'providers.tf',
      'provider "cloudflare" {\n'
      f'  api_token = "{rand(URLSAFE, 40)}"\n'
      '}\n')
write('secret-cloudflare-api-token', 'planted', 'wrangler.env', f'CLOUDFLARE_API_TOKEN={rand(URLSAFE, 40)}\n')
write('secret-cloudflare-api-token', 'decoy', 'providers.tf',
      'provider "cloudflare" {\n  api_token = var.cloudflare_api_token\n}\n'
      '# CLOUDFLARE_API_TOKEN="${CF_TOKEN}"\n')

write('secret-cloudflare-global-api-key', 'planted', 'cloudflare.ini',
      '# Cloudflare credentials used by the certbot dns-cloudflare plugin\n'
      'dns_cloudflare_email = ops@acme.io\n'
      f'dns_cloudflare_api_key = {rand(HEX, 37)}\n')
write('secret-cloudflare-global-api-key', 'decoy', 'cloudflare.ini',
      'dns_cloudflare_email = ops@acme.io\ndns_cloudflare_api_key = 0123456789abcdef0123456789abcdef01234\n'
      'X-Auth-Key: $CF_API_KEY\n')

write('secret-cloudflare-origin-ca-key', 'planted', 'origin.tf',
      'provider "cloudflare" {\n'
      f'  api_user_service_key = "v1.0-{rand(HEX, 24)}-{rand(HEX, 146)}"\n'
      '}\n')
write('secret-cloudflare-origin-ca-key', 'decoy', 'CHANGELOG.md',
      '## v1.0-beta\n\nOrigin CA keys (v1.0-<24 hex>-<146 hex>) are read from CLOUDFLARE_API_USER_SERVICE_KEY.\n'
      'Example: v1.0-' + rand(HEX, 24) + '-' + rand(HEX, 40) + '\n')

# --- Fly.io, Databricks, HashiCorp, Pulumi, Doppler, Infracost, Scalingo, PlanetScale -----------
fm2 = 'fm2_' + b64(random_bytes(180)) + ',fm2_' + b64(random_bytes(96))
write('secret-flyio-token', 'planted', 'fly-deploy.yml',
      'name: Fly deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n'
      f'    env:\n      FLY_API_TOKEN: "FlyV1 {fm2}"\n'
      '    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n')
write('secret-flyio-token', 'planted', 'fly.env', f'FLY_ACCESS_TOKEN=fo1_{rand(URLSAFE, 43)}\n')
write('secret-flyio-token', 'decoy', 'fly-deploy.yml',
      'env:\n  FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}\n'
      '# tokens look like "FlyV1 fm2_..." or fo1_' + 'x' * 43 + '\n'
      '# fm2_' + b64(random_bytes(30)) + '\n')

write('secret-databricks-token', 'planted', '.databrickscfg',
      '[DEFAULT]\nhost = https://adb-4012345678901234.5.azuredatabricks.net\n'
      f'token = dapi{rand(HEX, 32)}\n')
write('secret-databricks-token', 'decoy', '.databrickscfg',
      '[DEFAULT]\nhost = https://adb-4012345678901234.5.azuredatabricks.net\ntoken = dapi' + '0' * 32 + '\n'
      '[ci]\ntoken = {{secrets/ci/databricks}}\n')

tfc = rand(ALNUM, 14) + '.atlasv1.' + rand(URLSAFE, 67)
write('secret-terraform-cloud-token', 'planted', 'credentials.tfrc.json',
      json.dumps({'credentials': {'app.terraform.io': {'token': tfc}}}, indent=2) + '\n')
write('secret-terraform-cloud-token', 'decoy', 'credentials.tfrc.json',
      json.dumps({'credentials': {'app.terraform.io': {'token': 'XXXXXXXXXXXXXX.atlasv1.' + 'X' * 67}}}, indent=2)
      + '\n# export TF_TOKEN_app_terraform_io=$TFC_TOKEN\n')

write('secret-vault-token', 'planted', 'vault.env',
      f'VAULT_ADDR=https://vault.acme.internal:8200\nVAULT_TOKEN=hvs.CAESI{rand(URLSAFE, 90)}\n')
write('secret-vault-token', 'planted', 'legacy-login.sh',
      '#!/bin/sh\nexport VAULT_ADDR=https://vault.acme.internal:8200\n'
      f'export VAULT_TOKEN=s.{rand(ALNUM, 24)}\nvault kv get secret/billing\n')
write('secret-vault-token', 'decoy', 'vault.env',
      'VAULT_ADDR=http://127.0.0.1:8200\nVAULT_TOKEN=root\nVAULT_TOKEN=hvs.' + 'x' * 90 + '\n'
      'VAULT_TOKEN=$(vault print token)\n')

write('secret-pulumi-token', 'planted', 'pulumi.env', f'PULUMI_ACCESS_TOKEN=pul-{rand(HEX, 40)}\n')
write('secret-pulumi-token', 'decoy', 'pulumi.env',
      'PULUMI_ACCESS_TOKEN=pul-' + 'a' * 40 + '\nPULUMI_ACCESS_TOKEN=${PULUMI_TOKEN}\n')

write('secret-doppler-token', 'planted', 'docker-compose.yml',
      'services:\n  api:\n    image: acme/api:1.4.2\n    environment:\n'
      f'      DOPPLER_TOKEN: dp.st.prd.{rand(ALNUM, 43)}\n')
write('secret-doppler-token', 'decoy', 'docker-compose.yml',
      'services:\n  api:\n    environment:\n      DOPPLER_TOKEN: ${DOPPLER_TOKEN}\n'
      '      # a personal token looks like dp.pt.' + 'x' * 43 + '\n')

write('secret-infracost-api-key', 'planted', 'infracost.yml',
      'jobs:\n  cost:\n    runs-on: ubuntu-latest\n    steps:\n'
      f'      - run: infracost configure set api_key ico-{rand(ALNUM, 32)}\n'
      '      - run: infracost breakdown --path .\n')
write('secret-infracost-api-key', 'decoy', 'infracost.yml',
      'env:\n  INFRACOST_API_KEY: ${{ secrets.INFRACOST_API_KEY }}  # ico-' + 'x' * 32 + '\n')

write('secret-scalingo-token', 'planted', 'deploy.sh',
      f'#!/bin/sh\nscalingo login --api-token tk-us-{rand(URLSAFE, 48)}\nscalingo --app acme-api deploy build.tar.gz\n')
write('secret-scalingo-token', 'decoy', 'deploy.sh',
      '#!/bin/sh\nscalingo login --api-token "$SCALINGO_API_TOKEN"  # tk-us-' + 'x' * 48 + '\n')

write('secret-planetscale-token', 'planted', 'planetscale.env',
      f'PLANETSCALE_SERVICE_TOKEN_ID={rand(LOWER_ALNUM, 12)}\n'
      f'PLANETSCALE_SERVICE_TOKEN=pscale_tkn_{rand(URLSAFE, 43)}\n'
      f'DATABASE_PASSWORD=pscale_pw_{rand(URLSAFE, 43)}\n')
write('secret-planetscale-token', 'decoy', 'planetscale.env',
      'DATABASE_PASSWORD=pscale_pw_<your password>\nPLANETSCALE_SERVICE_TOKEN=pscale_tkn_' + 'x' * 43 + '\n')

# --- Okta, OpenShift, Kubernetes, Terraform ---------------------------------------------------
write('secret-okta-api-token', 'planted', 'okta.env',
      f'OKTA_CLIENT_ORGURL=https://acme.okta.com\nOKTA_CLIENT_TOKEN=00{rand(URLSAFE, 40)}\n')
write('secret-okta-api-token', 'planted', 'sync_users.py',
      'import requests\n\n'
      f'HEADERS = {{"Accept": "application/json", "Authorization": "SSWS 00{rand(URLSAFE, 40)}"}}\n'
      'users = requests.get("https://acme.okta.com/api/v1/users", headers=HEADERS).json()\n')
write('secret-okta-api-token', 'decoy', 'okta.env',
      'OKTA_CLIENT_TOKEN={{ okta_token }}\nOKTA_AUTHORIZATION="SSWS ${OKTA_API_TOKEN}"\n'
      f'OKTA_CLIENT_ID=0oa{rand(ALNUM, 17)}\n')

write('secret-openshift-token', 'planted', 'login.sh',
      f'#!/bin/sh\noc login --token=sha256~{rand(URLSAFE, 43)} --server=https://api.ocp.acme.internal:6443\n')
write('secret-openshift-token', 'decoy', 'login.sh',
      '#!/bin/sh\noc login --token="$(cat /var/run/secrets/token)" --server=https://api.ocp.acme.internal:6443\n'
      '# a token looks like sha256~' + 'x' * 43 + '\n'
      'IMAGE=quay.io/acme/api@sha256:' + rand(HEX, 64) + '\n')

write('secret-kubernetes-secret-manifest', 'planted', 'billing-db-secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\n  namespace: billing\ntype: Opaque\n'
      f'data:\n  username: {b64(b"billing")}\n  password: {b64(rand(ALNUM, 18).encode())}\n')
write('secret-kubernetes-secret-manifest', 'planted', 'kubectl-get-secret.yaml',
      f'apiVersion: v1\ndata:\n  api-token: {b64(rand(ALNUM, 32).encode())}\nkind: Secret\n'
      'metadata:\n  creationTimestamp: "2025-05-02T09:14:11Z"\n  name: api-token\n  namespace: payments\n'
      '  resourceVersion: "88123"\n  uid: ' + uuid() + '\ntype: Opaque\n')
write('secret-kubernetes-secret-manifest', 'planted', 'stringdata-secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\ntype: Opaque\nstringData:\n'
      '  host: "{{ .Values.smtp.host }}"\n'
      f'  password: {rand(ALNUM, 20)}\n')
write('secret-kubernetes-secret-manifest', 'decoy', 'templated-secret.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "app.fullname" . }}\ntype: Opaque\n'
      'data:\n  password: {{ .Values.password | b64enc | quote }}\n  username: ""\n'
      '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  password: changeme123\n'
      '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: sa-token\n'
      '  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n'
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n'
      f'data:\n  LOG_LEVEL: info\n  CACHE_KEY: {rand(ALNUM, 24)}\n')
write('secret-kubernetes-secret-manifest', 'decoy', 'sealed-secret.yaml',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: billing-db\nspec:\n'
      f'  encryptedData:\n    password: {b64(random_bytes(96))}\n')

client_key_pem = ('-----BEGIN RSA PRIVATE KEY-----\n' + pem_body(20) + '\n-----END RSA PRIVATE KEY-----\n').encode()
write('secret-kubeconfig-credentials', 'planted', 'kubeconfig',
      'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /etc/kubernetes/pki/ca.crt\n'
      '    server: https://10.20.0.1:6443\n  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: admin\n'
      '  name: admin@prod\ncurrent-context: admin@prod\npreferences: {}\nusers:\n- name: admin\n  user:\n'
      '    client-certificate: /home/ops/.kube/admin.crt\n'
      f'    client-key-data: {b64(client_key_pem)}\n')
write('secret-kubeconfig-credentials', 'planted', 'ci-kubeconfig.yaml',
      'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://k8s.acme.internal\n  name: ci\n'
      'contexts:\n- context:\n    cluster: ci\n    user: deployer\n  name: ci\ncurrent-context: ci\nusers:\n'
      f'- name: deployer\n  user:\n    token: {rand(ALNUM, 40)}\n')
write('secret-kubeconfig-credentials', 'decoy', 'config-view.yaml',
      'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n'
      '    server: https://10.20.0.1:6443\n  name: prod\ncurrent-context: admin@prod\nusers:\n- name: admin\n'
      '  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n'
      '- name: viewer\n  user:\n    token: REDACTED\n'
      '- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n'
      '      command: kubelogin\n      args: [get-token, --login, azurecli]\n')

write('secret-terraform-hardcoded-password', 'planted', 'sql.tf',
      'resource "azurerm_mssql_server" "billing" {\n'
      '  name                         = "billing-sql"\n'
      '  resource_group_name          = azurerm_resource_group.billing.name\n'
      '  location                     = "westeurope"\n'
      '  version                      = "12.0"\n'
      '  administrator_login          = "billingadmin"\n'
      f'  administrator_login_password = "{rand(ALNUM + "!#%", 20)}"\n'
      '}\n')
write('secret-terraform-hardcoded-password', 'planted', 'variables.tf',
      'variable "db_password" {\n  type      = string\n  sensitive = true\n'
      f'  default   = "{rand(ALNUM, 16)}"\n'
      '}\n')
write('secret-terraform-hardcoded-password', 'decoy', 'rds.tf',
      'resource "aws_db_instance" "billing" {\n  username = "billing"\n  password = var.db_password\n}\n'
      'resource "aws_db_instance" "reports" {\n  password = "${random_password.reports.result}"\n}\n'
      'resource "azurerm_mssql_server" "dev" {\n  administrator_login_password = "P@ssw0rd123"\n}\n'
      'resource "aws_db_instance" "sandbox" {\n  password = "changeme123"\n}\n'
      'resource "random_password" "reports" {\n  length = 24\n}\n')

# --- GitLab -----------------------------------------------------------------------------------
write('secret-gitlab-trigger-token', 'planted', 'trigger-deploy.sh',
      '#!/bin/sh\nTRIGGER_TOKEN=glptt-' + rand(HEX, 40) + '\n'
      'wget -qO- --post-data "token=$TRIGGER_TOKEN&ref=main" https://gitlab.acme.io/api/v4/projects/42/trigger/pipeline\n')
write('secret-gitlab-trigger-token', 'decoy', 'trigger-deploy.sh',
      '#!/bin/sh\nTRIGGER_TOKEN=glptt-' + '0' * 40 + '\nTRIGGER_TOKEN=${CI_TRIGGER_TOKEN}\n')

write('secret-gitlab-runner-token', 'planted', 'config.toml',
      'concurrent = 4\n\n[[runners]]\n  name = "docker-ci"\n  url = "https://gitlab.acme.io/"\n'
      f'  token = "glrt-t1_{rand(URLSAFE, 27)}.01{rand(LOWER_ALNUM, 7)}"\n'
      '  executor = "docker"\n')
write('secret-gitlab-runner-token', 'planted', 'register.sh',
      '#!/bin/sh\ngitlab-runner register --non-interactive --url https://gitlab.acme.io/ \\\n'
      f'  --registration-token GR1348941{rand(URLSAFE, 20)} --executor docker\n')
write('secret-gitlab-runner-token', 'decoy', 'config.toml',
      '[[runners]]\n  name = "docker-ci"\n  token = "glrt-' + 'x' * 20 + '"\n'
      '  # registration tokens (GR1348941...) are deprecated\n')

write('secret-gitlab-deploy-token', 'planted', 'registry.env',
      f'CI_DEPLOY_USER=gitlab+deploy-token-12\nCI_DEPLOY_PASSWORD=gldt-{rand(URLSAFE, 20)}\n')
write('secret-gitlab-deploy-token', 'decoy', 'registry.env',
      'CI_DEPLOY_PASSWORD=gldt-' + 'x' * 20 + '\nCI_DEPLOY_PASSWORD=$DEPLOY_TOKEN\n')

write('secret-gitlab-job-token', 'planted', 'job.log',
      '$ echo "using token $CI_JOB_TOKEN"\n'
      f'using token glcbt-64_{rand(URLSAFE, 20)}\n$ make release\n')
write('secret-gitlab-job-token', 'decoy', 'job.log',
      '$ echo "using token $CI_JOB_TOKEN"\nusing token [MASKED]\n# job tokens look like glcbt-64_' + 'x' * 20 + '\n')

write('secret-gitlab-oauth-secret', 'planted', 'oauth.env',
      f'GITLAB_OAUTH_APP_ID={rand(HEX, 64)}\nGITLAB_OAUTH_SECRET=gloas-{rand(URLSAFE, 64)}\n')
write('secret-gitlab-oauth-secret', 'decoy', 'oauth.env',
      'GITLAB_OAUTH_SECRET=gloas-' + 'x' * 64 + '\nGITLAB_OAUTH_SECRET=${GITLAB_SECRET}\n')

write('secret-gitlab-other-tokens', 'planted', 'feeds.opml',
      '<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
      f'  <outline text="acme/api activity" xmlUrl="https://gitlab.acme.io/acme/api.atom?feed_token=glft-{rand(URLSAFE, 20)}"/>\n'
      '</body></opml>\n')
write('secret-gitlab-other-tokens', 'planted', 'agent-values.yaml',
      f'config:\n  kasAddress: wss://kas.gitlab.acme.io\n  token: glagent-{rand(URLSAFE, 50)}\n')
write('secret-gitlab-other-tokens', 'planted', 'cookies.txt',
      f'# Netscape HTTP Cookie File\ngitlab.acme.io\tFALSE\t/\tTRUE\t0\t_gitlab_session\t{rand(HEX, 32)}\n'
      f'Cookie: _gitlab_session={rand(HEX, 32)}\n')
write('secret-gitlab-other-tokens', 'decoy', 'agent-values.yaml',
      'config:\n  token: glagent-' + 'x' * 50 + '\n  feedToken: glft-' + 'x' * 20 + '\n'
      '  cookie: _gitlab_session=' + '0' * 32 + '\n')

# --- Atlassian, package registries --------------------------------------------------------------
write('secret-atlassian-api-token', 'planted', 'jira.env',
      'JIRA_BASE_URL=https://acme.atlassian.net\nJIRA_USER_EMAIL=ci@acme.io\n'
      f'JIRA_API_TOKEN=ATATT3xFfGF0{rand(URLSAFE, 171)}={rand("0123456789ABCDEF", 8)}\n')
write('secret-atlassian-api-token', 'decoy', 'jira.env',
      'JIRA_API_TOKEN=${JIRA_API_TOKEN}\n# an API token starts with ATATT3 and is about 190 characters long\n'
      'JIRA_API_TOKEN=ATATT3' + 'x' * 186 + '\n')

write('secret-bitbucket-app-password', 'planted', 'bitbucket.env',
      f'BITBUCKET_USERNAME=ci-bot\nBITBUCKET_APP_PASSWORD=ATBB{rand(ALNUM, 24)}{rand("0123456789ABCDEF", 8)}\n')
write('secret-bitbucket-app-password', 'decoy', 'bitbucket.env',
      'BITBUCKET_APP_PASSWORD=$BB_APP_PASSWORD\nBITBUCKET_APP_PASSWORD=ATBB' + 'x' * 32 + '\n')

npm_auth = b64(f'ci-bot:{rand(ALNUM, 20)}'.encode())
write('secret-npmrc-auth', 'planted', '.npmrc',
      '@acme:registry=https://acme.jfrog.io/artifactory/api/npm/npm-local/\n'
      f'//acme.jfrog.io/artifactory/api/npm/npm-local/:_auth={npm_auth}\n'
      'always-auth=true\n')
write('secret-npmrc-auth', 'planted', '.yarnrc.yml',
      'nodeLinker: node-modules\nnpmRegistries:\n  "https://npm.pkg.acme.io":\n'
      f'    npmAuthToken: {rand(URLSAFE, 40)}\n')
write('secret-npmrc-auth', 'planted', '.yarnrc', f'"//npm.pkg.acme.io/:_authToken" "{rand(URLSAFE, 40)}"\n')
write('secret-npmrc-auth', 'decoy', '.npmrc',
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n//npm.pkg.acme.io/:_password="${NPM_PASSWORD}"\n'
      'email=ci@acme.io\nalways-auth=true\n')
write('secret-npmrc-auth', 'decoy', 'client.py',
      'class Client:\n    _auth = "basic_authentication_scheme"\n    _password_field = "password_hash_column"\n')
write('secret-npmrc-auth', 'decoy', '.yarnrc.yml',
      'npmRegistries:\n  "https://npm.pkg.acme.io":\n    npmAuthToken: "${NPM_AUTH_TOKEN}"\n')

write('secret-rubygems-api-key', 'planted', 'credentials', f'---\n:rubygems_api_key: rubygems_{rand(HEX, 48)}\n')
write('secret-rubygems-api-key', 'decoy', 'credentials',
      "---\n:rubygems_api_key: <%= ENV['GEM_HOST_API_KEY'] %>\n:old: rubygems_" + '0' * 48 + '\n')

write('secret-nuget-config-password', 'planted', 'NuGet.config',
      '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n'
      '    <add key="acme" value="https://pkgs.acme.io/nuget/v3/index.json" />\n  </packageSources>\n'
      '  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci-bot" />\n'
      f'      <add key="ClearTextPassword" value="{rand(ALNUM, 24)}" />\n'
      '    </acme>\n  </packageSourceCredentials>\n</configuration>\n')
write('secret-nuget-config-password', 'decoy', 'NuGet.config',
      '<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci-bot" />\n'
      '      <add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />\n    </acme>\n'
      '    <mirror>\n      <add key="ClearTextPassword" value="$(MirrorPassword)" />\n    </mirror>\n'
      '  </packageSourceCredentials>\n</configuration>\n')

write('secret-clojars-token', 'planted', 'deploy.sh',
      f'#!/bin/sh\nexport CLOJARS_USERNAME=acme\nexport CLOJARS_PASSWORD=CLOJARS_{rand(LOWER_ALNUM, 60)}\nlein deploy clojars\n')
write('secret-clojars-token', 'decoy', 'deploy.sh',
      '#!/bin/sh\nexport CLOJARS_USERNAME=acme\nexport CLOJARS_PASSWORD=$CLOJARS_DEPLOY_TOKEN\n')

write('secret-docker-config-auth', 'planted', 'config.json', json.dumps({
    'auths': {'registry.acme.io': {'auth': b64(f'ci-bot:{rand(ALNUM, 24)}'.encode())}},
}, indent='\t') + '\n')
write('secret-docker-config-auth', 'decoy', 'config.json', json.dumps({
    'auths': {'ghcr.io': {}, 'registry.acme.io': {'auth': 'dXNlcm5hbWU6cGFzc3dvcmQ='}},
    'credsStore': 'desktop',
}, indent='\t') + '\n')

write('secret-artifactory-api-key', 'planted', 'gradle.properties',
      'artifactory_contextUrl=https://acme.jfrog.io/artifactory\nartifactory_user=ci-bot\n'
      f'artifactory_password=AKCp{rand(ALNUM, 69)}\n')
write('secret-artifactory-api-key', 'planted', 'jfrog.env', f'JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj{rand(ALNUM, 50)}\n')
write('secret-artifactory-api-key', 'decoy', 'gradle.properties',
      'artifactory_password=AKCp' + 'x' * 69 + '\nartifactory_password=${ARTIFACTORY_API_KEY}\n')

jfrog_jwt = jwt({'ver': '2', 'typ': 'JWT', 'alg': 'RS256', 'kid': rand(URLSAFE, 43)},
                {'sub': 'jfac@01hk2m3n4p5q6r7s8t9v0w1x2y/users/ci-bot', 'scp': 'applied-permissions/user',
                 'aud': '*@*', 'iss': 'jfac@01hk2m3n4p5q6r7s8t9v0w1x2y', 'iat': 1735689600, 'jti': uuid()})
write('secret-jfrog-token', 'planted', 'jfrog.env', f'JFROG_URL=https://acme.jfrog.io\nJFROG_ACCESS_TOKEN={jfrog_jwt}\n')
write('secret-jfrog-token', 'planted', 'artifactory.tf',
      'provider "artifactory" {\n  url          = "https://acme.jfrog.io"\n'
      f'  access_token = "{rand(ALNUM, 64)}"\n'
      '}\n')
write('secret-jfrog-token', 'decoy', 'artifactory.tf',
      'provider "artifactory" {\n  url          = "https://acme.jfrog.io"\n  access_token = var.artifactory_token\n}\n'
      '# JFROG_ACCESS_TOKEN=${JF_ACCESS_TOKEN}\n')

write('secret-sonarqube-token', 'planted', 'sonar-project.properties',
      'sonar.projectKey=acme_api\nsonar.host.url=https://sonar.acme.io\n'
      f'sonar.token=sqp_{rand(HEX, 40)}\n')
write('secret-sonarqube-token', 'planted', 'analyse.sh',
      f'#!/bin/sh\nmvn -B verify sonar:sonar -Dsonar.host.url=https://sonar.acme.io -Dsonar.login={rand(HEX, 40)}\n')
write('secret-sonarqube-token', 'decoy', 'sonar.yml',
      'jobs:\n  sonar:\n    runs-on: ubuntu-latest\n    steps:\n'
      f'      - uses: SonarSource/sonarqube-scan-action@{rand(HEX, 40)}\n'
      '        env:\n          SONAR_TOKEN: ${{ secrets.SONAR_TOKEN }}\n'
      '      - run: mvn sonar:sonar -Dsonar.login=admin\n')

write('secret-snyk-token', 'planted', 'snyk.env', f'SNYK_TOKEN={uuid()}\nSNYK_CFG_ORG=acme\n')
write('secret-snyk-token', 'planted', 'scan.sh', f'#!/bin/sh\nsnyk auth {uuid()}\nsnyk test --all-projects\n')
write('secret-snyk-token', 'decoy', 'snyk.env',
      f'SNYK_TOKEN=${{SNYK_TOKEN}}\nSNYK_ORG_ID={uuid()}\nSNYK_TOKEN=00000000-0000-0000-0000-000000000000\n')

print('fixtures written under', os.path.normpath(ROOT))
