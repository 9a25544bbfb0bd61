"""Finding a town by what people type: "Morgantown, WV", "Bend OR", "bend", "st. george ut".

`search_index` prepares the town table once; `suggest` is the pure matching function the
search box calls on every keystroke. Case, accents and punctuation are ignored; a trailing
state or province (code or name, or the start of one) narrows the towns. Best matches first:
the name itself, then names starting with what was typed, then names with a word starting
with it; larger towns first within each.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

SUGGESTIONS = 8
"""How many suggestions the box shows."""
QUERY_MAX_CHARS = 100
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: object) -> str:
    """Lower case ASCII words separated by single spaces: "Coeur d'Alene" -> "coeur d alene"."""
    plain = str(text).casefold()
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", plain).strip()


@dataclass(frozen=True)
class SearchIndex:
    """The town table reduced to what matching needs, in population order (largest first)."""

    town_id: np.ndarray
    label: np.ndarray
    """"Morgantown, WV", what a suggestion shows."""
    name: pd.Series
    """Normalised names, as Arrow strings (vectorised prefix tests)."""
    state: np.ndarray
    """Per town, an index into `state_codes` and `state_names`."""
    state_codes: tuple[str, ...]
    """Normalised state or province codes ("wv")."""
    state_names: tuple[str, ...]
    """Normalised state or province names ("west virginia"), in the order of the codes."""


def search_index(frame: pd.DataFrame) -> SearchIndex:
    """Index `frame` (needs town_id, name, state, state_name, population)."""
    order = frame["population"].fillna(0).to_numpy().argsort(kind="stable")[::-1]
    towns = frame.iloc[order]
    labels = (towns["name"].astype(str) + ", " + towns["state"].astype(str)).to_numpy()
    states = towns[["state", "state_name"]].astype(str).drop_duplicates("state")
    position = {code: i for i, code in enumerate(states["state"])}
    return SearchIndex(
        town_id=towns["town_id"].astype(str).to_numpy(),
        label=labels,
        name=pd.Series([normalise(n) for n in towns["name"]], dtype="string[pyarrow]"),
        state=towns["state"].astype(str).map(position).to_numpy(dtype=np.int16),
        state_codes=tuple(normalise(c) for c in states["state"]),
        state_names=tuple(normalise(n) for n in states["state_name"]),
    )


def _name_tier(names: pd.Series, query: str) -> np.ndarray:
    """0 exact name, 1 name starts with `query`, 2 a later word starts with it, 3 no match."""
    exact = (names == query).to_numpy(dtype=bool, na_value=False)
    starts = names.str.startswith(query).to_numpy(dtype=bool, na_value=False)
    inner = names.str.contains(" " + query, regex=False).to_numpy(dtype=bool, na_value=False)
    return np.select([exact, starts, inner], [0, 1, 2], default=3)


def _state_match(index: SearchIndex, states: np.ndarray, typed: str) -> np.ndarray:
    """Which of `states` (indices into the index's state lists) have the code `typed`, or a
    name starting with it."""
    wanted = [
        i
        for i, (code, name) in enumerate(zip(index.state_codes, index.state_names, strict=True))
        if code == typed or name.startswith(typed)
    ]
    return np.isin(states, wanted)


def suggest(index: SearchIndex, query: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
    """Up to `limit` (label, town id) pairs for what the user typed, best first.

    Every split of the words into "name" + "state" is tried: "bend or" is Bend in Oregon (or
    a town named "Bend Or..."), "morgantown w" is Morgantown in a state starting with W.
    """
    words = normalise(query[:QUERY_MAX_CHARS]).split()
    if not words:
        return []
    # Every match has a name word starting with the first typed word: one pass over all
    # towns finds those candidates, and the splits below only look at them.
    first = _name_tier(index.name, words[0])
    candidates = np.flatnonzero(first < 3)
    names = index.name.iloc[candidates].reset_index(drop=True)
    states = index.state[candidates]
    best = np.full(len(candidates), 3)
    for cut in range(len(words), 0, -1):
        tier = first[candidates] if cut == 1 else _name_tier(names, " ".join(words[:cut]))
        typed_state = " ".join(words[cut:])
        if typed_state:
            tier = np.where(_state_match(index, states, typed_state), tier, 3)
        best = np.minimum(best, tier)
    hits = np.flatnonzero(best < 3)
    # The index is in population order, so a stable sort by tier keeps larger towns first.
    ranked = candidates[hits[np.argsort(best[hits], kind="stable")][:limit]]
    return [(str(index.label[i]), str(index.town_id[i])) for i in ranked]
