//! The action programme's indicators (docs/programme.md): the catalogue's targets, the figures
//! the responsible units enter and the department approves, the figures computed from the
//! system's own data, and how far each stands from its target.
//!
//! Figures are kept as integers in hundredths (`2,5 %` is 250), so that a share of GRDP and a
//! count of enterprises are both exact.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The largest figure accepted, in hundredths: ten thousand billion.
pub const MAX_HUNDREDTHS: i64 = 1_000_000_000_000_000;
/// Longest note or reason kept with a figure, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;

/// How a figure meets its target: the programme's "at least 60 %", "more than 85 %".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    MoreThan,
    AtMost,
}

impl Comparison {
    pub const ALL: [Comparison; 3] = [
        Comparison::AtLeast,
        Comparison::MoreThan,
        Comparison::AtMost,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at_least",
            Comparison::MoreThan => "more_than",
            Comparison::AtMost => "at_most",
        }
    }

    pub fn from_code(code: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::AtMost => "≤",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Comparison::AtLeast => lang.pick("Ít nhất", "At least"),
            Comparison::MoreThan => lang.pick("Trên", "More than"),
            Comparison::AtMost => lang.pick("Không quá", "At most"),
        }
    }

    /// Whether `value` meets `target`.
    pub fn met(self, value: i64, target: i64) -> bool {
        match self {
            Comparison::AtLeast => value >= target,
            Comparison::MoreThan => value > target,
            Comparison::AtMost => value <= target,
        }
    }
}

/// How far a figure has come towards its target, in whole percent from 0 to 100: the share of
/// the target reached (rounded down), 100 once met; for a ceiling (`AtMost`), 100 while under
/// it and the target's share of the figure above it.
pub fn progress_percent(value: i64, target: i64, comparison: Comparison) -> u32 {
    if comparison.met(value, target) {
        return 100;
    }
    let (part, whole) = match comparison {
        Comparison::AtMost => (target, value),
        _ => (value, target),
    };
    if part <= 0 || whole <= 0 {
        return 0;
    }
    // i128: a hundred times the largest figure does not fit i64's comfort.
    let share = (i128::from(part) * 100 / i128::from(whole)).clamp(0, 100) as u32;
    // Not met means not 100, however close.
    share.min(99)
}

/// Where an indicator's figures come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Entered each year by the responsible unit, approved by the department.
    Entered,
    /// Counted from the system's own records.
    Computed(Metric),
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Entered => "entered",
            Source::Computed(m) => m.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<Source> {
        if code == "entered" {
            return Some(Source::Entered);
        }
        Metric::from_code(code).map(Source::Computed)
    }

    pub fn label(self, lang: Lang) -> String {
        match self {
            Source::Entered => lang
                .pick("Đơn vị nhập, Sở duyệt", "Entered, approved")
                .into(),
            Source::Computed(m) => format!(
                "{}: {}",
                lang.pick("Tính từ dữ liệu", "Computed"),
                m.label(lang)
            ),
        }
    }
}

/// A figure counted from the records, per calendar year in Vietnam and level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Proposals for ordered tasks received in the year.
    Proposals,
    /// Dossiers submitted to calls in the year.
    Applications,
    /// Contracts signed in the year.
    TasksFunded,
    /// Acceptances concluded in the year with a passing rating.
    TasksAccepted,
    /// Tasks terminated in the year.
    TasksTerminated,
    /// Liability exemptions granted in the year.
    TasksExempted,
    /// Results registered in the year.
    ResultsRegistered,
    /// Money committed by the contracts signed in the year, đồng.
    MoneyCommitted,
    /// Tranches paid in the year, đồng.
    MoneyDisbursed,
    /// Settled in the year, đồng.
    MoneySettled,
    /// Found to be refunded at settlements in the year, đồng.
    MoneyRefunded,
}

