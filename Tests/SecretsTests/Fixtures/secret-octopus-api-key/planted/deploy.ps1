$server = "https://octopus.acme.internal"
$headers = @{ "X-Octopus-ApiKey" = "API-M66RV1TDO5KE6YU462190KG274" }
Invoke-RestMethod -Uri "$server/api/releases" -Headers $headers -Method Post -Body $release
