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

#[cfg(feature = "ssr")]
pub use super::server;

pub const TASKS_PER_PAGE: u64 = 25;

/// One funded task as the public sees it; also the open data's record
/// (`open_data_schema`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PublicTask {
    /// Mã nhiệm vụ trên cổng, địa chỉ /public/tasks/{id} / the task's id on the portal
    pub id: i32,
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

/// What the public list and the open data are narrowed to and ordered by (docs/portal.md).
/// Every field may be left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskQuery {
    /// Tìm trong tên, lĩnh vực, tổ chức chủ trì, chủ nhiệm, kết quả (không phân biệt dấu) /
    /// search text, diacritics ignored, exact matches first
    #[serde(default)]
    pub q: Option<String>,
    /// `active`, `terminated` or `closed`
    #[serde(default)]
    pub status: Option<String>,
    /// `provincial` or `grassroots`
    #[serde(default)]
    pub level: Option<String>,
    /// Năm ký hợp đồng (giờ Việt Nam) / the year signed, in Vietnam
    #[serde(default)]
    pub year: Option<i32>,
    /// Tổ chức chủ trì (mã) / the host organisation's id
    #[serde(default)]
    pub host: Option<i32>,
    /// Kết quả nghiệm thu: `excellent`, `pass` or `fail`
    #[serde(default)]
    pub rating: Option<String>,
    /// Lĩnh vực, đúng như nhiệm vụ ghi (xem `public/task_fields`) / the field, as the tasks
    /// write it (see `public/task_fields`)
    #[serde(default)]
    pub field: Option<String>,
    /// `newest` (by default), `title` or `granted`
    #[serde(default)]
    pub sort: Option<String>,
}

pub use search_endpoint::*;

/// The list's endpoint takes one argument a filter, as the public API's callers send them.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument a filter of the public API"
)]
mod search_endpoint {
    use super::*;

    /// Funded tasks, 25 a page, narrowed and ordered as the query says; a value that is none of a
    /// filter's choices is refused at its field.
    #[server(prefix = "/api", endpoint = "public/tasks", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
    #[allow(
        clippy::too_many_arguments,
        reason = "one argument a filter of the public API"
    )]
    pub async fn public_tasks(
        page: u64,
        status: Option<String>,
        #[server(default)] level: Option<String>,
        #[server(default)] q: Option<String>,
        #[server(default)] year: Option<i32>,
        #[server(default)] host: Option<i32>,
        #[server(default)] rating: Option<String>,
        #[server(default)] sort: Option<String>,
        #[server(default)] field: Option<String>,
    ) -> Result<Page<PublicTask>, AppError> {
        let query = TaskQuery {
            q,
            status,
            level,
            year,
            host,
            rating,
            field,
            sort,
        };
        crate::error::finish(server::list(page, query).await)
    }
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

/// A field the funded tasks name, with how many name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FieldCount {
    pub field: String,
    pub tasks: u64,
}

/// The fields the funded tasks name, the most named first (at most 100): the portal's choices
/// for its `field` filter.
#[server(prefix = "/api", endpoint = "public/task_fields", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn task_fields() -> Result<Vec<FieldCount>, AppError> {
    crate::error::finish(server::fields().await)
}

/// One funded task's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PublicTaskDetail {
    pub task: PublicTask,
    /// Lĩnh vực khoa học / field of science
    pub field: String,
    pub call_code: String,
    pub call_title: String,
    /// Thời gian thực hiện, tháng / term in months
    pub duration_months: u32,
    /// Đã quyết toán, đồng / settled, VND
    pub settled_dong: Option<i64>,
    /// Phải thu hồi, đồng / to be refunded, VND
    pub refund_dong: Option<i64>,
    /// Từ khóa của kết quả đã đăng ký / the registered results' keywords
    pub keywords: Option<String>,
    /// Nơi, cách ứng dụng kết quả / where and how the results are applied
    pub applied: Option<String>,
}

/// A funded task by its id on the portal; a draft contract is not found.
#[server(prefix = "/api", endpoint = "public/task", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn funded_task(id: i32) -> Result<PublicTaskDetail, AppError> {
    crate::error::finish(server::detail(id).await)
}
