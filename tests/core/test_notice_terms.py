"""No product module names a notice's forms, ratings or terms: they belong in templates/.

The string literals of the product's code are searched for the words of the two shipped notices
(forms, ratings, deliverables, fields peculiar to them). Docstrings and comments may still use
them as examples; what the code compares against, writes or shows comes from the campaign. The
test data tools (sampledata/) and the tests are outside the product.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("paperdesk", "intake", "extractors", "checks", "writers", "flows", "review", "mail")
#: words of the 2020 and 2021 notices (forms, ratings, deliverables, fields peculiar to them)
TERMS = re.compile(r"带班|标兵|案例|考核|审批表|获奖|新聘|征文|优秀学生干部|优秀团员|推荐汇总表|推荐类别|申请表|绩点|"
                   r"主要事迹|^[AB][1-5]$")

def _terms_in(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return sum(1 for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
               and TERMS.search(n.value))

def test_no_product_module_names_a_notice_term():
    found = Counter()
    for pkg in PRODUCT:
        for p in (ROOT / pkg).rglob("*.py"):
            n = _terms_in(p)
            if n:
                found[p.relative_to(ROOT).as_posix()] = n
    assert dict(found) == {}, f"notice terms in product code (module: count): {dict(found)} — put them in the campaign YAML"

def test_the_search_finds_a_term():
    assert TERMS.search("学生带班党员标兵") and TERMS.search("A4") and TERMS.search("平均学分绩点") and not TERMS.search("A4纸")
