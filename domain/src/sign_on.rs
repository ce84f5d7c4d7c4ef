//! Single sign-on by OpenID Connect (docs/sign-on.md): what a verified identity from the
//! province's provider (VNeID, or its own) may do here. The protocol — the code, PKCE, the ID
//! token's signature, issuer, audience, expiry and nonce — is checked by the server before
//! anything here runs; these rules decide which account, if any, the identity signs in to.
//!
//! An identity is remembered by its provider and subject (`sub`), never by its e-mail: the first
//! sign-in links it to the account of the same address, only when the provider says the address
//! is verified, or creates a researcher's account for it. Nothing else the provider says is
//! trusted: roles and organisations are granted here, as for anyone.

use chrono::{DateTime, Duration, Utc};

use crate::account::{parse_name, Email, MAX_NAME_CHARS};

/// What the provider said about the person, after the ID token was verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub subject: String,
    pub email: Option<String>,
    /// The provider's `email_verified`; absent counts as not verified.
    pub email_verified: bool,
    pub name: Option<String>,
}

/// An account as the decision needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub user_id: i32,
    pub active: bool,
    /// The account is already linked to another identity of this provider.
    pub linked_elsewhere: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The identity is linked already: sign in to that account.
    SignIn {
        user_id: i32,
    },
    /// Link the identity to the account of its verified address, then sign in.
    Link {
        user_id: i32,
    },
    /// Create a researcher's account for the verified address, link it, sign in.
    Create {
        email: Email,
        display_name: String,
    },
    Refuse(Problem),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the provider gave no usable e-mail address")]
    NoEmail,
    #[error("the provider has not verified the e-mail address")]
    EmailUnverified,
    #[error("the account is disabled")]
    AccountDisabled,
    #[error("the account is linked to another identity of this provider")]
    LinkedElsewhere,
}

impl Problem {
    /// The code a refused sign-in carries back to the sign-in page (`/login?error=…`).
    pub fn code(self) -> &'static str {
        match self {
            Problem::NoEmail => "sso_no_email",
            Problem::EmailUnverified => "sso_unverified",
            Problem::AccountDisabled => "sso_disabled",
            Problem::LinkedElsewhere => "sso_linked",
        }
    }
}

/// Which account `identity` signs in to: `linked` is the account its (provider, subject) is
/// linked to, if any; `by_email` the account holding its address, if any.
pub fn decide(identity: &Identity, linked: Option<Known>, by_email: Option<Known>) -> Outcome {
    if let Some(k) = linked {
        return if k.active {
            Outcome::SignIn { user_id: k.user_id }
        } else {
            Outcome::Refuse(Problem::AccountDisabled)
        };
    }
    let Some(email) = identity.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
        return Outcome::Refuse(Problem::NoEmail);
    };
    if !identity.email_verified {
        return Outcome::Refuse(Problem::EmailUnverified);
    }
    match by_email {
        Some(k) if !k.active => Outcome::Refuse(Problem::AccountDisabled),
        Some(k) if k.linked_elsewhere => Outcome::Refuse(Problem::LinkedElsewhere),
        Some(k) => Outcome::Link { user_id: k.user_id },
        None => Outcome::Create {
            display_name: display_name(identity.name.as_deref(), &email),
            email,
        },
    }
}

/// The provider's `name` when it is a usable name (no control characters, not too long),
/// else the address's local part: a name is shown, never trusted for anything.
pub fn display_name(name: Option<&str>, email: &Email) -> String {
    name.filter(|n| !n.chars().any(char::is_control))
        .and_then(|n| parse_name(n).ok())
        .unwrap_or_else(|| {
            let local = email.as_str().split('@').next().unwrap_or_default();
            local.chars().take(MAX_NAME_CHARS).collect()
        })
}

/// How long a sign-in may stay at the provider, and how many a client address may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptPolicy {
    /// A sign-in not back from the provider within this is refused (its state forgotten).
    pub minutes: i64,
    /// At most this many sign-ins started from one address within `minutes`.
    pub per_ip: u64,
}

