require 'easypost'

client = EasyPost::Client.new(api_key: 'EZAKDTE57sB2LexLKUItT0vMU5awXhp2zaAq1IFc9VHhNhQbDdzceCUEdo')
