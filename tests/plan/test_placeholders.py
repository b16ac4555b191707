import resource
import time

import pytest
from hypothesis import given, settings, strategies as st

from generator.errors import Pos

from generator.plan.placeholders import _compiled, _plain_names, render_text

from ..conftest import examples

CONTEXT = {"year": 2023, "issuer": {"short": "Sở"}, "units": {"vp_so": "Văn phòng Sở"},
           "value": "{{ year }}"}


def render(text):
    return render_text(text, CONTEXT, None)


def test_placeholders_are_replaced():
    assert render("năm {{ year }} của {{ issuer.short }}") == ("năm 2023 của Sở", None)
    assert render("{{ units.vp_so }}") == ("Văn phòng Sở", None)


def test_text_without_placeholders_is_untouched():
    assert render("a & b < c > d {x}") == ("a & b < c > d {x}", None)


def test_a_result_is_not_evaluated_again():
    assert render("{{ value }}") == ("{{ year }}", None)


def test_unknown_names_python_internals_and_unbounded_loops_are_refused():
    assert render("{{ yea }}")[1].message.startswith("unknown placeholder name: 'yea' is undefined")
    assert render("{{ ''.__class__ }}")[1].message.startswith("placeholder not allowed")
    assert render("{% for i in range(10**9) %}x{% endfor %}")[1].message.startswith(
        "unknown placeholder name: 'range' is undefined")
    assert render("{{ 'a' * 10**8 }}")[1].message.startswith("placeholder refused")
    assert render("{{ year ")[1].message.startswith("malformed placeholder")
    assert render("{{ year | attr('__class__') }}")[1].message.startswith("malformed placeholder")


PIECES = st.sampled_from([
    "{{ year }}", "{{year}}", "{{  issuer.short }}", "{{ units.vp_so }}", "{{ value }}",
    "{{ yea }}", "{{ issuer.items }}", "{{ issuer }}", "{{ flag }}", "{{ ratio }}", "{{- year }}",
    "{{ year|upper }}", "{% if year %}x{% endif %}", "{# c #}", "{", "}", "{{{ year }}", "\r\n",
    "\n", "năm ", "Sở & <b>", " ", "{{ issuer.short }}}"])
WITH_TYPES = {**CONTEXT, "flag": True, "ratio": 1.5}


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=6).map("".join))
def test_plain_names_give_what_jinja_gives(text):
    """Whenever the plain-name shortcut answers, Jinja answers the same."""
    plain = _plain_names(text, WITH_TYPES)
    if plain is not None:
        assert plain == "".join(_compiled(text).generate(WITH_TYPES))


def test_the_plain_names_of_real_plans_need_no_jinja():
    assert _plain_names("năm {{ year }} của {{ issuer.short }}", CONTEXT) == "năm 2023 của Sở"
    assert _plain_names("{{ year - 1 }}", CONTEXT) is None


UNBOUNDED = [
    '{{ "%099999999999d" % year }}', '{{ "%*d" % (999999999, year) }}',
    '{{ "{:>99999999}".format(year) }}', '{{ "{:{}}".format(year, 99999999) }}',
    '{{ "x".center(10**9) }}', '{{ "x".ljust(999999999) }}', '{{ "x".rjust(999999999) }}',
    '{{ "x".zfill(99999999) }}', '{{ "x" * 10**8 }}', '{{ ["x"] * 10**8 }}',
    '{{ ("x" * 19999).replace("x", "x" * 19999) }}', '{{ "abc" | replace("", "x" * 19999) }}',
    '{{ ",".join("x" * 19999) }}', '{% set a = "x" * 15000 %}{{ a ~ a ~ a }}',
    '{% set a = "x" * 15000 %}{{ a + a }}', '{{ ((2 ** 64) ** 64) ** 64 }}',
    '{% for a in "x" * 19999 %}{% for b in "x" * 19999 %}{% endfor %}{% endfor %}',
]


