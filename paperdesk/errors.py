"""Errors of configuration (not of input: bad input is data, see :mod:`extractors.base`)."""


class CampaignError(Exception):
    """The campaign file (or the roster it names) is missing or invalid."""
