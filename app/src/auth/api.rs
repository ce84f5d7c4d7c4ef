//! Sign-in, sign-out, password, language and personal API tokens.

use chrono::{DateTime, Utc};
use domain::roles::{Role, RoleGrant};
use domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

/// What the interface needs to know about the person using it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Me {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub grants: Vec<RoleGrant>,
    pub must_change_password: bool,
}

impl Me {
    pub fn roles(&self) -> Vec<Role> {
        domain::roles::distinct_roles(&self.grants)
    }

    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SessionInfo {
    pub me: Option<Me>,
    /// The server runs the demo province: show the banner.
    pub demo: bool,
    /// How many of the person's notifications are unread (docs/notifications.md).
    #[serde(default)]
    pub unread: u64,
    /// The single sign-on provider's name when one is configured (docs/sign-on.md).
    #[serde(default)]
    pub sign_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiTokenView {
    pub id: i32,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just created: the only time its value is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NewApiToken {
    pub id: i32,
    pub token: String,
}

/// Longest token name, for the list to stay readable.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

#[server(prefix = "/api", endpoint = "auth/session", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    use crate::auth::server::{principal, Principal};
    let st = crate::db::state()?;
    let (me, unread) = match principal() {
        Principal::Anonymous => (None, 0),
        Principal::User(a) => {
            let me = Me {
                user_id: a.user_id,
                email: a.email.clone(),
                display_name: a.display_name.clone(),
                grants: a.grants.clone(),
                must_change_password: a.must_change_password,
            };
            let unread = crate::kit::notify::unread_count(&st.db, a.user_id).await?;
            (Some(me), unread)
        }
    };
    Ok(SessionInfo {
        me,
        demo: st.settings.demo,
        unread,
        sign_on: st.settings.sign_on_label.clone(),
    })
}

#[server(prefix = "/api", endpoint = "auth/login", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn login(email: String, password: String) -> Result<Me, AppError> {
    crate::error::finish(super::login::login(email, password).await)
}

#[server(prefix = "/api", endpoint = "auth/logout", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn logout() -> Result<(), AppError> {
    crate::error::finish(server::logout().await)
}

#[server(prefix = "/api", endpoint = "auth/change_password", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn change_password(current: String, new_password: String) -> Result<(), AppError> {
    crate::error::finish(server::change_password(current, new_password).await)
}

/// Asks for a password-reset link by e-mail; answers the same whether the address has an
/// account or not.
#[server(prefix = "/api", endpoint = "auth/request_reset", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    crate::error::finish(crate::auth::reset::request_reset(email).await)
}

/// Sets a new password from a reset link's token; ends every session and API token.
#[server(prefix = "/api", endpoint = "auth/reset_password", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn reset_password(
    token: String,
    new_password: String,
    repeat: String,
) -> Result<(), AppError> {
    crate::error::finish(crate::auth::reset::reset_password(token, new_password, repeat).await)
}

/// Remembers the interface language in a cookie (a year), for signed-in and anonymous users.
#[server(prefix = "/api", endpoint = "auth/language", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn set_language(lang: Lang) -> Result<(), AppError> {
    let settings = crate::db::state()?.settings;
    crate::auth::server::set_cookie(format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000{}",
        crate::auth::server::LANG_COOKIE,
        lang.code(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "tokens/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_tokens() -> Result<Vec<ApiTokenView>, AppError> {
    crate::error::finish(server::list_tokens().await)
}

#[server(prefix = "/api", endpoint = "tokens/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_token(name: String) -> Result<NewApiToken, AppError> {
    crate::error::finish(server::create_token(name).await)
}

