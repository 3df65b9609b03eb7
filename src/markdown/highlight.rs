//! Code highlighting with syntect: HTML with CSS classes (no inline styles),
//! which the theme's code stylesheet (`theme::code_style`) styles.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::core::text::escape_attr;

/// How highlighted code is marked: `hl-` classes, styled by the theme's
/// code stylesheet.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A fenced code block as `<pre>` HTML; unknown languages are escaped only.
pub fn code_block(lang: &str, code: &str) -> String {
    let lang_attr = escape_attr(lang);
    let syntax = (!lang.is_empty())
        .then(|| syntaxes().find_syntax_by_token(lang))
        .flatten();
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\"><code>{}</code></pre>\n",
            escape_text(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                escape_text(code)
            );
        }
    }
    format!(
        "<pre class=\"code\" data-lang=\"{lang_attr}\"><code>{}</code></pre>\n",
        generator.finalize()
    )
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
