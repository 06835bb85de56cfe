import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Goal 1 of issue 3: the fortress indices of every graded organisation of a scope (the demo city
 * or a generated province), computed by the application through its HTTP API, against the SQL
 * floor (one aggregate over the same score rows), on the same database in the same run.
 *
 * <p>One JVM, one persistent connection of each kind, sequential, wall-clock time on the client:
 * <ul>
 *   <li>api: {@code GET /api/v1/cycles/{c}/fortress-indices?size=1} for every cycle of the scope
 *       (HTTP/1.1 keep-alive, real Keycloak tokens, one per city): since V3 the list reads the
 *       indices stored when scorecards are written (fortress_current);</li>
 *   <li>recompute: every index of every cycle computed from the stored scorecards by the backend's
 *       own code ({@code bastion.scoring.FortressTotals.computeScope}: three queries for the whole
 *       scope + the engine's list path), the code that fills fortress_current, on this JDBC
 *       connection;</li>
 *   <li>floor: one aggregate {@code SELECT organization_id, sum(verified_score) ... GROUP BY} over
 *       all those cycles (JDBC, one connection, every row read);</li>
 *   <li>floorPerCycle: the same aggregate once per cycle (as many round trips as the API).</li>
 * </ul>
 * Run with {@code java -cp <backend app jar>:<its lib/main jars> FortressBench.java}; configured by environment
 * variables (see {@code run.sh}). Prints a table and writes {@code key=value} lines to BENCH_OUT.
 */
public class FortressBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A password-grant access token, fetched again when older than four minutes (they live five). */
    static final class Token {
        final String user;
        final String password;
        String value;
        long fetchedAt;

        Token(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String get() throws Exception {
            if (value == null || System.nanoTime() - fetchedAt > Duration.ofMinutes(4).toNanos()) {
                String form = "grant_type=password&client_id=" + enc(env("BENCH_CLIENT_ID", "bastion-test")) + "&client_secret="
                        + enc(env("BENCH_CLIENT_SECRET", "bastion-test-secret")) + "&username=" + enc(user) + "&password=" + enc(password);
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env("BENCH_TOKEN_URL",
                                "http://localhost:8180/realms/bastion/protocol/openid-connect/token")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("token for " + user + ": HTTP " + r.statusCode() + " " + r.body());
                }
                value = JSON.readTree(r.body()).get("access_token").asText();
                fetchedAt = System.nanoTime();
            }
            return value;
        }
    }

    record Cycle(long id, Token token, String path) {}

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static final String BASE = env("BENCH_BASE_URL", "http://127.0.0.1:8081");

    static JsonNode get(Token token, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " as " + token.user + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public static void main(String[] args) throws Exception {
        String label = env("BENCH_LABEL", "scope");
        int warmup = Integer.parseInt(env("BENCH_WARMUP", "3"));
        int runs = Integer.parseInt(env("BENCH_RUNS", "7"));
        int year = Integer.parseInt(env("BENCH_YEAR", "2026"));

        List<Token> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(env("BENCH_USERS", "users.txt")))) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) {
                tokens.add(new Token(p[0], p[1]));
            }
        }

        // the cycles of the scope, as each city's administrator sees them through the API
        Map<Long, Cycle> cycles = new LinkedHashMap<>();
        for (Token t : tokens) {
            for (JsonNode c : get(t, "/api/v1/cycles?year=" + year)) {
                if ("OPEN".equals(c.get("state").asText()) && !cycles.containsKey(c.get("id").asLong())) {
                    cycles.put(c.get("id").asLong(), new Cycle(c.get("id").asLong(), t, null));
                }
            }
        }
        if (cycles.isEmpty()) {
            throw new IllegalStateException("no OPEN " + year + " cycle visible to " + tokens.size() + " user(s)");
        }

        try (Connection db = DriverManager.getConnection(env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/bastion_bench_city"),
                env("BENCH_DB_USER", "bastion"), env("BENCH_DB_PASSWORD", "bastion"))) {
            Long[] ids = cycles.keySet().toArray(Long[]::new);
            Array idArray = db.createArrayOf("bigint", ids);
            List<Cycle> list = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT c.id, o.path FROM cycle c JOIN organization o ON o.id = c.jurisdiction_id WHERE c.id = ANY(?) ORDER BY c.id")) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Cycle c = cycles.get(rs.getLong(1));
                        list.add(new Cycle(c.id(), c.token(), rs.getString(2)));
                    }
                }
            }
            String common = list.getFirst().path();
            for (Cycle c : list) {
                while (!c.path().startsWith(common)) {
                    common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
                }
            }
            final String scopePrefix = common;

            // --- the four measured things -------------------------------------------------------
            long[] apiItems = new long[1];
            Measured api = () -> {
                long total = 0;
                for (Cycle c : list) {
                    total += get(c.token(), "/api/v1/cycles/" + c.id() + "/fortress-indices?size=1").get("totalItems").asLong();
                }
                apiItems[0] = total;
                return total;
            };
            String floorSql = "SELECT s.organization_id, sum(i.verified_score) FROM scorecard s "
                    + "JOIN scorecard_item i ON i.scorecard_id = s.id JOIN organization o ON o.id = s.organization_id "
                    + "WHERE s.cycle_id = ANY(?) AND o.path LIKE ? GROUP BY s.organization_id";
            PreparedStatement floorPs = db.prepareStatement(floorSql);
            Measured floor = () -> {
                floorPs.setArray(1, idArray);
                floorPs.setString(2, scopePrefix + "%");
                return drain(floorPs);
            };
            PreparedStatement floorCyclePs = db.prepareStatement(floorSql.replace("= ANY(?)", "= ?"));
            Measured floorPerCycle = () -> {
                long rows = 0;
                for (Cycle c : list) {
                    floorCyclePs.setLong(1, c.id());
                    floorCyclePs.setString(2, c.path() + "%");
                    rows += drain(floorCyclePs);
                }
                return rows;
            };
            // recompute: every index of every cycle of the scope computed from the stored scorecards by the backend's own
            // code (bastion.scoring.FortressTotals.computeScope, what FortressService.recompute runs: for the whole scope one
            // aggregate of per-scorecard totals, one query of the graded organisations per cycle, one of adjustments summed
            // per code, then the engine's list path), on this JDBC connection; rule sets parsed once, as the backend caches them
            ObjectMapper definitions = new ObjectMapper();
            Map<Long, bastion.scoring.FortressTotals.Prepared> prepared = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT c.id, r.definition::text, r.label FROM cycle c JOIN rule_set r ON r.id = c.rule_set_id WHERE c.id = ANY(?)")) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, bastion.scoring.FortressTotals.Prepared> byDefinition = new LinkedHashMap<>();
                    while (rs.next()) {
                        String def = rs.getString(2);
                        String ruleLabel = rs.getString(3);
                        prepared.put(rs.getLong(1), byDefinition.computeIfAbsent(ruleLabel, k -> {
                            try {
                                return bastion.scoring.FortressTotals.prepare(
                                        definitions.readValue(def, bastion.rules.RuleSetDtos.Definition.class).toEngine(k));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }));
                    }
                }
            }
            long[] recomputeScored = new long[1];
            Measured recompute = () -> {
                long rows = 0;
                long scored = 0;
                for (List<bastion.scoring.FortressTotals.Row> cycleRows
                        : bastion.scoring.FortressTotals.computeScope(db, prepared, scopePrefix).values()) {
                    for (bastion.scoring.FortressTotals.Row row : cycleRows) {
                        rows++;
                        if (row.scorecardId() != null) {
                            scored++;
                        }
                    }
                }
                recomputeScored[0] = scored;
                return rows;
            };

            Map<String, Measured> all = new LinkedHashMap<>();
            all.put("api", api);
            all.put("recompute", recompute);
            all.put("floor", floor);
            all.put("floorPerCycle", floorPerCycle);

            // sanity: what each one covers
            api.run();
            long floorRows = floor.run();
            long recomputeRows = recompute.run();
            long items;
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM scorecard_item i JOIN scorecard s ON s.id = i.scorecard_id "
                    + "WHERE s.cycle_id = ANY(?)")) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    items = rs.getLong(1);
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d cycles (%d user(s)), scope prefix %s%n", label, list.size(), tokens.size(), scopePrefix);
            System.out.printf(Locale.ROOT, "  API: %d graded organisations (totalItems summed over cycles)%n", apiItems[0]);
            System.out.printf(Locale.ROOT, "  recompute: %d graded organisations computed, %d of them scored%n", recomputeRows, recomputeScored[0]);
            System.out.printf(Locale.ROOT, "  floor: %d scored organisations aggregated over %d score rows%n", floorRows, items);

            // warm-up: at least BENCH_WARMUP passes and BENCH_WARMUP_SECONDS of them, so that the measured runs see the
            // backend (and this client's copy of the recompute code) compiled by the JIT, as a server in service is
            int warmupSeconds = Integer.parseInt(env("BENCH_WARMUP_SECONDS", "0"));
            long warmupUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            int warmupPasses = 0;
            while (warmupPasses < warmup || System.nanoTime() - warmupUntil < 0) {
                for (Measured m : all.values()) {
                    m.run();
                }
                warmupPasses++;
            }
            System.out.printf(Locale.ROOT, "  warm-up: %d passes (at least %d, and at least %d s)%n", warmupPasses, warmup, warmupSeconds);
            Map<String, double[]> ms = new LinkedHashMap<>();
            all.keySet().forEach(k -> ms.put(k, new double[runs]));
            // CPU time the backend JVM spends per API pass (utime + stime of its process): less sensitive to a noisy machine
            String backendPid = env("BENCH_BACKEND_PID", "");
            if (!backendPid.isEmpty()) {
                ms.put("apiBackendCpu", new double[runs]);
            }
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, Measured> e : all.entrySet()) {
                    long cpu0 = e.getKey().equals("api") ? cpuMillis(backendPid) : 0;
                    long t0 = System.nanoTime();
                    e.getValue().run();
                    ms.get(e.getKey())[r] = (System.nanoTime() - t0) / 1e6;
                    if (e.getKey().equals("api") && !backendPid.isEmpty()) {
                        ms.get("apiBackendCpu")[r] = cpuMillis(backendPid) - cpu0;
                    }
                }
            }

            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s.cycles=%d%n%s.graded=%d%n%s.scored=%d%n%s.items=%d%n", label, list.size(), label,
                    apiItems[0], label, floorRows, label, items));
            System.out.printf(Locale.ROOT, "%n  %-14s %10s %10s %10s   (ms, %d runs after %d warm-up passes)%n", "measure", "median", "min",
                    "max", runs, warmupPasses);
            for (Map.Entry<String, double[]> e : ms.entrySet()) {
                double[] v = e.getValue().clone();
                Arrays.sort(v);
                double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                System.out.printf(Locale.ROOT, "  %-14s %10.1f %10.1f %10.1f%n", e.getKey(), median, v[0], v[v.length - 1]);
                out.append(String.format(Locale.ROOT, "%s.%s.median=%.1f%n%s.%s.min=%.1f%n%s.%s.max=%.1f%n%s.%s.all=%s%n", label,
                        e.getKey(), median, label, e.getKey(), v[0], label, e.getKey(), v[v.length - 1], label, e.getKey(),
                        Arrays.toString(e.getValue())));
            }
            Files.writeString(Path.of(env("BENCH_OUT", label + ".properties")), out.toString());
        }
    }

    /** utime + stime of a process in ms (clock ticks of 10 ms), 0 when unknown. */
    static long cpuMillis(String pid) throws Exception {
        if (pid.isEmpty()) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    interface Measured {
        long run() throws Exception;
    }

    /** Executes and reads every column of every row; returns the row count. */
    static long drain(PreparedStatement ps) throws SQLException {
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                n++;
            }
        }
        return n;
    }
}
