//! Score sheets and their aggregation (docs/rulebook.md): the rulebook's criteria, each member's
//! sheet checked as they type, and the council's result per application: which sheets count
//! (and why others do not), the mean total and per-criterion means, the zero-criterion rule, the
//! pass threshold, and a ranking with a named tie-break. Beside it, a calibration view (z-scores,
//! disagreement) that changes nothing official.
//!
//! Scores are kept in half points (`u32`, 1 = 0.5 point) so that "integers or half points" is
//! exact arithmetic; means are compared as fractions, never as floats.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// One criterion of the score sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Criterion {
    pub name_vi: String,
    pub name_en: String,
    /// Whole points.
    pub max_points: u32,
}

/// How sheets are combined. Fractions are `numerator / denominator`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoringRules {
    pub criteria: Vec<Criterion>,
    /// Half points allowed (otherwise whole points only).
    pub half_points: bool,
    /// Pass: the mean total of counted sheets is at least this many points.
    pub pass_mean_total: u32,
    /// Fail: a criterion scored 0 by more than this share of the counted sheets.
    pub zero_share: (u32, u32),
    /// Exclude a sheet whose total differs from the mean of all submitted sheets by more than
    /// this many points; `None` turns the rule off.
    pub outlier_points: Option<u32>,
    /// Ties in the mean total are broken by these, in order; the receipt order comes last.
    pub tie_break: Vec<TieBreak>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum TieBreak {
    /// The higher mean on this criterion (index in `criteria`) ranks first.
    CriterionMean(usize),
    /// Fewer members below the pass threshold ranks first.
    FewerSheetsBelowPass,
}

impl Default for ScoringRules {
    /// TT 15/2022/TT-BKHCN form B8-ĐGNV criteria; pass at 70 with no criterion zeroed by more
    /// than a third; outlier rule off; ties by feasibility then effectiveness (docs/rulebook.md:
    /// the pass, outlier and tie rules are configurable defaults, unconfirmed in the texts).
    fn default() -> Self {
        let c = |vi: &str, en: &str, max_points| Criterion {
            name_vi: vi.into(),
            name_en: en.into(),
            max_points,
        };
        ScoringRules {
            criteria: vec![
                c("Tính cấp thiết", "Urgency", 15),
                c("Tính khả thi", "Feasibility", 50),
                c(
                    "Hiệu quả và tính bền vững",
                    "Effectiveness and sustainability",
                    35,
                ),
            ],
            half_points: true,
            pass_mean_total: 70,
            zero_share: (1, 3),
            outlier_points: None,
            tie_break: vec![TieBreak::CriterionMean(1), TieBreak::CriterionMean(2)],
        }
    }
}

/// Half points of a whole-point figure.
pub fn halves(points: u32) -> u32 {
    points.saturating_mul(2)
}

/// "12,5" for 25 half points.
pub fn format_halves(h: u64) -> String {
    if h.is_multiple_of(2) {
        format!("{}", h / 2)
    } else {
        format!("{},5", h / 2)
    }
}

/// "12,5" / "12.5" / "12" → half points; `None` for anything else (or a finer fraction).
pub fn parse_halves(s: &str) -> Option<u32> {
    let s = s.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let half = match frac {
        "" | "0" | "00" => 0,
        "5" | "50" => 1,
        _ => return None,
    };
    whole.checked_mul(2)?.checked_add(half)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ScoreProblem {
    Missing,
    AboveMax { max_points: u32 },
    HalfNotAllowed,
    WrongCriteriaCount { expected: usize },
    CommentTooLong { max_chars: usize },
}

impl ScoreProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ScoreProblem::Missing, Lang::Vi) => "Chưa chấm tiêu chí này.".into(),
            (ScoreProblem::Missing, Lang::En) => "This criterion is not scored yet.".into(),
            (ScoreProblem::AboveMax { max_points }, Lang::Vi) => {
                format!("Điểm phải từ 0 đến {max_points}.")
            }
            (ScoreProblem::AboveMax { max_points }, Lang::En) => {
                format!("The score must be between 0 and {max_points}.")
            }
            (ScoreProblem::HalfNotAllowed, Lang::Vi) => {
                "Quy định hiện hành chỉ cho chấm điểm nguyên.".into()
            }
            (ScoreProblem::HalfNotAllowed, Lang::En) => {
                "The rules in force allow whole points only.".into()
            }
            (ScoreProblem::WrongCriteriaCount { expected }, Lang::Vi) => {
                format!("Phiếu phải có đúng {expected} tiêu chí.")
            }
            (ScoreProblem::WrongCriteriaCount { expected }, Lang::En) => {
                format!("The sheet must have exactly {expected} criteria.")
            }
            (ScoreProblem::CommentTooLong { max_chars }, Lang::Vi) => {
                format!("Nhận xét không dài quá {max_chars} ký tự.")
            }
            (ScoreProblem::CommentTooLong { max_chars }, Lang::En) => {
                format!("A comment must not exceed {max_chars} characters.")
            }
        }
    }
}

