-- Each cart's reminder history in two columns, so the Carts page filters and sorts on columns
-- instead of counting deliveries cart by cart: steps decided (sent, failed or skipped) and the
-- first reminder sent. Triggers keep them equal to the deliveries whatever writes those.
alter table carts add column steps_done integer not null default 0;
alter table carts add column first_sent_at timestamptz;

update carts set
    steps_done = (select count(*) from deliveries d
                  where d.cart_id = carts.cart_id and d.status <> 'queued'),
    first_sent_at = (select min(d.sent_at) from deliveries d
                     where d.cart_id = carts.cart_id and d.status = 'sent');

create trigger deliveries_count_insert after insert on deliveries
when new.status <> 'queued'
begin
    update carts set
        steps_done = steps_done + 1,
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
            + (new.status <> 'queued') - (old.status <> 'queued'),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = new.cart_id and d.status = 'sent')
    where cart_id = new.cart_id;
end;

create trigger deliveries_count_delete after delete on deliveries
begin
    update carts set
        steps_done = steps_done - (old.status <> 'queued'),
        first_sent_at = (select min(d.sent_at) from deliveries d
                         where d.cart_id = old.cart_id and d.status = 'sent')
    where cart_id = old.cart_id;
end;

-- Every column the Carts page's state filters read, so counting Waiting, In progress,
-- Recovered… carts reads this index alone instead of every cart row.
create index carts_status_idx on carts (
    shop_id, steps_done, ordered_at, deleted_at, last_activity_at, customer_id,
    items_fingerprint, first_sent_at, total_tax_incl
);
