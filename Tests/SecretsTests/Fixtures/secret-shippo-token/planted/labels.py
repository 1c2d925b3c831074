import shippo

client = shippo.Shippo(api_key_header="ShippoToken shippo_live_60c038792ebdafba1f477da9d9df822f5dde644d")
