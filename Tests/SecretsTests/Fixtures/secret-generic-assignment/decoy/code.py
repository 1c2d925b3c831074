class Credentials:
    access_key = creds[self.ACCESS_KEY]
    auth_token = self._environ[self.ENV_VAR_AUTH_TOKEN]
    password: Optional[str]
    statetokens = tokendefs[statestack[-1]]
