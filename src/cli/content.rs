//! The commands for contributors and editors: `check`, `new`, `schema`,
//! `forms` and `cms`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{CheckArgs, CmsArgs, FormsArgs, NewArgs, SchemaArgs};
use crate::check::{self, CheckOptions};
use crate::core::console::{err_line, out, out_line};
use crate::external_links::LinkCheckOptions;
use crate::report::print_diagnostics;
use crate::report::{self, Format};

pub(super) fn run_new(args: &NewArgs) -> ExitCode {
    let today = crate::new::today();
    let slug = args.slug.as_deref();
    match crate::new::new_entry(&args.root, &args.collection, &args.title, slug, today) {
        Ok(created) => {
            let shown = if args.root == Path::new(".") {
                PathBuf::from(&created.relative)
            } else {
                created.path
            };
            out_line(&shown.display().to_string());
            out_line(
                "Fill in the fields marked \"Required\" (left empty), then run calabash check.",
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems.into());
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_schema(args: &SchemaArgs) -> ExitCode {
    let config = match crate::config::load(&args.root, None) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems.into());
            return ExitCode::FAILURE;
        }
    };
    // Term fields list their vocabularies' ids: a broken vocabulary would
    // make a schema that rejects good entries.
    let mut problems = Vec::new();
    let taxonomies = crate::load::taxonomy::load(&args.root, &config, &mut problems);
    if problems
        .iter()
        .any(crate::core::diagnostics::Diagnostic::is_error)
    {
        print_diagnostics(&problems.into());
        return ExitCode::FAILURE;
    }
    let schemas = crate::schema_export::site_schemas(&config, &taxonomies);
    let Some(dir) = &args.output else {
        match serde_json::to_string_pretty(&schemas) {
            Ok(text) => out_line(&text),
            Err(err) => {
                err_line(&format!("error: cannot write the schemas as JSON: {err}"));
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    };
    match crate::schema_export::write_files(dir, &schemas) {
        Ok(files) => {
            out_line(&format!(
                "Wrote {} schemas to {}",
                files.len(),
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(err) => {
            err_line(&format!(
                "error: cannot write the schemas to {}: {err}",
                dir.display()
            ));
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_forms(args: &FormsArgs) -> ExitCode {
    let config = match crate::config::load(&args.root, None) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems.into());
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        return match crate::forms::check_forms(&args.root, &config) {
            Ok(drift) if drift.is_empty() => {
                out_line("The issue forms are up to date.");
                ExitCode::SUCCESS
            }
            Ok(drift) => {
                print_diagnostics(&drift.into());
                ExitCode::FAILURE
            }
            Err(problems) => {
                print_diagnostics(&problems);
                ExitCode::FAILURE
            }
        };
    }
    match crate::forms::write_forms(&args.root, &config) {
        Ok(files) => {
            out_line(&format!(
                "Wrote {} issue forms to {}",
                files.len(),
                crate::forms::FORMS_DIR
            ));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_cms(args: &CmsArgs) -> ExitCode {
    let written = crate::config::load(&args.root, None)
        .map_err(Into::into)
        .and_then(|config| {
            let files = crate::cms::generate(&args.root, &config)?;
            let dir = match &args.output {
                Some(dir) => dir.clone(),
                None => crate::cms::default_folder(&args.root)?,
            };
            crate::cms::write_into(&dir, &files).map(|_| dir)
        });
    match written {
        Ok(dir) => {
            out_line(&format!(
                "Wrote the editor to {}: open its index.html on the site",
                dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            ExitCode::FAILURE
        }
    }
}

pub(super) fn run_check(args: &CheckArgs) -> ExitCode {
    let report = check::check(&CheckOptions {
        root: args.site.root.clone(),
        site: args.site.options(),
        external_links: args.external_links.then(|| LinkCheckOptions {
            cache: Some(args.site.root.join(".calabash").join("external-links.json")),
            ..LinkCheckOptions::default()
        }),
    });
    let problems = report.problems.sorted();
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let prefix = repository_prefix(&args.site.root);
    out(&report::format(&problems, args.format, &prefix, color));
    if args.format == Format::Human {
        out_line(&report::summary(&problems, report.entries));
    }
    if problems.iter().any(|d| d.is_error()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The site's folder as a prefix of its files' paths (`site/`), for
/// annotations, which name files from where the command runs.
fn repository_prefix(root: &std::path::Path) -> String {
    let parts: Vec<String> = root
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || root.is_absolute() {
        String::new()
    } else {
        parts.join("/") + "/"
    }
}
