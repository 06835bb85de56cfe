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
        em.refresh(cycle, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (cycle.state == CycleEntity.State.PUBLISHED) {
            throw ProblemException.conflict("周期已发布, 其最终评定结果不再改变 / The cycle is published; its final grading never changes",
                    Map.of("state", cycle.state.name(), "allowedActions", List.of()));
        }
        @SuppressWarnings("unchecked")
        List<Number> active = em.createNativeQuery("SELECT id FROM grading_run WHERE cycle_id = :c AND state IN ('QUEUED', 'RUNNING') AND NOT final")
                .setParameter("c", cycle.id).getResultList();
        if (!active.isEmpty()) {
            throw ProblemException.conflict("该周期已有进行中的评定 " + active.getFirst() + " / Grading run " + active.getFirst()
                    + " of this cycle is still in progress", Map.of("state", cycle.state.name(), "runId", active.getFirst().longValue()));
        }
        return insertRun(cycle, startedBy, "QUEUED", false);
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
        executor.submit(() -> execute(runId));
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
        RuleSetEntity rs = RuleSetEntity.findById(cycle.ruleSetId);
        RuleSet rules = ruleSets.engineRules(rs);
        Organization owner = Organization.findById(cycle.jurisdictionId);
        return new GradingComputation.Cycle(cycle.id, cycle.year, owner.path, rules, ruleSets.read(rs.definition).gradingRules());
    }

    void execute(long runId) {
        long start = System.nanoTime();
        long cycleId = 0;
        try {
            Long cycle = QuarkusTransaction.requiringNew().call(() -> {
                Object[] row = (Object[]) em.createNativeQuery("SELECT cycle_id, state FROM grading_run WHERE id = :id")
                        .setParameter("id", runId).getSingleResult();
                if (!"QUEUED".equals(row[1])) {
                    return null;
                }
                em.createNativeQuery("UPDATE grading_run SET state = 'RUNNING', started_at = now() WHERE id = :id")
                        .setParameter("id", runId).executeUpdate();
                return ((Number) row[0]).longValue();
            });
            if (cycle == null) {
                return;
            }
            cycleId = cycle;
            GradingComputation.Graded g = QuarkusTransaction.requiringNew().call(() -> {
                CycleEntity c = CycleEntity.findById(cycle);
                GradingComputation.Cycle what = computationCycle(c);
                Map<Long, List<ClassificationService.Criterion>> lagging = lagging(c);
                return em.unwrap(Session.class).doReturningWork(conn -> {
                    GradingComputation.Graded graded = GradingComputation.compute(conn, what, lagging, json);
                    progress(conn, runId, graded.rows().size(), 0);
                    return graded;
                });
            });
            String county = QuarkusTransaction.requiringNew().call(() -> ((CycleEntity) CycleEntity.findById(cycle)).countyCode);
            int done = 0;
            for (int from = 0; from < g.rows().size(); from += CHUNK) {
                int to = Math.min(from + CHUNK, g.rows().size());
                int f = from;
                int d = to;
                QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(conn -> {
                    GradingComputation.write(conn, runId, cycle, g.rows(), f, d);
                    progress(conn, runId, g.rows().size(), d);
                }));
                done = to;
                String failure = failForTest;
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
            }
            int written = done;
            Long previous = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class).doReturningWork(conn -> {
                progress(conn, runId, g.rows().size(), written);
                return makeCurrent(conn, cycle, county, runId, g, false);
            }));
            if (previous != null) {
                discard(previous);
            }
            LOG.infof("Grading run %d of cycle %d: %d organisations in %d ms", runId, cycle, g.rows().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Grading run %d of cycle %d failed", runId, cycleId);
            String reason = e instanceof ProblemException p ? p.getMessage() : e instanceof IllegalStateException && e.getMessage() != null
                    ? e.getMessage() : "内部错误, 见服务日志 / internal error, see the service log";
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        UPDATE grading_run SET state = 'FAILED', finished_at = now(), failure_reason = :reason WHERE id = :id""")
                        .setParameter("reason", reason.length() > 500 ? reason.substring(0, 500) : reason).setParameter("id", runId)
                        .executeUpdate());
                discard(runId);
            } catch (RuntimeException again) {
                LOG.errorf(again, "Grading run %d: could not record its failure", runId);
            }
        }
    }

    /** Deletes the results of a run that is neither final nor current (a superseded or failed one). */
    private void discard(long runId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    DELETE FROM grading_result WHERE run_id = :id
                      AND NOT EXISTS (SELECT 1 FROM grading_run WHERE id = :id AND final)
                      AND NOT EXISTS (SELECT 1 FROM cycle_grading WHERE current_run_id = :id)""")
                    .setParameter("id", runId).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Results of grading run %d kept", runId);
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
                    throw new IllegalStateException("周期已在评定期间发布, 本次结果作废 / The cycle was published meanwhile; this run's results are void");
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
