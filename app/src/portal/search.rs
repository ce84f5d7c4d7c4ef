//! Each contract's search text (docs/portal.md): its title, field, host, leader and, once
//! registered, its results and keywords (`domain::portal::search_text`), kept folded and as an
//! exact key beside the contract so the portal searches in the database; with its task's level,
//! its call's, so the portal filters and counts by level on the contract (docs/performance.md). Written where that text
//! changes (the contract drafted, results registered) and, for contracts older than the columns,
//! when the server starts.

use std::collections::HashMap;

use domain::portal::search_text;
use domain::text::{exact_key, fold};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::entities::{application, call, closeout, contract};
use crate::error::AppError;

/// Contracts indexed per batch when the server starts.
const BATCH: u64 = 500;

/// Writes the search text of `ids` from what they hold now: four reads whatever their number,
/// one update each.
pub async fn refresh(db: &impl ConnectionTrait, ids: &[i32]) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    let contracts = contract::Entity::find()
        .filter(contract::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let dossiers = application::Entity::find()
        .filter(application::Column::Id.is_in(contracts.iter().map(|c| c.application_id)))
        .all(db)
        .await?;
    let levels: HashMap<i32, String> = call::Entity::find()
        .select_only()
        .columns([call::Column::Id, call::Column::Level])
        .filter(call::Column::Id.is_in(dossiers.iter().map(|a| a.call_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let fields: HashMap<i32, (String, Option<String>)> = dossiers
        .into_iter()
        .map(|a| (a.id, (a.form.0.field, levels.get(&a.call_id).cloned())))
        .collect();
    let hosts = crate::kit::organisation_names(
        db,
        contracts.iter().filter_map(|c| c.organisation_id).collect(),
    )
    .await?;
    let results: HashMap<i32, (String, String)> = closeout::Entity::find()
        .filter(closeout::Column::ContractId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| {
            let r = c.registration?.0;
            Some((c.contract_id, (r.summary, r.keywords)))
        })
        .collect();
    for c in contracts {
        let (field, level) = fields.get(&c.application_id).cloned().unwrap_or_default();
        let level = level.unwrap_or(c.level.clone());
        let host = c
            .organisation_id
            .and_then(|o| hosts.get(&o).cloned())
            .unwrap_or_default();
        let (summary, keywords) = results.get(&c.id).cloned().unwrap_or_default();
        let text = search_text(&[&c.title, &field, &host, &c.leader_name, &summary, &keywords]);
        contract::Entity::update_many()
            .col_expr(contract::Column::SearchFolded, Expr::value(fold(&text)))
            .col_expr(contract::Column::SearchKey, Expr::value(exact_key(&text)))
            .col_expr(
                contract::Column::Field,
                Expr::value(field.chars().take(300).collect::<String>()),
            )
            .col_expr(contract::Column::Level, Expr::value(level))
            .filter(contract::Column::Id.eq(c.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Indexes every contract without a search text yet (those older than the columns), in
/// batches by id; answers how many.
pub async fn index_missing(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let mut after = 0;
    let mut done = 0;
    loop {
        let ids: Vec<i32> = contract::Entity::find()
            .select_only()
            .column(contract::Column::Id)
            .filter(contract::Column::SearchFolded.eq(""))
            .filter(contract::Column::Id.gt(after))
            .order_by_asc(contract::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(db)
            .await?;
        let Some(last) = ids.last().copied() else {
            return Ok(done);
        };
        refresh(db, &ids).await?;
        done += ids.len() as u64;
        after = last;
    }
}
