creds = Credentials(token=os.environ["GOOGLE_OAUTH_TOKEN"])  # an access token looks like ya29.<opaque>
FAKE = "ya29.a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"
