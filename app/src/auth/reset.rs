//! A forgotten password (docs/notifications.md): a link by e-mail, single use, expiring, its
//! token stored hashed; the same answer whether the address has an account or not; requests
//! throttled per address and per client. Setting the new password ends every session and
//! revokes every API token of the account.

use chrono::{DateTime, Utc};
use domain::account::Email;
use domain::mail::{compose, link_usable};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::auth::server::{client_ip, hash_password, new_token, now, sha256_hex};
use crate::db::entities::{password_reset, user};
use crate::db::{state, ServerState};
use crate::error::{AppError, Problem};
use crate::kit::audit;

/// Records the request and, when an active account has the address, writes its mail to the
/// outbox in the same transaction. Answers the same in both cases.
pub async fn request_reset(email: String) -> Result<(), AppError> {
    let email = Email::parse(&email).map_err(|p| AppError::invalid("email", Problem::Field(p)))?;
    let st = state()?;
    let now = now()?;
    let ip = client_ip();
    throttle(&st, email.as_str(), &ip, now).await?;
    let policy = st.settings.reset;
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Active.eq(true))
        .one(&st.db)
        .await?;
    let txn = crate::db::begin(&st.db).await?;
    let mut row = password_reset::ActiveModel {
        email_key: Set(email.as_str().into()),
        ip: Set(ip),
        created_at: Set(now),
        expires_at: Set(policy.expires_at(now)),
        ..Default::default()
    };
    if let Some(u) = &account {
        let (token, hash) = new_token("")?;
        row.user_id = Set(Some(u.id));
        row.token_hash = Set(Some(hash));
        let link = format!(
            "{}/reset-password?token={token}",
            st.settings.public_url.trim_end_matches('/')
        );
        let mail = reset_mail(u, &link, policy.link_minutes)?;
        crate::kit::outbox::enqueue(&txn, &mail, now).await?;
    }
    row.insert(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Over the hour's limit for this address or this client: refused (429) before anything is
/// looked up, so the refusal says nothing about which addresses have accounts.
async fn throttle(
    st: &ServerState,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let cols = crate::kit::throttle::Kept {
        created_at: password_reset::Column::CreatedAt,
        address: password_reset::Column::EmailKey,
        ip: password_reset::Column::Ip,
    };
    crate::kit::throttle::per_address_and_client::<password_reset::Entity>(
        &st.db,
        st.settings.reset,
        cols,
        (email, ip),
        now,
        "password reset",
    )
    .await
}

fn reset_mail(u: &user::Model, link: &str, minutes: i64) -> Result<domain::mail::Mail, AppError> {
    let paragraphs = [
        format!("Kính gửi {},", u.display_name),
        format!(
            "Có yêu cầu đặt lại mật khẩu cho tài khoản {} trên Hệ thống quản lý nhiệm vụ KH&CN. \
             Mở liên kết dưới đây trong {minutes} phút để đặt mật khẩu mới; liên kết chỉ dùng được \
             một lần. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không đổi.",
            u.email
        ),
        format!(
            "Someone asked to reset the password of {} on the S&T task management system. Open \
             the link below within {minutes} minutes to choose a new one; it works once. If it \
             was not you, ignore this mail: your password stays as it is.",
            u.email
        ),
    ];
    compose(
        &u.email,
        &u.display_name,
        "Đặt lại mật khẩu / Reset your password",
        &paragraphs,
        link,
    )
    .map_err(|_| AppError::invalid("email", Problem::ResetLinkInvalid))
}

/// Sets the new password from a link's token: the link is spent, every session ended and every
/// API token revoked, in one transaction.
pub async fn reset_password(
    token: String,
    new_password: String,
    repeat: String,
) -> Result<(), AppError> {
    let st = state()?;
    let now = now()?;
    let invalid = || AppError::invalid("token", Problem::ResetLinkInvalid);
    let found = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(sha256_hex(token.trim())))
        .one(&st.db)
        .await?
        .ok_or_else(invalid)?;
    let u = match found.user_id {
        Some(id) => user::Entity::find_by_id(id).one(&st.db).await?,
        None => None,
    }
    .ok_or_else(invalid)?;
    if !link_usable(found.expires_at, found.used_at.is_some(), u.active, now) {
        return Err(invalid());
    }
    st.settings
        .password
        .check(&new_password, &u.email)
        .map_err(|p| AppError::invalid("new_password", Problem::Password(p)))?;
    if new_password != repeat {
        return Err(AppError::invalid("repeat", Problem::PasswordsDiffer));
    }
    let hash = hash_password(new_password).await?;
    let txn = crate::db::begin(&st.db).await?;
    // Spent: this link, and any other still open for the account. A second use of the same
    // link in parallel finds nothing left to spend and is refused.
    let spent = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(found.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(invalid());
    }
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(u.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    set_password(&txn, u.id, hash, now).await?;
    audit(
        &txn,
        now,
        Some(u.id),
        "password_reset",
        ("user", u.id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The new password, and every way in with the old one closed: sessions and API tokens.
async fn set_password(
    txn: &impl ConnectionTrait,
    user_id: i32,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::MustChangePassword, Expr::value(false))
        .col_expr(user::Column::PasswordChangedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    crate::auth::server::end_sign_ins(txn, user_id, None, now).await
}
