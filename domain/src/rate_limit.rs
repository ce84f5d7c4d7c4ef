//! Throttling of failed sign-ins, per account and per client address.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LoginThrottle {
    /// Failures counted over this sliding window.
    pub window_seconds: i64,
    /// Failed attempts on one account within the window before it is locked: enough for typos,
    /// too few for guessing.
    pub max_failures_per_account: u32,
    /// Failed attempts from one address within the window: higher, since a department's
    /// office shares one public address.
    pub max_failures_per_ip: u32,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            window_seconds: 15 * 60,
            max_failures_per_account: 5,
            max_failures_per_ip: 30,
        }
    }
}

/// Counts of recent failures, read from the store for one attempt.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecentFailures {
    pub account: u32,
    pub ip: u32,
    /// The oldest failure still inside the window among those that tipped a limit.
    pub oldest_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleDecision {
    Allow,
    /// Refused without checking the password; retry after this many seconds.
    Refuse {
        retry_after_seconds: i64,
    },
}

impl LoginThrottle {
    /// Failures at or after this moment count.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::seconds(self.window_seconds)
    }

    pub fn decide(&self, recent: RecentFailures, now: DateTime<Utc>) -> ThrottleDecision {
        if recent.account < self.max_failures_per_account && recent.ip < self.max_failures_per_ip {
            return ThrottleDecision::Allow;
        }
        let retry_after_seconds = recent
            .oldest_at
            .map(|oldest| (oldest + Duration::seconds(self.window_seconds) - now).num_seconds())
            .unwrap_or(self.window_seconds)
            .clamp(1, self.window_seconds);
        ThrottleDecision::Refuse {
            retry_after_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn refuses_at_the_limit_and_not_before() {
        let p = LoginThrottle::default();
        let now = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
        let f = |account, ip| RecentFailures {
            account,
            ip,
            oldest_at: Some(now - Duration::seconds(60)),
        };
        assert_eq!(p.decide(f(4, 29), now), ThrottleDecision::Allow);
        assert_eq!(
            p.decide(f(5, 0), now),
            ThrottleDecision::Refuse {
                retry_after_seconds: 840
            }
        );
        assert!(matches!(
            p.decide(f(0, 30), now),
            ThrottleDecision::Refuse { .. }
        ));
        assert_eq!(
            p.decide(
                RecentFailures {
                    account: 9,
                    ip: 0,
                    oldest_at: None
                },
                now
            ),
            ThrottleDecision::Refuse {
                retry_after_seconds: 900
            }
        );
        assert_eq!(p.window_start(now), now - Duration::seconds(900));
    }
}
