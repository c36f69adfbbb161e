"""Form writers: the notice's attachments 1–5 (SPEC §4) built from the campaign's form definitions.

Public API:

    write_forms(campaign, outdir, college=None) -> list[Path]      blank or pre-filled, to disk
    build_table(campaign, form_id, college, header, rows) -> openpyxl.Workbook     A2/A3/A4
    build_approval_form(campaign, fields, note="") -> docx.Document               A5
    build_case(campaign, title, author, sections, images, note="") -> docx.Document  A1
    quotas(campaign, college) -> Quotas | None                     case and 标兵 quotas

Only ``write_forms`` writes files; the builders return documents (the demo generator and tests
fill them). Everything prints on A4.
"""

from writers.forms._layout import Quotas, quotas
from writers.forms.approval import build_approval_form
from writers.forms.case import build_case
from writers.forms.tables import build_table
from writers.forms.write import UnknownCollegeError, write_forms

__all__ = ["Quotas", "UnknownCollegeError", "build_approval_form", "build_case", "build_table",
           "quotas", "write_forms"]
