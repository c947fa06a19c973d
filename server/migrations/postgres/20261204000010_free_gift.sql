-- A discount can be a free gift: a product (its SKU, and its name for the email) the shop's
-- cart rule adds for the code.
alter table step_discounts add column gift_sku text, add column gift_name text;
alter table step_discounts drop constraint step_discounts_kind_check;
alter table step_discounts add constraint step_discounts_kind_check
    check (kind in ('percent', 'amount', 'free_shipping', 'free_gift'));
alter table step_discounts add constraint step_discounts_gift_check
    check ((kind = 'free_gift') = (gift_sku is not null and gift_name is not null));

alter table coupons add column gift_sku text, add column gift_name text;
alter table coupons drop constraint coupons_kind_check;
alter table coupons add constraint coupons_kind_check
    check (kind in ('percent', 'amount', 'free_shipping', 'free_gift'));
alter table coupons add constraint coupons_gift_check
    check ((kind = 'free_gift') = (gift_sku is not null and gift_name is not null));
