//! The signed-in person's scientific CV (lý lịch khoa học): one per person, reused by every
//! application they lead and frozen into each version they submit.

use chrono::{DateTime, Utc};
use domain::cv::ScientificCv;
use domain::issue::Issue;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CvView {
    pub cv: ScientificCv,
    /// What is still missing or wrong.
    pub issues: Vec<Issue>,
    pub updated_at: Option<DateTime<Utc>>,
    /// The current year in Vietnam, the latest year an entry may carry.
    pub this_year: i32,
}

#[server(prefix = "/api", endpoint = "cv/mine", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_cv() -> Result<CvView, AppError> {
    crate::error::finish(server::mine().await)
}

/// Saves the CV even when incomplete (the answer lists what is missing); refuses only what
/// is too long.
#[server(prefix = "/api", endpoint = "cv/save", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_cv(cv: ScientificCv) -> Result<Vec<Issue>, AppError> {
    crate::error::finish(server::save(cv).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::researcher_cv;
    use crate::db::json::Json;
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::{audit, now, require_user};
    use domain::cv::check;
    use domain::issue::FormProblem;
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{ConnectionTrait, EntityTrait, Set};

    /// The calendar year in Vietnam at `at`.
    pub use domain::format::year_in_vietnam;

    /// A person's CV, if they have written one.
    pub async fn cv_of(
        db: &impl ConnectionTrait,
        user_id: i32,
    ) -> Result<Option<(ScientificCv, DateTime<Utc>)>, AppError> {
        let Some(row) = researcher_cv::Entity::find_by_id(user_id).one(db).await? else {
            return Ok(None);
        };
        let cv = row.content.0.clone();
        Ok(Some((cv, row.updated_at)))
    }

    pub async fn mine() -> Result<CvView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let this_year = year_in_vietnam(now()?);
        let (cv, updated_at) = match cv_of(db, me.user_id).await? {
            Some((cv, at)) => (cv, Some(at)),
            None => (ScientificCv::default(), None),
        };
        Ok(CvView {
            issues: check(&cv, this_year),
            cv,
            updated_at,
            this_year,
        })
    }

    pub async fn save(cv: ScientificCv) -> Result<Vec<Issue>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let now = now()?;
        let issues = check(&cv, year_in_vietnam(now));
        if let Some(i) = issues.iter().find(|i| {
            matches!(
                i.problem,
                FormProblem::TooLong { .. } | FormProblem::TooManyRows { .. }
            )
        }) {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem.clone())));
        }
        let content = Json(cv.clone());
        let txn = crate::db::begin(db).await?;
        researcher_cv::Entity::insert(researcher_cv::ActiveModel {
            user_id: Set(me.user_id),
            content: Set(content),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(researcher_cv::Column::UserId)
                .update_columns([
                    researcher_cv::Column::Content,
                    researcher_cv::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "cv_saved",
            ("user", me.user_id.into()),
            serde_json::json!({ "complete": issues.is_empty() }),
        )
        .await?;
        txn.commit().await?;
        Ok(issues)
    }
}
