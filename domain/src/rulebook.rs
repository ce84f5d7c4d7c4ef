//! The rulebook: every number the regulations set, versioned. A call pins the version in force
//! when it is published, so a later change never alters a running evaluation. The defaults are
//! the national texts provinces copied from (LEGAL-SOURCES.md); each province verifies them.

use serde::{Deserialize, Serialize};

use crate::application::TeamRole;
use crate::issue::{issue, FormProblem, Issue};

/// Labour coefficients in thousandths, so that arithmetic on money stays in integers
/// (TT 02/2023/TT-BKHCN: leader 1.0, scientific secretary 0.3, main member 0.8, member 0.4,
/// technician 0.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LabourCoefficients {
    pub leader_permille: u32,
    pub secretary_permille: u32,
    pub main_member_permille: u32,
    pub member_permille: u32,
    pub technician_permille: u32,
}

impl LabourCoefficients {
    pub fn of(&self, role: TeamRole) -> u32 {
        match role {
            TeamRole::Leader => self.leader_permille,
            TeamRole::ScientificSecretary => self.secretary_permille,
            TeamRole::MainMember => self.main_member_permille,
            TeamRole::Member => self.member_permille,
            TeamRole::Technician => self.technician_permille,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rulebook {
    /// Increases with every change; calls store the version they pinned.
    pub version: u32,
    /// The level of the tasks it governs: a call pins the latest version of its own level's
    /// rulebook. (Versions stored before levels existed are provincial.)
    #[serde(default = "provincial")]
    pub level: crate::call::TaskLevel,
    /// A managing unit's own line (grassroots only): its calls pin it instead of the grassroots
    /// line. `None`: the level's own line.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// A task type's own line: calls of that type pin it instead of the line for every type.
    /// `None`: every type.
    #[serde(default)]
    pub kind: Option<crate::call::TaskKind>,
    pub labour: LabourCoefficients,
    /// Đồng per working day at coefficient 1.0, the base of every labour line.
    pub labour_base_rate_dong_per_day: i64,
    /// Longest task a call may accept, in months.
    pub max_duration_months: u32,
    /// Whether the host organisation must confirm an application before the department sees it.
    pub host_confirmation_required: bool,
    /// Whether the fund pays the tasks (docs/ledger.md, "Books"). A grassroots task the fund
    /// does not pay is paid by its managing unit from the unit's own book; a provincial task is
    /// always the fund's. (Versions stored before this read as the fund paying.)
    #[serde(default = "fund_pays")]
    pub fund_pays: bool,
    /// Selection councils: size, reviewers, quorum. (Versions stored before councils existed
    /// read as the defaults.)
    #[serde(default)]
    pub council: crate::council::CouncilRules,
    /// The score sheet and how sheets are combined.
    #[serde(default)]
    pub scoring: crate::scoring::ScoringRules,
    /// Progress reporting while a task runs.
    #[serde(default)]
    pub reporting: crate::execution::ReportingRules,
    /// The acceptance council and its vote rule.
    #[serde(default)]
    pub acceptance: crate::acceptance::AcceptanceRules,
    /// Settlement of tasks not completed.
    #[serde(default)]
    pub settlement: crate::settlement::SettlementRules,
    /// Amendments of running contracts: limits and who approves.
    #[serde(default)]
    pub amendment: crate::amendment::AmendmentRules,
    /// Who may lead and host a new task.
    #[serde(default)]
    pub eligibility: crate::eligibility::EligibilityRules,
    /// The identification council for proposals (the provincial rulebook's applies).
    #[serde(default)]
    pub identification: crate::identification::IdentificationRules,
    /// Lead times of the reminders before deadlines (the provincial rulebook's apply to every
    /// task; docs/notifications.md, "Reminders").
    #[serde(default)]
    pub reminders: crate::reminder::ReminderRules,
}

fn fund_pays() -> bool {
    true
}

fn provincial() -> crate::call::TaskLevel {
    crate::call::TaskLevel::Provincial
}

/// Bounds a rulebook's numbers must stay within: wide enough for any province, narrow enough
/// that a typing slip (a coefficient of 10 instead of 1.0) is caught.
pub const MAX_COEFFICIENT_PERMILLE: u32 = 5_000;
pub const MAX_BASE_RATE_DONG_PER_DAY: i64 = 50_000_000;
pub const MAX_DURATION_MONTHS_LIMIT: u32 = 120;

impl Rulebook {
    /// What is out of bounds in a rulebook about to be published, by path.
    #[expect(
        clippy::too_many_lines,
        reason = "one bound per rule, in the order the rulebook page lists them"
    )]
    pub fn problems(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let mut range = |path: &str, value: i64, min: i64, max: i64| {
            if !(min..=max).contains(&value) {
                out.push(issue(path, FormProblem::NumberOutOfRange { min, max }));
            }
        };
        let max_c = i64::from(MAX_COEFFICIENT_PERMILLE);
        let l = &self.labour;
        range("labour.leader_permille", l.leader_permille.into(), 1, max_c);
        range(
            "labour.secretary_permille",
            l.secretary_permille.into(),
            1,
            max_c,
        );
        range(
            "labour.main_member_permille",
            l.main_member_permille.into(),
            1,
            max_c,
        );
        range("labour.member_permille", l.member_permille.into(), 1, max_c);
        range(
            "labour.technician_permille",
            l.technician_permille.into(),
            1,
            max_c,
        );
        range(
            "labour_base_rate_dong_per_day",
            self.labour_base_rate_dong_per_day,
            1,
            MAX_BASE_RATE_DONG_PER_DAY,
        );
        range(
            "max_duration_months",
            self.max_duration_months.into(),
            1,
            MAX_DURATION_MONTHS_LIMIT.into(),
        );
        let c = &self.council;
        range("council.min_members", c.min_members.into(), 3, 25);
        range(
            "council.max_members",
            c.max_members.into(),
            c.min_members.into(),
            25,
        );
        range(
            "council.reviewers",
            c.reviewers.into(),
            0,
            i64::from(c.min_members.saturating_sub(2)),
        );
        range("council.quorum", c.quorum.0.into(), 1, c.quorum.1.into());
        let sc = &self.scoring;
        range("scoring.criteria", sc.criteria.len() as i64, 1, 20);
        let el = &self.eligibility;
        range(
            "eligibility.failure_bar_years",
            el.failure_bar_years.into(),
            0,
            10,
        );
        range(
            "eligibility.max_running_tasks",
            el.max_running_tasks.into(),
            1,
            20,
        );
        range(
            "eligibility.settlement_due_days",
            el.settlement_due_days.into(),
            30,
            730,
        );
        range(
            "eligibility.refund_due_days",
            el.refund_due_days.into(),
            7,
            365,
        );
        for (i, cr) in sc.criteria.iter().enumerate() {
            range(
                &format!("scoring.criteria.{i}.max_points"),
                cr.max_points.into(),
                1,
                100,
            );
        }
        // The sheet is out of 100 points (docs/rulebook.md).
        let sum: i64 = sc.criteria.iter().map(|c| i64::from(c.max_points)).sum();
        range("scoring.criteria", sum, 100, 100);
        range("scoring.pass_mean_total", sc.pass_mean_total.into(), 1, 100);
        range(
            "scoring.zero_share",
            sc.zero_share.0.into(),
            0,
            sc.zero_share.1.into(),
        );
        // A share needs a denominator.
        range("scoring.zero_share", sc.zero_share.1.into(), 1, 100);
        range("council.quorum", c.quorum.1.into(), 1, 100);
        for (i, t) in sc.tie_break.iter().enumerate() {
            if let crate::scoring::TieBreak::CriterionMean(k) = t {
                range(
                    &format!("scoring.tie_break.{i}"),
                    *k as i64,
                    0,
                    sc.criteria.len() as i64 - 1,
                );
            }
        }
        range(
            "reporting.interval_months",
            self.reporting.interval_months.into(),
            1,
            24,
        );
        range(
            "reporting.grace_days",
            self.reporting.grace_days.into(),
            0,
            90,
        );
        let a = &self.acceptance;
        range("acceptance.min_members", a.min_members.into(), 3, 15);
        range(
            "acceptance.max_members",
            a.max_members.into(),
            a.min_members.into(),
            15,
        );
        range(
            "acceptance.quorum_permille",
            a.quorum_permille.into(),
            500,
            1000,
        );
        range(
            "acceptance.vote_permille",
            a.vote_permille.into(),
            500,
            1000,
        );
        range(
            "settlement.subjective_spent_share_permille",
            self.settlement.subjective_spent_share_permille.into(),
            0,
            1000,
        );
        let am = &self.amendment;
        range(
            "amendment.max_extension_months",
            am.max_extension_months.into(),
            0,
            36,
        );
        range(
            "amendment.officer_max_extension_months",
            am.officer_max_extension_months.into(),
            0,
            am.max_extension_months.into(),
        );
        range(
            "amendment.officer_max_moved_permille",
            am.officer_max_moved_permille.into(),
            0,
            1000,
        );
        for (i, cr) in sc.criteria.iter().enumerate() {
            if cr.name_vi.trim().is_empty() {
                out.push(issue(
                    format!("scoring.criteria.{i}.name_vi"),
                    FormProblem::Required,
                ));
            }
        }
        out.extend(self.identification.problems());
        out.extend(self.reminders.problems());
        if self.unit_id.is_some() && self.level != crate::call::TaskLevel::Grassroots {
            out.push(issue("unit_id", FormProblem::UnitRulebookIsGrassroots));
        }
        if !self.fund_pays && self.level != crate::call::TaskLevel::Grassroots {
            out.push(issue("fund_pays", FormProblem::ProvincialTasksFundPaid));
        }
        out
    }

    /// The defaults of docs/rulebook.md. The base rate is a configurable placeholder that the
    /// province sets from its own norms; it is not taken from a legal text.
    pub fn national_default() -> Rulebook {
        Rulebook {
            version: 1,
            level: crate::call::TaskLevel::Provincial,
            unit_id: None,
            kind: None,
            labour: LabourCoefficients {
                leader_permille: 1000,
                secretary_permille: 300,
                main_member_permille: 800,
                member_permille: 400,
                technician_permille: 200,
            },
            labour_base_rate_dong_per_day: 500_000,
            max_duration_months: 36,
            host_confirmation_required: false,
            fund_pays: true,
            council: crate::council::CouncilRules::default(),
            scoring: crate::scoring::ScoringRules::default(),
            reporting: Default::default(),
            acceptance: Default::default(),
            settlement: Default::default(),
            amendment: Default::default(),
            eligibility: Default::default(),
            identification: Default::default(),
            reminders: Default::default(),
        }
    }
}

impl Rulebook {
    /// Grassroots tasks (cấp cơ sở), run by the units themselves: the texts leave council sizes
    /// to the managing unit, so the default is a smaller council (3 to 7 members, one reviewer;
    /// acceptance by 3 to 7), paid by the unit from its own budget for science (its own book;
    /// the line may say the fund pays), everything else as for provincial tasks. The page says so.
    pub fn grassroots_default() -> Rulebook {
        let mut rb = Rulebook::national_default();
        rb.level = crate::call::TaskLevel::Grassroots;
        rb.council.min_members = 3;
        rb.council.max_members = 7;
        rb.council.reviewers = 1;
        rb.acceptance.min_members = 3;
        rb.acceptance.max_members = 7;
        rb.fund_pays = false;
        rb
    }

