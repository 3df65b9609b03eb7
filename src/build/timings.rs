//! Stage timings on standard error when `CALABASH_TIMINGS` is set.

use std::io::Write as _;
use std::time::Instant;

/// Stage timings on standard error when `CALABASH_TIMINGS` is set, for
/// finding where a slow build spends its time.
pub struct Timings(bool);

impl Timings {
    pub fn from_env() -> Self {
        Timings(std::env::var_os("CALABASH_TIMINGS").is_some())
    }

    pub fn mark(&self, stage: &str, started: Instant) {
        if self.0 {
            // Resident memory where the platform tells it (Linux).
            let rss_mib = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| {
                    format!("{:>6} MiB", pages * 4096 / (1 << 20))
                });
            // Timings are for people watching; a closed stderr loses them quietly.
            let _ = writeln!(
                std::io::stderr(),
                "{:>8.3} s {rss_mib}  {stage}",
                started.elapsed().as_secs_f64()
            );
        }
    }
}
