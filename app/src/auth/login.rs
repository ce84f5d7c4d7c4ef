//! Signing in with a password (S): the same answer for an unknown account, a wrong password and
//! a disabled account; failures throttled per account and per address, each attempt reserved
//! before its password is checked so that parallel attempts count each other.

use super::api::Me;
use crate::auth::server::{
    client_ip, now, session_cookie, set_cookie, start_session, verify_password,
};
use crate::db::entities::{login_failure, user};
use crate::db::{state, ServerState};
use crate::error::{AppError, Problem};
use chrono::{DateTime, Utc};
use domain::account::{Email, FieldProblem};
use domain::rate_limit::{RecentFailures, ThrottleDecision};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Who is trying: the normalised address (whether or not an account has it, so the throttle
/// says nothing about which accounts exist) and the client's address.
struct Attempt {
    account_key: String,
    ip: String,
    now: DateTime<Utc>,
}

pub async fn login(email: String, password: String) -> Result<Me, AppError> {
    for (field, value) in [("email", email.trim()), ("password", password.as_str())] {
        if value.is_empty() {
            return Err(AppError::invalid(
                field,
                Problem::Field(FieldProblem::Required),
            ));
        }
    }
    let st = state()?;
    let attempt = Attempt {
        account_key: email.trim().to_lowercase().chars().take(254).collect(),
        ip: client_ip(),
        now: now()?,
    };
    reserve(&st, &attempt).await?;
    let Some(user) = verified(&st, &email, password).await? else {
        // The reservation stays: it is this failure's record.
        return Err(AppError::InvalidCredentials);
    };
    let db = &st.db;
    let txn = crate::db::begin(db).await?;
    // A success forgets the account's failures, this attempt's reservation with them.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::AccountKey.eq(&attempt.account_key))
        .exec(&txn)
        .await?;
    let token = start_session(&txn, user.id, attempt.now).await?;
    let grants = crate::auth::server::load_grants(&txn, user.id).await?;
    txn.commit().await?;
    set_cookie(session_cookie(&token, &st.settings));
    Ok(Me {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        grants,
        must_change_password: user.must_change_password,
    })
}

/// Writes the attempt down as a failure before anything is checked, then counts every other
/// failure in the window, parallel attempts' reservations included: over a limit, the attempt
/// is refused (and its reservation removed, a refusal not being a failure).
async fn reserve(st: &ServerState, a: &Attempt) -> Result<(), AppError> {
    let db = &st.db;
    let mine = login_failure::ActiveModel {
        account_key: Set(a.account_key.clone()),
        ip: Set(a.ip.clone()),
        at: Set(a.now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id;
    let throttle = st.settings.throttle;
    let since = throttle.window_start(a.now);
    let others = || {
        login_failure::Entity::find()
            .filter(login_failure::Column::At.gte(since))
            .filter(login_failure::Column::Id.ne(mine))
    };
    let account = others()
        .filter(login_failure::Column::AccountKey.eq(&a.account_key))
        .count(db)
        .await?;
    let ip = others()
        .filter(login_failure::Column::Ip.eq(&a.ip))
        .count(db)
        .await?;
    let recent = RecentFailures {
        account: u32::try_from(account).unwrap_or(u32::MAX),
        ip: u32::try_from(ip).unwrap_or(u32::MAX),
        oldest_at: oldest(db, a, since, mine).await?,
    };
    if let ThrottleDecision::Refuse {
        retry_after_seconds,
    } = throttle.decide(recent, a.now)
    {
        login_failure::Entity::delete_by_id(mine).exec(db).await?;
        tracing::warn!(ip = %a.ip, "sign-in throttled");
        return Err(AppError::RateLimited {
            retry_after_seconds,
        });
    }
    Ok(())
}

/// The oldest failure in the window for this account or address: when the wait ends.
async fn oldest(
    db: &impl ConnectionTrait,
    a: &Attempt,
    since: DateTime<Utc>,
    mine: i32,
) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(login_failure::Entity::find()
        .filter(
            login_failure::Column::AccountKey
                .eq(&a.account_key)
                .or(login_failure::Column::Ip.eq(&a.ip)),
        )
        .filter(login_failure::Column::At.gte(since))
        .filter(login_failure::Column::Id.ne(mine))
        .order_by_asc(login_failure::Column::At)
        .one(db)
        .await?
        .map(|f| f.at))
}

/// The active account whose password this is; `None` for an unknown account, a wrong password
/// or a disabled account alike, after the same work (a dummy hash when there is no account).
async fn verified(
    st: &ServerState,
    email: &str,
    password: String,
) -> Result<Option<user::Model>, AppError> {
    let found = match Email::parse(email) {
        Ok(e) => {
            user::Entity::find()
                .filter(user::Column::Email.eq(e.as_str()))
                .one(&st.db)
                .await?
        }
        Err(_) => None,
    };
    let hash = found
        .as_ref()
        .map_or_else(|| st.dummy_hash.to_string(), |u| u.password_hash.clone());
    let password_ok = verify_password(hash, password).await?;
    Ok(found.filter(|u| password_ok && u.active))
}
