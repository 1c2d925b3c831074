from slack_sdk import WebClient

client = WebClient(token="xoxp-387460512601-3247404241869-3765797775425-ab83c747ff73cae0df6b9079b2863e6b")
