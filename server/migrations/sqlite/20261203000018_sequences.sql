-- no-transaction
-- A cart's reminders come in sequences: a customer who adds items after a reminder starts the
-- sequence again from step 1 (as Help says), so a step happens once per cart *and sequence*.
-- Deliveries are rebuilt for the new unique key, which SQLite cannot change in place; the
-- rebuild needs foreign keys off (coupons and opens point at deliveries), hence its own
-- transaction.
pragma foreign_keys = off;
begin;
pragma legacy_alter_table = on;

-- The sequence the cart is in (1, then one more per restart); `sequence_started_at` says when
-- it started (the cart's creation, or the change that restarted it).
alter table carts add column sequence integer not null default 1;

create table deliveries_new (
    delivery_id text not null,
    shop_id text not null,
    cart_id text not null,
    customer_id text not null,
    campaign_id text not null,
    step_id text not null,
    -- The cart's sequence the step belongs to.
    sequence integer not null default 1,
    status text not null,
    skip_reason text,
    language text,
    -- When the cart counted as abandoned for this sequence: the moment its step delays count
    -- from, fixed when the sequence's first step was decided (null for rows written before).
    abandoned_at timestamptz,
    due_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    lease_until timestamptz,
    last_error text,
    message_id text,
    sent_at timestamptz,
    template_id text,
    constraint deliveries_pkey primary key (delivery_id),
    constraint deliveries_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint deliveries_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint deliveries_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint deliveries_cart_step_key unique (cart_id, sequence, step_id),
    constraint deliveries_status_check check (status in ('queued', 'sent', 'failed', 'skipped')),
    constraint deliveries_skip_reason_check check ((status = 'skipped') = (skip_reason is not null)),
    constraint deliveries_attempts_check check (attempts >= 0),
    constraint deliveries_sequence_check check (sequence >= 1)
);

insert into deliveries_new (delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
    sequence, status, skip_reason, language, abandoned_at, due_at, created_at, updated_at,
    attempts, next_attempt_at, lease_until, last_error, message_id, sent_at, template_id)
select delivery_id, shop_id, cart_id, customer_id, campaign_id, step_id,
    1, status, skip_reason, language, null, due_at, created_at, updated_at,
    attempts, next_attempt_at, lease_until, last_error, message_id, sent_at, template_id
from deliveries;

drop table deliveries;
alter table deliveries_new rename to deliveries;

create index deliveries_queue_idx on deliveries (next_attempt_at) where status = 'queued';
create index deliveries_customer_sent_idx on deliveries (customer_id, sent_at)
where sent_at is not null;
create index deliveries_shop_sent_idx on deliveries (shop_id, sent_at) where sent_at is not null;
create index deliveries_errors_idx on deliveries (shop_id, updated_at) where last_error is not null;

-- carts.steps_done counts the steps of the cart's current sequence; first_sent_at stays the
-- cart's first reminder of all (a recovery is an order after any reminder).
create trigger deliveries_count_insert after insert on deliveries
when new.status <> 'queued'
begin
    update carts set
        steps_done = steps_done + (sequence = new.sequence),
        first_sent_at = case
            when new.status = 'sent' and (first_sent_at is null or new.sent_at < first_sent_at)
            then new.sent_at else first_sent_at end
    where cart_id = new.cart_id;
end;

create trigger deliveries_count_update after update of status, sent_at on deliveries
when old.status is not new.status or old.sent_at is not new.sent_at
begin
    update carts set
        steps_done = steps_done
            + ((new.status <> 'queued') - (old.status <> 'queued')) * (sequence = new.sequence),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = new.cart_id and +d.status = 'sent')
    where cart_id = new.cart_id;
end;

create trigger deliveries_count_delete after delete on deliveries
begin
    update carts set
        steps_done = steps_done - (old.status <> 'queued') * (sequence = old.sequence),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = old.cart_id and +d.status = 'sent')
    where cart_id = old.cart_id;
end;

create trigger stats_delivery_insert after insert on deliveries
when new.sent_at is not null
begin
    insert into stats_dirty_days (shop_id, day) values (new.shop_id, date(new.sent_at))
    on conflict (shop_id, day) do nothing;
end;

create trigger stats_delivery_update after update of status, sent_at on deliveries
when old.sent_at is not new.sent_at
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (select new.sent_at as at union all select old.sent_at)
    where at is not null
    on conflict (shop_id, day) do nothing;
end;

-- A customer gets reminders from at most one restarted sequence per this many days (Settings;
-- 0: no limit), so toggling a cart does not bring a mail every hour.
alter table shop_settings add column re_entry_days integer not null default 7
    constraint shop_settings_re_entry_check check (re_entry_days between 0 and 90);

pragma legacy_alter_table = off;
commit;
pragma foreign_keys = on;
