"""Validation errors of a YAML configuration file in Chinese, each with its line and key.

``describe(path, error)`` turns a pydantic ``ValidationError`` raised on the data of ``path`` into
lines such as ``第 112 行 checks.case_max_chars：应为整数，现为 '一千五'``. The line is the
value's own (for a missing key: the mapping that lacks it; for an unknown key: the key).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

_MESSAGES = {
    "missing": "缺少这一项（必填）",
    "extra_forbidden": "不认识的键（拼写错误？或不属于这一层）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为数字（如 \"0.40\"）",
    "decimal_type": "应为数字（如 \"0.40\"）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "date_parsing": "应为日期，写作 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期，写作 YYYY-MM-DD",
    "date_type": "应为日期，写作 YYYY-MM-DD",
    "dict_type": "应为“键: 值”的映射",
    "model_type": "应为“键: 值”的映射",
    "model_attributes_type": "应为“键: 值”的映射",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
}
_BOUNDS = {"greater_than": ("gt", "大于"), "greater_than_equal": ("ge", "不小于"),
           "less_than": ("lt", "小于"), "less_than_equal": ("le", "不大于")}


def describe(path: Path, error: ValidationError) -> list[str]:
    """One Chinese line per error of ``error`` (see the module docstring)."""
    root = compose_file(path)
    out = []
    for err in error.errors():
        loc = tuple(err["loc"])
        line = line_of(root, loc)
        where = ".".join(str(x) for x in loc) or "（整个文件）"
        out.append(f"{f'第 {line} 行 ' if line else ''}{where}：{chinese(err)}")
    return out


def compose_file(path: Path):
    """The YAML node tree of ``path`` (for line numbers), None when it cannot be read."""
    try:
        return yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def line_of(node, loc: tuple) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (keys and list indices, as pydantic gives them),
    else of the key or mapping nearest to it."""
    line = None
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == str(key)), None)
            if pair is None:
                return line
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
        else:  # a validator's own step (e.g. a union's branch name): stay where we are
            continue
    return node.start_mark.line + 1 if node is not None else line


def chinese(err: dict) -> str:
    """pydantic's error ``err`` said in Chinese, with the value found."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "literal_error":
        text = f"应为以下之一：{ctx.get('expected', '')}"
    elif kind in _BOUNDS:
        name, word = _BOUNDS[kind]
        text = f"应{word} {ctx.get(name, '')}"
    elif kind == "value_error":
        text = str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
    else:
        text = _MESSAGES.get(kind, f"取值无效（{err.get('msg', '')}）")
    value = err.get("input")
    if kind not in ("missing", "extra_forbidden") and value is not None and not isinstance(value, (dict, list)):
        text += f"，现为 {value!r}"
    return text
