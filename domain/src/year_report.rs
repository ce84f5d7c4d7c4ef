//! The department's year-end report (docs/programme.md, "Year-end report"): its tables, worked
//! from the grouped counts the database returns — tasks by level and field with how they stood
//! in the year, acceptance outcomes by level and rating — with subtotals per level and a total.

use crate::acceptance::Rating;
use crate::call::TaskLevel;
use crate::Lang;

/// The tasks of one level and field, as counted for the year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldCounts {
    /// Contracts signed in the year.
    pub signed: i64,
    /// What those contracts commit, đồng.
    pub committed_dong: i64,
    /// Signed before the year ended and neither concluded nor terminated by then.
    pub running_at_end: i64,
    /// Acceptances concluded in the year with a passing rating.
    pub accepted: i64,
    /// Acceptances concluded in the year that failed.
    pub failed: i64,
    /// Terminated in the year.
    pub terminated: i64,
}

impl FieldCounts {
    fn add(&mut self, o: &FieldCounts) {
        self.signed += o.signed;
        self.committed_dong += o.committed_dong;
        self.running_at_end += o.running_at_end;
        self.accepted += o.accepted;
        self.failed += o.failed;
        self.terminated += o.terminated;
    }

    fn is_empty(&self) -> bool {
        *self == FieldCounts::default()
    }
}

/// One line of the table by field: a field of a level, a level's subtotal, or the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldLine {
    Field(TaskLevel, String, FieldCounts),
    Subtotal(TaskLevel, FieldCounts),
    Total(FieldCounts),
}

impl FieldLine {
    /// The line's name: the field (unnamed ones said so), "Cộng cấp tỉnh", "Tổng cộng".
    pub fn name(&self, lang: Lang) -> String {
        match self {
            FieldLine::Field(_, f, _) if f.trim().is_empty() => {
                lang.pick("(Chưa ghi lĩnh vực)", "(No field given)").into()
            }
            FieldLine::Field(_, f, _) => f.trim().to_string(),
            FieldLine::Subtotal(l, _) => {
                format!(
                    "{} {}",
                    lang.pick("Cộng", "Subtotal,"),
                    l.label(lang).to_lowercase()
                )
            }
            FieldLine::Total(_) => lang.pick("Tổng cộng", "Total").into(),
        }
    }

    pub fn counts(&self) -> &FieldCounts {
        match self {
            FieldLine::Field(_, _, c) | FieldLine::Subtotal(_, c) | FieldLine::Total(c) => c,
        }
    }
}

/// The table by field: provincial fields then grassroots ones, each level's fields by name
/// (the same field written with other spacing counted once) and closed by its subtotal, then the
/// total. Rows with nothing to count are left out; a level without any is too.
pub fn by_field(rows: &[(TaskLevel, String, FieldCounts)]) -> Vec<FieldLine> {
    let mut out = Vec::new();
    let mut total = FieldCounts::default();
    for level in [TaskLevel::Provincial, TaskLevel::Grassroots] {
        let mut fields: Vec<(String, FieldCounts)> = Vec::new();
        for (_, field, counts) in rows.iter().filter(|(l, _, c)| *l == level && !c.is_empty()) {
            let name = field.split_whitespace().collect::<Vec<_>>().join(" ");
            match fields.iter_mut().find(|(f, _)| *f == name) {
                Some((_, c)) => c.add(counts),
                None => fields.push((name, counts.clone())),
            }
        }
        if fields.is_empty() {
            continue;
        }
        // Unnamed last, the rest in Vietnamese alphabetical order of their folded names.
        fields.sort_by_key(|(f, _)| (f.is_empty(), crate::text::fold(f), f.clone()));
        let mut sub = FieldCounts::default();
        for (field, counts) in fields {
            sub.add(&counts);
            out.push(FieldLine::Field(level, field, counts));
        }
        total.add(&sub);
        out.push(FieldLine::Subtotal(level, sub));
    }
    out.push(FieldLine::Total(total));
    out
}

/// Acceptance outcomes of the year: per level, the count of each rating (Excellent, Pass,
/// Fail, as `Rating::ALL`), with the total line last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcomes {
    pub lines: Vec<(Option<TaskLevel>, [i64; 3])>,
}

