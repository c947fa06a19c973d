//! The template editor page: the form on the left, the live preview on the right, and the save
//! bar above them.

use crate::nav::use_params_map;
use domain::TemplateDraft;
use leptos::prelude::*;
use leptos_meta::Title;

use super::appearance::Appearance;
use super::content_form::ContentForm;
use super::languages::LanguagePicker;
use super::problems::{ProblemList, Warnings};
use super::sample_preview::SamplePreview;
use super::state::EditorState;
use super::unsaved::guard_unsaved_changes;
use crate::api::{load_template_editor, SaveOutcome, SaveTemplate, TemplateEditorData};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditorTab {
    Appearance,
    Content,
}

/// `/templates/:id`: the form on the left, the live preview on the right.
#[component]
pub fn TemplateEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let shop = current_shop();
    let data = Resource::new(id, move |id| load_template_editor(shop.clone(), id));
    view! {
        <p>
            <a href=shop_path("/templates")>{move || i18n.t().templates.back}</a>
        </p>
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Editor data /> }.into_any(),
                    Err(AppError::NotFound) => {
                        view! { <p class="empty">{move || i18n.t().not_found_text}</p> }.into_any()
                    }
                    Err(_) => {
                        view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The same editor inside another page (the reminder wizard's third stage), for `template_id`.
#[component]
pub fn EmbeddedTemplateEditor(template_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let shop = current_shop();
    let data = Resource::new(
        move || template_id.clone(),
        move |id| load_template_editor(shop.clone(), id),
    );
    view! {
        <Suspense fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Editor data embedded=true /> }.into_any(),
                    Err(_) => {
                        view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Editor(data: TemplateEditorData, #[prop(optional)] embedded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    // The server picked the language to open (the shop's, if the template has it) and built
    // the sample in it, so the first render needs no round trip.
    let state = EditorState {
        draft: RwSignal::new(data.draft.clone()),
        language: RwSignal::new(data.sample.customer.language),
        problems: RwSignal::new(Vec::new()),
    };
    let saved = RwSignal::new(data.draft.clone());
    let dirty = Memo::new(move |_| state.draft.with(|d| saved.with(|s| d != s)));
    let tab = RwSignal::new(EditorTab::Content);
    guard_unsaved_changes(dirty, move || t().confirm_leave);
    let name = move || state.draft.with(|d| d.name.clone());
    let tab_button = move |which: EditorTab, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)
            >
                {move || label(i18n.t())}
            </button>
        }
    };

    view! {
        {(!embedded).then(|| view! { <Title text=crate::title::page_title(move || format!("{} · {}", name(), t().title)) /> })}
        <div class="editor-head">
            {if embedded {
                view! { <h2>{name}</h2> }.into_any()
            } else {
                view! { <h1>{name}</h1> }.into_any()
            }}
            <UsedBy used_by=data.used_by.clone() />
            <SaveBar state saved dirty />
        </div>
        <ProblemList state />
        // The sample discount's clock, so a test can ask the server for the very same email.
        <div
            class="editor"
            data-sample-now=data.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        >
            <section class="editor-form" aria-label=move || t().title>
                <label class="field">
                    <span>{move || t().name_label}</span>
                    <input
                        name="template-name"
                        maxlength="100"
                        prop:value=name
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            state.draft.update(|d| d.name = value);
                        }
                    />
                </label>
                <div class="editor-tabs" role="tablist">
                    {tab_button(EditorTab::Appearance, |t| t.templates.tab_appearance)}
                    {tab_button(EditorTab::Content, |t| t.templates.tab_content)}
                </div>
                <div role="tabpanel" hidden=move || tab.get() != EditorTab::Appearance>
                    <Appearance state />
                </div>
                <div role="tabpanel" hidden=move || tab.get() != EditorTab::Content>
                    <LanguagePicker state customer_languages=data.customer_languages.clone() />
                    <ContentForm state />
                </div>
                <Warnings state customer_languages=data.customer_languages.clone() />
            </section>
            <SamplePreview
                state
                template_id=data.draft.id.clone()
                sample=data.sample
                samples=data.samples
                now=data.now
            />
        </div>
    }
    .into_any()
}

/// "Used by 1 hour, 1 day", or that no reminder sends it.
#[component]
fn UsedBy(used_by: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    view! {
        <p class="used-by">
            {if used_by.is_empty() {
                view! { <span>{move || t().not_used}</span> }.into_any()
            } else {
                let list = used_by.join(", ");
                view! { <span>{move || t().used_by} " " {list.clone()}</span> }.into_any()
            }}
        </p>
    }
}

/// Saves the draft and says where it stands: saving, saved, unsaved, or what to fix.
#[component]
fn SaveBar(state: EditorState, saved: RwSignal<TemplateDraft>, dirty: Memo<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let save = ServerAction::<SaveTemplate>::new();
    let pending_save = StoredValue::new(None::<TemplateDraft>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(SaveOutcome::Saved { .. })) => {
            if let Some(draft) = pending_save.get_value() {
                saved.set(draft);
            }
            state.problems.set(Vec::new());
        }
        Some(Ok(SaveOutcome::Invalid { problems })) => state.problems.set(problems),
        _ => {}
    });
    let on_save = move |_| {
        let draft = state.draft.get_untracked();
        pending_save.set_value(Some(draft.clone()));
        save.dispatch(SaveTemplate {
            shop: current_shop(),
            draft,
        });
    };
    let save_status = move || {
        if save.pending().get() {
            return (t().saving.to_owned(), "saving");
        }
        match save.value().get() {
            Some(Err(_)) => (t().failed.to_owned(), "error"),
            Some(Ok(SaveOutcome::Invalid { .. })) => (t().fix_problems.to_owned(), "error"),
            _ if dirty.get() => (t().unsaved.to_owned(), "dirty"),
            Some(Ok(SaveOutcome::Saved { .. })) => (t().saved.to_owned(), "saved"),
            None => (String::new(), ""),
        }
    };
    view! {
        <div class="save-bar">
            <span class=move || format!("save-status {}", save_status().1) role="status">
                {move || save_status().0}
            </span>
            <button type="button" class="primary" on:click=on_save disabled=move || save.pending().get()>
                {move || t().save}
            </button>
        </div>
    }
}
