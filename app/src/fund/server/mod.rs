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
use crate::kit::{audit, display_names as names_of, now, require, require_user, Account as Me};
use crate::list::Page;
use crate::list::{count_rows, page_and_offset};
use domain::contract::{ContractStatus, PaymentStatus, Tranche};
use domain::ledger::{Account, FlowKind, Source};
use domain::ledger::{Flow, Request};
use domain::roles::{Permission, Scope};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::kit::{self, command, text, Bound};
use chrono::{DateTime, Utc};

pub mod contracts;
pub mod payments;
pub mod position;
pub mod receipts;

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
    if me.oversees(Permission::SuperviseTasks, unit) || me.oversees(Permission::SignContracts, unit)
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
    let codes: std::collections::HashMap<i32, String> = contract::Entity::find()
        .select_only()
        .columns([contract::Column::Id, contract::Column::Code])
        .filter(contract::Column::Id.is_in(contract_ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let director = me.may(Permission::ApprovePayments, Scope::Global);
    rows.into_iter()
        .map(|p| {
            Ok(PaymentView {
                id: p.id,
                contract_id: p.contract_id,
                contract_code: codes.get(&p.contract_id).cloned().unwrap_or_default(),
                tranche_seq: p.tranche_seq,
                amount_dong: amounts
                    .get(&p.pending_transfer_id)
                    .copied()
                    .unwrap_or_default(),
                may_decide: director
                    && p.status == PaymentStatus::Pending.code()
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
