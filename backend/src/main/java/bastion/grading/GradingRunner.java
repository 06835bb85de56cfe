package bastion.grading;

import bastion.common.ProblemException;
import bastion.cycle.CycleEntity;
import bastion.engine.GradingEngine;
import bastion.engine.RuleSet;
import bastion.lagging.ClassificationService;
import bastion.org.Organization;
import bastion.rules.RuleSetEntity;
import bastion.rules.RuleSetService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Grading runs (docs/decisions/0011-grading.md). A run is queued by the request, then computed in
 * the background (never on the request thread): the indices and tiers in one read snapshot, the
 * results written under the run's id in chunks (each chunk its own short transaction, which also
 * advances {@code processed}), and finally one transaction that makes the run the cycle's current
 * one. Until that last transaction the previous results stay current; a failure leaves them so.
 * The final grading of a cycle runs the same code synchronously inside the transaction that
 * publishes it.
 */
@ApplicationScoped
public class GradingRunner {

    private static final Logger LOG = Logger.getLogger(GradingRunner.class);

    static final int CHUNK = 5000;

    @Inject
    EntityManager em;

    @Inject
    RuleSetService ruleSets;

    @Inject
    ClassificationService classification;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "bastion.grading.workers", defaultValue = "2")
    int workers;

    /**
     * Test hook: when set, a background run fails with this message after writing its first chunk
     * of results and before it becomes current. Never set outside tests.
     */
    private volatile String failForTest;

    /** Test hook (see {@link #failForTest}): null clears it. */
    public void injectFailureForTest(String message) {
        failForTest = message;
    }

    private ExecutorService executor;

    void start(@Observes StartupEvent event) {
        executor = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "grading-run");
            t.setDaemon(true);
            return t;
        });
        // runs that a stop interrupted never finish: say so
        int interrupted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE grading_run SET state = 'FAILED', finished_at = now(),
                       failure_reason = '服务重启中断了评定 / interrupted by a restart of the service'
                WHERE state IN ('QUEUED', 'RUNNING') AND NOT final""").executeUpdate());
        if (interrupted > 0) {
            LOG.warnf("%d grading run(s) interrupted by a restart marked FAILED", interrupted);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Queues a run of the cycle (the caller has checked who may); 409 on a published cycle or while another run is active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long queue(CycleEntity cycle, String startedBy) {
        Object refusal = refusal(cycle);
        if (refusal instanceof Long running) {
            throw ProblemException.conflict("该周期已有进行中的评定 " + running + " / Grading run " + running
                    + " of this cycle is still in progress", Map.of("state", cycle.state.name(), "runId", running));
        }
        if (refusal != null) {
            throw ProblemException.conflict("周期已发布, 其最终评定结果不再改变 / The cycle is published; its final grading never changes",
                    Map.of("state", cycle.state.name(), "allowedActions", List.of()));
        }
        return insertRun(cycle, startedBy, "QUEUED", false);
    }

    /**
     * Queues a run of the cycle unless it may not be graded now; never throws for that (a batch
     * skips such cycles). Returns the run id, or the reason: {@code "PUBLISHED"}, or the id of the
     * run in progress as a {@code String}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Object tryQueue(CycleEntity cycle, String startedBy) {
        Object refusal = refusal(cycle);
        if (refusal instanceof Long running) {
            return running.toString();
        }
        return refusal != null ? refusal : (Object) insertRun(cycle, startedBy, "QUEUED", false);
    }

    /** Under the cycle's row lock: "PUBLISHED", the id of an active run, or null when a run may start. */
    private Object refusal(CycleEntity cycle) {
        em.refresh(cycle, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (cycle.state == CycleEntity.State.PUBLISHED) {
            return "PUBLISHED";
        }
        @SuppressWarnings("unchecked")
        List<Number> active = em.createNativeQuery("SELECT id FROM grading_run WHERE cycle_id = :c AND state IN ('QUEUED', 'RUNNING') AND NOT final")
                .setParameter("c", cycle.id).getResultList();
        return active.isEmpty() ? null : (Object) active.getFirst().longValue();
    }

    private long insertRun(CycleEntity cycle, String startedBy, String state, boolean isFinal) {
        RuleSetEntity rules = RuleSetEntity.findById(cycle.ruleSetId);
        GradingEngine.Rules grading = ruleSets.read(rules.definition).gradingRules();
        Number id = (Number) em.createNativeQuery("""
                INSERT INTO grading_run (cycle_id, county_code, state, final, rule_set_id, rule_set_label, method, started_by)
                VALUES (:c, :county, :state, :final, :rs, :label, :method, :by) RETURNING id""")
                .setParameter("c", cycle.id).setParameter("county", cycle.countyCode).setParameter("state", state)
                .setParameter("final", isFinal).setParameter("rs", rules.id).setParameter("label", rules.label)
                .setParameter("method", grading.method().name()).setParameter("by", startedBy).getSingleResult();
        return id.longValue();
    }

    /** Starts the queued run in the background, once the transaction that queued it has committed. */
    public void launch(long runId) {
        launch(List.of(runId));
    }

    /** Starts queued runs in the background as one batch (see {@link #execute(List)}), once their transaction has committed. */
    public void launch(List<Long> runIds) {
        List<Long> ids = List.copyOf(runIds);
        executor.submit(() -> execute(ids));
    }

    /** The final grading, inside the transaction that publishes the cycle (its row is locked by it). Returns the run id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long gradeFinal(CycleEntity cycle, String publishedBy) {
        long runId = insertRun(cycle, publishedBy, "RUNNING", true);
        Session session = em.unwrap(Session.class);
        session.doWork(c -> {
            GradingComputation.Graded g = GradingComputation.compute(c, computationCycle(cycle), lagging(cycle), json);
            progress(c, runId, g.rows().size(), 0);
            for (int from = 0; from < g.rows().size(); from += CHUNK) {
                int to = Math.min(from + CHUNK, g.rows().size());
                GradingComputation.write(c, runId, cycle.id, g.rows(), from, to);
            }
            progress(c, runId, g.rows().size(), g.rows().size());
            makeCurrent(c, cycle.id, cycle.countyCode, runId, g, true);
        });
        return runId;
    }

    private Map<Long, List<ClassificationService.Criterion>> lagging(CycleEntity cycle) {
        return classification.laggingUnder(cycle, ((Organization) Organization.findById(cycle.jurisdictionId)).path);
    }

    private GradingComputation.Cycle computationCycle(CycleEntity cycle) {
        return computationCycle(cycle, new java.util.HashMap<>());
    }

    /** {@code rules}: the engine and grading rules per rule-set id, read once for a batch. */
    private GradingComputation.Cycle computationCycle(CycleEntity cycle, Map<Long, Object[]> rules) {
        Object[] r = rules.computeIfAbsent(cycle.ruleSetId, id -> {
            RuleSetEntity rs = RuleSetEntity.findById(id);
            return new Object[] {ruleSets.engineRules(rs), ruleSets.read(rs.definition).gradingRules()};
        });
        Organization owner = Organization.findById(cycle.jurisdictionId);
        return new GradingComputation.Cycle(cycle.id, cycle.year, owner.path, (RuleSet) r[0], (GradingEngine.Rules) r[1]);
    }

    void execute(long runId) {
        execute(List.of(runId));
    }

    /**
     * Runs queued runs together (one run is a batch of one): every cycle computed in one read
     * transaction, the results written in transactions of at most {@link #CHUNK} rows (each also
     * advancing the runs' progress), then ONE transaction makes all of them current under their
     * cycles' row locks (in cycle order), so a batch's runs become current together or not at all;
     * the superseded runs' rows are discarded afterwards. Each run's results are exactly those of
     * the run alone.
     */
    void execute(List<Long> runIds) {
        long start = System.nanoTime();
        Map<Long, Long> cycleOf = new java.util.TreeMap<>();
        try {
            cycleOf.putAll(QuarkusTransaction.requiringNew().call(() -> {
                Map<Long, Long> queued = new java.util.TreeMap<>();
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("""
                        UPDATE grading_run SET state = 'RUNNING', started_at = now()
                        WHERE id = ANY (CAST(:ids AS bigint[])) AND state = 'QUEUED' RETURNING id, cycle_id""")
                        .setParameter("ids", runIds.toArray(Long[]::new)).getResultList();
                rows.forEach(r -> queued.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
                return queued;
            }));
            if (cycleOf.isEmpty()) {
                return;
            }
            long queuedAt = System.nanoTime();
            record Computed(long runId, long cycleId, String countyCode, GradingComputation.Graded graded) {}
            List<Computed> computed = QuarkusTransaction.requiringNew().call(() -> {
                List<Computed> out = new java.util.ArrayList<>();
                Map<Long, Object[]> rules = new java.util.HashMap<>();
                for (Map.Entry<Long, Long> e : cycleOf.entrySet()) {
                    long l0 = System.nanoTime();
                    CycleEntity c = CycleEntity.findById(e.getValue());
                    GradingComputation.Cycle what = computationCycle(c, rules);
                    Map<Long, List<ClassificationService.Criterion>> lagging = lagging(c);
                    LOG.debugf("cycle %d: rules and lagging %d µs", (Object) c.id, (Object) ((System.nanoTime() - l0) / 1000));
                    GradingComputation.Graded g = em.unwrap(Session.class).doReturningWork(conn -> {
                        GradingComputation.Graded graded = GradingComputation.compute(conn, what, lagging, json);
                        progress(conn, e.getKey(), graded.rows().size(), 0);
                        return graded;
                    });
                    out.add(new Computed(e.getKey(), c.id, c.countyCode, g));
                }
                return out;
            });
            long computedAt = System.nanoTime();
            // transactions of at most CHUNK rows; a run larger than that is split over several
            List<List<int[]>> transactions = new java.util.ArrayList<>();
            List<int[]> current = new java.util.ArrayList<>();
            int filled = 0;
            for (int k = 0; k < computed.size(); k++) {
                int size = computed.get(k).graded().rows().size();
                for (int from = 0; from < size; ) {
                    int to = Math.min(size, from + CHUNK - filled);
                    current.add(new int[] {k, from, to});
                    filled += to - from;
                    from = to;
                    if (filled == CHUNK) {
                        transactions.add(current);
                        current = new java.util.ArrayList<>();
                        filled = 0;
                    }
                }
            }
            if (!current.isEmpty()) {
                transactions.add(current);
            }
            for (List<int[]> pieces : transactions) {
                QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(conn -> {
                    for (int[] piece : pieces) {
                        Computed r = computed.get(piece[0]);
                        GradingComputation.write(conn, r.runId(), r.cycleId(), r.graded().rows(), piece[1], piece[2]);
                        progress(conn, r.runId(), r.graded().rows().size(), piece[2]);
                    }
                }));
                String failure = failForTest;
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
            }
            long writtenAt = System.nanoTime();
            List<Long> voided = new java.util.ArrayList<>();
            List<Long> previous = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class).doReturningWork(conn -> {
                List<Long> replaced = new java.util.ArrayList<>();
                // cycle rows are locked in cycle order: a batch queues its runs in cycle order, so run order is cycle order
                for (Computed r : computed) {
                    try {
                        Long p = makeCurrent(conn, r.cycleId(), r.countyCode(), r.runId(), r.graded(), false);
                        if (p != null) {
                            replaced.add(p);
                        }
                    } catch (CyclePublished e) {
                        voided.add(r.runId());   // nothing of this run was written by makeCurrent; the others go on
                    }
                }
                return replaced;
            }));
            if (!voided.isEmpty()) {
                fail(voided, CyclePublished.REASON);
            }
            long currentAt = System.nanoTime();
            discard(previous);
            long end = System.nanoTime();
            LOG.infof("Grading run(s) %s: %d cycle(s), %d organisations in %d ms (start %d, compute %d, write %d, make current %d, discard %d)",
                    cycleOf.keySet(), computed.size(), computed.stream().mapToInt(r -> r.graded().rows().size()).sum(), (end - start) / 1_000_000,
                    (queuedAt - start) / 1_000_000, (computedAt - queuedAt) / 1_000_000, (writtenAt - computedAt) / 1_000_000,
                    (currentAt - writtenAt) / 1_000_000, (end - currentAt) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Grading run(s) %s failed", cycleOf.isEmpty() ? runIds : cycleOf.keySet());
            String reason = e instanceof ProblemException p ? p.getMessage() : e instanceof IllegalStateException && e.getMessage() != null
                    ? e.getMessage() : "内部错误, 见服务日志 / internal error, see the service log";
            fail(List.copyOf(cycleOf.isEmpty() ? runIds : cycleOf.keySet()), reason);
        }
    }

    /** Marks runs still queued or running FAILED with the reason and discards their results. */
    private void fail(List<Long> runIds, String reason) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE grading_run SET state = 'FAILED', finished_at = now(), failure_reason = :reason
                    WHERE id = ANY (CAST(:ids AS bigint[])) AND state IN ('QUEUED', 'RUNNING')""")
                    .setParameter("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
                    .setParameter("ids", runIds.toArray(Long[]::new)).executeUpdate());
            discard(runIds);
        } catch (RuntimeException again) {
            LOG.errorf(again, "Grading run(s) %s: could not record the failure", runIds);
        }
    }

    /** A cycle published while its (non-final) run was computed: that run's results are void. */
    private static final class CyclePublished extends RuntimeException {
        static final String REASON = "周期已在评定期间发布, 本次结果作废 / The cycle was published meanwhile; this run's results are void";

        CyclePublished() {
            super(REASON, null, false, false);
        }
    }

    /** Deletes the results of runs that are neither final nor current (superseded or failed ones). */
    private void discard(List<Long> runIds) {
        if (runIds.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    DELETE FROM grading_result r WHERE r.run_id = ANY (CAST(:ids AS bigint[]))
                      AND NOT EXISTS (SELECT 1 FROM grading_run g WHERE g.id = r.run_id AND g.final)
                      AND NOT EXISTS (SELECT 1 FROM cycle_grading c WHERE c.current_run_id = r.run_id)""")
                    .setParameter("ids", runIds.toArray(Long[]::new)).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Results of grading run(s) %s kept", runIds);
        }
    }

    private static void progress(Connection c, long runId, int total, int processed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE grading_run SET total = ?, processed = ? WHERE id = ?")) {
            ps.setInt(1, total);
            ps.setInt(2, processed);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Makes the run current, under the cycle's row lock: refused when the cycle was published
     * meanwhile (unless this is its final run). Returns the run it replaced, if any.
     */
    private static Long makeCurrent(Connection c, long cycleId, String countyCode, long runId, GradingComputation.Graded g, boolean isFinal)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM cycle WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, cycleId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!isFinal && "PUBLISHED".equals(rs.getString(1))) {
                    throw new CyclePublished();
                }
            }
        }
        Long previous = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT current_run_id FROM cycle_grading WHERE cycle_id = ? FOR UPDATE")) {
            ps.setLong(1, cycleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO cycle_grading (cycle_id, county_code, current_run_id) VALUES (?, ?, ?)
                ON CONFLICT (cycle_id) DO UPDATE SET current_run_id = EXCLUDED.current_run_id, updated_at = now()""")) {
            ps.setLong(1, cycleId);
            ps.setString(2, countyCode);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE grading_run SET state = 'SUCCEEDED', finished_at = now(), graded = ?, incomplete = ?, poor_by_lagging = ?,
                       poor_by_veto = ?, incomplete_ids = ? WHERE id = ?""")) {
            ps.setInt(1, g.graded());
            ps.setInt(2, g.incomplete());
            ps.setInt(3, g.poorByLagging());
            ps.setInt(4, g.poorByVeto());
            ps.setArray(5, c.createArrayOf("bigint", java.util.Arrays.stream(g.incompleteSample()).boxed().toArray()));
            ps.setLong(6, runId);
            ps.executeUpdate();
        }
        return previous;
    }
}
