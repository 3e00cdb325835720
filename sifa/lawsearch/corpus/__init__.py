"""The law corpus: reading LawRefBook Markdown, Chinese numerals and citations (no database here)."""
