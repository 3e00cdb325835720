"""The indicator registry and engine. Business lines declare their indicators with the classes below in their own
`indicators.py`; reports, dashboards and the CLI evaluate them through `sifa.indicators.engine`."""

from .combined import Total
from .declarations import Count, Distinct, Divisions, PerPopulation, Ratio, Stock, Sum
from .dimensions import ChoiceDimension, RelatedDimension
from .registry import register

__all__ = ["ChoiceDimension", "RelatedDimension", "Count", "Distinct", "Divisions", "PerPopulation", "Ratio", "Stock", "Sum", "Total",
           "register"]
