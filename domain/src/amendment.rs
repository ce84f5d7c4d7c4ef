//! Amendments of a running contract (điều chỉnh, TT 04/2015 as the model): a longer duration,
//! money moved between budget lines (the contract's total never changes), changes of members or
//! products. The request is shown beside the contract's baseline; who approves it depends on its
//! size, by the rulebook: an officer for a small one, the leader for a large one. An approved
//! amendment makes a new version of the contract and moves the unpaid tranches' due dates by the
//! extension.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The rulebook's amendment rules. (The thresholds are UNCONFIRMED in the sources: configurable
/// defaults.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AmendmentRules {
    /// Longest extension, in months, however approved.
    pub max_extension_months: u32,
    /// An officer approves extensions up to this many months…
    pub officer_max_extension_months: u32,
    /// …and money moved between lines up to this share of the total, in ‰.
    pub officer_max_moved_permille: u32,
}

impl Default for AmendmentRules {
    fn default() -> Self {
        AmendmentRules {
            max_extension_months: 12,
            officer_max_extension_months: 6,
            officer_max_moved_permille: 100,
        }
    }
}

/// What the task's leader asks to change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Request {
    pub extension_months: u32,
    /// The fund's amount on each budget line after the change, in the contract's order.
    pub lines_dong: Vec<i64>,
    /// Changes of members or products, in words ("" for none).
    pub other_changes: String,
    pub reason: String,
}

/// Who must approve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Size {
    /// An officer (or the leader).
    Small,
    /// The leader.
    Large,
}

impl Size {
    pub fn code(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Large => "large",
        }
    }

    pub fn from_code(code: &str) -> Option<Size> {
        [Size::Small, Size::Large]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Size::Small => lang.pick("Nhỏ: chuyên viên duyệt", "Small: an officer approves"),
            Size::Large => lang.pick("Lớn: lãnh đạo Sở duyệt", "Large: the leader approves"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Approved, Status::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Pending => crate::glossary::AWAITING_APPROVAL.pick(lang),
            Status::Approved => lang.pick("Đã duyệt", "Approved"),
            Status::Rejected => lang.pick("Không duyệt", "Rejected"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum AmendmentProblem {
    /// Nothing would change.
    NoChange,
    LinesMismatch {
        expected: usize,
    },
    NegativeLine,
    /// The lines must still add up to the contract's total.
    TotalChanged {
        total_dong: i64,
        sum_dong: i64,
    },
    ExtensionTooLong {
        max_months: u32,
    },
    ReasonRequired,
    TooLong,
}

impl AmendmentProblem {
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::format_dong;
        match (self, lang) {
            (AmendmentProblem::NoChange, l) => l
                .pick("Đề nghị không thay đổi gì so với hợp đồng.", "The request changes nothing.")
                .into(),
            (AmendmentProblem::LinesMismatch { expected }, Lang::Vi) => {
                format!("Phải ghi đủ {expected} khoản chi của hợp đồng.")
            }
            (AmendmentProblem::LinesMismatch { expected }, Lang::En) => {
                format!("All {expected} budget lines of the contract are needed.")
            }
            (AmendmentProblem::NegativeLine, l) => l
                .pick("Số tiền một khoản chi không được âm.", "A line cannot be negative.")
                .into(),
            (AmendmentProblem::TotalChanged { total_dong, sum_dong }, Lang::Vi) => format!(
                "Điều chỉnh giữa các khoản chi không làm đổi tổng kinh phí: tổng phải là {}, đang là {}.",
                format_dong(*total_dong),
                format_dong(*sum_dong)
            ),
            (AmendmentProblem::TotalChanged { total_dong, sum_dong }, Lang::En) => format!(
                "Moving money between lines keeps the total: it must be {}, it is {}.",
                format_dong(*total_dong),
                format_dong(*sum_dong)
            ),
            (AmendmentProblem::ExtensionTooLong { max_months }, Lang::Vi) => {
                format!("Chỉ được gia hạn tối đa {max_months} tháng.")
            }
            (AmendmentProblem::ExtensionTooLong { max_months }, Lang::En) => {
                format!("At most {max_months} months' extension.")
            }
            (AmendmentProblem::ReasonRequired, l) => l
                .pick("Cần nêu lý do điều chỉnh.", "Give the reason for the change.")
                .into(),
            (AmendmentProblem::TooLong, l) => l
                .pick(
                    "Nội dung không được dài quá 5000 ký tự.",
                    "Texts must not exceed 5000 characters.",
                )
                .into(),
        }
    }
}

/// Money moved by the request: the sum of the increases (equal to the decreases).
pub fn moved_dong(baseline: &[i64], lines: &[i64]) -> i64 {
    baseline
        .iter()
        .zip(lines)
        .map(|(b, n)| (n - b).max(0))
        .fold(0i64, |a, b| a.saturating_add(b))
}

/// Checks a request against the contract's baseline lines and says who approves it.
pub fn check(
    rules: &AmendmentRules,
    baseline: &[i64],
    r: &Request,
) -> Result<Size, (&'static str, AmendmentProblem)> {
    if r.lines_dong.len() != baseline.len() {
        return Err((
            "lines_dong",
            AmendmentProblem::LinesMismatch {
                expected: baseline.len(),
            },
        ));
    }
    if r.lines_dong.iter().any(|l| *l < 0) {
        return Err(("lines_dong", AmendmentProblem::NegativeLine));
    }
    let total: i64 = baseline.iter().sum();
    let sum = r
        .lines_dong
        .iter()
        .try_fold(0i64, |a, b| a.checked_add(*b))
        .unwrap_or(i64::MAX);
    if sum != total {
        return Err((
            "lines_dong",
            AmendmentProblem::TotalChanged {
                total_dong: total,
                sum_dong: sum,
            },
        ));
    }
    if r.extension_months > rules.max_extension_months {
        return Err((
            "extension_months",
            AmendmentProblem::ExtensionTooLong {
                max_months: rules.max_extension_months,
            },
        ));
    }
    if r.reason.trim().is_empty() {
        return Err(("reason", AmendmentProblem::ReasonRequired));
    }
    if r.reason.chars().count() > 5_000 || r.other_changes.chars().count() > 5_000 {
        return Err(("other_changes", AmendmentProblem::TooLong));
    }
    let moved = moved_dong(baseline, &r.lines_dong);
    let others = !r.other_changes.trim().is_empty();
    if moved == 0 && r.extension_months == 0 && !others {
        return Err(("lines_dong", AmendmentProblem::NoChange));
    }
    let small_money = i128::from(moved) * 1000
        <= i128::from(rules.officer_max_moved_permille) * i128::from(total);
    Ok(
        if small_money && r.extension_months <= rules.officer_max_extension_months && !others {
            Size::Small
        } else {
            Size::Large
        },
    )
}

/// The contract as an amendment found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Baseline {
    pub lines: Vec<crate::contract::ContractLine>,
    pub duration_months: u32,
}

/// A tranche's due date as an extension finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrancheDue {
    pub seq: i32,
    pub due_at: chrono::DateTime<chrono::Utc>,
    /// A live payment was made or prepared on it.
    pub paid: bool,
}

