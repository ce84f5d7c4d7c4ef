//! An organisation's legal details (tên, mã số thuế, địa chỉ, người đại diện, liên hệ, tài
//! khoản), as a host organisation signs contracts and receives payments with them.

use serde::{Deserialize, Serialize};

use crate::account::{parse_name, Email, FieldProblem, MAX_NAME_CHARS};
use crate::Lang;

/// Longest address or other free detail.
pub const MAX_DETAIL_CHARS: usize = 255;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationDetails {
    pub name: String,
    pub short_name: String,
    /// Mã số thuế: 10 digits, or 10-3 for a dependent unit.
    pub tax_code: String,
    pub address: String,
    pub representative: String,
    pub representative_title: String,
    pub phone: String,
    pub email: String,
    pub bank_account: String,
    pub bank_name: String,
}

impl OrganisationDetails {
    /// What anyone signed in may read: the name, tax code, address and representative; the
    /// phone, e-mail and bank account only the organisation itself and the department's and the
    /// fund's staff (docs/roles.md).
    pub fn public(self) -> OrganisationDetails {
        OrganisationDetails {
            phone: String::new(),
            email: String::new(),
            bank_account: String::new(),
            bank_name: String::new(),
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum DetailProblem {
    Field(FieldProblem),
    TaxCode,
    Phone,
    BankAccount,
}

impl DetailProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DetailProblem::Field(p), _) => p.message(lang),
            (DetailProblem::TaxCode, Lang::Vi) => {
                "Mã số thuế không hợp lệ: 10 chữ số với chữ số kiểm tra đúng, hoặc 10 chữ số, \
                 dấu “-” và 3 chữ số (đơn vị phụ thuộc)."
                    .into()
            }
            (DetailProblem::TaxCode, Lang::En) => {
                "Not a valid tax code: 10 digits whose last is the right check digit, or those, \
                 “-” and 3 digits for a dependent unit."
                    .into()
            }
            (DetailProblem::Phone, Lang::Vi) => {
                "Số điện thoại gồm 8 đến 15 chữ số (có thể có +, dấu cách, dấu chấm).".into()
            }
            (DetailProblem::Phone, Lang::En) => {
                "A phone number has 8 to 15 digits (+, spaces and dots allowed).".into()
            }
            (DetailProblem::BankAccount, Lang::Vi) => "Số tài khoản gồm 6 đến 20 chữ số.".into(),
            (DetailProblem::BankAccount, Lang::En) => {
                "An account number has 6 to 20 digits.".into()
            }
        }
    }
}

/// Weights of the first nine digits of a tax code in its check digit.
const TAX_CODE_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// Whether ten digits carry their check digit: N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 +
/// 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11 (the tax authority's rule for the 10-digit code;
/// a prefix whose remainder is 0 would need 10 and is never issued).
pub fn tax_code_check_digit_holds(main: &str) -> bool {
    let d: Vec<u32> = main.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 || main.len() != 10 {
        return false;
    }
    let sum: u32 = d.iter().zip(TAX_CODE_WEIGHTS).map(|(n, w)| n * w).sum();
    10 - sum % 11 == d[9]
}

/// A tax code: 10 digits with their check digit, or those and “-” and 3 digits for a
/// dependent unit.
pub fn valid_tax_code(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let main = match s.split_once('-') {
        None => s,
        Some((main, branch)) if digits(branch, 3) => main,
        Some(_) => return false,
    };
    digits(main, 10) && tax_code_check_digit_holds(main)
}

pub(crate) fn valid_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '.');
    let n = body.chars().filter(char::is_ascii_digit).count();
    allowed && (8..=15).contains(&n)
}

fn valid_bank_account(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| *c != ' ').collect();
    (6..=20).contains(&compact.len()) && compact.bytes().all(|b| b.is_ascii_digit())
}