    /// The managing unit that pays a call's tasks under this rulebook: none when the fund pays
    /// (every provincial task, and a unit's grassroots tasks where the line says so).
    pub fn payer_unit(&self, call_unit: Option<i64>) -> Option<i64> {
        if self.fund_pays || self.level != crate::call::TaskLevel::Grassroots {
            None
        } else {
            call_unit
        }
    }
}

/// A coefficient as people write it: `300` ‰ → "0,3", `1000` → "1,0".
pub fn format_coefficient(permille: u32) -> String {
    let whole = permille / 1000;
    let frac = format!("{:03}", permille % 1000);
    let frac = frac.trim_end_matches('0');
    format!("{whole},{}", if frac.is_empty() { "0" } else { frac })
}

/// "0,3", "0.3", "1" → thousandths; more than three decimals or anything else is `None`.
pub fn parse_coefficient(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 3 {
        return None;
    }
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: u32 = format!("{frac:0<3}").parse().ok()?;
    whole.checked_mul(1000)?.checked_add(frac)
}

/// A line of versions within a level: a managing unit's own (none: the level's) and a task
/// type's own (none: every type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub unit_id: Option<i64>,
    pub kind: Option<crate::call::TaskKind>,
}

/// The lines a call of `level` and `kind` run by `unit` (none: the department) may pin, most
/// specific first (docs/rulebook.md): the unit's own line for the type, the unit's own line, the
/// level's line for the type, the level's line. It pins the first that has a version. A unit's
/// lines are grassroots only.
pub fn lines_for(
    level: crate::call::TaskLevel,
    unit: Option<i64>,
    kind: Option<crate::call::TaskKind>,
) -> Vec<Line> {
    let unit = unit.filter(|_| level == crate::call::TaskLevel::Grassroots);
    let mut out = Vec::new();
    for unit_id in [unit, None] {
        for kind in [kind, None] {
            let line = Line { unit_id, kind };
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_read_and_write_as_people_do() {
        for (p, s) in [(300, "0,3"), (1000, "1,0"), (1250, "1,25"), (5, "0,005")] {
            assert_eq!(format_coefficient(p), s);
            assert_eq!(parse_coefficient(s), Some(p));
        }
        assert_eq!(parse_coefficient("0.8"), Some(800));
        assert_eq!(parse_coefficient("2"), Some(2000));
        for bad in ["", ",", "0,0001", "một", "-1", "1e3"] {
            assert_eq!(parse_coefficient(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_national_default_is_within_bounds() {
        assert_eq!(Rulebook::national_default().problems(), vec![]);
    }

    #[test]
    fn a_unit_pays_its_grassroots_tasks_unless_its_line_says_the_fund_does() {
        let mut rb = Rulebook::grassroots_default();
        assert_eq!(rb.problems(), vec![]);
        assert_eq!(rb.payer_unit(Some(4)), Some(4));
        // The department's own grassroots call has no unit to pay it.
        assert_eq!(rb.payer_unit(None), None);
        rb.fund_pays = true;
        assert_eq!(rb.payer_unit(Some(4)), None);
        let mut provincial = Rulebook::national_default();
        assert_eq!(provincial.payer_unit(Some(4)), None);
        provincial.fund_pays = false;
        let paths: Vec<String> = provincial.problems().into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["fund_pays"]);
        assert_eq!(provincial.payer_unit(Some(4)), None);
    }

    #[test]
    fn slips_are_caught_by_path() {
        let mut rb = Rulebook::national_default();
        rb.labour.member_permille = 0;
        rb.labour_base_rate_dong_per_day = 0;
        rb.max_duration_months = 600;
        rb.scoring.criteria[0].max_points = 20;
        let paths: Vec<String> = rb.problems().into_iter().map(|i| i.path).collect();
        assert_eq!(
            paths,
            [
                "labour.member_permille",
                "labour_base_rate_dong_per_day",
                "max_duration_months",
                "scoring.criteria"
            ]
        );
        let mut rb = Rulebook::national_default();
        rb.scoring.criteria[2].name_vi = " ".into();
        rb.scoring.criteria.pop();
        rb.scoring.criteria[1].max_points = 85;
        let paths: Vec<String> = rb.problems().into_iter().map(|i| i.path).collect();
        // The tie-break named the third criterion, which is gone.
        assert_eq!(paths, ["scoring.tie_break.1"]);
        rb.scoring.criteria[0].name_vi = String::new();
        let paths: Vec<String> = rb.problems().into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["scoring.tie_break.1", "scoring.criteria.0.name_vi"]);
    }

    #[test]
    fn a_call_pins_the_most_specific_line() {
        use crate::call::{TaskKind, TaskLevel};
        let line = |unit_id, kind| Line { unit_id, kind };
        let pilot = Some(TaskKind::PilotProduction);
        assert_eq!(
            lines_for(TaskLevel::Grassroots, Some(3), pilot),
            vec![
                line(Some(3), pilot),
                line(Some(3), None),
                line(None, pilot),
                line(None, None)
            ]
        );
        // A provincial call has no unit's line; a call of no named type, no type's line.
        assert_eq!(
            lines_for(TaskLevel::Provincial, Some(3), pilot),
            vec![line(None, pilot), line(None, None)]
        );
        assert_eq!(
            lines_for(TaskLevel::Grassroots, Some(3), None),
            vec![line(Some(3), None), line(None, None)]
        );
        assert_eq!(
            lines_for(TaskLevel::Provincial, None, None),
            vec![line(None, None)]
        );
    }
}
