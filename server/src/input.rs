//! Text no database keeps: PostgreSQL refuses a NUL character (U+0000) in any text column, and
//! SQLite would keep it where PostgreSQL cannot. Every server function's JSON body is looked
//! through once, before the function runs, and a NUL anywhere is refused at its field
//! (`FormProblem::NulCharacter`, 422), so both databases answer the same. Found by fuzzing on
//! PostgreSQL (issue 12).

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use serde_json::Value;

use crate::MAX_BODY_BYTES;

/// The path (`form.team.1.name`, as the error's field) of the first string or key holding a NUL.
pub fn nul_path(v: &Value) -> Option<String> {
    fn walk(v: &Value, path: &mut Vec<String>) -> Option<String> {
        let here = |path: &[String]| path.join(".");
        match v {
            Value::String(s) if s.contains('\0') => Some(here(path)),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| {
                path.push(i.to_string());
                let found = walk(x, path);
                path.pop();
                found
            }),
            Value::Object(map) => map.iter().find_map(|(k, x)| {
                path.push(k.clone());
                let found = if k.contains('\0') {
                    Some(here(path))
                } else {
                    walk(x, path)
                };
                path.pop();
                found
            }),
            _ => None,
        }
    }
    walk(v, &mut Vec::new())
}

/// The request again, or the refusal of a body whose JSON holds a NUL character (input.rs).
/// A body that is not JSON goes on: the server function answers it as it always has.
pub(crate) async fn without_nul(req: Request) -> Result<Request, Response> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response())?;
    if let Some(field) = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .as_ref()
        .and_then(nul_path)
    {
        use app::error::{AppError, Problem};
        let e = AppError::invalid(
            &field,
            Problem::Form(domain::issue::FormProblem::NulCharacter),
        );
        let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_string(&e).unwrap_or_default();
        let json = [(header::CONTENT_TYPE, "application/json")];
        return Err((status, json, body).into_response());
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nul_is_found_where_it_is() {
        assert_eq!(
            nul_path(&json!({ "form": { "title": "Đề tài", "team": [{ "name": "a" }] } })),
            None
        );
        let v = json!({ "form": { "team": [{ "name": "a" }, { "name": "b\u{0}c" }] } });
        assert_eq!(nul_path(&v).as_deref(), Some("form.team.1.name"));
        assert_eq!(nul_path(&json!({ "x\u{0}": 1 })).as_deref(), Some("x\u{0}"));
        assert_eq!(nul_path(&json!("\u{0}")).as_deref(), Some(""));
    }
}
