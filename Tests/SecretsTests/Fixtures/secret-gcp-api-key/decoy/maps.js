const client = new Maps({ key: "AIzaYOUR_API_KEY_GOES_HERE_xxxxxxxxxxxxxx" });
