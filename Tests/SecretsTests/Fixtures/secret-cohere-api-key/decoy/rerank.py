co = cohere.ClientV2(api_key=os.environ["CO_API_KEY"])
COHERE_API_KEY = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
coherence_threshold = 0.75
