//! Integration tests of the server over HTTP, run against SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL. Each test starts from a stage of the `World` (world.rs,
//! and each feature's `mod.rs`) and proves one guarantee.
#![allow(
    clippy::too_many_lines,
    reason = "a scenario test tells one guarantee's story after its stage; set-up lives in the stages"
)]

mod applications;
mod attachments;
mod audit;
mod backup;
mod calls;
mod councils;
mod crash;
mod cv;
mod durations;
mod execution;
mod experts;
mod fund;
mod grassroots;
mod helpers;
mod identification;
mod instances;
mod mail;
mod matrix;
mod organisations;
mod portal;
mod programme;
mod proposals;
mod registration;
mod registry;
mod replica;
mod revision;
mod rulebooks;
mod schema;
mod sign_in;
mod sign_on;
mod task_kinds;
mod unit_books;
mod world;
mod year_report;

use app::db::entities::session;
use chrono::{Duration, Utc};
use domain::rate_limit::LoginThrottle;
use domain::roles::{Role, Scope};
use helpers::{TestApp, PASSWORD};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

#[tokio::test]
async fn health_check_pings_the_database() {
    let app = TestApp::spawn().await;
    let res = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_ask() {
    let app = TestApp::spawn().await;
    let res = reqwest::Client::new()
        .get(format!("{}/", app.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("br")
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;

    let ok = app.login("an@sokhcn.vn").await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert_eq!(ok.body["email"], "an@sokhcn.vn");

    let wrong = app
        .login_with(&app.new_client(), "an@sokhcn.vn", "không phải mật khẩu")
        .await;
    let unknown = app
        .login_with(
            &app.new_client(),
            "khongco@sokhcn.vn",
            "không phải mật khẩu",
        )
        .await;
    let malformed = app
        .login_with(&app.new_client(), "không-phải-email", "không phải mật khẩu")
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.body, malformed.body);
    assert_eq!(wrong.body, json!("InvalidCredentials"));
}

#[tokio::test]
async fn a_disabled_account_gets_the_same_answer_too() {
    let app = TestApp::spawn().await;
    let admin = app
        .user("qt@sokhcn.vn", &[(Role::Admin, Scope::Global)])
        .await;
    let id = app
        .user("off@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let _ = admin;
    assert_eq!(app.login("qt@sokhcn.vn").await.status, 200);
    let r = app
        .call(
            "/api/admin/users/set_active",
            json!({ "id": id, "active": false }),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let off = app
        .login_with(&app.new_client(), "off@sokhcn.vn", PASSWORD)
        .await;
    assert_eq!(off.status, 401);
    assert_eq!(off.body, json!("InvalidCredentials"));
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account_and_per_ip() {
    let app = TestApp::builder()
        .throttle(LoginThrottle {
            window_seconds: 900,
            max_failures_per_account: 3,
            max_failures_per_ip: 5,
        })
        .spawn()
        .await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    app.user("binh@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    for _ in 0..3 {
        let r = app
            .login_with(&app.new_client(), "an@sokhcn.vn", "sai mật khẩu")
            .await;
        assert_eq!(r.status, 401);
    }
    // Locked even with the right password, and the wait is stated.
    let locked = app.login("an@sokhcn.vn").await;
    assert_eq!(locked.status, 429, "{:?}", locked.body);
    let retry = locked.body["RateLimited"]["retry_after_seconds"]
        .as_i64()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");

    // Another account from the same address still works until the address's limit.
    assert_eq!(app.login("binh@sokhcn.vn").await.status, 200);
    for _ in 0..2 {
        let r = app
            .login_with(&app.new_client(), "ai-do@sokhcn.vn", "đoán bừa")
            .await;
        assert!(r.status == 401 || r.status == 429);
    }
    let by_ip = app
        .login_with(&app.new_client(), "binh@sokhcn.vn", PASSWORD)
        .await;
    assert_eq!(by_ip.status, 429, "{:?}", by_ip.body);
}

/// Sixteen wrong passwords at once for one account: each attempt is reserved before its
/// password is checked, so parallel attempts count each other and no more than the limit try.
#[tokio::test]
async fn parallel_sign_in_attempts_count_each_other() {
    let app = TestApp::builder()
        .throttle(LoginThrottle {
            window_seconds: 900,
            max_failures_per_account: 3,
            max_failures_per_ip: 1000,
        })
        .spawn()
        .await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let clients: Vec<_> = (0..16).map(|_| app.new_client()).collect();
    let attempts = clients
        .iter()
        .map(|c| app.login_with(c, "an@sokhcn.vn", "sai mật khẩu"));
    let replies = futures::future::join_all(attempts).await;
    let tried = replies.iter().filter(|r| r.status == 401).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert!(tried <= 3, "{tried} attempts checked a password");
    assert_eq!(tried + refused, 16);
    // Refusals are not failures: the account is locked only if three attempts failed.
    let expected = if tried == 3 { 429 } else { 200 };
    assert_eq!(app.login("an@sokhcn.vn").await.status, expected);
}

async fn session_me(app: &TestApp, client: &reqwest::Client) -> serde_json::Value {
    let r = app.call_with(client, "/api/auth/session", json!({})).await;
    assert_eq!(r.status, 200);
    r.body["me"].clone()
}

#[tokio::test]
async fn sessions_expire_when_idle_and_absolutely() {
    let app = TestApp::spawn().await;
    let uid = app
        .user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let policy = app.running.state.server.settings.session;

    assert_eq!(app.login("an@sokhcn.vn").await.status, 200);
    assert_eq!(session_me(&app, &app.client).await["user_id"], uid);

    // Idle one second past the limit.
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            Expr::value(Utc::now() - Duration::seconds(policy.idle_seconds + 1)),
        )
        .filter(session::Column::UserId.eq(uid))
        .exec(&app.db)
        .await
        .unwrap();
    assert!(session_me(&app, &app.client).await.is_null());

    // A fresh session, busy but older than the absolute limit.
    assert_eq!(app.login("an@sokhcn.vn").await.status, 200);
    assert!(!session_me(&app, &app.client).await.is_null());
    session::Entity::update_many()
        .col_expr(
            session::Column::CreatedAt,
            Expr::value(Utc::now() - Duration::seconds(policy.absolute_seconds + 1)),
        )
        .filter(session::Column::UserId.eq(uid))
        .exec(&app.db)
        .await
        .unwrap();
    assert!(session_me(&app, &app.client).await.is_null());
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let res = app
        .client
        .post(format!("{}/api/auth/login", app.base))
        .json(&json!({ "email": "an@sokhcn.vn", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let token = set_cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("sid=")
        .to_string();
    // Only a hash of the token is stored.
    let stored = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token);
    assert_eq!(stored[0].token_hash, app::auth::server::sha256_hex(&token));

    assert_eq!(app.call("/api/auth/logout", json!({})).await.status, 200);
    // Replaying the old cookie by hand finds no session.
    let replay = reqwest::Client::new()
        .post(format!("{}/api/auth/session", app.base))
        .header("cookie", format!("sid={token}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = replay.json().await.unwrap();
    assert!(body["me"].is_null(), "{body}");
}

#[tokio::test]
async fn a_researcher_calling_admin_functions_gets_403_and_anonymous_gets_401() {
    let app = TestApp::spawn().await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let admin_fns = [
        ("/api/admin/users/list", json!({ "query": "", "page": 1 })),
        ("/api/admin/users/get", json!({ "id": 1 })),
        (
            "/api/admin/users/create",
            json!({ "email": "x@y.vn", "display_name": "X", "organisation_id": null, "role": null }),
        ),
        (
            "/api/admin/users/set_active",
            json!({ "id": 1, "active": false }),
        ),
        (
            "/api/admin/roles/grant",
            json!({ "user_id": 1, "role": "Admin", "organisation_id": null }),
        ),
        ("/api/admin/roles/revoke", json!({ "grant_id": 1 })),
        (
            "/api/admin/organisations/list",
            json!({ "query": "", "page": 1 }),
        ),
        (
            "/api/admin/organisations/create",
            json!({ "name": "X", "short_name": "", "tax_code": "", "address": "" }),
        ),
    ];
    for (path, body) in &admin_fns {
        let r = app.call(path, body.clone()).await;
        assert_eq!(r.status, 401, "{path}: {:?}", r.body);
    }
    assert_eq!(app.login("an@sokhcn.vn").await.status, 200);
    for (path, body) in &admin_fns {
        let r = app.call(path, body.clone()).await;
        assert_eq!(r.status, 403, "{path}: {:?}", r.body);
        assert_eq!(r.body, json!("Forbidden"));
    }
    // Nothing was created by the refused calls.
    use sea_orm::PaginatorTrait;
    assert_eq!(
        app::db::entities::user::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn an_api_token_acts_for_its_owner_until_revoked() {
    let app = TestApp::spawn().await;
    let uid = app
        .user("qt@sokhcn.vn", &[(Role::Admin, Scope::Global)])
        .await;
    assert_eq!(app.login("qt@sokhcn.vn").await.status, 200);
    let created = app
        .call(
            "/api/tokens/create",
            json!({ "name": "Đồng bộ CSDL quốc gia" }),
        )
        .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let token = created.body["token"].as_str().unwrap().to_string();
    let id = created.body["id"].as_i64().unwrap();
    assert!(token.starts_with("stk_"));

    let script = reqwest::Client::new();
    let as_script = |path: &'static str, body: serde_json::Value| {
        let req = script
            .post(format!("{}{}", app.base, path))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let res = req.send().await.unwrap();
            (
                res.status().as_u16(),
                res.json::<serde_json::Value>().await.unwrap(),
            )
        }
    };
    let (status, body) = as_script("/api/auth/session", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["me"]["user_id"], uid);
    let (status, body) =
        as_script("/api/admin/users/list", json!({ "query": "", "page": 1 })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);

    // Only a hash is stored, and the list shows a prefix, never the token.
    let listed = app.call("/api/tokens/list", json!({})).await;
    assert!(!listed.body.to_string().contains(&token));

    // Someone else cannot revoke it (404, not a leak), its owner can.
    let other = app.new_client();
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    assert_eq!(
        app.login_with(&other, "an@sokhcn.vn", PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        app.call_with(&other, "/api/tokens/revoke", json!({ "id": id }))
            .await
            .status,
        404
    );
    assert_eq!(
        app.call("/api/tokens/revoke", json!({ "id": id }))
            .await
            .status,
        200
    );

    let (status, _) = as_script("/api/admin/users/list", json!({ "query": "", "page": 1 })).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn changing_the_password_checks_the_policy_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    app.user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let laptop = app.new_client();
    assert_eq!(app.login("an@sokhcn.vn").await.status, 200);
    assert_eq!(
        app.login_with(&laptop, "an@sokhcn.vn", PASSWORD)
            .await
            .status,
        200
    );

    let short = app
        .call(
            "/api/auth/change_password",
            json!({ "current": PASSWORD, "new_password": "ngắn" }),
        )
        .await;
    assert_eq!(short.status, 422);
    assert_eq!(short.body["Invalid"]["field"], "new_password");
    let wrong = app
        .call(
            "/api/auth/change_password",
            json!({ "current": "sai", "new_password": "Một mật khẩu mới dài" }),
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.body["Invalid"]["field"], "current");

    // A token made before the change: whoever learnt the old password may have made it.
    let token = app
        .call("/api/tokens/create", json!({ "name": "Máy chủ báo cáo" }))
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_string();
    let ok = app
        .call(
            "/api/auth/change_password",
            json!({ "current": PASSWORD, "new_password": "Một mật khẩu mới dài" }),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert!(!session_me(&app, &app.client).await.is_null());
    assert!(session_me(&app, &laptop).await.is_null());
    let by_token = app
        .new_client()
        .post(format!("{}/api/home/todos", app.base))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_token.status(),
        401,
        "the token is revoked with the old password"
    );
    assert_eq!(
        app.login_with(&app.new_client(), "an@sokhcn.vn", "Một mật khẩu mới dài")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn administrators_grant_scoped_roles_and_keep_one_administrator() {
    let app = TestApp::spawn().await;
    let admin = app
        .user("qt@sokhcn.vn", &[(Role::Admin, Scope::Global)])
        .await;
    assert_eq!(app.login("qt@sokhcn.vn").await.status, 200);
    let org = app
        .call("/api/admin/organisations/create", json!({ "name": "Trường Đại học Tây Nguyên", "short_name": "TTN", "tax_code": "", "address": "" }))
        .await;
    assert_eq!(org.status, 200, "{:?}", org.body);
    let org_id = org.body.as_i64().unwrap();
    let dup = app
        .call("/api/admin/organisations/create", json!({ "name": "  Trường Đại học   Tây Nguyên ", "short_name": "", "tax_code": "", "address": "" }))
        .await;
    assert_eq!(dup.status, 422);
    assert_eq!(dup.body["Invalid"]["problem"], "OrganisationNameTaken");

    let created = app
        .call("/api/admin/users/create", json!({ "email": "ChuTri@TTN.edu.vn", "display_name": "Lê Thị Hoa", "organisation_id": org_id, "role": null }))
        .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let uid = created.body["id"].as_i64().unwrap();
    let temporary = created.body["temporary_password"]
        .as_str()
        .unwrap()
        .to_string();

    // A host-organisation role needs its organisation.
    let unscoped = app
        .call(
            "/api/admin/roles/grant",
            json!({ "user_id": uid, "role": "HostOrganisation", "organisation_id": null }),
        )
        .await;
    assert_eq!(unscoped.status, 422);
    assert_eq!(unscoped.body["Invalid"]["field"], "role");
    let scoped = app
        .call(
            "/api/admin/roles/grant",
            json!({ "user_id": uid, "role": "HostOrganisation", "organisation_id": org_id }),
        )
        .await;
    assert_eq!(scoped.status, 200, "{:?}", scoped.body);
    let again = app
        .call(
            "/api/admin/roles/grant",
            json!({ "user_id": uid, "role": "HostOrganisation", "organisation_id": org_id }),
        )
        .await;
    assert_eq!(again.body["Invalid"]["problem"], "RoleAlreadyGranted");

    // The new account signs in with its temporary password (e-mail is case-insensitive) and is
    // asked to change it.
    let client = app.new_client();
    let me = app
        .login_with(&client, "chutri@ttn.edu.vn", &temporary)
        .await;
    assert_eq!(me.status, 200, "{:?}", me.body);
    assert_eq!(me.body["must_change_password"], true);
    let todos = app.call_with(&client, "/api/home/todos", json!({})).await;
    assert_eq!(todos.body, json!(["ChangeTemporaryPassword"]));
    // Nothing else until it is changed: the server holds to it, not only the pages.
    let early = app
        .call_with(&client, "/api/tokens/create", json!({ "name": "Sớm" }))
        .await;
    assert_eq!(
        (early.status, early.body),
        (403, json!("PasswordChangeRequired"))
    );
    let changed = app
        .call_with(
            &client,
            "/api/auth/change_password",
            json!({ "current": temporary, "new_password": "Mật khẩu riêng của tôi" }),
        )
        .await;
    assert_eq!(changed.status, 200, "{:?}", changed.body);
    let now_open = app
        .call_with(&client, "/api/tokens/create", json!({ "name": "Sau" }))
        .await;
    assert_eq!(now_open.status, 200, "{:?}", now_open.body);

    // The last administrator's role cannot be removed.
    let detail = app
        .call("/api/admin/users/get", json!({ "id": admin }))
        .await;
    let grant_id = detail.body["grants"][0]["id"].as_i64().unwrap();
    let last = app
        .call("/api/admin/roles/revoke", json!({ "grant_id": grant_id }))
        .await;
    assert_eq!(last.status, 422);
    assert_eq!(last.body["Invalid"]["problem"], "LastAdministrator");
    assert_eq!(
        app.call("/api/admin/users/get", json!({ "id": 999_999 }))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    let app = TestApp::spawn().await;
    let now = Utc::now();
    // The server issued one at start; issue a known one as the server would.
    use app::db::entities::setup_token;
    use sea_orm::ActiveModelTrait;
    let (token, hash) = app::auth::server::new_token("").unwrap();
    setup_token::ActiveModel {
        token_hash: sea_orm::Set(hash),
        created_at: sea_orm::Set(now),
        expires_at: sea_orm::Set(now + Duration::minutes(5)),
        used_at: sea_orm::Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let body = |t: &str| json!({ "token": t, "display_name": "Quản trị viên", "email": "admin@sokhcn.vn", "password": "Quản trị tỉnh 2026" });
    let bad = app
        .call_with(&app.new_client(), "/api/setup/complete", body("sai"))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body, json!("SetupLinkInvalid"));
    let ok = app.call("/api/setup/complete", body(&token)).await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let me = session_me(&app, &app.client).await;
    assert_eq!(me["grants"][0]["role"], "Admin");
    let reuse = app
        .call_with(&app.new_client(), "/api/setup/complete", body(&token))
        .await;
    assert_eq!(reuse.body, json!("SetupLinkInvalid"));
}

#[tokio::test]
async fn pages_carry_security_headers_and_unknown_pages_are_404() {
    let app = TestApp::spawn().await;
    let res = reqwest::get(format!("{}/", app.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["cache-control"], "no-store");
    // Plain http: no HSTS (it would lock a test or intranet host out); over https, HSTS.
    assert!(res.headers().get("strict-transport-security").is_none());
    let https = TestApp::builder().https().spawn().await;
    let secure = reqwest::get(format!("{}/", https.base)).await.unwrap();
    assert_eq!(
        secure.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let html = res.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    assert!(html.contains("lang=\"vi\""));

    let missing = reqwest::get(format!("{}/khong-co", app.base))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("Không tìm thấy trang"));
}

#[tokio::test]
async fn a_cookie_write_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let res = reqwest::Client::new()
        .post(format!("{}/api/auth/logout", app.base))
        .header("origin", "https://ke-xau.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_purge_removes_only_what_can_no_longer_matter() {
    use app::db::entities::login_failure;
    use sea_orm::{ActiveModelTrait, PaginatorTrait, Set};
    let app = TestApp::spawn().await;
    let uid = app
        .user("an@sokhcn.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    assert_eq!(app.login("an@sokhcn.vn").await.status, 200);
    let settings = app.running.state.server.settings.clone();
    let now = Utc::now();
    let old = now - Duration::seconds(settings.session.absolute_seconds + 60);
    app::auth::server::start_session(&app.db, uid, old)
        .await
        .unwrap();
    for at in [
        now,
        now - Duration::seconds(settings.throttle.window_seconds + 60),
    ] {
        login_failure::ActiveModel {
            account_key: Set("x@y.vn".into()),
            ip: Set("127.0.0.1".into()),
            at: Set(at),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    app::auth::server::purge_expired(&app.db, &settings, now)
        .await
        .unwrap();
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(
        login_failure::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    // The live session still works.
    assert!(!session_me(&app, &app.client).await.is_null());
}
