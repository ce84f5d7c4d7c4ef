//! The server side of the fund: what its resources share (reading a contract's dossier, payment rows, names).

use super::api::*;
use crate::db::entities::{
    application, contract, contract_tranche, fund_account, fund_transfer, organisation, payment,
    task_approval,
};
use crate::db::json::Json;
use crate::db::ledger::{self, Meta};
use crate::db::retry::Attempt;
use crate::db::state;
use crate::error::AppError;
use crate::error::Problem;
use crate::kit::{audit, display_names as names_of, now, require_user, Account as Me};
use crate::list::Page;
use crate::list::{count_rows, page_and_offset};
use domain::contract::{ContractStatus, PaymentStatus, Tranche};
use domain::ledger::{Account, Book, FlowKind, Source};
use domain::ledger::{Flow, Request};
use domain::roles::{Permission, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::kit::{self, command, text, Bound};
use chrono::{DateTime, Utc};

use crate::kit::books::{book_of, keeps};

pub mod contracts;
pub mod payments;
pub mod position;
pub mod receipts;

/// The book asked for (`unit`: a managing unit's own; none: the fund's, or for a unit's own
/// staff their unit's) when the person reads it with `permission`: `NotFound` for an
/// organisation that is not a managing unit, `Forbidden` for a book they do not see.
async fn book_asked(
    db: &impl ConnectionTrait,
    me: &Me,
    permission: Permission,
    unit: Option<i32>,
) -> Result<Book, AppError> {
    let unit = match unit {
        None if !me.may(permission, Scope::Global) => me.units(permission).first().copied(),
        asked => asked,
    };
    if let Some(u) = unit {
        organisation::Entity::find_by_id(u)
            .one(db)
            .await?
            .filter(|o| o.manages_tasks)
            .ok_or(AppError::NotFound)?;
    }
    if !me.oversees(permission, unit) {
        return Err(AppError::Forbidden);
    }
    Ok(Book::of_payer(unit.map(i64::from)))
}

/// The managing units whose own books the person reads (the department: every unit's), with
/// their names, by name.
async fn unit_books(db: &impl ConnectionTrait, me: &Me) -> Result<Vec<(i32, String)>, AppError> {
    let mut q = organisation::Entity::find()
        .select_only()
        .columns([organisation::Column::Id, organisation::Column::Name])
        .filter(organisation::Column::ManagesTasks.eq(true));
    if !me.may(Permission::ViewFund, Scope::Global) {
        q = q.filter(organisation::Column::Id.is_in(me.units(Permission::ViewFund)));
    }
    Ok(q.order_by_asc(organisation::Column::Name)
        .limit(100)
        .into_tuple()
        .all(db)
        .await?)
}

fn status_of(c: &contract::Model) -> Result<ContractStatus, AppError> {
    ContractStatus::from_code(&c.status).ok_or(AppError::Internal)
}

/// Who may read a contract: fund and department roles, members of its acceptance council,
/// and whoever may read its dossier.
async fn readable(db: &impl ConnectionTrait, me: &Me, c: &contract::Model) -> Result<(), AppError> {
    if me.may(Permission::ViewFund, Scope::Global)
        || me.may(Permission::SuperviseTasks, Scope::Global)
    {
        return Ok(());
    }
    // Members of its acceptance council read the contract they judge.
    use crate::db::entities::acceptance_member;
    if acceptance_member::Entity::find_by_id((c.id, me.user_id))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let a = application::Entity::find_by_id(c.application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // A managing unit's staff read their unit's contracts.
    let unit = crate::kit::units::unit_of_call(db, a.call_id).await?;
    if me.oversees(Permission::SuperviseTasks, unit)
        || me.oversees(Permission::SignContracts, unit)
        || me.oversees(Permission::ViewFund, unit)
    {
        return Ok(());
    }
    crate::kit::access::readable(db, me, &a).await
}

async fn payment_views(
    db: &impl ConnectionTrait,
    me: &Me,
    rows: Vec<payment::Model>,
) -> Result<Vec<PaymentView>, AppError> {
    let mut people: Vec<i32> = rows.iter().map(|p| p.prepared_by).collect();
    people.extend(rows.iter().filter_map(|p| p.decided_by));
    let names = names_of(db, people).await?;
    let transfer_ids: Vec<i64> = rows.iter().map(|p| p.pending_transfer_id).collect();
    let amounts: std::collections::HashMap<i64, i64> = fund_transfer::Entity::find()
        .select_only()
        .columns([fund_transfer::Column::Id, fund_transfer::Column::AmountDong])
        .filter(fund_transfer::Column::Id.is_in(transfer_ids))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let contract_ids: Vec<i32> = rows.iter().map(|p| p.contract_id).collect();
    // Each contract's code, and its book's unit for who may decide its payments.
    let contracts: std::collections::HashMap<i32, (String, Option<i32>)> = contract::Entity::find()
        .select_only()
        .columns([
            contract::Column::Id,
            contract::Column::Code,
            contract::Column::PayerUnitId,
        ])
        .filter(contract::Column::Id.is_in(contract_ids))
        .into_tuple::<(i32, String, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, code, payer)| (id, (code, payer)))
        .collect();
    rows.into_iter()
        .map(|p| {
            Ok(PaymentView {
                id: p.id,
                contract_id: p.contract_id,
                contract_code: contracts
                    .get(&p.contract_id)
                    .map(|c| c.0.clone())
                    .unwrap_or_default(),
                tranche_seq: p.tranche_seq,
                amount_dong: amounts
                    .get(&p.pending_transfer_id)
                    .copied()
                    .unwrap_or_default(),
                may_decide: me.manages(
                    Permission::ApprovePayments,
                    contracts.get(&p.contract_id).and_then(|c| c.1),
                ) && p.status == PaymentStatus::Pending.code()
                    && p.prepared_by != me.user_id,
                status: PaymentStatus::from_code(&p.status).ok_or(AppError::Internal)?,
                prepared_by: names.get(&p.prepared_by).cloned().unwrap_or_default(),
                prepared_at: p.prepared_at,
                evidence: p.evidence,
                decided_by: p.decided_by.and_then(|d| names.get(&d).cloned()),
                decided_at: p.decided_at,
                reason: p.reason,
            })
        })
        .collect()
}
