import { LinearClient } from "@linear/sdk";

const linear = new LinearClient({ apiKey: "lin_api_RYXoHx3izcTpA0iqByIuIuMPqYZv18mJ0f9k6EhB" });
