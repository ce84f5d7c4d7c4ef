//! The authorisation matrix (docs/api.md): every declared endpoint, called by every actor — no
//! one, each role, each party of the records, and people of the right role but the wrong scope
//! (another organisation's host, another council's member, another task's leader) — with a
//! well-formed body naming real records. Each answer's class must be the one the endpoint's
//! declaration (`app::registry::Access`) says: allowed (2xx, or a named refusal of the domain),
//! 401, 403 or 404.

mod actors;
mod bodies;

use actors::{Actor, Records};
use app::registry::{downloads, endpoints, Access, Body, Party};
use std::fmt;

/// What an answer says about access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Allowed,
    Unauthenticated,
    Forbidden,
    NotFound,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The class of an answer; a malformed body (400) or a server error is a failure of its own.
fn class_of(status: u16, body: &serde_json::Value) -> Result<Class, String> {
    match (status, body.as_str()) {
        (401, Some("Unauthenticated")) => Ok(Class::Unauthenticated),
        (403, Some("Forbidden")) => Ok(Class::Forbidden),
        (404, Some("NotFound")) => Ok(Class::NotFound),
        // Named refusals: a value or a state the domain refuses, a wrong password, a throttle.
        (200..=299 | 422 | 429, _) | (401, Some("InvalidCredentials")) => Ok(Class::Allowed),
        _ => Err(format!("{status} {body}")),
    }
}

/// What the declaration says `actor` must get. `record` is whether the body names a record
/// (then a scoped grant counts only on that record's organisation). Refused: 401 for no one;
/// for a party's record, 403 when the party's gate is missing or the actor reads the record,
/// 404 when they may not even read it.
fn expected(access: Access, actor: &Actor, record: bool) -> Class {
    let public = matches!(
        access,
        Access::Public | Access::Parties(Party::Published, _)
    );
    if actor.anonymous() {
        return if public {
            Class::Allowed
        } else {
            Class::Unauthenticated
        };
    }
    let holds = |permissions: &[_]| actor.holds(permissions, record);
    match access {
        Access::Public | Access::SignedIn => Class::Allowed,
        Access::Holds(p) if holds(p) => Class::Allowed,
        Access::Holds(_) => Class::Forbidden,
        Access::Parties(party, p) if holds(p) || actor.is(party) || public => Class::Allowed,
        Access::Parties(party, _) => {
            // The gate is the role, whatever the record's organisation.
            let gated = party.gate().is_some_and(|g| !actor.holds(&[g], false));
            let (parties, readers) = party.record().readers();
            if gated || parties.iter().any(|p| actor.is(*p)) || holds(readers) {
                Class::Forbidden
            } else {
                Class::NotFound
            }
        }
    }
}

/// Calls that end the caller's session run last, so the others run signed in.
const LAST: [&str; 2] = ["/api/auth/change_password", "/api/auth/logout"];

#[tokio::test]
async fn every_endpoint_answers_every_actor_as_its_declaration_says() {
    let r = Records::new().await;
    let mut all = endpoints();
    all.sort_by_key(|e| LAST.iter().position(|p| *p == e.path));
    let (mut rows, mut wrong) = (0, Vec::new());
    // Downloads first: the last endpoints end the sessions.
    for d in downloads() {
        let path = bodies::download_path(&d, &r);
        for actor in &r.actors {
            let (status, _, _) = crate::attachments::download(&r.w.app, &actor.client, &path).await;
            let got = match status {
                401 => Ok(Class::Unauthenticated),
                403 => Ok(Class::Forbidden),
                404 => Ok(Class::NotFound),
                200 | 422 => Ok(Class::Allowed),
                other => Err(other),
            };
            let want = expected(d.access, actor, !d.parameters().is_empty());
            rows += 1;
            match got {
                Ok(got) if got == want => {}
                Ok(got) => wrong.push(format!(
                    "GET {path} as {}: expected {want}, got {got}",
                    actor.name
                )),
                Err(status) => wrong.push(format!("GET {path} as {}: {status}", actor.name)),
            }
        }
    }
    for e in &all {
        for actor in &r.actors {
            let (body, record) = bodies::body(e, &r, actor);
            let reply = if e.path == "/api/programme/figures/submit" {
                let year = domain::format::year_in_vietnam(crate::world::t0()).to_string();
                let pdf = b"%PDF-1.7\n%%EOF\n";
                let file = Some(("Ma trận.pdf", &pdf[..]));
                crate::programme::submit(&r.w.app, &actor.client, r.indicator, &year, "80", file)
                    .await
            } else if e.body == Body::Multipart {
                let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
                let evidence = domain::closeout::EVIDENCE_DOCUMENT;
                crate::attachments::upload(
                    &r.w,
                    &actor.client,
                    r.application,
                    evidence,
                    "Ma trận.pdf",
                    pdf,
                )
                .await
            } else {
                r.w.app.call_with(&actor.client, e.path, body.clone()).await
            };
            let want = expected(e.access, actor, record);
            rows += 1;
            match class_of(reply.status, &reply.body) {
                Ok(got) if got == want => {}
                Ok(got) => wrong.push(format!(
                    "{} as {}: expected {want}, got {got} ({} {})",
                    e.path, actor.name, reply.status, reply.body
                )),
                Err(answer) => {
                    wrong.push(format!("{} as {}: {answer} for {body}", e.path, actor.name))
                }
            }
        }
    }
    println!("authorisation matrix: {rows} rows, {} wrong", wrong.len());
    assert!(
        wrong.is_empty(),
        "{} of {rows} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
