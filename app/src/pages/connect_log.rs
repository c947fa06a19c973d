//! The Connect page's log: the last requests received from the shop's sources, with their
//! result, and a button that sends a test event through the same path. Drawn on the server;
//! Refresh loads the page again (a GET form, so it works without JavaScript).

use leptos::prelude::*;

use crate::api::{load_connect_log, ConnectLogLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn ConnectLog() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().connect_log;
    let shop = current_shop();
    let lines = Loaded::new(|| (), move |_| load_connect_log(shop.clone()));
    view! {
        <section class="panel connect-log" aria-labelledby="connect-log-title">
            <h2 id="connect-log-title">{t.title}</h2>
            <p class="hint">{t.intro}</p>
            <div class="connect-log-actions">
                <ActButton
                    act=Act::SendTestEvent
                    words=ActWords {
                        label: t.send_test.to_owned(),
                        done: Some(t.test_sent.to_owned()),
                        ..ActWords::default()
                    }
                    class=String::new()
                />
                <form method="get" action=shop_path("/connect")>
                    <button type="submit" class="secondary">{t.refresh}</button>
                </form>
            </div>
            {move || Suspend::new(async move {
                lines.await.ok().map(|lines| view! { <LogTable lines /> })
            })}
        </section>
    }
}

#[component]
fn LogTable(lines: Vec<ConnectLogLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().connect_log;
    if lines.is_empty() {
        return view! { <p class="empty">{t.empty}</p> }.into_any();
    }
    view! {
        <table class="connect-log-table">
            <thead>
                <tr>
                    <th>{t.when}</th>
                    <th>{t.source}</th>
                    <th>{t.carried}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        let badge = format!("badge {}", line.result);
                        view! {
                            <tr data-result=line.result.clone()>
                                <td>{i18n.date_time(line.at)}</td>
                                <td>{line.source}</td>
                                <td><code>{line.summary}</code></td>
                                <td>
                                    <span class=badge>{(t.result)(&line.result)}</span>
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
