//! The identification council on the council engine: seats and answers, the rulebook's
//! composition, conflicts found and declared, certification, sealed ballots on its own criteria,
//! quorum and missing ballots at closing, the count, the conclusion that must follow it, and the
//! minutes as page and PDF.

use crate::helpers::{Reply, PASSWORD};
use crate::world::{problem, World};
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

/// Scores out of 25, 20, 20, 15 and 20 (half points) totalling 75 or 40 points.
fn ballot(good: bool, order: bool, note: &str) -> Value {
    let scores = if good {
        [40, 30, 30, 20, 30]
    } else {
        [20, 16, 16, 12, 16]
    };
    json!({ "entry": { "scores": scores, "comments": [] }, "order": order, "note": note })
}

pub(crate) struct Panel {
    pub council: i64,
    pub members: Vec<reqwest::Client>,
}

const SEATS: [&str; 5] = ["Chair", "ViceChair", "Secretary", "Member", "Member"];

impl World {
    /// A council of five for the round's submitted proposals, constituted.
    pub(crate) async fn identification_panel(&self, round: i64, tag: &str) -> Panel {
        let formed = self
            .call(
                &self.officer,
                "/api/identification/create",
                json!({ "round_id": round, "name": format!("Hội đồng tư vấn {tag}"), "proposal_ids": [] }),
            )
            .await;
        assert_eq!(formed.status, 200, "{:?}", formed.body);
        let council = formed.body.as_i64().unwrap();
        let mut members = Vec::new();
        for (i, role) in SEATS.iter().enumerate() {
            let email = format!("xd{i}-{tag}@quy.vn");
            self.app
                .user(&email, &[(Role::CouncilMember, Scope::Global)])
                .await;
            let c = self.app.new_client();
            assert_eq!(self.app.login_with(&c, &email, PASSWORD).await.status, 200);
            let seat = json!({ "council_id": council, "email": email, "role": role });
            let seated = self
                .call(&self.officer, "/api/identification/seat", seat)
                .await;
            assert_eq!(seated.status, 200, "{:?}", seated.body);
            let yes = json!({ "council_id": council, "accept": true });
            assert_eq!(
                self.call(&c, "/api/identification/answer", yes)
                    .await
                    .status,
                200
            );
            members.push(c);
        }
        let made = self
            .call(
                &self.officer,
                "/api/identification/constitute",
                json!({ "id": council }),
            )
            .await;
        assert_eq!(made.status, 200, "{:?}", made.body);
        Panel { council, members }
    }

    /// Every member present and voting `order` on each proposal (with reasons when not), then
    /// the meeting closed.
    pub(crate) async fn identification_votes(&self, p: &Panel, votes: &[(i64, bool)]) {
        for c in &p.members {
            for (proposal, order) in votes {
                let body = json!({ "council_id": p.council, "proposal_id": proposal, "ballot": ballot(*order, *order, "Trùng lặp"), "certify": true, "submit": true });
                let saved = self.call(c, "/api/identification/save_ballot", body).await;
                assert_eq!(saved.status, 200, "{:?}", saved.body);
            }
        }
        self.identification_close(p).await;
    }

    async fn identification_close(&self, p: &Panel) {
        let view = self
            .call(
                &self.officer,
                "/api/identification/get",
                json!({ "id": p.council }),
            )
            .await;
        for m in view.body["members"].as_array().unwrap() {
            let here = json!({ "council_id": p.council, "user_id": m["user_id"], "present": true });
            self.call(&self.officer, "/api/identification/attendance", here)
                .await;
        }
        let closed = self
            .call(
                &self.officer,
                "/api/identification/close",
                json!({ "id": p.council }),
            )
            .await;
        assert_eq!(closed.status, 200, "{:?}", closed.body);
    }

    /// A round's proposals judged by a council of five: each ordered or not as `votes` says.
    pub(crate) async fn identify(&self, round: i64, tag: &str, votes: &[(i64, bool)]) -> i64 {
        let p = self.identification_panel(round, tag).await;
        self.identification_votes(&p, votes).await;
        p.council
    }
}

async fn save_ballot(
    w: &World,
    council: i64,
    c: &reqwest::Client,
    proposal: i64,
    b: Value,
    (certify, submit): (bool, bool),
) -> Reply {
    let body = json!({ "council_id": council, "proposal_id": proposal, "ballot": b, "certify": certify, "submit": submit });
    w.call(c, "/api/identification/save_ballot", body).await
}

