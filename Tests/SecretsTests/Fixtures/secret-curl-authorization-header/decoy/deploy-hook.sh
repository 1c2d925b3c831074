#!/bin/sh
curl -fsS -X POST -H "Authorization: Bearer $DEPLOY_TOKEN" https://deploy.acme.io/hooks/release
curl -H "Authorization: Bearer <token>" https://deploy.acme.io/hooks/status
curl -H "Authorization: Bearer XXXXXXXXXXXX" https://deploy.acme.io/hooks/status
