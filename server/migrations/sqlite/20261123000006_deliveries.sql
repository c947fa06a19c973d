-- The reminder engine's records. A delivery is one step of one cart: queued, then sent, failed
-- or skipped with a reason. The unique (cart, step) pair is what makes a reminder go out at most
-- once, whatever runs overlap; rows are kept, they are the statistics.
create table deliveries (
    delivery_id text not null,
    shop_id text not null,
    cart_id text not null,
    customer_id text not null,
    campaign_id text not null,
    step_id text not null,
    status text not null,
    -- Why the step was not sent (a domain::engine::SkipReason name); null unless skipped.
    skip_reason text,
    -- The content language the email is written in (the customer's, or English).
    language text,
    -- When the step fell due (last activity + delay) and when the row was written.
    due_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    -- Sending: a worker holds the row until lease_until; a dead worker's claim expires.
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    lease_until timestamptz,
    last_error text,
    message_id text,
    sent_at timestamptz,
    constraint deliveries_pkey primary key (delivery_id),
    constraint deliveries_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint deliveries_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint deliveries_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint deliveries_cart_step_key unique (cart_id, step_id),
    constraint deliveries_status_check check (status in ('queued', 'sent', 'failed', 'skipped')),
    constraint deliveries_skip_reason_check check ((status = 'skipped') = (skip_reason is not null)),
    constraint deliveries_attempts_check check (attempts >= 0)
);

-- The customer's latest reminder (the minimum gap between two reminders).
create index deliveries_customer_sent_idx on deliveries (customer_id, sent_at);
-- The worker's queue: due rows first.
create index deliveries_queue_idx on deliveries (status, next_attempt_at);

-- Single-use discount codes, made when a reminder with a discount is queued (a retry reuses it).
create table coupons (
    coupon_id text not null,
    shop_id text not null,
    code text not null,
    customer_id text not null,
    delivery_id text not null,
    kind text not null,
    -- The percentage (percent) or the amount in ten-thousandths (amount); null for free shipping.
    value bigint,
    tax_included boolean not null,
    combinable boolean not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by_order text,
    created_at timestamptz not null,
    constraint coupons_pkey primary key (coupon_id),
    constraint coupons_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint coupons_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint coupons_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint coupons_shop_code_key unique (shop_id, code),
    constraint coupons_delivery_key unique (delivery_id),
    constraint coupons_kind_check check (kind in ('percent', 'amount', 'free_shipping'))
);

-- The customer's latest coupon (at most one per cooldown period).
create index coupons_customer_idx on coupons (customer_id, created_at);

-- Addresses that get no reminder: unsubscribed (one-click or the page), bounced for good, or
-- removed by the merchant. Keyed by the lower-cased address, so a new customer record with the
-- same address stays unsubscribed.
create table suppressions (
    shop_id text not null,
    email text not null,
    reason text not null,
    delivery_id text,
    created_at timestamptz not null,
    constraint suppressions_pkey primary key (shop_id, email),
    constraint suppressions_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint suppressions_reason_check check (reason in ('one_click', 'unsubscribe_page', 'permanent_bounce', 'merchant'))
);

-- The sending rules merchants can change (Settings); the defaults are the domain's.
alter table shop_settings add column min_gap_hours integer not null default 12;
alter table shop_settings add column max_lateness_hours integer not null default 24;
alter table shop_settings add column active_months integer not null default 6;
alter table shop_settings add column coupon_cooldown_days integer not null default 30;
alter table shop_settings add column coupon_prefix text not null default 'RLC-';

-- Secrets Relance makes for itself on first start (the key that signs links in emails, unless
-- RELANCE_SECRET is set). Never shown in the admin.
create table app_secrets (
    name text not null,
    value text not null,
    created_at timestamptz not null,
    constraint app_secrets_pkey primary key (name)
);

-- What customers did with a reminder: opened it, clicked a link, unsubscribed. Hits within
-- seconds of sending are flagged: mail scanners fetch every link and image on arrival.
create table delivery_events (
    delivery_event_id text not null,
    shop_id text not null,
    delivery_id text not null,
    kind text not null,
    destination text,
    occurred_at timestamptz not null,
    probable_scanner boolean not null,
    constraint delivery_events_pkey primary key (delivery_event_id),
    constraint delivery_events_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint delivery_events_kind_check check (kind in ('open', 'click', 'unsubscribe'))
);

create index delivery_events_delivery_idx on delivery_events (delivery_id, kind);

alter table shop_settings add column max_attempts integer not null default 5;
-- Where the recovery link sends the customer: {cart_url} and {code} are replaced.
alter table shop_settings add column cart_url_pattern text not null default '{cart_url}';

-- Runs of the engine never overlap, even across processes (the built-in scheduler, the cron
-- URL, `relance run-once`): a run holds this row until `held_until`, a crashed holder's lock
-- expires.
create table job_locks (
    name text not null,
    holder text not null,
    held_until timestamptz not null,
    constraint job_locks_pkey primary key (name)
);

-- Every engine run, for the Automatic sending tab: when, what started it, what it did.
create table engine_runs (
    run_id text not null,
    trigger text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    summary_json text,
    error text,
    constraint engine_runs_pkey primary key (run_id),
    constraint engine_runs_trigger_check check (trigger in ('scheduler', 'cron', 'cli'))
);

create index engine_runs_started_idx on engine_runs (started_at);
-- Expired, unused codes are deleted this many days after they expire.
alter table shop_settings add column expired_coupon_days integer not null default 30;
