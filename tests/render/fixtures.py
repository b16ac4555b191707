"""Plans built by hand, small but with every shape the renderer must draw.

``decision_plan`` is an An Giang-like decision with its attached plan and a two-part appendix
(groups, a span, a task of three rows, text with ``& < >`` and template-looking braces);
``standalone_plan`` is a draft department plan issued alone, without appendix.
"""
from __future__ import annotations

from generator.plan.model import (Appendix, Article, Column, Decision, Document, Group, Issuer,
                             Layout, Paragraph, Part, Plan, PlanBody, Section, Signature,
                             Span, Task)
from generator.plan.dates import DocDate
from generator.record import replace

TRICKY = "Sở A & B <c> {{ year }} {% if x %} {_{ raw }_}"

EIGHT = Layout("tasks8", (
    Column("stt", "Stt", 12), Column("stt2", "Stt2", 12), Column("content", "Nội dung", 75),
    Column("lead", "Cơ quan chủ trì", 30), Column("coordinating", "Cơ quan phối hợp", 30),
    Column("deadline", "Thời gian hoàn thành", 28), Column("result", "Kết quả thực hiện", 32),
    Column("note", "Ghi chú", 28),
))
FIVE = Layout("five", (
    Column("number", "Số thứ tự", 15), Column("content", "Nội dung công việc", 78),
    Column("result", "Kết quả công việc", 82), Column("assignee", "Phân công thực hiện", 47),
    Column("deadline", "Thời gian thực hiện", 35),
))


def task(tid: str, n: int, content, **fields) -> Task:
    cells = {"stt": (str(n),), "stt2": (str(n),), "number": (str(n),),
             "content": content if isinstance(content, tuple) else (content,)}
    cells.update({k: v if isinstance(v, tuple) else (v,) for k, v in fields.items()
                  if k not in ("span", "rows")})
    return Task(tid, cells, None, span=fields.get("span"), rows=fields.get("rows", ()))


def _appendix() -> Appendix:
    spanned = task("phan-cong", 3, "Nhiệm vụ đã phân công",
                   span=Span("lead", "note", ("Đã được phân công theo Kế hoạch số 243/KH-UBND",)))
    control = Part("kiem-soat", "1. Thực hiện các nhiệm vụ kiểm soát thủ tục hành chính", EIGHT, (
        Group("chi-dao", "I", "Công tác chỉ đạo; thể chế", 1, (
            task("kh", 1, "Kế hoạch kiểm soát thủ tục hành chính năm 2023",
                 lead="Văn phòng UBND tỉnh", coordinating="Sở, ngành, UBND cấp huyện",
                 deadline="Tháng 01/2023", result="Kế hoạch"),
            task("tricky", 2, (TRICKY, "- gạch đầu dòng thứ hai"), lead=TRICKY,
                 deadline="15/02/2023", note=()),
        )),
        Group("khac", "II", "Nhiệm vụ khác", 1, (spanned,)),
    ))
    rows = ({"result": ("Kết quả một",), "assignee": ("Văn phòng",)},
            {"result": ("Kết quả hai",)},
            {"result": ("Kết quả ba",), "assignee": ("Các sở",), "deadline": ("Quý II/2023",)})
    multi = task("nhieu-dong", 1, "Công bố thủ tục hành chính", deadline="Thường xuyên.",
                 assignee="Sở Tư pháp", rows=rows)
    table = Part("bang", None, FIVE, (Group("cong-bo", "I", "Công bố, công khai", 1, (multi,)),))
    return Appendix("Nội dung thực hiện kiểm soát thủ tục hành chính năm 2023",
                    "(Kèm theo Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của "
                    "Ủy ban nhân dân tỉnh An Giang)", (control, table))


def _plan_body(attached: str | None, bases: tuple[str, ...]) -> PlanBody:
    return PlanBody(
        title="Tổ chức hoạt động kiểm soát thủ tục hành chính năm 2023",
        attached=attached, bases=bases,
        preamble=(Paragraph("text", "Thực hiện Nghị định số 63/2010/NĐ-CP, với nội dung:"),),
        sections=(
            Section("muc-dich", "I", "MỤC ĐÍCH, YÊU CẦU", (
                Paragraph("bullet", "Tổ chức thực hiện đạt hiệu quả.", "-"),
                Paragraph("heading", "Mục đích", "1."),
                Paragraph("note", "(Chi tiết phụ lục kèm theo)"),
            )),
            Section("to-chuc", "II", "TỔ CHỨC THỰC HIỆN", (
                Paragraph("item", "Căn cứ Kế hoạch này, các sở xây dựng kế hoạch.", "1."),
                Paragraph("item", f"Giao Văn phòng theo dõi {TRICKY}, tháo gỡ.", "2."),
            )),
        ))


