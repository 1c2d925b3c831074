const { Client, GatewayIntentBits } = require("discord.js");

const client = new Client({ intents: [GatewayIntentBits.Guilds] });
client.login("MTg5NTI2NDI4NTc0NjU4MTg2MA.W_o6_m.R7j_g78eJjDc0WvBlSyv7St9KHsV4yco6DHUtA");
