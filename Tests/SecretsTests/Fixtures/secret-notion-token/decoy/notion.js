const notion = new Client({ auth: process.env.NOTION_TOKEN }); // ntn_ followed by 46 characters
const weak = "ntn_11111111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
