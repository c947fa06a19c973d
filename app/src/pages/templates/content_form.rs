//! The "Text & content" tab: the texts of the language being edited, with tag buttons that
//! insert at the cursor and B / I buttons that wrap the selection.

use domain::email::Field;
use domain::model::{LINK_TEXT_MAX, SUBJECT_MAX};
use domain::{ContentDraft, ReassuranceIcon, ReassuranceItem};
use leptos::html::{Input, Textarea};
use leptos::prelude::*;

use super::state::EditorState;
use super::text_tools::{edit_field, insert_at, wrap, FieldRef};
use crate::i18n::use_i18n;

/// The most reassurance items an email shows (the domain's limit).
const REASSURANCE_MAX: usize = 6;

type Getter = fn(&ContentDraft) -> String;
type Setter = fn(&mut ContentDraft, String);

/// Buttons that insert the tags `field` accepts into `target`.
#[component]
fn TagButtons(state: EditorState, field: Field, target: FieldRef, set: Setter) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="tag-buttons" role="group" aria-label=move || i18n.t().templates.insert_tag>
            <span>{move || i18n.t().templates.insert_tag}</span>
            {field
                .tags()
                .iter()
                .map(|tag| {
                    let token = tag.token();
                    let label = token.clone();
                    view! {
                        <button
                            type="button"
                            class="tag"
                            data-tag=tag.name()
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| {
                                let token = token.clone();
                                edit_field(
                                    target,
                                    move |value| state.update(|c| set(c, value)),
                                    move |value, start, end| {
                                        let (new, cursor) = insert_at(value, start, end, &token);
                                        (new, cursor, cursor)
                                    },
                                );
                            }
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// A multi-line text with its tag buttons (and B / I when `styled`).
#[component]
fn TextArea(
    state: EditorState,
    field: Field,
    name: &'static str,
    label: fn() -> &'static str,
    #[prop(optional)] hint: Option<fn() -> &'static str>,
    get: Getter,
    set: Setter,
    #[prop(optional)] styled: bool,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let node = NodeRef::<Textarea>::new();
    let i18n = use_i18n();
    let style_button = move |marker: &'static str,
                             text: fn(&crate::i18n::Texts) -> &'static str,
                             short: &'static str| {
        view! {
            <button
                type="button"
                class="style"
                data-style=short
                title=move || text(i18n.t())
                aria-label=move || text(i18n.t())
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| {
                    edit_field(
                        FieldRef::Area(node),
                        move |value| state.update(|c| set(c, value)),
                        move |value, start, end| wrap(value, start, end, marker),
                    )
                }
            >
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
                            {style_button("**", |t| t.templates.bold, "B")}
                            {style_button("*", |t| t.templates.italic, "I")}
                        </div>
                    }
                })}
            <textarea
                id=name
                name=name
                rows=rows
                node_ref=node
                prop:value=move || state.read(get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.update(|c| set(c, value));
                }
            ></textarea>
            {hint.map(|hint| view! { <small class="hint">{hint}</small> })}
            <TagButtons state field target=FieldRef::Area(node) set />
            {move || state.problem(name).map(|m| view! { <span class="field-error">{m}</span> })}
        </div>
    }
    .into_any()
}

/// A one-line text with a character counter and, for tag-accepting fields, tag buttons.
#[component]
fn TextLine(
    state: EditorState,
    name: &'static str,
    label: fn() -> &'static str,
    #[prop(optional)] hint: Option<fn() -> &'static str>,
    get: Getter,
    set: Setter,
    max: usize,
    #[prop(optional)] tags: Option<Field>,
) -> impl IntoView {
    let node = NodeRef::<Input>::new();
    let i18n = use_i18n();
    let length = move || state.read(|c| get(c).trim().chars().count());
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <div class="with-counter">
                <input
                    id=name
                    name=name
                    node_ref=node
                    prop:value=move || state.read(get)
                    aria-describedby=format!("{name}-counter")
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.update(|c| set(c, value));
                    }
                />
                <span
                    id=format!("{name}-counter")
                    class=move || { if length() > max { "counter over" } else { "counter" } }
                    data-testid=format!("{name}-counter")
                >
                    {move || (i18n.t().templates.counter)(length(), max)}
                </span>
            </div>
            {hint.map(|hint| view! { <small class="hint">{hint}</small> })}
            {tags.map(|field| view! { <TagButtons state field target=FieldRef::Line(node) set /> })}
            {move || state.problem(name).map(|m| view! { <span class="field-error">{m}</span> })}
        </div>
    }
    .into_any()
}

