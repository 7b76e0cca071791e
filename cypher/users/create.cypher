// A new user; fails on the user_name constraint if the name is taken.
CREATE (u:User {username: $username, role: $role, password_hash: $password_hash,
                disabled: false, epoch: 0, created_at: datetime(),
                email: $email,
                // null, not [], when none: the offline (bulk) importer refuses empty lists
                providers: CASE WHEN size($providers) = 0 THEN null ELSE $providers END})
RETURN u.username AS username
