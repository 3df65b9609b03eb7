//! A scoped pool of worker threads pulling jobs from one queue, with a cap
//! on how many jobs of one host run at once. A worker takes the next job
//! whose host has room, going round the hosts in turn; when every host with
//! jobs left is at its cap it sleeps until a running job finishes. Nothing
//! spins, and nothing deadlocks: a host is only at its cap while one of its
//! jobs runs, and every job that ends wakes the sleepers.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

/// Runs `work` on every job, at most `workers` at a time overall and at
/// most `per_host` at a time for one `host_of(job)`. Returns each job with
/// its result, in no particular order. Zero limits are taken as one.
pub(crate) fn run_per_host<J, R>(
    jobs: Vec<J>,
    workers: usize,
    per_host: usize,
    host_of: impl Fn(&J) -> &str,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<(J, R)>
where
    J: Send,
    R: Send,
{
    let workers = workers.max(1).min(jobs.len());
    let queue = Queue::new(jobs, &host_of, per_host.max(1));
    let work = &work;
    let queue = &queue;
    thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    while let Some((host, job)) = queue.take() {
                        // Frees the host's place even if `work` panics, so
                        // the other workers are never left waiting.
                        let _slot = Slot { queue, host };
                        let result = work(&job);
                        done.push((job, result));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

struct Queue<J> {
    state: Mutex<State<J>>,
    job_finished: Condvar,
    per_host: usize,
}

struct State<J> {
    /// Hosts in the order they are offered work.
    hosts: Vec<HostJobs<J>>,
    /// Where the next search for a host with room starts.
    next_host: usize,
    /// Jobs not yet taken, over all hosts.
    waiting: usize,
}

struct HostJobs<J> {
    jobs: VecDeque<J>,
    in_flight: usize,
}

impl<J> Queue<J> {
    fn new(jobs: Vec<J>, host_of: &impl Fn(&J) -> &str, per_host: usize) -> Self {
        let mut index_of_host: HashMap<String, usize> = HashMap::new();
        let mut hosts: Vec<HostJobs<J>> = Vec::new();
        let waiting = jobs.len();
        for job in jobs {
            let index = *index_of_host
                .entry(host_of(&job).to_string())
                .or_insert_with(|| {
                    hosts.push(HostJobs {
                        jobs: VecDeque::new(),
                        in_flight: 0,
                    });
                    hosts.len() - 1
                });
            hosts[index].jobs.push_back(job);
        }
        Queue {
            state: Mutex::new(State {
                hosts,
                next_host: 0,
                waiting,
            }),
            job_finished: Condvar::new(),
            per_host,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<J>> {
        // The state is only changed under the lock in small steps that
        // cannot panic halfway, so a poisoned lock still holds sound data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next job and the index of its host, waiting while every host
    /// with jobs left is at its cap; `None` once no job is left to take.
    fn take(&self) -> Option<(usize, J)> {
        let mut state = self.lock();
        loop {
            if state.waiting == 0 {
                return None;
            }
            let count = state.hosts.len();
            let start = state.next_host;
            let found = (0..count)
                .map(|step| (start + step) % count)
                .find(|&index| {
                    let host = &state.hosts[index];
                    !host.jobs.is_empty() && host.in_flight < self.per_host
                });
            if let Some(index) = found {
                let host = &mut state.hosts[index];
                let job = host.jobs.pop_front()?;
                host.in_flight += 1;
                state.waiting -= 1;
                state.next_host = (index + 1) % count;
                return Some((index, job));
            }
            state = self
                .job_finished
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn finished(&self, host: usize) {
        let mut state = self.lock();
        state.hosts[host].in_flight -= 1;
        drop(state);
        self.job_finished.notify_all();
    }
}

/// A job's place against its host's cap, given back when dropped.
struct Slot<'a, J> {
    queue: &'a Queue<J>,
    host: usize,
}

impl<J> Drop for Slot<'_, J> {
    fn drop(&mut self) {
        self.queue.finished(self.host);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn every_job_runs_once_within_the_caps() {
        let in_flight: HashMap<&str, AtomicUsize> = ["a", "b", "c"]
            .into_iter()
            .map(|h| (h, AtomicUsize::new(0)))
            .collect();
        let most: HashMap<&str, AtomicUsize> = ["a", "b", "c"]
            .into_iter()
            .map(|h| (h, AtomicUsize::new(0)))
            .collect();
        let jobs: Vec<(usize, &str)> = (0..30).map(|i| (i, ["a", "b", "c"][i % 3])).collect();
        let done = run_per_host(
            jobs,
            8,
            2,
            |job| job.1,
            |&(number, host)| {
                let now = in_flight[host].fetch_add(1, Ordering::SeqCst) + 1;
                most[host].fetch_max(now, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(5));
                in_flight[host].fetch_sub(1, Ordering::SeqCst);
                number * 10
            },
        );
        assert!(
            done.iter()
                .all(|((number, _), result)| *result == number * 10)
        );
        let mut numbers: Vec<usize> = done.iter().map(|((number, _), _)| *number).collect();
        numbers.sort();
        assert_eq!(numbers, (0..30).collect::<Vec<_>>());
        for host in ["a", "b", "c"] {
            assert_eq!(most[host].load(Ordering::SeqCst), 2, "{host}");
        }
    }

    #[test]
    fn no_jobs_and_zero_limits_are_fine() {
        let done = run_per_host(Vec::<u8>::new(), 0, 0, |_| "h", |_| ());
        assert!(done.is_empty());
        let done = run_per_host(vec![1, 2, 3], 0, 0, |_| "h", |job| job * 2);
        assert_eq!(done.len(), 3);
    }
}
