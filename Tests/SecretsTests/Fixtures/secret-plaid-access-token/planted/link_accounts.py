from plaid.model.accounts_get_request import AccountsGetRequest

request = AccountsGetRequest(access_token="access-production-4ab1383f-7678-4d36-a311-12fcf415ea1e")
