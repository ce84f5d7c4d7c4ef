//! First start on an empty database: the one-time link that creates the first administrator.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "setup/complete", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn complete_setup(
    token: String,
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    crate::error::finish(server::complete_setup(token, display_name, email, password).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::auth::server::{
        hash_password, now, session_cookie, set_cookie, sha256_hex, start_session,
    };
    use crate::db::accounts::{insert_grant, insert_user, NewUser};
    use crate::db::entities::{setup_token, user};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::audit;
    use domain::account::{parse_name, Email};
    use domain::roles::{Role, RoleGrant, Scope};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    pub async fn complete_setup(
        token: String,
        display_name: String,
        email: String,
        password: String,
    ) -> Result<(), AppError> {
        let st = state()?;
        let db = &st.db;
        let now = now()?;
        let field = |f: &'static str| move |p| AppError::invalid(f, Problem::Field(p));
        let display_name = parse_name(&display_name).map_err(field("display_name"))?;
        let email = Email::parse(&email).map_err(field("email"))?;
        st.settings
            .password
            .check(&password, email.as_str())
            .map_err(|p| AppError::invalid("password", Problem::Password(p)))?;
        let hash = hash_password(password).await?;

        let txn = crate::db::begin(db).await?;
        // Spend the link first: of two concurrent uses, only one updates the row.
        let spent = setup_token::Entity::update_many()
            .col_expr(setup_token::Column::UsedAt, Expr::value(now))
            .filter(setup_token::Column::TokenHash.eq(sha256_hex(token.trim())))
            .filter(setup_token::Column::UsedAt.is_null())
            .filter(setup_token::Column::ExpiresAt.gt(now))
            .exec(&txn)
            .await?;
        if spent.rows_affected != 1 || user::Entity::find().count(&txn).await? > 0 {
            return Err(AppError::SetupLinkInvalid);
        }
        let admin = insert_user(
            &txn,
            NewUser {
                email: email.into_string(),
                display_name,
                password_hash: hash,
                organisation_id: None,
                must_change_password: false,
            },
            now,
        )
        .await?;
        let grant = RoleGrant::new(Role::Admin, Scope::Global)
            .map_err(|p| AppError::invalid("role", Problem::Grant(p)))?;
        insert_grant(&txn, admin.id, grant, admin.id, now).await?;
        audit(
            &txn,
            now,
            Some(admin.id),
            "setup_completed",
            ("user", admin.id.into()),
            serde_json::json!({}),
        )
        .await?;
        let session = start_session(&txn, admin.id, now).await?;
        txn.commit().await?;
        set_cookie(session_cookie(&session, &st.settings));
        Ok(())
    }
}

/// Creates the one-time setup link when the database has no account; returns its token.
#[cfg(feature = "ssr")]
pub async fn issue_setup_token(
    db: &sea_orm::DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    valid_for: chrono::Duration,
) -> Result<Option<String>, AppError> {
    use crate::db::entities::{setup_token, user};
    use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
    if user::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let (token, hash) = crate::auth::server::new_token("")?;
    setup_token::ActiveModel {
        token_hash: Set(hash),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(token))
}
