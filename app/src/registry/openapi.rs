//! The OpenAPI 3.1 document served at `GET /api/openapi.json`, built from the registry: every
//! server function as a `POST` with its input and output schemas (JSON Schema 2020-12, derived
//! from the Rust types) and its example, every download as a `GET`.

use super::{downloads, endpoints, Access, Body, Download, Endpoint};
use crate::error::AppError;
use aide::openapi::{
    ApiKeyLocation, Components, Info, MediaType, OpenApi, Operation, Parameter, ParameterData,
    ParameterSchemaOrContent, PathItem, PathStyle, Paths, QueryStyle, ReferenceOr, RequestBody,
    Response, Responses, SchemaObject, SecurityRequirement, SecurityScheme, StatusCode,
};
use domain::Lang;
use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator};

/// The statuses an endpoint answers besides success, each with the error's JSON body.
const REFUSALS: [(u16, &str); 9] = [
    (
        400,
        "The body is not the function's arguments (malformed JSON, a missing field).",
    ),
    (
        401,
        "Not signed in: no session cookie and no valid bearer token.",
    ),
    (403, "Signed in without the permission this call needs."),
    (404, "No such record, or none this person may see."),
    (413, "The body is larger than the server accepts."),
    (
        415,
        "The body is not in the content type the endpoint takes.",
    ),
    (
        422,
        "A value was refused; `Invalid.field` names it and `Invalid.problem` says why.",
    ),
    (
        429,
        "Too many attempts; retry after the number of seconds given.",
    ),
    (
        503,
        "The request lost a race for the database and changed nothing; send it again.",
    ),
];

/// Schemas as the document keeps them: JSON Schema 2020-12, each named type under
/// `components/schemas`.
pub fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator()
}

pub fn document() -> OpenApi {
    let mut g = generator();
    let error = g.subschema_for::<AppError>();
    let mut paths = Paths::default();
    for e in endpoints() {
        let post = operation(&e, &mut g, &error);
        let item = PathItem {
            post: Some(post),
            ..PathItem::default()
        };
        paths
            .paths
            .insert(e.path.to_string(), ReferenceOr::Item(item));
    }
    for d in downloads() {
        let item = PathItem {
            get: Some(download(&d, &mut g)),
            ..PathItem::default()
        };
        paths
            .paths
            .insert(d.path.to_string(), ReferenceOr::Item(item));
    }
    let mut components = Components::default();
    for (name, schema) in g.take_definitions(true) {
        let json_schema = Schema::try_from(schema).expect("schemars writes objects or booleans");
        components.schemas.insert(name, object(json_schema, None));
    }
    add_security_schemes(&mut components);
    OpenApi {
        openapi: "3.1.0".into(),
        info: Info {
            title: "Hệ thống quản lý nhiệm vụ KH&CN và Quỹ — API".into(),
            description: Some(description()),
            version: env!("CARGO_PKG_VERSION").into(),
            ..Info::default()
        },
        paths: Some(paths),
        components: Some(components),
        ..OpenApi::default()
    }
}

fn description() -> String {
    "Mọi chức năng của giao diện đều gọi được qua API: POST thân JSON (các đối số của hàm) tới \
     đường dẫn, xác thực bằng cookie phiên `sid` hoặc `Authorization: Bearer <mã>`. \
     Everything the interface does: POST the function's arguments as a JSON object, signed in \
     by the `sid` session cookie or an `Authorization: Bearer <token>` header."
        .into()
}

fn object(json_schema: Schema, example: Option<serde_json::Value>) -> SchemaObject {
    SchemaObject {
        json_schema,
        external_docs: None,
        example,
    }
}

fn media(schema: Schema, example: Option<serde_json::Value>) -> MediaType {
    MediaType {
        schema: Some(object(schema, None)),
        example,
        ..MediaType::default()
    }
}

fn operation(e: &Endpoint, g: &mut SchemaGenerator, error: &Schema) -> Operation {
    let content_type = match e.body {
        Body::Json => "application/json",
        Body::Multipart => "multipart/form-data",
    };
    let body = RequestBody {
        content: [(
            content_type.to_string(),
            media((e.input)(g), Some(e.example.clone())),
        )]
        .into_iter()
        .collect(),
        required: true,
        ..RequestBody::default()
    };
    let ok = Response {
        description: "Thành công / Success".into(),
        content: [("application/json".to_string(), media((e.output)(g), None))]
            .into_iter()
            .collect(),
        ..Response::default()
    };
    Operation {
        operation_id: Some(e.path.trim_start_matches("/api/").replace('/', "_")),
        tags: vec![e
            .path
            .trim_start_matches("/api/")
            .split('/')
            .next()
            .unwrap_or("api")
            .into()],
        summary: Some(e.summary.1.into()),
        description: Some(format!(
            "{}\n\nAi được gọi: {}. Who may call it: {}.",
            e.summary.0,
            e.access.label(Lang::Vi),
            e.access.label(Lang::En)
        )),
        request_body: Some(ReferenceOr::Item(body)),
        responses: Some(responses(ok, Some(error))),
        security: security(e.access),
        ..Operation::default()
    }
}

