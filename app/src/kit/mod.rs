//! The server kit every feature stands on (S): who asks and may they, the request's time and
//! state, the audit trail, and input parsed at the edge with each limit written once with its
//! reason. Features import from here, never from each other, for these.

pub mod access;

pub use crate::auth::server::{audit, now, require, require_user, Account};
pub use crate::db::state;

use crate::error::{AppError, Problem};
use domain::issue::FormProblem;

/// Attempts at a ledger write when others race it (32 directors on one payment at once).
pub const ATTEMPTS: u64 = 60;

/// The longest idempotency key a client may send: room for a kind, a time and a random part,
/// short enough to index.
pub const KEY_MAX_BYTES: usize = 100;

/// An unexpected failure: its cause chain goes to the log, the user sees a plain 500.
pub fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
    crate::error::internal(&e)
}

/// A deterministic seed for the jitter of retries from a request's idempotency key, so two
/// racing requests back off differently and a replay behaves the same.
pub fn seed(key: &str) -> u64 {
    key.bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
}

/// A client's idempotency key, trimmed; empty or longer than [`KEY_MAX_BYTES`] is refused at
/// the field `key`.
pub fn key_of(key: &str) -> Result<String, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > KEY_MAX_BYTES {
        return Err(AppError::invalid(
            "key",
            Problem::Ledger(domain::ledger::Rejection::KeyMissing),
        ));
    }
    Ok(key.to_string())
}

/// Free text from a form, trimmed, refused at `field` when required and empty or longer than
/// `max` characters.
pub fn text(field: &str, s: &str, required: bool, max: usize) -> Result<String, AppError> {
    let s = s.trim().to_string();
    if required && s.is_empty() {
        return Err(AppError::invalid(
            field,
            Problem::Form(FormProblem::Required),
        ));
    }
    if s.chars().count() > max {
        return Err(AppError::invalid(
            field,
            Problem::Form(FormProblem::TooLong { max_chars: max }),
        ));
    }
    Ok(s)
}
