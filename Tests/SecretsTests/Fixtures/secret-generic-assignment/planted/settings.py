DEBUG = False
SECRET_KEY = "Ef3fgPDrx2#vm6vUhtBXxD3U"
