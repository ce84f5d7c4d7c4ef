//! Notifications: in the app for the person concerned only, by mail at once or in the next
//! morning's digest as they chose, never turned off where the rules make them mandatory.

use chrono::Duration;
use serde_json::{json, Value};

use super::SmtpSink;
use crate::helpers::TestApp;
use crate::world::{t0, World};

async fn returned(w: &World, title: &str) -> i64 {
    let id = w.draft(title).await;
    let sub = w
        .as_researcher("/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(sub.status, 200, "{:?}", sub.body);
    let deadline = t0() + Duration::days(3);
    let decision =
        json!({ "Return": { "reasons": "Bổ sung lý lịch <thư ký>.", "deadline": deadline } });
    let r = w
        .call(
            &w.officer,
            "/api/applications/decide",
            json!({ "id": id, "decision": decision }),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    id
}

fn to(mails: &[Value], address: &str) -> Vec<Value> {
    mails
        .iter()
        .filter(|m| m["rcpt_tos"][0] == address)
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_returned_dossier_reaches_its_applicant_in_the_app_and_by_mail() {
    let sink = SmtpSink::start();
    let w = World::with(TestApp::builder().smtp(&sink.url(), 100)).await;
    let id = returned(&w, "Chế phẩm <b>vi sinh</b>").await;

    let unread = w
        .as_researcher("/api/notifications/unread", json!({}))
        .await;
    assert_eq!(unread.body, json!(1));
    let list = w
        .as_researcher("/api/notifications/list", json!({ "page": 1 }))
        .await;
    let n = &list.body["items"][0];
    assert_eq!(n["kind"], "DossierDecision");
    assert_eq!(n["link"], format!("/applications/{id}"));
    assert!(
        n["text_vi"]
            .as_str()
            .unwrap()
            .contains("trả lại để sửa đổi, bổ sung"),
        "{n}"
    );
    assert!(n["text_vi"]
        .as_str()
        .unwrap()
        .contains(&domain::format::format_datetime(t0() + Duration::days(3))));

    let mails = sink.wait_for(1, 20).await;
    let mine = to(&mails, "nkh@vien.vn");
    assert_eq!(mine.len(), 1, "{mails:?}");
    let text = mine[0]["text"].as_str().unwrap();
    assert!(
        text.contains(&format!("{}/applications/{id}", w.app.base)),
        "{text}"
    );
    let html = mine[0]["html"].as_str().unwrap();
    assert!(html.contains("&lt;b&gt;vi sinh&lt;/b&gt;") && !html.contains("<b>vi sinh"));

    // Nobody else's: not in their list, not theirs to mark.
    let nid = n["id"].as_i64().unwrap();
    let others = w
        .call(&w.other, "/api/notifications/unread", json!({}))
        .await;
    assert_eq!(others.body, json!(0));
    let theirs = w
        .call(&w.other, "/api/notifications/read", json!({ "id": nid }))
        .await;
    assert_eq!(theirs.status, 404);
    let read = w
        .as_researcher("/api/notifications/read", json!({ "id": nid }))
        .await;
    assert_eq!(read.body, json!(1));
    assert_eq!(
        w.as_researcher("/api/notifications/unread", json!({}))
            .await
            .body,
        json!(0)
    );

    // A decision on a dossier cannot be turned off; an invitation can.
    let off = |kind: &str| json!({ "kind": kind, "delivery": "Off" });
    let refused = w
        .as_researcher("/api/notifications/prefer", off("DossierDecision"))
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.body["Invalid"]["field"], "delivery");
    let ok = w
        .as_researcher("/api/notifications/prefer", off("CouncilInvitation"))
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let prefs = w
        .as_researcher("/api/notifications/preferences", json!({}))
        .await;
    assert_eq!(
        prefs.body[0],
        json!({ "kind": "DossierDecision", "delivery": "Immediately", "mandatory": true })
    );
    assert_eq!(prefs.body[1]["delivery"], "Off");
}

#[tokio::test]
async fn who_chose_the_digest_gets_one_mail_the_next_morning_at_seven() {
    let sink = SmtpSink::start();
    let w = World::with(TestApp::builder().smtp(&sink.url(), 100)).await;
    let chose = w
        .as_researcher(
            "/api/notifications/prefer",
            json!({ "kind": "DossierDecision", "delivery": "DailyDigest" }),
        )
        .await;
    assert_eq!(chose.status, 200, "{:?}", chose.body);
    returned(&w, "Hồ sơ thứ nhất").await;
    returned(&w, "Hồ sơ thứ hai").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(
        to(&sink.messages(), "nkh@vien.vn").is_empty(),
        "not before the morning"
    );

    let morning = domain::notice::digest_cutoff(t0()) + Duration::days(1);
    w.app.clock().set(morning - Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        to(&sink.messages(), "nkh@vien.vn").is_empty(),
        "not before seven"
    );
    w.app.clock().set(morning + Duration::minutes(1));
    sink.wait_for(1, 20).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let mine = to(&sink.messages(), "nkh@vien.vn");
    assert_eq!(mine.len(), 1, "one digest: {mine:?}");
    assert_eq!(
        mine[0]["subject"],
        "Thông báo tổng hợp hằng ngày / Daily digest"
    );
    let text = mine[0]["text"].as_str().unwrap();
    assert!(
        text.contains("Hồ sơ thứ nhất") && text.contains("Hồ sơ thứ hai"),
        "{text}"
    );
    // Both are in the app as well, unread (signed in again: a day has passed).
    let again = w
        .app
        .login_with(&w.researcher, "nkh@vien.vn", crate::helpers::PASSWORD)
        .await;
    assert_eq!(again.status, 200);
    let unread = w
        .as_researcher("/api/notifications/unread", json!({}))
        .await;
    assert_eq!(unread.body, json!(2));
}

#[tokio::test]
async fn a_prepared_payment_reaches_the_fund_s_account_holders_only() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let list = w
        .call(&f.director, "/api/notifications/list", json!({ "page": 1 }))
        .await;
    let payments: Vec<&Value> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "PaymentToApprove")
        .collect();
    assert!(!payments.is_empty(), "{:?}", list.body);
    assert_eq!(payments[0]["link"], format!("/contracts/{}", t.contract));
    assert!(payments[0]["text_vi"]
        .as_str()
        .unwrap()
        .contains("đang chờ bạn duyệt"));
    let accountant = w
        .call(
            &f.accountant,
            "/api/notifications/list",
            json!({ "page": 1 }),
        )
        .await;
    assert_eq!(
        accountant.body["total"], 0,
        "the one who prepared it is not asked"
    );
}

