"""Errors of the indicator engine. Each carries a Chinese message fit to show to the user as is."""


class IndicatorError(ValueError):
    """Bad input to the engine (period, org, indicator code, dimension): nothing was computed."""


class PeriodError(IndicatorError):
    """A period string that is not one of the accepted forms."""


class UnknownIndicator(IndicatorError):
    pass


class UnknownOrg(IndicatorError):
    pass


class OutOfScope(IndicatorError):
    """The org unit is outside the viewer's part of the tree (pages answer 404, never reveal it exists)."""


class DimensionError(IndicatorError):
    pass
