-- A cart line's barcode (EAN/GTIN), when the shop sends it: rules find products by it.
alter table cart_items add column ean text;