impl Default for AttemptPolicy {
    fn default() -> Self {
        AttemptPolicy {
            minutes: 10,
            per_ip: 30,
        }
    }
}

impl AttemptPolicy {
    /// Attempts started before this are expired (and no longer counted).
    pub fn window_start(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::minutes(self.minutes)
    }

    pub fn usable(self, started: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        started > self.window_start(now) && started <= now
    }

    /// Whether one more may start, `recent` having started from the address in the window.
    pub fn may_start(self, recent: u64) -> bool {
        recent < self.per_ip
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(email: &str, verified: bool) -> Identity {
        Identity {
            subject: "sub-1".into(),
            email: Some(email.into()),
            email_verified: verified,
            name: Some("  Nguyễn   Văn An ".into()),
        }
    }

    const ACTIVE: Known = Known {
        user_id: 7,
        active: true,
        linked_elsewhere: false,
    };

    #[test]
    fn a_linked_identity_signs_in_whatever_its_address_says_now() {
        let mut who = id("other@x.vn", false);
        who.email = None;
        assert_eq!(
            decide(&who, Some(ACTIVE), None),
            Outcome::SignIn { user_id: 7 }
        );
        let disabled = Known {
            active: false,
            ..ACTIVE
        };
        assert_eq!(
            decide(&who, Some(disabled), None),
            Outcome::Refuse(Problem::AccountDisabled)
        );
    }

    #[test]
    fn an_address_links_only_when_verified() {
        assert_eq!(
            decide(&id("An@X.vn", true), None, Some(ACTIVE)),
            Outcome::Link { user_id: 7 }
        );
        assert_eq!(
            decide(&id("an@x.vn", false), None, Some(ACTIVE)),
            Outcome::Refuse(Problem::EmailUnverified)
        );
        assert_eq!(
            decide(&id("an@x.vn", false), None, None),
            Outcome::Refuse(Problem::EmailUnverified)
        );
    }

    #[test]
    fn no_usable_address_is_refused() {
        let mut who = id("not an address", true);
        assert_eq!(decide(&who, None, None), Outcome::Refuse(Problem::NoEmail));
        who.email = None;
        assert_eq!(decide(&who, None, None), Outcome::Refuse(Problem::NoEmail));
    }

    #[test]
    fn a_disabled_or_already_linked_account_is_not_taken_over() {
        let disabled = Known {
            active: false,
            ..ACTIVE
        };
        assert_eq!(
            decide(&id("an@x.vn", true), None, Some(disabled)),
            Outcome::Refuse(Problem::AccountDisabled)
        );
        let linked = Known {
            linked_elsewhere: true,
            ..ACTIVE
        };
        assert_eq!(
            decide(&id("an@x.vn", true), None, Some(linked)),
            Outcome::Refuse(Problem::LinkedElsewhere)
        );
    }

    #[test]
    fn a_new_verified_address_gets_an_account_named_as_the_provider_says() {
        assert_eq!(
            decide(&id("An@X.vn", true), None, None),
            Outcome::Create {
                email: Email::parse("an@x.vn").unwrap(),
                display_name: "Nguyễn Văn An".into(),
            }
        );
    }

    #[test]
    fn an_unusable_name_falls_back_to_the_address() {
        let email = Email::parse("an.nguyen@x.vn").unwrap();
        assert_eq!(display_name(None, &email), "an.nguyen");
        assert_eq!(display_name(Some("   "), &email), "an.nguyen");
        assert_eq!(display_name(Some("A\u{0}B"), &email), "an.nguyen");
        assert_eq!(display_name(Some(&"x".repeat(201)), &email), "an.nguyen");
    }

    #[test]
    fn attempts_expire_and_are_counted_per_address() {
        let p = AttemptPolicy::default();
        let now = DateTime::parse_from_rfc3339("2026-12-07T03:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(p.usable(now - Duration::minutes(9), now));
        assert!(!p.usable(now - Duration::minutes(10), now));
        assert!(!p.usable(now + Duration::seconds(1), now));
        assert!(p.may_start(29));
        assert!(!p.may_start(30));
    }
}
