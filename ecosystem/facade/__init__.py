"""The methods of the core object, `ecosystem.core.Ecosystem`, one module per group (import
`Ecosystem` from `ecosystem` or `ecosystem.core`, never these). Each method is thin: it calls
a feature module with the core's graph and fills in what the settings decide."""
