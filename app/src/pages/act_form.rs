//! Forms of server-rendered pages: the server draws the form whole, fields and current values
//! included, and passes it to an `ActForm` control as children, which stay server HTML. Such a
//! form says `method="post"`: without JavaScript it is refused (405) rather than sent as a GET,
//! whose address would carry its fields (a key, a secret) into logs and history. The
//! control only submits it: it reads the form's fields (named as the act's) into an `Act`,
//! sends it to `perform_act`, and says how it went.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{perform_act, perform_entry_act, sent, Act, ActDone};
use crate::error::AppError;

use super::act_form_dom::{
    aimed_elsewhere, append_pick, file_text, fill_code, form_of, guess_zone, mark_fields,
    submits_on_change,
};

/// What a form does: its fields, read by name, make the `Act` it sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormAct {
    InviteMember,
    /// Sent as soon as its role is chosen.
    ChangeRole,
    /// Replaces a rule's campaign by the one in the chosen file (`document`).
    ImportCampaign,
    /// The Settings form: every field, each problem said beside its field.
    SaveSettings,
    /// A new API key, shown once.
    CreateApiKey,
    SaveTrackerOrigins,
    /// A new template, opened in its editor.
    CreateTemplate,
    /// A collection of codes: the pasted list, or else the chosen file's.
    ImportCodes,
    /// A platform's pasted webhook secret.
    SetWebhookSecret,
    SaveSmsProvider,
    /// The rule editor: every field, each problem said beside its field; a new rule goes to
    /// the list.
    SaveRule,
    /// A code given on a call: its discount's fields.
    GiveCallCoupon,
    /// A call's email sent (its preview is a plain GET, see `call_actions`).
    CallEmail,
    LogCall,
    /// The first run: the owner and the first shop, then its connection (public).
    CompleteSetup,
    /// A new shop, then its connection.
    CreateShop,
    /// An invitation's link accepted with a password (public).
    AcceptInvitation,
}

/// A form's words, in the page's language: what each outcome says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormWords {
    /// Asked first when set: nothing is sent without a yes.
    pub confirm: Option<String>,
    /// Done, and said beside the code the server returns (an invitation's link, mailed).
    pub done_mailed: String,
    /// Done, the code to pass on by hand.
    pub done: String,
    /// Done, nothing more to say than this.
    pub done_plain: String,
    /// A field the server refused.
    pub refused: String,
    pub failed: String,
    /// The link to a shop ready to connect.
    pub open: String,
}

/// A form's act, as read from its fields, in the browser only.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone)]
struct Input {
    shop: String,
    act: Act,
    /// The file whose text is an import's document, read once the form is sent.
    file: Option<leptos::wasm_bindgen::JsValue>,
    form: Option<leptos::web_sys::HtmlFormElement>,
}

/// What the form says once submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Said {
    text: String,
    /// A value to copy, shown once (an invitation's link, an API key).
    code: Option<String>,
    /// What to review, or every problem found.
    lines: Vec<String>,
    /// Problems to say beside their fields, by the fields' names.
    #[serde(default)]
    fields: Vec<(String, String)>,
    tone: String,
    /// A shop's admin, ready to open.
    #[serde(default)]
    open: Option<String>,
}

enum Outcome {
    Said(Said),
    /// Say it after loading the page again, which the server draws as it now is.
    SaidAfterReload(Said),
    Quiet,
    /// Go to this page of the admin.
    Go(String),
}

fn said(text: &str, code: Option<String>, tone: &str) -> Said {
    Said {
        text: text.to_owned(),
        code,
        lines: Vec::new(),
        fields: Vec::new(),
        tone: tone.to_owned(),
        open: None,
    }
}

