//! Where tasks come from: a round, proposals and their duplicates, the council's conclusion in
//! its own words, the leader's ordered list, and the calls its items become.

use crate::helpers::PASSWORD;
use crate::world::{problem, t0, World};
use chrono::Duration;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

pub(crate) fn proposal_form(title: &str, keywords: &str) -> Value {
    json!({
        "wording": {
            "title": title,
            "objectives": "Xây dựng quy trình chế biến cà phê đặc sản quy mô hợp tác xã",
            "products": [{ "name": "Quy trình chế biến", "target": "01 quy trình được công nhận" }],
            "method": "OpenSelection",
            "designated_organisation_id": null,
            "method_reason": "",
        },
        "problem": "Cà phê của tỉnh xuất khẩu thô, giá trị gia tăng thấp",
        "keywords": keywords,
        "field": "Khoa học nông nghiệp",
        "priority_area": "DeepProcessing",
        "duration_months": 24,
        "budget_dong": 1_500_000_000i64,
        "other_resources": "",
    })
}

pub(crate) struct Round {
    pub id: i64,
    /// A commune people's committee's representative (HostOrganisation of the commune).
    pub commune: reqwest::Client,
    pub commune_org: i32,
}

impl World {
    /// A round open from t0 − 1 h for a day, and the commune's representative signed in.
    pub async fn with_round(&self) -> Round {
        let opened = self
            .call(
                &self.officer,
                "/api/proposals/save_round",
                json!({ "id": null, "form": {
                    "title": "Đề xuất nhiệm vụ cấp tỉnh năm 2027",
                    "opens_at": (t0() - Duration::hours(1)).to_rfc3339(),
                    "closes_at": (t0() + Duration::days(1)).to_rfc3339(),
                }}),
            )
            .await;
        assert_eq!(opened.status, 200, "{:?}", opened.body);
        let commune_org = self.app.db_org("UBND xã Ea Kao").await;
        let email = "ubnd@eakao.gov.vn";
        let scope = Scope::Organisation(commune_org.into());
        self.app
            .user(email, &[(Role::HostOrganisation, scope)])
            .await;
        let commune = self.app.new_client();
        assert_eq!(
            self.app.login_with(&commune, email, PASSWORD).await.status,
            200
        );
        Round {
            id: opened.body.as_i64().unwrap(),
            commune,
            commune_org,
        }
    }

    /// `c` drafts and submits a proposal in the round; answers its id.
    pub async fn propose(&self, c: &reqwest::Client, round: i64, title: &str) -> i64 {
        let form = proposal_form(title, "cà phê; chế biến sâu");
        let saved = self
            .call(
                c,
                "/api/proposals/save",
                json!({ "id": null, "round_id": round, "form": form }),
            )
            .await;
        assert_eq!(saved.status, 200, "{:?}", saved.body);
        let id = saved.body.as_i64().unwrap();
        let sent = self
            .call(c, "/api/proposals/submit", json!({ "id": id }))
            .await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
        assert!(
            sent.body.as_str().unwrap().starts_with("ĐH-"),
            "{:?}",
            sent.body
        );
        id
    }
}

fn get(v: &Value, path: &str) -> Value {
    path.split('.')
        .fold(v.clone(), |v, k| match k.parse::<usize>() {
            Ok(i) => v[i].clone(),
            Err(_) => v[k].clone(),
        })
}

