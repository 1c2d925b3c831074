from hubspot import HubSpot

api_client = HubSpot(access_token="pat-eu1-b5b8afd4-2c45-4084-a8e8-7a2744336ee1")
