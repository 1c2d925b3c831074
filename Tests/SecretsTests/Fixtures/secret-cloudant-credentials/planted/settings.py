CLOUDANT_ACCOUNT = "acme"
CLOUDANT_PASSWORD = "rzgmryuvinwlfinjedaqagcv"
