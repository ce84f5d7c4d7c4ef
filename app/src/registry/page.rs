//! The page at `/api`: the registry read aloud, for provincial systems and scripts that do what
//! the interface does. The machine-readable form is `GET /api/openapi.json`.

use crate::error::AppError;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

/// One line of the catalogue, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApiRow {
    pub method: String,
    pub path: String,
    pub who: (String, String),
    pub summary: (String, String),
    /// The example input as JSON, or the content type of a download.
    pub input: String,
    /// The output's type, as the OpenAPI document names it.
    pub output: String,
}

#[server(prefix = "/api", endpoint = "catalogue", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn api_catalogue() -> Result<Vec<ApiRow>, AppError> {
    Ok(server::rows())
}

#[cfg(feature = "ssr")]
mod server {
    use super::ApiRow;
    use crate::registry::{downloads, endpoints};
    use domain::Lang;

    /// A schema as a reader names it: `Me`, `[Todo]`, `int32`, `null`, `CallView?`.
    fn named(schema: &serde_json::Value) -> String {
        use serde_json::Value;
        let field = |k: &str| schema.get(k);
        if let Some(Value::String(r)) = field("$ref") {
            return r.rsplit('/').next().unwrap_or(r).to_string();
        }
        if let Some(Value::Array(options)) = field("anyOf").or(field("oneOf")) {
            let null = serde_json::json!({ "type": "null" });
            let some: Vec<String> = options.iter().filter(|o| **o != null).map(named).collect();
            let optional = if some.len() < options.len() { "?" } else { "" };
            return format!("{}{optional}", some.join(" | "));
        }
        match (field("type"), field("items"), field("format")) {
            (Some(Value::String(t)), Some(items), _) if t == "array" => {
                format!("[{}]", named(items))
            }
            (_, _, Some(Value::String(f))) => f.clone(),
            (Some(Value::String(t)), _, _) => t.clone(),
            _ => schema.to_string(),
        }
    }

    pub fn rows() -> Vec<ApiRow> {
        let mut g = crate::registry::openapi::generator();
        let both = |f: &dyn Fn(Lang) -> String| (f(Lang::Vi), f(Lang::En));
        let calls = endpoints().into_iter().map(|e| ApiRow {
            method: "POST".into(),
            path: e.path.into(),
            who: both(&|l| e.access.label(l)),
            summary: (e.summary.0.into(), e.summary.1.into()),
            input: e.example.to_string(),
            output: named(&(e.output)(&mut g).to_value()),
        });
        let files = downloads().into_iter().map(|d| ApiRow {
            method: "GET".into(),
            path: d.path.into(),
            who: both(&|l| d.access.label(l)),
            summary: (d.summary.0.into(), d.summary.1.into()),
            input: d.query.join(", "),
            output: d.content_type.into(),
        });
        calls.chain(files).collect()
    }
}

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let lang = use_lang();
    let rows = Resource::new(|| (), |()| api_catalogue());
    view! {
        <section class="panel">
            <h1>{t("Giao diện lập trình (API)", "Programming interface (API)")}</h1>
            <p>{t(
                "Mọi chức năng của giao diện đều gọi được qua API: gửi POST với thân JSON (các đối số của hàm, như ví dụ) tới đường dẫn dưới đây, xác thực bằng cookie phiên hoặc tiêu đề “Authorization: Bearer <mã>” (tạo mã ở trang Tài khoản). Lỗi trả về mã HTTP 400, 401, 403, 404, 422 hoặc 429 kèm thân JSON mô tả lỗi; máy chủ luôn kiểm tra vai trò và phạm vi.",
                "Everything the interface does can be done through the API: POST the function's arguments as a JSON body (as in the example) to the paths below, authenticated by the session cookie or an “Authorization: Bearer <token>” header (create tokens on the Account page). Errors come back as HTTP 400, 401, 403, 404, 422 or 429 with a JSON body; the server always checks role and scope.",
            )}</p>
            <p>
                {t("Tài liệu OpenAPI 3.1 (lược đồ JSON của mọi đầu vào và kết quả): ", "The OpenAPI 3.1 document (JSON Schemas of every input and output): ")}
                <a href="/api/openapi.json" rel="external" data-testid="openapi-link">"/api/openapi.json"</a>
            </p>
            <pre class="code" tabindex="0">"curl -X POST -H 'Authorization: Bearer stk_…' -H 'Content-Type: application/json' -d '{\"page\":1}' http://127.0.0.1:3000/api/public/open_calls"</pre>
            <Suspense fallback=|| view! { <p>"…"</p> }>
                {move || rows.get().map(|r| match r {
                    Ok(rows) => view! { <Catalogue rows lang /> }.into_any(),
                    Err(e) => view! { <p class="error">{e.message(lang.get())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Catalogue(rows: Vec<ApiRow>, lang: crate::i18n::UiLang) -> impl IntoView {
    let pick = move |pair: &(String, String)| {
        let pair = pair.clone();
        move || lang.get().pick(&pair.0, &pair.1).to_string()
    };
    view! {
        <table class="table" data-testid="api-endpoints">
            <thead><tr>
                <th>{t("Đường dẫn", "Path")}</th>
                <th>{t("Ai được gọi", "Who")}</th>
                <th>{t("Mô tả", "Summary")}</th>
                <th>{t("Ví dụ đầu vào", "Example input")}</th>
                <th>{t("Trả về", "Returns")}</th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|r| view! {
                    <tr>
                        <td><code>{format!("{} {}", r.method, r.path)}</code></td>
                        <td>{pick(&r.who)}</td>
                        <td>{pick(&r.summary)}</td>
                        <td><code>{r.input.clone()}</code></td>
                        <td><code>{r.output.clone()}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
