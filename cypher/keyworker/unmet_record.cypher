// One unmet need a key worker found: where, the age band, the life domain, why and when.
// Nothing that identifies the person: no person id, no free text, not who recorded it.
CREATE (:UnmetNeed {id: $id, area_id: $area_id, age_band: $age_band, domain: $domain,
                    reason: $reason, date: date($date)})
