//! The identification council (hội đồng tư vấn xác định nhiệm vụ; LEGAL-SOURCES.md, "Steps with
//! evidence found" 1, TT 33/2014 as the model): members judge each proposal on its own criteria,
//! on a ballot that also says whether to order the task (with the reasons when not), and the
//! council orders a proposal when it scores well enough and enough ballots ask for it.
//!
//! It runs on the council engine: composition and quorum (`council::check_composition`,
//! `council::quorum`), conflicts (`council::detect_conflicts`), the one state table
//! (`council::CouncilState`: forming, scoring, closed) and the score arithmetic
//! (`scoring::check_sheet`, `scoring::aggregate`). Every number here is the rulebook's; the
//! defaults are configurable, the thresholds UNCONFIRMED in the texts (docs/rulebook.md).

use serde::{Deserialize, Serialize};

use crate::council::CouncilRules;
use crate::issue::{issue, FormProblem, Issue};
use crate::scoring::{aggregate, check_sheet, Criterion, Outcome, ScoringRules, Sheet, SheetEntry};
use crate::Lang;

/// The rulebook's identification-council rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IdentificationRules {
    /// Size, quorum; `reviewers` is how many members sit as reviewers (none by default).
    pub council: CouncilRules,
    /// The ballot's criteria; their points add up to 100.
    pub criteria: Vec<Criterion>,
    pub half_points: bool,
    /// A proposal may be ordered only with a mean total of at least this many points.
    pub order_mean_total: u32,
    /// …and with more than this share of the counted ballots asking to order it.
    pub order_share: (u32, u32),
    /// Secret ballots (phiếu kín): the minutes and results show ballots without names.
    pub secret_ballot: bool,
}

impl Default for IdentificationRules {
    /// TT 33/2014's criteria (urgency, novelty and non-duplication, feasibility, the need for the
    /// state budget, the likelihood of application); 5 to 9 members with no reviewers, quorum
    /// 2/3; ordered at a mean of 60 with more than half the ballots for it; ballots secret.
    fn default() -> Self {
        let c = |vi: &str, en: &str, max_points| Criterion {
            name_vi: vi.into(),
            name_en: en.into(),
            max_points,
        };
        IdentificationRules {
            council: CouncilRules {
                min_members: 5,
                max_members: 9,
                reviewers: 0,
                quorum: (2, 3),
            },
            criteria: vec![
                c("Tính cấp thiết", "Urgency", 25),
                c(
                    "Tính mới, không trùng lặp",
                    "Novelty and non-duplication",
                    20,
                ),
                c("Tính khả thi", "Feasibility", 20),
                c(
                    "Sự cần thiết sử dụng ngân sách nhà nước",
                    "The need for the state budget",
                    15,
                ),
                c("Khả năng ứng dụng kết quả", "Likelihood of application", 20),
            ],
            half_points: true,
            order_mean_total: 60,
            order_share: (1, 2),
            secret_ballot: true,
        }
    }
}

impl IdentificationRules {
    /// The criteria as the score arithmetic reads them (no outlier rule, no zero rule).
    pub fn scoring(&self) -> ScoringRules {
        ScoringRules {
            criteria: self.criteria.clone(),
            half_points: self.half_points,
            pass_mean_total: self.order_mean_total,
            zero_share: (1, 1),
            outlier_points: None,
            tie_break: Vec::new(),
        }
    }

    /// What is out of bounds, paths under `identification.`.
    pub fn problems(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let mut range = |path: &str, value: u64, min: u64, max: u64| {
            if !(min..=max).contains(&value) {
                out.push(issue(
                    format!("identification.{path}"),
                    FormProblem::NumberOutOfRange {
                        min: min as i64,
                        max: max as i64,
                    },
                ));
            }
        };
        let c = &self.council;
        range("council.min_members", c.min_members.into(), 3, 25);
        let (min, max) = (u64::from(c.min_members), u64::from(c.max_members));
        range("council.max_members", max, min, 25);
        range("council.reviewers", c.reviewers.into(), 0, max);
        range("council.quorum.0", c.quorum.0.into(), 1, c.quorum.1.into());
        range("criteria", self.criteria.len() as u64, 1, 20);
        let sum: u64 = self.criteria.iter().map(|k| u64::from(k.max_points)).sum();
        range("criteria", sum, 100, 100);
        range("order_mean_total", self.order_mean_total.into(), 0, 100);
        let (num, den) = self.order_share;
        range("order_share.0", num.into(), 0, den.saturating_sub(1).into());
        for (i, k) in self.criteria.iter().enumerate() {
            if k.name_vi.trim().is_empty() {
                out.push(issue(
                    format!("identification.criteria.{i}.name_vi"),
                    FormProblem::Required,
                ));
            }
        }
        out
    }
}

