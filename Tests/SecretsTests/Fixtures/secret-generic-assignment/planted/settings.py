DEBUG = False
SECRET_KEY = "Ef3fgPDrx2#vm6vUhtBXxD3U"
STORAGE = {"accessKey": "q8Zr2LmX0vKd7PwT3n"}
admin_password = "Winter2026!Pw"
