//! Bodies of the letters' server functions: the call's officers only (its managing unit's, or
//! the department's), every letter written with its mail in one transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use domain::format::format_date;
use domain::letter::{check, fill};
use domain::lifecycle::ApplicationState;
use domain::mail::{compose, Mail};
use domain::paging::page_and_offset;
use domain::roles::Permission;
use domain::Lang;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::api::{LetterView, LETTERS_PER_PAGE};
use crate::db::entities::{application, application_decision, call, letter, user};
use crate::error::{AppError, Problem};
use crate::kit::{audit, manage, now, require_user, state, Account};
use crate::list::{count_rows, Page};

/// The call, if the signed-in person runs it.
async fn managed_call(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(std::sync::Arc<Account>, call::Model), AppError> {
    require_user()?;
    let c = call::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = manage(Permission::ManageCalls, c.managing_unit_id)?;
    Ok((me, c))
}

/// The mail of a letter: its paragraphs as written, the link to the dossier.
fn mail_of(l: &letter::Model, name: &str, base: &str) -> Result<Mail, AppError> {
    let paragraphs: Vec<String> = l
        .body
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let link = format!(
        "{}/applications/{}",
        base.trim_end_matches('/'),
        l.application_id
    );
    compose(&l.to_address, name, &l.subject, &paragraphs, &link).map_err(|_| {
        AppError::invalid(
            "subject",
            Problem::Letter(domain::letter::LetterProblem::NewLine),
        )
    })
}

pub async fn send(call_id: i32, subject: String, body: String) -> Result<u32, AppError> {
    require_user()?;
    check(&subject, &body).map_err(|problems| {
        let (field, p) = problems[0].clone();
        AppError::invalid(field, Problem::Letter(p))
    })?;
    let st = state()?;
    let now = now()?;
    let txn = crate::db::begin(&st.db).await?;
    let (me, c) = managed_call(&txn, call_id).await?;
    let sent_states = [
        ApplicationState::Draft.code(),
        ApplicationState::Withdrawn.code(),
    ];
    let dossiers = application::Entity::find()
        .filter(application::Column::CallId.eq(c.id))
        .filter(application::Column::Status.is_not_in(sent_states))
        .order_by_asc(application::Column::Id)
        .all(&txn)
        .await?;
    if dossiers.is_empty() {
        return Err(AppError::invalid("call_id", Problem::NoApplicants));
    }
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(dossiers.iter().map(|a| a.applicant_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let reasons = latest_reasons(&txn, &dossiers).await?;
    for a in &dossiers {
        let Some(person) = people.get(&a.applicant_id) else {
            continue;
        };
        let values = values_of(a, &c, person, reasons.get(&a.id), now);
        let row = letter::ActiveModel {
            call_id: Set(c.id),
            application_id: Set(a.id),
            user_id: Set(person.id),
            to_address: Set(person.email.clone()),
            subject: Set(fill(&subject, &values)
                .map_err(|p| AppError::invalid("subject", Problem::Letter(p)))?),
            body: Set(
                fill(&body, &values).map_err(|p| AppError::invalid("body", Problem::Letter(p)))?
            ),
            sent_by: Set(me.user_id),
            sent_at: Set(now),
            resent: Set(0),
            last_sent_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mail = mail_of(&row, &person.display_name, &st.settings.public_url)?;
        crate::kit::outbox::enqueue(&txn, &mail, now).await?;
    }
    let count = u32::try_from(dossiers.len()).unwrap_or(u32::MAX);
    audit(
        &txn,
        now,
        Some(me.user_id),
        "letters_sent",
        ("call", c.id.into()),
        serde_json::json!({ "count": count, "subject": subject }),
    )
    .await?;
    txn.commit().await?;
    Ok(count)
}

/// The reasons of each dossier's latest decision, in one query.
async fn latest_reasons(
    db: &impl ConnectionTrait,
    dossiers: &[application::Model],
) -> Result<HashMap<i32, String>, AppError> {
    let rows = application_decision::Entity::find()
        .filter(application_decision::Column::ApplicationId.is_in(dossiers.iter().map(|a| a.id)))
        .order_by_asc(application_decision::Column::DecidedAt)
        .order_by_asc(application_decision::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|d| (d.application_id, d.reasons))
        .collect())
}

fn values_of(
    a: &application::Model,
    c: &call::Model,
    person: &user::Model,
    reasons: Option<&String>,
    now: DateTime<Utc>,
) -> BTreeMap<&'static str, String> {
    let state = ApplicationState::label_of_code(&a.status, Lang::Vi).unwrap_or_default();
    BTreeMap::from([
        ("ho_ten", person.display_name.clone()),
        ("ten_ho_so", a.title.clone()),
        ("ma_ho_so", a.id.to_string()),
        ("ten_dot", c.title.clone()),
        ("ma_dot", c.code.clone()),
        ("ket_qua", state.to_lowercase()),
        ("ly_do", reasons.cloned().unwrap_or_default()),
        ("ngay", format_date(now)),
    ])
}

pub async fn list(call_id: i32, page: u64) -> Result<Page<LetterView>, AppError> {
    let db = &state()?.db;
    let (_, c) = managed_call(db, call_id).await?;
    let select = letter::Entity::find().filter(letter::Column::CallId.eq(c.id));
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, LETTERS_PER_PAGE);
    let rows = select
        .order_by_desc(letter::Column::SentAt)
        .order_by_desc(letter::Column::Id)
        .offset(offset)
        .limit(LETTERS_PER_PAGE)
        .all(db)
        .await?;
    let names = crate::kit::display_names(db, rows.iter().map(|l| l.user_id).collect()).await?;
    let items = rows
        .into_iter()
        .map(|l| LetterView {
            id: l.id,
            application_id: l.application_id,
            person: names.get(&l.user_id).cloned().unwrap_or_default(),
            to_address: l.to_address,
            subject: l.subject,
            body: l.body,
            sent_at: l.sent_at,
            resent: l.resent,
            last_sent_at: l.last_sent_at,
        })
        .collect();
    Ok(Page::new(items, page, LETTERS_PER_PAGE, total))
}

pub async fn resend(id: i32) -> Result<(), AppError> {
    require_user()?;
    let st = state()?;
    let now = now()?;
    let txn = crate::db::begin(&st.db).await?;
    let l = letter::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let (me, _) = managed_call(&txn, l.call_id).await?;
    let person = user::Entity::find_by_id(l.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mail = mail_of(&l, &person.display_name, &st.settings.public_url)?;
    crate::kit::outbox::enqueue(&txn, &mail, now).await?;
    letter::Entity::update_many()
        .col_expr(
            letter::Column::Resent,
            Expr::col(letter::Column::Resent).add(1),
        )
        .col_expr(letter::Column::LastSentAt, Expr::value(now))
        .filter(letter::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "letter_resent",
        ("letter", id.into()),
        serde_json::json!({ "to": l.to_address }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