impl Metric {
    pub const ALL: [Metric; 11] = [
        Metric::Proposals,
        Metric::Applications,
        Metric::TasksFunded,
        Metric::TasksAccepted,
        Metric::TasksTerminated,
        Metric::TasksExempted,
        Metric::ResultsRegistered,
        Metric::MoneyCommitted,
        Metric::MoneyDisbursed,
        Metric::MoneySettled,
        Metric::MoneyRefunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::Proposals => "proposals",
            Metric::Applications => "applications",
            Metric::TasksFunded => "tasks_funded",
            Metric::TasksAccepted => "tasks_accepted",
            Metric::TasksTerminated => "tasks_terminated",
            Metric::TasksExempted => "tasks_exempted",
            Metric::ResultsRegistered => "results_registered",
            Metric::MoneyCommitted => "money_committed",
            Metric::MoneyDisbursed => "money_disbursed",
            Metric::MoneySettled => "money_settled",
            Metric::MoneyRefunded => "money_refunded",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Whether the metric counts đồng (else records).
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Metric::MoneyCommitted
                | Metric::MoneyDisbursed
                | Metric::MoneySettled
                | Metric::MoneyRefunded
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Metric::Proposals => lang.pick("Đề xuất đặt hàng nhận được", "Proposals received"),
            Metric::Applications => lang.pick("Hồ sơ đăng ký đã nộp", "Applications submitted"),
            Metric::TasksFunded => lang.pick("Nhiệm vụ được ký hợp đồng", "Tasks contracted"),
            Metric::TasksAccepted => lang.pick("Nhiệm vụ nghiệm thu đạt", "Tasks accepted"),
            Metric::TasksTerminated => lang.pick("Nhiệm vụ bị chấm dứt", "Tasks terminated"),
            Metric::TasksExempted => lang.pick("Nhiệm vụ được miễn trách nhiệm", "Tasks exempted"),
            Metric::ResultsRegistered => lang.pick("Kết quả được đăng ký", "Results registered"),
            Metric::MoneyCommitted => lang.pick("Kinh phí cam kết", "Money committed"),
            Metric::MoneyDisbursed => lang.pick("Kinh phí đã cấp", "Money disbursed"),
            Metric::MoneySettled => lang.pick("Kinh phí đã quyết toán", "Money settled"),
            Metric::MoneyRefunded => lang.pick("Kinh phí phải thu hồi", "Money to refund"),
        }
    }
}

/// Where an entered figure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FigureState {
    Submitted,
    Approved,
    Returned,
}

impl FigureState {
    pub const ALL: [FigureState; 3] = [
        FigureState::Submitted,
        FigureState::Approved,
        FigureState::Returned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FigureState::Submitted => "submitted",
            FigureState::Approved => "approved",
            FigureState::Returned => "returned",
        }
    }

    pub fn from_code(code: &str) -> Option<FigureState> {
        FigureState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FigureState::Submitted => lang.pick("Chờ duyệt", "Awaiting approval"),
            FigureState::Approved => lang.pick("Đã duyệt", "Approved"),
            FigureState::Returned => lang.pick("Trả lại", "Returned"),
        }
    }
}

/// What the department decides on a submitted figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    /// Sent back to the unit with the reason.
    Return,
}

/// Why a figure or a decision on it is refused; each at its field.
#[derive(
    Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum FigureProblem {
    #[error("not a number")]
    NotANumber,
    #[error("too large")]
    TooLarge,
    #[error("year outside the programme")]
    YearOutOfRange { first: i32, last: i32 },
    #[error("note too long")]
    NoteTooLong,
    #[error("a returned figure needs the reason")]
    ReasonRequired,
    #[error("already decided")]
    AlreadyDecided,
    #[error("one's own figure")]
    OwnFigure,
    #[error("computed, not entered")]
    Computed,
    #[error("code not of letters, digits and underscores")]
    CodeInvalid,
    #[error("code taken")]
    CodeTaken,
}

