"""The colour science behind the palette checks, against published figures."""

from __future__ import annotations

import numpy as np
import pytest

from hubmap.colorvision import (
    blend,
    ciede2000,
    contrast_ratio,
    hex_to_rgb,
    simulate,
    to_lab,
)

# Sharma, Wu and Dalal (2005), Table 1: (L, a, b) pairs and their CIEDE2000 difference.
SHARMA_2005 = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA_2005)
def test_ciede2000_matches_sharma_2005(lab1, lab2, expected) -> None:
    assert ciede2000(np.array(lab1), np.array(lab2)) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(np.array(lab2), np.array(lab1)) == pytest.approx(expected, abs=1e-4)


def test_lab_of_known_colours() -> None:
    lab = to_lab(hex_to_rgb(["#ffffff", "#000000", "#ff0000", "#777777"]))
    assert lab[0] == pytest.approx([100, 0, 0], abs=0.01)
    assert lab[1] == pytest.approx([0, 0, 0], abs=0.01)
    assert lab[2] == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    assert lab[3, 0] == pytest.approx(50.03, abs=0.05)


def test_simulations_keep_greys_and_merge_red_green() -> None:
    grey = hex_to_rgb("#808080")
    for vision in ("deuteranopia", "protanopia", "tritanopia", "greyscale"):
        assert simulate(grey, vision) == pytest.approx(grey, abs=0.01)
    # The classic confusion: a red and a green far apart collapse for a deuteranope.
    red_green = hex_to_rgb(["#d62728", "#2ca02c"])
    normal = to_lab(red_green)
    seen = to_lab(simulate(red_green, "deuteranopia"))
    assert ciede2000(normal[0], normal[1]) > 60
    assert ciede2000(seen[0], seen[1]) < 6
    assert simulate(hex_to_rgb("#ff0000"), "greyscale") == pytest.approx(
        [0.498] * 3, abs=0.005
    )  # luminance 0.2126 -> sRGB 127


def test_wcag_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)


def test_blend() -> None:
    assert blend("#000000", "#ffffff", 0.6) == "#666666"
