-- Every payer has a notice each month and pays most months: an index that
-- begins with the payer had one entry written into each of its pages by
-- every close (notices_payer: about 900 pages of a 100,000-worker province
-- after 24 months, allocations_payment about 1,900, each written to the WAL
-- and checkpointed again each month). The notices of a payer and the
-- allocations of a payment are read by the tables' keys instead
-- (store/collectiondb: noticesOf, allocationsOf).
DROP INDEX notices_payer;
DROP INDEX allocations_payment;
