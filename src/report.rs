//! How `calabash check` prints what it found: for people (with the source
//! line marked), as GitHub workflow annotations (shown inline on a pull
//! request), or as JSON for other tools.

use std::fmt::Write as _;

use std::io::IsTerminal;

use crate::core::console::err_line;
use crate::core::diagnostics::{Diagnostic, Diagnostics, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Each problem with its source line marked and a hint.
    #[default]
    Human,
    /// One `::error` or `::warning` workflow command per problem.
    Github,
    /// A JSON array of problems (see README: "calabash check --format json").
    Json,
}

/// Every problem in the given format. `prefix` is the site's folder as seen
/// from the repository root ("" when they are the same), which annotations
/// need because GitHub places them by the repository's paths.
pub fn format(problems: &[Diagnostic], format: Format, prefix: &str, color: bool) -> String {
    match format {
        Format::Human => problems.iter().map(|d| d.render(color) + "\n").collect(),
        Format::Github => problems
            .iter()
            .map(|d| annotation(d, prefix) + "\n")
            .collect(),
        Format::Json => json(problems) + "\n",
    }
}

/// `::error file=content/a.md,line=3,col=5,title=...::message`, escaped as
/// the workflow command syntax requires.
pub fn annotation(problem: &Diagnostic, prefix: &str) -> String {
    let command = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let file = format!(
        "{prefix}{}",
        crate::core::characters::visible(&problem.path)
    );
    let mut properties = format!("file={}", escape_property(&file));
    if problem.line > 0 {
        let _ = write!(properties, ",line={},col={}", problem.line, problem.column);
    }
    let _ = write!(properties, ",title={}", escape_property(&title(problem)));
    let mut message = problem.message.clone();
    if let Some(hint) = &problem.hint {
        let _ = write!(message, "\nhelp: {hint}");
    }
    format!("::{command} {properties}::{}", escape_data(&message))
}

/// The annotation's heading: which check found it.
fn title(problem: &Diagnostic) -> String {
    match problem.severity {
        Severity::Error => "calabash check: error".to_string(),
        Severity::Warning => "calabash check: warning".to_string(),
    }
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One problem in the JSON output. Its fields are a stable interface:
/// documented in README, only ever added to.
#[derive(serde::Serialize)]
struct JsonProblem<'a> {
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    hint: Option<&'a str>,
    label: Option<&'a str>,
}

pub fn json(problems: &[Diagnostic]) -> String {
    let records: Vec<JsonProblem> = problems
        .iter()
        .map(|d| JsonProblem {
            severity: d.severity,
            file: &d.path,
            line: d.line,
            column: d.column,
            message: &d.message,
            hint: d.hint.as_deref(),
            label: d.label.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".to_string())
}

/// `2 errors and 1 warning.`, or `No problems found in 120 entries.`
pub fn summary(problems: &[Diagnostic], entries: usize) -> String {
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let warnings = problems.len() - errors;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (errors, warnings) {
        (0, 0) => format!(
            "No problems found in {}.",
            count(entries, "entry", "entries")
        ),
        (0, w) => format!("{}; no errors.", count(w, "warning", "warnings")),
        (e, 0) => format!("{}.", count(e, "error", "errors")),
        (e, w) => format!(
            "{} and {}.",
            count(e, "error", "errors"),
            count(w, "warning", "warnings")
        ),
    }
}

/// Prints problems to standard error, in colour on a terminal.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics.clone().sorted() {
        err_line(&d.render(color));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_escape_what_the_command_syntax_reserves() {
        let text = "+++\ntitle = \"x\"\n+++\n";
        let d = Diagnostic::error("content/a,b.md", "50% done: no\nmore")
            .at(text, 4..9)
            .hint("fix it");
        assert_eq!(
            annotation(&d, "site/"),
            "::error file=site/content/a%2Cb.md,line=2,col=1,title=calabash check%3A error::50%25 done: no%0Amore%0Ahelp: fix it"
        );
    }

    #[test]
    fn whole_file_problems_have_no_line() {
        let d = Diagnostic::warning("content/a.md", "m");
        assert_eq!(
            annotation(&d, ""),
            "::warning file=content/a.md,title=calabash check%3A warning::m"
        );
    }
}
