"""find_seal and read_ring_text are pure functions of the page: a seal whose circle runs past the
image edge gives the same finding and the same ring strip however often and in whatever order it
is read, in this process or in a fresh worker (issue 11, item 6: ``cv2.warpPolar`` without
``WARP_FILL_OUTLIERS`` read uninitialised memory outside the image)."""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from extractors.scan.seal import find_seal, read_ring_text
from sampledata.synth import SealSpec, degrade, render_form, sample_data

DPI = 150
COLLEGE = "政法学院"


class _StripHash:
    """An OCR stand-in that 'reads' the strip as the hash of its bytes: equal text ⇔ equal strips."""

    def __call__(self, strip: np.ndarray) -> str:
        return hashlib.sha256(np.ascontiguousarray(strip).tobytes()).hexdigest()[:16]


def _edge_pages():
    """Pages whose seal circle reaches past the image edge: a scan cut through the seal on the
    right, one cut at the bottom, and a grey one cut at the left."""
    from paperdesk.campaign import load_campaign

    campaign = load_campaign()
    page = render_form(campaign, "A5", sample_data(campaign, "A5", college=COLLEGE, seed=11), dpi=DPI)
    out = []
    for colour, side, seed in ((True, "right", 1), (True, "bottom", 2), (False, "left", 3)):
        scan = degrade(page, colour=colour, seal=SealSpec(COLLEGE, over_text=False), jpeg_quality=80, seed=seed)
        (cx, cy), r = scan.seal.centre, scan.seal.radius
        img = scan.image
        if side == "right":
            img = img[:, : int(cx + 0.45 * r)]
        elif side == "bottom":
            img = img[: int(cy + 0.5 * r)]
        else:
            img = img[:, int(cx - 0.55 * r):]
        out.append(np.ascontiguousarray(img))
    return out


def _other_pages():
    """Unrelated images read in between, to leave other bytes in freed memory."""
    rng = np.random.default_rng(5)
    return [rng.integers(0, 256, (700, 500, 3), dtype=np.uint8),
            np.full((900, 640), 37, np.uint8),
            np.full((480, 480, 3), (40, 38, 205), np.uint8)]


def _read(image: np.ndarray) -> tuple:
    found = find_seal(image, DPI)
    text = read_ring_text(image, found, _StripHash()) if found.centre is not None else ""
    return found.present, found.confidence, found.bbox, found.centre, found.radius, found.method, text


def _read_all(images: list[np.ndarray]) -> list[tuple]:
    return [_read(im) for im in images]


@pytest.fixture(scope="module")
def edge_pages():
    return _edge_pages()


def test_edge_seal_findings_do_not_change_between_calls(edge_pages):
    first = _read_all(edge_pages)
    others = _other_pages()
    for order in ([2, 0, 1], [1, 2, 0], [0, 0, 2, 1, 1]):
        for i in order:
            for junk in others:  # dirty the allocator between calls
                find_seal(junk, DPI)
                np.full((1200, 1200), 255, np.uint8).fill(201)
            assert _read(edge_pages[i]) == first[i], (i, order)
        first_again = _read_all(edge_pages[::-1])[::-1]
        assert first_again == first


def test_edge_seal_findings_are_the_same_in_a_worker(edge_pages):
    here = _read_all(edge_pages)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        there = pool.submit(_read_all, edge_pages).result(timeout=240)
    assert there == here


def test_find_seal_leaves_its_input_alone(edge_pages):
    for image in edge_pages:
        before = image.copy()
        found = find_seal(image, DPI)
        read_ring_text(image, found, _StripHash())
        assert np.array_equal(image, before)
