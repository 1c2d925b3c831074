#!/bin/sh
export ANTHROPIC_ADMIN_KEY=sk-ant-admin01-G4EPjSh71tlgs8vjG045-pWkoQbASWY1pS9HUVPHYrbf469EscxuKFrbbMB4K_J5CrgxVHW2acFX_bfy3CH-pCck1MXrwAA
curl -s https://api.anthropic.com/v1/organizations/api_keys -H "anthropic-version: 2023-06-01" -H "x-api-key: $ANTHROPIC_ADMIN_KEY"