#[tokio::test]
async fn the_leader_s_approval_reaches_the_applicant_and_a_seat_on_the_acceptance_council_its_member(
) {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let mine = w
        .as_researcher("/api/notifications/list", json!({ "page": 1 }))
        .await;
    let approved: Vec<&Value> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "TaskDecision")
        .collect();
    assert_eq!(approved.len(), 1, "{:?}", mine.body);
    assert!(approved[0]["text_vi"]
        .as_str()
        .unwrap()
        .contains("đã được phê duyệt"));
    // A task decision cannot be turned off either.
    let off = json!({ "kind": "TaskDecision", "delivery": "Off" });
    assert_eq!(
        w.as_researcher("/api/notifications/prefer", off)
            .await
            .status,
        422
    );

    w.with_accepted_task(&t).await;
    // The fifth member did not vote: the notice is there for them.
    let member = w.app.new_client();
    let login = w
        .app
        .login_with(&member, "nt4@hd.vn", crate::helpers::PASSWORD)
        .await;
    assert_eq!(login.status, 200);
    let seat = w
        .call(&member, "/api/notifications/list", json!({ "page": 1 }))
        .await;
    let ballots: Vec<&Value> = seat.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "AcceptanceBallot")
        .collect();
    assert_eq!(ballots.len(), 1, "{:?}", seat.body);
    assert_eq!(ballots[0]["link"], format!("/contracts/{}", t.contract));
}
