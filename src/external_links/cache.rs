//! The cache of link results between runs: a JSON object from URL (without
//! fragment) to `{"ok": bool, "reason": "...", "checked_at": <unix s>}`.
//! It only saves time, so anything wrong with the file (missing, unreadable,
//! not JSON, an entry of the wrong shape) costs requests, never an error.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::options::LinkStatus;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct CacheEntry {
    ok: bool,
    /// Why the link was broken; absent when it was fine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// When the URL was last fetched, in seconds since the Unix epoch.
    checked_at: u64,
}

#[derive(Debug, Default)]
pub(crate) struct LinkCache {
    entries: BTreeMap<String, CacheEntry>,
}

impl LinkCache {
    /// The cache at `path`, or an empty one if there is none to read. An
    /// entry that does not have the expected shape is skipped on its own.
    pub fn load(path: &Path) -> LinkCache {
        let Ok(text) = fs::read_to_string(path) else {
            return LinkCache::default();
        };
        let Ok(raw) = serde_json::from_str::<BTreeMap<String, serde_json::Value>>(&text) else {
            return LinkCache::default();
        };
        let entries = raw
            .into_iter()
            .filter_map(|(url, value)| Some((url, serde_json::from_value(value).ok()?)))
            .collect();
        LinkCache { entries }
    }

    /// Whether `url` was fine when last fetched, less than `ttl` before
    /// `now`. An entry dated in the future (a clock that moved back) is
    /// not trusted, nor is any entry when `ttl` is zero.
    pub fn is_fresh_ok(&self, url: &str, now: u64, ttl: Duration) -> bool {
        self.entries
            .get(url)
            .is_some_and(|entry| entry.ok && is_fresh(entry, now, ttl))
    }

    /// Remembers what a fetch of `url` found at `now`.
    pub fn record(&mut self, url: &str, status: &LinkStatus, now: u64) {
        let (ok, reason) = match status {
            LinkStatus::Ok => (true, None),
            LinkStatus::Broken(reason) => (false, Some(reason.clone())),
        };
        self.entries.insert(
            url.to_string(),
            CacheEntry {
                ok,
                reason,
                checked_at: now,
            },
        );
    }

    /// Keeps the URLs of this run, and the others only while they could
    /// still save a request (fine and fresh), so the file stays as large as
    /// the site's links and no larger.
    pub fn prune(&mut self, seen: &HashSet<&str>, now: u64, ttl: Duration) {
        self.entries.retain(|url, entry| {
            seen.contains(url.as_str()) || (entry.ok && is_fresh(entry, now, ttl))
        });
    }

    /// Writes the cache to a temporary file beside `path`, then renames it
    /// over `path`, so a reader (or a run that stops halfway) never sees
    /// half a file. Creates the folder if needed.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder {
            fs::create_dir_all(folder)?;
        }
        let file_name = path
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        // The process id keeps two runs at once from writing one file.
        let temporary_name = format!(
            ".{}.{}.tmp",
            file_name.to_string_lossy(),
            std::process::id()
        );
        let temporary = match folder {
            Some(folder) => folder.join(temporary_name),
            None => temporary_name.into(),
        };
        let json = serde_json::to_vec_pretty(&self.entries).map_err(io::Error::other)?;
        let written = fs::write(&temporary, json).and_then(|()| fs::rename(&temporary, path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written
    }
}

fn is_fresh(entry: &CacheEntry, now: u64, ttl: Duration) -> bool {
    entry.checked_at <= now && Duration::from_secs(now - entry.checked_at) < ttl
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn only_fresh_good_results_are_trusted() {
        let mut cache = LinkCache::default();
        cache.record("https://good.example/", &LinkStatus::Ok, 1_000);
        cache.record(
            "https://bad.example/",
            &LinkStatus::Broken("404 Not Found".into()),
            1_000,
        );
        assert!(cache.is_fresh_ok("https://good.example/", 1_000 + 3_600, DAY));
        assert!(!cache.is_fresh_ok("https://good.example/", 1_000 + 86_400, DAY));
        assert!(!cache.is_fresh_ok("https://good.example/", 1_000, Duration::ZERO));
        assert!(
            !cache.is_fresh_ok("https://good.example/", 999, DAY),
            "dated in the future"
        );
        assert!(!cache.is_fresh_ok("https://bad.example/", 1_000, DAY));
        assert!(!cache.is_fresh_ok("https://other.example/", 1_000, DAY));
    }

    #[test]
    fn pruning_keeps_this_run_and_what_may_still_save_a_request() {
        let mut cache = LinkCache::default();
        cache.record(
            "https://seen-bad.example/",
            &LinkStatus::Broken("gone".into()),
            10,
        );
        cache.record("https://unseen-fresh.example/", &LinkStatus::Ok, 10);
        cache.record("https://unseen-old.example/", &LinkStatus::Ok, 0);
        cache.record(
            "https://unseen-bad.example/",
            &LinkStatus::Broken("gone".into()),
            10,
        );
        let seen = HashSet::from(["https://seen-bad.example/"]);
        cache.prune(&seen, 10, Duration::from_secs(5));
        let kept: Vec<&str> = cache.entries.keys().map(String::as_str).collect();
        assert_eq!(
            kept,
            ["https://seen-bad.example/", "https://unseen-fresh.example/"]
        );
    }

    #[test]
    fn saved_and_loaded_back_without_leftovers() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested/external-links.json");
        let mut cache = LinkCache::default();
        cache.record("https://a.example/", &LinkStatus::Ok, 5);
        cache.record(
            "https://b.example/",
            &LinkStatus::Broken("410 Gone".into()),
            6,
        );
        cache.save(&path).unwrap();
        assert_eq!(LinkCache::load(&path).entries, cache.entries);
        let files: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(files.len(), 1, "no temporary file left behind");
        let json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            json["https://a.example/"],
            serde_json::json!({"ok": true, "checked_at": 5})
        );
        assert_eq!(json["https://b.example/"]["reason"], "410 Gone");
    }

    #[test]
    fn a_damaged_file_is_an_empty_cache_or_loses_only_bad_entries() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("cache.json");
        assert!(LinkCache::load(&path).entries.is_empty(), "missing");
        for garbage in ["", "{", "[1, 2]", "null", "\u{0}\u{1}binary"] {
            fs::write(&path, garbage).unwrap();
            assert!(LinkCache::load(&path).entries.is_empty(), "{garbage:?}");
        }
        fs::write(
            &path,
            r#"{"https://a.example/": {"ok": true, "checked_at": 1},
                "https://b.example/": {"ok": "yes"}, "https://c.example/": 7}"#,
        )
        .unwrap();
        let loaded = LinkCache::load(&path);
        assert_eq!(
            loaded.entries.keys().collect::<Vec<_>>(),
            ["https://a.example/"]
        );
    }
}
