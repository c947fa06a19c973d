-- Three indexes of deliveries held every row, though their queries only ever look at some:
-- the queue (queued rows), and the latest reminders by customer and by shop (sent rows). Each
-- reminder was written into all three when queued and moved in all three when sent. Partial,
-- a queued row enters the queue index alone and leaves it when sent, entering the two others
-- then; the queue index holds only what is waiting, so it stays small.
drop index deliveries_queue_idx;
create index deliveries_queue_idx on deliveries (next_attempt_at) where status = 'queued';

drop index deliveries_customer_sent_idx;
create index deliveries_customer_sent_idx on deliveries (customer_id, sent_at)
where sent_at is not null;

drop index deliveries_shop_sent_idx;
create index deliveries_shop_sent_idx on deliveries (shop_id, sent_at) where sent_at is not null;
