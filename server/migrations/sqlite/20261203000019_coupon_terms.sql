-- A code made for a cart of a discount range needs a cart worth at least the range's lower
-- bound (in ten-thousandths, on the range's basis): the shop's redemption is checked against
-- it. Null: no minimum (a single discount, or the range from 0).
alter table coupons add column min_order bigint;
alter table coupons add column min_order_basis text
    constraint coupons_min_order_basis_check check (min_order_basis in ('tax_incl', 'tax_excl'));