impl Outcomes {
    /// From `(level, rating, count)` groups; ratings the rules do not know are not counted.
    pub fn from_groups(groups: &[(TaskLevel, Rating, i64)]) -> Outcomes {
        let mut lines = Vec::new();
        let mut total = [0i64; 3];
        for level in [TaskLevel::Provincial, TaskLevel::Grassroots] {
            let mut counts = [0i64; 3];
            for (_, rating, n) in groups.iter().filter(|(l, _, _)| *l == level) {
                if let Some(i) = Rating::ALL.iter().position(|r| r == rating) {
                    counts[i] += n;
                    total[i] += n;
                }
            }
            lines.push((Some(level), counts));
        }
        lines.push((None, total));
        Outcomes { lines }
    }

    /// The share of the concluded that passed (Excellent or Pass), in whole per cent, rounded
    /// half up; none when nothing was concluded.
    pub fn pass_percent(counts: &[i64; 3]) -> Option<i64> {
        let all: i64 = counts.iter().sum();
        (all > 0).then(|| ((counts[0] + counts[1]) * 200 + all) / (2 * all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskLevel::{Grassroots as G, Provincial as P};

    fn c(signed: i64, committed_dong: i64, running_at_end: i64, accepted: i64) -> FieldCounts {
        FieldCounts {
            signed,
            committed_dong,
            running_at_end,
            accepted,
            ..FieldCounts::default()
        }
    }

    #[test]
    fn the_table_by_field_has_a_subtotal_per_level_and_a_total() {
        let rows = vec![
            (P, "Nông nghiệp".to_string(), c(2, 1_500_000_000, 5, 1)),
            (G, "Y dược".to_string(), c(1, 80_000_000, 1, 0)),
            (
                P,
                "Công nghệ thông tin".to_string(),
                c(1, 700_000_000, 2, 0),
            ),
            (P, "".to_string(), c(0, 0, 1, 0)),
            // The same field with its spacing slipped: one line.
            (P, " Nông  nghiệp".to_string(), c(1, 300_000_000, 1, 1)),
            // Nothing to count: no line.
            (G, "Môi trường".to_string(), FieldCounts::default()),
        ];
        let lines = by_field(&rows);
        let names: Vec<String> = lines.iter().map(|l| l.name(Lang::Vi)).collect();
        assert_eq!(
            names,
            [
                "Công nghệ thông tin",
                "Nông nghiệp",
                "(Chưa ghi lĩnh vực)",
                "Cộng cấp tỉnh",
                "Y dược",
                "Cộng cấp cơ sở",
                "Tổng cộng",
            ]
        );
        // Nông nghiệp: 2 + 1 signed for 1.500 + 300 million, 5 + 1 running, 1 + 1 accepted.
        assert_eq!(lines[1].counts(), &c(3, 1_800_000_000, 6, 2));
        // Provincial: 1 + 3 + 0 signed, 700 + 1.800 million, 2 + 6 + 1 running, 0 + 2 + 0.
        assert_eq!(lines[3].counts(), &c(4, 2_500_000_000, 9, 2));
        assert_eq!(lines[6].counts(), &c(5, 2_580_000_000, 10, 2));
    }

    #[test]
    fn a_year_without_tasks_has_only_its_total() {
        assert_eq!(
            by_field(&[]),
            vec![FieldLine::Total(FieldCounts::default())]
        );
    }

    #[test]
    fn outcomes_count_each_rating_by_level() {
        let o = Outcomes::from_groups(&[
            (P, Rating::Excellent, 2),
            (P, Rating::Pass, 5),
            (P, Rating::Fail, 1),
            (G, Rating::Pass, 3),
        ]);
        assert_eq!(
            o.lines,
            vec![
                (Some(P), [2, 5, 1]),
                (Some(G), [0, 3, 0]),
                (None, [2, 8, 1])
            ]
        );
        // 7 of 8 passed: 87,5 % → 88; 10 of 11: 90,9 % → 91; nothing concluded: none.
        assert_eq!(Outcomes::pass_percent(&[2, 5, 1]), Some(88));
        assert_eq!(Outcomes::pass_percent(&[2, 8, 1]), Some(91));
        assert_eq!(Outcomes::pass_percent(&[0, 0, 0]), None);
        assert_eq!(Outcomes::pass_percent(&[0, 0, 3]), Some(0));
    }
}
