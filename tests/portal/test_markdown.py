"""The ``markdown`` template filter: analysts' Markdown rendered, then sanitised."""

from django.template import Context, Template

from casebook.portal.templatetags.portal import markdown


def test_markdown_is_rendered():
    html = markdown("Some **bold** claim with a [link](https://example.org/a).")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org/a"' in html


def test_script_tags_are_stripped():
    html = markdown("Before <script>alert('x')</script> after")
    assert "<script" not in html
    assert "alert(" not in html
    assert "Before" in html and "after" in html


def test_javascript_links_are_stripped():
    html = markdown('[click](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a>')
    assert "javascript:" not in html
    assert "click" in html and "raw" in html


def test_event_handlers_and_styles_are_stripped():
    html = markdown('<p onclick="steal()" style="color:red">text</p><img src=x onerror="steal()">')
    assert "onclick" not in html
    assert "onerror" not in html
    assert "style=" not in html


def test_filter_in_a_template_output_is_not_escaped_again():
    rendered = Template("{% load portal %}{{ text|markdown }}").render(
        Context({"text": "A *quiet* note"})
    )
    assert rendered == "<p>A <em>quiet</em> note</p>"


def test_empty_text_renders_nothing():
    assert markdown("") == ""
    assert markdown(None) == ""
