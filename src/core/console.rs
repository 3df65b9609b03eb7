//! What the commands print. A reader that goes away before the end
//! (`calabash search flood --json | head`) ends the output quietly: the
//! rest is not written and the command exits as it would have, instead of
//! panicking. Any other failure to write standard output is reported once
//! on standard error and makes the command fail; standard error itself is
//! written on a best-effort basis, since there is nowhere left to complain.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// The reader of standard output has gone: nothing more is written there.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// Writing standard output failed for another reason.
static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output, as it is.
pub fn out(text: &str) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) || STDOUT_FAILED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => {}
        Err(err) if err.kind() == ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        Err(err) => {
            STDOUT_FAILED.store(true, Ordering::Relaxed);
            err_line(&format!("error: cannot write to standard output: {err}"));
        }
    }
}

/// Writes `line` and a line break to standard output.
pub fn out_line(line: &str) {
    out(&format!("{line}\n"));
}

/// Writes `line` and a line break to standard error, if it can.
pub fn err_line(line: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}

/// Whether standard output could not be written for a reason other than
/// its reader going away: the command must not report success.
pub fn failed() -> bool {
    STDOUT_FAILED.load(Ordering::Relaxed)
}
