// The funding texts an ORUK import confirmed as commissioners ($confirmed: [{text, id}], the
// texts normalised), kept on the commissioner so a later re-import keeps the confirmation.
UNWIND $confirmed AS c
MATCH (x:Commissioner {id: c.id})
WITH x, collect(c.text) AS texts
SET x.oruk_funding_sources = [t IN coalesce(x.oruk_funding_sources, []) WHERE NOT t IN texts]
                             + texts
RETURN count(x) AS commissioners
