-- An employer has at most one registration waiting for a decision: two
-- registrations sent at the same instant cannot both wait (the registry
-- refuses the second, registry.ErrAlreadyRegistered).
CREATE UNIQUE INDEX registrations_one_pending ON registrations (tax_code) WHERE status = 'pending';
