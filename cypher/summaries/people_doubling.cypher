// Take these people's part out of DOUBLING ($sign = -1, before a write changes them) or put
// it back in ($sign = 1, after): per pair, their counts by the day both had started are
// added to the stored ones, the days left with nobody dropped, and a pair with no day left
// removed (see refresh_doubling for what is stored). $ids: distinct person ids.
// Each person found by id first, then what is theirs (as in people_cohort_needs).
CALL () {
  UNWIND $ids AS pid
  MATCH (p:Person {id: pid})
  USING INDEX p:Person(id)
  CALL (p) {
    MATCH (p)-[d:DOUBLED_UP]->(s1:Service)
    WHERE d.since IS NOT NULL
    RETURN s1, d.other AS other, d.since AS since
  }
  WITH s1, other, since, count(*) AS people
  WITH s1, other, collect({since: since, people: $sign * people}) AS change
  MATCH (s2:Service {id: other})
  MERGE (s1)-[x:DOUBLING]->(s2)
  WITH x, change + [i IN range(0, size(coalesce(x.dates, [])) - 1)
                    | {since: x.dates[i], people: x.counts[i]}] AS days
  CALL (days) {
    UNWIND days AS day
    WITH day.since AS since, sum(day.people) AS people
    WHERE people > 0
    WITH since, people ORDER BY since
    RETURN collect(since) AS dates, collect(people) AS counts
  }
  CALL (x, dates, counts) {
    WITH x, dates, counts WHERE size(dates) > 0
    SET x.dates = dates, x.counts = counts, x.last = dates[-1],
        x.people = reduce(n = 0, c IN counts | n + c)
  }
  CALL (x, dates) {
    WITH x, dates WHERE size(dates) = 0
    DELETE x
  }
}
RETURN 1 AS done
