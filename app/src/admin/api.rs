//! Administration: accounts, organisations and role grants.

use chrono::{DateTime, Utc};
use domain::roles::{Role, RoleGrant};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Rows per page in administration lists.
pub const PAGE_SIZE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UserRow {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GrantView {
    pub id: i32,
    pub grant: RoleGrant,
    /// The organisation's name for an organisation-scoped grant.
    pub scope_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UserDetail {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<i32>,
    pub organisation: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    pub grants: Vec<GrantView>,
}

/// An account just created, with the one-time password to hand to its owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CreatedUser {
    pub id: i32,
    pub temporary_password: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationRow {
    pub id: i32,
    pub name: String,
    pub short_name: Option<String>,
    pub tax_code: Option<String>,
    pub address: Option<String>,
    /// Runs its own grassroots tasks (đơn vị quản lý nhiệm vụ cấp cơ sở).
    #[serde(default)]
    pub manages_tasks: bool,
}

#[server(prefix = "/api", endpoint = "admin/users/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_users(query: String, page: u64) -> Result<Page<UserRow>, AppError> {
    crate::error::finish(server::list_users(query, page).await)
}

#[server(prefix = "/api", endpoint = "admin/users/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_user(id: i32) -> Result<UserDetail, AppError> {
    crate::error::finish(server::get_user(id).await)
}

#[server(prefix = "/api", endpoint = "admin/users/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_user(
    email: String,
    display_name: String,
    organisation_id: Option<i32>,
    role: Option<Role>,
) -> Result<CreatedUser, AppError> {
    crate::error::finish(server::create_user(email, display_name, organisation_id, role).await)
}

#[server(prefix = "/api", endpoint = "admin/users/set_active", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn set_user_active(id: i32, active: bool) -> Result<(), AppError> {
    crate::error::finish(server::set_user_active(id, active).await)
}

/// Grants a role. `organisation_id` scopes a host organisation's grant, or a managing unit's
/// officer or leader; other grants are global.
#[server(prefix = "/api", endpoint = "admin/roles/grant", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn grant_role(
    user_id: i32,
    role: Role,
    organisation_id: Option<i32>,
) -> Result<(), AppError> {
    crate::error::finish(server::grant_role(user_id, role, organisation_id).await)
}

#[server(prefix = "/api", endpoint = "admin/roles/revoke", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn revoke_role(grant_id: i32) -> Result<(), AppError> {
    crate::error::finish(server::revoke_role(grant_id).await)
}

#[server(prefix = "/api", endpoint = "admin/organisations/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_organisations(
    query: String,
    page: u64,
) -> Result<Page<OrganisationRow>, AppError> {
    crate::error::finish(server::list_organisations(query, page).await)
}

