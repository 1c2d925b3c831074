$headers = @{ "X-Octopus-ApiKey" = $env:OCTOPUS_API_KEY }
# API-XXXXXXXXXXXXXXXXXXXXXXXXXX goes in the variable above
$mode = "API-AAAAAAAAAAAAAAAAAAAAAAAAAA"
