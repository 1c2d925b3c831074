const anthropic = new Anthropic({ apiKey: "sk-ant-api03-oUZmR8DxfuihSOtN_MuzAIJb-wcgzbXu3Hx4OWo9XgaP3mR2I_qXLRxWaKCHoNZkTTX1HzQN19AMvKhH06n7veJj_nq_pAA" });
