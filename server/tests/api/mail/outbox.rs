//! The outbox: nothing lost while the mail server is down, each message sent once by several
//! workers on one database.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use app::db::entities::mail_outbox;
use sea_orm::EntityTrait;
use serde_json::json;

use super::SmtpSink;
use crate::helpers::TestApp;

fn mail(n: usize) -> domain::mail::Mail {
    domain::mail::compose(
        &format!("nguoi{n}@vien.vn"),
        &format!("Người nhận số {n}"),
        &format!("Thư số {n}"),
        &["Nội dung <thư> & lời chào".to_string()],
        "http://127.0.0.1/",
    )
    .unwrap()
}

async fn enqueue(app: &TestApp, range: std::ops::Range<usize>) {
    for n in range {
        app::kit::outbox::enqueue(&app.db, &mail(n), chrono::Utc::now())
            .await
            .unwrap();
    }
}

async fn unsent(app: &TestApp) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.sent_at.is_none())
        .collect()
}

#[tokio::test]
async fn mail_waits_while_the_mail_server_is_down_and_goes_out_when_it_is_back() {
    let mut sink = SmtpSink::start();
    let app = TestApp::builder().smtp(&sink.url(), 100).spawn().await;
    enqueue(&app, 0..2).await;
    assert_eq!(sink.wait_for(2, 20).await.len(), 2);

    sink.stop();
    enqueue(&app, 2..5).await;
    // Tried and failed, kept with the failure's reason.
    let until = Instant::now() + Duration::from_secs(20);
    while unsent(&app).await.iter().any(|m| m.attempts == 0) {
        assert!(Instant::now() < until, "the worker did not try");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let waiting = unsent(&app).await;
    assert_eq!(waiting.len(), 3);
    assert!(waiting
        .iter()
        .all(|m| m.last_error.is_some() && m.claim_token.is_none()));

    sink.restart();
    let got = sink.wait_for(5, 30).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got_later = sink.messages();
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(got_later.len(), 5, "nothing sent twice");
    let subjects: Vec<&str> = got.iter().map(|m| m["subject"].as_str().unwrap()).collect();
    for n in 0..5 {
        assert!(
            subjects.contains(&format!("Thư số {n}").as_str()),
            "{subjects:?}"
        );
    }
    assert!(unsent(&app).await.is_empty());
    // Names are encoded, never raw header text; the HTML body escaped the text.
    assert_eq!(got[0]["to"], "Người nhận số 0 <nguoi0@vien.vn>");
    assert!(got[0]["html"]
        .as_str()
        .unwrap()
        .contains("Nội dung &lt;thư&gt; &amp; lời chào"));
}

#[tokio::test]
async fn several_workers_on_one_database_send_each_mail_once() {
    let sink = SmtpSink::start();
    let builder = TestApp::builder().smtp(&sink.url(), 50);
    let config = builder.mail_config().clone();
    let app = builder.spawn().await;
    let count = 60;
    enqueue(&app, 0..count).await;
    // The server's own worker and two more, as other instances would run them, race.
    let started = Instant::now();
    let worker = || {
        let db = app.db.clone();
        let mailer = server::mailer::Mailer::new(&config).unwrap();
        async move {
            let mut sent = 0;
            for _ in 0..200 {
                sent += mailer.deliver_due(&db, chrono::Utc::now()).await.unwrap();
                tokio::time::sleep(Duration::from_millis(10)).await;
                if sink_done(&db, count).await {
                    break;
                }
            }
            sent
        }
    };
    let (a, b) = tokio::join!(worker(), worker());
    let got = sink.wait_for(count, 30).await;
    let elapsed = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got_later = sink.messages();
    println!(
        "outbox: {count} mails through the SMTP server in {} ms ({:.0} mails/s); extra workers sent {a} and {b}",
        elapsed.as_millis(),
        count as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(got.len(), count);
    assert_eq!(got_later.len(), count, "a mail sent twice");
    let mut per_address: BTreeMap<String, usize> = BTreeMap::new();
    for m in &got {
        *per_address
            .entry(m["rcpt_tos"][0].as_str().unwrap().into())
            .or_default() += 1;
    }
    assert_eq!(per_address.len(), count);
    assert!(per_address.values().all(|n| *n == 1));
    assert_eq!(json!(unsent(&app).await.len()), json!(0));
}

async fn sink_done(db: &sea_orm::DatabaseConnection, count: usize) -> bool {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_not_null())
        .count(db)
        .await
        .unwrap() as usize
        >= count
}
