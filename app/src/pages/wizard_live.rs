//! The reminder wizard made live: the server draws the three stages of one form; this control
//! (`controls::WizardLive`) moves between them, asks the server to check a stage before the
//! next and to save (`Act::StepForm`), says each problem beside its field, adds and removes
//! cart-value ranges, counts SMS as typed, makes a template and opens the template editor's
//! page in the third stage's frame. A pause in typing has the stage checked again, so its
//! problems come and go as the merchant types. Plain DOM calls on the server's elements: no
//! reactive views.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The wizard's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardWords {
    /// `{n}`: a range's number.
    pub range_title: String,
    /// `{encoding}`, `{units}`, `{segments}`.
    pub sms_counter: String,
    pub not_saved: String,
    pub failed: String,
    pub saving: String,
}

/// Around the stages' list and the form (`children`, server HTML).
#[component]
pub fn WizardLiveView(shop: String, words: WizardWords, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        browser::wired(shop, words, children)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (shop, words);
        view! { <div class="wizard-live">{children()}</div> }.into_any()
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use gloo_timers::callback::Timeout;

    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use wasm_bindgen::JsCast;
    use web_sys::{
        Element, Event, FormData, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
        HtmlTextAreaElement, MouseEvent,
    };

    use super::WizardWords;
    use crate::api::{perform_act, sent, Act, ActDone};
    use crate::pages::dom::{find, find_all};
    use crate::pages::wizard_ranges::{add_range, mark_ranges, remove_range};

    const STAGES: [&str; 3] = ["target", "discount", "email"];
    struct Wizard {
        shop: String,
        words: WizardWords,
        /// The check after the typing pauses; a new one replaces (cancels) it.
        pending: RefCell<Option<Timeout>>,
    }

    /// How long typing pauses before the stage is checked again.
    const PAUSE_MS: u32 = 400;

    pub fn wired(shop: String, words: WizardWords, children: Children) -> AnyView {
        let wizard = Rc::new(Wizard {
            shop,
            words,
            pending: RefCell::new(None),
        });
        let on_click = Rc::clone(&wizard);
        let on_submit = Rc::clone(&wizard);
        let on_change = Rc::clone(&wizard);
        view! {
            <div
                class="wizard-live"
                on:click=move |ev: MouseEvent| clicked(&ev, &on_click)
                on:input=move |ev: Event| typed(&ev, &wizard)
                on:change=move |ev: Event| changed(&ev, &on_change)
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let Some(form) = form() else { return };
                    let wizard = Rc::clone(&on_submit);
                    // Enter in the new template's name makes it; in a field before the last
                    // stage, it means Next, not Save.
                    let naming = document()
                        .active_element()
                        .is_some_and(|e| e.id() == "step-new-template");
                    let save = stage(&form) == STAGES.len() - 1;
                    spawn_local(async move {
                        if naming {
                            create_template(&wizard, &form).await;
                        } else {
                            send(&wizard, save).await;
                        }
                    });
                }
            >
                {children()}
            </div>
        }
        .into_any()
    }

    fn form() -> Option<HtmlFormElement> {
        document()
            .query_selector("form.wizard")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into().ok())
    }

    fn stage(form: &HtmlFormElement) -> usize {
        let current = form.get_attribute("data-stage").unwrap_or_default();
        STAGES.iter().position(|s| *s == current).unwrap_or(0)
    }

    /// Shows stage `n`, marks it in the stages' list, and opens the editor on the third.
    fn show(form: &HtmlFormElement, n: usize) {
        let _ = form.set_attribute("data-stage", STAGES[n]);
        let items = document()
            .document_element()
            .map(|root| find_all(&root, ".wizard-stages li"))
            .unwrap_or_default();
        for item in items {
            let current = item.get_attribute("data-stage").as_deref() == Some(STAGES[n]);
            let _ = item.class_list().toggle_with_force("current", current);
            if current {
                let _ = item.set_attribute("aria-current", "step");
            } else {
                let _ = item.remove_attribute("aria-current");
            }
        }
        if n == 2 {
            open_editor(form, false);
        }
    }

    /// The template editor's page for the chosen template, in the third stage's frame.
    fn open_editor(form: &HtmlFormElement, again: bool) {
        let (Some(frame), Some(select)) = (
            find(form, "iframe[data-editor]"),
            find(form, "select[name=template]")
                .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok()),
        ) else {
            return;
        };
        let id = select.value();
        if id.is_empty() || (!again && frame.has_attribute("src")) {
            return;
        }
        let _ = frame.set_attribute(
            "src",
            &crate::shop::shop_path(&format!("/templates/{id}?embedded=1")),
        );
    }

    fn say(form: &HtmlFormElement, text: &str) {
        if let Some(line) = find(form, ".wizard-said") {
            line.set_text_content(Some(text));
        }
    }

    /// The form's fields, by name, as the browser would send them.
    fn fields(form: &HtmlFormElement) -> Vec<(String, String)> {
        FormData::new_with_form(form)
            .map(|data| crate::pages::form_fields::pairs(form, &data))
            .unwrap_or_default()
    }

    /// The stage of the field named `name` (the last one when it has none).
    fn stage_of(form: &HtmlFormElement, name: &str) -> usize {
        form.query_selector_all("[name]")
            .ok()
            .and_then(|all| {
                (0..all.length())
                    .filter_map(|i| all.get(i))
                    .filter_map(|n| n.dyn_into::<Element>().ok())
                    .find(|e| e.get_attribute("name").as_deref() == Some(name))
            })
            .and_then(|field| field.closest("section[data-stage]").ok().flatten())
            .and_then(|section| section.get_attribute("data-stage"))
            .and_then(|s| STAGES.iter().position(|x| *x == s))
            .unwrap_or(2)
    }

    /// Checks the stage again once typing pauses.
    fn soon(wizard: &Rc<Wizard>) {
        let again = Rc::clone(wizard);
        let timeout = Timeout::new(PAUSE_MS, move || {
            let wizard = Rc::clone(&again);
            spawn_local(async move { recheck(&wizard).await });
        });
        *wizard.pending.borrow_mut() = Some(timeout);
    }

    /// The problems of the stage on screen, beside their fields; the stage stays.
    async fn recheck(wizard: &Wizard) {
        let Some(form) = form() else { return };
        let now = stage(&form);
        let act = Act::StepForm {
            fields: fields(&form),
            save: false,
        };
        let done = match sent(act) {
            Ok(act) => perform_act(wizard.shop.clone(), act).await,
            Err(error) => Err(error),
        };
        let shown: Vec<(String, String)> = match done {
            Ok(ActDone::Invalid { fields, .. }) => fields
                .into_iter()
                .filter(|(f, _)| stage_of(&form, f) == now)
                .collect(),
            Ok(ActDone::Quiet) => Vec::new(),
            _ => return,
        };
        mark_ranges(&form, &shown);
        crate::pages::form_fields::mark(&form, &shown);
    }

    /// Checks the form (`save` false: Next) or saves it.
    async fn send(wizard: &Wizard, save: bool) {
        let Some(form) = form() else { return };
        let now = stage(&form);
        let act = Act::StepForm {
            fields: fields(&form),
            save,
        };
        if save {
            say(&form, &wizard.words.saving);
        }
        let done = match sent(act) {
            Ok(act) => perform_act(wizard.shop.clone(), act).await,
            Err(error) => Err(error),
        };
        match done {
            Ok(ActDone::Go { to }) => crate::nav::go(&to),
            Ok(ActDone::Quiet) => {
                crate::pages::form_fields::mark(&form, &[]);
                say(&form, "");
                show(&form, (now + 1).min(2));
            }
            Ok(ActDone::Invalid { fields, .. }) => {
                // Next: the problems of this stage and those before; a save: every one, from
                // the first stage that has one.
                let first = fields.iter().map(|(f, _)| stage_of(&form, f)).min();
                let shown: Vec<(String, String)> = fields
                    .into_iter()
                    .filter(|(f, _)| save || stage_of(&form, f) <= now)
                    .collect();
                mark_ranges(&form, &shown);
                crate::pages::form_fields::mark(&form, &shown);
                match first {
                    Some(first) if save || first <= now => {
                        say(&form, &wizard.words.not_saved);
                        show(&form, first);
                    }
                    _ => {
                        say(&form, "");
                        show(&form, (now + 1).min(2));
                    }
                }
            }
            Ok(ActDone::Report { headline, .. }) => say(&form, &headline),
            Ok(_) | Err(_) => say(&form, &wizard.words.failed),
        }
    }

    fn clicked(ev: &MouseEvent, wizard: &Rc<Wizard>) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some(button) = target.closest("button").ok().flatten() else {
            return;
        };
        let Some(form) = form() else { return };
        if let Some(go) = button.get_attribute("data-go") {
            if go == "next" {
                let wizard = Rc::clone(wizard);
                spawn_local(async move { send(&wizard, false).await });
            } else {
                show(&form, stage(&form).saturating_sub(1));
            }
        } else if button.has_attribute("data-add-range") {
            add_range(&form, &wizard.words.range_title);
        } else if button.has_attribute("data-remove-range") {
            remove_range(&form, &button);
        } else if button.has_attribute("data-create-template") {
            let wizard = Rc::clone(wizard);
            spawn_local(async move { create_template(&wizard, &form).await });
        }
    }

    async fn create_template(wizard: &Wizard, form: &HtmlFormElement) {
        let Some(input) =
            find(form, "#step-new-template").and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let name = input.value();
        if name.trim().is_empty() {
            return;
        }
        let done = match sent(Act::CreateTemplate { name: name.clone() }) {
            Ok(act) => perform_act(wizard.shop.clone(), act).await,
            Err(error) => Err(error),
        };
        let line = find(form, "#step-new-template-error");
        match done {
            // The new template's editor address ends with its id.
            Ok(ActDone::Go { to }) => {
                let id = to.rsplit('/').next().unwrap_or_default().to_owned();
                for select in find_all(form, "select[name=template], select[name=split_template]") {
                    let label = if select.get_attribute("name").as_deref() == Some("template") {
                        format!("{name} (FR, EN)")
                    } else {
                        name.clone()
                    };
                    if let Ok(option) = document().create_element("option") {
                        let _ = option.set_attribute("value", &id);
                        option.set_text_content(Some(&label));
                        let _ = select.append_child(&option);
                    }
                }
                if let Some(select) = find(form, "select[name=template]")
                    .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
                {
                    select.set_value(&id);
                }
                input.set_value("");
                if let Some(line) = line {
                    line.set_text_content(None);
                }
                open_editor(form, true);
            }
            Ok(ActDone::Invalid { fields, .. }) => {
                if let (Some(line), Some((_, problem))) = (line, fields.first()) {
                    line.set_text_content(Some(problem));
                }
            }
            _ => {
                if let Some(line) = line {
                    line.set_text_content(Some(&wizard.words.failed));
                }
            }
        }
    }

    /// An SMS text counted again as it is typed; the stage checked again once typing pauses.
    fn typed(ev: &Event, wizard: &Rc<Wizard>) {
        let named = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|e| e.has_attribute("name"));
        if named {
            soon(wizard);
        }
        let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let Some(counter) = area
            .get_attribute("data-sms-count")
            .and_then(|id| document().get_element_by_id(&id))
        else {
            return;
        };
        let (words, over) =
            crate::pages::sms_count::sms_count(&wizard.words.sms_counter, &area.value());
        counter.set_text_content(Some(&words));
        let _ = counter.class_list().toggle_with_force("over", over);
    }

    /// Another choice: the stage checked again; another template: its editor in the frame.
    fn changed(ev: &Event, wizard: &Rc<Wizard>) {
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("name"));
        if name.is_some() {
            soon(wizard);
        }
        let is_template = name.as_deref() == Some("template");
        if let (true, Some(form)) = (is_template, form()) {
            open_editor(&form, true);
        }
    }
}
