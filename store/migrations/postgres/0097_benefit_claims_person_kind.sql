-- A person's claims are looked up by kind (does the person already draw a
-- pension?): the person's index carries it, so that no planner prefers the
-- index of a kind, which holds every claim of it. Not the status, which the
-- payroll changes on thousands of claims a month.
DROP INDEX benefit_claims_person;
CREATE INDEX benefit_claims_person ON benefit_claims (person_id, kind);
