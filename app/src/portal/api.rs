//! The public portal and open data: every signed task with its host organisation, its leader,
//! the amounts granted and paid, its status, the acceptance rating and registered results. No
//! other personal data: no e-mails, no team, no budget lines, no reviews.

use chrono::{DateTime, Utc};
use domain::acceptance::Rating;
use domain::call::TaskLevel;
use domain::contract::ContractStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const TASKS_PER_PAGE: u64 = 25;

/// One funded task as the public sees it; also the open data's record
/// (`open_data_schema`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PublicTask {
    /// Số hợp đồng, ví dụ HĐ-2027-0012 / contract number
    pub code: String,
    /// Tên nhiệm vụ / task title
    pub title: String,
    /// Tổ chức chủ trì / host organisation
    pub organisation: String,
    /// Chủ nhiệm nhiệm vụ / task leader
    pub leader_name: String,
    /// Cấp nhiệm vụ: cấp tỉnh hoặc cấp cơ sở / task level: provincial or grassroots
    pub level: TaskLevel,
    /// Đơn vị quản lý nhiệm vụ cấp cơ sở, nếu có / the managing unit of a grassroots task, if any
    pub managing_unit: Option<String>,
    /// Kinh phí từ Quỹ theo hợp đồng, đồng / granted from the fund, VND
    #[schemars(range(min = 0))]
    pub granted_dong: i64,
    /// Đã cấp, đồng / paid so far, VND
    #[schemars(range(min = 0))]
    pub paid_dong: i64,
    /// Đang thực hiện, đã chấm dứt, đã thanh lý / running, terminated, closed
    pub status: ContractStatus,
    /// Ngày ký (UTC) / signed at
    pub signed_at: Option<DateTime<Utc>>,
    /// Kết quả nghiệm thu: Xuất sắc, Đạt, Không đạt / acceptance rating
    pub rating: Option<Rating>,
    /// Số giấy chứng nhận đăng ký kết quả / registration certificate
    pub certificate_number: Option<String>,
    /// Tóm tắt kết quả đã đăng ký / registered results summary
    pub results: Option<String>,
    /// Ngày thanh lý (UTC) / closed at
    pub closed_at: Option<DateTime<Utc>>,
}

/// The open data's JSON Schema (draft 2020-12), served at `/open-data/schema.json`: derived
/// from `PublicTask`, every field described by its doc comment, nothing referenced.
#[cfg(feature = "ssr")]
pub fn open_data_schema() -> serde_json::Value {
    let mut g = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut schema = g.root_schema_for::<Vec<PublicTask>>();
    schema.insert(
        "title".into(),
        "Nhiệm vụ KH&CN được Quỹ tài trợ / Funded S&T tasks".into(),
    );
    schema.to_value()
}

/// Funded tasks, newest first; `status` (`active`, `terminated`, `closed`) and `level`
/// (`provincial`, `grassroots`) narrow them.
#[server(prefix = "/api", endpoint = "public/tasks", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn public_tasks(
    page: u64,
    status: Option<String>,
    #[server(default)] level: Option<String>,
) -> Result<Page<PublicTask>, AppError> {
    crate::error::finish(server::list(page, status, level).await)
}

/// How many funded tasks there are, provincial and grassroots apart and together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LevelCounts {
    pub provincial: u64,
    pub grassroots: u64,
    pub total: u64,
}

