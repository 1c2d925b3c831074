#!/bin/sh
# The SAS comes from Key Vault: ?sv=<version>&...&sig=<signature>
azcopy copy "https://acmeexports.blob.core.windows.net/exports/ledger.parquet?sv=2022-11-02&sp=r&sig=${SAS_SIG}" .
azcopy copy "https://acmeexports.blob.core.windows.net/exports/ledger.parquet?sv=2022-11-02&sp=r&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" .
