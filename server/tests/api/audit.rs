//! The audit trail (issue 12, part 6): a chain an edit or a deletion breaks where it happened,
//! verified by an administrator; each dossier's history read by its own people.

use crate::helpers::PASSWORD;
use crate::world::World;
use app::db::entities::audit_event;
use domain::roles::{Role, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

impl World {
    /// A signed-in administrator.
    async fn admin(&self) -> reqwest::Client {
        self.app
            .user("qt@sokhcn.vn", &[(Role::Admin, Scope::Global)])
            .await;
        let c = self.app.new_client();
        assert_eq!(
            self.app
                .login_with(&c, "qt@sokhcn.vn", PASSWORD)
                .await
                .status,
            200
        );
        c
    }
}

async fn verify(w: &World, admin: &reqwest::Client) -> Value {
    let r = w.call(admin, "/api/audit/verify", json!({})).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body
}

async fn last_seq(w: &World) -> i64 {
    audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Seq)
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap()
        .seq
        .unwrap()
}

#[tokio::test]
async fn an_edited_or_deleted_event_breaks_the_chain_where_it_happened() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let admin = w.admin().await;
    let whole = verify(&w, &admin).await;
    let head = whole["head_seq"].as_i64().unwrap();
    assert!(head > 30, "{whole:?}");
    assert_eq!(whole["verified"], head);
    assert_eq!(whole["broken"], Value::Null);
    // Only administrators verify.
    assert_eq!(
        w.call(&w.officer, "/api/audit/verify", json!({}))
            .await
            .status,
        403
    );
    let _ = t;

    let db = &w.app.db;
    let at = |seq: i64| audit_event::Column::Seq.eq(seq);
    // An amount edited in place.
    audit_event::Entity::update_many()
        .col_expr(
            audit_event::Column::Detail,
            Expr::value(r#"{"amount_dong":1}"#),
        )
        .filter(at(7))
        .exec(db)
        .await
        .unwrap();
    let id7 = audit_event::Entity::find()
        .filter(at(7))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let edited = verify(&w, &admin).await;
    assert_eq!(
        edited["broken"],
        json!({ "Edited": { "seq": 7, "id": id7 } })
    );
    assert_eq!(edited["verified"], 6);
    // Deleted instead (the edit gone with it): the numbers skip.
    audit_event::Entity::delete_many()
        .filter(at(7))
        .exec(db)
        .await
        .unwrap();
    let deleted = verify(&w, &admin).await;
    assert_eq!(deleted["broken"]["Gap"]["expected"], 7, "{deleted:?}");
    // The last event deleted: the head still names it (the middle one put back as it was is
    // out of reach, so the check starts from a fresh world's chain below).
    let w2 = World::new().await;
    let admin2 = w2.admin().await;
    let last = last_seq(&w2).await;
    audit_event::Entity::delete_many()
        .filter(audit_event::Column::Seq.eq(last))
        .exec(&w2.app.db)
        .await
        .unwrap();
    let tail = verify(&w2, &admin2).await;
    assert_eq!(
        tail["broken"],
        json!({ "Head": { "head_seq": last, "last_seq": last - 1 } })
    );
    // An event written around the chain (no number) is named too.
    w2.app
        .db
        .execute_unprepared(
            "INSERT INTO audit_events (at, actor_user_id, action, subject_type, subject_id, detail) \
             VALUES ('2026-12-01 02:00:00+00:00', NULL, 'x', 'y', 1, '{}')",
        )
        .await
        .unwrap();
    let around = verify(&w2, &admin2).await;
    assert_eq!(around["broken"], json!({ "Unnumbered": { "count": 1 } }));
}

#[tokio::test]
async fn writers_at_once_still_make_one_chain() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let admin = w.admin().await;
    let calls: Vec<_> = (0..24)
        .map(|i| {
            w.call(&f.accountant, "/api/fund/receive",
                json!({ "key": format!("r{i}"), "source": "Interest", "amount_dong": 1_000 + i, "document": format!("Sao kê {i}"), "note": "" }))
        })
        .collect();
    let replies = futures::future::join_all(calls).await;
    assert!(
        replies.iter().all(|r| r.status == 200),
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    let report = verify(&w, &admin).await;
    assert_eq!(report["broken"], Value::Null, "{report:?}");
    assert_eq!(report["verified"], report["head_seq"]);
}

#[tokio::test]
async fn a_dossier_s_people_read_its_history_and_nobody_else_does() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let c = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": t.contract }))
        .await;
    let a = c.body["application_id"].as_i64().unwrap();
    let history = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move {
            w.call(
                &who,
                "/api/audit/history",
                json!({ "application_id": a, "page": 1 }),
            )
            .await
        }
    };
    let own = history(&w.researcher).await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    let actions: Vec<&str> = own.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for seen in [
        "application_submitted",
        "application_decided",
        "task_approved",
        "contract_signed",
        "payment_approved",
    ] {
        assert!(actions.contains(&seen), "{seen} in {actions:?}");
    }
    // Newest first, each named in Vietnamese, with its actor.
    assert_eq!(actions[0], "payment_approved");
    for a in &actions {
        assert!(domain::audit::label(a).is_some(), "{a} has no label");
    }
    assert_eq!(own.body["items"][0]["actor"], "Người dùng giamdoc@quy.vn");
    assert_eq!(history(&t.host).await.status, 200);
    assert_eq!(history(&w.officer).await.status, 200);
    assert_eq!(history(&w.other).await.status, 404);
    // The whole trail: officers and leaders read it, researchers do not.
    let all = json!({ "subject_type": "contract", "subject_id": t.contract, "page": 1 });
    assert_eq!(
        w.call(&w.officer, "/api/audit/list", all.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        w.call(&w.researcher, "/api/audit/list", all).await.status,
        403
    );
}
