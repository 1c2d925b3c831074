module.exports = {
  port: 8080,
  cookieSigning: "mptqj6/UVO4fh2lzPohkcaqPgISIjhkxRcqYgqYT",
  region: "eu-west-1",
};
