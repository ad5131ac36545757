//! [`AttemptState`]: how far the client has got with one request.

use std::time::Duration;

use super::Decision;

/// What has happened so far to one logical request. Start from `AttemptState::default()`.
///
/// The policy reads it and never changes it: after each decision, [`record`](Self::record)
/// it and set `elapsed` from your own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
