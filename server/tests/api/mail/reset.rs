//! A forgotten password, reset from the mail a real SMTP server received.

use std::time::Instant;

use domain::roles::{Role, Scope};
use sea_orm::EntityTrait;
use serde_json::json;

use super::{link_token, SmtpSink};
use crate::helpers::{TestApp, PASSWORD};

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_mail_and_every_way_in_with_the_old_one_ends() {
    let sink = SmtpSink::start();
    let app = TestApp::builder().smtp(&sink.url(), 100).spawn().await;
    app.user("nkh@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    assert_eq!(app.login("nkh@vien.vn").await.status, 200);
    let token = app
        .call("/api/tokens/create", json!({ "name": "Kịch bản" }))
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_string();

    // The same answer for an address with an account (written loosely) and one without.
    let stranger = app.new_client();
    let asked = Instant::now();
    let known = app
        .call_with(
            &stranger,
            "/api/auth/request_reset",
            json!({ "email": " NKH@Vien.vn " }),
        )
        .await;
    let unknown = app
        .call_with(
            &stranger,
            "/api/auth/request_reset",
            json!({ "email": "khong-co@vien.vn" }),
        )
        .await;
    assert_eq!((known.status, &known.body), (200, &unknown.body));
    assert_eq!(unknown.status, 200);
    let mails = sink.wait_for(1, 20).await;
    println!(
        "reset mail delivered {} ms after it was asked for",
        asked.elapsed().as_millis()
    );
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail["rcpt_tos"], json!(["nkh@vien.vn"]));
    assert_eq!(mail["subject"], "Đặt lại mật khẩu / Reset your password");
    assert!(mail["text"].as_str().unwrap().contains("Kính gửi"));
    let link = link_token(mail);
    assert_eq!(link.len(), 43, "256 random bits, URL-safe base64");
    assert!(mail["html"]
        .as_str()
        .unwrap()
        .contains(&format!("/reset-password?token={link}")));
    // Stored hashed, never as sent.
    let stored: Vec<String> = app::db::entities::password_reset::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.token_hash)
        .collect();
    assert_eq!(stored, [app::auth::server::sha256_hex(&link)]);
    // Nothing for the address without an account, even later.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(sink.messages().len(), 1);

    // Refused at the field, changing nothing: a made-up link, two different passwords, a
    // password the policy refuses.
    let reset = |token: &str, password: &str, repeat: &str| json!({ "token": token, "new_password": password, "repeat": repeat });
    let new = "Mật khẩu mới sau khi quên 2026";
    for (body, field) in [
        (reset("bịa-ra", new, new), "token"),
        (reset(&link, new, "khác"), "repeat"),
        (reset(&link, "ngắn", "ngắn"), "new_password"),
    ] {
        let r = app
            .call_with(&stranger, "/api/auth/reset_password", body)
            .await;
        assert_eq!(r.status, 422, "{:?}", r.body);
        assert_eq!(r.body["Invalid"]["field"], field, "{:?}", r.body);
    }
    assert_eq!(
        app.call("/api/auth/session", json!({})).await.body["me"]["email"],
        "nkh@vien.vn"
    );

    let done = app
        .call_with(
            &stranger,
            "/api/auth/reset_password",
            reset(&link, new, new),
        )
        .await;
    assert_eq!(done.status, 200, "{:?}", done.body);
    // The session and the API token made with the old password are over.
    assert!(app.call("/api/auth/session", json!({})).await.body["me"].is_null());
    let by_token = reqwest::Client::new()
        .post(format!("{}/api/tokens/list", app.base))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_token.status(), 401);
    assert_eq!(app.login("nkh@vien.vn").await.status, 401);
    assert_eq!(
        app.login_with(&app.new_client(), "nkh@vien.vn", new)
            .await
            .status,
        200
    );
    // The link works once.
    let again = app
        .call_with(
            &stranger,
            "/api/auth/reset_password",
            reset(&link, PASSWORD, PASSWORD),
        )
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(again.body["Invalid"]["field"], "token");
}

#[tokio::test]
async fn reset_links_expire() {
    let now = chrono::Utc::now();
    let sink = SmtpSink::start();
    let app = TestApp::builder()
        .fixed_clock(now)
        .smtp(&sink.url(), 100)
        .spawn()
        .await;
    app.user("nkh@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let asked = app
        .call("/api/auth/request_reset", json!({ "email": "nkh@vien.vn" }))
        .await;
    assert_eq!(asked.status, 200);
    let link = link_token(&sink.wait_for(1, 20).await[0]);
    app.clock().set(now + chrono::Duration::minutes(60));
    let body = json!({ "token": link, "new_password": "Mật khẩu mới 2026 đây", "repeat": "Mật khẩu mới 2026 đây" });
    let late = app.call("/api/auth/reset_password", body.clone()).await;
    assert_eq!(late.status, 422, "{:?}", late.body);
    assert_eq!(late.body["Invalid"]["field"], "token");
    app.clock().set(now + chrono::Duration::minutes(59));
    assert_eq!(app.call("/api/auth/reset_password", body).await.status, 200);
}

#[tokio::test]
async fn reset_requests_are_throttled_per_address_whether_it_has_an_account_or_not() {
    let app = TestApp::spawn().await;
    app.user("nkh@vien.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    for email in ["nkh@vien.vn", "khong-co@vien.vn"] {
        for n in 1..=4 {
            let r = app
                .call("/api/auth/request_reset", json!({ "email": email }))
                .await;
            let want = if n <= 3 { 200 } else { 429 };
            assert_eq!(r.status, want, "{email} #{n}: {:?}", r.body);
        }
    }
    // Another address from the same client is still served (its limit is per hour, higher).
    let other = app
        .call(
            "/api/auth/request_reset",
            json!({ "email": "khac@vien.vn" }),
        )
        .await;
    assert_eq!(other.status, 200);
    let bad = app
        .call(
            "/api/auth/request_reset",
            json!({ "email": "không phải thư" }),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body["Invalid"]["field"], "email");
}
