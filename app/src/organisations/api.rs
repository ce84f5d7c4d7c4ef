//! An organisation's legal details: read by anyone signed in (they appear on dossiers and
//! contracts), kept by administrators and by the organisation's own host-organisation account.

use domain::organisation::OrganisationDetails;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationView {
    pub id: i32,
    pub details: OrganisationDetails,
    /// The person asking may change the details.
    pub editable: bool,
}

#[server(prefix = "/api", endpoint = "organisations/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_organisation(id: i32) -> Result<OrganisationView, AppError> {
    crate::error::finish(server::get(id).await)
}

#[server(prefix = "/api", endpoint = "organisations/update", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn update_organisation(id: i32, details: OrganisationDetails) -> Result<(), AppError> {
    crate::error::finish(server::update(id, details).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::organisation;
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::{audit, now, require, require_user};
    use domain::organisation::tidy;
    use domain::roles::{Permission, Scope};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

    fn details_of(o: organisation::Model) -> OrganisationDetails {
        let text = |v: Option<String>| v.unwrap_or_default();
        OrganisationDetails {
            name: o.name,
            short_name: text(o.short_name),
            tax_code: text(o.tax_code),
            address: text(o.address),
            representative: text(o.representative),
            representative_title: text(o.representative_title),
            phone: text(o.phone),
            email: text(o.email),
            bank_account: text(o.bank_account),
            bank_name: text(o.bank_name),
        }
    }

    /// Checks and tidies details; the first problem is the answer (with its field).
    pub fn checked(details: &OrganisationDetails) -> Result<OrganisationDetails, AppError> {
        tidy(details).map_err(|problems| {
            let (field, p) = problems[0];
            AppError::invalid(field, Problem::Detail(p))
        })
    }

    /// `None` for an empty detail, so the database keeps NULL rather than "".
    pub fn optional(s: String) -> Option<String> {
        (!s.is_empty()).then_some(s)
    }

    pub async fn get(id: i32) -> Result<OrganisationView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let o = organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let editable = me.may(
            Permission::EditOrganisationDetails,
            Scope::Organisation(id.into()),
        );
        let staff = me.may(Permission::ReadOrganisationContacts, Scope::Global);
        let details = details_of(o);
        Ok(OrganisationView {
            id,
            editable,
            details: if editable || staff {
                details
            } else {
                details.public()
            },
        })
    }

    pub async fn update(id: i32, details: OrganisationDetails) -> Result<(), AppError> {
        let me = require(
            Permission::EditOrganisationDetails,
            Scope::Organisation(id.into()),
        )?;
        let d = checked(&details)?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let row = organisation::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let taken = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(&d.name))
            .filter(organisation::Column::Id.ne(id))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(AppError::invalid("name", Problem::OrganisationNameTaken));
        }
        let mut o: organisation::ActiveModel = row.into();
        o.name = Set(d.name.clone());
        o.short_name = Set(optional(d.short_name));
        o.tax_code = Set(optional(d.tax_code));
        o.address = Set(optional(d.address));
        o.representative = Set(optional(d.representative));
        o.representative_title = Set(optional(d.representative_title));
        o.phone = Set(optional(d.phone));
        o.email = Set(optional(d.email));
        o.bank_account = Set(optional(d.bank_account));
        o.bank_name = Set(optional(d.bank_name));
        o.update(&txn).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "organisation_updated",
            ("organisation", id.into()),
            serde_json::json!({ "name": d.name }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
