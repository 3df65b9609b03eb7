//! The service worker's script (`/sw.js`, from `worker.js`): the same
//! code for every site, with the site's own values written in: the shell
//! it keeps on installing, the saved-pages page of each language, and a
//! version, a hash of the shell's bytes, so that an unchanged site keeps
//! an unchanged worker and a changed shell replaces the old one.

use std::hash::Hasher;

use serde_json::json;

use super::paths::SAVED_PAGE;
use crate::config::Config;

const SCRIPT: &str = include_str!("worker.js");
/// Where `worker.js` takes the site's values.
const SITE_VALUES: &str = "/*SITE*/{}";

/// The worker's text: `shell` holds the site path and bytes of each file
/// it keeps on installing.
pub fn worker_script(config: &Config, shell: &[(String, Vec<u8>)]) -> String {
    let mut hasher = fnv::FnvHasher::default();
    for (path, bytes) in shell {
        hasher.write(path.as_bytes());
        hasher.write(&(bytes.len() as u64).to_le_bytes());
        hasher.write(bytes);
    }
    let saved: serde_json::Map<String, serde_json::Value> = (config.languages.iter())
        .map(|l| {
            let prefix = if l.code == config.language {
                ""
            } else {
                l.code.as_str()
            };
            let path = match prefix {
                "" => SAVED_PAGE.to_string(),
                code => format!("/{code}{SAVED_PAGE}"),
            };
            (prefix.to_string(), json!(config.url(&path)))
        })
        .collect();
    let values = json!({
        "version": format!("{:016x}", hasher.finish()),
        "shell": shell.iter().map(|(path, _)| config.url(path)).collect::<Vec<_>>(),
        "saved": saved,
    });
    // `<` never reaches the script as such, whatever the site's paths hold.
    let values = values.to_string().replace('<', "\\u003c");
    SCRIPT.replacen(SITE_VALUES, &values, 1)
}
