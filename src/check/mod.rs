//! `calabash check`: every validation a build makes (schemas, terms,
//! references, links and anchors, slugs, aliases, files named by entries,
//! templates), without writing the site; outside links too when asked.

mod outside;

use std::path::PathBuf;

use crate::build::{self, Theme};
use crate::diagnostics::Diagnostics;
use crate::external_links::LinkCheckOptions;
use crate::render::pages;
use crate::render::plan::{self, Prepared, Renderer};
use crate::site::{self, SiteOptions};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub site: SiteOptions,
    /// Also fetch every outside address the content links to, like this.
    pub external_links: Option<LinkCheckOptions>,
}

/// What a check found: errors and warnings, and how much it looked at.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Diagnostics,
    /// Entries checked; 0 when the site could not be loaded.
    pub entries: usize,
}

/// Runs every check; never writes anything but the link cache.
pub fn check(options: &CheckOptions) -> CheckReport {
    let (site, mut problems) = match site::load_content(&options.root, &options.site) {
        Ok(loaded) => loaded,
        Err(problems) => {
            return CheckReport {
                problems,
                entries: 0,
            };
        }
    };
    problems.extend(render_everything(options, &site));
    if let Some(link_options) = &options.external_links {
        problems.extend(outside::check(&site, link_options));
    }
    CheckReport {
        problems,
        entries: site.entries.len(),
    }
}

/// Renders every page in memory: template mistakes show only when a page
/// that uses them is rendered.
fn render_everything(options: &CheckOptions, site: &site::Site) -> Diagnostics {
    let Theme { tera, origins, .. } = match build::load_theme(&options.root, site) {
        Ok(theme) => theme,
        Err(problems) => return problems,
    };
    let now = options.site.build_time();
    let renderer = Renderer::prepared(site, &tera, &origins, Prepared::new(site, now));
    let jobs = plan::plan(&renderer);
    let fence = crate::paths::Fence::new(&options.root, &[]);
    let statics = crate::validate::outputs::static_files(&options.root, &site.config.theme, &fence);
    let mut problems = build::check_plan(&renderer, &jobs, &statics, &options.root);
    let mut links = crate::render::templates::link_warnings(&options.root, &site.config);
    for warning in statics.problems.into_iter().filter(|d| !d.is_error()) {
        if !links.contains(&warning) {
            links.push(warning);
        }
    }
    if !problems.is_empty() {
        problems.extend(links);
        return Diagnostics::from(problems);
    }
    let mut found = build::render_failures(pages::render_each(&jobs, &renderer, |_, _| Ok(())));
    found.extend(links);
    found
}
