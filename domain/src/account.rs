//! Accounts and organisations: the fields people type, parsed into trusted values.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Longest e-mail address accepted (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest person or organisation name: Vietnamese organisation names are long
/// ("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ tỉnh ..."), but not paragraphs.
pub const MAX_NAME_CHARS: usize = 200;

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
pub enum FieldProblem {
    #[error("required")]
    Required,
    #[error("too long")]
    TooLong { max_chars: usize },
    #[error("invalid e-mail")]
    InvalidEmail,
}

impl FieldProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FieldProblem::Required, Lang::Vi) => "Vui lòng nhập thông tin này.".into(),
            (FieldProblem::Required, Lang::En) => "This field is required.".into(),
            (FieldProblem::TooLong { max_chars }, Lang::Vi) => {
                format!("Không được dài quá {max_chars} ký tự.")
            }
            (FieldProblem::TooLong { max_chars }, Lang::En) => {
                format!("Must not exceed {max_chars} characters.")
            }
            (FieldProblem::InvalidEmail, Lang::Vi) => {
                "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@donvi.gov.vn).".into()
            }
            (FieldProblem::InvalidEmail, Lang::En) => {
                "Not a valid e-mail address (e.g. name@agency.gov.vn).".into()
            }
        }
    }
}

/// A sign-in e-mail: trimmed and lower-cased, so `A@X.vn` and `a@x.vn` are one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldProblem> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldProblem::Required);
        }
        if s.chars().count() > MAX_EMAIL_CHARS {
            return Err(FieldProblem::TooLong {
                max_chars: MAX_EMAIL_CHARS,
            });
        }
        let (local, host) = s.split_once('@').ok_or(FieldProblem::InvalidEmail)?;
        let host_ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains("..");
        if local.is_empty() || !host_ok || host.contains('@') || s.chars().any(char::is_whitespace)
        {
            return Err(FieldProblem::InvalidEmail);
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A person's or organisation's name: trimmed, inner runs of spaces collapsed.
pub fn parse_name(raw: &str) -> Result<String, FieldProblem> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(FieldProblem::Required);
    }
    if s.chars().count() > MAX_NAME_CHARS {
        return Err(FieldProblem::TooLong {
            max_chars: MAX_NAME_CHARS,
        });
    }
    Ok(s)
}

/// An optional short text (tax code, address): trimmed, empty means none.
pub fn parse_optional(raw: &str, max_chars: usize) -> Result<Option<String>, FieldProblem> {
    let s = raw.trim();
    if s.is_empty() {
        Ok(None)
    } else if s.chars().count() > max_chars {
        Err(FieldProblem::TooLong { max_chars })
    } else {
        Ok(Some(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Nguyen.An@SoKHCN.gov.vn ").unwrap().as_str(),
            "nguyen.an@sokhcn.gov.vn"
        );
        for bad in [
            "an", "an@", "@x.vn", "an@x", "an@.vn", "an@x..vn", "a n@x.vn", "a@b@c.vn",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldProblem::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse("   "), Err(FieldProblem::Required));
        let long = format!("{}@x.vn", "a".repeat(250));
        assert_eq!(
            Email::parse(&long),
            Err(FieldProblem::TooLong { max_chars: 254 })
        );
    }

    #[test]
    fn names_keep_diacritics_and_collapse_spaces() {
        assert_eq!(parse_name("  Trần   Thị  Ánh  ").unwrap(), "Trần Thị Ánh");
        assert_eq!(parse_name(" \t "), Err(FieldProblem::Required));
        assert!(parse_name(&"ư".repeat(200)).is_ok());
        assert_eq!(
            parse_name(&"ư".repeat(201)),
            Err(FieldProblem::TooLong { max_chars: 200 })
        );
        assert_eq!(parse_optional("  ", 10), Ok(None));
        assert_eq!(parse_optional(" 0101 ", 10), Ok(Some("0101".into())));
        assert!(parse_optional("12345678901", 10).is_err());
    }
}