fn download(d: &Download, g: &mut SchemaGenerator) -> Operation {
    let schema = match d.schema {
        Some(schema) => schema(g),
        None => Schema::try_from(serde_json::json!({ "type": "string", "format": "binary" }))
            .expect("a literal object"),
    };
    let kinds: Vec<&str> = if d.content_type == downloads::STORED_FILE {
        domain::attachment::FileKind::ALL
            .iter()
            .map(|k| k.mime())
            .collect()
    } else {
        vec![d.content_type]
    };
    let ok = Response {
        description: "Tệp / The file".into(),
        content: kinds
            .into_iter()
            .map(|k| (k.to_string(), media(schema.clone(), None)))
            .collect(),
        ..Response::default()
    };
    let text = |t: &str| Schema::try_from(serde_json::json!({ "type": t })).expect("literal");
    let path = d.parameters().into_iter().map(|name| Parameter::Path {
        parameter_data: parameter(name, text("integer")),
        style: PathStyle::default(),
    });
    let query = d.query.iter().map(|name| Parameter::Query {
        parameter_data: ParameterData {
            required: false,
            ..parameter(name, text("string"))
        },
        allow_reserved: false,
        style: QueryStyle::default(),
        allow_empty_value: None,
    });
    Operation {
        operation_id: Some(format!(
            "get{}",
            d.path.replace(['/', '.', '{', '}', '-'], "_")
        )),
        tags: vec!["downloads".into()],
        summary: Some(d.summary.1.into()),
        description: Some(format!(
            "{}\n\nAi được tải: {}. Who may download it: {}.",
            d.summary.0,
            d.access.label(Lang::Vi),
            d.access.label(Lang::En)
        )),
        parameters: path.chain(query).map(ReferenceOr::Item).collect(),
        responses: Some(responses(ok, None)),
        security: security(d.access),
        ..Operation::default()
    }
}

fn parameter(name: &str, schema: Schema) -> ParameterData {
    ParameterData {
        name: name.into(),
        description: None,
        required: true,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(object(schema, None)),
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    }
}

/// Success, then every refusal with the error's body (downloads answer refusals as plain text).
fn responses(ok: Response, error: Option<&Schema>) -> Responses {
    let mut out = Responses::default();
    out.responses
        .insert(StatusCode::Code(200), ReferenceOr::Item(ok));
    for (code, why) in REFUSALS {
        // Bodies too large or of the wrong type are refused before the function, in plain text.
        let content = match error {
            Some(e) if code != 413 && code != 415 => {
                [("application/json".to_string(), media(e.clone(), None))]
                    .into_iter()
                    .collect()
            }
            _ => {
                let text = schemars::json_schema!({ "type": "string" });
                [("text/plain; charset=utf-8".to_string(), media(text, None))]
                    .into_iter()
                    .collect()
            }
        };
        let refusal = Response {
            description: why.into(),
            content,
            ..Response::default()
        };
        out.responses
            .insert(StatusCode::Code(code), ReferenceOr::Item(refusal));
    }
    out
}

/// No requirement for public calls; otherwise the session cookie or a bearer token.
fn security(access: Access) -> Vec<SecurityRequirement> {
    if access == Access::Public {
        return vec![SecurityRequirement::default()];
    }
    ["session", "token"]
        .into_iter()
        .map(|scheme| [(scheme.to_string(), Vec::new())].into_iter().collect())
        .collect()
}

/// The two ways to sign a request: the session cookie a sign-in sets, or an API token.
fn add_security_schemes(components: &mut Components) {
    let session = SecurityScheme::ApiKey {
        location: ApiKeyLocation::Cookie,
        name: crate::auth::server::SESSION_COOKIE.into(),
        description: Some(
            "Phiên đăng nhập (POST /api/auth/login) / The session a sign-in sets".into(),
        ),
        extensions: Default::default(),
    };
    let token = SecurityScheme::Http {
        scheme: "bearer".into(),
        bearer_format: Some("stk_…".into()),
        description: Some(
            "Mã truy cập tạo ở trang Tài khoản / A token made on the Account page".into(),
        ),
        extensions: Default::default(),
    };
    let schemes = &mut components.security_schemes;
    schemes.insert("session".into(), ReferenceOr::Item(session));
    schemes.insert("token".into(), ReferenceOr::Item(token));
}
