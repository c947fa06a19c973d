-- "Run now" in the Automatic sending tab is a trigger of its own in the run history.
create table engine_runs_new (
    run_id text not null,
    trigger text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    summary_json text,
    error text,
    constraint engine_runs_pkey primary key (run_id),
    constraint engine_runs_trigger_check check (trigger in ('scheduler', 'cron', 'cli', 'admin'))
);
insert into engine_runs_new select run_id, trigger, started_at, finished_at, summary_json, error
from engine_runs;
drop table engine_runs;
alter table engine_runs_new rename to engine_runs;
create index engine_runs_started_idx on engine_runs (started_at);

-- The last sending errors of the Automatic sending tab, without reading every delivery.
create index deliveries_errors_idx on deliveries (shop_id, updated_at) where last_error is not null;
