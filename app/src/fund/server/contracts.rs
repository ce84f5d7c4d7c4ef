//! Contracts for approved tasks: drafted by an officer, signed by the leader (committing the total), read by their parties.

use super::*;
use crate::auth::server::require_somewhere;
use crate::kit::units::manages_dossier;

pub async fn create_contract(application_id: i32, tranches: Vec<Tranche>) -> Result<i32, AppError> {
    let me = &require_somewhere(Permission::DraftContracts)?;
    let db = &state()?.db;
    let a = manages_dossier(db, me, Permission::DraftContracts, application_id).await?;
    // Approved by the leader, for the appraised amount.
    let approval = task_approval::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .filter(|r| domain::appraisal::Decision::approves(r.decision.as_deref()))
        .ok_or_else(|| AppError::invalid("application_id", Problem::NotApproved))?;
    let total = approval.approved_fund_dong;
    if let Some(i) = domain::contract::check_tranches(total, &tranches)
        .into_iter()
        .next()
    {
        return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let id = insert_draft(&txn, &a, &approval, me, now).await?;
    for (seq, t) in (1..).zip(&tranches) {
        contract_tranche::ActiveModel {
            contract_id: Set(id),
            seq: Set(seq),
            amount_dong: Set(t.amount_dong),
            due_at: Set(t.due_at),
            condition: Set(t.condition.trim().to_string()),
        }
        .insert(&txn)
        .await?;
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "contract_drafted",
        ("contract", id.into()),
        serde_json::json!({ "application": a.id, "total_dong": total }),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// The draft contract row of an approved dossier, numbered by its id and the year in Vietnam;
/// a second contract for the same dossier is refused.
async fn insert_draft(
    txn: &impl ConnectionTrait,
    a: &application::Model,
    approval: &task_approval::Model,
    me: &Me,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let form = &a.form.0;
    let leader = form
        .team
        .iter()
        .find(|m| m.role == domain::application::TeamRole::Leader)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let payer = payer_of(txn, a).await?;
    let row = contract::ActiveModel {
        application_id: Set(a.id),
        payer_unit_id: Set(payer),
        // Numbered once the id is known, below.
        code: Set(format!("tmp-{}", a.id)),
        title: Set(form.title.clone()),
        organisation_id: Set(a.organisation_id),
        leader_name: Set(leader),
        total_dong: Set(approval.approved_fund_dong),
        status: Set(ContractStatus::Draft.code().into()),
        terms: Set(Json(domain::contract::Terms::of_approved(
            form,
            &approval.changes,
        ))),
        created_by: Set(me.user_id),
        created_at: Set(now),
        signed_by: Set(None),
        signed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::invalid("application_id", Problem::ContractExists)
        }
        _ => e.into(),
    })?;
    let year = domain::format::year_in_vietnam(now);
    let mut numbered: contract::ActiveModel = row.clone().into();
    numbered.code = Set(domain::contract::contract_code(year, row.id));
    numbered.update(txn).await?;
    crate::portal::search::refresh(txn, &[row.id]).await?;
    Ok(row.id)
}

/// Who pays the task: its managing unit from its own book when the rulebook its call pinned
/// says the fund does not (`Rulebook::payer_unit`), the fund otherwise.
async fn payer_of(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<Option<i32>, AppError> {
    use crate::db::entities::{call, rulebook};
    let c = call::Entity::find_by_id(a.call_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let Some(version) = c.rulebook_version else {
        return Ok(None);
    };
    let rb = rulebook::Entity::find_by_id(version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?
        .content
        .0;
    Ok(rb
        .payer_unit(c.managing_unit_id.map(i64::from))
        .and_then(|u| i32::try_from(u).ok()))
}

pub async fn sign(id: i32, key: String) -> Result<(), AppError> {
    let me = &require_somewhere(Permission::SignContracts)?;
    let key = &kit::key(&key)?;
    let db = &state()?.db;
    let application = contract::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .application_id;
    manages_dossier(db, me, Permission::SignContracts, application).await?;
    crate::kit::access::not_own_case(db, me, application).await?;
    command("contract signing", key, |txn, now| async move {
        let c = contract::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        match status_of(&c)? {
            ContractStatus::Draft => {}
            // Signed already: the same request again changes nothing.
            ContractStatus::Active if c.signed_by == Some(me.user_id) => return Ok(()),
            _ => {
                return Err(Attempt::Failed(AppError::invalid(
                    "status",
                    Problem::ContractNotDraft,
                )))
            }
        }
        // Active first, so the commitment's check sees a signed contract.
        mark_signed(&txn, id, me, now).await?;
        let r = Request {
            key: key.to_string(),
            debit: book_of(&c).available(),
            credit: Account::Committed(id.into()),
            amount_dong: c.total_dong,
            flow: Flow::Posted,
            by: me.user_id.into(),
            corrects: None,
        };
        let meta = Meta {
            contract_id: Some(id),
            document: c.code.clone(),
            note: "Cam kết kinh phí khi ký hợp đồng".into(),
        };
        ledger::write(&txn, &r, &meta, now).await?;
        crate::execution::server::schedule_reports(&txn, id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "contract_signed",
            ("contract", id.into()),
            serde_json::json!({ "committed_dong": c.total_dong }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    })
    .await
}

/// A draft becomes active under the signer's name; a racer that signed first makes this
/// attempt again.
async fn mark_signed(
    txn: &impl ConnectionTrait,
    id: i32,
    me: &Me,
    now: DateTime<Utc>,
) -> Result<(), Attempt> {
    use sea_orm::sea_query::Expr;
    let done = contract::Entity::update_many()
        .col_expr(
            contract::Column::Status,
            Expr::value(ContractStatus::Active.code()),
        )
        .col_expr(contract::Column::SignedBy, Expr::value(Some(me.user_id)))
        .col_expr(contract::Column::SignedAt, Expr::value(Some(now)))
        .filter(contract::Column::Id.eq(id))
        .filter(contract::Column::Status.eq(ContractStatus::Draft.code()))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(Attempt::Raced);
    }
    Ok(())
}

pub async fn contract_of(application_id: i32) -> Result<Option<i32>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let Some(c) = contract::Entity::find()
        .filter(contract::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    readable(db, &me, &c).await?;
    Ok(Some(c.id))
}

pub async fn get_contract(id: i32) -> Result<ContractView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = contract::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(db, &me, &c).await?;
    let unit = crate::kit::units::unit_of_dossier(db, c.application_id).await?;
    let tranches = tranches_of(db, id).await?;
    let payments = payment::Entity::find()
        .filter(payment::Column::ContractId.eq(id))
        .order_by_asc(payment::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let payments = payment_views(db, &me, payments).await?;
    let balance =
        |a: Account| async move { fund_account::Entity::find_by_id(a.code()).one(db).await };
    let committed = balance(Account::Committed(id.into()))
        .await?
        .map(|r| ledger::balance_of(&r))
        .unwrap_or_default();
    let disbursed = balance(Account::Disbursed(id.into()))
        .await?
        .map(|r| ledger::balance_of(&r))
        .unwrap_or_default();
    let organisation = match c.organisation_id {
        Some(o) => organisation::Entity::find_by_id(o)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let status = status_of(&c)?;
    let book = book_of(&c);
    let payer = match c.payer_unit_id {
        Some(u) => organisation::Entity::find_by_id(u)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let domain::contract::Terms {
        products,
        lines,
        duration_months,
    } = c.terms.0.clone();
    Ok(ContractView {
        products,
        lines,
        duration_months,
        id: c.id,
        code: c.code,
        application_id: c.application_id,
        title: c.title,
        leader_name: c.leader_name,
        organisation,
        total_dong: c.total_dong,
        status,
        signed_at: c.signed_at,
        tranches,
        payments,
        committed_dong: committed.credits_posted - committed.debits_posted,
        pending_dong: committed.debits_pending,
        // Everything paid, settled or not.
        disbursed_dong: disbursed.credits_posted,
        may_sign: status == ContractStatus::Draft && me.manages(Permission::SignContracts, unit),
        may_prepare: status == ContractStatus::Active
            && keeps(&me, Permission::PreparePayments, book).is_ok(),
        may_view_ledger: me.oversees(Permission::ViewFund, c.payer_unit_id),
        payer_unit: c.payer_unit_id,
        payer,
    })
}

/// A contract's tranches by their number.
async fn tranches_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<(i32, Tranche)>, AppError> {
    Ok(contract_tranche::Entity::find()
        .filter(contract_tranche::Column::ContractId.eq(id))
        .order_by_asc(contract_tranche::Column::Seq)
        .limit(domain::contract::MAX_TRANCHES as u64)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let tranche = Tranche {
                amount_dong: t.amount_dong,
                due_at: t.due_at,
                condition: t.condition,
            };
            (t.seq, tranche)
        })
        .collect())
}

pub async fn list_contracts(page: u64) -> Result<Page<ContractRow>, AppError> {
    let me = require_user()?;
    let mut select = contract::Entity::find();
    if !me.may(Permission::ViewFund, Scope::Global)
        && !me.may(Permission::DraftContracts, Scope::Global)
    {
        // A managing unit's staff: the contracts of their unit's calls.
        let units = me.units(Permission::ViewFund);
        if units.is_empty() {
            return Err(AppError::Forbidden);
        }
        let calls = crate::db::entities::call::Column::ManagingUnitId.is_in(units);
        select = select.filter(
            contract::Column::ApplicationId
                .in_subquery(crate::kit::units::dossiers_of_calls(calls)),
        );
    }
    let db = &state()?.db;
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, ROWS_PER_PAGE);
    let items = select
        .order_by_desc(contract::Column::Id)
        .offset(offset)
        .limit(ROWS_PER_PAGE)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            Ok(ContractRow {
                status: status_of(&c)?,
                id: c.id,
                code: c.code,
                title: c.title,
                total_dong: c.total_dong,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Page::new(items, page, ROWS_PER_PAGE, total))
}
