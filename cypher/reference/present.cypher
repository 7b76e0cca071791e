// How much of the reference data is in the graph, to tell whether `init` has run.
RETURN COUNT { (:Domain) } AS domains, COUNT { (:Source) } AS sources,
       COUNT { (:SupportType) } AS types, COUNT { (:Model) } AS models
