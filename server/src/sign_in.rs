//! Signing in before the page hydrates (or without JavaScript): the sign-in form posts here,
//! never to its own address with the password in the query. The same `auth::login` runs (the
//! same throttle, the same generic refusal); success sets the session cookie and goes on to the
//! page asked for, a refusal returns to the form with the reason's code — never the address or
//! the password — in the query. Once hydrated, the form calls `/api/auth/login` instead.

use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::provide_context;
use leptos_axum::ResponseOptions;
use serde::Deserialize;

use crate::request::{cross_site_write, RequestContext};
use crate::AppState;
use app::error::AppError;

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Where the form goes back to, with why (`?error=…`), keeping a safe `next`.
fn back(error: &str, next: &str) -> String {
    let mut to = format!("/login?error={error}");
    if domain::session::safe_next(next).is_some() {
        to.push_str("&next=");
        to.push_str(&domain::session::query_value(next));
    }
    to
}

pub(crate) fn see_other(to: &str, headers: Option<&http::HeaderMap>) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Some(h) = headers {
        r.headers_mut().extend(h.clone());
    }
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    if cross_site_write(&req) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    let ctx = match RequestContext::of(&state, &req).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let Ok(Form(form)) = Form::<SignInForm>::from_request(req, &state).await else {
        return see_other(&back("invalid", ""), None);
    };
    let options = ResponseOptions::default();
    let kept = options.clone();
    let answer = crate::files::in_context(ctx, async move {
        provide_context(kept);
        app::auth::login::login(form.email, form.password).await
    })
    .await;
    match answer {
        Ok(_) => {
            let next =
                domain::session::safe_next(&form.next).map_or("/".to_string(), |n| n.to_string());
            let headers = options
                .0
                .read()
                .map(|p| p.headers.clone())
                .unwrap_or_default();
            see_other(&next, Some(&headers))
        }
        Err(e) => {
            let code = match e {
                AppError::RateLimited { .. } => "throttled",
                AppError::Invalid { .. } => "missing",
                AppError::InvalidCredentials => "credentials",
                _ => "unavailable",
            };
            see_other(&back(code, &form.next), None)
        }
    }
}
