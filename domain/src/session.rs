//! How long a sign-in lasts.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SessionPolicy {
    /// A session unused for this long ends: a desk left unattended is not left signed in.
    pub idle_seconds: i64,
    /// A session ends this long after sign-in however busy it is, so a stolen cookie is not
    /// good forever.
    pub absolute_seconds: i64,
    /// `last_seen_at` is written at most this often, so reading pages does not write to the
    /// database on every request.
    pub touch_every_seconds: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_seconds: 2 * 3600,
            absolute_seconds: 12 * 3600,
            touch_every_seconds: 60,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionCheck {
    /// Valid; `touch` says whether to record the activity now.
    Valid {
        touch: bool,
    },
    IdleExpired,
    AbsoluteExpired,
    Revoked,
}

impl SessionPolicy {
    pub fn check(
        &self,
        created_at: DateTime<Utc>,
        last_seen_at: DateTime<Utc>,
        revoked: bool,
        now: DateTime<Utc>,
    ) -> SessionCheck {
        if revoked {
            SessionCheck::Revoked
        } else if now >= created_at + Duration::seconds(self.absolute_seconds) {
            SessionCheck::AbsoluteExpired
        } else if now >= last_seen_at + Duration::seconds(self.idle_seconds) {
            SessionCheck::IdleExpired
        } else {
            SessionCheck::Valid {
                touch: now >= last_seen_at + Duration::seconds(self.touch_every_seconds),
            }
        }
    }

    /// The moment after which the session can no longer be valid, for the cookie's Max-Age and
    /// for purging old rows.
    pub fn hard_expiry(&self, created_at: DateTime<Utc>) -> DateTime<Utc> {
        created_at + Duration::seconds(self.absolute_seconds)
    }
}

/// Where to go after signing in: only a path on this site. `//host` and `/\host` (which
/// browsers read as `//host`) lead elsewhere, so they are refused, as is anything with a
/// control character.
pub fn safe_next(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    let elsewhere = rest.starts_with(['/', '\\']);
    let odd = next.chars().any(|c| c.is_control() || c == '\\');
    (!elsewhere && !odd).then_some(next)
}

/// A same-site path as a query value (`/login?next=…`): every byte but the unreserved ones and
/// `/` percent-encoded.
pub fn query_value(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_path_in_a_query_keeps_its_separators_encoded() {
        assert_eq!(query_value("/calls/3?tab=a&b"), "/calls/3%3Ftab%3Da%26b");
        assert_eq!(query_value("/hồ-sơ"), "/h%E1%BB%93-s%C6%A1");
    }

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn expiry_boundaries_are_exact() {
        let p = SessionPolicy {
            idle_seconds: 100,
            absolute_seconds: 1000,
            touch_every_seconds: 10,
        };
        assert_eq!(
            p.check(t(0), t(0), false, t(9)),
            SessionCheck::Valid { touch: false }
        );
        assert_eq!(
            p.check(t(0), t(0), false, t(10)),
            SessionCheck::Valid { touch: true }
        );
        assert_eq!(
            p.check(t(0), t(0), false, t(99)),
            SessionCheck::Valid { touch: true }
        );
        assert_eq!(
            p.check(t(0), t(0), false, t(100)),
            SessionCheck::IdleExpired
        );
        assert_eq!(
            p.check(t(0), t(950), false, t(999)),
            SessionCheck::Valid { touch: true }
        );
        assert_eq!(
            p.check(t(0), t(950), false, t(1000)),
            SessionCheck::AbsoluteExpired
        );
        assert_eq!(p.check(t(0), t(0), true, t(1)), SessionCheck::Revoked);
        assert_eq!(p.hard_expiry(t(0)), t(1000));
    }

    #[test]
    fn after_sign_in_only_a_path_on_this_site() {
        assert_eq!(safe_next("/applications/3"), Some("/applications/3"));
        assert_eq!(safe_next("/"), Some("/"));
        for elsewhere in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "",
            "/a\\b",
            "/a\nb",
        ] {
            assert_eq!(safe_next(elsewhere), None, "{elsewhere:?}");
        }
    }
}
