//! Who may lead a new task, and which organisation may host one (docs/lifecycle.md,
//! "Eligibility"), checked at submission with the reason shown. The figures are the rulebook's:
//! the two years after a failure follow the NAFOSTED model (LEGAL-SOURCES §1, TT 40/2014
//! Art. 18); the others are the province's choice, their defaults said on the rulebook page.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EligibilityRules {
    /// Years after a Không đạt verdict, or a termination for a subjective cause, during which
    /// the task's leader may not lead a new one.
    pub failure_bar_years: u32,
    /// Tasks a person may lead at once (signed, not yet closed or terminated).
    pub max_running_tasks: u32,
    /// Days after the verdict (or the termination) by which the settlement is to be approved;
    /// past them, the task's leader may not lead a new one.
    pub settlement_due_days: u32,
    /// Days after the settlement by which a refund is to be paid in; past them, the host
    /// organisation may not host a new task.
    pub refund_due_days: u32,
}

impl Default for EligibilityRules {
    fn default() -> Self {
        EligibilityRules {
            failure_bar_years: 2,
            max_running_tasks: 3,
            settlement_due_days: 180,
            refund_due_days: 90,
        }
    }
}

/// What is known of the would-be leader's earlier tasks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaderRecord {
    pub running_tasks: u32,
    /// When each earlier task failed (Không đạt) or was terminated for a subjective cause.
    pub failures: Vec<DateTime<Utc>>,
    /// For each task concluded or terminated and not settled: since when.
    pub unsettled_since: Vec<DateTime<Utc>>,
}

/// What is known of the host organisation: for each refund still due, the settlement's date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostRecord {
    pub refunds_due_since: Vec<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Ineligible {
    /// A settlement of the leader's is overdue since `since`.
    SettlementOverdue {
        since: DateTime<Utc>,
    },
    /// A task of the leader's failed; they may lead again from `until`.
    RecentFailure {
        until: DateTime<Utc>,
    },
    TooManyTasks {
        max: u32,
    },
    /// The host organisation has a refund overdue since `since`.
    HostRefundOverdue {
        since: DateTime<Utc>,
    },
}

impl Ineligible {
    pub fn message(&self, lang: Lang) -> String {
        let date = |d: &DateTime<Utc>| crate::format::format_date(*d);
        match (self, lang) {
            (Ineligible::SettlementOverdue { since }, Lang::Vi) => format!("Chủ nhiệm còn nhiệm vụ chưa quyết toán quá hạn (từ {}): chưa được chủ nhiệm nhiệm vụ mới.", date(since)),
            (Ineligible::SettlementOverdue { since }, Lang::En) => format!("The leader has a settlement overdue (since {}): they may not lead a new task.", date(since)),
            (Ineligible::RecentFailure { until }, Lang::Vi) => format!("Chủ nhiệm có nhiệm vụ không hoàn thành do lỗi chủ quan: được chủ nhiệm nhiệm vụ mới từ {}.", date(until)),
            (Ineligible::RecentFailure { until }, Lang::En) => format!("A task of the leader's was not completed through their own doing: they may lead again from {}.", date(until)),
            (Ineligible::TooManyTasks { max }, Lang::Vi) => format!("Chủ nhiệm đang chủ trì {max} nhiệm vụ, mức tối đa cùng lúc."),
            (Ineligible::TooManyTasks { max }, Lang::En) => format!("The leader already leads {max} running tasks, the most at once."),
            (Ineligible::HostRefundOverdue { since }, Lang::Vi) => format!("Tổ chức chủ trì còn khoản phải nộp trả quá hạn (quyết toán ngày {}): chưa được chủ trì nhiệm vụ mới.", date(since)),
            (Ineligible::HostRefundOverdue { since }, Lang::En) => format!("The host organisation has a refund overdue (settled on {}): it may not host a new task.", date(since)),
        }
    }
}

/// The first reason the leader (and host) may not take a new task at `now`, if any.
pub fn check(
    rules: &EligibilityRules,
    leader: &LeaderRecord,
    host: &HostRecord,
    now: DateTime<Utc>,
) -> Result<(), Ineligible> {
    let days = |n: u32| Duration::days(n.into());
    if let Some(since) = leader
        .unsettled_since
        .iter()
        .filter(|s| **s + days(rules.settlement_due_days) < now)
        .min()
    {
        return Err(Ineligible::SettlementOverdue { since: *since });
    }
    let bar = days(rules.failure_bar_years.saturating_mul(365));
    if let Some(until) = leader
        .failures
        .iter()
        .map(|f| *f + bar)
        .filter(|u| *u > now)
        .max()
    {
        return Err(Ineligible::RecentFailure { until });
    }
    if leader.running_tasks >= rules.max_running_tasks {
        return Err(Ineligible::TooManyTasks {
            max: rules.max_running_tasks,
        });
    }
    if let Some(since) = host
        .refunds_due_since
        .iter()
        .filter(|s| **s + days(rules.refund_due_days) < now)
        .min()
    {
        return Err(Ineligible::HostRefundOverdue { since: *since });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn each_rule_refuses_with_its_reason_and_its_date() {
        let rules = EligibilityRules::default();
        let clean = (LeaderRecord::default(), HostRecord::default());
        assert_eq!(check(&rules, &clean.0, &clean.1, now()), Ok(()));
        let failed_at = now() - Duration::days(400);
        let failed = LeaderRecord {
            failures: vec![failed_at],
            ..Default::default()
        };
        assert_eq!(
            check(&rules, &failed, &clean.1, now()),
            Err(Ineligible::RecentFailure {
                until: failed_at + Duration::days(730)
            })
        );
        let long_ago = LeaderRecord {
            failures: vec![now() - Duration::days(731)],
            ..Default::default()
        };
        assert_eq!(check(&rules, &long_ago, &clean.1, now()), Ok(()));
        let busy = LeaderRecord {
            running_tasks: 3,
            ..Default::default()
        };
        assert_eq!(
            check(&rules, &busy, &clean.1, now()),
            Err(Ineligible::TooManyTasks { max: 3 })
        );
        let late = now() - Duration::days(181);
        let unsettled = LeaderRecord {
            unsettled_since: vec![late, now()],
            ..Default::default()
        };
        assert_eq!(
            check(&rules, &unsettled, &clean.1, now()),
            Err(Ineligible::SettlementOverdue { since: late })
        );
        let recent = LeaderRecord {
            unsettled_since: vec![now() - Duration::days(179)],
            ..Default::default()
        };
        assert_eq!(check(&rules, &recent, &clean.1, now()), Ok(()));
        let owing = HostRecord {
            refunds_due_since: vec![now() - Duration::days(91)],
        };
        assert!(matches!(
            check(&rules, &clean.0, &owing, now()),
            Err(Ineligible::HostRefundOverdue { .. })
        ));
        assert!(Ineligible::TooManyTasks { max: 2 }
            .message(Lang::Vi)
            .contains("tối đa"));
    }
}
