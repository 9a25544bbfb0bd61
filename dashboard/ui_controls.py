"""Widgets built from `hubmap.controls.PARAMS`: the range, step, choices, label and
session-state key of each come from the parameter's one definition, which the URL codec
uses too. The sidebar decides where each goes and how its values read (`format_func`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from hubmap.controls import PARAM_BY_KEY, Param


def _options(param: Param, value: object, options: list | None) -> list:
    if options is not None:
        return options
    if param.steps:
        # The steps plus the value a link asked for (in range), so it is selectable.
        return sorted({*param.steps, int(value)})
    return list(param.choices)


def _draw(param: Param, label: str, key: str, options: list | None, **kwargs: Any) -> object:
    kwargs.setdefault("help", param.help)
    widget = param.widget
    if widget == "slider":
        return st.slider(label, param.min, param.max, step=param.step, key=key, **kwargs)
    if widget == "select_slider":
        choices = _options(param, st.session_state[key], options)
        return st.select_slider(label, choices, key=key, **kwargs)
    if widget in ("radio", "selectbox", "multiselect"):
        draw = getattr(st, widget)
        return draw(label, _options(param, None, options), key=key, **kwargs)
    if widget in ("toggle", "checkbox"):
        return getattr(st, widget)(label, key=key, **kwargs)
    if widget == "text_input":
        return st.text_input(label, key=key, max_chars=param.max_chars, **kwargs)
    raise ValueError(f"parameter {param.key!r} has no widget")


def control(key: str, options: list | None = None, **kwargs: Any) -> None:
    """The widget(s) of parameter `key`, keyed in session state. `options` replaces the
    choices of a parameter whose values are known only at run time (state codes);
    other keyword arguments go to the Streamlit widget."""
    param = PARAM_BY_KEY[key]
    labels = param.label if isinstance(param.label, tuple) else (param.label,)
    if len(param.state_keys) == 1:
        _draw(param, labels[0], param.state_keys[0], options, **kwargs)
        return
    for label, state_key in zip(labels, param.state_keys, strict=True):
        _draw(param, label, state_key, options, **kwargs)


def toggle(key: str, label: str, **kwargs: Any) -> bool:
    """The on/off toggle of optional parameter `key`; True while it is on."""
    return st.toggle(label, key=PARAM_BY_KEY[key].toggle_key, **kwargs)
