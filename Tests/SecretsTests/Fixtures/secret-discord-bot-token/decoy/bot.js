const { Client } = require("discord.js");
client.login(process.env.DISCORD_TOKEN);
// MTAxxxxxxxxxxxxxxxxxxxxxxx.XXXXXX.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