/// Longest comment on one criterion.
pub const MAX_COMMENT_CHARS: usize = 5_000;

/// A member's sheet as entered: one optional score (half points) and comment per criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SheetEntry {
    pub scores: Vec<Option<u32>>,
    pub comments: Vec<String>,
}

/// Every problem of a sheet, by criterion index (`None` for the sheet as a whole). A sheet
/// with no problem may be submitted; a draft may be saved with `Missing` ones.
pub fn check_sheet(rules: &ScoringRules, sheet: &SheetEntry) -> Vec<(Option<usize>, ScoreProblem)> {
    let n = rules.criteria.len();
    if sheet.scores.len() != n || sheet.comments.len() > n {
        return vec![(None, ScoreProblem::WrongCriteriaCount { expected: n })];
    }
    let mut out = Vec::new();
    for (i, (c, s)) in rules.criteria.iter().zip(&sheet.scores).enumerate() {
        match s {
            None => out.push((Some(i), ScoreProblem::Missing)),
            Some(h) if *h > halves(c.max_points) => out.push((
                Some(i),
                ScoreProblem::AboveMax {
                    max_points: c.max_points,
                },
            )),
            Some(h) if h % 2 == 1 && !rules.half_points => {
                out.push((Some(i), ScoreProblem::HalfNotAllowed))
            }
            Some(_) => {}
        }
        if sheet
            .comments
            .get(i)
            .is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS)
        {
            out.push((
                Some(i),
                ScoreProblem::CommentTooLong {
                    max_chars: MAX_COMMENT_CHARS,
                },
            ));
        }
    }
    out
}

/// A submitted sheet, as aggregation sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sheet {
    /// The member (a stable id), for the record and the calibration.
    pub member: i64,
    /// Half points per criterion, all present (a submitted sheet passed `check_sheet`).
    pub scores: Vec<u32>,
}

impl Sheet {
    pub fn total(&self) -> u64 {
        self.scores.iter().map(|s| u64::from(*s)).sum()
    }
}

/// Why a submitted sheet does not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Exclusion {
    /// Its total differs from the mean of all sheets by more than the rulebook allows.
    Outlier {
        /// Its total, in half points.
        total: u64,
        /// The mean of all submitted sheets: `sum / count` half points.
        mean_sum: u64,
        mean_count: u64,
        limit_points: u32,
    },
    /// Not as many scores as criteria (a sheet made under other rules).
    Malformed,
}

/// A mean as an exact fraction of half points: `sum / count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mean {
    pub sum: u64,
    pub count: u64,
}

impl Mean {
    /// Points, rounded to two decimals for display ("72,25").
    pub fn display(self) -> String {
        if self.count == 0 {
            return "—".into();
        }
        // Hundredths of a point: sum half points × 50 / count, rounded half up.
        let hundredths =
            (u128::from(self.sum) * 100 + u128::from(self.count)) / (2 * u128::from(self.count));
        format!("{},{:02}", hundredths / 100, hundredths % 100)
    }

    /// `self < other` exactly.
    pub fn lt(self, other: Mean) -> bool {
        u128::from(self.sum) * u128::from(other.count)
            < u128::from(other.sum) * u128::from(self.count)
    }

    /// At least `points` whole points.
    pub fn at_least_points(self, points: u32) -> bool {
        self.count > 0
            && u128::from(self.sum) >= u128::from(halves(points)) * u128::from(self.count)
    }
}

/// The council's result for one application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Outcome {
    /// Members whose sheets count.
    pub counted: Vec<i64>,
    /// Members whose sheets do not count, and why.
    pub excluded: Vec<(i64, Exclusion)>,
    pub mean_total: Mean,
    pub criterion_means: Vec<Mean>,
    /// Criteria scored 0 by more than the allowed share of counted sheets.
    pub zeroed_criteria: Vec<usize>,
    /// How many counted sheets total below the pass threshold.
    pub sheets_below_pass: u64,
    pub passed: bool,
}

