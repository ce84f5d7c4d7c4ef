//! The demo's programme dashboard (docs/programme.md): the provincial Department of Industry
//! and Trade answers for the OCOP trademarks and the key products' IP protection; its figures
//! for last year are entered with their evidence and approved by the department's officer, so
//! the dashboard and the public page show progress, and this year's are left to enter.

use app::auth::server::hash_password;
use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{indicator, indicator_figure, organisation, user};
use app::db::ServerState;
use domain::programme::FigureState;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::demo::DEMO_PASSWORD;
use crate::BoxError;

pub const UNIT: &str = "Sở Công Thương tỉnh Sông Lam";
/// The unit's representative, who enters its figures.
pub const REPORTER: (&str, &str) = ("congthuong@demo.test", "Đinh Thị Thảo");
const OFFICER: &str = "chuyenvien@demo.test";

/// The unit's indicators and last year's approved figure, in hundredths.
const FIGURES: [(&str, i64); 2] = [("ocop_trademarks", 6_800), ("key_products_ip", 4_500)];

/// A one-page PDF standing for the evidence the unit attached.
fn evidence_pdf(what: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {what}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .into_bytes()
}

async fn user_id(db: &impl sea_orm::ConnectionTrait, email: &str) -> Result<i32, BoxError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| format!("demo account {email} missing"))?
        .id)
}

/// The evidence of each figure, kept in the file store: its key and size.
async fn evidence_files(server: &ServerState) -> Result<Vec<(String, usize)>, BoxError> {
    let mut files = Vec::new();
    for (code, _) in FIGURES {
        let bytes = evidence_pdf(code);
        let key = app::db::storage::content_key(&bytes);
        server
            .files
            .put(&key, &bytes)
            .await
            .map_err(|e| e.to_string())?;
        files.push((key, bytes.len()));
    }
    Ok(files)
}

pub async fn seed(server: &ServerState) -> Result<(), BoxError> {
    let db = &server.db;
    let now = server.clock.now();
    let last_year = domain::format::year_in_vietnam(now) - 1;
    let admin = user_id(db, "quantri@demo.test").await?;
    let officer = user_id(db, OFFICER).await?;
    let hash = hash_password(DEMO_PASSWORD.into())
        .await
        .map_err(|e| e.to_string())?;
    let files = evidence_files(server).await?;
    let txn = app::db::begin(db).await?;
    let unit = organisation::ActiveModel {
        name: Set(UNIT.into()),
        short_name: Set(Some("SCT".into())),
        tax_code: Set(None),
        address: Set(Some("Thành phố Sông Lam".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let person = NewUser {
        email: REPORTER.0.into(),
        display_name: REPORTER.1.into(),
        password_hash: hash,
        organisation_id: Some(unit.id),
        must_change_password: false,
    };
    let reporter = insert_user(&txn, person, now)
        .await
        .map_err(|e| e.to_string())?;
    let grant = RoleGrant::new(Role::HostOrganisation, Scope::Organisation(unit.id.into()))
        .map_err(|e| e.to_string())?;
    insert_grant(&txn, reporter.id, grant, admin, now)
        .await
        .map_err(|e| e.to_string())?;
    for ((code, value), (key, size)) in FIGURES.into_iter().zip(files) {
        indicator::Entity::update_many()
            .col_expr(
                indicator::Column::ResponsibleUnitId,
                Expr::value(Some(unit.id)),
            )
            .filter(indicator::Column::Code.eq(code))
            .exec(&txn)
            .await?;
        let ind = indicator::Entity::find()
            .filter(indicator::Column::Code.eq(code))
            .one(&txn)
            .await?
            .ok_or_else(|| format!("indicator {code} missing"))?;
        indicator_figure::ActiveModel {
            indicator_id: Set(ind.id),
            year: Set(last_year),
            value: Set(value),
            note: Set(format!(
                "Báo cáo tổng kết năm {last_year} của Sở Công Thương"
            )),
            evidence_sha256: Set(key),
            evidence_name: Set(format!("Bao-cao-{code}-{last_year}.pdf")),
            evidence_type: Set("application/pdf".into()),
            evidence_bytes: Set(size as i64),
            state: Set(FigureState::Approved.code().into()),
            entered_by: Set(reporter.id),
            entered_at: Set(now - chrono::Duration::days(30)),
            decided_by: Set(Some(officer)),
            decided_at: Set(Some(now - chrono::Duration::days(28))),
            reason: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
