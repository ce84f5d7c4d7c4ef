//! The dashboard's reads (docs/programme.md): the catalogue with each indicator's figure for the
//! year, the computed figures of five years, the figures awaiting approval. A handful of
//! queries whatever the number of records.

use std::collections::HashMap;

use domain::format::year_in_vietnam;
use domain::programme::{progress_percent, Comparison, FigureState, Source};
use domain::roles::{Permission, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::api::{Dashboard, FigureView, IndicatorView, MetricRow};
use crate::db::entities::{indicator, indicator_figure};
use crate::db::state;
use crate::error::AppError;
use crate::kit::now;

pub mod catalogue;
pub mod durations;
pub mod figures;
pub mod metrics;
pub mod report;
pub mod xlsx;

/// How many years the computed figures go back, the year asked included.
pub const YEARS_SHOWN: i32 = 5;

/// The first year a figure may be entered for.
pub fn first_entry_year() -> i32 {
    *domain::portal::YEARS.start()
}

/// The year asked, by default this year in Vietnam; refused at `year` outside the portal's span.
fn year_asked(year: Option<i32>, this_year: i32) -> Result<i32, AppError> {
    let year = year.unwrap_or(this_year);
    if domain::portal::YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid(
            "year",
            crate::error::Problem::UnknownChoice,
        ))
    }
}

pub async fn dashboard(year: Option<i32>, public: bool) -> Result<Dashboard, AppError> {
    let st = state()?;
    let now = now()?;
    let me = if public {
        None
    } else {
        let me = crate::auth::server::require_user()?;
        let units = me.units(Permission::ReportIndicators);
        if !me.may(Permission::ViewProgramme, Scope::Global) && units.is_empty() {
            return Err(AppError::Forbidden);
        }
        Some(me)
    };
    let this_year = year_in_vietnam(now);
    let year = year_asked(year, this_year)?;
    let db = &st.db;
    let years: Vec<i32> = (year - YEARS_SHOWN + 1..=year).collect();
    let spans: Vec<_> = years
        .iter()
        .filter_map(|y| domain::portal::year_span(*y))
        .collect();
    let metrics = metrics::all(db, &st.tallies, &spans).await?;
    let durations = durations::all(db, &years, &spans).await?;
    let sees_all = me
        .as_ref()
        .is_some_and(|m| m.may(Permission::ViewProgramme, Scope::Global));
    let reports: Vec<i32> = me
        .as_ref()
        .map(|m| m.units(Permission::ReportIndicators))
        .unwrap_or_default();
    let mut select = indicator::Entity::find().order_by_asc(indicator::Column::Position);
    if public {
        select = select.filter(indicator::Column::Public.eq(true));
    } else if !sees_all {
        select = select.filter(indicator::Column::ResponsibleUnitId.is_in(reports.clone()));
    }
    let rows = select.order_by_asc(indicator::Column::Id).all(db).await?;
    let indicators = indicator_views(db, rows, year, &metrics, &reports).await?;
    let approves = me
        .as_ref()
        .is_some_and(|m| m.may(Permission::ApproveIndicators, Scope::Global));
    let pending = if sees_all {
        figures::pending(db).await?
    } else {
        Vec::new()
    };
    Ok(Dashboard {
        year,
        years,
        indicators,
        metrics,
        durations,
        pending,
        department: sees_all,
        approves,
        manages: me
            .as_ref()
            .is_some_and(|m| m.may(Permission::ManageIndicators, Scope::Global)),
        entry_years: (first_entry_year(), this_year),
    })
}

/// The catalogue's rows with the figure each stands at in `year`: the latest approved entry
/// for that year or an earlier one, or the computed metric's total for the year.
async fn indicator_views(
    db: &impl ConnectionTrait,
    rows: Vec<indicator::Model>,
    year: i32,
    metrics: &[MetricRow],
    reports: &[i32],
) -> Result<Vec<IndicatorView>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    // Each indicator's approved figures up to the year, oldest first: the last one counts.
    let mut latest: HashMap<i32, (i32, i64, i32)> = HashMap::new();
    for f in indicator_figure::Entity::find()
        .filter(indicator_figure::Column::IndicatorId.is_in(ids))
        .filter(indicator_figure::Column::Year.lte(year))
        .filter(indicator_figure::Column::State.eq(FigureState::Approved.code()))
        .order_by_asc(indicator_figure::Column::Year)
        .order_by_asc(indicator_figure::Column::Id)
        .all(db)
        .await?
    {
        latest.insert(f.indicator_id, (f.id, f.value, f.year));
    }
    let units = crate::kit::organisation_names(
        db,
        rows.iter().filter_map(|r| r.responsible_unit_id).collect(),
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            let source = Source::from_code(&r.source).ok_or(AppError::Internal)?;
            let comparison = Comparison::from_code(&r.comparison).ok_or(AppError::Internal)?;
            let (figure_id, value, figure_year) = match source {
                Source::Entered => match latest.get(&r.id).copied() {
                    Some((id, value, year)) => (Some(id), Some(value), Some(year)),
                    None => (None, None, None),
                },
                Source::Computed(m) => {
                    let last = metrics.iter().find(|row| row.metric == m);
                    // Records and đồng are whole: in hundredths like the target.
                    let at = |row: &MetricRow| row.total(row.provincial.len().saturating_sub(1));
                    (
                        None,
                        last.map(|row| at(row).saturating_mul(100)),
                        Some(year),
                    )
                }
            };
            Ok(IndicatorView {
                progress: value.map(|v| progress_percent(v, r.target, comparison)),
                responsible_unit: r.responsible_unit_id.and_then(|u| units.get(&u).cloned()),
                mine: r.responsible_unit_id.is_some_and(|u| reports.contains(&u))
                    && source == Source::Entered,
                id: r.id,
                code: r.code,
                name: r.name,
                name_en: r.name_en,
                unit: r.unit,
                unit_en: r.unit_en,
                comparison,
                target: r.target,
                target_year: r.target_year,
                source,
                responsible_unit_id: r.responsible_unit_id,
                public: r.public,
                value,
                figure_id,
                figure_year,
            })
        })
        .collect()
}

/// A figure row as shown, with the names of who entered and decided it.
pub(super) fn figure_view(
    f: indicator_figure::Model,
    indicator: &indicator::Model,
    names: &HashMap<i32, String>,
) -> Result<FigureView, AppError> {
    Ok(FigureView {
        id: f.id,
        indicator_id: f.indicator_id,
        indicator: indicator.name.clone(),
        unit: indicator.unit.clone(),
        year: f.year,
        value: f.value,
        note: f.note,
        evidence_name: f.evidence_name,
        evidence_bytes: f.evidence_bytes,
        state: FigureState::from_code(&f.state).ok_or(AppError::Internal)?,
        entered_by: names.get(&f.entered_by).cloned().unwrap_or_default(),
        entered_at: f.entered_at,
        decided_by: f.decided_by.and_then(|u| names.get(&u).cloned()),
        decided_at: f.decided_at,
        reason: f.reason,
    })
}
