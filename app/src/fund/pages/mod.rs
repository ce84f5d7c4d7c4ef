//! Fund pages: the position and its receipts (`/fund`), reconciliation, contracts with their
//! tranches and payments (`/contracts/{id}`), the director's queue (`/payments`), and the
//! panels a dossier's page shows (its contract and money; the officer's contract draft).

use chrono::{Duration, Utc};
use domain::contract::Tranche;
use domain::format::{format_date, format_datetime, format_dong, parse_vietnam_local};
use domain::glossary;
use domain::ledger::Source;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, key_for, route_id, ActionsHeader, ErrorBox, FieldError};
use crate::confirm::{ConfirmButton, Done};
use crate::error::{AppError, Problem};
use crate::fields::{number, AmountInput};
use crate::fund::api::{
    contract_of_application, fund_overview, fund_transfers, get_contract, list_contracts,
    list_payments, reconcile_fund, ApprovePayment, ContractRow, ContractView, CorrectReceipt,
    CreateContract, FundView, PaymentView, PreparePayment, RecordReceipt, RejectPayment,
    SignContract, TransferRow,
};
use crate::i18n::{t, term, terms, use_lang};
use crate::list::{query_and_page, PagedList};

mod contracts;
mod payments;
mod position;
pub use contracts::*;
pub use payments::*;
pub use position::*;
