//! Organisations' legal details: administrators keep any, a host organisation's account only its
//! own; formats are checked and a refused update changes nothing.

use crate::helpers::{Reply, TestApp};
use domain::roles::{Role, Scope};
use serde_json::json;

async fn update(app: &TestApp, c: &reqwest::Client, id: i32, d: serde_json::Value) -> Reply {
    app.call_with(
        c,
        "/api/organisations/update",
        json!({ "id": id, "details": d }),
    )
    .await
}

#[tokio::test]
async fn legal_details_are_kept_by_their_own_organisation() {
    let app = TestApp::spawn().await;
    let university = app.db_org("Trường Đại học Nông Lâm").await;
    let institute = app.db_org("Viện Công nghệ sinh học").await;
    app.user("admin@so.vn", &[(Role::Admin, Scope::Global)])
        .await;
    app.user(
        "chutri@dhnl.vn",
        &[(
            Role::HostOrganisation,
            Scope::Organisation(university.into()),
        )],
    )
    .await;
    app.user("nkh@dhnl.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let mut clients = Vec::new();
    for email in ["admin@so.vn", "chutri@dhnl.vn", "nkh@dhnl.vn"] {
        let c = app.new_client();
        assert_eq!(
            app.login_with(&c, email, crate::helpers::PASSWORD)
                .await
                .status,
            200
        );
        clients.push(c);
    }
    let (admin, host, researcher) = (&clients[0], &clients[1], &clients[2]);
    let details = json!({
        "name": "Trường Đại học Nông Lâm", "short_name": "ĐHNL", "tax_code": "3301234568",
        "address": "102 Phùng Hưng", "representative": "Hoàng Văn Đức",
        "representative_title": "Hiệu trưởng", "phone": "0234 3822 123",
        "email": "VanThu@DHNL.edu.vn", "bank_account": "3713 0100 1234",
        "bank_name": "Kho bạc Nhà nước tỉnh",
    });

    assert_eq!(
        update(&app, host, university, details.clone()).await.status,
        200
    );
    let seen = app
        .call_with(
            researcher,
            "/api/organisations/get",
            json!({ "id": university }),
        )
        .await;
    // A researcher reads who the organisation is, not how to reach or pay it.
    assert_eq!(seen.body["details"]["tax_code"], "3301234568");
    assert_eq!(seen.body["details"]["email"], "");
    assert_eq!(seen.body["details"]["phone"], "");
    assert_eq!(seen.body["details"]["bank_account"], "");
    assert_eq!(seen.body["editable"], false);
    let own = app
        .call_with(host, "/api/organisations/get", json!({ "id": university }))
        .await;
    assert_eq!(own.body["editable"], true);
    assert_eq!(own.body["details"]["email"], "vanthu@dhnl.edu.vn");
    assert_eq!(own.body["details"]["bank_account"], "3713 0100 1234");
    let by_admin = app
        .call_with(admin, "/api/organisations/get", json!({ "id": university }))
        .await;
    assert_eq!(
        by_admin.body["details"]["bank_name"],
        "Kho bạc Nhà nước tỉnh"
    );

    // Not another organisation's, not as a researcher; administrators may.
    let mut other = details.clone();
    other["name"] = json!("Viện Công nghệ sinh học");
    assert_eq!(
        update(&app, host, institute, other.clone()).await.status,
        403
    );
    assert_eq!(
        update(&app, researcher, university, details.clone())
            .await
            .status,
        403
    );
    assert_eq!(update(&app, admin, institute, other).await.status, 200);
    assert_eq!(update(&app, admin, 9999, details.clone()).await.status, 404);
    assert_eq!(
        app.call_with(
            &app.new_client(),
            "/api/organisations/get",
            json!({ "id": university })
        )
        .await
        .status,
        401
    );

    // Bad formats and a taken name, each at its field; nothing changes.
    for (field, value) in [
        ("tax_code", "33012345"),
        ("phone", "12-34"),
        ("email", "van thu"),
        ("bank_account", "TK-123"),
        ("name", "Viện Công nghệ sinh học"),
    ] {
        let mut bad = details.clone();
        bad[field] = json!(value);
        let refused = update(&app, host, university, bad).await;
        assert_eq!(refused.status, 422, "{field}");
        assert_eq!(refused.body["Invalid"]["field"], field);
    }
    let kept = app
        .call_with(host, "/api/organisations/get", json!({ "id": university }))
        .await;
    assert_eq!(kept.body["details"]["tax_code"], "3301234568");

    // Creating an organisation follows the same rule.
    let created = app
        .call_with(
            admin,
            "/api/admin/organisations/create",
            json!({ "name": "Công ty ABC", "short_name": "", "tax_code": "123", "address": "" }),
        )
        .await;
    assert_eq!(created.status, 422);
    assert_eq!(created.body["Invalid"]["field"], "tax_code");
}
