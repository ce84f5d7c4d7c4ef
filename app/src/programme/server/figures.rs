//! Entered figures (docs/programme.md, "Entered"): a responsible unit's representative enters
//! the year's figure with its evidence; an officer other than them approves it or returns it
//! with the reason; every entry is kept, the latest approved one counts.

use std::collections::HashMap;

use domain::attachment::{accept, clean_file_name};
use domain::programme::{check_entry, decide as decide_rule, parse_figure, Decision};
use domain::programme::{FigureProblem, FigureState, Source};
use domain::roles::{Permission, Role, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use server_fn::codec::MultipartData;

use super::super::api::FigureView;
use super::figure_view;
use crate::db::entities::{indicator, indicator_figure};
use crate::db::state;
use crate::error::{AppError, Problem};
use crate::kit::notify::{holders, notify};
use crate::kit::{audit, now, require, require_user};

/// Figures awaiting approval shown at once, the oldest first.
pub const PENDING_SHOWN: u64 = 100;

fn figure_error(p: FigureProblem) -> AppError {
    AppError::invalid(p.field(), Problem::Figure(p))
}

/// What the form carried: the fields as typed, the file read up to one byte over the limit.
#[derive(Default)]
struct Entry {
    indicator_id: Option<i32>,
    year: String,
    value: String,
    note: String,
    file: Option<(String, Vec<u8>)>,
}

fn unreadable(e: impl std::fmt::Display) -> AppError {
    tracing::info!(error = %e, "unreadable figure form");
    AppError::invalid("file", Problem::Form(domain::issue::FormProblem::Required))
}

async fn read(data: MultipartData, max_bytes: u64) -> Result<Entry, AppError> {
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut entry = Entry::default();
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() as u64 > max_bytes {
                    let too_large = domain::attachment::FileProblem::TooLarge { max_bytes };
                    return Err(AppError::invalid("file", Problem::File(too_large)));
                }
            }
            // A form sent without choosing a file carries an empty, nameless part.
            if !(file_name.is_empty() && bytes.is_empty()) {
                entry.file = Some((file_name, bytes));
            }
            continue;
        }
        let text = field.text().await.map_err(unreadable)?;
        match name.as_str() {
            "indicator_id" => {
                entry.indicator_id = Some(text.trim().parse().map_err(|_| AppError::NotFound)?)
            }
            "year" => entry.year = text,
            "value" => entry.value = text,
            "note" => entry.note = text,
            _ => {}
        }
    }
    Ok(entry)
}

/// The indicator, if the person asking reports for its responsible unit.
async fn reported_by_me(db: &impl ConnectionTrait, id: i32) -> Result<indicator::Model, AppError> {
    crate::auth::server::require_somewhere(Permission::ReportIndicators)?;
    let ind = indicator::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = ind.responsible_unit_id.ok_or(AppError::Forbidden)?;
    require(
        Permission::ReportIndicators,
        Scope::Organisation(unit.into()),
    )?;
    Ok(ind)
}

