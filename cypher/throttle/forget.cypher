// Counters nobody has touched for two windows count nothing any more.
MATCH (t:SignInThrottle) WHERE t.touched < $before
WITH t LIMIT 1000
DELETE t
