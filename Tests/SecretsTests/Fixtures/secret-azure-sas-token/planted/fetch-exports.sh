#!/bin/sh
azcopy copy \
  "https://acmeexports.blob.core.windows.net/exports/2025/ledger.parquet?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=hV2Ggc5qq%2BQg0oP%2BPDk0kDntW6V6iDeXeveKqX37vy0%3D" \
  ./ledger.parquet
