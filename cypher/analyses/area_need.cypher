// Estimated need by life domain of the cohorts in $area_id or an area within it.
MATCH (home:Area {id: $area_id})<-[:PART_OF*0..5]-(:Area)<-[:IN_AREA]-(c:Cohort)-[n:NEEDS]->(d:Domain)
RETURN d.id AS domain, sum(n.estimated) AS estimated, collect(DISTINCT c.id) AS cohorts
