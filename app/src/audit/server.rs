//! Writing events into the chain, numbering events written before it, checking it, and
//! reading it back (docs/roles.md for who reads what).

use chrono::{DateTime, SubsecRound, Utc};
use domain::audit::{Content, Stored, Walk};
use domain::roles::{Permission, Scope};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

use super::api::{ChainReport, HistoryEntry, EVENTS_PER_PAGE};
use crate::db::entities::{application, audit_chain, audit_event, contract};
use crate::db::state;
use crate::error::AppError;
use crate::kit::{now, require, require_user};
use crate::list::{count_rows, page_and_offset, Page};

/// Events read at a time while checking the chain.
const BATCH: u64 = 2_000;

/// Records who did what to which record, kept forever: appends the event to the chain, in the
/// caller's transaction. The head's row is written first, so concurrent writers take their
/// numbers one after another (a row lock on PostgreSQL, the one writer on SQLite).
pub async fn audit(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: Option<i32>,
    action: &str,
    subject: (&str, i64),
    detail: serde_json::Value,
) -> Result<(), AppError> {
    audit_chain::Entity::update_many()
        .col_expr(
            audit_chain::Column::LastSeq,
            Expr::col(audit_chain::Column::LastSeq).add(1),
        )
        .filter(audit_chain::Column::Id.eq(1))
        .exec(db)
        .await?;
    let head = audit_chain::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    // What both databases keep of a time: whole microseconds.
    let at = now.trunc_subsecs(6);
    let text = serde_json::to_string(&detail).map_err(|_| AppError::Internal)?;
    let content = Content {
        seq: head.last_seq,
        at_micros: at.timestamp_micros(),
        actor,
        action,
        subject_type: subject.0,
        subject_id: subject.1,
        detail: &text,
    };
    let hash = domain::audit::hash(&head.last_hash, &content);
    audit_event::ActiveModel {
        at: Set(at),
        actor_user_id: Set(actor),
        action: Set(action.to_string()),
        subject_type: Set(subject.0.to_string()),
        subject_id: Set(subject.1),
        detail: Set(crate::db::json::Json(detail)),
        seq: Set(Some(head.last_seq)),
        prev_hash: Set(Some(head.last_hash)),
        hash: Set(Some(hash.clone())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit_chain::Entity::update_many()
        .col_expr(audit_chain::Column::LastHash, Expr::value(hash))
        .filter(audit_chain::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

/// An event as stored, its detail as the text the hash covers.
#[derive(FromQueryResult)]
struct Row {
    id: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i32>,
    action: String,
    subject_type: String,
    subject_id: i64,
    detail: String,
    seq: Option<i64>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl Row {
    fn stored(&self) -> Stored<'_> {
        Stored {
            id: self.id,
            content: Content {
                seq: self.seq.unwrap_or(0),
                at_micros: self.at.timestamp_micros(),
                actor: self.actor_user_id,
                action: &self.action,
                subject_type: &self.subject_type,
                subject_id: self.subject_id,
                detail: &self.detail,
            },
            prev_hash: self.prev_hash.as_deref().unwrap_or_default(),
            hash: self.hash.as_deref().unwrap_or_default(),
        }
    }
}

/// Numbers and links the events written before the chain existed (once: while the head is
/// still at zero), in the order they were written. Run at start, after the migrations.
pub async fn seal(db: &sea_orm::DatabaseConnection) -> Result<u64, AppError> {
    let txn = crate::db::begin(db).await?;
    let head = audit_chain::Entity::find_by_id(1).one(&txn).await?;
    if head.is_none_or(|h| h.last_seq != 0) {
        return Ok(0);
    }
    let old = audit_event::Entity::find()
        .filter(audit_event::Column::Seq.is_null())
        .order_by_asc(audit_event::Column::Id)
        .into_model::<Row>()
        .all(&txn)
        .await?;
    let mut prev = domain::audit::GENESIS.to_string();
    for (n, row) in old.iter().enumerate() {
        let seq = n as i64 + 1;
        let content = Content {
            seq,
            ..row.stored().content
        };
        let hash = domain::audit::hash(&prev, &content);
        audit_event::Entity::update_many()
            .col_expr(audit_event::Column::Seq, Expr::value(Some(seq)))
            .col_expr(
                audit_event::Column::PrevHash,
                Expr::value(Some(prev.clone())),
            )
            .col_expr(audit_event::Column::Hash, Expr::value(Some(hash.clone())))
            .filter(audit_event::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        prev = hash;
    }
    audit_chain::Entity::update_many()
        .col_expr(audit_chain::Column::LastSeq, Expr::value(old.len() as i64))
        .col_expr(audit_chain::Column::LastHash, Expr::value(prev))
        .filter(audit_chain::Column::Id.eq(1))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(old.len() as u64)
}

pub async fn verify() -> Result<ChainReport, AppError> {
    require(Permission::VerifyAuditTrail, Scope::Global)?;
    let db = &state()?.db;
    let checked_at = now()?;
    // One read transaction: no event lands between the batches and the head.
    let txn = crate::db::begin(db).await?;
    let head = audit_chain::Entity::find_by_id(1)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let report = |walk: &Walk, broken| ChainReport {
        verified: walk.verified,
        head_seq: head.last_seq,
        broken,
        checked_at,
    };
    let unnumbered = count_rows(
        &txn,
        audit_event::Entity::find().filter(audit_event::Column::Seq.is_null()),
    )
    .await?;
    let mut walk = Walk::default();
    if unnumbered > 0 {
        let broken = domain::audit::Break::Unnumbered { count: unnumbered };
        return Ok(report(&walk, Some(broken)));
    }
    let mut after = 0i64;
    loop {
        let rows = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gt(after))
            .order_by_asc(audit_event::Column::Seq)
            .limit(BATCH)
            .into_model::<Row>()
            .all(&txn)
            .await?;
        for row in &rows {
            if let Err(b) = walk.step(&row.stored()) {
                return Ok(report(&walk, Some(b)));
            }
        }
        match rows.last() {
            Some(last) if rows.len() as u64 == BATCH => after = last.seq.unwrap_or(after),
            _ => break,
        }
    }
    txn.commit().await?;
    let broken = walk.finish(head.last_seq, &head.last_hash).err();
    Ok(report(&walk, broken))
}

/// The dossier's and its contracts' events.
pub async fn history(application_id: i32, page: u64) -> Result<Page<HistoryEntry>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let a = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !me.may(Permission::ReadAuditTrail, Scope::Global) {
        crate::kit::access::readable(db, &me, &a).await?;
    }
    let contracts: Vec<i64> = contract::Entity::find()
        .select_only()
        .column(contract::Column::Id)
        .filter(contract::Column::ApplicationId.eq(application_id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .map(i64::from)
        .collect();
    let of = Condition::any()
        .add(subject("application", i64::from(application_id)))
        .add(
            Condition::all()
                .add(audit_event::Column::SubjectType.eq("contract"))
                .add(audit_event::Column::SubjectId.is_in(contracts)),
        );
    entries(db, audit_event::Entity::find().filter(of), page).await
}

pub async fn list(
    subject_type: Option<String>,
    subject_id: Option<i64>,
    page: u64,
) -> Result<Page<HistoryEntry>, AppError> {
    require(Permission::ReadAuditTrail, Scope::Global)?;
    let db = &state()?.db;
    let mut select = audit_event::Entity::find();
    if let Some(t) = subject_type
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        select = select.filter(audit_event::Column::SubjectType.eq(t));
        if let Some(id) = subject_id {
            select = select.filter(audit_event::Column::SubjectId.eq(id));
        }
    }
    entries(db, select, page).await
}

fn subject(kind: &str, id: i64) -> Condition {
    Condition::all()
        .add(audit_event::Column::SubjectType.eq(kind))
        .add(audit_event::Column::SubjectId.eq(id))
}

/// A page of events, newest first, with their actors' names (one query for the names).
async fn entries(
    db: &impl ConnectionTrait,
    select: Select<audit_event::Entity>,
    page: u64,
) -> Result<Page<HistoryEntry>, AppError> {
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, EVENTS_PER_PAGE);
    let rows = select
        .order_by_desc(audit_event::Column::Id)
        .offset(offset)
        .limit(EVENTS_PER_PAGE)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let names = crate::kit::display_names(db, ids).await?;
    let items = rows
        .into_iter()
        .map(|r| HistoryEntry {
            id: r.id,
            seq: r.seq,
            at: r.at,
            actor: r
                .actor_user_id
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_default(),
            why: why(&r.detail),
            action: r.action,
            subject_type: r.subject_type,
            subject_id: r.subject_id,
        })
        .collect();
    Ok(Page::new(items, page, EVENTS_PER_PAGE, total))
}

/// The reason an event carries, under whichever name its writer gave it.
fn why(detail: &serde_json::Value) -> String {
    ["reason", "reasons", "note", "decision_note"]
        .iter()
        .find_map(|k| {
            detail
                .get(*k)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_default()
        .to_string()
}
