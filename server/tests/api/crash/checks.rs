//! After the last kill: what the clients saw is what the ledger holds, once.

use std::collections::HashMap;

use app::db::entities::{contract, fund_account, fund_transfer, payment};
use sea_orm::{Database, EntityTrait};
use serde_json::{json, Value};

use super::child::Launch;
use super::clients::Seen;

pub async fn ledger(launch: &Launch, contracts: &[(i64, i64)], seen: &Seen) {
    // The fund's own reconciliation, as the director reads it.
    let director = super::signed_in(&launch.base(), "giamdoc@quy.vn").await;
    let rec: Value = director
        .post(format!("{}/api/fund/reconcile", launch.base()))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        rec["differences"],
        json!([]),
        "stored balances are the transfers' sums"
    );
    assert_eq!(rec["broken"], Value::Null, "no account breaks its rule");

    let db = Database::connect(launch.database_url.clone())
        .await
        .unwrap();
    let transfers = fund_transfer::Entity::find().all(&db).await.unwrap();
    let accounts = fund_account::Entity::find().all(&db).await.unwrap();
    let payments = payment::Entity::find().all(&db).await.unwrap();
    let signed = contract::Entity::find().all(&db).await.unwrap();

    // The sum of accounts is zero, posted and pending.
    let sum = |f: fn(&fund_account::Model) -> i64| accounts.iter().map(f).sum::<i64>();
    assert_eq!(sum(|a| a.debits_posted), sum(|a| a.credits_posted));
    assert_eq!(sum(|a| a.debits_pending), sum(|a| a.credits_pending));

    // Every receipt a client saw is in the ledger once, and no other receipt is.
    let mut by_key: HashMap<&str, Vec<&fund_transfer::Model>> = HashMap::new();
    for t in &transfers {
        by_key.entry(t.key.as_str()).or_default().push(t);
    }
    assert!(
        by_key.values().all(|ts| ts.len() == 1),
        "one transfer per key"
    );
    let receipts: Vec<_> = transfers
        .iter()
        .filter(|t| t.key.starts_with('r'))
        .collect();
    assert_eq!(
        receipts.len(),
        seen.receipts.len(),
        "receipts in the ledger = receipts answered"
    );
    for (n, id) in &seen.receipts {
        let t = by_key[format!("r{n}").as_str()][0];
        assert_eq!(
            t.id, *id,
            "receipt {n} is the transfer its client was answered"
        );
    }

    // Every tranche is paid once, by the payment its client saw, posted once.
    let live: Vec<_> = payments.iter().filter(|p| p.live == Some(true)).collect();
    assert_eq!(
        live.len(),
        seen.payments.len(),
        "one live payment per tranche prepared"
    );
    for p in &live {
        let key = (i64::from(p.contract_id), i64::from(p.tranche_seq));
        assert_eq!(
            Some(&i64::from(p.id)),
            seen.payments.get(&key),
            "the payment its client saw"
        );
        assert_eq!(p.status, "posted", "payment {} was approved", p.id);
        assert!(seen.approved.contains(&i64::from(p.id)));
        let posts = transfers
            .iter()
            .filter(|t| t.flow == "post" && t.pending_id == Some(p.pending_transfer_id))
            .count();
        assert_eq!(posts, 1, "payment {} posted exactly once", p.id);
    }
    assert_eq!(
        payments.len(),
        live.len(),
        "no payment voided or made twice"
    );

    // Each contract signed once and paid in full, never more.
    for &(id, total) in contracts {
        let c = signed.iter().find(|c| i64::from(c.id) == id).unwrap();
        assert_eq!(c.status, "active");
        let paid: i64 = transfers
            .iter()
            .filter(|t| t.flow == "post" && t.contract_id == Some(c.id))
            .map(|t| t.amount_dong)
            .sum();
        assert_eq!(paid, total, "contract {id} paid exactly its total");
    }
}
