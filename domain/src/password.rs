//! The password policy: length over composition rules, as NIST SP 800-63B advises, plus the
//! obvious guesses refused.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PasswordPolicy {
    /// Shortest password accepted, in characters.
    pub min_chars: usize,
    /// Longest password accepted, in characters: argon2 hashes the whole input, so an unbounded
    /// password would let anyone make the server burn CPU.
    pub max_chars: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            min_chars: 10,
            max_chars: 128,
        }
    }
}

/// Passwords people pick first; refusing them costs nothing and stops the easiest guesses.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "0123456789",
    "password12",
    "password123",
    "matkhau123",
    "matkhau1234",
    "qwertyuiop",
    "abc1234567",
    "abcd123456",
    "admin12345",
    "vietnam123",
    "iloveyou12",
];

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    thiserror::Error,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum PasswordProblem {
    #[error("too short")]
    TooShort { min_chars: usize },
    #[error("too long")]
    TooLong { max_chars: usize },
    #[error("one repeated character")]
    Repetitive,
    #[error("too common")]
    TooCommon,
    #[error("contains the account name")]
    ContainsAccountName,
    #[error("same as the current password")]
    SameAsCurrent,
}

impl PasswordProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PasswordProblem::TooShort { min_chars }, Lang::Vi) => {
                format!("Mật khẩu phải có ít nhất {min_chars} ký tự.")
            }
            (PasswordProblem::TooShort { min_chars }, Lang::En) => {
                format!("The password must have at least {min_chars} characters.")
            }
            (PasswordProblem::TooLong { max_chars }, Lang::Vi) => {
                format!("Mật khẩu không được dài quá {max_chars} ký tự.")
            }
            (PasswordProblem::TooLong { max_chars }, Lang::En) => {
                format!("The password must not exceed {max_chars} characters.")
            }
            (PasswordProblem::Repetitive, Lang::Vi) => {
                "Mật khẩu không được chỉ lặp lại một ký tự.".into()
            }
            (PasswordProblem::Repetitive, Lang::En) => {
                "The password must not repeat a single character.".into()
            }
            (PasswordProblem::TooCommon, Lang::Vi) => {
                "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.".into()
            }
            (PasswordProblem::TooCommon, Lang::En) => {
                "This password is too common and easy to guess. Choose another.".into()
            }
            (PasswordProblem::ContainsAccountName, Lang::Vi) => {
                "Mật khẩu không được chứa tên đăng nhập.".into()
            }
            (PasswordProblem::ContainsAccountName, Lang::En) => {
                "The password must not contain the sign-in name.".into()
            }
            (PasswordProblem::SameAsCurrent, Lang::Vi) => {
                "Mật khẩu mới phải khác mật khẩu hiện tại.".into()
            }
            (PasswordProblem::SameAsCurrent, Lang::En) => {
                "The new password must differ from the current one.".into()
            }
        }
    }
}

impl PasswordPolicy {
    /// Checks a new password for the account signing in as `email`.
    pub fn check(&self, password: &str, email: &str) -> Result<(), PasswordProblem> {
        let chars = password.chars().count();
        if chars < self.min_chars {
            return Err(PasswordProblem::TooShort {
                min_chars: self.min_chars,
            });
        }
        if chars > self.max_chars {
            return Err(PasswordProblem::TooLong {
                max_chars: self.max_chars,
            });
        }
        let mut it = password.chars();
        let first = it.next();
        if it.all(|c| Some(c) == first) {
            return Err(PasswordProblem::Repetitive);
        }
        let lower = password.to_lowercase();
        if COMMON.contains(&lower.as_str()) {
            return Err(PasswordProblem::TooCommon);
        }
        let local = email.split('@').next().unwrap_or_default().to_lowercase();
        if local.chars().count() >= 3 && lower.contains(&local) {
            return Err(PasswordProblem::ContainsAccountName);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &str) -> Result<(), PasswordProblem> {
        PasswordPolicy::default().check(p, "nguyenvan.a@sokhcn.gov.vn")
    }

    #[test]
    fn length_is_counted_in_characters_at_the_boundaries() {
        assert_eq!(
            check("Aa3456789"),
            Err(PasswordProblem::TooShort { min_chars: 10 })
        );
        assert_eq!(check("Aa34567890"), Ok(()));
        // Ten Vietnamese letters are more than ten bytes but exactly ten characters.
        assert_eq!(check("đườnghầmxy"), Ok(()));
        assert_eq!(
            check("đườnghầmx"),
            Err(PasswordProblem::TooShort { min_chars: 10 })
        );
        let max = "ab".repeat(64);
        assert_eq!(check(&max), Ok(()));
        assert_eq!(
            check(&format!("{max}c")),
            Err(PasswordProblem::TooLong { max_chars: 128 })
        );
    }

    #[test]
    fn refuses_obvious_guesses() {
        assert_eq!(check("aaaaaaaaaaaa"), Err(PasswordProblem::Repetitive));
        assert_eq!(check("MatKhau123"), Err(PasswordProblem::TooCommon));
        assert_eq!(check("1234567890"), Err(PasswordProblem::TooCommon));
        assert_eq!(
            check("xx-NguyenVan.A-2026"),
            Err(PasswordProblem::ContainsAccountName)
        );
        // A short local part is not treated as a name: it would forbid too much.
        assert_eq!(
            PasswordPolicy::default().check("an-toan-2026-xyz", "an@x.vn"),
            Ok(())
        );
        assert_eq!(check("Rừng ngập mặn Cần Giờ"), Ok(()));
    }

    #[test]
    fn every_problem_has_a_vietnamese_message() {
        let all = [
            PasswordProblem::TooShort { min_chars: 10 },
            PasswordProblem::TooLong { max_chars: 128 },
            PasswordProblem::Repetitive,
            PasswordProblem::TooCommon,
            PasswordProblem::ContainsAccountName,
            PasswordProblem::SameAsCurrent,
        ];
        for p in all {
            assert!(
                p.message(Lang::Vi).contains("Mật khẩu")
                    || p.message(Lang::Vi).contains("mật khẩu")
            );
            assert!(!p.message(Lang::En).is_empty());
        }
    }
}
