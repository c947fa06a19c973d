-- A rule's control group: the share of its customers held out (whole percent). Rules from
-- before keep none: a running rule's customers do not start going without by an upgrade.
alter table campaigns add column holdout_percent bigint not null default 0
    check (holdout_percent between 0 and 50);

-- A step row's group while its rule had a control group: true for the control group, false
-- for the reminded one; null when the rule had none, so Statistics compares only carts drawn.
alter table deliveries add column control_group boolean;
alter table call_tasks add column control_group boolean;

-- Statistics reads a rule's drawn sequences by the moment their carts were abandoned.
create index deliveries_holdout_idx on deliveries (shop_id, abandoned_at)
    where control_group is not null;
create index call_tasks_holdout_idx on call_tasks (shop_id, abandoned_at)
    where control_group is not null;
