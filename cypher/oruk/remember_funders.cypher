// The funding texts an ORUK import confirmed as commissioners ($confirmed: [{text, id}], the
// texts normalised), kept on the commissioner so a later re-import keeps the confirmation. A
// text confirmed for another commissioner now is taken off the one it had before.
CALL () {
  MATCH (x:Commissioner) WHERE x.oruk_funding_sources IS NOT NULL
  SET x.oruk_funding_sources = [t IN x.oruk_funding_sources
                                WHERE NOT t IN [c IN $confirmed | c.text]]
}
UNWIND $confirmed AS c
MATCH (x:Commissioner {id: c.id})
WITH x, collect(c.text) AS texts
SET x.oruk_funding_sources = coalesce(x.oruk_funding_sources, []) + texts
RETURN count(x) AS commissioners
