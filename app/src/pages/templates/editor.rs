use domain::email::{language_warnings, render, warnings, DraftTexts, SampleDiscount};
use domain::{ContentDraft, DraftProblem, HexColor, Language, Layout, TemplateDraft};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use super::content_form::ContentForm;
use super::preview::{Preview, Rendered, Width};
use crate::api::{
    load_preview_sample, load_template_editor, SaveOutcome, SaveTemplate, SendTestEmail,
    TemplateEditorData, DEMO_SAMPLE,
};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::confirm;

/// Languages offered when adding one, besides those of the shop's customers.
const COMMON_LANGUAGES: [&str; 7] = ["fr", "en", "de", "es", "it", "nl", "pt"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditorTab {
    Appearance,
    Content,
}

/// The editor's state, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct EditorState {
    pub draft: RwSignal<TemplateDraft>,
    pub language: RwSignal<Language>,
    pub problems: RwSignal<Vec<DraftProblem>>,
}

impl EditorState {
    /// Changes the content of the language being edited.
    pub fn update(&self, change: impl FnOnce(&mut ContentDraft)) {
        let language = self.language.get_untracked();
        self.draft.update(|draft| {
            if let Some(content) = draft.contents.get_mut(&language) {
                change(content);
            }
        });
    }

    /// Reads the content of the language being edited (reactive).
    pub fn read<T: Default>(&self, get: impl FnOnce(&ContentDraft) -> T) -> T {
        let language = self.language.get();
        self.draft
            .with(|draft| draft.contents.get(&language).map(get).unwrap_or_default())
    }

