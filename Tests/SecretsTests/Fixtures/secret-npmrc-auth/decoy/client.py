class Client:
    _auth = "basic_authentication_scheme"
    _password_field = "password_hash_column"
