//! The Connect page's storefront tracker: the snippet to paste, its public key (renewable) and
//! the origins it is accepted from. Drawn on the server; its form and button are controls.

use leptos::prelude::*;

use crate::api::{load_tracker, snippet, TrackerLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::current_shop;

#[component]
pub fn Tracker() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().tracker;
    let shop = current_shop();
    let line = Loaded::new(|| (), move |_| load_tracker(shop.clone()));
    view! {
        <section class="tracker" aria-labelledby="tracker-title">
            <h2 id="tracker-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            {move || Suspend::new(async move {
                line.await.ok().map(|line| view! { <TrackerForm line /> })
            })}
        </section>
    }
}

#[component]
fn TrackerForm(line: TrackerLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().tracker;
    let none = line.allowed_origins.is_empty();
    let code = snippet(&line);
    let words = FormWords {
        done_plain: t.saved.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <dl>
            <dt>{t.public_key}</dt>
            <dd><code class="tracker-key">{line.public_key.clone()}</code></dd>
        </dl>
        <ActForm act=FormAct::SaveTrackerOrigins words>
            <form class="tracker-origins" method="post">
                <input type="hidden" name="shop" value=current_shop() />
                <label>
                    <span>{t.origins}</span>
                    <textarea name="allowed_origins" rows="3">
                        {line.allowed_origins.join("\n")}
                    </textarea>
                    <small class="hint">{t.origins_hint}</small>
                </label>
                {none.then(|| view! { <p class="hint warning">{t.no_origin}</p> })}
                <button type="submit">{t.save}</button>
            </form>
        </ActForm>
        <h3>{t.snippet}</h3>
        <pre class="tracker-snippet"><code>{code}</code></pre>
        <ActButton
            act=Act::RenewTrackerKey
            words=ActWords {
                label: t.new_key.to_owned(),
                confirm: Some(t.confirm_new_key.to_owned()),
                done: Some(t.saved.to_owned()),
                ..ActWords::default()
            }
            class="secondary".to_owned()
        />
    }
}
