// A provider editor's proposed change, pending (not live) until an admin decides.
CREATE (:Proposal {id: $id, table: $table, key: $key, creating: $creating,
                   cells_json: $cells_json, version: $version, fields_json: $fields_json,
                   by: $by, at: datetime(), status: 'pending'})
