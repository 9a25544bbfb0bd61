"""How colours look to readers with colour-vision deficiency, and how far apart they are.

Pure numpy: sRGB hex colours to CIELAB (D65), the simulation matrices of Machado, Oliveira
and Fernandes (2009, "A physiologically-based model for simulation of color vision
deficiency", IEEE TVCG 15(6)) at severity 1.0 applied in linear RGB, greyscale as the
colour's own luminance, the CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, "The
CIEDE2000 color-difference formula: implementation notes, supplementary test data, and
mathematical observations") and the WCAG 2 contrast ratio. Used by the palette tests and
to report the palettes' figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

MACHADO_2009: dict[str, np.ndarray] = {
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
"""Machado et al. (2009) simulation matrices, severity 1.0, for linear RGB."""

VISIONS: tuple[str, ...] = ("normal", *MACHADO_2009, "greyscale")
"""Every simulation `simulate` knows."""

_SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def hex_to_rgb(colors: str | Sequence[str]) -> np.ndarray:
    """'#rrggbb' colour(s) as sRGB in 0-1, shape (..., 3)."""
    single = isinstance(colors, str)
    items = [colors] if single else list(colors)
    rgb = np.array([[int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] for c in items]) / 255
    return rgb[0] if single else rgb


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0-1) to linear RGB (the sRGB transfer function, IEC 61966-2-1)."""
    rgb = np.asarray(rgb, dtype="float64")
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def to_srgb(linear: np.ndarray) -> np.ndarray:
    """Linear RGB to sRGB (0-1), clipped to the gamut."""
    linear = np.clip(np.asarray(linear, dtype="float64"), 0, 1)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Relative luminance Y (0-1) of sRGB colours, as WCAG 2 defines it."""
    return to_linear(rgb) @ _SRGB_TO_XYZ[1]


def simulate(rgb: np.ndarray, vision: str) -> np.ndarray:
    """sRGB colours (0-1, shape (..., 3)) as seen with `vision` (one of `VISIONS`)."""
    if vision == "normal":
        return np.asarray(rgb, dtype="float64")
    if vision == "greyscale":
        grey = luminance(rgb)[..., None]
        return to_srgb(np.repeat(grey, 3, axis=-1))
    return to_srgb(to_linear(rgb) @ MACHADO_2009[vision].T)


def to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0-1) to CIELAB (D65 white), shape (..., 3)."""
    xyz = to_linear(rgb) @ _SRGB_TO_XYZ.T / _WHITE_D65
    eps, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > eps, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 difference between CIELAB colours (kL = kC = kH = 1), broadcasting."""
    lab1, lab2 = np.asarray(lab1, dtype="float64"), np.asarray(lab2, dtype="float64")
    l1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    l2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma_zero = (c1p * c2p) == 0

    d_l = l2 - l1
    d_c = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma_zero, 0.0, dh)
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)

    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(
        np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, h_sum / 2 + 180, h_sum / 2 - 180)
    )
    h_mean = np.where(chroma_zero, h_sum, h_mean)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


def pair_differences(colors: Sequence[str], vision: str) -> dict[tuple[int, int], float]:
    """CIEDE2000 between every pair of `colors` (hex) as seen with `vision`, by index pair."""
    lab = to_lab(simulate(hex_to_rgb(colors), vision))
    return {
        (i, j): float(ciede2000(lab[i], lab[j]))
        for i, j in itertools.combinations(range(len(colors)), 2)
    }


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1-21) of two opaque hex colours."""
    lighter, darker = sorted(
        (float(luminance(hex_to_rgb(foreground))), float(luminance(hex_to_rgb(background)))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def blend(color: str, background: str, alpha: float) -> str:
    """`color` painted with opacity `alpha` (0-1) over `background`, as sRGB hex (the way a
    browser composites, in sRGB values)."""
    mixed = alpha * hex_to_rgb(color) + (1 - alpha) * hex_to_rgb(background)
    return "#" + "".join(f"{round(v * 255):02x}" for v in mixed)