/// Combines the submitted sheets of one application. Sheets are judged one by one against the
/// mean of all well-formed sheets, so excluding one never changes whether another counts, and
/// the order of the sheets never matters.
pub fn aggregate(rules: &ScoringRules, sheets: &[Sheet]) -> Outcome {
    let n = rules.criteria.len();
    let (formed, malformed): (Vec<&Sheet>, Vec<&Sheet>) =
        sheets.iter().partition(|s| s.scores.len() == n);
    let all = Mean {
        sum: formed.iter().map(|s| s.total()).sum(),
        count: formed.len() as u64,
    };
    let mut excluded: Vec<(i64, Exclusion)> = malformed
        .iter()
        .map(|s| (s.member, Exclusion::Malformed))
        .collect();
    let mut counted: Vec<&Sheet> = Vec::new();
    for s in formed {
        let outlier = rules
            .outlier_points
            .filter(|_| all.count > 0)
            .is_some_and(|limit| {
                // |total − sum/count| > limit  ⇔  |total·count − sum| > limit·count (in halves).
                let lhs =
                    (i128::from(s.total()) * i128::from(all.count) - i128::from(all.sum)).abs();
                lhs > i128::from(halves(limit)) * i128::from(all.count)
            });
        if outlier {
            excluded.push((
                s.member,
                Exclusion::Outlier {
                    total: s.total(),
                    mean_sum: all.sum,
                    mean_count: all.count,
                    limit_points: rules.outlier_points.unwrap_or_default(),
                },
            ));
        } else {
            counted.push(s);
        }
    }
    let count = counted.len() as u64;
    let mean_total = Mean {
        sum: counted.iter().map(|s| s.total()).sum(),
        count,
    };
    let criterion_means: Vec<Mean> = (0..n)
        .map(|i| Mean {
            sum: counted.iter().map(|s| u64::from(s.scores[i])).sum(),
            count,
        })
        .collect();
    let (num, den) = rules.zero_share;
    let zeroed_criteria: Vec<usize> = (0..n)
        .filter(|i| {
            let zeros = counted.iter().filter(|s| s.scores[*i] == 0).count() as u64;
            // zeros / count > num / den
            u128::from(zeros) * u128::from(den) > u128::from(num) * u128::from(count)
        })
        .collect();
    let pass_halves = u64::from(halves(rules.pass_mean_total));
    let sheets_below_pass = counted.iter().filter(|s| s.total() < pass_halves).count() as u64;
    let passed = count > 0
        && mean_total.at_least_points(rules.pass_mean_total)
        && zeroed_criteria.is_empty();
    let mut counted_ids: Vec<i64> = counted.iter().map(|s| s.member).collect();
    counted_ids.sort_unstable();
    excluded.sort_by_key(|(m, _)| *m);
    Outcome {
        counted: counted_ids,
        excluded,
        mean_total,
        criterion_means,
        zeroed_criteria,
        sheets_below_pass,
        passed,
    }
}

/// One application's place in the ranking, and what decided it against the one above.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ranked {
    /// The application (a stable id; lower = earlier receipt).
    pub application: i64,
    pub rank: u32,
    /// Set when its mean total equals the one ranked just above it: the rule that separated
    /// them (`None` inside means the receipt order did).
    pub tie_broken_by: Option<Option<TieBreak>>,
}

