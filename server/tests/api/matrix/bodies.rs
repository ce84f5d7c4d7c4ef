//! A well-formed body for each endpoint: its declared example, with every id naming a real
//! record (`Records`) instead of the example's.

use super::actors::{Actor, Records};
use app::registry::{Download, Endpoint};
use serde_json::{json, Value};

/// What `id` names on each resource.
fn id_for(path: &str, r: &Records) -> i64 {
    let resource = path
        .trim_start_matches("/api/")
        .split('/')
        .next()
        .unwrap_or("");
    match resource {
        "applications" => r.application,
        "calls" => r.w.call_id,
        "councils" => r.council,
        "contracts" => r.contract,
        "admin" => r.spare_user,
        "organisations" => r.organisation,
        "tokens" => r.token,
        "notifications" => r.notice,
        "letters" => r.letter,
        "experts" => 0,
        "proposals" => r.proposal,
        "identification" => r.identification,
        "public" => r.contract,
        "programme" => r.figure,
        _ => 1,
    }
}

/// The body for `e` as `actor` sends it, and whether it names a record.
pub fn body(e: &Endpoint, r: &Records, actor: &Actor) -> (Value, bool) {
    let mut body = e.example.clone();
    let Some(fields) = body.as_object_mut() else {
        return (body, false);
    };
    let mut record = false;
    for (name, value) in fields.iter_mut() {
        let real = match name.as_str() {
            "id" if e.path == "/api/experts/save" => continue,
            "id" if e.path == "/api/experts/decide" => r.expert_application,
            "id" if e.path == "/api/proposals/save_round" => r.round,
            "id" if e.path.starts_with("/api/registration/organisations/") => r.org_request,
            "id" if e.path.starts_with("/api/registration/members/") => r.membership,
            "id" => id_for(e.path, r),
            "call_id" => r.w.call_id,
            "application_id" => r.application,
            "council_id" if e.path.starts_with("/api/identification/") => r.identification,
            "council_id" => r.council,
            "proposal_id" => r.proposal,
            "contract_id" => r.contract,
            "payment_id" => r.payment,
            "transfer_id" => r.transfer,
            "amendment_id" => r.amendment,
            "report_id" => r.report,
            "conflict_id" => r.conflict,
            "grant_id" => r.spare_grant,
            "round_id" => r.round,
            "indicator_id" => r.indicator,
            "user_id" if e.path.starts_with("/api/councils/") => r.member_ids[3],
            "user_id" if e.path.starts_with("/api/identification/") => r.member_ids[3],
            "user_id" => r.spare_user,
            _ => continue,
        };
        *value = json!(real);
        record = true;
    }
    // A key per actor, so that one actor's replay is never another's answer.
    if let Some(key) = fields.get_mut("key") {
        *key = json!(format!("matrix-{}-{}", e.path, actor.name));
    }
    (body, record)
}

/// A download's address with its parameters naming real records.
pub fn download_path(d: &Download, r: &Records) -> String {
    let id = if d.path.starts_with("/exports/contracts/") {
        r.contract
    } else if d.path.starts_with("/exports/calls/") {
        r.w.call_id
    } else if d.path.starts_with("/exports/rounds/") {
        r.round
    } else if d.path.starts_with("/exports/identification/") {
        r.identification
    } else if d.path.starts_with("/exports/councils/") {
        r.council
    } else if d.path.starts_with("/files/programme/") {
        r.figure
    } else {
        r.attachment
    };
    let year = chrono::Datelike::year(&chrono::Utc::now());
    d.path
        .replace("{id}", &id.to_string())
        .replace("{year}", &year.to_string())
}
