"""The theme's text colours meet WCAG AA (4.5:1) on both backgrounds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hubmap.colorvision import blend, contrast_ratio

THEME = tomllib.loads(
    (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
)["theme"]
CAPTION_OPACITY = 0.6
"""Streamlit 1.67 draws captions (fadedText60) in the text colour at 60% opacity."""


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_and_captions_meet_wcag_aa(background: str) -> None:
    bg = THEME[background]
    caption = blend(THEME["textColor"], bg, CAPTION_OPACITY)
    assert contrast_ratio(caption, bg) >= 4.5
    assert contrast_ratio(THEME["textColor"], bg) >= 7
    assert contrast_ratio(THEME["primaryColor"], bg) >= 4.5
    assert contrast_ratio("#ffffff", THEME["primaryColor"]) >= 4.5  # button labels