/// Ranks by mean total (highest first); equal means are separated by the rulebook's tie-break
/// rules in order, then by receipt order (lower id first). Input order never matters.
pub fn rank(rules: &ScoringRules, outcomes: &[(i64, Outcome)]) -> Vec<Ranked> {
    use std::cmp::Ordering;
    let cmp_mean = |a: Mean, b: Mean| {
        if a.lt(b) {
            Ordering::Greater
        } else if b.lt(a) {
            Ordering::Less
        } else {
            Ordering::Equal
        }
    };
    let by_rule = |rule: TieBreak, a: &Outcome, b: &Outcome| match rule {
        TieBreak::CriterionMean(i) => match (a.criterion_means.get(i), b.criterion_means.get(i)) {
            (Some(x), Some(y)) => cmp_mean(*x, *y),
            _ => Ordering::Equal,
        },
        TieBreak::FewerSheetsBelowPass => a.sheets_below_pass.cmp(&b.sheets_below_pass),
    };
    let mut order: Vec<&(i64, Outcome)> = outcomes.iter().collect();
    order.sort_by(|(ia, a), (ib, b)| {
        cmp_mean(a.mean_total, b.mean_total)
            .then_with(|| {
                rules
                    .tie_break
                    .iter()
                    .map(|r| by_rule(*r, a, b))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            })
            .then(ia.cmp(ib))
    });
    let mut out: Vec<Ranked> = Vec::with_capacity(order.len());
    for (pos, (id, o)) in order.iter().enumerate() {
        let tie_broken_by = pos.checked_sub(1).and_then(|p| {
            let (_, above) = order[p];
            (cmp_mean(above.mean_total, o.mean_total) == Ordering::Equal).then(|| {
                rules
                    .tie_break
                    .iter()
                    .copied()
                    .find(|r| by_rule(*r, above, o).is_ne())
            })
        });
        out.push(Ranked {
            application: *id,
            rank: pos as u32 + 1,
            tie_broken_by,
        });
    }
    out
}

/// The chair's calibration view of one application: each member's z-score (their total against
/// their own mean and spread across the applications they scored) and the disagreement between
/// members. Informational: floats are fine here, nothing official reads them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Calibration {
    pub application: i64,
    /// (member, raw total in points, z-score when the member scored ≥ 2 applications with spread).
    pub members: Vec<(i64, f64, Option<f64>)>,
    pub std_dev_points: f64,
    pub range_points: f64,
}

