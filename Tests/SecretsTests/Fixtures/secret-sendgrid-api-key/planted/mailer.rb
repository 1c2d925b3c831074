SendGrid::API.new(api_key: "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")
