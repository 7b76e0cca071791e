"""Keeping the map true: when each service's details were last checked (`freshness`), the
stewardship worklist of stale entries (`worklist`) and the reminders by email (`reminders`).
docs/stewardship.md says how an area uses them."""