#[server(prefix = "/api", endpoint = "tokens/revoke", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn revoke_token(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::revoke_token(id).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::auth::server::{
        clear_session_cookie, hash_password, new_token, now, require_user, set_cookie, signed_in,
        verify_password, AuthMethod, API_TOKEN_PREFIX,
    };
    use crate::db::entities::{api_token, session, user};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::audit;
    use domain::account::{parse_name, FieldProblem};
    use domain::password::PasswordProblem;
    use sea_orm::sea_query::Expr;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
        QuerySelect, Set,
    };

    pub async fn logout() -> Result<(), AppError> {
        let st = state()?;
        if let Ok(account) = signed_in() {
            if let AuthMethod::Session { session_id } = account.method {
                session::Entity::update_many()
                    .col_expr(session::Column::RevokedAt, Expr::value(now()?))
                    .filter(session::Column::Id.eq(session_id))
                    .exec(&st.db)
                    .await?;
            }
        }
        set_cookie(clear_session_cookie(&st.settings));
        Ok(())
    }

    pub async fn change_password(current: String, new_password: String) -> Result<(), AppError> {
        let account = signed_in()?;
        let st = state()?;
        let db = &st.db;
        let now = now()?;
        st.settings
            .password
            .check(&new_password, &account.email)
            .map_err(|p| AppError::invalid("new_password", Problem::Password(p)))?;
        if current == new_password {
            return Err(AppError::invalid(
                "new_password",
                Problem::Password(PasswordProblem::SameAsCurrent),
            ));
        }
        let u = user::Entity::find_by_id(account.user_id)
            .one(db)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if !verify_password(u.password_hash.clone(), current).await? {
            return Err(AppError::invalid("current", Problem::WrongCurrentPassword));
        }
        let hash = hash_password(new_password).await?;
        let txn = crate::db::begin(db).await?;
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(hash))
            .col_expr(user::Column::MustChangePassword, Expr::value(false))
            .col_expr(user::Column::PasswordChangedAt, Expr::value(now))
            .filter(user::Column::Id.eq(u.id))
            .exec(&txn)
            .await?;
        // Other sign-ins and API tokens may be someone who learnt the old password: ended, but
        // for the one making this request.
        crate::auth::server::end_sign_ins(&txn, u.id, Some(account.method), now).await?;
        audit(
            &txn,
            now,
            Some(u.id),
            "password_changed",
            ("user", u.id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn list_tokens() -> Result<Vec<ApiTokenView>, AppError> {
        // The Account page lists them while a temporary password is being replaced.
        let account = signed_in()?;
        let db = &state()?.db;
        Ok(api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(account.user_id))
            .order_by_desc(api_token::Column::Id)
            .limit(100)
            .all(db)
            .await?
            .into_iter()
            .map(|t| ApiTokenView {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            })
            .collect())
    }

    /// Most live tokens one person may hold: enough for every script they run, few enough to
    /// review.
    const MAX_LIVE_TOKENS: u64 = 20;

    pub async fn create_token(name: String) -> Result<NewApiToken, AppError> {
        let account = require_user()?;
        let db = &state()?.db;
        let name = parse_name(&name)
            .and_then(|n| {
                if n.chars().count() > MAX_TOKEN_NAME_CHARS {
                    Err(FieldProblem::TooLong {
                        max_chars: MAX_TOKEN_NAME_CHARS,
                    })
                } else {
                    Ok(n)
                }
            })
            .map_err(|p| AppError::invalid("name", Problem::Field(p)))?;
        let live = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(account.user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .count(db)
            .await?;
        if live >= MAX_LIVE_TOKENS {
            return Err(AppError::invalid("name", Problem::TooManyTokens));
        }
        let (token, hash) = new_token(API_TOKEN_PREFIX)?;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let row = api_token::ActiveModel {
            user_id: Set(account.user_id),
            name: Set(name.clone()),
            token_hash: Set(hash),
            prefix: Set(token.chars().take(API_TOKEN_PREFIX.len() + 6).collect()),
            created_at: Set(now),
            last_used_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(account.user_id),
            "api_token_created",
            ("api_token", row.id.into()),
            serde_json::json!({ "name": name }),
        )
        .await?;
        txn.commit().await?;
        Ok(NewApiToken { id: row.id, token })
    }

    pub async fn revoke_token(id: i32) -> Result<(), AppError> {
        let account = require_user()?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let done = api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(id))
            .filter(api_token::Column::UserId.eq(account.user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if done.rows_affected == 0 {
            // Someone else's token, or no such token: the same answer, so ids do not leak.
            return Err(AppError::NotFound);
        }
        audit(
            &txn,
            now,
            Some(account.user_id),
            "api_token_revoked",
            ("api_token", id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
