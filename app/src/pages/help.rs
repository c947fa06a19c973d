use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::support_contact;
use crate::i18n::use_i18n;
use crate::loaded::Loaded;

/// The Help tab: frequent questions (readable without JavaScript) and the support contact.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let shop = crate::shop::current_shop();
    let contact = Loaded::new(|| (), move |_| support_contact(shop.clone()));
    let faq = move || {
        i18n.t()
            .help
            .faq
            .iter()
            .map(|(question, answer)| {
                view! {
                    <details class="faq">
                        <summary>{*question}</summary>
                        <p>{*answer}</p>
                    </details>
                }
            })
            .collect_view()
    };
    view! {
        <Title text=crate::title::page_title(move || i18n.t().help.title) />
        <h1>{move || i18n.t().help.title}</h1>
        <p class="intro">{move || i18n.t().help_intro}</p>
        <section class="card faq-list">{faq}</section>
        <section class="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{move || i18n.t().help.contact_title}</h2>
            {move || Suspend::new(async move {
                match contact.await {
                    Ok(Some(email)) => {
                        let href = format!("mailto:{email}");
                        view! {
                            <p>
                                {move || i18n.t().help.contact_intro} " "
                                <a href=href>{email}</a>
                            </p>
                        }
                            .into_any()
                    }
                    _ => view! { <p>{move || i18n.t().help.no_contact}</p> }.into_any(),
                }
            })}
        </section>
    }
}
