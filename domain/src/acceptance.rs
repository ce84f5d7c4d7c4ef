//! Acceptance (nghiệm thu, TT 11/2014 as the model; LEGAL-SOURCES.md §2): the host organisation
//! evaluates the task itself, then an acceptance council: each member rates each contracted
//! product and the task Xuất sắc, Đạt or Không đạt. How members' ratings combine into the
//! council's verdict is UNCONFIRMED in the sources, so the vote rule is the rulebook's: a rating
//! holds when at least `vote_permille` of the ballots give it or better.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Rating {
    Fail,
    Pass,
    Excellent,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Excellent, Rating::Pass, Rating::Fail];

    pub fn code(self) -> &'static str {
        match self {
            Rating::Excellent => "excellent",
            Rating::Pass => "pass",
            Rating::Fail => "fail",
        }
    }

    pub fn from_code(code: &str) -> Option<Rating> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Rating::Excellent => lang.pick("Xuất sắc", "Excellent"),
            Rating::Pass => lang.pick("Đạt", "Pass"),
            Rating::Fail => lang.pick("Không đạt", "Fail"),
        }
    }
}

/// The rulebook's acceptance-council rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AcceptanceRules {
    pub min_members: u32,
    pub max_members: u32,
    /// Share of the council whose ballots are needed for a verdict, in ‰ (default 2/3).
    pub quorum_permille: u32,
    /// Share of ballots a rating needs, counting better ratings, in ‰ (default 3/4).
    pub vote_permille: u32,
}

impl Default for AcceptanceRules {
    fn default() -> Self {
        AcceptanceRules {
            min_members: 5,
            max_members: 9,
            quorum_permille: 667,
            vote_permille: 750,
        }
    }
}

/// One member's ballot: a rating per contracted product, in the contract's order, and the task's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ballot {
    pub products: Vec<Rating>,
    pub task: Rating,
    pub comment: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum AcceptanceProblem {
    /// A ballot must rate every product of the contract, no more.
    ProductsMismatch {
        expected: usize,
    },
    /// The task is rated Xuất sắc only when every product is (TT 11/2014).
    ExcellentNeedsExcellentProducts,
    /// The task cannot pass with a product its member rated Không đạt.
    PassNeedsPassingProducts,
    MembersOutOfRange {
        min: u32,
        max: u32,
    },
    NoQuorum {
        ballots: usize,
        needed: usize,
    },
    CommentTooLong,
}

impl AcceptanceProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AcceptanceProblem::ProductsMismatch { expected }, Lang::Vi) => {
                format!("Phiếu phải đánh giá đủ {expected} sản phẩm của hợp đồng.")
            }
            (AcceptanceProblem::ProductsMismatch { expected }, Lang::En) => {
                format!("The ballot must rate all {expected} contracted products.")
            }
            (AcceptanceProblem::ExcellentNeedsExcellentProducts, l) => l
                .pick(
                    "Chỉ xếp loại nhiệm vụ Xuất sắc khi mọi sản phẩm đều Xuất sắc.",
                    "The task is Excellent only if every product is.",
                )
                .into(),
            (AcceptanceProblem::PassNeedsPassingProducts, l) => l
                .pick(
                    "Có sản phẩm Không đạt thì nhiệm vụ không thể xếp Đạt.",
                    "With a product rated Fail the task cannot pass.",
                )
                .into(),
            (AcceptanceProblem::MembersOutOfRange { min, max }, Lang::Vi) => {
                let n = crate::format::span(min, max, Lang::Vi);
                format!("Hội đồng nghiệm thu phải có {n} thành viên.")
            }
            (AcceptanceProblem::MembersOutOfRange { min, max }, Lang::En) => {
                let n = crate::format::span(min, max, Lang::En);
                format!("An acceptance council has {n} members.")
            }
            (AcceptanceProblem::NoQuorum { ballots, needed }, Lang::Vi) => {
                format!("Mới có {ballots} phiếu, cần ít nhất {needed} phiếu để kết luận.")
            }
            (AcceptanceProblem::NoQuorum { ballots, needed }, Lang::En) => {
                format!("{ballots} ballots so far; at least {needed} are needed for a verdict.")
            }
            (AcceptanceProblem::CommentTooLong, l) => l
                .pick(
                    "Ý kiến không được dài quá 5000 ký tự.",
                    "The comment must not exceed 5000 characters.",
                )
                .into(),
        }
    }
}

