//! Attachments: accepted by content, bounded in size and number, only on a dossier its owner
//! may still change, readable by whoever may read the dossier, listed in every submitted
//! version; and the officer's Excel export.

use crate::helpers::{Reply, TestApp};
use crate::world::{t0, World};
use chrono::Duration;
use domain::attachment::UploadPolicy;
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
/// A Windows program's first bytes.
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";

pub(crate) async fn upload(
    w: &World,
    client: &reqwest::Client,
    id: i64,
    document: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Reply {
    let form = reqwest::multipart::Form::new()
        .text("application_id", id.to_string())
        .text("document", document.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let res = client
        .post(format!(
            "{}/api/applications/attachments/upload",
            w.app.base
        ))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    Reply {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

pub async fn download(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (u16, Vec<u8>, String) {
    let res = client
        .get(format!("{}{}", app.base, path))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let disposition = res
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    (status, res.bytes().await.unwrap().to_vec(), disposition)
}

/// The text of an .xlsx workbook: its shared strings and its sheets' XML, one after another.
pub fn xlsx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if name.ends_with(".xml") && name.starts_with("xl/") {
            part.read_to_string(&mut text).unwrap();
        }
    }
    text
}

fn file_problem(r: &Reply) -> &Value {
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert_eq!(r.body["Invalid"]["field"], "file", "{:?}", r.body);
    &r.body["Invalid"]["problem"]["File"]
}

#[tokio::test]
async fn files_are_judged_by_content_and_kept_with_each_version() {
    let w = World::new().await;
    let id = w.draft("Hồ sơ có tệp").await;

    let ok = upload(
        &w,
        &w.researcher,
        id,
        "Thuyết minh",
        "Thuyết minh.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert_eq!(ok.body["content_type"], "application/pdf");
    let first = ok.body["id"].as_i64().unwrap();

    // A program named .pdf, a PDF named .docx, an empty file, a document the call does not ask
    // for: each refused with its reason, nothing kept.
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, id, "", "hoa-don.pdf", EXE.to_vec()).await),
        "NotAccepted"
    );
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, id, "", "tm.docx", PDF.to_vec()).await)
            ["NameDoesNotMatchContent"]["content"],
        "Pdf"
    );
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, id, "", "rong.pdf", Vec::new()).await),
        "Empty"
    );
    let unknown = upload(
        &w,
        &w.researcher,
        id,
        "Giấy phép lái xe",
        "a.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(unknown.body["Invalid"]["field"], "document");

    // Only the owner uploads; others' dossiers do not exist for them.
    assert_eq!(
        upload(&w, &w.other, id, "", "a.pdf", PDF.to_vec())
            .await
            .status,
        404
    );
    assert_eq!(
        upload(&w, &w.officer, id, "", "a.pdf", PDF.to_vec())
            .await
            .status,
        403
    );
    assert_eq!(
        upload(&w, &w.app.new_client(), id, "", "a.pdf", PDF.to_vec())
            .await
            .status,
        401
    );

    let view = w
        .as_researcher("/api/applications/get", json!({ "id": id }))
        .await;
    assert_eq!(view.body["attachments"].as_array().unwrap().len(), 1);
    assert_eq!(view.body["required_documents"], json!(["Thuyết minh"]));

    // Downloads: the owner, not another researcher, not an officer before submission.
    let path = format!("/files/attachments/{first}");
    let (status, bytes, disposition) = download(&w.app, &w.researcher, &path).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert!(
        disposition.contains("filename*=UTF-8''Thuy%E1%BA%BFt%20minh.pdf"),
        "{disposition}"
    );
    assert_eq!(download(&w.app, &w.other, &path).await.0, 404);
    assert_eq!(download(&w.app, &w.officer, &path).await.0, 404);
    assert_eq!(download(&w.app, &w.app.new_client(), &path).await.0, 401);

    let submitted = w
        .as_researcher("/api/applications/submit", json!({ "id": id }))
        .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    assert_eq!(download(&w.app, &w.officer, &path).await.0, 200);

    // A submitted dossier's files are fixed.
    let late = upload(&w, &w.researcher, id, "", "b.pdf", PDF.to_vec()).await;
    assert_eq!(late.status, 422);
    assert_eq!(late.body["Invalid"]["field"], "status");
    assert_eq!(
        w.as_researcher(
            "/api/applications/attachments/remove",
            json!({ "id": first })
        )
        .await
        .status,
        422
    );

    // Returned: the researcher replaces the file and resubmits; the officer sees the swap.
    let returned = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/decide",
            json!({ "id": id, "decision": { "Return": { "reasons": "Thuyết minh thiếu chữ ký.", "deadline": t0() + Duration::days(3) } } }),
        )
        .await;
    assert_eq!(returned.status, 200, "{:?}", returned.body);
    assert_eq!(
        w.as_researcher(
            "/api/applications/attachments/remove",
            json!({ "id": first })
        )
        .await
        .status,
        200
    );
    let signed: Vec<u8> = [PDF, b"% signed\n"].concat();
    assert_eq!(
        upload(
            &w,
            &w.researcher,
            id,
            "Thuyết minh",
            "Thuyết minh (đã ký).pdf",
            signed
        )
        .await
        .status,
        200
    );
    assert_eq!(
        w.as_researcher("/api/applications/submit", json!({ "id": id }))
            .await
            .status,
        200
    );
    let versions = w
        .app
        .call_with(
            &w.officer,
            "/api/applications/versions",
            json!({ "id": id }),
        )
        .await;
    let changes = versions.body[0]["changes"].as_array().unwrap();
    let files: Vec<&Value> = changes
        .iter()
        .filter(|c| c["path"] == "attachments")
        .collect();
    assert_eq!(files.len(), 2, "{changes:?}");
    assert_eq!(files[0]["after"], "Thuyết minh: Thuyết minh (đã ký).pdf");
    assert_eq!(files[1]["before"], "Thuyết minh: Thuyết minh.pdf");
    // The replaced file stays readable: version 1 lists it.
    assert_eq!(download(&w.app, &w.officer, &path).await.0, 200);

    // The officer's export of the call is a real workbook; it is accepted back as an upload.
    let export = format!("/exports/calls/{}/applications.xlsx", w.call_id);
    let (status, xlsx, disposition) = download(&w.app, &w.officer, &export).await;
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    assert!(disposition.contains(".xlsx"), "{disposition}");
    assert_eq!(download(&w.app, &w.researcher, &export).await.0, 403);
    // A script with the officer's token gets the same file, without any cookie.
    let token = w
        .app
        .call_with(
            &w.officer,
            "/api/tokens/create",
            json!({ "name": "Báo cáo tuần" }),
        )
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_string();
    let scripted = reqwest::Client::new()
        .get(format!("{}{export}", w.app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(scripted.status(), 200);
    assert!(scripted.bytes().await.unwrap().starts_with(b"PK\x03\x04"));
    assert_eq!(
        download(&w.app, &w.officer, &format!("{export}?status=draft"))
            .await
            .0,
        422
    );
    assert_eq!(
        download(&w.app, &w.officer, "/exports/calls/999/applications.xlsx")
            .await
            .0,
        404
    );
    let other = w.draft("Hồ sơ thứ hai").await;
    let back = upload(&w, &w.researcher, other, "", "du-toan.xlsx", xlsx.clone()).await;
    assert_eq!(back.status, 200, "{:?}", back.body);
    assert_eq!(
        back.body["content_type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, other, "", "du-toan.pdf", xlsx).await)
            ["NameDoesNotMatchContent"]["content"],
        "Xlsx"
    );
}

#[tokio::test]
async fn size_and_count_limits_hold() {
    let w = World::with(TestApp::builder().uploads(UploadPolicy {
        max_bytes: 1024,
        max_files: 2,
    }))
    .await;
    let id = w.draft("Hồ sơ giới hạn").await;
    let pdf_of = |len: usize| {
        let mut b = PDF.to_vec();
        b.resize(len, b' ');
        b
    };
    assert_eq!(
        upload(&w, &w.researcher, id, "", "vua.pdf", pdf_of(1024))
            .await
            .status,
        200
    );
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, id, "", "to.pdf", pdf_of(1025)).await)["TooLarge"]
            ["max_bytes"],
        1024
    );
    // Far over the limit, the body itself is refused before it is read.
    assert_eq!(
        upload(&w, &w.researcher, id, "", "lon.pdf", pdf_of(200 * 1024))
            .await
            .status,
        413
    );
    assert_eq!(
        upload(&w, &w.researcher, id, "", "hai.pdf", pdf_of(10))
            .await
            .status,
        200
    );
    assert_eq!(
        file_problem(&upload(&w, &w.researcher, id, "", "ba.pdf", pdf_of(10)).await)
            ["TooManyFiles"]["max_files"],
        2
    );
    let view = w
        .as_researcher("/api/applications/get", json!({ "id": id }))
        .await;
    assert_eq!(view.body["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(view.body["max_upload_bytes"], 1024);
}