#[server(prefix = "/api", endpoint = "public/task_counts", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn task_counts() -> Result<LevelCounts, AppError> {
    crate::error::finish(server::counts().await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::{application, call, closeout, contract, fund_account};
    use crate::db::state;
    use crate::error::Problem;
    use crate::list::{count_rows, page_and_offset};
    use domain::ledger::Account;
    use sea_orm::{
        ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    };
    use std::collections::HashMap;

    fn signed() -> Select<contract::Entity> {
        contract::Entity::find().filter(contract::Column::Status.ne(ContractStatus::Draft.code()))
    }

    /// The signed contracts of tasks of `level`: their dossiers' calls are of that level (a
    /// subquery, so the page and its count stay one query each).
    fn of_level(level: TaskLevel) -> Select<contract::Entity> {
        let dossiers = crate::kit::units::dossiers_of_calls(call::Column::Level.eq(level.code()));
        signed().filter(contract::Column::ApplicationId.in_subquery(dossiers))
    }

    pub async fn counts() -> Result<LevelCounts, AppError> {
        let db = &state()?.db;
        let provincial = count_rows(db, of_level(TaskLevel::Provincial)).await?;
        let grassroots = count_rows(db, of_level(TaskLevel::Grassroots)).await?;
        Ok(LevelCounts {
            provincial,
            grassroots,
            total: provincial + grassroots,
        })
    }

    /// Each dossier's task level and managing unit, in one query.
    async fn levels(
        db: &impl ConnectionTrait,
        dossiers: Vec<i32>,
    ) -> Result<HashMap<i32, (String, Option<i32>)>, AppError> {
        use sea_orm::{JoinType, RelationTrait};
        let rows: Vec<(i32, String, Option<i32>)> = application::Entity::find()
            .select_only()
            .column(application::Column::Id)
            .column(call::Column::Level)
            .column(call::Column::ManagingUnitId)
            .join(JoinType::InnerJoin, application::Relation::Call.def())
            .filter(application::Column::Id.is_in(dossiers))
            .into_tuple()
            .all(db)
            .await?;
        Ok(rows.into_iter().map(|(id, l, u)| (id, (l, u))).collect())
    }

    /// The public records of a batch of contracts: three more queries whatever its size.
    async fn records(
        db: &impl ConnectionTrait,
        contracts: Vec<contract::Model>,
    ) -> Result<Vec<PublicTask>, AppError> {
        let ids: Vec<i32> = contracts.iter().map(|c| c.id).collect();
        let levels = levels(db, contracts.iter().map(|c| c.application_id).collect()).await?;
        let orgs: Vec<i32> = contracts
            .iter()
            .filter_map(|c| c.organisation_id)
            .chain(levels.values().filter_map(|(_, u)| *u))
            .collect();
        let names = crate::kit::organisation_names(db, orgs).await?;
        let codes: Vec<String> = ids
            .iter()
            .map(|id| Account::Disbursed((*id).into()).code())
            .collect();
        let paid: HashMap<String, i64> = fund_account::Entity::find()
            .select_only()
            .columns([
                fund_account::Column::Code,
                fund_account::Column::CreditsPosted,
            ])
            .filter(fund_account::Column::Code.is_in(codes))
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let closeouts: HashMap<i32, closeout::Model> = closeout::Entity::find()
            .filter(closeout::Column::ContractId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.contract_id, c))
            .collect();
        contracts
            .into_iter()
            .map(|c| {
                let co = closeouts.get(&c.id);
                let (level, unit) = levels.get(&c.application_id).ok_or(AppError::Internal)?;
                let results = co
                    .and_then(|r| r.registration.as_ref())
                    .map(|r| r.summary.clone());
                Ok(PublicTask {
                    status: ContractStatus::from_code(&c.status).ok_or(AppError::Internal)?,
                    paid_dong: paid
                        .get(&Account::Disbursed(c.id.into()).code())
                        .copied()
                        .unwrap_or(0),
                    organisation: c
                        .organisation_id
                        .and_then(|o| names.get(&o).cloned())
                        .unwrap_or_default(),
                    rating: co
                        .and_then(|r| r.rating.as_deref())
                        .and_then(Rating::from_code),
                    certificate_number: co.and_then(|r| r.certificate_number.clone()),
                    level: TaskLevel::from_code(level).ok_or(AppError::Internal)?,
                    managing_unit: unit.and_then(|u| names.get(&u).cloned()),
                    results,
                    closed_at: co.and_then(|r| r.closed_at),
                    code: c.code,
                    title: c.title,
                    leader_name: c.leader_name,
                    granted_dong: c.total_dong,
                    signed_at: c.signed_at,
                })
            })
            .collect()
    }

    pub async fn list(
        page: u64,
        status: Option<String>,
        level: Option<String>,
    ) -> Result<Page<PublicTask>, AppError> {
        let db = &state()?.db;
        let mut select = match level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => signed(),
            Some(l) => of_level(
                TaskLevel::from_code(l)
                    .ok_or_else(|| AppError::invalid("level", Problem::UnknownChoice))?,
            ),
        };
        if let Some(s) = status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let s = ContractStatus::from_code(s)
                .filter(|s| *s != ContractStatus::Draft)
                .ok_or_else(|| AppError::invalid("status", Problem::UnknownChoice))?;
            select = select.filter(contract::Column::Status.eq(s.code()));
        }
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, TASKS_PER_PAGE);
        let rows = select
            .order_by_desc(contract::Column::Id)
            .offset(offset)
            .limit(TASKS_PER_PAGE)
            .all(db)
            .await?;
        Ok(Page::new(
            records(db, rows).await?,
            page,
            TASKS_PER_PAGE,
            total,
        ))
    }

    /// Every public record, read in batches by id.
    async fn all(db: &impl ConnectionTrait) -> Result<Vec<PublicTask>, AppError> {
        const BATCH: u64 = 500;
        let mut out = Vec::new();
        let mut after = 0;
        loop {
            let rows = signed()
                .filter(contract::Column::Id.gt(after))
                .order_by_asc(contract::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let Some(last) = rows.last().map(|c| c.id) else {
                break;
            };
            after = last;
            let n = rows.len() as u64;
            out.extend(records(db, rows).await?);
            if n < BATCH {
                break;
            }
        }
        Ok(out)
    }

    pub async fn tasks_json() -> Result<(String, Vec<u8>), AppError> {
        let db = &state()?.db;
        let rows = all(db).await?;
        let bytes = serde_json::to_vec_pretty(&rows).map_err(|e| crate::error::internal(&e))?;
        Ok(("tasks.json".into(), bytes))
    }

    pub async fn schema_json() -> Result<(String, Vec<u8>), AppError> {
        let schema = serde_json::to_vec_pretty(&open_data_schema())
            .map_err(|e| crate::error::internal(&e))?;
        Ok(("schema.json".into(), schema))
    }

    /// The same records as CSV (UTF-8 with a byte-order mark so spreadsheets read the
    /// diacritics; dates as RFC 3339; amounts in whole đồng).
    /// One task's CSV cells; text typed by people is kept from being read as a formula.
    pub(super) fn csv_row(r: PublicTask) -> [String; 14] {
        use domain::text::spreadsheet_safe as safe;
        let date = |d: Option<DateTime<Utc>>| d.map(|d| d.to_rfc3339()).unwrap_or_default();
        [
            safe(r.code),
            safe(r.title),
            safe(r.organisation),
            safe(r.leader_name),
            r.granted_dong.to_string(),
            r.paid_dong.to_string(),
            format!("{:?}", r.status),
            date(r.signed_at),
            r.rating.map(|r| format!("{r:?}")).unwrap_or_default(),
            safe(r.certificate_number.unwrap_or_default()),
            safe(r.results.unwrap_or_default()),
            date(r.closed_at),
            r.level.code().into(),
            safe(r.managing_unit.unwrap_or_default()),
        ]
    }

    pub async fn tasks_csv() -> Result<(String, Vec<u8>), AppError> {
        let db = &state()?.db;
        let rows = all(db).await?;
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let fail = |e: csv::Error| crate::error::internal(&e);
        w.write_record([
            "code",
            "title",
            "organisation",
            "leader_name",
            "granted_dong",
            "paid_dong",
            "status",
            "signed_at",
            "rating",
            "certificate_number",
            "results",
            "closed_at",
            "level",
            "managing_unit",
        ])
        .map_err(fail)?;
        for r in rows {
            w.write_record(csv_row(r)).map_err(fail)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| crate::error::internal(e.error()))?;
        Ok(("tasks.csv".into(), bytes))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_looks_like_a_formula_is_written_as_text() {
        let task = PublicTask {
            code: "HĐ-2027-0001".into(),
            title: "=HYPERLINK(\"http://x\",\"Bấm vào\")".into(),
            organisation: "@Viện".into(),
            leader_name: "-Nguyễn".into(),
            level: TaskLevel::Grassroots,
            managing_unit: Some("=Trường".into()),
            granted_dong: 1,
            paid_dong: 0,
            status: ContractStatus::Active,
            signed_at: None,
            rating: None,
            certificate_number: None,
            results: Some("+1".into()),
            closed_at: None,
        };
        let row = server::csv_row(task);
        assert_eq!(row[1], "'=HYPERLINK(\"http://x\",\"Bấm vào\")");
        assert_eq!(row[2], "'@Viện");
        assert_eq!(row[3], "'-Nguyễn");
        assert_eq!(row[10], "'+1");
        assert_eq!(
            (row[12].as_str(), row[13].as_str()),
            ("grassroots", "'=Trường")
        );
        assert_eq!(row[0], "HĐ-2027-0001");
    }
}
