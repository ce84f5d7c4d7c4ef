//! Input parsed at the edge: an idempotency key, free text within its bound, an amount of money.
//! Each limit is written here once, with its reason; the server refuses what does not parse
//! before it opens a transaction, and names the field (docs/errors.md).

use serde::{Deserialize, Serialize};

use crate::issue::FormProblem;
use crate::ledger::Rejection;

/// How long a piece of free text may be, by what it is. The bounds keep one request's rows
/// small enough to list and print; each is generous for its purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A number or code someone else issued (a certificate's number): 60 characters.
    Code,
    /// A document's number and date, as "Số 12/QĐ-SKHCN ngày 05/12/2026": 200 characters.
    Reference,
    /// Keywords for a register of results: 300 characters.
    Keywords,
    /// A note, a reason for a refusal, evidence described in words: 2,000 characters.
    Note,
    /// An account of findings, a summary or a list of documents: 5,000 characters.
    Account,
    /// A final report's text: 20,000 characters, about ten printed pages.
    Report,
}

impl Bound {
    pub const fn max_chars(self) -> usize {
        match self {
            Bound::Code => 60,
            Bound::Reference => 200,
            Bound::Keywords => 300,
            Bound::Note => 2_000,
            Bound::Account => 5_000,
            Bound::Report => 20_000,
        }
    }
}

/// Free text trimmed; refused when `required` and empty, or when longer than `bound`.
pub fn bounded(s: &str, required: bool, bound: Bound) -> Result<String, FormProblem> {
    let s = s.trim();
    if required && s.is_empty() {
        return Err(FormProblem::Required);
    }
    let max_chars = bound.max_chars();
    if s.chars().count() > max_chars {
        return Err(FormProblem::TooLong { max_chars });
    }
    Ok(s.to_string())
}

/// A client's idempotency key: the same key sent again answers with what the first request
/// did. Trimmed, never empty, at most [`IdempotencyKey::MAX_BYTES`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// What the ledger's key column holds (docs/ledger.md).
    pub const STORED_BYTES: usize = 100;
    /// The longest suffix a request's parts add (`:release`, `:refund`, `:settled`).
    pub const PART_BYTES: usize = ":release".len();
    /// Room for a kind, a time and a random part, and for the suffix of each part of a
    /// request that writes several transfers; short enough to index.
    pub const MAX_BYTES: usize = Self::STORED_BYTES - Self::PART_BYTES;

    pub fn parse(s: &str) -> Result<Self, Rejection> {
        let s = s.trim();
        if s.is_empty() || s.len() > Self::MAX_BYTES {
            return Err(Rejection::KeyMissing);
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of one part of a request that writes several transfers (`…:refund`).
    pub fn part(&self, suffix: &str) -> String {
        debug_assert!(suffix.len() < Self::PART_BYTES);
        format!("{}:{suffix}", self.0)
    }

    /// A deterministic seed for the jitter of retries, so two racing requests back off
    /// differently and a replay behaves the same.
    pub fn seed(&self) -> u64 {
        self.0
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<IdempotencyKey> for String {
    fn from(k: IdempotencyKey) -> Self {
        k.0
    }
}

/// An amount of money someone moves: whole đồng, more than zero.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Dong(i64);

impl Dong {
    pub fn positive(amount_dong: i64) -> Result<Self, Rejection> {
        if amount_dong <= 0 {
            return Err(Rejection::AmountMustBePositive);
        }
        Ok(Self(amount_dong))
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_refused_past_its_bound() {
        assert_eq!(bounded("  a  ", true, Bound::Code), Ok("a".into()));
        assert_eq!(
            bounded("   ", true, Bound::Code),
            Err(FormProblem::Required)
        );
        assert_eq!(bounded("   ", false, Bound::Code), Ok(String::new()));
        // Characters, not bytes: 60 Vietnamese letters fit a code.
        assert!(bounded(&"ệ".repeat(60), true, Bound::Code).is_ok());
        assert_eq!(
            bounded(&"ệ".repeat(61), true, Bound::Code),
            Err(FormProblem::TooLong { max_chars: 60 })
        );
    }

    #[test]
    fn a_key_is_present_and_short() {
        assert_eq!(IdempotencyKey::parse(" k1 ").unwrap().as_str(), "k1");
        assert_eq!(IdempotencyKey::parse(" "), Err(Rejection::KeyMissing));
        let long = "k".repeat(IdempotencyKey::MAX_BYTES + 1);
        assert_eq!(IdempotencyKey::parse(&long), Err(Rejection::KeyMissing));
        let k = IdempotencyKey::parse("pay-1").unwrap();
        assert_eq!(k.part("refund"), "pay-1:refund");
        assert_eq!(k.seed(), IdempotencyKey::parse("pay-1").unwrap().seed());
        assert_ne!(k.seed(), IdempotencyKey::parse("pay-2").unwrap().seed());
    }

    #[test]
    fn money_moved_is_more_than_nothing() {
        assert_eq!(Dong::positive(1).map(Dong::get), Ok(1));
        assert_eq!(Dong::positive(0), Err(Rejection::AmountMustBePositive));
        assert_eq!(Dong::positive(-5), Err(Rejection::AmountMustBePositive));
    }

    #[test]
    fn the_longest_key_with_its_longest_part_fits_the_ledger() {
        let longest = IdempotencyKey::parse(&"k".repeat(IdempotencyKey::MAX_BYTES)).unwrap();
        for part in ["settled", "refund", "release"] {
            assert!(
                longest.part(part).len() <= IdempotencyKey::STORED_BYTES,
                "{part}"
            );
        }
        assert!(IdempotencyKey::parse(&"k".repeat(IdempotencyKey::MAX_BYTES + 1)).is_err());
    }
}