#[server(prefix = "/api", endpoint = "admin/organisations/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_organisation(
    name: String,
    short_name: String,
    tax_code: String,
    address: String,
) -> Result<i32, AppError> {
    crate::error::finish(server::create_organisation(name, short_name, tax_code, address).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::auth::server::{hash_password, new_token, now, require};
    use crate::db::accounts::{insert_grant, insert_user, NewUser};
    use crate::db::entities::{organisation, role_grant, session, user};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::audit;
    use crate::list::{like_pattern, lower_like, page_and_offset};
    use domain::account::{parse_name, Email};
    use domain::roles::{Permission, Scope};
    use sea_orm::sea_query::Expr;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder, QuerySelect, Set,
    };
    use std::collections::HashMap;

    pub async fn list_users(query: String, page: u64) -> Result<Page<UserRow>, AppError> {
        require(Permission::ManageUsers, Scope::Global)?;
        let db = &state()?.db;
        let mut select = user::Entity::find();
        if let Some(p) = like_pattern(&query) {
            select = select.filter(
                Condition::any()
                    .add(lower_like(user::Column::Email, &p))
                    .add(lower_like(user::Column::DisplayName, &p)),
            );
        }
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, PAGE_SIZE);
        let rows = select
            .find_also_related(organisation::Entity)
            .order_by_asc(user::Column::DisplayName)
            .order_by_asc(user::Column::Id)
            .offset(offset)
            .limit(PAGE_SIZE)
            .all(db)
            .await?;
        let ids: Vec<i32> = rows.iter().map(|(u, _)| u.id).collect();
        let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
        for g in role_grant::Entity::find()
            .filter(role_grant::Column::UserId.is_in(ids))
            .all(db)
            .await?
        {
            if let Some(grant) = g.grant() {
                roles.entry(g.user_id).or_default().push(grant.role);
            }
        }
        let items = rows
            .into_iter()
            .map(|(u, org)| {
                let mut r = roles.remove(&u.id).unwrap_or_default();
                r.sort();
                r.dedup();
                UserRow {
                    id: u.id,
                    email: u.email,
                    display_name: u.display_name,
                    organisation: org.map(|o| o.name),
                    roles: r,
                    active: u.active,
                }
            })
            .collect();
        Ok(Page::new(items, page, PAGE_SIZE, total))
    }

    pub async fn get_user(id: i32) -> Result<UserDetail, AppError> {
        require(Permission::ManageUsers, Scope::Global)?;
        let db = &state()?.db;
        let (u, org) = user::Entity::find_by_id(id)
            .find_also_related(organisation::Entity)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let grant_rows = role_grant::Entity::find()
            .filter(role_grant::Column::UserId.eq(id))
            .order_by_asc(role_grant::Column::Id)
            .all(db)
            .await?;
        let org_ids: Vec<i32> = grant_rows
            .iter()
            .filter(|g| g.scope_kind == "organisation")
            .filter_map(|g| i32::try_from(g.scope_id).ok())
            .collect();
        let names: HashMap<i32, String> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let grants = grant_rows
            .iter()
            .filter_map(|g| {
                let grant = g.grant()?;
                let scope_name = match grant.scope {
                    Scope::Organisation(oid) => i32::try_from(oid)
                        .ok()
                        .and_then(|oid| names.get(&oid).cloned()),
                    _ => None,
                };
                Some(GrantView {
                    id: g.id,
                    grant,
                    scope_name,
                })
            })
            .collect();
        Ok(UserDetail {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            organisation_id: u.organisation_id,
            organisation: org.map(|o| o.name),
            active: u.active,
            must_change_password: u.must_change_password,
            created_at: u.created_at,
            grants,
        })
    }

    /// `UnknownOrganisation` at the `organisation_id` field unless it exists (or is none).
    async fn ensure_organisation(
        db: &impl sea_orm::ConnectionTrait,
        id: Option<i32>,
    ) -> Result<(), AppError> {
        match id {
            Some(id)
                if organisation::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .is_none() =>
            {
                Err(AppError::invalid(
                    "organisation_id",
                    Problem::UnknownOrganisation,
                ))
            }
            _ => Ok(()),
        }
    }

    pub async fn create_user(
        email: String,
        display_name: String,
        organisation_id: Option<i32>,
        role: Option<Role>,
    ) -> Result<CreatedUser, AppError> {
        let admin = require(Permission::ManageUsers, Scope::Global)?;
        let db = &state()?.db;
        let email =
            Email::parse(&email).map_err(|p| AppError::invalid("email", Problem::Field(p)))?;
        let display_name = parse_name(&display_name)
            .map_err(|p| AppError::invalid("display_name", Problem::Field(p)))?;
        let grant = match role {
            None => None,
            Some(r) => {
                let scope = match (r, organisation_id) {
                    (Role::HostOrganisation, Some(oid)) => Scope::Organisation(oid.into()),
                    _ => Scope::Global,
                };
                Some(
                    RoleGrant::new(r, scope)
                        .map_err(|p| AppError::invalid("role", Problem::Grant(p)))?,
                )
            }
        };
        // The temporary password is random and shown once; the owner must change it.
        let (temporary_password, _) = new_token("")?;
        let temporary_password: String = temporary_password.chars().take(16).collect();
        let hash = hash_password(temporary_password.clone()).await?;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        ensure_organisation(&txn, organisation_id).await?;
        let taken = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(AppError::invalid("email", Problem::EmailTaken));
        }
        let row = insert_user(
            &txn,
            NewUser {
                email: email.into_string(),
                display_name,
                password_hash: hash,
                organisation_id,
                must_change_password: true,
            },
            now,
        )
        .await?;
        if let Some(g) = grant {
            insert_grant(&txn, row.id, g, admin.user_id, now).await?;
        }
        audit(
            &txn,
            now,
            Some(admin.user_id),
            "user_created",
            ("user", row.id.into()),
            serde_json::json!({ "email": row.email, "role": role }),
        )
        .await?;
        txn.commit().await?;
        Ok(CreatedUser {
            id: row.id,
            temporary_password,
        })
    }

    pub async fn set_user_active(id: i32, active: bool) -> Result<(), AppError> {
        let admin = require(Permission::ManageUsers, Scope::Global)?;
        if admin.user_id == id && !active {
            return Err(AppError::invalid("active", Problem::NotYourself));
        }
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let done = user::Entity::update_many()
            .col_expr(user::Column::Active, Expr::value(active))
            .filter(user::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if done.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        if !active {
            session::Entity::update_many()
                .col_expr(session::Column::RevokedAt, Expr::value(now))
                .filter(session::Column::UserId.eq(id))
                .filter(session::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
        }
        audit(
            &txn,
            now,
            Some(admin.user_id),
            if active {
                "user_activated"
            } else {
                "user_deactivated"
            },
            ("user", id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn grant_role(
        user_id: i32,
        role: Role,
        organisation_id: Option<i32>,
    ) -> Result<(), AppError> {
        let admin = require(Permission::ManageUsers, Scope::Global)?;
        let db = &state()?.db;
        let scope = match organisation_id {
            Some(oid) => Scope::Organisation(oid.into()),
            None => Scope::Global,
        };
        let grant = RoleGrant::new(role, scope)
            .map_err(|p| AppError::invalid("role", Problem::Grant(p)))?;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        if user::Entity::find_by_id(user_id).one(&txn).await?.is_none() {
            return Err(AppError::NotFound);
        }
        ensure_organisation(&txn, organisation_id).await?;
        crate::admin::units::server::check_unit_grant(&txn, role, organisation_id).await?;
        let exists = role_grant::Entity::find()
            .filter(role_grant::Column::UserId.eq(user_id))
            .filter(role_grant::Column::Role.eq(role.code()))
            .filter(role_grant::Column::ScopeKind.eq(scope.kind().code()))
            .filter(role_grant::Column::ScopeId.eq(scope.id().unwrap_or(0)))
            .count(&txn)
            .await?;
        if exists > 0 {
            return Err(AppError::invalid("role", Problem::RoleAlreadyGranted));
        }
        let id = insert_grant(&txn, user_id, grant, admin.user_id, now).await?;
        audit(
            &txn,
            now,
            Some(admin.user_id),
            "role_granted",
            ("user", user_id.into()),
            serde_json::json!({ "grant_id": id, "role": role.code(), "scope": scope }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn revoke_role(grant_id: i32) -> Result<(), AppError> {
        let admin = require(Permission::ManageUsers, Scope::Global)?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let g = role_grant::Entity::find_by_id(grant_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        if g.role == Role::Admin.code() {
            let admins = role_grant::Entity::find()
                .filter(role_grant::Column::Role.eq(Role::Admin.code()))
                .count(&txn)
                .await?;
            if admins <= 1 {
                return Err(AppError::invalid("role", Problem::LastAdministrator));
            }
        }
        role_grant::Entity::delete_by_id(grant_id)
            .exec(&txn)
            .await?;
        audit(&txn, now, Some(admin.user_id), "role_revoked", ("user", g.user_id.into()), serde_json::json!({ "grant_id": grant_id, "role": g.role, "scope_kind": g.scope_kind, "scope_id": g.scope_id })).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn list_organisations(
        query: String,
        page: u64,
    ) -> Result<Page<OrganisationRow>, AppError> {
        // Administrators keep them; officers pick a direct assignment's host among them.
        let me = crate::kit::require_user()?;
        if !me.may(Permission::ManageOrganisations, Scope::Global)
            && !me.may(Permission::ManageCalls, Scope::Global)
            && me.units(Permission::ManageCalls).is_empty()
        {
            return Err(AppError::Forbidden);
        }
        let db = &state()?.db;
        let mut select = organisation::Entity::find();
        if let Some(p) = like_pattern(&query) {
            select = select.filter(
                Condition::any()
                    .add(lower_like(organisation::Column::Name, &p))
                    .add(lower_like(organisation::Column::ShortName, &p))
                    .add(lower_like(organisation::Column::TaxCode, &p)),
            );
        }
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, PAGE_SIZE);
        let items = select
            .order_by_asc(organisation::Column::Name)
            .order_by_asc(organisation::Column::Id)
            .offset(offset)
            .limit(PAGE_SIZE)
            .all(db)
            .await?
            .into_iter()
            .map(|o| OrganisationRow {
                id: o.id,
                name: o.name,
                short_name: o.short_name,
                tax_code: o.tax_code,
                address: o.address,
                manages_tasks: o.manages_tasks,
            })
            .collect();
        Ok(Page::new(items, page, PAGE_SIZE, total))
    }

    pub async fn create_organisation(
        name: String,
        short_name: String,
        tax_code: String,
        address: String,
    ) -> Result<i32, AppError> {
        let admin = require(Permission::ManageOrganisations, Scope::Global)?;
        let db = &state()?.db;
        use crate::organisations::api::server::{checked, optional};
        let d = checked(&domain::organisation::OrganisationDetails {
            name,
            short_name,
            tax_code,
            address,
            ..Default::default()
        })?;
        let (name, short_name, tax_code, address) = (
            d.name,
            optional(d.short_name),
            optional(d.tax_code),
            optional(d.address),
        );
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let taken = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(&name))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(AppError::invalid("name", Problem::OrganisationNameTaken));
        }
        let row = organisation::ActiveModel {
            name: Set(name),
            short_name: Set(short_name),
            tax_code: Set(tax_code),
            address: Set(address),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(admin.user_id),
            "organisation_created",
            ("organisation", row.id.into()),
            serde_json::json!({ "name": row.name }),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }
}
