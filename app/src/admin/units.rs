//! Managing units (đơn vị quản lý nhiệm vụ cấp cơ sở): the administrator marks an organisation
//! that runs its own grassroots tasks; its officers and leader are then granted roles scoped to
//! it (docs/roles.md).

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

/// Marks (or unmarks) an organisation as a managing unit. Unmarking is refused while the unit
/// has calls or staff granted for it.
#[server(prefix = "/api", endpoint = "admin/organisations/set_managing", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn set_managing_unit(organisation_id: i32, manages: bool) -> Result<(), AppError> {
    crate::error::finish(server::set_managing_unit(organisation_id, manages).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::{call, organisation, role_grant};
    use crate::error::Problem;
    use crate::kit::{audit, now, require, state};
    use domain::roles::{Permission, Role, Scope};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

    pub async fn set_managing_unit(id: i32, manages: bool) -> Result<(), AppError> {
        let admin = require(Permission::ManageOrganisations, Scope::Global)?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        organisation::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        if !manages && in_use(&txn, id).await? {
            return Err(AppError::invalid("manages", Problem::UnitInUse));
        }
        organisation::Entity::update_many()
            .col_expr(organisation::Column::ManagesTasks, Expr::value(manages))
            .filter(organisation::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            now,
            Some(admin.user_id),
            "managing_unit_set",
            ("organisation", id.into()),
            serde_json::json!({ "manages": manages }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether the unit runs calls or has its own officers or leader.
    async fn in_use(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
        let calls = call::Entity::find()
            .filter(call::Column::ManagingUnitId.eq(id))
            .count(db)
            .await?;
        let staff = role_grant::Entity::find()
            .filter(role_grant::Column::ScopeKind.eq("organisation"))
            .filter(role_grant::Column::ScopeId.eq(i64::from(id)))
            .filter(role_grant::Column::Role.is_in([Role::Officer.code(), Role::Leader.code()]))
            .count(db)
            .await?;
        Ok(calls + staff > 0)
    }

    /// A unit's own officer, leader, accountant or account holder is granted only for a managing
    /// unit.
    pub async fn check_unit_grant(
        db: &impl ConnectionTrait,
        role: Role,
        organisation_id: Option<i32>,
    ) -> Result<(), AppError> {
        let (Some(id), Role::Officer | Role::Leader | Role::FundAccountant | Role::FundDirector) =
            (organisation_id, role)
        else {
            return Ok(());
        };
        let unit = organisation::Entity::find_by_id(id).one(db).await?;
        if unit.is_some_and(|o| o.manages_tasks) {
            Ok(())
        } else {
            Err(AppError::invalid(
                "organisation_id",
                Problem::NotManagingUnit,
            ))
        }
    }
}
