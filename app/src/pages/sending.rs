//! The Automatic sending tab, drawn on the server: the built-in scheduler, "Run now", the runs'
//! history, the sending errors and the cron URL. Its buttons are controls (`controls`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_sending, RunLine, SendingError, SendingStatus};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::{ActButton, CopyButton};
use crate::pages::copy_button::CopyWords;

#[component]
pub fn SendingPage() -> impl IntoView {
    let i18n = use_i18n();
    let shop = crate::shop::current_shop();
    let status = Loaded::new(|| (), move |_| load_sending(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || i18n.t().sending.title) />
        <h1>{move || i18n.t().sending.title}</h1>
        <p class="intro">{move || i18n.t().sending_intro}</p>
        {move || Suspend::new(async move {
            match status.await {
                Ok(status) => view! { <SendingView status /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn SendingView(status: SendingStatus) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().sending;
    let next_run = match status.next_run {
        Some(at) => format!("{} {}", t.next_run, i18n.date_time(at)),
        None => t.no_run_yet.to_owned(),
    };
    // The latest run failed: sending is stopped until the next run gets through.
    let stopped = status
        .runs
        .first()
        .and_then(|run| run.error.clone().map(|error| (run.started_at, error)));
    let command = format!(
        "curl -fsS -X POST -H 'Authorization: Bearer {}' {}",
        status.cron_token, status.cron_url
    );
    let copy = CopyWords {
        copy: t.copy.to_owned(),
        copied: t.copied.to_owned(),
    };
    view! {
        <section class="card" aria-labelledby="scheduler-title">
            <h2 id="scheduler-title">{t.scheduler_title}</h2>
            <p>{t.scheduler_explain}</p>
            <p class="next-run">{next_run}</p>
            {stopped.map(|(at, error)| {
                view! {
                    <p class="error sending-stopped" role="alert">
                        {(t.stopped)(&i18n.date_time(at), &error)}
                    </p>
                }
            })}
            <p class="queue">{(t.queue)(status.queued_due, status.queued_later)}</p>
            <div class="form-actions">
                <ActButton
                    act=Act::RunNow
                    words=ActWords {
                        label: t.run_now.to_owned(),
                        busy: Some(t.running.to_owned()),
                        refused: t.already_running.to_owned(),
                        done: Some(t.run_result.to_owned()),
                        ..ActWords::default()
                    }
                    class=String::new()
                />
            </div>
        </section>
        <RunHistory runs=status.runs />
        <ErrorList errors=status.errors />
        <section class="card" aria-labelledby="cron-title">
            <h2 id="cron-title">{t.cron_title}</h2>
            <p>{t.cron_explain}</p>
            <CopyField id="cron-url" label=t.cron_url value=status.cron_url words=copy.clone() />
            <CopyField id="cron-token" label=t.cron_token value=status.cron_token words=copy.clone() />
            <CopyField id="cron-command" label=t.cron_command value=command words=copy />
            <div class="form-actions">
                <ActButton
                    act=Act::RegenerateCronToken
                    words=ActWords {
                        label: t.regenerate.to_owned(),
                        confirm: Some(t.confirm_regenerate.to_owned()),
                        done: Some(t.regenerated.to_owned()),
                        ..ActWords::default()
                    }
                    class="secondary".to_owned()
                />
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RunHistory(runs: Vec<RunLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sending;
    let rows = runs
        .into_iter()
        .map(|run| {
            let figures = run.figures.clone().unwrap_or_default();
            let skipped = figures
                .skipped
                .iter()
                .map(|(reason, n)| format!("{} : {n}", (i18n.t().skip_reason)(reason)))
                .collect::<Vec<_>>()
                .join(", ");
            let skipped_total = figures.skipped_total();
            let trigger = run.trigger.clone();
            let error = run.error.clone();
            view! {
                <tr>
                    <td>{move || i18n.date_time(run.started_at)}</td>
                    <td>{move || (t().trigger)(&trigger)}</td>
                    <td class="num">{format!("{:.1} s", run.duration_ms as f64 / 1000.0)}</td>
                    <td class="num">{figures.due}</td>
                    <td class="num">{figures.sent}</td>
                    <td class="num" title=skipped>{skipped_total}</td>
                    <td class="num">
                        {figures.failed}
                        {error.map(|e| view! { <span class="field-error">" " {e}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="runs-title">
            <h2 id="runs-title">{move || t().runs_title}</h2>
            <table class="runs">
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_started}</th>
                        <th scope="col">{move || t().col_trigger}</th>
                        <th scope="col">{move || t().col_duration}</th>
                        <th scope="col">{move || t().col_due}</th>
                        <th scope="col">{move || t().col_sent}</th>
                        <th scope="col">{move || t().col_skipped}</th>
                        <th scope="col">{move || t().col_failed}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

#[component]
fn ErrorList(errors: Vec<SendingError>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sending;
    let empty = errors.is_empty();
    let items = errors
        .into_iter()
        .map(|e| {
            let retrying = e.retrying;
            view! {
                <li>
                    <time>{move || i18n.date_time(e.at)}</time>
                    " · "
                    {e.email.clone()}
                    " · "
                    {e.error.clone()}
                    " ("
                    {move || if retrying { t().retrying } else { t().failed_for_good }}
                    ")"
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="errors-title">
            <h2 id="errors-title">{move || t().errors_title}</h2>
            {empty.then(|| view! { <p class="empty">{move || t().no_errors}</p> })}
            <ul class="sending-errors">{items}</ul>
            <p>
                <a href=crate::shop::shop_path("/unsubscribed")>{move || i18n.t().unsubscribed.link}</a>
            </p>
        </section>
    }
    .into_any()
}

/// A read-only value with a copy button.
#[component]
fn CopyField(
    id: &'static str,
    label: &'static str,
    value: String,
    words: CopyWords,
) -> impl IntoView {
    view! {
        <div class="field copy-field">
            <label for=id>{label}</label>
            <div class="copy-row">
                <input id=id type="text" readonly value=value.clone() />
                <CopyButton text=value words />
            </div>
        </div>
    }
}
