//! Single sign-on's records (docs/sign-on.md). The protocol — discovery, the authorisation
//! request with PKCE, the code exchange and the ID token's verification — runs in the server
//! crate (`server/src/sign_on.rs`); here are the sign-ins on their way through the provider
//! and the accounts a verified identity signs in to (`domain::sign_on::decide`).

use chrono::{DateTime, Utc};
use domain::roles::{Role, Scope};
use domain::sign_on::{decide, AttemptPolicy, Identity, Known, Outcome, Problem};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use crate::auth::server::{hash_password, new_token, sha256_hex, start_session};
use crate::db::entities::{role_grant, sign_on_attempt, user, user_identity};
use crate::error::AppError;
use crate::kit::audit;

/// A sign-in leaving for the provider: what must come back with it.
pub struct Leaving<'a> {
    pub state: &'a str,
    pub verifier: &'a str,
    pub nonce: &'a str,
    pub next: &'a str,
    pub ip: &'a str,
}

/// Keeps the sign-in until it comes back; `false` (nothing kept) when the address has started
/// as many as the policy allows in its window.
pub async fn remember(
    db: &DatabaseConnection,
    leaving: Leaving<'_>,
    policy: AttemptPolicy,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let recent = sign_on_attempt::Entity::find()
        .filter(sign_on_attempt::Column::Ip.eq(leaving.ip))
        .filter(sign_on_attempt::Column::CreatedAt.gt(policy.window_start(now)))
        .count(db)
        .await?;
    if !policy.may_start(recent) {
        tracing::warn!(ip = %leaving.ip, "single sign-on throttled");
        return Ok(false);
    }
    sign_on_attempt::ActiveModel {
        state_hash: Set(sha256_hex(leaving.state)),
        verifier: Set(leaving.verifier.into()),
        nonce: Set(leaving.nonce.into()),
        next_path: Set(leaving.next.chars().take(500).collect()),
        ip: Set(leaving.ip.chars().take(64).collect()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// A sign-in back from the provider.
pub struct Returned {
    pub verifier: String,
    pub nonce: String,
    pub next: String,
}

/// The sign-in `state` names, taken once: deleted as it is read, so a second return with the
/// same state (a replay, a double click) finds nothing. Expired ones are refused too.
pub async fn take(
    db: &DatabaseConnection,
    state: &str,
    policy: AttemptPolicy,
    now: DateTime<Utc>,
) -> Result<Option<Returned>, AppError> {
    let Some(found) = sign_on_attempt::Entity::find()
        .filter(sign_on_attempt::Column::StateHash.eq(sha256_hex(state)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let deleted = sign_on_attempt::Entity::delete_by_id(found.id)
        .exec(db)
        .await?
        .rows_affected;
    Ok(
        (deleted == 1 && policy.usable(found.created_at, now)).then_some(Returned {
            verifier: found.verifier,
            nonce: found.nonce,
            next: found.next_path,
        }),
    )
}

/// Signs `identity` (verified by the server) in: to the account it is linked to, else to the
/// account of its verified address (linking it), else to a new researcher's account. Answers
/// the new session's token, or why not. The writes are one transaction; the unique indexes
/// (one account an address, one link an identity and one an account) refuse a parallel twin.
pub async fn sign_in(
    db: &DatabaseConnection,
    issuer: &str,
    identity: &Identity,
    now: DateTime<Utc>,
) -> Result<Result<String, Problem>, AppError> {
    let linked = linked_account(db, issuer, &identity.subject).await?;
    let by_email = match (&linked, identity.email.as_deref()) {
        (None, Some(email)) => account_by_address(db, issuer, email).await?,
        _ => None,
    };
    let outcome = decide(identity, linked, by_email);
    // Hashed before the transaction: argon2 takes tens of milliseconds.
    let unknown_password = match &outcome {
        Outcome::Create { .. } => Some(hash_password(new_token("")?.0).await?),
        _ => None,
    };
    let txn = crate::db::begin(db).await?;
    let user_id = match outcome {
        Outcome::Refuse(problem) => return Ok(Err(problem)),
        Outcome::SignIn { user_id } => user_id,
        Outcome::Link { user_id } => {
            link(&txn, issuer, identity, user_id, now).await?;
            let detail = serde_json::json!({ "issuer": issuer, "subject": identity.subject });
            audit(
                &txn,
                now,
                Some(user_id),
                "sign_on_linked",
                ("user", user_id.into()),
                detail,
            )
            .await?;
            user_id
        }
        Outcome::Create {
            email,
            display_name,
        } => {
            let hash = unknown_password.unwrap_or_default();
            let user_id = create(&txn, email.as_str(), &display_name, hash, now).await?;
            link(&txn, issuer, identity, user_id, now).await?;
            let detail = serde_json::json!({
                "email": email.as_str(), "role": Role::Researcher, "issuer": issuer,
            });
            audit(
                &txn,
                now,
                Some(user_id),
                "user_registered",
                ("user", user_id.into()),
                detail,
            )
            .await?;
            user_id
        }
    };
    let token = start_session(&txn, user_id, now).await?;
    txn.commit().await?;
    Ok(Ok(token))
}

async fn linked_account(
    db: &impl ConnectionTrait,
    issuer: &str,
    subject: &str,
) -> Result<Option<Known>, AppError> {
    let Some(link) = user_identity::Entity::find()
        .filter(user_identity::Column::Issuer.eq(issuer))
        .filter(user_identity::Column::Subject.eq(subject))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = user::Entity::find_by_id(link.user_id).one(db).await?;
    Ok(account.map(|u| Known {
        user_id: u.id,
        active: u.active,
        linked_elsewhere: false,
    }))
}

/// The account holding `email` (normalised), and whether another identity of this provider
/// is linked to it already.
async fn account_by_address(
    db: &impl ConnectionTrait,
    issuer: &str,
    email: &str,
) -> Result<Option<Known>, AppError> {
    let Ok(email) = domain::account::Email::parse(email) else {
        return Ok(None);
    };
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let links = user_identity::Entity::find()
        .filter(user_identity::Column::UserId.eq(u.id))
        .filter(user_identity::Column::Issuer.eq(issuer))
        .count(db)
        .await?;
    Ok(Some(Known {
        user_id: u.id,
        active: u.active,
        linked_elsewhere: links > 0,
    }))
}

async fn link(
    db: &impl ConnectionTrait,
    issuer: &str,
    identity: &Identity,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    user_identity::ActiveModel {
        user_id: Set(user_id),
        issuer: Set(issuer.into()),
        subject: Set(identity.subject.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A researcher's account (global grant) with a password nobody knows: the person signs in
/// through the provider, or sets a password by the reset link to sign in without it.
async fn create(
    db: &impl ConnectionTrait,
    email: &str,
    display_name: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let person = user::ActiveModel {
        email: Set(email.into()),
        display_name: Set(display_name.into()),
        password_hash: Set(password_hash),
        organisation_id: Set(None),
        active: Set(true),
        must_change_password: Set(false),
        created_at: Set(now),
        password_changed_at: Set(now),
        lang: Set(domain::Lang::Vi.code().into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    role_grant::ActiveModel {
        user_id: Set(person.id),
        role: Set(Role::Researcher.code().into()),
        scope_kind: Set(Scope::Global.kind().code().into()),
        scope_id: Set(0),
        granted_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(person.id)
}
