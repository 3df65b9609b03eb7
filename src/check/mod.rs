//! `calabash check`: every validation a build makes (schemas, terms,
//! references, links and anchors, slugs, aliases, files named by entries,
//! templates, copies of the built-in theme older than it), without writing
//! the site; outside links too when asked.

mod external;

use std::path::PathBuf;

use crate::core::diagnostics::Diagnostics;
use crate::external_links::LinkCheckOptions;
use crate::render::checks::output_problems;
use crate::site::{self, SiteOptions};
use crate::theme::ejected::outdated_copies;

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

/// Runs every check, whatever the others find: every problem is reported
/// in one round. Never writes anything but the link cache.
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
    if site.versions.any() {
        // Only a site with translations has a use for git here.
        let (histories, _) = crate::history::read(&options.root);
        problems.extend(site::stale_translations(&site, &histories));
    }
    let now = options.site.build_time();
    let starters = crate::new::starters_at(&options.root, &site.config, now);
    problems.extend(output_problems(&options.root, &site, now, &[], &starters));
    problems.extend(outdated_copies(&options.root, &site.config.theme));
    if let Some(link_options) = &options.external_links {
        problems.extend(external::check(&site, link_options));
    }
    CheckReport {
        problems,
        entries: site.entries.len(),
    }
}