/// An approved extension moves every tranche not yet paid by its months; paid tranches keep
/// their dates. Returns the tranches that move with their new due dates.
pub fn moved_tranches(
    tranches: &[TrancheDue],
    extension_months: u32,
) -> Vec<(i32, chrono::DateTime<chrono::Utc>)> {
    if extension_months == 0 {
        return Vec::new();
    }
    tranches
        .iter()
        .filter(|t| !t.paid)
        .filter_map(|t| {
            let due = t
                .due_at
                .checked_add_months(chrono::Months::new(extension_months))?;
            Some((t.seq, due))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(ext: u32, lines: &[i64], others: &str) -> Request {
        Request {
            extension_months: ext,
            lines_dong: lines.to_vec(),
            other_changes: others.into(),
            reason: "Thời tiết bất thường".into(),
        }
    }

    #[test]
    fn size_follows_the_rulebook_at_its_boundaries() {
        let rules = AmendmentRules::default();
        let base = [600, 400];
        // 10 % of 1 000 moved: still small; one đồng more is large.
        assert_eq!(
            check(&rules, &base, &req(0, &[500, 500], "")),
            Ok(Size::Small)
        );
        assert_eq!(
            check(&rules, &base, &req(0, &[499, 501], "")),
            Ok(Size::Large)
        );
        assert_eq!(check(&rules, &base, &req(6, &base, "")), Ok(Size::Small));
        assert_eq!(check(&rules, &base, &req(7, &base, "")), Ok(Size::Large));
        assert_eq!(
            check(&rules, &base, &req(0, &base, "Thay thành viên")),
            Ok(Size::Large)
        );
        assert_eq!(moved_dong(&base, &[499, 501]), 101);
    }

    #[test]
    fn requests_keep_the_total_and_change_something() {
        let rules = AmendmentRules::default();
        let base = [600, 400];
        assert_eq!(
            check(&rules, &base, &req(0, &[600, 401], "")),
            Err((
                "lines_dong",
                AmendmentProblem::TotalChanged {
                    total_dong: 1000,
                    sum_dong: 1001
                }
            ))
        );
        assert_eq!(
            check(&rules, &base, &req(0, &base, "")),
            Err(("lines_dong", AmendmentProblem::NoChange))
        );
        assert_eq!(
            check(&rules, &base, &req(13, &base, "")),
            Err((
                "extension_months",
                AmendmentProblem::ExtensionTooLong { max_months: 12 }
            ))
        );
        assert_eq!(
            check(&rules, &base, &req(0, &[1000], "")).unwrap_err().1,
            AmendmentProblem::LinesMismatch { expected: 2 }
        );
        assert_eq!(
            check(&rules, &base, &req(0, &[1001, -1], ""))
                .unwrap_err()
                .1,
            AmendmentProblem::NegativeLine
        );
        let mut no_reason = req(1, &base, "");
        no_reason.reason = " ".into();
        assert_eq!(
            check(&rules, &base, &no_reason),
            Err(("reason", AmendmentProblem::ReasonRequired))
        );
        assert_eq!(Size::from_code(Size::Large.code()), Some(Size::Large));
        for st in Status::ALL {
            assert_eq!(Status::from_code(st.code()), Some(st));
        }
    }

    #[test]
    fn an_extension_moves_only_unpaid_tranches() {
        use chrono::{TimeZone, Utc};
        let at = |m| Utc.with_ymd_and_hms(2026, m, 31, 0, 0, 0).unwrap();
        let tranches = [
            TrancheDue {
                seq: 1,
                due_at: at(1),
                paid: true,
            },
            TrancheDue {
                seq: 2,
                due_at: at(5),
                paid: false,
            },
        ];
        // 31 May plus one month is the last day of June.
        let june_30 = Utc.with_ymd_and_hms(2026, 6, 30, 0, 0, 0).unwrap();
        assert_eq!(moved_tranches(&tranches, 1), vec![(2, june_30)]);
        assert!(moved_tranches(&tranches, 0).is_empty());
    }
}
