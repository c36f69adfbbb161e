"""The whole scan path is a pure function of the page (issue 11, item 6): orientation, grid,
seal, every cell, the lattices kept for verification and the mapping give byte-identical results
however the pages are ordered, with a fresh engine or one that read other pages first, in this
process or in a spawned worker."""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf

DPI = 150


def _pages(folder):
    from paperdesk.campaign import load_campaign

    campaign = load_campaign()
    paths = []
    for i, (form, colour, skew) in enumerate((("A5", True, 1.5), ("A4", False, -2.0), ("A5", True, 0.0))):
        college = campaign.colleges[i].name
        page = render_form(campaign, form, sample_data(campaign, form, college=college, seed=30 + i), dpi=DPI)
        scan = degrade(page, colour=colour, seal=SealSpec(college), skew_deg=skew, jpeg_quality=75, seed=i)
        paths.append(str(to_pdf([scan], folder / f"{i}-{form}.pdf")))
    return paths


def digest(path: str, engine=None) -> str:
    """Everything the reader gives for one scan, hashed (records with their confidences, doubts,
    page findings, crops and lattices)."""
    from extractors.scan.reader import read_scan
    from paperdesk.campaign import load_campaign

    result = read_scan(path, "pdf", path.rsplit("/", 1)[-1], load_campaign(), engine=engine, workers=1)
    crops = [(c.page, c.field, c.row, c.bbox, c.image.tobytes(),
              None if c.lattice is None else (c.lattice.chars, c.lattice.probs.tobytes(), c.lattice.rest.tobytes()))
             for c in result.crops]
    pages = [dataclasses.replace(p, seconds=0.0) for p in result.pages]  # all but the time it took
    state = (result.records, result.uncertain, pages, crops)
    return hashlib.sha256(pickle.dumps(state, protocol=4)).hexdigest()


def _in_order(paths, order):
    from extractors.scan import ocr

    engine = ocr.get_engine("rapid")
    return {paths[i]: digest(paths[i], engine) for i in order}


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return _pages(tmp_path_factory.mktemp("determinism"))


def test_the_scan_path_gives_the_same_bytes_in_any_order_and_in_a_worker(paths):
    first = _in_order(paths, [0, 1, 2])
    assert len(set(first.values())) == 3  # three different pages: the digest sees the content
    assert _in_order(paths, [1, 1, 2, 0]) == first  # another order, the same page twice, a fresh engine
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert dict(zip(paths[::-1], pool.map(digest, paths[::-1]))) == first