impl Ballot {
    pub fn check(&self, product_count: usize) -> Result<(), AcceptanceProblem> {
        if self.products.len() != product_count {
            return Err(AcceptanceProblem::ProductsMismatch {
                expected: product_count,
            });
        }
        let worst = self.products.iter().min().copied();
        match (self.task, worst) {
            (Rating::Excellent, Some(w)) if w < Rating::Excellent => {
                Err(AcceptanceProblem::ExcellentNeedsExcellentProducts)
            }
            (Rating::Pass, Some(Rating::Fail)) => Err(AcceptanceProblem::PassNeedsPassingProducts),
            _ if self.comment.chars().count() > 5_000 => Err(AcceptanceProblem::CommentTooLong),
            _ => Ok(()),
        }
    }
}

/// Whether a council of `members` may be formed.
pub fn check_members(rules: &AcceptanceRules, members: usize) -> Result<(), AcceptanceProblem> {
    if (rules.min_members as usize..=rules.max_members as usize).contains(&members) {
        Ok(())
    } else {
        Err(AcceptanceProblem::MembersOutOfRange {
            min: rules.min_members,
            max: rules.max_members,
        })
    }
}

/// Ballots needed for a verdict from a council of `members` (rounded up).
pub fn quorum(rules: &AcceptanceRules, members: usize) -> usize {
    (members * rules.quorum_permille as usize).div_ceil(1000)
}

/// The best rating that at least `vote_permille` of the ratings give or better; `None` for none.
pub fn combine(rules: &AcceptanceRules, ratings: &[Rating]) -> Option<Rating> {
    if ratings.is_empty() {
        return None;
    }
    let n = ratings.len() as u64;
    let holds = |r: Rating| {
        let at_least = ratings.iter().filter(|x| **x >= r).count() as u64;
        at_least * 1000 >= u64::from(rules.vote_permille) * n
    };
    Some(
        [Rating::Excellent, Rating::Pass]
            .into_iter()
            .find(|r| holds(*r))
            .unwrap_or(Rating::Fail),
    )
}

/// How many ballots gave each rating (Xuất sắc, Đạt, Không đạt) to each product, then to the
/// task: the tally sheet.
pub fn tally(product_count: usize, ballots: &[Ballot]) -> Vec<[u32; 3]> {
    let count = |ratings: &mut dyn Iterator<Item = Rating>| {
        let mut c = [0u32; 3];
        for r in ratings {
            c[match r {
                Rating::Excellent => 0,
                Rating::Pass => 1,
                Rating::Fail => 2,
            }] += 1;
        }
        c
    };
    (0..product_count)
        .map(|i| count(&mut ballots.iter().filter_map(|b| b.products.get(i).copied())))
        .chain(std::iter::once(count(&mut ballots.iter().map(|b| b.task))))
        .collect()
}

/// The council's verdict: a rating per product and one for the task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Verdict {
    pub products: Vec<Rating>,
    pub task: Rating,
    pub ballots: usize,
}

/// Combines the ballots (each already checked against the contract) into the verdict, once a
/// quorum of the council has voted. The task is never rated above its worst product.
pub fn verdict(
    rules: &AcceptanceRules,
    members: usize,
    product_count: usize,
    ballots: &[Ballot],
) -> Result<Verdict, AcceptanceProblem> {
    let needed = quorum(rules, members).max(1);
    if ballots.len() < needed {
        return Err(AcceptanceProblem::NoQuorum {
            ballots: ballots.len(),
            needed,
        });
    }
    let products: Vec<Rating> = (0..product_count)
        .map(|i| {
            let column: Vec<Rating> = ballots
                .iter()
                .filter_map(|b| b.products.get(i))
                .copied()
                .collect();
            combine(rules, &column).unwrap_or(Rating::Fail)
        })
        .collect();
    let tasks: Vec<Rating> = ballots.iter().map(|b| b.task).collect();
    let mut task = combine(rules, &tasks).unwrap_or(Rating::Fail);
    if let Some(worst) = products.iter().min() {
        task = task.min(*worst);
    }
    Ok(Verdict {
        products,
        task,
        ballots: ballots.len(),
    })
}

/// The people of a task an acceptance council may not seat: its leader, its team, whoever
/// speaks for its host organisation, and the host's staff.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskPeople {
    pub leader: i32,
    pub team: Vec<i32>,
    pub host_accounts: Vec<i32>,
    pub host: Option<i32>,
}

