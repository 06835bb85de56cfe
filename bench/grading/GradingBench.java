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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 6 bench: grading every cycle of a scope (the demo city or a generated province) end to end
 * through the API — one batch per city (POST /api/v1/grading-runs: all its cycles of the year), and,
 * for comparison, POST .../cycles/{id}/grading-runs for every cycle; then poll each run until SUCCEEDED —
 * against the SQL floor (one aggregate over the same score rows), in the same run, interleaved.
 * Also times one SQL aggregate of the summary's shape over all current results of the scope.
 *
 * <p>Run with {@code java -cp <pgjdbc, jackson> GradingBench.java}; configured by environment
 * variables (see {@code run.sh}); prints a table and writes {@code key=value} lines to BENCH_OUT.
 */
public class GradingBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static final class Token {
        final String user;
        final String password;
        String value;
        long at;

        Token(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String get() throws Exception {
            if (value == null || System.nanoTime() - at > 240_000_000_000L) {
                String form = "grant_type=password&client_id=" + enc(env("BENCH_CLIENT_ID", "")) + "&client_secret="
                        + enc(env("BENCH_CLIENT_SECRET", "")) + "&username=" + enc(user) + "&password=" + enc(password);
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env("BENCH_TOKEN_URL", "")))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("token for " + user + ": " + r.statusCode());
                }
                value = JSON.readTree(r.body()).get("access_token").asText();
                at = System.nanoTime();
            }
            return value;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    record Cycle(long id, Token token) {}

    static JsonNode call(String method, String path, Token token) throws Exception {
        return call(method, path, token, null);
    }

    static JsonNode call(String method, String path, Token token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(env("BENCH_BASE_URL", "") + path)).header("Authorization", "Bearer " + token.get())
                .timeout(Duration.ofSeconds(600));
        if (body != null) {
            b = b.header("Content-Type", "application/json");
        }
        b = method.equals("POST") ? b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)) : b.GET();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * Grades every cycle as each city's administrator does from the dashboard: one batch per city
     * ({@code POST /api/v1/grading-runs} with the year and phase — all its counties' cycles, one job),
     * then every run polled until it finished. Returns ms.
     */
    static double gradeBatches(List<Cycle> cycles, int year) throws Exception {
        long t0 = System.nanoTime();
        List<long[]> runs = new ArrayList<>();
        List<Token> cities = cycles.stream().map(Cycle::token).distinct().toList();
        for (Token city : cities) {
            JsonNode batch = call("POST", "/api/v1/grading-runs", city, "{\"year\":" + year + ",\"phase\":\"ANNUAL\"}");
            if (!batch.get("skipped").isEmpty()) {
                throw new IllegalStateException("batch skipped cycles: " + batch.get("skipped"));
            }
            for (JsonNode run : batch.get("runs")) {
                runs.add(new long[] {run.get("id").asLong(), cycles.indexOf(cycles.stream().filter(c -> c.token() == city).findFirst().orElseThrow())});
            }
        }
        await(cycles, runs);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Grades every cycle with one run each (the per-cycle endpoint): all runs started, then each polled until it finished. Returns ms. */
    static double gradeAll(List<Cycle> cycles) throws Exception {
        long t0 = System.nanoTime();
        List<long[]> runs = new ArrayList<>();
        for (Cycle c : cycles) {
            runs.add(new long[] {call("POST", "/api/v1/cycles/" + c.id() + "/grading-runs", c.token()).get("id").asLong(), cycles.indexOf(c)});
        }
        await(cycles, runs);
        return (System.nanoTime() - t0) / 1e6;
    }

    static void await(List<Cycle> cycles, List<long[]> runs) throws Exception {
        for (long[] run : runs) {
            while (true) {
                JsonNode r = call("GET", "/api/v1/grading-runs/" + run[0], cycles.get((int) run[1]).token());
                String state = r.get("state").asText();
                if (state.equals("SUCCEEDED")) {
                    break;
                }
                if (state.equals("FAILED")) {
                    throw new IllegalStateException("run " + run[0] + " failed: " + r.get("failureReason"));
                }
                Thread.sleep(20);
            }
        }
    }

    static final String FLOOR = """
            SELECT s.organization_id, sum(i.verified_score) FROM scorecard s JOIN scorecard_item i ON i.scorecard_id = s.id
            WHERE s.cycle_id = ANY (?) GROUP BY s.organization_id""";

    static final String SUMMARY_ALL = """
            SELECT r.county_id, r.township_id, count(*), count(r.tier), count(*) FILTER (WHERE r.status = 'INCOMPLETE'),
                   count(*) FILTER (WHERE r.tier = 'GOOD'), count(*) FILTER (WHERE r.tier = 'FAIRLY_GOOD'),
                   count(*) FILTER (WHERE r.tier = 'AVERAGE'), count(*) FILTER (WHERE r.tier = 'POOR'),
                   count(*) FILTER (WHERE r.movement = 'UP'), count(*) FILTER (WHERE r.movement = 'SAME'),
                   count(*) FILTER (WHERE r.movement = 'DOWN'), count(*) FILTER (WHERE r.movement = 'NONE'),
                   count(*) FILTER (WHERE r.lagging), count(*) FILTER (WHERE r.complete),
                   count(*) FILTER (WHERE r.complete AND r.stars = 1), count(*) FILTER (WHERE r.complete AND r.stars = 2),
                   count(*) FILTER (WHERE r.complete AND r.stars = 3), count(*) FILTER (WHERE r.complete AND r.stars = 4),
                   count(*) FILTER (WHERE r.complete AND r.stars = 5)
            FROM grading_result r WHERE r.run_id IN (SELECT current_run_id FROM cycle_grading WHERE cycle_id = ANY (?))
            GROUP BY r.county_id, r.township_id""";

    static double sql(Connection db, String sql, Long[] cycles) throws Exception {
        long t0 = System.nanoTime();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setArray(1, db.createArrayOf("bigint", cycles));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        String label = env("BENCH_LABEL", "city");
        int warmup = Integer.parseInt(env("BENCH_WARMUP", "1"));
        int runs = Integer.parseInt(env("BENCH_RUNS", "3"));
        int year = Integer.parseInt(env("BENCH_YEAR", "2026"));
        List<Token> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(env("BENCH_USERS", "")))) {
            String[] p = line.trim().split(" ");
            tokens.add(new Token(p[0], p[1]));
        }
        List<Cycle> cycles = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(env("BENCH_JDBC_URL", ""), "bastion", "bastion")) {
            // each city's county cycles of the year, with that city's administrator
            try (PreparedStatement ps = db.prepareStatement("""
                    WITH cities AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organization WHERE level = 'CITY')
                    SELECT c.id, ci.n FROM cycle c JOIN organization co ON co.id = c.jurisdiction_id JOIN cities ci ON ci.id = co.parent_id
                    WHERE c.year = ? AND c.state <> 'PUBLISHED' ORDER BY c.id""")) {
                ps.setInt(1, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cycles.add(new Cycle(rs.getLong(1), tokens.get(rs.getInt(2) - 1)));
                    }
                }
            }
            Long[] ids = cycles.stream().map(Cycle::id).toArray(Long[]::new);
            long graded;
            long scoreRows;
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT (SELECT count(*) FROM organization o JOIN cycle c ON o.path LIKE (SELECT path FROM organization WHERE id = c.jurisdiction_id) || '%'
                            WHERE o.graded AND c.id = ANY (?)),
                           (SELECT count(*) FROM scorecard_item i JOIN scorecard s ON s.id = i.scorecard_id WHERE s.cycle_id = ANY (?))""")) {
                ps.setArray(1, db.createArrayOf("bigint", ids));
                ps.setArray(2, db.createArrayOf("bigint", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    graded = rs.getLong(1);
                    scoreRows = rs.getLong(2);
                }
            }
            System.err.printf("%s: %d cycles, %d graded organisations, %d score rows%n", label, cycles.size(), graded, scoreRows);
            for (int i = 0; i < warmup; i++) {
                gradeBatches(cycles, year);
                gradeAll(cycles);
                sql(db, FLOOR, ids);
            }
            List<Double> api = new ArrayList<>();
            List<Double> perCycle = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            List<Double> summary = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                api.add(gradeBatches(cycles, year));
                floor.add(sql(db, FLOOR, ids));
                perCycle.add(gradeAll(cycles));
                summary.add(sql(db, SUMMARY_ALL, ids));
                System.err.printf("run %d: grade (batch per city) %.1f ms, floor %.1f ms, grade (run per cycle) %.1f ms, summary SQL %.1f ms%n", i + 1,
                        api.getLast(), floor.getLast(), perCycle.getLast(), summary.getLast());
            }
            Map<String, String> out = new LinkedHashMap<>();
            out.put(label + ".cycles", Integer.toString(cycles.size()));
            out.put(label + ".graded", Long.toString(graded));
            out.put(label + ".scoreRows", Long.toString(scoreRows));
            out.put(label + ".grade.median", String.format(Locale.ROOT, "%.1f", median(api)));
            out.put(label + ".grade.min", String.format(Locale.ROOT, "%.1f", api.stream().mapToDouble(d -> d).min().orElse(0)));
            out.put(label + ".floor.median", String.format(Locale.ROOT, "%.1f", median(floor)));
            out.put(label + ".floor.min", String.format(Locale.ROOT, "%.1f", floor.stream().mapToDouble(d -> d).min().orElse(0)));
            out.put(label + ".perCycle.median", String.format(Locale.ROOT, "%.1f", median(perCycle)));
            out.put(label + ".perCycle.min", String.format(Locale.ROOT, "%.1f", perCycle.stream().mapToDouble(d -> d).min().orElse(0)));
            out.put(label + ".summarySql.median", String.format(Locale.ROOT, "%.1f", median(summary)));
            out.put(label + ".runs", api.toString());
            StringBuilder b = new StringBuilder();
            out.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            Files.writeString(Path.of(env("BENCH_OUT", "/dev/null")), b.toString());
            System.out.printf(Locale.ROOT, "%-9s cycles %d, graded %d, score rows %d | grade (batch per city) med %.1f min %.1f | floor med %.1f min %.1f | ratio med %.2f× min %.2f× | grade (run per cycle) med %.1f = %.2f× | summary SQL (all) med %.1f ms%n",
                    label, cycles.size(), graded, scoreRows, median(api), api.stream().mapToDouble(d -> d).min().orElse(0), median(floor),
                    floor.stream().mapToDouble(d -> d).min().orElse(0), median(api) / median(floor),
                    api.stream().mapToDouble(d -> d).min().orElse(0) / floor.stream().mapToDouble(d -> d).min().orElse(1), median(perCycle),
                    median(perCycle) / median(floor), median(summary));
            System.out.println(label + " runs (ms): " + Arrays.toString(api.toArray()));
        }
    }
}
