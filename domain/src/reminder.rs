//! Reminders before deadlines (docs/notifications.md, "Reminders"): which fall due at a given
//! `now`, from the deadlines the data holds and the lead times of the rulebook. Each reminder
//! has a stage, so that it is sent once per stage however often the question is asked.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;

/// Lead times, in days, a rulebook sets (configurable defaults, not legal figures).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ReminderRules {
    /// Before a call closes, to researchers with a dossier not yet submitted.
    pub call_closing_days: u32,
    /// Before a correction deadline, to the researcher of a returned dossier.
    pub correction_days: u32,
    /// Before a progress report falls due, to the task's leader.
    pub report_due_days: u32,
    /// Once a progress report is overdue, again every this many days.
    pub report_overdue_every_days: u32,
    /// A payment waiting this many days for approval reminds the account holders, again every
    /// this many days.
    pub payment_waiting_days: u32,
    /// A task accepted this many days ago and not yet settled reminds its leader, again every
    /// this many days.
    pub settlement_days: u32,
    /// A council scoring this many days reminds the members who still owe a score sheet or a
    /// ballot, again every this many days.
    pub sheets_owed_days: u32,
}

impl Default for ReminderRules {
    fn default() -> Self {
        ReminderRules {
            call_closing_days: 3,
            correction_days: 2,
            report_due_days: 7,
            report_overdue_every_days: 7,
            payment_waiting_days: 2,
            settlement_days: 30,
            sheets_owed_days: 3,
        }
    }
}

impl ReminderRules {
    /// Every lead time is a day to a year.
    pub fn problems(&self) -> Vec<crate::issue::Issue> {
        use crate::issue::{issue, FormProblem};
        let mut out = Vec::new();
        for (path, days) in [
            ("reminders.call_closing_days", self.call_closing_days),
            ("reminders.correction_days", self.correction_days),
            ("reminders.report_due_days", self.report_due_days),
            (
                "reminders.report_overdue_every_days",
                self.report_overdue_every_days,
            ),
            ("reminders.payment_waiting_days", self.payment_waiting_days),
            ("reminders.settlement_days", self.settlement_days),
            ("reminders.sheets_owed_days", self.sheets_owed_days),
        ] {
            if !(1..=365).contains(&days) {
                out.push(issue(
                    path,
                    FormProblem::NumberOutOfRange { min: 1, max: 365 },
                ));
            }
        }
        out
    }
}