#[tokio::test]
async fn a_proposal_goes_from_the_commune_to_an_ordered_call() {
    let w = World::new().await;
    let r = w.with_round().await;
    let leader = w.with_fund_people().await.leader;
    let first = w
        .propose(&r.commune, r.id, "Chế biến sâu cà phê Đắk Lắk")
        .await;
    // An enterprise proposes something close: the earlier one is flagged beside it.
    let second = w
        .propose(
            &w.researcher,
            r.id,
            "Nghiên cứu chế biến sâu cà phê đặc sản",
        )
        .await;
    let seen = w
        .call(&w.researcher, "/api/proposals/get", json!({ "id": second }))
        .await;
    assert_eq!(seen.status, 200, "{:?}", seen.body);
    assert_eq!(
        get(&seen.body, "similar.0.id"),
        json!(first),
        "{:?}",
        seen.body["similar"]
    );
    assert_eq!(get(&seen.body, "similar.0.kind"), json!("Proposal"));
    // Others' proposals are not theirs to read or change.
    let theirs = w
        .call(&w.other, "/api/proposals/get", json!({ "id": first }))
        .await;
    assert_eq!((theirs.status, theirs.body), (404, json!("NotFound")));
    let save = json!({ "id": first, "round_id": r.id, "form": proposal_form("x", "y") });
    let by_officer = w
        .call(&w.officer, "/api/proposals/save", save.clone())
        .await;
    assert_eq!(
        (by_officer.status, by_officer.body),
        (403, json!("Forbidden"))
    );
    // Submitted: no more edits.
    let late = w.call(&r.commune, "/api/proposals/save", save).await;
    assert_eq!(late.status, 422);
    assert_eq!(problem(&late)["Proposal"]["status"], "Submitted");

    // A council of five orders the first and not the second; its conclusion is recorded in
    // its words: the first reworded, with a host named for a direct assignment.
    w.identify(r.id, "p", &[(first, true), (second, false)])
        .await;
    let host = w
        .app
        .db_org("Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên")
        .await;
    let mut wording = proposal_form("", "")["wording"].clone();
    wording["title"] = json!("Chế biến sâu cà phê đặc sản Đắk Lắk quy mô hợp tác xã");
    wording["method"] = json!("DirectAssignment");
    wording["designated_organisation_id"] = json!(host);
    wording["method_reason"] = json!("Đơn vị duy nhất có dây chuyền thử nghiệm");
    let rec =
        json!({ "id": first, "recommendation": { "order": true, "wording": wording, "note": "" } });
    let done = w.call(&w.officer, "/api/proposals/recommend", rec).await;
    assert_eq!(done.status, 200, "{:?}", done.body);
    let no = json!({ "id": second, "recommendation": { "order": false, "wording": wording, "note": "" } });
    let no_reason = w
        .call(&w.officer, "/api/proposals/recommend", no.clone())
        .await;
    assert_eq!(no_reason.body["Invalid"]["field"], "note");
    let mut no = no;
    no["recommendation"]["note"] = json!("Trùng với đề xuất DX đã được đề nghị");
    assert_eq!(
        w.call(&w.officer, "/api/proposals/recommend", no)
            .await
            .status,
        200
    );
    let view = w
        .call(&w.officer, "/api/proposals/get", json!({ "id": first }))
        .await;
    let fields: Vec<&str> = view.body["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "method"], "{:?}", view.body["diff"]);
    assert!(view.body["diff"][0]["changes"]
        .to_string()
        .contains("Added"));

    // No call before the list is issued; no list while an item waits.
    let early = w
        .call(
            &w.officer,
            "/api/proposals/open_call",
            json!({ "id": first }),
        )
        .await;
    assert_eq!(problem(&early), &json!("ListNotIssued"));
    let issue = json!({ "round_id": r.id, "decision_number": "125/QĐ-SKHCN" });
    let waiting = w
        .call(&leader, "/api/proposals/issue_list", issue.clone())
        .await;
    assert_eq!(problem(&waiting)["ItemsUndecided"]["count"], 1);
    let decided = w
        .call(
            &leader,
            "/api/proposals/decide",
            json!({ "id": first, "approve": true, "reason": "" }),
        )
        .await;
    assert_eq!(decided.status, 200, "{:?}", decided.body);
    let not_an_item = w
        .call(
            &leader,
            "/api/proposals/decide",
            json!({ "id": second, "approve": true, "reason": "" }),
        )
        .await;
    assert_eq!(
        problem(&not_an_item)["Proposal"]["status"],
        "NotRecommended"
    );
    assert_eq!(
        w.call(&leader, "/api/proposals/issue_list", issue.clone())
            .await
            .status,
        200
    );
    let twice = w.call(&leader, "/api/proposals/issue_list", issue).await;
    assert_eq!(problem(&twice), &json!("ListIssued"));

    // The item becomes a direct assignment to the council's host, in the council's words.
    let call = w
        .call(
            &w.officer,
            "/api/proposals/open_call",
            json!({ "id": first }),
        )
        .await;
    assert_eq!(call.status, 200, "{:?}", call.body);
    let c = w
        .call(&w.officer, "/api/calls/get", json!({ "id": call.body }))
        .await;
    assert_eq!(c.body["form"]["formation"], "OrderDirectAssignment");
    assert_eq!(c.body["form"]["designated_organisation_id"], json!(host));
    assert_eq!(c.body["form"]["title"], wording["title"]);
    assert!(c.body["form"]["summary"]
        .as_str()
        .unwrap()
        .contains("125/QĐ-SKHCN"));
    assert_eq!(c.body["publication_issues"], json!([]));
    let again = w
        .call(
            &w.officer,
            "/api/proposals/open_call",
            json!({ "id": first }),
        )
        .await;
    assert_eq!(problem(&again)["Proposal"]["status"], "Called");
    let list = w
        .call(
            &w.officer,
            "/api/proposals/list",
            json!({ "round_id": r.id, "query": "ca phe", "status": null, "page": 1 }),
        )
        .await;
    assert_eq!(list.body["proposals"]["total"], 2, "{:?}", list.body);
    assert_eq!(list.body["round"]["decision_number"], "125/QĐ-SKHCN");
}

#[tokio::test]
async fn a_round_takes_proposals_only_while_open_and_the_check_names_each_gap() {
    let w = World::new().await;
    let r = w.with_round().await;
    let leader = w.with_fund_people().await.leader;
    let mut form = proposal_form("Số hóa di sản văn hóa Ê Đê", "số hóa; di sản");
    form["wording"]["products"] = json!([]);
    form["duration_months"] = json!(0);
    let saved = w
        .call(
            &w.researcher,
            "/api/proposals/save",
            json!({ "id": null, "round_id": r.id, "form": form }),
        )
        .await;
    let id = saved.body.as_i64().unwrap();
    let view = w
        .call(&w.researcher, "/api/proposals/get", json!({ "id": id }))
        .await;
    let paths: Vec<&str> = view.body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["wording.products", "duration_months"]);
    let refused = w
        .call(&w.researcher, "/api/proposals/submit", json!({ "id": id }))
        .await;
    assert_eq!(refused.body["Invalid"]["field"], "wording.products");
    // A round past its deadline takes no new draft.
    let closed = w
        .call(
            &w.officer,
            "/api/proposals/save_round",
            json!({ "id": null, "form": {
                "title": "Đợt đã qua",
                "opens_at": (t0() - Duration::days(30)).to_rfc3339(),
                "closes_at": t0().to_rfc3339(),
            }}),
        )
        .await;
    let late = w
        .call(
            &w.other,
            "/api/proposals/save",
            json!({ "id": null, "round_id": closed.body, "form": proposal_form("Muộn", "x") }),
        )
        .await;
    assert_eq!((late.status, problem(&late)), (422, &json!("RoundClosed")));
    assert_eq!(late.body["Invalid"]["field"], "round_id");
    let withdrawn = w
        .call(
            &w.researcher,
            "/api/proposals/withdraw",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(withdrawn.status, 200, "{:?}", withdrawn.body);
    let mine = w
        .call(&w.researcher, "/api/proposals/mine", json!({ "page": 1 }))
        .await;
    assert_eq!(get(&mine.body, "items.0.status"), json!("Withdrawn"));
    // Only officers open rounds; the leader reads the lists; a researcher does not.
    let round = json!({ "id": null, "form": { "title": "x", "opens_at": t0().to_rfc3339(), "closes_at": t0().to_rfc3339() } });
    assert_eq!(
        w.call(&w.researcher, "/api/proposals/save_round", round.clone())
            .await
            .status,
        403
    );
    let same = w.call(&w.officer, "/api/proposals/save_round", round).await;
    assert_eq!(same.body["Invalid"]["field"], "closes_at");
    let list = json!({ "round_id": r.id, "query": "", "status": null, "page": 1 });
    assert_eq!(
        w.call(&leader, "/api/proposals/list", list.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        w.call(&w.researcher, "/api/proposals/list", list)
            .await
            .status,
        403
    );
    let _ = r.commune_org;
}

#[tokio::test]
async fn a_dossier_on_an_ordered_call_keeps_the_ordered_task_or_says_where_it_departs() {
    let w = World::new().await;
    let r = w.with_round().await;
    let leader = w.with_fund_people().await.leader;
    let id = w
        .propose(&r.commune, r.id, "Chế biến sâu cà phê Đắk Lắk")
        .await;
    w.identify(r.id, "q", &[(id, true)]).await;
    let wording = proposal_form("Chế biến sâu cà phê Đắk Lắk", "")["wording"].clone();
    let rec =
        json!({ "id": id, "recommendation": { "order": true, "wording": wording, "note": "" } });
    assert_eq!(
        w.call(&w.officer, "/api/proposals/recommend", rec)
            .await
            .status,
        200
    );
    let approve = json!({ "id": id, "approve": true, "reason": "" });
    assert_eq!(
        w.call(&leader, "/api/proposals/decide", approve)
            .await
            .status,
        200
    );
    let issue = json!({ "round_id": r.id, "decision_number": "7/QĐ-SKHCN" });
    assert_eq!(
        w.call(&leader, "/api/proposals/issue_list", issue)
            .await
            .status,
        200
    );
    let call = w
        .call(&w.officer, "/api/proposals/open_call", json!({ "id": id }))
        .await
        .body;
    let published = w
        .call(&w.officer, "/api/calls/publish", json!({ "id": call }))
        .await;
    assert_eq!(published.status, 200, "{:?}", published.body);

    let app = w
        .as_researcher("/api/applications/create", json!({ "call_id": call }))
        .await;
    let app = app.body.as_i64().unwrap();
    let mut form = serde_json::to_value(crate::world::complete_form("Chế biến cà phê")).unwrap();
    let save = |form: &Value| json!({ "id": app, "form": form });
    assert_eq!(
        w.as_researcher("/api/applications/save", save(&form))
            .await
            .status,
        200
    );
    let refused = w
        .as_researcher("/api/applications/submit", json!({ "id": app }))
        .await;
    assert_eq!(
        refused.body["Invalid"]["field"], "departures",
        "{:?}",
        refused.body
    );
    let flags = &problem(&refused)["Form"]["DepartsFromOrder"];
    assert_eq!(
        (flags["title"].clone(), flags["objectives"].clone()),
        (json!(true), json!(true))
    );
    let view = w
        .as_researcher("/api/applications/get", json!({ "id": app }))
        .await;
    assert_eq!(view.body["ordered"]["title"], "Chế biến sâu cà phê Đắk Lắk");
    form["departures"] =
        json!("Tập trung vào khâu sấy theo kết luận khảo sát; sản phẩm tương đương");
    assert_eq!(
        w.as_researcher("/api/applications/save", save(&form))
            .await
            .status,
        200
    );
    let sent = w
        .as_researcher("/api/applications/submit", json!({ "id": app }))
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
}

/// A round's list ranks a title that holds the query as typed, diacritics and all, before one
/// that holds it only once folded, whatever the case either was written in.
#[tokio::test]
async fn a_rounds_list_ranks_exact_matches_first_whatever_their_case() {
    let w = World::new().await;
    let r = w.with_round().await;
    let folded = w
        .propose(&w.researcher, r.id, "Nghiên cứu che bien ca phe đặc sản")
        .await;
    let exact = w
        .propose(&r.commune, r.id, "CHẾ BIẾN CÀ PHÊ Robusta cho hợp tác xã")
        .await;
    let body = json!({ "round_id": r.id, "query": "Chế biến cà phê", "status": null, "page": 1 });
    let list = w.call(&w.officer, "/api/proposals/list", body).await;
    let ids: Vec<i64> = list.body["proposals"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![exact, folded], "{:?}", list.body);
}
