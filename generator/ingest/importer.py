"""A DOCX plan into the plan format: one pass over the body's paragraphs and tables.

The body is read in document order: letterhead, "QUYẾT ĐỊNH" and its articles, the closing
table, "KẾ HOẠCH" and its sections, "PHỤ LỤC" and one table per part. Whatever cannot be
placed is listed for review (and, for a table, kept as comment text in the YAML) rather than
dropped. The result is plain data for emit.py, with comments where a person should look. Every
text is in the plan format: its emphasis as markers, a literal ``*``, ``_`` or ``\\`` escaped
where it would read as one (plan/emphasis.py).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PlangenError
from generator.ingest import prose, tables
from generator.ingest.units import MAX_ITEM_WORDS, Ids, Units
from generator.ingest.wordfile import Para, Table, read_body
from generator.plan.emphasis import escape
from generator.plan.to_model import roman


@dataclass
class Imported:
    data: dict
    comments: dict = field(default_factory=dict)
    review: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        appendix = self.data.get("appendix") or {}
        parts = appendix.get("parts") or []
        groups = tasks = 0

        def walk(holder):
            nonlocal groups, tasks
            for entry in holder.get("tasks") or []:
                if entry.get("kind") == "group":
                    groups += 1
                    walk(entry)
                else:
                    tasks += 1
            for g in holder.get("groups") or []:
                groups += 1
                walk(g)
        for part in parts:
            walk(part)
        return {"parts": len(parts), "groups": groups, "tasks": tasks,
                "units": len(self.data.get("units") or {}), "review": len(self.review)}


class NoPlan(PlangenError):
    def __init__(self, path: Path, why: str):
        super().__init__([f"{path}: no plan found: {why}"], 1)


def import_docx(path: Path) -> Imported:
    return _Reader(path).run()


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.blocks = read_body(path)
        self.ids = Ids("-", MAX_ITEM_WORDS, "muc")
        self.units = Units()
        self.review: list[str] = []
        self.free_tables: list[str] = []
        self._plan_letterhead = False
        self.plan_attached = self.appendix_attached = None

    def run(self) -> Imported:
        blocks = self.blocks
        head = None
        decision = plan = appendix = None
        signature = recipients = None
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if prose.is_letterhead(b):
                got = prose.letterhead(b)
                if head is None:
                    head = got
                elif plan is None and decision is not None:
                    self._plan_letterhead = True
                i += 1
            elif prose.is_closing(b):
                sig, rec = prose.closing(b)
                if signature is None:
                    signature, recipients = sig, rec
                i += 1
            elif isinstance(b, Para) and b.text.strip() == "QUYẾT ĐỊNH" and decision is None and plan is None:
                decision, i = self._decision(i + 1)
            elif isinstance(b, Para) and b.text.strip() == "KẾ HOẠCH" and plan is None:
                plan, i = self._plan(i + 1, decision is not None)
            elif isinstance(b, Para) and b.text.strip() == "PHỤ LỤC" and appendix is None:
                appendix, i = self._appendix(i + 1)
            elif isinstance(b, Table):
                self._unmapped(b, 1, "not a task table")
                i += 1
            else:
                i += 1
        if plan is None:
            raise NoPlan(self.path, 'no "KẾ HOẠCH" heading followed by its title')
        if head is None:
            raise NoPlan(self.path, 'no letterhead ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" table)')
        return self._assemble(head, decision, plan, appendix, signature, recipients)

    # --- the decision -------------------------------------------------------------------
    def _title(self, i: int, sentence: bool) -> tuple[str, int]:
        lines = []
        while i < len(self.blocks) and isinstance(self.blocks[i], Para):
            p = self.blocks[i]
            text = p.text.strip()
            if not text:
                if lines:
                    break
                i += 1
                continue
            if text.startswith(("(", "Căn cứ")) or (lines and not p.bold) \
                    or (sentence and lines and text == text.upper()):
                break
            lines.append(text)
            i += 1
        return escape(prose.one_line(" ".join(lines))), i

    def _decision(self, i: int) -> tuple[dict, int]:
        title, i = self._title(i, sentence=True)
        out: dict = {"title": title}
        bases, articles, proposal, authority = [], [], None, None
        while i < len(self.blocks):
            b = self.blocks[i]
            if not isinstance(b, Para):
                break
            text = b.text.strip()
            if not text:
                i += 1
                continue
            if text.startswith("Căn cứ"):
                bases.append(prose.basis(b))
            elif text.startswith("Theo đề nghị") or text.startswith("Xét đề nghị"):
                proposal = b.marked(text, keep="i")
            elif text.rstrip(":") == "QUYẾT ĐỊNH":
                pass
            elif m := prose.ARTICLE.match(text):           # the bold "Điều N." is the layout's
                articles.append({"id": f"dieu-{m.group(1)}", "text": b.marked(m.group(2))})
            elif articles:
                articles[-1]["text"] += " " + b.marked(text)
                self.review.append(f"Điều {len(articles)}: several paragraphs joined into one")
            elif authority is None and text == text.upper():
                authority = escape(text)
            else:
                self.review.append(f"decision: paragraph not placed: {text[:60]}")
            i += 1
        if articles:
            articles[-1]["text"] = prose.strip_close(articles[-1]["text"])
        out["authority"] = authority or ""
        if bases:
            out["bases"] = bases
        if proposal:
            out["proposal"] = proposal
        out["articles"] = articles or [{"id": "dieu-1", "text": "…"}]
        if not articles:
            self.review.append("decision: no article (Điều 1.) found")
        return out, i

    # --- the plan -------------------------------------------------------------------------
    def _plan(self, i: int, with_decision: bool) -> tuple[dict, int]:
        title, i = self._title(i, sentence=False)
        out: dict = {"title": title}
        attached = None
        paras: list[Para] = []
        while i < len(self.blocks):
            b = self.blocks[i]
            if isinstance(b, Table) or (isinstance(b, Para) and b.text.strip() == "PHỤ LỤC"):
                break
            text = b.text.strip()
            if attached is None and not paras and text.startswith("(") and (
                    "kèm theo" in text.lower()):
                attached = prose.one_line(text)
            elif text:
                paras.append(b)
            i += 1
        self.plan_attached = attached
        if with_decision:
            if not self._plan_letterhead:
                out["letterhead"] = False
            out["attached"] = escape(attached) if attached is not None else ""
        sections = prose.Sections(self.ids)
        bases, preamble, body = sections.read(paras)
        last = _last_paragraph(preamble, body)
        if last is not None:
            holder, index = last
            value = holder[index]
            if isinstance(value, str):
                holder[index] = prose.strip_close(value)
            else:
                value["text"] = prose.strip_close(value["text"])
        if bases:
            out["bases"] = [prose.basis(p) for p in bases]
        if preamble:
            out["preamble"] = preamble
        out["sections"] = body
        if not body:
            self.review.append("plan: no numbered section (I., II., …) found")
        return out, i

    # --- the appendix -----------------------------------------------------------------------
    def _appendix(self, i: int) -> tuple[dict, int]:
        title, i = self._title(i, sentence=False)
        out: dict = {"title": title}
        attached = None
        parts: list[tuple[str | None, Table]] = []
        heading: str | None = None
        while i < len(self.blocks):
            b = self.blocks[i]
            if isinstance(b, Para):
                text = b.text.strip()
                if text == "KẾ HOẠCH" or text == "QUYẾT ĐỊNH" or text == "PHỤ LỤC":
                    break
                if attached is None and not parts and heading is None and text.startswith("(") \
                        and "kèm theo" in text.lower():
                    attached = prose.one_line(text)
                elif text:
                    heading = text if heading is None else f"{heading} {text}"
            elif prose.is_closing(b) or prose.is_letterhead(b):
                break
            else:
                if tables.is_task_table(b):
                    parts.append((heading, b))
                else:
                    self._unmapped(b, 1, "its first row is not a header of known columns "
                                           "(Stt, Nội dung, Cơ quan chủ trì, …)")
                heading = None
            i += 1
        self.appendix_attached = attached
        if attached:
            out["attached"] = escape(attached)
        out.update(self._parts(parts))
        return out, i

    def _unmapped(self, table: Table, row: int, why: str) -> None:
        self.review.append(f"table {table.index}, row {row}: {why}; kept as text in a comment")
        self.free_tables.append(f"table {table.index} (not imported: {why}):\n"
                                + "\n".join(tables.unmapped_text(table)))

    def _parts(self, found: list[tuple[str | None, Table]]) -> dict:
        raw_parts = []
        for heading, table in found:
            try:
                raw = tables.read_table(table)
            except tables.Unmappable as e:
                self._unmapped(table, e.row, str(e))
                continue
            raw_parts.append((heading, raw))
            self.review.extend(raw.notes)
        part_label = "none"
        for heading, _ in raw_parts:
            if heading and prose.SECTION.match(heading):
                part_label = "roman"
            elif heading and prose.ITEM.match(heading):
                part_label = "arabic"
        layouts: dict[str, list] = {}
        layout_names: list[str] = []
        for _, raw in raw_parts:
            columns = [{"field": c.field, "label": escape(c.label), "width": c.width}
                       for c in raw.columns]
            name = next((n for n, cols in layouts.items() if cols == columns), None)
            if name is None:
                name = f"tasks{len(columns)}"
                while name in layouts:
                    name += "b"
                layouts[name] = columns
            layout_names.append(name)
        numbering, numbers = _numbering(raw_parts, part_label)
        builder = tables.PartBuilder(self.units, self.ids)
        parts = []
        default = layout_names[0] if layout_names else "tasks"
        stt = 0
        for n, ((heading, raw), layout) in enumerate(zip(raw_parts, layout_names), 1):
            title = None
            if heading:
                m = (prose.SECTION if part_label == "roman" else prose.ITEM).match(heading)
                title = m.group(2) if m else heading
            part: dict = {"id": self.ids.make(title or f"phan {n}")}
            if title:
                part["title"] = escape(title)
            if layout != default:
                part["layout"] = layout
            fields = [c.field for c in raw.columns if c.field in ("stt", "stt2")]
            mapping = numbers.get("fields", {}).get(len(fields), fields)
            continues, _ = _stt_continues(raw, numbering, mapping, stt)
            if continues:
                part["stt_continues"] = True
            counter = _Counter(numbering, mapping, stt if continues else 0)
            part.update(self._holder(raw.items, builder, counter, 1, ()))
            stt = counter.stt
            parts.append(part)
        if not layouts:
            layouts = {"tasks": [{"field": "content", "label": "Nội dung", "width": 100}]}
        out = {"numbering": numbering, "layouts": {n: {"columns": c} for n, c in layouts.items()},
               "layout": default, "parts": parts}
        # the number columns are named stt/stt2 while reading; rename where "number" fits
        for name, cols in layouts.items():
            count = sum(1 for c in cols if c["field"] in ("stt", "stt2"))
            mapping = numbers.get("fields", {}).get(count)
            if mapping:
                k = 0
                for c in cols:
                    if c["field"] in ("stt", "stt2"):
                        c["field"] = mapping[k]
                        k += 1
        return out

    def _holder(self, items: list, builder, counter: "_Counter", level: int, prefix: tuple) -> dict:
        """A part's or group's ``tasks`` and ``groups``, in the order they print.

        Where tasks and sub-groups alternate (task, sub-group, task), the sub-groups are
        entries of the ``tasks`` list marked ``kind: group``, so the list prints, and numbers,
        in the order of the rows (docs/plan-format.md); otherwise each kind has its list.
        """
        out: dict = {}
        n_tasks = n_groups = 0
        keys = ["groups" if isinstance(i, tables.RawGroup) else "tasks" for i in items]
        mixed = sum(1 for a, b in zip(keys, keys[1:]) if a != b) > 1
        for key, item in zip(keys, items):
            if key == "tasks":
                n_tasks += 1
                data = builder.task(item, counter.fields)
                data.update(counter.task(item, n_tasks, n_groups + n_tasks, prefix))
            else:
                n_groups += 1
                computed = counter.group(n_groups + n_tasks if counter.outline else n_groups, level)
                data = {"id": self.ids.make(item.title)}
                if mixed:
                    data["kind"] = "group"
                    key = "tasks"
                data["title"] = item.marked or escape(item.title)
                if item.number != computed:
                    data["number"] = escape(item.number)
                inner = prefix + (item.number,) if item.number.isdigit() else prefix
                data.update(self._holder(item.items, builder, counter, level + 1, inner))
            out.setdefault(key, []).append(data)
        return out

    # --- the whole --------------------------------------------------------------------------
    def _assemble(self, head, decision, plan, appendix, signature, recipients) -> Imported:
        full = prose.attached_issuer(self.plan_attached) or prose.attached_issuer(self.appendix_attached)
        issuer = prose.issuer(head, full)
        number = head["number"]
        date = head["date"]
        if date is None:
            self.review.append('letterhead: no "<place>, ngày … tháng … năm …" line; date set to 2000-01-01')
            date = "2000-01-01"
        data: dict = {"year": int(date[:4]), "issuer": _escaped(issuer)}
        document = {"number": number.group(1) if number else "",
                    "type": "QĐ" if decision else (number.group(2) if number else "KH"),
                    "date": date}
        if document["type"] not in ("QĐ", "KH", "BC", "TTr", "TB", "HD", "CTr", "PA", "ĐA"):
            document["type"] = "KH"
        data["document"] = document
        data["units"] = {}
        if decision:
            data["decision"] = decision
        data["plan"] = plan
        if appendix:
            data["appendix"] = appendix
        data["units"] = _escaped(self.units.table())
        if not data["units"]:
            del data["units"]
        data["signature"] = _escaped(signature or {"lines": ["CHỦ TỊCH"], "name": ""})
        if signature is None:
            self.review.append('no closing table ("Nơi nhận" | signature) found')
        if recipients:
            data["recipients"] = _escaped(recipients)
        comments: dict = {}
        if self.free_tables:
            comments[()] = "\n".join(self.free_tables)
        if self.review:
            top = comments.get(())
            note = "REVIEW (plangen import):\n" + "\n".join(f"- {r}" for r in self.review)
            comments[()] = note if top is None else f"{note}\n{top}"
        return Imported(data, comments, self.review)


def _escaped(value):
    """The texts of letterhead, signature, recipients and unit names, read as plain text
    (their looks are the layout's), escaped where they would read as emphasis."""
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return escape(value) if isinstance(value, str) else value


def _last_paragraph(preamble: list, sections: list):
    for section in reversed(sections):
        if section["paragraphs"]:
            return section["paragraphs"], len(section["paragraphs"]) - 1
    if preamble:
        return preamble, len(preamble) - 1
    return None


# --- numbering --------------------------------------------------------------------------------
class _Counter:
    """What the renderer would number, to keep only the numbers that differ (plan/to_model.py)."""

    def __init__(self, numbering: dict, fields: list[str], stt: int = 0):
        self.groups_roman = numbering["groups"] == "roman"
        self.outline = numbering["tasks"] == "outline"
        self.fields, self.stt = list(fields), stt
        self.misses = 0

    def group(self, n: int, level: int) -> str:
        return roman(n) if level == 1 and self.groups_roman else str(n)

    def task(self, raw, in_group: int, n: int, prefix: tuple) -> dict[str, str]:
        self.stt += 1
        n = n if self.outline else in_group
        computed = {"stt": str(self.stt), "stt2": str(in_group),
                    "number": ".".join(prefix + (str(n),)) if self.outline else str(n)}
        out = {}
        for name, printed in zip(self.fields, raw.numbers):
            if printed and printed != computed[name]:
                out[name] = escape(printed)
                self.misses += 1
        return out


def _misses(items, counter: _Counter, level: int, prefix: tuple) -> int:
    misses = n_tasks = n_groups = 0
    for item in items:
        if isinstance(item, tables.RawTask):
            n_tasks += 1
            counter.task(item, n_tasks, n_groups + n_tasks, prefix)
            continue
        n_groups += 1
        n = n_groups + n_tasks if counter.outline else n_groups
        if item.number != counter.group(n, level):
            misses += 1
        inner = prefix + (item.number,) if item.number.isdigit() else prefix
        misses += _misses(item.items, counter, level + 1, inner)
    return misses


def _numbering(raw_parts, part_label: str) -> tuple[dict, dict]:
    """The numbering scheme and number-column fields that leave the fewest hand-set numbers."""
    best = None
    for groups, tasks_scheme in itertools.product(("roman", "arabic"), ("flat", "outline")):
        numbering = {"parts": part_label, "groups": groups, "tasks": tasks_scheme}
        choice = {}
        total = 0
        for count in (1, 2):
            options = [["stt"], ["number"]] if count == 1 else [["stt", "stt2"], ["number", "stt2"]]
            scores = []
            for fields in options:
                misses, stt = 0, 0
                for _, raw in raw_parts:
                    ncols = sum(1 for c in raw.columns if c.field in ("stt", "stt2"))
                    if ncols != count:
                        continue
                    cont, _ = _stt_continues(raw, numbering, fields, stt)
                    counter = _Counter(numbering, fields, stt if cont else 0)
                    misses += _misses(raw.items, counter, 1, ()) + counter.misses
                    stt = counter.stt
                scores.append((misses, fields))
            misses, fields = min(scores, key=lambda s: s[0])
            choice[count] = fields
            total += misses
        if best is None or total < best[0]:
            best = (total, numbering, choice)
    _, numbering, choice = best
    return numbering, {"fields": choice}


def _stt_continues(raw, numbering: dict, fields: list[str], stt: int) -> tuple[bool, int]:
    """Whether the part's Stt goes on from the previous part's (fewer hand-set numbers)."""
    if "stt" not in fields or stt == 0:
        return False, stt
    fresh = _Counter(numbering, fields, 0)
    go_on = _Counter(numbering, fields, stt)
    a = _misses(raw.items, fresh, 1, ()) + fresh.misses
    b = _misses(raw.items, go_on, 1, ()) + go_on.misses
    return b < a, go_on.stt if b < a else fresh.stt


def import_to_file(source: Path, output: Path, parent: Path | None = None,
                   force: bool = False, ids_from: Path | None = None) -> Imported:
    """Import ``source`` and write the plan at ``output`` (atomically, checked that it builds).

    With ``ids_from``, the ids of that plan are taken over (reuse.py), for ``plangen diff``.
    With ``parent``, ingest/overrides.py turns the import into an
    overrides-only child of that plan.
    """
    from generator.ingest.emit import emit_plan
    from generator.scaffold.draft import Draft, check_target, modeline, write_new_plan

    check_target(output, force)
    imported = import_docx(source)
    data, comments = imported.data, imported.comments
    if ids_from is not None:
        from generator.ingest.reuse import reuse_ids
        from generator.scaffold.draft import load
        from generator.plan.workspace import Workspace
        reuse_ids(data, load(ids_from, Workspace()).model)
    if parent is not None:
        from generator.ingest.overrides import child_plan
        data, extra = child_plan(data, parent, output)
        comments = {**extra, **({(): comments[()]} if () in comments and () not in extra else {})}
        imported = Imported(data, comments, imported.review + [
            text.removeprefix("REVIEW: ") for text in extra.values() if text.startswith("REVIEW")])
    text = modeline(output) + "\n" + emit_plan(data, comments)
    write_new_plan(output, Draft(text, unfit=f"{source}: the imported plan does not validate "
                                             "(please report this):"), force)
    return imported
