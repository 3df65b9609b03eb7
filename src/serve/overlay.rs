//! The problem overlay of `calabash serve`: the panel listing the problems
//! of a failed rebuild over every page, as the server adds it to pages it
//! sends; live.js builds the same markup for pages already open.

use crate::core::diagnostics::Diagnostic;
use crate::core::text::escape_attr;

/// The overlay's element id, shared with live.js.
pub const OVERLAY_ID: &str = "calabash-overlay";

/// The overlay listing `problems`, the same markup live.js builds.
pub fn overlay_html(problems: &[Diagnostic]) -> String {
    let mut items = String::new();
    for problem in problems {
        let place = if problem.line == 0 {
            "whole file".to_string()
        } else {
            format!("line {}:{}", problem.line, problem.column)
        };
        let hint = problem.hint.as_deref().map_or(String::new(), |hint| {
            format!(r#"<p style="{HINT_STYLE}">Hint: {}</p>"#, escape_attr(hint))
        });
        items.push_str(&format!(
            r#"<li style="{ITEM_STYLE}"><p style="margin:0"><strong>{}</strong> ({place}): {}</p>{hint}<pre style="{PRE_STYLE}">{}</pre></li>"#,
            escape_attr(&problem.path),
            escape_attr(&problem.message),
            escape_attr(&problem.render(false)),
        ));
    }
    format!(
        r#"<section id="{OVERLAY_ID}" role="alert" aria-labelledby="{OVERLAY_ID}-title" style="{PANEL_STYLE}"><h2 id="{OVERLAY_ID}-title" style="{TITLE_STYLE}">The site could not be rebuilt</h2><p style="margin:0 0 .75rem">{NOTE}</p><ol style="margin:0;padding-left:1.5rem">{items}</ol><button type="button" data-calabash-dismiss style="{BUTTON_STYLE}">Hide</button></section>"#
    )
}

/// Kept in one place so live.js can be checked against the same words.
pub const NOTE: &str = "This page shows the last good build. Fix the problems below and save: the page updates by itself.";
const PANEL_STYLE: &str = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:80vh;overflow:auto;z-index:2147483647;box-sizing:border-box;padding:1rem 1.25rem;background:#111;color:#fff;border:3px solid #ff6b6b;border-radius:6px;font:16px/1.5 system-ui,sans-serif;text-align:left;box-shadow:0 4px 24px rgba(0,0,0,.5)";
const TITLE_STYLE: &str = "margin:0 0 .5rem;font-size:1.25rem;color:#ffb3b3";
const ITEM_STYLE: &str = "margin:0 0 1rem";
const HINT_STYLE: &str = "margin:.25rem 0 0;color:#c8f7c5";
const PRE_STYLE: &str = "margin:.5rem 0 0;padding:.5rem;overflow:auto;white-space:pre-wrap;background:#000;color:#eee;font:14px/1.4 ui-monospace,monospace";
const BUTTON_STYLE: &str = "font:inherit;padding:.25rem 1rem;background:#fff;color:#111;border:2px solid #fff;border-radius:4px;cursor:pointer";
