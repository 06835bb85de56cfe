package bastion.demo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads the demo city (or several, {@code bastion.demo.cities}) into an empty database at start
 * when {@code bastion.demo.load=true} (env {@code BASTION_DEMO_LOAD}). Runs after Flyway, which
 * migrates during Quarkus start when {@code quarkus.flyway.migrate-at-start=true}, before
 * {@link StartupEvent} is fired. If table {@code organization} has any row, nothing is loaded.
 *
 * <p>Everything happens in one transaction: lock, emptiness check, COPY of {@code organization},
 * COPY of {@code division_code}, {@code setval('organization_seq')}. Two instances starting at
 * once serialise on the table lock; the second one finds the table filled and skips.
 */
@ApplicationScoped
public class DemoCityLoader {

    private static final Logger LOG = Logger.getLogger(DemoCityLoader.class);

    /** Outcome of {@link #loadIfEmpty}; counts are rows written (0 when skipped). */
    public record Result(boolean loaded, long organizations, long divisionCodes, long cities, long counties,
                         long townships, long villages, long millis) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    bastion.common.Today today;

    @ConfigProperty(name = "bastion.demo.load", defaultValue = "false")
    boolean load;

    /** Whether the demo findings and rectification plans are loaded too (off in tests, which make their own). */
    @ConfigProperty(name = "bastion.demo.lagging", defaultValue = "true")
    boolean lagging;

    /** Whether last year's annual cycles are loaded and published too (so this year's grading shows movement); off in tests. */
    @ConfigProperty(name = "bastion.demo.previous-year", defaultValue = "true")
    boolean previousYear;

    @Inject
    bastion.cycle.CycleService cycles;

    /** Number of generated cities; 1 = the demo city 云岭市 only. */
    @ConfigProperty(name = "bastion.demo.cities", defaultValue = "1")
    int cities;

    void onStart(@Observes StartupEvent event) {
        if (!load) {
            LOG.debug("bastion.demo.load is false: demo data not loaded");
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Result result = loadIfEmpty(connection, new CityGenerator(CityGenerator.DEFAULT_SEED), cities);
            if (result.loaded()) {
                LOG.infof("Demo data loaded: %d cities, %d counties, %d townships, %d villages "
                                + "(%d organizations, %d division codes) in %d ms",
                        result.cities(), result.counties(), result.townships(), result.villages(),
                        result.organizations(), result.divisionCodes(), result.millis());
            } else {
                LOG.infof("Demo data not loaded: table organization is not empty (checked in %d ms)",
                        result.millis());
            }
            loadGrading(connection);
            loadOrgData(connection);
            if (lagging) {
                loadLagging(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the demo data failed", e);
        }
    }

    private void loadGrading(Connection connection) throws SQLException {
        inTransaction(connection, "rule_set", () -> {
            DemoGradingLoader.Result grading = DemoGradingLoader.loadIfEmpty(connection, json, previousYear);
            return grading.ruleSets() == 0 ? null : String.format("Demo grading loaded: %d rule sets, %d cycles, %d scorecards (%d scores) in %d ms",
                    grading.ruleSets(), grading.cycles(), grading.scorecards(), grading.items(), grading.millis());
        });
        if (previousYear) {
            long start = System.nanoTime();
            List<Long> previous = DemoGradingLoader.previousCycles(connection);
            for (long cycle : previous) {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> cycles.lockAndPublishAsSystem(cycle, "demo",
                        "演示数据: 上一年度年底总评 / demo data: last year's annual grading"));
            }
            if (!previous.isEmpty()) {
                LOG.infof("Demo: %d cycles of %d published (indices and final grading) in %d ms", previous.size(), DemoGradingLoader.YEAR - 1,
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private void loadOrgData(Connection connection) throws SQLException {
        inTransaction(connection, "leadership_post", () -> {
            DemoOrgDataLoader.Result data = DemoOrgDataLoader.loadIfEmpty(connection, today.date());
            return data.posts() == 0 ? null : String.format(
                    "Demo organisation data loaded: %d leadership posts, %d meetings, %d venues in %d ms (%d ms generating)",
                    data.posts(), data.meetings(), data.venues(), data.millis(), data.generateMillis());
        });
    }

    private void loadLagging(Connection connection) throws SQLException {
        inTransaction(connection, "finding", () -> {
            DemoLaggingLoader.Result lagging = DemoLaggingLoader.loadIfEmpty(connection, json, today.date());
            return lagging.findings() == 0 ? null : String.format(
                    "Demo findings loaded: %d findings (%d organisations confirmed lagging, %d suspected), %d rectification plans in %d ms",
                    lagging.findings(), lagging.confirmed(), lagging.suspected(), lagging.plans(), lagging.millis());
        });
    }

    /** One part of the demo data, loaded in a transaction of its own with {@code table} locked; the part returns what to log, if anything. */
    private interface Part {
        String load() throws SQLException;
    }

    private static void inTransaction(Connection connection, String table, Part part) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            String message = part.load();
            connection.commit();
            if (message != null) {
                LOG.info(message);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * In one transaction on {@code connection}: if {@code organization} is empty, COPY the rows of
     * cities 1..{@code cities} into {@code organization} and {@code division_code} and move
     * {@code organization_seq} past the largest id. Restores the connection's auto-commit mode.
     */
    public static Result loadIfEmpty(Connection connection, CityGenerator generator, int cities) throws SQLException {
        long start = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("LOCK TABLE organization IN EXCLUSIVE MODE");
                try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM organization)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        connection.rollback();
                        return new Result(false, 0, 0, 0, 0, 0, 0, millisSince(start));
                    }
                }
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            long[] levels = new long[OrgRow.Level.values().length];
            long organizations = copy(pg, CopyWriter.ORGANIZATION_COPY_SQL, w -> generator.organizations(cities, row -> {
                levels[row.level().ordinal()]++;
                w.organization(row);
            }));
            long divisions = copy(pg, CopyWriter.DIVISION_COPY_SQL, w -> generator.divisions(cities, w::division));
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT setval('organization_seq', (SELECT max(id) FROM organization) + 50)");
            }
            connection.commit();
            return new Result(true, organizations, divisions,
                    levels[OrgRow.Level.CITY.ordinal()], levels[OrgRow.Level.COUNTY.ordinal()],
                    levels[OrgRow.Level.TOWNSHIP.ordinal()], levels[OrgRow.Level.VILLAGE.ordinal()],
                    millisSince(start));
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Runs one {@code COPY ... FROM STDIN}, feeding it what {@code rows} writes; returns the row count the server reports. */
    static long copy(PGConnection pg, String sql, Consumer<CopyWriter> rows) throws SQLException {
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, sql, 1 << 16);
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
            rows.accept(new CopyWriter(writer));
            writer.flush();
            return copy.endCopy();
        } catch (IOException e) {
            cancel(copy, e);
            throw new SQLException("COPY failed: " + sql, e);
        } catch (UncheckedIOException e) {
            cancel(copy, e);
            throw new SQLException("COPY failed: " + sql, e.getCause());
        } catch (SQLException | RuntimeException e) {
            cancel(copy, e);
            throw e;
        }
    }

    private static void cancel(PGCopyOutputStream copy, Exception e) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException c) {
                e.addSuppressed(c);
            }
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
