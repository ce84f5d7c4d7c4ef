//! Server-only half of authentication: password hashing, tokens, sessions and the principal of
//! each request.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use chrono::{DateTime, Utc};
use domain::roles::{self, Permission, RoleGrant, Scope};
use domain::session::SessionCheck;
use http::HeaderMap;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::db::entities::{api_token, role_grant, session, user};
use crate::db::{ServerState, Settings};
use crate::error::{internal, AppError};

pub const SESSION_COOKIE: &str = "sid";
pub const LANG_COOKIE: &str = "lang";
/// Prefix of personal API tokens, so a leaked one is recognisable in logs and scanners.
pub const API_TOKEN_PREFIX: &str = "stk_";

/// How the current request proved who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    Session { session_id: i32 },
    ApiToken { token_id: i32 },
}

/// A signed-in person, as resolved for one request.
#[derive(Clone, Debug)]
pub struct Account {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<i32>,
    pub must_change_password: bool,
    pub grants: Vec<RoleGrant>,
    pub method: AuthMethod,
}

impl Account {
    pub fn may(&self, permission: Permission, target: Scope) -> bool {
        roles::allows(&self.grants, permission, target)
    }

    /// Whether they hold `permission` where a record of `unit` (none: the department) is
    /// managed, not merely seen.
    pub fn manages(&self, permission: Permission, unit: Option<i32>) -> bool {
        roles::manages(
            &self.grants,
            permission,
            Scope::managed_by(unit.map(i64::from)),
        )
    }

    /// Whether they see the records of `unit` (none: the department's) with `permission`: the
    /// department's staff see every unit's, a unit's staff their own.
    pub fn oversees(&self, permission: Permission, unit: Option<i32>) -> bool {
        self.may(permission, Scope::managed_by(unit.map(i64::from)))
    }

    /// The managing units whose records they manage with `permission`.
    pub fn units(&self, permission: Permission) -> Vec<i32> {
        roles::managed_units(&self.grants, permission)
            .into_iter()
            .filter_map(|id| i32::try_from(id).ok())
            .collect()
    }
}

/// Who is asking: put into the Leptos context by the server for every page and server function.
#[derive(Clone, Debug, Default)]
pub enum Principal {
    #[default]
    Anonymous,
    User(Arc<Account>),
}

/// The client's address as the server saw it (or as a trusted proxy reported it).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

pub fn principal() -> Principal {
    leptos::prelude::use_context::<Principal>().unwrap_or_default()
}

/// The signed-in person, or `Unauthenticated`.
pub fn require_user() -> Result<Arc<Account>, AppError> {
    let account = signed_in()?;
    if account.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    Ok(account)
}

/// The signed-in person, even one who must still change a temporary password: for changing
/// it and for signing out, the only things such an account may do.
pub fn signed_in() -> Result<Arc<Account>, AppError> {
    match principal() {
        Principal::User(a) => Ok(a),
        Principal::Anonymous => Err(AppError::Unauthenticated),
    }
}

/// The signed-in person if they hold `permission` on `target`; `Forbidden` otherwise.
pub fn require(permission: Permission, target: Scope) -> Result<Arc<Account>, AppError> {
    let account = require_user()?;
    if account.may(permission, target) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in person if they hold `permission` where the record is managed: by the
/// department (`unit` none) or by that managing unit (`domain::roles::manages`). Someone who
/// holds it elsewhere only is `Forbidden`: the department sees a unit's tasks, never runs them.
pub fn manage(permission: Permission, unit: Option<i32>) -> Result<Arc<Account>, AppError> {
    let account = require_user()?;
    if account.manages(permission, unit) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in person if they hold `permission` for the department or for any managing
/// unit: for what both share (the expert database a council's members are chosen from).
pub fn require_somewhere(permission: Permission) -> Result<Arc<Account>, AppError> {
    let account = require_user()?;
    if account.may(permission, Scope::Global) || !account.units(permission).is_empty() {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn client_ip() -> String {
    leptos::prelude::use_context::<ClientIp>()
        .map(|c| c.0)
        .unwrap_or_else(|| "unknown".into())
}

pub fn sha256_hex(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A fresh random token (256 bits, URL-safe) and the hash stored for it.
pub fn new_token(prefix: &str) -> Result<(String, String), AppError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| internal(&e))?;
    let token = format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let hash = sha256_hex(&token);
    Ok((token, hash))
}

/// Hashes a password with argon2id off the async threads (it takes tens of milliseconds).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let mut salt_bytes = [0u8; 16];
        getrandom::getrandom(&mut salt_bytes).map_err(|e| internal(&e))?;
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| internal(&e))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| internal(&e))
    })
    .await
    .map_err(|e| internal(&e))?
}

pub async fn verify_password(hash: String, password: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| internal(&e))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| internal(&e))?
}

pub fn session_cookie(token: &str, settings: &Settings) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        settings.session.absolute_seconds,
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

