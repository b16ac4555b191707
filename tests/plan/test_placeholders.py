from hypothesis import given, settings, strategies as st

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
    assert render("{{ 'a' * 10**8 }}")[1].message.startswith("placeholder not allowed")
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
