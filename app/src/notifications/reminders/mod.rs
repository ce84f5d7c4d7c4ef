//! Reminders before deadlines (docs/notifications.md, "Reminders"), run by the server's mail
//! worker: each pass asks the database for the deadlines inside the rulebook's lead times
//! (`domain::reminder`), and notifies the people concerned of each reminder not yet sent. The
//! unique index on `reminders_sent` makes each sent once, whichever instance gets there first.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use domain::call::{CallStatus, TaskLevel};
use domain::contract::{ContractStatus, PaymentStatus};
use domain::format::format_datetime;
use domain::lifecycle::ApplicationState;
use domain::reminder::{stage, ReminderKind, ReminderRules};
use domain::roles::Role;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::db::entities::{application, call, closeout, contract, payment, reminder_sent};
use crate::error::AppError;
use crate::kit::notify::{holders, notify_at};

mod councils;

/// Deadlines looked at per kind and pass: the oldest first, the rest at the next pass.
pub(super) const PER_KIND: u64 = 500;

/// One reminder due: what about, to whom, and what the notification says and links to.
pub(super) struct Due {
    kind: ReminderKind,
    subject: i64,
    moment: DateTime<Utc>,
    stage: u32,
    people: Vec<i32>,
    name: String,
    link: String,
}

/// Notifies every reminder due at `now` and not yet sent; answers how many were sent.
pub async fn send_reminders(
    db: &DatabaseConnection,
    base: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let rules = crate::db::rulebooks::latest_for(db, TaskLevel::Provincial, None, None)
        .await?
        .content
        .0
        .reminders;
    let mut due = calls_closing(db, &rules, now).await?;
    due.extend(corrections(db, &rules, now).await?);
    for kind in [ReminderKind::ReportDue, ReminderKind::ReportOverdue] {
        due.extend(reports(db, &rules, kind, now).await?);
    }
    due.extend(payments(db, &rules, now).await?);
    due.extend(settlements(db, &rules, now).await?);
    due.extend(councils::sheets_owed(db, &rules, now).await?);
    due.extend(councils::ballots_owed(db, &rules, now).await?);
    let due = not_yet_sent(db, due).await?;
    let mut sent = 0;
    for d in due {
        if send(db, d, base, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Drops the reminders already in `reminders_sent`, in one query per kind.
async fn not_yet_sent(db: &DatabaseConnection, due: Vec<Due>) -> Result<Vec<Due>, AppError> {
    let mut by_kind: HashMap<&'static str, Vec<i64>> = HashMap::new();
    for d in &due {
        by_kind.entry(d.kind.code()).or_default().push(d.subject);
    }
    let mut sent = HashSet::new();
    for (kind, subjects) in by_kind {
        let rows = reminder_sent::Entity::find()
            .filter(reminder_sent::Column::Kind.eq(kind))
            .filter(reminder_sent::Column::SubjectId.is_in(subjects))
            .all(db)
            .await?;
        for r in rows {
            sent.insert((r.kind, r.subject_id, r.moment, r.stage));
        }
    }
    Ok(due
        .into_iter()
        .filter(|d| {
            let stage = i32::try_from(d.stage).unwrap_or(i32::MAX);
            !sent.contains(&(d.kind.code().to_string(), d.subject, d.moment, stage))
        })
        .collect())
}

/// Records the reminder and notifies its people in one transaction; another instance that
/// recorded it first wins, and this one sends nothing.
async fn send(
    db: &DatabaseConnection,
    d: Due,
    base: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = crate::db::begin(db).await?;
    let row = reminder_sent::ActiveModel {
        kind: Set(d.kind.code().into()),
        subject_id: Set(d.subject),
        moment: Set(d.moment),
        stage: Set(i32::try_from(d.stage).unwrap_or(i32::MAX)),
        sent_at: Set(now),
        ..Default::default()
    };
    let key = [
        reminder_sent::Column::Kind,
        reminder_sent::Column::SubjectId,
        reminder_sent::Column::Moment,
        reminder_sent::Column::Stage,
    ];
    let inserted = reminder_sent::Entity::insert(row)
        .on_conflict(OnConflict::columns(key).do_nothing().to_owned())
        .exec_without_returning(&txn)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let notice = domain::notice::reminder(d.kind, &d.name, &format_datetime(d.moment), d.link);
    notify_at(&txn, &d.people, &notice, now, base).await?;
    txn.commit().await?;
    Ok(true)
}

pub(super) fn due(
    kind: ReminderKind,
    rules: &ReminderRules,
    now: DateTime<Utc>,
    subject: i32,
    moment: DateTime<Utc>,
) -> Option<(ReminderKind, i64, DateTime<Utc>, u32)> {
    stage(kind, rules, moment, now).map(|s| (kind, i64::from(subject), moment, s))
}

/// Researchers whose dossier on a call closing within the lead is still a draft.
async fn calls_closing(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::CallClosing;
    let (from, to) = kind.window(rules, now);
    let calls = call::Entity::find()
        .filter(call::Column::Status.eq(CallStatus::Published.code()))
        .filter(call::Column::ClosesAt.gt(from))
        .filter(call::Column::ClosesAt.lte(to))
        .limit(PER_KIND)
        .all(db)
        .await?;
    let by_id: HashMap<i32, &call::Model> = calls.iter().map(|c| (c.id, c)).collect();
    let drafts = application::Entity::find()
        .filter(application::Column::CallId.is_in(by_id.keys().copied()))
        .filter(application::Column::Status.eq(ApplicationState::Draft.code()))
        .limit(PER_KIND)
        .all(db)
        .await?;
    Ok(drafts
        .into_iter()
        .filter_map(|a| {
            let c = by_id.get(&a.call_id)?;
            let (kind, subject, moment, stage) = due(kind, rules, now, a.id, c.closes_at)?;
            Some(Due {
                kind,
                subject,
                moment,
                stage,
                people: vec![a.applicant_id],
                name: c.title.clone(),
                link: format!("/applications/{}", a.id),
            })
        })
        .collect())
}

/// Researchers of returned dossiers whose correction deadline is within the lead.
async fn corrections(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::CorrectionDue;
    let (from, to) = kind.window(rules, now);
    let returned = application::Entity::find()
        .filter(application::Column::Status.eq(ApplicationState::RETURNED_CODE))
        .filter(application::Column::CorrectionDeadline.gt(from))
        .filter(application::Column::CorrectionDeadline.lte(to))
        .limit(PER_KIND)
        .all(db)
        .await?;
    Ok(returned
        .into_iter()
        .filter_map(|a| {
            let (kind, subject, moment, stage) =
                due(kind, rules, now, a.id, a.correction_deadline?)?;
            Some(Due {
                kind,
                subject,
                moment,
                stage,
                people: vec![a.applicant_id],
                name: a.title.clone(),
                link: format!("/applications/{}", a.id),
            })
        })
        .collect())
}

/// The leaders of running tasks: a report coming due, or one overdue.
async fn reports(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    kind: ReminderKind,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let (from, to) = kind.window(rules, now);
    let running = contract::Entity::find()
        .filter(contract::Column::Status.eq(ContractStatus::Active.code()))
        .filter(contract::Column::NextReportDueAt.gte(from))
        .filter(contract::Column::NextReportDueAt.lte(to))
        .limit(PER_KIND)
        .all(db)
        .await?;
    let leaders = leaders_of(db, &running).await?;
    Ok(running
        .into_iter()
        .filter_map(|c| {
            let (kind, subject, moment, stage) =
                due(kind, rules, now, c.id, c.next_report_due_at?)?;
            let leader = *leaders.get(&c.application_id)?;
            Some(Due {
                kind,
                subject,
                moment,
                stage,
                people: vec![leader],
                name: c.title.clone(),
                link: format!("/contracts/{}", c.id),
            })
        })
        .collect())
}

/// Each contract's dossier's researcher (the task's leader), in one query.
async fn leaders_of(
    db: &impl ConnectionTrait,
    contracts: &[contract::Model],
) -> Result<HashMap<i32, i32>, AppError> {
    let rows: Vec<(i32, i32)> = application::Entity::find()
        .select_only()
        .columns([application::Column::Id, application::Column::ApplicantId])
        .filter(application::Column::Id.is_in(contracts.iter().map(|c| c.application_id)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Payments waiting for the account holder of their contract's book.
async fn payments(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::PaymentWaiting;
    let (from, to) = kind.window(rules, now);
    let waiting = payment::Entity::find()
        .filter(payment::Column::Status.eq(PaymentStatus::Pending.code()))
        .filter(payment::Column::PreparedAt.gte(from))
        .filter(payment::Column::PreparedAt.lte(to))
        .limit(PER_KIND)
        .all(db)
        .await?;
    let contracts: HashMap<i32, contract::Model> = contract::Entity::find()
        .filter(contract::Column::Id.is_in(waiting.iter().map(|p| p.contract_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut books: HashMap<Option<i32>, Vec<i32>> = HashMap::new();
    let mut out = Vec::new();
    for p in waiting {
        let Some(c) = contracts.get(&p.contract_id) else {
            continue;
        };
        let Some((kind, subject, moment, stage)) = due(kind, rules, now, p.id, p.prepared_at)
        else {
            continue;
        };
        let people = match books.entry(c.payer_unit_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
            std::collections::hash_map::Entry::Vacant(e) => e
                .insert(holders(db, Role::FundDirector, c.payer_unit_id).await?)
                .clone(),
        };
        out.push(Due {
            kind,
            subject,
            moment,
            stage,
            people,
            name: c.code.clone(),
            link: "/payments".into(),
        });
    }
    Ok(out)
}

/// Leaders of tasks accepted and not yet settled (no settlement declared).
async fn settlements(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::SettlementDue;
    let (from, to) = kind.window(rules, now);
    let accepted = closeout::Entity::find()
        .filter(closeout::Column::ConcludedAt.gte(from))
        .filter(closeout::Column::ConcludedAt.lte(to))
        .filter(closeout::Column::DeclaredAt.is_null())
        .filter(closeout::Column::TerminatedAt.is_null())
        .limit(PER_KIND)
        .all(db)
        .await?;
    let contracts = contract::Entity::find()
        .filter(contract::Column::Id.is_in(accepted.iter().map(|c| c.contract_id)))
        .filter(contract::Column::Status.eq(ContractStatus::Active.code()))
        .all(db)
        .await?;
    let leaders = leaders_of(db, &contracts).await?;
    let concluded: HashMap<i32, DateTime<Utc>> = accepted
        .iter()
        .filter_map(|c| Some((c.contract_id, c.concluded_at?)))
        .collect();
    Ok(contracts
        .into_iter()
        .filter_map(|c| {
            let (kind, subject, moment, stage) =
                due(kind, rules, now, c.id, *concluded.get(&c.id)?)?;
            let leader = *leaders.get(&c.application_id)?;
            Some(Due {
                kind,
                subject,
                moment,
                stage,
                people: vec![leader],
                name: c.title.clone(),
                link: format!("/contracts/{}", c.id),
            })
        })
        .collect())
}
