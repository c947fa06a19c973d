//! The editor's calls to the server: save, send a test, fetch a sample cart.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use super::super::model::sample_context;
use super::dom::{find, named_value, set};
use super::draw;
use super::state::{Handle, Status};
use crate::api::{load_preview_sample, save_template, send_test_email, SaveOutcome};
use crate::error::AppError;

/// Saves the draft as it is; says where it stands, and each problem beside its field.
pub fn save(root: Element, state: Handle) {
    let Some((shop, draft)) = state.try_update_value(|s| {
        s.status = Status::Saving;
        (s.shop.clone(), s.draft.clone())
    }) else {
        return;
    };
    state.with_value(|s| draw::status(&root, s));
    spawn_local(async move {
        let outcome = save_template(shop, draft.clone()).await;
        let updated = state.try_update_value(|s| match outcome {
            Ok(SaveOutcome::Saved) => {
                s.saved = draft;
                s.problems.clear();
                s.status = Status::Saved;
            }
            Ok(SaveOutcome::Invalid { problems }) => {
                s.problems = problems;
                s.status = Status::Invalid;
            }
            Err(_) => s.status = Status::Failed,
        });
        if updated.is_some() {
            state.with_value(|s| {
                draw::problems(&root, s);
                draw::status(&root, s);
            });
        }
    });
}

/// Sends the draft on screen, with the sample chosen, to the address typed.
pub fn send_test(root: Element, state: Handle) {
    let to = named_value(&root, "test-to").unwrap_or_default();
    let Some(call) = state.try_with_value(|s| {
        send_test_email(
            s.shop.clone(),
            s.draft.clone(),
            s.sample_id.clone(),
            s.language,
            s.discount,
            to,
        )
    }) else {
        return;
    };
    let button = find(&root, ".test-email button[type=\"submit\"]");
    if let Some(button) = &button {
        super::dom::flag(button, "disabled", true);
    }
    let texts = state.with_value(|s| s.texts);
    spawn_local(async move {
        let (text, class) = match call.await {
            Ok(address) => (format!("{} {address}", texts.test_sent), "ok"),
            Err(AppError::Invalid(message)) => (message, "error"),
            Err(_) => (texts.failed.to_owned(), "error"),
        };
        if let Some(line) = find(&root, ".test-email [role=\"status\"]") {
            line.set_text_content(Some(&text));
            set(&line, "class", class);
        }
        if let Some(button) = &button {
            super::dom::flag(button, "disabled", false);
        }
    });
}

/// Fetches the chosen sample cart in the language on screen, then previews with it.
pub fn fetch_sample(root: Element, state: Handle) {
    let Some((shop, sample, language, asked)) = state.try_update_value(|s| {
        s.sample_asked += 1;
        (
            s.shop.clone(),
            s.sample_id.clone(),
            s.language,
            s.sample_asked,
        )
    }) else {
        return;
    };
    spawn_local(async move {
        let Ok(context) = load_preview_sample(shop, sample, language).await else {
            return;
        };
        let latest = state.try_update_value(|s| {
            let latest = s.sample_asked == asked;
            if latest {
                s.sample = Some(sample_context(context, s.language, s.discount, s.now));
            }
            latest
        });
        if latest == Some(true) {
            state.with_value(|s| draw::preview(&root, s));
        }
    });
}
