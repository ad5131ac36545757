//! [`AttemptState`]: how far the client has got with one request.

use std::time::Duration;

use super::Decision;

/// What has happened so far to one logical request. Start from `AttemptState::default()`.
///
/// The policy reads it and never changes it: after each decision, [`record`](Self::record)
/// it and set `elapsed` from your own clock. `retries + auth_refreshes + 1` is the number of
/// requests sent, as [`Stop::Exhausted`](super::Stop::Exhausted) reports it.
///
/// Non-exhaustive: later versions may add counters; build it with [`new`](Self::new) (or
/// `default()`) and the `with_*` methods. The fields stay public to read and to update.
///
/// ```
/// use std::time::Duration;
/// use error_contract::AttemptState;
///
/// let state = AttemptState::new().with_retries(2).with_elapsed(Duration::from_secs(3));
/// assert_eq!((state.retries, state.auth_refreshes), (2, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct AttemptState {
    /// Retries already made (not counting the first attempt, nor a resend after a credential
    /// refresh).
    pub retries: u32,
    /// Credential refreshes already made for this request.
    pub auth_refreshes: u32,
    /// Time since the first attempt started, as the caller's clock measures it; compared with
    /// the policy's deadline.
    pub elapsed: Duration,
}

impl AttemptState {
    /// The state before the first attempt: nothing retried, nothing refreshed, no time spent.
    pub const fn new() -> Self {
        Self {
            retries: 0,
            auth_refreshes: 0,
            elapsed: Duration::ZERO,
        }
    }

    /// The same state with `retries` retries already made.
    #[must_use]
    pub const fn with_retries(self, retries: u32) -> Self {
        Self { retries, ..self }
    }

    /// The same state with `auth_refreshes` credential refreshes already made.
    #[must_use]
    pub const fn with_auth_refreshes(self, auth_refreshes: u32) -> Self {
        Self {
            auth_refreshes,
            ..self
        }
    }

    /// The same state, `elapsed` after the first attempt started.
    #[must_use]
    pub const fn with_elapsed(self, elapsed: Duration) -> Self {
        Self { elapsed, ..self }
    }

    /// Counts what `decision` lets the caller do next: a `Retry` adds a retry, a
    /// `RefreshCredentialsThenRetry` adds a refresh, anything else changes nothing. Counters
    /// saturate. `elapsed` is left to the caller.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::{AttemptState, Decision};
    ///
    /// let mut state = AttemptState::default();
    /// state.record(&Decision::Retry { after: Duration::from_secs(1) });
    /// state.record(&Decision::RefreshCredentialsThenRetry);
    /// assert_eq!((state.retries, state.auth_refreshes), (1, 1));
    /// ```
    pub fn record(&mut self, decision: &Decision) {
        match decision {
            Decision::Retry { .. } => self.retries = self.retries.saturating_add(1),
            Decision::RefreshCredentialsThenRetry => {
                self.auth_refreshes = self.auth_refreshes.saturating_add(1);
            }
            Decision::UseExisting | Decision::Stop(_) => {}
        }
    }
}
