//! The clients: each works through its steps, one request at a time, and a request that gets
//! no answer (the server died under it) is sent again in the next round with the same key.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

#[derive(Clone, Debug)]
pub enum Step {
    Receive { n: u64, amount: i64 },
    Sign { contract: i64 },
    Prepare { contract: i64, seq: i64 },
    Approve { contract: i64, seq: i64 },
}

/// What the clients saw answered, kept by the test across every round.
#[derive(Default)]
pub struct Seen {
    pub signed: HashSet<i64>,
    /// (contract, tranche) → payment.
    pub payments: HashMap<(i64, i64), i64>,
    pub approved: HashSet<i64>,
    /// receipt number → its transfer.
    pub receipts: BTreeMap<u64, i64>,
    pub unexpected: Vec<String>,
    pub answered: u64,
    /// Requests that got no answer (sent again with the same key), by path.
    pub unanswered: BTreeMap<&'static str, u64>,
    pub contracts: usize,
}

pub struct Worker {
    pub name: &'static str,
    pub client: reqwest::Client,
    pub steps: Vec<Step>,
    pub next: usize,
    /// Receipts go on while the server is being killed (and until every contract is signed).
    pub endless: Option<i64>,
    /// A pause after each answer, so that the payments span many rounds.
    pub think: Duration,
}

enum Outcome {
    Done(Value),
    Again,
    Unexpected,
}

impl Step {
    fn key(&self) -> String {
        match self {
            Step::Receive { n, .. } => format!("r{n}"),
            Step::Sign { contract } => format!("s{contract}"),
            Step::Prepare { contract, seq } => format!("p{contract}-{seq}"),
            Step::Approve { contract, seq } => format!("a{contract}-{seq}"),
        }
    }

    fn path(&self) -> &'static str {
        match self {
            Step::Receive { .. } => "/api/fund/receive",
            Step::Sign { .. } => "/api/contracts/sign",
            Step::Prepare { .. } => "/api/payments/prepare",
            Step::Approve { .. } => "/api/payments/approve",
        }
    }

    /// The body, or None while what it needs has not been seen yet.
    fn body(&self, seen: &Seen) -> Option<Value> {
        let key = self.key();
        match *self {
            Step::Receive { n, amount } => Some(json!({
                "key": key, "source": "Contribution", "amount_dong": amount,
                "document": format!("Sao kê {n}"), "note": ""
            })),
            Step::Sign { contract } => Some(json!({ "id": contract, "key": key })),
            Step::Prepare { contract, seq } => seen.signed.contains(&contract).then(|| {
                json!({ "key": key, "contract_id": contract, "tranche_seq": seq, "evidence": "Đề nghị thanh toán" })
            }),
            Step::Approve { contract, seq } => seen
                .payments
                .get(&(contract, seq))
                .map(|p| json!({ "key": key, "payment_id": p })),
        }
    }

    fn outcome(&self, status: u16, body: &Value) -> Outcome {
        let text = body.to_string();
        match status {
            200 => Outcome::Done(body.clone()),
            // Lost a race to the database's one writer: the key is free, try again.
            503 => Outcome::Again,
            // Signing waits for the receipts that will cover it.
            422 if matches!(self, Step::Sign { .. }) && text.contains("InsufficientAvailable") => {
                Outcome::Again
            }
            _ => Outcome::Unexpected,
        }
    }

    fn record(&self, seen: &mut Seen, answer: &Value) {
        let id = answer.as_i64();
        let twice = match (self.clone(), id) {
            (Step::Receive { n, .. }, Some(id)) => {
                seen.receipts.insert(n, id).is_some_and(|o| o != id)
            }
            (Step::Sign { contract }, _) => !seen.signed.insert(contract),
            (Step::Prepare { contract, seq }, Some(id)) => seen
                .payments
                .insert((contract, seq), id)
                .is_some_and(|o| o != id),
            (Step::Approve { contract, seq }, _) => {
                let p = seen.payments[&(contract, seq)];
                !seen.approved.insert(p)
            }
            _ => true,
        };
        if twice {
            seen.unexpected
                .push(format!("{self:?} answered {answer} (twice, or not an id)"));
        }
    }
}

impl Worker {
    pub fn finished(&self) -> bool {
        self.next == self.steps.len()
    }

    /// Works until the server stops answering, or (in the last round) until done.
    pub async fn run(
        mut self,
        base: String,
        seen: Arc<Mutex<Seen>>,
        alive: Arc<AtomicBool>,
        last: bool,
    ) -> Worker {
        loop {
            if self.finished() {
                let wanted = {
                    let s = seen.lock().unwrap();
                    s.signed.len() < s.contracts
                };
                match self.endless {
                    Some(amount) if !last || wanted => {
                        let n = self.steps.len() as u64;
                        self.steps.push(Step::Receive { n, amount });
                    }
                    _ => return self,
                }
            }
            if !alive.load(Ordering::SeqCst) {
                return self;
            }
            let step = self.steps[self.next].clone();
            let body = step.body(&seen.lock().unwrap());
            let Some(body) = body else {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            };
            let Some((status, answer)) = send(&self.client, &base, step.path(), &body).await else {
                *seen
                    .lock()
                    .unwrap()
                    .unanswered
                    .entry(step.path())
                    .or_default() += 1;
                return self;
            };
            let pause = {
                let mut s = seen.lock().unwrap();
                match step.outcome(status, &answer) {
                    Outcome::Done(v) => {
                        s.answered += 1;
                        step.record(&mut s, &v);
                        self.next += 1;
                        self.think
                    }
                    Outcome::Again => Duration::from_millis(10),
                    Outcome::Unexpected => {
                        s.unexpected
                            .push(format!("{}: {step:?} → {status} {answer}", self.name));
                        self.next += 1;
                        Duration::ZERO
                    }
                }
            };
            tokio::time::sleep(pause).await;
        }
    }
}

/// The answer, or None when the connection failed or broke before a whole answer came.
async fn send(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    body: &Value,
) -> Option<(u16, Value)> {
    let res = client
        .post(format!("{base}{path}"))
        .json(body)
        .send()
        .await
        .ok()?;
    let status = res.status().as_u16();
    let text = res.text().await.ok()?;
    Some((
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    ))
}
