snapshot_download("acme/model", token="hf_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
