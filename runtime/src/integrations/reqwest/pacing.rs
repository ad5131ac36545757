//! [`Pacer`]: the rate-limit pacing of the retry loop, opt-in on the
//! [`Client`](super::Client) and the reqwest-middleware `RetryMiddleware`: the quota the
//! server last announced, and the wait before an attempt while it is used up.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::Url;

use crate::{RateLimit, RetryPolicy};

/// The quota a pacing loop last saw, shared by its clones: how many more requests it may
/// send before the quota resets, until when, and the name of its policy (for the log).
#[derive(Debug, Default)]
pub(super) struct Pacer {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Requests sent so far, numbered from 0: the ticket of each.
    sent: u64,
    quota: Option<Window>,
}

/// One window of a quota: `left` requests may still go before `until`, as counted from the
/// answer to request `basis`.
#[derive(Debug)]
struct Window {
    left: u64,
    until: Instant,
    basis: u64,
    policy: Option<String>,
}

/// The number of a request sent under pacing, handed back with its answer: what the answer
/// says is counted from it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ticket(u64);

impl Pacer {
    /// The longest wait remembered, about 136 years: an `Instant` cannot hold every
    /// `Duration` (the wait used is bounded by the policy anyway).
    const LONGEST: Duration = Duration::from_secs(u32::MAX as u64);

    /// Remembers the quota the answer to request `ticket` announced, if it has a count and a
    /// reset; `retry_after`, the response's own `Retry-After`, wins over an exhausted quota's
    /// reset.
    ///
    /// The server counted before the requests this client sent after `ticket` arrived, so
    /// those are taken off what it says is left; and an answer to a request older than the
    /// one the window was counted from can only lower the count, never raise it.
    pub(super) fn observe(
        &self,
        ticket: Ticket,
        quota: Option<RateLimit>,
        retry_after: Option<Duration>,
    ) {
        let Some(quota) = quota else {
            return;
        };
        let Some(remaining) = quota.remaining else {
            // A policy without a count says nothing about now.
            return;
        };
        let now = Instant::now();
        let reset = if remaining == 0 {
            retry_after.or(quota.reset)
        } else {
            quota.reset
        };
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(reset) = reset.filter(|reset| !reset.is_zero()) else {
            // Nothing to wait for: a count without a reset, or one that has reset.
            state.quota = None;
            return;
        };
        let until = now
            .checked_add(reset)
            .or_else(|| now.checked_add(Self::LONGEST))
            .unwrap_or(now);
        // The requests sent after this one, which the server had not counted yet.
        let since = state.sent.saturating_sub(ticket.0.saturating_add(1));
        let left = remaining.saturating_sub(since);
        match state.quota.as_mut() {
            Some(known) if now < known.until && ticket.0 < known.basis => {
                known.left = known.left.min(left);
            }
            _ => {
                state.quota = Some(Window {
                    left,
                    until,
                    basis: ticket.0,
                    policy: quota.policy,
                });
            }
        }
    }

    /// Before an attempt: takes one request of the quota last seen, or, if it is used up,
    /// waits until it resets — at most the policy's `max_retry_after`, and not at all if the
    /// wait would reach its deadline, `started` being when the request's first attempt was
    /// about to go. Logged at `DEBUG`.
    pub(super) async fn pace(&self, policy: &RetryPolicy, url: &Url, started: Instant) -> Ticket {
        let (wait, quota) = match self.take() {
            Ok(ticket) => return ticket,
            Err(waiting) => waiting,
        };
        let wait = wait.min(policy.retry_after_limit());
        if policy
            .time_left(started.elapsed())
            .is_some_and(|left| wait >= left)
        {
            return self.send();
        }
        #[cfg(feature = "tracing")]
        tracing::event!(
            target: crate::tracing::TARGET,
            tracing::Level::DEBUG,
            server.address = url.host_str(),
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            policy = quota.as_deref(),
            "waiting for the rate limit quota to reset",
        );
        #[cfg(not(feature = "tracing"))]
        let _ = (url, quota);
        tokio::time::sleep(wait).await;
        self.send()
    }

    /// Numbers a request sent whatever the quota says.
    fn send(&self) -> Ticket {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let ticket = Ticket(state.sent);
        state.sent = state.sent.saturating_add(1);
        ticket
    }

    /// One request of the window, numbered, if any is left or there is no window (`Ok`: send
    /// now); else the time until it resets and its policy's name. A window that has reset
    /// is forgotten.
    fn take(&self) -> Result<Ticket, (Duration, Option<String>)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = state.quota.as_mut() {
            let wait = known.until.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                state.quota = None;
            } else if known.left > 0 {
                known.left -= 1;
            } else {
                return Err((wait, known.policy.clone()));
            }
        }
        let ticket = Ticket(state.sent);
        state.sent = state.sent.saturating_add(1);
        Ok(ticket)
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderMap;

    use super::*;

    fn quota(remaining: u64) -> Option<RateLimit> {
        let mut headers = HeaderMap::new();
        let value = format!("\"default\";r={remaining};t=30");
        headers.insert("ratelimit", value.parse().unwrap());
        RateLimit::from_headers(&headers)
    }

    /// `Ok` tickets until the window is used up.
    fn sendable(pacer: &Pacer) -> usize {
        std::iter::from_fn(|| pacer.take().ok()).take(100).count()
    }

    #[test]
    fn the_count_goes_down_with_each_request_and_counts_those_in_flight() {
        let pacer = Pacer::default();
        let first = pacer.take().unwrap();
        // Four more go before the first answer arrives.
        for _ in 0..4 {
            pacer.take().unwrap();
        }
        // The first answer says 6 left: 4 of them are already on their way.
        pacer.observe(first, quota(6), None);
        assert_eq!(sendable(&pacer), 2);
        assert!(pacer.take().is_err(), "used up until the reset");
    }

    #[test]
    fn an_older_answer_only_lowers_the_count() {
        let pacer = Pacer::default();
        let older = pacer.take().unwrap();
        let newer = pacer.take().unwrap();
        pacer.observe(newer, quota(5), None);
        // Sent before `newer`, answered after it: it cannot raise the count.
        pacer.observe(older, quota(9), None);
        assert_eq!(sendable(&pacer), 5);
        let pacer = Pacer::default();
        let older = pacer.take().unwrap();
        let newer = pacer.take().unwrap();
        pacer.observe(newer, quota(5), None);
        pacer.observe(older, quota(1), None);
        assert_eq!(sendable(&pacer), 0);
    }

    #[test]
    fn a_count_without_a_reset_paces_nothing() {
        let pacer = Pacer::default();
        let ticket = pacer.take().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        pacer.observe(ticket, RateLimit::from_headers(&headers), None);
        assert_eq!(sendable(&pacer), 100);
    }
}