/// Trims every detail, checks the name and the formats of what is filled in (only the name is
/// required), and returns the tidy details or every problem by field.
pub fn tidy(
    d: &OrganisationDetails,
) -> Result<OrganisationDetails, Vec<(&'static str, DetailProblem)>> {
    let mut problems = Vec::new();
    let name = match parse_name(&d.name) {
        Ok(n) => n,
        Err(p) => {
            problems.push(("name", DetailProblem::Field(p)));
            String::new()
        }
    };
    let mut out = OrganisationDetails {
        name,
        short_name: d.short_name.trim().to_string(),
        tax_code: d.tax_code.trim().to_string(),
        address: d.address.trim().to_string(),
        representative: d.representative.trim().to_string(),
        representative_title: d.representative_title.trim().to_string(),
        phone: d.phone.trim().to_string(),
        email: d.email.trim().to_string(),
        bank_account: d.bank_account.trim().to_string(),
        bank_name: d.bank_name.trim().to_string(),
    };
    for (field, value) in [
        ("short_name", &out.short_name),
        ("address", &out.address),
        ("representative", &out.representative),
        ("representative_title", &out.representative_title),
        ("bank_name", &out.bank_name),
    ] {
        let max = if field == "short_name" {
            MAX_NAME_CHARS
        } else {
            MAX_DETAIL_CHARS
        };
        if value.chars().count() > max {
            problems.push((
                field,
                DetailProblem::Field(FieldProblem::TooLong { max_chars: max }),
            ));
        }
    }
    if !out.tax_code.is_empty() && !valid_tax_code(&out.tax_code) {
        problems.push(("tax_code", DetailProblem::TaxCode));
    }
    if !out.phone.is_empty() && !valid_phone(&out.phone) {
        problems.push(("phone", DetailProblem::Phone));
    }
    if !out.email.is_empty() {
        match Email::parse(&out.email) {
            Ok(e) => out.email = e.into_string(),
            Err(p) => problems.push(("email", DetailProblem::Field(p))),
        }
    }
    if !out.bank_account.is_empty() && !valid_bank_account(&out.bank_account) {
        problems.push(("bank_account", DetailProblem::BankAccount));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> OrganisationDetails {
        OrganisationDetails {
            name: "  Viện  Nông nghiệp tỉnh ".into(),
            tax_code: "3301234568".into(),
            phone: "+84 234.3822.123".into(),
            email: "VanThu@Vien.gov.vn".into(),
            bank_account: "3713 0100 1234".into(),
            ..Default::default()
        }
    }

    #[test]
    fn tidy_details_pass() {
        let d = tidy(&details()).unwrap();
        assert_eq!(d.name, "Viện Nông nghiệp tỉnh");
        assert_eq!(d.email, "vanthu@vien.gov.vn");
    }

    #[test]
    fn every_bad_format_is_named() {
        let bad = OrganisationDetails {
            name: " ".into(),
            tax_code: "33012345".into(),
            phone: "12-34".into(),
            email: "van thu".into(),
            bank_account: "TK123".into(),
            ..Default::default()
        };
        let fields: Vec<&str> = tidy(&bad)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            ["name", "tax_code", "phone", "email", "bank_account"]
        );
    }

    #[test]
    fn tax_codes_of_dependent_units_are_accepted() {
        assert!(valid_tax_code("3301234568-001"));
        assert!(!valid_tax_code("3301234568-01"));
        assert!(!valid_tax_code("330123456a"));
    }

    #[test]
    fn real_tax_codes_carry_their_check_digit() {
        // Worked by hand: 0300588569 — 0·31 + 3·29 + 0·23 + 0·19 + 5·17 + 8·13 + 8·7 + 5·5
        // + 6·3 = 375 = 34·11 + 1, and 10 − 1 = 9.
        for code in ["0300588569", "0101248141", "0100109106", "3301234568"] {
            assert!(valid_tax_code(code), "{code}");
        }
        for code in ["0300588568", "0101248140", "3301234567", "1234567890-001"] {
            assert!(!valid_tax_code(code), "{code}");
        }
    }

    proptest::proptest! {
        /// Changing any one digit of a valid code makes it invalid: every weight is prime to 11.
        #[test]
        fn one_wrong_digit_is_always_caught(at in 0usize..10, by in 1u32..10) {
            let code = "0300588569";
            let mut digits: Vec<u32> = code.chars().map(|c| c.to_digit(10).unwrap()).collect();
            digits[at] = (digits[at] + by) % 10;
            let changed: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            proptest::prop_assert!(!valid_tax_code(&changed));
        }
    }
}
