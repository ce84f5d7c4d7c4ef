//! The department's year-end report (docs/programme.md, "Year-end report"), as a workbook and
//! as a PDF: the computed figures of the year by level, the tasks by level and field, the
//! acceptance outcomes, the results registered. A few grouped queries whatever the number of
//! records; only the year's registered results are listed one by one.

use chrono::{DateTime, Utc};
use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::year_report::{by_field, FieldCounts, FieldLine, Outcomes};
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, Func, Order, Query};
use sea_orm::ConnectionTrait;

use super::super::api::MetricRow;
use crate::db::entities::{closeout, contract};
use crate::error::AppError;

pub mod pdf;
pub mod xlsx;

/// A result registered in the year.
pub struct Registered {
    pub code: String,
    pub title: String,
    pub level: TaskLevel,
    pub certificate: String,
    pub at: DateTime<Utc>,
}

/// What the report holds.
pub struct YearReport {
    pub year: i32,
    /// Each computed figure of the year: provincial, grassroots.
    pub metrics: Vec<MetricRow>,
    pub fields: Vec<FieldLine>,
    pub outcomes: Outcomes,
    pub results: Vec<Registered>,
}

fn level(code: &str) -> Result<TaskLevel, AppError> {
    TaskLevel::from_code(code).ok_or(AppError::Internal)
}

/// `SUM(CASE WHEN cond THEN adds ELSE 0 END)` as a whole number on SQLite and PostgreSQL.
fn sum_when(cond: Expr, adds: Expr) -> Expr {
    let case: Expr = CaseStatement::new().case(cond, adds).finally(0i64).into();
    let sum: Expr = Func::cast_as(Func::sum(case), Alias::new("BIGINT")).into();
    Func::coalesce([sum, Expr::val(0i64)]).into()
}

async fn field_counts(
    db: &impl ConnectionTrait,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<FieldLine>, AppError> {
    use closeout::Column as K;
    use contract::Column as C;
    let c = |col: C| Expr::col((contract::Entity, col));
    let k = |col: K| Expr::col((closeout::Entity, col));
    let within = |e: Expr| e.clone().gte(from).and(e.lt(to));
    let open_at_end = |e: Expr| e.clone().is_null().or(e.gte(to));
    let passed = [Rating::Excellent.code(), Rating::Pass.code()];
    let one = || Expr::val(1i64);
    let mut q = Query::select();
    q.column((contract::Entity, C::Level))
        .column((contract::Entity, C::Field))
        .expr_as(
            sum_when(within(c(C::SignedAt)), one()),
            Alias::new("signed"),
        )
        .expr_as(
            sum_when(within(c(C::SignedAt)), c(C::TotalDong)),
            Alias::new("committed"),
        )
        .expr_as(
            sum_when(
                open_at_end(k(K::ConcludedAt)).and(open_at_end(k(K::TerminatedAt))),
                one(),
            ),
            Alias::new("running"),
        )
        .expr_as(
            sum_when(
                within(k(K::ConcludedAt)).and(k(K::Rating).is_in(passed)),
                one(),
            ),
            Alias::new("accepted"),
        )
        .expr_as(
            sum_when(
                within(k(K::ConcludedAt)).and(k(K::Rating).eq(Rating::Fail.code())),
                one(),
            ),
            Alias::new("failed"),
        )
        .expr_as(
            sum_when(within(k(K::TerminatedAt)), one()),
            Alias::new("terminated"),
        )
        .from(contract::Entity)
        .left_join(
            closeout::Entity,
            k(K::ContractId).equals((contract::Entity, C::Id)),
        )
        .and_where(c(C::SignedAt).lt(to))
        .add_group_by([c(C::Level), c(C::Field)]);
    let mut rows = Vec::new();
    for r in db.query_all(&q).await? {
        let get = |name: &str| r.try_get::<i64>("", name);
        let counts = FieldCounts {
            signed: get("signed")?,
            committed_dong: get("committed")?,
            running_at_end: get("running")?,
            accepted: get("accepted")?,
            failed: get("failed")?,
            terminated: get("terminated")?,
        };
        let l = level(&r.try_get::<String>("", "level")?)?;
        rows.push((l, r.try_get::<String>("", "field")?, counts));
    }
    Ok(by_field(&rows))
}

async fn outcomes(
    db: &impl ConnectionTrait,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Outcomes, AppError> {
    let at = Expr::col((closeout::Entity, closeout::Column::ConcludedAt));
    let rating = Expr::col((closeout::Entity, closeout::Column::Rating));
    let level = Expr::col((contract::Entity, contract::Column::Level));
    let q = Query::select()
        .expr_as(level.clone(), Alias::new("level"))
        .expr_as(rating.clone(), Alias::new("rating"))
        .expr_as(
            Func::cast_as(Func::count(Expr::val(1i64)), Alias::new("BIGINT")),
            Alias::new("n"),
        )
        .from(closeout::Entity)
        .inner_join(
            contract::Entity,
            Expr::col((contract::Entity, contract::Column::Id))
                .equals((closeout::Entity, closeout::Column::ContractId)),
        )
        .and_where(at.clone().gte(from).and(at.lt(to)))
        .and_where(rating.clone().is_not_null())
        .add_group_by([level, rating])
        .to_owned();
    let mut groups = Vec::new();
    for r in db.query_all(&q).await? {
        let rating = r.try_get::<String>("", "rating")?;
        if let Some(rating) = Rating::from_code(&rating) {
            let l = self::level(&r.try_get::<String>("", "level")?)?;
            groups.push((l, rating, r.try_get::<i64>("", "n")?));
        }
    }
    Ok(Outcomes::from_groups(&groups))
}

async fn registered(
    db: &impl ConnectionTrait,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<Registered>, AppError> {
    use closeout::Column as K;
    use contract::Column as C;
    let at = Expr::col((closeout::Entity, K::RegisteredAt));
    let q = Query::select()
        .column((contract::Entity, C::Code))
        .column((contract::Entity, C::Title))
        .column((contract::Entity, C::Level))
        .column((closeout::Entity, K::CertificateNumber))
        .column((closeout::Entity, K::RegisteredAt))
        .from(closeout::Entity)
        .inner_join(
            contract::Entity,
            Expr::col((contract::Entity, C::Id)).equals((closeout::Entity, K::ContractId)),
        )
        .and_where(at.clone().gte(from).and(at.lt(to)))
        .order_by((closeout::Entity, K::RegisteredAt), Order::Asc)
        .order_by((contract::Entity, C::Code), Order::Asc)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push(Registered {
            code: r.try_get("", "code")?,
            title: r.try_get("", "title")?,
            level: level(&r.try_get::<String>("", "level")?)?,
            certificate: r
                .try_get::<Option<String>>("", "certificate_number")?
                .unwrap_or_default(),
            at: r.try_get("", "registered_at")?,
        });
    }
    Ok(out)
}

/// The report of `year` (Vietnam's calendar year), for those who see the programme.
pub async fn gather(year: i32) -> Result<YearReport, AppError> {
    crate::kit::require(
        domain::roles::Permission::ViewProgramme,
        domain::roles::Scope::Global,
    )?;
    let span = domain::portal::year_span(year)
        .ok_or_else(|| AppError::invalid("year", crate::error::Problem::UnknownChoice))?;
    let st = crate::db::state()?;
    let db = &st.db;
    Ok(YearReport {
        year,
        metrics: super::metrics::all(db, &st.tallies, &[span]).await?,
        fields: field_counts(db, span).await?,
        outcomes: outcomes(db, span).await?,
        results: registered(db, span).await?,
    })
}
