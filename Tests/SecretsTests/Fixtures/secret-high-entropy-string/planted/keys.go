package keys

var hmacKey = []byte("/+bzHJt7M5I0tk4WWU6vXmkpTABQb6rMQV89kwKbolRP")
