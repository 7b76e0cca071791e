// Recorded unmet needs, counted by area, life domain, reason and month (suppressed by the
// caller, like every count of people). $since: the first day counted (null: all).
MATCH (u:UnmetNeed)
WHERE $since IS NULL OR u.date >= date($since)
WITH u.area_id AS area_id, u.domain AS domain, u.reason AS reason,
     toString(date.truncate('month', u.date)) AS month, count(*) AS n
RETURN area_id, COLLECT { MATCH (a:Area {id: area_id}) RETURN a.name }[0] AS area_name,
       domain, reason, substring(month, 0, 7) AS month, n
ORDER BY month, area_id, domain, reason
