-- The customer's language (BCP 47), when known: the station prints the packing slip in it.
ALTER TABLE orders ADD COLUMN lang TEXT;
