import requests

session = requests.Session()
session.headers["Authorization"] = "Bearer glsa_LywABqGSKnnq5I0Tu3ntRlHX4MNGyUeD_b8dad249"
session.get("https://grafana.acme.io/api/search")