async fn submit(input: Input, words: &FormWords) -> Outcome {
    let Input {
        shop,
        mut act,
        file,
        ..
    } = input;
    let key = matches!(act, Act::CreateApiKey { .. });
    match (&mut act, file) {
        (Act::ImportCampaign { document, .. }, Some(file)) => *document = file_text(file).await,
        (Act::ImportCodes { codes, .. }, Some(file)) if codes.trim().is_empty() => {
            *codes = file_text(file).await;
        }
        _ => {}
    }
    // The first run's and an invitation's acts go to the one public act function.
    let public = matches!(
        act,
        Act::CompleteSetup { .. } | Act::AcceptInvitation { .. }
    );
    let done = match sent(act) {
        Ok(act) if public => perform_entry_act(act).await,
        Ok(act) => perform_act(shop, act).await,
        Err(error) => Err(error),
    };
    match done {
        Ok(ActDone::ShownOnce { code, mailed }) => {
            let text = if mailed {
                &words.done_mailed
            } else {
                &words.done
            };
            let said = said(text, Some(code), "saved");
            // An API key is shown here and kept nowhere, not even for the page loaded again.
            if key {
                Outcome::Said(said)
            } else {
                Outcome::SaidAfterReload(said)
            }
        }
        // The server says how it went, in the admin's language.
        Ok(ActDone::Report {
            done,
            headline,
            lines,
        }) => {
            let said = Said {
                lines,
                ..said(&headline, None, if done { "saved" } else { "error" })
            };
            if done {
                Outcome::SaidAfterReload(said)
            } else {
                Outcome::Said(said)
            }
        }
        Ok(ActDone::Said { reload: true, .. } | ActDone::Reload) => {
            Outcome::SaidAfterReload(said(&words.done_plain, None, "saved"))
        }
        // Shown here and kept nowhere, as an API key: the shop's connection details around it
        // are the server's, shown once it is there (style: `.act-form:has(…)`).
        Ok(ActDone::Connected { key, open }) => Outcome::Said(Said {
            open: Some(open),
            ..said(&words.done, Some(key), "saved")
        }),
        Ok(ActDone::Invalid { headline, fields }) => Outcome::Said(Said {
            fields,
            ..said(&headline, None, "error")
        }),
        Ok(ActDone::Refused) => Outcome::Said(said(&words.refused, None, "error")),
        Ok(ActDone::Go { to }) => Outcome::Go(to),
        Ok(ActDone::Said { .. }) => Outcome::Said(said(&words.done_plain, None, "saved")),
        Ok(ActDone::Quiet) => Outcome::Quiet,
        Err(AppError::Invalid(message)) => Outcome::Said(said(&message, None, "error")),
        Err(_) => Outcome::Said(said(&words.failed, None, "error")),
    }
}

