//! Letters to every applicant of a call (docs/notifications.md, "Letters"): filled for each
//! dossier, received by a real SMTP server, escaped, logged, and sent again on demand.

use serde_json::json;

use super::SmtpSink;
use crate::world::World;

#[tokio::test]
async fn an_officer_writes_to_every_applicant_and_sends_one_letter_again() {
    let sink = SmtpSink::start();
    let w = World::with(crate::helpers::TestApp::builder().smtp(&sink.url(), 100)).await;
    let app = &w.app;
    let mut sent = Vec::new();
    for title in ["Giống lúa chịu mặn", "Phân bón vi sinh"] {
        let id = w.draft(title).await;
        let r = w
            .as_researcher("/api/applications/submit", json!({ "id": id }))
            .await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        sent.push(id);
    }
    let draft = w.draft("Chưa nộp").await;

    let letter = |subject: &str, body: &str| json!({ "call_id": w.call_id, "subject": subject, "body": body });
    let body =
        "Kính gửi {ho_ten},\n\nHồ sơ «{ten_ho_so}» (số {ma_ho_so}) <script>x</script>: {ket_qua}.";
    // Only the call's officers; a template with an unknown field is refused at the field.
    let by_researcher = w
        .as_researcher("/api/letters/send", letter("Thông báo", body))
        .await;
    assert_eq!(by_researcher.status, 403);
    let unknown = app
        .call_with(
            &w.officer,
            "/api/letters/send",
            letter("Thông báo", "{mat_khau}"),
        )
        .await;
    assert_eq!(
        (unknown.status, &unknown.body["Invalid"]["field"]),
        (422, &json!("body"))
    );
    let injected = app
        .call_with(
            &w.officer,
            "/api/letters/send",
            letter("Thông báo\nBcc: x@y.vn", body),
        )
        .await;
    assert_eq!(
        injected.body["Invalid"]["field"], "subject",
        "{:?}",
        injected.body
    );

    let done = app
        .call_with(
            &w.officer,
            "/api/letters/send",
            letter("Hồ sơ số {ma_ho_so} <b>", body),
        )
        .await;
    assert_eq!(
        (done.status, &done.body),
        (200, &json!(2)),
        "{:?}",
        done.body
    );
    let mails = sink.wait_for(2, 20).await;
    let mut subjects: Vec<&str> = mails
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    subjects.sort_unstable();
    assert_eq!(
        subjects,
        [
            format!("Hồ sơ số {} <b>", sent[0]),
            format!("Hồ sơ số {} <b>", sent[1])
        ]
    );
    for m in &mails {
        assert_eq!(m["rcpt_tos"], json!(["nkh@vien.vn"]));
        let html = m["html"].as_str().unwrap();
        assert!(
            !html.contains("<script>"),
            "escaped in the HTML part: {html}"
        );
        assert!(html.contains("&lt;script&gt;"));
        assert!(
            m["text"].as_str().unwrap().contains("Đã nộp")
                || m["text"].as_str().unwrap().contains("đã nộp")
        );
    }
    assert!(!mails
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains(&format!("số {draft}"))));

    // The log says what went to whom; one letter goes again, counted.
    let log = app
        .call_with(
            &w.officer,
            "/api/letters/list",
            json!({ "call_id": w.call_id, "page": 1 }),
        )
        .await;
    assert_eq!(log.body["total"], 2, "{:?}", log.body);
    let first = &log.body["items"][0];
    assert_eq!(first["to_address"], "nkh@vien.vn");
    let again = app
        .call_with(
            &w.officer,
            "/api/letters/resend",
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(again.status, 200, "{:?}", again.body);
    let mails = sink.wait_for(3, 20).await;
    assert_eq!(mails.len(), 3);
    let log = app
        .call_with(
            &w.officer,
            "/api/letters/list",
            json!({ "call_id": w.call_id, "page": 1 }),
        )
        .await;
    assert_eq!(log.body["items"][0]["resent"], 1, "{:?}", log.body);
}
