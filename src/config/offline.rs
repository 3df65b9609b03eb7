//! `[offline]` of `site.toml`: whether the site is installable and readable
//! offline (a web app manifest, a service worker, the saved and offline
//! pages). On unless a hub turns it off.

use serde::Deserialize;

use super::model::OfflineConfig;

/// `[offline]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OfflineFile {
    #[serde(default = "on")]
    enabled: bool,
    /// The name under an installed site's icon, where the title is too long.
    short_name: Option<String>,
}

fn on() -> bool {
    true
}

impl Default for OfflineFile {
    fn default() -> Self {
        OfflineFile {
            enabled: true,
            short_name: None,
        }
    }
}

/// The offline reading a hub asked for; none when it turned it off.
pub(super) fn resolve(file: OfflineFile) -> Option<OfflineConfig> {
    file.enabled.then_some(OfflineConfig {
        short_name: file.short_name,
    })
}
