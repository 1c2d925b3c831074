client = EasyPost::Client.new(api_key: ENV.fetch('EASYPOST_API_KEY'))  # EZAK... in production, EZTK... in test
