//! Example inputs too long to write inline in a declaration. Each is a typed value, so it is
//! well formed by construction.

use chrono::{TimeZone, Utc};
use domain::acceptance::{Ballot, Rating};
use domain::call::{CallForm, Formation, PriorityArea, TaskLevel};
use domain::scoring::SheetEntry;
use serde::Serialize;

/// The fields of an upload, in the order the server reads them.
#[derive(Serialize, schemars::JsonSchema)]
pub struct UploadForm {
    pub application_id: i32,
    /// One of the call's required documents, or empty for another document.
    pub document: String,
    /// The file's bytes.
    #[schemars(extend("format" = "binary"))]
    pub file: String,
}

pub fn call_form() -> CallForm {
    CallForm {
        title: "Đợt tuyển chọn nhiệm vụ KH&CN cấp tỉnh năm 2027".into(),
        summary: "Nông nghiệp công nghệ cao".into(),
        level: TaskLevel::Provincial,
        formation: Formation::Grant,
        kind: domain::call::TaskKind::Topic,
        fields: vec!["Khoa học nông nghiệp".into()],
        priority_areas: vec![PriorityArea::HighTechAgricultureForestry],
        opens_at: Utc.with_ymd_and_hms(2027, 1, 4, 1, 0, 0).unwrap(),
        closes_at: Utc.with_ymd_and_hms(2027, 3, 31, 10, 0, 0).unwrap(),
        budget_envelope_dong: 5_000_000_000,
        required_documents: vec!["Thuyết minh".into()],
        designated_organisation_id: None,
    }
}

/// Half points, criterion by criterion (the rulebook's three criteria by default).
pub fn sheet_entry() -> SheetEntry {
    SheetEntry {
        scores: vec![Some(26), Some(84), Some(60)],
        comments: vec![String::new(); 3],
    }
}

pub fn ballot() -> Ballot {
    Ballot {
        products: vec![Rating::Pass],
        task: Rating::Pass,
        comment: "Hoàn thành đúng hạn".into(),
    }
}
