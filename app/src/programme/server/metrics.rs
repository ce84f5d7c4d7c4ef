//! The computed figures (docs/programme.md, "Computed"): one query a metric, whatever the
//! number of records, summing by level and by year in Vietnam in the database (a `CASE` a
//! year over the indexed moment), never a table in memory.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::contract::PaymentStatus;
use domain::programme::Metric;
use sea_orm::sea_query::{
    Alias, CaseStatement, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ConnectionTrait, EntityName, EntityTrait, Iden};

use super::super::api::MetricRow;
use crate::db::entities::{
    application, audit_chain, call, closeout, contract, contract_tranche, payment, proposal,
};
use crate::error::AppError;

/// Where a metric counts from: the table (joined up to its call for the level, none when all
/// its records are provincial), the moment that places a record in a year, what a record adds,
/// and which records count.
struct Count {
    query: SelectStatement,
    level: Option<SimpleExpr>,
    at: SimpleExpr,
    adds: SimpleExpr,
}

fn col<E: EntityName + Default + 'static, C: Iden + 'static>(c: C) -> SimpleExpr {
    Expr::col((E::default(), c))
}

/// contracts → applications → calls, for a contract's level.
fn contracts() -> SelectStatement {
    Query::select()
        .from(contract::Entity)
        .inner_join(
            application::Entity,
            Expr::col((application::Entity, application::Column::Id))
                .equals((contract::Entity, contract::Column::ApplicationId)),
        )
        .inner_join(
            call::Entity,
            Expr::col((call::Entity, call::Column::Id))
                .equals((application::Entity, application::Column::CallId)),
        )
        .to_owned()
}

fn closeouts() -> SelectStatement {
    let mut q = contracts();
    q.inner_join(
        closeout::Entity,
        Expr::col((closeout::Entity, closeout::Column::ContractId))
            .equals((contract::Entity, contract::Column::Id)),
    );
    q
}

fn level_of_call() -> Option<SimpleExpr> {
    Some(col::<call::Entity, _>(call::Column::Level))
}

fn one() -> SimpleExpr {
    Expr::val(1i64)
}

fn count(metric: Metric) -> Count {
    use closeout::Column as K;
    let closing = |at: K, adds: SimpleExpr| Count {
        query: closeouts(),
        level: level_of_call(),
        at: col::<closeout::Entity, _>(at),
        adds,
    };
    match metric {
        Metric::Proposals => Count {
            // Proposals are for tasks the province orders: provincial.
            query: Query::select().from(proposal::Entity).to_owned(),
            level: None,
            at: col::<proposal::Entity, _>(proposal::Column::SubmittedAt),
            adds: one(),
        },
        Metric::Applications => Count {
            query: Query::select()
                .from(application::Entity)
                .inner_join(
                    call::Entity,
                    Expr::col((call::Entity, call::Column::Id))
                        .equals((application::Entity, application::Column::CallId)),
                )
                .to_owned(),
            level: level_of_call(),
            at: col::<application::Entity, _>(application::Column::SubmittedAt),
            adds: one(),
        },
        Metric::TasksFunded | Metric::MoneyCommitted => Count {
            query: contracts(),
            level: level_of_call(),
            at: col::<contract::Entity, _>(contract::Column::SignedAt),
            adds: if metric == Metric::TasksFunded {
                one()
            } else {
                col::<contract::Entity, _>(contract::Column::TotalDong)
            },
        },
        Metric::TasksAccepted => {
            let mut c = closing(K::ConcludedAt, one());
            c.query.and_where(
                Expr::col((closeout::Entity, K::Rating))
                    .is_in([Rating::Excellent.code(), Rating::Pass.code()]),
            );
            c
        }
        Metric::TasksTerminated => closing(K::TerminatedAt, one()),
        Metric::TasksExempted => {
            let mut c = closing(K::ExemptionDecidedAt, one());
            c.query
                .and_where(Expr::col((closeout::Entity, K::ExemptionGranted)).eq(true));
            c
        }
        Metric::ResultsRegistered => closing(K::RegisteredAt, one()),
        Metric::MoneySettled => closing(K::SettledAt, col::<closeout::Entity, _>(K::SettledDong)),
        Metric::MoneyRefunded => closing(K::SettledAt, col::<closeout::Entity, _>(K::RefundDong)),
        Metric::MoneyDisbursed => disbursed(),
    }
}

