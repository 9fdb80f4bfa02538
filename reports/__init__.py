"""Result rows → CSV / JSONL (and later HTML). Reporters see results, never the engine."""
