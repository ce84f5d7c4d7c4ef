//! The portal's server side (docs/portal.md): the signed contracts narrowed and ordered in the
//! database, their public records read in a fixed number of queries per page, one task's page,
//! and the open data (`open_data.rs`).

use std::collections::HashMap;

use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::contract::ContractStatus;
use domain::ledger::Account;
use domain::portal::Sort;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::api::*;
use crate::db::entities::{application, call, closeout, contract, fund_account};
use crate::db::state;
use crate::error::{AppError, Problem};
use crate::list::{count_rows, page_and_offset};

pub mod open_data;
mod task;

pub use task::detail;

fn signed() -> Select<contract::Entity> {
    contract::Entity::find().filter(contract::Column::Status.ne(ContractStatus::Draft.code()))
}

/// The signed contracts of tasks of `level`, the level each contract keeps (indexed).
fn of_level(select: Select<contract::Entity>, level: TaskLevel) -> Select<contract::Entity> {
    select.filter(contract::Column::Level.eq(level.code()))
}

pub async fn counts() -> Result<LevelCounts, AppError> {
    let db = &state()?.reader;
    let provincial = count_rows(db, of_level(signed(), TaskLevel::Provincial)).await?;
    let grassroots = count_rows(db, of_level(signed(), TaskLevel::Grassroots)).await?;
    Ok(LevelCounts {
        provincial,
        grassroots,
        total: provincial + grassroots,
    })
}

/// The fields the signed contracts name, grouped in the database, the most named first.
pub async fn fields() -> Result<Vec<super::api::FieldCount>, AppError> {
    let db = &state()?.reader;
    use sea_orm::sea_query::{Alias, Expr, Func};
    let n: Expr = Func::cast_as(
        Func::count(Expr::col(contract::Column::Id)),
        Alias::new("BIGINT"),
    )
    .into();
    let rows: Vec<(String, i64)> = signed()
        .select_only()
        .column(contract::Column::Field)
        .column_as(n.clone(), "tasks")
        .filter(contract::Column::Field.ne(""))
        .group_by(contract::Column::Field)
        .order_by_desc(n)
        .order_by_asc(contract::Column::Field)
        .limit(100)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(field, tasks)| super::api::FieldCount {
            field,
            tasks: u64::try_from(tasks).unwrap_or(0),
        })
        .collect())
}

/// A filter's value that is none of its choices is refused at its field.
fn choice<T>(
    field: &str,
    value: &Option<String>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse(v)
            .map(Some)
            .ok_or_else(|| AppError::invalid(field, Problem::UnknownChoice)),
    }
}

/// The signed contracts `q` asks for, in its order: every filter a condition in the database
/// (the search on the folded text, the exact matches first; the rating a subquery).
pub(crate) fn filtered(q: &TaskQuery) -> Result<Select<contract::Entity>, AppError> {
    let mut select = signed();
    if let Some(level) = choice("level", &q.level, TaskLevel::from_code)? {
        select = of_level(select, level);
    }
    let status = choice("status", &q.status, |s| {
        ContractStatus::from_code(s).filter(|s| *s != ContractStatus::Draft)
    })?;
    if let Some(s) = status {
        select = select.filter(contract::Column::Status.eq(s.code()));
    }
    if let Some(year) = q.year {
        let (from, to) = domain::portal::year_span(year)
            .ok_or_else(|| AppError::invalid("year", Problem::UnknownChoice))?;
        select = select
            .filter(contract::Column::SignedAt.gte(from))
            .filter(contract::Column::SignedAt.lt(to));
    }
    if let Some(field) = q.field.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        select = select.filter(contract::Column::Field.eq(field));
    }
    if let Some(host) = q.host {
        select = select.filter(contract::Column::OrganisationId.eq(host));
    }
    if let Some(rating) = choice("rating", &q.rating, Rating::from_code)? {
        let rated = sea_orm::sea_query::Query::select()
            .column(closeout::Column::ContractId)
            .from(closeout::Entity)
            .and_where(closeout::Column::Rating.eq(rating.code()))
            .to_owned();
        select = select.filter(contract::Column::Id.in_subquery(rated));
    }
    let text = q.q.as_deref().unwrap_or_default();
    if text.chars().count() > crate::list::MAX_QUERY_CHARS {
        return Err(AppError::invalid(
            "q",
            Problem::Form(domain::issue::FormProblem::TooLong {
                max_chars: crate::list::MAX_QUERY_CHARS,
            }),
        ));
    }
    select = crate::list::search_titles(
        select,
        contract::Column::SearchFolded,
        contract::Column::SearchKey,
        text,
    );
    let sort = choice("sort", &q.sort, Sort::from_code)?.unwrap_or_default();
    Ok(match sort {
        Sort::Newest => select
            .order_by_desc(contract::Column::SignedAt)
            .order_by_desc(contract::Column::Id),
        Sort::Title => select
            .order_by_asc(contract::Column::SearchKey)
            .order_by_asc(contract::Column::Id),
        Sort::Granted => select
            .order_by_desc(contract::Column::TotalDong)
            .order_by_desc(contract::Column::Id),
    })
}

