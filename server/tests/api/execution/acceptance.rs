//! Acceptance: the final report, a council without the task's own people, ballots, the quorum.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

/// Acceptance: the final report and the host's self-evaluation, a council sized by the
/// rulebook without the task's own people, hidden ballots, the quorum, the 3/4 rule, the
/// minutes.
#[tokio::test]
async fn acceptance_needs_the_final_report_a_council_without_conflicts_and_a_quorum() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move {
            w.call(&who, "/api/execution/get", json!({ "contract_id": c }))
                .await
        }
    };
    let evidence_url = w.evidence_on_the_dossier(&get(&w.researcher).await).await;

    // Acceptance: the final report with evidence for each product; the host evaluates itself.
    let final_report = |evidence: Value| json!({ "contract_id": c, "final_report": "Báo cáo tổng hợp kết quả", "evidence": evidence });
    assert_eq!(w.call(&t.host, "/api/execution/self_evaluate", json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": "Pass", "comment": "" } })).await.body["Invalid"]["problem"]["Closeout"], "FinalReportMissing");
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/submit_final", final_report(json!([])))
                .await
        ),
        "evidence"
    );
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/submit_final", final_report(json!([" "])))
                .await
        ),
        "evidence.0"
    );
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/submit_final",
            final_report(json!(["BC số 12"]))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.as_researcher(
            "/api/execution/submit_final",
            final_report(json!(["Báo cáo số 12/2028, lưu tại Viện"]))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &w.as_researcher("/api/execution/submit_final", final_report(json!(["x"])))
                .await
        ),
        "FinalReportAlreadySubmitted"
    );
    let self_eval = |task: &str| json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": task, "comment": "Hoàn thành" } });
    assert_eq!(
        w.call(
            &w.researcher,
            "/api/execution/self_evaluate",
            self_eval("Pass")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.call(
            &t.host,
            "/api/execution/self_evaluate",
            self_eval("Excellent")
        )
        .await
        .body["Invalid"]["problem"]["Acceptance"],
        "ExcellentNeedsExcellentProducts"
    );
    assert_eq!(
        w.call(&t.host, "/api/execution/self_evaluate", self_eval("Pass"))
            .await
            .status,
        200
    );

    // The council: sized by the rulebook (5 to 9), never the task's own leader.
    let people = w.council_members(5).await;
    let emails: Vec<&str> = people.iter().map(|(e, _)| e.as_str()).collect();
    let name = |list: Value| json!({ "contract_id": c, "emails": list });
    assert_eq!(
        w.call(
            &w.researcher,
            "/api/execution/name_council",
            name(json!(emails))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/name_council",
            name(json!(emails[..4]))
        )
        .await
        .body["Invalid"]["problem"]["Acceptance"]["MembersOutOfRange"]["min"],
        5
    );
    let mut with_leader = emails.clone();
    with_leader[4] = "nkh@vien.vn";
    assert_eq!(
        problem(
            &w.call(
                &w.officer,
                "/api/execution/name_council",
                name(json!(with_leader))
            )
            .await
        ),
        "Conflicted"
    );
    // Nor anyone of its host organisation.
    let mut with_host = emails.clone();
    with_host[0] = "chutri@vien.vn";
    let host_seat = w
        .call(
            &w.officer,
            "/api/execution/name_council",
            name(json!(with_host)),
        )
        .await;
    assert_eq!(problem(&host_seat), "Conflicted");
    assert_eq!(field(&host_seat), "emails.0");
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/name_council",
            name(json!(emails))
        )
        .await
        .status,
        200
    );
    // The council reads the evidence; others still do not.
    assert_eq!(
        crate::attachments::download(&w.app, &people[0].1, &evidence_url)
            .await
            .0,
        200
    );
    assert_eq!(
        crate::attachments::download(&w.app, &w.other, &evidence_url)
            .await
            .0,
        404
    );
    let ballot = |product: &str, task: &str| json!({ "contract_id": c, "ballot": { "products": [product], "task": task, "comment": "" } });
    assert_eq!(
        w.call(&w.other, "/api/execution/vote", ballot("Pass", "Pass"))
            .await
            .status,
        404
    );
    assert!(
        todos(&w.call(&people[0].1, "/api/home/todos", json!({})).await).contains("CastBallots")
    );
    // Three ballots are below the quorum of 4 (2/3 of 5, rounded up).
    for (_, m) in &people[..3] {
        assert_eq!(
            w.call(m, "/api/execution/vote", ballot("Excellent", "Excellent"))
                .await
                .status,
            200
        );
    }
    let early = w
        .call(
            &w.officer,
            "/api/execution/conclude",
            json!({ "contract_id": c }),
        )
        .await;
    assert_eq!(
        early.body["Invalid"]["problem"]["Acceptance"]["NoQuorum"]["needed"], 4,
        "{:?}",
        early.body
    );
    assert_eq!(
        w.call(&people[3].1, "/api/execution/vote", ballot("Pass", "Pass"))
            .await
            .status,
        200
    );
    assert_eq!(
        problem(
            &w.call(
                &w.officer,
                "/api/execution/name_council",
                name(json!(emails))
            )
            .await
        )["Closeout"],
        "AlreadyConcluded"
    );
    // Ratings stay hidden until the verdict.
    assert!(get(&people[0].1).await.body["verdict"].is_null());
    let verdict = w
        .call(
            &w.officer,
            "/api/execution/conclude",
            json!({ "contract_id": c }),
        )
        .await;
    assert_eq!(verdict.status, 200, "{:?}", verdict.body);
    // 3 of 4 rated Excellent: exactly the 3/4 rule.
    assert_eq!(verdict.body, "Excellent");
    // The minutes: the tally per product and for the task, as a PDF for whoever reads the
    // contract.
    let seen = get(&w.officer).await;
    assert_eq!(seen.body["tally"], json!([[3, 1, 0], [3, 1, 0]]));
    let minutes = format!("/exports/contracts/{c}/acceptance.pdf");
    let (status, pdf, _) = crate::attachments::download(&w.app, &people[0].1, &minutes).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        crate::attachments::download(&w.app, &w.other, &minutes)
            .await
            .0,
        404
    );
    assert_eq!(
        blocked(
            &w.call(&people[4].1, "/api/execution/vote", ballot("Pass", "Pass"))
                .await
        ),
        "AlreadyConcluded"
    );
    assert_eq!(blocked(&w.call(&w.officer, "/api/execution/record_cause", json!({ "contract_id": c, "cause": "ForceMajeure", "compliance": { "procedures_followed": true, "no_fraud": true, "no_intentional_violation": true, "funds_used_on_purpose": true }, "evidence": "x" })).await), "NotFailed");
}
