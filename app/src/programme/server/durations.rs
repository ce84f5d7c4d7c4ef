//! How long the steps took, by year and level (docs/programme.md, "Durations"): the start and
//! end of each case that ended within the dashboard's years — two moments and a level a case,
//! the contracts and settlements of five years — and their medians worked in `domain`.

use chrono::{DateTime, Utc};
use domain::call::TaskLevel;
use domain::programme::durations::{step_days, Step, StepDays};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::ConnectionTrait;

use crate::db::entities::{application, closeout, contract};
use crate::error::AppError;

/// The cases of a step: level, start, end, for `end` within [from, to).
fn cases(step: Step, (from, to): (DateTime<Utc>, DateTime<Utc>)) -> SelectStatement {
    use closeout::Column as K;
    use contract::Column as C;
    let level = Expr::col((contract::Entity, C::Level));
    let (start, end) = match step {
        Step::ApplicationToContract => (
            Expr::col((application::Entity, application::Column::SubmittedAt)),
            Expr::col((contract::Entity, C::SignedAt)),
        ),
        Step::AcceptanceToSettlement => (
            Expr::col((closeout::Entity, K::ConcludedAt)),
            Expr::col((closeout::Entity, K::SettledAt)),
        ),
    };
    let mut q = Query::select();
    q.expr_as(level, "level")
        .expr_as(start.clone(), "start")
        .expr_as(end.clone(), "end")
        .from(contract::Entity);
    match step {
        Step::ApplicationToContract => q.inner_join(
            application::Entity,
            Expr::col((application::Entity, application::Column::Id))
                .equals((contract::Entity, C::ApplicationId)),
        ),
        Step::AcceptanceToSettlement => q.inner_join(
            closeout::Entity,
            Expr::col((closeout::Entity, K::ContractId)).equals((contract::Entity, C::Id)),
        ),
    };
    q.and_where(start.is_not_null())
        .and_where(end.clone().gte(from).and(end.lt(to)));
    q
}

/// Each step's medians over `years`, whose spans are `spans` (oldest first).
pub async fn all(
    db: &impl ConnectionTrait,
    years: &[i32],
    spans: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<StepDays>, AppError> {
    let (Some((from, _)), Some((_, to))) = (spans.first(), spans.last()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(Step::ALL.len());
    for step in Step::ALL {
        let mut found = Vec::new();
        for r in db.query_all(&cases(step, (*from, *to))).await? {
            let level = TaskLevel::from_code(&r.try_get::<String>("", "level")?)
                .ok_or(AppError::Internal)?;
            found.push((level, r.try_get("", "start")?, r.try_get("", "end")?));
        }
        out.push(step_days(step, years, &found));
    }
    Ok(out)
}
