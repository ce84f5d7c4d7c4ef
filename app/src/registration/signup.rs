//! A researcher registering themselves (docs/registration.md): the address is confirmed by a
//! link before any account exists; the answer never says whether the address had one.

use chrono::{DateTime, Utc};
use domain::account::{parse_name, Email};
use domain::mail::{compose, link_usable, Mail};
use domain::roles::{Role, Scope};
use domain::Lang;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::auth::server::{client_ip, hash_password, new_token, now, sha256_hex};
use crate::db::entities::{registration, role_grant, user};
use crate::db::{state, ServerState};
use crate::error::{AppError, Problem};
use crate::kit::{audit, taken};

/// Records the registration and writes its mail in one transaction: a confirmation link when
/// the address is free, a note to the owner when it already has an account. The password is
/// hashed in both cases, so the time taken tells nothing either.
pub async fn register(
    display_name: String,
    email: String,
    password: String,
    repeat: String,
    lang: Lang,
) -> Result<(), AppError> {
    let name = parse_name(&display_name)
        .map_err(|p| AppError::invalid("display_name", Problem::Field(p)))?;
    let email = Email::parse(&email).map_err(|p| AppError::invalid("email", Problem::Field(p)))?;
    let st = state()?;
    st.settings
        .password
        .check(&password, email.as_str())
        .map_err(|p| AppError::invalid("password", Problem::Password(p)))?;
    if password != repeat {
        return Err(AppError::invalid("repeat", Problem::PasswordsDiffer));
    }
    let now = now()?;
    let ip = client_ip();
    throttle(&st, email.as_str(), &ip, now).await?;
    let hash = hash_password(password).await?;
    let owner = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&st.db)
        .await?;
    let policy = st.settings.confirmation;
    let base = st.settings.public_url.trim_end_matches('/');
    let mut row = registration::ActiveModel {
        email_key: Set(email.as_str().into()),
        ip: Set(ip),
        display_name: Set(name.clone()),
        lang: Set(lang.code().into()),
        created_at: Set(now),
        expires_at: Set(policy.expires_at(now)),
        ..Default::default()
    };
    let mail = match &owner {
        Some(u) => already_registered_mail(u, &format!("{base}/forgot-password"))?,
        None => {
            let (token, token_hash) = new_token("")?;
            row.password_hash = Set(Some(hash));
            row.token_hash = Set(Some(token_hash));
            let link = format!("{base}/confirm-email?token={token}");
            confirm_mail(&name, email.as_str(), &link, policy.link_minutes / 60, lang)?
        }
    };
    let txn = crate::db::begin(&st.db).await?;
    crate::kit::outbox::enqueue(&txn, &mail, now).await?;
    row.insert(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Over the hour's limit for this address or this client: refused (429) before anything is
/// looked up.
async fn throttle(
    st: &ServerState,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let cols = crate::kit::throttle::Kept {
        created_at: registration::Column::CreatedAt,
        address: registration::Column::EmailKey,
        ip: registration::Column::Ip,
    };
    crate::kit::throttle::per_address_and_client::<registration::Entity>(
        &st.db,
        st.settings.confirmation,
        cols,
        (email, ip),
        now,
        "registration",
    )
    .await
}

/// The person's language first, the other after it.
fn in_order(lang: Lang, vi: String, en: String) -> [String; 2] {
    match lang {
        Lang::Vi => [vi, en],
        Lang::En => [en, vi],
    }
}

fn confirm_mail(
    name: &str,
    email: &str,
    link: &str,
    hours: i64,
    lang: Lang,
) -> Result<Mail, AppError> {
    let [first, second] = in_order(
        lang,
        format!(
            "Kính gửi {name}, địa chỉ {email} vừa được dùng để đăng ký tài khoản trên Hệ thống \
             quản lý nhiệm vụ KH&CN. Mở liên kết dưới đây trong {hours} giờ để xác nhận địa chỉ \
             và kích hoạt tài khoản. Nếu không phải bạn đăng ký, hãy bỏ qua thư này."
        ),
        format!(
            "Dear {name}, {email} was just used to register on the S&T task management system. \
             Open the link below within {hours} hours to confirm the address and activate the \
             account. If it was not you, ignore this mail."
        ),
    );
    compose(
        email,
        name,
        "Xác nhận đăng ký / Confirm your registration",
        &[first, second],
        link,
    )
    .map_err(|_| AppError::invalid("email", Problem::ConfirmLinkInvalid))
}

fn already_registered_mail(u: &user::Model, link: &str) -> Result<Mail, AppError> {
    let [first, second] = in_order(
        Lang::from_code(&u.lang),
        format!(
            "Kính gửi {}, có người vừa đăng ký tài khoản mới bằng địa chỉ {}, nhưng địa chỉ này \
             đã có tài khoản. Nếu là bạn và bạn quên mật khẩu, hãy đặt lại mật khẩu bằng liên \
             kết dưới đây; nếu không, hãy bỏ qua thư này.",
            u.display_name, u.email
        ),
        format!(
            "Dear {}, someone just registered a new account with {}, which already has one. If \
             it was you and you forgot your password, reset it from the link below; otherwise \
             ignore this mail.",
            u.display_name, u.email
        ),
    );
    compose(
        &u.email,
        &u.display_name,
        "Địa chỉ đã có tài khoản / This address already has an account",
        &[first, second],
        link,
    )
    .map_err(|_| AppError::invalid("email", Problem::ConfirmLinkInvalid))
}

/// Creates the account from a confirmation link: a researcher (global grant) who signs in with
/// the password chosen at registration and may apply at once. The link is spent in the same transaction; a second
/// use, or a second registration of an address confirmed meanwhile, is refused at `token`.
pub async fn confirm(token: String) -> Result<(), AppError> {
    let st = state()?;
    let now = now()?;
    let invalid = || AppError::invalid("token", Problem::ConfirmLinkInvalid);
    let found = registration::Entity::find()
        .filter(registration::Column::TokenHash.eq(sha256_hex(token.trim())))
        .one(&st.db)
        .await?
        .ok_or_else(invalid)?;
    let hash = found.password_hash.clone().ok_or_else(invalid)?;
    if !link_usable(found.expires_at, found.used_at.is_some(), true, now) {
        return Err(invalid());
    }
    let txn = crate::db::begin(&st.db).await?;
    let spent = registration::Entity::update_many()
        .col_expr(registration::Column::UsedAt, Expr::value(now))
        .filter(registration::Column::Id.eq(found.id))
        .filter(registration::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(invalid());
    }
    let person = user::ActiveModel {
        email: Set(found.email_key.clone()),
        display_name: Set(found.display_name.clone()),
        password_hash: Set(hash),
        organisation_id: Set(None),
        active: Set(true),
        must_change_password: Set(false),
        created_at: Set(now),
        password_changed_at: Set(now),
        lang: Set(Lang::from_code(&found.lang).code().into()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, "token", Problem::EmailTaken))?;
    let scope = Scope::Global;
    role_grant::ActiveModel {
        user_id: Set(person.id),
        role: Set(Role::Researcher.code().into()),
        scope_kind: Set(scope.kind().code().into()),
        scope_id: Set(0),
        granted_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    registration::Entity::update_many()
        .col_expr(registration::Column::UserId, Expr::value(person.id))
        .filter(registration::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    audit(
        &txn,
        now,
        Some(person.id),
        "user_registered",
        ("user", person.id.into()),
        serde_json::json!({ "email": person.email, "role": Role::Researcher }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
