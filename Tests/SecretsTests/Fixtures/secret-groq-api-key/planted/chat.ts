import Groq from "groq-sdk";

const groq = new Groq({ apiKey: "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" });
