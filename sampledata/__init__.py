"""Tools that make data for trying and testing paperdesk, not part of the product's pipeline.

- :mod:`sampledata.demo` writes a sample inbox (``paperdesk demo``): colleges' submissions with
  planted problems and clean colleges, plus a manifest of what was planted.
- :mod:`sampledata.demo2021` does the same for the 2021 campaign (优秀学生干部、优秀团员), written
  independently of the extractors; :data:`DEMOS` picks the writer by ``campaign.id``.
- :mod:`sampledata.synth` renders synthetic scanned forms (grid, seal, degradations) for the
  scan reader's tests and benches.

Nothing under ``paperdesk``, ``intake``, ``extractors``, ``checks``, ``writers``, ``flows`` or
``review`` imports this package; only the CLI's ``demo`` command, the tests and the benches do.
"""


def _lazy(module: str):
    """A ``make_demo(inbox, campaign)`` that imports ``module`` only when called."""

    def make_demo(inbox, campaign):
        import importlib

        return importlib.import_module(module).make_demo(inbox, campaign)

    make_demo.__qualname__ = f"{module}.make_demo"
    return make_demo


# campaign id → the writer of its sample inbox (``paperdesk demo``)
DEMOS = {
    "2020-class-mentors": _lazy("sampledata.demo"),
    "2021-outstanding-students": _lazy("sampledata.demo2021"),
}
