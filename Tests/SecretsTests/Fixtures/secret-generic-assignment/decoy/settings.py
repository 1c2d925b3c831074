SECRET_KEY = os.environ["SECRET_KEY"]
password = "changeme123"
api_key: "your-api-key-here"
token = "aaaaaaaaaaaa"
