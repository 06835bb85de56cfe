package bastion.lagging;

import bastion.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * The one writer of finding states (DOMAIN §3). Every change of state goes through {@link #move},
 * which locks the finding row, checks the state it expects, writes the new state and appends the
 * event (who, when, why, evidence) in the caller's transaction — so two concurrent transitions of
 * one finding never both succeed: the second sees the first's state and is refused with 409.
 *
 * <p>Who may do what is decided by the callers (findings API, screening, rectification plans);
 * this class only guards the state machine itself.
 */
@ApplicationScoped
public class FindingLedger {

    public enum State { SUSPECTED, CONFIRMED, RECTIFYING, ACCEPTED, CLEARED, DISMISSED }

    /** Actions and the state each one needs and leads to. RAISE and PROPOSE create a finding. */
    public enum Action {
        RAISE(null, State.SUSPECTED),
        PROPOSE(null, State.SUSPECTED),
        CONFIRM(State.SUSPECTED, State.CONFIRMED),
        DISMISS(State.SUSPECTED, State.DISMISSED),
        RECTIFY(State.CONFIRMED, State.RECTIFYING),
        ACCEPT(State.RECTIFYING, State.ACCEPTED),
        CLEAR(State.ACCEPTED, State.CLEARED);

        public final State from;
        public final State to;

        Action(State from, State to) {
            this.from = from;
            this.to = to;
        }

        /** The transitions that leave a state (what a finding in that state may undergo next). */
        public static List<Action> leaving(State state) {
            return java.util.Arrays.stream(values()).filter(a -> a.from == state).toList();
        }
    }

    /** The criterion of a catalogue version, as copied onto a finding. */
    public record Criterion(Long catalogueId, String catalogueLabel, int year, String code, String title, boolean classifiesDirectly) {}

    /** Who acts: the username (token) and the display name. */
    public record Actor(String username, String displayName) {}

    /** The finding's row as the ledger sees it after a change. */
    public record Moved(long findingId, long organizationId, State from, State to, long revision, long eventId) {}

    @Inject
    EntityManager em;

    /**
     * A new SUSPECTED finding. {@code screeningKey} is null for a finding raised by hand; for a
     * screening proposal it names the data that triggered it, and a key seen before (whatever
     * became of that finding) is never proposed again: the method returns null.
     * Returns null too when the organisation already has a live finding of this criterion and
     * {@code quietIfAlive}; otherwise that is a 409.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Moved raise(long organizationId, String countyCode, Criterion criterion, Actor actor, String reason, String evidence,
            String screeningKey, Long screeningRunId, String triggerJson, boolean quietIfAlive) {
        Action action = screeningKey == null ? Action.RAISE : Action.PROPOSE;
        long id = nextId();
        int inserted = em.createNativeQuery("""
                INSERT INTO finding (id, organization_id, county_code, year, catalogue_id, catalogue_label, criterion_code,
                    criterion_title, classifies_directly, state, source, screening_key, screening_run_id, trigger_data, raised_by)
                VALUES (:id, :org, :county, :year, CAST(:catalogue AS bigint), :label, :code, :title, :direct, 'SUSPECTED',
                    :source, CAST(:key AS varchar), CAST(:run AS bigint), CAST(CAST(:trigger AS text) AS jsonb), :actor)
                ON CONFLICT DO NOTHING""")
                .setParameter("id", id)
                .setParameter("org", organizationId)
                .setParameter("county", countyCode)
                .setParameter("year", criterion.year())
                .setParameter("catalogue", criterion.catalogueId())
                .setParameter("label", criterion.catalogueLabel())
                .setParameter("code", criterion.code())
                .setParameter("title", criterion.title())
                .setParameter("direct", criterion.classifiesDirectly())
                .setParameter("source", screeningKey == null ? "MANUAL" : "SCREENING")
                .setParameter("key", screeningKey)
                .setParameter("run", screeningRunId)
                .setParameter("trigger", triggerJson)
                .setParameter("actor", actor.username())
                .executeUpdate();
        if (inserted == 0) {
            if (quietIfAlive) {
                return null;
            }
            Object alive = em.createNativeQuery("""
                    SELECT id FROM finding WHERE organization_id = :org AND criterion_code = :code
                      AND state IN ('SUSPECTED', 'CONFIRMED', 'RECTIFYING', 'ACCEPTED')""")
                    .setParameter("org", organizationId).setParameter("code", criterion.code())
                    .getResultStream().findFirst().orElse(null);
            throw ProblemException.conflict("该组织已有此情形的在办问题 (" + criterion.code() + ") / This organisation already has an open finding of "
                    + criterion.code(), alive == null ? Map.of() : Map.of("existingFindingId", ((Number) alive).longValue()));
        }
        long eventId = event(id, countyCode, actor, action, null, State.SUSPECTED, reason, evidence, new long[0]);
        return new Moved(id, organizationId, null, State.SUSPECTED, 1, eventId);
    }

    /**
     * Moves a finding by {@code action}, locking its row. {@code expectedRevision} (from If-Match)
     * may be null for moves made on the caller's behalf (e.g. a plan moving its findings); a stale
     * revision is a 412 with {@code staleView} as the current representation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Moved move(long findingId, Action action, Long expectedRevision, Actor actor, String reason, String evidence,
            long[] attachmentIds, java.util.function.Supplier<Object> staleView) {
        if (action.from == null) {
            throw new IllegalArgumentException(action + " creates a finding");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT state, revision, organization_id, county_code FROM finding WHERE id = :id FOR UPDATE")
                .setParameter("id", findingId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("问题 " + findingId + " 不存在 / Finding " + findingId + " does not exist");
        }
        State state = State.valueOf((String) rows.get(0)[0]);
        long revision = ((Number) rows.get(0)[1]).longValue();
        long organizationId = ((Number) rows.get(0)[2]).longValue();
        String countyCode = (String) rows.get(0)[3];
        if (expectedRevision != null && expectedRevision != revision) {
            throw ProblemException.stale(staleView == null ? null : staleView.get());
        }
        if (state != action.from) {
            throw illegal(findingId, state, action);
        }
        em.createNativeQuery("""
                UPDATE finding SET state = :to, revision = revision + 1, state_changed_at = now(),
                    confirmed_at = CASE WHEN :to = 'CONFIRMED' THEN now() ELSE confirmed_at END,
                    closed_at = CASE WHEN :to IN ('CLEARED', 'DISMISSED') THEN now() ELSE closed_at END
                WHERE id = :id""")
                .setParameter("to", action.to.name())
                .setParameter("id", findingId)
                .executeUpdate();
        long eventId = event(findingId, countyCode, actor, action, state, action.to, reason, evidence,
                attachmentIds == null ? new long[0] : attachmentIds);
        return new Moved(findingId, organizationId, state, action.to, revision + 1, eventId);
    }

    /** A screening proposal to be raised: the organisation, the data that triggered it (key, figures) and the reason. */
    public record Proposal(long organizationId, String countyCode, String screeningKey, String reason, String triggerJson) {}

    /** A proposal that became a finding. */
    public record Proposed(long findingId, long organizationId, String screeningKey) {}

    /**
     * Raises many screening proposals of one criterion at once (a few statements per 500, not three
     * per finding): each becomes a SUSPECTED finding with its PROPOSE event, unless its key was seen
     * before or the organisation already has a live finding of the criterion — those are left out
     * of the answer, as {@link #raise} with {@code quietIfAlive} would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Proposed> proposeAll(Criterion criterion, Actor actor, long screeningRunId, List<Proposal> proposals) {
        List<Proposed> out = new java.util.ArrayList<>();
        for (int from = 0; from < proposals.size(); from += 500) {
            List<Proposal> batch = proposals.subList(from, Math.min(proposals.size(), from + 500));
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < batch.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(CAST(:o").append(i).append(" AS bigint), CAST(:c").append(i)
                        .append(" AS varchar), CAST(:k").append(i).append(" AS varchar), CAST(:t").append(i).append(" AS text))");
            }
            var insert = em.createNativeQuery("""
                    INSERT INTO finding (id, organization_id, county_code, year, catalogue_id, catalogue_label, criterion_code,
                        criterion_title, classifies_directly, state, source, screening_key, screening_run_id, trigger_data, raised_by)
                    SELECT nextval('lagging_seq'), v.org, v.county, :year, CAST(:catalogue AS bigint), :label, :code, :title, :direct,
                        'SUSPECTED', 'SCREENING', v.key, :run, CAST(v.trig AS jsonb), :actor
                    FROM (VALUES """ + values + """
                    ) AS v(org, county, key, trig)
                    ON CONFLICT DO NOTHING
                    RETURNING id, organization_id, screening_key""")
                    .setParameter("year", criterion.year())
                    .setParameter("catalogue", criterion.catalogueId())
                    .setParameter("label", criterion.catalogueLabel())
                    .setParameter("code", criterion.code())
                    .setParameter("title", criterion.title())
                    .setParameter("direct", criterion.classifiesDirectly())
                    .setParameter("run", screeningRunId)
                    .setParameter("actor", actor.username());
            for (int i = 0; i < batch.size(); i++) {
                Proposal p = batch.get(i);
                insert.setParameter("o" + i, p.organizationId()).setParameter("c" + i, p.countyCode())
                        .setParameter("k" + i, p.screeningKey()).setParameter("t" + i, p.triggerJson());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = insert.getResultList();
            if (rows.isEmpty()) {
                continue;
            }
            java.util.Map<String, Proposal> byKey = new java.util.HashMap<>();
            batch.forEach(p -> byKey.put(p.screeningKey(), p));
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                events.append(i == 0 ? "" : ", ").append("(CAST(:f").append(i).append(" AS bigint), CAST(:c").append(i)
                        .append(" AS varchar), CAST(:r").append(i).append(" AS varchar))");
            }
            var event = em.createNativeQuery("""
                    INSERT INTO finding_event (finding_id, county_code, actor, actor_name, action, from_state, to_state, reason)
                    SELECT v.finding, v.county, :actor, CAST(:name AS varchar), 'PROPOSE', NULL, 'SUSPECTED', v.reason
                    FROM (VALUES """ + events + ") AS v(finding, county, reason)")
                    .setParameter("actor", actor.username()).setParameter("name", actor.displayName());
            for (int i = 0; i < rows.size(); i++) {
                Object[] r = rows.get(i);
                Proposal p = byKey.get((String) r[2]);
                event.setParameter("f" + i, ((Number) r[0]).longValue()).setParameter("c" + i, p.countyCode()).setParameter("r" + i, p.reason());
                out.add(new Proposed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]));
            }
            event.executeUpdate();
        }
        return out;
    }

    /** 409 naming the current state and the actions it allows. */
    public static ProblemException illegal(long findingId, State state, Action action) {
        List<String> allowed = Action.leaving(state).stream().map(Enum::name).toList();
        return ProblemException.conflict("问题 " + findingId + " 当前状态为 " + state + ", 不能执行 " + action + " / Finding " + findingId
                + " is " + state + "; " + action + " needs " + action.from, Map.of("state", state.name(), "allowedActions", allowed));
    }

    private long event(long findingId, String countyCode, Actor actor, Action action, State from, State to, String reason,
            String evidence, long[] attachmentIds) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO finding_event (finding_id, county_code, actor, actor_name, action, from_state, to_state, reason,
                    evidence, attachment_ids)
                VALUES (:finding, :county, :actor, CAST(:name AS varchar), :action, CAST(:from AS varchar), :to, :reason,
                    CAST(:evidence AS varchar), :attachments)
                RETURNING id""")
                .setParameter("finding", findingId)
                .setParameter("county", countyCode)
                .setParameter("actor", actor.username())
                .setParameter("name", actor.displayName())
                .setParameter("action", action.name())
                .setParameter("from", from == null ? null : from.name())
                .setParameter("to", to.name())
                .setParameter("reason", reason)
                .setParameter("evidence", evidence)
                .setParameter("attachments", attachmentIds)
                .getSingleResult()).longValue();
    }

    public long nextId() {
        return ((Number) em.createNativeQuery("SELECT nextval('lagging_seq')").getSingleResult()).longValue();
    }
}
