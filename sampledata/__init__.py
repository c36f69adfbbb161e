"""Tools that make data for trying and testing paperdesk, not part of the product's pipeline.

- :mod:`sampledata.demo` writes a sample inbox (``paperdesk demo``): colleges' submissions with
  planted problems and clean colleges, plus a manifest of what was planted.
- :mod:`sampledata.synth` renders synthetic scanned forms (grid, seal, degradations) for the
  scan reader's tests and benches.

Nothing under ``paperdesk``, ``intake``, ``extractors``, ``checks``, ``writers``, ``flows`` or
``review`` imports this package; only the CLI's ``demo`` command, the tests and the benches do.
"""
