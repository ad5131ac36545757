//! Exponential backoff: the nominal delays, their jitter and the [`Schedule`].

use std::fmt;
use std::iter::FusedIterator;
use std::time::Duration;

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// How a backoff delay is randomised, so that clients that failed together do not all come
/// back at the same instant. `d` is the nominal delay, `random` a number in `[0, 1)`.
///
/// Non-exhaustive: later versions may add kinds of jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Jitter {
    /// `d/2 + random·d/2`: between half the nominal delay and all of it. The default: it
    /// spreads clients out and still backs off.
    #[default]
    Equal,
    /// `random·d`: anywhere between zero and the nominal delay.
    Full,
    /// `d`: exactly the nominal delay.
    None,
}

impl Jitter {
    /// Applies this jitter to `delay`. `random` is clamped into `[0, 1)` (NaN reads as 0), so
    /// the result never exceeds `delay`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::Jitter;
    ///
    /// let d = Duration::from_secs(4);
    /// assert_eq!(Jitter::Equal.apply(d, 0.5), Duration::from_secs(3));
    /// assert_eq!(Jitter::Full.apply(d, 0.5), Duration::from_secs(2));
    /// assert_eq!(Jitter::None.apply(d, 0.5), d);
    /// ```
    pub fn apply(self, delay: Duration, random: f64) -> Duration {
        let random = unit(random);
        match self {
            Self::Equal => {
                let half = delay / 2;
                half.saturating_add(fraction_of(delay.saturating_sub(half), random))
            }
            Self::Full => fraction_of(delay, random),
            Self::None => delay,
        }
    }
}

/// `base · 2^retries`, capped at `max`; saturating, so any `retries` is fine.
pub(crate) fn nominal(base: Duration, max: Duration, retries: u32) -> Duration {
    let factor = 1_u128.checked_shl(retries).unwrap_or(u128::MAX);
    let nanos = base.as_nanos().saturating_mul(factor);
    if nanos >= max.as_nanos() {
        max
    } else {
        from_nanos(nanos)
    }
}

/// `random` clamped into `[0, 1)`; NaN and negative zero read as 0.
fn unit(random: f64) -> f64 {
    /// The largest `f64` below 1.
    const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;
    if random.is_nan() || random <= 0.0 {
        0.0
    } else if random >= 1.0 {
        BELOW_ONE
    } else {
        random
    }
}

/// `fraction · delay` for a fraction in `[0, 1)`, never more than `delay`.
fn fraction_of(delay: Duration, fraction: f64) -> Duration {
    Duration::try_from_secs_f64(delay.as_secs_f64() * fraction)
        .map_or(delay, |scaled| scaled.min(delay))
}

/// A duration from nanoseconds already known to be at most `Duration::MAX`.
fn from_nanos(nanos: u128) -> Duration {
    let secs = u64::try_from(nanos / NANOS_PER_SEC).unwrap_or(u64::MAX);
    let subsec = u32::try_from(nanos % NANOS_PER_SEC).unwrap_or(0);
    Duration::new(secs, subsec)
}

/// The nominal (unjittered) delays of a policy, one per allowed retry:
/// [`RetryPolicy::schedule`](super::RetryPolicy::schedule).
///
/// `Display` lists them: the default policy's schedule prints as `1s, 2s, 4s`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    base: Duration,
    max: Duration,
    next: u32,
    end: u32,
}

impl Schedule {
    pub(crate) fn new(base: Duration, max: Duration, retries: u32) -> Self {
        Self {
            base,
            max,
            next: 0,
            end: retries,
        }
    }
}

impl Iterator for Schedule {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        if self.next >= self.end {
            return None;
        }
        let delay = nominal(self.base, self.max, self.next);
        self.next += 1;
        Some(delay)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match usize::try_from(self.end - self.next) {
            Ok(left) => (left, Some(left)),
            Err(_) => (usize::MAX, None),
        }
    }
}

impl FusedIterator for Schedule {}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, delay) in self.clone().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{delay:?}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn nominal_doubles_from_the_base_up_to_the_cap() {
        let delays: Vec<u64> = (0..8)
            .map(|retries| nominal(SECOND, Duration::from_secs(20), retries).as_secs())
            .collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 20, 20, 20]);
    }

    #[test]
    fn nominal_saturates_for_any_retry_index() {
        let cap = Duration::from_secs(20);
        for retries in [63, 64, 65, 127, 128, 1000, u32::MAX] {
            assert_eq!(nominal(SECOND, cap, retries), cap, "retries {retries}");
            assert_eq!(
                nominal(Duration::MAX, Duration::MAX, retries),
                Duration::MAX
            );
            assert_eq!(nominal(Duration::ZERO, cap, retries), Duration::ZERO);
        }
        // With no practical cap: 1 ns doubled 100 times is past Duration::MAX, 60 times is not.
        assert_eq!(
            nominal(Duration::from_nanos(1), Duration::MAX, 100),
            Duration::MAX
        );
        assert_eq!(
            nominal(Duration::from_nanos(1), Duration::MAX, 60),
            Duration::from_nanos(1 << 60)
        );
    }

    #[test]
    fn nominal_keeps_sub_second_precision() {
        let base = Duration::from_millis(150);
        assert_eq!(
            nominal(base, Duration::from_secs(20), 3),
            Duration::from_millis(1200)
        );
    }

    #[test]
    fn random_is_clamped_into_the_unit_interval() {
        assert!(unit(f64::NAN).abs() < f64::EPSILON);
        assert!(unit(-0.0).is_sign_positive());
        assert!(unit(-3.0).abs() < f64::EPSILON);
        assert!(unit(1.0) < 1.0);
        assert!(unit(f64::INFINITY) < 1.0);
        assert!(unit(f64::NEG_INFINITY).abs() < f64::EPSILON);
        assert!((unit(0.25) - 0.25).abs() < f64::EPSILON);
    }

    #[test]
    fn jitter_never_exceeds_the_nominal_delay_even_at_the_extremes() {
        for delay in [
            Duration::ZERO,
            Duration::from_nanos(1),
            SECOND,
            Duration::MAX,
        ] {
            for random in [f64::NAN, -1.0, 0.0, 0.5, 1.0, 2.0, f64::INFINITY] {
                let equal = Jitter::Equal.apply(delay, random);
                assert!(equal >= delay / 2 && equal <= delay, "{delay:?} {random}");
                assert!(
                    Jitter::Full.apply(delay, random) <= delay,
                    "{delay:?} {random}"
                );
                assert_eq!(Jitter::None.apply(delay, random), delay);
            }
        }
        assert_eq!(Jitter::Full.apply(SECOND, 0.0), Duration::ZERO);
        assert_eq!(Jitter::Equal.apply(SECOND, 0.0), SECOND / 2);
    }

    #[test]
    fn schedule_lists_the_nominal_delays() {
        let schedule = Schedule::new(SECOND, Duration::from_secs(20), 3);
        assert_eq!(schedule.size_hint(), (3, Some(3)));
        assert_eq!(schedule.to_string(), "1s, 2s, 4s");
        assert_eq!(Schedule::new(SECOND, SECOND, 0).to_string(), "");
        let mut schedule = Schedule::new(SECOND, SECOND, 1);
        assert_eq!(schedule.next(), Some(SECOND));
        assert_eq!(schedule.next(), None);
        assert_eq!(schedule.next(), None);
    }
}