@pytest.mark.parametrize("text", UNBOUNDED)
def test_unbounded_placeholders_are_refused_before_the_work_is_done(text):
    """Each is refused in milliseconds without allocating: under a 300 MB address-space
    limit a single one of them would raise MemoryError instead."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = 0
    with open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + 300_000_000, hard))
    try:
        start = time.perf_counter()
        out, problem = render(text)
        elapsed = time.perf_counter() - start
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert out == text
    assert problem.message.startswith("placeholder refused: it would build") or \
        problem.message == "placeholder refused: its loops would run more than 10,000 times"
    assert elapsed < 0.5


@pytest.mark.parametrize("text", [
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{% set a %}{{ year }}{% endset %}", "{% filter upper %}x{% endfilter %}",
    "{% for x in 'ab' recursive %}{{ loop(x) }}{% endfor %}"])
def test_statements_that_escape_the_bounds_are_refused(text):
    assert "is not supported in plan text" in render(text)[1].message


def test_bounded_expressions_still_work():
    assert render('{{ "%d năm" % year }} {{ "x".center(5) }} {{ "a" ~ "b" + "c" }}')[0] == \
        "2023 năm   x   abc"
    assert render("{% for c in 'ab' %}{{ c|upper }}{% endfor %}")[0] == "AB"


def test_a_mapping_or_list_printed_says_what_to_write_instead():
    assert render("của {{ issuer }}")[1].message == (
        "placeholder {{ issuer }} is a group of values, not text: write one of them, "
        "like {{ issuer.short }}")
    assert render("{{ [year] }}")[1].message.startswith("a placeholder gives a group of values")


def test_an_error_on_a_later_line_of_a_block_is_placed_on_that_line():
    where = Pos("x.yaml", 10, 5)
    assert render_text("một\nhai {{ year }}\nba {{ nam }}", CONTEXT, where)[1].pos == Pos("x.yaml", 12, 1)
    assert render_text("một\n\n{{ 'x' * 10**9 }}", CONTEXT, where)[1].pos == Pos("x.yaml", 12, 1)


ATOMS = st.sampled_from(["year", "'ab'", "19999", "10 ** 9", "('x' * 19999)", "[year]", "issuer",
                         "(['x' * 19999] * 19999)", "issuer.items()"])


def _combine(children):
    left, right = children
    return st.sampled_from([
        f"({left} * {right})", f"({left} + {right})", f"({left} ~ {right})", f"('%0{right}d' % {left})",
        f"({left}).center({right})", f"({left}).zfill({right})", f"({left}).replace('x', {right})",
        f"({left}).join({right})", f"('{{:>{{}}}}'.format({left}, {right}))", f"({left} ** {right})",
        f"('%s%s' % ({left}, {right}))", f"({left} | upper)", f"[{left}, {right}]"])


EXPRESSIONS = st.recursive(ATOMS, lambda inner: st.tuples(inner, inner).flatmap(_combine), max_leaves=6)


@settings(max_examples=examples(200), deadline=None)
@given(EXPRESSIONS, st.booleans())
def test_any_mix_of_growing_operations_is_bounded(expression, looped):
    """Whatever the mix, the answer (text or one problem) comes at once and small."""
    text = (f"{{% for a in {expression} %}}{{% for b in {expression} %}}{{{{ b }}}}{{% endfor %}}"
            f"{{% endfor %}}" if looped else f"{{{{ {expression} }}}}")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + 300_000_000, hard))
    try:
        start = time.perf_counter()
        out, problem = render_text(text, {**CONTEXT, "issuer": {"short": "Sở"}}, None)
        elapsed = time.perf_counter() - start
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert elapsed < 1.0
    assert (problem is None and len(out) <= 20_000) or out == text
    assert problem is None or "more memory" not in problem.message     # a bound, not the fallback


@pytest.mark.parametrize("text", [
    '{% set a = "x" * 19999 %}{{ "%s" % ([a] * 19999,) }}',
    '{% set a = "x" * 19999 %}{{ "" ~ ([a] * 19999) }}',
    '{% set a = "x" * 19999 %}{{ ([a] * 19999) | upper }}',
    '{% set a = "x" * 19999 %}{{ "{}".format([a] * 19999) }}',
    '{{ issuer.items() }}', '{{ "%s" % issuer }}'])
def test_a_group_of_values_is_never_turned_into_text(text):
    """Python's printed form of a list is neither plan text nor measured by any bound: 19,999
    copies of a 19,999-character text would print as 400 million characters."""
    out, problem = render(text)
    assert out == text and "group of values, not text" in problem.message


def test_widths_are_read_in_conversions_only():
    assert render('{{ "ĐT 0296123456789 năm %d" % year }}') == ("ĐT 0296123456789 năm 2023", None)
    assert render('{{ "ĐT 0296123456789 {}".format(year) }}') == ("ĐT 0296123456789 2023", None)
    assert render('{{ "%(short)s" % issuer }}') == ("Sở", None)
