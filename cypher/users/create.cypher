// A new user; fails on the user_name constraint if the name is taken.
CREATE (u:User {username: $username, role: $role, password_hash: $password_hash,
                disabled: false, epoch: 0, created_at: datetime(),
                email: $email, providers: $providers})
RETURN u.username AS username
