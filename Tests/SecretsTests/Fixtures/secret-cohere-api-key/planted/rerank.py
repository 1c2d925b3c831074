import cohere

co = cohere.ClientV2(api_key="wsomEKq8FWI0f4lCLHrOHo2Idu3nwvpRu9BdUGwY")
