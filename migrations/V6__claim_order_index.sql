-- Claims take due series in (next_due_at, series_key) order, LIMIT the claim batch. A cycle marks every series
-- due with one timestamp, so an index on next_due_at alone left each claim to sort every due series: a cycle of
-- N series cost O(N²) in the database (10,000 series: the claim was most of the database's time).
-- With the key in the index the claim reads the first unclaimed entries in order and stops.
CREATE INDEX series_claim_idx ON series (next_due_at, series_key) WHERE active;
DROP INDEX series_due_idx;
