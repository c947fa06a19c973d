//! The Connect page's log: the last requests received from the shop's sources, with their
//! result, and a button that sends a test event through the same path.

use leptos::prelude::*;

use crate::api::{load_connect_log, ConnectLogLine, SendTestEvent};
use crate::i18n::use_i18n;
use crate::shop::current_shop;

#[component]
pub fn ConnectLog() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().connect_log;
    let send = ServerAction::<SendTestEvent>::new();
    let refresh = RwSignal::new(0_u32);
    let shop = current_shop();
    let lines = Resource::new(
        move || (send.version().get(), refresh.get()),
        move |_| load_connect_log(shop.clone()),
    );
    let status = move || match send.value().get() {
        Some(Ok(())) => Some((t().test_sent.to_owned(), "saved")),
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    view! {
        <section class="panel connect-log" aria-labelledby="connect-log-title">
            <h2 id="connect-log-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            <p class="connect-log-actions">
                <button
                    type="button"
                    disabled=move || send.pending().get()
                    on:click=move |_| {
                        send.dispatch(SendTestEvent { shop: current_shop() });
                    }
                >
                    {move || t().send_test}
                </button>
                <button type="button" class="secondary" on:click=move |_| refresh.update(|n| *n += 1)>
                    {move || t().refresh}
                </button>
            </p>
            {move || {
                status()
                    .map(|(text, tone)| {
                        view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
                    })
            }}
            <Transition fallback=|| ()>
                {move || lines.get().and_then(Result::ok).map(|lines| view! { <LogTable lines /> })}
            </Transition>
        </section>
    }
}

#[component]
fn LogTable(lines: Vec<ConnectLogLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().connect_log;
    if lines.is_empty() {
        return view! { <p class="empty">{move || t().empty}</p> }.into_any();
    }
    view! {
        <table class="connect-log-table">
            <thead>
                <tr>
                    <th>{move || t().when}</th>
                    <th>{move || t().source}</th>
                    <th>{move || t().carried}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        let at = line.at;
                        let result = line.result.clone();
                        let badge = format!("badge {result}");
                        view! {
                            <tr data-result=line.result.clone()>
                                <td>{move || i18n.date_time(at)}</td>
                                <td>{line.source}</td>
                                <td><code>{line.summary}</code></td>
                                <td>
                                    <span class=badge>
                                        {move || (t().result)(&result)}
                                    </span>
                                    {line.reason.map(|why| view! { " " <small>{why}</small> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
