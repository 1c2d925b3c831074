#!/bin/sh
export VAULT_ADDR=https://vault.acme.internal:8200
export VAULT_TOKEN=s.HQ115b5Lg3EJcKrzOeCRi7y7
vault kv get secret/billing