/// Tranches paid: payments the account holder approved, each its tranche's amount.
fn disbursed() -> Count {
    let mut q = contracts();
    q.inner_join(
        payment::Entity,
        Expr::col((payment::Entity, payment::Column::ContractId))
            .equals((contract::Entity, contract::Column::Id)),
    )
    .inner_join(
        contract_tranche::Entity,
        Expr::col((
            contract_tranche::Entity,
            contract_tranche::Column::ContractId,
        ))
        .equals((payment::Entity, payment::Column::ContractId))
        .and(
            Expr::col((contract_tranche::Entity, contract_tranche::Column::Seq))
                .equals((payment::Entity, payment::Column::TrancheSeq)),
        ),
    )
    .and_where(
        Expr::col((payment::Entity, payment::Column::Status)).eq(PaymentStatus::Posted.code()),
    );
    Count {
        query: q,
        level: level_of_call(),
        at: col::<payment::Entity, _>(payment::Column::DecidedAt),
        adds: col::<contract_tranche::Entity, _>(contract_tranche::Column::AmountDong),
    }
}

/// One metric over `spans` (each year's first and next year's first moment, oldest first).
async fn tally(
    db: &impl ConnectionTrait,
    metric: Metric,
    spans: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<MetricRow, AppError> {
    let Count {
        mut query,
        level,
        at,
        adds,
    } = count(metric);
    if let Some(level) = &level {
        query.expr_as(level.clone(), Alias::new("level"));
        query.add_group_by([level.clone()]);
    }
    for (i, (from, to)) in spans.iter().enumerate() {
        let within = at.clone().gte(*from).and(at.clone().lt(*to));
        let case: Expr = CaseStatement::new()
            .case(within, adds.clone())
            .finally(0i64)
            .into();
        let sum = Func::cast_as(Func::sum(case), Alias::new("BIGINT"));
        let zero: Expr = Expr::val(0i64);
        let sum: Expr = sum.into();
        query.expr_as(Func::coalesce([sum, zero]), Alias::new(format!("y{i}")));
    }
    if let (Some((first, _)), Some((_, last))) = (spans.first(), spans.last()) {
        query.and_where(at.clone().gte(*first).and(at.lt(*last)));
    }
    let rows = db.query_all(&query).await?;
    let mut row = MetricRow {
        metric,
        provincial: vec![0; spans.len()],
        grassroots: vec![0; spans.len()],
    };
    for r in rows {
        let code = match level {
            Some(_) => r.try_get::<String>("", "level")?,
            None => TaskLevel::Provincial.code().to_string(),
        };
        let target = match TaskLevel::from_code(&code) {
            Some(TaskLevel::Provincial) => &mut row.provincial,
            Some(TaskLevel::Grassroots) => &mut row.grassroots,
            None => return Err(AppError::Internal),
        };
        for (i, slot) in target.iter_mut().enumerate() {
            *slot = r.try_get::<i64>("", &format!("y{i}"))?;
        }
    }
    Ok(row)
}

type Spans = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// The computed figures of each span of years asked, kept between requests while the audit
/// chain's head stays the same (docs/performance.md, "Programme"). Every change of the records
/// these figures count is audited in its own transaction, and the head is written by one
/// transaction at a time, so an unchanged head means unchanged records.
#[derive(Default)]
pub struct Tallies(Mutex<HashMap<Spans, (String, Vec<MetricRow>)>>);

/// Spans of years kept at most; asking for more starts afresh.
const KEPT: usize = 16;

impl Tallies {
    fn get(&self, spans: &[(DateTime<Utc>, DateTime<Utc>)], head: &str) -> Option<Vec<MetricRow>> {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(spans)
            .filter(|(h, _)| h == head)
            .map(|(_, rows)| rows.clone())
    }

    fn put(&self, spans: &[(DateTime<Utc>, DateTime<Utc>)], head: String, rows: Vec<MetricRow>) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(spans.to_vec(), (head, rows));
    }
}

/// The audit chain's head: the last event's hash.
async fn head(db: &impl ConnectionTrait) -> Result<Option<String>, AppError> {
    Ok(audit_chain::Entity::find_by_id(1)
        .one(db)
        .await?
        .map(|h| h.last_hash))
}

/// Every metric over the years `spans` covers: as kept when nothing changed since, else
/// counted afresh (the head read first, so what is kept is never older than its stamp).
pub async fn all(
    db: &impl ConnectionTrait,
    tallies: &Tallies,
    spans: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<MetricRow>, AppError> {
    let head = head(db).await?;
    if let Some(rows) = head.as_deref().and_then(|h| tallies.get(spans, h)) {
        return Ok(rows);
    }
    let mut rows = Vec::with_capacity(Metric::ALL.len());
    for metric in Metric::ALL {
        rows.push(tally(db, metric, spans).await?);
    }
    if let Some(head) = head {
        tallies.put(spans, head, rows.clone());
    }
    Ok(rows)
}