/// Submits the form among `children`; on `change` too for a field marked
/// `data-submit="change"`.
#[component]
pub fn ActFormView(act: FormAct, words: FormWords, children: Children) -> impl IntoView {
    let kept = format!("relance-form-{act:?}");
    let words = StoredValue::new(words);
    let shown = RwSignal::new(None::<Said>);
    let kept_now = kept.clone();
    Effect::new(move |_| {
        if matches!(act, FormAct::CompleteSetup | FormAct::CreateShop) {
            guess_zone();
        }
        let kept = crate::nav::take_kept(&kept_now);
        if let Some(kept) = kept.and_then(|text| serde_json::from_str::<Said>(&text).ok()) {
            shown.set(Some(kept));
        }
    });
    let kept = StoredValue::new(kept);
    // Says how it went, marking the fields of `form` the server found a problem in.
    let settle =
        move |outcome: Outcome, form: Option<leptos::web_sys::HtmlFormElement>| match outcome {
            Outcome::Said(said) => {
                mark_fields(form.as_ref(), &said.fields);
                fill_code(form.as_ref(), said.code.as_deref());
                shown.set(Some(said));
            }
            Outcome::SaidAfterReload(said) => {
                if let Ok(text) = serde_json::to_string(&said) {
                    kept.with_value(|kept| crate::nav::keep(kept, &text));
                }
                crate::nav::reload();
            }
            Outcome::Quiet => {
                mark_fields(form.as_ref(), &[]);
                shown.set(None);
            }
            Outcome::Go(to) => crate::nav::go(&to),
        };
    let asked =
        move || words.with_value(|w| w.confirm.as_deref().is_none_or(crate::pages::confirm));
    let send =
        move |form: Option<leptos::web_sys::HtmlFormElement>| match form.map(|f| read(act, &f)) {
            Some(Ok(input)) if asked() => {
                let form = input.form.clone();
                let words = words.get_value();
                leptos::task::spawn_local(async move {
                    settle(submit(input, &words).await, form);
                });
            }
            Some(Err(problem)) => shown.set(Some(said(&problem, None, "error"))),
            _ => {}
        };
    view! {
        <div
            class="act-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                // A button aimed at a frame (the call email's preview) is the browser's to send.
                if !aimed_elsewhere(&ev) {
                    ev.prevent_default();
                    send(form_of(ev.target()));
                }
            }
            on:change=move |ev| {
                if submits_on_change(ev.target()) {
                    send(form_of(ev.target()));
                } else {
                    append_pick(ev.target());
                }
            }
        >
            {children()}
            {move || {
                shown
                    .get()
                    .map(|said| {
                        view! {
                            <div class=format!("act-outcome {}", said.tone) role="status">
                                <p>{said.text}</p>
                                {said.code.map(|code| view! { <code class="said-code">{code}</code> })}
                                {said
                                    .open
                                    .map(|href| {
                                        view! {
                                            <a class="button" href=href rel="external">
                                                {words.with_value(|w| w.open.clone())}
                                            </a>
                                        }
                                    })}
                                {(!said.lines.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul>
                                                {said.lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                            </ul>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The form's fields as the server function's arguments. Read field by field: decoding the
/// form as a query string (`FromFormData`) would bring that decoder into every page's WASM.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn read(act: FormAct, form: &leptos::web_sys::HtmlFormElement) -> Result<Input, String> {
    #[cfg(feature = "hydrate")]
    {
        let data = leptos::web_sys::FormData::new_with_form(form)
            .map_err(|_| "the form could not be read".to_owned())?;
        let field = |name: &str| data.get(name).as_string().unwrap_or_default();
        let role =
            || domain::team::Role::parse(&field("role")).ok_or_else(|| "role: unknown".to_owned());
        let mut file = None;
        let act = match act {
            FormAct::InviteMember => Act::InviteMember {
                email: field("email"),
                role: role()?,
                send_mail: data.has("send_mail"),
            },
            FormAct::ChangeRole => Act::ChangeRole {
                user_id: field("user_id"),
                role: role()?,
            },
            FormAct::ImportCampaign => {
                file = Some(data.get("document"));
                Act::ImportCampaign {
                    rule: field("rule"),
                    document: String::new(),
                }
            }
            FormAct::SaveSettings => Act::SaveSettings {
                fields: super::form_fields::pairs(form, &data),
            },
            FormAct::SaveRule => Act::SaveRule {
                fields: super::form_fields::pairs(form, &data),
            },
            FormAct::GiveCallCoupon => Act::GiveCallCoupon {
                fields: super::form_fields::pairs(form, &data),
            },
            FormAct::CallEmail => Act::SendCallEmail {
                id: field("id"),
                template: field("template"),
            },
            FormAct::CompleteSetup => Act::CompleteSetup {
                fields: super::form_fields::pairs(form, &data),
            },
            FormAct::CreateShop => Act::CreateShop {
                fields: super::form_fields::pairs(form, &data),
            },
            FormAct::AcceptInvitation => Act::AcceptInvitation {
                token: field("token"),
                password: field("password"),
            },
            FormAct::LogCall => Act::LogCall {
                id: field("id"),
                outcome: field("outcome"),
                notes: field("notes"),
            },
            FormAct::CreateTemplate => Act::CreateTemplate {
                name: field("name"),
            },
            FormAct::ImportCodes => {
                file = Some(data.get("file"));
                Act::ImportCodes {
                    name: field("name"),
                    codes: field("codes"),
                }
            }
            FormAct::CreateApiKey => Act::CreateApiKey {
                name: field("name"),
            },
            FormAct::SaveTrackerOrigins => Act::SaveTrackerOrigins {
                origins: field("allowed_origins"),
            },
            FormAct::SetWebhookSecret => Act::SetWebhookSecret {
                platform: field("platform"),
                value: field("value"),
            },
            FormAct::SaveSmsProvider => Act::SaveSmsProvider {
                kind: field("kind"),
                url: field("url"),
                sender: field("sender"),
                api_key: field("api_key"),
            },
        };
        Ok(Input {
            shop: field("shop"),
            act,
            file,
            form: Some(form.clone()),
        })
    }
    #[cfg(not(feature = "hydrate"))]
    Err(String::new())
}
