//! The editor's right side as the server draws it: the sample and discount pickers, the widths,
//! the email rendered by the domain's function in an `<iframe srcdoc>` (so its CSS and the
//! admin's never mix, sandboxed so nothing in it can run), and the test email form.

use domain::email::SampleDiscount;
use leptos::prelude::*;

use super::model::{preview_email, sample_clock, sample_context, FIRST_DISCOUNT, WIDTHS};
use crate::api::{TemplateEditorData, DEMO_SAMPLE};
use crate::i18n::use_i18n;
use crate::shop::shop_path;

#[component]
pub fn PreviewPane(data: TemplateEditorData) -> impl IntoView {
    let t = use_i18n().t().templates;
    let language = data.sample.customer.language;
    let now = sample_clock(data.now.timestamp());
    let context = sample_context(data.sample.clone(), language, FIRST_DISCOUNT, now);
    let email = preview_email(&data.draft, &context);
    let (subject, html, error) = match email {
        Ok(email) => (email.subject, email.html, None),
        Err(error) => (String::new(), String::new(), Some(error)),
    };
    let saved_href = shop_path(&format!(
        "/templates/{}/preview?sample={DEMO_SAMPLE}&lang={}&discount={}",
        data.draft.id,
        language.code(),
        FIRST_DISCOUNT.as_str()
    ));
    let no_error = error.is_none();
    let width_label = |key: &str| match key {
        "desktop" => t.desktop,
        "tablet" => t.tablet,
        _ => t.mobile,
    };
    view! {
        <section class="editor-preview" aria-label=t.preview_title>
            <div class="preview-options">
                <label>
                    <span>{t.sample_label}</span>
                    <select name="sample">
                        <option value=DEMO_SAMPLE selected>{t.sample_demo}</option>
                        {data
                            .samples
                            .into_iter()
                            .map(|s| view! { <option value=s.id>{s.label}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t.sample_discount_label}</span>
                    <select name="sample-discount">
                        {SampleDiscount::ALL
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <option value=d.as_str() selected=d == FIRST_DISCOUNT>
                                        {(t.sample_discount)(d)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <a class="open-saved" href=saved_href target="_blank" rel="noopener">
                    {t.open_saved}
                </a>
            </div>
            <div class="preview-toolbar" role="group" aria-label=t.width_label>
                {WIDTHS
                    .into_iter()
                    .map(|(key, _)| {
                        view! {
                            <button type="button" data-width=key aria-pressed=(key == "desktop").to_string()>
                                {width_label(key)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="preview-subject">
                <span>{t.subject_prefix}</span>
                " "
                <strong data-testid="preview-subject">{subject}</strong>
            </p>
            <p class="error preview-error" role="alert" hidden=no_error>{error}</p>
            <div class="preview-frame" data-render-us="0">
                <iframe title=t.preview_title sandbox="" srcdoc=html style="width:100%"></iframe>
            </div>
            <form class="test-email" method="post">
                <h2>{t.test_title}</h2>
                <label>
                    <span>{t.test_address}</span>
                    <input type="email" name="test-to" required />
                </label>
                <button type="submit">{t.test_send}</button>
                <p role="status"></p>
            </form>
        </section>
    }
}
