//! The ledger in memory, over the same rules as the database's.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::reconcile::add;
use super::*;

/// An in-memory ledger over the same rules: what the property tests drive, and a model of
/// what the database must do.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub transfers: Vec<Transfer>,
    pub balances: BTreeMap<Account, Balance>,
    /// Contracts signed and not yet terminated or closed.
    pub active_contracts: Vec<i64>,
    /// The book of each contract paid by a managing unit; the others are the fund's.
    pub unit_contracts: BTreeMap<i64, i64>,
}

impl Ledger {
    /// The book a contract is in.
    pub fn book_of(&self, contract: i64) -> Book {
        Book::of_payer(self.unit_contracts.get(&contract).copied())
    }

    fn context(&self, r: &Request) -> Context {
        let find = |id: TransferId| self.transfers.iter().find(|t| t.id == id).cloned();
        let pending = match r.flow {
            Flow::PostPending(p) | Flow::VoidPending(p) => find(p).map(|t| {
                let resolved = self
                    .transfers
                    .iter()
                    .find(|x| {
                        matches!(x.request.flow, Flow::PostPending(q) | Flow::VoidPending(q) if q == p)
                    })
                    .map(|x| x.request.flow);
                (t, resolved)
            }),
            _ => None,
        };
        let contract = r.debit.contract().or(r.credit.contract());
        Context {
            same_key: self
                .transfers
                .iter()
                .find(|t| t.request.key == r.key)
                .cloned(),
            pending,
            corrected_exists: r.corrects.is_some_and(|c| find(c).is_some()),
            contract_active: contract.is_some_and(|c| self.active_contracts.contains(&c)),
            contract_book: contract.map(|c| self.book_of(c)),
            debit: self.balances.get(&r.debit).copied().unwrap_or_default(),
            credit: self.balances.get(&r.credit).copied().unwrap_or_default(),
        }
    }

    /// Checks and writes one transfer; returns its id (the earlier one on a replay).
    pub fn apply(&mut self, r: Request, at: DateTime<Utc>) -> Result<TransferId, Rejection> {
        match check(&r, &self.context(&r))? {
            Verdict::Replay(id) => Ok(id),
            Verdict::Write => {
                let id = self.transfers.len() as TransferId + 1;
                for (account, change) in effects(&r) {
                    add(self.balances.entry(account).or_default(), &change);
                }
                self.transfers.push(Transfer { id, request: r, at });
                Ok(id)
            }
        }
    }
}
