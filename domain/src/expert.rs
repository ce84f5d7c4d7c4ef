//! The expert database (docs/lifecycle.md §2, councils): people who can sit on councils, with their fields
//! of expertise, organisation and degree; drawn from researchers' scientific CVs or added by
//! officers. Checked as typed; searched without diacritics.

use serde::{Deserialize, Serialize};

use crate::cv::ScientificCv;
use crate::issue::{issue, FormProblem, Issue};
use crate::Lang;

pub const MAX_NAME_CHARS: usize = 300;
pub const MAX_FIELDS: usize = 10;
pub const MAX_FIELD_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Every field may be left out of an API call (empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ExpertForm {
    pub name: String,
    /// The e-mail of their account, if they have one: needed to seat them on a council.
    pub email: String,
    pub organisation: String,
    /// Fields of expertise (chuyên ngành), one per entry.
    pub fields: Vec<String>,
    /// Academic title and degree as people write them ("PGS.TS.", "ThS.").
    pub degree: String,
    pub note: String,
}

impl ExpertForm {
    /// The form with its text trimmed and empty fields dropped.
    pub fn tidy(mut self) -> ExpertForm {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        self.name = clean(&self.name);
        self.email = self.email.trim().to_lowercase();
        self.organisation = clean(&self.organisation);
        self.fields = self
            .fields
            .iter()
            .map(|f| clean(f))
            .filter(|f| !f.is_empty())
            .collect();
        self.degree = clean(&self.degree);
        self.note = self.note.trim().to_string();
        self
    }

    /// Every problem, by path. Run on a tidied form.
    pub fn check(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let long = |out: &mut Vec<Issue>, path: &str, s: &str, max: usize| {
            if s.chars().count() > max {
                out.push(issue(path, FormProblem::TooLong { max_chars: max }));
            }
        };
        if self.name.is_empty() {
            out.push(issue("name", FormProblem::Required));
        }
        long(&mut out, "name", &self.name, MAX_NAME_CHARS);
        if !self.email.is_empty() && crate::account::Email::parse(&self.email).is_err() {
            out.push(issue("email", FormProblem::InvalidEmail));
        }
        long(&mut out, "organisation", &self.organisation, MAX_NAME_CHARS);
        if self.fields.is_empty() {
            out.push(issue("fields", FormProblem::Required));
        }
        if self.fields.len() > MAX_FIELDS {
            out.push(issue(
                "fields",
                FormProblem::TooManyRows {
                    max_rows: MAX_FIELDS,
                },
            ));
        }
        for (i, f) in self.fields.iter().enumerate() {
            long(&mut out, &format!("fields.{i}"), f, MAX_FIELD_CHARS);
        }
        long(&mut out, "degree", &self.degree, 100);
        long(&mut out, "note", &self.note, MAX_NOTE_CHARS);
        out
    }

    /// What a search looks through: name, organisation and fields.
    pub fn search_text(&self) -> String {
        format!(
            "{} | {} | {}",
            self.name,
            self.organisation,
            self.fields.join(" | ")
        )
    }

    /// An entry drawn from a researcher's scientific CV: their specialisation as the field,
    /// title and highest degree as written in Vietnamese.
    pub fn from_cv(name: &str, email: &str, organisation: &str, cv: &ScientificCv) -> ExpertForm {
        let degree = crate::cv::highest_degree(cv)
            .map(|d| d.label(Lang::Vi).to_string())
            .unwrap_or_default();
        let title = match cv.academic_title {
            crate::cv::AcademicTitle::None => "",
            t => t.label(Lang::Vi),
        };
        ExpertForm {
            name: name.into(),
            email: email.into(),
            organisation: organisation.into(),
            fields: vec![cv.specialisation.clone()],
            degree: [title, degree.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            note: String::new(),
        }
        .tidy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tidied_form_names_what_is_missing() {
        let f = ExpertForm {
            name: "  Trần   Văn  Bình ".into(),
            email: " Binh@Vien.VN ".into(),
            fields: vec![" ".into(), "Khoa học  đất".into()],
            ..Default::default()
        }
        .tidy();
        assert_eq!(f.name, "Trần Văn Bình");
        assert_eq!(f.email, "binh@vien.vn");
        assert_eq!(f.fields, vec!["Khoa học đất".to_string()]);
        assert_eq!(f.check(), vec![]);
        let empty = ExpertForm::default().tidy();
        let paths: Vec<String> = empty.check().into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["name", "fields"]);
        let bad = ExpertForm {
            email: "không-phải-email".into(),
            ..f.clone()
        }
        .tidy();
        assert_eq!(bad.check()[0].path, "email");
        let many = ExpertForm {
            fields: vec!["x".into(); MAX_FIELDS + 1],
            ..f
        };
        assert_eq!(
            many.check()[0].problem,
            FormProblem::TooManyRows {
                max_rows: MAX_FIELDS
            }
        );
    }

    #[test]
    fn an_entry_from_a_cv_carries_title_degree_and_specialisation() {
        let cv = ScientificCv {
            academic_title: crate::cv::AcademicTitle::AssociateProfessor,
            specialisation: "Thổ nhưỡng".into(),
            degrees: vec![crate::cv::Degree {
                level: crate::cv::DegreeLevel::Doctor,
                ..Default::default()
            }],
            ..Default::default()
        };
        let f = ExpertForm::from_cv("Ngô Minh", "minh@vien.vn", "Viện", &cv);
        assert_eq!(f.degree, "Phó Giáo sư, Tiến sĩ");
        assert_eq!(f.fields, vec!["Thổ nhưỡng".to_string()]);
        let plain = ScientificCv::default();
        assert_eq!(ExpertForm::from_cv("A", "", "", &plain).degree, "");
    }

    #[test]
    fn search_text_holds_name_organisation_and_fields() {
        let f = ExpertForm {
            name: "Lê Thị Hoa".into(),
            organisation: "Viện Nông nghiệp".into(),
            fields: vec!["Bảo vệ thực vật".into(), "Vi sinh".into()],
            ..Default::default()
        };
        let folded = crate::text::fold(&f.search_text());
        assert!(folded.contains("bao ve thuc vat"), "{folded}");
        assert!(folded.contains("vien nong nghiep"));
    }
}
