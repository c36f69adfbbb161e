#!/usr/bin/env python3
"""Score paperdesk's flags.json against the field corpus' truth.json.

    python bench/field/score.py --truth DIR/truth.json --flags OUTBOX/flags.json [--manifest DIR/manifest.json] [--json]

A flag MATCHES a planted defect when its code is the defect's code or one of its `also` codes, its college
is the defect's college, and — when the defect names a person — its student_id or its name (spaces
removed) is the defect's.

- recall          = defects matched by at least one flag (any severity) / defects
                    (reported too: defects matched by an error-severity flag)
- precision       = error flags on corpus colleges matched by some defect / error flags on corpus colleges
- explained share = the same over ALL error flags that concern the corpus: corpus colleges, flags with no
                    college (they count as unexplained unless a defect with college null explains them), and
                    flags put on a college outside the corpus whose file is corpus material (misattributed)
- strict variants of precision and explained share also require the flag's deliverable to be the one a
                    defect's note names as "(deliverable: key[,key])" (DELIVERABLE_MISSING, SEAL_MISSING), so a
                    missing-paper flag for another deliverable is not explained by a college-level defect
- trap violations = unexplained error flags on a trap's college (and person, when the trap names one) whose
                    code is one the trap lists in its note as "[CODE,…] …" (any code when none is listed)

Colleges absent from the corpus (the product reports them as having sent nothing) are ignored.
The exit status is always 0.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

WS = re.compile(r"[\s\u3000]+")


def norm_name(s) -> str:
    return WS.sub("", str(s or ""))


def norm_sid(s) -> str:
    s = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in str(s or ""))
    return WS.sub("", s)


def trap_codes(trap: dict) -> set[str]:
    m = re.match(r"^\[([A-Z_,\s]+)\]", trap.get("note", ""))
    return {c.strip() for c in m.group(1).split(",") if c.strip()} if m else set()


def matches(flag: dict, d: dict) -> bool:
    if flag.get("code") not in {d["code"], *d.get("also", [])}:
        return False
    if flag.get("college") != d.get("college"):
        return False
    if d.get("name") or d.get("student_id"):
        sid_ok = bool(d.get("student_id")) and norm_sid(flag.get("student_id")) == d["student_id"]
        name_ok = bool(d.get("name")) and norm_name(flag.get("name")) == norm_name(d["name"])
        return sid_ok or name_ok
    return True


def deliverable_hint(d: dict) -> set[str]:
    m = re.search(r"\(deliverable: ([a-z,-]+)\)", d.get("note", ""))
    return set(m.group(1).split(",")) if m else set()


def matches_strict(flag: dict, d: dict) -> bool:
    """matches(), and the flag's deliverable is the one the defect's note names (when it names one)."""
    hint = deliverable_hint(d)
    return matches(flag, d) and (not hint or flag.get("deliverable") in hint)


def _person_match(flag: dict, name) -> bool:
    return name is None or norm_name(flag.get("name")) == norm_name(name)


def _file_college(flag: dict, manifest: dict | None):
    if not manifest or not flag.get("file"):
        return None
    files = manifest.get("files", {})
    f = str(flag["file"]).split("!")[0].replace("\\", "/")
    if f in files:
        return files[f]
    for rel, col in files.items():
        if f.endswith("/" + rel) or f.endswith(rel):
            return col
    return None


def score(truth: dict, flags_doc: dict, manifest: dict | None = None) -> dict:
    corpus = set(truth["colleges"])
    defects = truth["defects"]
    # a flag kept from an earlier run of the same state whose problem is gone is not a claim
    flags = [f for f in flags_doc.get("flags", []) if f.get("status") != "resolved"]
    on_corpus = [f for f in flags if f.get("college") in corpus]
    no_college = [f for f in flags if f.get("college") is None]
    misattributed = [f for f in flags if f.get("college") is not None and f.get("college") not in corpus
                     and _file_college(f, manifest) in corpus]
    considered = on_corpus + no_college + misattributed

    def explained_by(f):
        return [d["id"] for d in defects if matches(f, d)]

    rows = []
    for f in considered:
        rows.append({"flag": f, "defects": explained_by(f), "strict": [d["id"] for d in defects if matches_strict(f, d)],
                     "error": f.get("severity") == "error",
                     "scope": "corpus" if f in on_corpus else ("no_college" if f in no_college else "misattributed")})

    found_any, found_err = defaultdict(list), defaultdict(list)
    for r in rows:
        for did in r["defects"]:
            found_any[did].append(r["flag"])
            if r["error"]:
                found_err[did].append(r["flag"])
    n_def = len(defects)
    recall = sum(1 for d in defects if found_any[d["id"]]) / n_def if n_def else 1.0
    recall_err = sum(1 for d in defects if found_err[d["id"]]) / n_def if n_def else 1.0
    err_corpus = [r for r in rows if r["error"] and r["scope"] == "corpus"]
    err_all = [r for r in rows if r["error"]]
    precision = (sum(1 for r in err_corpus if r["defects"]) / len(err_corpus)) if err_corpus else 1.0
    explained = (sum(1 for r in err_all if r["defects"]) / len(err_all)) if err_all else 1.0

    precision_strict = (sum(1 for r in err_corpus if r["strict"]) / len(err_corpus)) if err_corpus else 1.0
    explained_strict = (sum(1 for r in err_all if r["strict"]) / len(err_all)) if err_all else 1.0
    loose = [dict(_brief(r["flag"]), defects=r["defects"]) for r in err_all if r["defects"] and not r["strict"]]
    unexplained = [r for r in err_all if not r["defects"]]
    trap_hits = []
    for t in truth.get("traps", []):
        codes = trap_codes(t)
        for r in unexplained:
            f = r["flag"]
            if f.get("college") == t["college"] and _person_match(f, t.get("name")) and (not codes or f.get("code") in codes):
                trap_hits.append({"trap": t["id"], "trap_note": t["note"], "flag": _brief(f)})

    per_code = {}
    codes = sorted({r["flag"].get("code") for r in rows} | {d["code"] for d in defects})
    for c in codes:
        rs = [r for r in rows if r["flag"].get("code") == c]
        per_code[c] = {
            "raised": len(rs),
            "errors": sum(r["error"] for r in rs),
            "warnings": sum(not r["error"] for r in rs),
            "explained_errors": sum(1 for r in rs if r["error"] and r["defects"]),
            "unexplained_errors": sum(1 for r in rs if r["error"] and not r["defects"]),
            "defects": sum(1 for d in defects if d["code"] == c),
            "defects_found": sum(1 for d in defects if d["code"] == c and found_any[d["id"]]),
        }
    clean = {c: sum(1 for r in err_corpus if r["flag"].get("college") == c) for c in truth.get("clean_colleges", [])}
    per_college = {}
    for c in truth["colleges"]:
        per_college[c] = {
            "defects": sum(1 for d in defects if d["college"] == c),
            "found": sum(1 for d in defects if d["college"] == c and found_any[d["id"]]),
            "errors": sum(1 for r in err_corpus if r["flag"].get("college") == c),
            "unexplained_errors": sum(1 for r in err_corpus if r["flag"].get("college") == c and not r["defects"]),
            "warnings": sum(1 for r in rows if not r["error"] and r["flag"].get("college") == c),
        }
    return {
        "recall": recall, "recall_error": recall_err, "precision": precision, "explained_share": explained,
        "precision_strict": precision_strict, "explained_share_strict": explained_strict, "loose_matches": loose,
        "defects": n_def, "defects_found": sum(1 for d in defects if found_any[d["id"]]),
        "defects_found_by_error": sum(1 for d in defects if found_err[d["id"]]),
        "error_flags_corpus": len(err_corpus), "error_flags_all": len(err_all),
        "flags_considered": len(rows), "flags_ignored_other_colleges": len(flags) - len(rows),
        "clean_college_errors": clean, "per_college": per_college,
        "trap_violations": trap_hits, "trap_violation_flags": len({t["flag"]["id"] or id(t) for t in trap_hits}),
        "per_code": per_code,
        "unexplained_errors": [dict(_brief(r["flag"]), scope=r["scope"]) for r in unexplained],
        "missed_defects": [d for d in defects if not found_any[d["id"]]],
        "found_only_by_warning": [d for d in defects if found_any[d["id"]] and not found_err[d["id"]]],
    }


def _brief(f: dict) -> dict:
    return {k: f.get(k) for k in ("id", "code", "severity", "college", "deliverable", "name", "student_id", "file",
                                  "field", "expected", "found", "message")}


def report(s: dict) -> str:
    L = []
    L.append(f"recall          {s['recall']:.3f}  ({s['defects_found']}/{s['defects']} defects found; "
             f"{s['defects_found_by_error']} by an error flag)")
    L.append(f"precision       {s['precision']:.3f}  (error flags on corpus colleges: {s['error_flags_corpus']})")
    L.append(f"explained share {s['explained_share']:.3f}  (error flags concerning the corpus: {s['error_flags_all']})")
    L.append(f"strict (the flag's deliverable must be the one a defect's note names): precision "
             f"{s['precision_strict']:.3f}, explained share {s['explained_share_strict']:.3f}")
    L.append(f"trap violations {len(s['trap_violations'])} (trap × flag pairs; {s['trap_violation_flags']} distinct flags)")
    L.append("clean colleges' error flags: " + ", ".join(f"{c} {n}" for c, n in s["clean_college_errors"].items()))
    L.append("")
    L.append(f"{'code':28s} {'raised':>6s} {'err':>5s} {'warn':>5s} {'expl':>5s} {'unexpl':>6s} {'planted':>7s} {'found':>5s}")
    for c, v in s["per_code"].items():
        L.append(f"{c:28s} {v['raised']:6d} {v['errors']:5d} {v['warnings']:5d} {v['explained_errors']:5d} "
                 f"{v['unexplained_errors']:6d} {v['defects']:7d} {v['defects_found']:5d}")
    L.append("")
    L.append(f"{'college':22s} {'defects':>7s} {'found':>5s} {'errors':>6s} {'unexpl':>6s} {'warn':>5s}")
    for c, v in s["per_college"].items():
        L.append(f"{c:22s} {v['defects']:7d} {v['found']:5d} {v['errors']:6d} {v['unexplained_errors']:6d} {v['warnings']:5d}")
    L.append("")
    L.append(f"MISSED DEFECTS ({len(s['missed_defects'])})")
    for d in s["missed_defects"]:
        who = f" {d['name']} {d['student_id'] or ''}".rstrip() if d.get("name") else ""
        L.append(f"  {d['id']} {d['code']} {d['college']}{who}: {d['note']}")
    if s["found_only_by_warning"]:
        L.append(f"FOUND ONLY BY A WARNING ({len(s['found_only_by_warning'])})")
        for d in s["found_only_by_warning"]:
            L.append(f"  {d['id']} {d['code']} {d['college']} {d.get('name') or ''}: {d['note']}")
    L.append("")
    L.append(f"UNEXPLAINED ERROR FLAGS ({len(s['unexplained_errors'])})")
    for f in s["unexplained_errors"]:
        L.append(f"  [{f['code']}] {f['college']} | {f.get('name')} {f.get('student_id') or ''} | field={f.get('field')} "
                 f"expected={f.get('expected')!r} found={f.get('found')!r} | {f.get('file')} | {f.get('message')}"
                 + ("" if f["scope"] == "corpus" else f"  ({f['scope']})"))
    if s["loose_matches"]:
        L.append("")
        L.append(f"ERROR FLAGS EXPLAINED ONLY LOOSELY — same code and college, other deliverable ({len(s['loose_matches'])})")
        for f in s["loose_matches"]:
            L.append(f"  [{f['code']}] {f['college']} deliverable={f.get('deliverable')} (by {','.join(f['defects'])}) | {f.get('message')}")
    L.append("")
    L.append(f"TRAP VIOLATIONS ({len(s['trap_violations'])})")
    for t in s["trap_violations"]:
        f = t["flag"]
        L.append(f"  {t['trap']} ← [{f['code']}] {f['college']} {f.get('name') or ''}: {f.get('message')}")
    return "\n".join(L)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--flags", required=True)
    ap.add_argument("--manifest", help="DIR/manifest.json (default: beside truth.json, if present)")
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary")
    a = ap.parse_args(argv)
    truth = json.loads(Path(a.truth).read_text(encoding="utf-8"))
    flags = json.loads(Path(a.flags).read_text(encoding="utf-8"))
    mpath = Path(a.manifest) if a.manifest else Path(a.truth).with_name("manifest.json")
    manifest = json.loads(mpath.read_text(encoding="utf-8")) if mpath.exists() else None
    s = score(truth, flags, manifest)
    if a.json:
        print(json.dumps(s, ensure_ascii=False, indent=2))
    else:
        print(report(s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
