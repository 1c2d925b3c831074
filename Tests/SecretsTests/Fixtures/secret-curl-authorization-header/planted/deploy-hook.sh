#!/bin/sh
curl -fsS -X POST \
  -H "Authorization: Bearer LPhxOCSpooNaifHMscx0Dxj90A7U9Rom8arh3UUr" \
  https://deploy.acme.io/hooks/release
