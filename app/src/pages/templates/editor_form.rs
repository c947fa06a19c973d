//! The editor's left side as the server draws it: the name, the Appearance tab (layout and
//! colours), the Text & content tab (languages and texts), and the warnings. Every field
//! carries its saved value; the studio reads them back by name.

use domain::{HexColor, Language, Layout};
use leptos::prelude::*;

use super::editor_content::ContentFields;
use super::model::{live_warnings, offered_languages};
use crate::api::TemplateEditorData;
use crate::i18n::{use_i18n, TemplateTexts};

#[component]
pub fn EditorForm(data: TemplateEditorData) -> impl IntoView {
    let t = use_i18n().t().templates;
    let draft = data.draft;
    let language = data.sample.customer.language;
    let content = draft
        .contents
        .get(&language)
        .or_else(|| draft.contents.values().next())
        .cloned()
        .unwrap_or_default();
    let filled: Vec<Language> = draft.contents.keys().copied().collect();
    let warnings = live_warnings(&draft, language, &data.customer_languages);
    view! {
        <section class="editor-form" aria-label=t.title>
            <label class="field">
                <span>{t.name_label}</span>
                <input name="template-name" maxlength="100" value=draft.name.clone() />
            </label>
            <div class="editor-tabs" role="tablist">
                <button type="button" role="tab" data-tab="appearance" aria-selected="false">
                    {t.tab_appearance}
                </button>
                <button type="button" role="tab" data-tab="content" aria-selected="true">
                    {t.tab_content}
                </button>
            </div>
            <div role="tabpanel" data-panel="appearance" hidden>
                <Layouts chosen=draft.layout />
                <ColorField label=t.primary_label key="primary_color" value=draft.primary_color.clone() />
                <ColorField label=t.secondary_label key="secondary_color" value=draft.secondary_color.clone() />
            </div>
            <div role="tabpanel" data-panel="content">
                <div class="language-picker" role="group" aria-label=t.language_label>
                    <span>{t.language_label}</span>
                    <LanguageChoices
                        filled=filled.clone()
                        current=language
                        offered=offered_languages(&data.customer_languages)
                    />
                </div>
                <ContentFields content />
            </div>
            <section class="warnings" aria-live="polite">
                <h2>{t.warnings_title}</h2>
                <p class="ok" hidden=!warnings.is_empty()>{t.no_warnings}</p>
                <ul hidden=warnings.is_empty()>
                    {warnings.iter().map(|w| view! { <li>{(t.warning)(w)}</li> }).collect_view()}
                </ul>
            </section>
        </section>
    }
}

/// The language buttons, the list of languages to add and the remove button; the studio
/// draws the same again when languages are added or removed (`studio::languages`).
#[component]
fn LanguageChoices(
    filled: Vec<Language>,
    current: Language,
    offered: Vec<Language>,
) -> impl IntoView {
    let t = use_i18n().t().templates;
    let only_one = filled.len() <= 1;
    view! {
        <span class="language-buttons">
            {filled
                .iter()
                .map(|&language| {
                    view! {
                        <button
                            type="button"
                            data-language=language.code().to_owned()
                            aria-pressed=(language == current).to_string()
                            title=language_title(t, language)
                        >
                            {language_button(language)}
                        </button>
                    }
                })
                .collect_view()}
        </span>
        <select name="add-language" aria-label=t.add_language>
            <option value="">{t.add_language}</option>
            {offered
                .into_iter()
                .filter(|l| !filled.contains(l))
                .map(|l| view! { <option value=l.code().to_owned()>{(t.language_name)(l)}</option> })
                .collect_view()}
        </select>
        <button type="button" class="link danger" data-do="remove-language" disabled=only_one>
            {t.remove_language}
        </button>
    }
}

/// "✓ FR": a language the template is filled in.
pub fn language_button(language: Language) -> String {
    format!("✓ {}", language.code().to_ascii_uppercase())
}

/// "Français (filled)".
pub fn language_title(t: &TemplateTexts, language: Language) -> String {
    format!("{} ({})", (t.language_name)(language), t.filled)
}

#[component]
fn Layouts(chosen: Layout) -> impl IntoView {
    let t = use_i18n().t().templates;
    view! {
        <fieldset class="layouts">
            <legend>{t.design_label}</legend>
            {Layout::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <label class="layout-choice">
                            <input type="radio" name="layout" value=option.as_str() checked=option == chosen />
                            <span class=format!("layout-thumb big {}", option.as_str()) aria-hidden="true">
                                <i></i>
                                <i></i>
                                <i></i>
                            </span>
                            <strong>{(t.layout)(option)}</strong>
                            <small>{(t.layout_hint)(option)}</small>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A colour as a picker and as text; the first error line is the text's format, the second
/// what the last save said.
#[component]
fn ColorField(label: &'static str, key: &'static str, value: String) -> impl IntoView {
    // The picker only understands lower-case #rrggbb; it shows black while the text is invalid.
    let picker = HexColor::parse(&value)
        .map(|c| c.as_str().to_ascii_lowercase())
        .unwrap_or_else(|_| "#000000".into());
    let error = HexColor::parse(&value).err().map(|e| e.message);
    view! {
        <div class="field color-field">
            <span>{label}</span>
            <input type="color" name=format!("{key}-picker") aria-label=label value=picker />
            <input
                name=key
                maxlength="7"
                aria-label=label
                aria-invalid=error.is_some().to_string()
                value=value
            />
            <span class="field-error" data-live=key>{error}</span>
            <span class="field-error" data-problem=key></span>
        </div>
    }
}
