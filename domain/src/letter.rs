//! Letters to every applicant of a call (docs/notifications.md, "Letters"): an officer writes
//! one template, and each applicant's letter is it with the fields filled from their dossier.
//! A field is written `{name}`; an unknown one, or a brace left open, is refused at the field
//! before anything is sent. The text is plain: the mail escapes it (domain::mail).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The fields a template may use: the name written between braces, and what it is.
pub const FIELDS: [(&str, &str, &str); 8] = [
    (
        "ho_ten",
        "Họ và tên người nộp hồ sơ",
        "The applicant's full name",
    ),
    (
        "ten_ho_so",
        "Tên hồ sơ (đề tài, dự án)",
        "The dossier's title",
    ),
    ("ma_ho_so", "Số hồ sơ", "The dossier's number"),
    ("ten_dot", "Tên đợt", "The call's title"),
    ("ma_dot", "Mã đợt", "The call's code"),
    ("ket_qua", "Tình trạng hồ sơ", "The dossier's state"),
    (
        "ly_do",
        "Lý do (quyết định gần nhất)",
        "Reasons (the latest decision)",
    ),
    (
        "ngay",
        "Ngày gửi (dd/mm/yyyy)",
        "The date sent (dd/mm/yyyy)",
    ),
];

/// Longest subject and body.
pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum LetterProblem {
    Required,
    TooLong {
        max_chars: usize,
    },
    /// A subject is one line.
    NewLine,
    /// `{name}` names no field.
    UnknownField {
        name: String,
    },
    /// A `{` without its `}`.
    Unclosed,
}

impl LetterProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LetterProblem::Required, Lang::Vi) => "Vui lòng nhập nội dung này.".into(),
            (LetterProblem::Required, Lang::En) => "This is required.".into(),
            (LetterProblem::TooLong { max_chars }, Lang::Vi) => {
                format!("Không được dài quá {max_chars} ký tự.")
            }
            (LetterProblem::TooLong { max_chars }, Lang::En) => {
                format!("Must not exceed {max_chars} characters.")
            }
            (LetterProblem::NewLine, Lang::Vi) => "Tiêu đề chỉ gồm một dòng.".into(),
            (LetterProblem::NewLine, Lang::En) => "A subject is one line.".into(),
            (LetterProblem::UnknownField { name }, Lang::Vi) => {
                format!("Không có trường {{{name}}}; các trường dùng được liệt kê bên dưới.")
            }
            (LetterProblem::UnknownField { name }, Lang::En) => {
                format!("There is no field {{{name}}}; the fields you may use are listed below.")
            }
            (LetterProblem::Unclosed, Lang::Vi) => "Thiếu dấu “}” đóng trường.".into(),
            (LetterProblem::Unclosed, Lang::En) => "A field is missing its closing “}”.".into(),
        }
    }
}

/// The text with every `{field}` replaced by its value; unknown fields and open braces refused.
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> Result<String, LetterProblem> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(LetterProblem::Unclosed)?;
        let name = after[..close].trim();
        if !FIELDS.iter().any(|(f, _, _)| *f == name) {
            return Err(LetterProblem::UnknownField { name: name.into() });
        }
        out.push_str(values.get(name).map(String::as_str).unwrap_or_default());
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks a template before any letter is made from it: every problem by its field.
pub fn check(subject: &str, body: &str) -> Result<(), Vec<(&'static str, LetterProblem)>> {
    let none = BTreeMap::new();
    let mut problems = Vec::new();
    for (field, text, max) in [
        ("subject", subject, MAX_SUBJECT_CHARS),
        ("body", body, MAX_BODY_CHARS),
    ] {
        if text.trim().is_empty() {
            problems.push((field, LetterProblem::Required));
        } else if text.chars().count() > max {
            problems.push((field, LetterProblem::TooLong { max_chars: max }));
        } else if field == "subject" && text.contains(['\r', '\n']) {
            problems.push((field, LetterProblem::NewLine));
        } else if let Err(p) = fill(text, &none) {
            problems.push((field, p));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The template an officer starts from.
pub fn default_template() -> (String, String) {
    (
        "Thông báo về hồ sơ {ma_ho_so} – đợt {ma_dot}".into(),
        "Kính gửi {ho_ten},\n\nSở Khoa học và Công nghệ thông báo về hồ sơ «{ten_ho_so}» \
         (số {ma_ho_so}) trong đợt «{ten_dot}»: tình trạng hiện nay là {ket_qua}. {ly_do}\n\n\
         Chi tiết xem tại trang hồ sơ trên hệ thống.\n\nNgày {ngay}."
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("ho_ten", "Nguyễn Thị Mai".to_string()),
            ("ten_ho_so", "Giống lúa chịu mặn".to_string()),
        ])
    }

    #[test]
    fn fields_are_filled_and_text_kept() {
        let filled = fill("Kính gửi {ho_ten}, về «{ ten_ho_so }».", &values()).unwrap();
        assert_eq!(filled, "Kính gửi Nguyễn Thị Mai, về «Giống lúa chịu mặn».");
        assert_eq!(
            fill("{ly_do}", &values()).unwrap(),
            "",
            "a field without a value is empty"
        );
    }

    #[test]
    fn unknown_fields_and_open_braces_are_refused() {
        assert_eq!(
            fill("{mat_khau}", &values()),
            Err(LetterProblem::UnknownField {
                name: "mat_khau".into()
            })
        );
        assert_eq!(
            fill("Kính gửi {ho_ten", &values()),
            Err(LetterProblem::Unclosed)
        );
    }

    #[test]
    fn a_template_is_checked_field_by_field() {
        let (subject, body) = default_template();
        assert_eq!(check(&subject, &body), Ok(()));
        let fields: Vec<&str> = check("Dòng 1\nBcc: x@y.vn", "{sai}")
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["subject", "body"]);
        assert_eq!(
            check(" ", &"x".repeat(MAX_BODY_CHARS + 1)).unwrap_err(),
            [
                ("subject", LetterProblem::Required),
                (
                    "body",
                    LetterProblem::TooLong {
                        max_chars: MAX_BODY_CHARS
                    }
                )
            ]
        );
    }

    proptest::proptest! {
        /// Text without braces passes through unchanged.
        #[test]
        fn text_without_fields_is_unchanged(s in "[^{}]{0,200}") {
            proptest::prop_assert_eq!(fill(&s, &values()).unwrap(), s);
        }
    }
}
