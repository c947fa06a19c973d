-- The Carts page's text search ("dupont", "gmail", "c-42") as trigram indexes: a substring
-- query reads the index instead of every customer and every cart. Contentless (the text lives
-- in customers and carts); rowids are those of the indexed rows.
create virtual table customer_search using fts5(
    body, content = '', contentless_delete = 1, tokenize = 'trigram'
);
create virtual table cart_search using fts5(
    body, content = '', contentless_delete = 1, tokenize = 'trigram'
);

insert into customer_search (rowid, body)
select rowid, email || ' ' || first_name || ' ' || last_name from customers;
insert into cart_search (rowid, body) select rowid, external_id from carts;

create trigger customers_search_insert after insert on customers begin
    insert into customer_search (rowid, body)
    values (new.rowid, new.email || ' ' || new.first_name || ' ' || new.last_name);
end;
-- Upserts rewrite these columns on every event: the index changes only when the text does.
create trigger customers_search_update after update of email, first_name, last_name on customers
when old.email is not new.email or old.first_name is not new.first_name
    or old.last_name is not new.last_name
begin
    delete from customer_search where rowid = old.rowid;
    insert into customer_search (rowid, body)
    values (new.rowid, new.email || ' ' || new.first_name || ' ' || new.last_name);
end;
create trigger customers_search_delete after delete on customers begin
    delete from customer_search where rowid = old.rowid;
end;

create trigger carts_search_insert after insert on carts begin
    insert into cart_search (rowid, body) values (new.rowid, new.external_id);
end;
create trigger carts_search_delete after delete on carts begin
    delete from cart_search where rowid = old.rowid;
end;
