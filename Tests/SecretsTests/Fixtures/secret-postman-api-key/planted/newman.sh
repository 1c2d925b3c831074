#!/bin/sh
# Run the contract tests against staging
newman run "https://api.getpostman.com/collections/8154-api?apikey=PMAK-7909bc23607cf815ef2c4123-8ad3cd032c88be953d7f37ca2b209bcd64" -e staging.json
