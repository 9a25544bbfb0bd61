"""The town table as it opens: sorted by the active colour metric, best first, with a rank."""

from __future__ import annotations

import pandas as pd

from hubmap.colors import MetricScale, metric_values

LOWER_IS_BETTER = frozenset({"afford"})
"""Metrics whose smallest value is the best (price-to-income)."""
SELECTED_MARK = "▶ "
"""Put before the selected town's name in the table."""


def ranked_table(frame: pd.DataFrame, scale: MetricScale, selected: str | None) -> pd.DataFrame:
    """`frame` sorted by `scale`'s metric (best first, towns without a value last) with a
    `rank` column (1 = best; ties share the better rank; missing values get none), and the
    selected town's name marked with `SELECTED_MARK`."""
    if scale.categories:
        order = {c: i for i, c in enumerate(scale.categories)}
        key = metric_values(frame, scale).map(order).astype("float64")
        ascending = True
    else:
        key = frame[scale.value_column or scale.column].astype("float64")
        ascending = scale.key in LOWER_IS_BETTER
    rank = key.rank(ascending=ascending, method="min").astype("Int64")
    order = key.sort_values(ascending=ascending, na_position="last", kind="stable").index
    out = frame.assign(rank=rank).loc[order]
    if selected is not None:
        chosen = out["town_id"] == selected
        out.loc[chosen, "name"] = SELECTED_MARK + out.loc[chosen, "name"].astype(str)
    return out
