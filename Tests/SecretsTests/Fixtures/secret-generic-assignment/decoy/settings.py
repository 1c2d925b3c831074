SECRET_KEY = os.environ["SECRET_KEY"]
password = "changeme123"
api_key: "your-api-key-here"
token = "aaaaaaaaaaaa"
ENV_VAR_AUTH_TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN'
operations = {"getsecretvalue": "GetSecretValue", "createaccesskey": "CreateAccessKey", "modify": "ModifyTemporaryCredentialsOnEnvironmentEC2"}
paginator = {"output_token": "DistributionList.NextMarker"}
links = {"iam:UpdateAccessKey": "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html"}
example = {"PurchaseToken": "eyJ2IjoiMSIsInMiOjEsImMiOi...", "PasswordLastUsed": "2016-09-08T21:47:36Z"}
message = f' for token: "{self.token_string}"'
pagination = {"NextToken": "abcdefg123", "MasterUserPassword": "mynewpassword"}
manifest = '<assemblyIdentity name="Microsoft.VC90.CRT" publicKeyToken="1fc8b3b9a1e18e3b"></assemblyIdentity>'
