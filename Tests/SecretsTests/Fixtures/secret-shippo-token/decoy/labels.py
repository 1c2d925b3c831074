client = shippo.Shippo(api_key_header=f"ShippoToken {os.environ['SHIPPO_TOKEN']}")  # shippo_test_<token>