/// Whether a person (by account and organisation) is one of the task's own people.
pub fn conflicted(task: &TaskPeople, account: i32, organisation: Option<i32>) -> bool {
    account == task.leader
        || task.team.contains(&account)
        || task.host_accounts.contains(&account)
        || (organisation.is_some() && organisation == task.host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::*;

    fn ballot(products: &[Rating], task: Rating) -> Ballot {
        Ballot {
            products: products.to_vec(),
            task,
            comment: String::new(),
        }
    }

    #[test]
    fn a_rating_holds_with_three_quarters_of_the_ballots_counting_better_ones() {
        let rules = AcceptanceRules::default();
        assert_eq!(combine(&rules, &[]), None);
        // 3 of 4 excellent: exactly 3/4.
        assert_eq!(
            combine(&rules, &[Excellent, Excellent, Excellent, Fail]),
            Some(Excellent)
        );
        // 5 of 7 excellent is below 3/4; all 7 at least pass.
        let seven = [
            Excellent, Excellent, Excellent, Excellent, Excellent, Pass, Pass,
        ];
        assert_eq!(combine(&rules, &seven), Some(Pass));
        // 5 of 7 at least pass is below 3/4: fail.
        assert_eq!(
            combine(&rules, &[Pass, Pass, Pass, Pass, Excellent, Fail, Fail]),
            Some(Fail)
        );
        assert_eq!(
            combine(&rules, &[Pass, Pass, Pass, Pass, Pass, Pass, Fail]),
            Some(Pass)
        );
    }

    #[test]
    fn ballots_must_be_consistent_with_their_product_ratings() {
        assert_eq!(ballot(&[Excellent], Excellent).check(1), Ok(()));
        assert_eq!(
            ballot(&[Excellent, Pass], Excellent).check(2),
            Err(AcceptanceProblem::ExcellentNeedsExcellentProducts)
        );
        assert_eq!(
            ballot(&[Fail], Pass).check(1),
            Err(AcceptanceProblem::PassNeedsPassingProducts)
        );
        assert_eq!(ballot(&[Fail], Fail).check(1), Ok(()));
        assert_eq!(
            ballot(&[Pass], Pass).check(2),
            Err(AcceptanceProblem::ProductsMismatch { expected: 2 })
        );
    }

    #[test]
    fn a_verdict_needs_a_quorum_and_never_rates_the_task_above_its_worst_product() {
        let rules = AcceptanceRules::default();
        assert_eq!(quorum(&rules, 7), 5);
        assert_eq!(quorum(&rules, 9), 7);
        let pass = ballot(&[Pass, Excellent], Pass);
        assert_eq!(
            verdict(&rules, 7, 2, &vec![pass.clone(); 4]),
            Err(AcceptanceProblem::NoQuorum {
                ballots: 4,
                needed: 5
            })
        );
        let v = verdict(&rules, 7, 2, &vec![pass; 5]).unwrap();
        assert_eq!(v.products, [Pass, Excellent]);
        assert_eq!(v.task, Pass);
        // Members may rate the task higher than the council rates a product: the task follows
        // the product.
        let mixed = vec![
            ballot(&[Excellent], Excellent),
            ballot(&[Excellent], Excellent),
            ballot(&[Fail], Fail),
            ballot(&[Fail], Fail),
            ballot(&[Excellent], Excellent),
        ];
        let v = verdict(&rules, 5, 1, &mixed).unwrap();
        assert_eq!((v.products[0], v.task), (Fail, Fail));
        assert_eq!(
            check_members(&rules, 4),
            Err(AcceptanceProblem::MembersOutOfRange { min: 5, max: 9 })
        );
        assert_eq!(check_members(&rules, 9), Ok(()));
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
        assert_eq!(tally(1, &mixed), vec![[3, 0, 2], [3, 0, 2]]);
    }

    #[test]
    fn the_tasks_own_people_are_conflicted() {
        let task = TaskPeople {
            leader: 1,
            team: vec![2],
            host_accounts: vec![3],
            host: Some(10),
        };
        for account in [1, 2, 3] {
            assert!(conflicted(&task, account, None), "{account}");
        }
        assert!(conflicted(&task, 4, Some(10)), "the host's staff");
        assert!(!conflicted(&task, 4, Some(11)));
        assert!(!conflicted(&task, 4, None));
        let no_host = TaskPeople { host: None, ..task };
        assert!(!conflicted(&no_host, 4, None));
    }
}