    /// The saved-state problem of `field` in the current language, if the last save found one.
    pub fn problem(&self, field: &str) -> Option<String> {
        let language = self.language.get();
        self.problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.field == field && p.language.is_none_or(|l| l == language))
                .map(|p| p.message.clone())
        })
    }
}

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        window().performance().map(|p| p.now()).unwrap_or(0.0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// `/templates/:id`: the form on the left, the live preview on the right.
#[component]
pub fn TemplateEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, load_template_editor);
    view! {
        <p>
            <A href="/templates">{move || i18n.t().templates.back}</A>
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
    let data = Resource::new(move || template_id.clone(), load_template_editor);
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
    let first_language = data.sample.customer.language;
    let state = EditorState {
        draft: RwSignal::new(data.draft.clone()),
        language: RwSignal::new(first_language),
        problems: RwSignal::new(Vec::new()),
    };
    let saved = RwSignal::new(data.draft.clone());
    let dirty = Memo::new(move |_| state.draft.with(|d| saved.with(|s| d != s)));
    let tab = RwSignal::new(EditorTab::Content);
    let width = RwSignal::new(Width::Desktop);
    let sample_id = RwSignal::new(DEMO_SAMPLE.to_owned());
    let discount = RwSignal::new(SampleDiscount::Percent);
    let now = data.now;
    let template_id = data.draft.id.clone();

    // The sample cart follows the chosen cart and the language being edited.
    let context = RwSignal::new(data.sample.clone());
    let fetch_sample = Action::new(|(sample, language): &(String, Language)| {
        load_preview_sample(sample.clone(), *language)
    });
    Effect::watch(
        move || (sample_id.get(), state.language.get()),
        move |(sample, language), _, _| {
            fetch_sample.dispatch((sample.clone(), *language));
        },
        false,
    );
    Effect::new(move |_| {
        if let Some(Ok(sample)) = fetch_sample.value().get() {
            context.set(sample);
        }
    });

    let rendered = Memo::new(move |_| {
        let template = state.draft.with(TemplateDraft::preview);
        let mut sample = context.get();
        sample.customer.language = state.language.get();
        sample.discount = discount.get().offer(now);
        let started = now_ms();
        let email = render(&template, &sample).map_err(|e| e.to_string());
        let micros = ((now_ms() - started) * 1000.0).max(0.0) as u64;
        Rendered { email, micros }
    });

    let customer_languages = StoredValue::new(data.customer_languages.clone());
    let live_warnings = move || {
        let content_warnings = state.read(|c| {
            warnings(&DraftTexts {
                subject: &c.subject,
                body: &c.body,
                discount_text: &c.discount_text,
                button_text: &c.button_text,
                unsubscribe_text: &c.unsubscribe_text,
            })
        });
        let filled: Vec<Language> = state.draft.with(|d| d.contents.keys().copied().collect());
        let mut all = content_warnings;
        all.extend(customer_languages.with_value(|langs| language_warnings(&filled, langs)));
        all
    };

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
        save.dispatch(SaveTemplate { draft });
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

    guard_unsaved_changes(dirty, move || t().confirm_leave);

    let used_by = data.used_by.clone();
    let samples = StoredValue::new(data.samples.clone());
    let name = move || state.draft.with(|d| d.name.clone());
    let preview_href = {
        let template_id = template_id.clone();
        move || {
            format!(
                "/admin/templates/{template_id}/preview?sample={}&lang={}&discount={}",
                sample_id.get(),
                state.language.get().code(),
                discount.get().as_str()
            )
        }
    };

    view! {
        {(!embedded).then(|| view! { <Title text=move || format!("{} · {}", name(), t().title) /> })}
        <div class="editor-head">
            {if embedded {
                view! { <h2>{name}</h2> }.into_any()
            } else {
                view! { <h1>{name}</h1> }.into_any()
            }}
            <p class="used-by">
                {if used_by.is_empty() {
                    view! { <span>{move || t().not_used}</span> }.into_any()
                } else {
                    let list = used_by.join(", ");
                    view! { <span>{move || t().used_by} " " {list.clone()}</span> }.into_any()
                }}
            </p>
            <div class="save-bar">
                <span class=move || format!("save-status {}", save_status().1) role="status">
                    {move || save_status().0}
                </span>
                <button type="button" class="primary" on:click=on_save disabled=move || save.pending().get()>
                    {move || t().save}
                </button>
            </div>
        </div>
        <ProblemList state />
        // The sample discount's clock, so a test can ask the server for the very same email.
        <div
            class="editor"
            data-sample-now=now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
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
                    <button
                        type="button"
                        role="tab"
                        aria-selected=move || (tab.get() == EditorTab::Appearance).to_string()
                        on:click=move |_| tab.set(EditorTab::Appearance)
                    >
                        {move || t().tab_appearance}
                    </button>
                    <button
                        type="button"
                        role="tab"
                        aria-selected=move || (tab.get() == EditorTab::Content).to_string()
                        on:click=move |_| tab.set(EditorTab::Content)
                    >
                        {move || t().tab_content}
                    </button>
                </div>
                <div role="tabpanel" hidden=move || tab.get() != EditorTab::Appearance>
                    <Appearance state />
                </div>
                <div role="tabpanel" hidden=move || tab.get() != EditorTab::Content>
                    <LanguagePicker state customer_languages=data.customer_languages.clone() />
                    <ContentForm state />
                </div>
                <section class="warnings" aria-live="polite">
                    <h2>{move || t().warnings_title}</h2>
                    {move || {
                        let found = live_warnings();
                        if found.is_empty() {
                            view! { <p class="ok">{move || t().no_warnings}</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {found
                                        .iter()
                                        .map(|w| view! { <li>{(t().warning)(w)}</li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                </section>
            </section>
            <section class="editor-preview" aria-label=move || t().preview_title>
                <div class="preview-options">
                    <label>
                        <span>{move || t().sample_label}</span>
                        <select
                            name="sample"
                            on:change=move |ev| sample_id.set(event_target_value(&ev))
                            prop:value=move || sample_id.get()
                        >
                            <option value=DEMO_SAMPLE>{move || t().sample_demo}</option>
                            {samples
                                .get_value()
                                .into_iter()
                                .map(|s| view! { <option value=s.id.clone()>{s.label.clone()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || t().sample_discount_label}</span>
                        <select
                            name="sample-discount"
                            on:change=move |ev| {
                                if let Some(d) = SampleDiscount::parse(&event_target_value(&ev)) {
                                    discount.set(d);
                                }
                            }
                            prop:value=move || discount.get().as_str()
                        >
                            {SampleDiscount::ALL
                                .into_iter()
                                .map(|d| view! { <option value=d.as_str()>{move || (t().sample_discount)(d)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <a href=preview_href target="_blank" rel="noopener">{move || t().open_saved}</a>
                </div>
                <Preview rendered width />
                <TestEmail state sample_id discount />
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn ProblemList(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    move || {
        {
        let problems = state.problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div class="error" role="alert">
                    <p>{move || t().fix_problems}</p>
                    <ul>
                        {problems
                            .into_iter()
                            .map(|p| {
                                let language = p.language.map(|l| format!("[{}] ", l.code().to_uppercase())).unwrap_or_default();
                                view! { <li>{language} {(t().field)(&p.field)} " : " {p.message}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
    .into_any()
    }
}

#[component]
fn Appearance(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let layout = move || state.draft.with(|d| d.layout);
    let color_field = move |label: fn(&crate::i18n::Texts) -> &'static str,
                            key: &'static str,
                            primary: bool| {
        let label = move || label(i18n.t());
        let value = move || {
            state.draft.with(|d| {
                if primary {
                    d.primary_color.clone()
                } else {
                    d.secondary_color.clone()
                }
            })
        };
        let set = move |text: String| {
            state.draft.update(|d| {
                if primary {
                    d.primary_color = text;
                } else {
                    d.secondary_color = text;
                }
            })
        };
        let error = move || HexColor::parse(&value()).err().map(|e| e.message);
        // The picker only understands lower-case #rrggbb; it shows black while the text is invalid.
        let picker = move || {
            HexColor::parse(&value())
                .map(|c| c.as_str().to_ascii_lowercase())
                .unwrap_or_else(|_| "#000000".into())
        };
        view! {
            <div class="field color-field">
                <span>{label}</span>
                <input
                    type="color"
                    name=format!("{key}-picker")
                    aria-label=label
                    prop:value=picker
                    on:input=move |ev| set(event_target_value(&ev).to_ascii_uppercase())
                />
                <input
                    name=key
                    maxlength="7"
                    aria-label=label
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=value
                    on:input=move |ev| set(event_target_value(&ev))
                />
                {move || error().map(|m| view! { <span class="field-error">{m}</span> })}
                {move || state.problem(key).map(|m| view! { <span class="field-error">{m}</span> })}
            </div>
        }
    };
    view! {
        <fieldset class="layouts">
            <legend>{move || t().design_label}</legend>
            {Layout::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <label class="layout-choice">
                            <input
                                type="radio"
                                name="layout"
                                value=option.as_str()
                                prop:checked=move || layout() == option
                                on:change=move |_| state.draft.update(|d| d.layout = option)
                            />
                            <span class=format!("layout-thumb big {}", option.as_str()) aria-hidden="true">
                                <i></i>
                                <i></i>
                                <i></i>
                            </span>
                            <strong>{move || (t().layout)(option)}</strong>
                            <small>{move || (t().layout_hint)(option)}</small>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        {color_field(|t| t.templates.primary_label, "primary_color", true)}
        {color_field(|t| t.templates.secondary_label, "secondary_color", false)}
    }
    .into_any()
}

#[component]
fn LanguagePicker(state: EditorState, customer_languages: Vec<Language>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let filled = move || {
        state
            .draft
            .with(|d| d.contents.keys().copied().collect::<Vec<_>>())
    };
    let mut offered: Vec<Language> = customer_languages;
    for code in COMMON_LANGUAGES {
        if let Ok(language) = Language::parse(code) {
            if !offered.contains(&language) {
                offered.push(language);
            }
        }
    }
    let offered = StoredValue::new(offered);
    let add = move |language: Language| {
        let current = state.language.get_untracked();
        state.draft.update(|d| {
            // A new language starts as a copy of the one on screen, ready to translate.
            let copy = d.contents.get(&current).cloned();
            if let Some(copy) = copy {
                d.contents.entry(language).or_insert(copy);
            }
        });
        state.language.set(language);
    };
    let remove = move |_| {
        let current = state.language.get_untracked();
        if state.draft.with_untracked(|d| d.contents.len()) <= 1
            || !confirm(t().confirm_remove_language)
        {
            return;
        }
        state.draft.update(|d| {
            d.contents.remove(&current);
        });
        if let Some(next) = state
            .draft
            .with_untracked(|d| d.contents.keys().next().copied())
        {
            state.language.set(next);
        }
    };
    view! {
        <div class="language-picker" role="group" aria-label=move || t().language_label>
            <span>{move || t().language_label}</span>
            {move || {
                filled()
                    .into_iter()
                    .map(|language| {
                        view! {
                            <button
                                type="button"
                                data-language=language.code().to_owned()
                                aria-pressed=move || (state.language.get() == language).to_string()
                                title=move || format!("{} ({})", (t().language_name)(language), t().filled)
                                on:click=move |_| state.language.set(language)
                            >
                                "✓ "
                                {language.code().to_uppercase()}
                            </button>
                        }
                    })
                    .collect_view()
            }}
            <select
                name="add-language"
                aria-label=move || t().add_language
                on:change=move |ev| {
                    if let Ok(language) = Language::parse(&event_target_value(&ev)) {
                        add(language);
                    }
                }
                prop:value=""
            >
                <option value="">{move || t().add_language}</option>
                {move || {
                    let filled = filled();
                    offered
                        .get_value()
                        .into_iter()
                        .filter(|l| !filled.contains(l))
                        .map(|l| view! { <option value=l.code().to_owned()>{(t().language_name)(l)}</option> })
                        .collect_view()
                }}
            </select>
            <button
                type="button"
                class="link danger"
                on:click=remove
                disabled=move || { state.draft.with(|d| d.contents.len() <= 1) }
            >
                {move || t().remove_language}
            </button>
        </div>
    }
    .into_any()
}

#[component]
fn TestEmail(
    state: EditorState,
    sample_id: RwSignal<String>,
    discount: RwSignal<SampleDiscount>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let send = ServerAction::<SendTestEmail>::new();
    let to = RwSignal::new(String::new());
    let result = move || {
        send.value().get().map(|result| match result {
            Ok(address) => (format!("{} {address}", t().test_sent), "ok"),
            Err(AppError::Invalid(message)) => (message, "error"),
            Err(_) => (t().failed.to_owned(), "error"),
        })
    };
    view! {
        <form
            class="test-email"
            on:submit=move |ev| {
                ev.prevent_default();
                send.dispatch(SendTestEmail {
                    draft: state.draft.get_untracked(),
                    sample: sample_id.get_untracked(),
                    language: state.language.get_untracked(),
                    discount: discount.get_untracked(),
                    to: to.get_untracked(),
                });
            }
        >
            <h2>{move || t().test_title}</h2>
            <label>
                <span>{move || t().test_address}</span>
                <input
                    type="email"
                    name="test-to"
                    required
                    prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" disabled=move || send.pending().get()>{move || t().test_send}</button>
            {move || result().map(|(message, class)| view! { <p class=class role="status">{message}</p> })}
        </form>
    }
    .into_any()
}

/// Asks before the page is left with unsaved changes: on reload or close (the browser's own
/// dialog) and on any link inside the admin (ours, before the router sees the click).
fn guard_unsaved_changes(dirty: Memo<bool>, message: impl Fn() -> &'static str + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};

        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                if !dirty.get_untracked() {
                    return;
                }
                let link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                let Some(link) = link else { return };
                if link.get_attribute("target").as_deref() == Some("_blank") {
                    return;
                }
                if !window().confirm_with_message(message()).unwrap_or(true) {
                    ev.prevent_default();
                    ev.stop_immediate_propagation();
                }
            });
        let document = document();
        let _ = document.add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
        // Browser handles are not `Send`; the cleanup runs on this same (only) thread.
        let listener = send_wrapper::SendWrapper::new((document, on_click));
        on_cleanup(move || {
            unload.remove();
            let (document, on_click) = listener.take();
            let _ = document.remove_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (dirty, message);
    }
}
