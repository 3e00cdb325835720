"""Article retrieval: lexical BM25, a semantic ranker, query rewriting and priors, fused."""
