"""Who issues a plan and under which number: derived once, used by placeholders and the model."""
from __future__ import annotations

from generator.plan.dates import DocDate

DOC_TYPE_NAMES = {"QĐ": "Quyết định", "KH": "Kế hoạch", "BC": "Báo cáo", "TTr": "Tờ trình",
                  "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình",
                  "PA": "Phương án", "ĐA": "Đề án"}


def doc_type(tree: dict) -> str:
    """The issuing document's type code: a decision when the plan has one, else the plan."""
    return tree["document"].get("type") or ("QĐ" if tree.get("decision") else "KH")


def doc_code(tree: dict) -> str:
    """``77/QĐ-UBND``, ``01/KH-UBND`` (a leading zero below 10); a draft keeps it blank."""
    number = tree["document"].get("number", "")
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number}/{doc_type(tree)}-{tree['issuer']['abbr']}"


def doc_date(tree: dict) -> DocDate:
    return DocDate.parse(tree["document"]["date"])


def identity_context(tree: dict) -> dict:
    """The values placeholders may name about one plan (see docs/plan-format.md)."""
    issuer = tree["issuer"]
    name = issuer["name"]
    date = doc_date(tree)
    return {
        "year": tree["year"],
        "issuer": {"full": issuer["full"], "short": issuer.get("short", issuer["full"]),
                   "abbr": issuer["abbr"], "place": issuer["place"],
                   "parent": issuer.get("parent", ""),
                   "name": " ".join(name) if isinstance(name, list) else name},
        "document": {"number": tree["document"].get("number", ""), "code": doc_code(tree),
                     "type": DOC_TYPE_NAMES[doc_type(tree)], "date": date.long(),
                     "short_date": date.short()},
    }
