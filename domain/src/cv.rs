//! The researcher's scientific CV (lý lịch khoa học, mẫu B1-4-LLCN): kept once per person and
//! reused by every application, frozen into each submitted version.

use serde::{Deserialize, Serialize};

use crate::application::{rows_optional, text};
use crate::issue::{issue, FormProblem, Issue};
use crate::Lang;

/// Earliest year a CV entry may carry.
pub const MIN_YEAR: i32 = 1940;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum DegreeLevel {
    #[default]
    Bachelor,
    Engineer,
    Master,
    Doctor,
    DoctorOfScience,
}

impl DegreeLevel {
    pub const ALL: [DegreeLevel; 5] = [
        DegreeLevel::Bachelor,
        DegreeLevel::Engineer,
        DegreeLevel::Master,
        DegreeLevel::Doctor,
        DegreeLevel::DoctorOfScience,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DegreeLevel::Bachelor => lang.pick("Cử nhân", "Bachelor"),
            DegreeLevel::Engineer => lang.pick("Kỹ sư", "Engineer"),
            DegreeLevel::Master => lang.pick("Thạc sĩ", "Master"),
            DegreeLevel::Doctor => lang.pick("Tiến sĩ", "Doctor (PhD)"),
            DegreeLevel::DoctorOfScience => lang.pick("Tiến sĩ khoa học", "Doctor of Science"),
        }
    }
}

/// Học hàm.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum AcademicTitle {
    #[default]
    None,
    AssociateProfessor,
    Professor,
}