pub async fn list(page: u64, q: TaskQuery) -> Result<crate::list::Page<PublicTask>, AppError> {
    let db = &state()?.reader;
    let select = filtered(&q)?;
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, TASKS_PER_PAGE);
    let rows = select.offset(offset).limit(TASKS_PER_PAGE).all(db).await?;
    Ok(crate::list::Page::new(
        records(db, rows).await?,
        page,
        TASKS_PER_PAGE,
        total,
    ))
}

/// Each dossier's task level and managing unit, in one query.
async fn levels(
    db: &impl ConnectionTrait,
    dossiers: Vec<i32>,
) -> Result<HashMap<i32, (String, Option<i32>)>, AppError> {
    use sea_orm::{JoinType, RelationTrait};
    let rows: Vec<(i32, String, Option<i32>)> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .column(call::Column::Level)
        .column(call::Column::ManagingUnitId)
        .join(JoinType::InnerJoin, application::Relation::Call.def())
        .filter(application::Column::Id.is_in(dossiers))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, l, u)| (id, (l, u))).collect())
}

/// What the ledger has paid out of each contract's disbursed account.
async fn paid(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, i64>, AppError> {
    let codes: HashMap<String, i32> = ids
        .iter()
        .map(|id| (Account::Disbursed((*id).into()).code(), *id))
        .collect();
    Ok(fund_account::Entity::find()
        .select_only()
        .columns([
            fund_account::Column::Code,
            fund_account::Column::CreditsPosted,
        ])
        .filter(fund_account::Column::Code.is_in(codes.keys().cloned()))
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(code, n)| Some((*codes.get(&code)?, n)))
        .collect())
}

/// The public records of a batch of contracts: four more queries whatever its size.
pub(crate) async fn records(
    db: &impl ConnectionTrait,
    contracts: Vec<contract::Model>,
) -> Result<Vec<PublicTask>, AppError> {
    let ids: Vec<i32> = contracts.iter().map(|c| c.id).collect();
    let levels = levels(db, contracts.iter().map(|c| c.application_id).collect()).await?;
    let orgs: Vec<i32> = contracts
        .iter()
        .filter_map(|c| c.organisation_id)
        .chain(levels.values().filter_map(|(_, u)| *u))
        .collect();
    let names = crate::kit::organisation_names(db, orgs).await?;
    let paid = paid(db, &ids).await?;
    let closeouts: HashMap<i32, closeout::Model> = closeout::Entity::find()
        .filter(closeout::Column::ContractId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.contract_id, c))
        .collect();
    contracts
        .into_iter()
        .map(|c| {
            let co = closeouts.get(&c.id);
            let (level, unit) = levels.get(&c.application_id).ok_or(AppError::Internal)?;
            Ok(PublicTask {
                id: c.id,
                status: ContractStatus::from_code(&c.status).ok_or(AppError::Internal)?,
                paid_dong: paid.get(&c.id).copied().unwrap_or(0),
                organisation: c
                    .organisation_id
                    .and_then(|o| names.get(&o).cloned())
                    .unwrap_or_default(),
                rating: co
                    .and_then(|r| r.rating.as_deref())
                    .and_then(Rating::from_code),
                certificate_number: co.and_then(|r| r.certificate_number.clone()),
                level: TaskLevel::from_code(level).ok_or(AppError::Internal)?,
                managing_unit: unit.and_then(|u| names.get(&u).cloned()),
                results: co
                    .and_then(|r| r.registration.as_ref())
                    .map(|r| r.summary.clone()),
                closed_at: co.and_then(|r| r.closed_at),
                code: c.code,
                title: c.title,
                leader_name: c.leader_name,
                granted_dong: c.total_dong,
                signed_at: c.signed_at,
            })
        })
        .collect()
}
