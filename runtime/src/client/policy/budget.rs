//! [`RetryBudget`]: a token bucket that caps retries at a share of successful requests.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One retry, in the bucket's unit (thousandths of a token), so deposits stay exact integers.
const TOKEN: u64 = 1000;

/// A retry budget shared by every request of one client, so that a struggling server sees a
/// bounded share of extra load rather than every request multiplied by `max_retries + 1`.
///
/// It is a token bucket, in the manner of Finagle's and tower's retry budgets but without a
/// clock: each retry withdraws one token, each successful response deposits
/// `retry_percent / 100` of a token, and the bucket holds at most `capacity` tokens. It starts
/// full. So a client can retry `capacity` times in a burst, and after that make
/// `retry_percent` retries per 100 successes.
///
/// The default is a capacity of 10 and 20 % (one retry per five successes), the ratio tower
/// and Finagle use by default. Transport failures that never reached the server (`NotSent`)
/// and credential refreshes cost nothing.
///
/// The bucket is lock-free (one atomic) and `Clone` shares it: clone the budget, or the
/// [`RetryPolicy`](super::RetryPolicy) that holds it, into every task of a client. Two budgets
/// are equal when they share one bucket.
///
/// ```
/// use error_contract::RetryBudget;
///
/// let budget = RetryBudget::new(2, 50);
/// let shared = budget.clone();
/// assert!(budget.withdraw());
/// assert!(shared.withdraw());
/// assert!(!budget.withdraw()); // empty, for both handles
/// budget.deposit();
/// budget.deposit(); // two successes at 50 % buy one retry
/// assert_eq!(shared.available(), 1);
/// ```
#[derive(Clone)]
pub struct RetryBudget {
    bucket: Arc<Bucket>,
}

struct Bucket {
    /// Thousandths of a token.
    balance: AtomicU64,
    capacity: u64,
    deposit: u64,
}

impl RetryBudget {
    /// A full bucket of `capacity` retries, refilled by `retry_percent` hundredths of a retry
    /// per success. `new(0, 0)` never allows a retry that costs a token.
    pub fn new(capacity: u32, retry_percent: u32) -> Self {
        let capacity = u64::from(capacity) * TOKEN;
        Self {
            bucket: Arc::new(Bucket {
                balance: AtomicU64::new(capacity),
                capacity,
                deposit: u64::from(retry_percent) * (TOKEN / 100),
            }),
        }
    }

    /// Takes one token for a retry; `false` (and nothing taken) when less than one is left.
    pub fn withdraw(&self) -> bool {
        self.bucket
            .balance
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |balance| {
                balance.checked_sub(TOKEN)
            })
            .is_ok()
    }

    /// Records a successful response: adds `retry_percent / 100` of a token, up to the
    /// capacity.
    pub fn deposit(&self) {
        let Bucket {
            balance,
            capacity,
            deposit,
        } = &*self.bucket;
        // The closure always returns `Some`, so the update cannot fail.
        let _ = balance.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
            Some(current.saturating_add(*deposit).min(*capacity))
        });
    }

    /// Whole retries the bucket can pay for now.
    pub fn available(&self) -> u32 {
        let tokens = self.bucket.balance.load(Ordering::Relaxed) / TOKEN;
        u32::try_from(tokens).unwrap_or(u32::MAX)
    }

    /// The most retries the bucket can hold.
    pub fn capacity(&self) -> u32 {
        u32::try_from(self.bucket.capacity / TOKEN).unwrap_or(u32::MAX)
    }

    /// Retries earned per 100 successful responses.
    pub fn retry_percent(&self) -> u32 {
        u32::try_from(self.bucket.deposit / (TOKEN / 100)).unwrap_or(u32::MAX)
    }
}

/// Capacity 10, 20 %: see the type's documentation.
impl Default for RetryBudget {
    fn default() -> Self {
        Self::new(10, 20)
    }
}

/// Two budgets are equal when they are handles to the same bucket.
impl PartialEq for RetryBudget {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.bucket, &other.bucket)
    }
}

impl Eq for RetryBudget {}

impl fmt::Debug for RetryBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryBudget")
            .field("available", &self.available())
            .field("capacity", &self.capacity())
            .field("retry_percent", &self.retry_percent())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::thread;

    #[test]
    fn starts_full_and_empties_one_token_per_retry() {
        let budget = RetryBudget::new(3, 20);
        assert_eq!(budget.available(), 3);
        assert!(budget.withdraw() && budget.withdraw() && budget.withdraw());
        assert!(!budget.withdraw());
        assert_eq!(budget.available(), 0);
    }

    #[test]
    fn successes_refill_a_fraction_up_to_the_capacity() {
        let budget = RetryBudget::new(2, 20);
        assert!(budget.withdraw() && budget.withdraw());
        for _ in 0..4 {
            budget.deposit();
        }
        assert!(
            !budget.withdraw(),
            "four successes at 20 % are 0.8 of a retry"
        );
        budget.deposit();
        assert!(budget.withdraw(), "the fifth success completes a token");
        for _ in 0..1000 {
            budget.deposit();
        }
        assert_eq!(budget.available(), 2, "never above the capacity");
    }

    #[test]
    fn zero_capacity_never_pays_and_large_numbers_saturate() {
        let empty = RetryBudget::new(0, 100);
        empty.deposit();
        assert!(!empty.withdraw());
        let huge = RetryBudget::new(u32::MAX, u32::MAX);
        assert_eq!(huge.capacity(), u32::MAX);
        assert_eq!(huge.retry_percent(), u32::MAX);
        assert!(huge.withdraw());
        huge.deposit();
        assert_eq!(huge.available(), u32::MAX);
    }

    #[test]
    fn clones_share_the_bucket_and_compare_by_identity() {
        let budget = RetryBudget::new(1, 0);
        let clone = budget.clone();
        assert_eq!(budget, clone);
        assert_ne!(budget, RetryBudget::new(1, 0));
        assert!(clone.withdraw());
        assert!(!budget.withdraw());
        assert_eq!(
            format!("{budget:?}"),
            "RetryBudget { available: 0, capacity: 1, retry_percent: 0 }"
        );
    }

    #[test]
    fn concurrent_withdrawals_never_overdraw() {
        let budget = RetryBudget::new(1000, 0);
        let granted: u32 = thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    let budget = budget.clone();
                    scope.spawn(move || (0..500).map(|_| u32::from(budget.withdraw())).sum::<u32>())
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join().unwrap_or(0))
                .sum()
        });
        assert_eq!(granted, 1000);
        assert_eq!(budget.available(), 0);
    }
}