pub async fn submit(data: MultipartData) -> Result<FigureView, AppError> {
    let me = require_user()?;
    let st = state()?;
    let policy = st.settings.uploads;
    let entry = read(data, policy.max_bytes).await?;
    let db = &st.db;
    let now = now()?;
    let ind = reported_by_me(db, entry.indicator_id.ok_or(AppError::NotFound)?).await?;
    if Source::from_code(&ind.source) != Some(Source::Entered) {
        return Err(figure_error(FigureProblem::Computed));
    }
    let this_year = domain::format::year_in_vietnam(now);
    let year: i32 = entry.year.trim().parse().map_err(|_| {
        figure_error(FigureProblem::YearOutOfRange {
            first: super::first_entry_year(),
            last: this_year,
        })
    })?;
    check_entry(year, (super::first_entry_year(), this_year), &entry.note).map_err(figure_error)?;
    let value = parse_figure(&entry.value).map_err(figure_error)?;
    let (file_name, bytes) = entry.file.ok_or_else(|| {
        AppError::invalid("file", Problem::Form(domain::issue::FormProblem::Required))
    })?;
    let file_name = clean_file_name(&file_name);
    let detected = crate::attachments::server::detect(&bytes);
    let kind = accept(&file_name, detected, bytes.len() as u64, policy.max_bytes)
        .map_err(|p| AppError::invalid("file", Problem::File(p)))?;
    let sha256 = crate::db::storage::content_key(&bytes);
    // Content first: a row never points at a file that is not there.
    st.files
        .put(&sha256, &bytes)
        .await
        .map_err(|e| crate::error::internal(&e))?;
    let txn = crate::db::begin(db).await?;
    let row = indicator_figure::ActiveModel {
        indicator_id: Set(ind.id),
        year: Set(year),
        value: Set(value),
        note: Set(entry.note.trim().to_string()),
        evidence_sha256: Set(sha256),
        evidence_name: Set(file_name),
        evidence_type: Set(kind.mime().into()),
        evidence_bytes: Set(bytes.len() as i64),
        state: Set(FigureState::Submitted.code().into()),
        entered_by: Set(me.user_id),
        entered_at: Set(now),
        decided_by: Set(None),
        decided_at: Set(None),
        reason: Set(String::new()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "indicator_figure_submitted",
        ("indicator", ind.id.into()),
        serde_json::json!({ "figure": row.id, "year": year, "value": value, "sha256": row.evidence_sha256 }),
    )
    .await?;
    let unit = crate::kit::organisation_names(&txn, ind.responsible_unit_id.into_iter().collect())
        .await?
        .into_values()
        .next()
        .unwrap_or_default();
    let officers = holders(&txn, Role::Officer, None).await?;
    let notice = domain::notice::figure_submitted(&unit, &ind.name, year);
    notify(&txn, &officers, &notice, now).await?;
    txn.commit().await?;
    let names = HashMap::from([(me.user_id, me.display_name.clone())]);
    figure_view(row, &ind, &names)
}

pub async fn decide(id: i32, decision: Decision, reason: String) -> Result<(), AppError> {
    let me = require(Permission::ApproveIndicators, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let f = indicator_figure::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = FigureState::from_code(&f.state).ok_or(AppError::Internal)?;
    let next = decide_rule(
        state,
        f.entered_by.into(),
        me.user_id.into(),
        &decision,
        &reason,
    )
    .map_err(figure_error)?;
    let reason = reason.trim().to_string();
    // Only from `submitted`: of two deciding at once, the second changes nothing.
    let done = indicator_figure::Entity::update_many()
        .col_expr(indicator_figure::Column::State, Expr::value(next.code()))
        .col_expr(indicator_figure::Column::DecidedBy, Expr::value(me.user_id))
        .col_expr(indicator_figure::Column::DecidedAt, Expr::value(now))
        .col_expr(
            indicator_figure::Column::Reason,
            Expr::value(reason.clone()),
        )
        .filter(indicator_figure::Column::Id.eq(id))
        .filter(indicator_figure::Column::State.eq(FigureState::Submitted.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(figure_error(FigureProblem::AlreadyDecided));
    }
    let ind = indicator::Entity::find_by_id(f.indicator_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        if next == FigureState::Approved {
            "indicator_figure_approved"
        } else {
            "indicator_figure_returned"
        },
        ("indicator", ind.id.into()),
        serde_json::json!({ "figure": id, "year": f.year, "reason": reason }),
    )
    .await?;
    let notice =
        domain::notice::figure_decided(&ind.name, f.year, next == FigureState::Approved, &reason);
    notify(&txn, &[f.entered_by], &notice, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the person asking may read the indicator's figures: the department, or the unit
/// that answers for it.
async fn readable(db: &impl ConnectionTrait, id: i32) -> Result<indicator::Model, AppError> {
    let me = require_user()?;
    let ind = indicator::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit_reports = ind
        .responsible_unit_id
        .is_some_and(|u| me.may(Permission::ReportIndicators, Scope::Organisation(u.into())));
    if me.may(Permission::ViewProgramme, Scope::Global) || unit_reports {
        Ok(ind)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn history(indicator_id: i32) -> Result<Vec<FigureView>, AppError> {
    let db = &state()?.db;
    let ind = readable(db, indicator_id).await?;
    let rows = indicator_figure::Entity::find()
        .filter(indicator_figure::Column::IndicatorId.eq(indicator_id))
        .order_by_desc(indicator_figure::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let people = rows
        .iter()
        .flat_map(|f| [Some(f.entered_by), f.decided_by])
        .flatten()
        .collect();
    let names = crate::kit::display_names(db, people).await?;
    rows.into_iter()
        .map(|f| figure_view(f, &ind, &names))
        .collect()
}

/// The figures awaiting approval, oldest first, with their indicators: three queries.
pub async fn pending(db: &impl ConnectionTrait) -> Result<Vec<FigureView>, AppError> {
    let rows = indicator_figure::Entity::find()
        .filter(indicator_figure::Column::State.eq(FigureState::Submitted.code()))
        .order_by_asc(indicator_figure::Column::Id)
        .limit(PENDING_SHOWN)
        .all(db)
        .await?;
    let indicators: HashMap<i32, indicator::Model> = indicator::Entity::find()
        .filter(indicator::Column::Id.is_in(rows.iter().map(|f| f.indicator_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let names = crate::kit::display_names(db, rows.iter().map(|f| f.entered_by).collect()).await?;
    rows.into_iter()
        .map(|f| {
            let ind = indicators.get(&f.indicator_id).ok_or(AppError::Internal)?;
            figure_view(f, ind, &names)
        })
        .collect()
}

/// The evidence of a figure, for the department and the unit that answers for it.
pub async fn evidence(id: i32) -> Result<(String, String, Vec<u8>), AppError> {
    let st = state()?;
    let f = indicator_figure::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(&st.db, f.indicator_id).await?;
    let bytes = st
        .files
        .get(&f.evidence_sha256)
        .await
        .map_err(|e| crate::error::internal(&e))?;
    Ok((f.evidence_type, f.evidence_name, bytes))
}
