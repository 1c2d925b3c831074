package tokens

var cases = []struct{ name, token string }{
	{name: "bad checksum", token: "ghs_0WntOYsY5XywSGKkQYycsyvmG0v6Sw3QiAIA"},
}
