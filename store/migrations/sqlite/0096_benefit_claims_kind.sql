-- The payroll reads the claims of a kind it computes one by one (the
-- unemployment benefits, the withdrawals) by kind within a range of ids.
CREATE INDEX benefit_claims_kind ON benefit_claims (kind);
