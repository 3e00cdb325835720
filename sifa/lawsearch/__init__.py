"""法搜: the national law corpus (shipped inside the package), its import into Law/Article/Citation records,
article-level search for staff and the public, and the search indicators.

corpus/     reading LawRefBook Markdown, Chinese numerals, citations (no database)
retrieval/  the search engine over the shipped corpus: BM25, thesaurus, priors, semantic vectors, fusion
actions.py  import (per-law all-or-nothing, idempotent) and the search log
"""
