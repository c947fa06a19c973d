-- Relance's schema on PostgreSQL: the same tables, columns and constraints as the SQLite
-- migrations end with (server/migrations/sqlite), in one step, since no PostgreSQL install
-- predates it. Later changes get a migration in both folders.
--
-- Differences from SQLite, all confined here and in src/db:
-- - Counts are bigint (SQLite's integers are 64-bit; sqlx reads both as i64).
-- - carts and customers carry a `rowid` identity, SQLite's implicit row number, which the
--   engine pages by; cart_events numbers itself as on SQLite (the writer sets event_seq).
-- - Search uses pg_trgm indexes instead of FTS5 tables; the triggers that keep counts and
--   mark statistics days are PL/pgSQL functions.
-- - json_each(text) gives the elements of a JSON array as `value`, as SQLite's does, so the
--   engine's `in (select value from json_each($1))` runs on both.

create extension if not exists pg_trgm;

create function json_each(list text) returns table (value text)
language sql immutable strict parallel safe
as $$ select json_array_elements_text(list::json) $$;

create table shops (
    shop_id text not null,
    name text not null,
    url text not null,
    logo_url text,
    postal_address text not null default '',
    currency text not null,
    default_language text not null,
    time_zone text not null,
    created_at timestamptz not null,
    constraint shops_pkey primary key (shop_id)
);

create table customers (
    customer_id text not null,
    shop_id text not null,
    external_id text not null,
    email text not null,
    first_name text not null,
    last_name text not null,
    gender text,
    language text not null,
    country text,
    groups_json text not null,
    newsletter boolean not null,
    birthdate date,
    orders_count bigint not null,
    last_order_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    phone text,
    time_zone text,
    rowid bigint generated always as identity,
    constraint customers_pkey primary key (customer_id),
    constraint customers_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint customers_shop_external_key unique (shop_id, external_id),
    constraint customers_gender_check check (gender in ('male', 'female', 'other')),
    constraint customers_orders_count_check check (orders_count >= 0)
);

create index customers_shop_email_idx on customers (shop_id, email);
create index customers_search_idx on customers
    using gin ((email || ' ' || first_name || ' ' || last_name) gin_trgm_ops);

create table carts (
    cart_id text not null,
    shop_id text not null,
    external_id text not null,
    customer_id text,
    currency text not null,
    total_tax_incl bigint not null,
    total_tax_excl bigint not null,
    shipping bigint not null,
    url text,
    created_at timestamptz not null,
    last_activity_at timestamptz not null,
    ordered_at timestamptz,
    deleted_at timestamptz,
    items_fingerprint text not null default '',
    sequence_started_at timestamptz,
    product_count bigint not null default 0,
    steps_done bigint not null default 0,
    first_sent_at timestamptz,
    items_digest text not null default '',
    last_event_seq bigint,
    sequence bigint not null default 1,
    rowid bigint generated always as identity,
    constraint carts_pkey primary key (cart_id),
    constraint carts_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint carts_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint carts_shop_external_key unique (shop_id, external_id),
    constraint carts_totals_check check (total_tax_excl >= 0 and total_tax_incl >= total_tax_excl and shipping >= 0)
);

create index carts_shop_activity_idx on carts (shop_id, last_activity_at, rowid);
create index carts_customer_idx on carts (customer_id);
create index carts_shop_total_idx on carts (shop_id, total_tax_incl);
create index carts_shop_products_idx on carts (shop_id, product_count);
create index carts_shop_created_idx on carts (shop_id, created_at, ordered_at, product_count, total_tax_incl);
create index carts_status_idx on carts (
    shop_id, steps_done, ordered_at, deleted_at, last_activity_at, customer_id,
    items_fingerprint, first_sent_at, total_tax_incl
);
create index carts_search_idx on carts using gin (external_id gin_trgm_ops);

create table cart_items (
    cart_id text not null,
    shop_id text not null,
    position bigint not null,
    sku text not null,
    name text not null,
    description text not null,
    image_url text,
    product_url text,
    category text,
    unit_price bigint not null,
    quantity bigint not null,
    stock bigint,
    created_at timestamptz not null,
    constraint cart_items_pkey primary key (cart_id, position),
    constraint cart_items_cart_fkey foreign key (cart_id) references carts (cart_id) on delete cascade,
    constraint cart_items_quantity_check check (quantity >= 1)
);

create table orders (
    order_id text not null,
    shop_id text not null,
    external_id text not null,
    cart_id text,
    currency text not null,
    total_tax_incl bigint not null,
    ordered_at timestamptz not null,
    created_at timestamptz not null,
    cart_external_id text,
    coupon_codes_json text not null default '[]',
    status text not null default 'paid',
    status_changed_at timestamptz,
    constraint orders_pkey primary key (order_id),
    constraint orders_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint orders_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint orders_shop_external_key unique (shop_id, external_id),
    constraint orders_status_check check (status in ('pending', 'paid', 'cancelled', 'refunded'))
);

create index orders_shop_ordered_idx on orders (shop_id, ordered_at);
create index orders_cart_idx on orders (cart_id);

create table email_templates (
    template_id text not null,
    shop_id text not null,
    name text not null,
    layout text not null,
    primary_color text not null,
    secondary_color text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint email_templates_pkey primary key (template_id),
    constraint email_templates_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint email_templates_layout_check check (layout in ('boxy', 'sendy', 'puffy'))
);

create table template_contents (
    template_id text not null,
    shop_id text not null,
    language text not null,
    subject text not null,
    body text not null,
    discount_text text not null,
    button_text text not null,
    reassurance_json text not null,
    facebook_url text,
    instagram_url text,
    x_url text,
    unsubscribe_text text not null,
    unsubscribe_link_text text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint template_contents_pkey primary key (template_id, language),
    constraint template_contents_template_fkey foreign key (template_id) references email_templates (template_id) on delete cascade
);

create table campaigns (
    campaign_id text not null,
    shop_id text not null,
    name text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    escalation boolean not null default false,
    paused boolean not null default false,
    constraint campaigns_pkey primary key (campaign_id),
    constraint campaigns_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table reminder_steps (
    step_id text not null,
    shop_id text not null,
    campaign_id text not null,
    delay_amount bigint not null,
    delay_unit text not null,
    enabled boolean not null,
    newsletter_only boolean not null,
    profile_active boolean not null,
    profile_inactive boolean not null,
    profile_never_ordered boolean not null,
    discount_mode text not null,
    value_basis text,
    template_id text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint reminder_steps_pkey primary key (step_id),
    constraint reminder_steps_campaign_fkey foreign key (campaign_id) references campaigns (campaign_id) on delete cascade,
    constraint reminder_steps_template_fkey foreign key (template_id) references email_templates (template_id),
    constraint reminder_steps_delay_unit_check check (delay_unit in ('hours', 'days')),
    constraint reminder_steps_discount_mode_check check (discount_mode in ('none', 'single', 'ranges')),
    constraint reminder_steps_value_basis_check check (value_basis in ('tax_included', 'tax_excluded'))
);

create index reminder_steps_campaign_idx on reminder_steps (campaign_id);

create table step_discounts (
    step_id text not null,
    shop_id text not null,
    position bigint not null,
    min_value bigint not null,
    max_value bigint,
    kind text not null,
    value bigint not null,
    tax_included boolean not null,
    validity_days bigint not null,
    combinable boolean not null,
    created_at timestamptz not null,
    constraint step_discounts_pkey primary key (step_id, position),
    constraint step_discounts_step_fkey foreign key (step_id) references reminder_steps (step_id) on delete cascade,
    constraint step_discounts_kind_check check (kind in ('percent', 'amount', 'free_shipping')),
    constraint step_discounts_validity_check check (validity_days between 1 and 365)
);

create table admin_users (
    user_id text not null,
    email text not null,
    password_hash text not null,
    created_at timestamptz not null,
    owns_all boolean not null default false,
    constraint admin_users_pkey primary key (user_id),
    constraint admin_users_email_key unique (email)
);

create table admin_sessions (
    token_hash text not null,
    user_id text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    constraint admin_sessions_pkey primary key (token_hash),
    constraint admin_sessions_user_fkey foreign key (user_id) references admin_users (user_id) on delete cascade
);

create index admin_sessions_expires_idx on admin_sessions (expires_at);

create table api_keys (
    api_key_id text not null,
    shop_id text not null,
    name text not null,
    key_prefix text not null,
    key_hash text not null,
    created_at timestamptz not null,
    last_used_at timestamptz,
    revoked_at timestamptz,
    constraint api_keys_pkey primary key (api_key_id),
    constraint api_keys_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint api_keys_key_hash_key unique (key_hash)
);

create table shop_settings (
    shop_id text not null,
    abandoned_after_minutes bigint not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    min_gap_hours bigint not null default 12,
    max_lateness_hours bigint not null default 24,
    active_months bigint not null default 6,
    coupon_cooldown_days bigint not null default 30,
    coupon_prefix text not null default 'RLC-',
    max_attempts bigint not null default 5,
    cart_url_pattern text not null default '{cart_url}',
    expired_coupon_days bigint not null default 30,
    sender_name text not null default '',
    sender_email text not null default '',
    reply_to text not null default '',
    support_email text not null default '',
    attribution_window_days bigint not null default 5,
    re_entry_days bigint not null default 7,
    quiet_hours text not null default '21:00-08:00',
    constraint shop_settings_pkey primary key (shop_id),
    constraint shop_settings_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint shop_settings_abandoned_after_check check (abandoned_after_minutes between 5 and 10080),
    constraint shop_settings_re_entry_check check (re_entry_days between 0 and 90)
);

create table reminder_requests (
    request_id text not null,
    shop_id text not null,
    cart_id text not null,
    requested_by text not null,
    requested_at timestamptz not null,
    handled_at timestamptz,
    constraint reminder_requests_pkey primary key (request_id),
    constraint reminder_requests_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint reminder_requests_user_fkey foreign key (requested_by) references admin_users (user_id)
);

create index reminder_requests_cart_idx on reminder_requests (cart_id, handled_at);

create table deliveries (
    delivery_id text not null,
    shop_id text not null,
    cart_id text not null,
    customer_id text not null,
    campaign_id text not null,
    step_id text not null,
    sequence bigint not null default 1,
    status text not null,
    skip_reason text,
    language text,
    abandoned_at timestamptz,
    due_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    attempts bigint not null default 0,
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

create index deliveries_customer_sent_idx on deliveries (customer_id, sent_at) where sent_at is not null;
create index deliveries_shop_sent_idx on deliveries (shop_id, sent_at) where sent_at is not null;
create index deliveries_errors_idx on deliveries (shop_id, updated_at) where last_error is not null;
create index deliveries_queue_idx on deliveries (shop_id, next_attempt_at) where status = 'queued';

create table coupons (
    coupon_id text not null,
    shop_id text not null,
    code text not null,
    customer_id text not null,
    delivery_id text not null,
    kind text not null,
    value bigint,
    tax_included boolean not null,
    combinable boolean not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by_order text,
    created_at timestamptz not null,
    min_order bigint,
    min_order_basis text,
    constraint coupons_pkey primary key (coupon_id),
    constraint coupons_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint coupons_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint coupons_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint coupons_shop_code_key unique (shop_id, code),
    constraint coupons_delivery_key unique (delivery_id),
    constraint coupons_kind_check check (kind in ('percent', 'amount', 'free_shipping')),
    constraint coupons_min_order_basis_check check (min_order_basis in ('tax_incl', 'tax_excl'))
);

create index coupons_customer_idx on coupons (customer_id, created_at);

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

create table app_secrets (
    name text not null,
    value text not null,
    created_at timestamptz not null,
    constraint app_secrets_pkey primary key (name)
);

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

create table job_locks (
    name text not null,
    holder text not null,
    held_until timestamptz not null,
    constraint job_locks_pkey primary key (name)
);

create table engine_runs (
    run_id text not null,
    trigger text not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    summary_json text,
    error text,
    shop_id text,
    constraint engine_runs_pkey primary key (run_id),
    constraint engine_runs_trigger_check check (trigger in ('scheduler', 'cron', 'cli', 'admin'))
);

create index engine_runs_started_idx on engine_runs (started_at);
create index engine_runs_shop_idx on engine_runs (shop_id, started_at);

create table stats_days (
    shop_id text not null,
    day date not null,
    scanners boolean not null,
    carts_created bigint not null,
    carts_abandoned bigint not null,
    credited_orders bigint not null,
    credited_revenue bigint not null,
    constraint stats_days_pkey primary key (shop_id, day, scanners),
    constraint stats_days_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table stats_step_days (
    shop_id text not null,
    day date not null,
    scanners boolean not null,
    step_id text not null,
    template_id text not null,
    sent bigint not null,
    opened bigint not null,
    clicked bigint not null,
    converted bigint not null,
    revenue bigint not null,
    constraint stats_step_days_pkey primary key (shop_id, day, scanners, step_id, template_id),
    constraint stats_step_days_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table stats_reach_days (
    shop_id text not null,
    day date not null,
    subject text not null,
    prev_day date,
    reached bigint not null,
    converted bigint not null,
    value bigint not null,
    constraint stats_reach_days_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint stats_reach_days_subject_check check (subject in ('cart', 'customer'))
);

create index stats_reach_days_day_idx on stats_reach_days (
    shop_id, day, subject, prev_day, reached, converted, value
);

-- Unlike SQLite's, not one row per day: concurrent transactions marking the same day would
-- queue on that row (and could deadlock marking two days in opposite orders), so every mark
-- is a new row, and the refresh takes them all at once.
create table stats_dirty_days (
    shop_id text not null,
    day date not null
);

create index stats_dirty_days_shop_idx on stats_dirty_days (shop_id);

create table stats_claimed_days (
    shop_id text not null,
    day date not null,
    constraint stats_claimed_days_pkey primary key (shop_id, day)
);

create table stats_state (
    shop_id text not null,
    refreshed_at timestamptz not null,
    window_days bigint not null,
    time_zone text not null,
    constraint stats_state_pkey primary key (shop_id),
    constraint stats_state_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table cart_events (
    event_seq bigint not null,
    api_key_id text not null,
    event_id text not null,
    shop_id text not null,
    event_type text not null,
    cart_external_id text not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    outcome text not null,
    previous_seq bigint,
    constraint cart_events_pkey primary key (event_seq),
    constraint cart_events_key_event_key unique (api_key_id, event_id),
    constraint cart_events_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint cart_events_type_check check (event_type in
        ('cart_updated', 'cart_deleted', 'order_completed', 'order_updated'))
);

create index cart_events_unknown_cart_idx on cart_events (shop_id, cart_external_id, event_seq)
    where outcome = 'unknown_cart';

create table shop_members (
    user_id text not null,
    shop_id text not null,
    role text not null,
    created_at timestamptz not null,
    constraint shop_members_pkey primary key (user_id, shop_id),
    constraint shop_members_user_fkey foreign key (user_id) references admin_users (user_id) on delete cascade,
    constraint shop_members_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint shop_members_role_check check (role in ('owner', 'manager', 'staff'))
);

create index shop_members_shop_idx on shop_members (shop_id);

create table invitations (
    token_hash text not null,
    shop_id text not null,
    email text not null,
    role text not null,
    invited_by text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    constraint invitations_pkey primary key (token_hash),
    constraint invitations_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint invitations_inviter_fkey foreign key (invited_by) references admin_users (user_id) on delete cascade,
    constraint invitations_role_check check (role in ('owner', 'manager', 'staff'))
);

create index invitations_shop_idx on invitations (shop_id, created_at);

create table audit_log (
    entry_id text not null,
    shop_id text,
    user_id text,
    user_email text not null,
    at timestamptz not null,
    action text not null,
    subject text not null,
    before text,
    after text,
    constraint audit_log_pkey primary key (entry_id)
);

create index audit_log_shop_at_idx on audit_log (shop_id, at);

create table webhook_secrets (
    shop_id text not null,
    platform text not null,
    secret text not null,
    api_key_id text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint webhook_secrets_pkey primary key (shop_id, platform),
    constraint webhook_secrets_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint webhook_secrets_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint webhook_secrets_platform_check check (platform in ('shopify', 'woocommerce'))
);

-- The UTC day of a moment, as SQLite's date() gives it.
create function utc_day(at timestamptz) returns date
language sql immutable strict parallel safe
as $$ select (at at time zone 'UTC')::date $$;

create function mark_days(shop text, days date[]) returns void
language sql
as $$
    insert into stats_dirty_days (shop_id, day)
    select distinct shop, d from unnest(days) as d where d is not null
$$;

-- Each cart's count of steps done in its current sequence, and when its first reminder went.
-- Statement triggers over the changed rows: a pass writes hundreds of outcomes per statement,
-- and one update of the carts touched costs far less than a trigger call per row.
create function deliveries_count_inserted() returns trigger
language plpgsql
as $$
begin
    update carts k set
        steps_done = k.steps_done + d.done,
        first_sent_at = case
            when d.first_sent is not null and (k.first_sent_at is null or d.first_sent < k.first_sent_at)
            then d.first_sent else k.first_sent_at end
    from (select n.cart_id,
                 count(*) filter (where n.status <> 'queued' and n.sequence = c.sequence) as done,
                 min(n.sent_at) filter (where n.status = 'sent') as first_sent
          from new_rows n join carts c on c.cart_id = n.cart_id
          where n.status <> 'queued'
          group by n.cart_id) d
    where k.cart_id = d.cart_id;
    return null;
end
$$;

create function deliveries_count_updated() returns trigger
language plpgsql
as $$
begin
    -- A reminder that became sent can only make the first one earlier; only one that stopped
    -- being sent (or moved) needs the cart's reminders read again.
    update carts k set
        steps_done = k.steps_done + d.delta,
        first_sent_at = case
            when d.lost then (select min(x.sent_at) from deliveries x
                              where x.cart_id = k.cart_id and x.status = 'sent')
            else least(k.first_sent_at, d.first_sent) end
    from (select n.cart_id,
                 sum(((case when n.status <> 'queued' then 1 else 0 end)
                      - (case when o.status <> 'queued' then 1 else 0 end))
                     * (case when n.sequence = c.sequence then 1 else 0 end)) as delta,
                 min(n.sent_at) filter (where n.status = 'sent') as first_sent,
                 coalesce(bool_or(o.status = 'sent'
                     and (n.status <> 'sent' or n.sent_at is distinct from o.sent_at)), false) as lost
          from new_rows n
          join old_rows o on o.delivery_id = n.delivery_id
          join carts c on c.cart_id = n.cart_id
          where o.status is distinct from n.status or o.sent_at is distinct from n.sent_at
          group by n.cart_id) d
    where k.cart_id = d.cart_id;
    return null;
end
$$;

create function deliveries_count_deleted() returns trigger
language plpgsql
as $$
begin
    update carts k set
        steps_done = k.steps_done - d.done,
        first_sent_at = (select min(x.sent_at) from deliveries x
                         where x.cart_id = k.cart_id and x.status = 'sent')
    from (select o.cart_id,
                 count(*) filter (where o.status <> 'queued' and o.sequence = c.sequence) as done
          from old_rows o join carts c on c.cart_id = o.cart_id
          group by o.cart_id) d
    where k.cart_id = d.cart_id;
    return null;
end
$$;

create trigger deliveries_count_insert after insert on deliveries
referencing new table as new_rows
for each statement execute function deliveries_count_inserted();
create trigger deliveries_count_update after update on deliveries
referencing new table as new_rows old table as old_rows
for each statement execute function deliveries_count_updated();
create trigger deliveries_count_delete after delete on deliveries
referencing old table as old_rows
for each statement execute function deliveries_count_deleted();

-- The days whose statistics a change touches, marked to be counted again.
create function stats_mark_inserted_deliveries() returns trigger
language plpgsql
as $$
begin
    insert into stats_dirty_days (shop_id, day)
    select distinct n.shop_id, utc_day(n.sent_at) from new_rows n where n.sent_at is not null;
    return null;
end
$$;

create function stats_mark_updated_deliveries() returns trigger
language plpgsql
as $$
begin
    insert into stats_dirty_days (shop_id, day)
    select distinct shop_id, day from (
        select n.shop_id, utc_day(n.sent_at) as day
        from new_rows n join old_rows o on o.delivery_id = n.delivery_id
        where n.sent_at is distinct from o.sent_at and n.sent_at is not null
        union all
        select o.shop_id, utc_day(o.sent_at)
        from new_rows n join old_rows o on o.delivery_id = n.delivery_id
        where n.sent_at is distinct from o.sent_at and o.sent_at is not null
    ) days;
    return null;
end
$$;

create trigger stats_delivery_insert after insert on deliveries
referencing new table as new_rows
for each statement execute function stats_mark_inserted_deliveries();
create trigger stats_delivery_update after update on deliveries
referencing new table as new_rows old table as old_rows
for each statement execute function stats_mark_updated_deliveries();

create function stats_mark_delivery_event() returns trigger
language plpgsql
as $$
begin
    insert into stats_dirty_days (shop_id, day)
    select d.shop_id, utc_day(d.sent_at) from deliveries d
    where d.delivery_id = new.delivery_id and d.sent_at is not null;
    if new.kind = 'unsubscribe' then
        insert into stats_dirty_days (shop_id, day)
        select distinct d.shop_id, utc_day(d.sent_at) from deliveries d
        where d.sent_at is not null and d.customer_id =
            (select x.customer_id from deliveries x where x.delivery_id = new.delivery_id);
    end if;
    return null;
end
$$;

create trigger stats_delivery_event after insert on delivery_events
for each row execute function stats_mark_delivery_event();

create function stats_mark_cart() returns trigger
language plpgsql
as $$
begin
    if tg_op = 'INSERT' then
        perform mark_days(new.shop_id, array[utc_day(new.created_at), utc_day(new.last_activity_at)]);
    else
        perform mark_days(new.shop_id,
            array[utc_day(old.last_activity_at), utc_day(new.last_activity_at),
                  utc_day(new.ordered_at), utc_day(old.ordered_at)]
            || array(select utc_day(d.sent_at) from deliveries d
                     where d.cart_id = new.cart_id and d.sent_at is not null));
    end if;
    return null;
end
$$;

create trigger stats_cart_insert after insert on carts
for each row execute function stats_mark_cart();
create trigger stats_cart_update after update of last_activity_at, ordered_at, deleted_at,
    customer_id, total_tax_incl, product_count on carts
for each row execute function stats_mark_cart();

create function stats_mark_order() returns trigger
language plpgsql
as $$
begin
    if tg_op = 'INSERT' then
        perform mark_days(new.shop_id,
            array[utc_day(new.ordered_at)]
            || array(select utc_day(d.sent_at) from deliveries d
                     where d.cart_id = new.cart_id and d.sent_at is not null));
    elsif old.status is distinct from new.status then
        perform mark_days(new.shop_id,
            array[utc_day(new.ordered_at)]
            || array(select utc_day(d.sent_at) from deliveries d
                     where d.cart_id = new.cart_id and d.sent_at is not null)
            || array(select utc_day(d.sent_at) from coupons c
                     join deliveries d on d.delivery_id = c.delivery_id
                     where c.shop_id = new.shop_id and c.used_by_order = new.external_id
                       and d.sent_at is not null));
    end if;
    return null;
end
$$;

create trigger stats_order_insert after insert on orders
for each row execute function stats_mark_order();
create trigger stats_order_status after update of status on orders
for each row execute function stats_mark_order();

create function stats_mark_coupon_used() returns trigger
language plpgsql
as $$
begin
    if new.used_at is not null then
        insert into stats_dirty_days (shop_id, day)
        select d.shop_id, utc_day(d.sent_at) from deliveries d
        where d.delivery_id = new.delivery_id and d.sent_at is not null;
    end if;
    return null;
end
$$;

create trigger stats_coupon_used after update of used_at on coupons
for each row execute function stats_mark_coupon_used();
