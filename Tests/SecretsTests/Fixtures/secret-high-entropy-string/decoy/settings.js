module.exports = {
  checksum: "ac69ec7b23d2cd3158b23334ff7eb89443cac4c6b221c13519fedd51ac3f4d83",
  component: "ThisIsAVeryLongComponentNameForTests",
  icon: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
  banner: "2TLM1NpJizXiIV5Kl2Go1WzRo1FLjeq5TdI5iB89/vrVBSQ7vU5BCl9hS+RhewnvczFT8R6FV4eLuswi468aYs1RyHa6OE9tMRcMIOi62rRHzOjPF9RZnCsZaf2V0r3WFyz+y3ete3G/xo9sa1edN7vvkJwtNvyg",
  build: decode("kpMTp1Zx8dXEbIMZmZmmB7B7iarvhtFBrxQ5au2I"),
  motto: "VGhlc2UgYXJlIG5vdCB0aGUgZHJvaWRzIHlvdSBhcmUgbG9va2luZyBmb3I=",
  state: "eyJwYWdlIjogMiwgInNpemUiOiA1MH0=",
  CodeSha256: "/PgZXf/iEUHooIC1n9FgFA1i9NjIJb519HNq1HCbKRE=",
  clusterable_short_options: "46abceflmnpqrstuvwzBCDMNRW",
};
