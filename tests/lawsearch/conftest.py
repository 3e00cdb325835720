"""A small corpus in LawRefBook's format (two versions of 劳动合同法, two 民法典 parts) for fast tests."""

from pathlib import Path

import pytest

from sifa.lawsearch.corpus.tree import read_corpus
from sifa.lawsearch.retrieval.documents import searchable_docs
from sifa.lawsearch.retrieval.engine import Engine
from sifa.lawsearch.retrieval.lexical import LexicalIndex

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="session")
def small_engine():
    docs = searchable_docs(read_corpus(CORPUS))
    return Engine(docs, LexicalIndex.build(docs))


@pytest.fixture
def use_small_engine(small_engine, monkeypatch):
    """Pages and commands search the small corpus instead of the shipped national one."""
    from sifa.lawsearch.retrieval import engine

    monkeypatch.setattr(engine, "_engine", small_engine)
    return small_engine
