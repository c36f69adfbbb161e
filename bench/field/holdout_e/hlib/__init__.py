"""Helpers of the hold-out corpus E generator (written from SPEC/notice/FIELD-VARIATIONS only)."""