pub fn clear_session_cookie(settings: &Settings) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// Adds a `Set-Cookie` header to the current response.
pub fn set_cookie(value: String) {
    if let (Some(opts), Ok(v)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        opts.append_header(http::header::SET_COOKIE, v);
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Resolves who sent a request: a personal API token in `Authorization: Bearer`, else the
/// session cookie. Anything expired, revoked or unknown is anonymous.
pub async fn resolve(
    state: &ServerState,
    headers: &HeaderMap,
    now: DateTime<Utc>,
) -> Result<Principal, AppError> {
    let db = &state.db;
    if let Some(token) = bearer(headers) {
        let Some(row) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(sha256_hex(token)))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(db)
            .await?
        else {
            return Ok(Principal::Anonymous);
        };
        let touch = row
            .last_used_at
            .is_none_or(|t| (now - t).num_seconds() >= state.settings.session.touch_every_seconds);
        if touch {
            api_token::Entity::update_many()
                .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
                .filter(api_token::Column::Id.eq(row.id))
                .exec(db)
                .await?;
        }
        return load_account(db, row.user_id, AuthMethod::ApiToken { token_id: row.id }).await;
    }
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(Principal::Anonymous);
    };
    let Some(row) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(sha256_hex(token)))
        .one(db)
        .await?
    else {
        return Ok(Principal::Anonymous);
    };
    match state.settings.session.check(
        row.created_at,
        row.last_seen_at,
        row.revoked_at.is_some(),
        now,
    ) {
        SessionCheck::Valid { touch } => {
            if touch {
                session::Entity::update_many()
                    .col_expr(session::Column::LastSeenAt, Expr::value(now))
                    .filter(session::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
            }
            load_account(db, row.user_id, AuthMethod::Session { session_id: row.id }).await
        }
        SessionCheck::IdleExpired | SessionCheck::AbsoluteExpired | SessionCheck::Revoked => {
            Ok(Principal::Anonymous)
        }
    }
}

async fn load_account(
    db: &impl ConnectionTrait,
    user_id: i32,
    method: AuthMethod,
) -> Result<Principal, AppError> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(Principal::Anonymous);
    };
    if !u.active {
        return Ok(Principal::Anonymous);
    }
    let grants = load_grants(db, user_id).await?;
    Ok(Principal::User(Arc::new(Account {
        user_id: u.id,
        email: u.email,
        display_name: u.display_name,
        organisation_id: u.organisation_id,
        must_change_password: u.must_change_password,
        grants,
        method,
    })))
}

pub async fn load_grants(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<RoleGrant>, AppError> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .iter()
        .filter_map(role_grant::Model::grant)
        .collect())
}

/// Creates a session for `user_id` and returns the cookie's token.
pub async fn start_session(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (token, hash) = new_token("")?;
    session::ActiveModel {
        token_hash: Set(hash),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The server's clock (see [`crate::db::Clock`]). Server functions read it once and pass `now`
/// down. Like `state()`, it fails when the request's context is gone (a server-rendered
/// resource read it after its first await) instead of quietly reading another clock.
pub fn now() -> Result<DateTime<Utc>, AppError> {
    leptos::prelude::use_context::<ServerState>()
        .map(|s| s.clock.now())
        .ok_or_else(|| {
            tracing::error!("ServerState missing from context when reading the clock");
            AppError::Internal
        })
}

/// Deletes what can no longer matter: sessions past their absolute expiry (or revoked that
/// long ago), failures outside the throttle window, spent or expired setup links and old
/// password-reset requests and sign-ins that never came back from the provider. Run periodically so these tables stay small.
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    use crate::db::entities::{login_failure, setup_token};
    let session_cutoff = now - chrono::Duration::seconds(settings.session.absolute_seconds);
    let mut purged = session::Entity::delete_many()
        .filter(session::Column::CreatedAt.lt(session_cutoff))
        .exec(db)
        .await?
        .rows_affected;
    purged += login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(settings.throttle.window_start(now)))
        .exec(db)
        .await?
        .rows_affected;
    purged += setup_token::Entity::delete_many()
        .filter(setup_token::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected;
    // Reset requests once expired and outside the throttle's hour count for nothing.
    purged += crate::db::entities::password_reset::Entity::delete_many()
        .filter(crate::db::entities::password_reset::Column::ExpiresAt.lt(now))
        .filter(
            crate::db::entities::password_reset::Column::CreatedAt
                .lt(settings.reset.window_start(now)),
        )
        .exec(db)
        .await?
        .rows_affected;
    purged += crate::db::entities::sign_on_attempt::Entity::delete_many()
        .filter(
            crate::db::entities::sign_on_attempt::Column::CreatedAt
                .lt(settings.sign_on_attempts.window_start(now)),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(purged)
}

/// Ends every way into the account that the old password opened: its sessions and its API
/// tokens, but for `keep` (the request changing the password, when it should stay signed in).
pub async fn end_sign_ins(
    txn: &impl ConnectionTrait,
    user_id: i32,
    keep: Option<AuthMethod>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut sessions = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(AuthMethod::Session { session_id }) = keep {
        sessions = sessions.filter(session::Column::Id.ne(session_id));
    }
    sessions.exec(txn).await?;
    let mut tokens = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null());
    if let Some(AuthMethod::ApiToken { token_id }) = keep {
        tokens = tokens.filter(api_token::Column::Id.ne(token_id));
    }
    tokens.exec(txn).await?;
    Ok(())
}