/// One member's ballot on one proposal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ballot {
    pub entry: SheetEntry,
    /// Order the task (`Some(true)`), or not; `None` while undecided.
    pub order: Option<bool>,
    /// Why not (required when voting not to order), or remarks on the wording.
    pub note: String,
}

/// Longest note on a ballot.
pub const MAX_NOTE_CHARS: usize = 5_000;

impl Ballot {
    pub fn tidy(mut self) -> Ballot {
        self.note = self.note.trim().to_string();
        self
    }

    /// Every problem, by path: `entry.scores.{i}` for a criterion, `order`, `note`. A draft may
    /// be saved with missing answers; a submitted ballot has none.
    pub fn check(&self, rules: &IdentificationRules, submit: bool) -> Vec<Issue> {
        let mut out: Vec<Issue> = check_sheet(&rules.scoring(), &self.entry)
            .into_iter()
            .filter(|(_, p)| submit || *p != crate::scoring::ScoreProblem::Missing)
            .map(|(i, p)| {
                let path = i.map_or("entry".into(), |i| format!("entry.scores.{i}"));
                issue(path, FormProblem::Score(p))
            })
            .collect();
        if submit && self.order.is_none() {
            out.push(issue("order", FormProblem::Required));
        }
        if submit && self.order == Some(false) && self.note.is_empty() {
            out.push(issue("note", FormProblem::ReasonForNotOrdering));
        }
        if self.note.chars().count() > MAX_NOTE_CHARS {
            out.push(issue(
                "note",
                FormProblem::TooLong {
                    max_chars: MAX_NOTE_CHARS,
                },
            ));
        }
        out
    }
}

/// A submitted ballot, as the count sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cast {
    pub member: i64,
    /// Half points per criterion.
    pub scores: Vec<u32>,
    pub order: bool,
}

/// The council's count on one proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Verdict {
    pub outcome: Outcome,
    /// Counted ballots asking to order it, and not.
    pub for_order: u32,
    pub against: u32,
    /// What the council recommends: order the task.
    pub order: bool,
}

/// Counts the submitted ballots on one proposal: the mean as any score sheet's, and the votes
/// of the ballots that count. Ordered when the mean reaches the threshold and more than the
/// rulebook's share of counted ballots ask for it; the order of the ballots never matters.
pub fn count(rules: &IdentificationRules, casts: &[Cast]) -> Verdict {
    let sheets: Vec<Sheet> = casts
        .iter()
        .map(|c| Sheet {
            member: c.member,
            scores: c.scores.clone(),
        })
        .collect();
    let outcome = aggregate(&rules.scoring(), &sheets);
    let counted = |want: bool| {
        casts
            .iter()
            .filter(|c| c.order == want && outcome.counted.contains(&c.member))
            .count() as u32
    };
    let (for_order, against) = (counted(true), counted(false));
    let (num, den) = rules.order_share;
    let total = u64::from(for_order + against);
    let majority = u64::from(for_order) * u64::from(den.max(1)) > u64::from(num) * total;
    let order = outcome.passed && total > 0 && majority;
    Verdict {
        outcome,
        for_order,
        against,
        order,
    }
}

/// The verdict in words, for the council's page and minutes.
pub fn verdict_label(order: bool, lang: Lang) -> &'static str {
    if order {
        lang.pick("Đề nghị đặt hàng", "Recommended for ordering")
    } else {
        lang.pick("Không đề nghị đặt hàng", "Not recommended")
    }
}

#[cfg(test)]
mod tests;
