"""Every read of the performance dataset, scoped to the partnerships the person belongs to.

The dataset is read in three queries whatever its size — indicators, the partnership's
choices, and its observations as plain values — and summarised in Python by `analytics`
(`series`); its records one by one in `records`, and a figure's parts by sex and by age
band in `breakdowns`.
"""

from .breakdowns import Breakdown, Part, breakdown
from .records import (
    ObservationFilters,
    import_job_get,
    indicator_choice_get,
    indicator_get,
    indicator_list,
    observation_get,
    observation_history_list,
    observation_list,
    population_list,
)
from .series import (
    COMPARATOR_ORDER,
    SUMMARY_AREAS,
    TREND_WINDOW,
    Disagreement,
    IndicatorData,
    Point,
    area_name,
    area_title,
    comparator_rank,
    dataset,
    dataset_for_report,
    indicator_data,
    series_rows,
    totals,
)

__all__ = [
    "import_job_get",
    "indicator_choice_get",
    "indicator_get",
    "indicator_list",
    "observation_get",
    "observation_history_list",
    "observation_list",
    "ObservationFilters",
    "population_list",
    "area_name",
    "area_title",
    "COMPARATOR_ORDER",
    "comparator_rank",
    "dataset",
    "dataset_for_report",
    "Disagreement",
    "indicator_data",
    "IndicatorData",
    "Point",
    "series_rows",
    "SUMMARY_AREAS",
    "totals",
    "TREND_WINDOW",
    "Breakdown",
    "breakdown",
    "Part",
]
