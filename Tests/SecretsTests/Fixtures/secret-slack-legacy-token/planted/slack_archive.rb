Slack.configure do |config|
  config.token = 'xoxs-6453017430-5160231442-8069531107-1b8611f186'
end
