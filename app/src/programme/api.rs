//! What the dashboard shows and the server functions behind it.

use chrono::{DateTime, Utc};
use domain::call::TaskLevel;
use domain::programme::{Comparison, Decision, FigureState, Metric, Source};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::error::AppError;

/// One indicator of the catalogue with the figure it stands at for the year asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IndicatorView {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    pub unit_en: String,
    pub comparison: Comparison,
    /// In hundredths (`domain::programme`).
    pub target: i64,
    pub target_year: i32,
    pub source: Source,
    pub responsible_unit_id: Option<i32>,
    pub responsible_unit: Option<String>,
    pub public: bool,
    /// The latest approved figure up to the year asked (or the computed one of that year), in
    /// hundredths.
    pub value: Option<i64>,
    /// The year that figure is for.
    pub figure_year: Option<i32>,
    /// The approved figure's id, for its evidence and history.
    pub figure_id: Option<i32>,
    /// 0 to 100 (`domain::programme::progress_percent`).
    pub progress: Option<u32>,
    /// Whether the person asking may enter its figures.
    pub mine: bool,
}

/// A figure as entered, with the decision on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FigureView {
    pub id: i32,
    pub indicator_id: i32,
    pub indicator: String,
    pub year: i32,
    pub value: i64,
    pub unit: String,
    pub note: String,
    pub evidence_name: String,
    pub evidence_bytes: i64,
    pub state: FigureState,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: String,
}

impl FigureView {
    pub fn evidence_href(&self) -> String {
        format!("/files/programme/figures/{}", self.id)
    }
}

/// A computed figure by year: provincial and grassroots apart, `years` long, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MetricRow {
    pub metric: Metric,
    pub provincial: Vec<i64>,
    pub grassroots: Vec<i64>,
}

impl MetricRow {
    pub fn total(&self, i: usize) -> i64 {
        self.provincial.get(i).copied().unwrap_or(0) + self.grassroots.get(i).copied().unwrap_or(0)
    }

    pub fn of(&self, level: Option<TaskLevel>, i: usize) -> i64 {
        match level {
            None => self.total(i),
            Some(TaskLevel::Provincial) => self.provincial.get(i).copied().unwrap_or(0),
            Some(TaskLevel::Grassroots) => self.grassroots.get(i).copied().unwrap_or(0),
        }
    }
}

/// The dashboard for a year: the catalogue at that year, the computed figures of the five
/// years up to it, and for the department the figures awaiting approval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dashboard {
    pub year: i32,
    /// The years of `metrics`, oldest first, `year` last.
    pub years: Vec<i32>,
    pub indicators: Vec<IndicatorView>,
    pub metrics: Vec<MetricRow>,
    /// How long the steps took over the same years: medians in days.
    pub durations: Vec<domain::programme::durations::StepDays>,
    /// Figures awaiting approval (empty for the public and for units).
    pub pending: Vec<FigureView>,
    /// Whether the person asking reads the whole dashboard (the department), not only their
    /// unit's indicators.
    pub department: bool,
    /// Whether the person asking approves figures.
    pub approves: bool,
    /// Whether the person asking keeps the catalogue.
    pub manages: bool,
    /// The years a figure may be entered for: the first and the current one.
    pub entry_years: (i32, i32),
}

/// The dashboard for the department (officers, leaders, administrators) and for the units that
/// enter figures (their indicators only); `year` by default the current year in Vietnam.
#[server(prefix = "/api", endpoint = "programme/dashboard", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn programme_dashboard(year: Option<i32>) -> Result<Dashboard, AppError> {
    crate::error::finish(super::server::dashboard(year, false).await)
}

/// The public subset: the indicators marked public and the computed figures; nothing awaiting
/// approval.
#[server(prefix = "/api", endpoint = "public/programme", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn public_programme(year: Option<i32>) -> Result<Dashboard, AppError> {
    crate::error::finish(super::server::dashboard(year, true).await)
}

/// Enters a year's figure with its evidence. Fields, in this order: `indicator_id`, `year`,
/// `value` (as people write it: `2,5`), `note`, `file`.
#[server(prefix = "/api", endpoint = "programme/figures/submit", input = MultipartFormData)]
pub async fn submit_figure(data: MultipartData) -> Result<FigureView, AppError> {
    crate::error::finish(super::server::figures::submit(data).await)
}

/// Approves or returns (with the reason) a figure awaiting approval.
#[server(prefix = "/api", endpoint = "programme/figures/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_figure(
    id: i32,
    decision: Decision,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    crate::error::finish(super::server::figures::decide(id, decision, reason).await)
}

/// Every figure entered for an indicator, newest first: what was entered, by whom, and what
/// was decided.
#[server(prefix = "/api", endpoint = "programme/figures/history", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn figure_history(indicator_id: i32) -> Result<Vec<FigureView>, AppError> {
    crate::error::finish(super::server::figures::history(indicator_id).await)
}

/// An indicator as the administrator edits it; `id` none adds one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IndicatorInput {
    #[serde(default)]
    pub id: Option<i32>,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    pub unit_en: String,
    /// `at_least`, `more_than` or `at_most`
    pub comparison: String,
    /// As people write it: `2,5`
    pub target: String,
    pub target_year: i32,
    /// `entered` or a metric's code
    pub source: String,
    #[serde(default)]
    pub responsible_unit_id: Option<i32>,
    pub public: bool,
}

/// Adds or changes an indicator of the catalogue (administrators).
#[server(prefix = "/api", endpoint = "programme/indicators/save", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_indicator(input: IndicatorInput) -> Result<i32, AppError> {
    crate::error::finish(super::server::catalogue::save(input).await)
}
