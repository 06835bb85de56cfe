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
 *       (HTTP/1.1 keep-alive, real Keycloak tokens, one per city);</li>
 *   <li>floor: one aggregate {@code SELECT organization_id, sum(verified_score) ... GROUP BY} over
 *       all those cycles (JDBC, one connection, every row read);</li>
 *   <li>floorPerCycle: the same aggregate once per cycle (as many round trips as the API);</li>
 *   <li>appSql: the four queries the application runs per cycle (FortressService.gradedUnder and
 *       ScorecardRepository.load: heads, items, adjustments), same text, every column read, to
 *       split the API time into "database + driver" and "everything else in the JVM".</li>
 * </ul>
 * Run with {@code java -cp <pgjdbc>:<jackson jars> FortressBench.java}; configured by environment
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
            // FortressService.gradedUnder and ScorecardRepository.load(findUnder), verbatim
            String cond = "s.organization_id IN (SELECT o.id FROM organization o WHERE o.path LIKE ?)";
            PreparedStatement graded = db.prepareStatement("""
                    SELECT o.id, o.code, o.name, o.division_code, o.place_type, o.county_code, p.name, o.path
                    FROM organization o JOIN organization p ON p.id = o.parent_id
                    WHERE o.graded AND o.path LIKE ?""");
            PreparedStatement heads = db.prepareStatement("SELECT s.id, s.organization_id, s.revision, s.members_respondents, "
                    + "s.members_satisfied, s.masses_respondents, s.masses_satisfied, s.updated_at FROM scorecard s WHERE s.cycle_id = ? AND "
                    + cond);
            PreparedStatement items = db.prepareStatement("SELECT i.scorecard_id, i.indicator_code, i.self_score, i.verified_score, i.note "
                    + "FROM scorecard_item i JOIN scorecard s ON s.id = i.scorecard_id WHERE s.cycle_id = ? AND " + cond
                    + " ORDER BY i.scorecard_id, i.indicator_code");
            PreparedStatement adjustments = db.prepareStatement("SELECT a.scorecard_id, a.kind, a.code, a.points, a.reason "
                    + "FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id WHERE s.cycle_id = ? AND " + cond
                    + " ORDER BY a.scorecard_id, a.kind, a.position");
            long[] appRows = new long[4];
            Measured appSql = () -> {
                Arrays.fill(appRows, 0);
                for (Cycle c : list) {
                    graded.setString(1, c.path() + "%");
                    appRows[0] += drain(graded);
                    for (PreparedStatement ps : List.of(heads, items, adjustments)) {
                        ps.setLong(1, c.id());
                        ps.setString(2, c.path() + "%");
                    }
                    appRows[1] += drain(heads);
                    appRows[2] += drain(items);
                    appRows[3] += drain(adjustments);
                }
                return appRows[0];
            };

            // the SQL side of the change docs/performance.md recommends: one row per graded organisation with the sum and
            // count of its applicable verified scores (codes per place type from the cycle's rule set), plus the
            // adjustments summed per code; the engine then needs no item rows
            Map<Long, String[][]> codes = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT c.id, array_agg(i->>'code') FILTER (WHERE coalesce(jsonb_typeof(i->'appliesTo'), 'null') = 'null' OR i->'appliesTo' @> '["VILLAGE"]'),
                           array_agg(i->>'code') FILTER (WHERE coalesce(jsonb_typeof(i->'appliesTo'), 'null') = 'null' OR i->'appliesTo' @> '["COMMUNITY"]')
                    FROM cycle c JOIN rule_set r ON r.id = c.rule_set_id,
                         jsonb_array_elements(r.definition->'dimensions') d, jsonb_array_elements(d->'indicators') i
                    WHERE c.id = ANY(?) GROUP BY c.id""")) {
                ps.setArray(1, idArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        codes.put(rs.getLong(1), new String[][] {(String[]) rs.getArray(2).getArray(), (String[]) rs.getArray(3).getArray()});
                    }
                }
            }
            PreparedStatement proposedScores = db.prepareStatement("""
                    SELECT o.id, o.division_code, s.members_respondents, s.members_satisfied, s.masses_respondents, s.masses_satisfied,
                           v.verified, v.present
                    FROM organization o
                    LEFT JOIN scorecard s ON s.organization_id = o.id AND s.cycle_id = ?
                    LEFT JOIN LATERAL (
                        SELECT sum(i.verified_score) AS verified, count(i.verified_score) AS present FROM scorecard_item i
                        WHERE i.scorecard_id = s.id
                          AND i.indicator_code = ANY (CASE o.place_type WHEN 'VILLAGE' THEN ?::varchar[] ELSE ?::varchar[] END)) v ON true
                    WHERE o.graded AND o.path LIKE ?""");
            PreparedStatement proposedAdjustments = db.prepareStatement("""
                    SELECT s.organization_id, a.kind, a.code, sum(a.points) FROM scorecard_adjustment a JOIN scorecard s ON s.id = a.scorecard_id
                    WHERE s.cycle_id = ? AND s.organization_id IN (SELECT o.id FROM organization o WHERE o.path LIKE ?)
                    GROUP BY 1, 2, 3""");
            Measured proposedSql = () -> {
                long rows = 0;
                for (Cycle c : list) {
                    String[][] cc = codes.get(c.id());
                    proposedScores.setLong(1, c.id());
                    proposedScores.setArray(2, db.createArrayOf("varchar", cc[0]));
                    proposedScores.setArray(3, db.createArrayOf("varchar", cc[1]));
                    proposedScores.setString(4, c.path() + "%");
                    rows += drain(proposedScores);
                    proposedAdjustments.setLong(1, c.id());
                    proposedAdjustments.setString(2, c.path() + "%");
                    drain(proposedAdjustments);
                }
                return rows;
            };

            // the read side of the alternative: indices stored when a scorecard is written (a session-private table with
            // the columns of fortress_result, filled here from the scores), the list page read as publishedPage reads one
            try (var st = db.createStatement()) {
                st.execute("""
                        CREATE TEMP TABLE bench_current_index AS
                        SELECT s.cycle_id, s.organization_id, round(sum(i.verified_score) / 1.0, 1)::numeric(4, 1) AS official_index,
                               3::smallint AS stars, true AS complete, false AS vetoed
                        FROM scorecard s JOIN scorecard_item i ON i.scorecard_id = s.id GROUP BY s.cycle_id, s.organization_id""");
                st.execute("ALTER TABLE bench_current_index ADD PRIMARY KEY (cycle_id, organization_id)");
                st.execute("ANALYZE bench_current_index");
            }
            String storedWhere = " FROM bench_current_index r JOIN organization o ON o.id = r.organization_id "
                    + "JOIN organization p ON p.id = o.parent_id WHERE r.cycle_id = ? AND o.path LIKE ?";
            PreparedStatement storedCount = db.prepareStatement("SELECT count(*)" + storedWhere);
            PreparedStatement storedPage = db.prepareStatement("SELECT o.id, o.code, o.name, o.division_code, p.name, r.official_index, "
                    + "r.stars, r.complete, r.vetoed" + storedWhere + " ORDER BY r.official_index DESC, o.division_code LIMIT 1 OFFSET 0");
            Measured storedSql = () -> {
                long rows = 0;
                for (Cycle c : list) {
                    for (PreparedStatement ps : List.of(storedCount, storedPage)) {
                        ps.setLong(1, c.id());
                        ps.setString(2, c.path() + "%");
                        rows += drain(ps);
                    }
                }
                return rows;
            };

            Map<String, Measured> all = new LinkedHashMap<>();
            all.put("api", api);
            all.put("floor", floor);
            all.put("floorPerCycle", floorPerCycle);
            all.put("appSql", appSql);
            all.put("proposedSql", proposedSql);
            all.put("storedSql", storedSql);

            // sanity: what each one covers
            api.run();
            long floorRows = floor.run();
            appSql.run();
            long proposedRows = proposedSql.run();
            System.out.printf(Locale.ROOT, "%s: %d cycles (%d user(s)), scope prefix %s%n", label, list.size(), tokens.size(), scopePrefix);
            System.out.printf(Locale.ROOT, "  API: %d graded organisations (totalItems summed over cycles)%n", apiItems[0]);
            System.out.printf(Locale.ROOT, "  floor: %d scored organisations aggregated%n", floorRows);
            System.out.printf(Locale.ROOT, "  app SQL per pass: %d graded rows, %d scorecards, %d items, %d adjustments%n",
                    appRows[0], appRows[1], appRows[2], appRows[3]);
            System.out.printf(Locale.ROOT, "  proposed SQL per pass: %d graded rows with aggregated scores%n", proposedRows);

            for (int i = 0; i < warmup; i++) {
                for (Measured m : all.values()) {
                    m.run();
                }
            }
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
                    apiItems[0], label, floorRows, label, appRows[2]));
            System.out.printf(Locale.ROOT, "%n  %-14s %10s %10s %10s   (ms, %d runs after %d warm-up passes)%n", "measure", "median", "min",
                    "max", runs, warmup);
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
