//! People reaching the system by themselves (docs/registration.md): an organisation asking to
//! be recognised by its tax code, a person asking to join one as its staff, and how such a
//! request is decided — once, by someone other than the person who asked, a refusal with its
//! reason.

use serde::{Deserialize, Serialize};

use crate::account::{parse_name, FieldProblem};
use crate::organisation::{valid_phone, valid_tax_code, DetailProblem, MAX_DETAIL_CHARS};
use crate::Lang;

/// Where a request to be recognised or to join stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum RequestState {
    Pending,
    Approved,
    Refused,
}

impl RequestState {
    pub const ALL: [RequestState; 3] = [
        RequestState::Pending,
        RequestState::Approved,
        RequestState::Refused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Approved => "approved",
            RequestState::Refused => "refused",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestState> {
        RequestState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RequestState::Pending => lang.pick("Chờ duyệt", "Waiting for approval"),
            RequestState::Approved => lang.pick("Đã duyệt", "Approved"),
            RequestState::Refused => lang.pick("Không duyệt", "Refused"),
        }
    }
}

/// What the person deciding chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Verdict {
    Approve,
    Refuse { reason: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum DecideProblem {
    /// Already approved or refused.
    NotPending,
    /// The person who asked cannot decide their own request.
    OwnRequest,
    /// A refusal says why.
    ReasonRequired,
}

impl DecideProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            DecideProblem::NotPending => lang.pick(
                "Yêu cầu này đã được xử lý.",
                "This request has already been decided.",
            ),
            DecideProblem::OwnRequest => lang.pick(
                "Không ai được tự duyệt yêu cầu của chính mình.",
                "Nobody decides their own request.",
            ),
            DecideProblem::ReasonRequired => lang.pick(
                "Ghi rõ lý do không duyệt.",
                "Say why the request is refused.",
            ),
        }
    }
}

/// Decides a request: only a pending one, never by the person who made it, a refusal with its
/// reason (trimmed). Returns the new state and the reason to keep.
pub fn decide(
    state: RequestState,
    requester: i32,
    decider: i32,
    verdict: &Verdict,
) -> Result<(RequestState, Option<String>), DecideProblem> {
    if state != RequestState::Pending {
        return Err(DecideProblem::NotPending);
    }
    if requester == decider {
        return Err(DecideProblem::OwnRequest);
    }
    match verdict {
        Verdict::Approve => Ok((RequestState::Approved, None)),
        Verdict::Refuse { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                Err(DecideProblem::ReasonRequired)
            } else {
                Ok((RequestState::Refused, Some(reason.to_string())))
            }
        }
    }
}

/// What an organisation gives to be recognised; the person sending it is its representative.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationApplication {
    pub tax_code: String,
    pub name: String,
    pub short_name: String,
    pub address: String,
    /// The representative's title (chức vụ), e.g. “Viện trưởng”.
    pub representative_title: String,
    pub phone: String,
}

/// Trims every field; the tax code (with its check digit), the name, the address, the
/// representative's title and the phone are required. Every problem is named by its field.
pub fn tidy_application(
    a: &OrganisationApplication,
) -> Result<OrganisationApplication, Vec<(&'static str, DetailProblem)>> {
    let mut problems = Vec::new();
    let name = parse_name(&a.name).unwrap_or_else(|p| {
        problems.push(("name", DetailProblem::Field(p)));
        String::new()
    });
    let out = OrganisationApplication {
        name,
        tax_code: a.tax_code.trim().to_string(),
        short_name: a.short_name.trim().to_string(),
        address: a.address.trim().to_string(),
        representative_title: a.representative_title.trim().to_string(),
        phone: a.phone.trim().to_string(),
    };
    if out.tax_code.is_empty() {
        problems.push(("tax_code", DetailProblem::Field(FieldProblem::Required)));
    } else if !valid_tax_code(&out.tax_code) {
        problems.push(("tax_code", DetailProblem::TaxCode));
    }
    for (field, value, max) in [
        ("short_name", &out.short_name, 200),
        ("address", &out.address, MAX_DETAIL_CHARS),
        (
            "representative_title",
            &out.representative_title,
            MAX_DETAIL_CHARS,
        ),
    ] {
        if field != "short_name" && value.is_empty() {
            problems.push((field, DetailProblem::Field(FieldProblem::Required)));
        } else if value.chars().count() > max {
            problems.push((
                field,
                DetailProblem::Field(FieldProblem::TooLong { max_chars: max }),
            ));
        }
    }
    if out.phone.is_empty() {
        problems.push(("phone", DetailProblem::Field(FieldProblem::Required)));
    } else if !valid_phone(&out.phone) {
        problems.push(("phone", DetailProblem::Phone));
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

    #[test]
    fn a_request_is_decided_once_by_another_and_a_refusal_says_why() {
        let pending = RequestState::Pending;
        assert_eq!(
            decide(pending, 1, 2, &Verdict::Approve),
            Ok((RequestState::Approved, None))
        );
        let refuse = |r: &str| Verdict::Refuse { reason: r.into() };
        assert_eq!(
            decide(pending, 1, 2, &refuse("  Sai mã số thuế ")),
            Ok((RequestState::Refused, Some("Sai mã số thuế".into())))
        );
        assert_eq!(
            decide(pending, 1, 2, &refuse("  ")),
            Err(DecideProblem::ReasonRequired)
        );
        assert_eq!(
            decide(pending, 7, 7, &Verdict::Approve),
            Err(DecideProblem::OwnRequest)
        );
        for done in [RequestState::Approved, RequestState::Refused] {
            assert_eq!(
                decide(done, 1, 2, &Verdict::Approve),
                Err(DecideProblem::NotPending)
            );
        }
    }

    #[test]
    fn states_round_trip_by_code() {
        for s in RequestState::ALL {
            assert_eq!(RequestState::from_code(s.code()), Some(s));
        }
        assert_eq!(RequestState::from_code("done"), None);
    }

    #[test]
    fn an_application_names_every_missing_or_bad_field() {
        let fields = |a: &OrganisationApplication| -> Vec<&str> {
            tidy_application(a)
                .unwrap_err()
                .into_iter()
                .map(|(f, _)| f)
                .collect()
        };
        assert_eq!(
            fields(&OrganisationApplication::default()),
            [
                "name",
                "tax_code",
                "address",
                "representative_title",
                "phone"
            ]
        );
        let bad = OrganisationApplication {
            tax_code: "0300588568".into(),
            name: "Công ty A".into(),
            address: "Huế".into(),
            representative_title: "Giám đốc".into(),
            phone: "12".into(),
            ..Default::default()
        };
        assert_eq!(fields(&bad), ["tax_code", "phone"]);
        let good = OrganisationApplication {
            tax_code: " 0300588569 ".into(),
            phone: "0234 3822 123".into(),
            ..bad
        };
        let tidy = tidy_application(&good).unwrap();
        assert_eq!(tidy.tax_code, "0300588569");
    }
}
