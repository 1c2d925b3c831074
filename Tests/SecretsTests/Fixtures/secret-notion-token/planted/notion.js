const { Client } = require("@notionhq/client");

const notion = new Client({ auth: "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" });
