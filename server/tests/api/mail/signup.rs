//! A researcher registers, confirms the address from the mail a real SMTP server received, and
//! applies at once; the answer never tells whether the address already had an account.

use sea_orm::EntityTrait;
use serde_json::{json, Value};

use super::{link_token, SmtpSink};
use crate::world::World;

const PASSWORD: &str = "Mật khẩu tự đăng ký 2026";

fn form(name: &str, email: &str, password: &str, repeat: &str) -> Value {
    json!({ "display_name": name, "email": email, "password": password, "repeat": repeat, "lang": "Vi" })
}

#[tokio::test]
async fn a_researcher_registers_confirms_from_the_mail_and_applies_at_once() {
    let sink = SmtpSink::start();
    let w = World::with(crate::helpers::TestApp::builder().smtp(&sink.url(), 100)).await;
    let app = &w.app;
    let stranger = app.new_client();
    let register = |body: Value| app.call_with(&stranger, "/api/auth/register", body);

    // Refused at the field, nothing kept: no name, a malformed address, a weak password, two
    // different passwords.
    for (body, field) in [
        (form(" ", "mai@vien.vn", PASSWORD, PASSWORD), "display_name"),
        (form("Nguyễn Thị Mai", "mai@", PASSWORD, PASSWORD), "email"),
        (
            form("Nguyễn Thị Mai", "mai@vien.vn", "ngắn", "ngắn"),
            "password",
        ),
        (
            form("Nguyễn Thị Mai", "mai@vien.vn", PASSWORD, "khác"),
            "repeat",
        ),
    ] {
        let r = register(body).await;
        assert_eq!(r.status, 422, "{:?}", r.body);
        assert_eq!(r.body["Invalid"]["field"], field, "{:?}", r.body);
    }
    let kept = app::db::entities::registration::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(kept.is_empty());

    let done = register(form("Nguyễn Thị Mai", " Mai@Vien.vn ", PASSWORD, PASSWORD)).await;
    assert_eq!(done.status, 200, "{:?}", done.body);
    let mail = sink.wait_for(1, 20).await.remove(0);
    assert_eq!(mail["rcpt_tos"], json!(["mai@vien.vn"]));
    assert_eq!(
        mail["subject"],
        "Xác nhận đăng ký / Confirm your registration"
    );
    let token = link_token(&mail);
    assert_eq!(token.len(), 43, "256 random bits, URL-safe base64");
    assert!(
        !mail["text"].as_str().unwrap().contains(PASSWORD),
        "no secret in the mail"
    );
    let stored: Vec<Option<String>> = app::db::entities::registration::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.token_hash)
        .collect();
    assert_eq!(stored, [Some(app::auth::server::sha256_hex(&token))]);

    // No account until the address is confirmed.
    let me = app.new_client();
    assert_eq!(
        app.login_with(&me, "mai@vien.vn", PASSWORD).await.status,
        401
    );
    let bogus = app
        .call_with(
            &stranger,
            "/api/auth/confirm_email",
            json!({ "token": "bịa-ra" }),
        )
        .await;
    assert_eq!(
        (bogus.status, &bogus.body["Invalid"]["field"]),
        (422, &json!("token"))
    );
    let confirmed = app
        .call_with(
            &stranger,
            "/api/auth/confirm_email",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(confirmed.status, 200, "{:?}", confirmed.body);
    let again = app
        .call_with(
            &stranger,
            "/api/auth/confirm_email",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(
        (again.status, &again.body["Invalid"]["field"]),
        (422, &json!("token"))
    );

    // Signed in with the chosen password, a researcher who applies at once.
    assert_eq!(
        app.login_with(&me, "mai@vien.vn", PASSWORD).await.status,
        200
    );
    let session = app.call_with(&me, "/api/auth/session", json!({})).await;
    assert_eq!(session.body["me"]["display_name"], "Nguyễn Thị Mai");
    let draft = app
        .call_with(
            &me,
            "/api/applications/create",
            json!({ "call_id": w.call_id }),
        )
        .await;
    assert_eq!(draft.status, 200, "{:?}", draft.body);

    // Registering the address again answers the same; its owner is told by mail, and no link
    // is made.
    let twice = register(form("Kẻ khác", "mai@vien.vn", PASSWORD, PASSWORD)).await;
    assert_eq!((twice.status, &twice.body), (done.status, &done.body));
    let mails = sink.wait_for(2, 20).await;
    assert_eq!(mails[1]["rcpt_tos"], json!(["mai@vien.vn"]));
    assert_eq!(
        mails[1]["subject"],
        "Địa chỉ đã có tài khoản / This address already has an account"
    );
    assert!(mails[1]["text"]
        .as_str()
        .unwrap()
        .contains("/forgot-password"));
    let latest = app::db::entities::registration::Entity::find_by_id(2)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((latest.token_hash, latest.password_hash), (None, None));
}

#[tokio::test]
async fn a_confirmation_link_lives_a_day() {
    let sink = SmtpSink::start();
    let w = World::with(crate::helpers::TestApp::builder().smtp(&sink.url(), 100)).await;
    let app = &w.app;
    let body = form("Trần Văn Bình", "binh@vien.vn", PASSWORD, PASSWORD);
    assert_eq!(app.call("/api/auth/register", body).await.status, 200);
    let token = link_token(&sink.wait_for(1, 20).await[0]);
    let start = crate::world::t0();
    app.clock().set(start + chrono::Duration::hours(24));
    let confirm = json!({ "token": token });
    let late = app.call("/api/auth/confirm_email", confirm.clone()).await;
    assert_eq!(
        (late.status, &late.body["Invalid"]["field"]),
        (422, &json!("token"))
    );
    app.clock()
        .set(start + chrono::Duration::hours(24) - chrono::Duration::seconds(1));
    assert_eq!(
        app.call("/api/auth/confirm_email", confirm).await.status,
        200
    );
}

#[tokio::test]
async fn registrations_are_throttled_per_address() {
    let w = World::new().await;
    let app = &w.app;
    for n in 1..=4 {
        let r = app
            .call(
                "/api/auth/register",
                form("Lê Văn Cường", "cuong@vien.vn", PASSWORD, PASSWORD),
            )
            .await;
        let want = if n <= 3 { 200 } else { 429 };
        assert_eq!(r.status, want, "#{n}: {:?}", r.body);
    }
    // Another address from the same client is still served.
    let other = app
        .call(
            "/api/auth/register",
            form("Lê Văn Dũng", "dung@vien.vn", PASSWORD, PASSWORD),
        )
        .await;
    assert_eq!(other.status, 200);
}
