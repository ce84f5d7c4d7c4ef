//! Requests to be recognised as an organisation (decided by the department) and to join one as
//! its staff (decided by its representative). Nobody decides their own; each is decided once.

use domain::paging::page_and_offset;
use domain::registration::{
    decide, tidy_application, OrganisationApplication, RequestState, Verdict,
};
use domain::roles::{Permission, Role, RoleGrant, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::api::{
    MembershipRequestView, OrganisationChoice, OrganisationRequestView, OrganisationStanding,
    REQUESTS_PER_PAGE,
};
use super::decide_error;
use crate::db::accounts::insert_grant;
use crate::db::entities::{
    membership_request as member, organisation, organisation_request as org_req, user,
};
use crate::error::{AppError, Problem};
use crate::kit::notify::{holders, notify};
use crate::kit::{audit, now, require, require_user, state, taken};
use crate::list::{count_rows, lower_like, Page};

fn state_of(code: &str) -> Result<RequestState, AppError> {
    RequestState::from_code(code).ok_or(AppError::Internal)
}

fn org_view(
    r: org_req::Model,
    person: Option<&user::Model>,
) -> Result<OrganisationRequestView, AppError> {
    Ok(OrganisationRequestView {
        id: r.id,
        state: state_of(&r.state)?,
        tax_code: r.tax_code,
        name: r.name,
        short_name: r.short_name,
        address: r.address,
        representative: person.map(|p| p.display_name.clone()).unwrap_or_default(),
        representative_email: person.map(|p| p.email.clone()).unwrap_or_default(),
        representative_title: r.representative_title,
        phone: r.phone,
        reason: r.reason,
        created_at: r.created_at,
        decided_at: r.decided_at,
    })
}

fn member_view(
    r: member::Model,
    person: Option<&user::Model>,
    organisation: String,
) -> Result<MembershipRequestView, AppError> {
    Ok(MembershipRequestView {
        id: r.id,
        state: state_of(&r.state)?,
        person: person.map(|p| p.display_name.clone()).unwrap_or_default(),
        email: person.map(|p| p.email.clone()).unwrap_or_default(),
        organisation_id: r.organisation_id,
        organisation,
        reason: r.reason,
        created_at: r.created_at,
        decided_at: r.decided_at,
    })
}

pub async fn mine() -> Result<OrganisationStanding, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let person = user::Entity::find_by_id(me.user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let organisation = match person.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let organisation_request = org_req::Entity::find()
        .filter(org_req::Column::UserId.eq(me.user_id))
        .order_by_desc(org_req::Column::Id)
        .one(db)
        .await?
        .map(|r| org_view(r, Some(&person)))
        .transpose()?;
    let membership_request = match member::Entity::find()
        .filter(member::Column::UserId.eq(me.user_id))
        .order_by_desc(member::Column::Id)
        .one(db)
        .await?
    {
        Some(r) => {
            let names = crate::kit::organisation_names(db, vec![r.organisation_id]).await?;
            let name = names.get(&r.organisation_id).cloned().unwrap_or_default();
            Some(member_view(r, Some(&person), name)?)
        }
        None => None,
    };
    Ok(OrganisationStanding {
        organisation,
        organisation_request,
        membership_request,
    })
}

/// One organisation and one open request at a time: someone already in an organisation, or
/// with a request waiting, is refused at `field`.
async fn free_to_ask(
    txn: &impl ConnectionTrait,
    user_id: i32,
    field: &str,
) -> Result<(), AppError> {
    let person = user::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if person.organisation_id.is_some() {
        return Err(AppError::invalid(field, Problem::AlreadyInOrganisation));
    }
    let pending = RequestState::Pending.code();
    let open = org_req::Entity::find()
        .filter(org_req::Column::UserId.eq(user_id))
        .filter(org_req::Column::State.eq(pending))
        .count(txn)
        .await?
        + member::Entity::find()
            .filter(member::Column::UserId.eq(user_id))
            .filter(member::Column::State.eq(pending))
            .count(txn)
            .await?;
    if open > 0 {
        return Err(AppError::invalid(field, Problem::RequestPending));
    }
    Ok(())
}

pub async fn request_organisation(application: OrganisationApplication) -> Result<i32, AppError> {
    let me = require_user()?;
    let a = tidy_application(&application).map_err(|problems| {
        let (field, p) = problems[0];
        AppError::invalid(field, Problem::Detail(p))
    })?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    free_to_ask(&txn, me.user_id, "tax_code").await?;
    let known = organisation::Entity::find()
        .filter(organisation::Column::TaxCode.eq(&a.tax_code))
        .count(&txn)
        .await?
        + org_req::Entity::find()
            .filter(org_req::Column::TaxCode.eq(&a.tax_code))
            .filter(org_req::Column::State.eq(RequestState::Pending.code()))
            .count(&txn)
            .await?;
    if known > 0 {
        return Err(AppError::invalid("tax_code", Problem::TaxCodeTaken));
    }
    let named = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(&a.name))
        .count(&txn)
        .await?;
    if named > 0 {
        return Err(AppError::invalid("name", Problem::OrganisationNameTaken));
    }
    let row = org_req::ActiveModel {
        user_id: Set(me.user_id),
        tax_code: Set(a.tax_code.clone()),
        name: Set(a.name.clone()),
        short_name: Set(a.short_name),
        address: Set(a.address),
        representative_title: Set(a.representative_title),
        phone: Set(a.phone),
        state: Set(RequestState::Pending.code().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "organisation_requested",
        ("organisation_request", row.id.into()),
        serde_json::json!({ "name": a.name, "tax_code": a.tax_code }),
    )
    .await?;
    let officers = holders(&txn, Role::Officer, None).await?;
    let notice = domain::notice::organisation_requested(&a.name, &a.tax_code);
    notify(&txn, &officers, &notice, now).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn organisation_requests(
    state_filter: RequestState,
    page: u64,
) -> Result<Page<OrganisationRequestView>, AppError> {
    require(Permission::ApproveRegistrations, Scope::Global)?;
    let db = &state()?.db;
    let select = org_req::Entity::find().filter(org_req::Column::State.eq(state_filter.code()));
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, REQUESTS_PER_PAGE);
    let rows = select
        .find_also_related(user::Entity)
        .order_by_asc(org_req::Column::CreatedAt)
        .order_by_asc(org_req::Column::Id)
        .offset(offset)
        .limit(REQUESTS_PER_PAGE)
        .all(db)
        .await?;
    let items = rows
        .into_iter()
        .map(|(r, p)| org_view(r, p.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::new(items, page, REQUESTS_PER_PAGE, total))
}

/// Approving creates the organisation with the request's details, makes the requester its
/// staff and its representative's account (host organisation); all in one transaction, the
/// request marked decided only if it was still pending (a second decision finds it decided).
pub async fn decide_organisation(id: i32, verdict: Verdict) -> Result<(), AppError> {
    let me = require(Permission::ApproveRegistrations, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let r = org_req::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let (next, reason) =
        decide(state_of(&r.state)?, r.user_id, me.user_id, &verdict).map_err(decide_error)?;
    let mut organisation_id = None;
    if next == RequestState::Approved {
        let o = organisation::ActiveModel {
            name: Set(r.name.clone()),
            short_name: Set((!r.short_name.is_empty()).then(|| r.short_name.clone())),
            tax_code: Set(Some(r.tax_code.clone())),
            address: Set(Some(r.address.clone())),
            representative_title: Set(Some(r.representative_title.clone())),
            phone: Set(Some(r.phone.clone())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "verdict", Problem::OrganisationNameTaken))?;
        join(&txn, r.user_id, o.id).await?;
        let grant = RoleGrant::new(Role::HostOrganisation, Scope::Organisation(o.id.into()))
            .map_err(|p| AppError::invalid("verdict", Problem::Grant(p)))?;
        insert_grant(&txn, r.user_id, grant, me.user_id, now).await?;
        organisation_id = Some(o.id);
    }
    let done = org_req::Entity::update_many()
        .col_expr(org_req::Column::State, Expr::value(next.code()))
        .col_expr(org_req::Column::Reason, Expr::value(reason.clone()))
        .col_expr(org_req::Column::DecidedBy, Expr::value(me.user_id))
        .col_expr(org_req::Column::DecidedAt, Expr::value(now))
        .col_expr(
            org_req::Column::OrganisationId,
            Expr::value(organisation_id),
        )
        .filter(org_req::Column::Id.eq(id))
        .filter(org_req::Column::State.eq(RequestState::Pending.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(decide_error(
            domain::registration::DecideProblem::NotPending,
        ));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "organisation_request_decided",
        ("organisation_request", id.into()),
        serde_json::json!({ "state": next.code(), "reason": reason, "organisation_id": organisation_id }),
    )
    .await?;
    let approved = next == RequestState::Approved;
    let notice = domain::notice::request_decided(&r.name, false, approved, reason.as_deref());
    notify(&txn, &[r.user_id], &notice, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Makes `user_id` staff of `organisation_id`, if they are still in none.
async fn join(
    txn: &impl ConnectionTrait,
    user_id: i32,
    organisation_id: i32,
) -> Result<(), AppError> {
    let joined = user::Entity::update_many()
        .col_expr(user::Column::OrganisationId, Expr::value(organisation_id))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::OrganisationId.is_null())
        .exec(txn)
        .await?;
    if joined.rows_affected == 0 {
        return Err(AppError::invalid("verdict", Problem::AlreadyInOrganisation));
    }
    Ok(())
}

/// Longest list of organisations a search offers.
const CHOICES: u64 = 20;

pub async fn find_organisations(query: String) -> Result<Vec<OrganisationChoice>, AppError> {
    require_user()?;
    let db = &state()?.db;
    if query.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let Some(p) = crate::list::like_pattern(&query) else {
        return Ok(Vec::new());
    };
    let rows = organisation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(lower_like(organisation::Column::Name, &p))
                .add(lower_like(organisation::Column::ShortName, &p))
                .add(lower_like(organisation::Column::TaxCode, &p)),
        )
        .order_by_asc(organisation::Column::Name)
        .limit(CHOICES)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|o| OrganisationChoice {
            id: o.id,
            name: o.name,
            tax_code: o.tax_code.unwrap_or_default(),
        })
        .collect())
}

pub async fn request_membership(organisation_id: i32) -> Result<i32, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let o = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("organisation_id", Problem::UnknownOrganisation))?;
    free_to_ask(&txn, me.user_id, "organisation_id").await?;
    let row = member::ActiveModel {
        user_id: Set(me.user_id),
        organisation_id: Set(o.id),
        state: Set(RequestState::Pending.code().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "membership_requested",
        ("membership_request", row.id.into()),
        serde_json::json!({ "organisation_id": o.id }),
    )
    .await?;
    let reps = holders(&txn, Role::HostOrganisation, Some(o.id)).await?;
    let notice = domain::notice::membership_requested(&me.display_name, &o.name);
    notify(&txn, &reps, &notice, now).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn membership_requests(
    state_filter: RequestState,
    page: u64,
) -> Result<Page<MembershipRequestView>, AppError> {
    let me = crate::auth::server::require_somewhere(Permission::ApproveStaff)?;
    let db = &state()?.db;
    let mine = me.units(Permission::ApproveStaff);
    let select = member::Entity::find()
        .filter(member::Column::OrganisationId.is_in(mine))
        .filter(member::Column::State.eq(state_filter.code()));
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, REQUESTS_PER_PAGE);
    let rows = select
        .find_also_related(user::Entity)
        .order_by_asc(member::Column::CreatedAt)
        .order_by_asc(member::Column::Id)
        .offset(offset)
        .limit(REQUESTS_PER_PAGE)
        .all(db)
        .await?;
    let names =
        crate::kit::organisation_names(db, rows.iter().map(|(r, _)| r.organisation_id).collect())
            .await?;
    let items = rows
        .into_iter()
        .map(|(r, p)| {
            let name = names.get(&r.organisation_id).cloned().unwrap_or_default();
            member_view(r, p.as_ref(), name)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::new(items, page, REQUESTS_PER_PAGE, total))
}

/// Approving makes the person staff of the organisation (never of a second one).
pub async fn decide_membership(id: i32, verdict: Verdict) -> Result<(), AppError> {
    crate::auth::server::require_somewhere(Permission::ApproveStaff)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let r = member::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = require(
        Permission::ApproveStaff,
        Scope::Organisation(r.organisation_id.into()),
    )?;
    let (next, reason) =
        decide(state_of(&r.state)?, r.user_id, me.user_id, &verdict).map_err(decide_error)?;
    if next == RequestState::Approved {
        join(&txn, r.user_id, r.organisation_id).await?;
    }
    let done = member::Entity::update_many()
        .col_expr(member::Column::State, Expr::value(next.code()))
        .col_expr(member::Column::Reason, Expr::value(reason.clone()))
        .col_expr(member::Column::DecidedBy, Expr::value(me.user_id))
        .col_expr(member::Column::DecidedAt, Expr::value(now))
        .filter(member::Column::Id.eq(id))
        .filter(member::Column::State.eq(RequestState::Pending.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(decide_error(
            domain::registration::DecideProblem::NotPending,
        ));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "membership_decided",
        ("membership_request", id.into()),
        serde_json::json!({ "state": next.code(), "reason": reason }),
    )
    .await?;
    let names = crate::kit::organisation_names(&txn, vec![r.organisation_id]).await?;
    let name = names.get(&r.organisation_id).cloned().unwrap_or_default();
    let approved = next == RequestState::Approved;
    let notice = domain::notice::request_decided(&name, true, approved, reason.as_deref());
    notify(&txn, &[r.user_id], &notice, now).await?;
    txn.commit().await?;
    Ok(())
}
