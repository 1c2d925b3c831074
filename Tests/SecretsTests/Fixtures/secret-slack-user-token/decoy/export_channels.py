client = WebClient(token=os.environ["SLACK_USER_TOKEN"])
SHORT = "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"
