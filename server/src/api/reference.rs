//! The OpenAPI document read back into the admin's API reference: each operation with its
//! request fields flattened (`cart.items[].unit_price`) and its answers. Pure: a JSON document
//! in, rows out.

use app::api::{ApiField, ApiOperation, ApiResponse};
use serde_json::Value;

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// The schema's type in words: its allowed values, or its JSON type(s) without `null`.
fn kind(schema: &Value) -> String {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    match &schema["type"] {
        Value::String(one) => one.clone(),
        Value::Array(many) => many
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "object".to_owned(),
    }
}

/// The schema without its `null` alternative (how the document writes an optional field).
fn non_null<'a>(doc: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(doc, schema);
    match schema.get("oneOf").and_then(Value::as_array) {
        Some(branches) => branches
            .iter()
            .map(|b| resolve(doc, b))
            .filter(|b| b["type"] != "null")
            .collect(),
        None => vec![schema],
    }
}

fn flatten(doc: &Value, schema: &Value, prefix: &str, required: bool, out: &mut Vec<ApiField>) {
    let forms = non_null(doc, schema);
    let several = forms.len() > 1;
    for (index, form) in forms.into_iter().enumerate() {
        let name = if several && prefix.is_empty() {
            format!("(form {})", index + 1)
        } else {
            prefix.to_owned()
        };
        if let Some(properties) = form.get("properties").and_then(Value::as_object) {
            let label_only = name.is_empty() || name.ends_with(')');
            if !label_only {
                out.push(field(&name, "object", required, form));
            }
            let needed: Vec<&str> = form["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (key, property) in properties {
                let path = match name.as_str() {
                    "" => key.clone(),
                    _ if name.ends_with(')') => format!("{name} {key}"),
                    _ => format!("{name}.{key}"),
                };
                flatten(doc, property, &path, needed.contains(&key.as_str()), out);
            }
        } else if let Some(items) = form.get("items") {
            out.push(field(&name, "array", required, form));
            flatten(doc, items, &format!("{name}[]"), true, out);
        } else if !name.is_empty() {
            out.push(field(&name, &kind(form), required, form));
        }
    }
}

fn field(name: &str, kind: &str, required: bool, schema: &Value) -> ApiField {
    ApiField {
        name: name.to_owned(),
        kind: kind.to_owned(),
        required,
        description: schema["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// Every operation of the document, in its paths' order.
pub fn operations(doc: &Value) -> Vec<ApiOperation> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let mut fields = Vec::new();
            if let Some(media) = operation["requestBody"]["content"].as_object() {
                if let Some((_, content)) = media.iter().next() {
                    flatten(doc, &content["schema"], "", true, &mut fields);
                }
            }
            let auth = operation["security"]
                .as_array()
                .and_then(|s| s.first())
                .and_then(Value::as_object)
                .and_then(|s| s.keys().next())
                .and_then(|name| doc["components"]["securitySchemes"][name]["description"].as_str())
                .map(str::to_owned);
            let responses = operation["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, response)| ApiResponse {
                    status: status.clone(),
                    description: response["description"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                })
                .collect();
            found.push(ApiOperation {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: operation["summary"].as_str().unwrap_or_default().to_owned(),
                description: operation["description"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                auth,
                fields,
                responses,
            });
        }
    }
    found
}
