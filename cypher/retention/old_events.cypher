// Journey events dated before $cutoff, and how many people they belong to: what a retention
// run would delete (and all a dry run shows).
MATCH (e:Event) WHERE e.date < $cutoff
OPTIONAL MATCH (p:Person)-[:HAD]->(e)
RETURN count(e) AS events, count(DISTINCT p) AS people,
       min(e.date) AS oldest, max(e.date) AS newest
