//! Signing in by the form's own POST, before the page hydrates: the session starts and the
//! browser goes on to the page asked for; a refusal goes back to the form with a reason code,
//! never the password; another site's form is refused.

use crate::helpers::{TestApp, PASSWORD};
use domain::roles::{Role, Scope};
use serde_json::json;

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    form: &[(&str, &str)],
    origin: Option<&str>,
) -> (u16, String) {
    let mut r = c.post(format!("{}/login", app.base)).form(form);
    if let Some(o) = origin {
        r = r.header("origin", o);
    }
    let res = r.send().await.unwrap();
    let to = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), to)
}

#[tokio::test]
async fn the_sign_in_form_posts_its_password_and_never_puts_it_in_an_address() {
    let app = TestApp::spawn().await;
    app.user("cv@sokhcn.vn", &[(Role::Officer, Scope::Global)])
        .await;
    let c = browser();
    let wrong = [
        ("email", "cv@sokhcn.vn"),
        ("password", "sai-mat-khau"),
        ("next", "/calls"),
    ];
    let (status, to) = post(&app, &c, &wrong, None).await;
    assert_eq!(
        (status, to.as_str()),
        (303, "/login?error=credentials&next=/calls")
    );
    let missing = [
        ("email", "cv@sokhcn.vn"),
        ("password", ""),
        ("next", "//evil.example"),
    ];
    assert_eq!(
        post(&app, &c, &missing, None).await,
        (303, "/login?error=missing".into())
    );
    // Another site's form is refused outright.
    let right = [
        ("email", "cv@sokhcn.vn"),
        ("password", PASSWORD),
        ("next", "/calls"),
    ];
    let (status, _) = post(&app, &c, &right, Some("https://evil.example")).await;
    assert_eq!(status, 403);
    let (status, to) = post(&app, &c, &right, None).await;
    assert_eq!((status, to.as_str()), (303, "/calls"));
    // The session cookie came with it: the same client is signed in.
    let me = app.call_with(&c, "/api/auth/session", json!({})).await;
    assert_eq!(me.body["me"]["email"], "cv@sokhcn.vn", "{:?}", me.body);
}
