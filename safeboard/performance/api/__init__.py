"""The performance dataset in the API: the catalogue with the partnership's choices, the
figures with their provenance and history, the population, and the analytics the pages show.

Every member of the partnership reads it, as they read the pages; the analytics come from
the same `presenters.analyse` the indicator page and the annual report use.
"""

from .analytics import (
    AnalysisOutput,
    AnalyticsListApi,
    BasisOutput,
    ChangeOutput,
    CommentaryOutput,
    ComparisonOutput,
    IndicatorAnalyticsApi,
    PointOutput,
    RagOutput,
    TotalOutput,
    TrendOutput,
)
from .catalogue import (
    INDICATOR_COLUMNS,
    ChoiceOutput,
    IndicatorDetailApi,
    IndicatorListApi,
    IndicatorOutput,
)
from .disagreements import DisagreementListApi, DisagreementOutput
from .figures import (
    OBSERVATION_COLUMNS,
    TOTALS_ONLY,
    YEAR_HELP,
    HistoryOutput,
    ObservationDetailApi,
    ObservationDetailOutput,
    ObservationListApi,
    ObservationOutput,
)
from .population import PopulationListApi, PopulationOutput

__all__ = [
    "ChoiceOutput",
    "INDICATOR_COLUMNS",
    "IndicatorDetailApi",
    "IndicatorListApi",
    "IndicatorOutput",
    "HistoryOutput",
    "OBSERVATION_COLUMNS",
    "ObservationDetailApi",
    "ObservationDetailOutput",
    "ObservationListApi",
    "ObservationOutput",
    "TOTALS_ONLY",
    "YEAR_HELP",
    "PopulationListApi",
    "PopulationOutput",
    "AnalysisOutput",
    "AnalyticsListApi",
    "BasisOutput",
    "ChangeOutput",
    "CommentaryOutput",
    "ComparisonOutput",
    "IndicatorAnalyticsApi",
    "PointOutput",
    "RagOutput",
    "TotalOutput",
    "TrendOutput",
    "DisagreementListApi",
    "DisagreementOutput",
]
