import requests

HEADERS = {"Accept": "application/json", "Authorization": "SSWS 00xHkxDfgVz3Xz6NMEC2dXTdAQr5MxFCzcVmZdG8xO"}
users = requests.get("https://acme.okta.com/api/v1/users", headers=HEADERS).json()
