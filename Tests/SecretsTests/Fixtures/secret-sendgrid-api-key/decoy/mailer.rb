SendGrid::API.new(api_key: ENV.fetch("SENDGRID_API_KEY"))  # SG.<id>.<secret>
