-- Relance's first schema.
--
-- Portable by design: the same file runs on SQLite and on PostgreSQL (ids are text, money is
-- bigint, times are timestamptz bound from Rust in UTC, booleans are boolean; no SQLite-only type
-- or function, no database-side clock).
--
-- Money is a bigint counting ten-thousandths of the currency unit (domain::model::money's
-- MONEY_SCALE): exact, and summable in SQL on both engines, which a decimal string is not.
--
-- Every shop-owned table carries shop_id so one Relance can serve several shops and shard by shop.

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
    -- The shop's group names as a JSON array of strings: read with the customer, never queried.
    groups_json text not null,
    newsletter boolean not null,
    birthdate date,
    orders_count integer not null,
    last_order_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint customers_pkey primary key (customer_id),
    constraint customers_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint customers_shop_external_key unique (shop_id, external_id),
    constraint customers_gender_check check (gender in ('male', 'female', 'other')),
    constraint customers_orders_count_check check (orders_count >= 0)
);

create index customers_shop_email_idx on customers (shop_id, email);

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
    -- When the shop last changed the cart: reminder delays count from here.
    last_activity_at timestamptz not null,
    ordered_at timestamptz,
    deleted_at timestamptz,
    constraint carts_pkey primary key (cart_id),
    constraint carts_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint carts_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint carts_shop_external_key unique (shop_id, external_id),
    constraint carts_totals_check check (total_tax_excl >= 0 and total_tax_incl >= total_tax_excl and shipping >= 0)
);

create index carts_shop_activity_idx on carts (shop_id, last_activity_at);
create index carts_customer_idx on carts (customer_id);

create table cart_items (
    cart_id text not null,
    shop_id text not null,
    position integer not null,
    sku text not null,
    name text not null,
    description text not null,
    image_url text,
    product_url text,
    category text,
    unit_price bigint not null,
    quantity integer not null,
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
    constraint orders_pkey primary key (order_id),
    constraint orders_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint orders_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint orders_shop_external_key unique (shop_id, external_id)
);

create index orders_shop_ordered_idx on orders (shop_id, ordered_at);

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
    -- [{"icon": "free_delivery", "text": "..."}]: always read and written whole with its content.
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
    constraint campaigns_pkey primary key (campaign_id),
    constraint campaigns_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table reminder_steps (
    step_id text not null,
    shop_id text not null,
    campaign_id text not null,
    delay_amount integer not null,
    delay_unit text not null,
    enabled boolean not null,
    newsletter_only boolean not null,
    profile_active boolean not null,
    profile_inactive boolean not null,
    profile_never_ordered boolean not null,
    discount_mode text not null,
    -- Which cart total the ranges compare; null unless discount_mode is 'ranges'.
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

-- A step's discount ('single': one row at position 0) or its ranges by cart value ('ranges').
create table step_discounts (
    step_id text not null,
    shop_id text not null,
    position integer not null,
    min_value bigint not null,
    max_value bigint,
    kind text not null,
    -- The percentage or the amount, in ten-thousandths like money; 0 for free shipping.
    value bigint not null,
    tax_included boolean not null,
    validity_days integer not null,
    combinable boolean not null,
    created_at timestamptz not null,
    constraint step_discounts_pkey primary key (step_id, position),
    constraint step_discounts_step_fkey foreign key (step_id) references reminder_steps (step_id) on delete cascade,
    constraint step_discounts_kind_check check (kind in ('percent', 'amount', 'free_shipping')),
    constraint step_discounts_validity_check check (validity_days between 1 and 365)
);