impl FigureProblem {
    /// The form field the problem belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            FigureProblem::NotANumber | FigureProblem::TooLarge => "value",
            FigureProblem::YearOutOfRange { .. } => "year",
            FigureProblem::NoteTooLong | FigureProblem::ReasonRequired => "note",
            FigureProblem::AlreadyDecided | FigureProblem::OwnFigure => "figure",
            FigureProblem::Computed => "indicator",
            FigureProblem::CodeInvalid | FigureProblem::CodeTaken => "code",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FigureProblem::NotANumber, Lang::Vi) => {
                "Nhập một số không âm, tối đa hai chữ số thập phân (ví dụ 2,5).".into()
            }
            (FigureProblem::NotANumber, Lang::En) => {
                "Enter a number, not negative, with at most two decimals (e.g. 2.5).".into()
            }
            (FigureProblem::TooLarge, Lang::Vi) => "Số quá lớn.".into(),
            (FigureProblem::TooLarge, Lang::En) => "The number is too large.".into(),
            (FigureProblem::YearOutOfRange { first, last }, Lang::Vi) => {
                format!("Năm phải {}.", crate::format::span(first, last, Lang::Vi))
            }
            (FigureProblem::YearOutOfRange { first, last }, Lang::En) => {
                format!(
                    "The year must be {}.",
                    crate::format::span(first, last, Lang::En)
                )
            }
            (FigureProblem::NoteTooLong, Lang::Vi) => {
                format!("Ghi chú dài quá {NOTE_MAX_CHARS} ký tự.")
            }
            (FigureProblem::NoteTooLong, Lang::En) => {
                format!("The note is longer than {NOTE_MAX_CHARS} characters.")
            }
            (FigureProblem::ReasonRequired, Lang::Vi) => "Ghi rõ lý do trả lại.".into(),
            (FigureProblem::ReasonRequired, Lang::En) => "Give the reason for returning it.".into(),
            (FigureProblem::AlreadyDecided, Lang::Vi) => {
                "Số liệu này đã được duyệt hoặc trả lại.".into()
            }
            (FigureProblem::AlreadyDecided, Lang::En) => {
                "This figure has already been approved or returned.".into()
            }
            (FigureProblem::OwnFigure, Lang::Vi) => {
                "Không được tự duyệt số liệu do chính mình nhập.".into()
            }
            (FigureProblem::OwnFigure, Lang::En) => "Nobody approves a figure they entered.".into(),
            (FigureProblem::Computed, Lang::Vi) => {
                "Chỉ tiêu này được tính từ dữ liệu của hệ thống, không nhập tay.".into()
            }
            (FigureProblem::Computed, Lang::En) => {
                "This indicator is computed from the system's data, not entered.".into()
            }
            (FigureProblem::CodeInvalid, Lang::Vi) => {
                "Mã gồm chữ thường không dấu, chữ số và dấu gạch dưới, tối đa 60 ký tự.".into()
            }
            (FigureProblem::CodeInvalid, Lang::En) => {
                "The code is lowercase letters, digits and underscores, at most 60.".into()
            }
            (FigureProblem::CodeTaken, Lang::Vi) => "Đã có chỉ tiêu mang mã này.".into(),
            (FigureProblem::CodeTaken, Lang::En) => "Another indicator has this code.".into(),
        }
    }
}

/// An indicator's code: lowercase ASCII letters, digits and underscores, 1 to 60 of them.
pub fn check_code(code: &str) -> Result<(), FigureProblem> {
    let ok = (1..=60).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(FigureProblem::CodeInvalid)
    }
}

/// Reads a figure as typed: digits, at most one decimal separator (`,` as in Vietnamese, or
/// `.`) followed by at most two digits, spaces ignored. Answers hundredths.
pub fn parse_figure(text: &str) -> Result<i64, FigureProblem> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || (text.len() > whole.len() && !digits(fraction)) || fraction.len() > 2 {
        return Err(FigureProblem::NotANumber);
    }
    if whole.len() > 16 {
        return Err(FigureProblem::TooLarge);
    }
    let whole: i64 = whole.parse().map_err(|_| FigureProblem::TooLarge)?;
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let value = whole
        .checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or(FigureProblem::TooLarge)?;
    if value > MAX_HUNDREDTHS {
        return Err(FigureProblem::TooLarge);
    }
    Ok(value)
}

/// A figure in hundredths as people read it: `1.250,5` in Vietnamese, `1,250.5` in English,
/// no decimals when whole.
pub fn format_figure(hundredths: i64, lang: Lang) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let v = hundredths.unsigned_abs();
    let (whole, cents) = (v / 100, v % 100);
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match cents {
        0 => format!("{sign}{grouped}"),
        c if c % 10 == 0 => format!("{sign}{grouped}{decimal}{}", c / 10),
        c => format!("{sign}{grouped}{decimal}{c:02}"),
    }
}

/// Checks a figure entered for `year`: the year within the programme's span, the note not too
/// long. The value is checked by `parse_figure`.
pub fn check_entry(year: i32, span: (i32, i32), note: &str) -> Result<(), FigureProblem> {
    let (first, last) = span;
    if !(first..=last).contains(&year) {
        return Err(FigureProblem::YearOutOfRange { first, last });
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(FigureProblem::NoteTooLong);
    }
    Ok(())
}

/// The department's decision on a figure: only a submitted one, never by the person who
/// entered it; a return needs its reason. Answers the figure's new state.
pub fn decide(
    state: FigureState,
    entered_by: i64,
    decider: i64,
    decision: &Decision,
    reason: &str,
) -> Result<FigureState, FigureProblem> {
    if state != FigureState::Submitted {
        return Err(FigureProblem::AlreadyDecided);
    }
    if entered_by == decider {
        return Err(FigureProblem::OwnFigure);
    }
    if reason.chars().count() > NOTE_MAX_CHARS {
        return Err(FigureProblem::NoteTooLong);
    }
    match decision {
        Decision::Approve => Ok(FigureState::Approved),
        Decision::Return if reason.trim().is_empty() => Err(FigureProblem::ReasonRequired),
        Decision::Return => Ok(FigureState::Returned),
    }
}

pub mod durations;

#[cfg(test)]
mod tests;
