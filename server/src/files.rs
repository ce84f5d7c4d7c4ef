//! File responses: attachment downloads and the officer's Excel export. Who may fetch what is
//! decided in `app`, run here with the request's principal in context like a server function.

use app::error::AppError;
use axum::extract::{Path, Query, Request, State};
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Owner;

use crate::{AppState, RequestContext};

/// Runs `fut` with the request's state and principal in context, as server functions are.
pub(crate) async fn in_context<T>(
    ctx: RequestContext,
    fut: impl std::future::Future<Output = T>,
) -> T {
    let owner = Owner::new();
    owner.with(|| ctx.provide());
    ScopedFuture {
        owner,
        observer: None,
        fut,
    }
    .await
}

/// An error as a short bilingual page with its status (these are links people open).
fn error_response(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match status {
        StatusCode::UNAUTHORIZED => "Vui lòng đăng nhập để tải tệp. / Please sign in to download.",
        StatusCode::FORBIDDEN => {
            "Bạn không có quyền tải tệp này. / You may not download this file."
        }
        StatusCode::NOT_FOUND => "Không tìm thấy tệp. / File not found.",
        StatusCode::UNPROCESSABLE_ENTITY => "Yêu cầu không hợp lệ. / The request is not valid.",
        _ => "Đã có lỗi ngoài dự kiến. / Something went wrong.",
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// What RFC 5987 lets stand unencoded in `filename*`, beside letters and digits.
const ATTR_CHARS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback and the exact name.
fn disposition(file_name: &str) -> HeaderValue {
    let ascii: String = domain::text::fold(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .filter(|c| *c != '"' && *c != '\\')
        .collect();
    let exact = percent_encoding::utf8_percent_encode(file_name, ATTR_CHARS);
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{exact}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

fn file_response(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_DISPOSITION, disposition(file_name));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

/// Runs a stored file's read in the caller's context: (content type, file name, bytes).
async fn stored<F>(state: AppState, req: Request, read: F) -> Response
where
    F: std::future::Future<Output = Result<(String, String, Vec<u8>), app::error::AppError>>,
{
    let ctx = match RequestContext::of(&state, &req).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    match in_context(ctx, read).await {
        Ok((content_type, name, bytes)) => file_response(&content_type, &name, bytes),
        Err(e) => error_response(e),
    }
}

pub async fn attachment(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    stored(state, req, async move {
        let (row, bytes) = app::attachments::server::download(id).await?;
        Ok((row.content_type, row.file_name, bytes))
    })
    .await
}

/// The evidence of a programme indicator's figure (docs/programme.md).
pub async fn figure_evidence(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    stored(state, req, app::programme::server::figures::evidence(id)).await
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    status: Option<String>,
}

pub async fn applications_export(
    State(state): State<AppState>,
    Path(call_id): Path<i32>,
    Query(q): Query<ExportQuery>,
    req: Request,
) -> Response {
    let status = q.status.filter(|s| !s.is_empty());
    export(
        state,
        req,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        app::applications::export::applications_xlsx(call_id, status),
    )
    .await
}

/// Runs an export in the caller's context and sends the file, or the error as JSON.
async fn export<F>(state: AppState, req: Request, content_type: &str, make: F) -> Response
where
    F: std::future::Future<Output = Result<(String, Vec<u8>), app::error::AppError>>,
{
    let ctx = match RequestContext::of(&state, &req).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    match in_context(ctx, make).await {
        Ok((name, bytes)) => file_response(content_type, &name, bytes),
        Err(e) => error_response(e),
    }
}

pub async fn minutes_pdf(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/pdf",
        app::councils::minutes::server::minutes_pdf(id),
    )
    .await
}

pub async fn identification_minutes_pdf(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/pdf",
        app::identification::minutes::server::minutes_pdf(id),
    )
    .await
}

pub async fn approval_pdf(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/pdf",
        app::tasks::api::server::decision_pdf(id),
    )
    .await
}

pub async fn ordered_list_pdf(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/pdf",
        app::proposals::server::decision::ordered_list_pdf(id),
    )
    .await
}

pub async fn fund_year_xlsx(
    State(state): State<AppState>,
    Path(year): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        app::fund::report::fiscal_year_xlsx(year),
    )
    .await
}

/// The programme's dashboard of a year as a workbook (docs/programme.md).
pub async fn programme_xlsx(
    State(state): State<AppState>,
    Path(year): Path<String>,
    req: Request,
) -> Response {
    // `/exports/programme/2026.xlsx`: the year before the extension; anything else is no year.
    let Some(year) = year
        .strip_suffix(".xlsx")
        .and_then(|y| y.parse::<i32>().ok())
    else {
        return error_response(app::error::AppError::NotFound);
    };
    export(
        state,
        req,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        app::programme::server::xlsx::dashboard_xlsx(year),
    )
    .await
}

/// The department's year-end report, `/exports/report/2026.xlsx` or `.pdf` (docs/programme.md).
pub async fn year_report(
    State(state): State<AppState>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    use app::programme::server::report;
    let year = |ext: &str| file.strip_suffix(ext).and_then(|y| y.parse::<i32>().ok());
    if let Some(year) = year(".xlsx") {
        let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        export(state, req, xlsx, report::xlsx::year_report_xlsx(year)).await
    } else if let Some(year) = year(".pdf") {
        export(
            state,
            req,
            "application/pdf",
            report::pdf::year_report_pdf(year),
        )
        .await
    } else {
        error_response(app::error::AppError::NotFound)
    }
}

pub async fn scores_xlsx(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        app::councils::minutes::server::scores_xlsx(id),
    )
    .await
}

pub async fn acceptance_pdf(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    export(
        state,
        req,
        "application/pdf",
        app::execution::minutes::server::acceptance_pdf(id),
    )
    .await
}

/// Open data: anyone, no sign-in.
/// The open data follows the list's filters in the query string (docs/portal.md); one that does
/// not parse (`year=abc`) is refused (400).
async fn open_data<F, Fut>(state: AppState, req: Request, content_type: &str, make: F) -> Response
where
    F: FnOnce(app::portal::api::TaskQuery) -> Fut,
    Fut: std::future::Future<Output = Result<(String, Vec<u8>), app::error::AppError>>,
{
    match axum::extract::Query::<app::portal::api::TaskQuery>::try_from_uri(req.uri()) {
        Ok(axum::extract::Query(q)) => export(state, req, content_type, make(q)).await,
        Err(e) => (
            StatusCode::BAD_REQUEST,
            format!(
                "Tham số lọc không hợp lệ (năm, tổ chức là số). / The filters are not valid: {}",
                e.body_text()
            ),
        )
            .into_response(),
    }
}

pub async fn open_data_csv(State(state): State<AppState>, req: Request) -> Response {
    let csv = app::portal::server::open_data::tasks_csv;
    open_data(state, req, "text/csv; charset=utf-8", csv).await
}

pub async fn open_data_json(State(state): State<AppState>, req: Request) -> Response {
    let json = app::portal::server::open_data::tasks_json;
    open_data(state, req, "application/json", json).await
}

pub async fn open_data_schema(State(state): State<AppState>, req: Request) -> Response {
    export(
        state,
        req,
        "application/schema+json",
        app::portal::server::open_data::schema_json(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_survive_the_header() {
        let h = disposition("Đơn đăng ký \"mẫu\".pdf");
        let s = h.to_str().unwrap();
        assert!(
            s.starts_with("attachment; filename=\"don dang ky mau.pdf\""),
            "{s}"
        );
        assert!(s.contains("filename*=UTF-8''%C4%90%C6%A1n"), "{s}");
    }
}