/// Calibration for every application from every submitted sheet (`(application, sheet)`).
pub fn calibrate(sheets: &[(i64, Sheet)]) -> Vec<Calibration> {
    use std::collections::BTreeMap;
    let points = |s: &Sheet| s.total() as f64 / 2.0;
    let mut by_member: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (_, s) in sheets {
        by_member.entry(s.member).or_default().push(points(s));
    }
    let stats: BTreeMap<i64, (f64, f64)> = by_member
        .into_iter()
        .map(|(m, v)| {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
            (m, (mean, var.sqrt()))
        })
        .collect();
    let mut by_app: BTreeMap<i64, Vec<&Sheet>> = BTreeMap::new();
    for (a, s) in sheets {
        by_app.entry(*a).or_default().push(s);
    }
    by_app
        .into_iter()
        .map(|(application, list)| {
            let totals: Vec<f64> = list.iter().map(|s| points(s)).collect();
            let n = totals.len() as f64;
            let mean = totals.iter().sum::<f64>() / n;
            let std_dev_points =
                (totals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
            let max = totals.iter().cloned().fold(f64::MIN, f64::max);
            let min = totals.iter().cloned().fold(f64::MAX, f64::min);
            let mut members: Vec<(i64, f64, Option<f64>)> = list
                .iter()
                .map(|s| {
                    let (m, sd) = stats[&s.member];
                    let z = (sd > 0.0).then(|| (points(s) - m) / sd);
                    (s.member, points(s), z)
                })
                .collect();
            members.sort_by_key(|(m, ..)| *m);
            Calibration {
                application,
                members,
                std_dev_points,
                range_points: max - min,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(member: i64, points: [u32; 3]) -> Sheet {
        Sheet {
            member,
            scores: points.iter().map(|p| halves(*p)).collect(),
        }
    }

    #[test]
    fn half_points_read_and_write() {
        assert_eq!(parse_halves("12,5"), Some(25));
        assert_eq!(parse_halves("12.5"), Some(25));
        assert_eq!(parse_halves("7"), Some(14));
        assert_eq!(parse_halves("7,25"), None);
        assert_eq!(parse_halves("-1"), None);
        assert_eq!(format_halves(25), "12,5");
        assert_eq!(format_halves(14), "7");
    }

    #[test]
    fn sheets_are_checked_against_the_rulebook() {
        let mut rules = ScoringRules::default();
        let entry = SheetEntry {
            scores: vec![Some(halves(15)), Some(halves(50) + 1), None],
            comments: vec![String::new(); 3],
        };
        assert_eq!(
            check_sheet(&rules, &entry),
            vec![
                (Some(1), ScoreProblem::AboveMax { max_points: 50 }),
                (Some(2), ScoreProblem::Missing)
            ]
        );
        rules.half_points = false;
        let entry = SheetEntry {
            scores: vec![Some(3), Some(0), Some(0)],
            comments: vec![],
        };
        assert_eq!(
            check_sheet(&rules, &entry),
            vec![(Some(0), ScoreProblem::HalfNotAllowed)]
        );
        assert_eq!(
            check_sheet(&rules, &SheetEntry::default()),
            vec![(None, ScoreProblem::WrongCriteriaCount { expected: 3 })]
        );
    }

    #[test]
    fn the_threshold_holds_exactly_at_seventy() {
        let rules = ScoringRules::default();
        // 70 and 70: mean exactly 70, passes.
        let o = aggregate(&rules, &[sheet(1, [10, 35, 25]), sheet(2, [10, 35, 25])]);
        assert!(o.passed);
        assert_eq!(o.mean_total.display(), "70,00");
        // 70 and 69,5: mean 69,75, fails.
        let mut low = sheet(2, [10, 35, 25]);
        low.scores[0] -= 1;
        let o = aggregate(&rules, &[sheet(1, [10, 35, 25]), low]);
        assert!(!o.passed);
        assert_eq!(o.mean_total.display(), "69,75");
        assert_eq!(o.sheets_below_pass, 1);
    }

    #[test]
    fn the_zero_rule_holds_exactly_at_a_third() {
        let rules = ScoringRules::default();
        let high = |m| sheet(m, [15, 50, 35]);
        let zero = |m| sheet(m, [0, 50, 35]);
        // 1 of 3 zeroed urgency: exactly a third, not more: passes.
        let o = aggregate(&rules, &[high(1), high(2), zero(3)]);
        assert_eq!(o.zeroed_criteria, Vec::<usize>::new());
        assert!(o.passed);
        // 2 of 5: more than a third: fails despite a high mean.
        let o = aggregate(&rules, &[high(1), high(2), high(3), zero(4), zero(5)]);
        assert_eq!(o.zeroed_criteria, vec![0]);
        assert!(!o.passed);
    }

    #[test]
    fn outliers_are_excluded_with_their_reason() {
        let rules = ScoringRules {
            outlier_points: Some(15),
            ..ScoringRules::default()
        };
        let o = aggregate(
            &rules,
            &[
                sheet(1, [12, 40, 28]),
                sheet(2, [12, 40, 28]),
                sheet(3, [12, 40, 28]),
                sheet(4, [2, 10, 8]),
            ],
        );
        assert_eq!(o.counted, vec![1, 2, 3]);
        assert!(matches!(
            o.excluded[..],
            [(
                4,
                Exclusion::Outlier {
                    total: 40,
                    mean_sum: 520,
                    mean_count: 4,
                    limit_points: 15
                }
            )]
        ));
        assert_eq!(o.mean_total.display(), "80,00");
    }

    #[test]
    fn ties_are_broken_by_the_named_rule_then_receipt_order() {
        let rules = ScoringRules::default();
        let a = aggregate(&rules, &[sheet(1, [15, 40, 25])]); // 80, feasibility 40
        let b = aggregate(&rules, &[sheet(1, [5, 45, 30])]); // 80, feasibility 45
        let c = aggregate(&rules, &[sheet(1, [5, 45, 30])]); // 80, same as b
        let d = aggregate(&rules, &[sheet(1, [15, 50, 35])]); // 100
        let ranked = rank(&rules, &[(10, a), (11, b), (12, c), (13, d)]);
        let order: Vec<i64> = ranked.iter().map(|r| r.application).collect();
        assert_eq!(order, vec![13, 11, 12, 10]);
        assert_eq!(ranked[0].tie_broken_by, None);
        assert_eq!(ranked[2].tie_broken_by, Some(None), "receipt order");
        assert_eq!(
            ranked[3].tie_broken_by,
            Some(Some(TieBreak::CriterionMean(1)))
        );
    }

    #[test]
    fn calibration_shows_spread_and_z_scores() {
        let cal = calibrate(&[
            (1, sheet(7, [10, 40, 30])),
            (2, sheet(7, [10, 20, 10])),
            (1, sheet(8, [10, 30, 20])),
        ]);
        assert_eq!(cal.len(), 2);
        assert_eq!(cal[0].range_points, 20.0);
        let (_, raw, z) = cal[0].members[0];
        assert_eq!(raw, 80.0);
        assert_eq!(z, Some(1.0));
        // A member with one sheet has no spread, hence no z-score.
        assert_eq!(cal[0].members[1].2, None);
    }
}
