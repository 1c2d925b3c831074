request = AccountsGetRequest(access_token=item.access_token)  # access-sandbox-<uuid>
TEST_TOKEN = "access-sandbox-00000000-0000-0000-0000-000000000000"
