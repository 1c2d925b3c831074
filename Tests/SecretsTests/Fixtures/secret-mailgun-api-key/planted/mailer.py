import requests

MAILGUN_API_KEY = "key-c677f58ab3d7588be124ecff86ae6cc1"
requests.post("https://api.mailgun.net/v3/mg.acme.io/messages", auth=("api", MAILGUN_API_KEY))
