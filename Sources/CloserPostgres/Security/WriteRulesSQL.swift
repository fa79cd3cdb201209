/// The write rules the policies alone cannot say, as triggers the server runs for every member's
/// statement: who may change who holds an account (OwnershipAction's rules), the per-rep holding
/// limit, and the log's author and clock. The schema's owner (the administrator, the server's own
/// triggers) is not a member and passes, as policies let it pass.
enum WriteRulesSQL {
    static let statements: [String] = [holdingFunction, takingFunction, holdingTrigger, logFunction, logTrigger]

    /// Takes an account for `p_owner` within the per-rep limit. Touching the owner's user row
    /// makes two takings by one rep take turns: under READ COMMITTED the second waits and then
    /// counts the first; under REPEATABLE READ or SERIALIZABLE it is refused as a concurrent update.
    static let takingFunction = """
        CREATE FUNCTION closer_take_holding(p_owner text, p_account bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER AS $$
        DECLARE
            owner_role text;
            held bigint;
            most bigint;
        BEGIN
            UPDATE "user" SET name = name WHERE name = p_owner RETURNING role INTO owner_role;
            IF owner_role IS NULL THEN
                RAISE EXCEPTION '% is not a user of this store: add them with `closer user add % --role rep`', p_owner, p_owner
                    USING ERRCODE = 'check_violation';
            END IF;
            IF owner_role <> 'rep' THEN RETURN; END IF;
            SELECT count(*) INTO held FROM account WHERE owner = p_owner AND visibility <> 'pool' AND id <> p_account;
            SELECT coalesce((SELECT value FROM pool_rule WHERE key = 'max_accounts_per_rep'), 50) INTO most;
            IF held >= most THEN
                RAISE EXCEPTION '% already holds % accounts, the limit per rep (%): account % was not given to them — return one to the pool first',
                    p_owner, held, most, p_account USING ERRCODE = 'check_violation';
            END IF;
        END
        $$
        """

    /// Before a member's insert or update of an account. Members may lock and try to change any
    /// account they read, so a refusal says why instead of finding no row: a pool account changes
    /// only by being claimed; another's account only when it is shared with the rep and neither
    /// exclusive nor protected, and then not who holds it; every new holding is within the limit.
    static let holdingFunction = """
        CREATE FUNCTION closer_account_holding() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            me text := current_user;
            my_role text := closer_role();
            was_pool boolean;
            taking boolean;
        BEGIN
            IF my_role IS NULL THEN
                RETURN NEW; -- the administrator, or the server's own triggers (a stranger reaches no row)
            END IF;
            IF TG_OP = 'UPDATE' THEN
                was_pool := OLD.owner IS NULL OR OLD.visibility = 'pool';
                IF my_role = 'rep' AND was_pool THEN
                    IF NEW.owner IS DISTINCT FROM me OR NEW.visibility = 'pool' THEN
                        RAISE EXCEPTION 'account % is in the pool: claim it first (`closer account claim %`); nothing was changed', OLD.id, OLD.id
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                ELSIF my_role = 'rep' AND OLD.owner IS DISTINCT FROM me THEN
                    IF OLD.protected OR OLD.visibility IN ('protected', 'exclusive') OR NOT coalesce(OLD.shared_with::jsonb ? me, false) THEN
                        RAISE EXCEPTION 'account % is protected: only % (its owner) or a manager can change it', OLD.id, OLD.owner
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    IF (OLD.owner, OLD.visibility, OLD.shared_with, OLD.protected)
                       IS DISTINCT FROM (NEW.owner, NEW.visibility, NEW.shared_with, NEW.protected) THEN
                        RAISE EXCEPTION 'only % (its owner) or a manager can change who holds account %; you are % (rep)', OLD.owner, OLD.id, me
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                END IF;
                taking := NEW.owner IS NOT NULL AND NEW.visibility <> 'pool'
                    AND (was_pool OR OLD.owner IS DISTINCT FROM NEW.owner);
            ELSE
                taking := NEW.owner IS NOT NULL AND NEW.visibility <> 'pool';
            END IF;
            IF taking THEN
                PERFORM closer_take_holding(NEW.owner, NEW.id);
            END IF;
            RETURN NEW;
        END
        $$
        """

    static let holdingTrigger = """
        CREATE TRIGGER account_holding BEFORE INSERT OR UPDATE ON account
        FOR EACH ROW EXECUTE FUNCTION closer_account_holding()
        """

    /// A member's log line is theirs and of now: the author is the connected role whatever the
    /// client wrote, and the instant is the server's, never before the latest line, so the log's
    /// order is the order of the commits (writers append under the log's lock).
    static let logFunction = """
        CREATE FUNCTION closer_log_author() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF closer_role() IS NULL THEN
                RETURN NEW;
            END IF;
            NEW."user" := current_user;
            NEW.at := greatest(extract(epoch FROM clock_timestamp())::double precision, coalesce(closer_log_latest(), 0));
            RETURN NEW;
        END
        $$
        """

    static let logTrigger = """
        CREATE TRIGGER event_author BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION closer_log_author()
        """
}
