api_client = HubSpot(access_token=os.environ["HUBSPOT_TOKEN"])  # pat-na1-<uuid>
SAMPLE = "pat-na1-00000000-0000-0000-0000-000000000000"
