"""Read-only questions about the corpus for the pages: one article with its versions and citations."""

from .models import Article, Citation, LawStatus
from .retrieval.engine import get_engine


def article_context(cite_id: str) -> dict | None:
    """The article as searched (shipped corpus), plus what the database knows once the corpus is imported:
    the other versions of the law, the article's citations (resolved or not) and the articles citing it."""
    engine = get_engine()
    row = engine.by_id.get(cite_id)
    if row is None:
        return None
    doc = engine.docs[row]
    stored = (Article.objects.select_related("law")
              .filter(law__short_name=doc.law, number=doc.number, sub_number=doc.sub_number,
                      law__status__in=[LawStatus.CURRENT, LawStatus.REPEALED])
              .order_by("-law__published").first())
    context = {"doc": doc, "stored": stored, "versions": [], "citations": [], "cited_by": []}
    if stored is None:
        return context
    for law in stored.law.versions():
        same = law.articles.filter(number=doc.number, sub_number=doc.sub_number).first()
        context["versions"].append({"law": law, "article": same, "current": law.pk == stored.law_id})
    context["citations"] = list(Citation.objects.filter(source=stored).select_related("target__law"))
    context["cited_by"] = list(Citation.objects.filter(target=stored).exclude(source=stored)
                               .select_related("source__law")[:50])
    return context