impl AcademicTitle {
    pub const ALL: [AcademicTitle; 3] = [
        AcademicTitle::None,
        AcademicTitle::AssociateProfessor,
        AcademicTitle::Professor,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AcademicTitle::None => lang.pick("Không", "None"),
            AcademicTitle::AssociateProfessor => lang.pick("Phó Giáo sư", "Associate Professor"),
            AcademicTitle::Professor => lang.pick("Giáo sư", "Professor"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Degree {
    pub level: DegreeLevel,
    pub field: String,
    pub institution: String,
    pub year: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Position {
    pub title: String,
    pub organisation: String,
    pub from_year: i32,
    /// `None` while held.
    pub to_year: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Publication {
    /// Authors, title, journal or publisher, as cited.
    pub citation: String,
    pub year: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PastTask {
    pub title: String,
    /// Level and managing body, e.g. "Cấp tỉnh — Sở KH&CN".
    pub level: String,
    /// Leader, secretary, member…
    pub role: String,
    pub from_year: i32,
    pub to_year: Option<i32>,
    /// How it ended: "Nghiệm thu đạt", "Đang thực hiện"…
    pub result: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScientificCv {
    pub birth_year: i32,
    pub academic_title: AcademicTitle,
    pub specialisation: String,
    pub degrees: Vec<Degree>,
    pub positions: Vec<Position>,
    pub publications: Vec<Publication>,
    pub past_tasks: Vec<PastTask>,
}

fn year(out: &mut Vec<Issue>, path: String, value: i32, this_year: i32) {
    if !(MIN_YEAR..=this_year).contains(&value) {
        out.push(issue(
            path,
            FormProblem::YearOutOfRange {
                min: MIN_YEAR,
                max: this_year,
            },
        ));
    }
}

fn span(out: &mut Vec<Issue>, path: &str, from: i32, to: Option<i32>, this_year: i32) {
    year(out, format!("{path}.from_year"), from, this_year);
    if let Some(to) = to {
        year(out, format!("{path}.to_year"), to, this_year);
        if to < from {
            out.push(issue(
                format!("{path}.to_year"),
                FormProblem::EndsBeforeStart,
            ));
        }
    }
}

/// Everything missing or wrong; empty means the CV may accompany an application. At least one
/// degree and one position are needed; publications and past tasks may be empty. `this_year`
/// bounds the years (in Vietnam's calendar year of `now`).
pub fn check(cv: &ScientificCv, this_year: i32) -> Vec<Issue> {
    let mut out = Vec::new();
    year(&mut out, "birth_year".into(), cv.birth_year, this_year);
    text(&mut out, "specialisation", &cv.specialisation, true);
    if rows_optional(&mut out, "degrees", &cv.degrees, true) {
        for (i, d) in cv.degrees.iter().enumerate() {
            text(&mut out, &format!("degrees.{i}.field"), &d.field, true);
            text(
                &mut out,
                &format!("degrees.{i}.institution"),
                &d.institution,
                true,
            );
            year(&mut out, format!("degrees.{i}.year"), d.year, this_year);
        }
    }
    if rows_optional(&mut out, "positions", &cv.positions, true) {
        for (i, p) in cv.positions.iter().enumerate() {
            text(&mut out, &format!("positions.{i}.title"), &p.title, true);
            text(
                &mut out,
                &format!("positions.{i}.organisation"),
                &p.organisation,
                true,
            );
            span(
                &mut out,
                &format!("positions.{i}"),
                p.from_year,
                p.to_year,
                this_year,
            );
        }
    }
    if rows_optional(&mut out, "publications", &cv.publications, false) {
        for (i, p) in cv.publications.iter().enumerate() {
            text(
                &mut out,
                &format!("publications.{i}.citation"),
                &p.citation,
                true,
            );
            year(
                &mut out,
                format!("publications.{i}.year"),
                p.year,
                this_year,
            );
        }
    }
    if rows_optional(&mut out, "past_tasks", &cv.past_tasks, false) {
        for (i, t) in cv.past_tasks.iter().enumerate() {
            text(&mut out, &format!("past_tasks.{i}.title"), &t.title, true);
            text(&mut out, &format!("past_tasks.{i}.level"), &t.level, true);
            text(&mut out, &format!("past_tasks.{i}.role"), &t.role, true);
            text(
                &mut out,
                &format!("past_tasks.{i}.result"),
                &t.result,
                false,
            );
            span(
                &mut out,
                &format!("past_tasks.{i}"),
                t.from_year,
                t.to_year,
                this_year,
            );
        }
    }
    out
}

/// The highest degree held, for lists and the council's view.
pub fn highest_degree(cv: &ScientificCv) -> Option<DegreeLevel> {
    cv.degrees.iter().map(|d| d.level).max_by_key(|l| *l as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ScientificCv {
        ScientificCv {
            birth_year: 1980,
            academic_title: AcademicTitle::AssociateProfessor,
            specialisation: "Khoa học đất".into(),
            degrees: vec![
                Degree {
                    level: DegreeLevel::Doctor,
                    field: "Khoa học đất".into(),
                    institution: "Đại học Nông Lâm Huế".into(),
                    year: 2012,
                },
                Degree {
                    level: DegreeLevel::Engineer,
                    field: "Nông học".into(),
                    institution: "Đại học Nông Lâm Huế".into(),
                    year: 2003,
                },
            ],
            positions: vec![Position {
                title: "Nghiên cứu viên chính".into(),
                organisation: "Viện Nông nghiệp tỉnh".into(),
                from_year: 2012,
                to_year: None,
            }],
            publications: vec![],
            past_tasks: vec![PastTask {
                title: "Cải tạo đất phèn".into(),
                level: "Cấp tỉnh".into(),
                role: "Chủ nhiệm".into(),
                from_year: 2018,
                to_year: Some(2020),
                result: "Nghiệm thu đạt".into(),
            }],
        }
    }

    #[test]
    fn a_complete_cv_passes() {
        assert_eq!(check(&complete(), 2026), vec![]);
        assert_eq!(highest_degree(&complete()), Some(DegreeLevel::Doctor));
    }

    #[test]
    fn degrees_and_positions_are_needed() {
        let paths: Vec<String> = check(&ScientificCv::default(), 2026)
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(
            paths,
            ["birth_year", "specialisation", "degrees", "positions"]
        );
    }

    #[test]
    fn years_are_bounded_and_ordered() {
        let mut cv = complete();
        cv.degrees[0].year = 2027;
        cv.past_tasks[0].to_year = Some(2017);
        let issues = check(&cv, 2026);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].path, "degrees.0.year");
        assert_eq!(
            issues[0].problem,
            FormProblem::YearOutOfRange {
                min: MIN_YEAR,
                max: 2026
            }
        );
        assert_eq!(issues[1].path, "past_tasks.0.to_year");
        assert_eq!(issues[1].problem, FormProblem::EndsBeforeStart);
    }
}
