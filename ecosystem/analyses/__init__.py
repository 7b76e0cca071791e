"""The analyses: the questions the three users come with, answered from the graph.

Each analysis is a module with a `run(graph, ...)` function returning frozen dataclasses;
its Cypher lives in `cypher/analyses/`. Shared pieces: `eligibility` (matching a person or a
cohort against a service's criteria), `suppression` (small-number suppression), `common`.
"""
