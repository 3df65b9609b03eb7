//! Times the git history pass of a build on its own, RUNS times: one `git
//! rev-parse`, the `git log` pass (two halves at once on long histories), its output read (`history::read_uncached`,
//! since `history::read` remembers the last history it read). Used by
//! `benches/git-history.sh`; prints each run's time and a line of JSON with
//! the median.
//!
//! ```text
//! cargo run --release --example history-pass -- DIR [RUNS]
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: history-pass DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7).max(1);
    let mut times = Vec::with_capacity(runs);
    let mut files = 0;
    let mut contributors = 0;
    for run in 1..=runs {
        let started = Instant::now();
        let (histories, warning) =
            calabash::history::read_uncached(&root, calabash::history::Cut::Halves);
        let seconds = started.elapsed().as_secs_f64();
        if let Some(warning) = warning {
            eprintln!("{}", warning.render(false));
            std::process::exit(1);
        }
        files = histories.len();
        contributors = histories.values().map(|h| h.contributors.len()).sum();
        eprintln!("run {run}: {seconds:.3} s");
        times.push(seconds);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"files\":{files},\"contributors\":{contributors},\"runs\":{runs},\"median_s\":{:.3},\"min_s\":{:.3},\"max_s\":{:.3}}}",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
