// The values each of the area map's filters accepts, with names, in display order.
RETURN
  // Areas in the order of choices/areas: widest first, then by name.
  COLLECT { MATCH (a:Area)
            WITH a, CASE a.level WHEN 'icb' THEN 0 WHEN 'place' THEN 1 WHEN 'local_authority' THEN 2
                                 WHEN 'neighbourhood' THEN 3 ELSE 4 END AS depth
            RETURN {id: a.id, name: a.name} ORDER BY depth, a.name, a.id } AS area,
  COLLECT { MATCH (d:Domain) RETURN {id: d.id, name: d.name} ORDER BY d.order } AS domain,
  COLLECT { MATCH (x:Source) RETURN {id: x.id, name: x.name} ORDER BY x.order } AS source,
  COLLECT { MATCH (t:SupportType) RETURN {id: t.id, name: t.name} ORDER BY t.order }
    AS support_type,
  COLLECT { MATCH (c:Commissioner) RETURN {id: c.id, name: c.name} ORDER BY c.name, c.id }
    AS commissioner,
  COLLECT { MATCH (h:Cohort) RETURN {id: h.id, name: h.name} ORDER BY h.name, h.id } AS cohort