AN_GIANG = Issuer(None, ("ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"), "Ủy ban nhân dân tỉnh An Giang",
                  "UBND tỉnh", "UBND", "An Giang")
SIGNATURE = Signature(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Phó Chủ tịch"), "Nguyễn Thanh Bình")
RECIPIENTS = ("Như Điều 3;", "Văn phòng Chính phủ;", "Lưu: VT, TH.")


def decision_plan() -> Plan:
    document = Document("77", "QĐ", "Quyết định", "77/QĐ-UBND", DocDate(2023, 1, 18))
    decision = Decision(
        title="Về việc ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2023",
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        bases=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
               "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ."),
        proposal="Theo đề nghị của Chánh Văn phòng UBND tỉnh.",
        articles=(Article("ban-hanh", 1, "Ban hành kèm theo Quyết định này Kế hoạch."),
                  Article(None, 2, "Quyết định này có hiệu lực thi hành kể từ ngày ký."),
                  Article(None, 3, "Chánh Văn phòng chịu trách nhiệm thi hành quyết định này.")))
    attached = ("(Ban hành kèm theo Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 "
                "của Ủy ban nhân dân tỉnh An Giang)")
    return Plan("an-giang.yaml", 2023, AN_GIANG, document, decision, _plan_body(attached, ()),
                _appendix(), SIGNATURE, RECIPIENTS)


def standalone_plan() -> Plan:
    issuer = Issuer("UBND TỈNH AN GIANG", ("SỞ XÂY DỰNG",), "Sở Xây dựng", "Sở", "SXD", "An Giang")
    document = Document("", "KH", "Kế hoạch", "/KH-SXD", DocDate(2023, 2))
    bases = ("Căn cứ Quyết định số 77/QĐ-UBND ngày 18 tháng 01 năm 2023 của Ủy ban nhân dân "
             "tỉnh An Giang;",)
    signature = Signature(("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Quốc Cường")
    return Plan("so-xay-dung.yaml", 2023, issuer, document, None, _plan_body(None, bases), None,
                signature, ("VP.UBND tỉnh;", "Lưu: VT, TTHC."))


def long_plan(tasks: int = 40) -> Plan:
    """``decision_plan`` with a decision and an appendix long enough to run over pages."""
    plan = decision_plan()
    items = tuple(task(f"t{n}", n, f"Nhiệm vụ số {n}: rà soát, công bố, công khai thủ tục "
                       "hành chính thuộc thẩm quyền giải quyết", lead="Văn phòng UBND tỉnh",
                       deadline="Hàng quý", result="Báo cáo kết quả") for n in range(1, tasks + 1))
    part = Part("dai", "3. Các nhiệm vụ thường xuyên", EIGHT, items)
    appendix = replace(plan.appendix, parts=plan.appendix.parts + (part,))
    bases = tuple(f"Căn cứ Nghị định số {n}/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ "
                  "về thực hiện thủ tục hành chính trên môi trường điện tử;" for n in range(1, 25))
    decision = replace(plan.decision, bases=bases)
    return replace(plan, appendix=appendix, decision=decision)


TALL_WORDS = tuple(f"muc{n:03d}" for n in range(1, 121))


def tall_plan() -> Plan:
    """``decision_plan`` with a task whose content runs over three landscape pages (120 lines,
    each with one numbered word), then a short task."""
    plan = decision_plan()
    tall = task("dai", 1, tuple(f"Bước {word} của nhiệm vụ dài." for word in TALL_WORDS),
                lead="Văn phòng UBND tỉnh")
    short = task("ngan", 2, "Nhiệm vụ ngắn sau nhiệm vụ dài", lead="Sở Tư pháp")
    part = Part("cao", "3. Một nhiệm vụ cao hơn ba trang", EIGHT, (tall, short))
    return replace(plan, appendix=replace(plan.appendix, parts=plan.appendix.parts + (part,)))