/// What a reminder is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ReminderKind {
    CallClosing,
    CorrectionDue,
    ReportDue,
    ReportOverdue,
    PaymentWaiting,
    SettlementDue,
    /// A selection council scoring: members with a score sheet not yet submitted.
    SheetsOwed,
    /// An identification council voting: members with a ballot not yet submitted.
    BallotsOwed,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 8] = [
        ReminderKind::CallClosing,
        ReminderKind::CorrectionDue,
        ReminderKind::ReportDue,
        ReminderKind::ReportOverdue,
        ReminderKind::PaymentWaiting,
        ReminderKind::SettlementDue,
        ReminderKind::SheetsOwed,
        ReminderKind::BallotsOwed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::CallClosing => "call_closing",
            ReminderKind::CorrectionDue => "correction_due",
            ReminderKind::ReportDue => "report_due",
            ReminderKind::ReportOverdue => "report_overdue",
            ReminderKind::PaymentWaiting => "payment_waiting",
            ReminderKind::SettlementDue => "settlement_due",
            ReminderKind::SheetsOwed => "sheets_owed",
            ReminderKind::BallotsOwed => "ballots_owed",
        }
    }

    /// How the kind's lead time is read: before the moment, after it once, or after it again
    /// and again.
    fn timing(self, rules: &ReminderRules) -> Timing {
        let days = |d: u32| Duration::days(i64::from(d.max(1)));
        match self {
            ReminderKind::CallClosing => Timing::Before(days(rules.call_closing_days)),
            ReminderKind::CorrectionDue => Timing::Before(days(rules.correction_days)),
            ReminderKind::ReportDue => Timing::Before(days(rules.report_due_days)),
            ReminderKind::ReportOverdue => {
                Timing::Every(days(rules.report_overdue_every_days), true)
            }
            ReminderKind::PaymentWaiting => Timing::Every(days(rules.payment_waiting_days), false),
            ReminderKind::SettlementDue => Timing::Every(days(rules.settlement_days), false),
            ReminderKind::SheetsOwed | ReminderKind::BallotsOwed => {
                Timing::Every(days(rules.sheets_owed_days), false)
            }
        }
    }

    /// How far back from `now` a deadline may lie and still be reminded of, and how far
    /// ahead: the window the server asks the database for.
    pub fn window(
        self,
        rules: &ReminderRules,
        now: DateTime<Utc>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        match self.timing(rules) {
            Timing::Before(lead) => (now, now + lead),
            // Repeating reminders look back over a year of waiting at most.
            Timing::Every(..) => (now - Duration::days(366), now),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timing {
    /// Once, within this lead before the moment (and not after it).
    Before(Duration),
    /// Every this long after the moment; `true`: the first at the moment itself.
    Every(Duration, bool),
}

/// The stage of a reminder about a moment `at` due at `now`, if any: 0 for a reminder before
/// the moment; 1, 2, … for each interval elapsed after it. The pair (subject, stage) is sent
/// once.
pub fn stage(
    kind: ReminderKind,
    rules: &ReminderRules,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<u32> {
    match kind.timing(rules) {
        Timing::Before(lead) => (now < at && now >= at - lead).then_some(0),
        Timing::Every(every, at_once) => {
            if now < at {
                return None;
            }
            let elapsed = (now - at).num_seconds() / every.num_seconds();
            let n = if at_once { elapsed + 1 } else { elapsed };
            (n >= 1).then(|| u32::try_from(n).unwrap_or(u32::MAX))
        }
    }
}

/// The text of a reminder about `subject` (a call's, a task's or a contract's name), and the
/// moment in question.
pub fn text(kind: ReminderKind, subject: &str, at: &str, lang: Lang) -> String {
    match (kind, lang) {
        (ReminderKind::CallClosing, Lang::Vi) => {
            format!("Đợt «{subject}» đóng lúc {at}; hồ sơ của bạn chưa nộp.")
        }
        (ReminderKind::CallClosing, Lang::En) => {
            format!("The call «{subject}» closes at {at}; your dossier is not submitted yet.")
        }
        (ReminderKind::CorrectionDue, Lang::Vi) => {
            format!("Hạn bổ sung hồ sơ «{subject}» là {at}.")
        }
        (ReminderKind::CorrectionDue, Lang::En) => {
            format!("The dossier «{subject}» must be corrected by {at}.")
        }
        (ReminderKind::ReportDue, Lang::Vi) => {
            format!("Báo cáo tiến độ nhiệm vụ «{subject}» đến hạn lúc {at}.")
        }
        (ReminderKind::ReportDue, Lang::En) => {
            format!("The progress report of «{subject}» is due at {at}.")
        }
        (ReminderKind::ReportOverdue, Lang::Vi) => {
            format!("Báo cáo tiến độ nhiệm vụ «{subject}» đã quá hạn (hạn {at}).")
        }
        (ReminderKind::ReportOverdue, Lang::En) => {
            format!("The progress report of «{subject}» is overdue (due {at}).")
        }
        (ReminderKind::PaymentWaiting, Lang::Vi) => {
            format!("Khoản chi của hợp đồng {subject} chờ duyệt từ {at}.")
        }
        (ReminderKind::PaymentWaiting, Lang::En) => {
            format!("A payment on contract {subject} has waited for approval since {at}.")
        }
        (ReminderKind::SettlementDue, Lang::Vi) => {
            format!("Nhiệm vụ «{subject}» đã nghiệm thu ngày {at}, chưa quyết toán.")
        }
        (ReminderKind::SettlementDue, Lang::En) => {
            format!("The task «{subject}» was accepted on {at} and is not settled yet.")
        }
        (ReminderKind::SheetsOwed, Lang::Vi) => {
            format!("Hội đồng «{subject}» chấm điểm từ {at}; bạn còn phiếu đánh giá chưa nộp.")
        }
        (ReminderKind::SheetsOwed, Lang::En) => {
            format!("The council «{subject}» has been scoring since {at}; you have score sheets to submit.")
        }
        (ReminderKind::BallotsOwed, Lang::Vi) => {
            format!("Hội đồng «{subject}» bỏ phiếu từ {at}; bạn còn phiếu chưa nộp.")
        }
        (ReminderKind::BallotsOwed, Lang::En) => {
            format!(
                "The council «{subject}» has been voting since {at}; you have ballots to submit."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(day: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap() + Duration::days(day)
    }

    #[test]
    fn before_kinds_fire_once_within_their_lead_and_never_after() {
        let r = ReminderRules::default();
        let closes = at(10);
        let s = |now| stage(ReminderKind::CallClosing, &r, closes, now);
        assert_eq!(s(at(6)), None, "4 days before: not yet (lead 3)");
        assert_eq!(s(at(7)), Some(0));
        assert_eq!(s(at(10) - Duration::seconds(1)), Some(0));
        assert_eq!(s(at(10)), None, "closed: too late to remind");
        let c = |now| stage(ReminderKind::CorrectionDue, &r, closes, now);
        assert_eq!((c(at(7)), c(at(8))), (None, Some(0)));
    }

    #[test]
    fn overdue_reports_remind_at_once_then_every_interval() {
        let r = ReminderRules::default();
        let due = at(0);
        let s = |now| stage(ReminderKind::ReportOverdue, &r, due, now);
        assert_eq!(s(at(0) - Duration::seconds(1)), None);
        assert_eq!(s(at(0)), Some(1));
        assert_eq!(s(at(6)), Some(1));
        assert_eq!(s(at(7)), Some(2));
        assert_eq!(s(at(15)), Some(3));
    }

    #[test]
    fn waiting_payments_remind_after_their_wait_and_again() {
        let r = ReminderRules::default();
        let prepared = at(0);
        let s = |now| stage(ReminderKind::PaymentWaiting, &r, prepared, now);
        assert_eq!(s(at(1)), None);
        assert_eq!(s(at(2)), Some(1));
        assert_eq!(s(at(4)), Some(2));
        let settle = |now| stage(ReminderKind::SettlementDue, &r, prepared, now);
        assert_eq!((settle(at(29)), settle(at(30))), (None, Some(1)));
        let owed = |now| stage(ReminderKind::SheetsOwed, &r, prepared, now);
        assert_eq!(
            (owed(at(2)), owed(at(3)), owed(at(6))),
            (None, Some(1), Some(2))
        );
    }

    #[test]
    fn a_stored_rulebook_without_a_newer_lead_time_reads_its_default() {
        let old = r#"{"call_closing_days":5,"correction_days":2,"report_due_days":7,
            "report_overdue_every_days":7,"payment_waiting_days":2,"settlement_days":30}"#;
        let r: ReminderRules = serde_json::from_str(old).unwrap();
        assert_eq!((r.call_closing_days, r.sheets_owed_days), (5, 3));
    }

    #[test]
    fn the_window_holds_every_moment_that_can_fire() {
        let r = ReminderRules::default();
        let now = at(0);
        for kind in ReminderKind::ALL {
            let (from, to) = kind.window(&r, now);
            for day in -400..400 {
                let moment = at(day);
                if stage(kind, &r, moment, now).is_some() && day > -366 {
                    assert!(moment >= from && moment <= to, "{kind:?} day {day}");
                }
            }
        }
    }

    #[test]
    fn lead_times_are_a_day_to_a_year() {
        assert!(ReminderRules::default().problems().is_empty());
        let r = ReminderRules {
            correction_days: 0,
            settlement_days: 366,
            ..ReminderRules::default()
        };
        let paths: Vec<String> = r.problems().into_iter().map(|i| i.path).collect();
        assert_eq!(
            paths,
            ["reminders.correction_days", "reminders.settlement_days"]
        );
    }

    proptest! {
        /// A stage never goes back as time goes on: what was sent stays sent.
        #[test]
        fn stages_never_decrease(k in 0usize..8, a in 0i64..100, b in 0i64..100, m in -50i64..50) {
            let kind = ReminderKind::ALL[k];
            let r = ReminderRules::default();
            let (early, late) = (a.min(b), a.max(b));
            let moment = at(m);
            let s1 = stage(kind, &r, moment, at(early));
            let s2 = stage(kind, &r, moment, at(late));
            if let (Some(x), Some(y)) = (s1, s2) {
                prop_assert!(x <= y);
            }
        }
    }
}
