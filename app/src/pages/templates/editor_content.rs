//! The "Text & content" fields of the language on screen, as the server draws them: each text
//! with its tag buttons (inserted at the cursor by the studio), B / I on the styled ones, a
//! counter on the one-line ones, and an empty line for what the last save said.

use domain::email::icons::shapes;
use domain::email::Field;
use domain::model::{LINK_TEXT_MAX, SUBJECT_MAX};
use domain::{ContentDraft, ReassuranceIcon, ReassuranceItem};
use leptos::prelude::*;

use super::model::{counted, REASSURANCE_MAX};
use crate::i18n::use_i18n;

#[component]
pub fn ContentFields(content: ContentDraft) -> impl IntoView {
    let t = use_i18n().t().templates;
    let full = content.reassurance.len() >= REASSURANCE_MAX;
    view! {
        <TextLine name="subject" label=t.subject_label value=content.subject max=SUBJECT_MAX tags=Field::Subject />
        <TextArea name="body" label=t.body_label value=content.body field=Field::Body styled=true rows=8 />
        <TextArea
            name="discount_text"
            label=t.discount_text_label
            hint=t.discount_text_hint
            value=content.discount_text
            field=Field::DiscountText
            styled=true
            rows=3
        />
        <TextLine
            name="button_text"
            label=t.button_text_label
            hint=t.button_text_hint
            value=content.button_text
            max=LINK_TEXT_MAX
        />
        <fieldset class="reassurance">
            <legend>{t.reassurance_label}</legend>
            {content
                .reassurance
                .into_iter()
                .map(|item| view! { <ReassuranceRow item /> })
                .collect_view()}
            // What "Add" copies.
            <template class="reassurance-new">
                <ReassuranceRow item=ReassuranceItem {
                    icon: ReassuranceIcon::FreeDelivery,
                    text: String::new(),
                } />
            </template>
            <button type="button" class="link" data-do="add-reassurance" disabled=full>
                {t.add_reassurance}
            </button>
        </fieldset>
        <fieldset class="social">
            <legend>{t.social_label}</legend>
            <SocialInput name="facebook" label="Facebook" value=content.facebook />
            <SocialInput name="instagram" label="Instagram" value=content.instagram />
            <SocialInput name="x" label="X" value=content.x />
        </fieldset>
        <TextArea
            name="unsubscribe_text"
            label=t.unsubscribe_text_label
            value=content.unsubscribe_text
            field=Field::UnsubscribeText
            rows=2
        />
        <TextLine
            name="unsubscribe_link_text"
            label=t.unsubscribe_link_label
            value=content.unsubscribe_link_text
            max=LINK_TEXT_MAX
        />
    }
}

/// Buttons that insert the tags `field` accepts into the field beside them.
#[component]
fn TagButtons(field: Field) -> impl IntoView {
    let t = use_i18n().t().templates;
    view! {
        <div class="tag-buttons" role="group" aria-label=t.insert_tag>
            <span>{t.insert_tag}</span>
            {field
                .tags()
                .iter()
                .map(|tag| {
                    view! {
                        <button type="button" class="tag" data-tag=tag.name()>
                            {tag.token()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A multi-line text with its tag buttons (and B / I when `styled`).
#[component]
fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    field: Field,
    #[prop(optional)] styled: bool,
    rows: u32,
) -> impl IntoView {
    let t = use_i18n().t().templates;
    let style_button = move |marker: &'static str, text: &'static str, short: &'static str| {
        view! {
            <button type="button" class="style" data-style=marker title=text aria-label=text>
                {short}
            </button>
        }
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {styled
                .then(|| {
                    view! {
                        <div class="style-buttons">
                            {style_button("**", t.bold, "B")}
                            {style_button("*", t.italic, "I")}
                        </div>
                    }
                })}
            <textarea id=name name=name rows=rows>
                {value}
            </textarea>
            {hint.map(|hint| view! { <small class="hint">{hint}</small> })}
            <TagButtons field />
            <span class="field-error" data-problem=name></span>
        </div>
    }
}

/// A one-line text with a character counter and, for tag-accepting fields, tag buttons.
#[component]
fn TextLine(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: String,
    max: usize,
    #[prop(optional)] tags: Option<Field>,
) -> impl IntoView {
    let length = counted(&value);
    let counter_class = if length > max {
        "counter over"
    } else {
        "counter"
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <div class="with-counter">
                <input id=name name=name value=value aria-describedby=format!("{name}-counter") />
                <span
                    id=format!("{name}-counter")
                    class=counter_class
                    data-testid=format!("{name}-counter")
                    data-max=max
                >
                    {format!("{length}/{max}")}
                </span>
            </div>
            {hint.map(|hint| view! { <small class="hint">{hint}</small> })}
            {tags.map(|field| view! { <TagButtons field /> })}
            <span class="field-error" data-problem=name></span>
        </div>
    }
}

/// A social page's address, checked as it is typed.
#[component]
fn SocialInput(name: &'static str, label: &'static str, value: String) -> impl IntoView {
    let error = (!value.trim().is_empty())
        .then(|| domain::WebUrl::parse(&value).err().map(|e| e.message))
        .flatten();
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="url"
                name=name
                placeholder="https://"
                aria-invalid=error.is_some().to_string()
                value=value
            />
            <span class="field-error" data-live=name>{error}</span>
            <span class="field-error" data-problem=name></span>
        </label>
    }
}

/// One reassurance item: its drawing, its kind and its words.
#[component]
pub fn ReassuranceRow(item: ReassuranceItem) -> impl IntoView {
    let t = use_i18n().t().templates;
    view! {
        <div class="reassurance-item">
            // The same shapes as the email's; the select beside it names it.
            <svg
                class="reassurance-icon"
                width="22"
                height="22"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
                aria-hidden="true"
                inner_html=shapes(item.icon)
            ></svg>
            <select name="reassurance-icon" aria-label=t.reassurance_label>
                {ReassuranceIcon::ALL
                    .into_iter()
                    .map(|icon| {
                        view! {
                            <option value=icon.slug() selected=icon == item.icon>
                                {(t.icon)(icon)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <input name="reassurance-text" maxlength="80" aria-label=t.reassurance_label value=item.text />
            <button type="button" class="link danger" data-do="remove-reassurance">
                {t.remove}
            </button>
        </div>
    }
}
