//! The OpenAPI document (`/api/v1/openapi.json`) against the handlers: every operation it
//! describes answers at its path, and the bodies the handlers accept, and their answers, match
//! the schemas it gives (checked by a small JSON Schema reader below), so a handler whose types
//! drift from the document fails here.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{cart_updated, TestApp};

async fn document(app: &TestApp) -> Value {
    let served = app.get("/api/v1/openapi.json", "en").await;
    assert_eq!(served.status, StatusCode::OK);
    serde_json::from_str(&served.body).unwrap()
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            let target = &doc["components"]["schemas"][name];
            assert!(!target.is_null(), "{reference} is not in the document");
            resolve(doc, target)
        }
        None => schema,
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

/// Where `value` departs from `schema`: wrong types, missing required fields, and fields the
/// schema does not know (a field a handler reads but the document misses).
fn problems(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let schema = resolve(doc, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let fits = branches
                .iter()
                .any(|branch| problems(doc, branch, value, at).is_empty());
            return if fits {
                Vec::new()
            } else {
                vec![format!("{at}: fits none of the {key} branches")]
            };
        }
    }
    let mut found = Vec::new();
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for part in all {
            found.extend(problems(doc, part, value, at));
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !types.iter().any(|t| type_matches(t, value)) {
        found.push(format!("{at}: {value} is not {types:?}"));
        return found;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            found.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let (Some(fields), Some(properties)) = (value.as_object(), schema.get("properties")) {
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap();
            if !fields.contains_key(name) {
                found.push(format!("{at}.{name}: required by the document, missing"));
            }
        }
        for (name, field) in fields {
            match properties.get(name) {
                Some(property) => {
                    found.extend(problems(doc, property, field, &format!("{at}.{name}")))
                }
                None => found.push(format!("{at}.{name}: not in the document")),
            }
        }
    }
    if let (Some(items), Some(item_schema)) = (value.as_array(), schema.get("items")) {
        for (index, item) in items.iter().enumerate() {
            found.extend(problems(doc, item_schema, item, &format!("{at}[{index}]")));
        }
    }
    found
}

fn request_schema<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    let content = &doc["paths"][path][method]["requestBody"]["content"];
    let (_, media) = content
        .as_object()
        .and_then(|media| media.iter().next())
        .unwrap_or_else(|| panic!("{method} {path} documents no request body"));
    &media["schema"]
}

fn response_schema<'a>(doc: &'a Value, path: &str, method: &str, status: &str) -> &'a Value {
    &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
}

#[tokio::test]
async fn every_documented_operation_answers_at_its_path() {
    let app = TestApp::spawn(Some(0)).await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 9, "{:?}", paths.keys());
    for (path, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            let url = path
                .replace("{code}", "RLC-NONE")
                .replace("{key}", "pk_none")
                .replace("{shop}", "demo");
            let request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(&url)
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let answer = app.request(request).await;
            assert!(
                answer.status != StatusCode::NOT_FOUND
                    || answer.content_type.starts_with("application/json"),
                "{method} {path}: no such route ({})",
                answer.status
            );
            assert_ne!(
                answer.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert!(
                answer.status.is_client_error(),
                "{method} {path}: {}",
                answer.status
            );
        }
    }
}

#[tokio::test]
async fn the_bodies_the_handlers_accept_and_their_answers_match_the_document() {
    let app = TestApp::spawn(Some(0)).await;
    let doc = document(&app).await;
    let key = app.api_key().await;

    let one = cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1);
    let batch = json!({"events": [cart_updated("e2", "web-2", "2026-11-23T08:31:00Z", 2)]});
    let events_schema = request_schema(&doc, "/api/v1/events", "post");
    for body in [&one, &batch] {
        assert_eq!(
            problems(&doc, events_schema, body, "body"),
            Vec::<String>::new()
        );
        let answer = app.post_events(&key, body.clone()).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
        let answer: Value = serde_json::from_str(&answer.body).unwrap();
        let schema = response_schema(&doc, "/api/v1/events", "post", "202");
        assert_eq!(
            problems(&doc, schema, &answer, "answer"),
            Vec::<String>::new()
        );
    }

    let refused = json!({"id": "e3", "type": "cart_updated", "occurred_at": "2026-11-23T08:30:00Z",
        "cart": {"id": "web-3", "currency": "EUR", "total_tax_incl": "1", "total_tax_excl": "1",
                 "items": [{"sku": "a", "name": "A", "unit_price": "1", "quantity": "two"}]}});
    assert_eq!(
        problems(&doc, events_schema, &refused, "body"),
        ["body: fits none of the oneOf branches"]
    );
    let answer = app.post_events(&key, refused).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = serde_json::from_str(&answer.body).unwrap();
    let schema = response_schema(&doc, "/api/v1/events", "post", "422");
    assert_eq!(
        problems(&doc, schema, &answer, "answer"),
        Vec::<String>::new()
    );

    let privacy = json!({"email": "john@example.com"});
    let privacy_schema = request_schema(&doc, "/api/v1/privacy/erase", "post");
    assert_eq!(
        problems(&doc, privacy_schema, &privacy, "body"),
        Vec::<String>::new()
    );
    let erased = app
        .request(
            Request::post("/api/v1/privacy/erase")
                .header("authorization", format!("Bearer {key}"))
                .header("content-type", "application/json")
                .body(Body::from(privacy.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    let erased: Value = serde_json::from_str(&erased.body).unwrap();
    let schema = response_schema(&doc, "/api/v1/privacy/erase", "post", "200");
    assert_eq!(
        problems(&doc, schema, &erased, "answer"),
        Vec::<String>::new()
    );

    let tracker = json!({"id": "t1", "type": "cart_updated",
        "cart": {"id": "abc", "currency": "EUR", "total": "59.80", "url": "https://shop.example/cart",
                 "items": [{"sku": "MUG-1", "name": "Mug", "unit_price": "29.90", "quantity": 2}]},
        "customer": {"email": "lea@example.com", "first_name": "Léa", "language": "fr"}});
    let tracker_schema = &doc["paths"]["/api/v1/tracker/{key}"]["post"]["requestBody"]["content"]
        ["text/plain"]["schema"];
    assert_eq!(
        problems(&doc, tracker_schema, &tracker, "body"),
        Vec::<String>::new()
    );

    let redeem = json!({"order_id": "A-1", "email": "john@example.com", "cart_total": "69.51"});
    let redeem_schema = request_schema(&doc, "/api/v1/coupons/{code}/redeem", "post");
    assert_eq!(
        problems(&doc, redeem_schema, &redeem, "body"),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn the_admin_reference_reads_the_document_for_owners_only() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@boutique.example", "demo", domain::team::Role::Staff)
        .await;
    let page = app.get_as(&owner, "/s/demo/connect/api").await;
    let operations = app.call_form(&owner, "load_api_reference", &[]).await;
    let refused = app.call_form(&staff, "load_api_reference", &[]).await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("/api/v1/tracker/{key}"), "{}", page.body);
    let operations: Value = serde_json::from_str(&operations.body).unwrap();
    let events = operations
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["path"] == "/api/v1/events")
        .unwrap();
    assert_eq!(events["method"], "POST");
    let names: Vec<&str> = events["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"(form 1) events[].cart.items[].unit_price"),
        "{names:?}"
    );
    assert!(names.contains(&"(form 2) customer.email"), "{names:?}");
    assert!(events["auth"].as_str().unwrap().contains("rlk_"));
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