#[component]
pub fn ContentForm(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    view! {
        <TextLine
            state
            name="subject"
            label=|| use_i18n().t().templates.subject_label
            get=|c| c.subject.clone()
            set=|c, v| c.subject = v
            max=SUBJECT_MAX
            tags=Field::Subject
        />
        <TextArea
            state
            field=Field::Body
            name="body"
            label=|| use_i18n().t().templates.body_label
            get=|c| c.body.clone()
            set=|c, v| c.body = v
            styled=true
            rows=8
        />
        <TextArea
            state
            field=Field::DiscountText
            name="discount_text"
            label=|| use_i18n().t().templates.discount_text_label
            hint=|| use_i18n().t().templates.discount_text_hint
            get=|c| c.discount_text.clone()
            set=|c, v| c.discount_text = v
            styled=true
            rows=3
        />
        <TextLine
            state
            name="button_text"
            label=|| use_i18n().t().templates.button_text_label
            hint=|| use_i18n().t().templates.button_text_hint
            get=|c| c.button_text.clone()
            set=|c, v| c.button_text = v
            max=LINK_TEXT_MAX
        />
        <Reassurance state />
        <fieldset class="social">
            <legend>{move || t().social_label}</legend>
            <SocialInput state name="facebook" label="Facebook" get=|c| c.facebook.clone() set=|c, v| c.facebook = v />
            <SocialInput state name="instagram" label="Instagram" get=|c| c.instagram.clone() set=|c, v| c.instagram = v />
            <SocialInput state name="x" label="X" get=|c| c.x.clone() set=|c, v| c.x = v />
        </fieldset>
        <TextArea
            state
            field=Field::UnsubscribeText
            name="unsubscribe_text"
            label=|| use_i18n().t().templates.unsubscribe_text_label
            get=|c| c.unsubscribe_text.clone()
            set=|c, v| c.unsubscribe_text = v
            rows=2
        />
        <TextLine
            state
            name="unsubscribe_link_text"
            label=|| use_i18n().t().templates.unsubscribe_link_label
            get=|c| c.unsubscribe_link_text.clone()
            set=|c, v| c.unsubscribe_link_text = v
            max=LINK_TEXT_MAX
        />
    }
    .into_any()
}

#[component]
fn SocialInput(
    state: EditorState,
    name: &'static str,
    label: &'static str,
    get: Getter,
    set: Setter,
) -> impl IntoView {
    let error = move || {
        let value = state.read(get);
        (!value.trim().is_empty())
            .then(|| domain::WebUrl::parse(&value).err().map(|e| e.message))
            .flatten()
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="url"
                name=name
                placeholder="https://"
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || state.read(get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.update(|c| set(c, value));
                }
            />
            {move || error().map(|m| view! { <span class="field-error">{m}</span> })}
        </label>
    }
    .into_any()
}

#[component]
fn Reassurance(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let items = move || state.read(|c| c.reassurance.clone());
    let count = move || items().len();
    view! {
        <fieldset class="reassurance">
            <legend>{move || t().reassurance_label}</legend>
            {move || {
                items()
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| {
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
                                    inner_html=move || {
                                        state
                                            .read(|c| {
                                                c.reassurance
                                                    .get(index)
                                                    .map(|r| domain::email::icons::shapes(r.icon))
                                            })
                                            .unwrap_or_default()
                                    }
                                ></svg>
                                <select
                                    aria-label=move || t().reassurance_label
                                    on:change=move |ev| {
                                        let chosen = event_target_value(&ev);
                                        if let Some(icon) = ReassuranceIcon::ALL
                                            .into_iter()
                                            .find(|i| format!("{i:?}") == chosen)
                                        {
                                            state.update(|c| c.reassurance[index].icon = icon);
                                        }
                                    }
                                >
                                    {ReassuranceIcon::ALL
                                        .into_iter()
                                        .map(|icon| {
                                            view! {
                                                <option value=format!("{icon:?}") selected=icon == item.icon>
                                                    {move || (t().icon)(icon)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <input
                                    maxlength="80"
                                    aria-label=move || t().reassurance_label
                                    prop:value=item.text.clone()
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        state.update(|c| c.reassurance[index].text = value);
                                    }
                                />
                                <button
                                    type="button"
                                    class="link danger"
                                    on:click=move |_| {
                                        state.update(|c| {
                                            c.reassurance.remove(index);
                                        })
                                    }
                                >
                                    {move || t().remove}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="link"
                disabled=move || { count() >= REASSURANCE_MAX }
                on:click=move |_| {
                    state.update(|c| {
                        c.reassurance.push(ReassuranceItem {
                            icon: ReassuranceIcon::FreeDelivery,
                            text: String::new(),
                        })
                    })
                }
            >
                {move || t().add_reassurance}
            </button>
        </fieldset>
    }
    .into_any()
}