fn field(r: &Reply) -> &Value {
    &r.body["Invalid"]["field"]
}

#[tokio::test]
async fn a_council_of_five_judges_proposals_on_sealed_ballots_and_its_count_binds_the_conclusion() {
    let w = World::new().await;
    let r = w.with_round().await;
    let first = w
        .propose(&r.commune, r.id, "Chế biến sâu cà phê Đắk Lắk")
        .await;
    let second = w
        .propose(&w.researcher, r.id, "Nghiên cứu giống lúa chịu hạn")
        .await;
    // No conclusion before a council sat.
    let wording =
        crate::proposals::proposal_form("Chế biến sâu cà phê Đắk Lắk", "")["wording"].clone();
    let rec =
        json!({ "id": first, "recommendation": { "order": true, "wording": wording, "note": "" } });
    let early = w
        .call(&w.officer, "/api/proposals/recommend", rec.clone())
        .await;
    assert_eq!(problem(&early), &json!("NotJudged"));

    let p = w.identification_panel(r.id, "a").await;
    // Each member finds the council on their to-do list until their ballots are in.
    let todo = json!([{ "JudgeProposals": { "count": 1, "first": p.council } }]);
    let todos = w.call(&p.members[1], "/api/home/todos", json!({})).await;
    assert_eq!(todos.body, todo);
    // A second council finds nothing left to judge.
    let again = json!({ "round_id": r.id, "name": "Hội đồng thứ hai", "proposal_ids": [] });
    let none = w
        .call(&w.officer, "/api/identification/create", again)
        .await;
    assert_eq!(problem(&none), &json!("NoProposalsToJudge"));
    // Seats are fixed once constituted; an invitee's answer too.
    let late = json!({ "council_id": p.council, "email": "nkh@vien.vn", "role": "Member" });
    let late = w.call(&w.officer, "/api/identification/seat", late).await;
    assert_eq!(problem(&late)["Council"]["state"], "Scoring");

    // The researcher, who proposed the second, is not on it: 404; the officer follows it but
    // holds no seat: 403 on a ballot.
    let sheet = json!({ "council_id": p.council, "proposal_id": first });
    let outsider = w
        .call(&w.researcher, "/api/identification/ballot", sheet.clone())
        .await;
    assert_eq!((outsider.status, outsider.body), (404, json!("NotFound")));
    let officer = w
        .call(&w.officer, "/api/identification/ballot", sheet.clone())
        .await;
    assert_eq!((officer.status, officer.body), (403, json!("Forbidden")));
    let mine = w
        .call(&p.members[0], "/api/identification/ballot", sheet)
        .await;
    assert_eq!(mine.status, 200, "{:?}", mine.body);
    assert_eq!(mine.body["rules"]["criteria"].as_array().unwrap().len(), 5);

    // Certify before the first save; a submitted ballot answers every criterion and the vote.
    let save = |c, proposal, b, certify, submit| {
        save_ballot(&w, p.council, c, proposal, b, (certify, submit))
    };
    let m0 = &p.members[0];
    let uncertified = save(m0, first, ballot(true, true, ""), false, false).await;
    assert_eq!(problem(&uncertified), &json!("NotCertified"));
    let mut partial = ballot(true, true, "");
    partial["entry"]["scores"][3] = json!(null);
    assert_eq!(
        save(m0, first, partial.clone(), true, false).await.status,
        200
    );
    let incomplete = save(m0, first, partial, false, true).await;
    assert_eq!(field(&incomplete), "entry.scores.3");
    let above = json!({ "entry": { "scores": [60, 30, 30, 20, 30], "comments": [] }, "order": true, "note": "" });
    assert_eq!(
        field(&save(m0, first, above, false, true).await),
        "entry.scores.0"
    );
    let silent_no = save(m0, second, ballot(false, false, ""), true, true).await;
    assert_eq!(field(&silent_no), "note");
    assert_eq!(
        problem(&silent_no),
        &json!({ "Form": "ReasonForNotOrdering" })
    );

    // A member declares a conflict on the second proposal: no ballot from them on it.
    let declare = json!({ "council_id": p.council, "proposal_id": second, "note": "Đồng tác giả với người đề xuất" });
    assert_eq!(
        w.call(
            &p.members[4],
            "/api/identification/declare_conflict",
            declare
        )
        .await
        .status,
        200
    );
    let conflicted = save(&p.members[4], second, ballot(true, true, ""), true, true).await;
    assert_eq!(problem(&conflicted), &json!("ConflictedProposal"));

    // Four vote to order the first (one against), all but the conflicted vote against the second.
    for (i, c) in p.members.iter().enumerate() {
        let yes = i != 3;
        let done = save(c, first, ballot(true, yes, "Chưa cấp thiết"), true, true).await;
        assert_eq!(done.status, 200, "{:?}", done.body);
        if i < 3 {
            assert_eq!(
                save(c, second, ballot(false, false, "Trùng lặp"), true, true)
                    .await
                    .status,
                200
            );
        }
    }
    let resubmit = save(m0, first, ballot(true, true, ""), false, true).await;
    assert_eq!(problem(&resubmit), &json!("BallotSubmitted"));
    // Sealed until the meeting closes: nobody reads a count, and the minutes are refused.
    let view = w
        .call(
            &w.officer,
            "/api/identification/get",
            json!({ "id": p.council }),
        )
        .await;
    assert_eq!(view.body["proposals"][0]["submitted"], 5);
    assert_eq!(view.body["proposals"][0]["count"], Value::Null);
    assert_eq!(
        view.body["proposals"][1]["conflicted"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let minutes = w
        .call(
            &w.officer,
            "/api/identification/minutes",
            json!({ "id": p.council }),
        )
        .await;
    assert_eq!(problem(&minutes)["Council"]["action"], "ReadResults");

    // Closing needs the quorum, then every present voter's ballot.
    let close = json!({ "id": p.council });
    let empty = w
        .call(&w.officer, "/api/identification/close", close.clone())
        .await;
    assert_eq!(problem(&empty)["Quorum"]["TooFew"]["present"], 0);
    let ids: Vec<Value> = view.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].clone())
        .collect();
    for id in &ids {
        let here = json!({ "council_id": p.council, "user_id": id, "present": true });
        assert_eq!(
            w.call(&w.officer, "/api/identification/attendance", here)
                .await
                .status,
            200
        );
    }
    let missing = w
        .call(&w.officer, "/api/identification/close", close.clone())
        .await;
    assert_eq!(
        problem(&missing),
        &json!({ "BallotsMissing": { "count": 1 } })
    );
    assert_eq!(
        save(
            &p.members[3],
            second,
            ballot(false, false, "Trùng lặp"),
            true,
            true
        )
        .await
        .status,
        200
    );
    assert_eq!(
        w.call(&w.officer, "/api/identification/close", close)
            .await
            .status,
        200
    );

    let todos = w.call(&p.members[1], "/api/home/todos", json!({})).await;
    assert_eq!(todos.body, json!([]));
    let view = w
        .call(
            &p.members[1],
            "/api/identification/get",
            json!({ "id": p.council }),
        )
        .await;
    let count = &view.body["proposals"][0]["count"];
    assert_eq!(
        (
            count["for_order"].clone(),
            count["against"].clone(),
            count["order"].clone()
        ),
        (json!(4), json!(1), json!(true))
    );
    assert_eq!(count["mean"], "75,00");
    let count = &view.body["proposals"][1]["count"];
    assert_eq!(
        (count["counted"].clone(), count["order"].clone()),
        (json!(4), json!(false))
    );

    // The conclusion follows the count, in the council's wording.
    let against = json!({ "id": second, "recommendation": { "order": true, "wording": wording, "note": "" } });
    let against = w
        .call(&w.officer, "/api/proposals/recommend", against)
        .await;
    assert_eq!(
        problem(&against),
        &json!({ "AgainstCouncil": { "order": false } })
    );
    assert_eq!(
        w.call(&w.officer, "/api/proposals/recommend", rec)
            .await
            .status,
        200
    );

    // The minutes: ballots unnamed (secret by default), the page and the PDF.
    let minutes = w
        .call(
            &p.members[2],
            "/api/identification/minutes",
            json!({ "id": p.council }),
        )
        .await;
    assert_eq!(minutes.status, 200, "{:?}", minutes.body);
    assert_eq!(
        minutes.body["proposals"][0]["ballots"][0]["voter"],
        "Phiếu 1"
    );
    assert_eq!(
        minutes.body["proposals"][1]["conflicted"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let path = format!("/exports/identification/{}/minutes.pdf", p.council);
    let (status, pdf, _) = crate::attachments::download(&w.app, &p.members[2], &path).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    let (status, _, _) = crate::attachments::download(&w.app, &w.researcher, &path).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_council_is_constituted_only_as_the_rulebook_says_and_a_proposer_never_votes_on_their_own(
) {
    let w = World::new().await;
    let r = w.with_round().await;
    let own = w
        .propose(&w.researcher, r.id, "Nghiên cứu giống lúa chịu hạn")
        .await;
    let theirs = w
        .propose(&r.commune, r.id, "Chế biến sâu cà phê Đắk Lắk")
        .await;
    let formed = w
        .call(
            &w.officer,
            "/api/identification/create",
            json!({ "round_id": r.id, "name": "Hội đồng tư vấn", "proposal_ids": [own] }),
        )
        .await;
    let council = formed.body.as_i64().unwrap();
    // Only the named proposal sits before it; naming one already taken forms nothing.
    let twice = json!({ "round_id": r.id, "name": "Hội đồng khác", "proposal_ids": [theirs, own] });
    let twice = w
        .call(&w.officer, "/api/identification/create", twice)
        .await;
    assert_eq!(problem(&twice), &json!("ChangedSinceShown"));
    let alone = json!({ "round_id": r.id, "name": "Hội đồng khác", "proposal_ids": [theirs] });
    assert_eq!(
        w.call(&w.officer, "/api/identification/create", alone)
            .await
            .status,
        200
    );
    let seat = |email: &str, role: &str| {
        w.call(
            &w.officer,
            "/api/identification/seat",
            json!({ "council_id": council, "email": email, "role": role }),
        )
    };
    assert_eq!(
        problem(&seat("khongco@quy.vn", "Member").await),
        &json!("NoSuchAccount")
    );
    assert_eq!(seat("nkh@vien.vn", "Chair").await.status, 200);
    assert_eq!(
        problem(&seat("nkh@vien.vn", "Member").await),
        &json!("AlreadyOnCouncil")
    );
    // Two officers seating one person at once: one seat, the other told so by name (no 500).
    w.app
        .user("xd-race@quy.vn", &[(Role::CouncilMember, Scope::Global)])
        .await;
    let (a, b) = tokio::join!(
        seat("xd-race@quy.vn", "Member"),
        seat("xd-race@quy.vn", "Member")
    );
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422], "{:?} {:?}", a.body, b.body);
    assert_eq!(
        problem(if a.status == 422 { &a } else { &b }),
        &json!("AlreadyOnCouncil")
    );
    let view = w
        .call(
            &w.officer,
            "/api/identification/get",
            json!({ "id": council }),
        )
        .await;
    let race = view.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"].as_str().unwrap().contains("xd-race"))
        .unwrap()["user_id"]
        .clone();
    let off = json!({ "council_id": council, "user_id": race });
    assert_eq!(
        w.call(&w.officer, "/api/identification/unseat", off)
            .await
            .status,
        200
    );
    let few = w
        .call(
            &w.officer,
            "/api/identification/constitute",
            json!({ "id": council }),
        )
        .await;
    assert_eq!(problem(&few)["Composition"]["Size"]["min"], 5);
    // The proposer sits on it, and is told so on their own proposal.
    let view = w
        .call(
            &w.researcher,
            "/api/identification/get",
            json!({ "id": council }),
        )
        .await;
    assert_eq!(view.body["proposals"][0]["mine"]["conflicted"], true);
    let ballot_view = w
        .call(
            &w.researcher,
            "/api/identification/ballot",
            json!({ "council_id": council, "proposal_id": own }),
        )
        .await;
    assert_eq!(ballot_view.body["conflict"], "Là người đề xuất nhiệm vụ");
    // Not all accepted: refused with the count waiting.
    for (i, role) in ["Secretary", "Member", "Member", "Member"]
        .iter()
        .enumerate()
    {
        let email = format!("xd{i}@quy.vn");
        w.app
            .user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        assert_eq!(seat(&email, role).await.status, 200);
    }
    let waiting = w
        .call(
            &w.officer,
            "/api/identification/constitute",
            json!({ "id": council }),
        )
        .await;
    assert_eq!(problem(&waiting), &json!({ "NotAccepted": { "count": 5 } }));
    // A council member of another council cannot answer this one.
    let stranger = w
        .call(
            &w.other,
            "/api/identification/answer",
            json!({ "council_id": council, "accept": true }),
        )
        .await;
    assert_eq!((stranger.status, stranger.body), (404, json!("NotFound")));
}
